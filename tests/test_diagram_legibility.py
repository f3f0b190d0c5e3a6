"""The legibility rule over the seed maps' diagram outputs: no body text
smaller than BODY_MIN_PT printed or BODY_MIN_PX on screen (computed from the
layouts: font size x the scale each output is printed or shown at)."""

from __future__ import annotations

import shutil

import pytest

from argmap import api
from argmap.render import diagram
from argmap.render.diagram.legibility import figures

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@needs_dot
@pytest.mark.parametrize("name", ["example", "carrot-stick"])
def test_every_diagram_output_of_the_seed_maps_is_legible(repo_project, name):
    found = figures(api.analyze_map(repo_project, name), options=name == "example")
    names = {f.name for f in found}
    assert {f"{name}-overview.pdf", f"{name}-poster.pdf", f"{name}-poster-letter.pdf", f"{name}.pdf"} <= names
    small = [(f.name, round(f.smallest, 2), f.unit) for f in found
             if f.smallest < (diagram.BODY_MIN_PT if f.unit == "pt" else diagram.BODY_MIN_PX) - 0.05]
    assert not small
    overview = next(f for f in found if f.name == f"{name}-overview.pdf")
    assert overview.pages == 1


@needs_dot
def test_a_map_too_large_for_a_screen_gets_no_shrunken_png(repo_project):
    rmap = api.resolve_map(repo_project, "carrot-stick")
    assert not diagram.png_fits_screen(*diagram.layout_size(diagram.to_dot(rmap)))
    a_small_one = api.resolve_map(repo_project, "example")
    assert diagram.png_fits_screen(*diagram.layout_size(diagram.to_dot(a_small_one)))


def test_quotes_inside_a_card_are_printed_once():
    from argmap.render.diagram.dot import nested_quotes

    assert nested_quotes('would invite “more powerful follow-up measures.”') == "would invite ‘more powerful follow-up measures.’"
    assert nested_quotes('invite "more measures."') == "invite ‘more measures.’"
    assert nested_quotes("no quotes, it’s fine") == "no quotes, it’s fine"


@needs_dot
def test_argmap_diagram_draws_the_overview_poster_and_tiles(repo_project):
    from pathlib import Path

    overview = api.diagram(repo_project, "carrot-stick", view="overview", format="svg").decode("utf-8")
    # The brief's contentions, numbered as its outline, and the attacks' status; no ids unless asked.
    assert "Aggression alone ends in" in overview and "STANDING" in overview and "ANSWERED" in overview
    assert "mix&#45;best" not in overview  # (Graphviz writes "-" as &#45;)
    assert "mix&#45;best" in api.diagram(repo_project, "carrot-stick", view="overview", format="svg", ids=True).decode("utf-8")
    tiles = api.diagram(repo_project, "example", view="tiles", paper="a4")
    poster = api.diagram(repo_project, "example", view="poster", paper="a1")
    assert tiles.startswith(b"%PDF") and poster.startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        import re
        import subprocess

        def pages_and_size(pdf: bytes) -> tuple[int, float, float]:
            out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True).stdout.decode()
            w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", out).groups()
            return int(re.search(r"Pages:\s+(\d+)", out).group(1)), float(w), float(h)

        assert pages_and_size(poster)[0] == 1 and sorted(pages_and_size(poster)[1:]) == pytest.approx([1683.8, 2383.9], abs=1)
        n, w, h = pages_and_size(tiles)
        assert n > 1 and sorted((w, h)) == pytest.approx([595.3, 841.9], abs=1)  # the (ARCH D) poster at its scale, on A4 sheets


@needs_dot
@pytest.mark.parametrize("name", ["example", "carrot-stick"])
def test_the_poster_is_one_sheet_and_keeps_every_statement_and_relation(repo_project, name):
    from argmap.render.diagram.sheets import plan_poster
    from argmap.render.diagram.wall import poster_dot

    analysis = api.analyze_map(repo_project, name)
    source = poster_dot(analysis)
    for sid in analysis.map.statements:
        assert f'"s:{sid}" [' in source, sid
    for aid in analysis.map.arguments:  # each support or attack an edge (from its junction, or from each premise)
        assert f'id="r-{aid}"' in source or f'id="r-{aid}-' in source, aid
    assert "Chatterji 23 ¶" in source or name == "example"  # cards as chips: number and short cite, not their quotes
    sheets = plan_poster(*diagram.layout_size(source))  # the default paper, ARCH D
    assert sheets.count == 1 and sheets.smallest_pt() >= diagram.BODY_MIN_PT - 1e-9


def test_a_poster_a_little_too_large_takes_more_sheets_rather_than_shrinking():
    from argmap.render.diagram.sheets import plan_poster

    floor = diagram.BODY_MIN_PT / diagram.BODY_PT
    box_w, box_h = 2592 - 72, 1728 - 72 - 14  # ARCH D landscape, less margins and footer
    fits = plan_poster(box_w / floor * 0.99, box_h / floor * 0.99)
    assert fits.count == 1 and fits.scale >= floor
    near_miss = plan_poster(box_w / floor * 1.03, box_h / floor * 0.99)
    assert near_miss.count == 2 and near_miss.scale == pytest.approx(floor)
    assert near_miss.smallest_pt() == pytest.approx(diagram.BODY_MIN_PT)


@needs_dot
def test_a_poster_on_several_sheets_says_so():
    big = 'digraph { n [shape=box, fixedsize=true, width=60, height=10, label="x"] }'
    notes: list[str] = []
    pdf = diagram.poster(None, source=big, title="Big", notes=notes)
    assert pdf.startswith(b"%PDF") and len(notes) == 1 and "2 sheets" in notes[0] and "7 pt" in notes[0]
    small: list[str] = []
    diagram.poster(None, source='digraph { n [label="x"] }', title="Small", notes=small)
    assert small == []
