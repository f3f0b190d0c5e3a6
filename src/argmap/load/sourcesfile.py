"""seeds/sources.yaml written as text: an entry added or put in place of the one of
the same id, the rest of the file (its comments, its layout) byte for byte.
`argmap source add` and `argmap import` both write through here."""

from __future__ import annotations

from argmap.core.fsutil import atomic_write
from argmap.load.loader import LoadedSource
from argmap.load.project import Project


def write_source_entry(project: Project, sid: str, block: str, existing: dict[str, LoadedSource]) -> None:
    """Add a source's entry (`block`, YAML text indented as an item of `sources:`) to seeds/sources.yaml
    as text, so the file's comments and layout stay; with the id in `existing` (load_sources' result,
    whose locations say where each entry starts) the old entry's lines give way to the new one."""
    path = project.sources_file
    if not path.is_file():
        atomic_write(path, "# Metadata for the source texts in this folder. Evidence cards cite what is here.\n\nsources:\n" + block,
                     within=project.seeds_dir, shown=project.display(path))
        return
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    if sid in existing:  # --force: the old entry's lines give way to the new one
        starts = sorted(ls.location.line for ls in existing.values())
        start = existing[sid].location.line - 1
        later = [s for s in starts if s - 1 > start]
        end = later[0] - 1 if later else len(lines)
        while later and end > start + 1 and lines[end - 1].lstrip().startswith("#"):
            end -= 1  # the comments just above the next entry are the next entry's
        while start > 0 and lines[start - 1].lstrip().startswith("# added by `argmap source add"):
            start -= 1
        lines[start:end] = [block]
        new = "".join(lines)
    else:
        new = text + ("" if text.endswith("\n") else "\n") + block
    atomic_write(path, new, within=project.seeds_dir, shown=project.display(path))
