"""Argument diagrams: structure (nodes, edges, styles by relation), views (focus,
depth, option), escaping, determinism, paging and the error paths. Every map
lives in a temporary project; nothing is written into the repository."""

from __future__ import annotations

import html
import importlib.util
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.analyze.analysis import analyze
from argmap.render import diagram
from argmap.api import resolve_map
from argmap.cli import main
from argmap.core.diagnostics import ArgmapError

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = (REPO / "arguments" / "example.yaml").read_text(encoding="utf-8")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@pytest.fixture
def example(tmp_project):
    tmp_project.claim("example.yaml", EXAMPLE)
    return resolve_map(tmp_project.project, "example")


# --------------------------------------------------------------------------- reading DOT back


def nodes(dot: str, kind: str) -> list[str]:
    """Node ids of one kind ("s" statement, "a" junction, "e" evidence, "more" marker), in order."""
    return re.findall(rf'^  "{kind}:([^"]+)" \[', dot, re.M)


def edges(dot: str) -> list[tuple[str, str, dict[str, str]]]:
    found = []
    for tail, head, attrs in re.findall(r'^  "([^"]+)" -> "([^"]+)" \[(.*)\]$', dot, re.M):
        if head.startswith("t:"):  # (an option's name, held above its claims by an invisible edge)
            continue
        found.append((tail, head, dict(re.findall(r'(\w+)=("[^"]*"|[^,\s]+)', attrs))))
    return found


def edge(dot: str, edge_id: str) -> dict[str, str]:
    hits = [a for _, _, a in edges(dot) if a.get("id") == f'"{edge_id}"']
    assert len(hits) == 1, edge_id
    return hits[0]


def node_line(dot: str, name: str) -> str:
    return next(line for line in dot.splitlines() if line.startswith(f'  "{name}" ['))


def svg_texts(svg: bytes) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8"))]


# --------------------------------------------------------------------------- structure


def test_example_nodes_and_edges(example):
    dot = diagram.to_dot(example)
    assert nodes(dot, "s") == list(example.statements)
    assert nodes(dot, "e") == list(example.evidence)
    # Junctions: the linked argument (two premises) and the undercut one.
    assert nodes(dot, "a") == ["ex-arg-embargo", "ex-arg-reward"]
    assert "not drawn" not in dot and "continued on" not in dot
    # 2 premises into the junction + 1 on; 1; 1 into the junction + 1 on; the undercut; 3 evidence.
    assert len(edges(dot)) == 3 + 1 + 2 + 1 + 3


def test_styles_by_relation(example):
    dot = diagram.to_dot(example)
    support = edge(dot, "r-ex-arg-thesis-ex-embargo-fails")
    assert (support["style"], support["arrowhead"], support["color"]) == ("solid", "normal", f'"{diagram.SUPPORT}"')
    rebut = edge(dot, "r-ex-arg-reward")  # junction -> thesis
    assert (rebut["style"], rebut["arrowhead"], rebut["color"]) == ("dashed", "tee", f'"{diagram.ATTACK}"')
    undercut = [(t, h, a) for t, h, a in edges(dot) if a.get("id") == '"r-ex-arg-no-reward-ex-talks-stalled"']
    assert undercut[0][:2] == ("s:ex-talks-stalled", "a:ex-arg-reward")  # into the inference, not a claim
    assert (undercut[0][2]["style"], undercut[0][2]["arrowhead"]) == ("dotted", "tee")
    # Linked premises join in the junction without arrowheads, then one arrow goes on.
    joins = [(t, a) for t, h, a in edges(dot) if h == "a:ex-arg-embargo"]
    assert [t for t, _ in joins] == ["s:ex-china-trade", "s:ex-leverage-assumed"]
    assert all(a["arrowhead"] == "none" for _, a in joins)
    assert [h for t, h, _ in edges(dot) if t == "a:ex-arg-embargo"] == ["s:ex-embargo-fails"]
    # Evidence: supports solid, challenges dashed with a bar.
    assert edge(dot, "ev-ex-ev-china-ex-china-trade")["style"] == "solid"
    assert (edge(dot, "ev-ex-ev-defection-ex-talks-stalled")["arrowhead"]) == "tee"


