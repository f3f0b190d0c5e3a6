"""Stage 3, analyze: the coach's red pen. Strategy checks a debater's file must pass.

The weak spots of `weakspots.py` are about the reasoning of the op-ed; these
are about the strategy a student would run from the map: whether an answer
marked "answered" really answers, whether two of our own answers can both be
true, whether an answer is the kind of answer its label says, whether we
hold our sources to the test we hold theirs to, whether a card says what it
is read for, and whether its read can be said aloud without changing the
source's meaning.

| kind | code | what |
| --- | --- | --- |
| indicted-support | W509 | a claim of ours that falls because its support (a card, a premise) is defeated or indicted by an attack that stands, or that leans on an indicted card |
| double-bind | W510 | two statements of one side marked `contrary` (they cannot both be true) |
| concession | W511 | an answer of ours that stands on the same ground (statement or card) as an attack on our case: reading it grants their attack |
| answer-misfit | W512 | an answer whose `answer_type` does not fit what it answers (see `FIT_RULES`) |
| one-sided-scrutiny | W513 | a card whose voice is of a kind (a government, a party to the dispute) that the map indicts elsewhere, read with no indict or note |
| analytic-in-disguise | W514 | a statement whose only card shares too little with it (`ANALYTIC_THRESHOLD`, scored with rapidfuzz) |
| read-drops-qualifier | W515 | a highlight that leaves out a negation or hedge of the phrase it reads |
| short-read | W516 | a card whose read is shorter than `MIN_READ_WORDS` words |
| read-mid-phrase | W517 | a highlight that stops mid-phrase (on "the", "of", "would invite"...) |

A coach who has looked at a finding and keeps it on purpose writes a
`weaknesses:` entry of the matching kind (`ACKNOWLEDGED_BY`) on its
subject: the finding is still listed, as a note with the coach's note as
its reason, and the note is not listed again as W507 (argmap.analyze.keeps
has the other ways to keep a finding).
"""

from __future__ import annotations

import re
from typing import Iterable

from rapidfuzz import fuzz, process

from argmap.analyze.evaluate import Evaluation, Label, indicted_uses, reasons_against, same_passage
from argmap.analyze.weakspots import WeakSpot, kind_and_id, cards_beneath
from argmap.load.model import AnswerType, Relation, Scheme, Side, StatementKind, StockIssue, WeaknessKind
from argmap.resolve.resolver import ResolvedMap

# A read shorter than this is not a clause a student can say aloud. Six words
# is the shortest the op-ed's full clauses run ("Sweden represents U.S.
# citizens in emergencies" is six).
MIN_READ_WORDS = 6

# W514: the share of a claim's content words that its only card's quote must
# contain (each word matched with rapidfuzz's `fuzz.ratio` >= WORD_MATCH, so
# "deter" finds "deterrence"). Chosen from the op-ed map: the claims whose card
# says them score 0.11 and up; the coach's example, "the presence has held;
# no crisis became a war" on a card that only says "we will not be
# intimidated", scores 0.00; the answers that stretch one card over a
# composite claim score 0.06-0.09.
ANALYTIC_THRESHOLD = 0.10
WORD_MATCH = 75

ACKNOWLEDGED_BY = {
    "indicted-support": WeaknessKind.indicted_support,
    "double-bind": WeaknessKind.double_bind,
    "concession": WeaknessKind.concession,
    "answer-misfit": WeaknessKind.answer_misfit,
    "one-sided-scrutiny": WeaknessKind.interested_source,
    "analytic-in-disguise": WeaknessKind.analytic,
    "read-drops-qualifier": WeaknessKind.read,
    "short-read": WeaknessKind.read,
    "read-mid-phrase": WeaknessKind.read,
}

FIT_RULES = {
    "no-link": "undercuts their attack (grants their claim, denies it reaches ours) or denies a disadvantage's link",
    "non-unique": "answers a disadvantage (or what rests on one) and says its harm happens anyway",
    "link-turn": "also supports one of our claims (their link is a reason for us)",
    "impact-turn": "also supports one of our claims (their impact is good for us)",
    "counter-evidence": "brings a card that the clash does not already contain",
    "solvency-deficit": "answers a counterplan, or a claim that the status quo already solves",
    "permutation": "answers a counterplan",
    "evidence-indict": "undercuts an argument from a source's word, or attacks a claim that rests on cards alone",
    "no-impact": "answers a disadvantage, or undercuts their attack (grants it, denies it matters)",
}

