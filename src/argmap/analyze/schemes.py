"""Critical questions: what to ask of an argument, given the scheme it follows.

Each argument scheme a map may name (`scheme:` on an argument) comes with the
questions that test it, in the tradition of Walton's argumentation schemes,
written here in the project's own words for debaters. A question is either
about a **premise** (is it true?), about the **inference** (does the
conclusion follow, or is there an exception?), or about the **conclusion**
(is there a stronger case the other way?). Answered badly, a premise question
becomes a rebuttal of that premise, an inference question an undercut.

`critical_questions(rmap, argument_id)` fills each question with the
argument's own statements (their debate tag when they have one), so the
cross-examination section of a handout can ask exactly them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from argmap.load.model import Relation, Scheme
from argmap.resolve.resolver import ResolvedMap

Aim = Literal["premise", "inference", "conclusion"]


@dataclass(frozen=True)
class Template:
    key: str  # a stable slug: "alternatives", "side-effects"...
    aim: Aim
    text: str  # with {conclusion}, {premises}, {premise} (the first one) and {sources}


@dataclass(frozen=True)
class CriticalQuestion:
    text: str
    scheme: Scheme
    argument_id: str
    key: str
    aim: Aim
    targets: tuple[str, ...]  # ids the question probes: premises, the argument itself, or its target
    conflict: str | None = None  # the AIFdb conflict (CA) scheme that raises it, where one matches (CONFLICT_SCHEMES)


SCHEME_NAMES: dict[Scheme, str] = {
    Scheme.practical_reasoning: "practical reasoning",
    Scheme.consequences: "argument from consequences",
    Scheme.precedent: "argument from precedent",
    Scheme.analogy: "argument from analogy",
    Scheme.expert_opinion: "argument from expert opinion",
    Scheme.sign: "argument from sign",
    Scheme.cause_to_effect: "argument from cause to effect",
    Scheme.example: "argument from example",
    Scheme.values: "argument from values",
}

# The names AIF tools (AIFdb, OVA) give the same schemes (Walton's set as OVA offers it: "Expert Opinion",
# not "Argument From Expert Opinion"). argmap.ingest.aif reads these names, and the older "Argument From ..."
# forms, back.
AIF_SCHEME_NAMES: dict[Scheme, str] = {
    Scheme.practical_reasoning: "Practical Reasoning",
    Scheme.consequences: "Consequences",
    Scheme.precedent: "Precedent",
    Scheme.analogy: "Analogy",
    Scheme.expert_opinion: "Expert Opinion",
    Scheme.sign: "Sign",
    Scheme.cause_to_effect: "Cause To Effect",
    Scheme.example: "Example",
    Scheme.values: "Values",
}

# AIFdb's schemeIDs of those inference (RA) schemes, from the table `ra_schemes` of the same file (below).
# "Precedent" has none there (its "Precedent Slippery Slope" is another scheme), so it is written without one.
AIF_SCHEME_IDS: dict[str, str] = {
    "Practical Reasoning": "28", "Consequences": "237", "Analogy": "1", "Expert Opinion": "15", "Sign": "30",
    "Cause To Effect": "4", "Example": "14", "Values": "247",
}

# AIFdb's conflict (CA) schemes and their schemeIDs, as AIFdb nodesets and OVA write them: the table `ca_schemes`
# of recap-utr/arguebuf-python, recap_argument_graph/node.py (MIT licence), the predecessor of arguebuf.
AIF_CONFLICT_SCHEME_IDS: dict[str, str] = {
    "Ad hominem": "172", "Alternative Means": "34", "Biased Classification": "37", "Calling Out": "146",
    "Commitment Exception": "38", "Conflicting Goals": "39", "Default Conflict": "71",
    "Differences Undermine Similarity": "40", "Exception Similarity Case": "41", "Expertise Inconsistency": "42",
    "General Acceptance Doubt": "43", "Irrational Fear Appeal": "44", "Lack Of Complete Knowledge": "45",
    "Lack Of Expert Reliability": "46", "Logical": "36", "Opposed Commitment": "48",
    "Other Causal Factors Involved": "52", "Property Not Existant": "54", "Required Steps": "55",
    "Resolving Inconsistency": "56", "Sign From Other Events": "57", "Vested Interest": "171", "Weakest Link": "58",
}

# A critical question (its template key, unique over all schemes) -> the AIFdb conflict scheme that raises it, only
# where the two mean the same thing. Left out on purpose: "field", "said-it", "basis" (backup evidence *and* stake:
# only half "Vested Interest"), "recency", "means", "feasibility" ("Required Steps" is a different question), the
# questions of consequences, precedent and example, and "value-conflict" (a value is not a goal).
CONFLICT_SCHEMES: dict[str, str] = {
    "goal": "Conflicting Goals",  # practical reasoning: does the goal outrank the goals acting would cost?
    "alternatives": "Alternative Means",  # practical reasoning: another course of action to the same goal
    "difference": "Differences Undermine Similarity",  # analogy: a difference that breaks the comparison
    "credentials": "Lack Of Expert Reliability",  # expert opinion: is the source an authority on it?
    "consensus": "Expertise Inconsistency",  # expert opinion: do other qualified sources disagree?
    "reliable-sign": "Sign From Other Events",  # sign: is it also a sign of something else?
    "intervening": "Other Causal Factors Involved",  # cause to effect: something else stops or brings the effect
}

P, I, C = "premise", "inference", "conclusion"

QUESTIONS: dict[Scheme, list[Template]] = {
    Scheme.practical_reasoning: [
        Template("goal", P, "Which goal do {premises} point to, and does the other side share it? Does it outrank the goals acting would cost?"),
        Template("means", I, "How exactly would acting on {conclusion} bring that goal about? Name the mechanism, and a case where it worked."),
        Template("alternatives", C, "Is there another course of action that reaches the same goal at lower cost or risk than {conclusion}?"),
        Template("side-effects", I, "What else happens if we act on {conclusion}? Which costs or risks does the argument leave out?"),
        Template("feasibility", I, "Can those who would have to carry out {conclusion} actually do it, with the means they have?"),
    ],
    Scheme.consequences: [
        Template("likelihood", P, "How probable is the outcome in {premises}, and what evidence puts a number on it?"),
        Template("size", P, "Is the outcome as good or as bad as claimed, and for whom? Weigh its magnitude, timeframe and reversibility."),
        Template("other-consequences", C, "Are there consequences the other way that outweigh these, so that the argument does not establish {conclusion}?"),
        Template("uniqueness", I, "Would the outcome happen anyway, whatever is decided (is it non-unique)?"),
    ],
    Scheme.precedent: [
        Template("same-kind", I, "Is the earlier case in {premises} really the same kind of case, or do they differ in a way that matters for {conclusion}?"),
        Template("precedent-worked", P, "Was the earlier case handled well? Did it achieve what it set out to do?"),
        Template("counter-precedent", C, "Is there another precedent, at least as close, that points the other way?"),
        Template("changed", I, "What has changed since the earlier case (leaders, alliances, technology) that could break the parallel?"),
    ],
    Scheme.analogy: [
        Template("likeness", I, "In which respects are the compared cases alike, and are those the respects that decide {conclusion}?"),
        Template("difference", I, "Is there a difference between the cases that breaks the comparison?"),
        Template("true-of-source", P, "Is what {premises} says about the compared case actually true?"),
        Template("better-analogy", C, "Is there a closer comparison that points to a different conclusion?"),
    ],
    Scheme.expert_opinion: [
        Template("credentials", P, "Who exactly stands behind {premise}{sources}, and what makes them an authority on it?"),
        Template("field", I, "Is the question inside that source's own field, or is it an opinion from outside it?"),
        Template("said-it", P, "Did the source really say this, in this context? Read the card: does the tag claim more than the quote?"),
        Template("consensus", C, "Do other qualified sources disagree with {premise}?"),
        Template("basis", P, "What does the source base the claim on, and does it have a stake in the outcome?"),
        Template("recency", P, "Is the source recent enough, given when the events behind {premise} happened?"),
    ],
    Scheme.sign: [
        Template("reliable-sign", I, "Does {premise} reliably indicate {conclusion}, or is it also a sign of something else?"),
        Template("counter-signs", C, "Are there other signs that point the other way?"),
        Template("sign-present", P, "Is the sign really there? What shows {premise}?"),
    ],
    Scheme.cause_to_effect: [
        Template("strength", I, "How strong is the link from {premises} to {conclusion}: always, usually, or only sometimes?"),
        Template("evidence-of-link", I, "What evidence shows the causal link itself, beyond the two things happening together?"),
        Template("intervening", I, "Could something step in to stop the effect, or bring it about anyway?"),
        Template("cause-present", P, "Is the cause actually present in this case, and strongly enough? Check {premises}."),
    ],
    Scheme.example: [
        Template("example-true", P, "Is the example in {premises} accurately described, with nothing left out that matters?"),
        Template("typical", I, "Is the example typical, or a special case that does not generalise?"),
        Template("enough", I, "Are one or a few examples enough to establish {conclusion}?"),
        Template("counterexamples", C, "Are there counterexamples that point the other way?"),
    ],
    Scheme.values: [
        Template("value-shared", P, "Is the value behind {premises} one the judge and the other side hold, and how much weight does it carry here?"),
        Template("value-conflict", C, "Does acting on {conclusion} sacrifice another value that matters more in this case?"),
        Template("serves-value", I, "Does {conclusion} actually serve that value, or only appear to?"),
    ],
}


def _quoted(rmap: ResolvedMap, sid: str) -> str:
    st = rmap.statements.get(sid)
    if st is None:
        return f"\u2018{sid}\u2019"
    text = (st.tag or st.text).strip()
    if text.endswith("."):
        text = text[:-1]
    return f"\u201c{text}\u201d"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def conclusion_phrase(rmap: ResolvedMap, argument_id: str) -> str:
    """What an argument concludes, in words: the statement it supports, the
    denial of the one it attacks, or that another argument's step fails."""
    arg = rmap.arguments[argument_id]
    if arg.relation is Relation.support:
        return _quoted(rmap, arg.target)
    if arg.relation is Relation.rebut:
        return f"the denial of {_quoted(rmap, arg.target)}"
    other = rmap.arguments.get(arg.target)
    if other is None:
        return f"that argument \u2018{arg.target}\u2019 fails"
    if other.relation is Relation.undercut or other.target not in rmap.statements:
        return f"that {_join([_quoted(rmap, p) for p in other.premises])} {'do' if len(other.premises) > 1 else 'does'} not show what \u2018{arg.target}\u2019 claims"
    what = _quoted(rmap, other.target) if other.relation is Relation.support else f"the denial of {_quoted(rmap, other.target)}"
    return f"that {_join([_quoted(rmap, p) for p in other.premises])} {'do' if len(other.premises) > 1 else 'does'} not lead to {what}"


