"""Exports of a resolved map. Each format is a module with `render(rmap) -> str | bytes`.

FORMATS maps a format name to (module path, file suffix); modules are imported
only when their format is asked for, so `argmap --help` stays fast.
"""

from __future__ import annotations

import importlib

FORMATS: dict[str, tuple[str, str]] = {
    "json": ("argmap.exports.json_export", ".json"),
}


def render(fmt: str, rmap) -> str | bytes:
    module_name, _suffix = FORMATS[fmt]
    return importlib.import_module(module_name).render(rmap)
