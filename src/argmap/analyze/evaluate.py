"""Stage 3, analyze: which claims stand, under Dung's grounded semantics.

Every statement, argument and piece of evidence of a map gets one of three
labels:

- **in** (standing): it survives every attack that is not itself defeated;
- **out** (defeated): something that stands defeats it;
- **undec** (undecided): it is caught in a clash that the map does not settle
  (two reasons of equal standing against each other, a cycle of attacks).

Grounded semantics is the most sceptical of Dung's semantics: it accepts only
what follows without taking sides in an unresolved clash. The labelling is
computed by the standard iterative algorithm in time linear in the size of the
framework (`grounded`).

How a map becomes an abstract framework
---------------------------------------

Each statement and each argument is an abstract argument (a node). Evidence
is read as a reason from its source ("the source says so"), one reason for
each statement it is used for: a card that supports two claims is two
reasons, so a clash over one claim does not spill over to the other. A
statement's *reasons for* are the arguments that support it and the uses of
evidence that support it; its *reasons against* are the arguments that attack
it (rebuttals) and the uses of evidence that challenge it. The attacks are:

1. **Rebuttal and challenge.** Every reason against a statement attacks it.
   An objection that stands defeats the claim even when the claim has reasons
   of its own: as on a debater's flow, an attack must be answered, and its
   reasons do not answer it. An answer undercuts the attack, attacks one of
   its premises (rules 4 and 5) or, against a card, brings counter-evidence
   (rule 2). The reasons for the defeated claim keep their own labels: a
   sound argument for a claim that an objection defeats is still sound.
2. **Evidence against evidence.** A card for a statement and a card against
   it attack each other: evidence is weighed, not simply overruled, so both
   stay undecided until something settles it (an accepted card, say).
3. **Burden of proof.** A statement the map gives reasons for stands only while
   one of those reasons stands: if every reason for it is defeated, it is
   defeated too. A statement the map gives no reason for (a bare premise, an
   assumption, an analytic) is presumed: it stands unless attacked.
4. **Undercut.** An argument that undercuts another attacks it (its inference).
   Undercuts are one-way.
5. **Premises.** An argument stands only while all its premises stand: a
   defeated premise defeats every argument built on it, an undecided one
   leaves it undecided at best.
7. **An indict reaches the card.** An argument from a source's word
   (`scheme: expert-opinion`: "the diplomats say so, so it is so") that an
   undercut attacks is an evidence indict: the undercut denies that this
   voice establishes what it says. The same words carry the same indict
   wherever else they are read, so the undercut also attacks every other
   use of the cards behind the argument's premises, and of any card that
   quotes an overlapping passage of the same source, for statements on the
   testimony's side. (The uses for the premises themselves, "the diplomats
   said it", are not touched: that they said it is not in dispute.) By
   rule 3, a claim whose only support was such a card falls with it; an
   answer that falls no longer answers, so the attack it answered stands
   again (`Clash.outcome`), in every output. A card outweighed by
   counter-evidence (rule 2) weakens the claims it was the only support for
   in the same way.
6. **Accepted for a round.** A statement or evidence item marked
   `accepted: true` (or named with `--accept`) cannot be attacked; an accepted
   statement defeats every reason against it, and accepted evidence defeats
   every reason against the statements it supports and every reason for the
   statements it challenges. If two accepted items contradict each other, both
   stay in and the conflict is reported (`Evaluation.conflicts`).
8. **Dropped for a round** (the opposite of accepted; `analyze(rmap,
   drop=[...])`, the what-if of `argmap serve`). A dropped statement,
   argument or card is taken out of the round: it is out (a helper node
   `~dropped` that nothing attacks defeats it, and each use of a dropped
   card), so what rests on it falls and what it attacked is free. A dropped
   item is never accepted, even when the claim file says `accepted: true`.

Rules 2, 3 and 5 need "some reason for it stands" and "this premise failed",
which Dung frameworks express with small helper nodes (two negations in a
row); each use of a card is a helper node too. Their names start with `~`,
which no map id can, and `Evaluation.label` never returns them. The labels of
the map's own nodes are exactly the grounded labelling of this framework.

So a statement is **in** when it is accepted, or when every reason against it
is out and (if it has reasons) one reason for it is in; **out** when a reason
against it is in, or all its reasons are out; **undec** otherwise. An argument
is **in** when every premise is in and no undercut of it stands (and nothing
accepted contradicts it). A card is **in** when every use of it is (no card
that stands is weighed against it, nothing accepted contradicts it), **out**
when some use is out, **undec** otherwise; `Evaluation.use_label` gives the
label of one use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable

from argmap.load.model import Relation, Scheme, Side
from argmap.resolve.resolver import ResolvedMap
from argmap.analyze.accepted import accepted_in_files, check_accept_ids, check_drop_ids
from argmap.analyze.sides import structural_sides


class Label(str, Enum):
    IN = "in"
    OUT = "out"
    UNDEC = "undec"

    def __str__(self) -> str:
        return self.value


# --------------------------------------------------------------------------- abstract frameworks


class Framework:
    """A Dung argumentation framework: abstract arguments and who attacks whom."""

    def __init__(self, arguments: Iterable[str] = (), attacks: Iterable[tuple[str, str]] = ()):
        self._targets: dict[str, list[str]] = {}
        self._attackers: dict[str, list[str]] = {}
        self._edges: set[tuple[str, str]] = set()
        for a in arguments:
            self.add_argument(a)
        for a, b in attacks:
            self.add_attack(a, b)

    def add_argument(self, a: str) -> None:
        if a not in self._targets:
            self._targets[a] = []
            self._attackers[a] = []

    def add_attack(self, attacker: str, target: str) -> None:
        """`attacker` attacks `target`; both are added if new. Repeats are ignored."""
        if (attacker, target) in self._edges:
            return
        self.add_argument(attacker)
        self.add_argument(target)
        self._edges.add((attacker, target))
        self._targets[attacker].append(target)
        self._attackers[target].append(attacker)

    @property
    def arguments(self) -> list[str]:
        return list(self._targets)

    @property
    def attacks(self) -> list[tuple[str, str]]:
        return [(a, b) for a, targets in self._targets.items() for b in targets]

    def attackers(self, a: str) -> list[str]:
        return self._attackers[a]

    def targets(self, a: str) -> list[str]:
        return self._targets[a]

    def __contains__(self, a: object) -> bool:
        return a in self._targets

    def __len__(self) -> int:
        return len(self._targets)


def grounded(framework: Framework, exclude: Iterable[str] = ()) -> dict[str, Label]:
    """The grounded labelling of `framework`: every argument -> in / out / undec.

    The standard iterative algorithm: an argument all of whose attackers are
    out is in; an argument attacked by one that is in is out; repeat until
    nothing changes; what is left is undecided. Each attack is looked at a
    bounded number of times, so the work is linear in the framework's size.

    `exclude` removes arguments first, as if they had never been made (used to
    ask "would this still stand without that answer?").
    """
    excluded = set(exclude)
    live = [a for a in framework.arguments if a not in excluded]
    pending = {a: sum(1 for b in framework.attackers(a) if b not in excluded) for a in live}
    labels: dict[str, Label] = {}
    queue = [a for a in live if pending[a] == 0]
    while queue:
        a = queue.pop()
        if a in labels:
            continue
        labels[a] = Label.IN
        for b in framework.targets(a):
            if b in excluded or b in labels:
                continue
            labels[b] = Label.OUT
            for c in framework.targets(b):
                if c in excluded or c in labels:
                    continue
                pending[c] -= 1
                if pending[c] == 0:
                    queue.append(c)
    for a in live:
        labels.setdefault(a, Label.UNDEC)
    return labels


# --------------------------------------------------------------------------- maps -> frameworks


def _fails(sid: str) -> str:
    return f"~fails:{sid}"


def _unsupported(sid: str) -> str:
    return f"~no-reason-stands:{sid}"


def _no_card_for(sid: str) -> str:
    return f"~no-card-for-stands:{sid}"


def _a_card_for(sid: str) -> str:
    return f"~a-card-for-stands:{sid}"


def _no_card_against(sid: str) -> str:
    return f"~no-card-against-stands:{sid}"


def _a_card_against(sid: str) -> str:
    return f"~a-card-against-stands:{sid}"


def use_node(eid: str, sid: str, against: bool = False) -> str:
    """The framework node of one use of a card: for (or against) one statement."""
    return f"~card:{eid}:{'against' if against else 'for'}:{sid}"


def _use_fails(use: str) -> str:
    return f"~fails:{use}"


def reasons_for(rmap: ResolvedMap, sid: str) -> list[str]:
    """Arguments and evidence that support a statement, in map order."""
    return [*rmap.supporting_args.get(sid, []), *rmap.evidence_for.get(sid, [])]


def reasons_against(rmap: ResolvedMap, sid: str) -> list[str]:
    """Arguments (rebuttals) and evidence (challenges) against a statement."""
    return [*rmap.attacking_args.get(sid, []), *rmap.evidence_against.get(sid, [])]


def _pro_nodes(rmap: ResolvedMap, sid: str) -> list[str]:
    return [*rmap.supporting_args.get(sid, []), *(use_node(e, sid) for e in rmap.evidence_for.get(sid, []))]


def _con_nodes(rmap: ResolvedMap, sid: str) -> list[str]:
    return [*rmap.attacking_args.get(sid, []), *(use_node(e, sid, True) for e in rmap.evidence_against.get(sid, []))]


def _uses(rmap: ResolvedMap, eid: str) -> list[str]:
    ev = rmap.evidence[eid].evidence
    return [*(use_node(eid, s) for s in ev.supports if s in rmap.statements),
            *(use_node(eid, s, True) for s in ev.challenges if s in rmap.statements)]


def same_passage(rmap: ResolvedMap, eid: str) -> list[str]:
    """Evidence items (eid first) whose quotes overlap eid's in the same source: one passage cut twice."""
    rev = rmap.evidence[eid]
    found = [eid]
    if rev.anchor is None:
        return found
    for other, orev in rmap.evidence.items():
        if other == eid or orev.anchor is None or orev.evidence.source != rev.evidence.source:
            continue
        if orev.anchor.start < rev.anchor.end and rev.anchor.start < orev.anchor.end:
            found.append(other)
    return found


