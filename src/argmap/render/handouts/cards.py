"""The cards handout: every card of the analysis, in Verbatim's four levels
(pocket > hat > block > card, `argmap.analyze.cards.card_pockets`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.analyze.analysis import Analysis
from argmap.analyze.cards import WPM, Card, CardPocket, card_pockets, duration, total_read_seconds
from argmap.render.handouts.common import Handout, Index, header
from argmap.render.handouts.findings import Finding, card_findings


@dataclass
class LegendEntry:
    style: str  # highlight | emphasis | underline | context
    text: str


LEGEND = [
    LegendEntry("highlight", "read aloud"),
    LegendEntry("emphasis", "key words"),
    LegendEntry("underline", "the quoted passage"),
    LegendEntry("context", "rest of the paragraph, not read"),
]


@dataclass
class CardsBody:
    pockets: list[CardPocket]
    count: int
    total_read: str
    legend: list[LegendEntry]
    read_note: str
    cards: list[Card] = field(default_factory=list)  # every card by number (E1, E2...: reading order)
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # card id -> strategy findings about it (its read, its voice, an indict)
    keep_together: bool = True  # print rule: a card's tag, cite and body on one page (the templates' `keep`)


def build_cards(analysis: Analysis) -> Handout[CardsBody]:
    cards = sorted(analysis.cards.values(), key=lambda c: int(c.number[1:]))  # E1, E2... as printed
    body = CardsBody(
        pockets=card_pockets(analysis),
        count=len(cards),
        total_read=duration(total_read_seconds(cards)),
        legend=list(LEGEND),
        read_note=f"Read time: highlighted words at {WPM} words per minute (the underlined quote when nothing is highlighted).",
        cards=cards,
        findings=card_findings(Index(analysis)),
    )
    return Handout("cards", header(analysis.map, "cards"), body)
