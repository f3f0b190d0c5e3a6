"""The student worksheet and the teacher key: the same blanks, the key with
the answers, the common misconceptions and every weak spot of the analysis
grouped by kind (so its counts are `Analysis.counts().weak_spots`)."""

from __future__ import annotations

from collections import Counter

import re
from dataclasses import dataclass, field

from argmap.analyze.analysis import Analysis
from argmap.analyze.cards import reference_cite
from argmap.analyze.weakspots import CODE_OF_KIND, WeakSpot, evidence_date
from argmap.analyze.wording import quote as _quote
from argmap.load.model import OptionKind, Relation, SourceKind, StatementKind
from argmap.render.handouts.blocks import target_name
from argmap.render.handouts.common import Handout, Index, format_date, header, join_names, ordered_options, used_sources


@dataclass
class Blank:
    id: str
    kind: str  # premise | evidence | objection | impact | cer
    prompt: str
    given: list[str]  # what the student sees
    answer: str | None  # None on the worksheet
    explanation: str | None  # key only
    lines: int = 2


@dataclass
class ImpactPart:
    option: str | None
    cells: list[Blank]
    versus: str | None = None  # the status quo's label: the plan's impact is weighed against it
    versus_cells: list[Blank] = field(default_factory=list)  # the same dimensions for the status quo
    compare: Blank | None = None  # which outweighs, and why


@dataclass
class RubricRow:
    criterion: str
    full: str  # 3 points
    partial: str  # 2 points
    missing: str  # 1 point


@dataclass
class CerPart:
    claim: str | None
    cells: list[Blank]


@dataclass
class Misconception:
    id: str
    title: str
    text: str


@dataclass
class WeakItem:
    label: str
    text: str


@dataclass
class WeakGroup:
    kind: str  # a weak-spot kind, or for the coach's notes (W507) the note's kind
    code: str  # W501...
    title: str
    explain: str
    count: int  # weak spots in the group
    items: list[WeakItem]
    summary: list[str] = field(default_factory=list)
    kept: int = 0  # ... of which kept on purpose (deliberate notes, with their reasons: Analysis.counts().kept)


@dataclass
class WeakReport:
    total: int  # every weak spot of the analysis
    groups: list[WeakGroup]
    kept: int = 0  # ... of which kept on purpose (deliberate notes)


@dataclass
class WorksheetBody:
    reveal: bool
    instructions: str
    premise: list[Blank]
    evidence: list[Blank]
    objection: list[Blank]
    impact: ImpactPart
    cer: CerPart
    frames: list[str]
    standards: str
    blanks: list[Blank]
    misconceptions: list[Misconception]
    weak_spots: WeakReport
    rubric: list[RubricRow] = field(default_factory=list)  # the key's scoring guide (3-2-1 per criterion)


MISCONCEPTION_TITLES = {
    "opinion": "Treating an opinion sentence as evidence",
    "assumption": "Missing the unstated assumption",
    "prediction": "Confusing a prediction with a reported fact",
}
FRAMES = [
    "The authors argue that ____ because ____.",
    "Their strongest evidence is ____, which shows ____.",
    "Some might object that ____; however, ____.",
    "This argument assumes that ____, which is questionable because ____.",
]
STANDARDS = ("CCSS.ELA-LITERACY.RI.11-12.8 (delineate and evaluate reasoning and evidence); "
             "W.11-12.1 (write arguments with valid reasoning and sufficient evidence)")


RUBRIC = [
    RubricRow("Claim", "States the author's claim accurately, in the student's own words.",
              "States the claim, but too broadly or with a detail wrong.", "Restates the topic, or names no claim."),
    RubricRow("Evidence", "Quotes the exact sentence and gives its source and paragraph.",
              "Paraphrases the right passage, or gives no paragraph.", "Quotes a sentence that does not support the claim."),
    RubricRow("Reasoning", "Says why the evidence supports the claim, naming the unstated premise.",
              "Links evidence and claim, but leaves the assumption unstated.", "Repeats the evidence without linking it."),
    RubricRow("Weighing", "Compares the plan with the status quo on at least two impact dimensions and says which decides.",
              "Describes the plan's impact without comparing it.", "No impact, or the status quo left out."),
]