def _sources(rmap: ResolvedMap, premises: list[str]) -> str:
    cites: list[str] = []
    for p in premises:
        for eid in rmap.evidence_for.get(p, []):
            src = rmap.sources.get(rmap.evidence[eid].evidence.source)
            if src is not None and src.cite_short() not in cites:
                cites.append(src.cite_short())
    return f" ({', '.join(cites)})" if cites else ""


def critical_questions(rmap: ResolvedMap, argument_id: str) -> list[CriticalQuestion]:
    """The critical questions of an argument's scheme, filled with its own statements.

    An argument without a scheme has none. Raises KeyError for an unknown argument id.
    """
    arg = rmap.arguments[argument_id]
    if arg.scheme is None:
        return []
    premises = [p for p in arg.premises]
    values = {
        "premises": _join([_quoted(rmap, p) for p in premises]),
        "premise": _quoted(rmap, premises[0]),
        "conclusion": conclusion_phrase(rmap, argument_id),
        "sources": _sources(rmap, premises),
    }
    out = []
    for t in QUESTIONS[arg.scheme]:
        if t.aim == P:
            targets = tuple(premises[:1]) if "{premise}" in t.text else tuple(premises)
        elif t.aim == I:
            targets = (argument_id,)
        else:
            targets = (arg.target,)
        out.append(CriticalQuestion(t.text.format(**values), arg.scheme, argument_id, t.key, t.aim, targets,
                                    CONFLICT_SCHEMES.get(t.key)))
    return out


