"""A 3,000-character word breaks across lines in the PDF handouts instead of
running off the page (issue 13, defect 15). The handouts are laid out by the
same Typst templates as SVG, and every glyph must sit inside the page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

_NUM = r"[-\d.e]+"


def max_glyph_x(svg: str) -> tuple[float, float]:
    """The right-most glyph position and the page width, in points."""
    root = ET.fromstring(svg)
    width = float(root.get("viewBox").split()[2])
    best = 0.0

    def walk(el, ox: float, sx: float) -> None:
        nonlocal best
        t = el.get("transform") or ""
        m = re.match(rf"translate\(({_NUM})[ ,]+({_NUM})\)", t)
        if m:
            ox += sx * float(m.group(1))
        m = re.match(rf"matrix\(({_NUM})[ ,]+{_NUM}[ ,]+{_NUM}[ ,]+{_NUM}[ ,]+({_NUM})[ ,]+{_NUM}\)", t)
        if m:
            ox, sx = ox + sx * float(m.group(2)), sx * float(m.group(1))
        if el.tag.endswith("use"):
            best = max(best, ox + sx * float(el.get("x") or 0))
        if not el.tag.endswith(("defs", "symbol")):
            for child in el:
                walk(child, ox, sx)

    walk(root, 0.0, 1.0)
    return best, width


@pytest.mark.parametrize("kind", ["cards", "flow"])
def test_a_very_long_word_stays_on_the_page(tmp_project, minimal_map, kind):
    typst = pytest.importorskip("typst")
    from argmap.analyze.analysis import analyze
    from argmap.api import resolve_map
    from argmap.render.handouts import pdf
    from argmap.render.handouts.view import build_view

    word = "x" * 3000
    tmp_project.claim("m.yaml", minimal_map.replace("The embargo has not stopped", f"The embargo {word} has not stopped"))
    view = build_view(analyze(resolve_map(tmp_project.project, "m")), kind, diagram=False)
    tdir = pdf.templates_dir()
    compiler = typst.Compiler(str(tdir / pdf.TEMPLATE_FOR[kind]), root=str(tdir), font_paths=pdf._fonts(),
                              sys_inputs={"data": view.to_json()})
    pages = compiler.compile(format="svg")
    pages = [pages] if isinstance(pages, bytes) else pages
    for page in pages:
        right, width = max_glyph_x(page.decode("utf-8"))
        assert right < width, f"a glyph at x={right:.0f} pt on a page {width:.0f} pt wide"
