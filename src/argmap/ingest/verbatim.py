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

from argmap.ingest.common import Draft, SeedText, one_line, unreadable

LEVELS = {"heading 1": 1, "pocket": 1, "heading 2": 2, "hat": 2, "heading 3": 3, "block": 3, "heading 4": 4, "tag": 4}
CITE_STYLES = ("13 pt bold", "cite")
UNDERLINE_STYLES = ("underline", "emphasis")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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
    """The outline level of a paragraph's style: its own name or id first, its aliases only when neither is a
    Verbatim level. Real files collect junk aliases from pasted styles (Verbatim 5's Heading 4 is also aliased
    "heading 2" and its Heading 3 "Tag Char Char"), so the first alias that names a level wins, not the lowest."""
    style = paragraph.style
    for name in ((style.name or "").lower(), (style.style_id or "").lower().replace("heading", "heading ")):
        if name in LEVELS:
            return LEVELS[name]
    element = style.element
    aliases = element.find(f"{W}aliases") if element is not None else None
    for alias in ((aliases.get(f"{W}val") or "").split(",") if aliases is not None else []):
        if alias.strip().lower() in LEVELS:
            return LEVELS[alias.strip().lower()]
    return 0


def _styled(run, paragraph, attr: str):
    """A run's effective font property: set on the run, else on its character style or the styles it is based
    on, else on the paragraph's style chain (real files underline card text with e.g. "Heading 3 Char")."""
    value = getattr(run.font, attr)
    if value is not None:
        return value
    for style in (run.style, paragraph.style):
        while style is not None:
            value = getattr(style.font, attr)
            if value is not None:
                return value
            style = style.base_style
    return None


def _inner_runs(paragraph) -> list:
    """The paragraph's runs in order, those inside hyperlinks included (python-docx's `runs` leaves them out)."""
    from docx.text.hyperlink import Hyperlink

    out = []
    for item in paragraph.iter_inner_content():
        out.extend(item.runs if isinstance(item, Hyperlink) else [item])
    return out


def _runs(paragraph) -> list[Run]:
    out = []
    for r in _inner_runs(paragraph):
        if not r.text:
            continue
        style = (r.style.name or "").lower() if r.style is not None else ""
        out.append(Run(r.text,
                       underline=bool(_styled(r, paragraph, "underline")) or any(s in style for s in UNDERLINE_STYLES),
                       highlight=_styled(r, paragraph, "highlight_color") is not None,
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


def _valid(year: int, month: int = 1, day: int = 1) -> bool:
    import datetime

    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return 1800 <= year <= 2100


def _year(two_or_four: str) -> int:
    year = int(two_or_four)
    return year if year >= 100 else (2000 + year if year <= 30 else 1900 + year)


_US_DATE = re.compile(r"(?<![\d/-])(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?(?![\d/-])")


def _date(short: str, rest: str, full: str) -> tuple[str, bool, str | None]:
    """The cite's date as ISO (partial), whether it is approximate, and a note when it was guessed. Tried in
    order: "July 03, 2014"; an ISO date; a US date "12/29/18", "3-20-2018" or "6/8" (the year then from the short
    cite); the short cite's year ("Bazzi, 19"); a year in the rest of the cite."""
    text = full
    cite_year = re.search(r"(?<![\d/-])(\d{4}|\d{1,2})(?![\d/-])", short)
    year_of_short = _year(cite_year.group(1)) if cite_year else None
    month = re.search(r"\b(" + "|".join(MONTHS) + r")[a-z]*\.? (\d{1,2})?,? ?(1[89]\d\d|20\d\d)\b", text)
    if month:
        m, d, y = MONTHS.index(month.group(1)) + 1, month.group(2), int(month.group(3))
        if d and _valid(y, m, int(d)):
            return f"{y}-{m:02d}-{int(d):02d}", False, None
        return f"{y}-{m:02d}", "approx" in text[month.end():month.end() + 12], None
    iso = re.search(r"\b(1[89]\d\d|20\d\d)-(\d\d)-(\d\d)\b", text)
    if iso and _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))):
        return iso.group(0), False, None
    for us in _US_DATE.finditer(text):
        m, d = int(us.group(1)), int(us.group(2))
        y = _year(us.group(3)) if us.group(3) else year_of_short
        if y and _valid(y, m, d) and (us.group(3) is None or year_of_short in (None, y)):
            return f"{y}-{m:02d}-{d:02d}", False, None if us.group(3) else "year read from the short cite"
    if year_of_short and _valid(year_of_short):
        return str(year_of_short), True, "year read from the short cite"
    four = _YEAR.search(rest)
    if four:
        return four.group(1), True, None
    return "2000", True, "the cite gives no date"