def all_critical_questions(rmap: ResolvedMap) -> dict[str, list[CriticalQuestion]]:
    """argument id -> its critical questions, for every argument that names a scheme."""
    return {aid: critical_questions(rmap, aid) for aid, arg in rmap.arguments.items() if arg.scheme is not None}


def _raises(rmap: ResolvedMap, attack_id: str, q: CriticalQuestion) -> bool:
    """Whether an attack aims where the question does: an undercut of the argument raises its inference
    questions, a rebuttal of a premise its questions about that premise, a rebuttal of what a supporting
    argument concludes its conclusion questions."""
    attack = rmap.arguments[attack_id]
    if attack_id == q.argument_id or attack.target not in q.targets:
        return False
    if attack.relation is Relation.undercut:
        return q.aim == I
    if attack.relation is Relation.rebut:
        return q.aim == P or (q.aim == C and rmap.arguments[q.argument_id].relation is Relation.support)
    return False


def raised_questions(rmap: ResolvedMap) -> dict[str, CriticalQuestion]:
    """attack id -> the critical question it raises, where that can be decided.

    An attack may name its question (`aif: question: <key>`): it raises it when the key is one of the
    questions its aim and target match (see `_raises`), over every argument of the map that names a scheme,
    and raises none when it does not. Otherwise only an undercut is decided by its aim alone: when it
    matches exactly one inference question and that question has an AIFdb conflict scheme (an undercut of
    a sign says the sign does not indicate the conclusion, which is what "reliable-sign" asks). A rebuttal
    denies a premise or a conclusion for reasons of its own, which a scheme's few questions do not cover (a
    counterplan's solvency deficit is no "goal" question), and an undercut of a scheme whose one inference
    question is narrow ("field", "uniqueness") is as often a no-link or a bias argument, so those raise
    only the question they name.
    """
    questions = [q for qs in all_critical_questions(rmap).values() for q in qs]
    out: dict[str, CriticalQuestion] = {}
    for aid, arg in rmap.arguments.items():
        if arg.relation is Relation.support:
            continue
        candidates = [q for q in questions if _raises(rmap, aid, q)]
        named = arg.aif.question if arg.aif is not None else None
        picked = [q for q in candidates if q.key == named] if named else []
        if len(picked) == 1:
            out[aid] = picked[0]
        elif not named and arg.relation is Relation.undercut and len(candidates) == 1 and candidates[0].conflict:
            out[aid] = candidates[0]
    return out


def open_questions(rmap: ResolvedMap) -> dict[str, list[CriticalQuestion]]:
    """argument id -> its critical questions that no attack of the map raises (see `raised_questions`)."""
    raised = {(q.argument_id, q.key) for q in raised_questions(rmap).values()}
    return {aid: [q for q in qs if (aid, q.key) not in raised] for aid, qs in all_critical_questions(rmap).items()}
