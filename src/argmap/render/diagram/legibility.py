"""How legible a diagram output is, measured from the file itself.

`measure(name, data)` reads an output (SVG, PNG's companion layout, PDF) and
gives its pages, the smallest body text at its intended scale (points as
printed for a PDF; pixels at 100 % for a PNG; points at 100 % for an SVG) and
the median share of each page the drawing's boxes (claims, cards) cover as
printed. Body text is what a reader
reads: claims and card quotes, set at BODY_PT or more in the drawing; labels
(a box's kind, the key) are smaller by design and not counted.

For a PDF the figures come from the plan the PDF was made from (`Figures`,
filled in by the renderers), since a PDF's pages are images of Graphviz
drawings scaled by Typst.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass
class Figures:
    name: str
    pages: int
    smallest: float  # body text at the intended scale
    unit: str  # "pt" (print) or "px" (screen at 100 %)
    fill: float  # median share of a page the drawing covers (1.0 for a picture)


def boxes_area(plain: bytes) -> float:
    """The area of a drawing's boxes (claims, cards, the title block not counted), in square points, from `dot -Tplain`."""
    total = 0.0
    for row in plain.decode("utf-8", "replace").splitlines():
        if row.startswith("node "):
            parts = row.split(" ", 6)
            total += float(parts[4]) * float(parts[5]) * 72.0 * 72.0
    return total


def page_figures(name: str, placements: list[tuple[float, float, float, float, float]], body_pt: float,
                 areas: list[float] | None = None) -> Figures:
    """placements: per page (drawing width, height, scale, box width, box height), points.
    areas: per page, the area its boxes cover at natural size (`boxes_area`); the
    fill is then the share of the printable page those boxes cover as printed,
    else the share its drawing's bounding box covers."""
    if areas is not None:
        fills = [min(1.0, a * s * s / (bw * bh)) for a, (_, _, s, bw, bh) in zip(areas, placements)]
    else:
        fills = [min(1.0, (w * s) * (h * s) / (bw * bh)) for w, h, s, bw, bh in placements]
    smallest = min(body_pt * s for _, _, s, _, _ in placements)
    return Figures(name, len(placements), smallest, "pt", statistics.median(fills) if fills else 0.0)


def figures(analysis, *, options: bool = True) -> list[Figures]:
    """The figures of every diagram output the build makes for one map, computed
    from the layouts (font size x the scale each is printed or shown at)."""
    from argmap.render.diagram import (BODY_PT, PNG_DPI, PNG_MAX_PX, Graphviz, Page, _overview, overview_fit,
                                       paginate, png_fits_screen, png_scale, to_dot)
    from argmap.render.diagram.graphviz import plain_size
    from argmap.render.diagram.outline import O_ATTACK_PT
    from argmap.render.diagram.sheets import plan_poster, plan_tiles
    from argmap.render.diagram.style import FOOTER, MARGIN, MIN_SCALE, PAPER

    rmap = analysis.map
    out: list[Figures] = []

    def box(page: Page, paper: str = "letter") -> tuple[float, float, float, float, float]:
        landscape, scale = page.placement(paper)
        short, long = PAPER[paper]
        w, h = (long, short) if landscape else (short, long)
        if scale < MIN_SCALE:  # printed on a larger sheet at MIN_SCALE (render_pdf)
            return page.width, page.height, MIN_SCALE, page.width * MIN_SCALE, page.height * MIN_SCALE
        return page.width, page.height, scale, w - 2 * MARGIN, h - 2 * MARGIN - FOOTER

    with Graphviz() as gv:
        source, drawn = _overview(analysis, gv, paper="letter", ids=False)
        ow, oh = plain_size(drawn["plain"])
        out.append(page_figures(f"{rmap.id}-overview.pdf", [box(Page(source, ow, oh))], O_ATTACK_PT, [boxes_area(drawn["plain"])]))
        out.append(Figures(f"{rmap.id}-overview.png", 1, O_ATTACK_PT * png_scale(ow, oh), "px", 1.0))
        out.append(Figures(f"{rmap.id}-overview.svg", 1, O_ATTACK_PT, "pt", 1.0))
        whole = to_dot(rmap)
        whole_plain = gv.run(whole, ["plain"])["plain"]
        w, h = plain_size(whole_plain)
        if png_fits_screen(w, h):
            out.append(Figures(f"{rmap.id}.png", 1, BODY_PT * min(PNG_DPI / 72, PNG_MAX_PX[0] / w, PNG_MAX_PX[1] / h), "px", 1.0))
        out.append(Figures(f"{rmap.id}.svg", 1, BODY_PT, "pt", 1.0))
        views = [("", {})]
        if options:
            views += [(f"-option-{oid}", {"option": oid}) for oid in rmap.options
                      if any(st.option == oid for st in rmap.statements.values())]
        for suffix, opts in views:
            pages = paginate(rmap, gv=gv, **opts)
            areas = [boxes_area(o["plain"]) for o in gv.run_many([p.dot for p in pages], ["plain"])]
            found = page_figures(f"{rmap.id}{suffix}.pdf", [box(p) for p in pages], BODY_PT, areas)
            found.pages += len(pages) > 1  # and the key page (`key.py`)
            out.append(found)
        from argmap.render.diagram.wall import poster_dot

        wall_plain = gv.run(poster_dot(analysis), ["plain"])["plain"]  # the poster's own layout
        w, h = plain_size(wall_plain)
        wall_area = boxes_area(wall_plain)
        for name, sheets in (("poster", plan_poster(w, h)), ("poster-letter", None)):
            if sheets is None:
                sheets = plan_tiles(w, h, plan_poster(w, h).scale)
            fill = wall_area * sheets.scale ** 2 / (sheets.count * sheets.box[0] * sheets.box[1])
            out.append(Figures(f"{rmap.id}-{name}.pdf", sheets.count, BODY_PT * sheets.scale, "pt", min(1.0, fill)))
    return out
