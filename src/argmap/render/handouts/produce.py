"""The build producer: all six handouts of a map, as HTML and PDF, into output/<map>/."""

from __future__ import annotations

from typing import Iterable

from argmap.render.handouts import KINDS


def handout_artifacts(analysis, ctx) -> Iterable:
    """`<map>-<kind>.html` and `<map>-<kind>.pdf` for every kind, from one Analysis;
    the flow uses the map's event (policy when the map names none). The
    diagram is drawn once."""
    from argmap.core.artifact import Artifact
    from argmap.render.handouts.brief import diagram_svg
    from argmap.render.handouts.html import render_html
    from argmap.render.handouts.pdf import render_pdf
    from argmap.render.handouts.view import build_view

    drawn = diagram_svg(analysis)
    for kind in KINDS:
        view = build_view(analysis, kind, drawn=drawn if kind == "brief" else None, diagram=False)
        yield Artifact(f"{analysis.id}-{kind}.html", render_html(view))
        yield Artifact(f"{analysis.id}-{kind}.pdf", render_pdf(view))
