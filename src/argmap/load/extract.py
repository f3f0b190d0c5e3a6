"""The readable text of a new source and what its file says about itself.

`argmap source add FILE` (argmap.build.topic) starts here: a .txt is taken as
it is; an .html page's article text and metadata come from trafilatura (it
drops menus, footers and the like, and reads <meta> author, date and site);
a .pdf's text boxes and document info from pdfminer.six; a .docx's paragraphs and core
properties from python-docx. Paragraphs are separated by blank lines, as
argmap numbers them, and lines that are page furniture (page numbers, a
running header on every page) are set apart and listed, for sources.yaml's
`furniture:`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location

SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-\u2013\u2014(\[]?\s*\d{1,4}\s*(?:of\s+\d{1,4})?\s*[-\u2013\u2014)\]]?$", re.I)


@dataclass
class Extracted:
    text: str  # the readable text, paragraphs separated by blank lines, ending in one newline
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO, possibly partial
    outlet: str | None = None
    url: str | None = None
    furniture: list[str] = field(default_factory=list)  # whole lines that are page furniture
    raw: bytes | None = None  # for a .txt: the file's own bytes, kept byte for byte


def extract(path: Path, shown: str) -> Extracted:
    suffix = path.suffix.lower()
    where = Location(shown)
    if suffix not in SUFFIXES:
        raise ArgmapError([Diagnostic("E007", f"argmap cannot read '{path.suffix or path.name}' files as sources", where,
                                      hint="give a .txt, .html, .pdf or .docx file")])
    if not path.is_file():
        raise ArgmapError([Diagnostic("E007", "there is no such file", where)])
    data = path.read_bytes()
    try:
        if suffix == ".txt":
            return _from_text(data, where)
        if suffix in (".html", ".htm"):
            return _from_html(data, where)
        if suffix == ".pdf":
            return _from_pdf(path, where)
        return _from_docx(path, where)
    except (ValueError, KeyError, OSError) as exc:  # a damaged file: the libraries raise these
        raise ArgmapError([Diagnostic("E003", f"the file could not be read as {suffix[1:].upper()} ({type(exc).__name__}: {str(exc)[:120]})",
                                      where, hint="open it in its program and save or export it again, or paste its text into a .txt file")]) from None


def _tidy(paragraphs: list[str]) -> str:
    """Paragraphs, each on its own lines, with one blank line between them."""
    kept = [re.sub(r"[ \t]+\n", "\n", p).strip() for p in paragraphs]
    return "\n\n".join(p for p in kept if p) + "\n"


def _iso(value) -> str | None:
    if value is None:
        return None
    m = re.search(r"(\d{4})(?:-?(\d{2}))?(?:-?(\d{2}))?", str(value).removeprefix("D:"))
    if not m:
        return None
    return "-".join(g for g in m.groups() if g)


def _from_text(data: bytes, where: Location) -> Extracted:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ArgmapError([Diagnostic("E003", "this text file is not UTF-8", where, hint="save it as UTF-8 and add it again")]) from None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines and len(lines[0]) <= 200 else None
    furniture = sorted({line for line in lines if _PAGE_NUMBER.match(line)})
    return Extracted(text, title=title, furniture=furniture, raw=data)


def _from_html(data: bytes, where: Location) -> Extracted:
    import trafilatura

    doc = trafilatura.bare_extraction(data, with_metadata=True, favor_recall=True, include_comments=False, include_tables=True)
    if doc is None or not (doc.text or "").strip():
        raise ArgmapError([Diagnostic("E003", "no readable text was found in this page", where,
                                      hint="save the article's text as a .txt file and add that")])
    paragraphs = doc.text.split("\n")
    authors = [a.strip() for a in re.split(r";|\band\b|&", doc.author or "") if a.strip()]
    return Extracted(_tidy(paragraphs), title=doc.title, authors=authors, date=_iso(doc.date), outlet=doc.sitename, url=doc.url)


def _pdf_info(path: Path) -> dict[str, str]:
    """The PDF's document information (Title, Author, CreationDate), as text."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    with path.open("rb") as f:
        doc = PDFDocument(PDFParser(f))
        for info in doc.info:
            for key, value in info.items():
                value = resolve1(value)
                if isinstance(value, bytes):
                    out[key] = decode_text(value).strip()
                elif isinstance(value, str):
                    out[key] = value.strip()
    return out


def _from_pdf(path: Path, where: Location) -> Extracted:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        # pdfminer's layout analysis groups lines into text boxes: a box is a paragraph.
        pages = [[el.get_text() for el in page if isinstance(el, LTTextContainer)] for page in extract_pages(path)]
        info = _pdf_info(path)
    except (PDFSyntaxError, PSException) as exc:
        raise ValueError(str(exc) or type(exc).__name__) from None
    page_lines = [[line.strip() for box in boxes for line in box.splitlines() if line.strip()] for boxes in pages]
    # A line at the top or bottom of (nearly) every page is a running header or footer.
    edges = Counter(line for lines in page_lines for line in {*lines[:2], *lines[-2:]})
    running = {line for line, n in edges.items() if len(pages) >= 3 and n >= max(2, len(pages) * 0.6)}
    furniture: set[str] = set()
    paragraphs: list[str] = []
    for boxes in pages:
        for box in boxes:
            current: list[str] = []
            for line in (ln.strip() for ln in box.splitlines()):
                if not line:
                    continue
                if line in running or _PAGE_NUMBER.match(line):
                    furniture.add(line)
                    if current:
                        paragraphs.append(" ".join(current))
                        current = []
                    paragraphs.append(line)
                elif current and current[-1].endswith("-") and line[:1].islower():
                    current[-1] = current[-1][:-1] + line  # a word hyphenated at the line's end
                else:
                    current.append(line)
            if current:
                paragraphs.append(" ".join(current))
    if not any(p.strip() for p in paragraphs):
        raise ArgmapError([Diagnostic("E003", "this PDF has no text layer (a scan?)", where,
                                      hint="run it through OCR first, or type the passages into a .txt file")])
    authors = [a.strip() for a in re.split(r";|,|\band\b|&", info.get("Author", "")) if a.strip()]
    return Extracted(_tidy(paragraphs), title=info.get("Title") or None, authors=authors, date=_iso(info.get("CreationDate")),
                     furniture=sorted(furniture))


def _from_docx(path: Path, where: Location) -> Extracted:
    import zipfile

    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ValueError(str(exc)) from None
    paragraphs = [p.text for p in document.paragraphs]
    props = document.core_properties
    authors = [a.strip() for a in re.split(r";|,|\band\b|&", props.author or "") if a.strip()]
    date = props.created.date().isoformat() if props.created else None
    return Extracted(_tidy(paragraphs), title=props.title or None, authors=authors, date=date)
