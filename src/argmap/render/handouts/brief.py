"""The case brief: thesis, plan text, the case outline (the analysis'
contentions by stock issue, solvency by plank), the options side by side, the
evidence-coverage strip (the analysis' weak spots by kind) and the diagram."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field

from argmap.analyze.analysis import Analysis
from argmap.analyze.weakspots import CODE_OF_KIND, WeakSpot, evidence_date
from argmap.analyze.wording import quote as _quote
from argmap.load.model import OptionKind, Statement, StatementKind
from argmap.render.handouts.common import (
    IMPACT_DIMENSIONS, STOCK_LABELS, Handout, Index, PlanOption, Pointer, cite_groups, header, issue_order, norm,
    ordered_options, plan_text, support_premises,
)

BRIEF_MAX_SUBPOINTS = 3
BRIEF_MAX_POINTERS = 4  # card pointers on one contention line
BRIEF_MAX_WORST = 5  # groups in the coverage strip, besides the counts (the brief stays two pages)


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
    cites: list[str]  # pointers grouped by source: "Author 23, E7, E8"
    number: int | None = None  # contention number in the brief
    basis: str = "direct"  # direct: cards for the claim itself | beneath: cards of the reasons under it | none
    subpoints: list[SubPoint] = field(default_factory=list)
    more: int = 0  # reasons under it not listed in the brief
    builds_on: list[str] = field(default_factory=list)  # other contentions ("2") or their reasons ("2B") it rests on
    assumptions: list[str] = field(default_factory=list)  # unstated premises it needs (tags)
    status: str = "stands"
    status_note: str | None = None


@dataclass
class SolvencyGroup:
    option: str | None
    label: str
    planks: list[str]
    lines: list[OutlineLine]


@dataclass
class OutlineSection:
    issue: str
    label: str
    lines: list[OutlineLine]
    subsections: list[SolvencyGroup] = field(default_factory=list)  # solvency per plank/option


@dataclass
class Thesis:
    id: str
    tag: str
    text: str
    warrant: str | None
    pointers: list[Pointer]
    cites: list[str]
    status: str


@dataclass
class ObjectionRef:
    id: str
    tag: str
    pointers: list[Pointer]
    cites: list[str]


@dataclass
class OptionColumn:
    id: str
    label: str
    kind: str
    recommended: bool
    mechanism: str
    planks: list[str]
    plank_numbers: list[int]
    plank_ref: str
    evidence: list[Pointer]
    evidence_cites: list[str]
    risks: list[str]
    impact: dict[str, str] | None  # dimension -> text
    objection: ObjectionRef | None


@dataclass
class ImpactRow:
    option: str
    label: str
    recommended: bool
    magnitude: str
    probability: str
    timeframe: str
    reversibility: str


@dataclass
class Dimension:
    key: str
    label: str


@dataclass
class Flag:
    """One weak spot, in words."""

    kind: str  # the weak spot's kind (argmap.analyze.weakspots.CODE_OF_KIND)
    code: str  # W501...
    subject: str
    label: str
    message: str
    ours: bool  # about the affirmative's case
    kept: bool = False  # kept on purpose (a deliberate note, with its reason in the teacher key)


@dataclass
class FlagGroup:
    kind: str
    label: str
    flags: list[Flag]


@dataclass
class StripGroup:
    label: str
    items: list[str]
    more: int


@dataclass
class Chip:
    kind: str
    label: str
    count: int
    dark: bool  # printed dark: it needs attention before the round
    kept: int = 0  # ... of which kept on purpose (Analysis.counts().kept)


@dataclass
class Coverage:
    claims: int  # the affirmative's claims
    carded: int  # ... with a card somewhere beneath them
    analytic: int  # ... without (its no-evidence weak spots)
    counts: dict[str, int]  # weak-spot kind -> how many in the map: Analysis.counts().weak_spots
    flags: list[Flag]
    groups: list[FlagGroup]
    chips: list[Chip]  # the counts by kind that are not 0, in words (the coach's notes are in the teacher key)
    strip: list[StripGroup] = field(default_factory=list)
    kept: int = 0  # weak spots kept on purpose, in all (deliberate notes)


@dataclass
class BriefBody:
    thesis: Thesis | None
    plan: list[PlanOption]
    outline: list[OutlineSection]
    contentions: int
    options: list[OptionColumn]
    impacts: list[ImpactRow]
    impact_dimensions: list[Dimension]
    coverage: Coverage
    diagram_svg: str | None
    diagram_note: str
    diagram_aspect: float


# --------------------------------------------------------------------------- the case outline


def _contention_line(ix: Index, sid: str, option: str | None, chosen: set[str]) -> OutlineLine:
    a = ix.analysis
    m = ix.m
    st = m.statements[sid]
    warrant = next((m.arguments[x].warrant for x in m.supporting_args.get(sid, []) if m.arguments[x].warrant), None)
    ptrs = ix.pointers_for(sid)
    basis = "direct"
    if not ptrs:
        ptrs = [ix.pointer(e) for e in a.cards_beneath(sid)][:BRIEF_MAX_POINTERS]
        basis = "beneath" if ptrs else "none"
    ptrs = ptrs[:BRIEF_MAX_POINTERS]
    subs: list[SubPoint] = []
    assumptions: list[str] = []
    builds_on: list[str] = []
    for p in support_premises(m, sid):
        pst = m.statements[p]
        if pst.kind is StatementKind.assumption:
            assumptions.append(ix.tag(p))
        elif p in chosen:
            builds_on.append(p)
        elif ix.ours(p) and pst.kind is not StatementKind.thesis:
            beneath = ix.pointers_for(p) or [ix.pointer(e) for e in a.cards_beneath(p)][:2]
            subs.append(SubPoint(p, "", ix.tag(p), pst.kind.value, beneath[:3], cite_groups(beneath[:3]), not beneath,
                                 ix.status(p), a.status_note(p)))
    subs.sort(key=lambda s: s.analytic)  # reasons with cards first: they are what a debater reads
    return OutlineLine(sid, ix.tag(sid), st.text, st.kind.value, warrant, ptrs, basis == "none", option, cite_groups(ptrs),
                       basis=basis, subpoints=subs, assumptions=assumptions, builds_on=builds_on,
                       status=ix.status(sid), status_note=a.status_note(sid))


def outline_lines(sections: list[OutlineSection]) -> list[OutlineLine]:
    """Every line of an outline, in reading order."""
    return [ln for sec in sections for ln in [*sec.lines, *(x for sub in sec.subsections for x in sub.lines)]]


def contention_outline(ix: Index) -> tuple[Statement | None, list[OutlineSection]]:
    """The brief's case outline: the analysis' contentions by stock issue
    (solvency by plank), numbered in reading order, each with its warrant,
    card pointers, lettered subpoints and the unstated assumptions it needs."""
    m = ix.m
    thesis = next(iter(m.theses()), None)
    chosen = {sid: c.option for sid, c in ix.analysis.contentions.items()}
    lines = {sid: _contention_line(ix, sid, opt, set(chosen)) for sid, opt in chosen.items()}
    sections: list[OutlineSection] = []
    for issue in issue_order():
        sids = [s for s in chosen if ix.issue(s) == issue]
        if not sids:
            continue
        if issue == "solvency":
            subs = []
            for oid in [*ordered_options(m), None]:
                group = [lines[s] for s in sids if chosen[s] == oid]
                if group:
                    opt = m.options.get(oid) if oid else None
                    subs.append(SolvencyGroup(oid, f"Solvency \u2014 {opt.label}" if opt else "Solvency \u2014 the plan as a whole",
                                              list(opt.planks) if opt else [], group))
            sections.append(OutlineSection(issue, STOCK_LABELS[issue], [], subs))
        else:
            sections.append(OutlineSection(issue, STOCK_LABELS.get(issue, issue), [lines[s] for s in sids]))
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


# --------------------------------------------------------------------------- options


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


def option_columns(ix: Index) -> list[OptionColumn]:
    """Each option's column. For a course of action, its evidence is the cards for
    its own (affirmative) statements and its objection the strongest attack on
    them; for the status quo it is the reverse: the case's statements about the
    status quo are the objection to it. A mix's own statements include the thesis."""
    m = ix.m
    a = ix.analysis
    plan_numbers = {norm(p.text): p.number for o in plan_text(m) for p in o.planks}
    order = {sid: i for i, sid in enumerate(m.statements)}

    def strength(sid: str) -> tuple[int, int]:  # the objection with the most cards and reasons behind it
        return (len(a.cards_beneath(sid)) + len(m.supporting_args.get(sid, [])), -order[sid])

    cols = []
    for oid in ordered_options(m):
        opt = m.options[oid]
        mine = [sid for sid, st in m.statements.items() if st.option == oid]
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
            objections = [s for s in mine if ix.ours(s)]
        else:
            objections = []
            for sid in mine:
                if not ix.ours(sid):
                    continue
                for aid in m.attacking_args.get(sid, []):
                    objections += [p for p in m.arguments[aid].premises if p not in objections and not ix.ours(p)]
            objections += [s for s in mine if not ix.ours(s) and s not in objections]
        strongest = max(objections, key=strength) if objections else None
        numbers = [plan_numbers[norm(p)] for p in opt.planks if norm(p) in plan_numbers]
        objection = None
        if strongest:
            sp = ix.pointers_for(strongest)
            objection = ObjectionRef(strongest, ix.tag(strongest), sp, cite_groups(sp))
        cols.append(OptionColumn(
            id=oid, label=opt.label, kind=opt.kind.value, recommended=opt.recommended, mechanism=opt.summary or "",
            planks=list(opt.planks), plank_numbers=numbers,
            plank_ref=_plank_range(numbers) if len(numbers) == len(opt.planks) else "",
            evidence=ptrs, evidence_cites=cite_groups(ptrs), risks=list(opt.risks),
            impact=({k: getattr(opt.impact, k) or "" for k, _ in IMPACT_DIMENSIONS} if opt.impact is not None else None),
            objection=objection,
        ))
    return cols


