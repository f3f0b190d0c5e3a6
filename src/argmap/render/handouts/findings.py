"""The strategy findings (W509-W517) in a student's words, for the block or card they concern.

    findings_about(ix, ["ans-x", "premise-y"])   # on a block's answer
    card_findings(ix)                            # evidence id -> its findings, for the cards handout

A finding says what is wrong, what would restore it (for support an indict
knocks out), and, when a coach keeps it on purpose, the coach's reason. No
raw ids: the analysis' wording (`Index.plain`) turns them into tags and card
numbers. The code (W509...) is carried for the teacher key; student-facing
templates do not print it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from argmap.analyze.weakspots import STRATEGY_KINDS, WeakSpot
from argmap.render.handouts.common import Index

LABELS = {
    "indicted-support": "Not answered",
    "double-bind": "Double bind",
    "concession": "Concedes their point",
    "answer-misfit": "Wrong answer type",
    "one-sided-scrutiny": "Same test for our sources",
    "analytic-in-disguise": "Analytic, not carded",
    "read-drops-qualifier": "The read changes the meaning",
    "short-read": "Read too short",
    "read-mid-phrase": "The read stops mid-phrase",
}


@dataclass
class Finding:
    code: str  # W509...: for the teacher key only
    label: str  # "Not answered", "Double bind"...
    text: str  # what is wrong, in words
    restore: str | None  # what would restore it (support knocked out by an indict)
    kept: str | None  # the coach's reason, when it is kept on purpose


def _finding(ix: Index, ws: WeakSpot) -> Finding:
    restore = ix.plain(ws.hint) if ws.kind == "indicted-support" and ws.hint else None
    text = ix.plain(ws.message) or ""
    if text.lower().startswith("double bind: "):  # the label says it
        text = text[len("double bind: "):]
    return Finding(ws.code, LABELS.get(ws.kind, ws.kind), _sentence(text), _sentence(restore) if restore else None,
                   _sentence(ix.plain(ws.acknowledged)) if ws.acknowledged else None)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


# What a block says about the claims it defends (an answer shows every kind about itself).
BLOCK_KINDS = frozenset(("indicted-support", "concession"))


def findings_about(ix: Index, ids: Iterable[str], kinds: frozenset[str] = STRATEGY_KINDS) -> list[Finding]:
    """The strategy findings of `kinds` on any of `ids` (either statement of a double bind counts), in list order."""
    ids = set(i for i in ids if i)
    out = []
    for ws in ix.analysis.weak_spots:
        if ws.kind not in kinds:
            continue
        if ws.subject in ids or (ws.kind == "double-bind" and ids & set(ws.related)):
            out.append(_finding(ix, ws))
    return out


def card_findings(ix: Index) -> dict[str, list[Finding]]:
    """Evidence id -> the strategy findings about that card: its read, its voice, an indict of it on a claim it is read for."""
    out: dict[str, list[Finding]] = {}
    m = ix.m
    for ws in ix.analysis.weak_spots:
        if ws.kind not in STRATEGY_KINDS:
            continue
        if ws.subject in m.evidence:
            f = _finding(ix, ws)
            if ws.acknowledged and any(" ".join(w.note.split()) == ws.acknowledged for w in m.evidence[ws.subject].evidence.weaknesses):
                f.kept = "Kept on purpose: the weak-spot note on this card says why."  # printed on the card already
            out.setdefault(ws.subject, []).append(f)
        elif ws.kind == "indicted-support" and ws.related and ws.related[0] in m.evidence:
            out.setdefault(ws.related[0], []).append(_finding(ix, ws))
    return out
