"""Find a quote in a source text and anchor it to the source's real characters.

A teacher pastes or types a quote; the source may use curly quotes, en dashes
and line breaks where the teacher typed straight quotes, hyphens and spaces.
We compare both through the same normalisation, but every offset we report
points into the *original* text, as a W3C Web Annotation TextQuoteSelector
(exact, prefix, suffix) plus a TextPositionSelector (start, end) would.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cached_property

CONTEXT_CHARS = 32  # prefix/suffix length, as Hypothesis-style annotators use

_QUOTE_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
}
_DASHES = set("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
ELLIPSES = ("...", "\u2026", ". . .")


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in "\u200b\ufeff"


def normalize(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes and whitespace runs; return the folded text and,
    for each of its characters, the index of the original character."""
    out: list[str] = []
    where: list[int] = []
    prev = ""  # the last folded character, to collapse runs
    for i, ch in enumerate(text):
        if _is_space(ch):
            if prev == " ":
                continue
            ch = " "
        elif ch in _DASHES:
            if prev == "-":
                continue
            ch = "-"
        else:
            ch = _QUOTE_MAP.get(ch, ch)
        out.append(ch)
        where.append(i)
        prev = ch
    return "".join(out), where


def fold(text: str) -> str:
    return normalize(text)[0].strip()


@dataclass(frozen=True)
class Anchor:
    start: int  # offset of the first character in the source text
    end: int  # offset just past the last character
    exact: str  # the source's own characters, text[start:end]
    prefix: str
    suffix: str
    paragraph: int  # 1-based number of the body paragraph where the quote starts (0: furniture)
    paragraph_start: int  # offsets of the whole paragraph(s) the quote lies in
    paragraph_end: int

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "paragraph": self.paragraph,
            "paragraph_start": self.paragraph_start,
            "paragraph_end": self.paragraph_end,
        }


@dataclass(frozen=True)
class Paragraph:
    number: int  # 0 for furniture and title lines, 1.. for body paragraphs
    start: int
    end: int


class SourceText:
    """A source's text with its paragraphs and a folded copy for matching."""

    def __init__(self, text: str, *, furniture: list[str] = (), title: str | None = None):
        self.text = text
        skip = {fold(f) for f in furniture}
        if title:
            skip.add(fold(title))
        self.paragraphs: list[Paragraph] = []
        number = 0
        for m in re.finditer(r"\S(?:.*\S)?(?:\n[ \t]*\S.*)*", text):
            # A block of non-blank lines, trimmed.
            start, end = m.start(), m.end()
            block = text[start:end].rstrip()
            end = start + len(block)
            if fold(block) in skip:
                self.paragraphs.append(Paragraph(0, start, end))
            else:
                number += 1
                self.paragraphs.append(Paragraph(number, start, end))

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        return normalize(self.text)

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) in the original text where the quote occurs."""
        needle = fold(quote)
        if not needle:
            return []
        folded, where = self._folded
        hits = []
        i = folded.find(needle)
        while i != -1:
            hits.append((where[i], where[i + len(needle) - 1] + 1))
            i = folded.find(needle, i + 1)
        return hits

    def paragraph_at(self, offset: int) -> Paragraph:
        for p in self.paragraphs:
            if p.start <= offset < p.end:
                return p
        # Between paragraphs (a quote starting on whitespace): take the next.
        for p in self.paragraphs:
            if p.start >= offset:
                return p
        return self.paragraphs[-1] if self.paragraphs else Paragraph(0, 0, len(self.text))

    def anchor(self, start: int, end: int) -> Anchor:
        first = self.paragraph_at(start)
        last = self.paragraph_at(max(start, end - 1))
        return Anchor(
            start=start,
            end=end,
            exact=self.text[start:end],
            prefix=self.text[max(0, start - CONTEXT_CHARS) : start],
            suffix=self.text[end : end + CONTEXT_CHARS],
            paragraph=first.number,
            paragraph_start=first.start,
            paragraph_end=max(last.end, end),
        )

    def closest(self, quote: str) -> str | None:
        """The passage of the source most like the quote, for a 'did you mean'."""
        needle = fold(quote)
        folded, where = self._folded
        if not needle or not folded:
            return None
        matcher = difflib.SequenceMatcher(None, folded, needle, autojunk=False)
        block = matcher.find_longest_match(0, len(folded), 0, len(needle))
        if block.size < min(8, len(needle)):
            return None
        start = max(0, block.a - block.b)
        end = min(len(folded), start + len(needle))
        # Widen to whole words.
        while start > 0 and not folded[start - 1].isspace():
            start -= 1
        while end < len(folded) and not folded[end].isspace():
            end += 1
        return self.text[where[start] : where[end - 1] + 1]


def offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
