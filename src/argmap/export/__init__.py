"""Exports of a resolved map. Each format is a module with `render(rmap) -> str | bytes`.

FORMATS maps a format name to (module path, file suffix); modules are imported
only when their format is asked for, so `argmap --help` stays fast. A module
whose output does not depend on the map sets `NEEDS_MAP = False` (the schema);
one that shows grounded labels takes `accepted=` (ids accepted for a round).
"""

from __future__ import annotations

import importlib

FORMATS: dict[str, tuple[str, str]] = {
    "json": ("argmap.export.json_export", ".json"),
    "schema": ("argmap.export.schema", ".schema.json"),
    "aif": ("argmap.export.aif", ".aif.json"),
    "argdown": ("argmap.export.argdown", ".argdown"),
    "docx": ("argmap.export.docx", ".docx"),
    "cards-json": ("argmap.export.cards_json", ".cards.json"),
    "cite-request": ("argmap.export.cite_request", ".cite-request.md"),
}


def needs_map(fmt: str) -> bool:
    module_name, _suffix = FORMATS[fmt]
    return getattr(importlib.import_module(module_name), "NEEDS_MAP", True)


def render(fmt: str, rmap, **options) -> str | bytes:
    """`options` (such as accepted=...) are passed on to formats that take them.

    A format whose module sets `TAKES_ANALYSIS = True` (the evidence files)
    renders from the Analysis: pass one, or a resolved map to analyse here."""
    module_name, _suffix = FORMATS[fmt]
    module = importlib.import_module(module_name)
    options = {k: v for k, v in options.items() if v}
    target = rmap
    if getattr(module, "TAKES_ANALYSIS", False):
        from argmap.analyze.analysis import Analysis, analyze

        if not isinstance(target, Analysis):
            target = analyze(target, options.get("accepted") or ())
    return module.render(target, **options) if options else module.render(target)
