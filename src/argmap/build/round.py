"""The build producer of the round documents: the 1AC and the 1NC shells (PDF
and Verbatim .docx) and a numbered reading of each source the map quotes
(HTML and PDF), into output/<map>/.

It sits in the build stage because the .docx is written by
`argmap.export.speechdoc` from a view model of `argmap.render.handouts`:
the two stages do not import each other. Each file is keyed by its view
model's data and made only when the build asks.
"""

from __future__ import annotations

from typing import Iterable


def round_artifacts(analysis, ctx) -> Iterable:
    """`<map>-1ac.pdf|docx`, `<map>-1nc.pdf|docx`, `<map>-reading-<source>.html|pdf`."""
    from argmap.core.artifact import Artifact, digest
    from argmap.export import speechdoc
    from argmap.render.handouts import render_view
    from argmap.render.handouts.common import used_sources
    from argmap.render.handouts.view import build_view

    views = [(f"{analysis.id}-{kind}", build_view(analysis, kind), ("pdf", "docx")) for kind in ("1ac", "1nc")]
    for sid in used_sources(analysis.map):
        if sid in analysis.map.source_texts:
            views.append((f"{analysis.id}-reading-{sid}", build_view(analysis, "reading", source=sid), ("html", "pdf")))
    for stem, view, formats in views:
        data = view.to_json()
        for fmt in formats:
            if fmt == "docx":
                def make(view=view):
                    return speechdoc.render(view.to_data())
            else:
                def make(view=view, fmt=fmt):
                    return render_view(view, fmt)
            yield Artifact(f"{stem}.{fmt}", key=digest("round", view.kind, fmt, data), make=make)
