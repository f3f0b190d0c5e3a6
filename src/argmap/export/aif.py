"""The Argument Interchange Format, in the JSON form AIFdb and OVA read.

    {"nodes": [{"nodeID": "1", "text": "...", "type": "I"}, ...],
     "edges": [{"edgeID": "1", "fromID": "1", "toID": "7", "formEdgeID": null}, ...],
     "locutions": []}

- Every statement is an I-node (information) with its text; every evidence
  item is an I-node with its quote, exactly as it stands in the source.
- An argument that supports a statement is one RA-node (rule application):
  an edge from each premise into it (linked premises share the one node) and
  one edge out to the conclusion. Its `scheme` names the argumentation scheme
  (AIFdb's names, "Default Inference" when the map names none).
- An attack is a CA-node (conflict application): a rebuttal runs from the
  premises through the CA-node to the statement it attacks; an undercut runs
  to the RA- or CA-node of the argument it undercuts.
- Evidence supports a statement through its own RA-node and challenges one
  through its own CA-node.

Node ids are numbers in map order, so the same map gives the same file. The
extra top-level key `argmap` (ignored by AIF tools) maps each node back to the
map's id and gives its grounded label.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.load.model import Relation
from argmap.analyze.analysis import Analysis
from argmap.resolve.resolver import ResolvedMap
from argmap.analyze.schemes import AIF_SCHEME_NAMES

DEFAULT_INFERENCE = "Default Inference"
DEFAULT_CONFLICT = "Default Conflict"


def evidence_text(rmap: ResolvedMap, eid: str) -> str:
    """An evidence item's words as they stand in the source."""
    rev = rmap.evidence[eid]
    return rev.anchor.exact if rev.anchor is not None else rev.evidence.quote


def to_data(rmap: ResolvedMap, labels: dict[str, str] | None = None) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    info: dict[str, dict[str, Any]] = {}
    ids: dict[str, str] = {}  # map id -> I-node id (statements, evidence) or S-node id (arguments)

    def node(text: str, kind: str, *, scheme: str | None = None, origin: str | None = None, role: str) -> str:
        nid = str(len(nodes) + 1)
        item: dict[str, Any] = {"nodeID": nid, "text": text, "type": kind}
        if scheme is not None:
            item["scheme"] = scheme
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
        ids[sid] = node(st.text, "I", origin=sid, role=f"statement:{st.kind.value}")
    for eid in rmap.evidence:
        ids[eid] = node(evidence_text(rmap, eid), "I", origin=eid, role="evidence")
    # S-nodes first, so that undercuts can point at any argument whatever its order.
    for aid, arg in rmap.arguments.items():
        if arg.relation is Relation.support:
            name = AIF_SCHEME_NAMES[arg.scheme] if arg.scheme else DEFAULT_INFERENCE
            ids[aid] = node(name, "RA", scheme=name, origin=aid, role="argument:support")
        else:
            ids[aid] = node(DEFAULT_CONFLICT, "CA", scheme=DEFAULT_CONFLICT, origin=aid, role=f"argument:{arg.relation.value}")
    for aid, arg in rmap.arguments.items():
        for p in arg.premises:
            if p in ids:
                edge(ids[p], ids[aid])
        if arg.target in ids:
            edge(ids[aid], ids[arg.target])
    for eid, rev in rmap.evidence.items():
        for sid in rev.evidence.supports:
            if sid in ids:
                ra = node(DEFAULT_INFERENCE, "RA", scheme=DEFAULT_INFERENCE, origin=eid, role=f"evidence-supports:{sid}")
                edge(ids[eid], ra)
                edge(ra, ids[sid])
        for sid in rev.evidence.challenges:
            if sid in ids:
                ca = node(DEFAULT_CONFLICT, "CA", scheme=DEFAULT_CONFLICT, origin=eid, role=f"evidence-challenges:{sid}")
                edge(ids[eid], ca)
                edge(ca, ids[sid])
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": [],
        "argmap": {"map": rmap.id, "title": rmap.header.title, "nodes": info},
    }


def render(analysis: Analysis) -> str:
    return json.dumps(to_data(analysis.map, analysis.evaluation.status()), ensure_ascii=False, indent=2) + "\n"
