"""Posters: the whole map on one large sheet, or tiled onto small ones.

`plan_poster` chooses the scale: as large as fits the sheet, and never below
the legibility rule (BODY_MIN_PT for the smallest body text); a map too large
for one sheet at that scale spans several sheets of the poster's paper.
`plan_tiles` cuts the same drawing, at the poster's scale, into Letter or A4
sheets that overlap by TILE_OVERLAP, each named by row letter and column
number, with cut marks and the line the next sheet is laid on. Both are
typeset by Typst (`templates/diagram/poster.typ`) placing the one drawing
(Graphviz's PDF) at an offset on each sheet.
"""

from __future__ import annotations

import json
import math
import string
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from argmap.core import children
from argmap.render.diagram.graphviz import fixed_pdf_date
from argmap.render.diagram.style import (BODY_MIN_PT, BODY_PT, PAPER, POSTER_MARGIN, POSTER_PAPER, TILE_MARGIN, TILE_OVERLAP)
from argmap.render.diagram.text import clean_text

POSTER_MAX_SCALE = 2.0
FOOTER_ROOM = 14.0


@dataclass
class Sheets:
    scale: float
    landscape: bool
    cols: int
    rows: int
    page: tuple[float, float]  # the sheet, points, as printed
    box: tuple[float, float]  # the drawing's box on it
    margin: float
    overlap: float

    @property
    def count(self) -> int:
        return self.cols * self.rows

    def smallest_pt(self) -> float:
        return BODY_PT * self.scale


def _grid(size: float, box: float, overlap: float) -> int:
    return 1 if size <= box + 1e-6 else math.ceil((size - overlap) / (box - overlap))


def _sheets(width: float, height: float, paper: tuple[float, float], margin: float, overlap: float, scale: float | None) -> Sheets:
    best = None
    floor = BODY_MIN_PT / BODY_PT
    for landscape in (False, True):
        pw, ph = (paper[1], paper[0]) if landscape else paper
        bw, bh = pw - 2 * margin, ph - 2 * margin - FOOTER_ROOM
        s = scale if scale is not None else min(POSTER_MAX_SCALE, bw / width, bh / height)
        if s < floor:
            s = floor
        cols, rows = _grid(width * s, bw, overlap), _grid(height * s, bh, overlap)
        cand = Sheets(s, landscape, cols, rows, (pw, ph), (bw, bh), margin, overlap if cols * rows > 1 else 0.0)
        if best is None or (cand.count, -cand.scale) < (best.count, -best.scale):
            best = cand
    return best


def plan_poster(width: float, height: float, paper: str = "arch-d") -> Sheets:
    """The poster's sheets for a drawing of natural size width x height (points)."""
    return _sheets(width, height, POSTER_PAPER[paper], POSTER_MARGIN, TILE_OVERLAP, None)


def plan_tiles(width: float, height: float, scale: float, paper: str = "letter") -> Sheets:
    """The drawing at `scale` (the poster's) cut into overlapping Letter or A4 sheets."""
    return _sheets(width, height, PAPER[paper], TILE_MARGIN, TILE_OVERLAP, scale)


def _row_name(i: int) -> str:
    letters = string.ascii_uppercase
    return letters[i] if i < 26 else letters[i // 26 - 1] + letters[i % 26]


def template() -> str:
    return resources.files("argmap").joinpath("templates/diagram/poster.typ").read_text(encoding="utf-8")


def render_poster(drawing: bytes, width: float, height: float, sheets: Sheets, *, title: str, caption: str, typesetter) -> bytes:
    """The drawing (Graphviz's PDF, or SVG; natural size width x height) on `sheets`, typeset by Typst.
    A PDF is embedded once however many sheets show it (an SVG is converted
    again for each: 12 MB of tiles for the op-ed map, against 1.2 MB)."""
    iw, ih = width * sheets.scale, height * sheets.scale
    bw, bh = sheets.box
    step_w, step_h = bw - sheets.overlap, bh - sheets.overlap
    tiles = []
    for r in range(sheets.rows):
        for c in range(sheets.cols):
            dx = (bw - iw) / 2 if sheets.cols == 1 else -c * step_w
            dy = (bh - ih) / 2 if sheets.rows == 1 else -r * step_h
            tiles.append({"dx": round(dx, 2), "dy": round(dy, 2), "row": r + 1, "col": c + 1, "row_name": _row_name(r),
                          "name": f"{_row_name(r)}{c + 1}"})
    kind = "pdf" if drawing.startswith(b"%PDF") else "svg"
    plan = {"file": f"drawing.{kind}", "image_w": round(iw, 2), "image_h": round(ih, 2), "page_w": sheets.page[0], "page_h": sheets.page[1],
            "margin": sheets.margin, "box_w": round(bw, 2), "box_h": round(bh, 2), "overlap": sheets.overlap,
            "cols": sheets.cols, "rows": sheets.rows, "row_names": [_row_name(r) for r in range(sheets.rows)],
            "tiles": tiles, "caption": clean_text(caption) + f" · printed at {sheets.scale:.0%}"}
    with children.temp_dir(prefix="argmap-poster-") as tmp:
        Path(tmp, f"drawing.{kind}").write_bytes(fixed_pdf_date(drawing) if kind == "pdf" else drawing)
        return typesetter.compile(tmp, {"plan": json.dumps(plan), "title": clean_text(title)}, template=template())
