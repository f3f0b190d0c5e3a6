"""Round-ready handouts (issue 15): print rules and blocks that hold up, for
both maps in arguments/. Checked from the view models, and where it is a
matter of layout, in the rendered PDF page by page (pdftotext).

- no card and no block split across pages (keep-together rules set, and the
  PDF shows each card's tag and its last line on one page);
- no id of the map in student-facing text, and `ids=True` puts them back;
- every block lists every answer the map has to its attack; 3+ cross-ex
  questions per block, none and no follow-up repeated in the packet;
- card numbers ascend in reading order; tag larger than cite;
- the flow: an off-case sheet per position, Pro/Con in public forum,
  8 pt or more, the HTML printed landscape;
- the worksheet: blanks from the case's own moves, no part repeating another,
  the status quo to weigh against, a rubric in the key only.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.analyze.analysis import analyze
from argmap.api import resolve_map
from argmap.load.model import Relation, StatementKind
from argmap.load.project import Project
from argmap.render.handouts import render_view
from argmap.render.handouts import view as V
from argmap.render.handouts.worksheet import is_case_move

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "src" / "argmap" / "templates" / "handouts"
MAPS = ["carrot-stick", "example"]
STUDENT = ["brief", "cards", "blocks", "flow", "worksheet"]
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")


@pytest.fixture(scope="module", params=MAPS)
def analysis(request):
    return analyze(resolve_map(Project(ROOT), request.param))


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed."""
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return [re.sub(r"\s+", " ", p) for p in out.split("\f")]


def html_text(html: str) -> str:
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def map_ids(a) -> set[str]:
    """Every id of the map that could not pass for a word: with a hyphen or a digit."""
    m = a.map
    ids = {*m.statements, *m.arguments, *m.evidence, *m.options, *m.sources}
    return {i for i in ids if "-" in i or re.search(r"\d", i)}


def ids_in(text: str, ids: set[str]) -> set[str]:
    return {i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)}


def words(text: str, n: int = 3) -> str:
    return " ".join(re.sub(r"\s+", " ", text).split()[:n])


# --------------------------------------------------------------------------- keep-together


def test_every_card_and_block_is_marked_to_stay_on_one_page(analysis):
    cards = V.build_view(analysis, "cards").body
    blocks = V.build_view(analysis, "blocks").body
    assert cards.keep_together and cards.cards
    assert all(b.keep_together for b in blocks.blocks)
    lib = (TEMPLATES / "lib.typ").read_text()
    card_def = lib[lib.index("#let card("):lib.index("#let legend-row")]
    # unbreakable unless taller than a page (then it breaks, its heading sticky)
    assert "keep(" in card_def and "breakable: h > max" in lib[lib.index("#let keep("):lib.index("#let keep(") + 400]
    assert "keep(" in (TEMPLATES / "blocks.typ").read_text()
    assert "set table.cell(breakable: false)" in lib  # no table row split
    css = (TEMPLATES / "handouts.css").read_text()
    print_css = css[css.index("@media print"):]
    assert re.search(r"\.card, \.block,[^{]*\{ break-inside: avoid", print_css)
    assert "break-after: avoid" in print_css


@needs_pdftotext
def test_no_card_tag_lands_on_another_page_than_its_body(analysis):
    view = V.build_view(analysis, "cards")
    pages = pdf_pages(render_view(view, "pdf"))
    for c in view.body.cards:
        head = [i for i, p in enumerate(pages) if f"{c.number} {words(c.tag)}" in p]
        last = [i for i, p in enumerate(pages) if f"{c.number} · ¶" in p]  # the card's last line
        assert head and last and head[-1] == last[0], f"card {c.number} split: tag on p{[h + 1 for h in head]}, end on p{[x + 1 for x in last]}"


@needs_pdftotext
def test_no_block_is_split_from_its_heading_to_its_last_question(analysis):
    view = V.build_view(analysis, "blocks")
    pages = pdf_pages(render_view(view, "pdf"))
    for b in view.body.blocks:
        head = [i for i, p in enumerate(pages) if f"{b.number}. {b.speech} \u2013 AT: {words(b.attack)}" in p]
        tail = words(b.cx[-1], 5) if b.cx else words(b.answers[-1].text, 4)
        end = [i for i in range(len(pages)) if tail in pages[i]]
        assert head and end and head[0] in end, f"block {b.number} split: p{head} to p{end}"


# --------------------------------------------------------------------------- ids


