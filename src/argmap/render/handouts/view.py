"""The handout view model: plain, JSON-serialisable data built from a resolved map.

Every debate decision lives here (what a card's cite says, which claims are
analytics, which answers a block has, what the worksheet leaves blank); the
HTML, PDF and Markdown renderers only lay the data out. `build_view(rmap,
kind)` returns a `Handout`; `Handout.to_json()` is what Typst receives.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from argmap.load.model import (
    OptionKind,
    Relation,
    Scheme,
    Side,
    Source,
    Statement,
    StatementKind,
    StockIssue,
    WeaknessKind,
)
from argmap.analyze.analysis import Analysis, analyze
from argmap.analyze.cards import (
    WPM, BodyParagraph, Card, Segment, _join_names, card_body, count_words as _words, duration as _seconds, format_date, make_card,
    reference_cite, source_cite,
)
from argmap.analyze.evaluate import Evaluation
from argmap.analyze.wording import Wording, quote as _quote, short as _short
from argmap.resolve.resolver import ResolvedMap

KIND_TITLES = {
    "brief": "Case brief",
    "cards": "Evidence cards",
    "blocks": "Blocks and cross-examination",
    "flow": "Flow sheet",
    "worksheet": "Student worksheet",
    "key": "Teacher key",
}

STOCK_ORDER = [s.value for s in StockIssue]
STOCK_LABELS = {
    "harms": "Harms",
    "inherency": "Inherency",
    "plan": "Plan",
    "solvency": "Solvency",
    "advantage": "Advantages",
    "disadvantage": "Disadvantages",
    "counterplan": "Counterplans",
    "topicality": "Topicality",
    "case-attack": "Case attacks",
    "other": "Other reasons",
}
SIDE_LABELS = {"aff": "Affirmative", "neg": "Negative"}
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
    "pf": ("Public Forum", ["AC", "NC", "AR", "NR", "A summary", "N summary", "A final focus", "N final focus"]),
}
# Grounded labels (argmap.analyze.evaluate) in words a student uses.
STATUS_WORDS = {"in": "stands", "out": "falls", "undec": "contested"}
# Words that make a tag claim more than a cautious quote may say.
STRONG_WORDS = ("will", "always", "never", "all", "every", "certain", "certainly", "definitely", "proves", "guarantee", "guarantees", "only", "must")


# --------------------------------------------------------------------------- shared pieces


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
    """A reference to a card: `(Chatterji & Gurudatha 23, E3)`."""

    evidence_id: str
    number: str  # "E3"
    short_cite: str
    paragraph: int | None

    @property
    def text(self) -> str:
        return f"({self.short_cite}, {self.number})"


@dataclass
class Handout:
    kind: str
    header: Header
    body: dict[str, Any]
    wpm: int = WPM

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "header": asdict(self.header), "wpm": self.wpm, "body": _plain(self.body)}

    def to_json(self) -> str:
        return json.dumps(self.to_data(), ensure_ascii=False, sort_keys=False)


def _plain(value: Any) -> Any:
    """Dataclasses -> dicts (keeping Pointer.text), recursively."""
    if isinstance(value, Pointer):
        return {**asdict(value), "text": value.text}
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


class Index(Wording):
    """The map in words (argmap.analyze.wording) plus the analysis the handouts read."""

    def __init__(self, analysis: Analysis | ResolvedMap):
        if isinstance(analysis, ResolvedMap):  # transitional: callers that still pass a map
            analysis = analyze(analysis)
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
        for aid in self.m.supporting_args.get(sid, []):
            if self.m.arguments[aid].warrant:
                return self.m.arguments[aid].warrant
        for aid in self.m.premise_of.get(sid, []):
            if self.m.arguments[aid].warrant:
                return self.m.arguments[aid].warrant
        return None

    @property
    def evaluation(self) -> Evaluation:
        return self.analysis.evaluation

    def status(self, ident: str) -> str:
        """'stands', 'falls' or 'contested' (grounded labels in words)."""
        return self.analysis.status_word(ident)


def _attack_label(ix: Index, ident: str) -> str:
    return ix.attack_label(ident)


def _attack_name(ix: Index, ident: str) -> str:
    return ix.attack_name(ident)


def argument_text(ix: Index, aid: str, nested: bool = False) -> str:
    return ix.argument_text(aid, nested)


def _header(rmap: ResolvedMap, kind: str, title_suffix: str = "") -> Header:
    sources = [SourceLine(sid, s.cite_short(), source_cite(s), f"\u201c{s.title}\u201d ({s.kind.value}, {format_date(s.date)})")
               for sid, s in rmap.sources.items()]
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


def build_view(rmap: ResolvedMap, kind: str, *, event: str | None = None, diagram: bool = True) -> Handout:
    """The view model of one handout: kind is brief, cards, blocks, flow, worksheet or key."""
    builders = {
        "brief": lambda: build_brief(rmap, diagram=diagram),
        "cards": lambda: build_cards(rmap),
        "blocks": lambda: build_blocks(rmap),
        "flow": lambda: build_flow(rmap, event=event),
        "worksheet": lambda: build_worksheet(rmap, reveal=False),
        "key": lambda: build_worksheet(rmap, reveal=True),
    }
    if kind not in builders:
        raise ValueError(f"unknown handout kind {kind!r}; choose one of {', '.join(builders)}")
    return builders[kind]()


# --------------------------------------------------------------------------- cards


def build_cards(rmap: ResolvedMap) -> Handout:
    """Pocket (side) > hat (stock issue) > block (claim) > cards, Verbatim's four levels."""
    ix = Index(rmap)
    cards = [make_card(ix, eid) for eid in rmap.evidence]
    pockets: list[dict[str, Any]] = []
    for side in ("aff", "neg"):
        hats = []
        for issue in [*STOCK_ORDER, "other"]:
            blocks: dict[str, list[Card]] = {}
            for c in cards:
                if c.side == side and c.stock_issue == issue:
                    key = c.claims[0] if c.claims else ""
                    blocks.setdefault(key, []).append(c)
            if blocks:
                hats.append({
                    "issue": issue,
                    "label": STOCK_LABELS[issue],
                    "blocks": [{"claim": k, "claim_tag": ix.tag(k) if k else "Unassigned evidence",
                                "claim_text": rmap.statements[k].text if k in rmap.statements else "",
                                "cards": v} for k, v in blocks.items()],
                })
        if hats:
            pockets.append({"side": side, "label": SIDE_LABELS[side], "hats": hats})
    total_read = sum(c.read_seconds for c in cards)
    body = {
        "pockets": pockets,
        "count": len(cards),
        "total_read": _seconds(total_read),
        "legend": [
            {"style": "highlight", "text": "read aloud"},
            {"style": "emphasis", "text": "key words"},
            {"style": "underline", "text": "the quoted passage"},
            {"style": "context", "text": "rest of the paragraph, not read"},
        ],
        "read_note": f"Read time: highlighted words at {WPM} words per minute (the underlined quote when nothing is highlighted).",
    }
    # The flat list (in map order) for tests and tools.
    body["cards"] = cards
    return Handout("cards", _header(rmap, "cards"), body)


# --------------------------------------------------------------------------- brief

# What the two-page brief holds of the case; the full detail is in the cards
# and blocks handouts. Contentions are the claims directly under the thesis and
# each claim where the case turns to another stock issue or plank; under each,
# its reasons as lettered subpoints.
BRIEF_MAX_CONTENTIONS = 14
BRIEF_MAX_SUBPOINTS = 3
BRIEF_MAX_POINTERS = 4  # card pointers on one contention line
BRIEF_MAX_WORST = 6  # items in the coverage strip, besides the counts
CONTENTION_KINDS = (StatementKind.claim, StatementKind.premise)
TOP_EXCLUDED = (StatementKind.thesis, StatementKind.assumption, StatementKind.answer, StatementKind.objection, StatementKind.plan)


@dataclass
class SubPoint:
    """A reason under a contention: 'A. Nov 2022: biggest missile barrage (E4, E5)'."""

    id: str
    letter: str
    tag: str
    kind: str
    pointers: list[Pointer]
    cites: list[str]
    analytic: bool
    status: str = "stands"  # stands | falls | contested (grounded evaluation)
    status_note: str | None = None


@dataclass
class OutlineLine:
    id: str
    tag: str
    text: str
    kind: str
    warrant: str | None
    pointers: list[Pointer]
    analytic: bool
    option: str | None
    cites: list[str]  # pointers grouped by source: "Chatterji & Gurudatha 23, E7, E8"
    number: int | None = None  # contention number in the brief
    basis: str = "direct"  # direct: cards for the claim itself | beneath: cards of the reasons under it | none
    subpoints: list[SubPoint] = field(default_factory=list)
    more: int = 0  # reasons under it not listed in the brief
    builds_on: list[str] = field(default_factory=list)  # other contentions ("2") or their reasons ("2B") it rests on
    assumptions: list[str] = field(default_factory=list)  # unstated premises it needs (tags)
    status: str = "stands"  # stands | falls | contested (grounded evaluation)
    status_note: str | None = None


@dataclass
class OutlineSection:
    issue: str
    label: str
    lines: list[OutlineLine]
    subsections: list[dict[str, Any]] = field(default_factory=list)  # solvency per plank/option


def cite_groups(ptrs: list[Pointer]) -> list[str]:
    """Pointers grouped by short cite, in order: ['Chatterji & Gurudatha 23, E7, E8']."""
    groups: dict[str, list[str]] = {}
    for p in ptrs:
        groups.setdefault(p.short_cite, []).append(p.number)
    return [f"{k}, {', '.join(v)}" for k, v in groups.items()]


def _ordered_options(rmap: ResolvedMap) -> list[str]:
    return sorted(rmap.options, key=lambda oid: (OPTION_ORDER.index(rmap.options[oid].kind), list(rmap.options).index(oid)))


def _issue_order() -> list[str]:
    first = ["harms", "inherency", "plan", "solvency", "advantage"]
    return [*first, *[s for s in STOCK_ORDER if s not in first], "other"]


def _solvency_sub(m: ResolvedMap, oid: str | None, lines: list[OutlineLine]) -> dict[str, Any]:
    opt = m.options.get(oid) if oid else None
    return {"option": oid, "label": f"Solvency \u2014 {opt.label}" if opt else "Solvency \u2014 the plan as a whole",
            "planks": list(opt.planks) if opt else [], "lines": lines}


