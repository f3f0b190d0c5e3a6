"""What `argmap check` shows of an analysis: weak spots and grounded labels.

    from argmap.analyze.analysis import analyze
    from argmap.analyze import report
    a = analyze(rmap)
    report.weak_spot_diagnostics(a)     # the W5xx warnings of `check --verbose`
    print(report.labels_text(a))        # every item in, out or undecided, and why

Like every output, these are functions of the Analysis alone.
"""

from __future__ import annotations

from typing import Any

from argmap.analyze.analysis import Analysis
from argmap.analyze.weakspots import summary
from argmap.core.diagnostics import Diagnostic


def weak_spot_diagnostics(analysis: Analysis) -> list[Diagnostic]:
    return [ws.to_diagnostic(analysis.map) for ws in analysis.weak_spots]


def weak_spot_note(analysis: Analysis) -> str | None:
    """One line counting the weak spots, for a `check` without --verbose."""
    if not analysis.weak_spots:
        return None
    return f"note: {analysis.id}: {summary(list(analysis.weak_spots))}; `argmap check --verbose` lists them"


def label_rows(analysis: Analysis) -> list[tuple[str, str, str, str]]:
    """(label, kind, id, why) for statements, then arguments, then evidence."""
    ev, m = analysis.evaluation, analysis.map
    rows = [(ev.label(i).value, m.statements[i].kind.value, i, ev.explain(i)) for i in m.statements]
    rows += [(ev.label(i).value, "argument", i, ev.explain(i)) for i in m.arguments]
    rows += [(ev.label(i).value, "evidence", i, ev.explain(i)) for i in m.evidence]
    return rows


def labels_text(analysis: Analysis) -> str:
    ev = analysis.evaluation
    counts = analysis.counts().labels
    head = f"{analysis.id}: grounded labels: {counts['in']} in, {counts['out']} out, {counts['undec']} undecided"
    if ev.accepted:
        head += f" (accepted: {', '.join(sorted(ev.accepted))})"
    rows = label_rows(analysis)
    w_kind = max((len(r[1]) for r in rows), default=0)
    w_id = max((len(r[2]) for r in rows), default=0)
    lines = [head]
    lines += [f"  {lab:<5}  {kind:<{w_kind}}  {ident:<{w_id}}  {why}" for lab, kind, ident, why in rows]
    for a, b in ev.conflicts:
        lines.append(f"  note: accepted '{a}' and accepted '{b}' contradict each other; both are kept in")
    return "\n".join(lines)


def labels_json(analysis: Analysis) -> dict[str, Any]:
    ev = analysis.evaluation
    return {
        "semantics": "grounded",
        "accepted": sorted(ev.accepted),
        "counts": dict(analysis.counts().labels),
        "labels": ev.status(),
        "conflicts": [list(c) for c in ev.conflicts],
    }
