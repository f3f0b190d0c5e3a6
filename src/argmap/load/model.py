"""The claim-file model: what a teacher writes in `arguments/` and `seeds/sources.yaml`.

Every class here is a pydantic v2 model with `extra="forbid"`, so a typo such as
`suports:` is an error rather than a silently ignored key. The models describe
the *authored* data only; the resolved graph (anchors, back-links) lives in
`argmap.resolve.resolver`.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

# Ids are short human-chosen slugs: letters, digits, '-', '_' and '.'.
ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Dates are ISO and may be partial: "2023", "2023-02" or "2023-02-14".
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"  # a real month and day: "2015-16" is refused
PartialDate = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]


def _one_or_many(value: Any) -> Any:
    """Let a teacher write `supports: thesis` for `supports: [thesis]`."""
    if isinstance(value, str):
        return [value]
    return value


IdList = Annotated[list[Id], BeforeValidator(_one_or_many)]
TextList = Annotated[list[Text], BeforeValidator(_one_or_many)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


# --------------------------------------------------------------------------- sources


class SourceKind(str, Enum):
    op_ed = "op-ed"
    news = "news"
    study = "study"
    report = "report"
    book = "book"
    speech = "speech"
    other = "other"


class Author(Strict):
    name: Text
    qualifications: str | None = Field(None, description="Why this author is worth citing, as a card's cite states it.")

    @property
    def last_name(self) -> str:
        return self.name.split()[-1]


class Reference(Strict):
    """An entry in a source's own reference list (the op-ed cites its sources)."""

    id: Id
    authors: list[str] = Field(default_factory=list, description="As printed: 'Kim, E.'")
    corporate_author: str | None = None
    date: PartialDate | None = None
    title: Text
    outlet: str | None = None
    accessed: PartialDate | None = None
    url: str | None = None


class Source(Strict):
    """A document in `seeds/` with the metadata a card's cite needs."""

    id: Id
    file: Text = Field(description="File name inside seeds/.")
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$", description="Hash of the file when its quotes were anchored.")
    kind: SourceKind
    title: Text
    authors: list[Author] = Field(default_factory=list)
    short_cite: str | None = Field(None, description="What a debater says aloud, e.g. 'Chatterji & Gurudatha 23'. Derived when absent.")
    outlet: str | None = None
    date: PartialDate
    date_approximate: bool = False
    date_note: str | None = None
    url: str | None = None
    accessed: PartialDate | None = None
    furniture: TextList = Field(default_factory=list, description="Whole lines that are page furniture, not text.")
    references: list[Reference] = Field(default_factory=list)

    def cite_short(self) -> str:
        if self.short_cite:
            return self.short_cite
        year = self.date[2:4]
        lasts = [a.last_name for a in self.authors]
        if not lasts:
            who = self.outlet or self.title.split(":")[0]
        elif len(lasts) == 1:
            who = lasts[0]
        elif len(lasts) == 2:
            who = f"{lasts[0]} & {lasts[1]}"
        else:
            who = f"{lasts[0]} et al."
        return f"{who} {year}"


class SourcesFile(Strict):
    sources: list[Source]


# --------------------------------------------------------------------------- claim files


class StatementKind(str, Enum):
    thesis = "thesis"  # the position the map defends
    claim = "claim"  # an intermediate conclusion
    premise = "premise"  # a reason given in the text
    fact = "fact"  # a reported, checkable fact
    assumption = "assumption"  # a premise the author leaves unstated
    objection = "objection"  # the other side's claim
    answer = "answer"  # a reply to an objection
    plan = "plan"  # a plank: what the plan does


class StockIssue(str, Enum):
    harms = "harms"
    inherency = "inherency"
    plan = "plan"
    solvency = "solvency"
    advantage = "advantage"
    disadvantage = "disadvantage"
    counterplan = "counterplan"
    topicality = "topicality"
    case_attack = "case-attack"


class Side(str, Enum):
    aff = "aff"  # the side the map argues for (the author's)
    neg = "neg"  # the other side


class WeaknessKind(str, Enum):
    overclaim = "overclaim"
    vague = "vague"
    factual_slip = "factual-slip"
    dated = "dated"
    unsupported = "unsupported"
    causal_leap = "causal-leap"
    power_tag = "power-tag"
    other = "other"
    # Coach's notes that acknowledge a strategy check (argmap.analyze.strategy):
    # the check is still listed, with this note as its reason.
    indicted_support = "indicted-support"
    double_bind = "double-bind"
    concession = "concession"
    answer_misfit = "answer-misfit"
    interested_source = "interested-source"
    analytic = "analytic"
    read = "read"


class Weakness(Strict):
    """A weak spot a coach would point out."""

    kind: WeaknessKind
    note: Text


class Keep(Strict):
    """A weak spot (W5xx) kept on purpose: the finding is listed as a note with
    its reason, not as a warning. A keep with no reason, or one whose code no
    longer fires on its item, is itself a warning (W518, W519)."""

    code: str = Field(pattern=r"^W5[0-9][0-9]$", description="The code of the finding kept (W502, W509...).")
    reason: str | None = Field(None, description="Why the finding is kept (required: an empty reason is warned about).")
    source: Id | None = Field(None, description="Map level only: keep the findings of this code about this source's cards.")