def test_node_styles_by_kind(example):
    dot = diagram.to_dot(example)
    assert "dashed" in node_line(dot, "s:ex-leverage-assumed")  # an unstated assumption
    assert "dashed" not in node_line(dot, "s:ex-china-trade")
    thesis = node_line(dot, "s:ex-thesis")
    assert "THESIS" in thesis and "<B>" in thesis and "penwidth=2.6" in thesis
    assert diagram.NEG_FILL in node_line(dot, "s:ex-talks-reward") and "OBJECTION" in node_line(dot, "s:ex-talks-reward")
    ev = node_line(dot, "e:ex-ev-china")
    assert "shape=note" in ev and "Chatterji &amp; Gurudatha 23 ¶6" in ev
    assert "over 90% of North Korea" in ev  # the highlighted words
    for text in ("supports", "attacks (rebuts)", "undercuts", "linked", "ASSUMPTION", "evidence"):
        assert text in dot.split("\n", 2)[1], text  # the key, in the title block


def test_options_are_clusters(example):
    dot = diagram.to_dot(example)
    clusters = dict(re.findall(r'subgraph "cluster_option_([^"]+)" \{\n.*\n    (.*)\n  \}', dot))
    # (each with its name as a node of its own, so that no edge crosses it)
    assert clusters["ex-engage"] == '"s:ex-thesis"; "t:ex-engage";'
    assert clusters["ex-status-quo"].split() == ['"s:ex-embargo-fails";', '"e:ex-ev-embargo";', '"t:ex-status-quo";']
    assert re.search(r'"s:ex-embargo-fails" -> "t:ex-status-quo" \[style=invis', dot)
    assert "★ recommended" in dot and "Embargo plus engagement" in dot


def test_no_evidence(example):
    dot = diagram.to_dot(example, evidence=False)
    assert nodes(dot, "e") == [] and not any(t.startswith("e:") for t, _, _ in edges(dot))
    assert "Cite 23" not in dot  # nor in the key


def test_depth_cuts_and_counts(example):
    dot = diagram.to_dot(example, depth=1)
    assert nodes(dot, "s") == ["ex-thesis", "ex-embargo-fails", "ex-talks-reward", "ex-talks-stalled"]
    # The cut is counted in the claim's own box, with the way to see it.
    assert "▼ 1 reason not drawn" in node_line(dot, "s:ex-embargo-fails")
    assert "--focus" not in dot and ">ex-embargo-fails<" not in dot  # no ids or CLI hints in print
    with_ids = diagram.to_dot(example, depth=1, ids=True)  # --ids: the id and the way to see the cut
    assert "▼ 1 reason not drawn<BR/>(--focus ex-embargo-fails)" in node_line(with_ids, "s:ex-embargo-fails")
    assert sum("not drawn" in node_line(dot, f"s:{s}") for s in nodes(dot, "s")) == 1
    assert nodes(diagram.to_dot(example, depth=0), "s") == ["ex-thesis"]
    assert "▼ 1 reason and 1 objection not drawn" in diagram.to_dot(example, depth=0).replace("<BR/>", " ")


def test_focus_draws_the_subtree_and_its_parent_faded(example):
    dot = diagram.to_dot(example, focus="ex-embargo-fails")
    assert nodes(dot, "s") == ["ex-embargo-fails", "ex-china-trade", "ex-leverage-assumed", "ex-thesis"]
    assert "dotted" in node_line(dot, "s:ex-thesis") and diagram.CONTEXT_FILL in node_line(dot, "s:ex-thesis")
    assert nodes(dot, "e") == ["ex-ev-china", "ex-ev-embargo"]
    assert "Focus: ex-embargo-fails" in dot
    # An argument in focus: its premises, its undercut, its conclusion faded.
    dot = diagram.to_dot(example, focus="ex-arg-reward")
    assert nodes(dot, "s") == ["ex-talks-reward", "ex-talks-stalled", "ex-thesis"]  # context last
    assert "dotted" in node_line(dot, "s:ex-thesis")
    assert nodes(dot, "a") == ["ex-arg-reward"]


