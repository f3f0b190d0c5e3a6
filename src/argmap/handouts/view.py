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

from ..model import (
    AnswerType,
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
from ..resolve import ResolvedMap

WPM = 250  # words per minute for highlighted text read aloud, a typical competitive pace

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
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
# Words that make a tag claim more than a cautious quote may say.
STRONG_WORDS = ("will", "always", "never", "all", "every", "certain", "certainly", "definitely", "proves", "guarantee", "guarantees", "only", "must")


# --------------------------------------------------------------------------- shared pieces


@dataclass
class SourceLine:
    id: str
    short_cite: str
    full: str  # the written citation, without the short cite


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


def format_date(date: str | None, approximate: bool = False) -> str:
    """ISO partial date -> 'February 2023', 'October 5, 2019', '2015'."""
    if not date:
        return "n.d."
    parts = date.split("-")
    if len(parts) == 1:
        out = parts[0]
    elif len(parts) == 2:
        out = f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    else:
        out = f"{MONTHS[int(parts[1]) - 1]} {int(parts[2])}, {parts[0]}"
    return out + (" (approx.)" if approximate else "")


def _join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def source_cite(src: Source) -> str:
    """Everything after the bold short cite: names, qualifications, date, title, outlet."""
    parts: list[str] = []
    if src.authors:
        people = []
        for a in src.authors:
            people.append(f"{a.name} ({a.qualifications})" if a.qualifications else a.name)
        parts.append(_join_names(people))
        if not any(a.qualifications for a in src.authors):
            parts.append("qualifications not stated")
    else:
        parts.append(f"unsigned {src.kind.value}")
    parts.append(format_date(src.date, src.date_approximate))
    parts.append(f"\u201c{src.title}\u201d")
    if src.outlet:
        parts.append(src.outlet)
    if src.url:
        parts.append(src.url)
    if src.accessed:
        parts.append(f"accessed {format_date(src.accessed)}")
    return ", ".join(parts)


def reference_cite(src: Source, ref_id: str | None) -> str | None:
    """'citing Kim, E. (2022, November 2), “North Korea's Missile…”, CSIS'."""
    if not ref_id:
        return None
    ref = next((r for r in src.references if r.id == ref_id), None)
    if ref is None:
        return None
    who = " & ".join(ref.authors) if ref.authors else (ref.corporate_author or "")
    when = "n.d."
    if ref.date:
        bits = ref.date.split("-")
        when = bits[0]
        if len(bits) >= 2:
            when += f", {MONTHS[int(bits[1]) - 1]}" + (f" {int(bits[2])}" if len(bits) == 3 else "")
    out = f"citing {who} ({when}), \u201c{ref.title}\u201d" if who else f"citing \u201c{ref.title}\u201d ({when})"
    if ref.outlet and ref.outlet != who:
        out += f", {ref.outlet}"
    if ref.url:
        out += f", {ref.url}"
    return out


class Index:
    """Shared look-ups over a resolved map: numbering, tags, sides, pointers."""

    def __init__(self, rmap: ResolvedMap):
        self.m = rmap
        self.numbers = {eid: f"E{i}" for i, eid in enumerate(rmap.evidence, start=1)}
        self._issue_cache: dict[str, str] = {}

    # statements
    def tag(self, sid: str) -> str:
        st = self.m.statements.get(sid)
        if st is None:
            return sid
        return st.tag or st.text

    def side(self, sid: str) -> str:
        st = self.m.statements.get(sid)
        return st.effective_side.value if st else "aff"

    def issue(self, sid: str, _seen: frozenset = frozenset()) -> str:
        """A statement's stock issue, or the one of the claim it supports."""
        if sid in self._issue_cache:
            return self._issue_cache[sid]
        st = self.m.statements[sid]
        result = "other"
        if st.stock_issue is not None:
            result = st.stock_issue.value
        elif st.kind is StatementKind.plan:
            result = "plan"
        elif sid not in _seen:
            for aid in self.m.premise_of.get(sid, []):
                arg = self.m.arguments[aid]
                if arg.relation is Relation.support and arg.target in self.m.statements:
                    found = self.issue(arg.target, _seen | {sid})
                    if found != "other":
                        result = found
                        break
        if not _seen:
            self._issue_cache[sid] = result
        return result

    # evidence
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

    def quote_text(self, eid: str) -> str:
        rev = self.m.evidence[eid]
        return rev.anchor.exact if rev.anchor else rev.evidence.quote


def _header(rmap: ResolvedMap, kind: str, title_suffix: str = "") -> Header:
    sources = [SourceLine(sid, s.cite_short(), source_cite(s)) for sid, s in rmap.sources.items()]
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


@dataclass
class Segment:
    text: str
    style: str  # context | underline | highlight | emphasis


@dataclass
class BodyParagraph:
    number: int  # paragraph number in the source (0: furniture)
    segments: list[Segment]


@dataclass
class Card:
    id: str
    number: str  # E1, E2... by map order
    tag: str
    side: str
    stock_issue: str
    relation: str  # supports | challenges | none
    claims: list[str]  # ids of the statements it supports or challenges
    claim_tags: list[str]
    short_cite: str
    cite: str
    citing: str | None
    paragraphs: list[int]
    body: list[BodyParagraph]
    quote: str  # the underlined words, exactly as in the source
    read_words: int
    read_basis: str  # highlighted | underlined
    read_seconds: int
    read_time: str
    card_words: int
    note: str | None
    weaknesses: list[str]


def _seconds(s: int) -> str:
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


def _words(text: str) -> int:
    return len(re.findall(r"[\w\u2019'-]+", text))


def card_body(text: str, para_start: int, para_end: int, quote: tuple[int, int],
              highlights: list[tuple[int, int]], emphasis: list[tuple[int, int]],
              paragraphs: list[tuple[int, int, int]]) -> list[BodyParagraph]:
    """Split the source paragraph(s) into styled segments; nothing is dropped or added.

    `paragraphs` lists (number, start, end) of the source paragraphs; the body
    covers those overlapping [para_start, para_end). Styles nest: emphasis inside
    highlight inside underline (the quote); everything else is context.
    """
    q0, q1 = quote

    def style_at(i: int) -> str:
        if any(a <= i < b for a, b in emphasis):
            return "emphasis"
        if any(a <= i < b for a, b in highlights):
            return "highlight"
        if q0 <= i < q1:
            return "underline"
        return "context"

    out: list[BodyParagraph] = []
    for number, p0, p1 in paragraphs:
        if p1 <= para_start or p0 >= para_end:
            continue
        p0, p1 = max(p0, para_start), min(p1, para_end)
        cuts = sorted({p0, p1, *(x for span in [quote, *highlights, *emphasis] for x in span if p0 < x < p1)})
        segs: list[Segment] = []
        for a, b in zip(cuts, cuts[1:]):
            st = style_at(a)
            if segs and segs[-1].style == st:
                segs[-1].text += text[a:b]
            else:
                segs.append(Segment(text[a:b], st))
        out.append(BodyParagraph(number, segs))
    return out


def make_card(ix: Index, eid: str) -> Card:
    m = ix.m
    rev = m.evidence[eid]
    ev = rev.evidence
    src = m.sources.get(ev.source)
    targets = list(ev.supports) or list(ev.challenges)
    relation = "supports" if ev.supports else ("challenges" if ev.challenges else "none")
    first = targets[0] if targets and targets[0] in m.statements else None
    if first is None:
        side, issue = "aff", "other"
    else:
        side = ix.side(first)
        if relation == "challenges":
            side = "neg" if side == "aff" else "aff"
        issue = ix.issue(first)
    tag = ev.tag or (ix.tag(first) if first else ev.quote)
    body: list[BodyParagraph] = []
    paras: list[int] = []
    quote = ev.quote
    if rev.anchor is not None and ev.source in m.source_texts:
        st = m.source_texts[ev.source]
        a = rev.anchor
        plist = [(p.number, p.start, p.end) for p in st.paragraphs]
        body = card_body(st.text, a.paragraph_start, a.paragraph_end, (a.start, a.end), rev.highlights, rev.emphasis, plist)
        paras = [b.number for b in body]
        quote = a.exact
        read_text = " ".join(st.text[h0:h1] for h0, h1 in rev.highlights) if rev.highlights else a.exact
        card_words = _words(st.text[a.paragraph_start:a.paragraph_end])
    else:
        read_text = quote
        card_words = _words(quote)
    read_words = _words(read_text)
    weaknesses = [f"{w.kind.value}: {w.note}" for w in ev.weaknesses]
    return Card(
        id=eid, number=ix.numbers[eid], tag=tag, side=side, stock_issue=issue, relation=relation,
        claims=targets, claim_tags=[ix.tag(t) for t in targets],
        short_cite=src.cite_short() if src else ev.source,
        cite=source_cite(src) if src else ev.source,
        citing=reference_cite(src, ev.reference) if src else None,
        paragraphs=paras, body=body, quote=quote,
        read_words=read_words, read_basis="highlighted" if rev.highlights else "underlined",
        read_seconds=max(1, round(read_words * 60 / WPM)),
        read_time=_seconds(max(1, round(read_words * 60 / WPM))),
        card_words=card_words, note=ev.note, weaknesses=weaknesses,
    )


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


@dataclass
class OutlineSection:
    issue: str
    label: str
    lines: list[OutlineLine]
    subsections: list[dict[str, Any]] = field(default_factory=list)  # solvency per plank/option


def _outline_line(ix: Index, sid: str, shown: set[str] | None = None) -> OutlineLine:
    """One line of the case outline. A warrant is printed once: on the claim its
    argument supports, or (when that claim is not in the outline, e.g. the
    thesis) on the argument's first premise."""
    st = ix.m.statements[sid]
    ptrs = ix.pointers_for(sid)
    warrant = None
    for aid in [*ix.m.supporting_args.get(sid, []), *ix.m.premise_of.get(sid, [])]:
        arg = ix.m.arguments[aid]
        if not arg.warrant or (shown is not None and aid in shown):
            continue
        if aid in ix.m.premise_of.get(sid, []) and ix.m.statements.get(arg.target) is not None \
                and ix.m.statements[arg.target].kind is not StatementKind.thesis:
            continue  # shown with its conclusion instead
        warrant = arg.warrant
        if shown is not None:
            shown.add(aid)
        break
    return OutlineLine(sid, ix.tag(sid), st.text, st.kind.value, warrant, ptrs, not ptrs, st.option, cite_groups(ptrs))


def cite_groups(ptrs: list[Pointer]) -> list[str]:
    """Pointers grouped by short cite, in order: ['Chatterji & Gurudatha 23, E7, E8']."""
    groups: dict[str, list[str]] = {}
    for p in ptrs:
        groups.setdefault(p.short_cite, []).append(p.number)
    return [f"{k}, {', '.join(v)}" for k, v in groups.items()]


def _ordered_options(rmap: ResolvedMap) -> list[str]:
    return sorted(rmap.options, key=lambda oid: (OPTION_ORDER.index(rmap.options[oid].kind), list(rmap.options).index(oid)))


def case_outline(ix: Index) -> tuple[Statement | None, list[OutlineSection]]:
    """The affirmative case by stock issue; solvency split by option (each plank's mechanism)."""
    m = ix.m
    thesis = next(iter(m.theses()), None)
    by_issue: dict[str, list[str]] = {}
    for sid, st in m.statements.items():
        if st.kind is StatementKind.thesis or st.effective_side is not Side.aff or st.kind is StatementKind.answer:
            continue
        by_issue.setdefault(ix.issue(sid), []).append(sid)
    sections = []
    shown: set[str] = set()
    for issue in ["harms", "inherency", "plan", "solvency", "advantage", *[s for s in STOCK_ORDER if s not in ("harms", "inherency", "plan", "solvency", "advantage")], "other"]:
        sids = by_issue.get(issue, [])
        if issue == "solvency" and sids:
            subs = []
            for oid in [*_ordered_options(m), None]:
                lines = [_outline_line(ix, s, shown) for s in sids if m.statements[s].option == oid]
                if lines:
                    opt = m.options.get(oid) if oid else None
                    subs.append({"option": oid, "label": f"Solvency \u2014 {opt.label}" if opt else "Solvency \u2014 the plan as a whole",
                                 "planks": list(opt.planks) if opt else [], "lines": lines})
            sections.append(OutlineSection(issue, STOCK_LABELS[issue], [], subs))
        elif sids:
            sections.append(OutlineSection(issue, STOCK_LABELS[issue], [_outline_line(ix, s, shown) for s in sids]))
    return thesis, sections


def plan_text(rmap: ResolvedMap) -> list[dict[str, Any]]:
    """The planks: the recommended option's and each carrot/stick option's, numbered."""
    out = []
    n = 0
    for oid in _ordered_options(rmap):
        opt = rmap.options[oid]
        if not opt.planks:
            continue
        planks = []
        for p in opt.planks:
            n += 1
            planks.append({"number": n, "text": p})
        out.append({"option": oid, "label": opt.label, "kind": opt.kind.value, "recommended": opt.recommended, "planks": planks})
    return out


def _option_statements(rmap: ResolvedMap, oid: str) -> list[str]:
    return [sid for sid, st in rmap.statements.items() if st.option == oid]


def option_columns(ix: Index) -> list[dict[str, Any]]:
    """Each option's column. For a course of action, its evidence is the cards for
    its own (affirmative) statements and its objection the strongest attack on
    them; for the status quo it is the reverse: the case's statements about the
    status quo are the objection to it. A mix answers to every objection."""
    m = ix.m

    def strength(sid: str) -> tuple[int, int]:
        return (len(m.evidence_for.get(sid, [])) + len(m.supporting_args.get(sid, [])), -list(m.statements).index(sid))

    cols = []
    for oid in _ordered_options(m):
        opt = m.options[oid]
        mine = _option_statements(m, oid)
        if opt.kind is OptionKind.mix:
            mine = [sid for sid, st in m.statements.items() if st.option in m.options or st.kind is StatementKind.thesis]
        status_quo = opt.kind is OptionKind.status_quo
        if status_quo:
            pro = [s for s in mine if ix.side(s) == "neg"]
        else:
            pro = [s for s in mine if ix.side(s) == "aff"]
        ptrs: list[Pointer] = []
        for sid in pro:
            for p in ix.pointers_for(sid):
                if p.evidence_id not in {q.evidence_id for q in ptrs}:
                    ptrs.append(p)
        if status_quo:
            objections = [s for s in mine if ix.side(s) == "aff"]
        else:
            objections = []
            for sid in mine:
                for aid in m.attacking_args.get(sid, []):
                    objections += [p for p in m.arguments[aid].premises if p not in objections]
                if m.statements[sid].kind is StatementKind.objection and sid not in objections:
                    objections.append(sid)
        strongest = max(objections, key=strength) if objections else None
        cols.append({
            "id": oid, "label": opt.label, "kind": opt.kind.value, "recommended": opt.recommended,
            "mechanism": opt.summary or "", "planks": list(opt.planks), "evidence": ptrs, "evidence_cites": cite_groups(ptrs),
            "risks": list(opt.risks),
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


@dataclass
class Flag:
    kind: str  # unsupported | single-source | dated | power-tag | weak-spot
    subject: str
    label: str
    message: str
    sub: str = ""  # for weak spots from argmap.weakspots: their own kind


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
        if subject in m.statements and m.statements[subject].effective_side is not Side.aff:
            continue  # the other side's weak spots belong in the blocks, not the case's coverage
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
        flags.append(Flag(group, subject, label, message, kind if group == "weak-spot" else ""))
    kinds = ("unsupported", "single-source", "dated", "power-tag", "weak-spot")
    counts = {k: sum(f.kind == k for f in flags) for k in kinds}
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
    """Weak spots from argmap.weakspots when that module is present."""
    try:
        from .. import weakspots  # type: ignore[attr-defined]
    except ImportError:
        return []
    try:
        return list(weakspots.find_weak_spots(rmap))
    except Exception:  # an analysis bug must not stop a handout
        return []


def diagram_svg(rmap: ResolvedMap) -> tuple[str | None, str | None]:
    """(svg text, note): the whole-map diagram from argmap.diagram, or a note why not."""
    import shutil

    try:
        from .. import diagram  # type: ignore[attr-defined]
    except ImportError:
        return None, "The argument diagram is not available in this version."
    if shutil.which("dot") is None:
        return None, "The argument diagram needs Graphviz (dot), which is not installed; run scripts/setup."
    for name in ("render_svg", "svg", "render_map_svg", "to_svg"):
        fn = getattr(diagram, name, None)
        if callable(fn):
            try:
                out = fn(rmap)
            except TypeError:
                continue
            except Exception as exc:  # the diagram is an extra; the brief still stands
                return None, f"The argument diagram could not be drawn ({type(exc).__name__})."
            if isinstance(out, bytes):
                out = out.decode("utf-8")
            if isinstance(out, str) and "<svg" in out:
                return out[out.index("<svg"):], None
    return None, "The argument diagram could not be drawn."


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


def build_brief(rmap: ResolvedMap, *, diagram: bool = True) -> Handout:
    ix = Index(rmap)
    thesis, sections = case_outline(ix)
    svg, note = diagram_svg(rmap) if diagram else (None, "")
    body = {
        "thesis": ({"id": thesis.id, "tag": thesis.tag or thesis.text, "text": thesis.text} if thesis else None),
        "plan": plan_text(rmap),
        "outline": sections,
        "options": option_columns(ix),
        "impacts": impact_rows(rmap),
        "coverage": coverage(ix),
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


@dataclass
class Block:
    id: str  # the attacking argument
    title: str  # "AT: <attack>"
    speech: str
    attack: str
    attack_text: str
    target: str  # what it attacks
    relation: str  # rebut | undercut
    their_cards: list[Pointer]
    answers: list[Answer]


@dataclass
class Question:
    group: str  # unsupported | causal | plank | indict | scheme
    direction: str  # ask | prepare
    about: str
    text: str
    follow_up: str | None = None


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
    "scheme": "Critical questions of each argument",
}

# Walton-style critical questions, used when argmap.schemes is not available.
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


def critical_questions(rmap: ResolvedMap, aid: str) -> list[str]:
    """The scheme's critical questions for one argument: argmap.schemes when present."""
    try:
        from .. import schemes  # type: ignore[attr-defined]
    except ImportError:
        schemes = None
    if schemes is not None and hasattr(schemes, "critical_questions"):
        try:
            return [q.text for q in schemes.critical_questions(rmap, aid)]
        except Exception:  # fall back to the built-in list
            pass
    arg = rmap.arguments[aid]
    return list(FALLBACK_CQS.get(arg.scheme.value, [])) if arg.scheme else []


def _answer_from_argument(ix: Index, aid: str, number: int, default: str) -> Answer:
    m = ix.m
    arg = m.arguments[aid]
    ptrs = [p for s in arg.premises for p in ix.pointers_for(s)]
    kind = arg.answer_type.value if arg.answer_type else (default if ptrs or default != "counter-evidence" else "analytic")
    return Answer(number, kind, ANSWER_LABELS.get(kind, kind), "; ".join(ix.tag(p) for p in arg.premises),
                  arg.warrant, ptrs, [ix.quote_text(p.evidence_id) for p in ptrs], not ptrs)


def make_blocks(ix: Index) -> list[Block]:
    m = ix.m
    blocks = []
    for aid, arg in m.arguments.items():
        if arg.relation is Relation.support:
            continue
        if not any(ix.side(p) == "neg" for p in arg.premises):
            continue  # our own answers are answers, not attacks to block
        target_tag = ix.tag(arg.target) if arg.relation is Relation.rebut else _argument_tag(ix, arg.target)
        answers: list[Answer] = []
        for uid in m.undercutting_args.get(aid, []):
            answers.append(_answer_from_argument(ix, uid, len(answers) + 1, "no-link"))
        for p in arg.premises:
            for rid in m.attacking_args.get(p, []):
                answers.append(_answer_from_argument(ix, rid, len(answers) + 1, "counter-evidence"))
            for eid in m.evidence_against.get(p, []):
                ptr = ix.pointer(eid)
                ev = m.evidence[eid].evidence
                answers.append(Answer(len(answers) + 1, "counter-evidence", ANSWER_LABELS["counter-evidence"],
                                      ev.tag or ev.note or "Their own source says otherwise.", None, [ptr], [ix.quote_text(eid)], False))
            for eid in m.evidence_for.get(p, []):
                for w in m.evidence[eid].evidence.weaknesses:
                    answers.append(Answer(len(answers) + 1, "evidence-indict", ANSWER_LABELS["evidence-indict"],
                                          f"Their card {ix.numbers[eid]} ({ix.pointer(eid).short_cite}) \u2014 {w.kind.value.replace('-', ' ')}: {w.note}",
                                          None, [], [], True))
            st = m.statements.get(p)
            for w in (st.weaknesses if st else []):
                kind = WEAKNESS_ANSWER.get(w.kind.value, "no-link")
                answers.append(Answer(len(answers) + 1, kind, ANSWER_LABELS[kind],
                                      f"{w.kind.value.replace('-', ' ').capitalize()}: {w.note}", None, [], [], True))
        attack_tag = "; ".join(ix.tag(p) for p in arg.premises)
        blocks.append(Block(
            id=aid, title=f"AT: {attack_tag}", speech="2AC" if ix.side(arg.target if arg.relation is Relation.rebut else (m.arguments[arg.target].premises[0] if arg.target in m.arguments else "")) == "aff" else "1NC",
            attack=attack_tag, attack_text=" ".join(m.statements[p].text for p in arg.premises if p in m.statements),
            target=target_tag, relation=arg.relation.value,
            their_cards=[q for p in arg.premises for q in ix.pointers_for(p)], answers=answers,
        ))
    return blocks


def _argument_tag(ix: Index, aid: str) -> str:
    arg = ix.m.arguments.get(aid)
    if arg is None:
        return aid
    return f"the step from {' + '.join(ix.tag(p) for p in arg.premises)} to {ix.tag(arg.target)}"


def cx_questions(ix: Index) -> list[Question]:
    m = ix.m
    qs: list[Question] = []
    # Unsupported premises: theirs to ask about, ours to prepare for.
    for sid, st in m.statements.items():
        if st.kind is StatementKind.thesis or m.evidence_for.get(sid) or m.supporting_args.get(sid):
            continue
        if not m.premise_of.get(sid):
            continue
        direction = "ask" if st.effective_side is Side.neg else "prepare"
        lead = "What is your evidence that" if direction == "ask" else "What is your evidence that"
        if st.kind is StatementKind.assumption:
            qs.append(Question("unsupported", direction, ix.tag(sid), f"Your case assumes that {_lc(st.text)} Where does the op-ed say so?",
                               "If it is only assumed, why should the judge accept it?"))
        else:
            qs.append(Question("unsupported", direction, ix.tag(sid), f"{lead} {_lc(st.text).rstrip('.')}?", "Is that the author's own assertion, or reported by a source?"))
    # Causal links.
    for aid, arg in m.arguments.items():
        if arg.relation is not Relation.support or arg.scheme not in (Scheme.cause_to_effect, Scheme.consequences):
            continue
        direction = "ask" if ix.side(arg.target) == "neg" else "prepare"
        prem = " and ".join(ix.tag(p) for p in arg.premises)
        qs.append(Question("causal", direction, ix.tag(arg.target),
                           f"How does \u201c{prem}\u201d lead to \u201c{ix.tag(arg.target)}\u201d?",
                           "What else could cause it, and what evidence rules that out?"))
    # Planks.
    for opt in [m.options[o] for o in _ordered_options(m)]:
        for plank in opt.planks:
            qs.append(Question("plank", "prepare", f"{opt.label}: {plank}",
                               f"Plank \u201c{plank.rstrip('.')}\u201d: who implements it, how, and when?",
                               "Which agency acts, with what authority and funding, on what timeline?"))
    # Evidence indicts, per source.
    for sid, src in m.sources.items():
        used = [e for e, rev in m.evidence.items() if rev.evidence.source == sid]
        if not used:
            continue
        aff_uses = any(make_side(ix, e) == "aff" for e in used)
        direction = "prepare" if aff_uses else "ask"
        who = _join_names([a.name for a in src.authors]) or f"the unsigned {src.kind.value}"
        quals = "; ".join(a.qualifications for a in src.authors if a.qualifications)
        basis = "its own reference list" if src.references else "no cited sources"
        qs.append(Question("indict", direction, src.cite_short(),
                           f"Author: who is {who}, and what qualifies them{' (' + quals + ')' if quals else ' (no qualifications are stated)'}?",
                           None))
        qs.append(Question("indict", direction, src.cite_short(),
                           f"Basis: is {src.cite_short()} reporting, analysis or opinion ({src.kind.value}), and what does it rest on ({basis})?", None))
        qs.append(Question("indict", direction, src.cite_short(),
                           f"Context and date: written {format_date(src.date, src.date_approximate)}"
                           + (f" ({src.date_note})" if src.date_note else "") + ": what has happened since?", None))
    # Critical questions of each argument's scheme.
    for aid, arg in m.arguments.items():
        cqs = critical_questions(m, aid)
        if not cqs:
            continue
        side = ix.side(arg.premises[0]) if arg.premises else "aff"
        direction = "ask" if side == "neg" else "prepare"
        about = f"{ix.tag(arg.target) if arg.target in m.statements else _argument_tag(ix, arg.target)} ({SCHEME_LABELS.get(arg.scheme.value, arg.scheme.value) if arg.scheme else 'argument'})"
        for q in cqs:
            qs.append(Question("scheme", direction, about, q))
    return qs


def make_side(ix: Index, eid: str) -> str:
    ev = ix.m.evidence[eid].evidence
    if ev.supports and ev.supports[0] in ix.m.statements:
        return ix.side(ev.supports[0])
    if ev.challenges and ev.challenges[0] in ix.m.statements:
        return "neg" if ix.side(ev.challenges[0]) == "aff" else "aff"
    return "aff"


def _lc(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


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
    body = {"blocks": make_blocks(ix), "cx": groups, "questions": qs,
            "answer_types": [{"type": k, "label": v} for k, v in ANSWER_LABELS.items()]}
    return Handout("blocks", _header(rmap, "blocks"), body)


# --------------------------------------------------------------------------- flow


def build_flow(rmap: ResolvedMap, *, event: str | None = None) -> Handout:
    event = (event or rmap.header.event or "policy").lower()
    event = {"lincoln-douglas": "ld", "public-forum": "pf", "public forum": "pf", "cx": "policy"}.get(event, event)
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}; choose one of {', '.join(EVENTS)}")
    label, speeches = EVENTS[event]
    ix = Index(rmap)
    thesis, sections = case_outline(ix)
    rows: list[dict[str, Any]] = []
    if thesis:
        rows.append({"heading": True, "text": "Thesis", "cite": ""})
        rows.append({"heading": False, "text": thesis.tag or thesis.text, "cite": ""})
    for sec in sections:
        lines = list(sec.lines)
        for sub in sec.subsections:
            lines += sub["lines"]
        if not lines:
            continue
        rows.append({"heading": True, "text": sec.label, "cite": ""})
        for ln in lines:
            cite = ", ".join(f"{p.short_cite} {p.number}" for p in ln.pointers) if ln.pointers else "analytic"
            rows.append({"heading": False, "text": ln.tag, "cite": cite})
    body = {"event": event, "event_label": label, "speeches": speeches, "rows": rows}
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
            given.append(f"Conclusion: {m.statements[target].text if target in m.statements else _argument_tag(ix, target)}")
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
            [f"Claim: {m.statements[t].text if t in m.statements else _argument_tag(ix, t)}"] if t else [],
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
    }
    return Handout("key" if reveal else "worksheet", _header(rmap, "key" if reveal else "worksheet"), body)


_PREDICTION = re.compile(r"\b(will|would|could|may|might|should)\b", re.I)


def misconceptions(ix: Index) -> list[dict[str, str]]:
    """The three classic mistakes, each with an example from this map where one exists."""
    m = ix.m
    out = []
    opinion = next((e for e, rev in m.evidence.items()
                    if m.sources.get(rev.evidence.source) and m.sources[rev.evidence.source].kind.value == "op-ed"
                    and _PREDICTION.search(ix.quote_text(e))), None)
    out.append({"id": "opinion", "title": MISCONCEPTION_TITLES["opinion"],
                "text": ("An op-ed sentence states the authors' view; it is a claim to be supported, not proof. "
                         + (f"Example: {ix.numbers[opinion]} \u201c{ix.quote_text(opinion)}\u201d is the authors' judgement, not a reported fact."
                            if opinion else "Ask of every quote: is it reported fact, or the writer's judgement?"))})
    assumption = next((s for s, st in m.statements.items() if st.kind is StatementKind.assumption), None)
    out.append({"id": "assumption", "title": MISCONCEPTION_TITLES["assumption"],
                "text": ("Students summarise what the text says and miss what it takes for granted. "
                         + (f"Example: the argument needs \u201c{m.statements[assumption].text}\u201d, which the op-ed never states."
                            if assumption else "Ask: what must be true for this reason to support that conclusion?"))})
    news = next((e for e, rev in m.evidence.items()
                 if m.sources.get(rev.evidence.source) and m.sources[rev.evidence.source].kind.value == "news"), None)
    pred = next((e for e, rev in m.evidence.items()
                 if m.sources.get(rev.evidence.source) and m.sources[rev.evidence.source].kind.value == "op-ed"
                 and re.search(r"\b(will|would)\b", ix.quote_text(e), re.I)), None)
    text = "The op-ed (early 2023) predicts what a policy would do; the article (autumn 2023) reports what happened later. "
    if pred:
        text += f"Example prediction: {ix.numbers[pred]} \u201c{ix.quote_text(pred)}\u201d. "
    if news:
        text += f"Example reported fact: {ix.numbers[news]} \u201c{ix.quote_text(news)}\u201d. "
    text += "A prediction is tested by later facts; it is not itself one."
    out.append({"id": "prediction", "title": MISCONCEPTION_TITLES["prediction"], "text": text})
    return out
