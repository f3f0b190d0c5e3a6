"""Random well-formed maps with hostile text go through every renderer.

Every diagram format, every handout in HTML, PDF and Markdown, and every
export must succeed on any map that checks clean: no exception, and no
error code other than the documented ones. ARGMAP_FUZZ_EXAMPLES raises the
number of examples for a long run (see the README's security section).
"""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.api import check
from argmap.core.diagnostics import ArgmapError, CODES
from strategies import claim_maps, to_yaml

EXAMPLES = max(4, int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "60")) // 6)
fuzz = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


def clean_map(tmp_project, data):
    tmp_project.claim("fuzz.yaml", to_yaml(data))
    [mr] = check(tmp_project.project).maps
    return mr.map if mr.ok else None


@needs_dot
@fuzz
@given(claim_maps(valid=True, max_statements=8))
def test_every_renderer_accepts_every_clean_map(tmp_project, data):
    rmap = clean_map(tmp_project, data)
    if rmap is None:
        return
    from argmap.render import diagram
    from argmap.analyze.analysis import analyze
    from argmap.export import FORMATS, render
    from argmap.analyze.analysis import analyze
    from argmap.render.handouts import KINDS, render_handout

    try:
        for fmt in ("dot", "svg", "png", "pdf"):
            out = diagram.render(rmap, fmt)
            assert out, fmt
        for kind in KINDS:
            for fmt in ("html", "md", "pdf"):
                out = render_handout(analyze(rmap), kind, fmt, diagram=False)
                assert out, (kind, fmt)
        for fmt in FORMATS:
            assert render(fmt, analyze(rmap)), fmt
    except ArgmapError as exc:  # allowed only as a documented, located error
        assert all(d.code in CODES for d in exc.diagnostics)
        raise AssertionError(f"a clean map failed to render: {exc}") from exc
