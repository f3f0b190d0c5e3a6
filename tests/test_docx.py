"""The Verbatim-style Word file, read back with python-docx.

Heading levels and their style names, the cite's character style holding only
the short cite, underline / highlight / emphasis runs covering exactly the
quoted / read / key characters of every card (checked against the resolved
map's own offsets), unread context smaller, analytics as tags, a reproducible
file, hostile text. When LibreOffice is installed the file is also converted
to PDF (the check that it opens); without it that test is skipped.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt

from argmap.api import resolve_map
from argmap.analyze.analysis import analyze
from argmap.export import FORMATS, render
from argmap.export import docx as docx_export
from argmap.export import evidence
from argmap.analyze.analysis import analyze
from argmap.analyze.cards import STOCK_LABELS
from evidence_samples import expected_marks, hostile_map

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVEL_ALIASES = {1: "Pocket", 2: "Hat", 3: "Block", 4: "Tag"}


@pytest.fixture(scope="module")
def real_map():
    from pathlib import Path

    from argmap.load.project import Project

    return resolve_map(Project(Path(__file__).resolve().parents[1]), "carrot-stick")


@pytest.fixture(scope="module")
def real_docx(real_map):
    return render("docx", analyze(real_map))


def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def level(paragraph) -> int | None:
    m = re.fullmatch(r"Heading ([1-4])", paragraph.style.name)
    return int(m[1]) if m else None


def entries(document):
    """Tag-level entries in order: (tag paragraph, [the Normal paragraphs under it])."""
    out = []
    for p in document.paragraphs:
        lv = level(p)
        if lv == 4:
            out.append((p, []))
        elif lv is None and out:
            out[-1][1].append(p)
        elif lv is not None:
            out.append(None)  # a higher heading ends the entry
    return [e for e in out if e is not None]


def cards_in_file_order(rmap):
    f = evidence.build(analyze(rmap))
    return [c for pk in f.pockets for h in pk.hats for b in h.blocks for c in b.cards]


def run_marks(run):
    """(underlined, highlighted, emphasised, context) as the file marks a run."""
    sid = run.style.style_id if run.style is not None else None
    return (sid in ("StyleUnderline", "Emphasis"), run.font.highlight_color is not None, sid == "Emphasis",
            sid in (None, "DefaultParagraphFont"))


# --------------------------------------------------------------------------- styles and outline


def test_docx_is_registered_as_a_binary_export(real_docx):
    assert FORMATS["docx"][1] == ".docx"
    assert isinstance(real_docx, bytes) and real_docx[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(real_docx)) as z:
        assert z.testzip() is None
        assert z.namelist()[0] == "[Content_Types].xml"
        assert "docProps/thumbnail.jpeg" not in z.namelist()


def test_heading_styles_are_verbatims_four_levels(real_docx):
    document = read(real_docx)
    for lv, alias in LEVEL_ALIASES.items():
        style = document.styles[f"Heading {lv}"]
        assert style.style_id == f"Heading{lv}"
        el = style.element
        assert el.find(f"{W}aliases").get(f"{W}val") == alias
        assert el.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == str(lv - 1)
        assert style.font.bold
    assert document.styles["Normal"].element.find(f"{W}aliases").get(f"{W}val") == "Normal/Card"


def test_character_styles_match_verbatims_names(real_docx):
    document = read(real_docx)
    cite = document.styles["Style 13 pt Bold"]
    assert cite.style_id == "Style13ptBold" and cite.element.find(f"{W}aliases").get(f"{W}val") == "Cite"
    assert cite.font.bold and cite.font.size == Pt(13)
    underline = document.styles["Style Underline"]
    assert underline.style_id == "StyleUnderline" and underline.element.find(f"{W}aliases").get(f"{W}val") == "Underline"
    assert underline.font.underline
    emphasis = document.styles["Emphasis"]
    assert emphasis.style_id == "Emphasis" and emphasis.font.bold and emphasis.font.underline
    assert emphasis.element.find(f"{W}rPr/{W}bdr") is not None  # Verbatim's box
    for style in (cite, underline, emphasis):
        assert style.type == WD_STYLE_TYPE.CHARACTER


def test_outline_is_pocket_hat_block_tag(real_map, real_docx):
    document = read(real_docx)
    previous = 0
    pockets, hats = [], []
    for p in document.paragraphs:
        lv = level(p)
        if lv is None:
            continue
        assert lv <= previous + 1, f"{p.text!r} skips a level"
        previous = lv
        if lv == 1:
            pockets.append(p.text)
        elif lv == 2:
            hats.append(p.text)
        assert p.text.strip()
    assert pockets == ["Affirmative", "Negative"]
    assert set(hats) <= set(STOCK_LABELS.values())
    # Every card appears once, in the order of the outline, under its tag.
    cards = cards_in_file_order(real_map)
    carded = [e for e in entries(document) if e[1]]
    assert [tag.text for tag, _ in carded] == [c.tag for c in cards]
    assert len(cards) == len(real_map.evidence) == 70  # the Ulleung card left the map, the Camp David deterrence card joined (issue 14)


def test_cite_style_holds_only_last_name_and_year(real_map, real_docx):
    carded = [e for e in entries(read(real_docx)) if e[1]]
    for card, (tag, paras) in zip(cards_in_file_order(real_map), carded):
        cite = paras[0]
        assert cite.style.name == "Normal"
        styled = [r for r in cite.runs if r.style.style_id == "Style13ptBold"]
        assert len(styled) == 1 and cite.runs[0].style.style_id == "Style13ptBold"
        src = real_map.sources[real_map.evidence[card.id].evidence.source]
        assert styled[0].text == src.cite_short() == card.short_cite
        assert re.fullmatch(r"\D+ \d\d", styled[0].text), styled[0].text
        assert styled[0].text.endswith(src.date[2:4])
        assert cite.text == evidence.cite_line(card)
        assert all(r.font.highlight_color is None for r in cite.runs)


def test_marks_cover_exactly_the_quoted_read_and_key_characters(real_map, real_docx):
    document = read(real_docx)
    carded = [e for e in entries(document) if e[1]]
    for card, (tag, paras) in zip(cards_in_file_order(real_map), carded):
        body = paras[1:]
        expected = expected_marks(real_map, card)
        assert len(body) == len(expected), card.id
        for p, (text, marks) in zip(body, expected):
            assert p.style.name == "Normal"
            assert p.text == text, card.id  # the whole source paragraph, every character
            got = []
            for run in p.runs:
                u, h, e, ctx = run_marks(run)
                if h:
                    assert run.font.highlight_color == WD_COLOR_INDEX.YELLOW  # never light grey
                if ctx:
                    assert run.font.size == Pt(8) < Pt(11)  # unread context is smaller
                else:
                    assert run.font.size is None  # the quote keeps the card's 11 pt
                got += [(u, h, e)] * len(run.text)
            assert got == marks, card.id
        # Something is read on every card of this map, and it is inside the quote.
        assert any(m[1] for _, marks in expected for m in marks)


def test_analytics_are_tag_level_paragraphs_without_a_cite(real_map, real_docx):
    document = read(real_docx)
    analytic = {e[0].text for e in entries(document) if not e[1]}
    want = {real_map.statements[s].text + evidence.ANALYTIC_MARK for s in evidence.analytic_ids(analyze(real_map))}
    assert analytic == want and want
    carded = {e[0].text for e in entries(document) if e[1]}
    assert not any(t.endswith(evidence.ANALYTIC_MARK) for t in carded)


def test_docx_is_reproducible(real_map, real_docx, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert render("docx", analyze(real_map)) == real_docx
    with zipfile.ZipFile(io.BytesIO(real_docx)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 1, 1, 0, 0, 0)}
    core = read(real_docx).core_properties
    assert core.created.year == core.modified.year == 2023 and core.author == "argmap"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    later = render("docx", analyze(real_map))
    assert later != real_docx and render("docx", analyze(real_map)) == later
    assert read(later).core_properties.created.year == 2023 and read(later).core_properties.created.month == 11


# --------------------------------------------------------------------------- hostile text


def test_hostile_text_reaches_the_file_literally_and_safely(tmp_project):
    rmap = hostile_map(tmp_project)
    data = render("docx", analyze(rmap))
    document = read(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;" in xml  # markup stays text
    for p in document.paragraphs:
        assert not re.search("[\x00-\x08\x0b-\x1f\u202a-\u202e\u2066-\u2069]", p.text), p.text
    texts = [p.text for p in document.paragraphs]
    assert "Tag <b>bold</b> & \ufffd[31m red" in texts
    assert "An analytic <i>claim</i> & more \ufffd null" + evidence.ANALYTIC_MARK in texts
    # The marks still line up, one character for one, over the CRLF-split quote too.
    carded = [e for e in entries(document) if e[1]]
    cards = cards_in_file_order(rmap)
    assert len(carded) == len(cards) == 3
    for card, (tag, paras) in zip(cards, carded):
        expected = expected_marks(rmap, card)
        assert len(paras[1:]) == len(expected)
        for p, (text, marks) in zip(paras[1:], expected):
            assert p.text == evidence.safe_text(text)
            got = [run_marks(r)[:3] for r in p.runs for _ in r.text]
            assert got == marks
    e1 = next(e for e in carded if e[0].text.startswith("Tag <b>"))
    assert len(e1[1]) == 3  # cite and two body paragraphs: the quote crosses a line end
    # Hebrew and Arabic paragraphs run right to left.
    bidi = [(evidence.is_rtl(p.text), p._p.pPr is not None and p._p.pPr.find(f"{W}bidi") is not None)
            for p in document.paragraphs]
    assert all(rtl == marked for rtl, marked in bidi)
    assert sum(rtl for rtl, _ in bidi) >= 4


def test_export_command_writes_the_docx_in_binary(tmp_project, minimal_map):
    from click.testing import CliRunner

    from argmap.cli import main

    tmp_project.claim("m.yaml", minimal_map)
    out = tmp_project.root / "evidence.docx"
    result = CliRunner().invoke(main, ["export", "--format", "docx", "-o", str(out), "--project", str(tmp_project.root)])
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if level(p) == 4] == [
        "The embargo has not stopped the missile program.",  # a card without a tag takes its claim's
        "The US should engage North Korea." + evidence.ANALYTIC_MARK,
    ]
    result = CliRunner().invoke(main, ["export", "--format", "docx", "--accept", "ev-1", "--project", str(tmp_project.root)])
    assert result.exit_code == 0 and result.stdout_bytes[:2] == b"PK"


# --------------------------------------------------------------------------- LibreOffice (optional)

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI machines lack it)")
def test_libreoffice_opens_the_file_and_prints_every_card(real_map, real_docx, tmp_path):
    src = tmp_path / "cards.docx"
    src.write_bytes(real_docx)
    env = {**os.environ, "HOME": str(tmp_path)}
    proc = subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                          capture_output=True, text=True, timeout=180, env=env)
    pdf = tmp_path / "cards.pdf"
    assert proc.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 10_000, proc.stdout + proc.stderr
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        for card in cards_in_file_order(real_map)[:5]:
            assert " ".join(card.tag.split()) in flat
    assert docx_export.HIGHLIGHT == "yellow"


def test_a_long_title_fits_words_255_character_core_properties(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map.replace("title: Minimal", "title: " + "x" * 1000 + "\n  resolution: " + "y" * 600))
    rmap = resolve_map(tmp_project.project, "m")
    document = read(render("docx", analyze(rmap)))
    assert len(document.core_properties.title) == len(document.core_properties.subject) == 255
    assert document.paragraphs[0].text == "x" * 1000  # the file itself keeps the whole title
