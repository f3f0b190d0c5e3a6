"""PDF: diagram pages put on paper by Typst.

The layout is the template `argmap/templates/diagram/pages.typ`; everything
from the map reaches it through `sys.inputs`, never as markup. A `Typesetter`
holds the fonts Typst found (scanned once, then shared by every PDF it lays
out), so a build that writes several diagram PDFs scans the fonts once.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from pathlib import Path
from typing import Sequence

from argmap.core import children
from argmap.render.diagram.graphviz import Graphviz, failed, fixed_pdf_date
from argmap.render.diagram.pages import Page
from argmap.render.diagram.style import FOOTER, MARGIN, MIN_SCALE
from argmap.render.diagram.text import clean_text


def template() -> str:
    return resources.files("argmap").joinpath("templates/diagram/pages.typ").read_text(encoding="utf-8")


class Typesetter:
    """Typst with its fonts scanned once (the scan is the slow part of a small PDF)."""

    def __init__(self) -> None:
        self._fonts = None
        self._lock = threading.Lock()
        self._template = template()

    def fonts(self):
        import typst  # a dependency; imported here so `argmap --help` stays fast

        with self._lock:
            if self._fonts is None:
                self._fonts = typst.Fonts()  # the system's fonts and Typst's own, once
            return self._fonts

    def compile(self, folder: str, inputs: dict[str, str], template: str | None = None) -> bytes:
        """`template` (Typst source): else the diagram pages' template."""
        import typst

        main = Path(folder, "diagram.typ")
        main.write_text(self._template if template is None else template, encoding="utf-8")
        try:
            return typst.compile(str(main), root=folder, sys_inputs=inputs, pdf_tags=False, font_paths=self.fonts())
        except typst.TypstError as exc:  # the compiler's message
            raise failed("Typst (placing diagram pages on paper)", str(exc)) from exc


def render_pdf(pages: Sequence[Page], *, title: str, paper: str = "letter", gv: Graphviz | None = None,
               typesetter: Typesetter | None = None, keyed: bool = False) -> bytes:
    """Put diagram pages on paper with Typst: each page scaled to fit, turned when
    that is larger, never below MIN_SCALE unless a single level cannot fit.

    gv: the `Graphviz` that draws a page not drawn yet; typesetter: a shared
    `Typesetter` (else one for this PDF). keyed: the last page is the key
    (`key.py`), and every page's footer says so."""
    typesetter = typesetter if typesetter is not None else Typesetter()
    entries = []
    missing = [page for page in pages if page.pdf is None]
    if missing:
        own = gv is None
        gv = gv if gv is not None else Graphviz()
        try:
            drawn = gv.run_many([page.dot for page in missing], ["pdf"])
        finally:
            if own:
                gv.close()
        for page, out in zip(missing, drawn):
            page.pdf = out["pdf"]
    with children.temp_dir(prefix="argmap-pdf-") as tmp:
        for i, page in enumerate(pages, 1):
            name = f"page-{i}.pdf"
            Path(tmp, name).write_bytes(fixed_pdf_date(page.pdf))
            landscape, scale = page.placement(paper)
            entry = {"file": name, "width": round(page.width * scale, 2), "landscape": landscape}
            if scale < MIN_SCALE:  # one argument wider than the paper: a larger sheet at MIN_SCALE, never smaller text
                scale = MIN_SCALE
                entry.update(width=round(page.width * scale, 2), page_w=round(page.width * scale + 2 * MARGIN, 2),
                             page_h=round(page.height * scale + 2 * MARGIN + FOOTER, 2))
            entries.append(entry)
        inputs = {"pages": json.dumps(entries), "title": clean_text(title), "paper": "us-letter" if paper == "letter" else "a4",
                  "margin": str(MARGIN), "footer": str(FOOTER), "key": str(len(pages)) if keyed else ""}
        return typesetter.compile(tmp, inputs)
