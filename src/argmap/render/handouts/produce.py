"""The build producer: all six handouts of a map, as HTML and PDF, into output/<map>/."""

from __future__ import annotations

import threading
from typing import Iterable

from argmap.render.handouts import KINDS


def handout_artifacts(analysis, ctx) -> Iterable:
    """`<map>-<kind>.html` and `<map>-<kind>.pdf` for every kind, from one Analysis;
    the flow uses the map's event (policy when the map names none).

    Each file is keyed by its view model's data (cheap to build) and rendered
    only when the build asks: Typst and the brief's diagram, nearly all of a
    handout's cost, are spent only on handouts whose content changed. The
    diagram is drawn once for both formats of the brief.
    """
    from argmap.core.artifact import Artifact, digest
    from argmap.render.handouts.brief import diagram_svg
    from argmap.render.handouts.html import render_html
    from argmap.render.handouts.pdf import render_pdf
    from argmap.render.handouts.view import build_view

    lock = threading.Lock()
    drawn: list = []
    ids = bool(getattr(ctx, "ids", False))  # `argmap build --ids`: the coach's copy, with the map's ids

    def brief_drawn():
        """The brief's view with its drawing: built once, for the HTML and the PDF alike."""
        with lock:
            if not drawn:
                drawn.append(build_view(analysis, "brief", drawn=diagram_svg(analysis, ids), diagram=False, ids=ids))
            return drawn[0]

    renderers = {"html": render_html, "pdf": render_pdf}
    for kind in KINDS:
        # The brief's view without its drawing stands for it: the drawing shows
        # the thesis and contentions, whose words the view holds.
        view = build_view(analysis, kind, diagram=False, ids=ids)
        data = view.to_json()
        for fmt, render in renderers.items():
            def make(kind=kind, render=render, view=view):
                return render(brief_drawn() if kind == "brief" else view)  # the brief: the same view, with its drawing

            yield Artifact(f"{analysis.id}-{kind}.{fmt}", key=digest("handout", kind, fmt, data), make=make)