def indicted_uses(rmap: ResolvedMap, undercut: str, sides: dict[str, Side] | None = None) -> list[tuple[str, str]]:
    """(card, statement) uses that an evidence indict reaches (rule 7): empty unless
    `undercut` undercuts an argument from a source's word (expert-opinion)."""
    arg = rmap.arguments.get(undercut)
    if arg is None or arg.relation is not Relation.undercut or arg.target not in rmap.arguments:
        return []
    testimony = rmap.arguments[arg.target]
    if testimony.scheme is not Scheme.expert_opinion:
        return []
    if sides is None:
        sides = structural_sides(rmap)
    side = sides[arg.target]
    cards: list[str] = []
    for p in testimony.premises:
        for e in rmap.evidence_for.get(p, []):
            for c in same_passage(rmap, e):
                if c not in cards:
                    cards.append(c)
    uses = []
    for c in cards:
        for sid in rmap.evidence[c].evidence.supports:
            if sid in rmap.statements and sid not in testimony.premises and sides[sid] is side:
                uses.append((c, sid))
    return uses


def build_framework(rmap: ResolvedMap, accepted: Iterable[str] = (), sides: dict[str, Side] | None = None,
                    dropped: Iterable[str] = ()) -> Framework:
    """The abstract framework of a map (see the module docstring for the rules)."""
    dropped = set(dropped)
    accepted = set(accepted) - dropped
    if sides is None:
        sides = structural_sides(rmap)
    firm = set(accepted)
    for eid in accepted & set(rmap.evidence):
        firm.update(_uses(rmap, eid))
    af = Framework()
    for ident in (*rmap.statements, *rmap.arguments, *rmap.evidence):
        af.add_argument(ident)

    def attack(a: str, b: str) -> None:
        if b in firm:  # accepted items cannot be attacked
            return
        af.add_attack(a, b)

    for eid in rmap.evidence:  # a card stands where all its uses stand
        for use in _uses(rmap, eid):
            af.add_attack(use, _use_fails(use))
            attack(_use_fails(use), eid)

    for sid in rmap.statements:
        pros = _pro_nodes(rmap, sid)
        cons = _con_nodes(rmap, sid)
        for x in (*pros, *cons):
            af.add_argument(x)
        for c in cons:  # 1. rebuttal and challenge
            attack(c, sid)
        if pros:  # 3. burden of proof: sid needs one reason that stands
            none_stands = _unsupported(sid)
            for p in pros:
                af.add_attack(p, none_stands)
            attack(none_stands, sid)
        pro_cards = [p for p in pros if p.startswith("~card:")]
        con_cards = [c for c in cons if c.startswith("~card:")]
        if pro_cards and con_cards:  # 2. evidence against evidence: weighed, neither simply wins
            no_pro, pro_stands = _no_card_for(sid), _a_card_for(sid)
            no_con, con_stands = _no_card_against(sid), _a_card_against(sid)
            for p in pro_cards:
                af.add_attack(p, no_pro)
            af.add_attack(no_pro, pro_stands)
            for c in con_cards:
                af.add_attack(c, no_con)
            af.add_attack(no_con, con_stands)
            for c in con_cards:
                attack(pro_stands, c)
            for p in pro_cards:
                attack(con_stands, p)
        # 6. what is accepted defeats what contradicts it
        if sid in firm:
            for c in cons:
                attack(sid, c)
        for p in pros:
            if p in firm:
                for c in cons:
                    attack(p, c)
        for c in cons:
            if c in firm:
                for p in pros:
                    attack(c, p)

    for aid, arg in rmap.arguments.items():
        for p in arg.premises:  # 5. an argument needs its premises
            if p in rmap.statements:
                af.add_attack(p, _fails(p))
                af.add_attack(_fails(p), aid)
        if arg.relation is Relation.undercut and arg.target in rmap.arguments:  # 4.
            attack(aid, arg.target)
            for eid, sid in indicted_uses(rmap, aid, sides):  # 7.
                attack(aid, use_node(eid, sid))
    for ident in dropped:  # 8. dropped for the round: out, and every use of a dropped card
        for node in (ident, *(_uses(rmap, ident) if ident in rmap.evidence else ())):
            af.add_attack(DROPPED, node)
    return af