@needs_pdftotext
@pytest.mark.parametrize("kind", STUDENT)
def test_student_handouts_print_no_ids_and_ids_puts_them_back(analysis, kind):
    ids = map_ids(analysis)
    plain = V.build_view(analysis, kind, diagram=kind == "brief" and shutil.which("dot") is not None)
    pdf_text = " ".join(pdf_pages(render_view(plain, "pdf")))
    assert not ids_in(pdf_text, ids), f"{kind}.pdf shows ids"
    assert not ids_in(html_text(render_view(plain, "html")), ids), f"{kind}.html shows ids"
    assert not ids_in(render_view(plain, "md"), ids), f"{kind}.md shows ids"
    for hint in ("--focus", "teacher key", "tag > quote", "in the cards"):
        assert hint not in pdf_text, f"{kind}.pdf points elsewhere: {hint!r}"
    if kind in ("cards", "blocks", "brief"):  # the near miss: a coach's copy names them
        coach = V.build_view(analysis, kind, diagram=False, ids=True)
        assert coach.ids and ids_in(html_text(render_view(coach, "html")), ids)
        assert ids_in(" ".join(pdf_pages(render_view(coach, "pdf"))), ids)


@needs_pdftotext
@pytest.mark.parametrize("kind", ["1ac", "1nc", "reading"])
def test_round_documents_print_no_ids_or_pointers(analysis, kind):
    ids = map_ids(analysis)
    text = " ".join(pdf_pages(render_view(V.build_view(analysis, kind), "pdf")))
    assert text.strip(), f"{kind}.pdf has no text"
    assert not ids_in(text, ids), f"{kind}.pdf shows ids"
    for hint in ("--focus", "teacher key", "tag > quote"):
        assert hint not in text, f"{kind}.pdf points elsewhere: {hint!r}"


def test_ids_option_on_the_cli_and_the_api(tmp_path):
    from click.testing import CliRunner

    from argmap.cli import main

    out = tmp_path / "cards.html"
    r = CliRunner().invoke(main, ["handout", "example", "--kind", "cards", "--ids", "-o", str(out), "--project", str(ROOT)])
    assert r.exit_code == 0, r.output
    a = analyze(resolve_map(Project(ROOT), "example"))
    assert ids_in(html_text(out.read_text()), map_ids(a))


def test_the_coverage_strip_keeps_whole_items(analysis):
    b = V.build_view(analysis, "brief", diagram=False).body
    for g in b.coverage.strip:
        for item in g.items:
            assert not item.rstrip().endswith(("\u2026", "...")), item


# --------------------------------------------------------------------------- blocks


def test_every_block_lists_every_answer_the_map_has_to_its_attack(analysis):
    m = analysis.map
    blocks = V.build_view(analysis, "blocks").body.blocks
    for b in blocks:
        listed = {a.id for a in b.answers}
        for attack in b.attacks:
            if attack not in m.arguments:
                continue
            arg = m.arguments[attack]
            expected = set(m.undercutting_args.get(attack, []))
            for p in arg.premises:
                expected |= set(m.attacking_args.get(p, [])) | set(m.evidence_against.get(p, []))
            assert expected <= listed, f"block {b.number} misses {expected - listed}"
        assert [a.number for a in b.answers] == list(range(1, len(b.answers) + 1))
        assert all(a.type_label for a in b.answers)


def test_blocks_go_deeper_than_one_answer(analysis):
    blocks = V.build_view(analysis, "blocks").body.blocks
    if analysis.id == "carrot-stick":
        assert sum(len(b.answers) >= 3 for b in blocks) >= 5  # the map has 3+ for these; all are listed
        assert sum(len(b.answers) for b in blocks) >= 2 * len(blocks)


def test_no_stock_closing_line_and_extension_lines_from_the_map(analysis):
    blocks = V.build_view(analysis, "blocks").body.blocks
    closing = [t.verdict.split(";")[-1].strip() for b in blocks for t in b.targets]
    assert not any("extend it" in c for c in closing)
    if len(closing) > 2:
        assert max(closing.count(c) for c in closing) <= len(closing) // 2
    for b in blocks:
        if b.outcome != "stands" or any(not a.derived for a in b.answers):
            assert b.extensions, f"block {b.number} has nothing to extend"
        for e in b.extensions:
            assert e.speech in ("1AR / 2AR", "2NR") and e.text
        if b.outcome != "answered":
            assert any(e.kind == "theirs" for e in b.extensions)
    lines = [e.text for b in blocks for e in b.extensions]
    assert len(lines) == len(set(lines))


def test_three_cross_examination_questions_per_block_none_repeated(analysis):
    body = V.build_view(analysis, "blocks").body
    for b in body.blocks:
        assert V.CX_MIN_BLOCK <= len(b.cx) <= V.CX_PER_BLOCK, f"block {b.number}: {len(b.cx)} questions"
    asked = [q for b in body.blocks for q in b.cx] + [q.text for q in body.questions]
    assert len(asked) == len(set(asked)), [q for q in asked if asked.count(q) > 1][:3]
    follow = [q.follow_up for q in body.questions if q.follow_up]
    assert len(follow) == len(set(follow))


def test_a_derived_answer_never_hides_a_missing_one(analysis):
    """Our case's own cards are listed as argmap's suggestion; an attack with no
    written answer still says so (the near miss: the card does not count)."""
    for b in V.build_view(analysis, "blocks").body.blocks:
        written = [a for a in b.answers if not a.derived]
        for t in b.targets:
            if t.outcome == "stands" and not written:
                assert "Write an answer" in t.verdict