def case_sources(ix: Index) -> set[str]:
    """The case's own sources: those of kind `op-ed` that the map quotes, else every source our cards quote."""
    m = ix.m
    used = used_sources(m)
    oped = {s for s in used if m.sources[s].kind is SourceKind.op_ed}
    return oped or {rev.evidence.source for eid, rev in m.evidence.items() if ix.ours(eid)}


def is_case_move(ix: Index, sid: str) -> bool:
    """A move of the author's own: one of our statements that is not a rebuttal
    answer and does not itself attack (answers are the debaters', not the author's)."""
    m = ix.m
    st = m.statements[sid]
    if not ix.ours(sid) or st.kind is StatementKind.answer:
        return False
    return not any(m.arguments[a].relation is not Relation.support for a in m.premise_of.get(sid, []))


def _case_cards(ix: Index, sid: str) -> list[str]:
    """The cards for a claim that quote the case's own sources."""
    srcs = case_sources(ix)
    return [e for e in ix.m.evidence_for.get(sid, []) if ix.m.evidence[e].evidence.source in srcs]


def _choose_blanks(ix: Index) -> dict[str, list[str]]:
    """Which statements become blanks: `blank: true` in the claim file, else a
    default. The unstated premises and the evidence to find are the author's own
    moves (the case and its contentions), never the rebuttal answers."""
    m = ix.m
    marked = [sid for sid, st in m.statements.items() if st.blank
              and (st.kind is StatementKind.objection or is_case_move(ix, sid))]
    premise, evidence, objection = [], [], []
    for sid in marked:
        st = m.statements[sid]
        if st.kind is StatementKind.objection:
            objection.append(sid)
        elif st.kind is StatementKind.assumption or not m.evidence_for.get(sid):
            premise.append(sid)
        elif _case_cards(ix, sid):
            evidence.append(sid)
    if not premise:
        premise = [sid for sid, st in m.statements.items() if st.kind is StatementKind.assumption and m.premise_of.get(sid)
                   and is_case_move(ix, sid)][:3]
    if not evidence:  # the contentions first, in the case's order, then the other claims of the case
        pool = [*ix.analysis.contentions, *m.statements]
        evidence = list(dict.fromkeys(sid for sid in pool if sid in m.statements and is_case_move(ix, sid)
                                      and m.statements[sid].kind is not StatementKind.assumption
                                      and _case_cards(ix, sid) and sid not in premise))[:3]
    if not objection:
        objection = [sid for sid, st in m.statements.items() if st.kind is StatementKind.objection and m.premise_of.get(sid)][:2]
    return {"premise": premise, "evidence": evidence, "objection": objection}


def _reading_list(ix: Index) -> str:
    cites = [ix.m.sources[s].cite_short() for s in used_sources(ix.m)]
    return f"Read {join_names(cites)}." if cites else "Read the sources."