def impact_rows(ix: Index) -> list[ImpactRow]:
    rows = []
    for oid in ordered_options(ix.m):
        opt = ix.m.options[oid]
        if opt.impact is not None:
            rows.append(ImpactRow(oid, opt.label, opt.recommended, *(getattr(opt.impact, k) or "" for k, _ in IMPACT_DIMENSIONS)))
    return rows


# --------------------------------------------------------------------------- coverage: the analysis' weak spots

FLAG_LABELS = {
    "unanswered-attack": "Attacks with no answer",
    "unsupported": "Premises never supported",
    "no-evidence": "Claims with no card beneath them",
    "single-source": "Resting on one source",
    "dated": "Dated evidence",
    "overclaim-tag": "Tag says more than the quote",
    "self-citation": "A source cited for its own claims",
    "noted": "The coach's notes",
}
CHIP_LABELS = {
    "unsupported": "unsupported", "no-evidence": "no card", "single-source": "one source", "dated": "dated",
    "overclaim-tag": "tag overclaims", "self-citation": "self-cited", "unanswered-attack": "unanswered", "noted": "coach's notes",
}
CLAIM_KINDS = (StatementKind.thesis, StatementKind.claim, StatementKind.premise, StatementKind.fact)


def subject_label(ix: Index, ident: str) -> str:
    """A weak spot's subject in words: a statement's tag, a card's number and tag, an attack's premises."""
    if ident in ix.m.evidence:
        return ix.card_tag(ident)
    if ident in ix.m.arguments:
        return ix.attack_label(ident)
    return ix.name(ident)


