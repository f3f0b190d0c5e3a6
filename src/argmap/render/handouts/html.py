"""Render a handout view model to one self-contained HTML file (Jinja2, autoescaped).

Every value from the view model is escaped by Jinja2's autoescape; the only
markup not written by the templates is the diagram, embedded as an `<img>` with
a data: URI so that nothing inside the SVG can run in the page.
"""

from __future__ import annotations

import base64
from functools import lru_cache

TEMPLATE_FOR = {"brief": "brief.html.j2", "cards": "cards.html.j2", "blocks": "blocks.html.j2", "flow": "flow.html.j2",
                "worksheet": "worksheet.html.j2", "key": "worksheet.html.j2", "reading": "reading.html.j2"}


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("argmap", "templates/handouts"),
        autoescape=True,  # every template, whatever its file name
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(view) -> str:
    """The typed view model laid out by its kind's template (`h`: the header, `b`: the body)."""
    svg = view.body.diagram_svg if view.kind == "brief" else None
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii") if svg else None
    template = environment().get_template(TEMPLATE_FOR[view.kind])
    return template.render(h=view.header, b=view.body, wpm=view.wpm, wide=view.kind == "flow", diagram_uri=uri,
                           ids=view.ids)
