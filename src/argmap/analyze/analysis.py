"""Stage 3, analyze: one value per map that every output reads.

    from argmap.analyze.analysis import analyze
    a = analyze(rmap, accept=["ex-talks-stalled"])
    a.label("ex-thesis"), a.side("ex-arg-reward"), a.card_numbers["ex-ev-china"]
    a.weak_spots, a.clashes, a.questions["ex-arg-thesis"], a.counts()

Everything here is computed once, when the value is made: the grounded
evaluation (labels and why), the structural sides, the weak spots (the one
place where coverage rules live), the critical questions of every argument,
the clash over every attack with its answers, card numbers and stock issues.
Diagrams, handouts, exports and `check --verbose` are functions of this value
and their options; none of them computes analysis again, and an error here
is an error of the command, never a silently missing section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Mapping

from argmap.analyze.cards import Card, make_card, reading_order
from argmap.analyze.contentions import Contention, select_contentions, status_notes
from argmap.analyze.evaluate import Clash, Evaluation, Label, evaluate
from argmap.analyze.schemes import CriticalQuestion, all_critical_questions
from argmap.analyze.weakspots import CODE_OF_KIND, WeakSpot, cards_beneath, find_weak_spots
from argmap.analyze.wording import Wording
from argmap.load.model import Relation, Side, StatementKind
from argmap.resolve.resolver import ResolvedMap

STATUS_WORDS = {"in": "stands", "out": "falls", "undec": "contested"}


@dataclass(frozen=True)
class Counts:
    """The numbers that more than one output shows; every output takes them from here."""

    statements: int
    arguments: int
    cards: int
    labels: Mapping[str, int]  # in / out / undec over every statement, argument and card
    falls: int  # statements whose label is out
    weak_spots: Mapping[str, int]  # kind -> how many, every kind listed (0 when none)
    kept: Mapping[str, int]  # kind -> how many of those are kept on purpose (deliberate notes), every kind listed
    attacks: int  # attacks on the affirmative's statements and arguments
    answered: int  # ... of which answered (the attack is out)
    contested: int  # ... undecided
    standing: int  # ... that stand (defeat what they attack)

    def to_json(self) -> dict:
        return {
            "statements": self.statements, "arguments": self.arguments, "cards": self.cards,
            "labels": dict(self.labels), "falls": self.falls, "weak_spots": dict(self.weak_spots),
            "kept": dict(self.kept),
            "attacks": {"total": self.attacks, "answered": self.answered, "contested": self.contested, "standing": self.standing},
        }


@dataclass(frozen=True)
class Analysis:
    map: ResolvedMap
    accepted: frozenset[str]
    evaluation: Evaluation
    sides: Mapping[str, Side]  # every id -> the side it argues for
    weak_spots: tuple[WeakSpot, ...]
    questions: Mapping[str, tuple[CriticalQuestion, ...]]  # argument id -> its critical questions (schemed arguments)
    clashes: tuple[Clash, ...]  # every attack on either side, with its answers; attacks that stand first
    card_numbers: Mapping[str, str]  # evidence id -> "E1", "E2"... in reading order (analyze.cards.reading_order)
    stock_issues: Mapping[str, str]  # statement id -> its stock issue, or that of the claim it supports; "other"
    words: Wording  # the map in words: tags, card names, arguments described, ids in notes replaced
    cards: Mapping[str, Card]  # evidence id -> the card as read (tag, cite, body with underline and highlight)
    contentions: Mapping[str, Contention]  # the case's contentions in reading order (argmap.analyze.contentions)
    status_notes: Mapping[str, str]  # statement id -> why it does not stand, in words (only those that do not)
    _counts: Counts | None = field(default=None, repr=False, compare=False)

    @property
    def dropped(self) -> frozenset[str]:
        """Ids dropped for the round (`analyze(rmap, drop=...)`)."""
        return self.evaluation.dropped

    @property
    def id(self) -> str:
        return self.map.id

    def label(self, ident: str) -> Label:
        return self.evaluation.labels[ident]

    def status_word(self, ident: str) -> str:
        """'stands', 'falls' or 'contested'."""
        return STATUS_WORDS[self.evaluation.labels[ident].value]

    def side(self, ident: str) -> Side:
        return self.sides[ident]

    def clashes_against(self, side: Side | str) -> list[Clash]:
        """The attacks on `side`'s statements and arguments."""
        side = Side(side)
        return [c for c in self.clashes if self.sides[c.target] is side]

    def status_note(self, ident: str) -> str | None:
        """Why a statement does not stand, in words; None when it stands (or is not a statement)."""
        return self.status_notes.get(ident)

    def cards_beneath(self, sid: str) -> list[str]:
        """Every card for a statement or for anything beneath it, in map order."""
        return cards_beneath(self.map, sid, self._card_order)

    @cached_property
    def _card_order(self) -> dict[str, int]:
        return {eid: i for i, eid in enumerate(self.map.evidence)}

    def weak_spots_of(self, *kinds: str) -> list[WeakSpot]:
        return [ws for ws in self.weak_spots if ws.kind in kinds]

    @cached_property
    def keep_problems(self) -> list:
        """`keep:` entries without a reason (W518) or that keep nothing (W519), as located warnings."""
        from argmap.analyze.keeps import keep_problems

        return keep_problems(self.map, self.weak_spots)

    def counts(self) -> Counts:
        if self._counts is None:
            ev = self.evaluation
            ours = self.clashes_against(Side.aff)
            by_kind = {kind: 0 for kind in CODE_OF_KIND}
            kept = dict(by_kind)
            for ws in self.weak_spots:
                by_kind[ws.kind] += 1
                kept[ws.kind] += ws.kept
            counts = Counts(
                statements=len(self.map.statements),
                arguments=len(self.map.arguments),
                cards=len(self.map.evidence),
                labels=ev.counts(),
                falls=sum(ev.labels[s] is Label.OUT for s in self.map.statements),
                weak_spots=by_kind,
                kept=kept,
                attacks=len(ours),
                answered=sum(c.outcome == "answered" for c in ours),
                contested=sum(c.outcome == "contests" for c in ours),
                standing=sum(c.outcome == "defeats" for c in ours),
            )
            object.__setattr__(self, "_counts", counts)
        return self._counts