def _ours(ix: Index, ws: WeakSpot) -> bool:
    if ws.kind == "unanswered-attack":
        return True  # an attack on our case (the subject is theirs)
    return ws.subject in ix.analysis.sides and ix.ours(ws.subject)


def coverage(ix: Index) -> Coverage:
    """The evidence-coverage counts and flags: every weak spot of the analysis, grouped by kind."""
    a = ix.analysis
    m = ix.m
    flags = [Flag(ws.kind, ws.code, ws.subject, subject_label(ix, ws.subject), ix.plain(ws.message) or "", _ours(ix, ws), ws.kept)
             for ws in a.weak_spots]
    groups = [FlagGroup(kind, FLAG_LABELS.get(kind, kind), [f for f in flags if f.kind == kind])
              for kind in CODE_OF_KIND if any(f.kind == kind for f in flags)]
    claims = [sid for sid, st in m.statements.items() if ix.ours(sid) and st.kind in CLAIM_KINDS]
    bare = {ws.subject for ws in a.weak_spots_of("no-evidence")}
    analytic = sum(sid in bare for sid in claims)
    counts = dict(a.counts().weak_spots)
    kept = a.counts().kept
    chips = [Chip(k, CHIP_LABELS.get(k, k.replace("-", " ")), n, k in ("unsupported", "unanswered-attack"), kept[k])
             for k, n in counts.items() if n and k != "noted"]
    return Coverage(len(claims), len(claims) - analytic, analytic, counts, flags, groups, chips, kept=sum(kept.values()))