NEGATIONS = frozenset("not no never nor none neither nothing cannot without".split())
HEDGES = frozenset(("may", "might", "could", "possibly", "perhaps", "probably", "likely", "allegedly", "reportedly",
                    "apparently", "seemingly", "potential", "potentially", "approximately", "almost", "nearly",
                    "speculate", "if", "unless"))
# How far (in words) a negation or hedge left unread may sit from the read and still govern it.
QUALIFIER_REACH = 4
CONDITIONALS = frozenset(("if", "unless"))
MODALS = frozenset("will would shall should can could may might must".split())
DANGLING = frozenset((
    "a an the of to in on at by for with from into onto over under about after before between through during against "
    "toward towards and or but nor that which who whom whose than as its their his her our your my is are was were be "
    "been being has have had do does did very more most such").split()) | MODALS
STOP = frozenset((
    "a an the and or but of to in on at by for with from as is are was were be been has have had it its this that these "
    "those so than then there their they them he his she her we our us you your which who whom what when where why how "
    "all any each more most other some such only own same very can could may might must shall should will would do does "
    "did into over under about after before between through during without again once here just also up down out off too "
    "north korea korean korea's north's not no").split())
# W511 counts shared ground only where it is a judgement: a reported fact or a
# card both sides read is common ground, not a concession.
JUDGEMENT_KINDS = frozenset((StatementKind.claim, StatementKind.premise, StatementKind.assumption, StatementKind.answer,
                             StatementKind.thesis))
_WORD = re.compile(r"[\w\u2019'-]+")
_CHUNK_END = re.compile(r"[,;:.!?()\u2014\u2013]")
# Phrases for the scope of a negation or hedge: the quote cut at punctuation and at conjunctions.
_CHUNK_CUT = re.compile(r"[,;:.!?()\u2014\u2013]|\b(?:and|but|while|whereas|although|though|yet)\b", re.IGNORECASE)


def find_strategy_spots(rmap: ResolvedMap, sides: dict[str, Side], evaluation: Evaluation) -> list[WeakSpot]:
    """Every strategy finding of a map, in the order of the kinds above, then map order."""
    spots: list[WeakSpot] = []
    spots += _indicted_support(rmap, sides, evaluation)
    spots += _double_binds(rmap, sides)
    spots += _concessions(rmap, sides)
    spots += _answer_fit(rmap, sides)
    spots += _scrutiny(rmap, sides)
    spots += _analytic(rmap)
    spots += _reads(rmap)
    return [_acknowledge(rmap, ws) for ws in spots]


def acknowledging_weakness(rmap: ResolvedMap, ws: WeakSpot):
    """The coach's note that keeps a finding on purpose: a weakness of the matching kind on its subject (or, for a pair, on the other)."""
    want = ACKNOWLEDGED_BY.get(ws.kind)
    for ident in ws.owners:
        item = rmap.item(ident)
        for w in getattr(item, "weaknesses", ()):
            if w.kind is want:
                return ident, w
    return None


def _acknowledge(rmap: ResolvedMap, ws: WeakSpot) -> WeakSpot:
    found = acknowledging_weakness(rmap, ws)
    if found is None:
        return ws
    _, w = found
    return WeakSpot(ws.kind, ws.subject, ws.message, ws.location, ws.hint, ws.related, acknowledged=" ".join(w.note.split()))




def _node_name(node: str) -> str:
    """A framework node in map terms: a card's use is its card."""
    if node.startswith("~card:"):
        return node.split(":")[1]
    return node


# --------------------------------------------------------------------------- W509 indicted support


