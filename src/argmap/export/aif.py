"""The Argument Interchange Format, in the JSON form AIFdb and OVA read.

    {"nodes": [{"nodeID": "1", "text": "...", "type": "I", "timestamp": "2023-01-01 00:00:00"}, ...],
     "edges": [{"edgeID": "1", "fromID": "1", "toID": "7", "formEdgeID": null}, ...],
     "locutions": [{"nodeID": "9", "personID": "1", "timestamp": "..."}],
     "participants": [{"participantID": "1", "firstname": "Smith 21", "surname": ""}]}

- Every statement is an I-node (information) with its text.
- An argument that supports a statement is one RA-node (rule application):
  an edge from each premise into it (linked premises share the one node) and
  one edge out to the conclusion. Its `scheme` is the scheme's name as OVA and
  AIFdb write it ("Expert Opinion"; "Default Inference" when the map names
  none), with its `schemeID` where AIFdb's id is known or was imported.
- An attack is a CA-node (conflict application): a rebuttal runs from the
  premises through the CA-node to the statement it attacks; an undercut runs
  to the RA- or CA-node of the argument it undercuts.
- A rephrase (`rephrases:`) is an MA-node ("Default Rephrase") from the
  statement to the one it restates.
- A card is a locution of its source: an L-node whose text is the quote, as
  it stands in the source, with a YA-node ("Asserting") to each statement it
  supports; the source is the locution's participant. A card that challenges a
  statement asserts its quote as an I-node of its own, in conflict (CA) with
  the statement.
- Items imported from an AIF file keep their nodeID, scheme, schemeID and
  timestamp (`aif:` in the claim file), rephrases their MA nodeID
  (`aif: rephrase_ids:`); every other node is numbered in map
  order and stamped with the build's fixed time, so the same map gives the
  same file.
- Critical questions (`analyze/schemes.py`) are AIFdb's conflict schemes: an
  attack on an argument that names a scheme is a CA-node named by the conflict
  scheme of the question it raises ("Lack Of Expert Reliability", with its
  `schemeID`) when that can be decided (`schemes.raised_questions`): the
  attack names its question (`aif: question: <key>`) and aims where it does
  (undercut: the inference; rebuttal of a premise: that premise; rebuttal of a
  supporting argument's conclusion: the conclusion), or, naming none, it is an
  undercut that matches exactly one inference question, one with a conflict
  scheme (a sign's "reliable-sign"). Otherwise, or when the
  question has no AIFdb counterpart, it stays "Default Conflict". A scheme name
  kept from an AIF file wins over the decided one unless the attack names its
  question.

The extra top-level key `argmap` (ignored by AIF tools) maps each node back to
the map's id, gives its grounded label and, on a CA-node that raises a
critical question, that question (`question: {argument, key}`; `argument` is
null when the attack names a question it does not raise); its
`critical_questions` lists the open questions (those no attack raises) of each
argument that names a scheme: its RA- (or CA-) node (`nodeID`), the key, aim
and text, the nodes they probe (`targets`) and the conflict scheme (`scheme`,
`schemeID`) that an attack raising them would be. They are not I-nodes: nobody
has asserted them, and AIF has no node for a question not yet asked.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from argmap.core.reproducible import timestamp
from argmap.load.model import AifOrigin, Relation
from argmap.analyze.analysis import Analysis
from argmap.resolve.resolver import ResolvedMap
from argmap.analyze.schemes import AIF_CONFLICT_SCHEME_IDS, AIF_SCHEME_IDS, AIF_SCHEME_NAMES, open_questions, raised_questions

DEFAULT_INFERENCE = "Default Inference"
DEFAULT_CONFLICT = "Default Conflict"
DEFAULT_REPHRASE = "Default Rephrase"
ASSERTING = "Asserting"
# AIFdb's schemeIDs for the schemes argmap writes (as OVA sets them); a scheme not here gets no schemeID.
SCHEME_IDS = {DEFAULT_INFERENCE: "72", DEFAULT_CONFLICT: "71", DEFAULT_REPHRASE: "144", ASSERTING: "74"}


def evidence_text(rmap: ResolvedMap, eid: str) -> str:
    """An evidence item's words as they stand in the source."""
    rev = rmap.evidence[eid]
    return rev.anchor.exact if rev.anchor is not None else rev.evidence.quote