def coverage_strip(ix: Index, sections: list[OutlineSection]) -> list[StripGroup]:
    """The few worst items for the brief's coverage strip, by kind: attacks with
    no answer, contentions that fall or are contested, the unstated assumptions
    the contentions need, overclaims and dated cards among the contentions'
    cards, contentions resting on one source. At most BRIEF_MAX_WORST groups,
    two items each; the teacher key lists everything."""
    a = ix.analysis
    m = ix.m
    lines = outline_lines(sections)
    ids = {ln.id for ln in lines}
    shown_cards = {p.evidence_id for ln in lines for p in [*ln.pointers, *(q for s in ln.subpoints for q in s.pointers)]}
    in_brief = ids | {s.id for ln in lines for s in ln.subpoints}
    groups: list[tuple[str, list[str]]] = []
    unanswered = []
    for ws in a.weak_spots_of("unanswered-attack"):
        target = ws.related[0] if ws.related else ""
        if target in m.arguments and m.arguments[target].target in m.statements:
            what = f"undercuts the reason for {_quote(ix.tag(m.arguments[target].target))}"
        else:
            what = f"{'challenges' if ws.subject in m.evidence else 'attacks'} {_quote(ix.name(target))}"
        unanswered.append(f"{ix.attack_label(ws.subject)} {what}")
    groups.append(("No answer yet", unanswered))
    shaky = [f"{ln.number}. {ln.tag} \u2014 {ln.status_note or ln.status}" for ln in lines if ln.status != "stands"]
    for ln in lines:  # the reasons under each contention, listed in the brief or not
        for p in support_premises(m, ln.id):
            if p not in ids and ix.ours(p) and ix.status(p) != "stands":
                shaky.append(f"{ix.tag(p)} (reason for {ln.number}) \u2014 {a.status_note(p) or ix.status(p)}")
    groups.append(("Falls or contested", list(dict.fromkeys(shaky))))
    groups.append(("Unstated assumptions", list(dict.fromkeys(x for ln in lines for x in ln.assumptions))))
    over = [ix.card_tag(ws.subject) for ws in a.weak_spots_of("overclaim-tag") if ws.subject in shown_cards]
    over += [ix.name(ws.subject) for ws in a.weak_spots_of("noted")
             if ws.note_kind in ("power-tag", "overclaim") and (ws.subject in ids or ws.subject in shown_cards)]
    groups.append(("Overclaims", list(dict.fromkeys(over))))
    dated = []
    for ws in a.weak_spots_of("dated"):
        if ws.subject in shown_cards:
            date, _what = evidence_date(m, ws.subject)
            about = [m.statements[r] for r in ws.related if r in m.statements and m.statements[r].as_of]
            dated.append(f"{ix.numbers[ws.subject]}: a {date[:4]} card for {_quote(ix.tag(about[0].id))} ({about[0].as_of[:4]})"
                         if about and date else ix.numbers[ws.subject])
    groups.append(("Dated evidence", list(dict.fromkeys(dated))))
    single = []
    for ws in a.weak_spots_of("single-source"):
        if ws.subject in in_brief:
            srcs = dict.fromkeys(m.evidence[e].evidence.source for e in ws.related if e in m.evidence)
            who = ", ".join(m.sources[s].cite_short() for s in srcs if s in m.sources)
            single.append(f"{ix.tag(ws.subject)} ({who})" if who else ix.tag(ws.subject))
    groups.append(("One source only", single))
    out: list[StripGroup] = []
    for label, items in groups:
        if items and len(out) < BRIEF_MAX_WORST:
            out.append(StripGroup(label, list(items[:2]), max(0, len(items) - 2)))  # whole items, never cut mid-phrase
    return out


