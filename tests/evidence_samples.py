"""Shared by the evidence-file tests: a hostile source and map, and the expected marks of a card.

The hostile project is a copy of seeds/ plus one source whose text has markup
characters, control characters, a bidirectional override, a CRLF line end that
splits a quote over two paragraphs, Hebrew and Arabic; and a map whose titles,
tags, author and qualifications carry the same. Card e3 marks emphasis but no
highlight (nothing chosen to read), so its emphasis is not highlighted.
"""

from __future__ import annotations

HOSTILE_TEXT = (
    "Hostile sample\n\n"
    "The <b>embargo</b> & \"sanctions\" at AT&T fail\x01ed; ESC\x1b[31m red \u202egnirts\u202c here & "
    "<script>alert(1)</script> ends.\r\n\r\n"
    "Second line of the same passage with a\ttab and more words to fill the card out.\n\n"
    "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u05d6\u05d4 \u05de\u05e9\u05e4\u05d8 \u05d1\u05e2\u05d1\u05e8\u05d9\u05ea "
    "\u05e2\u05dc \u05e6\u05e4\u05d5\u05df \u05e7\u05d5\u05e8\u05d9\u05d0\u05d4.\n\n"
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u0647\u0630\u0647 \u062c\u0645\u0644\u0629 "
    "\u0639\u0631\u0628\u064a\u0629 \u0639\u0646 \u0643\u0648\u0631\u064a\u0627.\n"
)

HOSTILE_SOURCE = '''
  - id: hostile
    file: hostile.txt
    kind: news
    title: "Hostile <sample> & co"
    authors:
      - name: "O'Brien <Zed> & Ng"
        qualifications: "Prof. of <b>things</b> & \\x1b[31m stuff"
    date: "2024-03-05"
    furniture: ["Hostile sample"]
'''

HOSTILE_MAP = r'''
map:
  title: "Hostile <map> & \x1b[2J title \u202eevil"
  resolution: "R <&> \x07"
statements:
  - id: thesis
    kind: thesis
    text: "The <US> & allies \x1b[31m should \u202etxet act."
  - id: c1
    text: "- 1. A claim <with> **markup** & `code` # hash"
  - id: c2
    text: "\u05e9\u05dc\u05d5\u05dd claim in Hebrew"
  - id: c3
    text: "An analytic <i>claim</i> & more \x00 null"
arguments:
  - id: a1
    premises: [c1, c2, c3]
    supports: thesis
evidence:
  - id: e1
    source: hostile
    tag: "Tag <b>bold</b> & \x1b[31m red"
    quote: "The <b>embargo</b> & \"sanctions\" at AT&T fail\x01ed; ESC\x1b[31m red \u202egnirts\u202c here & <script>alert(1)</script> ends. Second line"
    highlight: ["<b>embargo</b> &", "\x1b[31m red"]
    emphasis: ["embargo"]
    supports: [c1]
  - id: e2
    source: hostile
    quote: "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd \u05d6\u05d4 \u05de\u05e9\u05e4\u05d8"
    highlight: ["\u05de\u05e9\u05e4\u05d8"]
    supports: [c2]
  - id: e3
    source: hostile
    quote: "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645 \u0647\u0630\u0647"
    emphasis: ["\u0647\u0630\u0647"]
    supports: [thesis]
'''


def hostile_map(tmp_project):
    """Write the hostile source and map into a temporary project and resolve it."""
    from argmap.api import resolve_map

    seeds = tmp_project.root / "seeds"
    (seeds / "hostile.txt").write_bytes(HOSTILE_TEXT.encode("utf-8"))
    with (seeds / "sources.yaml").open("a", encoding="utf-8") as f:
        f.write(HOSTILE_SOURCE)
    tmp_project.write("arguments/h.yaml", HOSTILE_MAP)
    return resolve_map(tmp_project.project, "h")


def expected_marks(rmap, card) -> list[tuple[str, list[tuple[bool, bool, bool]]]]:
    """For each body paragraph of a card: its source text and, per character,
    (underlined, highlighted, emphasised), computed from the resolved map's own
    offsets (not from the view model the exports use)."""
    rev = rmap.evidence[card.id]
    st = rmap.source_texts[rev.evidence.source]
    a = rev.anchor
    out = []
    for p in st.paragraphs:
        if p.end <= a.paragraph_start or p.start >= a.paragraph_end:
            continue
        p0, p1 = max(p.start, a.paragraph_start), min(p.end, a.paragraph_end)
        marks = []
        for off in range(p0, p1):
            marks.append((a.start <= off < a.end,
                          any(h0 <= off < h1 for h0, h1 in rev.highlights),
                          any(e0 <= off < e1 for e0, e1 in rev.emphasis)))
        out.append((st.text[p0:p1], marks))
    return out
