"""Find a quote in a source text and anchor it to the source's real characters.

A teacher pastes or types a quote; the source may use curly quotes, en dashes
and line breaks where the teacher typed straight quotes, hyphens and spaces.
We compare both through the same normalisation, but every offset we report
points into the *original* text, as a W3C Web Annotation TextQuoteSelector
(exact, prefix, suffix) plus a TextPositionSelector (start, end) would.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

CONTEXT_CHARS = 32  # prefix/suffix length, as Hypothesis-style annotators use
MAX_NEEDLE_WORDS = 1_000  # a "did you mean" looks at no more of a quote than this
CLOSEST_BUDGET = 20_000_000  # word comparisons per quote, at most (about 0.05 s)
MAX_WINDOWS = 20_000  # windows of the source scored per quote, at most

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


# Characters a reader cannot see: soft hyphen, zero-width joiners, word joiner.
# (U+200B and U+FEFF are already spaces above.) They are left out when comparing.
_INVISIBLE = re.compile("[\u00ad\u200c\u200d\u2060\u180e]")


def _compose(text: str) -> tuple[str, list[int]]:
    """`text` in NFC (é as one character, not e and a combining accent) with
    the invisible characters left out; for each character kept, its index in `text`."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if _INVISIBLE.match(c):
            i += 1
            continue
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j]) if j > i + 1 or not unicodedata.is_normalized("NFC", c) else c
        out.append(cluster)
        # every character of the composed cluster points at the cluster's first original character
        where.extend([i] * len(cluster))
        i = j
    return "".join(out), where


def normalize(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes and whitespace runs, compose accents (NFC) and drop
    invisible characters; return the folded text and, for each of its
    characters, the index of the original character."""
    if not unicodedata.is_normalized("NFC", text) or _INVISIBLE.search(text):
        composed, base = _compose(text)
        folded, where = _normalize_plain(composed)
        return folded, [base[k] for k in where]
    return _normalize_plain(text)


def _normalize_plain(text: str) -> tuple[str, list[int]]:
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


def number_paragraphs(text: str, furniture: Sequence[str] = (), title: str | None = None) -> list[Paragraph]:
    """THE paragraph-numbering rule, used wherever argmap prints a ¶ number.

    A paragraph is a block of non-blank lines (LF or CRLF endings), trimmed.
    The source's title and every block equal (straight or curly quotes,
    dashes and spacing aside) to a `furniture:` line of seeds/sources.yaml (page markers,
    bylines, image captions) are page furniture: number 0, not counted. The
    others are numbered 1, 2, ... in order."""
    skip = {fold(f) for f in furniture}
    if title:
        skip.add(fold(title))
    out: list[Paragraph] = []
    number = 0
    for m in re.finditer(r"\S(?:.*\S)?(?:\r?\n[ \t]*\S.*)*", text):
        start = m.start()
        block = text[start:m.end()].rstrip()
        end = start + len(block)
        if skip and fold(block) in skip:
            out.append(Paragraph(0, start, end))
        else:
            number += 1
            out.append(Paragraph(number, start, end))
    return out


class SourceText:
    """A source's text with its paragraphs (`number_paragraphs`) and a folded copy for matching."""

    def __init__(self, text: str, *, furniture: Sequence[str] = (), title: str | None = None):
        self.text = text
        self.paragraphs: list[Paragraph] = number_paragraphs(text, furniture, title)

    @classmethod
    def of(cls, source, text: str) -> "SourceText":
        """A source's text numbered by its metadata (its furniture lines and title)."""
        return cls(text, furniture=list(source.furniture), title=source.title)

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

    @cached_property
    def _words(self) -> tuple[list[tuple[int, int]], list[int], dict[str, int]]:
        """The folded text's words: their spans, each as a number (its key), and the keys' numbers."""
        folded, _ = self._folded
        spans, codes, numbers = [], [], {}
        for m in re.finditer(r"\S+", folded):
            spans.append((m.start(), m.end()))
            codes.append(numbers.setdefault(_word_key(m.group()), len(numbers)))
        return spans, codes, numbers

    def closest(self, quote: str) -> str | None:
        """The passage of the source most like the quote, for a 'did you mean'.

        Windows of twice the quote's length, half overlapping, are scored by
        how many of the quote's words they hold in order (the longest common
        subsequence, computed by rapidfuzz in C++), so a misspelt name or a
        changed word still finds its sentence; the best window is then trimmed
        to its first and last matching word. The work is bounded: at most
        MAX_NEEDLE_WORDS words of the quote and about CLOSEST_BUDGET word
        comparisons per quote, whatever the lengths."""
        from rapidfuzz.distance import LCSseq

        folded, where = self._folded
        spans, codes, numbers = self._words
        needle = [numbers.get(_word_key(w), -1) for w in fold(quote).split()][:MAX_NEEDLE_WORDS]
        if not needle or not spans:
            return None
        k = min(2 * len(needle), len(codes))
        windows = max(1, len(codes) - k + 1)
        stride = max(1, len(needle) // 2, (windows * k * len(needle)) // CLOSEST_BUDGET, windows // MAX_WINDOWS)
        wanted = set(needle)
        best: tuple[int, int] | None = None
        best_score = (0, 0)
        for i in range(0, windows, stride):
            window = codes[i : i + k]
            if wanted.isdisjoint(window):
                continue
            matched = LCSseq.similarity(needle, window)
            if matched <= best_score[0]:
                continue
            ops = [op for op in LCSseq.opcodes(window, needle) if op.tag == "equal"]
            first, last = ops[0].src_start, ops[-1].src_end - 1
            score = (matched, -(last - first))  # more words matched, then a tighter span
            if score > best_score:
                best, best_score = (i + first, i + last), score
        if best is None or best_score[0] < max(1, len(needle) // 3):
            return None
        start, end = spans[best[0]][0], spans[best[1]][1]
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
