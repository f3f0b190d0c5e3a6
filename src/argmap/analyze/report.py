"""What `argmap check` shows of the analyze stage: weak spots and grounded labels.

    from argmap import api

    from argmap.analyze import report as analysis
    result = api.check(project)
    notes = analysis.weak_spot_report(result, verbose=True)   # adds W5xx warnings to result
    for e in analysis.evaluation_report(result, accept=["ex-talks-stalled"]):
        print(e.format())

Only maps without errors are analysed: the labels of a broken map would
mislead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from argmap.api import CheckResult
from argmap.analyze.evaluate import Evaluation, UnknownAcceptedId, evaluate
from argmap.analyze.weakspots import find_weak_spots, summary


def weak_spot_report(result: CheckResult, verbose: bool = False) -> list[str]:
    """With verbose, add every weak spot to its map's diagnostics as a W5xx
    warning and return nothing; otherwise return one line per map that has
    weak spots, counting them."""
    lines: list[str] = []
    for mr in result.maps:
        if not mr.ok or mr.map is None:
            continue
        spots = find_weak_spots(mr.map)
        if not spots:
            continue
        if verbose:
            mr.diagnostics.extend(ws.to_diagnostic(mr.map) for ws in spots)
        else:
            lines.append(f"note: {mr.map.id}: {summary(spots)}; `argmap check --verbose` lists them")
    return lines


@dataclass
class MapEvaluation:
    map_id: str
    evaluation: Evaluation

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(label, kind, id, why) for statements, then arguments, then evidence."""
        ev, m = self.evaluation, self.evaluation.map
        rows = [(ev.label(i).value, m.statements[i].kind.value, i, ev.explain(i)) for i in m.statements]
        rows += [(ev.label(i).value, "argument", i, ev.explain(i)) for i in m.arguments]
        rows += [(ev.label(i).value, "evidence", i, ev.explain(i)) for i in m.evidence]
        return rows

    def format(self) -> str:
        ev = self.evaluation
        counts = ev.counts()
        head = f"{self.map_id}: grounded labels: {counts['in']} in, {counts['out']} out, {counts['undec']} undecided"
        if ev.accepted:
            head += f" (accepted: {', '.join(sorted(ev.accepted))})"
        rows = self.rows()
        w_kind = max((len(r[1]) for r in rows), default=0)
        w_id = max((len(r[2]) for r in rows), default=0)
        lines = [head]
        lines += [f"  {lab:<5}  {kind:<{w_kind}}  {ident:<{w_id}}  {why}" for lab, kind, ident, why in rows]
        for a, b in ev.conflicts:
            lines.append(f"  note: accepted '{a}' and accepted '{b}' contradict each other; both are kept in")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        ev = self.evaluation
        return {
            "semantics": "grounded",
            "accepted": sorted(ev.accepted),
            "counts": ev.counts(),
            "labels": ev.status(),
            "conflicts": [list(c) for c in ev.conflicts],
        }


def evaluation_report(result: CheckResult, accept: Iterable[str] = ()) -> list[MapEvaluation]:
    """Grounded labels of every map without errors. Each `accept` id applies to
    the maps that have it; an id that no checked map has raises UnknownAcceptedId."""
    accept = list(accept)
    out: list[MapEvaluation] = []
    used: set[str] = set()
    clean = [mr for mr in result.maps if mr.ok and mr.map is not None]
    for mr in clean:
        m = mr.map
        mine = [a for a in accept if a in m.statements or a in m.evidence or a in m.arguments or a in m.options]
        used.update(mine)
        out.append(MapEvaluation(m.id, evaluate(m, mine)))
    missing = [a for a in accept if a not in used]
    if missing:
        if len(clean) == 1:
            evaluate(clean[0].map, missing)  # raises with a did-you-mean
        raise UnknownAcceptedId(f"no statement or evidence '{missing[0]}' in the map(s) checked")
    return out
