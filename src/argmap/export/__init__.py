"""Exports of a resolved map. Each format is a module with `render(rmap) -> str | bytes`.

FORMATS maps a format name to (module path, file suffix); modules are imported
only when their format is asked for, so `argmap --help` stays fast. Each
module's `render(analysis)` is a function of the map's one Analysis (labels
accepted for a round included); a module whose output does not depend on the
map sets `NEEDS_MAP = False` (the schema) and its `render()` takes nothing.
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


def render(fmt: str, analysis) -> str | bytes:
    """The export of one analysed map (None for a format that needs no map: the schema)."""
    module_name, _suffix = FORMATS[fmt]
    module = importlib.import_module(module_name)
    if analysis is None:
        return module.render()
    return module.render(analysis)