# --------------------------------------------------------------------------- cards


@needs_pdftotext
def test_card_numbers_ascend_in_reading_order(analysis):
    view = V.build_view(analysis, "cards")
    order = [c.number for p in view.body.pockets for h in p.hats for blk in h.blocks for c in blk.cards]
    assert order == [f"E{i}" for i in range(1, len(order) + 1)]
    assert [c.number for c in view.body.cards] == order
    text = " ".join(pdf_pages(render_view(view, "pdf")))
    printed = [int(n) for n in re.findall(r"(?<![\w¶])E(\d+) · ¶", text)]
    assert printed == sorted(printed) and len(printed) == len(order)
    # ... and the other handouts point to the same numbers
    assert all(analysis.card_numbers[c.id] == c.number for c in view.body.cards)


def test_the_tag_is_set_larger_than_the_cite():
    lib = (TEMPLATES / "lib.typ").read_text()
    card_def = lib[lib.index("#let card("):lib.index("#let legend-row")]
    tag = float(re.search(r"heading\(level: level[^\n]*?text\(size: ([\d.]+)pt", card_def).group(1))
    cite = float(re.search(r"text\(size: ([\d.]+)pt, weight: 700, lit\(c\.short_cite\)\)", card_def).group(1))
    assert tag > cite > 10  # the body is 10 pt


# --------------------------------------------------------------------------- flow


def test_each_off_case_position_gets_its_own_sheet(analysis):
    b = V.build_view(analysis, "flow").body
    off = [s for s in b.sheets if s.column > 0]
    assert all(len(s.rows) == 1 for s in off)
    assert len({s.title for s in off}) == len(off)


def test_public_forum_flow_names_the_pro_and_con_speeches(analysis):
    b = V.build_view(analysis, "flow", event="pf").body
    assert b.speeches[0] == "Pro constructive" and b.speeches[1] == "Con constructive" and len(b.speeches) == 8
    assert all(sp.startswith(("Pro ", "Con ")) for sp in b.speeches)
    assert "AC" not in b.speeches and "NR" not in b.speeches


def test_flow_text_is_at_least_8_pt_and_html_prints_landscape(analysis):
    sizes = [float(x) for x in re.findall(r"size: ([\d.]+)pt", (TEMPLATES / "flow.typ").read_text())]
    assert sizes and min(sizes) >= 8
    html = render_view(V.build_view(analysis, "flow"), "html")
    assert re.search(r"@page \{ size: letter landscape", html)
    assert "@page { size: letter landscape" not in render_view(V.build_view(analysis, "cards"), "html")


# --------------------------------------------------------------------------- worksheet


def test_worksheet_blanks_are_the_cases_own_moves_and_no_part_repeats(analysis):
    ix_m = analysis.map
    from argmap.render.handouts.common import Index

    ix = Index(analysis)
    ws = V.build_view(analysis, "worksheet").body
    for b in ws.evidence:
        sid = b.id.split(":", 1)[1]
        assert is_case_move(ix, sid) and ix_m.statements[sid].kind is not StatementKind.answer
        assert not any(ix_m.arguments[a].relation is not Relation.support for a in ix_m.premise_of.get(sid, []))
    for b in ws.premise:
        assert ix_m.statements[b.id.split(":", 1)[1]].kind is not StatementKind.answer
    claims = [b.given[0] for b in ws.evidence]
    assert ws.cer.claim is None or f"Claim: {ws.cer.claim}" not in claims
    prompts = [(b.prompt, tuple(b.given)) for b in ws.blanks]
    assert len(prompts) == len(set(prompts))
    if ws.impact.cells:
        assert ws.impact.versus and len(ws.impact.versus_cells) == len(ws.impact.cells) and ws.impact.compare
        assert ws.impact.compare.lines >= 3
    assert not ws.rubric
    key = V.build_view(analysis, "key").body
    assert len(key.rubric) >= 3 and all(r.full and r.partial and r.missing for r in key.rubric)


def test_build_ids_makes_a_coachs_copy_and_a_plain_build_takes_it_back(tmp_project):
    """`build --ids` is part of what the outputs depend on: the next plain build
    remakes the handouts without ids (the near miss: an 'up to date' build that
    kept the coach's copy)."""
    from argmap import api

    tmp_project.write("arguments/example.yaml", (ROOT / "arguments" / "example.yaml").read_text(encoding="utf-8"))
    project = tmp_project.project
    a = analyze(resolve_map(project, "example"))
    cards = project.output_dir / "example" / "example-cards.html"
    assert api.build(project, ids=True).ok
    assert ids_in(html_text(cards.read_text(encoding="utf-8")), map_ids(a))
    report = api.build(project)
    assert report.ok and [m.status for m in report.maps] == ["built"]
    assert not ids_in(html_text(cards.read_text(encoding="utf-8")), map_ids(a))
