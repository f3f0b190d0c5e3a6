"""Incremental builds: what triggers a rebuild, what a failure leaves behind, watch."""

from __future__ import annotations

import threading
import time

import pytest

from argmap.build import builder as build_mod
from argmap.build.builder import build
from argmap.core.artifact import Artifact


def files_and_mtimes(root):
    return {p.relative_to(root): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def two_maps(tmp_project, minimal_map):
    tmp_project.claim("one.yaml", minimal_map)
    tmp_project.claim("two.yaml", minimal_map.replace("Minimal", "Second"))
    return tmp_project


def statuses(report):
    return {m.id: m.status for m in report.maps}


def test_second_build_is_up_to_date_and_writes_nothing(two_maps):
    first = build(two_maps.project)
    assert statuses(first) == {"one": "built", "two": "built"}
    before = files_and_mtimes(two_maps.root / "output")
    second = build(two_maps.project)
    assert statuses(second) == {"one": "up-to-date", "two": "up-to-date"}
    assert second.written == []
    assert files_and_mtimes(two_maps.root / "output") == before


def test_editing_one_claim_file_rebuilds_only_its_map(two_maps):
    build(two_maps.project)
    path = two_maps.root / "arguments" / "two.yaml"
    path.write_text(path.read_text().replace("Second", "Second, edited"))
    assert statuses(build(two_maps.project)) == {"one": "up-to-date", "two": "built"}


def test_touching_without_changing_content_does_not_rebuild(two_maps):
    build(two_maps.project)
    path = two_maps.root / "arguments" / "one.yaml"
    path.write_text(path.read_text())
    assert statuses(build(two_maps.project)) == {"one": "up-to-date", "two": "up-to-date"}


def test_a_changed_source_or_new_code_rebuilds_every_map(two_maps, monkeypatch):
    build(two_maps.project)
    sources = two_maps.root / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text() + "\n# a comment\n")
    assert set(statuses(build(two_maps.project)).values()) == {"built"}
    monkeypatch.setattr(build_mod, "_code_hash", "another argmap version")
    assert set(statuses(build(two_maps.project)).values()) == {"built"}


def test_force_and_a_deleted_output_rebuild(two_maps):
    build(two_maps.project)
    assert set(statuses(build(two_maps.project, force=True)).values()) == {"built"}
    (two_maps.root / "output" / "one" / "one.json").unlink()
    assert statuses(build(two_maps.project)) == {"one": "built", "two": "up-to-date"}


def test_a_map_with_errors_is_reported_and_the_others_built(two_maps):
    path = two_maps.root / "arguments" / "two.yaml"
    path.write_text(path.read_text().replace("supports: thesis", "supports: thesys"))
    report = build(two_maps.project)
    assert statuses(report) == {"one": "built", "two": "failed"}
    assert not report.ok
    assert any("error[E202]" in d for d in report.maps[1].diagnostics)
    # Still failing next time: a failed map is never "up to date".
    assert statuses(build(two_maps.project))["two"] == "failed"


