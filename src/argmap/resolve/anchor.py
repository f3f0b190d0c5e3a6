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


_SPACES = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "\u200b\ufeff"
# One character in, one character out: translating keeps every offset.
_FOLD_TABLE = str.maketrans(
    {**{c: " " for c in _SPACES}, **{c: "-" for c in _DASHES}, **_QUOTE_MAP}
)
_RUNS = re.compile(r" {2,}|-{2,}")


def normalize(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes and whitespace runs; return the folded text and,
    for each of its characters, the index of the original character."""
    folded = text.translate(_FOLD_TABLE)
    if "  " not in folded and "--" not in folded:
        return folded, list(range(len(folded)))
    parts: list[str] = []
    where: list[int] = []
    pos = 0
    for m in _RUNS.finditer(folded):
        keep = m.start() + 1  # a run keeps its first character
        parts.append(folded[pos:keep])
        where.extend(range(pos, keep))
        pos = m.end()
    parts.append(folded[pos:])
    where.extend(range(pos, len(folded)))
    return "".join(parts), where


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
        for m in re.finditer(r"\S(?:.*\S)?(?:\r?\n[ \t]*\S.*)*", text):
            # A block of non-blank lines (LF or CRLF endings), trimmed.
            start, end = m.start(), m.end()
            block = text[start:end].rstrip()
            end = start + len(block)
            if skip and fold(block) in skip:
                self.paragraphs.append(Paragraph(0, start, end))
            else:
                number += 1
                self.paragraphs.append(Paragraph(number, start, end))

    @cached_property
    def _folded(self) -> tuple[str, list[int]]:
        return normalize(self.text)

    def find_all(self, quote: str) -> list[tuple[int, int]]:
        """Every (start, end) in the original text where the quote occurs."""
        return find_all(self._folded, quote)


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
        """The passage of the source most like the quote, for a 'did you mean'.

        Scores windows of up to twice the quote's length by how many of the
        quote's words they contain, in order, so a misspelt name or a changed
        word still finds its sentence; the window is then trimmed to the
        first and last matching word."""
        folded, where = self._folded
        needle = [_word_key(w) for w in fold(quote).split()]
        if not needle or not folded:
            return None
        words = [(m.start(), m.end(), _word_key(m.group())) for m in re.finditer(r"\S+", folded)]
        wanted = set(needle)
        k = min(2 * len(needle), len(words))
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(needle)
        best: tuple[int, int] | None = None
        best_score = (0, 0)
        for i in range(0, len(words) - k + 1):
            if words[i][2] not in wanted:
                continue  # a best window can always start on a matching word
            matcher.set_seq1([w for _, _, w in words[i : i + k]])
            blocks = [b for b in matcher.get_matching_blocks() if b.size]
            matched = sum(b.size for b in blocks)
            last = blocks[-1].a + blocks[-1].size - 1 if blocks else 0
            score = (matched, -last)  # more words matched, then a tighter span
            if score > best_score:
                best, best_score = (i, i + last), score
        if best is None or best_score[0] < max(1, len(needle) // 3):
            return None
        start, end = words[best[0]][0], words[best[1]][1]
        return self.text[where[start] : where[end - 1] + 1]


def find_all(folded_text: tuple[str, list[int]], quote: str) -> list[tuple[int, int]]:
    """Every (start, end) of `quote` in a text given as `normalize(text)`."""
    needle = fold(quote)
    if not needle:
        return []
    folded, where = folded_text
    hits = []
    i = folded.find(needle)
    while i != -1:
        hits.append((where[i], where[i + len(needle) - 1] + 1))
        i = folded.find(needle, i + 1)
    return hits


def _word_key(word: str) -> str:
    """A word compared loosely: lower case, no possessive, no punctuation."""
    return re.sub(r"\W", "", re.sub(r"'s$", "", word.lower()))


def offset_to_line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
