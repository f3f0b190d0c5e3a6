"""The weak-spot report: each kind, where it is reported, and how `check` shows it."""

from __future__ import annotations

from click.testing import CliRunner

from argmap.api import check, resolve_map
from argmap.cli import main
from argmap.core.diagnostics import CODES
from argmap.analyze.weakspots import CODE_OF_KIND, find_weak_spots, older_than, weak_spot_diagnostics

MAP = """
map:
  title: Weak spots
statements:
  - id: thesis
    kind: thesis
    text: The US should engage North Korea.
  - id: trade
    kind: fact
    as_of: "2023-02"
    text: China accounts for over 90% of North Korea's trade.
  - id: bare-fact
    kind: fact
    text: North Korea tested missiles in 2022.
  - id: claim
    text: The embargo has failed.
  - id: assumed
    kind: assumption
    text: Trade partners decide whether an embargo bites.
  - id: analytic
    text: Talks cost little.
  - id: obj
    kind: objection
    text: Talks reward provocations.
    weaknesses:
      - kind: vague
        note: Which talks?
  - id: ans
    kind: answer
    text: The last talks gave nothing away.
arguments:
  - id: arg-claim
    premises: [trade, assumed]
    supports: claim
  - id: arg-thesis
    premises: [claim, analytic, bare-fact]
    supports: thesis
  - id: arg-obj
    premises: [obj]
    attacks: thesis
  - id: arg-ans
    premises: [ans]
    undercuts: arg-obj
evidence:
  - id: ev-trade
    source: oped
    reference: usip-2019
    quote: China accounts for over 90% of North Korea's total imports and exports
    supports: [trade]
  - id: ev-news
    source: article
    quote: This act of defection has restored much of the diplomatic tensions.
    challenges: [ans]
"""


def spots(tmp_project, text=MAP):
    tmp_project.claim("m.yaml", text)
    return find_weak_spots(resolve_map(tmp_project.project, "m"))


def by_kind(found):
    out: dict[str, list[str]] = {}
    for ws in found:
        out.setdefault(ws.kind, []).append(ws.subject)
    return out


def test_every_kind_is_found(tmp_project):
    found = by_kind(spots(tmp_project))
    assert found["no-evidence"] == ["bare-fact"]  # a fact without a card (analytic is an unsupported premise)
    assert sorted(found["unsupported"]) == ["analytic", "ans", "assumed", "obj"]
    assert found["single-source"] == ["thesis"]  # reported once, at the top of the single-source tree
    assert found["self-citation"] == ["ev-trade"]
    assert found["dated"] == ["ev-trade"]  # the passage relays a 2019 report; the fact is as of 2023-02
    assert found["unanswered-attack"] == ["ev-news"]  # arg-obj is answered by arg-ans; the card is not
    assert found["noted"] == ["obj"]


def test_a_claim_with_reasons_but_no_card_is_an_analytic(tmp_project):
    text = MAP.replace("supports: [trade]", "supports: [bare-fact]")
    found = spots(tmp_project, text)
    messages = {ws.subject: ws.message for ws in found if ws.kind == "no-evidence"}
    assert "rests on reasoning alone" in messages["claim"]
    assert "has no card" in messages["trade"]


def test_each_spot_is_located_and_has_a_documented_code(tmp_project):
    found = spots(tmp_project)
    rmap = resolve_map(tmp_project.project, "m")
    for ws in found:
        assert ws.location == rmap.locations[ws.subject]
        assert ws.code in CODES and CODES[ws.code][1]
        d = ws.to_diagnostic(rmap)
        assert d.code == ws.code and not d.is_error
    assert set(CODE_OF_KIND.values()) == {c for c in CODES if c.startswith("W5")} - {"W518", "W519"}  # the keeps' own warnings


def test_dates_compare_conservatively():
    assert older_than("2019-05-06", "2023-02")
    assert not older_than("2023", "2023-09")  # "2023" may be December
    assert older_than("2023-02", "2023-09")
    assert not older_than("2023-02", "2023-02-14")  # February may be the 14th or earlier
    assert older_than("2023-02-13", "2023-02-14")


