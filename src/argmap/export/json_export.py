"""The analysed map as JSON: what other tools can rely on.

Every statement, argument and card with its links, anchor, side and grounded
label, then the analysis' counts and weak spots: the same numbers `check
--verbose` prints and the handouts show.
"""

from __future__ import annotations

import json
from typing import Any

from argmap import __version__
from argmap.analyze.analysis import Analysis


def _dump(model) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_none=True)


def to_data(analysis: Analysis) -> dict[str, Any]:
    m = analysis.map
    evaluation = analysis.evaluation
    status = evaluation.status()
    statements = []
    for sid, st in m.statements.items():
        item = _dump(st)
        item["side"] = analysis.sides[sid].value
        item["supported_by"] = list(m.supporting_args.get(sid, []))
        item["attacked_by"] = list(m.attacking_args.get(sid, []))
        item["premise_of"] = list(m.premise_of.get(sid, []))
        item["evidence_for"] = list(m.evidence_for.get(sid, []))
        item["evidence_against"] = list(m.evidence_against.get(sid, []))
        item["defined_at"] = str(m.locations[sid])
        item["status"] = status[sid]
        statements.append(item)
    arguments = []
    for aid, arg in m.arguments.items():
        item = _dump(arg)
        item["relation"] = arg.relation.value
        item["target"] = arg.target
        item["undercut_by"] = list(m.undercutting_args.get(aid, []))
        item["defined_at"] = str(m.locations[aid])
        item["side"] = analysis.sides[aid].value
        item["status"] = status[aid]
        arguments.append(item)
    evidence = []
    for eid, rev in m.evidence.items():
        item = _dump(rev.evidence)
        item["anchor"] = rev.anchor.to_json() if rev.anchor else None
        item["highlight_spans"] = [list(s) for s in rev.highlights]
        item["emphasis_spans"] = [list(s) for s in rev.emphasis]
        item["short_cite"] = m.sources[rev.evidence.source].cite_short() if rev.evidence.source in m.sources else None
        item["defined_at"] = str(m.locations[eid])
        item["number"] = analysis.card_numbers[eid]
        item["side"] = analysis.sides[eid].value
        item["status"] = status[eid]
        item["status_by_use"] = {
            **{sid: evaluation.use_label(eid, sid, False).value for sid in rev.evidence.supports if sid in m.statements},
            **{sid: evaluation.use_label(eid, sid, True).value for sid in rev.evidence.challenges if sid in m.statements},
        }
        evidence.append(item)
    sources = []
    for sid, src in m.sources.items():
        item = _dump(src)
        item["short_cite"] = src.cite_short()
        sources.append(item)
    return {
        "argmap_version": __version__,
        "map": {"id": m.id, **_dump(m.header), "files": m.files},
        "sources": sources,
        "options": [_dump(o) for o in m.options.values()],
        "statements": statements,
        "arguments": arguments,
        "evidence": evidence,
        # Grounded labels (argmap.analyze.evaluate): every item above has "status": in | out | undec.
        "evaluation": {"semantics": "grounded", "accepted": sorted(evaluation.accepted), "counts": dict(analysis.counts().labels),
                       "conflicts": [list(c) for c in evaluation.conflicts]},
        "counts": analysis.counts().to_json(),
        "weak_spots": [{"code": ws.code, "kind": ws.kind, "subject": ws.subject, "message": ws.message,
                        "hint": ws.hint, "related": list(ws.related), "kept": ws.acknowledged}
                       for ws in analysis.weak_spots],
    }


def render(analysis: Analysis) -> str:
    return json.dumps(to_data(analysis), ensure_ascii=False, indent=2) + "\n"