DROPPED = "~dropped"  # the helper node that defeats what is dropped for a round


# --------------------------------------------------------------------------- who attacks whom, in map terms


def statements_opposed(rmap: ResolvedMap, ident: str) -> list[str]:
    """The statements an argument rebuts or an evidence item challenges."""
    if ident in rmap.arguments:
        arg = rmap.arguments[ident]
        return [arg.target] if arg.relation is Relation.rebut and arg.target in rmap.statements else []
    if ident in rmap.evidence:
        return [s for s in rmap.evidence[ident].evidence.challenges if s in rmap.statements]
    return []


def statements_backed(rmap: ResolvedMap, ident: str) -> list[str]:
    """The statements an argument or evidence item supports."""
    if ident in rmap.arguments:
        arg = rmap.arguments[ident]
        return [arg.target] if arg.relation is Relation.support and arg.target in rmap.statements else []
    if ident in rmap.evidence:
        return [s for s in rmap.evidence[ident].evidence.supports if s in rmap.statements]
    return []


def attacks_in(rmap: ResolvedMap) -> list[tuple[str, str, str]]:
    """Every attack of a map as (attacker, target, relation): rebuttals and
    undercuts by arguments, challenges by evidence, in map order."""
    found = []
    for aid, arg in rmap.arguments.items():
        if arg.relation is Relation.rebut:
            found.append((aid, arg.target, "rebut"))
        elif arg.relation is Relation.undercut:
            found.append((aid, arg.target, "undercut"))
    for eid, rev in rmap.evidence.items():
        for sid in rev.evidence.challenges:
            found.append((eid, sid, "challenge"))
    return found