def build_worksheet(analysis: Analysis, *, reveal: bool) -> Handout[WorksheetBody]:
    ix = Index(analysis)
    m = analysis.map
    chosen = _choose_blanks(ix)
    blanks: list[Blank] = []
    for sid in chosen["premise"]:
        st = m.statements[sid]
        aid = next(iter(m.premise_of.get(sid, [])), None)
        target = m.arguments[aid].target if aid else None
        others = [p for p in (m.arguments[aid].premises if aid else []) if p != sid]
        given = [f"Stated premise: {m.statements[p].text}" for p in others]
        if target:
            given.append(f"Conclusion: {m.statements[target].text if target in m.statements else ix.argument_text(target)}")
        unstated = st.kind is StatementKind.assumption
        blanks.append(Blank(
            f"premise:{sid}", "premise",
            "What unstated premise does the argument need to reach its conclusion?" if unstated else "Fill in the missing premise.",
            given, st.text,
            ("The text never says this; the argument only works if it is true." if unstated else "This premise appears in the text.")
            + (f" Warrant: {m.arguments[aid].warrant}" if aid and m.arguments[aid].warrant else ""), 3,
        ))
    for sid in chosen["evidence"]:
        eid = (_case_cards(ix, sid) or m.evidence_for[sid])[0]
        p = ix.pointer(eid)
        blanks.append(Blank(
            f"evidence:{sid}", "evidence",
            "Find the sentence in the source that supports this claim. Copy it and give the paragraph number.",
            [f"Claim: {m.statements[sid].text}"], f"\u201c{ix.quote_text(eid)}\u201d \u2014 {p.short_cite}, paragraph {p.paragraph}",
            "A card must quote the source exactly; the claim is the debater's summary of it.", 4,
        ))
    for sid in chosen["objection"]:
        st = m.statements[sid]
        targets = [m.arguments[a].target for a in m.premise_of.get(sid, [])]
        t = targets[0] if targets else None
        ptrs = ix.pointers_for(sid)
        blanks.append(Blank(
            f"objection:{sid}", "objection",
            "What is the strongest objection the other side could raise against this claim?",
            [f"Claim: {m.statements[t].text if t in m.statements else ix.argument_text(t)}"] if t else [],
            st.text, (f"Evidence for it: {', '.join(q.text for q in ptrs)}." if ptrs else "An analytic objection: no card backs it."), 4,
        ))
    # Impact calculus cells of the recommended option (or the first with an impact).
    opts = [o for o in ordered_options(m) if m.options[o].impact is not None]
    opts.sort(key=lambda o: not m.options[o].recommended)
    opts = [o for o in opts if m.options[o].kind is not OptionKind.status_quo] or opts
    impact_opt = m.options[opts[0]] if opts else None
    # ... weighed against the status quo's (in the same cells when the map gives them, else for the student to work out).
    sq = next((m.options[o] for o in ordered_options(m) if m.options[o].kind is OptionKind.status_quo), None)
    versus: list[Blank] = []
    compare = None
    if impact_opt is not None:
        for k in ("magnitude", "probability", "timeframe", "reversibility"):
            val = getattr(impact_opt.impact, k)
            if val:
                blanks.append(Blank(f"impact:{impact_opt.id}:{k}", "impact", k.capitalize(), [impact_opt.label], val, None, 2))
                sq_val = getattr(sq.impact, k, None) if sq is not None and sq.impact is not None else None
                versus.append(Blank(f"impact:status-quo:{k}", "impact-versus", k.capitalize(), ["The status quo"],
                                    sq_val or "Not given in the map: the students reason it out from the text.", None, 2))
        sq_name = sq.label if sq is not None else "the status quo"
        compare = Blank("impact:compare", "impact-compare",
                        f"Which outweighs: {impact_opt.label} or {sq_name}? Name the dimension that decides, and say why.",
                        [], "A full answer compares both columns on at least two dimensions and says which one decides "
                            "(for example: a risk that cannot be undone outweighs a likelier but reversible one).", None, 4)
    # One claim-evidence-reasoning box, on a claim no other part asks about.
    used_claims = set(chosen["evidence"]) | {m.arguments[a].target for sid in chosen["premise"] for a in m.premise_of.get(sid, [])}
    cer_pool = [sid for sid in [*ix.analysis.contentions, *m.statements] if sid in m.statements and is_case_move(ix, sid)
                and _case_cards(ix, sid) and sid not in used_claims and sid not in chosen["premise"]]
    cer_claim = next(iter(cer_pool), None) or next(iter(chosen["evidence"]), None) \
        or next((s for s in m.statements if m.evidence_for.get(s)), None)
    cer_text = None
    ev_blanks = [b for b in blanks if b.kind == "evidence"]
    if cer_claim in chosen["evidence"] and len(ev_blanks) >= 2:  # Part 5 would repeat Part 2: the claim moves to Part 5
        blanks = [b for b in blanks if b.id != f"evidence:{cer_claim}"]
    if cer_claim:
        eid = (_case_cards(ix, cer_claim) or m.evidence_for[cer_claim])[0]
        cer_text = m.statements[cer_claim].text
        reasoning = ix.warrant_for(cer_claim) or "The quoted fact is the reason the claim is true; say why it matters for the resolution."
        blanks.append(Blank(f"cer:{cer_claim}:evidence", "cer", "Evidence", [cer_text], f"\u201c{ix.quote_text(eid)}\u201d {ix.pointer(eid).text}", None, 3))
        blanks.append(Blank(f"cer:{cer_claim}:reasoning", "cer", "Reasoning", [cer_text], reasoning, None, 3))
    if not reveal:
        for b in [*blanks, *versus, *([compare] if compare else [])]:
            b.answer = None
            b.explanation = None
    body = WorksheetBody(
        reveal=reveal,
        instructions=(f"{_reading_list(ix)} Fill in every blank; cite paragraph numbers." if not reveal
                      else "Answers to every blank on the student worksheet, with the reasoning to discuss."),
        premise=[b for b in blanks if b.kind == "premise"],
        evidence=[b for b in blanks if b.kind == "evidence"],
        objection=[b for b in blanks if b.kind == "objection"],
        impact=ImpactPart(impact_opt.label if impact_opt else None, [b for b in blanks if b.kind == "impact"],
                          (sq.label if sq is not None else "The status quo") if impact_opt else None, versus, compare),
        cer=CerPart(cer_text, [b for b in blanks if b.kind == "cer"]),
        frames=list(FRAMES),
        standards=STANDARDS,
        blanks=blanks,
        misconceptions=misconceptions(ix) if reveal else [],
        weak_spots=weak_spot_report(ix) if reveal else WeakReport(0, []),
        rubric=list(RUBRIC) if reveal else [],
    )
    kind = "key" if reveal else "worksheet"
    return Handout(kind, header(m, kind), body)


