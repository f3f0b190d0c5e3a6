"""Issue 17: a new topic in minutes. `argmap source add FILE`, `argmap new MAP
--source ID` and `argmap build` make a topic from a plain text file; the
other formats bring their text and metadata; nothing is overwritten without --force."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import main

TEXT = """\
Talks Collapse in Geneva

The ministers met in Geneva on Monday. A deal was close, officials said, but the talks collapsed late at night.

Page 2

Sanctions have not worked, said the envoy, who has led the delegation since 2021.
"""

HTML = """<html><head><title>Talks Collapse - The Daily</title>
<meta name="author" content="Jane Roe">
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<meta property="og:title" content="Talks Collapse in Geneva">
</head><body><nav>Home | World | Sport | Subscribe now</nav>
<article><h1>Talks Collapse in Geneva</h1>
<p>The ministers met in Geneva on Monday. A deal was close, officials said, but the talks collapsed late at night over the sequencing of sanctions relief.</p>
<p>Sanctions have not worked, said the envoy, who has led the delegation since 2021 and has seen three rounds of talks fail in the same way.</p>
<p>Both sides said they would meet again in the spring, but no date has been set and neither government would say where the next round will be held.</p>
</article><footer>Copyright 2024 The Daily. All rights reserved.</footer></body></html>
"""


def run(root: Path, *args: str):
    result = CliRunner().invoke(main, [*args, "--project", str(root)])
    return result.exit_code, result.output


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    root = tmp_path / "topic"
    (root / "arguments").mkdir(parents=True)
    return root


def _sources(root: Path) -> dict:
    return {s["id"]: s for s in yaml.safe_load((root / "seeds" / "sources.yaml").read_text(encoding="utf-8"))["sources"]}


def test_three_commands_make_a_new_topic_from_a_plain_text_file(empty, tmp_path):
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    code, out = run(empty, "source", "add", str(src), "--author", "Jane Roe", "--date", "2024-03", "--kind", "news")
    assert code == 0, out
    seed = empty / "seeds" / "talks.txt"
    assert seed.read_bytes() == src.read_bytes()  # a .txt is kept byte for byte
    entry = _sources(empty)["talks"]
    assert entry["title"] == "Talks Collapse in Geneva" and entry["authors"] == [{"name": "Jane Roe"}]
    assert entry["sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest() and entry["furniture"] == ["Page 2"]
    code, out = run(empty, "new", "talks", "--source", "talks")
    assert code == 0, out
    skeleton = (empty / "arguments" / "talks" / "talks.yaml").read_text(encoding="utf-8")
    assert "# [1] The ministers met in Geneva" in skeleton and "# [2] Sanctions have not worked" in skeleton
    assert "Page 2" not in skeleton  # furniture is not a numbered paragraph
    code, out = run(empty, "check")
    assert code == 0 and "0 error(s), 0 warning(s)" in out, out
    code, out = run(empty, "build")
    assert code == 0, out
    assert (empty / "output" / "talks" / "talks-brief.html").is_file()


def test_nothing_is_overwritten_without_force(empty, tmp_path):
    src = tmp_path / "talks.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert run(empty, "source", "add", str(src), "--kind", "news")[0] == 0
    sources = (empty / "seeds" / "sources.yaml").read_bytes()
    src.write_text(TEXT.replace("Monday", "Tuesday"), encoding="utf-8")
    code, out = run(empty, "source", "add", str(src))
    assert code == 1 and "error[E014]" in out and "--force" in out
    assert (empty / "seeds" / "sources.yaml").read_bytes() == sources and "Monday" in (empty / "seeds" / "talks.txt").read_text()
    code, out = run(empty, "source", "add", str(src), "--force", "--kind", "report")
    assert code == 0, out
    assert list(_sources(empty)) == ["talks"] and _sources(empty)["talks"]["kind"] == "report"
    assert "Tuesday" in (empty / "seeds" / "talks.txt").read_text()
    assert run(empty, "new", "talks", "--source", "talks")[0] == 0
    code, out = run(empty, "new", "talks", "--source", "talks")
    assert code == 1 and "error[E014]" in out
    code, out = run(empty, "new", "other", "--source", "talk")
    assert code == 1 and "error[E202]" in out and "did you mean 'talks'" in out


def test_missing_metadata_is_a_valid_stand_in_marked_todo(empty, tmp_path):
    src = tmp_path / "notes.txt"
    src.write_text("Just one paragraph of notes about the talks, and no title line at all in this file, which is long.\n", encoding="utf-8")
    code, out = run(empty, "source", "add", str(src), "--title", "Notes")
    assert code == 0 and "TODO: kind" in out and "TODO: date" in out and "TODO: authors" in out, out
    text = (empty / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert text.count("# TODO") >= 3
    assert run(empty, "new", "notes", "--source", "notes")[0] == 0
    assert run(empty, "check")[0] == 0


def test_an_html_page_brings_its_article_text_and_meta_data(empty, tmp_path):
    src = tmp_path / "talks.html"
    src.write_text(HTML, encoding="utf-8")
    code, out = run(empty, "source", "add", str(src))
    assert code == 0, out
    entry = _sources(empty)["talks"]
    assert (entry["title"], entry["authors"], entry["date"], entry["outlet"]) == (
        "Talks Collapse in Geneva", [{"name": "Jane Roe"}], "2024-03-05", "The Daily")
    seed = (empty / "seeds" / "talks.txt").read_text(encoding="utf-8")
    assert "Sanctions have not worked, said the envoy" in seed
    assert "Subscribe now" not in seed and "All rights reserved" not in seed
    assert "\n\nBoth sides said" in seed  # paragraphs stay paragraphs


def test_a_docx_brings_its_paragraphs_and_core_properties(empty, tmp_path):
    import docx

    d = docx.Document()
    d.core_properties.title = "A Docx Source"
    d.core_properties.author = "Ann Lee"
    d.add_paragraph("First paragraph of the document.")
    d.add_paragraph("Second paragraph of the document.")
    d.save(str(tmp_path / "card.docx"))
    code, out = run(empty, "source", "add", str(tmp_path / "card.docx"), "--kind", "report", "--date", "2024")
    assert code == 0, out
    entry = _sources(empty)["card"]
    assert entry["title"] == "A Docx Source" and entry["authors"] == [{"name": "Ann Lee"}]
    assert (empty / "seeds" / "card.txt").read_text(encoding="utf-8") == "First paragraph of the document.\n\nSecond paragraph of the document.\n"


def test_a_pdf_brings_its_text_boxes_with_headers_and_page_numbers_as_furniture(empty, tmp_path):
    import typst

    (tmp_path / "r.typ").write_text(
        '#set document(title: "Talks Collapse in Geneva", author: "Jane Roe; John Doe")\n'
        '#set page(width: 12cm, height: 8cm, header: [The Daily Review], numbering: "1")\n'
        "#for i in range(1, 12) [\n  Paragraph #i says the ministers met in Geneva, and the talks collapsed on day #i.\n\n]\n",
        encoding="utf-8")
    typst.compile(str(tmp_path / "r.typ"), output=str(tmp_path / "report.pdf"))
    code, out = run(empty, "source", "add", str(tmp_path / "report.pdf"), "--kind", "report")
    assert code == 0, out
    entry = _sources(empty)["report"]
    assert entry["title"] == "Talks Collapse in Geneva" and [a["name"] for a in entry["authors"]] == ["Jane Roe", "John Doe"]
    assert "The Daily Review" in entry["furniture"] and "2" in entry["furniture"]
    assert run(empty, "new", "report", "--source", "report")[0] == 0
    skeleton = (empty / "arguments" / "report" / "report.yaml").read_text(encoding="utf-8")
    assert "# [11] Paragraph 11 says" in skeleton and "Daily Review" not in skeleton.split("evidence: []")[1]


def test_a_file_argmap_cannot_read_is_a_located_error(empty, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"not a pdf at all")
    code, out = run(empty, "source", "add", str(bad))
    assert code == 1 and "error[E003]" in out and "Traceback" not in out
    assert not (empty / "seeds" / "broken.txt").exists()
    code, out = run(empty, "source", "add", str(tmp_path / "x.odt"))
    assert code == 1 and "error[E007]" in out


def test_force_replaces_one_entry_in_the_middle_and_keeps_the_others_and_their_comments(tmp_project, tmp_path):
    root = tmp_project.root
    for name in ("alpha", "beta"):
        (tmp_path / f"{name}.txt").write_text(f"{name.title()} Title\n\nThe {name} text, a paragraph.\n", encoding="utf-8")
        assert run(root, "source", "add", str(tmp_path / f"{name}.txt"), "--kind", "news", "--date", "2024")[0] == 0
    before = (root / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert run(root, "source", "add", str(tmp_path / "alpha.txt"), "--kind", "report", "--date", "2024", "--force")[0] == 0
    after = (root / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert after.count("# added by `argmap source add beta.txt`") == 1 and after.count("# added by `argmap source add alpha.txt`") == 1
    assert before.split("sources:")[0] == after.split("sources:")[0]  # the file's own header comments stay
    ids = [e["id"] for e in yaml.safe_load(after)["sources"]]
    assert len(ids) == len(set(ids)) and {"oped", "alpha", "beta"} <= set(ids)
    assert _sources(root)["alpha"]["kind"] == "report" and _sources(root)["beta"]["kind"] == "news"
    assert run(root, "check")[0] == 0


def test_new_never_makes_a_second_map_of_one_id_even_with_force(tmp_project):
    tmp_project.claim("example.yaml", "map: {title: t}\n")
    code, out = run(tmp_project.root, "new", "example", "--source", "oped", "--force")
    assert code == 1 and "error[E014]" in out
    assert not (tmp_project.root / "arguments" / "example").exists()