def test_option_view(example):
    dot = diagram.to_dot(example, option="ex-status-quo")
    assert nodes(dot, "s") == ["ex-embargo-fails", "ex-china-trade", "ex-leverage-assumed", "ex-thesis"]
    assert "dotted" in node_line(dot, "s:ex-thesis")  # outside the option: context
    assert "Option: Embargo alone" in dot


def test_status_is_drawn_as_badges(example):
    dot = diagram.to_dot(example, status={"ex-thesis": "in", "ex-talks-stalled": "out", "ex-arg-reward": "undec", "ex-ev-china": "in"})
    assert "✔ IN" in node_line(dot, "s:ex-thesis")
    assert "✘ OUT" in node_line(dot, "s:ex-talks-stalled") and diagram.STATUS_OUT_FILL in node_line(dot, "s:ex-talks-stalled")
    assert "#bdbdbd" in node_line(dot, "a:ex-arg-reward")
    assert "✔ IN" in node_line(dot, "e:ex-ev-china")
    assert "in · out · undecided" in dot.split("\n", 2)[1]
    assert "✔" not in diagram.to_dot(example)


def test_status_from_the_evaluation(example):
    evaluate = pytest.importorskip("argmap.analyze.evaluate")
    if not hasattr(evaluate, "evaluate"):
        pytest.skip("argmap.analyze.evaluate has no evaluate() yet")
    labels = evaluate.evaluate(example).status()
    dot = diagram.to_dot(example, status=labels)
    assert sum(badge in dot for badge in diagram.STATUS_BADGE.values()) >= 1


# --------------------------------------------------------------------------- escaping

HOSTILE = [
    '"quoted"', "{braces}", "[brackets]", "<b>angle</b>", "&amp;", "a&b", r"\back\slash", r"\N", r"\G", r"\l", r"\n",
    "]]>", "-->", "'single'", "|pipe|", "%s", "שלום", "مرحبا", "中文字符", "\u202eoverride",
]


@pytest.fixture
def hostile(tmp_project):
    text = " ".join(HOSTILE)
    claim = {
        "map": {"title": 'Title "with" <angle> & {braces} \\N', "resolution": "Resolved: \\G </TD> & more"},
        "options": [{"id": "opt", "label": "<B>not bold</B> \\l", "kind": "mix", "planks": ["x"]}],
        "statements": [
            {"id": "t", "kind": "thesis", "option": "opt", "text": text},
            {"id": "p", "kind": "assumption", "text": "bell\x07 tab\there\nnewline \\\\ " + text},
            {"id": "cjk", "kind": "objection", "text": "中文字符测试。北朝鲜的导弹计划没有停止。" * 3},
        ],
        "arguments": [
            {"id": "a", "premises": ["p"], "supports": "t", "warrant": 'warrant "quoted" \\N <x>'},
            {"id": "b", "premises": ["cjk"], "attacks": "t"},
        ],
        "evidence": [{"id": "ev", "source": "oped", "quote": "China accounts for over 90% of North Korea's total imports and exports",
                      "supports": ["p"]}],
    }
    tmp_project.claim("hostile.yaml", yaml.safe_dump(claim, allow_unicode=True))
    return resolve_map(tmp_project.project, "hostile")


def test_hostile_text_is_escaped_in_dot(hostile):
    dot = diagram.to_dot(hostile)
    labels = " ".join(re.findall(r"label=<(.*?)>[,\]]", dot))
    assert "<b>angle</b>" not in dot and "&lt;b&gt;angle&lt;/b&gt;" in dot
    assert "&amp;amp;" in dot and "&quot;quoted&quot;" in dot
    assert "\\\\N" in dot and "\\N " not in dot.replace("\\\\N", "")
    assert "\x07" not in dot and "\t" not in dot
    assert "\u202e" not in dot and "override" in dot  # no bidi override: text shows in the order written
    assert "<B>not bold</B>" not in dot and "</TD> &" not in labels