# --------------------------------------------------------------------------- misconceptions

_PREDICTION = re.compile(r"\b(will|would|could|may|might|should)\b", re.I)
_REPORTED = re.compile(r"\b(stated|said|says|claimed|according to|reported)\b", re.I)
# Source kinds (`kind:` in seeds/sources.yaml) that state a writer's view, and those that report what happened.
OPINION_KINDS = (SourceKind.op_ed.value, SourceKind.speech.value)
REPORT_KINDS = (SourceKind.news.value, SourceKind.report.value, SourceKind.study.value)
KIND_WORDS = {SourceKind.news.value: "a news report", SourceKind.other.value: "a source"}  # else "a"/"an" and the kind


def _source_words(ix: Index, eid: str) -> str:
    """'Author 23 (a study, February 2023)': a card's source as the sources file describes it."""
    src = ix.m.sources.get(ix.m.evidence[eid].evidence.source)
    if src is None:
        return ix.m.evidence[eid].evidence.source
    kind = src.kind.value
    words = KIND_WORDS.get(kind) or f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
    return f"{src.cite_short()} ({words}, {format_date(src.date)})"


def misconceptions(ix: Index) -> list[Misconception]:
    """The three classic mistakes, each with an example from this map where one exists."""
    m = ix.m

    def kind_of(eid: str) -> str:
        src = m.sources.get(m.evidence[eid].evidence.source)
        return src.kind.value if src else ""

    def backs(eid: str, kinds: tuple[StatementKind, ...]) -> bool:
        return any(s in m.statements and m.statements[s].kind in kinds and ix.ours(s) for s in m.evidence[eid].evidence.supports)

    judgements = [e for e in m.evidence if kind_of(e) in OPINION_KINDS and _PREDICTION.search(ix.quote_text(e))
                  and not _REPORTED.search(ix.quote_text(e))]
    opinion = next((e for e in judgements if backs(e, (StatementKind.thesis, StatementKind.claim))), judgements[0] if judgements else None)
    out = [Misconception("opinion", MISCONCEPTION_TITLES["opinion"],
                         "A sentence of opinion states the writer's view; it is a claim to be supported, not proof. "
                         + (f"Example: {ix.numbers[opinion]} {_quote(ix.quote_text(opinion))}, from {_source_words(ix, opinion)}, "
                            "is the writer's judgement, not a reported fact."
                            if opinion else "Ask of every quote: is it reported fact, or the writer's judgement?"))]
    assumption = next((s for s, st in m.statements.items() if st.kind is StatementKind.assumption), None)
    out.append(Misconception("assumption", MISCONCEPTION_TITLES["assumption"],
                             "Students summarise what the text says and miss what it takes for granted. "
                             + (f"Example: the argument needs {_quote(m.statements[assumption].text)}, which the text never states."
                                if assumption else "Ask: what must be true for this reason to support that conclusion?")))
    forecasts = [e for e in judgements if re.search(r"\b(will|would)\b", ix.quote_text(e), re.I) and e != opinion]
    pred = next((e for e in forecasts if backs(e, (StatementKind.claim,))), forecasts[0] if forecasts else None)
    facts = [e for e in m.evidence if kind_of(e) in REPORT_KINDS]
    news = next((e for e in facts if backs(e, (StatementKind.fact,))), facts[0] if facts else None)
    text = "A prediction says what a policy would do; a report says what happened. "
    if pred:
        text += f"Example prediction: {ix.numbers[pred]} {_quote(ix.quote_text(pred))}, from {_source_words(ix, pred)}. "
    if news:
        text += f"Example reported fact: {ix.numbers[news]} {_quote(ix.quote_text(news))}, from {_source_words(ix, news)}. "
    text += "A prediction is tested by later facts; it is not itself one."
    out.append(Misconception("prediction", MISCONCEPTION_TITLES["prediction"], text))
    return out