def _root_attack(ev: Evaluation, node: str) -> str | None:
    """The map item that stands and knocks `node` (labelled out) out, followed down through helper nodes."""
    fl, af = ev.framework_labels, ev.framework
    seen = {node}
    stack = [node]
    while stack:
        cur = stack.pop()
        for a in af.attackers(cur):
            if fl.get(a) is not Label.IN:
                continue
            if not a.startswith("~") or a.startswith("~card:"):
                return _node_name(a)
            for b in af.attackers(a):  # a helper stands because everything attacking it is out
                if fl.get(b) is Label.OUT and b not in seen:
                    seen.add(b)
                    stack.append(b)
    return None


def _answered_by(rmap: ResolvedMap, sid: str) -> list[str]:
    """The attacks (arguments) that a statement answers, as a premise of an attack or undercut."""
    out = []
    for aid in rmap.premise_of.get(sid, []):
        arg = rmap.arguments[aid]
        if arg.relation is Relation.support:
            continue
        out.append(arg.target)
    return out


def _indicted_support(rmap: ResolvedMap, sides: dict[str, Side], ev: Evaluation) -> list[WeakSpot]:
    spots = []
    loc = rmap.locations.get
    indicts: dict[tuple[str, str], str] = {}
    for aid in rmap.arguments:
        for use in indicted_uses(rmap, aid, sides):
            indicts.setdefault(use, aid)
    for sid, st in rmap.statements.items():
        if sides[sid] is not Side.aff or st.kind is StatementKind.plan:
            continue
        lab = ev.labels[sid]
        if lab is Label.OUT:
            if any(ev.reason_label(r, sid, True) is Label.IN for r in reasons_against(rmap, sid)):
                continue  # rebutted head-on: an ordinary clash, shown as such
            culprit = _root_attack(ev, sid)
            if culprit is None:
                continue
            targets = _answered_by(rmap, sid)
            then = f"; so it no longer answers {', '.join(repr(t) for t in targets)}" if targets else ""
            spots.append(WeakSpot(
                "indicted-support", sid,
                f"{kind_and_id(rmap, sid)} falls: its support is knocked out by {kind_and_id(rmap, culprit)}, which stands{then}",
                loc(sid), related=(culprit, *targets),
                hint=f"answer {culprit!r} (that restores it), or ground '{sid}' on a card or premise that does not rest on what it defeats"))
        elif lab is Label.IN:
            for eid in rmap.evidence_for.get(sid, []):
                by = indicts.get((eid, sid))
                if by is not None and ev.labels.get(by) is Label.IN:
                    spots.append(WeakSpot(
                        "indicted-support", sid,
                        f"{kind_and_id(rmap, sid)} is read with card '{eid}', which {kind_and_id(rmap, by)} indicts: it stands only on its other reasons",
                        loc(sid), related=(eid, by),
                        hint=f"take '{eid}' off '{sid}' (read the reasons that stand), or answer {by!r}"))
    return spots


# --------------------------------------------------------------------------- W510 double binds, W511 concessions


def _double_binds(rmap: ResolvedMap, sides: dict[str, Side]) -> list[WeakSpot]:
    spots = []
    done: set[frozenset[str]] = set()
    for sid in rmap.statements:
        for other in rmap.contraries.get(sid, []):
            pair = frozenset((sid, other))
            if pair in done:
                continue
            done.add(pair)
            if sides[sid] is not sides[other]:
                continue  # contrary claims of the two sides are an ordinary clash
            who = "ours" if sides[sid] is Side.aff else "the other side's"
            spots.append(WeakSpot(
                "double-bind", sid,
                f"double bind: {kind_and_id(rmap, sid)} and {kind_and_id(rmap, other)} cannot both be true, and both are {who}: "
                f"the other side will read one against the other",
                rmap.locations.get(sid), related=(other,),
                hint="drop or narrow one of them; if the bind is run on purpose, say in a `double-bind` note which one gives way"))
    return spots


def _grounds(rmap: ResolvedMap, sid: str) -> set[str]:
    """What a statement directly stands on: the premises of its reasons and its cards."""
    found = set(rmap.evidence_for.get(sid, []))
    for aid in rmap.supporting_args.get(sid, []):
        found.update(p for p in rmap.arguments[aid].premises if p in rmap.statements)
    return found


