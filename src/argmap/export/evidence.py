"""What the evidence-file exports share: the outline, the cite line and the spans.

The cards come from the analysis (`Analysis.cards`, `argmap.analyze.cards`);
nothing here recomputes a card or reads a rendered handout. This module
arranges them the way evidence files are organised (Verbatim's four levels:
pocket, hat, block, tag, with `argmap.analyze.cards.card_pockets`, the same
grouping the cards handout prints), adds the analytics (claims with no card
for them) as tag-level entries, and turns a card's styled body segments into
the (paragraph, start, end) spans card-search tools store.

Used by `docx` (the Word file), `cards_json` and `cite_request`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from argmap.analyze.cards import SIDE_LABELS, STOCK_LABELS, STOCK_ORDER, Card, card_pockets
from argmap.load.model import Relation

if TYPE_CHECKING:
    from argmap.analyze.analysis import Analysis

ANALYTICS_TITLE = "Analytics"  # the block that holds a hat's analytics when their claim has no block
ANALYTIC_MARK = " (analytic)"  # appended to an analytic's tag-level paragraph


@dataclass
class Block:
    """Level 3: the cards (and analytics) for one claim."""

    key: str  # the claim's id; "" for unassigned cards; "analytics" for a hat's analytics block
    title: str
    cards: list[Card] = field(default_factory=list)
    analytics: list[str] = field(default_factory=list)  # statement ids


@dataclass
class Hat:
    """Level 2: a stock issue."""

    issue: str
    label: str
    blocks: list[Block]


@dataclass
class Pocket:
    """Level 1: a side."""

    side: str
    label: str
    hats: list[Hat]


@dataclass
class EvidenceFile:
    map_id: str
    title: str
    resolution: str | None
    pockets: list[Pocket]
    cards: list[Card]  # every card, in map order (E1, E2...)
    statement_text: dict[str, str]  # analytic id -> its text


def analytic_ids(analysis: "Analysis") -> list[str]:
    """Statements with no card for them, in map order: what a file carries as analytics."""
    m = analysis.map
    return [sid for sid in m.statements if not m.evidence_for.get(sid)]


def build(analysis: "Analysis") -> EvidenceFile:
    """The evidence file of a map: pockets (aff, neg) > hats (stock issues) > blocks (claims).

    Card blocks are those of `card_pockets`, in its order. An analytic goes
    into the block of the claim it is a premise for when that block is in the
    same pocket and hat (after the block's cards); otherwise into the hat's
    "Analytics" block, after the card blocks. A hat with only analytics is kept.
    """
    rmap = analysis.map
    words = analysis.words
    pockets: dict[str, dict[str, dict[str, Block]]] = {"aff": {}, "neg": {}}
    for pocket in card_pockets(analysis):
        hats = pockets.setdefault(pocket.side, {})
        for hat in pocket.hats:
            blocks = hats.setdefault(hat.issue, {})
            for blk in hat.blocks:
                blocks[blk.claim] = Block(blk.claim, blk.claim_tag, list(blk.cards))
    texts: dict[str, str] = {}
    for sid in analytic_ids(analysis):
        side, issue = words.side(sid), words.issue(sid)
        texts[sid] = rmap.statements[sid].text
        blocks = pockets.setdefault(side, {}).setdefault(issue, {})
        target = next((rmap.arguments[a].target for a in rmap.premise_of.get(sid, [])
                       if rmap.arguments[a].relation is Relation.support and rmap.arguments[a].target in rmap.statements), None)
        if target is not None and target in blocks:
            blocks[target].analytics.append(sid)
        else:
            blocks.setdefault("\0analytics", Block("analytics", ANALYTICS_TITLE)).analytics.append(sid)
    out: list[Pocket] = []
    for side in ("aff", "neg"):
        hats = pockets.get(side, {})
        hat_list = []
        for issue in [*STOCK_ORDER, *(i for i in hats if i not in STOCK_ORDER)]:
            blocks = hats.get(issue)
            if not blocks:
                continue
            ordered = [b for k, b in blocks.items() if k != "\0analytics"]
            if "\0analytics" in blocks:
                ordered.append(blocks["\0analytics"])
            hat_list.append(Hat(issue, STOCK_LABELS.get(issue, issue), ordered))
        if hat_list:
            out.append(Pocket(side, SIDE_LABELS[side], hat_list))
    return EvidenceFile(rmap.id, rmap.header.title, rmap.header.resolution, out, list(analysis.cards.values()), texts)


# --------------------------------------------------------------------------- the cite line


def cite_parts(card) -> tuple[str, str]:
    """(short cite, the rest of the one-line cite).

    The short cite (last names and two-digit year) is what a debater says aloud
    and what Verbatim sets in its Cite style; the rest follows on the same line,
    in brackets: names, qualifications, date, "title", outlet, the work the
    passage cites, and the source paragraph(s).
    """
    rest = card.cite
    if card.citing:
        rest += f"; {card.citing}"
    if card.paragraphs:
        rest += "; \u00b6" + ", \u00b6".join(str(n) for n in card.paragraphs)
    return card.short_cite, f" [{rest}]"


def cite_line(card) -> str:
    short, rest = cite_parts(card)
    return short + rest


# --------------------------------------------------------------------------- spans


def highlighted(card) -> bool:
    """Whether the card marks words to read (emphasis then lies inside them)."""
    return card.read_basis == "highlighted"


def body_spans(card) -> tuple[list[str], dict[str, list[list[int]]]]:
    """A card's body paragraphs as text and its marks as [paragraph, start, end] spans.

    `paragraph` indexes the returned list (0-based); `start`/`end` are
    character offsets into that paragraph's text, end exclusive. Underlines
    cover the whole quote (underlined, highlighted and emphasised segments);
    highlights cover the words read aloud (with the emphasis inside them);
    emphasis the key words. Adjacent segments merge into one span.
    """
    paragraphs: list[str] = []
    spans: dict[str, list[list[int]]] = {"underlines": [], "highlights": [], "emphasis": []}
    hl = highlighted(card)
    for i, para in enumerate(card.body):
        text = ""
        for seg in para.segments:
            a, b = len(text), len(text) + len(seg.text)
            text += seg.text
            marks = []
            if seg.style != "context":
                marks.append("underlines")
            if seg.style == "highlight" or (seg.style == "emphasis" and hl):
                marks.append("highlights")
            if seg.style == "emphasis":
                marks.append("emphasis")
            for mark in marks:
                lst = spans[mark]
                if lst and lst[-1][0] == i and lst[-1][2] == a:
                    lst[-1][2] = b
                elif b > a:
                    lst.append([i, a, b])
        paragraphs.append(text)
    return paragraphs, spans


# --------------------------------------------------------------------------- text for documents

_BREAKS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]")
# C0/C1 controls (XML 1.0 forbids most of them), lone surrogates, the non-characters
# XML forbids, and explicit bidirectional embeddings, overrides and isolates, which
# could make a line display in an order other than the one written.
_UNSAFE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """Text as a document shows it, one character for one (offsets are kept).

    Line breaks and tabs become spaces; unsafe characters become U+FFFD, so a
    reader sees that something was there and every span still lines up.
    """
    return _UNSAFE.sub("\ufffd", _BREAKS.sub(" ", str(text)))


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right to left (Hebrew, Arabic...)."""
    for ch in text:
        d = unicodedata.bidirectional(ch)
        if d in ("R", "AL"):
            return True
        if d == "L":
            return False
    return False


# --------------------------------------------------------------------------- build


def artifacts(analysis: "Analysis", ctx) -> Iterable:
    """The build producer: `<map>-cards.docx`, `<map>-cards.json` and `<map>-cite-request.md`, from one Analysis."""
    from argmap.core.artifact import Artifact
    from argmap.export import cards_json, cite_request, docx

    yield Artifact(f"{analysis.id}-cards.docx", docx.render(analysis))
    yield Artifact(f"{analysis.id}-cards.json", cards_json.render(analysis))
    yield Artifact(f"{analysis.id}-cite-request.md", cite_request.render(analysis))