# --------------------------------------------------------------------------- weak-spot report (teacher key)

# (group, title, what it means and what to do); coach's notes (W507) first, by the note's kind.
NOTE_GROUPS = [
    ("factual-slip", "Factual slips", "Errors of fact in the source's own words: read the card as written, and be ready to concede or correct the slip."),
    ("overclaim", "Overclaims and power-tags", "The claim or tag says more than the text shows: a cross-examination target; tag it no stronger than the quote."),
    ("vague", "Vague terms", "Words the other side can define against us: pin down what they mean before the round."),
    ("causal-leap", "Causal leaps", "A step from cause to effect the text asserts but does not show."),
    ("dated-note", "Dated (the coach's notes)", "Evidence the coach marked as older than what it is used for."),
    ("unsupported-note", "Unsupported (the coach's notes)", "Claims the coach marked as resting on nothing the text shows."),
    ("other", "Other notes", "The coach's other notes."),
]
NOTE_GROUP_OF = {"power-tag": "overclaim", "overclaim": "overclaim", "vague": "vague", "factual-slip": "factual-slip",
                 "causal-leap": "causal-leap", "dated": "dated-note", "unsupported": "unsupported-note"}
KIND_GROUPS = [
    ("dated", "Dated evidence", "Evidence older than the events it is used for: find a later card, or narrow the claim to the card's date."),
    ("unsupported", "Premises never supported", "Premises the argument needs and nothing backs: no card, no reason; most are unstated assumptions."),
    ("no-evidence", "Claims with no evidence", "Analytics: reasoning with no card anywhere beneath it."),
    ("single-source", "Resting on one source", "Everything beneath the claim comes from one source: corroborate it with a second, independent one."),
    ("self-citation", "Self-citation", "A writer's own words quoted as evidence for the writer's own claims: they are not proof of that view."),
    ("overclaim-tag", "Tags stronger than their quotes", "The words a card is read under promise more than the quote says."),
    ("unanswered-attack", "Attacks with no answer", "An attack on our case that nothing in the map answers: it stands until someone writes an answer."),
]


def _subject_label(ix: Index, ident: str) -> str:
    m = ix.m
    if ident in m.evidence:
        return ix.card_tag(ident)
    if ident in m.statements:
        whose = " (theirs)" if not ix.ours(ident) else (" (our answer)" if m.statements[ident].kind is StatementKind.answer else "")
        return ix.tag(ident) + whose
    if ident in m.arguments:
        return ix.attack_label(ident)
    return ident


def _spot_text(ix: Index, ws: WeakSpot) -> str:
    """One weak spot in words, without ids."""
    m = ix.m
    a = ix.analysis
    if ws.kind == "noted":
        return ix.plain(ws.note) or ""
    if ws.kind == "dated":
        date, what = evidence_date(m, ws.subject)
        later = [m.statements[r] for r in ws.related if r in m.statements and m.statements[r].as_of]
        about = "; ".join(f"{_quote(ix.tag(s.id))} speaks of {format_date(s.as_of)}" for s in later)
        return f"dates from {format_date(date)} ({what}), but {about}." if about else f"dates from {format_date(date)} ({what})."
    if ws.kind == "unsupported":
        st = m.statements[ws.subject]
        needs = [m.arguments[x].target for x in m.premise_of.get(ws.subject, []) if m.arguments[x].target in m.statements]
        why = "an unstated assumption" if st.kind is StatementKind.assumption else "a premise with no card and no reason"
        return f"{why}; {_quote(ix.tag(needs[0]))} needs it." if needs else f"{why}."
    if ws.kind == "no-evidence":
        return "no card anywhere beneath it" + (" (an analytic)" if m.supporting_args.get(ws.subject) else "; no reason either (a bare assertion)") + "."
    if ws.kind == "single-source":
        cards = [e for e in ws.related if e in m.evidence]
        srcs = list(dict.fromkeys(m.evidence[e].evidence.source for e in cards))
        who = ", ".join(m.sources[s].cite_short() for s in srcs if s in m.sources) or "one source"
        return f"{len(cards)} card{'s' if len(cards) != 1 else ''}, all {who}: " + ", ".join(ix.numbers[e] for e in cards) + "."
    if ws.kind == "unanswered-attack":
        target = ws.related[0] if ws.related else ""
        return f"{'undercuts' if target in m.arguments else 'attacks'} {target_name(ix, target)}; nothing answers it."
    if ws.kind == "overclaim-tag":
        said = re.findall(r"\u201c[^\u201d]*\u201d", ws.message)
        return f"the tag says {', '.join(said)}; the quote does not." if said else (ix.plain(ws.message) or "")
    return ix.plain(ws.message) or ""


