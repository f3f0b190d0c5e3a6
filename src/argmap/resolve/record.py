"""`argmap check --update-anchors`: record where every quote anchors now.

Writes `seeds/anchors.json` (argmap.load.anchors) and, for a source whose text
changed, its new sha256 in `seeds/sources.yaml` (that one line, the rest of
the file byte for byte). A source is recorded only when every quote of it in
the checked maps anchors: a quote that no longer matches keeps its old record,
so the next check can still show where it was. Nothing is written otherwise.
"""

from __future__ import annotations

import re
from typing import Sequence

from argmap.core.fsutil import atomic_write
from argmap.load.anchors import RecordedAnchor, SourceAnchors, anchors_path, dump_anchors, record_key
from argmap.load.loader import LoadedSource, load_sources
from argmap.load.project import Project


def update_anchors(project: Project, maps: Sequence, *, whole_project: bool) -> list[str]:
    """Record the anchors of the resolved `maps` (MapResults); return one line per change.
    With `whole_project`, records no map uses any more are dropped."""
    sources, _ = load_sources(project)  # with each source's recorded anchors (seeds/anchors.json)
    fresh: dict[str, dict[str, RecordedAnchor]] = {}
    failing: dict[str, int] = {}
    for mr in maps:
        if mr.map is None:
            continue
        for rev in mr.map.evidence.values():
            ev = rev.evidence
            if ev.source not in sources:
                continue
            if rev.anchor is None:
                failing[ev.source] = failing.get(ev.source, 0) + 1
                continue
            a = rev.anchor
            fresh.setdefault(ev.source, {})[record_key(ev.quote, ev.occurrence, ev.after, ev.before)] = RecordedAnchor(a.start, a.end, a.prefix, a.suffix)
    lines: list[str] = []
    records = {sid: ls.recorded for sid, ls in sources.items() if ls.recorded is not None}
    new_shas: dict[str, LoadedSource] = {}
    for sid in sorted(set(fresh) | set(failing)):
        ls = sources[sid]
        if failing.get(sid):
            lines.append(f"'{sid}': not recorded, {failing[sid]} quote(s) from it do not anchor (fix them first)")
            continue
        if ls.digest is None:
            continue
        quotes = dict(fresh[sid])
        kept = records.get(sid)
        if not whole_project and kept is not None:  # other maps' records stay (a stale one is checked before use)
            quotes = {**kept.quotes, **quotes}
        if kept is None or kept.sha256 != ls.digest or kept.quotes != quotes:
            lines.append(f"'{sid}': recorded {len(quotes)} anchor(s) in {project.display(anchors_path(project))}")
        records[sid] = SourceAnchors(ls.digest, quotes)
        if ls.source.sha256 and ls.source.sha256 != ls.digest:
            new_shas[sid] = ls
    if whole_project:  # an edited text no map quotes: nothing to re-anchor, its sha256 is brought up to date
        for sid, ls in sources.items():
            if sid not in fresh and sid not in failing and ls.digest and ls.source.sha256 and ls.source.sha256 != ls.digest:
                new_shas[sid] = ls
        for sid in [s for s in records if s not in fresh and s not in failing]:
            del records[sid]
            lines.append(f"'{sid}': no map quotes it any more; its records are dropped")
    text = dump_anchors(records)
    path = anchors_path(project)
    current = path.read_text(encoding="utf-8") if path.is_file() else None
    if records and text != current or not records and current is not None:
        atomic_write(path, text, within=project.seeds_dir, shown=project.display(path))
    if new_shas:
        _write_shas(project, new_shas)
        for sid, ls in new_shas.items():
            lines.append(f"'{sid}': sha256 in {project.display(project.sources_file)} set to {ls.digest}")
    return lines


def _write_shas(project: Project, changed: dict[str, LoadedSource]) -> None:
    """Replace each changed source's sha256 on its own line of sources.yaml."""
    path = project.sources_file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for ls in changed.values():
        n = ls.field_location("sha256").line - 1
        lines[n] = re.sub(re.escape(ls.source.sha256), ls.digest, lines[n], count=1)
    atomic_write(path, "".join(lines), within=project.seeds_dir, shown=project.display(path))
