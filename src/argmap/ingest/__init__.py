"""Stage 0, ingest: bring maps made elsewhere into claim files (`argmap import`).

One module per format (`argdown`, `aif`, `kialo`, `verbatim`); each reads a
file into a `common.Draft`, and `common.write_draft` writes it. This stage
sits at the top of the pipeline beside `resolve`: it uses only `load` (the
claim-file model) and `core`.
"""

from __future__ import annotations

from pathlib import Path

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, did_you_mean
from argmap.ingest.common import ImportResult, map_name_for, unreadable, write_draft
from argmap.load.project import Project

FORMATS = ("argdown", "argdown-json", "aif", "kialo", "docx")
EXTENSIONS = {".argdown": "argdown", ".ad": "argdown", ".docx": "docx", ".txt": "kialo"}


def detect(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".argdown.json", ".ad.json")):
        return "argdown-json"
    if path.suffix.lower() == ".json":
        import json

        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            return "aif"  # the AIF reader reports where the JSON breaks
        if isinstance(data, dict) and "statements" in data and "arguments" in data:
            return "argdown-json"
        return "aif"
    return EXTENSIONS.get(path.suffix.lower())


def read_draft(path: Path, fmt: str, shown: str, title: str, map_id: str, sources: set[str] = frozenset()):
    if fmt == "aif":
        from argmap.ingest import aif

        return aif.read(path, shown, title, map_id)
    if fmt in ("argdown", "argdown-json"):
        from argmap.ingest import argdown

        return argdown.read(path, shown, title, json_export=fmt == "argdown-json", sources=sources)
    if fmt == "kialo":
        from argmap.ingest import kialo

        return kialo.read(path, shown, title, map_id)
    from argmap.ingest import verbatim

    return verbatim.read(path, shown, title, map_id)


def import_file(project: Project, file: Path, *, from_: str | None = None, map_name: str | None = None,
                force: bool = False) -> ImportResult:
    shown = str(file)
    if not file.is_file():
        raise ArgmapError([Diagnostic("E007", f"{shown} does not exist", Location(shown))])
    fmt = from_ or detect(file)
    if fmt is None:
        raise unreadable(shown, f"cannot tell the format of '{file.name}' from its extension",
                         hint=f"name it with --from: {', '.join(FORMATS)}")
    if fmt not in FORMATS:
        guess = did_you_mean(fmt, FORMATS)
        raise unreadable(shown, f"'{fmt}' is not a format argmap imports",
                         hint=(f"did you mean '{guess}'? " if guess else "") + f"formats: {', '.join(FORMATS)}")
    map_id = map_name or map_name_for(file)
    title = file.name.split(".")[0].replace("_", " ").replace("-", " ").strip() or map_id
    from argmap.ingest.common import existing_source_ids

    draft = read_draft(file, fmt, shown, title, map_id, existing_source_ids(project))
    return write_draft(project, draft, map_id, shown=shown, force=force)
