"""Random maps never crash the pipeline: only documented, located diagnostics.

The number of examples is modest by default; set ARGMAP_FUZZ_EXAMPLES for a
long run (see the README's security section).
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings

from argmap.api import check
from argmap.core.diagnostics import CODES
from strategies import claim_maps, to_yaml

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "60"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@fuzz
@given(claim_maps())
def test_random_maps_check_without_crashing_and_export_when_clean(tmp_project, data):
    path = tmp_project.claim("fuzz.yaml", "")
    text = to_yaml(data)
    path.write_text(text, encoding="utf-8")
    result = check(tmp_project.project)
    lines = text.count("\n") + 1
    for d in result.all_diagnostics():
        assert d.code in CODES
        if d.location.path == "arguments/fuzz.yaml":
            assert 1 <= d.location.line <= lines
    [mr] = result.maps
    if mr.ok:
        from argmap.analyze.analysis import analyze
        from argmap.export.json_export import render

        exported = json.loads(render(analyze(mr.map)))
        assert [s["id"] for s in exported["statements"]] == list(mr.map.statements)
        for ev in exported["evidence"]:
            a = ev["anchor"]
            source = mr.map.source_texts[ev["source"]].text
            assert source[a["start"]:a["end"]] == a["exact"]
