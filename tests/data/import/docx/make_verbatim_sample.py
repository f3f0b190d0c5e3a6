"""Writes verbatim-sample.docx: a small file in Verbatim's layout, built by hand because no
Verbatim-formatted .docx with a licence that allows checking it in was found.

Its style definitions are Verbatim's own: `verbatim-6.0.0-styles.xml` is `word/styles.xml` of
Verbatim 6.0.0's template (`desktop/release/6.0.0/Debate.dotm` of ashtarcommunications/verbatim,
GPL-3.0), put in place of python-docx's after the document is written. So the file carries
Verbatim's style ids, names and aliases: Heading 1-4 (Pocket, Hat, Block, Tag), the character
styles "Style 13 pt Bold" (Cite), "Style Underline" (Underline) and Emphasis; highlighting is
direct formatting, as in Verbatim. It also has what real cards do that argmap's own export never
writes: an underline with gaps, a cite with a full date and a URL, an analytic, two pockets.

    .venv/bin/python tests/data/import/docx/make_verbatim_sample.py
"""

import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX


def main() -> None:
    d = docx.Document()
    styles = d.styles
    for name in ("Style 13 pt Bold", "Style Underline"):
        if name not in [s.name for s in styles]:
            st = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
            st.font.bold = name.startswith("Style 13")
            st.font.underline = name == "Style Underline"
    if "Emphasis" not in [s.name for s in styles]:
        styles.add_style("Emphasis", WD_STYLE_TYPE.CHARACTER)

    def run(p, text, style=None, highlight=False):
        r = p.add_run(text, style=style)
        if highlight:
            r.font.highlight_color = WD_COLOR_INDEX.YELLOW
        return r

    d.add_paragraph("Sanctions file - Camp 2024")  # a title: outside any card
    d.add_paragraph("1NC", style="Heading 1")
    d.add_paragraph("Case", style="Heading 2")
    d.add_paragraph("Sanctions do not work", style="Heading 3")
    d.add_paragraph("Sanctions leak through neighbours", style="Heading 4")
    cite = d.add_paragraph()
    run(cite, "Smith 21", "Style 13 pt Bold")
    run(cite, " [John Smith, Professor of Economics at Example University, March 3, 2021, "
              "\u201cWhy sanctions leak\u201d, Journal of Examples, https://example.org/sanctions]")
    body = d.add_paragraph()
    run(body, "Most studies agree on one thing. ")
    run(body, "Sanctions leak because neighbouring states keep trading", "Style Underline")
    run(body, " across long, porous borders, ")
    run(body, "and ", "Style Underline")
    run(body, "enforcement is ", "Style Underline", highlight=True)
    run(body, "weak", "Emphasis", highlight=True)
    run(body, " in most of them.")
    body2 = d.add_paragraph()
    run(body2, "Even ", "Style Underline")
    run(body2, "strong coalitions fail", "Style Underline", highlight=True)
    run(body2, " when one big trader stays out.")
    d.add_paragraph("Their evidence predates the 2020 rules (analytic)", style="Heading 4")
    d.add_paragraph("Neg - Disadvantages", style="Heading 1")
    d.add_paragraph("Relations", style="Heading 2")
    d.add_paragraph("Talks reward provocations", style="Heading 3")
    d.add_paragraph("Concessions invite more tests", style="Heading 4")
    cite = d.add_paragraph()
    run(cite, "Lee 19", "Style 13 pt Bold")
    run(cite, " [Ana Lee, analyst, 2019, \u201cTesting the waters\u201d]")
    body = d.add_paragraph()
    run(body, "Each round of talks was followed by a new test", "Style Underline", highlight=True)
    run(body, ", the record shows.")
    d.core_properties.title = "Sanctions file"
    out = Path(__file__).with_name("verbatim-sample.docx")
    d.save(out)
    use_verbatim_styles(out, Path(__file__).with_name("verbatim-6.0.0-styles.xml"))


def use_verbatim_styles(path: Path, styles: Path) -> None:
    """Put Verbatim's styles.xml in place of python-docx's (the style ids used above are the same)."""
    with zipfile.ZipFile(path) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info, styles.read_bytes() if info.filename == "word/styles.xml" else data)


if __name__ == "__main__":
    main()