@needs_dot
def test_hostile_text_survives_graphviz_literally(hostile):
    svg = diagram.render(hostile, "svg")
    texts = " ".join(svg_texts(svg))
    for token in HOSTILE:
        if token == "\u202eoverride":
            token = "override"
        assert token in texts, token
    assert "Title \"with\" <angle> & {braces} \\N" in texts
    assert "<B>not bold</B> \\l" in texts
    assert "bell tab here newline \\\\" in texts  # controls dropped, breaks as spaces, both backslashes kept
    assert "中文字符测试" in texts
    # Hover text (SVG tooltips) keeps the full text, with single backslashes.
    tips = [html.unescape(t) for t in re.findall(r'xlink:title="([^"]*)"', svg.decode())]
    assert any('warrant "quoted" \\N <x>' in t for t in tips)
    assert any("\\back\\slash \\N \\G" in t for t in tips)


def test_wrap_counts_wide_characters_twice():
    lines = diagram.wrap("中文字符" * 10, 20)
    assert all(sum(2 for _ in line) <= 20 for line in lines) and "".join(lines) == "中文字符" * 10
    assert diagram.wrap("a " * 3, 10) == ["a a a"]
    assert diagram.wrap("x" * 50, 20) == ["x" * 20, "x" * 20, "x" * 10]


@needs_dot
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60))
def test_any_text_reaches_the_svg_intact(example, text):
    if not text.strip():
        text += "x"
    st_ = example.statements["ex-china-trade"]
    example.statements["ex-china-trade"] = st_.model_copy(update={"text": text})
    svg = diagram.render(example, "svg", evidence=False, legend=False)
    group = svg.decode("utf-8").split('<g id="s&#45;ex&#45;china&#45;trade"', 1)[1].split("</g>\n</g>", 1)[0]
    shown = "".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", group))
    expected = diagram.clean_text(text)
    assert "".join(expected.split()) in "".join(shown.split())


# --------------------------------------------------------------------------- determinism


@needs_dot
def test_same_input_gives_identical_bytes(example, tmp_project):
    again = resolve_map(tmp_project.project, "example")  # resolved afresh
    assert diagram.to_dot(example) == diagram.to_dot(again)
    for fmt in ("svg", "png", "pdf"):
        first = diagram.render(example, fmt)  # (no drawing is kept between calls: Graphviz draws it again)
        assert first == diagram.render(again, fmt), fmt
    svg = diagram.render(example, "svg")
    assert b"<svg" in svg and not re.search(rb"20\d\d-\d\d-\d\d", svg)


# --------------------------------------------------------------------------- errors


def test_unknown_focus_is_a_located_did_you_mean(example):
    with pytest.raises(ArgmapError) as err:
        diagram.to_dot(example, focus="ex-thesiss")
    d = err.value.diagnostics[0]
    assert d.code == "E202" and d.hint == "did you mean 'ex-thesis'?"
    assert d.location.path.endswith("example.yaml")
    with pytest.raises(ArgmapError) as err:
        diagram.to_dot(example, option="ex-engag")
    assert err.value.diagnostics[0].hint == "did you mean 'ex-engage'?"
    with pytest.raises(ArgmapError) as err:
        diagram.to_dot(example, focus="ex-ev-china")
    assert err.value.diagnostics[0].code == "E203"


def test_cli_unknown_focus_exits_1(tmp_project):
    tmp_project.claim("example.yaml", EXAMPLE)
    result = CliRunner().invoke(main, ["diagram", "example", "--focus", "ex-embargo-fail", "--format", "dot",
                                       "--project", str(tmp_project.root)])
    assert result.exit_code == 1
    assert "arguments/example.yaml:1:1: error[E202]" in result.output
    assert "did you mean 'ex-embargo-fails'?" in result.output


