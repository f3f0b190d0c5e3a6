"""Verbatim .docx evidence files (the Word template policy and LD debaters use) as claim files.

Verbatim outlines a file in four heading levels and marks a card with a few
character styles:

| Verbatim               | Word style                         | becomes                                  |
| ---------------------- | ---------------------------------- | ---------------------------------------- |
| pocket, hat            | Heading 1, Heading 2               | the `group:` of what is under them; a    |
|                        |                                    | pocket named "Neg..." gives side neg     |
| block                  | Heading 3                          | a statement (the claim its cards back)   |
| tag                    | Heading 4                          | the card's `tag:` (a statement of its    |
|                        |                                    | own when no block is above it)           |
| cite                   | the paragraph after the tag; its   | the seed source's `short_cite`, title,   |
|                        | "Style 13 pt Bold" (Cite) words    | date and url                             |
| card text              | the paragraphs after the cite      | a seed text of its own: the card text    |
| underlined             | Style Underline, Emphasis, or      | the quote: from the first underlined     |
|                        | direct underline                   | word to the last                         |
| highlighted            | direct highlighting                | `highlight:`                             |
| emphasis               | Emphasis                           | `emphasis:`                              |

A tag with no cite after it is an analytic: a statement that supports its
block. Paragraphs before the first heading (a file's title and notes) are
left out and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.ingest.common import Draft, SeedText, one_line, quotable, unreadable

LEVELS = {"heading 1": 1, "pocket": 1, "heading 2": 2, "hat": 2, "heading 3": 3, "block": 3, "heading 4": 4, "tag": 4}
CITE_STYLES = ("13 pt bold", "cite")
UNDERLINE_STYLES = ("underline", "emphasis")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
ANALYTICS_BLOCK = "Analytics"  # argmap's export gathers a hat's loose analytics under a block of this name
ANALYTIC_MARK = re.compile(r"\s*\((?:analytic|a)\)\s*$", re.I)


@dataclass
class Run:
    text: str
    underline: bool
    highlight: bool
    emphasis: bool
    cite: bool


@dataclass
class Card:
    tag: str
    group: str | None
    side: str
    block: str | None
    cite: list[Run] = field(default_factory=list)
    body: list[list[Run]] = field(default_factory=list)


def _level(paragraph) -> int:
    style = paragraph.style
    names = {(style.name or "").lower(), (style.style_id or "").lower().replace("heading", "heading ")}
    element = style.element
    aliases = element.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}aliases") if element is not None else None
    if aliases is not None:
        names |= {a.strip().lower() for a in (aliases.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") or "").split(",")}
    return min((LEVELS[n] for n in names if n in LEVELS), default=0)


def _runs(paragraph) -> list[Run]:
    out = []
    for r in paragraph.runs:
        if not r.text:
            continue
        style = (r.style.name or "").lower() if r.style is not None else ""
        out.append(Run(r.text,
                       underline=bool(r.font.underline) or any(s in style for s in UNDERLINE_STYLES),
                       highlight=r.font.highlight_color is not None,
                       emphasis="emphasis" in style,
                       cite=any(s in style for s in CITE_STYLES) or bool(r.font.bold)))
    return out


def _spans(runs: list[Run], flag: str, start: int) -> list[tuple[int, int]]:
    """Character ranges (offsets into the seed text) of runs that have `flag`, merged when adjacent."""
    spans: list[tuple[int, int]] = []
    pos = start
    for r in runs:
        end = pos + len(r.text)
        if getattr(r, flag):
            if spans and spans[-1][1] == pos:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((pos, end))
        pos = end
    return spans


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(?:-(\d\d)(?:-(\d\d))?)?\b")
_URL = re.compile(r"https?://\S+")
_TITLE = re.compile(r"[\u201c\"]([^\u201d\"]{3,200})[\u201d\"]")


def _source_meta(card: Card) -> tuple[dict[str, Any], str]:
    short = one_line("".join(r.text for r in card.cite if r.cite)) or one_line("".join(r.text for r in card.cite))[:40]
    rest = one_line("".join(r.text for r in card.cite if not r.cite))
    full = one_line("".join(r.text for r in card.cite))
    date, approximate, note = None, False, None
    m = _YEAR.search(rest)
    month = re.search(r"\b(" + "|".join(MONTHS) + r")[a-z]*\.? (\d{1,2}, )?(1[89]\d\d|20\d\d)\b", rest)
    if month:
        day = f"-{int(month.group(2)[:-2]):02d}" if month.group(2) else ""
        date = f"{month.group(3)}-{MONTHS.index(month.group(1)) + 1:02d}{day}"
        approximate = "approx" in rest[month.end():month.end() + 12]
    elif m:
        date = m.group(0)
        approximate = m.group(2) is None
    else:
        two = re.search(r"(\d\d)\s*$", short)
        if two:
            year = int(two.group(1))
            date, approximate, note = str(2000 + year if year <= 30 else 1900 + year), True, "year read from the short cite"
        else:
            date, approximate, note = "2000", True, "the cite gives no date"
    title = _TITLE.search(rest)
    url = _URL.search(rest)
    inner = rest.strip(" []")
    first = inner.split(",")[0].strip()
    authors = []
    if first and not re.search(r"\d|\bunsigned\b|[“\"]", first) and len(first) < 80:
        authors = [{"name": n.strip()} for n in re.split(r"\s+(?:and|&)\s+", first) if n.strip()]
        chunks = [c.strip() for c in inner.split(",")]
        if len(authors) == 1 and len(chunks) > 1 and not re.search(r"\d|[\u201c\"]|https?:", chunks[1]):
            authors[0]["qualifications"] = chunks[1]
    kind = re.search(r"\bunsigned (op-ed|news|study|report|book|speech|other)\b", inner)
    meta = {"kind": kind.group(1) if kind else "other", "authors": authors, "title": title.group(1).strip() if title else (rest.strip(" []()")[:150] or short or card.tag),
            "short_cite": short or None, "date": date, "date_approximate": approximate, "date_note": note,
            "url": url.group(0).rstrip(").,;]") if url else None}
    return meta, full


def _cards(document, lost: list[str]) -> tuple[list[Card], list[tuple[str, str | None, str, str | None]]]:
    cards: list[Card] = []
    analytics: list[tuple[str, str | None, str, str | None]] = []  # (text, group, side, block)
    pocket = hat = block = None
    side = "aff"
    current: Card | None = None
    stray = 0
    for p in document.paragraphs:
        level = _level(p)
        text = one_line(p.text)
        if level:
            if current is not None and not current.cite:
                analytics.append((ANALYTIC_MARK.sub("", current.tag), current.group, current.side, current.block))
                cards.remove(current)
            current = None
            if not text:
                continue
            if level == 1:
                pocket, hat, block = text, None, None
                side = "neg" if re.match(r"\s*(neg|con\b|against)", text, re.I) else "aff"
            elif level == 2:
                hat, block = text, None
            elif level == 3:
                block = None if text == ANALYTICS_BLOCK else text
            else:
                group = " / ".join(x for x in (pocket, hat) if x) or None
                current = Card(text, group, side, block)
                cards.append(current)
            continue
        if not text:
            continue
        if current is None:
            stray += 1
        elif not current.cite:
            current.cite = _runs(p)
        else:
            current.body.append(_runs(p))
    if current is not None and not current.cite:
        analytics.append((ANALYTIC_MARK.sub("", current.tag), current.group, current.side, current.block))
        cards.remove(current)
    if stray:
        lost.append(f"{stray} paragraphs outside any card (a title, notes)")
    return cards, analytics


def read(path: Path, shown: str, title: str, map_id: str) -> Draft:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise unreadable(shown, f"not a Word .docx file ({exc})") from None
    import zipfile

    draft = Draft(title=one_line(document.core_properties.title or "") or title,
                  description=f"Imported from the Verbatim file {path.name}.")
    try:
        cards, analytics = _cards(document, draft.lost)
    except zipfile.BadZipFile as exc:
        raise unreadable(shown, f"not a Word .docx file ({exc})") from None
    if not cards and not analytics:
        raise unreadable(shown, "no Verbatim cards: no Heading 4 (Tag) paragraphs with a cite and card text",
                         hint="Verbatim files outline cards as Pocket, Hat, Block (Heading 1-3) and Tag (Heading 4)")
    blocks: dict[tuple[str | None, str], str] = {}

    def block_statement(text: str, group: str | None, side: str) -> str:
        key = (group, text)
        if key not in blocks:
            sid = draft.ids.make(text)
            blocks[key] = sid
            draft.statements.append({"id": sid, "text": text, "kind": "claim", "side": side, "group": group})
        return blocks[key]

    partial = 0
    for n, card in enumerate(cards, 1):
        if not card.body:
            draft.lost.append(f"the card '{card.tag[:50]}' has a cite but no card text")
            continue
        target = block_statement(card.block or card.tag, card.group, card.side)
        seed_text, pos = "", 0
        underline: list[tuple[int, int]] = []
        highlight: list[tuple[int, int]] = []
        emphasis: list[tuple[int, int]] = []
        for i, runs in enumerate(card.body):
            if i:
                seed_text += "\n\n"
            pos = len(seed_text)
            underline += _spans(runs, "underline", pos)
            highlight += _spans(runs, "highlight", pos)
            emphasis += _spans(runs, "emphasis", pos)
            seed_text += "".join(r.text for r in runs)
        marked = underline + highlight
        start, end = (min(s for s, _ in marked), max(e for _, e in marked)) if marked else (0, len(seed_text))
        if underline and sum(e - s for s, e in underline) < len(seed_text[start:end].rstrip()):
            gaps = [seed_text[a:b] for (_, a), (b, _) in zip(underline, underline[1:]) if seed_text[a:b].strip()]
            if gaps:
                partial += 1
        quote = one_line(seed_text[start:end])
        if quotable(quote) != quote:
            draft.lost.append(f"the card '{card.tag[:50]}' skips words ('...'): only its longest unbroken part is quoted")
            quote = quotable(quote)
        seed_id = draft.ids.claim(f"{map_id}-card-{n}")
        meta, full_cite = _source_meta(card)
        draft.seeds.append(SeedText(seed_id, f"{seed_id}.txt", seed_text if seed_text.endswith("\n") else seed_text + "\n", meta))
        hl = [one_line(seed_text[s:e]) for s, e in highlight if seed_text[s:e].strip()]
        em = [one_line(seed_text[s:e]) for s, e in emphasis if seed_text[s:e].strip()]
        hl = [h for h in hl if h in quote]
        em = [e for e in em if any(e in h for h in hl)] if hl else [e for e in em if e in quote]
        draft.evidence.append({"id": draft.ids.make(card.tag, prefix="ev"), "source": seed_id, "quote": quote,
                               "highlight": hl, "emphasis": em, "tag": card.tag, "supports": [target],
                               "group": card.group, "note": f"cite: {full_cite}" if full_cite else None})
    if partial:
        draft.lost.append(f"{partial} cards underline only parts of their quote: argmap quotes from the first "
                          "underlined word to the last (the words between are underlined on export)")
    for text, group, side, block in analytics:
        if not text:
            continue
        sid = draft.ids.make(text)
        draft.statements.append({"id": sid, "text": text, "kind": "premise", "side": side, "group": group})
        if block:
            target = block_statement(block, group, side)
            draft.arguments.append({"id": draft.ids.claim(f"{sid}-for-block"), "premises": [sid], "supports": target})
    return draft