@dataclass(frozen=True)
class AnswerRef:
    id: str  # an argument or evidence item
    how: str
    statement: str | None = None  # for evidence: the statement of the use that answers
    against: bool = False  # for evidence: whether that use challenges it


def answer_refs(rmap: ResolvedMap, attack: str, target: str | None = None) -> list[AnswerRef]:
    """Everything that answers an attack (an argument, or a card challenging `target`).

    An answer undercuts the attacking argument or attacks or challenges one
    of its premises; a card is answered by counter-evidence (a card supporting
    the statement it challenges). A reason for the attacked statement is not
    an answer: it does not touch the attack (see the module docstring).
    """
    m = rmap
    found: list[AnswerRef] = []
    seen: set[str] = set()

    def add(ref: AnswerRef) -> None:
        if ref.id not in seen and ref.id != attack:
            seen.add(ref.id)
            found.append(ref)

    if attack in m.arguments:
        arg = m.arguments[attack]
        for u in m.undercutting_args.get(attack, []):
            add(AnswerRef(u, "undercuts it"))
        for p in arg.premises:
            for a in m.attacking_args.get(p, []):
                add(AnswerRef(a, f"attacks its premise '{p}'"))
            for e in m.evidence_against.get(p, []):
                add(AnswerRef(e, f"challenges its premise '{p}'", p, True))
    opposed = statements_opposed(m, attack)
    if target is not None:
        opposed = [s for s in opposed if s == target]
    if attack in m.evidence:
        for sid in opposed:
            for e in m.evidence_for.get(sid, []):
                add(AnswerRef(e, f"counter-evidence for '{sid}'", sid, False))
    return found