def _attacks_on(rmap: ResolvedMap, sides: dict[str, Side], side: Side) -> list[tuple[str, str]]:
    """(objection statement, what its argument attacks) for the other side's attacks on `side`."""
    out = []
    for aid, arg in rmap.arguments.items():
        if arg.relation is Relation.support or arg.answer_type is not None:
            continue
        target = arg.target
        if target not in sides or sides[target] is not side:
            continue
        for p in arg.premises:
            if p in rmap.statements and sides[p] is not side:
                out.append((p, target))
    return out


def _concessions(rmap: ResolvedMap, sides: dict[str, Side]) -> list[WeakSpot]:
    spots = []
    attacks = _attacks_on(rmap, sides, Side.aff)
    for sid, st in rmap.statements.items():
        if st.kind is not StatementKind.answer or sides[sid] is not Side.aff:
            continue
        mine = {g for g in _grounds(rmap, sid) if g in rmap.statements and rmap.statements[g].kind in JUDGEMENT_KINDS}
        answered = {p for aid in rmap.premise_of.get(sid, []) for p in _answered_objections(rmap, aid)}
        seen: set[str] = set()
        for obj, target in attacks:
            if obj in answered or obj in seen:
                continue
            shared = sorted(mine & _grounds(rmap, obj))
            if not shared:
                continue
            seen.add(obj)
            spots.append(WeakSpot(
                "concession", sid,
                f"answer '{sid}' concedes {kind_and_id(rmap, obj)} (against our '{target}'): both stand on {', '.join(repr(s) for s in shared)}",
                rmap.locations.get(sid), related=(obj, *shared),
                hint=f"answer with ground that does not grant '{obj}', or answer '{obj}' as well so the concession costs nothing"))
    return spots


# --------------------------------------------------------------------------- W512 answer-type fit


def _answered_objections(rmap: ResolvedMap, aid: str) -> list[str]:
    """The other side's statements an answering argument answers: the one it rebuts, or the premises of the argument it undercuts."""
    arg = rmap.arguments[aid]
    if arg.relation is Relation.rebut:
        return [arg.target] if arg.target in rmap.statements else []
    if arg.relation is Relation.undercut and arg.target in rmap.arguments:
        return [p for p in rmap.arguments[arg.target].premises if p in rmap.statements]
    return []


def _rests_on_da(rmap: ResolvedMap, sid: str) -> bool:
    st = rmap.statements[sid]
    if st.stock_issue is StockIssue.disadvantage:
        return True
    return any(p in rmap.statements and rmap.statements[p].stock_issue is StockIssue.disadvantage for p in _grounds(rmap, sid))


def _cards_under(rmap: ResolvedMap, sid: str) -> set[str]:
    return set(cards_beneath(rmap, sid))


