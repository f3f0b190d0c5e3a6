"""What every handout shares: the header, card pointers, the Handout value and
the map's words with the analysis behind them.

A handout is `Handout(kind, header, body)` where `body` is the kind's own typed
view model (`BriefBody`, `CardsBody`, `BlocksBody`, `FlowBody`,
`WorksheetBody`); `to_data()` serialises it for Typst and JSON. Builders take
an `Analysis` and compute no analysis: labels, sides, weak spots, clashes,
contentions and critical questions are read from it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any, Generic, TypeVar

from argmap.analyze.analysis import Analysis
from argmap.analyze.cards import SIDE_LABELS, STOCK_LABELS, STOCK_ORDER, WPM, format_date, source_cite  # noqa: F401
from argmap.analyze.contentions import issue_order, support_premises  # noqa: F401
from argmap.analyze.evaluate import Evaluation
from argmap.analyze.wording import Wording
from argmap.load.model import OptionKind
from argmap.resolve.resolver import ResolvedMap

KIND_TITLES = {
    "brief": "Case brief",
    "cards": "Evidence cards",
    "blocks": "Blocks and cross-examination",
    "flow": "Flow sheet",
    "worksheet": "Student worksheet",
    "key": "Teacher key",
    "1ac": "1AC speech document",
    "1nc": "1NC shells",
    "reading": "Numbered source reading",
}
OPTION_ORDER = [OptionKind.carrot, OptionKind.stick, OptionKind.status_quo, OptionKind.mix, OptionKind.other]
ANSWER_LABELS = {
    "no-link": "No link",
    "non-unique": "Non-unique",
    "link-turn": "Link turn",
    "impact-turn": "Impact turn",
    "solvency-deficit": "Solvency deficit",
    "evidence-indict": "Evidence indict",
    "permutation": "Permutation",
    "no-impact": "No impact",
    "counter-evidence": "Counter-evidence",
    "analytic": "Analytic",
}
SCHEME_LABELS = {
    "practical-reasoning": "practical reasoning",
    "consequences": "argument from consequences",
    "precedent": "argument from precedent",
    "analogy": "argument from analogy",
    "expert-opinion": "argument from expert opinion",
    "sign": "argument from sign",
    "cause-to-effect": "cause to effect",
    "example": "argument from example",
    "values": "argument from values",
}
EVENTS = {
    "policy": ("Policy", ["1AC", "1NC", "2AC", "2NC/1NR", "1AR", "2NR", "2AR"]),
    "ld": ("Lincoln-Douglas", ["AC", "NC", "1AR", "NR", "2AR"]),
    "pf": ("Public Forum", ["Pro constructive", "Con constructive", "Pro rebuttal", "Con rebuttal", "Pro summary", "Con summary",
                            "Pro final focus", "Con final focus"]),
}
IMPACT_DIMENSIONS = [("magnitude", "Magnitude"), ("probability", "Probability"), ("timeframe", "Timeframe"), ("reversibility", "Reversibility")]


@dataclass
class SourceLine:
    id: str
    short_cite: str
    full: str  # the written citation, without the short cite
    brief: str = ""  # what the brief's header says after the short cite: “title” (kind, date)


@dataclass
class Header:
    map_id: str
    title: str
    resolution: str | None
    kind: str
    kind_title: str
    sources: list[SourceLine]
    footer: str  # map title and sources, one line


@dataclass
class Pointer:
    """A reference to a card: `(Author 23, E3)`."""

    evidence_id: str
    number: str  # "E3"
    short_cite: str
    paragraph: int | None

    @property
    def text(self) -> str:
        return f"({self.short_cite}, {self.number})"


B = TypeVar("B")


@dataclass
class Handout(Generic[B]):
    kind: str
    header: Header
    body: B  # the kind's typed view model
    wpm: int = WPM
    ids: bool = False  # print the map's ids beside what they name (`argmap handout --ids`); off for students

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "header": asdict(self.header), "wpm": self.wpm, "ids": self.ids, "body": plain(self.body)}

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, sort_keys=False)


def plain(value: Any) -> Any:
    """Dataclasses -> dicts (keeping Pointer.text), recursively: what Typst and JSON receive."""
    if isinstance(value, Pointer):
        return {**asdict(value), "text": value.text}
    if hasattr(value, "__dataclass_fields__"):
        return {k: plain(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


class Index(Wording):
    """The map in words (argmap.analyze.wording) with the analysis the handouts read."""

    def __init__(self, analysis: Analysis):
        self.analysis = analysis
        super().__init__(analysis.map, analysis.card_numbers, analysis.sides, analysis.stock_issues)

    def pointer(self, eid: str) -> Pointer:
        rev = self.m.evidence[eid]
        src = self.m.sources.get(rev.evidence.source)
        return Pointer(eid, self.numbers[eid], src.cite_short() if src else rev.evidence.source,
                       rev.anchor.paragraph if rev.anchor else None)

    def pointers_for(self, sid: str) -> list[Pointer]:
        return [self.pointer(e) for e in self.m.evidence_for.get(sid, [])]

    def warrant_for(self, sid: str) -> str | None:
        for aid in [*self.m.supporting_args.get(sid, []), *self.m.premise_of.get(sid, [])]:
            if self.m.arguments[aid].warrant:
                return self.m.arguments[aid].warrant
        return None

    @property
    def evaluation(self) -> Evaluation:
        return self.analysis.evaluation

    def status(self, ident: str) -> str:
        """'stands', 'falls' or 'contested' (grounded labels in words)."""
        return self.analysis.status_word(ident)

    def ours(self, ident: str) -> bool:
        return self.side(ident) == "aff"


def used_sources(rmap: ResolvedMap) -> list[str]:
    """The sources the map's cards quote, in the order of the sources file."""
    used = {rev.evidence.source for rev in rmap.evidence.values()}
    return [sid for sid in rmap.sources if sid in used]