def answers_to(rmap: ResolvedMap, attack: str) -> list[tuple[str, str]]:
    """(id, how) of everything that answers an attack: see `answer_refs`."""
    return [(r.id, r.how) for r in answer_refs(rmap, attack)]


# --------------------------------------------------------------------------- the evaluation of a map


@dataclass(frozen=True)
class Answer:
    """Something on the other side of an attack: it may knock the attack out."""

    id: str  # an argument or evidence item
    label: Label
    how: str  # plain words: "undercuts it", "attacks its premise 'p'", "counter-evidence for 's'"
    restores: bool  # it stands, and without it the attacked item would not stand
    would_restore: bool  # if it were accepted (its premises, or itself as evidence), the attacked item would stand


@dataclass(frozen=True)
class Clash:
    """One attack on one item of a side's case, and the answers to it."""

    target: str  # the statement (rebutted or challenged) or argument (undercut) attacked
    target_label: Label
    attack: str  # the attacking argument or evidence item
    attack_label: Label  # for a card: the label of its use against the target
    relation: str  # "rebut" | "challenge" | "undercut"
    answers: tuple[Answer, ...]

    @property
    def outcome(self) -> str:
        """'defeats' (the attack stands), 'contests' (undecided) or 'answered' (it is out)."""
        return {Label.IN: "defeats", Label.UNDEC: "contests", Label.OUT: "answered"}[self.attack_label]