def _passages(rmap: ResolvedMap, cards: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for c in cards:
        out.update(same_passage(rmap, c))
    return out


def _attacked_by(rmap: ResolvedMap, aid: str) -> list[str]:
    """Our statements that the attack an answer meets is aimed at (for an undercut: what the undercut argument attacks)."""
    arg = rmap.arguments[aid]
    if arg.relation is Relation.undercut and arg.target in rmap.arguments:
        tgt = rmap.arguments[arg.target].target
        return [tgt] if tgt in rmap.statements else []
    if arg.relation is Relation.rebut:
        return [rmap.arguments[a].target for a in rmap.premise_of.get(arg.target, [])
                if rmap.arguments[a].relation is Relation.rebut and rmap.arguments[a].target in rmap.statements]
    return []


def _proves_the_link(rmap: ResolvedMap, aid: str, answer: str | None) -> str | None:
    """A no-link whose card is cut from the passage that says our plan does what their link says."""
    if answer is None:
        return None
    if not any(rmap.statements[o].stock_issue is StockIssue.disadvantage for o in _answered_objections(rmap, aid)):
        return None  # only a disadvantage has a link to prove
    mine = set(rmap.evidence_for.get(answer, []))
    for sid in _attacked_by(rmap, aid):
        theirs = _passages(rmap, rmap.evidence_for.get(sid, []))
        shared = sorted(mine & theirs)
        if shared:
            return (f"its card {', '.join(repr(c) for c in shared)} is cut from the passage that says our '{sid}' does what "
                    f"their link says: it proves the link it denies")
    return None


def _misfit(rmap: ResolvedMap, sides: dict[str, Side], aid: str) -> str | None:
    """Why an answer's type does not fit, or None."""
    arg = rmap.arguments[aid]
    t = arg.answer_type
    objections = _answered_objections(rmap, aid)
    issues = {rmap.statements[o].stock_issue for o in objections}
    answer = next((p for p in arg.premises if p in rmap.statements), None)
    if t is AnswerType.no_link:
        proof = _proves_the_link(rmap, aid, answer)
        if proof:
            return proof
        if arg.relation is Relation.undercut or StockIssue.disadvantage in issues:
            return None
        return "a no-link denies that their argument reaches ours, but this rebuts their claim head-on"
    if t is AnswerType.non_unique:
        if any(_rests_on_da(rmap, o) for o in objections):
            return None
        what = ", ".join(sorted(i.value for i in issues if i)) or "not a disadvantage"
        return f"a non-unique says a disadvantage's harm happens anyway, but what it answers is a {what}"
    if t in (AnswerType.link_turn, AnswerType.impact_turn):
        if answer and any(rmap.arguments[a].relation is Relation.support and sides.get(rmap.arguments[a].target) is sides[answer]
                          for a in rmap.premise_of.get(answer, [])):
            return None
        return "a turn makes their argument a reason for us, but this answer supports none of our claims"
    if t is AnswerType.counter_evidence:
        mine = _cards_under(rmap, answer) if answer else set()
        if not mine:
            return "counter-evidence needs a card, and there is none beneath this answer (it is an analytic)"
        contested: set[str] = set()
        for o in objections:
            contested |= _cards_under(rmap, o)
        for o in objections:  # and the cards of the claim their objection attacks
            for a2 in rmap.premise_of.get(o, []):
                tgt = rmap.arguments[a2].target
                if tgt in rmap.statements and rmap.arguments[a2].relation is not Relation.support:
                    contested |= set(rmap.evidence_for.get(tgt, []))
        if mine - _passages(rmap, contested):
            return None
        return f"counter-evidence should bring a new card, but it re-reads {', '.join(repr(c) for c in sorted(mine))}, already in the clash"
    if t is AnswerType.solvency_deficit:
        if StockIssue.counterplan in issues:
            return None
        for o in objections:
            for a2 in rmap.premise_of.get(o, []):
                tgt = rmap.arguments[a2].target
                if tgt in rmap.statements and rmap.statements[tgt].stock_issue is StockIssue.inherency:
                    return None
        return "a solvency deficit answers a counterplan (or a claim that the status quo solves)"
    if t is AnswerType.permutation:
        return None if StockIssue.counterplan in issues else "a permutation answers a counterplan"
    if t is AnswerType.evidence_indict:
        if arg.relation is Relation.undercut and rmap.arguments[arg.target].scheme is Scheme.expert_opinion:
            return None
        if objections and all(not rmap.supporting_args.get(o) and rmap.evidence_for.get(o) for o in objections):
            return None
        return "an evidence indict attacks a card (its author, basis, context or date), but this answer is aimed at an argument"
    if t is AnswerType.no_impact:
        if arg.relation is Relation.undercut or StockIssue.disadvantage in issues:
            return None
        return "a no-impact grants their claim and denies it matters (undercut their attack), but this rebuts it; weighing is impact-calculus"
    return None


def _answer_fit(rmap: ResolvedMap, sides: dict[str, Side]) -> list[WeakSpot]:
    spots = []
    for aid, arg in rmap.arguments.items():
        if arg.answer_type is None:
            continue
        why = _misfit(rmap, sides, aid)
        if why is None:
            continue
        rule = FIT_RULES.get(arg.answer_type.value, "")
        spots.append(WeakSpot(
            "answer-misfit", aid, f"argument '{aid}' is labelled {arg.answer_type.value}: {why}",
            rmap.locations.get(aid), related=tuple(_answered_objections(rmap, aid)),
            hint=f"a {arg.answer_type.value} {rule}; relabel it, or reshape it to fit"))
    return spots


# --------------------------------------------------------------------------- W513 source scrutiny


VOICE_PRIORITY = ["party", "government", "expert", "press", "author", "other"]
VOICE_WORDS = {"party": "a party to the dispute", "government": "a government's voice", "expert": "an expert voice",
               "press": "a news report", "author": "the source's author", "other": "a voice"}


def _scrutiny(rmap: ResolvedMap, sides: dict[str, Side]) -> list[WeakSpot]:
    indicted: dict[str, tuple[str, str]] = {}  # voice kind -> (indicting argument, card)
    reached: set[str] = set()
    for aid, arg in rmap.arguments.items():
        if arg.relation is not Relation.undercut or arg.target not in rmap.arguments:
            continue
        testimony = rmap.arguments[arg.target]
        if testimony.scheme is not Scheme.expert_opinion:
            continue
        cards = _passages(rmap, [e for p in testimony.premises for e in rmap.evidence_for.get(p, [])])
        reached |= cards
        order = list(rmap.evidence)
        for c in sorted(cards, key=order.index):  # map order: the same card named on every run
            voice = rmap.evidence[c].evidence.voice
            if voice is not None:
                for k in voice.kinds:
                    indicted.setdefault(k.value, (aid, c))
    spots = []
    if not indicted:
        return spots
    for eid, rev in rmap.evidence.items():
        voice = rev.evidence.voice
        if voice is None or eid in reached:
            continue
        kinds = sorted((k.value for k in voice.kinds if k.value in indicted), key=VOICE_PRIORITY.index)
        if not kinds:
            continue
        by, card = indicted[kinds[0]]
        who = rmap.evidence[card].evidence.voice.who
        side = "our" if sides[eid] is Side.aff else "their"
        spots.append(WeakSpot(
            "one-sided-scrutiny", eid,
            f"card '{eid}' ({side} side) reads {voice.who}, {VOICE_WORDS[kinds[0]]} like {who}, whom '{by}' indicts; "
            f"the same test applies to it, and nothing here applies it",
            rmap.locations.get(eid), related=(by, card),
            hint="indict it the same way, corroborate it with a voice that is not a party, or say in an `interested-source` note why it passes"))
    return spots


# --------------------------------------------------------------------------- W514 analytic in disguise


def content_words(text: str) -> list[str]:
    return [w for w in (x.lower().replace("\u2019", "'") for x in _WORD.findall(text)) if w not in STOP and len(w) > 2]


def card_coverage(claim: str, quote: str) -> float:
    """The share of the claim's content words found in the quote (each by rapidfuzz's ratio >= WORD_MATCH)."""
    words = content_words(claim)
    pool = content_words(quote)
    if not words or not pool:
        return 0.0
    hits = sum(1 for w in words if process.extractOne(w, pool, scorer=fuzz.ratio, score_cutoff=WORD_MATCH) is not None)
    return hits / len(words)


def _analytic(rmap: ResolvedMap) -> list[WeakSpot]:
    spots = []
    for sid, st in rmap.statements.items():
        cards = rmap.evidence_for.get(sid, [])
        if len(cards) != 1 or st.kind in (StatementKind.plan, StatementKind.assumption):
            continue
        eid = cards[0]
        rev = rmap.evidence[eid]
        quote = rev.anchor.exact if rev.anchor else rev.evidence.quote
        score = card_coverage(st.text, quote)
        if score >= ANALYTIC_THRESHOLD:
            continue
        spots.append(WeakSpot(
            "analytic-in-disguise", sid,
            f"{kind_and_id(rmap, sid)} is cited to card '{eid}', whose quote does not say it ({score:.0%} of its words are in the quote)",
            rmap.locations.get(sid), related=(eid,),
            hint="label it an analytic (take the card off, or let the card back only the premise it says), or find a card that says it"))
    return spots


# --------------------------------------------------------------------------- W515-W517 reads


def _words_with_spans(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group().lower().replace("\u2019", "'"), start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def _chunks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quote cut at commas, semicolons, sentence ends, dashes and brackets."""
    out, cur = [], start
    for m in _CHUNK_CUT.finditer(text[start:end]):
        out.append((cur, start + m.start()))
        cur = start + m.end()
    out.append((cur, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _q(text: str) -> str:
    return "\u201c" + text + "\u201d"


def _negated(word: str) -> bool:
    return word in NEGATIONS or word.endswith("n't")


def read_problems(rmap: ResolvedMap, eid: str) -> dict[str, str]:
    """kind -> what is wrong with a card's read (empty when it reads well)."""
    rev = rmap.evidence[eid]
    if rev.anchor is None or rev.evidence.source not in rmap.source_texts:
        return {}
    text = rmap.source_texts[rev.evidence.source].text
    a0, a1 = rev.anchor.start, rev.anchor.end
    spans = rev.highlights or [(a0, a1)]
    inside = lambda s, e: any(h0 <= s and e <= h1 for h0, h1 in spans)  # noqa: E731
    words = _words_with_spans(text, a0, a1)
    out: dict[str, str] = {}
    read = [w for w, s, e in words if inside(s, e)]
    if len(read) < MIN_READ_WORDS:
        plural = "s" if len(read) != 1 else ""
        out["short-read"] = f"reads {len(read)} word{plural} ({_q(' '.join(read))}); a read is at least a clause of {MIN_READ_WORDS}"
    if rev.highlights:
        chunks = _chunks(text, a0, a1)
        dropped: list[str] = []
        for i, (c0, c1) in enumerate(chunks):
            if not any(h0 < c1 and c0 < h1 for h0, h1 in spans):
                continue
            here = [(w, s, e) for w, s, e in words if c0 <= s and e <= c1]
            lit = [j for j, (w, s, e) in enumerate(here) if inside(s, e)]
            if lit:  # a qualifier governs the words next to it: within QUALIFIER_REACH words of the read
                lo, hi = lit[0] - QUALIFIER_REACH, lit[-1] + QUALIFIER_REACH
                for j, (w, s, e) in enumerate(here):
                    if lo <= j <= hi and not inside(s, e) and (_negated(w) or w in HEDGES):
                        dropped.append(w)
            if i > 0:  # a condition in the phrase before governs this one: "if X, Y would..."
                p0, p1 = chunks[i - 1]
                same_sentence = not re.search(r"[.!?]", text[p1:c0])
                if same_sentence and not any(h0 < p1 and p0 < h1 for h0, h1 in spans):
                    dropped += [w for w, s, e in words if p0 <= s and e <= p1 and w in CONDITIONALS]
        if dropped:
            words_out = ", ".join(_q(w) for w in dict.fromkeys(dropped))
            out["read-drops-qualifier"] = f"leaves out {words_out} of the phrase it reads: read aloud it says more than the source"
        mid: list[str] = []
        for h0, h1 in spans:
            after = text[h1:a1]
            nxt = after.lstrip()
            if not nxt or _CHUNK_END.match(nxt):
                continue  # ends where the phrase ends
            hw = [w for w, s, e in words if h0 <= s and e <= h1]
            if not hw:
                continue
            if hw[-1] in DANGLING or (len(hw) >= 2 and hw[-2] in MODALS):
                mid.append(" ".join(hw[-3:]))
        if mid:
            where = ", ".join(_q("\u2026" + m) for m in mid)
            out["read-mid-phrase"] = f"stops mid-phrase at {where}: what it would say is left unread"
    return out


def _reads(rmap: ResolvedMap) -> list[WeakSpot]:
    hints = {
        "read-drops-qualifier": "highlight the negation or hedge too: a read must not say more, or the opposite, of what the source says",
        "short-read": "thicken the highlight to a full clause (subject, verb and what it says), or lengthen the quote",
        "read-mid-phrase": "end the highlight where the phrase ends, with its object",
    }
    spots = []
    order = ("read-drops-qualifier", "short-read", "read-mid-phrase")
    found = {eid: read_problems(rmap, eid) for eid in rmap.evidence}
    for kind in order:
        for eid, problems in found.items():
            if kind in problems:
                spots.append(WeakSpot(kind, eid, f"the read of card '{eid}' {problems[kind]}", rmap.locations.get(eid), hints[kind]))
    return spots
