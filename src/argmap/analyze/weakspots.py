"""Stage 3, analyze: the weak spots of a map's reasoning, for the teacher key and `check`.

A weak spot is not a mistake in the claim file: a faithful map of a weak
op-ed is full of them. They are what a coach would circle:

| kind | code | what |
| --- | --- | --- |
| no-evidence | W501 | a claim with no card anywhere beneath it (an analytic), or a fact with no card |
| single-source | W502 | a thesis, claim, objection or answer whose cards, all the way down, come from one source |
| self-citation | W503 | the op-ed quoted as evidence for the op-ed's own claims |
| dated | W504 | evidence older than the events (`as_of`) of a statement it is used for |
| unanswered-attack | W505 | a rebuttal, undercut or challenge of the map's own case that nothing answers |
| unsupported | W506 | a premise the map never supports (no argument, no card), such as an unstated assumption |
| noted | W507 | a weakness a coach wrote into the claim file (`weaknesses:`) |
| overclaim-tag | W508 | a card's tag uses a strong word its quote does not |

and the strategy checks of `argmap.analyze.strategy` (W509-W517: support an
indict knocks out, double binds, concessions, answer-type fit, one-sided
source scrutiny, analytics dressed as cards, reads), which join the list.

`find_weak_spots(rmap)` lists them; `argmap check` counts them in one line,
and `argmap check --verbose` prints each as a located W5xx warning.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import Iterable

from argmap.core.diagnostics import Diagnostic, Location
from argmap.analyze.evaluate import answers_to, attacks_in
from argmap.analyze.sides import structural_sides
from argmap.load.model import Relation, Side, SourceKind, StatementKind
from argmap.resolve.resolver import ResolvedMap

CODE_OF_KIND = {
    "no-evidence": "W501",
    "single-source": "W502",
    "self-citation": "W503",
    "dated": "W504",
    "unanswered-attack": "W505",
    "unsupported": "W506",
    "noted": "W507",
    "overclaim-tag": "W508",
    # strategy checks (argmap.analyze.strategy)
    "indicted-support": "W509",
    "double-bind": "W510",
    "concession": "W511",
    "answer-misfit": "W512",
    "one-sided-scrutiny": "W513",
    "analytic-in-disguise": "W514",
    "read-drops-qualifier": "W515",
    "short-read": "W516",
    "read-mid-phrase": "W517",
}

STRATEGY_KINDS = frozenset(k for k, c in CODE_OF_KIND.items() if c >= "W509")

# Words that make a tag claim more than a cautious quote may say.
STRONG_WORDS = frozenset(("will", "always", "never", "all", "every", "certain", "certainly", "definitely", "proves",
                          "guarantee", "guarantees", "only", "must"))
_WORD = re.compile(r"[\w']+")

# Kinds of statement that make a claim (not a plank of the plan, not an unstated assumption).
CLAIM_KINDS = {StatementKind.thesis, StatementKind.claim, StatementKind.premise, StatementKind.fact,
               StatementKind.objection, StatementKind.answer}
# Claims that a single source should not carry alone: contentions and the clash
# over them. A fact with one card is ordinary; the claims built on it are not.
SINGLE_SOURCE_KINDS = {StatementKind.thesis, StatementKind.claim, StatementKind.objection, StatementKind.answer}


@dataclass(frozen=True)
class WeakSpot:
    kind: str  # see CODE_OF_KIND
    subject: str  # the id of the statement, argument or evidence it is about
    message: str
    location: Location | None
    hint: str | None = None
    related: tuple[str, ...] = field(default=())  # other ids involved (the attacked statement, the sources' cards...)
    note_kind: str | None = None  # for a coach's note (noted): its kind (vague, factual-slip, power-tag...)
    note: str | None = None  # ... and its text as written
    acknowledged: str | None = None  # kept on purpose (argmap.analyze.keeps): the reason, listed as a note
    kept_by: tuple[str, int] | None = None  # ... the `keep:` entry that keeps it (item id or MAP_KEEPS, index)

    @property
    def code(self) -> str:
        return CODE_OF_KIND[self.kind]

    @property
    def kept(self) -> bool:
        """A deliberate note (kept with a reason), not an open weak spot."""
        return bool(self.acknowledged)

    @property
    def owners(self) -> tuple[str, ...]:
        """The items a note or `keep:` on which can keep it: its subject; for a double bind, either statement."""
        return (self.subject, *self.related) if self.kind == "double-bind" else (self.subject,)

    @property
    def subject_id(self) -> str:
        return self.subject

    def to_diagnostic(self, rmap: ResolvedMap | None = None) -> Diagnostic:
        related = ()
        if rmap is not None:
            related = tuple(rmap.locations[r] for r in self.related if r in rmap.locations and rmap.locations[r] != self.location)
        return Diagnostic(self.code, self.message, self.location or Location(rmap.files[0] if rmap and rmap.files else "?"),
                          hint=None if self.kept else self.hint,  # a kept note needs no fix
                          related=related[:3], kept=self.acknowledged)


# --------------------------------------------------------------------------- helpers


def _date_range(date: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The first and last day a partial ISO date ("2023", "2023-02", "2023-02-14") can mean."""
    parts = [int(p) for p in date.split("-")]
    y = parts[0]
    if len(parts) == 1:
        return (y, 1, 1), (y, 12, 31)
    m = parts[1]
    if len(parts) == 2:
        return (y, m, 1), (y, m, calendar.monthrange(y, m)[1] if 1 <= m <= 12 else 31)
    return (y, m, parts[2]), (y, m, parts[2])


