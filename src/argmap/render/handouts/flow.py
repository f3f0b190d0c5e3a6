"""The flow sheet: the event's speech columns, the case sheet (one row per
contention of the brief's outline) and one off-case sheet per position of
theirs (each disadvantage, counterplan and topicality argument)."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.analyze.analysis import Analysis
from argmap.load.model import EVENT_ALIASES, Relation
from argmap.render.handouts.blocks import speech_and_hat
from argmap.render.handouts.brief import contention_outline
from argmap.render.handouts.common import EVENTS, STOCK_LABELS, Handout, Index, Pointer, header


@dataclass
class FlowReason:
    text: str
    cite: str
    number: str  # "2B", or "" for an assumption


@dataclass
class FlowRow:
    section: str  # the group label, on the first row of each group
    number: str
    text: str
    cite: str
    reasons: list[FlowReason] = field(default_factory=list)
    more: int = 0


@dataclass
class FlowSheet:
    title: str
    column: int  # the speech column the rows are written in
    rows: list[FlowRow]


@dataclass
class FlowLine:
    """The case, flat: headings, contentions and their reasons (for tools and tests)."""

    heading: bool
    text: str
    cite: str
    level: int = 0
    number: str = ""


@dataclass
class FlowBody:
    event: str
    event_label: str
    speeches: list[str]
    rows: list[FlowLine]
    sheets: list[FlowSheet]


def flow_cite(ptrs: list[Pointer], analytic: bool) -> str:
    """'Author 23 E3, E4': what a debater writes next to a tag on the flow."""
    if not ptrs:
        return "analytic" if analytic else ""
    groups: dict[str, list[str]] = {}
    for p in ptrs:
        groups.setdefault(p.short_cite, []).append(p.number)
    return "; ".join(f"{k} {', '.join(v)}" for k, v in groups.items())


def event_key(event: str | None, default: str | None) -> str:
    event = (event or default or "policy").lower()
    event = EVENT_ALIASES.get(event, event)
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}; choose one of {', '.join(EVENTS)}")
    return event


def build_flow(analysis: Analysis, *, event: str | None = None) -> Handout[FlowBody]:
    rmap = analysis.map
    event = event_key(event, rmap.header.event)
    label, speeches = EVENTS[event]
    ix = Index(analysis)
    thesis, sections = contention_outline(ix)
    rows: list[FlowLine] = []
    case: list[FlowRow] = []
    if thesis:
        cite = flow_cite(ix.pointers_for(thesis.id), False)
        rows += [FlowLine(True, "Thesis", ""), FlowLine(False, thesis.tag or thesis.text, cite)]
        case.append(FlowRow("Thesis", "", thesis.tag or thesis.text, cite))
    for sec in sections:
        groups = ([(sec.label, sec.lines)] if sec.lines else []) + [(sub.label, sub.lines) for sub in sec.subsections]
        for glabel, lines in groups:
            if not lines:
                continue
            rows.append(FlowLine(True, glabel, ""))
            for i, ln in enumerate(lines):
                cite = ("via " if ln.basis == "beneath" else "") + flow_cite(ln.pointers, ln.analytic)
                rows.append(FlowLine(False, ln.tag, cite, 0, str(ln.number)))
                reasons = []
                for sp in ln.subpoints:
                    r = FlowReason(sp.tag, ", ".join(p.number for p in sp.pointers) or "analytic", f"{ln.number}{sp.letter}")
                    rows.append(FlowLine(False, r.text, r.cite, 1, r.number))
                    reasons.append(r)
                for a in ln.assumptions:
                    r = FlowReason(f"assumes: {a}", "analytic", "")
                    rows.append(FlowLine(False, r.text, r.cite, 1, ""))
                    reasons.append(r)
                case.append(FlowRow(glabel if i == 0 else "", str(ln.number), ln.tag, cite, reasons, ln.more))
    order = ["disadvantage", "counterplan", "topicality"]
    off: list[tuple[int, FlowRow]] = []
    for sid, st in rmap.statements.items():
        if ix.ours(sid) or st.stock_issue is None or st.stock_issue.value not in order:
            continue
        attacks = [rmap.arguments[a].target for a in rmap.premise_of.get(sid, []) if rmap.arguments[a].relation is not Relation.support]
        if not attacks or speech_and_hat(ix, sid, attacks)[0] == "1AR":
            continue  # an answer to our answers is flowed where it comes, not as a position of its own
        off.append((order.index(st.stock_issue.value),
                    FlowRow(STOCK_LABELS[st.stock_issue.value], "", ix.tag(sid), flow_cite(ix.pointers_for(sid), True))))
    off.sort(key=lambda x: x[0])
    # Each off-case position (each disadvantage, counterplan, topicality
    # argument) on a sheet of its own, as debaters flow them.
    sheets = [FlowSheet("Case", 0, case)]
    for _, r in off:
        sheets.append(FlowSheet(f"Off-case \u2014 {r.section.removesuffix('s')}: {r.text}", 1, [r]))
    return Handout("flow", header(rmap, "flow", f" \u2014 {label}"), FlowBody(event, label, speeches, rows, sheets))
