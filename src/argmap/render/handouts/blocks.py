"""Blocks and cross-examination: one "AT:" block per argument the other side
makes against our case (the analysis' clashes against the affirmative), its
answers numbered and typed, where each clash stands, and the questions to ask
and to prepare for (the analysis' critical questions).

Sides come from the analysis (structural sides): an objection that attacks an
objection is on our side, so it is an answer in the block of the objection it
attacks, never a threat of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.analyze.analysis import Analysis
from argmap.analyze.evaluate import Clash
from argmap.analyze.wording import quote as _quote
from argmap.load.model import Relation, Scheme, StatementKind
from argmap.render.handouts.findings import BLOCK_KINDS, Finding, findings_about
from argmap.render.handouts.common import (
    ANSWER_LABELS, SCHEME_LABELS, STOCK_LABELS, Handout, Index, Pointer, format_date, header, join_names, plan_text,
    used_sources,
)

STATUS_WORDS = {"in": "stands", "out": "falls", "undec": "contested"}
OUTCOME_WORDS = {"defeats": "stands", "contests": "contested", "answered": "answered"}


@dataclass
class Answer:
    number: int
    type: str  # key of ANSWER_LABELS
    type_label: str
    text: str
    warrant: str | None
    pointers: list[Pointer]
    quotes: list[str]  # the underlined words of each card, verbatim
    analytic: bool
    id: str | None = None  # the answering argument or card; None for a coach's note turned into an answer
    against: str | None = None  # the premise it answers when a linked attack has several (its tag)
    see: int | None = None  # the number of the block that answers that premise in full
    status: str = "stands"  # the answer's own label in words: stands | falls | contested
    restores: bool = False  # it stands, and without it our claim would not stand
    would_restore: bool = False  # winning it would make our claim stand again
    findings: list[Finding] = field(default_factory=list)  # strategy findings on it or its premises (render.handouts.findings)
    derived: bool = False  # found by argmap (our case's own card for the claim, an indict from the analysis), not written in the map as an answer


@dataclass
class Target:
    """One of our claims (or steps) an attack hits, and how that clash stands."""

    id: str
    text: str  # in words, never an id
    relation: str  # rebut | undercut | challenge
    verb: str  # attacks | undercuts | challenges
    outcome: str  # answered | contested | stands: the attack's standing
    status: str  # our claim's: stands | falls | contested
    verdict: str  # the outcome in plain words, naming the answers that matter


@dataclass
class Extension:
    """A line for the last rebuttals, built from the map: what to extend, what
    the other side dropped (nothing of theirs answers it) and what they will
    extend against us."""

    speech: str  # "1AR / 2AR" for our lines, "2NR" for theirs
    kind: str  # extend | dropped | theirs
    text: str


@dataclass
class Block:
    id: str  # the (first) attacking argument, or the challenging card
    title: str  # "AT: <attack>"
    speech: str
    attack: str
    attack_text: str
    target: str  # what it attacks, in words (the first target)
    relation: str  # rebut | undercut | challenge
    their_cards: list[Pointer]
    answers: list[Answer]
    number: int = 0
    hat: str = ""  # the group of blocks it belongs to
    attacks: list[str] = field(default_factory=list)  # every attacking argument or card the block answers
    also: list[str] = field(default_factory=list)  # the other premises of a linked attack (tags)
    targets: list[Target] = field(default_factory=list)
    outcome: str = "answered"  # the worst of its targets': stands > contested > answered
    verdict: str = ""
    cx: list[str] = field(default_factory=list)  # questions to ask about the attack in cross-examination
    findings: list[Finding] = field(default_factory=list)  # strategy findings on the claims it attacks (why "answered" may not hold)
    extensions: list[Extension] = field(default_factory=list)  # 1AR/2AR and 2NR lines
    keep_together: bool = True  # print rule: the block stays on one page when it fits (templates' `keep`)


@dataclass
class Question:
    group: str  # unsupported | causal | plank | indict | scheme
    direction: str  # ask | prepare
    about: str
    text: str
    follow_up: str | None = None
    lead: bool = True  # first question of its group on this `about` (templates print `about` once)


@dataclass
class BlockHat:
    label: str
    blocks: list[Block]


@dataclass
class QuestionGroup:
    group: str
    label: str
    questions: list[Question]


@dataclass
class QuestionDirection:
    direction: str
    label: str
    groups: list[QuestionGroup]


@dataclass
class StatusRow:
    id: str
    tag: str
    status: str
    why: str
    contention: bool
    block: int | None


@dataclass
class RoundStatus:
    counts: dict[str, int]  # attacks on our case: total, answered, contested, stands (Analysis.counts())
    claims: list[StatusRow]  # our claims that do not stand now
    evaluated: bool = True


@dataclass
class AnswerType:
    type: str
    label: str


@dataclass
class BlocksBody:
    blocks: list[Block]
    hats: list[BlockHat]
    status: RoundStatus
    cx: list[QuestionDirection]
    questions: list[Question]
    outcome_labels: dict[str, str]
    answer_types: list[AnswerType]


# A coach's note on their claim becomes an answer of this type.
WEAKNESS_ANSWER = {
    "overclaim": "no-impact", "vague": "no-link", "factual-slip": "evidence-indict", "dated": "non-unique",
    "unsupported": "no-link", "causal-leap": "no-link", "power-tag": "evidence-indict", "other": "no-link",
}
GROUP_LABELS = {
    "unsupported": "Unsupported premises",
    "causal": "Causal links",
    "plank": "The plan: who, how, when",
    "indict": "Evidence indicts",
    "scheme": "Critical questions on each contention",
}
OUTCOME_LABELS = {"answered": "Answered", "contested": "Contested", "stands": "Stands"}
HAT_ORDER = ["harms", "inherency", "plan", "solvency", "advantage", "other", "disadvantage", "counterplan", "topicality", "1AR"]
HAT_LABELS = {
    **{k: f"Case \u2014 {STOCK_LABELS[k].lower()}" for k in ("harms", "inherency", "plan", "solvency", "advantage")},
    "other": "Case \u2014 other attacks",
    "disadvantage": "Disadvantages",
    "counterplan": "Counterplans",
    "topicality": "Topicality",
    "1AR": "Against our answers (1AR)",
}
CX_PER_BLOCK = 4  # questions to ask about one attack in cross-examination (at least CX_MIN_BLOCK)
CX_MIN_BLOCK = 3
CX_PER_CONTENTION = 3  # critical questions to prepare for on one contention
CX_CAUSAL = 8  # causal-link questions to prepare for


# --------------------------------------------------------------------------- critical questions


def ranked_questions(analysis: Analysis, aid: str) -> list[tuple[str, str, str]]:
    """(text, aim, key) of an argument's critical questions (the analysis'); key
    names the question whatever it is filled with ("practical-reasoning:alternatives")."""
    return [(q.text, q.aim, f"{q.scheme.value}:{q.key}") for q in analysis.questions.get(aid, ())]


_DENIAL = [
    (re.compile(r"acting on the denial of (\u201c[^\u201d]*\u201d)"), r"rejecting \1"),
    (re.compile(r"carry out the denial of (\u201c[^\u201d]*\u201d)"), r"carry out the alternative to \1"),
    (re.compile(r"establish the denial of (\u201c[^\u201d]*\u201d)"), r"show that \1 is wrong"),
    (re.compile(r"the denial of (\u201c[^\u201d]*\u201d)"), r"the case against \1"),
]


def _plain_question(q: str) -> str:
    """A critical question about an attack reads 'the denial of “X”'; say it as a debater would."""
    for pattern, repl in _DENIAL:
        q = pattern.sub(repl, q)
    return q


def pick_questions(analysis: Analysis, aids: list[str], limit: int, asked: set | None = None) -> list[str]:
    """The most pointed critical questions of some arguments: a kind of question
    not yet on the handout first, then those that name the argument's own
    statements; among those, questions about the inference, then the
    conclusion, then the premises. No question is asked twice, no kind twice
    for the same arguments, and at most one kind the handout already asks
    elsewhere (`asked` collects what the handout has)."""
    order = {"inference": 0, "conclusion": 1, "premise": 2}
    seen: set = asked if asked is not None else set()
    found = []
    for aid in aids:
        for i, (q, aim, key) in enumerate(ranked_questions(analysis, aid)):
            specific = "\u201c" in q
            found.append((int(("key", key) in seen), 0 if specific else 1, order.get(aim, 3), i, _plain_question(q), key))
    out: list[str] = []
    keys: set[str] = set()
    repeats = 0
    for stale, *_, q, key in sorted(found, key=lambda x: x[:4]):
        if q in seen or key in keys or len(out) >= limit or (stale and repeats >= 1):
            continue
        repeats += stale
        seen.add(q)
        seen.add(("key", key))
        keys.add(key)
        out.append(q)
    return out


# --------------------------------------------------------------------------- blocks


def _q(text: str) -> str:
    """A tag in quotation marks; the straight quotes inside it become single ones (“the ‘first time’ claim”)."""
    text = re.sub(r"^E\d+ (?=\u201c)", "", text)  # a card's name: its quoted words are enough
    text = re.sub(r'"([^"]*)"', "\u2018\\1\u2019", text).replace("\u201c", "\u2018").replace("\u201d", "\u2019")
    if text.startswith("\u2018") and text.endswith("\u2019") and text.count("\u2018") == 1:
        text = text[1:-1]
    return _quote(text)


def _claim_name(ix: Index, t: "Target | None") -> str:
    """The claim a target stands for, quoted: for an undercut step, the claim the step supports."""
    if t is None:
        return "our case"
    arg = ix.m.arguments.get(t.id)
    if arg is not None and arg.target in ix.m.statements:
        return _q(ix.tag(arg.target))
    return _q(t.text)


def _pick(n: int, variants: list[str]) -> str:
    """One of several wordings, in turn, so that a packet does not ask the same sentence frame in every block."""
    return variants[n % len(variants)]


def block_questions(ix: Index, picked: list[str], attack: str, targets: list["Target"], their: list[Pointer],
                    answers: list["Answer"], hat: str, arg_ids: list[str], asked: set, attack_id: str | None = None) -> list[str]:
    """At least CX_MIN_BLOCK questions on one attack, none asked before on the
    handout (`asked` holds every question already on it): the critical
    questions picked from its scheme first, then questions built from the map:
    the card's words against its tag, what the attack leaves of our claim, our
    best answer, and the question its kind of position invites."""
    m = ix.m
    a_name = _q(attack)
    t = targets[0] if targets else None
    t_name = _claim_name(ix, t)
    built: list[str] = []
    if their and attack_id is not None:
        p = their[0]
        built.append(_pick(len(asked), [
            f"Read us the words in {p.short_cite} {p.number} that say {a_name}: is that the author's claim, or your tag for it?",
            f"Where exactly does {p.short_cite} {p.number} say {a_name}? Show us the line.",
            f"Is {a_name} what {p.short_cite} {p.number} concludes, or what you infer from it?",
        ]))
    elif their:
        p = their[0]
        built.append(f"Who wrote {p.short_cite} {p.number}, and what do they know about {t_name} that our evidence does not?")
    for aid in arg_ids[:1]:
        w = m.arguments[aid].warrant
        if w:
            built.append(f"You reason that \u201c{w.rstrip('.')}\u201d: what shows that, beyond saying it?")
    if t is not None:
        arg = m.arguments.get(t.id)
        if t.relation == "undercut" and arg is not None:
            grant = " and ".join(_q(ix.tag(p)) for p in arg.premises if p in m.statements)
            built.append(f"Grant that {grant}: why does {a_name} stop that from showing {t_name}?")
        else:
            built.append(_pick(len(asked) + 1, [
                f"Does {a_name} deny {t_name}, or only make it less certain? If it is true, how much of our claim is left?",
                f"Say {a_name} is true: is {t_name} false, or just smaller?",
                f"How much of {t_name} does {a_name} take away: all of it, or some?",
            ]))
    best = next((a for a in answers if a.pointers and not a.see), None) or next((a for a in answers if not a.see), None)
    if best is not None:
        built.append(_pick(len(asked) + 2, [
            f"What is your answer to {_q(best.text)}? If you have none, is {a_name} still standing?",
            f"Which of your cards answers {_q(best.text)}?",
            f"If {_q(best.text)} is right, what is left of {a_name}?",
        ]))
    if hat == "disadvantage":
        built.append(f"Is {a_name} unique: would it happen without {t_name}, in the world as it is now?")
    elif hat == "counterplan":
        built.append(f"Why not do both {t_name} and what you propose: what does {a_name} lose if we do?")
    elif hat == "1AR":
        built.append(f"Which of our claims does {a_name} leave standing if you win it?")
    else:
        built.append(_pick(len(asked) + 3, [
            f"What does the status quo do about {t_name} if {a_name} is right and nothing changes?",
            f"If we accept {a_name}, what do you propose instead of {t_name}?",
            f"Is the world better off if the judge believes {a_name}? What changes on the ground?",
        ]))
    out = list(picked)
    for q in built:
        if len(out) >= CX_PER_BLOCK:
            break
        if q not in asked and q not in out:
            out.append(q)
    for q in out:
        asked.add(q)
    return out


def _answer_from_argument(ix: Index, aid: str, default: str) -> Answer:
    arg = ix.m.arguments[aid]
    ptrs = [p for s in arg.premises for p in ix.pointers_for(s)]
    kind = arg.answer_type.value if arg.answer_type else (default if ptrs or default != "counter-evidence" else "analytic")
    return Answer(0, kind, ANSWER_LABELS.get(kind, kind.replace("-", " ").capitalize()), "; ".join(ix.tag(p) for p in arg.premises),
                  arg.warrant, ptrs, [ix.quote_text(p.evidence_id) for p in ptrs], not ptrs, id=aid, status=ix.status(aid))


@dataclass
class _Group:
    principal: str | None  # the objection the attacks rest on
    card: str | None  # or the card that challenges our claim
    clashes: list[Clash] = field(default_factory=list)


def attack_groups(ix: Index) -> dict[str, _Group]:
    """The analysis' clashes against our side, grouped by the objection they rest
    on (the attack's first premise not on our side, or its first premise), or
    by the challenging card; a card that is also their evidence for an
    objection on the same claim joins that objection's block."""
    m = ix.m
    groups: dict[str, _Group] = {}
    position = {ident: i for i, ident in enumerate([*m.arguments, *m.evidence])}
    mine = sorted(ix.analysis.clashes_against("aff"), key=lambda c: position[c.attack])  # map order
    for c in mine:
        if c.attack in m.arguments:
            prem = [p for p in m.arguments[c.attack].premises if p in m.statements]
            key = next((p for p in prem if not ix.ours(p)), prem[0] if prem else c.attack)
            groups.setdefault(key, _Group(key if key in m.statements else None, None)).clashes.append(c)
    for c in mine:
        if c.attack in m.evidence:
            sup = m.evidence[c.attack].evidence.supports
            home = next((k for k in sup if k in groups and any(x.target == c.target for x in groups[k].clashes)), None)
            if home is None:
                home = next((k for k in sup if k in groups), None)
            g = groups[home] if home else groups.setdefault(c.attack, _Group(None, c.attack))
            g.clashes.append(c)
    return groups


def speech_and_hat(ix: Index, principal: str | None, targets: list[str]) -> tuple[str, str]:
    m = ix.m

    def is_answer(t: str) -> bool:
        """Our answer: a statement of kind answer, or one of ours put to work attacking
        their point (an objection to an objection); or a step of ours that attacks."""
        if t in m.statements:
            return m.statements[t].kind is StatementKind.answer or (
                ix.ours(t) and any(m.arguments[a].relation is not Relation.support for a in m.premise_of.get(t, [])))
        arg = m.arguments.get(t)
        return arg is not None and (arg.relation is not Relation.support or any(is_answer(p) for p in arg.premises if p in m.statements))

    if targets and all(is_answer(t) for t in targets):
        return "1AR", "1AR"
    issue = ix.issue(principal) if principal in m.statements else "other"
    if issue in ("disadvantage", "counterplan", "topicality"):
        return "2AC", issue
    first = targets[0] if targets else None
    if first in m.arguments:
        first = m.arguments[first].target if m.arguments[first].target in m.statements else next(iter(m.arguments[first].premises), None)
    hat = ix.issue(first) if first in m.statements else "other"
    return "2AC", hat if hat in HAT_LABELS else "other"


def target_name(ix: Index, target: str) -> str:
    """What an attack hits, briefly: “a claim”, our reason for “a claim”, our answer “…”."""
    m = ix.m
    if target in m.statements:
        return _quote(ix.tag(target))
    arg = m.arguments.get(target)
    if arg is None:
        return _quote(ix.name(target))
    who = "our" if ix.ours(target) else "their"
    if arg.relation is Relation.support:
        return f"{who} reason for {_quote(ix.tag(arg.target))}"
    return f"{who} {'answer' if who == 'our' else 'objection'} {_quote('; '.join(ix.tag(p) for p in arg.premises))}"


def _why_not_standing(ix: Index, target: str) -> str:
    m = ix.m
    if target in m.arguments:
        weak = [p for p in m.arguments[target].premises if p in m.statements and ix.status(p) != "stands"]
        if weak:
            return "; ".join(f"its premise {_quote(ix.tag(p))} {ix.status(p)}" for p in weak)
        return "another attack on it stands"
    return ix.analysis.status_note(target) or "see the brief"


def _verdict(ix: Index, target: str, outcome: str, answers: list[Answer], restoring: list[int], would: list[int]) -> str:
    status = ix.status(target)
    name = target_name(ix, target)

    def nums(ns: list[int]) -> str:
        return ("answer " if len(ns) == 1 else "answers ") + join_names([str(n) for n in ns])

    if outcome == "answered":
        if status == "stands":
            if restoring:
                lean = "rests on" if len(restoring) == 1 else "rests on any of"
                first = next(a for a in answers if a.number == restoring[0])
                what = (f"the {first.type_label.lower()} from " + ", ".join(f"{p.short_cite} {p.number}" for p in first.pointers)
                        if first.pointers else f"the analytic {first.type_label.lower()}")
                return f"Answered: {name} stands; it {lean} {nums(restoring)} ({what})."
            return f"Answered: {name} stands; {len(answers)} answers reach the attack, and any one of them is enough."
        return f"Answered, but {name} still {status}: {_why_not_standing(ix, target)}."
    if outcome == "contested":
        return (f"Contested: {name} is {status} until one side's evidence wins"
                + (f"; winning {nums(would)} settles it for us." if would else "; weigh the cards against each other."))
    if not [a for a in answers if not a.derived]:
        return f"Stands: no answer is prepared, so {name} {status}. Write an answer."
    return f"Stands: {name} {status}" + (f" unless you win {nums(would)}." if would else "; the answers here do not reach it \u2014 find a better one.")


def _answers(ix: Index, g: _Group) -> list[Answer]:
    m = ix.m
    ev = ix.evaluation
    answers: list[Answer] = []
    seen: set[str] = set()
    notes: set[str] = set()

    def add(a: Answer) -> None:
        if (a.id is not None and a.id in seen) or (a.id is None and a.text in notes):
            return
        seen.add(a.id) if a.id is not None else notes.add(a.text)
        a.number = len(answers) + 1
        answers.append(a)

    for c in g.clashes:
        if c.attack in m.arguments:
            for uid in m.undercutting_args.get(c.attack, []):
                add(_answer_from_argument(ix, uid, "no-link"))
            for p in m.arguments[c.attack].premises:
                side_note = None if p == g.principal else ix.tag(p)
                for rid in m.attacking_args.get(p, []):
                    a = _answer_from_argument(ix, rid, "counter-evidence")
                    a.against = side_note
                    add(a)
                for eid in m.evidence_against.get(p, []):
                    e = m.evidence[eid].evidence
                    add(Answer(0, "counter-evidence", ANSWER_LABELS["counter-evidence"], e.tag or e.note or "Their own source says otherwise.",
                               None, [ix.pointer(eid)], [ix.quote_text(eid)], False, id=eid, against=side_note,
                               status=STATUS_WORDS[ev.use_label(eid, p, True).value]))
        else:  # a card challenging our claim: counter-evidence is the cards for the claim
            for eid in m.evidence_for.get(c.target, []):
                e = m.evidence[eid].evidence
                add(Answer(0, "counter-evidence", ANSWER_LABELS["counter-evidence"], e.tag or ix.tag(c.target), None,
                           [ix.pointer(eid)], [ix.quote_text(eid)], False, id=eid,
                           status=STATUS_WORDS[ev.use_label(eid, c.target, False).value]))
    # The coach's notes on the objection and on its cards become analytic answers.
    for p in ([g.principal] if g.principal else []):
        for eid in m.evidence_for.get(p, []):
            for w in m.evidence[eid].evidence.weaknesses:
                add(Answer(0, "evidence-indict", ANSWER_LABELS["evidence-indict"],
                           f"Their card {ix.numbers[eid]} ({ix.pointer(eid).short_cite}) \u2014 {w.kind.value.replace('-', ' ')}: {ix.plain(w.note)}",
                           None, [], [], True))
        for w in m.statements[p].weaknesses:
            kind = WEAKNESS_ANSWER.get(w.kind.value, "no-link")
            add(Answer(0, kind, ANSWER_LABELS[kind], f"{w.kind.value.replace('-', ' ').capitalize()}: {ix.plain(w.note)}", None, [], [], True))
    if g.card is not None:
        for w in m.evidence[g.card].evidence.weaknesses:
            add(Answer(0, "evidence-indict", ANSWER_LABELS["evidence-indict"],
                       f"Their card {ix.numbers[g.card]} \u2014 {w.kind.value.replace('-', ' ')}: {ix.plain(w.note)}", None, [], [], True))
    # What else the map has against the attack: our own cards for the claim it
    # attacks (extend them over theirs), and what the analysis finds in their
    # evidence (one source only, no card at all).
    targets = list(dict.fromkeys(c.target for c in g.clashes if c.target in m.statements and ix.ours(c.target)))
    # A source our own cards quote is never indicted as "one source only": the indict would cut our case too.
    ours_sources = {rev.evidence.source for eid, rev in m.evidence.items() if ix.ours(eid)}
    for t in targets:
        for eid in m.evidence_for.get(t, []):
            e = m.evidence[eid].evidence
            add(Answer(0, "counter-evidence", ANSWER_LABELS["counter-evidence"], e.tag or ix.tag(t), None,
                       [ix.pointer(eid)], [], False, id=eid,  # the case's card: its words are in the cards, not repeated
                       status=STATUS_WORDS[ev.use_label(eid, t, False).value], derived=True))
    if g.principal is not None:
        theirs = m.evidence_for.get(g.principal, [])
        srcs = list(dict.fromkeys(m.evidence[e].evidence.source for e in theirs))
        kinds = {ws.kind for ws in ix.analysis.weak_spots if ws.subject == g.principal}
        if "single-source" in kinds and srcs and not set(srcs) & ours_sources:
            who = " and ".join(m.sources[x].cite_short() for x in srcs if x in m.sources)
            n = len(theirs)
            add(Answer(0, "evidence-indict", ANSWER_LABELS["evidence-indict"],
                       f"One source only: {'the card' if n == 1 else f'all {n} cards'} for {_quote(ix.tag(g.principal))} "
                       f"{'comes' if n == 1 else 'come'} from {who}; nothing independent confirms it.", None, [], [], True, derived=True))
        if kinds & {"unsupported", "no-evidence"} and not theirs:
            backed = [t for t in targets if m.evidence_for.get(t)]
            if backed:
                add(Answer(0, "analytic", ANSWER_LABELS["analytic"],
                           f"No card: {_quote(ix.tag(g.principal))} is their assertion; our carded {_quote(ix.tag(backed[0]))} outweighs it.",
                           None, [], [], True, derived=True))
    return answers


def extensions(ix: Index, b_answers: list[Answer], targets: list["Target"], attack: str, their: list[Pointer]) -> list[Extension]:
    """The block's lines for the last rebuttals, from the map: the answers to
    extend (those that keep our claim standing or would restore it, then the
    carded ones that stand), the answers nothing of theirs answers (dropped,
    if they say nothing), and what the 2NR will extend against us."""
    m = ix.m
    out: list[Extension] = []
    target = targets[0] if targets else None
    name = _claim_name(ix, target) if target else "our claim"

    def answered(a: Answer) -> bool:
        """Whether anything on their side answers this answer of ours."""
        if a.id in m.arguments:
            arg = m.arguments[a.id]
            return bool(m.undercutting_args.get(a.id)) or any(m.attacking_args.get(p) or m.evidence_against.get(p) for p in arg.premises)
        return a.status != "stands"

    key = [a for a in b_answers if (a.restores or a.would_restore) and not a.see]
    key += [a for a in b_answers if a not in key and a.pointers and a.status == "stands" and not a.see][: max(0, 2 - len(key))]
    for a in key[:2]:
        cite = "; ".join(f"{p.short_cite} {p.number}" for p in a.pointers)
        why = ("without it " + name + " falls") if a.restores else ("win it and " + name + " stands again") if a.would_restore \
            else f"it answers {_q(attack)} with evidence"
        what = f"{cite}, {_q(a.text)}" if cite else f"answer {a.number} ({a.type_label.lower()}), {_q(a.text)}"
        out.append(Extension("1AR / 2AR", "extend", f"Extend {what}: {why}."))
    for a in b_answers:
        if a.status == "stands" and not a.see and not answered(a) and a.id is not None:
            out.append(Extension("1AR / 2AR", "dropped",
                                 f"Nothing of theirs answers {a.number}, {_q(a.text)}: if the 2NR drops it, {_q(attack)} is answered; say so."))
            break
    if target is not None and target.outcome != "answered":
        cite = "; ".join(f"{p.short_cite} {p.number}" for p in their) or "their analytic"
        stays = "falls" if target.status == "falls" else "stays contested" if target.status == "contested" else "is at risk"
        out.append(Extension("2NR", "theirs", f"The 2NR extends {cite}, {_q(attack)}: {name} {stays} unless an answer here is won."))
    return list({e.text: e for e in out}.values())  # each line once, even when two answers read alike


def make_blocks(ix: Index) -> list[Block]:
    m = ix.m
    blocks: list[Block] = []
    asked: set = set()  # a generic critical question is asked once, in the first block it fits
    rank = ["stands", "contested", "answered"].index
    for key, g in attack_groups(ix).items():
        answers = _answers(ix, g)
        for a in answers:
            if a.id is not None:
                a.findings = findings_about(ix, [a.id, *(m.arguments[a.id].premises if a.id in m.arguments else ())])
        merged: dict[str, Target] = {}
        for c in g.clashes:  # how each clash stands (the analysis' grounded evaluation)
            outcome = OUTCOME_WORDS[c.outcome]
            by_id = {x.id: x for x in c.answers}
            restoring, would = [], []
            for a in answers:
                ref = by_id.get(a.id)
                if ref is not None:
                    a.restores = a.restores or ref.restores
                    a.would_restore = a.would_restore or ref.would_restore
                    if ref.restores:
                        restoring.append(a.number)
                    if ref.would_restore:
                        would.append(a.number)
            verb = {"rebut": "attacks", "undercut": "undercuts", "challenge": "challenges"}[c.relation]
            text = ix.tag(c.target) if c.target in m.statements else ix.argument_text(c.target)
            t = Target(c.target, text, c.relation, verb, outcome, ix.status(c.target),
                       _verdict(ix, c.target, outcome, answers, restoring, would))
            kept = merged.get(t.id)
            if kept is None:  # an objection and its card against the same claim: one verdict, the worse
                merged[t.id] = t
                continue
            if t.verb not in kept.verb:
                kept.verb = f"{kept.verb} and {t.verb}"
            if rank(t.outcome) < rank(kept.outcome):
                kept.outcome, kept.verdict = t.outcome, t.verdict
        targets = list(merged.values())
        worst = min((t.outcome for t in targets), key=rank, default="answered")
        speech, hat = speech_and_hat(ix, g.principal, [c.target for c in g.clashes])
        if g.principal is not None:
            attack_tag = ix.tag(g.principal)
            attack_text = m.statements[g.principal].text
            their = ix.pointers_for(g.principal)
        else:
            card = g.card or g.clashes[0].attack
            attack_tag = ix.card_tag(card) if card in m.evidence else ix.attack_name(card)
            attack_text = f"\u201c{ix.quote_text(card)}\u201d" if card in m.evidence else attack_tag
            their = [ix.pointer(card)] if card in m.evidence else []
        premises = list(dict.fromkeys(p for c in g.clashes if c.attack in m.arguments for p in m.arguments[c.attack].premises))
        arg_ids = list(dict.fromkeys(c.attack for c in g.clashes if c.attack in m.arguments))
        cx = pick_questions(ix.analysis, arg_ids, CX_PER_BLOCK, asked)
        if g.principal is not None and any(ws.subject == g.principal for ws in ix.analysis.weak_spots_of("no-evidence", "unsupported")):
            cx.insert(0, f"What is your evidence for {_quote(ix.tag(g.principal))}? No card says so.")
        cx = block_questions(ix, cx, attack_tag, targets, their, answers, hat, arg_ids, asked, g.principal)
        blocks.append(Block(
            id=g.clashes[0].attack, title=f"AT: {attack_tag}", speech=speech, attack=attack_tag, attack_text=attack_text,
            target=targets[0].text if targets else "", relation=g.clashes[0].relation, their_cards=their, answers=answers,
            hat=HAT_LABELS.get(hat, hat), attacks=list(dict.fromkeys(c.attack for c in g.clashes)),
            also=[ix.tag(p) for p in premises if p != g.principal and not ix.ours(p)],
            targets=targets, outcome=worst, verdict=targets[0].verdict if len(targets) == 1 else "",
            cx=cx[:CX_PER_BLOCK], extensions=extensions(ix, answers, targets, attack_tag, their),
            findings=findings_about(ix, [x for t in targets for x in (t.id, m.arguments[t.id].target if t.id in m.arguments else None)],
                                    BLOCK_KINDS),
        ))
    # Case attacks in the order of the case, then disadvantages, counterplans, 1AR.
    hat_rank = {HAT_LABELS.get(h, h): i for i, h in enumerate(HAT_ORDER)}
    blocks.sort(key=lambda b: hat_rank.get(b.hat, len(hat_rank)))
    title_of = {}
    for i, b in enumerate(blocks, start=1):
        b.number = i
        title_of[b.attack] = i
    for b in blocks:  # answers to the other premise of a linked attack point to that premise's block
        for a in b.answers:
            if a.against and a.against in title_of and title_of[a.against] != b.number:
                a.see = title_of[a.against]
                a.quotes = []
    return blocks


def round_status(ix: Index, blocks: list[Block]) -> RoundStatus:
    """Where the round stands before anyone speaks: the attacks on our case
    answered, contested and standing (Analysis.counts()), and our claims that
    do not stand now."""
    m = ix.m
    n = ix.analysis.counts()
    counts = {"attacks": n.attacks, "answered": n.answered, "contested": n.contested, "stands": n.standing}
    block_of: dict[str, int] = {}
    for b in blocks:
        for t in b.targets:
            block_of.setdefault(t.id, b.number)
            if t.id in m.arguments and m.arguments[t.id].relation is Relation.support:
                block_of.setdefault(m.arguments[t.id].target, b.number)  # an undercut reason: the claim it was for
    contentions = ix.analysis.contentions
    rows = [StatusRow(sid, ix.tag(sid), ix.status(sid), ix.analysis.status_note(sid) or "", sid in contentions, block_of.get(sid))
            for sid in m.statements if ix.ours(sid) and ix.status(sid) != "stands"]
    rows.sort(key=lambda r: (not r.contention, r.status != "falls"))
    return RoundStatus(counts, rows)


def cx_questions(ix: Index, asked_texts: set[str] | frozenset[str] = frozenset()) -> list[Question]:
    """The cross-examination section: questions to ask and to prepare for;
    `asked_texts`: the questions the blocks already ask (not repeated here)."""
    a = ix.analysis
    m = ix.m
    qs: list[Question] = []
    contentions = list(a.contentions)
    # Unsupported premises (the analysis' W506): theirs to ask about, ours to prepare for.
    for ws in a.weak_spots_of("unsupported"):
        sid = ws.subject
        st = m.statements[sid]
        direction = "prepare" if ix.ours(sid) else "ask"
        if st.kind is StatementKind.assumption:
            qs.append(Question("unsupported", direction, ix.tag(sid), f"Your case assumes {_quote(st.text)}. Where does your source say so?",
                               f"If {_quote(ix.tag(sid))} is only assumed, why should the judge accept it?"))
        else:
            qs.append(Question("unsupported", direction, ix.tag(sid), f"What is your evidence for {_quote(st.text)}?",
                               f"Is {_quote(ix.tag(sid))} the author's own assertion, or reported by a source?"))
    # Causal links under the contentions.
    tops = {*contentions, *(t.id for t in m.theses())}
    causal = 0
    for aid, arg in m.arguments.items():
        if arg.relation is not Relation.support or arg.scheme not in (Scheme.cause_to_effect, Scheme.consequences):
            continue
        if arg.target not in tops or causal >= CX_CAUSAL:
            continue
        causal += 1
        direction = "prepare" if ix.ours(arg.target) else "ask"
        prem = " and ".join(_quote(ix.tag(p)) for p in arg.premises)
        qs.append(Question("causal", direction, ix.tag(arg.target), f"How does {prem} lead to {_quote(ix.tag(arg.target))}?",
                           f"What else could bring about {_quote(ix.tag(arg.target))}, and what evidence rules that out?"))
    for opt in plan_text(m):
        for plank in opt.planks:
            qs.append(Question("plank", "prepare", "The plan",
                               f"Plank {plank.number}, \u201c{plank.text.rstrip('.')}\u201d: who implements it, how, and when?",
                               f"Which agency carries out plank {plank.number}, with what authority and funding, on what timeline?"))
    # Evidence indicts, per source the map quotes.
    for sid in used_sources(m):
        src = m.sources[sid]
        used = [e for e, rev in m.evidence.items() if rev.evidence.source == sid]
        direction = "prepare" if any(ix.ours(e) for e in used) else "ask"
        who = join_names([x.name for x in src.authors]) or f"the unsigned {src.kind.value}"
        verb = "are" if len(src.authors) > 1 else "is"
        quals = "; ".join(x.qualifications for x in src.authors if x.qualifications)
        basis = "its own reference list" if src.references else "no cited sources"
        about = src.cite_short()
        if src.authors:
            qs.append(Question("indict", direction, about,
                               f"Author: who {verb} {who}, and what qualifies them{' (' + quals + ')' if quals else ' (no qualifications are stated)'}?"))
        else:
            qs.append(Question("indict", direction, about, f"Author: {about} is unsigned: who stands behind it, and why should the judge trust it?"))
        qs.append(Question("indict", direction, about,
                           f"Basis: is {about} reporting, analysis or opinion ({src.kind.value}), and what does it rest on ({basis})?"))
        qs.append(Question("indict", direction, about,
                           f"Context and date: written {format_date(src.date, src.date_approximate)}"
                           + (f" ({src.date_note})" if src.date_note else "") + ": what has happened since?"))
    # Critical questions on each contention (and the thesis): the most pointed few.
    asked: set = set()
    for sid in [*(t.id for t in m.theses()), *contentions]:
        aids = [x for x in m.supporting_args.get(sid, []) if x in a.questions]
        if not aids:
            continue
        schemes_used = ", ".join(dict.fromkeys(SCHEME_LABELS.get(m.arguments[x].scheme.value, m.arguments[x].scheme.value) for x in aids))
        direction = "prepare" if ix.ours(sid) else "ask"
        for q in pick_questions(a, aids, CX_PER_CONTENTION, asked):
            qs.append(Question("scheme", direction, f"{ix.tag(sid)} ({schemes_used})", q))
    # No question and no follow-up twice on the handout (the blocks' own questions included).
    seen = set(asked_texts)
    follow: set[str] = set()
    kept: list[Question] = []
    for q in qs:
        if q.text in seen:
            continue
        seen.add(q.text)
        if q.follow_up is not None and q.follow_up in follow:
            q.follow_up = None
        elif q.follow_up is not None:
            follow.add(q.follow_up)
        kept.append(q)
    qs = kept
    last: dict[tuple[str, str], str] = {}
    for q in qs:  # print each `about` once per group
        k = (q.direction, q.group)
        q.lead = last.get(k) != q.about
        last[k] = q.about
    return qs


def build_blocks(analysis: Analysis) -> Handout[BlocksBody]:
    ix = Index(analysis)
    blocks = make_blocks(ix)
    qs = cx_questions(ix, {q for b in blocks for q in b.cx})
    directions = []
    for direction, label in (("ask", "Questions to ask"), ("prepare", "Questions to prepare for")):
        sub = [QuestionGroup(g, GROUP_LABELS[g], items) for g in GROUP_LABELS
               if (items := [q for q in qs if q.direction == direction and q.group == g])]
        if sub:
            directions.append(QuestionDirection(direction, label, sub))
    hats: list[BlockHat] = []
    for b in blocks:
        if not hats or hats[-1].label != b.hat:
            hats.append(BlockHat(b.hat, []))
        hats[-1].blocks.append(b)
    body = BlocksBody(blocks, hats, round_status(ix, blocks), directions, qs, dict(OUTCOME_LABELS),
                      [AnswerType(k, v) for k, v in ANSWER_LABELS.items()])
    return Handout("blocks", header(analysis.map, "blocks"), body)