def test_an_attack_on_the_other_side_left_unanswered_is_not_our_weak_spot(tmp_project):
    text = MAP.replace("challenges: [ans]", "challenges: [obj]")
    assert "unanswered-attack" not in by_kind(spots(tmp_project, text))


def test_a_clean_map_has_no_weak_spots(tmp_project):
    clean = """
map:
  title: Clean
statements:
  - id: thesis
    kind: thesis
    text: China dominates North Korea's trade.
evidence:
  - id: ev-1
    source: article
    quote: This act of defection has restored much of the diplomatic tensions.
    supports: thesis
  - id: ev-2
    source: oped
    quote: China accounts for over 90% of North Korea's total imports and exports
    supports: thesis
"""
    # Two independent cards, no op-ed card for an aff claim... except ev-2 is the op-ed:
    found = by_kind(spots(tmp_project, clean))
    assert found == {"self-citation": ["ev-2"]}


def invoke(proj, *args):
    return CliRunner().invoke(main, [*args, "--project", str(proj.root)])


def test_check_counts_weak_spots_in_one_line_and_lists_them_with_verbose(tmp_project):
    tmp_project.claim("m.yaml", MAP)
    quiet = invoke(tmp_project, "check")
    assert quiet.exit_code == 0, quiet.output
    assert "warning[W5" not in quiet.output
    assert "note: m: 10 weak spots" in quiet.output and "argmap check --verbose" in quiet.output
    assert "0 warning(s)" in quiet.output  # a clean check stays clean
    loud = invoke(tmp_project, "check", "--verbose")
    assert loud.exit_code == 0
    for code in ("W501", "W502", "W503", "W504", "W505", "W506"):
        assert f"warning[{code}]" in loud.output, code
    assert "note[W507]" in loud.output  # a coach's note is deliberate: a note, not a warning
    assert "arguments/m.yaml:" in loud.output and "9 warning(s), 1 deliberate note(s)" in loud.output


def test_check_verbose_prints_labels_and_accept_changes_them(tmp_project):
    tmp_project.claim("m.yaml", MAP)
    loud = invoke(tmp_project, "check", "-v")
    assert "m: grounded labels:" in loud.output
    line = next(line for line in loud.output.splitlines() if " thesis " in line and line.startswith("  "))
    assert line.split()[0] == "out" and "defeated by arg-obj (in)" in line
    won = invoke(tmp_project, "check", "--accept", "ans")
    line = next(line for line in won.output.splitlines() if " thesis " in line and line.startswith("  "))
    assert line.split()[0] == "in"
    bad = invoke(tmp_project, "check", "--accept", "anz")
    assert bad.exit_code == 2 and "did you mean 'ans'?" in bad.output


def test_check_json_with_verbose_has_the_evaluation(tmp_project):
    import json

    tmp_project.claim("m.yaml", MAP)
    out = json.loads(invoke(tmp_project, "check", "--format", "json", "-v").output)
    assert out["evaluation"]["m"]["labels"]["thesis"] == "out"
    assert any(d["code"] == "W505" for d in out["diagnostics"])


def test_maps_with_errors_get_no_weak_spots_or_labels(tmp_project):
    tmp_project.claim("m.yaml", MAP.replace("supports: thesis", "supports: nope"))
    result = invoke(tmp_project, "check", "-v")
    assert result.exit_code == 1 and "W5" not in result.output and "grounded labels" not in result.output


def test_the_api_check_is_unchanged(repo_project):
    # Weak spots are an analysis, not a check of the file: the API's check does not add them.
    result = check(repo_project, ["example"])
    assert not any(d.code.startswith("W5") for d in result.all_diagnostics())
    rmap = resolve_map(repo_project, "example")
    assert all(d.code.startswith("W5") for d in weak_spot_diagnostics(rmap))
