"""Render a handout view model to PDF with Typst.

The view model goes to Typst as JSON in `sys.inputs` and the templates read it
with `json(bytes(sys.inputs.at("data")))`: no text from a claim file is ever
pasted into Typst source, so nothing needs escaping and every character
reaches the PDF literally. PDFs are tagged (Typst's default) and reproducible:
the creation date is fixed (SOURCE_DATE_EPOCH when set, else a constant).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from argmap.core.diagnostics import ArgmapError
from argmap.core.reproducible import timestamp

TEMPLATE_FOR = {"brief": "brief.typ", "cards": "cards.typ", "blocks": "blocks.typ", "flow": "flow.typ",
                "worksheet": "worksheet.typ", "key": "worksheet.typ",
                "1ac": "speech.typ", "1nc": "shells.typ", "reading": "reading.typ"}


def templates_dir() -> Path:
    return Path(str(resources.files("argmap") / "templates" / "handouts"))


def fonts_dir() -> Path:
    return Path(str(resources.files("argmap") / "assets" / "fonts"))


@lru_cache(maxsize=1)
def _fonts():
    """Typst's embedded fonts (Libertinus Serif, New Computer Modern, DejaVu Sans
    Mono), any bundled in assets/fonts, and system fonts as a fallback for
    scripts those do not cover. Found once per process."""
    import typst

    paths = [str(fonts_dir())] if fonts_dir().is_dir() else []
    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True, font_paths=paths)


def render_pdf(view) -> bytes:
    """The view model as PDF bytes."""
    import typst

    tdir = templates_dir()
    template = tdir / TEMPLATE_FOR[view.kind]
    try:
        compiler = typst.Compiler(str(template), root=str(tdir), font_paths=_fonts(), sys_inputs={"data": view.to_json()})
        return compiler.compile(format="pdf", timestamp=timestamp())
    except typst.TypstError as exc:  # a template bug, or text Typst cannot lay out
        from argmap.core.diagnostics import Diagnostic, Location

        message = getattr(exc, "message", str(exc)).splitlines()[0] if str(exc) else "Typst failed"
        raise ArgmapError([Diagnostic("E501", f"could not render the {view.kind} handout as PDF: {message}",
                                      Location(view.header.map_id),
                                      hint="this is a bug in argmap's handout templates; please report it with the claim file")]) from exc
