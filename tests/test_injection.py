"""Text from a claim file reaches every output literally: never executed or interpreted.

The payloads cover HTML/JavaScript, Jinja2, Graphviz DOT labels, Typst markup
and code, Markdown and a file path. Each appears in a statement, a tag, an
option label, a warrant and the map title, and the whole map is built.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest

from argmap.build.builder import build

PAYLOADS = {
    "script": "<script>alert('x')</script>",
    "jinja": "{{ 7*7 }} {% if true %}jinja{% endif %}",
    "dot": '" ] ; evil [label="pwned',
    "typst": '#set page(width: 1cm) #read("/etc/passwd") $x^2$',
    "path": "../../../etc/passwd",
}
JOINED = " | ".join(PAYLOADS.values())

MAP = """
map:
  title: "Map {title}"
options:
  - id: opt
    label: "Option {title}"
    kind: mix
statements:
  - id: thesis
    kind: thesis
    option: opt
    text: "Thesis {text}"
  - id: reason
    kind: claim
    stock_issue: harms
    tag: "Tag {text}"
    text: "Reason {text}"
  - id: objection
    kind: objection
    text: "Objection {text}"
arguments:
  - id: a1
    premises: [reason]
    supports: thesis
    warrant: "Warrant {text}"
  - id: a2
    premises: [objection]
    attacks: thesis
evidence:
  - id: e1
    source: oped
    quote: China accounts for over 90% of North Korea's total imports and exports
    tag: "Card {text}"
    supports: [reason]
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import TmpProject

    proj = TmpProject(tmp_path_factory.mktemp("inj") / "proj")
    quoted = json.dumps(JOINED)[1:-1]  # a YAML double-quoted scalar takes JSON escapes
    proj.claim("inj.yaml", MAP.replace("{title}", quoted).replace("{text}", quoted))
    report = build(proj.project)
    assert report.ok, [d for m in report.maps for d in m.diagnostics]
    return proj.root / "output" / "inj"


def test_html_outputs_escape_every_payload(built):
    pages = sorted(built.glob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page.name
        shown = html.unescape(text)
        for name, payload in PAYLOADS.items():
            assert payload in shown, (page.name, name)
        assert ">49<" not in text, page.name


def test_svg_diagrams_escape_every_payload(built):
    for svg in sorted(built.glob("*.svg")):
        text = svg.read_text(encoding="utf-8")
        assert "<script" not in text, svg.name
        assert "&lt;script&gt;" in text, svg.name
        # The DOT payload is text inside a node, not a new node called "evil".
        titles = re.findall(r"<title>([^<]*)</title>", text)
        assert titles and "evil" not in titles, svg.name


def test_machine_exports_carry_the_payload_literally(built):
    data = json.loads((built / "inj.json").read_text(encoding="utf-8"))
    texts = {s["id"]: s["text"] for s in data["statements"]}
    assert texts["reason"] == f"Reason {JOINED}"
    assert data["map"]["title"] == f"Map {JOINED}"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_handout_pdfs_print_the_payload_literally(built):
    for pdf in sorted(built.glob("inj-*.pdf")):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        # Typst did not run the code: the markup is printed as text.
        assert "#set page(width: 1cm)" in flat, pdf.name
        assert '#read("/etc/passwd")' in flat or "#read(\u201c/etc/passwd\u201d)" in flat, pdf.name
        assert "root:x:0:0" not in flat, pdf.name
        assert "{{ 7*7 }}" in flat, pdf.name
