"""The diagram package's shape and its drawing cache: modules by job and of a
readable size, no module-level caches, one place that starts `dot`, and a
cache that reuses a layout when the DOT text is the same and misses when it
differs (in memory, and on disk for a later build)."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from argmap.analyze.analysis import analyze
from argmap.api import resolve_map
from argmap.render import diagram
from argmap.render.diagram import DrawingCache, Graphviz

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "argmap" / "render" / "diagram"
EXAMPLE = (REPO / "arguments" / "example.yaml").read_text(encoding="utf-8")
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def test_the_package_is_split_by_job_and_no_module_is_large():
    names = {p.stem for p in PACKAGE.glob("*.py")}
    assert {"__init__", "select", "dot", "graphviz", "pages", "pdf"} <= names
    for path in PACKAGE.glob("*.py"):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 800, f"{path.name} has {lines} lines"
    assert (REPO / "src" / "argmap" / "templates" / "diagram" / "pages.typ").is_file()


def test_no_module_level_caches_no_broad_excepts_and_one_place_that_starts_dot():
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        assert "lru_cache" not in text and "functools.cache" not in text, path.name
        assert "global " not in text, path.name
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and isinstance(node.type, ast.Name):
                assert node.type.id != "Exception", f"{path.name}:{node.lineno}: except Exception"
        for node in tree.body:  # module-level assignments: constants, never dicts filled at run time
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(getattr(node, "value", None), ast.Call):
                func = node.value.func
                name = getattr(func, "id", getattr(func, "attr", ""))
                assert name in {"dict", "compile", "frozenset", "tuple"}, f"{path.name}:{node.lineno}: {name}()"
        if path.name != "graphviz.py":
            assert "subprocess" not in text, f"{path.name} starts processes; only graphviz.py may"
    runner = (PACKAGE / "graphviz.py").read_text(encoding="utf-8")
    assert runner.count("children.popen(") == 1  # Graphviz.spawn, through argmap.core.children (Ctrl-C kills it)
    assert "subprocess.Popen(" not in runner and "subprocess.run(" not in runner


@pytest.fixture
def example(tmp_project):
    tmp_project.claim("example.yaml", EXAMPLE)
    return resolve_map(tmp_project.project, "example")


@needs_dot
def test_the_cache_reuses_a_layout_for_the_same_dot_and_misses_for_another(example):
    cache = DrawingCache()
    source = diagram.to_dot(example)
    with Graphviz(cache) as gv:
        first = gv.run(source, ["svg"])
        runs = gv.runs
        again = gv.run(source, ["svg"])
        assert again == first and gv.runs == runs and cache.hits == 1  # no `dot` run for the same text
        other = diagram.to_dot(example, depth=1)
        assert other != source
        gv.run(other, ["svg"])
        assert gv.runs == runs + 1 and cache.misses == 2
        gv.run(source, ["png"])  # another format is another drawing
        assert gv.runs == runs + 2


@needs_dot
def test_a_cache_folder_serves_a_later_process_and_keeps_only_what_was_used(example, tmp_path):
    folder = tmp_path / "cache"
    first = diagram.render(example, "pdf", cache=folder)
    assert any(folder.iterdir())
    later = DrawingCache(folder)  # as a later build would open it: nothing in memory
    with Graphviz(later) as gv:
        pages = diagram.paginate(example, gv=gv)
        assert gv.runs == 0 and later.misses == 0  # every layout came from the folder
        assert diagram.render_pdf(pages, title=example.header.title, gv=gv) == first
    stale = folder / ("0" * 64 + ".svg")
    stale.write_bytes(b"an old drawing")
    later.prune()
    assert not stale.exists() and any(folder.iterdir())


@needs_dot
def test_the_build_passes_a_cache_folder_under_output(tmp_project):
    from argmap.build.builder import BuildContext

    tmp_project.claim("example.yaml", EXAMPLE)
    rmap = resolve_map(tmp_project.project, "example")
    out = tmp_project.root / "output"
    ctx = BuildContext(tmp_project.project, out / "example", cache_dir=out / ".argmap-cache")
    arts = {a.name: a.data for a in diagram.artifacts(analyze(rmap), ctx)}
    folder = out / ".argmap-cache" / "diagram" / "example"
    assert any(folder.glob("*.pdf")) and any(folder.glob("*.svg"))
    again = {a.name: a.data for a in diagram.artifacts(analyze(rmap), ctx)}  # from the folder: the same bytes
    assert again == arts