def stock_issues(rmap: ResolvedMap) -> dict[str, str]:
    """A statement's stock issue: its own, 'plan' for a plank, else that of the
    first claim it supports (followed upwards) that has one, else 'other'.

    Support has no cycles (resolve reports them), so this is a depth-first
    walk up the support arrows, kept on an explicit stack: a chain of any
    length is fine."""
    m = rmap
    out: dict[str, str] = {}

    def own(sid: str) -> str | None:
        st = m.statements[sid]
        if st.stock_issue is not None:
            return st.stock_issue.value
        return "plan" if st.kind is StatementKind.plan else None

    def parents(sid: str) -> list[str]:
        return [m.arguments[a].target for a in m.premise_of.get(sid, [])
                if m.arguments[a].relation is Relation.support and m.arguments[a].target in m.statements]

    for start in m.statements:
        if start in out:
            continue
        stack: list[tuple[str, list[str]]] = []
        on_stack: set[str] = set()

        def push(sid: str) -> None:
            mine = own(sid)
            if mine is not None:
                out[sid] = mine
            else:
                stack.append((sid, parents(sid)))
                on_stack.add(sid)

        push(start)
        while stack:
            sid, todo = stack[-1]
            while todo and (todo[0] in out and out[todo[0]] == "other" or todo[0] in on_stack):
                todo.pop(0)
            if not todo:
                out[sid] = "other"
            elif todo[0] in out:
                out[sid] = out[todo[0]]
            else:
                push(todo[0])
                continue
            stack.pop()
            on_stack.discard(sid)
    return out


def analyze(rmap: ResolvedMap, accept: Iterable[str] = (), drop: Iterable[str] = ()) -> Analysis:
    """The one analysis of a map. `accept`: ids to take as accepted for a round
    (on top of those accepted in the claim files); an unknown id raises
    UnknownAcceptedId with the nearest id. `drop`: ids taken out of the round,
    its opposite (labelled out; argmap.analyze.evaluate, rule 8)."""
    evaluation = evaluate(rmap, list(accept), drop=drop)
    sides = evaluation.sides
    clashes = tuple(evaluation.clashes(Side.aff)) + tuple(evaluation.clashes(Side.neg))
    order = {"defeats": 0, "contests": 1, "answered": 2}
    clashes = tuple(sorted(clashes, key=lambda c: order[c.outcome]))
    questions = {aid: tuple(qs) for aid, qs in all_critical_questions(rmap).items()}
    numbers = {eid: f"E{i}" for i, eid in enumerate(rmap.evidence, start=1)}
    issues = stock_issues(rmap)
    words = Wording(rmap, numbers, sides, issues)
    # Cards are numbered in the order the cards handout prints them (E1 first).
    numbers = {eid: f"E{i}" for i, eid in enumerate(reading_order(words), start=1)}
    words = Wording(rmap, numbers, sides, issues)
    labels = evaluation.labels
    return Analysis(
        map=rmap,
        accepted=evaluation.accepted,
        evaluation=evaluation,
        sides=sides,
        weak_spots=tuple(find_weak_spots(rmap, sides, evaluation)),
        questions=questions,
        clashes=clashes,
        card_numbers=numbers,
        stock_issues=issues,
        words=words,
        cards={eid: make_card(words, eid) for eid in rmap.evidence},
        contentions=select_contentions(rmap, sides, issues, labels),
        status_notes=status_notes(rmap, evaluation, words),
    )