def _support_premises(m: ResolvedMap, sid: str) -> list[str]:
    """The premises of the arguments that support a statement, in map order, once each."""
    out: list[str] = []
    for aid in m.supporting_args.get(sid, []):
        for p in m.arguments[aid].premises:
            if p in m.statements and p != sid and p not in out:
                out.append(p)
    return out


def select_contentions(ix: Index) -> dict[str, str | None]:
    """The case's contentions, top first: statement id -> the option it argues for.

    The contentions are the claims directly under the thesis and, below them,
    each claim (or stated premise) where the case turns to another stock
    issue or another plank (an option of its own). At most
    BRIEF_MAX_CONTENTIONS; everything else is a reason under one of them.
    Without a thesis, the affirmative claims that support nothing else.
    """
    m = ix.m
    thesis = next(iter(m.theses()), None)

    def eligible(sid: str, top: bool) -> bool:
        st = m.statements[sid]
        if st.effective_side is not Side.aff:
            return False
        return st.kind not in TOP_EXCLUDED if top else st.kind in CONTENTION_KINDS

    if thesis is not None:
        roots = [p for p in _support_premises(m, thesis.id) if eligible(p, True)]
        root_option = thesis.option
    else:
        roots = [sid for sid in m.statements if eligible(sid, True)
                 and not any(m.arguments[a].relation is Relation.support for a in m.premise_of.get(sid, []))]
        root_option = None
    rank = {issue: i for i, issue in enumerate(_issue_order())}
    chosen: dict[str, str | None] = {}
    queue = [(r, m.statements[r].option or root_option) for r in roots]
    while queue and len(chosen) < BRIEF_MAX_CONTENTIONS:
        sid, option = queue.pop(0)
        if sid in chosen:
            continue
        chosen[sid] = option
        issue = ix.issue(sid)
        for p in _support_premises(m, sid):
            if p in chosen or (thesis is not None and p == thesis.id) or not eligible(p, False):
                continue
            p_option = m.statements[p].option or option
            # A new plank, or the case moving on (harms, inherency, plan, solvency,
            # advantages); a harm cited again under solvency stays a reason.
            if p_option != option or rank[ix.issue(p)] > rank[issue]:
                queue.append((p, p_option))
    return chosen


def _cards_beneath(ix: Index, sid: str) -> list[str]:
    try:
        from argmap.analyze.weakspots import cards_beneath

        return cards_beneath(ix.m, sid)
    except Exception:
        return []


def _status_note(ix: Index, sid: str) -> str | None:
    """Why a claim of ours does not stand, in words: the attacks that defeat or contest it."""
    ev = ix.evaluation
    if ev is None or ix.status(sid) == "stands":
        return None
    from argmap.analyze.evaluate import Label, reasons_against

    want = Label.IN if ix.status(sid) == "falls" else Label.UNDEC
    against = [r for r in reasons_against(ix.m, sid) if ev.reason_label(r, sid, True) is want]
    if against:
        verb = "defeated by" if want is Label.IN else "contested by"
        return f"{verb} " + "; ".join(_attack_label(ix, r) for r in against[:2])
    # Every reason for it fails (or is open): say why the reasons do.
    m = ix.m
    why: list[str] = []
    failed = Label.OUT if want is Label.IN else Label.UNDEC
    for aid in m.supporting_args.get(sid, []):
        if ev.labels.get(aid) is not failed:
            continue
        cut = [u for u in m.undercutting_args.get(aid, []) if ev.labels.get(u) is want]
        if cut:
            why.append(f"its reason is undercut by {_attack_label(ix, cut[0])}")
            continue
        weak = [p for p in m.arguments[aid].premises if p in m.statements and ev.labels.get(p) is failed]
        if weak:
            why.append(f"its reason {_quote(ix.tag(weak[0]))} {STATUS_WORDS[failed.value]}")
    if why:
        return "; ".join(dict.fromkeys(why[:2]))
    return "every reason for it is defeated" if want is Label.IN else "its reasons are contested"


def _contention_line(ix: Index, sid: str, option: str | None, chosen: dict[str, str | None]) -> OutlineLine:
    m = ix.m
    st = m.statements[sid]
    warrant = next((m.arguments[a].warrant for a in m.supporting_args.get(sid, []) if m.arguments[a].warrant), None)
    ptrs = ix.pointers_for(sid)
    basis = "direct"
    if not ptrs:
        ptrs = [ix.pointer(e) for e in _cards_beneath(ix, sid)][:BRIEF_MAX_POINTERS]
        basis = "beneath" if ptrs else "none"
    ptrs = ptrs[:BRIEF_MAX_POINTERS]
    subs: list[SubPoint] = []
    assumptions: list[str] = []
    builds_on: list[str] = []
    for p in _support_premises(m, sid):
        pst = m.statements[p]
        if pst.kind is StatementKind.assumption:
            assumptions.append(ix.tag(p))
        elif p in chosen:
            builds_on.append(p)
        elif pst.effective_side is Side.aff and pst.kind is not StatementKind.thesis:
            own = ix.pointers_for(p)
            beneath = own or [ix.pointer(e) for e in _cards_beneath(ix, p)][:2]
            subs.append(SubPoint(p, "", ix.tag(p), pst.kind.value, beneath[:3], cite_groups(beneath[:3]), not beneath,
                                 ix.status(p), _status_note(ix, p)))
    # Reasons with cards first: they are what a debater reads (trimmed to
    # BRIEF_MAX_SUBPOINTS once repeats are taken out, in contention_outline).
    subs.sort(key=lambda s: s.analytic)
    more = 0
    line = OutlineLine(sid, ix.tag(sid), st.text, st.kind.value, warrant, ptrs, basis == "none", option, cite_groups(ptrs),
                       basis=basis, subpoints=subs, more=more, assumptions=assumptions,
                       status=ix.status(sid), status_note=_status_note(ix, sid))
    line.builds_on = builds_on  # ids for now; numbered once the outline is ordered
    return line


def contention_outline(ix: Index) -> tuple[Statement | None, list[OutlineSection]]:
    """The brief's case outline: the contentions by stock issue (solvency by
    plank), numbered in reading order, each with its warrant, card pointers,
    lettered subpoints and the unstated assumptions it needs."""
    m = ix.m
    thesis = next(iter(m.theses()), None)
    chosen = select_contentions(ix)
    lines = {sid: _contention_line(ix, sid, opt, chosen) for sid, opt in chosen.items()}
    sections: list[OutlineSection] = []
    for issue in _issue_order():
        sids = [s for s in chosen if ix.issue(s) == issue]
        if not sids:
            continue
        if issue == "solvency":
            subs = []
            for oid in [*_ordered_options(m), None]:
                group = [lines[s] for s in sids if chosen[s] == oid]
                if group:
                    subs.append(_solvency_sub(m, oid, group))
            sections.append(OutlineSection(issue, STOCK_LABELS[issue], [], subs))
        else:
            sections.append(OutlineSection(issue, STOCK_LABELS[issue], [lines[s] for s in sids]))
    numbers: dict[str, str] = {}
    for ln in outline_lines(sections):
        ln.number = len(numbers) + 1
        numbers[ln.id] = str(ln.number)
    # A reason already listed under an earlier contention is referred to, not repeated.
    for ln in outline_lines(sections):
        refs = [numbers[b] for b in ln.builds_on if b in numbers]
        kept = []
        for sp in ln.subpoints:
            if sp.id in numbers:
                refs.append(numbers[sp.id])
            elif len(kept) < BRIEF_MAX_SUBPOINTS:
                kept.append(sp)
                sp.letter = chr(ord("A") + len(kept) - 1)
                numbers[sp.id] = f"{ln.number}{sp.letter}"
            else:
                ln.more += 1
        ln.subpoints = kept
        ln.builds_on = sorted(dict.fromkeys(refs), key=lambda r: (int(re.match(r"\d+", r).group()), r))
    return thesis, sections


def outline_lines(sections: list[OutlineSection]) -> list[OutlineLine]:
    """Every line of an outline, in reading order."""
    return [ln for sec in sections for ln in [*sec.lines, *(x for sub in sec.subsections for x in sub["lines"])]]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def plan_text(rmap: ResolvedMap) -> list[dict[str, Any]]:
    """The plan's planks, numbered: the recommended option's (or, when none is
    recommended, every course of action's but the status quo's), each marked
    with the half it belongs to when a carrot or stick option lists it too."""
    opts = _ordered_options(rmap)
    chosen = [o for o in opts if rmap.options[o].recommended and rmap.options[o].planks]
    if not chosen:
        chosen = [o for o in opts if rmap.options[o].kind is not OptionKind.status_quo and rmap.options[o].planks]
    half_of: dict[str, str] = {}
    for o in opts:
        opt = rmap.options[o]
        if opt.kind in (OptionKind.carrot, OptionKind.stick):
            for p in opt.planks:
                half_of.setdefault(_norm(p), opt.kind.value)
    out = []
    seen: set[str] = set()
    n = 0
    for oid in chosen:
        opt = rmap.options[oid]
        planks = []
        for p in opt.planks:
            if _norm(p) in seen:
                continue
            seen.add(_norm(p))
            n += 1
            half = half_of.get(_norm(p)) or (opt.kind.value if opt.kind in (OptionKind.carrot, OptionKind.stick) else None)
            planks.append({"number": n, "text": p, "half": half})
        if planks:
            out.append({"option": oid, "label": opt.label, "kind": opt.kind.value, "recommended": opt.recommended, "planks": planks})
    return out


def _option_statements(rmap: ResolvedMap, oid: str) -> list[str]:
    return [sid for sid, st in rmap.statements.items() if st.option == oid]


