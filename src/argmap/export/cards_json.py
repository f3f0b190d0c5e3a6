"""Every card as JSON, in the shape card-search tools store (`argmap export --format cards-json`).

Each card has `tag`, `cite` (the one-line cite), `body` (a list of paragraphs:
the whole source paragraph(s), every character kept) and `underlines`,
`highlights` and `emphasis` as [paragraph, start, end] spans: `paragraph` is an
index into `body` (0-based), `start` and `end` are character (code point)
offsets into that paragraph, end exclusive, so `body[p][start:end]` is the
marked text. Underlines cover the quote, highlights the words read aloud,
emphasis the key words. `cite_emphasis` is the short cite's [start, end] in
`cite`. The rest (id, number, side, stock issue, claims, source, paragraph
numbers, read time) ties a card back to the map and its handouts.

Strings are the map's own text, unchanged (JSON escapes what it must); a
consumer that displays them escapes them for its medium.
"""

from __future__ import annotations

import json
from typing import Any

from argmap import __version__
from argmap.analyze.analysis import Analysis
from argmap.analyze.cards import Card
from argmap.resolve.resolver import ResolvedMap
from argmap.export import evidence as ev

SPANS = "[paragraph, start, end]: paragraph indexes body (0-based); start/end are character offsets, end exclusive"


def card_record(rmap: ResolvedMap, card: Card) -> dict[str, Any]:
    short, rest = ev.cite_parts(card)
    body, spans = ev.body_spans(card)
    return {
        "id": card.id,
        "number": card.number,
        "tag": card.tag,
        "cite": short + rest,
        "cite_emphasis": [[0, len(short)]],
        "short_cite": short,
        "body": body,
        "underlines": spans["underlines"],
        "highlights": spans["highlights"],
        "emphasis": spans["emphasis"],
        "side": card.side,
        "stock_issue": card.stock_issue,
        "relation": card.relation,
        "claims": list(card.claims),
        "source": rmap.evidence[card.id].evidence.source,
        "paragraphs": list(card.paragraphs),
        "read_words": card.read_words,
        "read_basis": card.read_basis,
    }


def to_data(analysis: Analysis) -> dict[str, Any]:
    f = ev.build(analysis)
    rmap = analysis.map
    return {
        "argmap_version": __version__,
        "map": {"id": f.map_id, "title": f.title, "resolution": f.resolution},
        "spans": SPANS,
        "cards": [card_record(rmap, c) for c in f.cards],
    }




def render(analysis: Analysis) -> str:
    """Every card of the map, with its spans."""
    return json.dumps(to_data(analysis), ensure_ascii=False, indent=2) + "\n"