def older_than(evidence_date: str, as_of: str) -> bool:
    """True when every day `evidence_date` can mean is before every day `as_of` can mean."""
    return _date_range(evidence_date)[1] < _date_range(as_of)[0]


def evidence_date(rmap: ResolvedMap, eid: str) -> tuple[str | None, str]:
    """(date, what it is the date of) for an evidence item: the date of the
    reference the passage relays when it names one, else its source's date."""
    ev = rmap.evidence[eid].evidence
    src = rmap.sources.get(ev.source)
    if src is None:
        return None, ev.source
    if ev.reference:
        ref = next((r for r in src.references if r.id == ev.reference), None)
        if ref is not None and ref.date:
            who = ref.corporate_author or (ref.authors[0].split(",")[0] if ref.authors else ref.outlet or ref.title)
            return ref.date, f"{who}, relayed by {src.cite_short()}"
    return src.date, src.cite_short()


def cards_beneath(rmap: ResolvedMap, sid: str, order: dict[str, int] | None = None) -> list[str]:
    """Every evidence item supporting a statement or anything beneath it
    (through the premises of the arguments that support it), in map order
    (`order`: evidence id -> position, when the caller has it already)."""
    seen: set[str] = {sid}
    stack = [sid]
    cards: set[str] = set()
    while stack:
        node = stack.pop()
        cards.update(rmap.evidence_for.get(node, []))
        for p in _premises_below(rmap, node):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    if order is None:
        order = {eid: i for i, eid in enumerate(rmap.evidence)}
    return sorted(cards, key=order.__getitem__)


def _sources_beneath(rmap: ResolvedMap) -> dict[str, frozenset[str]]:
    """statement id -> the sources of every card beneath it (small sets, shared along the way)."""
    memo: dict[str, frozenset[str]] = {}
    for sid in _leaves_first(rmap):
        found = {rmap.evidence[e].evidence.source for e in rmap.evidence_for.get(sid, [])}
        for p in _premises_below(rmap, sid):
            found |= memo.get(p, frozenset())
        memo[sid] = frozenset(found)
    return memo


def _leaves_first(rmap: ResolvedMap) -> list[str]:
    """Statements ordered so that premises come before the conclusions they support."""
    order: list[str] = []
    state: dict[str, int] = {}
    for root in rmap.statements:
        if root in state:
            continue
        stack = [(root, iter(_premises_below(rmap, root)))]
        state[root] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                state[node] = 2
                order.append(node)
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(_premises_below(rmap, nxt))))
    return order


def _premises_below(rmap: ResolvedMap, sid: str) -> list[str]:
    return [p for aid in rmap.supporting_args.get(sid, []) for p in rmap.arguments[aid].premises if p in rmap.statements]


def _conclusions_above(rmap: ResolvedMap, sid: str) -> list[str]:
    out = []
    for aid in rmap.premise_of.get(sid, []):
        arg = rmap.arguments[aid]
        if arg.relation is Relation.support and arg.target in rmap.statements:
            out.append(arg.target)
    return out


def kind_and_id(rmap: ResolvedMap, ident: str) -> str:
    if ident in rmap.statements:
        st = rmap.statements[ident]
        return f"{st.kind.value} '{ident}'"
    if ident in rmap.arguments:
        return f"argument '{ident}'"
    if ident in rmap.evidence:
        return f"evidence '{ident}'"
    return f"'{ident}'"


def _cites(rmap: ResolvedMap, sources: Iterable[str]) -> str:
    return ", ".join(rmap.sources[s].cite_short() if s in rmap.sources else s for s in sources)


# --------------------------------------------------------------------------- the report