def test_missing_graphviz_says_how_to_install(tmp_project, tmp_path, monkeypatch):
    tmp_project.claim("example.yaml", EXAMPLE)
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    args = ["diagram", "example", "--project", str(tmp_project.root)]
    for fmt in ("svg", "png", "pdf"):
        result = CliRunner().invoke(main, [*args, "--format", fmt, "-o", str(tmp_path / f"d.{fmt}")])
        assert result.exit_code == 1, result.output
        assert result.output.startswith("argmap: error[E502]: drawing a diagram needs Graphviz")
        assert "apt-get install graphviz" in result.output and "brew install graphviz" in result.output
        assert "Traceback" not in result.output and not (tmp_path / f"d.{fmt}").exists()
    result = CliRunner().invoke(main, [*args, "--format", "dot"])  # the source needs no Graphviz
    assert result.exit_code == 0 and result.output.startswith("digraph argmap {")


def test_cli_writes_files_but_never_into_arguments(tmp_project, tmp_path):
    tmp_project.claim("example.yaml", EXAMPLE)
    base = ["diagram", "example", "--project", str(tmp_project.root)]
    result = CliRunner().invoke(main, [*base, "-o", str(tmp_project.root / "arguments" / "x.svg")])
    assert result.exit_code == 2 and "refusing to write into arguments/" in result.output
    assert not (tmp_project.root / "arguments" / "x.svg").exists()
    result = CliRunner().invoke(main, [*base, "--focus", "ex-thesis", "--option", "ex-engage"])
    assert result.exit_code == 2 and "not both" in result.output
    if shutil.which("dot"):
        out = tmp_path / "d.pdf"
        result = CliRunner().invoke(main, [*base, "--format", "pdf", "--depth", "1", "-o", str(out)])
        assert result.exit_code == 0 and out.read_bytes().startswith(b"%PDF")


# --------------------------------------------------------------------------- paging and build


def _bench():
    spec = importlib.util.spec_from_file_location("bench_diagram", REPO / "benchmarks" / "bench_diagram.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_dot
def test_a_large_map_is_split_into_readable_pages(tmp_path):
    name = _bench().synthetic_project(tmp_path / "big", 110)
    from argmap.api import open_project

    rmap = resolve_map(open_project(tmp_path / "big"), name)
    pages = diagram.paginate(rmap)
    assert len(pages) > 1
    assert all(p.fits("letter") for p in pages), [(p.focus, p.placement("letter")) for p in pages if not p.fits("letter")]
    # Every claim is drawn in full (not faded) on some page ...
    def full(page):
        return [s for s in nodes(page.dot, "s") if "dotted" not in node_line(page.dot, f"s:{s}")]
    assert {s for p in pages for s in full(p)} == set(rmap.statements)
    assert {e for p in pages for e in nodes(p.dot, "e")} == set(rmap.evidence)
    # ... and every "continued on p. N" leads to a page that starts from that claim.
    refs = 0
    for number, page in enumerate(pages, 1):
        assert f"page {number} of {len(pages)}" in page.dot
        for sid in full(page):
            found = re.search(r"continued on p\. (\d+)", node_line(page.dot, f"s:{sid}"))
            if found:
                refs += 1
                target = pages[int(found.group(1)) - 1]
                assert int(found.group(1)) > number and sid in full(target)
    assert refs >= len(pages) - 1
    pdf = diagram.render_pdf(pages, title=rmap.header.title)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True).stdout.decode()
        assert re.search(rf"Pages:\s+{len(pages)}\n", info)
        assert "792 x 612 pts" in info or "612 x 792 pts" in info
    # The same pages, drawn the same, on every run (the trial layouts and the
    # batches of pages are laid out in the same order each time).
    again = diagram.paginate(rmap)
    assert [p.dot for p in again] == [p.dot for p in pages]
    assert diagram.render_pdf(again, title=rmap.header.title) == pdf
    # A PNG is never shrunk below legible text: a map too large for a 4K screen
    # is drawn larger than the screen (body text at BODY_MIN_PX), not as a hairball.
    png = diagram.render(rmap, "png")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    natural_w, _ = diagram.layout_size(diagram.to_dot(rmap))
    assert png.startswith(b"\x89PNG") and width / natural_w * diagram.BODY_PT >= diagram.BODY_MIN_PX - 0.2
    assert not diagram.png_fits_screen(*diagram.layout_size(diagram.to_dot(rmap)))