def _plank_range(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> 'Planks 1\u20133, 5'."""
    if not numbers:
        return ""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]}\u2013{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    return ("Planks " if len(numbers) > 1 else "Plank ") + ", ".join(parts)


def option_columns(ix: Index) -> list[dict[str, Any]]:
    """Each option's column. For a course of action, its evidence is the cards for
    its own (affirmative) statements and its objection the strongest attack on
    them; for the status quo it is the reverse: the case's statements about the
    status quo are the objection to it. A mix's own statements include the thesis."""
    m = ix.m
    plan_numbers = {_norm(p["text"]): p["number"] for o in plan_text(m) for p in o["planks"]}

    def strength(sid: str) -> tuple[int, int]:
        # The objection with the most cards and reasons behind it.
        return (len(_cards_beneath(ix, sid)) + len(m.supporting_args.get(sid, [])), -list(m.statements).index(sid))

    cols = []
    for oid in _ordered_options(m):
        opt = m.options[oid]
        mine = _option_statements(m, oid)
        if opt.kind is OptionKind.mix or opt.recommended:
            mine += [sid for sid, st in m.statements.items() if st.kind is StatementKind.thesis and st.option in (None, oid) and sid not in mine]
        status_quo = opt.kind is OptionKind.status_quo
        pro = [s for s in mine if ix.side(s) == ("neg" if status_quo else "aff")]
        ptrs: list[Pointer] = []
        for sid in pro:
            for p in ix.pointers_for(sid):
                if p.evidence_id not in {q.evidence_id for q in ptrs}:
                    ptrs.append(p)
        ptrs.sort(key=lambda p: int(p.number[1:]))
        if status_quo:
            objections = [s for s in mine if ix.side(s) == "aff"]
        else:
            objections = []
            for sid in mine:
                if ix.side(sid) != "aff":
                    continue
                for aid in m.attacking_args.get(sid, []):
                    objections += [p for p in m.arguments[aid].premises if p not in objections and ix.side(p) == "neg"]
            objections += [s for s in mine if m.statements[s].kind is StatementKind.objection and s not in objections]
        strongest = max(objections, key=strength) if objections else None
        numbers = [plan_numbers[_norm(p)] for p in opt.planks if _norm(p) in plan_numbers]
        cols.append({
            "id": oid, "label": opt.label, "kind": opt.kind.value, "recommended": opt.recommended,
            "mechanism": opt.summary or "", "planks": list(opt.planks),
            "plank_numbers": numbers, "plank_ref": _plank_range(numbers) if len(numbers) == len(opt.planks) else "",
            "evidence": ptrs, "evidence_cites": cite_groups(ptrs),
            "risks": list(opt.risks),
            "impact": ({k: getattr(opt.impact, k) or "" for k, _ in IMPACT_DIMENSIONS} if opt.impact is not None else None),
            "objection": ({"id": strongest, "tag": ix.tag(strongest), "pointers": ix.pointers_for(strongest),
                           "cites": cite_groups(ix.pointers_for(strongest))} if strongest else None),
        })
    return cols


def impact_rows(rmap: ResolvedMap) -> list[dict[str, Any]]:
    rows = []
    for oid in _ordered_options(rmap):
        opt = rmap.options[oid]
        if opt.impact is None:
            continue
        rows.append({"option": oid, "label": opt.label, "recommended": opt.recommended,
                     **{k: getattr(opt.impact, k) or "" for k in ("magnitude", "probability", "timeframe", "reversibility")}})
    return rows


IMPACT_DIMENSIONS = [("magnitude", "Magnitude"), ("probability", "Probability"), ("timeframe", "Timeframe"), ("reversibility", "Reversibility")]


@dataclass
class Flag:
    kind: str  # unsupported | single-source | dated | power-tag | weak-spot
    subject: str
    label: str
    message: str
    sub: str = ""  # for weak spots from argmap.analyze.weakspots: their own kind
def _strong_words(tag: str, quote: str) -> list[str]:
    q = {w.lower() for w in re.findall(r"[\w']+", quote)}
    return [w for w in re.findall(r"[\w']+", tag) if w.lower() in STRONG_WORDS and w.lower() not in q]


def coverage(ix: Index) -> dict[str, Any]:
    """The evidence-coverage strip: unsupported, single-source, dated, power-tagged."""
    m = ix.m
    flags: list[Flag] = []
    claims = [sid for sid, st in m.statements.items()
              if st.effective_side is Side.aff and st.kind in (StatementKind.claim, StatementKind.premise, StatementKind.fact, StatementKind.assumption)]
    carded = [s for s in claims if m.evidence_for.get(s)]
    for sid in claims:
        st = m.statements[sid]
        evs = m.evidence_for.get(sid, [])
        if not evs and not m.supporting_args.get(sid):
            what = "unstated assumption: no card and no reason given" if st.kind is StatementKind.assumption else "no card and no supporting argument"
            flags.append(Flag("unsupported", sid, ix.tag(sid), what))
        elif evs and len({m.evidence[e].evidence.source for e in evs}) == 1 and st.kind is not StatementKind.assumption:
            src = m.sources.get(m.evidence[evs[0]].evidence.source)
            if len(evs) == 1:
                flags.append(Flag("single-source", sid, ix.tag(sid), f"one card only ({src.cite_short() if src else '?'})"))
    for eid, rev in m.evidence.items():
        ev = rev.evidence
        src = m.sources.get(ev.source)
        dated = [w.note for w in ev.weaknesses if w.kind is WeaknessKind.dated]
        for sid in [*ev.supports, *ev.challenges]:
            st = m.statements.get(sid)
            if st is None:
                continue
            dated += [w.note for w in st.weaknesses if w.kind is WeaknessKind.dated]
            if st.as_of and src and src.date < st.as_of[: len(src.date)]:
                dated.append(f"source dated {format_date(src.date)}; the claim speaks of {format_date(st.as_of)}")
        if dated:
            flags.append(Flag("dated", eid, f"{ix.numbers[eid]} {src.cite_short() if src else ''}".strip(), "; ".join(dict.fromkeys(dated))))
        over = [w.note for w in ev.weaknesses if w.kind in (WeaknessKind.power_tag, WeaknessKind.overclaim)]
        tag = ev.tag or (ix.tag(ev.supports[0]) if ev.supports else "")
        strong = _strong_words(tag, ix.quote_text(eid)) if tag else []
        if strong:
            over.append(f"the tag says \u201c{', '.join(dict.fromkeys(strong))}\u201d; the quote does not")
        if over:
            flags.append(Flag("power-tag", eid, f"{ix.numbers[eid]}: {tag}", "; ".join(over)))
    for sid, st in m.statements.items():
        over = [w.note for w in st.weaknesses if w.kind in (WeaknessKind.power_tag, WeaknessKind.overclaim)]
        if over and st.effective_side is Side.aff:
            flags.append(Flag("power-tag", sid, ix.tag(sid), "; ".join(over)))
    for ws in _weak_spots(m):
        subject = str(getattr(ws, "subject", "") or getattr(ws, "subject_id", "") or "")
        kind = str(getattr(getattr(ws, "kind", ""), "value", getattr(ws, "kind", "")))
        message = str(getattr(ws, "message", ""))
        if subject in m.statements and (m.statements[subject].effective_side is not Side.aff
                                        or m.statements[subject].kind is StatementKind.answer):
            continue  # the other side's weak spots, and our answers', belong in the blocks, not the case's coverage
        group = {"overclaim": "power-tag", "power-tag": "power-tag"}.get(kind, kind)
        group = group if group in ("unsupported", "single-source", "dated", "power-tag") else "weak-spot"
        if any(f.subject == subject and f.kind == group for f in flags):
            continue
        if subject in m.statements:
            label = ix.tag(subject)
        elif subject in ix.numbers:
            label = ix.numbers[subject]
        elif subject in m.arguments and m.arguments[subject].premises:
            label = ix.tag(m.arguments[subject].premises[0])
        else:
            label = subject
        flags.append(Flag(group, subject, label, ix.plain(message) or "", kind if group == "weak-spot" else ""))
    for f in flags:
        f.message = ix.plain(f.message) or ""
    kinds = ("unsupported", "single-source", "dated", "power-tag", "weak-spot")
    counts = {k: sum(f.kind == k for f in flags) for k in kinds}
    for sub in ("self-citation", "unanswered-attack"):
        counts[sub] = sum(f.kind == "weak-spot" and f.sub == sub for f in flags)
    groups = [{"kind": k, "label": FLAG_LABELS[k], "brief": k == "single-source", "flags": [f for f in flags if f.kind == k]}
              for k in kinds[:-1] if counts[k]]
    for sub in dict.fromkeys(f.sub for f in flags if f.kind == "weak-spot"):
        groups.append({"kind": "weak-spot", "label": (sub or "other").replace("-", " ").capitalize(), "brief": True,
                       "flags": [f for f in flags if f.kind == "weak-spot" and f.sub == sub]})
    return {"claims": len(claims), "carded": len(carded), "analytic": len(claims) - len(carded), "counts": counts,
            "flags": flags, "groups": groups}


FLAG_LABELS = {
    "unsupported": "Unsupported",
    "single-source": "Resting on one card",
    "dated": "Dated evidence",
    "power-tag": "Tag says more than the quote",
    "weak-spot": "Other weak spots",
}


def _weak_spots(rmap: ResolvedMap) -> list[Any]:
    """Weak spots from argmap.analyze.weakspots when that module is present."""
    try:
        from argmap.analyze import weakspots  # type: ignore[attr-defined]
    except ImportError:
        return []
    try:
        return list(weakspots.find_weak_spots(rmap))
    except Exception:  # an analysis bug must not stop a handout
        return []


# The brief's diagram: the thesis and its contentions, two levels deep when
# that still prints legibly on a landscape page, else one level.
DIAGRAM_VIEWS = [
    {"depth": 2, "evidence": False, "legend": False},
    {"depth": 1, "evidence": False, "legend": False},
]
DIAGRAM_PAGE_PT = (9.6 * 72, 6.6 * 72)  # the landscape page the diagram gets (width, height)
DIAGRAM_MIN_SCALE = 0.5  # below half size, a diagram's 12 pt text is no longer legible in print


def svg_size(svg: str | None) -> tuple[float, float]:
    """(width, height) of an SVG in points, from its width/height or viewBox; (0, 0) when unknown."""
    if not svg:
        return 0.0, 0.0
    head = svg[: svg.find(">") + 1]
    w = re.search(r'\bwidth="([\d.]+)(pt|px)?"', head)
    h = re.search(r'\bheight="([\d.]+)(pt|px)?"', head)
    if w and h:
        k = 0.75 if w.group(2) == "px" else 1.0
        return float(w.group(1)) * k, float(h.group(1)) * k
    vb = re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"', head)
    return (float(vb.group(1)), float(vb.group(2))) if vb else (0.0, 0.0)


def diagram_scale(svg: str | None) -> float:
    """How much the diagram shrinks to fit the landscape page (1.0: not at all)."""
    w, h = svg_size(svg)
    if w <= 0 or h <= 0:
        return 0.0
    return min(1.0, DIAGRAM_PAGE_PT[0] / w, DIAGRAM_PAGE_PT[1] / h)


def diagram_svg(rmap: ResolvedMap) -> tuple[str | None, str | None]:
    """(svg text, caption or note): an overview diagram for the brief from
    argmap.render.diagram, the deepest of DIAGRAM_VIEWS that prints at
    DIAGRAM_MIN_SCALE or more; or (None, a note why there is none)."""
    import shutil

    try:
        from argmap.render import diagram  # type: ignore[attr-defined]
    except ImportError:
        return None, "The argument diagram is not available in this version."
    if shutil.which("dot") is None:
        return None, "The argument diagram needs Graphviz (dot), which is not installed; run scripts/setup."
    fn = getattr(diagram, "render_svg", None)
    if not callable(fn):
        return None, "The argument diagram is not available in this version."
    best: tuple[str, dict[str, Any]] | None = None
    for opts in DIAGRAM_VIEWS:
        try:
            out = fn(rmap, **opts)
        except Exception as exc:  # the diagram is an extra; the brief still stands
            return None, f"The argument diagram could not be drawn ({type(exc).__name__})."
        if isinstance(out, bytes):
            out = out.decode("utf-8")
        if not (isinstance(out, str) and "<svg" in out):
            continue
        best = (out[out.index("<svg"):], opts)
        if diagram_scale(best[0]) >= DIAGRAM_MIN_SCALE:
            break
    if best is None:
        return None, "The argument diagram could not be drawn."
    depth = best[1]["depth"]
    levels = "one level" if depth == 1 else f"{depth} levels"
    return best[0], (f"The thesis and {levels} of reasons and objections below it; cards left out. "
                     f"The whole map is the paged diagram {rmap.id}.pdf.")


def svg_aspect(svg: str | None) -> float:
    """Height over width of an SVG (from its width/height or viewBox); 0 when unknown."""
    if not svg:
        return 0.0
    head = svg[: svg.find(">") + 1]
    w = re.search(r'\bwidth="([\d.]+)', head)
    h = re.search(r'\bheight="([\d.]+)', head)
    if w and h and float(w.group(1)) > 0:
        return float(h.group(1)) / float(w.group(1))
    vb = re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"', head)
    return float(vb.group(2)) / float(vb.group(1)) if vb and float(vb.group(1)) > 0 else 0.0




def coverage_strip(ix: Index, cv: dict[str, Any], sections: list[OutlineSection]) -> list[dict[str, Any]]:
    """The few worst items for the brief's coverage strip, by kind: attacks with
    no answer, contentions that fall or are contested, the unstated assumptions
    the contentions need, overclaims and dated cards among the contentions'
    cards, contentions resting on one source. At most BRIEF_MAX_WORST kinds,
    two items each; the teacher key lists everything."""
    m = ix.m
    lines = outline_lines(sections)
    ids = {ln.id for ln in lines}
    shown_cards = {p.evidence_id for ln in lines for p in [*ln.pointers, *(q for s in ln.subpoints for q in s.pointers)]}
    in_brief = ids | {s.id for ln in lines for s in ln.subpoints}
    spots = _weak_spots(m)
    groups: list[tuple[str, list[str]]] = []
    unanswered = []
    for ws in spots:
        if ws.kind == "unanswered-attack":
            target = ws.related[0] if ws.related else ""
            if target in m.arguments and m.arguments[target].target in m.statements:
                what = f"undercuts the reason for {_quote(ix.tag(m.arguments[target].target))}"
            else:
                what = f"{'challenges' if ws.subject in m.evidence else 'attacks'} {_quote(ix.name(target))}"
            unanswered.append(f"{_attack_label(ix, ws.subject)} {what}")
    groups.append(("No answer yet", unanswered))
    shaky = [f"{ln.number}. {ln.tag} \u2014 {ln.status_note or ln.status}" for ln in lines if ln.status != "stands"]
    for ln in lines:  # the reasons under each contention, listed in the brief or not
        for p in _support_premises(m, ln.id):
            if p not in ids and ix.side(p) == "aff" and ix.status(p) != "stands":
                shaky.append(f"{ix.tag(p)} (reason for {ln.number}) \u2014 {_status_note(ix, p) or ix.status(p)}")
    groups.append(("Falls or contested", list(dict.fromkeys(shaky))))
    groups.append(("Unstated assumptions", list(dict.fromkeys(a for ln in lines for a in ln.assumptions))))
    over = [f.label for f in cv["flags"] if f.kind == "power-tag" and (f.subject in ids or f.subject in shown_cards)]
    groups.append(("Overclaims", list(dict.fromkeys(over))))
    groups.append(("Dated evidence", [f"{ix.numbers[f.subject]}: {_short(re.sub(r'^evidence E[0-9]+ ', '', f.message.split('; ')[0]), 70)}"
                                      for f in cv["flags"] if f.kind == "dated" and f.subject in shown_cards]))
    single = []
    for ws in spots:
        if ws.kind == "single-source" and ws.subject in in_brief:
            srcs = {m.evidence[e].evidence.source for e in ws.related if e in m.evidence}
            who = ", ".join(m.sources[s].cite_short() for s in srcs if s in m.sources)
            single.append(f"{ix.tag(ws.subject)} ({who})" if who else ix.tag(ws.subject))
    groups.append(("One source only", single))
    out = []
    for label, items in groups:
        if items and len(out) < BRIEF_MAX_WORST:
            out.append({"label": label, "items": [_short(i, 150) for i in items[:2]], "more": max(0, len(items) - 2)})
    return out


def build_brief(rmap: ResolvedMap, *, diagram: bool = True) -> Handout:
    ix = Index(rmap)
    thesis, sections = contention_outline(ix)
    svg, note = diagram_svg(rmap) if diagram else (None, "")
    cv = coverage(ix)
    cv["strip"] = coverage_strip(ix, cv, sections)
    t = None
    if thesis is not None:
        ptrs = ix.pointers_for(thesis.id)
        warrant = next((m_arg.warrant for a in rmap.supporting_args.get(thesis.id, []) if (m_arg := rmap.arguments[a]).warrant), None)
        t = {"id": thesis.id, "tag": thesis.tag or thesis.text, "text": thesis.text, "warrant": warrant,
             "pointers": ptrs, "cites": cite_groups(ptrs), "status": ix.status(thesis.id)}
    body = {
        "thesis": t,
        "plan": plan_text(rmap),
        "outline": sections,
        "contentions": len(outline_lines(sections)),
        "options": option_columns(ix),
        "impacts": impact_rows(rmap),
        "impact_dimensions": [{"key": k, "label": v} for k, v in IMPACT_DIMENSIONS],
        "coverage": cv,
        "diagram_svg": svg,
        "diagram_note": note,
        "diagram_aspect": svg_aspect(svg),
    }
    return Handout("brief", _header(rmap, "brief"), body)


# --------------------------------------------------------------------------- blocks


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


@dataclass
class Question:
    group: str  # unsupported | causal | plank | indict | scheme
    direction: str  # ask | prepare
    about: str
    text: str
    follow_up: str | None = None
    lead: bool = True  # first question of its group on this `about` (templates print `about` once)


# A coach's note on their claim becomes an answer of this type.
WEAKNESS_ANSWER = {
    "overclaim": "no-impact",
    "vague": "no-link",
    "factual-slip": "evidence-indict",
    "dated": "non-unique",
    "unsupported": "no-link",
    "causal-leap": "no-link",
    "power-tag": "evidence-indict",
    "other": "no-link",
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
CX_PER_BLOCK = 3  # critical questions to ask about one attack
CX_PER_CONTENTION = 3  # critical questions to prepare for on one contention
CX_CAUSAL = 8  # causal-link questions to prepare for

# Walton-style critical questions, used when argmap.analyze.schemes is not available.
FALLBACK_CQS: dict[str, list[str]] = {
    "practical-reasoning": [
        "Are there other actions that would reach the same goal better?",
        "Is the action possible to carry out?",
        "Does the action have side effects that outweigh the goal?",
    ],
    "consequences": [
        "How likely is it that the consequence will follow?",
        "What evidence shows the consequence will follow?",
        "Are there opposite consequences that should be weighed?",
    ],
    "precedent": ["Is the earlier case really like this one?", "Has anything changed since the earlier case?"],
    "analogy": ["Are the two cases alike in the respects that matter?", "Is there a difference that undermines the comparison?"],
    "expert-opinion": ["Is the source an expert in this field?", "What did the expert actually assert?", "Do other experts agree?"],
    "sign": ["Is the sign reliable?", "Could the sign be explained by something else?"],
    "cause-to-effect": [
        "Is the causal link supported by evidence, or only asserted?",
        "Could something else bring about the effect?",
        "Is the cause strong enough to produce the effect?",
    ],
    "example": ["Is the example true?", "Is it typical, or an exception?"],
    "values": ["Is the value shared by the judge and the other side?", "Does another value outweigh it here?"],
}


def _ranked_questions(rmap: ResolvedMap, aid: str) -> list[tuple[str, str, str]]:
    """(text, aim, key) of an argument's critical questions; aim is premise,
    inference, conclusion, or '' for the built-in list; key names the question
    whatever it is filled with ("practical-reasoning:alternatives"...)."""
    try:
        from argmap.analyze import schemes  # type: ignore[attr-defined]
    except ImportError:
        schemes = None
    if schemes is not None and hasattr(schemes, "critical_questions"):
        try:
            return [(q.text, getattr(q, "aim", ""), f"{getattr(q.scheme, 'value', '')}:{getattr(q, 'key', q.text)}")
                    for q in schemes.critical_questions(rmap, aid)]
        except Exception:  # fall back to the built-in list
            pass
    arg = rmap.arguments[aid]
    return [(q, "", q) for q in FALLBACK_CQS.get(arg.scheme.value, [])] if arg.scheme else []


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


def critical_questions(rmap: ResolvedMap, aid: str) -> list[str]:
    """The scheme's critical questions for one argument: argmap.analyze.schemes when present."""
    return [q for q, _, _ in _ranked_questions(rmap, aid)]


def pick_questions(rmap: ResolvedMap, aids: list[str], limit: int, asked: set[Any] | None = None) -> list[str]:
    """The most pointed critical questions of some arguments: a kind of question
    not yet on the handout first (so that a dozen arguments of one scheme do not
    all get the same three), then those that name the argument's own
    statements; among those, questions about the inference, then the
    conclusion, then the premises. No question is asked twice, no kind twice
    for the same arguments, and at most one kind the handout already asks
    elsewhere (`asked` collects what the handout has)."""
    order = {"inference": 0, "conclusion": 1, "premise": 2, "": 3}
    seen: set[Any] = asked if asked is not None else set()
    found: list[tuple[int, int, int, int, str, str]] = []
    for aid in aids:
        for i, (q, aim, key) in enumerate(_ranked_questions(rmap, aid)):
            specific = "\u201c" in q  # names the argument's own statements
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


def _answer_type(arg: Any, has_cards: bool, default: str) -> str:
    if arg.answer_type:
        return arg.answer_type.value
    return default if has_cards or default != "counter-evidence" else "analytic"


def _answer_from_argument(ix: Index, aid: str, number: int, default: str) -> Answer:
    m = ix.m
    arg = m.arguments[aid]
    ptrs = [p for s in arg.premises for p in ix.pointers_for(s)]
    kind = _answer_type(arg, bool(ptrs), default)
    return Answer(number, kind, ANSWER_LABELS.get(kind, kind), "; ".join(ix.tag(p) for p in arg.premises),
                  arg.warrant, ptrs, [ix.quote_text(p.evidence_id) for p in ptrs], not ptrs, id=aid, status=ix.status(aid))


def _clash_index(ix: Index) -> dict[tuple[str, str], Any]:
    ev = ix.evaluation
    if ev is None:
        return {}
    out: dict[tuple[str, str], Any] = {}
    try:
        for side in ("aff", "neg"):
            for c in ev.clashes(side):
                out.setdefault((c.attack, c.target), c)
    except Exception:  # an analysis bug must not stop a handout
        return {}
    return out


def _attack_groups(ix: Index) -> dict[str, dict[str, Any]]:
    """The attacks on our side, grouped by the objection they rest on: key (the
    objection's id, or a challenging card's) -> {"principal", "attacks": [(attack, target, relation)]}."""
    m = ix.m
    groups: dict[str, dict[str, Any]] = {}
    for aid, arg in m.arguments.items():
        if arg.relation is Relation.support:
            continue
        neg = [p for p in arg.premises if ix.side(p) == "neg"]
        if not neg:
            continue  # our own answers are answers, not attacks to block
        g = groups.setdefault(neg[0], {"principal": neg[0], "card": None, "attacks": []})
        g["attacks"].append((aid, arg.target, arg.relation.value))
    for eid, rev in m.evidence.items():
        for sid in rev.evidence.challenges:
            if sid not in m.statements or ix.side(sid) != "aff":
                continue
            # A card that is also their evidence for an objection on the same claim joins that block.
            home = next((k for k in rev.evidence.supports if k in groups
                         and any(t == sid for _, t, _ in groups[k]["attacks"])), None)
            if home is None:
                home = next((k for k in rev.evidence.supports if k in groups), None)
            g = groups[home] if home else groups.setdefault(eid, {"principal": None, "card": eid, "attacks": []})
            g["attacks"].append((eid, sid, "challenge"))
    return groups


def _speech_and_hat(ix: Index, principal: str | None, targets: list[tuple[str, str, str]]) -> tuple[str, str]:
    m = ix.m

    def is_answer(t: str) -> bool:
        if t in m.statements:
            return m.statements[t].kind is StatementKind.answer
        arg = m.arguments.get(t)
        return arg is not None and any(p in m.statements and m.statements[p].kind is StatementKind.answer for p in arg.premises)

    if targets and all(is_answer(t) for _, t, _ in targets):
        return "1AR", "1AR"
    issue = ix.issue(principal) if principal in m.statements else "other"
    if issue in ("disadvantage", "counterplan", "topicality"):
        return "2AC", issue
    first = targets[0][1] if targets else None
    if first in m.arguments:
        first = m.arguments[first].target if m.arguments[first].target in m.statements else next(iter(m.arguments[first].premises), None)
    hat = ix.issue(first) if first in m.statements else "other"
    return "2AC", hat if hat in HAT_LABELS else "other"


def _target_name(ix: Index, target: str) -> str:
    """What an attack hits, briefly: “a claim”, our reason for “a claim”, our answer “…”."""
    m = ix.m
    if target in m.statements:
        return _quote(ix.tag(target))
    arg = m.arguments.get(target)
    if arg is None:
        return _quote(ix.name(target))
    who = "our" if arg.premises and ix.side(arg.premises[0]) == "aff" else "their"
    if arg.relation is Relation.support:
        return f"{who} reason for {_quote(ix.tag(arg.target))}"
    return f"{who} {'answer' if who == 'our' else 'objection'} {_quote('; '.join(ix.tag(p) for p in arg.premises))}"


def _why_not_standing(ix: Index, target: str) -> str:
    """Why one of our claims or steps does not stand, in words."""
    m = ix.m
    if target in m.arguments:
        weak = [p for p in m.arguments[target].premises if p in m.statements and ix.status(p) != "stands"]
        if weak:
            return "; ".join(f"its premise {_quote(ix.tag(p))} {ix.status(p)}" for p in weak)
        return "another attack on it stands"
    return _status_note(ix, target) or "see the brief"


def _verdict(ix: Index, target: str, outcome: str, answers: list[Answer], restoring: list[int], would: list[int]) -> str:
    """The clash in plain words."""
    status = ix.status(target)
    name = _target_name(ix, target)

    def nums(ns: list[int]) -> str:
        return ("answer " if len(ns) == 1 else "answers ") + _join_names([str(n) for n in ns])

    if outcome == "answered":
        if status == "stands":
            return f"Answered: {name} stands" + (f"; {nums(restoring)} keeps it standing \u2014 extend it." if restoring
                                                 else "; any one of the answers is enough.")
        return f"Answered, but {name} still {status}: {_why_not_standing(ix, target)}."
    if outcome == "contested":
        return (f"Contested: {name} is {status} until one side's evidence wins"
                + (f"; winning {nums(would)} settles it for us." if would else "; weigh the cards against each other."))
    if not answers:
        return f"Stands: no answer is prepared, so {name} {status}. Write an answer."
    return f"Stands: {name} {status}" + (f" unless you win {nums(would)}." if would else "; the answers here do not reach it \u2014 find a better one.")


def make_blocks(ix: Index) -> list[Block]:
    m = ix.m
    clashes = _clash_index(ix)
    groups = _attack_groups(ix)
    blocks: list[Block] = []
    asked: set[Any] = set()  # a generic critical question is asked once, in the first block it fits
    for key, g in groups.items():
        principal, card = g["principal"], g["card"]
        attacks = g["attacks"]
        answers: list[Answer] = []
        seen: set[str] = set()
        notes: set[str] = set()

        def add(a: Answer) -> None:
            if a.id is not None and a.id in seen:
                return
            if a.id is None and a.text in notes:
                return
            seen.add(a.id) if a.id is not None else notes.add(a.text)
            a.number = len(answers) + 1
            answers.append(a)

        premises: list[str] = []
        for attack, target, relation in attacks:
            if attack in m.arguments:
                for p in m.arguments[attack].premises:
                    if p not in premises:
                        premises.append(p)
        for attack, target, relation in attacks:
            if attack in m.arguments:
                for uid in m.undercutting_args.get(attack, []):
                    add(_answer_from_argument(ix, uid, 0, "no-link"))
                for p in m.arguments[attack].premises:
                    side_note = None if p == principal else ix.tag(p)
                    for rid in m.attacking_args.get(p, []):
                        a = _answer_from_argument(ix, rid, 0, "counter-evidence")
                        a.against = side_note
                        add(a)
                    for eid in m.evidence_against.get(p, []):
                        ev = m.evidence[eid].evidence
                        add(Answer(0, "counter-evidence", ANSWER_LABELS["counter-evidence"], ev.tag or ev.note or "Their own source says otherwise.",
                                   None, [ix.pointer(eid)], [ix.quote_text(eid)], False, id=eid, against=side_note,
                                   status=STATUS_WORDS.get(_use_label(ix, eid, p, True), "stands")))
            else:  # a card challenging our claim: counter-evidence is the cards for the claim
                for eid in m.evidence_for.get(target, []):
                    ev = m.evidence[eid].evidence
                    add(Answer(0, "counter-evidence", ANSWER_LABELS["counter-evidence"], ev.tag or ix.tag(target), None,
                               [ix.pointer(eid)], [ix.quote_text(eid)], False, id=eid,
                               status=STATUS_WORDS.get(_use_label(ix, eid, target, False), "stands")))
        # The coach's notes on the objection and on its cards become analytic answers.
        for p in ([principal] if principal else []):
            for eid in m.evidence_for.get(p, []):
                for w in m.evidence[eid].evidence.weaknesses:
                    add(Answer(0, "evidence-indict", ANSWER_LABELS["evidence-indict"],
                               f"Their card {ix.numbers[eid]} ({ix.pointer(eid).short_cite}) \u2014 {w.kind.value.replace('-', ' ')}: {ix.plain(w.note)}",
                               None, [], [], True))
            st = m.statements.get(p)
            for w in (st.weaknesses if st else []):
                kind = WEAKNESS_ANSWER.get(w.kind.value, "no-link")
                add(Answer(0, kind, ANSWER_LABELS[kind], f"{w.kind.value.replace('-', ' ').capitalize()}: {ix.plain(w.note)}", None, [], [], True))
        if card is not None:
            for w in m.evidence[card].evidence.weaknesses:
                add(Answer(0, "evidence-indict", ANSWER_LABELS["evidence-indict"],
                           f"Their card {ix.numbers[card]} \u2014 {w.kind.value.replace('-', ' ')}: {ix.plain(w.note)}", None, [], [], True))
        # How each clash stands (grounded evaluation).
        targets: list[Target] = []
        for attack, target, relation in attacks:
            c = clashes.get((attack, target))
            outcome = {"defeats": "stands", "contests": "contested", "answered": "answered"}.get(getattr(c, "outcome", ""), "answered" if answers else "stands")
            restoring, would = [], []
            if c is not None:
                by_id = {a.id: a for a in c.answers}
                for a in answers:
                    ref = by_id.get(a.id)
                    if ref is not None:
                        a.restores = a.restores or ref.restores
                        a.would_restore = a.would_restore or ref.would_restore
                        if ref.restores:
                            restoring.append(a.number)
                        if ref.would_restore:
                            would.append(a.number)
            verb = {"rebut": "attacks", "undercut": "undercuts", "challenge": "challenges"}[relation]
            text = ix.tag(target) if target in m.statements else argument_text(ix, target)
            targets.append(Target(target, text, relation, verb, outcome, ix.status(target),
                                  _verdict(ix, target, outcome, answers, restoring, would)))
        rank = ["stands", "contested", "answered"].index
        merged: dict[str, Target] = {}
        for t in targets:  # an objection and its card against the same claim: one verdict, the worse
            if t.id not in merged:
                merged[t.id] = t
                continue
            kept = merged[t.id]
            if t.verb not in kept.verb:
                kept.verb = f"{kept.verb} and {t.verb}"
            if rank(t.outcome) < rank(kept.outcome):
                kept.outcome, kept.verdict = t.outcome, t.verdict
        targets = list(merged.values())
        worst = min((t.outcome for t in targets), key=rank, default="answered")
        speech, hat = _speech_and_hat(ix, principal, attacks)
        if principal is not None:
            attack_tag = ix.tag(principal)
            attack_text = m.statements[principal].text
            their = ix.pointers_for(principal)
        else:
            attack_tag = ix.card_tag(card)
            attack_text = f"\u201c{ix.quote_text(card)}\u201d"
            their = [ix.pointer(card)]
        arg_ids = [a for a, _, _ in attacks if a in m.arguments]
        cx = pick_questions(m, arg_ids, CX_PER_BLOCK, asked)
        if principal is not None and not m.evidence_for.get(principal) and not m.supporting_args.get(principal):
            cx.insert(0, f"What is your evidence for {_quote(ix.tag(principal))}? No card says so.")
        blocks.append(Block(
            id=attacks[0][0], title=f"AT: {attack_tag}", speech=speech, attack=attack_tag, attack_text=attack_text,
            target=targets[0].text if targets else "", relation=attacks[0][2], their_cards=their, answers=answers,
            hat=HAT_LABELS.get(hat, hat), attacks=[a for a, _, _ in attacks],
            also=[ix.tag(p) for p in premises if p != principal and ix.side(p) == "neg"],
            targets=targets, outcome=worst, verdict=" ".join(t.verdict for t in targets[:1]) if len(targets) == 1 else "",
            cx=cx[:CX_PER_BLOCK],
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


def _use_label(ix: Index, eid: str, sid: str, against: bool) -> str:
    ev = ix.evaluation
    if ev is None:
        return "in"
    try:
        return ev.use_label(eid, sid, against).value
    except Exception:
        return "in"


def round_status(ix: Index, blocks: list[Block]) -> dict[str, Any]:
    """Where the round stands before anyone speaks: how many attacks each block
    answers, and our claims that do not stand now (grounded evaluation)."""
    m = ix.m
    counts = {k: sum(b.outcome == k for b in blocks) for k in ("stands", "contested", "answered")}
    block_of: dict[str, int] = {}
    for b in blocks:
        for t in b.targets:
            block_of.setdefault(t.id, b.number)
            if t.id in m.arguments and m.arguments[t.id].relation is Relation.support:
                block_of.setdefault(m.arguments[t.id].target, b.number)  # an undercut reason: the claim it was for
    rows = []
    if ix.evaluation is not None:
        contentions = select_contentions(ix)
        for sid, st in m.statements.items():
            if st.effective_side is not Side.aff or ix.status(sid) == "stands":
                continue
            rows.append({"id": sid, "tag": ix.tag(sid), "status": ix.status(sid), "why": _status_note(ix, sid) or "",
                         "contention": sid in contentions, "block": block_of.get(sid)})
        rows.sort(key=lambda r: (not r["contention"], r["status"] != "falls"))
    return {"counts": counts, "claims": rows, "evaluated": ix.evaluation is not None}


def cx_questions(ix: Index) -> list[Question]:
    m = ix.m
    qs: list[Question] = []
    contentions = select_contentions(ix)
    # Unsupported premises: theirs to ask about, ours to prepare for.
    for sid, st in m.statements.items():
        if st.kind is StatementKind.thesis or m.evidence_for.get(sid) or m.supporting_args.get(sid):
            continue
        if not m.premise_of.get(sid):
            continue
        direction = "ask" if st.effective_side is Side.neg else "prepare"
        if st.kind is StatementKind.assumption:
            qs.append(Question("unsupported", direction, ix.tag(sid), f"Your case assumes {_quote(st.text)}. Where does the op-ed say so?",
                               "If it is only assumed, why should the judge accept it?"))
        else:
            qs.append(Question("unsupported", direction, ix.tag(sid), f"What is your evidence for {_quote(st.text)}?",
                               "Is that the author's own assertion, or reported by a source?"))
    # Causal links under the contentions.
    tops = {*contentions, *(t.id for t in m.theses())}
    causal = 0
    for aid, arg in m.arguments.items():
        if arg.relation is not Relation.support or arg.scheme not in (Scheme.cause_to_effect, Scheme.consequences):
            continue
        if arg.target not in tops or causal >= CX_CAUSAL:
            continue
        causal += 1
        direction = "ask" if ix.side(arg.target) == "neg" else "prepare"
        prem = " and ".join(_quote(ix.tag(p)) for p in arg.premises)
        qs.append(Question("causal", direction, ix.tag(arg.target),
                           f"How does {prem} lead to {_quote(ix.tag(arg.target))}?",
                           "What else could cause it, and what evidence rules that out?"))
    # The plan's planks.
    for opt in plan_text(m):
        for plank in opt["planks"]:
            qs.append(Question("plank", "prepare", "The plan",
                               f"Plank {plank['number']}, \u201c{plank['text'].rstrip('.')}\u201d: who implements it, how, and when?",
                               "Which agency acts, with what authority and funding, on what timeline?"))
    # Evidence indicts, per source.
    for sid, src in m.sources.items():
        used = [e for e, rev in m.evidence.items() if rev.evidence.source == sid]
        if not used:
            continue
        aff_uses = any(make_side(ix, e) == "aff" for e in used)
        direction = "prepare" if aff_uses else "ask"
        who = _join_names([a.name for a in src.authors]) or f"the unsigned {src.kind.value}"
        verb = "are" if len(src.authors) > 1 else "is"
        quals = "; ".join(a.qualifications for a in src.authors if a.qualifications)
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
    asked: set[Any] = set()
    for sid in [*(t.id for t in m.theses()), *contentions]:
        aids = [a for a in m.supporting_args.get(sid, []) if m.arguments[a].scheme is not None]
        if not aids:
            continue
        schemes_used = ", ".join(dict.fromkeys(SCHEME_LABELS.get(m.arguments[a].scheme.value, m.arguments[a].scheme.value) for a in aids))
        direction = "ask" if ix.side(sid) == "neg" else "prepare"
        for q in pick_questions(m, aids, CX_PER_CONTENTION, asked):
            qs.append(Question("scheme", direction, f"{ix.tag(sid)} ({schemes_used})", q))
    # Print each `about` once per group.
    last: dict[tuple[str, str], str] = {}
    for q in qs:
        k = (q.direction, q.group)
        q.lead = last.get(k) != q.about
        last[k] = q.about
    return qs


def make_side(ix: Index, eid: str) -> str:
    ev = ix.m.evidence[eid].evidence
    if ev.supports and ev.supports[0] in ix.m.statements:
        return ix.side(ev.supports[0])
    if ev.challenges and ev.challenges[0] in ix.m.statements:
        return "neg" if ix.side(ev.challenges[0]) == "aff" else "aff"
    return "aff"


def build_blocks(rmap: ResolvedMap) -> Handout:
    ix = Index(rmap)
    qs = cx_questions(ix)
    groups = []
    for direction, label in (("ask", "Questions to ask"), ("prepare", "Questions to prepare for")):
        sub = []
        for g in GROUP_LABELS:
            items = [q for q in qs if q.direction == direction and q.group == g]
            if items:
                sub.append({"group": g, "label": GROUP_LABELS[g], "questions": items})
        if sub:
            groups.append({"direction": direction, "label": label, "groups": sub})
    blocks = make_blocks(ix)
    hats = []
    for b in blocks:
        if not hats or hats[-1]["label"] != b.hat:
            hats.append({"label": b.hat, "blocks": []})
        hats[-1]["blocks"].append(b)
    body = {"blocks": blocks, "hats": hats, "status": round_status(ix, blocks), "cx": groups, "questions": qs,
            "outcome_labels": OUTCOME_LABELS,
            "answer_types": [{"type": k, "label": v} for k, v in ANSWER_LABELS.items()]}
    return Handout("blocks", _header(rmap, "blocks"), body)


# --------------------------------------------------------------------------- flow


def _flow_cite(ptrs: list[Pointer], analytic: bool) -> str:
    """'Chatterji & Gurudatha 23 E3, E4': what a debater writes next to a tag on the flow."""
    if not ptrs:
        return "analytic" if analytic else ""
    groups: dict[str, list[str]] = {}
    for p in ptrs:
        groups.setdefault(p.short_cite, []).append(p.number)
    return "; ".join(f"{k} {', '.join(v)}" for k, v in groups.items())


def build_flow(rmap: ResolvedMap, *, event: str | None = None) -> Handout:
    """A flow sheet: the event's speech columns. The case sheet has one row per
    contention (its tag, cite and lettered reasons in the first column, room
    to write across); the off-case sheet has one row per disadvantage or
    counterplan, filled in the first negative column."""
    event = (event or rmap.header.event or "policy").lower()
    event = {"lincoln-douglas": "ld", "public-forum": "pf", "public forum": "pf", "cx": "policy"}.get(event, event)
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}; choose one of {', '.join(EVENTS)}")
    label, speeches = EVENTS[event]
    ix = Index(rmap)
    thesis, sections = contention_outline(ix)
    rows: list[dict[str, Any]] = []  # the case, flat: headings, contentions, their reasons
    case: list[dict[str, Any]] = []  # the case sheet: one entry per row of the table
    if thesis:
        rows.append({"heading": True, "text": "Thesis", "cite": ""})
        rows.append({"heading": False, "text": thesis.tag or thesis.text, "cite": _flow_cite(ix.pointers_for(thesis.id), False), "level": 0, "number": ""})
        case.append({"section": "Thesis", "number": "", "text": thesis.tag or thesis.text, "cite": rows[-1]["cite"], "reasons": [], "more": 0})
    for sec in sections:
        groups = ([(sec.label, sec.lines)] if sec.lines else []) + [(sub["label"], sub["lines"]) for sub in sec.subsections]
        for glabel, lines in groups:
            if not lines:
                continue
            rows.append({"heading": True, "text": glabel, "cite": ""})
            for i, ln in enumerate(lines):
                cite = ("via " if ln.basis == "beneath" else "") + _flow_cite(ln.pointers, ln.analytic)
                rows.append({"heading": False, "text": ln.tag, "cite": cite, "level": 0, "number": str(ln.number)})
                reasons = []
                for sp in ln.subpoints:
                    r = {"heading": False, "text": sp.tag, "cite": ", ".join(p.number for p in sp.pointers) or "analytic",
                         "level": 1, "number": f"{ln.number}{sp.letter}"}
                    rows.append(r)
                    reasons.append(r)
                for a in ln.assumptions:
                    r = {"heading": False, "text": f"assumes: {a}", "cite": "analytic", "level": 1, "number": ""}
                    rows.append(r)
                    reasons.append(r)
                case.append({"section": glabel if i == 0 else "", "number": str(ln.number), "text": ln.tag, "cite": cite,
                             "reasons": reasons, "more": ln.more})
    off: list[dict[str, Any]] = []
    order = ["disadvantage", "counterplan", "topicality"]
    for sid, st in rmap.statements.items():
        if st.effective_side is not Side.neg or st.stock_issue is None or st.stock_issue.value not in order:
            continue
        attacks = [(a, rmap.arguments[a].target, rmap.arguments[a].relation.value) for a in rmap.premise_of.get(sid, [])
                   if rmap.arguments[a].relation is not Relation.support]
        if not attacks or _speech_and_hat(ix, sid, attacks)[0] == "1AR":
            continue  # an answer to our answers is flowed where it comes, not as a position of its own
        off.append({"section": STOCK_LABELS[st.stock_issue.value], "number": "", "text": ix.tag(sid),
                    "cite": _flow_cite(ix.pointers_for(sid), True), "reasons": [], "more": 0,
                    "_rank": order.index(st.stock_issue.value)})
    off.sort(key=lambda r: r.pop("_rank"))
    for r, prev in zip(reversed(off), reversed([None, *off[:-1]])):  # the group label on the first row of each group
        if prev is not None and prev["section"] == r["section"]:
            r["section"] = ""
    sheets = [{"title": "Case", "column": 0, "rows": case}]
    if off:
        sheets.append({"title": "Off-case", "column": 1, "rows": off})
    body = {"event": event, "event_label": label, "speeches": speeches, "rows": rows, "sheets": sheets}
    return Handout("flow", _header(rmap, "flow", f" \u2014 {label}"), body)


# --------------------------------------------------------------------------- worksheet and key


@dataclass
class Blank:
    id: str
    kind: str  # premise | evidence | objection | impact
    prompt: str
    given: list[str]  # what the student sees
    answer: str | None  # None on the worksheet
    explanation: str | None  # key only
    lines: int = 2


MISCONCEPTION_TITLES = {
    "opinion": "Treating an opinion sentence as evidence",
    "assumption": "Missing the unstated assumption",
    "prediction": "Confusing the op-ed's prediction with the article's facts",
}

FRAMES = [
    "The authors argue that ____ because ____.",
    "Their strongest evidence is ____, which shows ____.",
    "Some might object that ____; however, ____.",
    "This argument assumes that ____, which is questionable because ____.",
]


def _choose_blanks(ix: Index) -> dict[str, list[str]]:
    """Which statements become blanks: `blank: true` in the claim file, else a default."""
    m = ix.m
    marked = [sid for sid, st in m.statements.items() if st.blank]
    premise, evidence, objection = [], [], []
    if marked:
        for sid in marked:
            st = m.statements[sid]
            if st.kind is StatementKind.objection:
                objection.append(sid)
            elif st.kind is StatementKind.assumption or not m.evidence_for.get(sid):
                premise.append(sid)
            else:
                evidence.append(sid)
    if not premise:
        premise = [sid for sid, st in m.statements.items() if st.kind is StatementKind.assumption and m.premise_of.get(sid)][:3]
    if not evidence:
        evidence = [sid for sid, st in m.statements.items()
                    if st.effective_side is Side.aff and st.kind is not StatementKind.assumption and m.evidence_for.get(sid)
                    and sid not in premise][:3]
    if not objection:
        objection = [sid for sid, st in m.statements.items() if st.kind is StatementKind.objection and m.premise_of.get(sid)][:2]
    return {"premise": premise, "evidence": evidence, "objection": objection}


def _conclusion_of(ix: Index, sid: str) -> tuple[str | None, str | None]:
    for aid in ix.m.premise_of.get(sid, []):
        arg = ix.m.arguments[aid]
        return aid, arg.target
    return None, None


def build_worksheet(rmap: ResolvedMap, *, reveal: bool) -> Handout:
    ix = Index(rmap)
    m = rmap
    chosen = _choose_blanks(ix)
    blanks: list[Blank] = []
    for sid in chosen["premise"]:
        st = m.statements[sid]
        aid, target = _conclusion_of(ix, sid)
        others = [p for p in (m.arguments[aid].premises if aid else []) if p != sid]
        given = [f"Stated premise: {m.statements[p].text}" for p in others]
        if target:
            given.append(f"Conclusion: {m.statements[target].text if target in m.statements else argument_text(ix, target)}")
        unstated = st.kind is StatementKind.assumption
        blanks.append(Blank(
            f"premise:{sid}", "premise",
            "What unstated premise does the argument need to reach its conclusion?" if unstated else "Fill in the missing premise.",
            given, st.text,
            ("The op-ed never says this; the argument only works if it is true." if unstated else "This premise appears in the text.")
            + (f" Warrant: {m.arguments[aid].warrant}" if aid and m.arguments[aid].warrant else ""),
        ))
    for sid in chosen["evidence"]:
        st = m.statements[sid]
        eids = m.evidence_for.get(sid, [])
        eid = eids[0]
        p = ix.pointer(eid)
        blanks.append(Blank(
            f"evidence:{sid}", "evidence",
            "Find the sentence in the source that supports this claim. Copy it and give the paragraph number.",
            [f"Claim: {st.text}"], f"\u201c{ix.quote_text(eid)}\u201d \u2014 {p.short_cite}, paragraph {p.paragraph}",
            "A card must quote the source exactly; the claim is the debater's summary of it.", 3,
        ))
    for sid in chosen["objection"]:
        st = m.statements[sid]
        targets = [m.arguments[a].target for a in m.premise_of.get(sid, [])]
        t = targets[0] if targets else None
        blanks.append(Blank(
            f"objection:{sid}", "objection",
            "What is the strongest objection the other side could raise against this claim?",
            [f"Claim: {m.statements[t].text if t in m.statements else argument_text(ix, t)}"] if t else [],
            st.text, (f"Evidence for it: {', '.join(q.text for q in ix.pointers_for(sid))}." if ix.pointers_for(sid) else "An analytic objection: no card backs it."),
        ))
    # Impact calculus cells of the recommended option (or the first with an impact).
    opts = [o for o in _ordered_options(m) if m.options[o].impact is not None]
    opts.sort(key=lambda o: not m.options[o].recommended)
    impact_opt = m.options[opts[0]] if opts else None
    if impact_opt is not None:
        for k in ("magnitude", "probability", "timeframe", "reversibility"):
            val = getattr(impact_opt.impact, k)
            if val:
                blanks.append(Blank(f"impact:{impact_opt.id}:{k}", "impact", k.capitalize(), [impact_opt.label], val, None, 2))
    # One claim-evidence-reasoning box.
    cer_claim = next((s for s in chosen["evidence"]), None) or next((s for s in m.statements if m.evidence_for.get(s)), None)
    cer = None
    if cer_claim:
        eid = m.evidence_for[cer_claim][0]
        cer = {"claim": m.statements[cer_claim].text,
               "evidence": f"\u201c{ix.quote_text(eid)}\u201d {ix.pointer(eid).text}",
               "reasoning": ix.warrant_for(cer_claim) or "The quoted fact is the reason the claim is true; say why it matters for the resolution."}
        blanks.append(Blank(f"cer:{cer_claim}:evidence", "cer", "Evidence", [cer["claim"]], cer["evidence"], None, 3))
        blanks.append(Blank(f"cer:{cer_claim}:reasoning", "cer", "Reasoning", [cer["claim"]], cer["reasoning"], None, 3))
    if not reveal:
        for b in blanks:
            b.answer = None
            b.explanation = None
    body: dict[str, Any] = {
        "reveal": reveal,
        "instructions": ("Read the op-ed and the article. Fill in every blank; cite paragraph numbers."
                         if not reveal else "Answers to every blank on the student worksheet, with the reasoning to discuss."),
        "premise": [b for b in blanks if b.kind == "premise"],
        "evidence": [b for b in blanks if b.kind == "evidence"],
        "objection": [b for b in blanks if b.kind == "objection"],
        "impact": {"option": impact_opt.label if impact_opt else None, "cells": [b for b in blanks if b.kind == "impact"]},
        "cer": {"claim": cer["claim"] if cer else None, "cells": [b for b in blanks if b.kind == "cer"]},
        "frames": FRAMES,
        "standards": "CCSS.ELA-LITERACY.RI.11-12.8 (delineate and evaluate reasoning and evidence); W.11-12.1 (write arguments with valid reasoning and sufficient evidence)",
        "blanks": blanks,
        "misconceptions": misconceptions(ix) if reveal else [],
        "weak_spots": weak_spot_report(ix) if reveal else {"total": 0, "groups": []},
    }
    return Handout("key" if reveal else "worksheet", _header(rmap, "key" if reveal else "worksheet"), body)


_PREDICTION = re.compile(r"\b(will|would|could|may|might|should)\b", re.I)


def misconceptions(ix: Index) -> list[dict[str, str]]:
    """The three classic mistakes, each with an example from this map where one exists."""
    m = ix.m

    def kind_of(eid: str) -> str:
        src = m.sources.get(m.evidence[eid].evidence.source)
        return src.kind.value if src else ""

    def backs(eid: str, kinds: tuple[StatementKind, ...]) -> bool:
        return any(s in m.statements and m.statements[s].kind in kinds and m.statements[s].effective_side is Side.aff
                   for s in m.evidence[eid].evidence.supports)

    reported = re.compile(r"\b(stated|said|says|claimed|according to|reported)\b", re.I)
    judgements = [e for e in m.evidence if kind_of(e) == "op-ed" and _PREDICTION.search(ix.quote_text(e))
                  and not reported.search(ix.quote_text(e))]
    opinion = next((e for e in judgements if backs(e, (StatementKind.thesis, StatementKind.claim))), judgements[0] if judgements else None)
    out = []
    out.append({"id": "opinion", "title": MISCONCEPTION_TITLES["opinion"],
                "text": ("An op-ed sentence states the authors' view; it is a claim to be supported, not proof. "
                         + (f"Example: {ix.numbers[opinion]} {_quote(ix.quote_text(opinion))} is the authors' judgement, not a reported fact."
                            if opinion else "Ask of every quote: is it reported fact, or the writer's judgement?"))})
    assumption = next((s for s, st in m.statements.items() if st.kind is StatementKind.assumption), None)
    out.append({"id": "assumption", "title": MISCONCEPTION_TITLES["assumption"],
                "text": ("Students summarise what the text says and miss what it takes for granted. "
                         + (f"Example: the argument needs {_quote(m.statements[assumption].text)}, which the op-ed never states."
                            if assumption else "Ask: what must be true for this reason to support that conclusion?"))})
    # A prediction: the op-ed saying what a policy will do (not reporting what someone said).
    forecasts = [e for e in judgements if re.search(r"\b(will|would)\b", ix.quote_text(e), re.I) and e != opinion]
    pred = next((e for e in forecasts if backs(e, (StatementKind.claim,))), forecasts[0] if forecasts else None)
    news = next((e for e in m.evidence if kind_of(e) == "news" and backs(e, (StatementKind.fact,))),
                next((e for e in m.evidence if kind_of(e) == "news"), None))
    text = "The op-ed (early 2023) predicts what a policy would do; the article (autumn 2023) reports what happened later. "
    if pred:
        text += f"Example prediction: {ix.numbers[pred]} {_quote(ix.quote_text(pred))}. "
    if news:
        text += f"Example reported fact: {ix.numbers[news]} {_quote(ix.quote_text(news))}. "
    text += "A prediction is tested by later facts; it is not itself one."
    out.append({"id": "prediction", "title": MISCONCEPTION_TITLES["prediction"], "text": text})
    return out


# --------------------------------------------------------------------------- weak-spot report (teacher key)

WEAK_GROUPS = [
    # (key, title, what it means and what to do)
    ("factual-slip", "Factual slips",
     "Errors of fact in the op-ed's own words: read the card as written, and be ready to concede or correct the slip."),
    ("overclaim", "Overclaims and power-tags",
     "The claim or tag says more than the text shows: a cross-examination target; tag it no stronger than the quote."),
    ("vague", "Vague terms",
     "Words the other side can define against us: pin down what they mean before the round."),
    ("dated", "Dated evidence",
     "Evidence older than the events it is used for: find a later card, or narrow the claim to the card's date."),
    ("causal-leap", "Causal leaps",
     "A step from cause to effect the text asserts but does not show."),
    ("unsupported", "Premises never supported",
     "Premises the argument needs and nothing backs: no card, no reason; most are unstated assumptions."),
    ("no-evidence", "Claims with no evidence",
     "Analytics: reasoning with no card anywhere beneath it."),
    ("single-source", "Resting on one source",
     "Everything beneath the claim comes from one source: corroborate it with a second, independent one."),
    ("self-citation", "Self-citation",
     "The op-ed quoted as evidence for the op-ed's own claims: the authors' words are not proof of their view."),
    ("unanswered-attack", "Attacks with no answer",
     "An attack on our case that nothing in the map answers: it stands until someone writes an answer."),
    ("other", "Other notes", "The coach's other notes."),
]
_NOTE_GROUP = {"power-tag": "overclaim", "overclaim": "overclaim", "vague": "vague", "factual-slip": "factual-slip",
               "dated": "dated", "causal-leap": "causal-leap", "unsupported": "unsupported", "other": "other"}


def _subject_label(ix: Index, ident: str) -> str:
    m = ix.m
    if ident in m.evidence:
        return ix.card_tag(ident)
    if ident in m.statements:
        st = m.statements[ident]
        whose = " (theirs)" if st.effective_side is Side.neg else (" (our answer)" if st.kind is StatementKind.answer else "")
        return ix.tag(ident) + whose
    if ident in m.arguments:
        return _attack_label(ix, ident)
    return ident


def weak_spot_report(ix: Index) -> dict[str, Any]:
    """Every weak spot of the map for the teacher key, grouped by kind and in
    words (no ids): argmap.analyze.weakspots' findings plus the coach's `weaknesses:`
    notes on statements and evidence."""
    m = ix.m
    items: dict[str, list[dict[str, str]]] = {k: [] for k, _, _ in WEAK_GROUPS}
    spots = _weak_spots(m)

    def add(group: str, subject: str, text: str) -> None:
        same = next((e for e in items[group] if e["subject"] == subject), None)
        if same is None:
            items[group].append({"subject": subject, "label": _subject_label(ix, subject), "text": text})
        elif text not in same["text"]:
            same["text"] += " " + text[:1].upper() + text[1:]

    # The coach's notes, on statements and on cards.
    for sid, st in m.statements.items():
        for w in st.weaknesses:
            add(_NOTE_GROUP.get(w.kind.value, "other"), sid, ix.plain(w.note))
    for eid, rev in m.evidence.items():
        for w in rev.evidence.weaknesses:
            add(_NOTE_GROUP.get(w.kind.value, "other"), eid, ix.plain(w.note))
    # What argmap.analyze.weakspots finds.
    self_cited: list[str] = []
    relayed: dict[str, list[str]] = {}
    for ws in spots:
        kind = getattr(ws, "kind", "")
        subject = getattr(ws, "subject", "")
        related = tuple(getattr(ws, "related", ()) or ())
        if kind == "dated" and subject in m.evidence:
            date, what = _evidence_date(m, subject)
            later = [m.statements[r] for r in related if r in m.statements]
            about = "; ".join(f"{_quote(ix.tag(s.id))} speaks of {format_date(s.as_of)}" for s in later if s.as_of)
            add("dated", subject, f"dates from {format_date(date)} ({what}), but {about}." if about else f"dates from {format_date(date)} ({what}).")
        elif kind == "unsupported" and subject in m.statements:
            st = m.statements[subject]
            needs = [m.arguments[a].target for a in m.premise_of.get(subject, []) if m.arguments[a].target in m.statements]
            why = "an unstated assumption" if st.kind is StatementKind.assumption else "a premise with no card and no reason"
            add("unsupported", subject, f"{why}; {_quote(ix.tag(needs[0]))} needs it." if needs else f"{why}.")
        elif kind == "no-evidence" and subject in m.statements:
            add("no-evidence", subject, "no card anywhere beneath it" + (" (an analytic)" if m.supporting_args.get(subject) else "; no reason either (a bare assertion)") + ".")
        elif kind == "single-source" and subject in m.statements:
            cards = [e for e in related if e in m.evidence]
            srcs = list(dict.fromkeys(m.evidence[e].evidence.source for e in cards))
            who = ", ".join(m.sources[s].cite_short() for s in srcs if s in m.sources) or "one source"
            add("single-source", subject, f"{len(cards)} card{'s' if len(cards) != 1 else ''}, all {who}: "
                + ", ".join(ix.numbers[e] for e in cards) + ".")
        elif kind == "self-citation" and subject in m.evidence:
            ref = m.evidence[subject].evidence.reference
            src = m.sources.get(m.evidence[subject].evidence.source)
            entry = next((r for r in src.references if r.id == ref), None) if src and ref else None
            if entry is not None:
                relayed.setdefault(reference_cite(src, ref) or ref, []).append(ix.numbers[subject])
            else:
                self_cited.append(ix.numbers[subject])
        elif kind == "unanswered-attack":
            target = related[0] if related else ""
            add("unanswered-attack", subject, f"{'undercuts' if target in m.arguments else 'attacks'} {_target_name(ix, target)}; nothing answers it.")
    summaries: dict[str, list[str]] = {k: [] for k, _, _ in WEAK_GROUPS}
    if self_cited or relayed:
        n = len(self_cited) + sum(len(v) for v in relayed.values())
        summaries["self-citation"].append(f"{n} cards quote the op-ed for its own side's claims.")
        for cite, nums in relayed.items():
            summaries["self-citation"].append(f"Cite directly, {cite.removeprefix('citing ')}: {', '.join(nums)}.")
        if self_cited:
            summaries["self-citation"].append(f"No source behind the op-ed's words: {', '.join(self_cited)}.")
    # Ours before theirs within a group, then map order.
    order = {ident: i for i, ident in enumerate([*m.statements, *m.evidence, *m.arguments])}
    groups = []
    for key, title, explain in WEAK_GROUPS:
        entries = sorted(items[key], key=lambda e: (e["label"].endswith("(theirs)"), order.get(e["subject"], 0)))
        count = len(entries) + (len(self_cited) + sum(len(v) for v in relayed.values()) if key == "self-citation" else 0)
        if count:
            groups.append({"kind": key, "title": title, "explain": explain, "count": count,
                           "items": [{"label": e["label"], "text": e["text"]} for e in entries], "summary": summaries[key]})
    return {"total": sum(g["count"] for g in groups), "groups": groups}


def _evidence_date(m: ResolvedMap, eid: str) -> tuple[str | None, str]:
    try:
        from argmap.analyze.weakspots import evidence_date

        return evidence_date(m, eid)
    except Exception:
        src = m.sources.get(m.evidence[eid].evidence.source)
        return (src.date if src else None), (src.cite_short() if src else "")