def test_a_renderer_failing_midway_keeps_the_previous_output(two_maps, monkeypatch):
    build(two_maps.project)
    out = two_maps.root / "output" / "one"
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def half_then_crash(rmap, ctx):
        yield Artifact("extra.txt", "new")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(build_mod, "PRODUCERS", [*build_mod.PRODUCERS, "tests_helpers:crash"])
    real = build_mod._producer
    monkeypatch.setattr(build_mod, "_producer", lambda spec: half_then_crash if spec == "tests_helpers:crash" else real(spec))
    with pytest.raises(RuntimeError):
        build(two_maps.project, force=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_outputs_of_a_previous_build_that_are_no_longer_produced_are_removed(two_maps, monkeypatch):
    monkeypatch.setattr(build_mod, "PRODUCERS", [*build_mod.PRODUCERS, "x:extra"])

    def extra(rmap, ctx):
        yield Artifact("old-option.svg", "<svg/>")

    real = build_mod._producer
    monkeypatch.setattr(build_mod, "_producer", lambda spec: extra if spec == "x:extra" else real(spec))
    build(two_maps.project)
    assert (two_maps.root / "output" / "one" / "old-option.svg").exists()
    monkeypatch.setattr(build_mod, "PRODUCERS", [p for p in build_mod.PRODUCERS if p != "x:extra"])
    build(two_maps.project, force=True)
    assert not (two_maps.root / "output" / "one" / "old-option.svg").exists()


def test_index_links_every_map(two_maps):
    build(two_maps.project)
    index = (two_maps.root / "output" / "index.html").read_text()
    assert 'href="one/one.json"' in index and 'href="two/two.json"' in index


def test_build_never_writes_into_arguments_or_seeds(two_maps):
    protected = {p: p.read_bytes() for d in ("arguments", "seeds") for p in (two_maps.root / d).rglob("*") if p.is_file()}
    build(two_maps.project)
    after = {p: p.read_bytes() for d in ("arguments", "seeds") for p in (two_maps.root / d).rglob("*") if p.is_file()}
    assert after == protected


def test_watch_rebuilds_on_change_and_survives_a_bad_file(tmp_project, minimal_map):
    """api.watch builds at once, then on every save (file-system events); a bad
    save is reported as a failed map and the watch goes on to the next save."""
    from argmap import api

    path = tmp_project.claim("m.yaml", minimal_map)
    stop = threading.Event()
    results: list[str] = []
    changed: list[list] = []
    thread = threading.Thread(target=api.watch, args=(tmp_project.project,),
                              kwargs={"on_build": lambda r: results.append(r.maps[0].status),
                                      "on_change": changed.append, "stop": stop, "debounce_ms": 20})
    thread.start()

    def wait_for(n: int) -> None:
        deadline = time.monotonic() + 20
        while len(results) < n and time.monotonic() < deadline:
            time.sleep(0.01)

    try:
        wait_for(1)
        time.sleep(0.2)  # the watcher is set up after the first build
        for n, text in enumerate((minimal_map.replace("supports: thesis", "supports: oops"), minimal_map + "\n# fixed\n"), start=2):
            path.write_text(text)
            wait_for(n)
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()
    assert results[:3] == ["built", "failed", "built"]
    assert all(path.resolve() in [p.resolve() for p in c] for c in changed[:2])


def _written_names(report, map_id):
    [m] = [m for m in report.maps if m.id == map_id]
    return sorted(p.name for p in m.written)


def test_a_comment_at_the_end_rewrites_no_output(two_maps):
    """The map's inputs changed (its bytes), its analysis did not: no artifact is made again."""
    build(two_maps.project)
    path = two_maps.root / "arguments" / "one.yaml"
    path.write_text(path.read_text() + "\n# a teacher's comment\n")
    report = build(two_maps.project)
    assert statuses(report) == {"one": "built", "two": "up-to-date"}
    assert _written_names(report, "one") == []


def test_a_comment_that_shifts_lines_rewrites_only_the_outputs_that_show_lines(two_maps):
    """The JSON export and the map page record where each item is defined; nothing else prints line numbers."""
    build(two_maps.project)
    path = two_maps.root / "arguments" / "one.yaml"
    path.write_text("# a comment on top\n" + path.read_text())
    report = build(two_maps.project)
    assert sorted(_written_names(report, "one")) == ["one-map.html", "one.json"]


def test_an_edited_claim_remakes_what_shows_it_and_force_remakes_all(two_maps, minimal_map):
    first = build(two_maps.project)
    every = _written_names(first, "one")
    path = two_maps.root / "arguments" / "one.yaml"
    assert "Minimal" in minimal_map
    path.write_text(minimal_map.replace("Minimal", "Smallest"))
    changed = _written_names(build(two_maps.project), "one")
    assert changed and "one.json" in changed
    forced = build(two_maps.project, force=True)
    assert _written_names(forced, "one") == every


def test_a_comment_only_edit_runs_only_the_producers_that_show_line_numbers(two_maps, monkeypatch):
    build(two_maps.project)
    ran: list[str] = []
    real = build_mod._producer

    def counting(spec):
        ran.append(spec)
        return real(spec)

    monkeypatch.setattr(build_mod, "_producer", counting)
    path = two_maps.root / "arguments" / "one.yaml"
    path.write_text("# a comment on top\n" + path.read_text())
    build(two_maps.project)
    assert ran == sorted(build_mod.SHOWS_LOCATIONS)
    ran.clear()
    path.write_text(path.read_text().replace("Minimal", "Smallest"))
    build(two_maps.project)
    assert ran == build_mod.PRODUCERS


def test_the_analysis_cache_analyses_a_map_again_only_when_it_changed(two_maps, monkeypatch):
    from argmap.analyze import analysis as analysis_mod

    cache = build_mod.AnalysisCache()
    made: list[str] = []
    real = analysis_mod.analyze
    monkeypatch.setattr(analysis_mod, "analyze", lambda rmap, accept=(): made.append(rmap.id) or real(rmap, accept))
    build(two_maps.project, cache=cache)
    assert sorted(made) == ["one", "two"]
    path = two_maps.root / "arguments" / "one.yaml"
    path.write_text(path.read_text() + "\n# the end\n")  # new bytes, same content, same lines
    build(two_maps.project, cache=cache)
    assert sorted(made) == ["one", "two"]
    path.write_text(path.read_text().replace("Minimal", "Smallest"))
    build(two_maps.project, cache=cache)
    assert sorted(made) == ["one", "one", "two"]


def test_handouts_are_keyed_by_their_view_and_rendered_only_on_demand(tmp_project, minimal_map, monkeypatch):
    from argmap.analyze.analysis import analyze
    from argmap.api import resolve_map
    from argmap.render.handouts import pdf as pdf_mod
    from argmap.render.handouts.produce import handout_artifacts

    rendered: list[str] = []
    monkeypatch.setattr(pdf_mod, "render_pdf", lambda view: rendered.append(view.kind) or b"%PDF")
    tmp_project.claim("m.yaml", minimal_map)
    first = {a.name: a for a in handout_artifacts(analyze(resolve_map(tmp_project.project, "m")), None)}
    assert rendered == [] and all(a.data is None and a.key for a in first.values())
    again = {a.name: a.key for a in handout_artifacts(analyze(resolve_map(tmp_project.project, "m")), None)}
    assert again == {n: a.key for n, a in first.items()}
    first["m-cards.pdf"].content()
    assert rendered == ["cards"]
    tmp_project.claim("m.yaml", minimal_map.replace("The embargo has not stopped", "The embargo never stopped"))
    changed = {a.name: a.key for a in handout_artifacts(analyze(resolve_map(tmp_project.project, "m")), None)}
    assert changed["m-brief.pdf"] != again["m-brief.pdf"]