@needs_dot
def test_a_page_skeleton_measures_like_the_page(tmp_path):
    """Paging asks how large a page would be of its skeleton (each box an empty
    box of the same size, the graph label added back): the same size as the
    page itself, to a fraction of a point."""
    name = _bench().synthetic_project(tmp_path / "big", 110)
    from argmap.api import open_project

    rmap = resolve_map(open_project(tmp_path / "big"), name)
    views = [diagram.select(rmap, focus=sid, depth=depth) for sid in list(rmap.statements)[::9] for depth in (1, 2)]
    views.append(diagram.select(rmap, depth=2))
    with diagram._Trials() as trials:
        for i, view in enumerate(views):
            refs = {sid: 88 for sid in [*view.hidden, *view.context]}
            title = (True, "short")[i % 2]
            drawing = diagram._draw(rmap, view, page_refs=refs, title=title, legend=i % 3 == 0)
            assert drawing.text() == diagram.to_dot(rmap, view=view, page_refs=refs, title=title, legend=i % 3 == 0)
            want = diagram.layout_size(drawing.text())
            got = trials.size(drawing)
            assert abs(got[0] - want[0]) < 0.5 and abs(got[1] - want[1]) < 0.5, (view.caption, got, want)
        assert trials.layouts < 2 * len(views)  # one skeleton each, and a catalog of boxes not measured yet


@needs_dot
@pytest.mark.skipif(os.name != "posix", reason="the wait for an answer is bounded on POSIX only")
def test_paging_survives_a_dot_that_keeps_its_answers(example, tmp_path, monkeypatch):
    """A `dot` that answers nothing on a pipe (it would hang a build) is given up
    on: each layout then runs a `dot` of its own."""
    real = shutil.which("dot")
    fake = tmp_path / "bin" / "dot"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\ncase "$*" in *-o*|*-O*) exec "{real}" "$@";; esac\ncat > /dev/null\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(diagram._Trials, "PATIENCE", 0.5)
    pages = diagram.paginate(example)
    assert len(pages) == 1 and pages[0].fits("letter")


def test_a_map_that_fits_is_one_page(example):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    pages = diagram.paginate(example)
    assert len(pages) == 1 and pages[0].fits("letter") and pages[0].pdf.startswith(b"%PDF")


@needs_dot
def test_build_writes_the_map_and_each_option(tmp_project):
    from argmap.build.builder import BuildContext
    from argmap.core.artifact import Artifact

    tmp_project.claim("example.yaml", EXAMPLE)
    rmap = resolve_map(tmp_project.project, "example")
    arts = list(diagram.artifacts(analyze(rmap), BuildContext(tmp_project.project, tmp_project.root / "output" / "example")))
    assert all(isinstance(a, Artifact) for a in arts)
    assert [a.name for a in arts] == [
        "example.svg", "example.png", "example.pdf",  # a PNG for the whole map only
        "example-poster.pdf", "example-poster-letter.pdf",  # the poster, and the same poster tiled on Letter
        *(f"{stem}.{fmt}" for stem in ("example-option-ex-status-quo", "example-option-ex-engage") for fmt in ("svg", "pdf")),
        "example-overview.svg", "example-overview.png", "example-overview.pdf",
    ]
    assert "argmap.render.diagram:artifacts" in __import__("argmap.build.builder", fromlist=["PRODUCERS"]).PRODUCERS


def test_a_stuck_dot_is_stopped_with_a_clear_error(tmp_path, monkeypatch):
    from argmap.render import diagram
    from argmap.core.diagnostics import ArgmapError

    fake = tmp_path / "dot"
    fake.write_text(f"#!/bin/sh\nexec {shutil.which('sleep')} 30\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(diagram.graphviz, "DOT_TIMEOUT", 0.5)
    with pytest.raises(ArgmapError) as err:
        diagram.run_dot("digraph { stuck_test_graph }", ["svg"])
    assert err.value.diagnostics[0].code == "E503"
    assert "no drawing after" in err.value.diagnostics[0].message