def _stamp() -> str:
    return datetime.fromtimestamp(timestamp(), tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def to_data(rmap: ResolvedMap, labels: dict[str, str] | None = None) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []
    participants: dict[str, dict[str, Any]] = {}
    info: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}  # map id -> I-node id (statements) or S-node id (arguments)
    stamp = _stamp()
    items = [*rmap.statements.values(), *rmap.arguments.values(), *(r.evidence for r in rmap.evidence.values())]
    kept = {item.aif.id for item in items if getattr(item, "aif", None) is not None and item.aif.id}
    kept |= {ma for st in rmap.statements.values() if st.aif is not None for ma in st.aif.rephrase_ids.values()}
    counter = [0]

    def fresh() -> str:
        counter[0] += 1
        while str(counter[0]) in kept:
            counter[0] += 1
        return str(counter[0])

    def node(text: str, kind: str, *, scheme: str | None = None, origin: str | None = None, role: str,
             aif: Any = None) -> str:
        nid = aif.id if aif is not None and aif.id and aif.id not in {n["nodeID"] for n in nodes} else fresh()
        item: dict[str, Any] = {"nodeID": nid, "text": text, "type": kind,
                                "timestamp": (aif.timestamp if aif is not None and aif.timestamp else stamp)}
        if scheme is not None:
            item["scheme"] = scheme
            scheme_id = (aif.scheme_id if aif is not None and aif.scheme_id and aif.scheme == scheme
                         else SCHEME_IDS.get(scheme) or AIF_SCHEME_IDS.get(scheme) or AIF_CONFLICT_SCHEME_IDS.get(scheme))
            if scheme_id:
                item["schemeID"] = scheme_id
        nodes.append(item)
        if origin is not None:
            extra: dict[str, Any] = {"id": origin, "role": role}
            if labels and origin in labels:
                extra["status"] = labels[origin]
            info[nid] = extra
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b, "formEdgeID": None})

    for sid, st in rmap.statements.items():
        ids[sid] = node(st.text, "I", origin=sid, role=f"statement:{st.kind.value}", aif=st.aif)
    raised = raised_questions(rmap)
    # S-nodes first, so that undercuts can point at any argument whatever its order.
    for aid, arg in rmap.arguments.items():
        kept_name = arg.aif.scheme if arg.aif is not None and arg.aif.scheme else None
        if arg.relation is Relation.support:
            name = AIF_SCHEME_NAMES[arg.scheme] if arg.scheme else (kept_name or DEFAULT_INFERENCE)
            ids[aid] = node(name, "RA", scheme=name, origin=aid, role="argument:support", aif=arg.aif)
        else:
            # the conflict scheme of the critical question it raises; a name kept from an AIF file wins unless
            # the attack names its question itself
            q = raised.get(aid)
            named = q is not None and arg.aif is not None and arg.aif.question == q.key
            name = (q.conflict if q is not None and q.conflict and (named or not kept_name) else None) \
                or kept_name or DEFAULT_CONFLICT
            ids[aid] = node(name, "CA", scheme=name, origin=aid, role=f"argument:{arg.relation.value}", aif=arg.aif)
            if q is not None:
                info[ids[aid]]["question"] = {"argument": q.argument_id, "key": q.key}
            elif arg.aif is not None and arg.aif.question:  # named, but not a question where the attack aims
                info[ids[aid]]["question"] = {"argument": None, "key": arg.aif.question}
    for aid, arg in rmap.arguments.items():
        for p in arg.premises:
            if p in ids:
                edge(ids[p], ids[aid])
        if arg.target in ids:
            edge(ids[aid], ids[arg.target])
    for sid, st in rmap.statements.items():
        for other in st.rephrases:
            if other in ids and other != sid:
                ma_id = st.aif.rephrase_ids.get(other) if st.aif is not None else None
                ma = node(DEFAULT_REPHRASE, "MA", scheme=DEFAULT_REPHRASE, origin=sid, role=f"rephrases:{other}",
                          aif=AifOrigin(id=ma_id) if ma_id else None)
                edge(ids[sid], ma)
                edge(ma, ids[other])
    for eid, rev in rmap.evidence.items():
        ev = rev.evidence
        src = rmap.sources.get(ev.source)
        person = participants.setdefault(ev.source, {
            "participantID": str(len(participants) + 1),
            "firstname": src.cite_short() if src is not None else ev.source, "surname": ""})
        quote = evidence_text(rmap, eid)
        loc = node(quote, "L", origin=eid, role="evidence", aif=ev.aif)
        locutions.append({"nodeID": loc, "personID": person["participantID"], "timestamp": nodes[-1]["timestamp"]})
        for sid in ev.supports:
            if sid in ids:
                ya = node(ASSERTING, "YA", scheme=ASSERTING, origin=eid, role=f"evidence-supports:{sid}")
                edge(loc, ya)
                edge(ya, ids[sid])
        for sid in ev.challenges:
            if sid in ids:
                ya = node(ASSERTING, "YA", scheme=ASSERTING, origin=eid, role=f"evidence-asserts:{sid}")
                said = node(quote, "I", origin=eid, role=f"evidence-quote:{sid}")
                ca = node(DEFAULT_CONFLICT, "CA", scheme=DEFAULT_CONFLICT, origin=eid, role=f"evidence-challenges:{sid}")
                edge(loc, ya)
                edge(ya, said)
                edge(said, ca)
                edge(ca, ids[sid])
    questions = []
    for aid, qs in open_questions(rmap).items():
        for q in qs:
            question: dict[str, Any] = {"nodeID": ids[aid], "argument": aid, "key": q.key, "aim": q.aim, "text": q.text,
                                        "targets": [ids[t] for t in q.targets if t in ids],
                                        "scheme": q.conflict or DEFAULT_CONFLICT,
                                        "schemeID": AIF_CONFLICT_SCHEME_IDS[q.conflict or DEFAULT_CONFLICT]}
            questions.append(question)
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": locutions,
        "participants": list(participants.values()),
        "argmap": {"map": rmap.id, "title": rmap.header.title, "nodes": info, "critical_questions": questions},
    }


def render(analysis: Analysis) -> str:
    return json.dumps(to_data(analysis.map, analysis.evaluation.status()), ensure_ascii=False, indent=2) + "\n"