class OptionKind(str, Enum):
    carrot = "carrot"
    stick = "stick"
    mix = "mix"
    status_quo = "status-quo"
    other = "other"


class ImpactCalculus(Strict):
    magnitude: str | None = None
    probability: str | None = None
    timeframe: str | None = None
    reversibility: str | None = None


class PolicyOption(Strict):
    id: Id
    label: Text
    kind: OptionKind
    summary: str | None = None
    planks: TextList = Field(default_factory=list, description="What the option does, one plank a line.")
    risks: TextList = Field(default_factory=list)
    recommended: bool = Field(False, description="The option the map argues for.")
    impact: ImpactCalculus | None = None


class AifOrigin(Strict):
    """Where an imported item came from in an AIF file (AIFdb, OVA): kept so the AIF export gives it back."""

    id: str | None = Field(None, description="The node's nodeID.")
    scheme: str | None = Field(None, description="The scheme name as the file gave it ('Expert Opinion', 'Default Inference').")
    scheme_id: str | None = Field(None, description="The scheme's schemeID in AIFdb.")
    timestamp: str | None = None
    rephrase_ids: dict[str, str] = Field(default_factory=dict, description=(
        "On a statement: the nodeID of the MA node (rephrase) to each statement it rephrases, by that statement's id."))
    question: str | None = Field(None, description=(
        "On an attack: the key of the critical question it raises ('credentials', 'alternatives'...), where its aim "
        "alone does not decide it; the AIF export names its CA node by that question's conflict scheme."))


class Statement(Strict):
    id: Id
    text: Text
    kind: StatementKind = StatementKind.claim
    option: Id | None = Field(None, description="The policy option this statement belongs to.")
    stock_issue: StockIssue | None = None
    side: Side | None = Field(None, description="Defaults to neg for objections, aff otherwise.")
    tag: str | None = Field(None, description="A short debate tag; defaults to the text.")
    as_of: PartialDate | None = Field(None, description="When the events the statement speaks of happened; older evidence is flagged as dated.")
    blank: bool = Field(False, description="Leave this statement blank on the student worksheet.")
    accepted: bool = Field(False, description="Take this statement as accepted for a round (evaluation).")
    note: str | None = None
    weaknesses: list[Weakness] = Field(default_factory=list)
    keep: list[Keep] = Field(default_factory=list, description="Weak spots of this item kept on purpose, each with its code and reason.")
    contrary: IdList = Field(default_factory=list, description=(
        "Statements that cannot be true together with this one (symmetric, as Argdown's contradictions). "
        "Two of one side's claims marked contrary are a double bind."))
    contradicts: IdList = Field(default_factory=list, description=(
        "Statements that are this one's negation: not both true and not both false (symmetric, "
        "as Argdown's contradictions `><`). A contradiction is also a contrary."))
    rephrases: IdList = Field(default_factory=list, description=(
        "Statements that say the same in other words (symmetric: AIF's MA rephrase, Argdown's equivalence). "
        "A rephrase is not support, so mutual rephrases are no cycle."))
    tags: TextList = Field(default_factory=list, description="Labels that group statements across the map (Argdown's #tags).")
    group: str | None = Field(None, description="The heading the statement stands under (Argdown's groups, Verbatim's pocket/hat/block).")
    aif: AifOrigin | None = None

    @property
    def effective_side(self) -> Side:
        if self.side is not None:
            return self.side
        return Side.neg if self.kind is StatementKind.objection else Side.aff


class Scheme(str, Enum):
    practical_reasoning = "practical-reasoning"
    consequences = "consequences"
    precedent = "precedent"
    analogy = "analogy"
    expert_opinion = "expert-opinion"
    sign = "sign"
    cause_to_effect = "cause-to-effect"
    example = "example"
    values = "values"


class AnswerType(str, Enum):
    no_link = "no-link"
    non_unique = "non-unique"
    link_turn = "link-turn"
    impact_turn = "impact-turn"
    solvency_deficit = "solvency-deficit"
    evidence_indict = "evidence-indict"
    permutation = "permutation"
    no_impact = "no-impact"
    counter_evidence = "counter-evidence"
    impact_calculus = "impact-calculus"  # weighs magnitude, probability, timeframe against the attack's framing


class Relation(str, Enum):
    support = "support"
    rebut = "rebut"  # attacks a statement
    undercut = "undercut"  # attacks an argument's inference


