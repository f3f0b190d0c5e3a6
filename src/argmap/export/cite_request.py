"""Cite requests for disclosure, as Markdown (`argmap export --format cite-request`).

What Verbatim's "cite request" and "wikify" macros make of an evidence file:
the outline as headings (pocket `#`, hat `##`, block `###`, tag `####`), each
card's one-line cite with the short cite in bold, and the card text shortened
to its first and last fifteen words joined by a line "AND". The card text is
the quoted (underlined) passage: the unread context around it is the whole
source paragraph, the same for every card cut from that paragraph, so it would
not tell two such cards apart. A quote of thirty words or fewer is given whole
(there is nothing to leave out). Analytics are not cards and are left out.

Everything from a claim file or a source is escaped for Markdown, so it shows
literally; control characters and bidirectional overrides become U+FFFD.
"""

from __future__ import annotations

import re

from argmap.analyze.analysis import Analysis
from argmap.export import evidence as ev

EDGE_WORDS = 15  # words kept at each end of a card

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])|^(\s*)([-+=])")


def esc(text: str) -> str:
    """Markdown that shows `text` literally, on one line."""
    out = _MD_SPECIAL.sub(r"\\\1", ev.safe_text(text))
    # A line must not start a list, a heading underline or a thematic break.
    return _LINE_START.sub(lambda m: f"{m[1]}{m[2]}\\{m[3]}" if m[2] else f"{m[4]}\\{m[5]}", out)


def shorten(words: list[str]) -> tuple[list[str], list[str] | None]:
    """(first words, last words), or (all words, None) when the card is given whole."""
    if len(words) <= 2 * EDGE_WORDS:
        return words, None
    return words[:EDGE_WORDS], words[-EDGE_WORDS:]


def card_lines(card) -> list[str]:
    short, rest = ev.cite_parts(card)
    words = ev.safe_text(card.quote).split()
    first, last = shorten(words)
    out = [f"#### {esc(card.tag)}", "", f"**{esc(short)}**{esc(rest)}", ""]
    out += [esc(" ".join(first)), ""]
    if last is not None:
        out += ["AND", "", esc(" ".join(last)), ""]
    return out




def render(analysis: Analysis) -> str:
    """The cite request of every card."""
    f = ev.build(analysis)
    out = [f"**{esc(f.title)}: cite requests**", ""]
    if f.resolution:
        out += [f"Resolved: {esc(f.resolution)}", ""]
    for pocket in f.pockets:
        hats = [h for h in pocket.hats if any(b.cards for b in h.blocks)]
        if not hats:
            continue
        out += [f"# {esc(pocket.label)}", ""]
        for hat in hats:
            out += [f"## {esc(hat.label)}", ""]
            for block in hat.blocks:
                if not block.cards:
                    continue
                out += [f"### {esc(block.title)}", ""]
                for card in block.cards:
                    out += card_lines(card)
    if not f.cards:
        out += ["No cards in this map.", ""]
    return "\n".join(out)