@dataclass
class Evaluation:
    """Grounded labels of a map's statements, arguments and evidence."""

    map: ResolvedMap
    accepted: frozenset[str]
    framework: Framework
    framework_labels: dict[str, Label]
    labels: dict[str, Label] = field(default_factory=dict)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # accepted items that contradict each other
    sides: dict[str, Side] = field(default_factory=dict)  # every id -> the side it argues for (argmap.analyze.sides)
    dropped: frozenset[str] = frozenset()  # ids dropped for the round (rule 8)

    def label(self, ident: str) -> Label:
        """in / out / undec for a statement, argument or evidence id (KeyError otherwise)."""
        return self.labels[ident]

    def use_label(self, eid: str, sid: str, against: bool | None = None) -> Label:
        """The label of one use of a card: for the statement it supports (or against the one it challenges)."""
        if against is None:
            against = sid not in self.map.evidence[eid].evidence.supports
        return self.framework_labels[use_node(eid, sid, against)]

    def reason_label(self, reason: str, sid: str, against: bool = False) -> Label:
        """The label of an argument, or of a card's use, as a reason for (or against) a statement."""
        if reason in self.map.evidence:
            return self.use_label(reason, sid, against)
        return self.labels[reason]

    def status(self) -> dict[str, str]:
        """id -> "in" | "out" | "undec", as the diagrams take it."""
        return {k: v.value for k, v in self.labels.items()}

    def counts(self) -> dict[str, int]:
        out = {label.value: 0 for label in Label}
        for v in self.labels.values():
            out[v.value] += 1
        return out

    # ---- explanations

    def _pros(self, sid: str, want: Label | None = None) -> list[str]:
        return [r for r in reasons_for(self.map, sid) if want is None or self.reason_label(r, sid) is want]

    def _cons(self, sid: str, want: Label | None = None) -> list[str]:
        return [r for r in reasons_against(self.map, sid) if want is None or self.reason_label(r, sid, True) is want]

    def _fmt(self, ids: Iterable[str], sid: str | None = None, against: bool = False) -> str:
        parts = []
        for i in ids:
            if i in self.accepted:
                parts.append(f"{i} (accepted)")
            elif sid is not None and i in self.map.evidence:
                parts.append(f"{i} ({self.use_label(i, sid, against)})")
            else:
                parts.append(f"{i} ({self.labels[i]})")
        return ", ".join(parts)

    def explain(self, ident: str) -> str:
        """One line on why an item has its label."""
        m = self.map
        lab = self.labels[ident]
        if ident in self.accepted:
            return "accepted for this round"
        if ident in self.dropped:
            return "dropped for this round"
        if ident in m.statements:
            return self._explain_statement(ident, lab)
        if ident in m.arguments:
            return self._explain_argument(ident, lab)
        if ident in m.evidence:
            if lab is Label.IN:
                return "a verbatim quote; nothing that stands is weighed against it"
            parts = []
            for sid, against in [*((s, False) for s in statements_backed(m, ident)), *((s, True) for s in statements_opposed(m, ident))]:
                use = self.use_label(ident, sid, against)
                if use is not Label.IN:
                    why = self._culprits(ident, sid, against, use)
                    word = "outweighed by" if use is Label.OUT else "weighed against"
                    want = Label.IN if use is Label.OUT else Label.UNDEC
                    indicts = [a for a in self.framework.attackers(use_node(ident, sid, against))
                               if a in m.arguments and self.labels[a] is want]
                    if indicts:
                        why, word = self._fmt(indicts), "indicted by" if use is Label.OUT else "contested by the indict"
                    parts.append(f"{'against' if against else 'for'} '{sid}': " + (f"{word} {why}" if why else str(use)))
            return "; ".join(parts)
        raise KeyError(ident)

    def _explain_statement(self, sid: str, lab: Label) -> str:
        m = self.map
        pros, cons = reasons_for(m, sid), reasons_against(m, sid)
        if lab is Label.IN:
            firm = [e for e in m.evidence_for.get(sid, []) if e in self.accepted]
            if firm:
                return f"settled by accepted {', '.join(firm)}"
            text = f"stands on {self._fmt(self._pros(sid, Label.IN)[:3], sid)}" if pros else \
                "presumed: the map gives no reason for it and nothing defeats it"
            if cons:
                text += f"; attacks answered: {self._fmt(cons, sid, True)}"
            return text
        if lab is Label.OUT:
            winning = self._cons(sid, Label.IN)
            if winning:
                return f"defeated by {self._fmt(winning, sid, True)}"
            return f"every reason for it fails: {self._fmt(pros, sid)}"
        open_cons = self._cons(sid, Label.UNDEC)
        if open_cons:
            return f"contested by {self._fmt(open_cons, sid, True)}"
        return f"its reasons are undecided: {self._fmt(self._pros(sid, Label.UNDEC), sid)}"

    def _explain_argument(self, aid: str, lab: Label) -> str:
        m = self.map
        arg = m.arguments[aid]
        if lab is Label.IN:
            return "its premises stand and nothing that stands undercuts it"
        premises = [p for p in arg.premises if p in m.statements]
        culprits = []
        failed = [p for p in premises if self.labels[p] is lab]
        if failed:
            culprits.append(f"premise {self._fmt(failed)}")
        cut = [u for u in m.undercutting_args.get(aid, []) if self.labels[u] is (Label.IN if lab is Label.OUT else Label.UNDEC)]
        if cut:
            culprits.append(f"undercut by {self._fmt(cut)}")
        if arg.target in m.statements and arg.relation is not Relation.undercut:
            why = self._culprits(aid, arg.target, arg.relation is Relation.rebut, lab)
            if why:
                culprits.append(f"contradicts {why}")
        word = "defeated" if lab is Label.OUT else "undecided"
        return f"{word}: " + "; ".join(culprits) if culprits else word

    def _culprits(self, ident: str, sid: str, against: bool, bad: Label) -> str:
        """What weighs on a reason for (or against) `sid`: cards on the other
        side with the label that hurts, and accepted items that contradict it."""
        m = self.map
        want = Label.IN if bad is Label.OUT else Label.UNDEC
        is_card = ident in m.evidence
        found: list[str] = []
        if against:
            if sid in self.accepted and bad is Label.OUT:
                found.append(f"{sid} (accepted)")
            others = [e for e in m.evidence_for.get(sid, []) if (is_card or e in self.accepted) and self.use_label(e, sid, False) is want]
            if others:
                found.append(self._fmt(others, sid, False))
        else:
            others = [e for e in m.evidence_against.get(sid, []) if (is_card or e in self.accepted) and self.use_label(e, sid, True) is want]
            if others:
                found.append(self._fmt(others, sid, True))
        return ", ".join(found)

    # ---- what-ifs and the handouts' questions

    def what_if(self, accept: Iterable[str] = ()) -> "Evaluation":
        """The evaluation with more statements or evidence accepted."""
        return evaluate(self.map, accepted=set(self.accepted) | set(accept), include_files=False, drop=self.dropped)

    def side_of(self, ident: str) -> Side:
        """The side an item argues for (see argmap.analyze.sides)."""
        return self.sides[ident]

    def answers_to(self, attack: str) -> list[tuple[str, str]]:
        """(id, how) of everything that answers an attack: see `answer_refs`."""
        return answers_to(self.map, attack)

    def _nodes_of(self, ident: str) -> list[str]:
        return [ident, *_uses(self.map, ident)] if ident in self.map.evidence else [ident]

    def _ref_label(self, ref: AnswerRef) -> Label:
        if ref.id in self.map.evidence and ref.statement is not None:
            return self.use_label(ref.id, ref.statement, ref.against)
        return self.labels[ref.id]

    def _restores(self, ref: AnswerRef, target: str) -> bool:
        if self._ref_label(ref) is not Label.IN or self.labels[target] is not Label.IN:
            return False
        without = grounded(self.framework, exclude=self._nodes_of(ref.id))
        return without.get(target) is not Label.IN

    def _would_restore(self, ref: AnswerRef, target: str) -> bool:
        if self.labels[target] is Label.IN:
            return False
        m = self.map
        accept = [ref.id] if ref.id in m.evidence else [p for p in m.arguments[ref.id].premises if p in m.statements]
        return self.what_if(accept).labels.get(target) is Label.IN

    def clashes(self, side: Side | str = Side.aff) -> list[Clash]:
        """Every attack on the given side's statements and arguments, with its answers.

        For a handout: `outcome` says whether the attack defeats our item,
        contests it, or is answered; each answer says whether it is what
        restores our item (`restores`) or would restore it if it were won
        (`would_restore`). Attacks that stand come first.
        """
        side = Side(side)
        m = self.map
        found: list[Clash] = []
        for sid in m.statements:
            if self.sides[sid] is not side:
                continue
            for c in reasons_against(m, sid):
                found.append(self._clash(sid, c, "rebut" if c in m.arguments else "challenge"))
        for aid in m.arguments:
            if self.side_of(aid) is not side:
                continue
            for u in m.undercutting_args.get(aid, []):
                found.append(self._clash(aid, u, "undercut"))
        order = {Label.IN: 0, Label.UNDEC: 1, Label.OUT: 2}
        found.sort(key=lambda c: order[c.attack_label])
        return found

    def _clash(self, target: str, attack: str, relation: str) -> Clash:
        refs = answer_refs(self.map, attack, target if attack in self.map.evidence else None)
        answers = tuple(Answer(r.id, self._ref_label(r), r.how, self._restores(r, target), self._would_restore(r, target)) for r in refs)
        attack_label = self.use_label(attack, target, True) if relation == "challenge" else self.labels[attack]
        return Clash(target, self.labels[target], attack, attack_label, relation, answers)

    def defeated(self, side: Side | str = Side.aff) -> dict[str, list[str]]:
        """The side's statements that are out, each with the attacks (that stand) which defeat it.

        A statement that is out only because every reason for it failed maps
        to an empty list; `explain` says which reasons failed.
        """
        side = Side(side)
        m = self.map
        return {sid: self._cons(sid, Label.IN) for sid in m.statements
                if self.sides[sid] is side and self.labels[sid] is Label.OUT}


