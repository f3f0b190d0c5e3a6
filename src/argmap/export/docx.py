"""The map's evidence as a Word file in the Verbatim layout (`argmap export --format docx`).

Verbatim, the Word template most policy and LD debaters use, outlines a file in
four heading levels and marks a card with a few character styles; speech
documents, caselist wikis and card-search tools parse exactly these. The file
uses the same style names (Word's built-in names, with Verbatim's aliases):

| level or mark                    | Word style (alias)                  | style id        |
| -------------------------------- | ----------------------------------- | --------------- |
| pocket: the side                 | Heading 1 (Pocket)                  | Heading1        |
| hat: the stock issue             | Heading 2 (Hat)                     | Heading2        |
| block: the claim                 | Heading 3 (Block)                   | Heading3        |
| tag: the card's tag, an analytic | Heading 4 (Tag)                     | Heading4        |
| cite, body                       | Normal (Normal/Card)                | Normal          |
| last name and year in the cite   | Style 13 pt Bold (Cite), character  | Style13ptBold   |
| the quoted words                 | Style Underline (Underline), char.  | StyleUnderline  |
| the words read aloud             | direct yellow highlighting          | (w:highlight)   |
| key words                        | Emphasis, character                 | Emphasis        |
| unread context                   | Normal, direct 8 pt                 | (w:sz 16)       |

A card is three kinds of paragraph, Verbatim's one-line-cite layout: the tag
(Heading 4), the cite (short cite in the Cite style, the rest plain, in
brackets), and the body: the whole source paragraph(s), every character of the
source kept, with the quote underlined, the read words highlighted (emphasis
inside them), and the unread context shrunk. An analytic (a claim with no card)
is a Heading 4 paragraph with no cite, marked "(analytic)": Verbatim has no
analytic style and its own macros turn analytics into tags.

The file is reproducible: the core properties' dates and the zip entries' times
are SOURCE_DATE_EPOCH when set, else fixed.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone

from argmap.core.reproducible import timestamp
from argmap.analyze.analysis import Analysis
from argmap.export import evidence as ev


# Paragraph styles: Verbatim's level -> (style id, Word's built-in name, alias).
LEVELS = {
    1: ("Heading1", "heading 1", "Pocket"),
    2: ("Heading2", "heading 2", "Hat"),
    3: ("Heading3", "heading 3", "Block"),
    4: ("Heading4", "heading 4", "Tag"),
}
CITE_STYLE = ("Style13ptBold", "Style 13 pt Bold", "Cite")
UNDERLINE_STYLE = ("StyleUnderline", "Style Underline", "Underline")
EMPHASIS_STYLE = ("Emphasis", "Emphasis", None)
HIGHLIGHT = "yellow"  # Verbatim's default; never light grey, which Word can lose on saving
CONTEXT_HALF_POINTS = 16  # 8 pt, Verbatim's first shrink step below the 11 pt card text
BODY_HALF_POINTS = 22  # 11 pt

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _heading_xml(level: int, ppr: str, rpr: str) -> str:
    sid, name, alias = LEVELS[level]
    return (f'<w:style {_W} w:type="paragraph" w:styleId="{sid}"><w:name w:val="{name}"/><w:aliases w:val="{alias}"/>'
            f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="{level}"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:keepLines/>{ppr}<w:outlineLvl w:val="{level - 1}"/></w:pPr>'
            f'<w:rPr><w:b/><w:bCs/>{rpr}</w:rPr></w:style>')


def _char_xml(spec: tuple[str, str, str | None], priority: int, rpr: str) -> str:
    sid, name, alias = spec
    aliases = f'<w:aliases w:val="{alias}"/>' if alias else ""
    custom = ' w:customStyle="1"' if sid != "Emphasis" else ""
    return (f'<w:style {_W} w:type="character"{custom} w:styleId="{sid}"><w:name w:val="{name}"/>{aliases}'
            f'<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="{priority}"/><w:qFormat/>'
            f'<w:rPr>{rpr}</w:rPr></w:style>')


# Pocket and hat start a page (Verbatim's layout); a pocket is boxed, a hat double underlined.
STYLES_XML = {
    "Normal": (f'<w:style {_W} w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
               f'<w:aliases w:val="Normal/Card"/><w:qFormat/><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr>'
               f'<w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/></w:rPr></w:style>'),
    "Heading1": _heading_xml(1, '<w:pageBreakBefore/><w:pBdr><w:top w:val="single" w:sz="24" w:space="1" w:color="auto"/>'
                                '<w:left w:val="single" w:sz="24" w:space="4" w:color="auto"/>'
                                '<w:bottom w:val="single" w:sz="24" w:space="1" w:color="auto"/>'
                                '<w:right w:val="single" w:sz="24" w:space="4" w:color="auto"/></w:pBdr>'
                                '<w:spacing w:before="480"/><w:jc w:val="center"/>',
                             '<w:sz w:val="52"/><w:szCs w:val="52"/>'),
    "Heading2": _heading_xml(2, '<w:pageBreakBefore/><w:spacing w:before="480"/><w:jc w:val="center"/>',
                             '<w:sz w:val="44"/><w:szCs w:val="44"/><w:u w:val="double"/>'),
    "Heading3": _heading_xml(3, '<w:spacing w:before="360"/><w:jc w:val="center"/>',
                             '<w:sz w:val="32"/><w:szCs w:val="32"/><w:u w:val="single"/>'),
    "Heading4": _heading_xml(4, '<w:spacing w:before="240" w:after="0"/>', '<w:sz w:val="26"/><w:szCs w:val="26"/>'),
    "Style13ptBold": _char_xml(CITE_STYLE, 6, '<w:b/><w:bCs/><w:sz w:val="26"/><w:szCs w:val="26"/>'),
    "StyleUnderline": _char_xml(UNDERLINE_STYLE, 7, f'<w:sz w:val="{BODY_HALF_POINTS}"/><w:szCs w:val="{BODY_HALF_POINTS}"/><w:u w:val="single"/>'),
    "Emphasis": _char_xml(EMPHASIS_STYLE, 8, f'<w:b/><w:bCs/><w:i w:val="0"/><w:iCs w:val="0"/><w:sz w:val="{BODY_HALF_POINTS}"/>'
                                             f'<w:szCs w:val="{BODY_HALF_POINTS}"/><w:u w:val="single"/>'
                                             '<w:bdr w:val="single" w:sz="8" w:space="0" w:color="auto"/>'),
}

# Elements that may follow w:bidi inside w:pPr (the schema's order).
_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
               "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
               "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _install_styles(document) -> None:
    from docx.oxml import parse_xml

    root = document.styles.element
    for sid, xml in STYLES_XML.items():
        new = parse_xml(xml)
        old = root.find(f'{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}style[@{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}styleId="{sid}"]')
        if old is not None:
            old.addprevious(new)
            root.remove(old)
        else:
            root.append(new)


def _paragraph(document, text: str, level: int | None = None):
    """A heading (level 1-4) or a Normal paragraph holding `text` as one plain run."""
    p = document.add_paragraph(style=LEVELS[level][1].capitalize() if level else None)
    if text:
        p.add_run(ev.safe_text(text))
    _direction(p, text)
    return p


def _direction(p, text: str) -> None:
    """Right-to-left paragraph direction when the text starts in Hebrew, Arabic..."""
    if not ev.is_rtl(text):
        return
    from docx.oxml import OxmlElement

    ppr = p._p.get_or_add_pPr()
    ppr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)


def _run(p, text: str, *, style: str | None = None, highlight: bool = False, half_points: int | None = None,
         bold: bool = False):
    """A run with its properties written in the schema's order (rStyle, b, bCs, sz, szCs, highlight)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = p.add_run(ev.safe_text(text))
    if style or highlight or half_points or bold:
        rpr = run._r.get_or_add_rPr()
        if style:
            rpr.append(OxmlElement("w:rStyle", {qn("w:val"): style}))
        if bold:
            rpr.append(OxmlElement("w:b"))
            rpr.append(OxmlElement("w:bCs"))
        if half_points:
            rpr.append(OxmlElement("w:sz", {qn("w:val"): str(half_points)}))
            rpr.append(OxmlElement("w:szCs", {qn("w:val"): str(half_points)}))
        if highlight:
            rpr.append(OxmlElement("w:highlight", {qn("w:val"): HIGHLIGHT}))
    return run