def _source_meta(card: Card) -> tuple[dict[str, Any], str]:
    pieces, previous = [], False  # the cite-styled words; words split by unstyled ones ("Sjursen, 3-20-20" + "18") get a space
    for r in card.cite:
        if r.cite:
            pieces.append(r.text if previous or not pieces else " " + r.text)
        previous = r.cite
    whole = one_line("".join(r.text for r in card.cite))
    named = re.match(r"(\D{1,60}?\d{1,4})(?!\d)", whole)  # no cite-styled words: "Kiersz 18 (Andy, ..." gives "Kiersz 18"
    short = one_line("".join(pieces)).strip(" ,;:-\u2013\u2014(") or (named.group(1) if named else whole[:40])
    rest = one_line("".join(r.text for r in card.cite if not r.cite))
    full = one_line("".join(r.text for r in card.cite))
    date, approximate, note = _date(short, rest, full)
    title = _TITLE.search(rest)
    url = _URL.search(rest)
    inner = rest.strip(" []").lstrip("-\u2013\u2014(*; ")
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


def _inside_highlights(quote: str, highlights: list[str], emphasis: list[str]) -> tuple[list[str], int]:
    """Keep the emphasis whose first occurrence in the quote lies inside the first occurrence of a highlight,
    as `check` reads them; return the kept ones and how many were dropped."""
    if not highlights:
        return emphasis, 0
    spans = [(quote.find(h), quote.find(h) + len(h)) for h in highlights]
    kept = [e for e in emphasis if any(h0 <= quote.find(e) and quote.find(e) + len(e) <= h1 for h0, h1 in spans)]
    return kept, len(emphasis) - len(kept)


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

    partial = emphasis_lost = 0
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
        while 0 < start < len(seed_text) and seed_text[start - 1].isalnum() and seed_text[start].isalnum():
            start -= 1  # underlining that starts or stops inside a word: quote the whole word
        while 0 < end < len(seed_text) and seed_text[end - 1].isalnum() and seed_text[end].isalnum():
            end += 1
        if underline and sum(e - s for s, e in underline) < len(seed_text[start:end].rstrip()):
            gaps = [seed_text[a:b] for (_, a), (b, _) in zip(underline, underline[1:]) if seed_text[a:b].strip()]
            if gaps:
                partial += 1
        quote = one_line(seed_text[start:end])  # an ellipsis in it is the card text's own (the seed is the card text)
        seed_id = draft.ids.claim(f"{map_id}-card-{n}")
        meta, full_cite = _source_meta(card)
        draft.seeds.append(SeedText(seed_id, f"{seed_id}.txt", seed_text if seed_text.endswith("\n") else seed_text + "\n", meta))
        hl = [one_line(seed_text[s:e]) for s, e in highlight if seed_text[s:e].strip()]
        hl = [h for h in hl if h in quote]
        if hl:  # emphasis is read only where it is highlighted: the emphasised words inside each highlight
            emphasis = [(max(s, h0), min(e, h1)) for s, e in emphasis for h0, h1 in highlight if max(s, h0) < min(e, h1)]
        em = [one_line(seed_text[s:e]) for s, e in emphasis if seed_text[s:e].strip()]
        em, dropped = _inside_highlights(quote, hl, [e for e in em if e in quote])
        emphasis_lost += dropped
        draft.evidence.append({"id": draft.ids.make(card.tag, prefix="ev"), "source": seed_id, "quote": quote,
                               "highlight": hl, "emphasis": em, "tag": card.tag, "supports": [target],
                               "group": card.group, "note": f"cite: {full_cite}" if full_cite else None})
    if emphasis_lost:
        draft.lost.append(f"{emphasis_lost} emphasised words left out: the first place their words occur in the quote "
                          "is not highlighted (argmap finds highlight and emphasis text by its first occurrence)")
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
