"""The map page's data: one JSON value made from a map's one Analysis.

Nothing here analyses again: every label, reason, clash, card and weak spot
is read off the `Analysis` (argmap.analyze.analysis) and laid out as plain
data for the page's script, which only draws it. Strings are the map's own
text, unescaped: the page puts them into the document as text nodes, never
as markup, and `embed()` makes the JSON safe inside a `<script>` element.

    {"map": {...}, "nodes": {id: node}, "roots": [ids], "clashes": [...],
     "weak_spots": [...], "counts": {...}, "accepted": [...], "dropped": [...]}

A node is a statement, an argument or a card, each with its label ("in",
"out", "undec"), the words for it ("stands", "falls", "contested") and why
(`Evaluation.explain`), its side and where it is written (`file:line:col`).
The tree the page draws: a statement's children are its reasons (arguments
for it, cards for it) and its objections (arguments against it, cards
against it); an argument's children are its premises and what undercuts it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.analyze.analysis import Analysis

VIEW_VERSION = 1


def _loc(analysis: "Analysis", ident: str) -> str | None:
    loc = analysis.map.locations.get(ident)
    return str(loc) if loc is not None else None


def _card(analysis: "Analysis", eid: str) -> dict:
    card = analysis.cards[eid]
    return {
        "number": card.number, "tag": card.tag, "short_cite": card.short_cite, "cite": card.cite,
        "citing": card.citing, "paragraphs": card.paragraphs, "relation": card.relation, "claims": card.claims,
        "body": [{"number": b.number, "segments": [[s.style, s.text] for s in b.segments]} for b in card.body],
        "quote": card.quote, "read_time": card.read_time, "read_basis": card.read_basis,
        "note": card.note, "weaknesses": card.weaknesses,
    }


def map_view(analysis: "Analysis") -> dict:
    """The JSON value of the map page (see the module docstring)."""
    from argmap.load.model import Relation

    m = analysis.map
    ev = analysis.evaluation
    words = analysis.words
    nodes: dict[str, dict] = {}

    def base(ident: str, type_: str) -> dict:
        label = ev.labels[ident].value
        return {"id": ident, "type": type_, "label": label, "status": analysis.status_word(ident), "why": ev.explain(ident),
                "side": analysis.sides[ident].value, "location": _loc(analysis, ident),
                "accepted": ident in analysis.accepted, "dropped": ident in analysis.dropped}

    for sid, st in m.statements.items():
        node = base(sid, "statement")
        node.update({
            "kind": st.kind.value, "text": st.text, "tag": st.tag, "option": st.option,
            "option_label": m.options[st.option].label if st.option in m.options else None,
            "issue": analysis.stock_issues.get(sid, "other"), "note": words.plain(st.note),
            "weaknesses": [f"{w.kind.value}: {words.plain(w.note)}" for w in st.weaknesses],
            "reasons": [*m.supporting_args.get(sid, []), *m.evidence_for.get(sid, [])],
            "objections": [*m.attacking_args.get(sid, []), *m.evidence_against.get(sid, [])],
            "premise_of": list(m.premise_of.get(sid, [])),
            "accepted_in_file": st.accepted,
        })
        nodes[sid] = node
    for aid, arg in m.arguments.items():
        node = base(aid, "argument")
        node.update({
            "relation": arg.relation.value, "target": arg.target, "premises": list(arg.premises),
            "scheme": arg.scheme.value if arg.scheme else None, "warrant": arg.warrant,
            "answer_type": arg.answer_type.value if arg.answer_type else None, "note": words.plain(arg.note),
            "text": words.argument_text(aid), "undercuts_of_it": list(m.undercutting_args.get(aid, [])),
            "questions": [q.text for q in analysis.questions.get(aid, ())],
            "attack": arg.relation is not Relation.support,
        })
        nodes[aid] = node
    for eid, rev in m.evidence.items():
        node = base(eid, "evidence")
        e = rev.evidence
        node.update({
            "text": words.card_tag(eid), "supports": list(e.supports), "challenges": list(e.challenges),
            "source": e.source, "card": _card(analysis, eid), "anchored": rev.anchor is not None,
            "accepted_in_file": e.accepted,
            "uses": {s: ev.use_label(eid, s, s not in e.supports).value for s in [*e.supports, *e.challenges] if s in m.statements},
        })
        nodes[eid] = node

    clashes = [{
        "target": c.target, "target_label": c.target_label.value, "attack": c.attack, "attack_label": c.attack_label.value,
        "relation": c.relation, "outcome": c.outcome, "attack_name": words.attack_name(c.attack),
        "answers": [{"id": a.id, "label": a.label.value, "how": a.how, "restores": a.restores, "would_restore": a.would_restore}
                    for a in c.answers],
    } for c in analysis.clashes]

    # The tree's roots: the theses, then whatever no thesis reaches (a second case, a stray claim).
    roots = [sid for sid, st in m.statements.items() if st.kind.value == "thesis"]
    reached = _reach(nodes, roots)
    for sid in m.statements:
        if sid not in reached and not m.premise_of.get(sid):
            roots.append(sid)
            reached |= _reach(nodes, [sid])
    for sid in m.statements:  # only circles of attacks are left: start from their first member
        if sid not in reached:
            roots.append(sid)
            reached |= _reach(nodes, [sid])

    header = m.header
    return {
        "version": VIEW_VERSION,
        "map": {"id": m.id, "title": header.title, "resolution": header.resolution, "description": header.description,
                "files": list(m.files)},
        "options": {oid: {"label": o.label, "kind": o.kind.value, "recommended": o.recommended} for oid, o in m.options.items()},
        "nodes": nodes,
        "roots": roots,
        "clashes": clashes,
        "weak_spots": [{"code": w.code, "kind": w.kind, "subject": w.subject, "message": w.message,
                        "location": str(w.location) if w.location else None, "hint": w.hint, "kept": w.acknowledged}
                       for w in analysis.weak_spots],
        "counts": analysis.counts().to_json(),
        "accepted": sorted(analysis.accepted),
        "dropped": sorted(analysis.dropped),
    }


def children(node: dict) -> list[str]:
    if node["type"] == "statement":
        return [*node["reasons"], *node["objections"]]
    if node["type"] == "argument":
        return [*node["premises"], *node["undercuts_of_it"]]
    return []


def _reach(nodes: dict[str, dict], roots: list[str]) -> set[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        ident = stack.pop()
        if ident in seen or ident not in nodes:
            continue
        seen.add(ident)
        stack.extend(children(nodes[ident]))
    return seen


def embed(value) -> str:
    """JSON that is safe inside `<script type="application/json">`: no `<`, `>`, `&`
    or line separators that could end the element or confuse a parser."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text
