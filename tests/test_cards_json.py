"""Card JSON (the shape card-search tools store) and cite requests (disclosure).

The JSON's spans must slice each body paragraph to exactly the anchored quote,
the highlighted words and the emphasis; the cite request gives each card's tag,
short cite and first and last fifteen words joined by "AND".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from argmap.resolve.anchor import fold
from argmap.api import resolve_map
from argmap.analyze.analysis import analyze
from argmap.export import FORMATS, render
from argmap.export import cite_request, evidence
from argmap.analyze.analysis import analyze
from argmap.load.project import Project
from evidence_samples import expected_marks, hostile_map

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real_map():
    return resolve_map(Project(REPO), "carrot-stick")


@pytest.fixture(scope="module")
def real_cards(real_map):
    return json.loads(render("cards-json", analyze(real_map)))


def spans_text(card: dict, kind: str) -> list[str]:
    return [card["body"][p][a:b] for p, a, b in card[kind]]


# --------------------------------------------------------------------------- cards JSON


def test_every_card_is_listed_with_tag_cite_and_body(real_map, real_cards):
    assert FORMATS["cards-json"][1] == ".cards.json"
    cards = real_cards["cards"]
    assert [c["id"] for c in cards] == list(real_map.evidence)
    for c in cards:
        assert {"tag", "cite", "body", "underlines", "highlights", "emphasis"} <= set(c)
        assert isinstance(c["body"], list) and all(isinstance(p, str) and p for p in c["body"])
        a, b = c["cite_emphasis"][0]
        assert c["cite"][a:b] == c["short_cite"] == real_map.sources[c["source"]].cite_short()
        for kind in ("underlines", "highlights", "emphasis"):
            for span in c[kind]:
                p, start, end = span
                assert 0 <= p < len(c["body"]) and 0 <= start < end <= len(c["body"][p])


def test_spans_slice_exactly_the_quote_the_highlights_and_the_emphasis(real_map, real_cards):
    for c in real_cards["cards"]:
        rev = real_map.evidence[c["id"]]
        text = real_map.source_texts[rev.evidence.source].text
        # The underlines, in order, are the anchored quote (one span per paragraph it touches).
        assert "".join(spans_text(c, "underlines")) == rev.anchor.exact
        assert len(c["underlines"]) == len(c["body"]) == 1
        # Each highlight and emphasis span is one marked passage of the source, exactly.
        assert spans_text(c, "highlights") == [text[h0:h1] for h0, h1 in rev.highlights]
        assert spans_text(c, "emphasis") == [text[e0:e1] for e0, e1 in rev.emphasis]
        # ... which are the words the claim file marks (straight or curly quotes alike).
        assert sorted(map(fold, spans_text(c, "highlights"))) == sorted(map(fold, rev.evidence.highlight))
        assert sorted(map(fold, spans_text(c, "emphasis"))) == sorted(map(fold, rev.evidence.emphasis))
        # Highlights and emphasis lie inside the underlining.
        for p, a, b in c["highlights"] + c["emphasis"]:
            assert any(q == p and s <= a and b <= e for q, s, e in c["underlines"])


def test_spans_agree_with_the_source_offsets_character_by_character(real_map, real_cards):
    view_cards = {c.id: c for c in evidence.build(analyze(real_map)).cards}
    for c in real_cards["cards"]:
        expected = expected_marks(real_map, view_cards[c["id"]])
        assert c["body"] == [t for t, _ in expected]
        for i, (_, marks) in enumerate(expected):
            for k, kind in enumerate(("underlines", "highlights", "emphasis")):
                got = [any(p == i and a <= j < b for p, a, b in c[kind]) for j in range(len(marks))]
                assert got == [m[k] for m in marks], (c["id"], kind)


def test_hostile_cards_json_keeps_the_source_text_exactly(tmp_project):
    rmap = hostile_map(tmp_project)
    data = render("cards-json", analyze(rmap))
    cards = json.loads(data)["cards"]
    assert len(cards) == 3
    e1 = next(c for c in cards if c["id"] == "e1")
    assert e1["tag"] == "Tag <b>bold</b> & \x1b[31m red"  # JSON keeps the map's text; consumers escape
    assert len(e1["body"]) == 2 and len(e1["underlines"]) == 2  # the quote crosses a CRLF line end
    assert spans_text(e1, "highlights") == ["<b>embargo</b> &", "\x1b[31m red"]
    assert spans_text(e1, "emphasis") == ["embargo"]
    # The quote minus the line end between its two paragraphs.
    quote = rmap.evidence["e1"].anchor.exact
    assert " ".join(spans_text(e1, "underlines")) == re.sub(r"\s+", " ", quote)
    e2 = next(c for c in cards if c["id"] == "e2")
    assert spans_text(e2, "highlights") == ["\u05de\u05e9\u05e4\u05d8"]
    e3 = next(c for c in cards if c["id"] == "e3")
    assert e3["highlights"] == [] and len(e3["underlines"]) == 1
    assert spans_text(e3, "emphasis") == ["\u0647\u0630\u0647"]  # key words, but nothing marked to read


# --------------------------------------------------------------------------- cite requests


def cite_request_cards(md: str) -> list[dict]:
    """Split the Markdown into cards: tag, cite line, and the text paragraphs after them."""
    out = []
    for chunk in re.split(r"^#### ", md, flags=re.M)[1:]:
        chunk = re.split(r"^#{1,3} ", chunk, flags=re.M)[0]
        paras = [p for p in chunk.split("\n\n") if p.strip()]
        out.append({"tag": paras[0].strip(), "cite": paras[1], "text": [p.strip() for p in paras[2:]]})
    return out


def test_cite_request_is_tag_short_cite_and_fifteen_words_and_fifteen(real_map):
    md = render("cite-request", analyze(real_map))
    assert FORMATS["cite-request"][1] == ".cite-request.md"
    cards = evidence.build(analyze(real_map))
    in_order = [c for pk in cards.pockets for h in pk.hats for b in h.blocks for c in b.cards]
    got = cite_request_cards(md)
    assert len(got) == len(in_order) == 70  # the Ulleung card left the map, the Camp David deterrence card joined (issue 14)
    shortened = 0
    for card, entry in zip(in_order, got):
        assert entry["tag"] == cite_request.esc(card.tag)
        assert entry["cite"].startswith(f"**{cite_request.esc(card.short_cite)}**")
        words = card.quote.split()
        if len(words) > 2 * cite_request.EDGE_WORDS:
            first, joiner, last = entry["text"]
            assert joiner == "AND"
            assert first == cite_request.esc(" ".join(words[:15]))
            assert last == cite_request.esc(" ".join(words[-15:]))
            assert len(first.split()) == len(last.split()) == 15
            shortened += 1
        else:
            assert entry["text"] == [cite_request.esc(" ".join(words))]
    assert shortened >= 10
    assert md.count("\nAND\n") == shortened


def test_cite_request_escapes_markdown_and_controls(tmp_project):
    rmap = hostile_map(tmp_project)
    md = render("cite-request", analyze(rmap))
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", md)
    assert "<" not in md.replace("\\<", "")  # every angle bracket is escaped
    assert "&" not in md.replace("\\&", "")
    assert "\\<script\\>" in md
    assert "### \\- 1. A claim \\<with\\> \\*\\*markup\\*\\* \\& \\`code\\` \\# hash" in md
    assert "\ufffd" in md  # the escape character shows as a replacement character
    assert "analytic" not in md  # analytics are not cards
    # Right-to-left text is kept.
    assert "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd" in md and "\u0645\u0631\u062d\u0628\u0627" in md


def test_esc_keeps_a_line_from_starting_a_list_or_a_rule():
    assert cite_request.esc("1. first") == "1\\. first"
    assert cite_request.esc("- item") == "\\- item"
    assert cite_request.esc("---") == "\\---"
    assert cite_request.esc("AT&T <b>") == "AT\\&T \\<b\\>"


def test_build_writes_the_three_evidence_files(tmp_project, minimal_map):
    from argmap.build.builder import build

    tmp_project.claim("m.yaml", minimal_map)
    report = build(tmp_project.project)
    assert report.ok, report.maps
    out = tmp_project.root / "output" / "m"
    assert (out / "m-cards.docx").read_bytes()[:2] == b"PK"
    assert json.loads((out / "m-cards.json").read_text(encoding="utf-8"))["cards"][0]["id"] == "ev-1"
    assert (out / "m-cite-request.md").read_text(encoding="utf-8").startswith("**Minimal: cite requests**")
    index = (tmp_project.root / "output" / "index.html").read_text(encoding="utf-8")
    assert 'href="m/m-cards.docx"' in index
    # A second build finds the map up to date: the .docx is reproducible.
    again = build(tmp_project.project)
    assert [m.status for m in again.maps] == ["up-to-date"]