# --------------------------------------------------------------------------- the diagram

# The thesis and its contentions, two levels deep when that still prints
# legibly on a landscape page, else one level.
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


def svg_aspect(svg: str | None) -> float:
    """Height over width of an SVG; 0 when unknown."""
    w, h = svg_size(svg)
    return h / w if w > 0 else 0.0


def diagram_svg(analysis: Analysis, ids: bool = False) -> tuple[str | None, str]:
    """(svg text, caption) for the brief: the deepest of DIAGRAM_VIEWS that prints
    at DIAGRAM_MIN_SCALE or more; (None, a note why there is none) without
    Graphviz. A failure to draw is an error of the command, not a missing figure."""
    from argmap.render.diagram import overview, render_svg

    rmap = analysis.map
    if shutil.which("dot") is None:
        return None, "The argument diagram needs Graphviz (dot), which is not installed; run scripts/setup."
    if analysis.contentions:  # the overview map: thesis, options and planks, contentions and the attacks on them
        out = overview(analysis, "svg", ids=ids).decode("utf-8")
        return out[out.index("<svg"):], (f"The case at a glance: the contentions of the outline and the attacks on them. "
                                         f"The whole map is the paged diagram {rmap.id}.pdf and the poster {rmap.id}-poster.pdf.")
    best: tuple[str, dict] | None = None
    for opts in DIAGRAM_VIEWS:
        out = render_svg(rmap, **opts, ids=ids)
        if isinstance(out, bytes):
            out = out.decode("utf-8")
        if "<svg" not in out:
            continue
        best = (out[out.index("<svg"):], opts)
        if diagram_scale(best[0]) >= DIAGRAM_MIN_SCALE:
            break
    if best is None:
        return None, "The map has nothing to draw."
    depth = best[1]["depth"]
    levels = "one level" if depth == 1 else f"{depth} levels"
    top = "The thesis" if rmap.theses() else "The top claims"
    return best[0], f"{top} and {levels} of reasons and objections below; cards left out."


# --------------------------------------------------------------------------- the brief


def build_brief(analysis: Analysis, *, diagram: bool = True, drawn: tuple[str | None, str] | None = None,
                ids: bool = False) -> Handout[BriefBody]:
    """`drawn`: the diagram when the caller has drawn it already (the build draws it once)."""
    ix = Index(analysis)
    m = analysis.map
    thesis, sections = contention_outline(ix)
    if drawn is not None:
        svg, note = drawn
    else:
        svg, note = diagram_svg(analysis, ids) if diagram else (None, "")
    cv = coverage(ix)
    cv.strip = coverage_strip(ix, sections)
    t = None
    if thesis is not None:
        ptrs = ix.pointers_for(thesis.id)
        warrant = next((m.arguments[x].warrant for x in m.supporting_args.get(thesis.id, []) if m.arguments[x].warrant), None)
        t = Thesis(thesis.id, thesis.tag or thesis.text, thesis.text, warrant, ptrs, cite_groups(ptrs), ix.status(thesis.id))
    body = BriefBody(
        thesis=t,
        plan=plan_text(m),
        outline=sections,
        contentions=len(outline_lines(sections)),
        options=option_columns(ix),
        impacts=impact_rows(ix),
        impact_dimensions=[Dimension(k, v) for k, v in IMPACT_DIMENSIONS],
        coverage=cv,
        diagram_svg=svg,
        diagram_note=note,
        diagram_aspect=svg_aspect(svg),
    )
    return Handout("brief", header(m, "brief"), body)
