"""The build producer: all six handouts of a map, as HTML and PDF, into output/<map>/."""

from __future__ import annotations

from typing import Iterable

from argmap.render.handouts import KINDS


def handout_artifacts(rmap, ctx) -> Iterable:
    """`<map>-<kind>.html` and `<map>-<kind>.pdf` for every kind; the flow uses the
    map's event (policy when the map names none). The diagram is drawn once."""
    from argmap.core.artifact import Artifact
    from argmap.render.handouts.html import render_html
    from argmap.render.handouts.pdf import render_pdf
    from argmap.render.handouts.view import build_view, diagram_svg, svg_aspect

    diagram = diagram_svg(rmap)
    for kind in KINDS:
        view = build_view(rmap, kind, diagram=False)
        if kind == "brief":
            view.body["diagram_svg"], view.body["diagram_note"] = diagram
            view.body["diagram_aspect"] = svg_aspect(diagram[0])
        yield Artifact(f"{rmap.id}-{kind}.html", render_html(view))
        yield Artifact(f"{rmap.id}-{kind}.pdf", render_pdf(view))
