"""Hostile projects against the build: manifests, symlinked output, tampered
seeds, duplicate and reserved map ids, links in the index.

Each test builds through a real `argmap` process and checks that nothing of
the user's is removed or written outside output/ (issue 13, defects 1-3, 5-8, 13).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from test_hostile import argmap, assert_located_failure, snapshot


def _manifest(root: Path, map_id: str) -> Path:
    return root / "output" / map_id / ".argmap-build.json"


# --------------------------------------------------------------------------- manifest (defect 1)


def test_a_manifest_naming_files_outside_the_map_folder_removes_nothing(tmp_project, tmp_path, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    victim = tmp_project.claim("x.yaml", minimal_map.replace("Minimal", "X"))
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    assert argmap(tmp_project.root, "build").returncode == 0
    manifest = _manifest(tmp_project.root, "m")
    data = json.loads(manifest.read_text())
    data["files"] += ["../../arguments/x.yaml", str(outside), "../x/x.json", "sub/../../../seeds/sources.yaml", 7]
    data["inputs"] = "changed"  # force a rebuild, so that stale files are looked for
    manifest.write_text(json.dumps(data))
    proc = argmap(tmp_project.root, "build")
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text().startswith("map:")
    assert outside.read_text() == "keep me"
    assert (tmp_project.root / "seeds" / "sources.yaml").is_file()
    assert (tmp_project.root / "output" / "x" / "x.json").is_file()
    assert "warning[W405]" in proc.stderr
    # the manifest is rewritten with argmap's own names only
    assert all(not n.startswith(("/", "..")) for n in json.loads(manifest.read_text())["files"])


# --------------------------------------------------------------------------- no project, no build (defect 2)


def test_a_folder_that_is_not_a_project_is_not_built_into(tmp_path):
    folder = tmp_path / "not-a-project"
    (folder / "output").mkdir(parents=True)
    index = folder / "output" / "index.html"
    index.write_text("<p>my own page</p>")
    proc = argmap(folder, "build")
    assert_located_failure(proc, "E012")
    assert index.read_text() == "<p>my own page</p>"


def test_a_mistyped_project_folder_does_not_climb_to_a_parent_project(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    proc = argmap(tmp_project.root / "arguments" / "no-such-folder", "check")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "no-such-folder" in proc.stdout + proc.stderr
    assert "checked 1 map" not in proc.stdout


# --------------------------------------------------------------------------- symlinked output (defect 3)


def test_output_symlinked_into_arguments_is_refused(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    (tmp_project.root / "output").symlink_to(tmp_project.root / "arguments")
    before = snapshot(tmp_project.root)
    before_args = sorted(p.name for p in (tmp_project.root / "arguments").iterdir())
    assert_located_failure(argmap(tmp_project.root, "build"), "E009")
    assert sorted(p.name for p in (tmp_project.root / "arguments").iterdir()) == before_args
    assert snapshot(tmp_project.root) == before


def test_a_map_output_folder_symlinked_into_seeds_is_refused(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    (tmp_project.root / "output").mkdir()
    (tmp_project.root / "output" / "m").symlink_to(tmp_project.root / "seeds")
    seeds_before = sorted(p.name for p in (tmp_project.root / "seeds").iterdir())
    proc = argmap(tmp_project.root, "build")
    assert_located_failure(proc, "E009")
    assert sorted(p.name for p in (tmp_project.root / "seeds").iterdir()) == seeds_before


# --------------------------------------------------------------------------- map folder linked from outside (defect 6)


def test_a_map_folder_linked_from_outside_arguments_is_not_read(tmp_project, tmp_path, minimal_map):
    elsewhere = tmp_path / "private"
    elsewhere.mkdir()
    (elsewhere / "secrets.yaml").write_text("password-is-hunter2: 1\n")
    (tmp_project.root / "arguments" / "linked").symlink_to(elsewhere)
    tmp_project.claim("m.yaml", minimal_map)
    for command in ("check", "build"):
        proc = argmap(tmp_project.root, command)
        assert_located_failure(proc, "E008", "arguments/linked:1:1")
        assert "hunter2" not in proc.stdout + proc.stderr


# --------------------------------------------------------------------------- links in the index (defect 5)


def test_a_claim_file_name_never_becomes_a_script_link(tmp_project, minimal_map):
    tmp_project.claim("javascript:alert(document.domain)<!--.yaml", minimal_map)
    proc = argmap(tmp_project.root, "build")
    assert proc.returncode == 0, proc.stderr
    page = (tmp_project.root / "output" / "index.html").read_text()
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs
    for href in hrefs:
        assert ":" not in href and not href.startswith("/"), href
    assert "<!--" not in page


# --------------------------------------------------------------------------- tampered seeds (defect 7)


def test_a_tampered_seed_builds_no_map_and_keeps_failing(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    assert argmap(tmp_project.root, "build").returncode == 0
    cards = tmp_project.root / "output" / "m" / "m-cards.json"
    old_cards = cards.read_bytes()
    seed = tmp_project.root / "seeds" / "broadened-diplomacy-oped.txt"
    seed.write_text(seed.read_text().replace("over 90%", "under 10%"))
    for _ in range(2):  # every time, not only the first
        proc = argmap(tmp_project.root, "build")
        assert proc.returncode == 1, proc.stderr
        assert "error[E301]" in proc.stderr and "warning[W406]" in proc.stderr
        assert "built 1 map" not in proc.stderr
        assert cards.read_bytes() == old_cards
    page = (tmp_project.root / "output" / "index.html").read_text()
    assert "Stale" in page


def test_a_missing_seed_builds_no_map(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    (tmp_project.root / "seeds" / "broadened-diplomacy-oped.txt").unlink()
    proc = argmap(tmp_project.root, "build")
    assert proc.returncode == 1
    assert not (tmp_project.root / "output" / "m" / "m-cards.json").exists()


# --------------------------------------------------------------------------- duplicate map ids (defect 8)


def test_two_maps_with_one_id_are_an_error(tmp_project, minimal_map):
    tmp_project.claim("dup.yaml", minimal_map)
    tmp_project.claim("dup.yml", minimal_map.replace("Minimal", "Other"))
    for command in ("check", "build"):
        assert_located_failure(argmap(tmp_project.root, command), "E010")
    assert not (tmp_project.root / "output" / "dup").exists()


def test_a_file_and_a_folder_with_one_id_are_an_error(tmp_project, minimal_map):
    tmp_project.claim("dup.yaml", minimal_map)
    tmp_project.claim("dup/part.yaml", minimal_map.replace("Minimal", "Other"))
    tmp_project.claim("fine.yaml", minimal_map)
    proc = argmap(tmp_project.root, "build")
    assert_located_failure(proc, "E010")
    assert (tmp_project.root / "output" / "fine" / "fine.json").is_file()  # the other map is still built


# --------------------------------------------------------------------------- reserved names (defect 13)


def test_maps_named_like_output_files_are_refused(tmp_project, minimal_map):
    tmp_project.claim("index.html.yaml", minimal_map)
    tmp_project.claim("README.md/a.yaml", minimal_map)
    tmp_project.claim("m.yaml", minimal_map)
    proc = argmap(tmp_project.root, "build")
    assert_located_failure(proc, "E011")
    assert (tmp_project.root / "output" / "index.html").is_file()
    assert (tmp_project.root / "output" / "m" / "m.json").is_file()
    for name in ("index.html.yaml", "README.md"):
        target = tmp_project.root / "arguments" / name
        if target.is_dir():
            import shutil

            shutil.rmtree(target)
        else:
            target.unlink()
    proc = argmap(tmp_project.root, "build")
    assert proc.returncode == 0, proc.stderr


def test_naming_one_of_two_twins_builds_neither(tmp_project, minimal_map):
    tmp_project.claim("dup.yaml", minimal_map)
    tmp_project.claim("dup.yml", minimal_map.replace("Minimal", "Other"))
    tmp_project.claim("fine.yaml", minimal_map)
    assert_located_failure(argmap(tmp_project.root, "build", "arguments/dup.yaml"), "E010")
    assert_located_failure(argmap(tmp_project.root, "build", "dup"), "E010")
    assert not (tmp_project.root / "output" / "dup").exists()
    assert argmap(tmp_project.root, "check", "fine").returncode == 0  # a problem elsewhere does not fail this map


def test_a_map_of_many_options_builds_a_bounded_number_of_files(tmp_project):
    """A 1,000-option map took 5 minutes and 3,019 files; option diagrams are capped."""
    from argmap.build.builder import build
    from argmap.render.diagram import MAX_OPTION_DIAGRAMS

    n = MAX_OPTION_DIAGRAMS + 6
    text = ["map:\n  title: Many options\noptions:\n"]
    text += [f"  - id: o{i}\n    label: Option {i}\n    kind: other\n" for i in range(n)]
    text.append("statements:\n  - id: t\n    kind: thesis\n    text: The US should engage.\n")
    text += [f"  - id: s{i}\n    option: o{i}\n    text: Claim {i} holds.\n" for i in range(n)]
    text.append("arguments:\n")
    text += [f"  - id: a{i}\n    premises: [s{i}]\n    supports: t\n" for i in range(n)]
    (tmp_project.root / "arguments" / "many.yaml").write_text("".join(text), encoding="utf-8")
    report = build(tmp_project.project)
    assert [m.status for m in report.maps] == ["built"]
    names = {p.name for p in report.written}
    option_svgs = [x for x in names if "-option-" in x and x.endswith(".svg")]
    assert len(option_svgs) == MAX_OPTION_DIAGRAMS
    assert "many.svg" in names and "many.pdf" in names  # the whole map still shows every option
