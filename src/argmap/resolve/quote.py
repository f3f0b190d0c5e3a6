"""`argmap quote`: help a teacher find a passage and paste it as evidence."""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

from argmap.resolve.anchor import Anchor, SourceText
from argmap.resolve.locate import whole_word_span
from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, did_you_mean
from argmap.load.loader import load_sources
from argmap.load.project import Project

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(?=\s|$)")


@dataclass
class QuoteMatch:
    source_id: str
    anchor: Anchor
    occurrences: int
    evidence_id: str
    occurrence: int = 1  # which of the occurrences this is, counting from 1

    def stub(self) -> str:
        # JSON strings are valid YAML double-quoted scalars: safe whatever the text.
        quote = json.dumps(self.anchor.exact, ensure_ascii=False)
        return "\n".join([
            "evidence:",
            f"  - id: {self.evidence_id}",
            f"    source: {self.source_id}",
            f"    quote: {quote}",
            *([f"    occurrence: {self.occurrence}   # the words occur {self.occurrences} times in the source"] if self.occurrences > 1 else []),
            "    supports: []        # statement ids this passage backs",
            "    # highlight: [\"the words read aloud\"]",
        ])

    def report(self) -> str:
        a = self.anchor
        where = f"paragraph {a.paragraph}" if a.paragraph else "page furniture"
        context = f"…{a.prefix}[{a.exact}]{a.suffix}…".replace("\n", " ")
        lines = [
            f"found in '{self.source_id}', {where}, characters {a.start}-{a.end}"
            + (f" (first of {self.occurrences} matches)" if self.occurrences > 1 else ""),
            textwrap.fill(context, width=88, initial_indent="  ", subsequent_indent="  "),
            "",
            "paste into a claim file:",
            "",
            self.stub(),
        ]
        return "\n".join(lines)


def _widen_to_sentences(text: str, start: int, end: int, para_start: int, para_end: int) -> tuple[int, int]:
    head = text[para_start:start]
    ends = list(_SENTENCE_END.finditer(head))
    new_start = para_start + ends[-1].end() if ends else para_start
    while new_start < start and text[new_start].isspace():
        new_start += 1
    tail = _SENTENCE_END.search(text, end - 1 if end > start else end, para_end)
    new_end = tail.end() if tail else para_end
    return new_start, new_end


def _slug(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text.lower())[:4]
    return "ev-" + "-".join(words) if words else "ev-new"


def find_quote(project: Project, source_id: str, text: str, *, sentence: bool = False, evidence_id: str | None = None) -> QuoteMatch:
    sources, diags = load_sources(project)
    where = Location(project.display(project.sources_file))
    if source_id not in sources:
        errors = [d for d in diags if d.is_error]
        if errors:
            raise ArgmapError(errors)
        guess = did_you_mean(source_id, list(sources))
        raise ArgmapError([Diagnostic("E202", f"unknown source id '{source_id}'", where,
                                      hint=f"did you mean '{guess}'?" if guess else f"sources: {', '.join(sources) or 'none'}")])
    loaded = sources[source_id]
    if loaded.text is None:
        raise ArgmapError([d for d in diags if d.is_error] or [Diagnostic("E303", "source text could not be read", loaded.location)])
    st = SourceText.of(loaded.source, loaded.text)
    hits = st.find_all(text)
    if not hits:
        near = st.closest(text)
        raise ArgmapError([
            Diagnostic("E301", f"text not found in source '{source_id}' ({loaded.source.file})", Location(project.display(loaded.path)),
                       hint=f"the closest passage is:\n    \"{near}\"" if near else "check the spelling, or quote fewer words")
        ])
    start, end = next(((s, e) for s, e in hits if whole_word_span(loaded.text, s, e) == (s, e)), hits[0])
    start, end = whole_word_span(loaded.text, start, end)  # a card quotes whole words (argmap.resolve.locate)
    if sentence:
        para = st.paragraph_at(start)
        last = st.paragraph_at(end - 1)
        start, end = _widen_to_sentences(loaded.text, start, end, para.start, last.end)
    anchor = st.anchor(start, end)
    same = [h for h in st.find_all(anchor.exact) if whole_word_span(loaded.text, *h) == h]
    index = same.index((start, end)) + 1 if (start, end) in same else 1
    return QuoteMatch(source_id, anchor, max(1, len(same)), evidence_id or _slug(anchor.exact), index)