def header(rmap: ResolvedMap, kind: str, title_suffix: str = "") -> Header:
    cited = used_sources(rmap) or list(rmap.sources)  # the sources the map's cards quote
    sources = [SourceLine(sid, s.cite_short(), source_cite(s), f"\u201c{s.title}\u201d ({s.kind.value}, {format_date(s.date)})")
               for sid in cited if (s := rmap.sources[sid])]
    cites = "; ".join(s.short_cite for s in sources)
    return Header(
        map_id=rmap.id,
        title=rmap.header.title,
        resolution=rmap.header.resolution,
        kind=kind,
        kind_title=KIND_TITLES[kind] + title_suffix,
        sources=sources,
        footer=f"{rmap.header.title} \u2014 sources: {cites}" if cites else rmap.header.title,
    )


def cite_groups(ptrs: list[Pointer]) -> list[str]:
    """Pointers grouped by short cite, in order: ['Author 23, E7, E8']."""
    groups: dict[str, list[str]] = {}
    for p in ptrs:
        groups.setdefault(p.short_cite, []).append(p.number)
    return [f"{k}, {', '.join(v)}" for k, v in groups.items()]


def ordered_options(rmap: ResolvedMap) -> list[str]:
    order = list(rmap.options)
    return sorted(rmap.options, key=lambda oid: (OPTION_ORDER.index(rmap.options[oid].kind), order.index(oid)))


def norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


@dataclass
class Plank:
    number: int
    text: str
    half: str | None  # carrot | stick, when an option of that kind lists it


@dataclass
class PlanOption:
    option: str
    label: str
    kind: str
    recommended: bool
    planks: list[Plank]


def plan_text(rmap: ResolvedMap) -> list[PlanOption]:
    """The plan's planks, numbered: the recommended option's (or, when none is
    recommended, every course of action's but the status quo's), each marked
    with the half it belongs to when a carrot or stick option lists it too."""
    opts = ordered_options(rmap)
    chosen = [o for o in opts if rmap.options[o].recommended and rmap.options[o].planks]
    if not chosen:
        chosen = [o for o in opts if rmap.options[o].kind is not OptionKind.status_quo and rmap.options[o].planks]
    half_of: dict[str, str] = {}
    for o in opts:
        opt = rmap.options[o]
        if opt.kind in (OptionKind.carrot, OptionKind.stick):
            for p in opt.planks:
                half_of.setdefault(norm(p), opt.kind.value)
    out: list[PlanOption] = []
    seen: set[str] = set()
    n = 0
    for oid in chosen:
        opt = rmap.options[oid]
        planks: list[Plank] = []
        for p in opt.planks:
            if norm(p) in seen:
                continue
            seen.add(norm(p))
            n += 1
            half = half_of.get(norm(p)) or (opt.kind.value if opt.kind in (OptionKind.carrot, OptionKind.stick) else None)
            planks.append(Plank(n, p, half))
        if planks:
            out.append(PlanOption(oid, opt.label, opt.kind.value, opt.recommended, planks))
    return out


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]