class Argument(Strict):
    """An inference: premises that *together* support or attack a target.

    Exactly one of `supports` (a statement), `attacks` (a statement: rebuttal)
    or `undercuts` (an argument: its inference) names the target. Independent
    reasons belong in separate arguments.
    """

    id: Id
    premises: IdList = Field(min_length=1)
    supports: Id | None = None
    attacks: Id | None = None
    undercuts: Id | None = None
    scheme: Scheme | None = None
    warrant: str | None = Field(None, description="Why the premises lead to the conclusion.")
    answer_type: AnswerType | None = Field(None, description="For an answer to an attack: the kind of answer (no-link, turn...).")
    note: str | None = None
    weaknesses: list[Weakness] = Field(default_factory=list)
    keep: list[Keep] = Field(default_factory=list, description="Weak spots of this item kept on purpose, each with its code and reason.")
    group: str | None = Field(None, description="The heading the argument stands under (Argdown's groups).")
    aif: AifOrigin | None = None

    @model_validator(mode="after")
    def _one_target(self) -> "Argument":
        named = [k for k in ("supports", "attacks", "undercuts") if getattr(self, k) is not None]
        if len(named) != 1:
            raise ValueError(
                "an argument needs exactly one of 'supports', 'attacks' or 'undercuts'"
                + (f" (found {', '.join(named)})" if named else "")
            )
        return self

    @property
    def relation(self) -> Relation:
        if self.supports is not None:
            return Relation.support
        if self.attacks is not None:
            return Relation.rebut
        return Relation.undercut

    @property
    def target(self) -> str:
        return self.supports or self.attacks or self.undercuts  # type: ignore[return-value]


class VoiceKind(str, Enum):
    author = "author"  # the source's own author
    government = "government"  # a government or its officials
    party = "party"  # a party to the dispute the map is about
    press = "press"  # a news report
    expert = "expert"  # a scholar, analyst or think tank
    other = "other"


class Voice(Strict):
    """Who speaks in a card's quote, when the source relays someone else."""

    who: Text = Field(description="As a debater would say it: 'North Korean diplomats', 'the US government'.")
    kinds: list[VoiceKind] = Field(min_length=1, description="What kind of voice: a government, a party to the dispute...")


class Evidence(Strict):
    """A verbatim quote from a source, supporting or challenging statements."""

    id: Id
    source: Id
    quote: Text
    highlight: TextList = Field(default_factory=list, description="Parts of the quote read aloud; each must appear in the quote.")
    emphasis: TextList = Field(default_factory=list, description="Key words inside the highlighted parts.")
    tag: str | None = Field(None, description="The debater's one-line claim for this card; defaults to the supported statement.")
    supports: IdList = Field(default_factory=list)
    challenges: IdList = Field(default_factory=list)
    reference: Id | None = Field(None, description="The entry in the source's reference list this passage draws on.")
    # Which passage the quote is, when its words occur more than once in the source (argmap.resolve.locate).
    occurrence: int | None = Field(None, ge=1, description="Which occurrence of the quote is meant, counting from 1 (when it occurs more than once).")
    after: str | None = Field(None, min_length=1, description="Words that come before the quote in the source: the occurrence nearest after them is meant.")
    before: str | None = Field(None, min_length=1, description="Words that come after the quote in the source: the occurrence nearest before them is meant.")
    partial_words: bool = Field(False, description="Allow the quote to start or end inside a word (by default it must begin and end on whole words).")
    reference_guessed: bool = Field(False, description=(
        "The source does not say which reference the passage draws on and `reference` is matched by subject: "
        "the cite says 'probably citing'."))
    voice: Voice | None = Field(None, description="Who speaks in the quote when it is not the source's author (source scrutiny).")
    accepted: bool = False
    note: str | None = None
    weaknesses: list[Weakness] = Field(default_factory=list)
    keep: list[Keep] = Field(default_factory=list, description="Weak spots of this item kept on purpose, each with its code and reason.")
    group: str | None = Field(None, description="The heading the card stands under (Verbatim's pocket / hat / block).")
    aif: AifOrigin | None = Field(None, description="The AIF locution (L node) this card is.")


class MapHeader(Strict):
    title: Text
    resolution: str | None = Field(None, description="The resolution or thesis question debated.")
    description: str | None = None
    sources: IdList = Field(default_factory=list, description="Sources this map draws on (all when empty).")
    event: str | None = None
    analyses: Id | None = Field(None, description=(
        "The source this map analyses (an op-ed mapped claim by claim): its sentences quoted for its own claims "
        "are what the author says, so self-citation (W503) of it is kept as a note."))
    keep: list[Keep] = Field(default_factory=list, description="Weak spots kept map-wide, each with its code, reason and (optionally) source.")

    @field_validator("event")
    @classmethod
    def _known_event(cls, event: str | None) -> str | None:
        """The debate event sets the flow's columns and the 1AC's time limit: one argmap knows."""
        key = event.strip().lower() if event is not None else None
        if key is not None and EVENT_ALIASES.get(key, key) not in ("policy", "ld", "pf"):
            raise ValueError(f"unknown event {event!r}; use policy, ld (Lincoln-Douglas) or pf (Public Forum)")
        return event


# The names an `event:` may go by, besides policy, ld and pf (as the handouts read them).
EVENT_ALIASES = {"lincoln-douglas": "ld", "public-forum": "pf", "public forum": "pf", "cx": "policy"}


class ClaimFile(Strict):
    """One YAML file in `arguments/`. A map is one file or a folder of them."""

    map: MapHeader | None = None
    options: list[PolicyOption] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    arguments: list[Argument] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


def is_valid_id(text: str) -> bool:
    return re.match(ID_PATTERN, text) is not None
