"""One analysis, many views: a full build analyses each map once, and every
count that more than one output shows is the same in all of them."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from argmap.analyze import cards as cards_mod
from argmap.analyze import evaluate as evaluate_mod
from argmap.analyze import weakspots as weakspots_mod
from argmap.build.builder import build

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def example_project(tmp_project):
    shutil.copy(REPO / "arguments" / "example.yaml", tmp_project.root / "arguments" / "example.yaml")
    return tmp_project


def test_a_full_build_analyses_each_map_once(example_project, monkeypatch):
    """One evaluation (what-if runs of the clash analysis aside), one weak-spot
    search and one card per evidence item, whatever the number of outputs."""
    work: Counter = Counter()
    real_framework = evaluate_mod.build_framework
    real_sources = weakspots_mod._sources_beneath
    real_body = cards_mod.card_body

    def framework(*args, **kwargs):
        # evaluate() builds one framework; a what-if (Evaluation.what_if) is counted apart.
        work["what-if" if _in_what_if() else "evaluation"] += 1
        return real_framework(*args, **kwargs)

    def sources(rmap):
        work["weak-spot search"] += 1
        return real_sources(rmap)

    def body(*args, **kwargs):
        work["card"] += 1
        return real_body(*args, **kwargs)

    monkeypatch.setattr(evaluate_mod, "build_framework", framework)
    monkeypatch.setattr(weakspots_mod, "_sources_beneath", sources)
    monkeypatch.setattr(cards_mod, "card_body", body)
    report = build(example_project.project, force=True)
    assert [m.status for m in report.maps] == ["built"]
    assert len(report.written) > 20  # diagrams, six handouts in two formats, exports, evidence files
    assert work["evaluation"] == 1
    assert work["weak-spot search"] == 1
    assert work["card"] == 3  # the example map has three cards


def _in_what_if() -> bool:
    import inspect

    return any(frame.function == "what_if" for frame in inspect.stack()[2:6])


@pytest.mark.parametrize("name", ["example", "carrot-stick"])
def test_every_count_shown_in_several_outputs_agrees(name):
    from argmap import api
    from argmap.cli import main
    from click.testing import CliRunner

    project = api.open_project(REPO)
    analysis = api.analyze_map(project, name)
    counts = analysis.counts()
    assert counts.cards and counts.attacks  # both maps have cards and attacks on the case

    # check --verbose: one W5xx diagnostic per weak spot
    run = CliRunner().invoke(main, ["check", name, "--verbose", "--format", "json", "--project", str(REPO)])
    checked = json.loads(run.output)
    by_code = Counter(d["code"] for d in checked["diagnostics"] if d["code"].startswith("W5"))
    assert {weakspots_mod.CODE_OF_KIND[k]: n for k, n in counts.weak_spots.items() if n} == dict(by_code)
    assert checked["counts"][name] == counts.to_json()

    # the JSON export
    exported = json.loads(api.export(project, name, format="json"))
    assert exported["counts"] == counts.to_json()
    assert Counter(w["kind"] for w in exported["weak_spots"]) == Counter({k: n for k, n in counts.weak_spots.items() if n})
    assert len(exported["evidence"]) == counts.cards
    assert sum(s["status"] == "out" for s in exported["statements"]) == counts.falls

    # the handouts: the numbers their view models carry, and the words a student reads
    from argmap.render.handouts import render_handout
    from argmap.render.handouts.view import build_view

    brief = build_view(analysis, "brief", diagram=False).body
    assert {g.kind: len(g.flags) for g in brief.coverage.groups} == {k: n for k, n in counts.weak_spots.items() if n}
    key = build_view(analysis, "key", diagram=False).body.weak_spots
    key_by_code = Counter()
    for g in key.groups:
        key_by_code[g.code] += g.count
    assert dict(key_by_code) == dict(by_code)
    # ... and how many of them are kept on purpose (deliberate notes): check's note[W5xx] lines, the
    # JSON export, the brief's chips and flags and the key's groups say the same number
    kept_by_code = Counter(d["code"] for d in checked["diagnostics"] if d["code"].startswith("W5") and d["severity"] == "note")
    assert {weakspots_mod.CODE_OF_KIND[k]: n for k, n in counts.kept.items() if n} == dict(kept_by_code)
    assert all(d["kept"] for d in checked["diagnostics"] if d["severity"] == "note")
    assert checked["notes"] == sum(counts.kept.values()) and checked["warnings"] == sum(
        d["severity"] == "warning" for d in checked["diagnostics"])
    assert Counter(w["kind"] for w in exported["weak_spots"] if w["kept"]) == Counter({k: n for k, n in counts.kept.items() if n})
    assert {g.kind: sum(f.kept for f in g.flags) for g in brief.coverage.groups} == {k: counts.kept[k] for k, n in counts.weak_spots.items() if n}
    assert {c.kind: c.kept for c in brief.coverage.chips} == {c.kind: counts.kept[c.kind] for c in brief.coverage.chips}
    assert brief.coverage.kept == sum(counts.kept.values()) == key.kept == sum(g.kept for g in key.groups)
    blocks = build_view(analysis, "blocks", diagram=False).body
    assert blocks.status.counts == {"attacks": counts.attacks, "answered": counts.answered,
                                    "contested": counts.contested, "stands": counts.standing}
    cards = build_view(analysis, "cards", diagram=False).body
    assert cards.count == len(cards.cards) == counts.cards
    text = render_handout(analysis, "blocks", "md")
    assert f"{counts.answered} answered" in text


def test_the_analysis_is_the_same_whatever_the_hash_seed():
    """Sets iterate in an order that changes from one Python process to the next:
    no output may depend on it (the same input gives byte-identical files)."""
    import subprocess
    import sys

    outs = set()
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-m", "argmap", "export", "carrot-stick", "--format", "json", "--project", str(REPO)],
                             capture_output=True, env={**__import__("os").environ, "PYTHONHASHSEED": seed}, check=True)
        outs.add(run.stdout)
    assert len(outs) == 1