def evaluate(rmap: ResolvedMap, accepted: Iterable[str] | None = None, *, include_files: bool = True,
             drop: Iterable[str] = ()) -> Evaluation:
    """Label every statement, argument and evidence item of a map.

    `accepted`: more statement or evidence ids to take as accepted for this
    round, on top of those marked `accepted: true` in the claim files (unless
    include_files is False). Raises UnknownAcceptedId for an id that is not a
    statement or evidence item of the map. `drop`: statement, argument or
    evidence ids taken out of the round (rule 8; UnknownAcceptedId for others).
    """
    extra = set(accepted or ())
    check_accept_ids(rmap, extra)
    dropped = frozenset(drop)
    check_drop_ids(rmap, dropped)
    firm = frozenset(extra | (accepted_in_files(rmap) if include_files else set())) - dropped
    sides = structural_sides(rmap)
    af = build_framework(rmap, firm, sides, dropped)
    all_labels = grounded(af)
    labels = {i: all_labels[i] for i in (*rmap.statements, *rmap.arguments, *rmap.evidence)}
    conflicts: list[tuple[str, str]] = []
    for eid in sorted(firm & set(rmap.evidence)):
        ev = rmap.evidence[eid].evidence
        for sid in ev.challenges:
            if sid in firm:
                conflicts.append((eid, sid))
        for sid in ev.supports:
            for other in rmap.evidence_against.get(sid, []):
                if other in firm and (other, eid) not in conflicts:
                    conflicts.append((eid, other))
    return Evaluation(rmap, firm, af, all_labels, labels, conflicts, sides, dropped)