def _self_citation_summary(ix: Index, spots: list[WeakSpot]) -> list[str]:
    m = ix.m
    by_source: dict[str, list[str]] = {}
    relayed: dict[str, list[str]] = {}
    plain: list[str] = []
    for ws in spots:
        ev = m.evidence[ws.subject].evidence
        src = m.sources.get(ev.source)
        by_source.setdefault(src.cite_short() if src else ev.source, []).append(ix.numbers[ws.subject])
        cite = reference_cite(src, ev.reference) if src else None
        if cite:
            relayed.setdefault(cite, []).append(ix.numbers[ws.subject])
        else:
            plain.append(ix.numbers[ws.subject])
    out = [f"{len(spots)} card{'s' if len(spots) != 1 else ''} quote {join_names(list(by_source))} for the writer's own claims."]
    for cite, nums in relayed.items():
        out.append(f"Cite directly, {cite.removeprefix('citing ')}: {', '.join(nums)}.")
    if plain:
        out.append(f"No source behind the writer's words: {', '.join(plain)}.")
    return out


def weak_spot_report(ix: Index) -> WeakReport:
    """Every weak spot of the analysis for the teacher key, grouped by kind (the
    coach's notes by the note's kind) and in words. Each group counts its weak
    spots, so the counts add up to `Analysis.counts().weak_spots`."""
    a = ix.analysis
    m = ix.m
    buckets: dict[str, list[WeakSpot]] = {}
    for ws in a.weak_spots:
        key = NOTE_GROUP_OF.get(ws.note_kind or "", "other") if ws.kind == "noted" else ws.kind
        buckets.setdefault(key, []).append(ws)
    order = {ident: i for i, ident in enumerate([*m.statements, *m.evidence, *m.arguments])}
    groups: list[WeakGroup] = []
    specs = [(k, t, e, "noted") for k, t, e in NOTE_GROUPS] + [(k, t, e, k) for k, t, e in KIND_GROUPS]
    specs += [(k, k.replace("-", " ").capitalize(), "", k) for k in CODE_OF_KIND if k != "noted" and k not in {s[0] for s in specs}]
    for key, title, explain, kind in specs:
        spots = buckets.get(key, [])
        if not spots:
            continue
        items: dict[str, WeakItem] = {}
        summary: list[str] = []
        # A reason that keeps several spots of the group (a map-wide rule) is said once, not on each item.
        reasons = Counter(ws.acknowledged for ws in spots if ws.kept and kind != "noted")
        shared = {r for r, n in reasons.items() if n > 1}
        kept_lines = [f"Kept on purpose ({reasons[r]}): {ix.plain(r)}" for r in reasons if r in shared]
        if key == "self-citation":
            summary = _self_citation_summary(ix, spots)
        else:
            for ws in sorted(spots, key=lambda w: (not ix.ours(w.subject) if w.subject in a.sides else False, order.get(w.subject, 0))):
                text = _spot_text(ix, ws)
                if ws.kind == "noted" and key == "other" and ws.note_kind not in (None, "other"):
                    text = f"{ws.note_kind.replace('-', ' ')}: {text}"
                if ws.kept and ws.kind != "noted" and ws.acknowledged not in shared:
                    text += f" Kept on purpose: {ix.plain(ws.acknowledged)}"
                item = items.get(ws.subject)
                if item is None:
                    items[ws.subject] = WeakItem(_subject_label(ix, ws.subject), text)
                elif text not in item.text:
                    item.text += " " + text[:1].upper() + text[1:]
        groups.append(WeakGroup(key, CODE_OF_KIND[kind], title, explain, len(spots), list(items.values()), summary + kept_lines,
                                kept=sum(ws.kept for ws in spots)))
    return WeakReport(len(a.weak_spots), groups, kept=sum(ws.kept for ws in a.weak_spots))
