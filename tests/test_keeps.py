"""Deliberate notes (argmap.analyze.keeps): a weak spot kept on purpose is a
note with its reason, not a warning; a keep without a reason, or one that
keeps nothing, is itself a located warning."""

from __future__ import annotations

import json

from argmap.analyze.analysis import analyze
from argmap.api import check, resolve_map
from argmap.cli import main
from click.testing import CliRunner

THREAT = "we will not be intimidated by North Korea"
WAR = "parents could lose their children, children could lose their parents"

MAP = f"""
map:
  title: Keeps
  HEADER
statements:
  - id: thesis
    kind: thesis
    text: The US should deter North Korea.
  - id: costs
    text: A war would cost millions of lives on its first day.
  - id: resolve-deters
    kind: assumption
    text: A show of resolve makes the North hold back.
    KEEP
arguments:
  - id: arg-thesis
    premises: [costs, resolve-deters]
    supports: thesis
evidence:
  - id: ev-war
    source: oped
    quote: "{WAR}"
    supports: [costs]
"""

REASON = "keep:\n      - code: W506\n        reason: An unstated assumption, kept as a cross-examination target."


def analysed(tmp_project, header: str = "", keep: str = ""):
    tmp_project.claim("m.yaml", MAP.replace("HEADER", header).replace("KEEP", keep))
    return analyze(resolve_map(tmp_project.project, "m"))


def verbose(tmp_project) -> dict:
    run = CliRunner().invoke(main, ["check", "--verbose", "--format", "json", "--project", str(tmp_project.root)])
    assert run.exit_code == 0, run.output
    return json.loads(run.output)


def by_code(out: dict, code: str) -> list[dict]:
    return [d for d in out["diagnostics"] if d["code"] == code]


def test_an_item_keep_with_a_reason_makes_the_finding_a_note(tmp_project):
    a = analysed(tmp_project, keep=REASON)
    [ws] = [w for w in a.weak_spots if w.code == "W506"]
    assert ws.kept and ws.acknowledged.startswith("An unstated assumption")
    line = ws.to_diagnostic(a.map).format().split("\n")[0]
    assert "note[W506]" in line and line.endswith("(kept: An unstated assumption, kept as a cross-examination target.)")
    assert a.counts().kept["unsupported"] == 1 and a.keep_problems == []
    out = verbose(tmp_project)
    assert [d["severity"] for d in by_code(out, "W506")] == ["note"] and out["notes"] >= 1
    assert all(d["severity"] != "warning" for d in out["diagnostics"] if d["code"] in ("W506", "W518", "W519"))


def test_without_a_keep_the_same_finding_is_a_warning(tmp_project):
    a = analysed(tmp_project)
    [ws] = [w for w in a.weak_spots if w.code == "W506"]
    assert not ws.kept and ws.to_diagnostic(a.map).severity.value == "warning"
    assert [d["severity"] for d in by_code(verbose(tmp_project), "W506")] == ["warning"]


def test_a_keep_without_a_reason_is_a_located_warning_and_keeps_nothing(tmp_project):
    a = analysed(tmp_project, keep="keep:\n      - code: W506")
    assert not [w for w in a.weak_spots if w.code == "W506"][0].kept
    [d] = a.keep_problems
    assert d.code == "W518" and d.location.path.endswith("m.yaml") and d.location.line == 14
    out = check(tmp_project.project)  # not only with --verbose
    assert [x.code for x in out.all_diagnostics()] == ["W518"] and out.warnings == 1


def test_a_keep_of_a_code_that_no_longer_fires_is_stale(tmp_project):
    a = analysed(tmp_project, keep="keep:\n      - code: W509\n        reason: Conceded on purpose.")
    [d] = a.keep_problems
    assert d.code == "W519" and "W509 no longer fires" in d.message and d.location.line == 14
    # the near miss: the same keep on the item where it fires is no problem
    assert analysed(tmp_project, keep=REASON).keep_problems == []


def test_the_map_that_analyses_the_op_ed_keeps_its_self_citation(tmp_project):
    plain = analysed(tmp_project)
    assert [(w.code, w.kept) for w in plain.weak_spots if w.code == "W503"] == [("W503", False)]
    a = analysed(tmp_project, header="analyses: oped")
    [ws] = [w for w in a.weak_spots if w.code == "W503"]
    assert ws.kept and "the map analyses" in ws.acknowledged and ws.kept_by is None


def test_an_unknown_analysed_source_is_a_located_error(tmp_project):
    tmp_project.claim("m.yaml", MAP.replace("HEADER", "analyses: opde").replace("KEEP", ""))
    [d] = [d for d in check(tmp_project.project).all_diagnostics() if d.is_error]
    assert d.code == "E202" and "opde" in d.message and "oped" in (d.hint or "") and d.location.line == 3


def test_a_map_keep_applies_to_its_source_only(tmp_project):
    keep = "keep:\n    - code: W502\n      source: SRC\n      reason: The seeds hold two texts."
    a = analysed(tmp_project, header=keep.replace("SRC", "oped"))
    single = [w for w in a.weak_spots if w.code == "W502"]
    assert single and all(w.kept for w in single) and a.keep_problems == []
    b = analysed(tmp_project, header=keep.replace("SRC", "article"))  # no claim rests on the article alone
    assert not any(w.kept for w in b.weak_spots if w.code == "W502")
    assert [d.code for d in b.keep_problems] == ["W519"] and "for source 'article'" in b.keep_problems[0].message


def test_a_coachs_note_is_always_a_note(tmp_project):
    a = analysed(tmp_project, keep="weaknesses:\n      - kind: vague\n        note: Hold back from what?")
    [ws] = [w for w in a.weak_spots if w.code == "W507"]
    assert ws.kept and ws.to_diagnostic(a.map).severity.value == "note"
