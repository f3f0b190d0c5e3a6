"""Debate handouts: one typed view model per kind, rendered as HTML, PDF or Markdown.

    from argmap.analyze.analysis import analyze
    from argmap.render.handouts import render_handout
    data = render_handout(analyze(rmap), "cards", "pdf")          # bytes

The view models (`argmap.render.handouts.view` and the module of each kind)
hold every debate decision as typed data built from the Analysis; the
renderers (`html`, `pdf`, `markdown`) only lay it out.
"""

from __future__ import annotations

KINDS = ("brief", "cards", "blocks", "flow", "worksheet", "key")
FORMATS = ("html", "pdf", "md")
# The round documents (argmap.render.handouts.speech, shells, reading) and their formats;
# their .docx is written by argmap.export.speechdoc from the view model's data.
ROUND_KINDS = {"1ac": ("pdf", "docx"), "1nc": ("pdf", "docx"), "reading": ("html", "pdf")}
EVENTS = ("policy", "pf", "ld")


def render_handout(analysis, kind: str, fmt: str, *, event: str | None = None, diagram: bool = True,
                   source: str | None = None, ids: bool = False) -> bytes | str:
    """Build the view model for `kind` from an Analysis and render it in `fmt` (html, pdf or md;
    for the round documents, ROUND_KINDS says which: the .docx is argmap.export.speechdoc's);
    `ids`: print the map's ids beside what they name (for the coach; students get none)."""
    from argmap.render.handouts.view import build_view

    if kind in ROUND_KINDS:
        if fmt not in ROUND_KINDS[kind] or fmt == "docx":
            raise ValueError(f"the {kind} handout is written as {' or '.join(ROUND_KINDS[kind])}, not {fmt}"
                             + (" (argmap.export.speechdoc writes the .docx)" if fmt == "docx" else ""))
        return render_view(build_view(analysis, kind, event=event, source=source), fmt)
    if fmt not in FORMATS:
        raise ValueError(f"unknown handout format {fmt!r}; choose one of {', '.join(FORMATS)}")
    view = build_view(analysis, kind, event=event, diagram=diagram and fmt != "md", ids=ids)
    return render_view(view, fmt)


def render_view(view, fmt: str) -> bytes | str:
    if fmt == "html":
        from argmap.render.handouts.html import render_html

        return render_html(view)
    if fmt == "pdf":
        from argmap.render.handouts.pdf import render_pdf

        return render_pdf(view)
    if fmt == "md":
        from argmap.render.handouts.markdown import render_markdown

        return render_markdown(view)
    raise ValueError(f"unknown handout format {fmt!r}; choose one of {', '.join(FORMATS)}")