def _card(document, card) -> None:
    _paragraph(document, card.tag, 4)
    short, rest = ev.cite_parts(card)
    cite = document.add_paragraph()
    _run(cite, short, style=CITE_STYLE[0])
    _run(cite, rest)
    cite.paragraph_format.keep_with_next = True
    _direction(cite, short + rest)
    hl = ev.highlighted(card)
    for para in card.body:
        p = document.add_paragraph()
        for seg in para.segments:
            if seg.style == "context":
                _run(p, seg.text, half_points=CONTEXT_HALF_POINTS)
            elif seg.style == "underline":
                _run(p, seg.text, style=UNDERLINE_STYLE[0])
            elif seg.style == "highlight":
                _run(p, seg.text, style=UNDERLINE_STYLE[0], highlight=True)
            else:  # emphasis: inside the highlighted words when the card has any
                _run(p, seg.text, style=EMPHASIS_STYLE[0], highlight=hl)
        _direction(p, "".join(s.text for s in para.segments))


def _core_text(text: str) -> str:
    """A core property: Word allows at most 255 characters."""
    text = ev.safe_text(text)
    return text if len(text) <= 255 else text[:254] + "\u2026"


def new_document(title: str, subject: str, comments: str):
    """An empty Verbatim-styled Document: 1 in margins, no sample thumbnail, reproducible core properties."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.shared import Inches

    document = docx.Document()
    _install_styles(document)
    # The template's thumbnail shows python-docx's sample page, not this file: drop it.
    pkg = document.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]
    for section in document.sections:
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)

    when = datetime.fromtimestamp(timestamp(), tz=timezone.utc).replace(tzinfo=None)
    core = document.core_properties
    core.title = _core_text(title)
    core.subject = _core_text(subject)
    core.author = core.last_modified_by = "argmap"
    core.comments = comments
    core.keywords = ""
    core.category = ""
    core.revision = 1
    core.created = core.modified = core.last_printed = when
    return document


def build_document(analysis: Analysis):
    """The python-docx Document of a map's evidence file."""
    f = ev.build(analysis)
    document = new_document(f"{f.title} \u2014 evidence", f.resolution or "",
                            "Evidence file in the Verbatim layout, generated by argmap")

    title = document.add_paragraph()
    _run(title, f.title, bold=True, half_points=32)
    _direction(title, f.title)
    if f.resolution:
        _paragraph(document, f"Resolved: {f.resolution}")
    _paragraph(document, "Underlined: the quoted passage. Highlighted: the words read aloud. Boxed: key words. "
                         "Small: the rest of the source paragraph, not read. A tag with no cite is an analytic.")

    first_pocket = True
    for pocket in f.pockets:
        p = _paragraph(document, pocket.label, 1)
        if first_pocket:
            p.paragraph_format.page_break_before = False  # the file's header is short: no empty page
            first_pocket = False
        first_hat = True
        for hat in pocket.hats:
            h = _paragraph(document, hat.label, 2)
            if first_hat:
                h.paragraph_format.page_break_before = False  # straight under its pocket
                first_hat = False
            for block in hat.blocks:
                _paragraph(document, block.title, 3)
                for card in block.cards:
                    _card(document, card)
                for sid in block.analytics:
                    _paragraph(document, f.statement_text[sid] + ev.ANALYTIC_MARK, 4)
    return document


def _reproducible_zip(data: bytes, epoch: int) -> bytes:
    """The same entries, in the same order, with fixed times and attributes."""
    stamp = datetime.fromtimestamp(max(epoch, 315532800), tz=timezone.utc).timetuple()[:6]  # zip dates start in 1980
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()




def render(analysis: Analysis) -> bytes:
    """The .docx bytes. An evidence file shows every card, whatever stands in a round:
    accepting ids for a round changes nothing in it."""
    buf = io.BytesIO()
    build_document(analysis).save(buf)
    return _reproducible_zip(buf.getvalue(), timestamp())
