"""The commands a teacher and a student run: quote, export, build."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from argmap.cli import main


def invoke(proj, *args):
    return CliRunner().invoke(main, [*args, "--project", str(proj.root)])


def test_quote_prints_passage_and_a_stub_that_checks_clean(tmp_project, minimal_map):
    result = invoke(tmp_project, "quote", "oped", 'Kim Jung Un\'s intentions are "clear"', "--sentence", "--id", "ev-kim")
    # Straight quotes typed by the teacher; the source has none around "clear", so: not found.
    assert result.exit_code == 1 and "E301" in result.output
    result = invoke(tmp_project, "quote", "oped", "Kim Jung Un's intentions are clear", "--sentence", "--id", "ev-kim")
    assert result.exit_code == 0, result.output
    assert "paragraph 5" in result.output
    stub = result.output[result.output.index("evidence:"):]
    assert '"Kim Jung Un\u2019s intentions are clear; he wants North Korea to maintain its nuclear arms \u2013 regardless of the economic costs."' in stub
    # The stub pasted into a map checks clean.
    tmp_project.claim("m.yaml", minimal_map + stub.split("\n", 1)[1].replace("supports: []", "supports: [embargo-fails]"))
    check = invoke(tmp_project, "check")
    assert check.exit_code == 0, check.output


def test_quote_unknown_source_suggests(tmp_project):
    result = invoke(tmp_project, "quote", "opeds", "anything")
    assert result.exit_code == 1
    assert "error[E202]" in result.output and "did you mean 'oped'?" in result.output


def test_export_json_has_anchors_that_point_at_the_source(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    result = invoke(tmp_project, "export", "m", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"sources", "statements", "arguments", "evidence"} <= set(data)
    [ev] = data["evidence"]
    text = (tmp_project.root / "seeds" / "broadened-diplomacy-oped.txt").read_text(encoding="utf-8")
    a = ev["anchor"]
    assert text[a["start"]:a["end"]] == a["exact"] == "China accounts for over 90% of North Korea\u2019s total imports and exports"
    assert text[a["start"] - len(a["prefix"]):a["start"]] == a["prefix"]
    assert text[a["end"]:a["end"] + len(a["suffix"])] == a["suffix"]
    assert ev["short_cite"] == "Chatterji & Gurudatha 23"


def test_export_of_a_map_with_errors_fails_cleanly(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map.replace("supports: thesis", "supports: nope"))
    result = invoke(tmp_project, "export", "m")
    assert result.exit_code == 1
    assert "error[E202]" in result.output and "Traceback" not in result.output


def test_export_unknown_map_suggests(tmp_project, minimal_map):
    tmp_project.claim("carrot.yaml", minimal_map)
    result = invoke(tmp_project, "export", "carot")
    assert result.exit_code == 1 and "did you mean 'carrot'?" in result.output


def test_export_refuses_to_write_into_arguments(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    result = invoke(tmp_project, "export", "m", "-o", str(tmp_project.root / "arguments" / "out.json"))
    assert result.exit_code != 0
    assert not (tmp_project.root / "arguments" / "out.json").exists()


def test_build_writes_json_into_output_and_skips_broken_maps(tmp_project, minimal_map):
    tmp_project.claim("good.yaml", minimal_map)
    tmp_project.claim("bad.yaml", minimal_map.replace("supports: thesis", "supports: nope"))
    result = invoke(tmp_project, "build")
    assert result.exit_code == 1
    assert (tmp_project.root / "output" / "good" / "good.json").is_file()
    assert not (tmp_project.root / "output" / "bad").exists()
    assert "not built because of errors: bad" in result.output
    leftovers = [p for p in (tmp_project.root / "output").rglob("*tmp")]
    assert leftovers == []


def test_python_dash_m_runs_the_cli():
    out = subprocess.run([sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("argmap, version")


def test_internal_errors_hide_the_traceback(tmp_project, minimal_map, monkeypatch):
    import argmap.api

    tmp_project.claim("m.yaml", minimal_map)
    monkeypatch.setattr(argmap.api, "check", lambda *a, **k: 1 / 0)
    result = invoke(tmp_project, "check")
    assert result.exit_code == 2
    assert "internal error" in result.output and "Traceback" not in result.output