def find_weak_spots(rmap: ResolvedMap, sides: dict[str, Side] | None = None, evaluation=None) -> list[WeakSpot]:
    """Every weak spot of a map, in the order of the kinds above, then map order,
    then the strategy checks (argmap.analyze.strategy).

    `sides` (id -> side) is the analysis' structural sides and `evaluation`
    its grounded evaluation; each is computed here when not given."""
    from argmap.analyze.evaluate import evaluate
    from argmap.analyze.strategy import find_strategy_spots

    if sides is None:
        sides = structural_sides(rmap)
    if evaluation is None:
        evaluation = evaluate(rmap)
    strategy = find_strategy_spots(rmap, sides, evaluation)
    kept = {(ws.subject, ws.acknowledged) for ws in strategy if ws.acknowledged}
    spots: list[WeakSpot] = []
    loc = rmap.locations.get
    sources = _sources_beneath(rmap)  # statement -> sources of the cards beneath it

    # W501 no-evidence and W506 unsupported: claims without cards, premises without support.
    for sid, st in rmap.statements.items():
        if st.kind not in CLAIM_KINDS and st.kind is not StatementKind.assumption:
            continue
        has_support = bool(rmap.supporting_args.get(sid) or rmap.evidence_for.get(sid))
        is_premise = bool(rmap.premise_of.get(sid))
        if st.kind is StatementKind.fact and not sources.get(sid):
            spots.append(WeakSpot("no-evidence", sid, f"fact '{sid}' has no card: nothing quotes a source for it", loc(sid),
                                  hint="add evidence that supports it, or make it a 'claim' if it is the author's judgement"))
        elif not has_support and is_premise:
            if st.kind is StatementKind.assumption:
                msg = f"assumption '{sid}' is never supported: the argument needs it, and the author never states it"
            else:
                msg = f"{st.kind.value} '{sid}' is a premise the map never supports: no argument and no card stand behind it"
            spots.append(WeakSpot("unsupported", sid, msg, loc(sid), related=tuple(rmap.premise_of.get(sid, [])),
                                  hint="a cross-examination target: ask why it is true"))
        elif st.kind in CLAIM_KINDS and not sources.get(sid):
            if has_support:
                msg = f"{st.kind.value} '{sid}' rests on reasoning alone: no card anywhere beneath it (an analytic)"
            else:
                msg = f"{st.kind.value} '{sid}' has no reason and no card behind it (a bare assertion)"
            spots.append(WeakSpot("no-evidence", sid, msg, loc(sid), hint="label it an analytic, or find a card for it or for a premise beneath it"))

    # W502 single-source: the highest statements whose cards all come from one source.
    single: dict[str, str] = {}
    for sid, st in rmap.statements.items():
        if st.kind in SINGLE_SOURCE_KINDS and len(sources.get(sid, ())) == 1:
            single[sid] = next(iter(sources[sid]))
    order = {eid: i for i, eid in enumerate(rmap.evidence)}
    for sid, src in single.items():
        if any(single.get(up) == src for up in _conclusions_above(rmap, sid)):
            continue  # reported at the claim above it, which rests on the same source
        cards = cards_beneath(rmap, sid, order)
        n = len(cards)
        cards_text = f"its card is from {_cites(rmap, [src])}" if n == 1 else f"its {n} cards are all from {_cites(rmap, [src])}"
        spots.append(WeakSpot("single-source", sid,
                              f"{kind_and_id(rmap, sid)} rests on a single source: {cards_text}",
                              loc(sid), related=tuple(cards), hint="corroborate it with a second, independent source"))

    # W503 self-citation: the op-ed quoted as evidence for its own side.
    for eid, rev in rmap.evidence.items():
        ev = rev.evidence
        src = rmap.sources.get(ev.source)
        if src is None or src.kind is not SourceKind.op_ed:
            continue
        own = [s for s in ev.supports if s in rmap.statements and sides[s] is Side.aff]
        if not own:
            continue
        msg = (f"evidence '{eid}' quotes {src.cite_short()} ({src.kind.value}) to support its own side's "
               f"claim{'s' if len(own) > 1 else ''} {', '.join(repr(s) for s in own)}")
        hint = "an author's own words are not evidence for the author's claim; find the source behind it"
        if ev.reference:
            ref = next((r for r in src.references if r.id == ev.reference), None)
            if ref is not None:
                hint = f"the passage relays \u201c{ref.title}\u201d ({ref.corporate_author or ', '.join(ref.authors) or ref.outlet}, {ref.date or 'undated'}): cite it directly"
        spots.append(WeakSpot("self-citation", eid, msg, loc(eid), hint=hint, related=tuple(own)))

    # W504 dated: evidence older than the events of the statement it is used for.
    for eid, rev in rmap.evidence.items():
        ev = rev.evidence
        date, what = evidence_date(rmap, eid)
        if date is None:
            continue
        for sid in [*ev.supports, *ev.challenges]:
            st = rmap.statements.get(sid)
            if st is None or not st.as_of or not older_than(date, st.as_of):
                continue
            verb = "supports" if sid in ev.supports else "challenges"
            spots.append(WeakSpot("dated", eid,
                                  f"evidence '{eid}' dates from {date} ({what}) but {verb} '{sid}', which speaks of {st.as_of}",
                                  loc(eid), related=(sid,), hint="find a card from after the events, or narrow the claim to the time of the card"))

    # W505 unanswered-attack: on the map's own case (the affirmative). An
    # attack on the other side that they leave unanswered is not our weak spot.
    for attacker, target, relation in attacks_in(rmap):
        if attacker not in rmap.locations:
            continue
        known = target in rmap.statements or target in rmap.arguments
        if not known or sides[target] is not Side.aff:
            continue
        if relation == "challenge":
            answered = bool(rmap.evidence_for.get(target))  # counter-evidence
        else:
            answered = bool(answers_to(rmap, attacker))
        if answered:
            continue
        verb = {"rebut": "attacks", "undercut": "undercuts", "challenge": "challenges"}[relation]
        # A coach who leaves an attack unanswered on purpose says why in the objection's note.
        notes = [rmap.statements[p].note for p in (rmap.arguments[attacker].premises if attacker in rmap.arguments else ())
                 if p in rmap.statements and rmap.statements[p].note]
        why = f" [coach's note: {' '.join(notes[0].split())}]" if notes else ""
        spots.append(WeakSpot("unanswered-attack", attacker,
                              f"{kind_and_id(rmap, attacker)} {verb} our {kind_and_id(rmap, target)} and nothing answers it{why}",
                              loc(attacker), related=(target,),
                              hint="prepare an answer: undercut it, attack one of its premises, or bring counter-evidence"))

    # W508 overclaim-tag: the words a card is read under promise more than its quote.
    for eid, rev in rmap.evidence.items():
        ev = rev.evidence
        first = next((s for s in ev.supports if s in rmap.statements), None)
        tag = ev.tag or (rmap.statements[first].tag or rmap.statements[first].text if first else "")
        quote = rev.anchor.exact if rev.anchor else ev.quote
        said = {w.lower() for w in _WORD.findall(quote)}
        strong = list(dict.fromkeys(w for w in _WORD.findall(tag) if w.lower() in STRONG_WORDS and w.lower() not in said))
        if strong:
            words = ", ".join(f"\u201c{w}\u201d" for w in strong)
            spots.append(WeakSpot("overclaim-tag", eid, f"the tag of evidence '{eid}' says {words}; its quote does not",
                                  loc(eid), related=tuple(s for s in [first] if s),
                                  hint="tag the card with what the quote says, or find a card that says it"))

    # W507 noted: what a coach wrote in (a note that keeps a strategy finding is listed with it instead).
    for table in (rmap.statements, rmap.arguments, {e: r.evidence for e, r in rmap.evidence.items()}):
        for ident, item in table.items():
            for w in item.weaknesses:
                said = " ".join(w.note.split())  # as the strategy finding keeps it (a `note: |` block has line breaks)
                if (ident, said) in kept or _keeps_pair(strategy, ident, said):
                    continue
                spots.append(WeakSpot("noted", ident, f"{kind_and_id(rmap, ident)}: {w.kind.value}: {w.note}", loc(ident),
                                      note_kind=w.kind.value, note=w.note))
    from argmap.analyze.keeps import apply_keeps

    return apply_keeps(rmap, spots + strategy)


def _keeps_pair(strategy: list[WeakSpot], ident: str, note: str) -> bool:
    """A double bind acknowledged by a note on the other statement of the pair."""
    return any(ws.acknowledged == note and ident in ws.related for ws in strategy if ws.kind == "double-bind")


def weak_spot_diagnostics(rmap: ResolvedMap) -> list[Diagnostic]:
    """The weak spots as located W5xx warnings (what `argmap check --verbose` prints)."""
    return [ws.to_diagnostic(rmap) for ws in find_weak_spots(rmap)]


def summary(spots: list[WeakSpot]) -> str:
    """'3 weak spots (1 dated, 2 unanswered-attack); 2 kept as deliberate notes'"""
    counts: dict[str, int] = {}
    for ws in spots:
        counts[ws.kind] = counts.get(ws.kind, 0) + 1
    parts = ", ".join(f"{n} {k}" for k, n in counts.items())
    kept = sum(ws.kept for ws in spots)
    text = f"{len(spots)} weak spot{'s' if len(spots) != 1 else ''}" + (f" ({parts})" if parts else "")
    if kept:
        text += f"; {kept} kept as {'a deliberate note' if kept == 1 else 'deliberate notes'}, {len(spots) - kept} open"
    return text
