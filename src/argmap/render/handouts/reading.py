"""The numbered source reading: a source's whole text with argmap's paragraph
numbers in the margin and the carded passages marked, so that "find ¶5" works.

The numbers are the resolver's (`argmap.resolve.anchor.number_paragraphs`,
the one paragraph-numbering rule: a block of non-blank lines is a paragraph;
the source's title and the lines its `furniture:` lists in seeds/sources.yaml
are page furniture, shown apart and not counted). Every card of the map that
quotes the source is marked where its quote lies, by card number, with its
tag and side in the margin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.analyze.analysis import Analysis
from argmap.analyze.cards import source_cite
from argmap.render.handouts.common import Handout, Index, header, used_sources


@dataclass
class Mark:
    number: str  # "E3"
    side: str  # aff | neg
    tag: str


@dataclass
class ReadingSegment:
    text: str
    cards: list[str]  # numbers of the cards whose quote covers this text ([] : not carded)
    starts: list[str] = field(default_factory=list)  # cards whose quote begins here


@dataclass
class ReadingParagraph:
    number: int  # 0: page furniture (not counted)
    furniture: bool
    segments: list[ReadingSegment]
    marks: list[Mark]  # the cards quoting it, in card order


@dataclass
class ReadingSource:
    id: str
    short_cite: str
    title: str
    cite: str
    paragraphs: list[ReadingParagraph]
    numbered: int  # paragraphs counted
    furniture: int  # lines shown apart
    cards: int


@dataclass
class ReadingBody:
    sources: list[ReadingSource]
    rule: str  # the numbering rule, in words
    empty_note: str | None


RULE = ("Paragraph numbers (\u00b6) are the ones every argmap handout prints: each block of text between blank lines is a "
        "paragraph. The title and the page furniture (page markers, bylines, image captions) are shown in grey and not counted.")


def _paragraph(ix: Index, sid: str, number: int, start: int, end: int) -> ReadingParagraph:
    m = ix.m
    text = m.source_texts[sid].text
    spans: list[tuple[int, int, str]] = []
    marks: list[Mark] = []
    for eid, rev in m.evidence.items():
        a = rev.anchor
        if rev.evidence.source != sid or a is None or a.end <= start or a.start >= end:
            continue
        spans.append((max(a.start, start), min(a.end, end), ix.numbers[eid]))
        marks.append(Mark(ix.numbers[eid], ix.side(eid), ix.analysis.cards[eid].tag))
    cuts = sorted({start, end, *(x for s0, s1, _ in spans for x in (s0, s1))})
    segs: list[ReadingSegment] = []
    for a, b in zip(cuts, cuts[1:]):
        on = [n for s0, s1, n in spans if s0 <= a < s1]
        begins = [n for s0, _, n in spans if s0 == a]
        if segs and segs[-1].cards == on and not begins:
            segs[-1].text += text[a:b]
        else:
            segs.append(ReadingSegment(text[a:b], on, begins))
    return ReadingParagraph(number, number == 0, segs, marks)


def build_reading(analysis: Analysis, *, source: str | None = None) -> Handout[ReadingBody]:
    """The reading of one source (`source`), or of every source the map's cards quote."""
    ix = Index(analysis)
    m = analysis.map
    wanted = [source] if source else (used_sources(m) or list(m.source_texts))
    unknown = [s for s in wanted if s not in m.sources]
    if unknown:
        raise ValueError(f"unknown source {unknown[0]!r}; choose one of {', '.join(m.sources)}")
    out: list[ReadingSource] = []
    for sid in wanted:
        st = m.source_texts.get(sid)
        src = m.sources[sid]
        if st is None:
            continue
        paras = [_paragraph(ix, sid, p.number, p.start, p.end) for p in st.paragraphs]
        cards = sum(1 for rev in m.evidence.values() if rev.evidence.source == sid and rev.anchor is not None)
        out.append(ReadingSource(sid, src.cite_short(), src.title, source_cite(src), paras,
                                 sum(1 for p in paras if not p.furniture), sum(1 for p in paras if p.furniture), cards))
    empty = None if out else "This map quotes no source text, so there is nothing to read."
    h = header(m, "reading")
    if len(out) == 1:  # one source: its cite alone in the header and footer
        h.kind_title = f"{h.kind_title}: {out[0].short_cite}"
        h.sources = [s for s in h.sources if s.id == out[0].id] or h.sources
        h.footer = f"{m.header.title} \u2014 source: {out[0].short_cite}"
    return Handout("reading", h, ReadingBody(out, RULE, empty))

