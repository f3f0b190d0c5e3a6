"""Cards: each piece of evidence as a debater reads it, built once per analysis.

A card is its tag, its cite (short cite, then who, when, where) and its body:
the source paragraph(s) the quote sits in, cut into context, underlined
(the quote), highlighted (what is read aloud) and emphasised words. The
handouts and the evidence files (Verbatim .docx, cards JSON, cite requests)
all print these; none of them builds a card again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from typing import TYPE_CHECKING, Iterable, Mapping

from argmap.analyze.wording import Wording
from argmap.load.model import Source, StockIssue

if TYPE_CHECKING:
    from argmap.analyze.analysis import Analysis

WPM = 250  # words per minute for highlighted text read aloud, a typical competitive pace
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


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


def reference_cite(src: Source, ref_id: str | None, guessed: bool = False) -> str | None:
    """'citing Kim, E. (2022, November 2), “North Korea's Missile…”, CSIS';
    'probably citing ...' when the reference is matched by subject (`reference_guessed`)."""
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
    return f"probably {out}" if guessed else out


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


def duration(s: int) -> str:
    """'1 min 05 s', '40 s'."""
    return f"{s // 60} min {s % 60:02d} s" if s >= 60 else f"{s} s"


def count_words(text: str) -> int:
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


def make_card(ix: Wording, eid: str) -> Card:
    m = ix.m
    rev = m.evidence[eid]
    ev = rev.evidence
    src = m.sources.get(ev.source)
    targets = list(ev.supports) or list(ev.challenges)
    relation = "supports" if ev.supports else ("challenges" if ev.challenges else "none")
    first = targets[0] if targets and targets[0] in m.statements else None
    side = ix.side(eid)
    issue = ix.issue(first) if first is not None else "other"
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
        card_words = count_words(st.text[a.paragraph_start:a.paragraph_end])
    else:
        read_text = quote
        card_words = count_words(quote)
    read_words = count_words(read_text)
    weaknesses = [f"{w.kind.value}: {ix.plain(w.note)}" for w in ev.weaknesses]
    return Card(
        id=eid, number=ix.numbers[eid], tag=tag, side=side, stock_issue=issue, relation=relation,
        claims=targets, claim_tags=[ix.tag(t) for t in targets],
        short_cite=src.cite_short() if src else ev.source,
        cite=source_cite(src) if src else ev.source,
        citing=reference_cite(src, ev.reference, ev.reference_guessed) if src else None,
        paragraphs=paras, body=body, quote=quote,
        read_words=read_words, read_basis="highlighted" if rev.highlights else "underlined",
        read_seconds=max(1, round(read_words * 60 / WPM)),
        read_time=duration(max(1, round(read_words * 60 / WPM))),
        card_words=card_words, note=ix.plain(ev.note), weaknesses=weaknesses,
    )




# --------------------------------------------------------------------------- the outline of an evidence file

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
UNASSIGNED = "Unassigned evidence"


@dataclass
class CardBlock:
    """Level 3 (block): the cards for one claim."""

    claim: str  # the claim's id; "" for cards that support or challenge nothing
    claim_tag: str
    claim_text: str
    cards: list[Card] = field(default_factory=list)


@dataclass
class CardHat:
    """Level 2 (hat): a stock issue."""

    issue: str
    label: str
    blocks: list[CardBlock]


@dataclass
class CardPocket:
    """Level 1 (pocket): a side."""

    side: str
    label: str
    hats: list[CardHat]


def reading_order(ix: Wording) -> list[str]:
    """The evidence ids in the order the cards handout prints them (card_pockets:
    side, then stock issue in STOCK_ORDER, then the first claim a card is for, in
    the order those claims first come, then map order), so that card numbers
    ascend as one reads."""
    m = ix.m
    first_seen: dict[tuple, int] = {}
    keys = []
    for i, eid in enumerate(m.evidence):
        ev = m.evidence[eid].evidence
        targets = list(ev.supports) or list(ev.challenges)
        first = targets[0] if targets and targets[0] in m.statements else None
        side = ix.side(eid)
        issue = ix.issue(first) if first is not None else "other"
        group = (side, issue)
        block = first_seen.setdefault((group, targets[0] if targets else ""), i)
        keys.append(((0 if side == "aff" else 1 if side == "neg" else 2),
                     STOCK_ORDER.index(issue) if issue in STOCK_ORDER else len(STOCK_ORDER), block, i, eid))
    return [k[-1] for k in sorted(keys)]


def card_pockets(analysis: "Analysis", cards: Iterable[Card] | None = None) -> list[CardPocket]:
    """Verbatim's four levels for a map's cards: pocket (side) > hat (stock
    issue, in STOCK_ORDER) > block (the first claim a card is for) > cards in
    map order. The cards handout and the evidence files both print this."""
    words = analysis.words
    m = analysis.map
    cards = list(analysis.cards.values()) if cards is None else list(cards)
    pockets: list[CardPocket] = []
    for side in ("aff", "neg"):
        hats: list[CardHat] = []
        for issue in [*STOCK_ORDER, "other"]:
            blocks: dict[str, CardBlock] = {}
            for c in cards:
                if c.side != side or c.stock_issue != issue:
                    continue
                key = c.claims[0] if c.claims else ""
                if key not in blocks:
                    blocks[key] = CardBlock(key, words.tag(key) if key else UNASSIGNED,
                                            m.statements[key].text if key in m.statements else "")
                blocks[key].cards.append(c)
            if blocks:
                hats.append(CardHat(issue, STOCK_LABELS[issue], list(blocks.values())))
        if hats:
            pockets.append(CardPocket(side, SIDE_LABELS[side], hats))
    return pockets


def total_read_seconds(cards: Mapping[str, Card] | Iterable[Card]) -> int:
    values = cards.values() if isinstance(cards, Mapping) else cards
    return sum(c.read_seconds for c in values)
