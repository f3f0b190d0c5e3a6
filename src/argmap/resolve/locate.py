"""Which passage of its source a quote is: the rules a quote must follow to anchor.

- An ellipsis ("..." or "…") is accepted when the source itself has it there;
  one the source does not have means the quote skips words (E305).
- A quote begins and ends on whole words: "hose are totally unrel" is refused
  with the whole-word passage it was cut from (E309), unless the evidence says
  `partial_words: true`; a one-letter "A" never anchors inside "Also".
- A quote whose words occur more than once says which occurrence it means
  with `occurrence: N`, `after: "words before it"` or `before: "words after
  it"` (E308 when none fits); without one it is a warning naming the
  occurrences' paragraphs (W402).
- With a recorded anchor (seeds/anchors.json) a quote of an edited source is
  re-anchored as web annotation tools do: the recorded position first, then
  an exact search (among several hits, the one whose context is most like the
  recorded prefix and suffix), and for a quote that no longer matches, the
  nearest passage is found from its recorded context with rapidfuzz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.load.anchors import RecordedAnchor
from argmap.load.model import Evidence
from argmap.resolve.anchor import ELLIPSES, SourceText, fold

Span = tuple[int, int]


@dataclass
class Problem:
    code: str
    message: str
    field: str  # the evidence field the problem is located at
    hint: str | None = None


@dataclass
class Located:
    span: Span | None  # None when the quote does not anchor (the problems say why)
    problems: list[Problem] = field(default_factory=list)
    moved: bool = False  # re-anchored away from its recorded position

    @property
    def failed(self) -> bool:
        return self.span is None


def _variants(quote: str) -> list[str]:
    """The quote as typed, then with its ellipses written the other ways ("..." for "…")."""
    out = [quote]
    present = [m for m in ELLIPSES if m in quote]
    for mark in present:
        for other in ELLIPSES:
            if other != mark:
                v = quote.replace(mark, other)
                if v not in out:
                    out.append(v)
    return out


# Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar):
# there every character boundary may end a quote.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def _inside_word(text: str, i: int) -> bool:
    """Offset `i` falls between two letters or digits of one word."""
    return (0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()
            and not _UNSPACED.match(text[i - 1]) and not _UNSPACED.match(text[i]))


def whole_word_span(text: str, start: int, end: int) -> Span:
    """The span widened to the words it cuts."""
    while start > 0 and _inside_word(text, start):
        start -= 1
    while end < len(text) and _inside_word(text, end):
        end += 1
    return start, end


def _paragraphs(st: SourceText, spans: list[Span]) -> str:
    numbers = [st.paragraph_at(s).number for s, _ in spans]
    names = [str(n) if n else "furniture" for n in numbers]
    if len(names) == 1:
        return f"paragraph {names[0]}"
    return "paragraphs " + ", ".join(names[:-1]) + " and " + names[-1]


def _context_score(st: SourceText, span: Span, record: RecordedAnchor) -> float:
    from rapidfuzz import fuzz

    s, e = span
    before = st.text[max(0, s - len(record.prefix)) : s]
    after = st.text[e : e + len(record.suffix)]
    return fuzz.ratio(before, record.prefix) + fuzz.ratio(after, record.suffix)


def nearest_from_record(st: SourceText, record: RecordedAnchor, quote: str) -> str | None:
    """What the recorded passage reads now: the text between the best matches
    of its recorded prefix and suffix (rapidfuzz's partial alignment); with
    only one of them still there (or long enough: a quote at the very start
    or end of the text), as many characters as the quote next to it."""
    from rapidfuzz import fuzz

    text = st.text
    size = len(quote)
    pre = fuzz.partial_ratio_alignment(record.prefix, text, score_cutoff=75) if len(record.prefix.strip()) >= 8 else None
    if pre is not None:
        window_end = min(len(text), pre.dest_end + 2 * size + 2 * len(record.suffix) + 80)
        suf = fuzz.partial_ratio_alignment(record.suffix, text[pre.dest_end : window_end], score_cutoff=75) if len(record.suffix.strip()) >= 8 else None
        start = pre.dest_end
        end = start + suf.dest_start if suf is not None and suf.dest_start > 0 else min(len(text), start + size)
    else:
        suf = fuzz.partial_ratio_alignment(record.suffix, text, score_cutoff=75) if len(record.suffix.strip()) >= 8 else None
        if suf is None:
            return None
        end = suf.dest_start
        start = max(0, end - size)
    start, end = whole_word_span(text, start, end)
    passage = text[start:end].strip()
    return passage or None


def locate(st: SourceText, ev: Evidence, record: RecordedAnchor | None = None, file: str | None = None) -> Located:
    """Anchor one evidence quote in its source text, by the rules above."""
    hits: list[Span] = []
    for variant in _variants(ev.quote):
        hits = st.find_all(variant)
        if hits:
            break
    if not hits:
        return Located(None, [_not_found(st, ev, record, file or ev.source)])

    text = st.text
    whole = [h for h in hits if not _inside_word(text, h[0]) and not _inside_word(text, h[1])]
    if ev.partial_words:
        candidates = hits
    elif whole:
        candidates = whole
    else:
        s, e = hits[0]
        ws, we = whole_word_span(text, s, e)
        cut = []
        if ws < s:
            cut.append(f"starts inside the word '{text[ws:whole_word_span(text, s, s)[1]]}'")
        if we > e:
            cut.append(f"ends inside the word '{text[whole_word_span(text, e, e)[0]:we]}'")
        return Located(None, [Problem(
            "E309", f"this quote {' and '.join(cut)}", "quote",
            hint=f"quote whole words: \"{text[ws:we]}\"\n    or add 'partial_words: true' if the cut is meant")])

    chosen, problems = _select(st, ev, candidates)
    if chosen is None and not problems:  # no selector and several candidates: the record, else the first
        chosen = _by_record(st, candidates, record) if record is not None else candidates[0]
        where = _paragraphs(st, candidates)
        which = "the recorded one" if record is not None and chosen != candidates[0] else "the first"
        second = candidates[1]
        lead = " ".join(text[max(0, second[0] - 60) : second[0]].split()[-4:])
        example = f"'after: \"{lead}\"'" if lead else "'after: \"words just before it\"'"
        problems.append(Problem(
            "W402", f"this quote occurs {len(candidates)} times in '{ev.source}' ({where}); anchored at {which}", "quote",
            hint=f"say which passage is meant: 'occurrence: 2' (counting from 1), or {example} for the second"))
    moved = chosen is not None and record is not None and chosen != (record.start, record.end)
    return Located(chosen, problems, moved)


def _not_found(st: SourceText, ev: Evidence, record: RecordedAnchor | None, file: str) -> Problem:
    near = nearest_from_record(st, record, ev.quote) if record is not None else None
    if near is not None and fold(near) != fold(ev.quote):
        near_hint = f"where it was recorded, the source now reads:\n    \"{near}\""
    else:
        closest = st.closest(ev.quote)
        near_hint = f"the closest passage is:\n    \"{closest}\"" if closest else None
    marks = [m for m in ELLIPSES if m in ev.quote]
    if marks:
        parts = [p.strip() for p in ev.quote.replace("\u2026", "...").replace(". . .", "...").split("...") if p.strip()][:50]
        all_there = parts and all(st.find_all(p) for p in parts)
        why = ("each part is in the source, but the words between them are left out"
               if all_there else "and the source has no such passage")
        return Problem("E305", f"this quote skips words with '{marks[0]}' that the source does not have there ({why})", "quote",
                       hint="quote one unbroken passage, or cut it into two evidence items"
                       + (f"; {near_hint}" if near_hint and not all_there else ""))
    return Problem("E301", f"quote not found in source '{ev.source}' ({file})", "quote", hint=near_hint)


def _select(st: SourceText, ev: Evidence, candidates: list[Span]) -> tuple[Span | None, list[Problem]]:
    """The occurrence the evidence names (`after`, `before`, `occurrence`); (None, []) when it names none."""
    if ev.occurrence is None and ev.after is None and ev.before is None:
        return (candidates[0], []) if len(candidates) == 1 else (None, [])
    pool = list(candidates)
    distance = {c: 0 for c in pool}
    for name, text in (("after", ev.after), ("before", ev.before)):
        if text is None:
            continue
        marks = st.find_all(text)
        if not marks:
            return None, [Problem("E308", f"'{name}:' text is not in source '{ev.source}'", name,
                                  hint="copy a few words that stand next to the quote in the source")]
        kept = []
        for c in pool:
            if name == "after":
                gaps = [c[0] - m[1] for m in marks if m[1] <= c[0]]
            else:
                gaps = [m[0] - c[1] for m in marks if m[0] >= c[1]]
            if gaps:
                distance[c] += min(gaps)
                kept.append(c)
        if not kept:
            side = "after" if name == "after" else "before"
            return None, [Problem("E308", f"no occurrence of the quote comes {side} '{text}'", name,
                                  hint=f"the quote occurs in {_paragraphs(st, candidates)}")]
        pool = kept
    if ev.occurrence is not None:
        if ev.occurrence > len(pool):
            return None, [Problem("E308", f"'occurrence: {ev.occurrence}', but the quote occurs {len(pool)} time(s)"
                                  + (f" in '{ev.source}' ({_paragraphs(st, pool)})" if pool else ""), "occurrence",
                                  hint="count the occurrences from 1, in the order of the source")]
        return pool[ev.occurrence - 1], []
    return min(pool, key=lambda c: (distance[c], c[0])), []


def _by_record(st: SourceText, candidates: list[Span], record: RecordedAnchor) -> Span:
    """The recorded position when a candidate is still there, else the candidate
    whose context is most like the recorded prefix and suffix (then the nearest)."""
    exact = (record.start, record.end)
    for c in candidates:
        if c == exact and st.text[max(0, c[0] - len(record.prefix)) : c[0]] == record.prefix:
            return c
    return max(candidates, key=lambda c: (_context_score(st, c, record), -abs(c[0] - record.start)))
