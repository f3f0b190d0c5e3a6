"""Handouts: each kind's content checked on the view model, then escaping,
reproducibility and the command line. Maps are built in temporary projects."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.api import resolve_map
from argmap.cli import main
from argmap.render.handouts import KINDS, render_handout, render_view
from argmap.analyze.analysis import analyze
from argmap.render.handouts.view import ANSWER_LABELS, EVENTS, build_view

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = (REPO / "arguments" / "example.yaml").read_text(encoding="utf-8")


@pytest.fixture
def example(tmp_project):
    tmp_project.claim("example.yaml", EXAMPLE)
    return resolve_map(tmp_project.project, "example")


def data(rmap, kind, **kw):
    return build_view(analyze(rmap), kind, diagram=False, **kw).to_data()


# --------------------------------------------------------------------------- cards


def test_every_evidence_item_is_exactly_one_card(example):
    cards = data(example, "cards")["body"]["cards"]
    assert [c["id"] for c in cards] == list(example.evidence)
    assert [c["number"] for c in cards] == [f"E{i}" for i in range(1, len(cards) + 1)]
    grouped = [c["id"] for p in data(example, "cards")["body"]["pockets"] for h in p["hats"] for b in h["blocks"] for c in b["cards"]]
    assert sorted(grouped) == sorted(example.evidence)


def test_card_body_is_the_whole_paragraph_with_the_quote_underlined(example):
    for c in data(example, "cards")["body"]["cards"]:
        rev = example.evidence[c["id"]]
        text = example.source_texts[rev.evidence.source].text
        a = rev.anchor
        paras = c["body"]
        # Concatenated, the segments are the source paragraph(s), character for character.
        joined = "".join(s["text"] for p in paras for s in p["segments"])
        source_paras = [text[p.start:p.end] for p in example.source_texts[rev.evidence.source].paragraphs
                        if p.end > a.paragraph_start and p.start < a.paragraph_end]
        assert joined == "".join(source_paras)
        assert "..." not in joined.replace(text, "") and "\u2026" not in joined or "\u2026" in text
        # The non-context part is exactly the anchored quote.
        marked = "".join(s["text"] for p in paras for s in p["segments"] if s["style"] != "context")
        assert marked == a.exact == c["quote"]
        assert c["paragraphs"] == [p["number"] for p in paras] and a.paragraph in c["paragraphs"]
        # Highlights are the highlight spans, inside the underline.
        read = [s["text"] for p in paras for s in p["segments"] if s["style"] in ("highlight", "emphasis")]
        expected = [text[h0:h1] for h0, h1 in rev.highlights]
        assert "".join(read) == "".join(expected)
        for h0, h1 in rev.highlights:
            assert a.start <= h0 < h1 <= a.end


def test_card_cite_puts_the_short_cite_first_and_names_the_reference(example):
    c = next(c for c in data(example, "cards")["body"]["cards"] if c["id"] == "ex-ev-china")
    assert c["short_cite"] == "Chatterji & Gurudatha 23"
    assert c["cite"].startswith("Pronoy Chatterji and Naman Gurudatha, qualifications not stated, February 2023 (approx.), \u201cBroadened Diplomacy")
    assert c["citing"].startswith("citing USIP China-North Korea Senior Study Group (2019, May 6), \u201cChina's Role")
    assert c["read_basis"] == "highlighted" and c["read_words"] == 9 and c["read_seconds"] == 2
    side = {c["id"]: c["side"] for c in data(example, "cards")["body"]["cards"]}
    assert side == {"ex-ev-china": "aff", "ex-ev-embargo": "aff", "ex-ev-defection": "neg"}  # challenges an aff answer


# --------------------------------------------------------------------------- brief


def test_brief_outline_pointers_and_analytics(example):
    b = data(example, "brief")["body"]
    assert b["thesis"]["id"] == "ex-thesis"
    assert [p["text"] for o in b["plan"] for p in o["planks"]] == ["Open diplomatic liaison offices.", "Keep the embargo in place while talks go on."]
    lines = {ln["id"]: ln for sec in b["outline"] for ln in [*sec["lines"], *(x for sub in sec["subsections"] for x in sub["lines"])]}
    assert list(lines) == ["ex-embargo-fails"]  # the one contention: the claim under the thesis
    embargo = lines["ex-embargo-fails"]
    assert embargo["number"] == 1 and embargo["basis"] == "direct"
    assert embargo["pointers"][0]["text"] == "(Chatterji & Gurudatha 23, E2)"
    assert embargo["warrant"] == "A trade embargo bites only when the target cannot trade elsewhere."
    # Its reasons: the fact as a lettered subpoint with its card, the unstated premise as an assumption.
    assert [(sp["letter"], sp["id"], [p["number"] for p in sp["pointers"]]) for sp in embargo["subpoints"]] == [("A", "ex-china-trade", ["E1"])]
    assert embargo["assumptions"] == ["An embargo works only if the countries that trade with the target join it."]
    assert all(ln["analytic"] == (ln["basis"] == "none") == (not ln["pointers"]) for ln in lines.values())
    assert [o["kind"] for o in b["options"]] == ["status-quo", "mix"]
    engage = b["options"][1]
    assert engage["objection"]["id"] == "ex-talks-reward" and engage["risks"]
    assert b["impacts"][0]["reversibility"] == "A nuclear exchange cannot be undone."
    flags = {(f["kind"], f["subject"]) for f in b["coverage"]["flags"]}
    assert ("unsupported", "ex-leverage-assumed") in flags
    assert ("single-source", "ex-thesis") in flags  # the analysis' W502: the highest claim resting on one source


def test_brief_flags_a_tag_that_says_more_than_its_quote(tmp_project):
    tmp_project.claim("m.yaml", """
        map: {title: T}
        statements:
          - {id: s1, text: The embargo failed.}
        evidence:
          - id: e1
            source: oped
            tag: The embargo will always fail
            quote: this seven-decade old strategy may not be that effective
            supports: [s1]
    """)
    flags = data(resolve_map(tmp_project.project, "m"), "brief")["body"]["coverage"]["flags"]
    tag = [f for f in flags if f["kind"] == "overclaim-tag"]
    assert tag and "will" in tag[0]["message"] and "always" in tag[0]["message"]


# --------------------------------------------------------------------------- blocks


def test_blocks_one_AT_per_attack_with_numbered_typed_answers(example):
    b = data(example, "blocks")["body"]
    attacks = [a for a, arg in example.arguments.items() if arg.relation.value != "support"
               and any(example.statements[p].effective_side.value == "neg" for p in arg.premises)]
    # One block per attacking argument, and one for the card that challenges our answer.
    assert [blk["id"] for blk in b["blocks"]] == [*attacks, "ex-ev-defection"]
    assert [blk["speech"] for blk in b["blocks"]] == ["2AC", "1AR"]
    blk = b["blocks"][0]
    assert blk["title"] == "AT: Engagement rewards North Korea's provocations."
    assert [a["number"] for a in blk["answers"]] == list(range(1, len(blk["answers"]) + 1))
    assert blk["answers"][0]["type"] == "no-link" and blk["answers"][0]["analytic"]
    for a in blk["answers"]:
        assert a["type"] in ANSWER_LABELS and a["analytic"] == (not a["pointers"])


def test_cross_examination_questions(example):
    qs = data(example, "blocks")["body"]["questions"]
    groups = {q["group"] for q in qs}
    assert groups == {"unsupported", "causal", "plank", "indict", "scheme"}
    planks = [q for q in qs if q["group"] == "plank"]
    assert len(planks) == 2 and all("who implements it, how, and when" in q["text"] for q in planks)
    assert any("ex-leverage" not in q["about"] and "assumes \u201cAn embargo works only" in q["text"] for q in qs)
    indicts = [q["text"] for q in qs if q["group"] == "indict"]
    assert any(t.startswith("Author:") for t in indicts) and any(t.startswith("Context and date:") for t in indicts)
    assert any(q["direction"] == "ask" for q in qs) and any(q["direction"] == "prepare" for q in qs)


# --------------------------------------------------------------------------- flow


@pytest.mark.parametrize("event", sorted(EVENTS))
def test_flow_columns_per_event_and_first_column_prefilled(example, event):
    b = data(example, "flow", event=event)["body"]
    assert b["speeches"] == EVENTS[event][1]
    texts = [r["text"] for r in b["rows"] if not r["heading"]]
    assert "The embargo has not stopped the missile program" in texts
    cites = {r["text"]: r["cite"] for r in b["rows"] if not r["heading"]}
    assert cites["The embargo has not stopped the missile program"] == "Chatterji & Gurudatha 23 E2"
    assert cites["assumes: An embargo works only if the countries that trade with the target join it."] == "analytic"
    # The case sheet: one row per contention, filled in the first column.
    case = b["sheets"][0]
    assert case["column"] == 0 and [r["number"] for r in case["rows"]] == ["", "1"]  # the thesis, then contention 1
    assert [x["text"] for x in case["rows"][1]["reasons"]] == ["China accounts for over 90% of North Korea's trade.",
                                                               "assumes: An embargo works only if the countries that trade with the target join it."]


def test_flow_policy_columns():
    assert EVENTS["policy"][1] == ["1AC", "1NC", "2AC", "2NC/1NR", "1AR", "2NR", "2AR"]


# --------------------------------------------------------------------------- worksheet and key


def _strip_answers(body):
    out = json.loads(json.dumps(body))
    for key in ("reveal", "instructions", "misconceptions", "weak_spots", "rubric"):
        out.pop(key)

    def walk(x):
        if isinstance(x, dict):
            if "answer" in x:
                x["answer"] = x["explanation"] = None
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(out)
    return out


def test_worksheet_hides_exactly_what_the_key_shows(example):
    ws = data(example, "worksheet")["body"]
    key = data(example, "key")["body"]
    hidden = {b["id"] for b in ws["blanks"] if b["answer"] is None}
    shown = {b["id"] for b in key["blanks"] if b["answer"]}
    assert hidden == shown == {b["id"] for b in ws["blanks"]}
    assert {b.split(":")[0] for b in hidden} == {"premise", "evidence", "objection", "impact", "cer"}
    # Everything else is the same on both.
    assert _strip_answers(ws) == _strip_answers(key)
    # No answer leaks into the worksheet, in any format.
    ws_text = json.dumps(ws, ensure_ascii=False)
    for b in key["blanks"]:
        if b["kind"] in ("premise", "objection", "evidence"):
            assert b["answer"] not in ws_text
    assert "ex-leverage-assumed" in {b["id"].split(":")[1] for b in key["blanks"] if b["kind"] == "premise"}
    assert {m["id"] for m in key["misconceptions"]} == {"opinion", "assumption", "prediction"} and not ws["misconceptions"]


def test_worksheet_blanks_follow_the_claim_file(tmp_project):
    tmp_project.claim("example.yaml", EXAMPLE.replace("    blank: true        # left blank on the student worksheet\n", "")
                      .replace("  - id: ex-talks-reward\n    kind: objection\n", "  - id: ex-talks-reward\n    kind: objection\n    blank: true\n"))
    rmap = resolve_map(tmp_project.project, "example")
    ws = data(rmap, "worksheet")["body"]
    assert [b["id"] for b in ws["objection"]] == ["objection:ex-talks-reward"]


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_worksheet_renderings_hide_the_answers(example, fmt):
    ws = render_handout(analyze(example), "worksheet", fmt, diagram=False)
    key = render_handout(analyze(example), "key", fmt, diagram=False)
    assumption = "An embargo works only if the countries that trade with the target join it"
    assert assumption not in ws and assumption in key
    assert "Common misconceptions" in key and "Common misconceptions" not in ws


# --------------------------------------------------------------------------- escaping and rendering

HOSTILE = [
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% raw %}",
    "#set page(width: 1cm) $x^2$ *bold* _it_ @ref <lbl> // no comment",
    "back\\slash \\n ] [ ) \" ' `tick` &amp;",
]


@pytest.fixture
def hostile(tmp_project):
    tmp_project.claim("h.yaml", f"""
        map:
          title: {json.dumps(HOSTILE[0] + ' map')}
          resolution: {json.dumps(HOSTILE[1])}
        options:
          - id: o1
            label: {json.dumps(HOSTILE[2])}
            kind: carrot
            planks: [{json.dumps(HOSTILE[3])}]
            impact: {{magnitude: {json.dumps(HOSTILE[0])}}}
        statements:
          - id: t
            kind: thesis
            text: {json.dumps(HOSTILE[0])}
          - id: s1
            stock_issue: harms
            option: o1
            text: {json.dumps(HOSTILE[2])}
          - id: s2
            kind: assumption
            text: {json.dumps(HOSTILE[3])}
          - id: x1
            kind: objection
            text: {json.dumps(HOSTILE[1])}
        arguments:
          - id: a1
            premises: [s1, s2]
            supports: t
            scheme: cause-to-effect
            warrant: {json.dumps(HOSTILE[3])}
          - id: a2
            premises: [x1]
            attacks: t
        evidence:
          - id: e1
            source: oped
            quote: China accounts for over 90% of North Korea's total imports and exports
            tag: {json.dumps(HOSTILE[2])}
            note: {json.dumps(HOSTILE[0])}
            supports: [s1]
    """)
    return resolve_map(tmp_project.project, "h")


@pytest.mark.parametrize("kind", KINDS)
def test_html_escapes_everything(hostile, kind):
    html = render_handout(analyze(hostile), kind, "html", diagram=False)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "49" not in html.replace("2049", "")
    if kind in ("brief", "cards", "blocks"):
        assert "#set page(width: 1cm) $x^2$ *bold* _it_ @ref &lt;lbl&gt; // no comment" in html


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    f = tmp_path / "h.pdf"
    f.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", str(f), "-"], capture_output=True, check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", out.replace("-\n", "-"))


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_shows_hostile_text_literally(hostile, kind, tmp_path):
    pdf = render_handout(analyze(hostile), kind, "pdf", diagram=False)
    assert pdf.startswith(b"%PDF")
    text = _pdf_text(pdf, tmp_path)
    assert "<script>alert(1)</script> map" in text  # the title, on every page
    if kind in ("brief", "blocks"):
        assert "#set page(width: 1cm) $x^2$ *bold* _it_ @ref <lbl> // no comment" in text
    if kind in ("brief", "key"):
        assert "back\\slash \\n ] [ ) \" ' `tick` &amp;" in text


def test_markdown_escapes_markup(hostile):
    md = render_handout(analyze(hostile), "brief", "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\*bold\\* \\_it\\_" in md


def test_pdf_is_reproducible(example):
    view = build_view(analyze(example), "cards", diagram=False)
    assert render_view(view, "pdf") == render_view(view, "pdf")
    assert render_handout(analyze(example), "brief", "pdf") == render_handout(analyze(example), "brief", "pdf")


def test_pdf_has_page_numbers_footer_and_tags(example, tmp_path):
    pdf = render_handout(analyze(example), "cards", "pdf", diagram=False)
    text = _pdf_text(pdf, tmp_path)
    assert "Page 1 of" in text and "sources: Chatterji & Gurudatha 23; Korean Peninsula Tensions 23" in text
    assert b"/StructTreeRoot" in pdf and b"/MarkInfo" in pdf  # tagged for accessibility


def test_hypothesis_random_text_never_breaks_a_renderer(tmp_project):
    pytest.importorskip("hypothesis")
    from hypothesis import given, settings, strategies as st

    # Any text YAML can carry (it forbids surrogates, controls and unassigned code points).
    text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn", "Co", "Zl", "Zp"), blacklist_characters="\ufeff"),
                   min_size=1, max_size=40).filter(lambda s: s.strip())
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731

    @settings(max_examples=15, deadline=None)
    @given(text, text)
    def run(a, b):
        tmp_project.claim("r.yaml", f"""
            map: {{title: {q(a)}}}
            statements:
              - {{id: t, kind: thesis, text: {q(b)}}}
              - {{id: s, text: {q(a)}, tag: {q(b)}}}
            arguments:
              - {{id: a, premises: [s], supports: t, warrant: {q(a)}}}
        """)
        rmap = resolve_map(tmp_project.project, "r")
        for kind in KINDS:
            for fmt in ("html", "md", "pdf"):
                assert render_handout(analyze(rmap), kind, fmt, diagram=False)

    run()


# --------------------------------------------------------------------------- command line and build


def invoke(proj, *args):
    return CliRunner().invoke(main, [*args, "--project", str(proj.root)])


def test_cli_handout_formats(tmp_project):
    tmp_project.claim("example.yaml", EXAMPLE)
    md = invoke(tmp_project, "handout", "example", "--kind", "flow", "--event", "ld", "--format", "md")
    assert md.exit_code == 0, md.output
    assert "| AC | NC | 1AR | NR | 2AR |" in md.output
    out = tmp_project.root / "cards.pdf"
    res = invoke(tmp_project, "handout", "example", "--kind", "cards", "--format", "pdf", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_bytes().startswith(b"%PDF")
    refused = invoke(tmp_project, "handout", "example", "-o", str(tmp_project.root / "arguments" / "x.html"))
    assert refused.exit_code != 0 and not (tmp_project.root / "arguments" / "x.html").exists()


def test_build_writes_all_six_handouts_in_html_and_pdf(tmp_project):
    tmp_project.claim("example.yaml", EXAMPLE)
    res = invoke(tmp_project, "build")
    assert res.exit_code == 0, res.output
    out = tmp_project.root / "output" / "example"
    for kind in KINDS:
        assert (out / f"example-{kind}.html").read_text(encoding="utf-8").startswith("<!doctype html>")
        assert (out / f"example-{kind}.pdf").read_bytes().startswith(b"%PDF")
