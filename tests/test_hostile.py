"""A corpus of hostile and broken claim files.

Each must give a located error code and exit 1, print no traceback, finish
(bounded by a generous timeout that catches hangs, not slowness), and write
nothing outside output/. Files in tests/hostile/ say what they expect on
their first line: `# expect: CODE LINE:COL`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).parent / "hostile"
HANG_GUARD = 60  # seconds; a hang, not a slow run, would hit it


def snapshot(root: Path) -> dict:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and "output" not in p.relative_to(root).parts}


def argmap(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("ARGMAP_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "argmap", *args, "--project", str(root)],
                          capture_output=True, text=True, timeout=HANG_GUARD, env=env)


def assert_located_failure(proc, code: str, where: str | None = None):
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Traceback" not in out, out
    where = where or r"[^\n:]+:\d+:\d+"
    pattern = "^" + where + r": error\[" + code + r"\]: "
    assert re.search(pattern, out, re.M), out


CORPUS = sorted(HOSTILE.glob("*.yaml"))


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_corpus_file_gives_its_located_error(tmp_project, path):
    code, where = re.match(r"# expect: (\w+) (\d+:\d+)", path.read_text(encoding="utf-8")).groups()
    target = tmp_project.root / "arguments" / path.name
    target.write_bytes(path.read_bytes())
    before = snapshot(tmp_project.root)
    for command in ("check", "build"):
        proc = argmap(tmp_project.root, command)
        assert_located_failure(proc, code, f"arguments/{path.name}:{where}")
    assert snapshot(tmp_project.root) == before
    assert not (tmp_project.root / "output" / path.stem).exists()


def test_bom_is_accepted(tmp_project, minimal_map):
    (tmp_project.root / "arguments" / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + minimal_map.lstrip().encode())
    proc = argmap(tmp_project.root, "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_utf16_file_is_refused_as_not_utf8(tmp_project, minimal_map):
    (tmp_project.root / "arguments" / "u16.yaml").write_bytes(minimal_map.encode("utf-16"))
    assert_located_failure(argmap(tmp_project.root, "check"), "E003")


def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_project):
    path = tmp_project.root / "arguments" / "huge.yaml"
    with path.open("wb") as f:
        f.write(b"map: {title: t}\nstatements:\n")
        line = b"  - {id: s, text: " + b"x" * 1000 + b"}\n"
        f.write(line * (50 * 1024 * 1024 // len(line)))
    assert_located_failure(argmap(tmp_project.root, "check"), "E004", "arguments/huge.yaml:1:1")


def test_alias_bomb_is_refused(tmp_project):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    (tmp_project.root / "arguments" / "bomb.yaml").write_text("\n".join(lines) + "\nmap: {title: *a11}\n")
    assert_located_failure(argmap(tmp_project.root, "check"), "E005")


def test_deep_nesting_is_refused(tmp_project):
    (tmp_project.root / "arguments" / "deep.yaml").write_text("map: " + "[" * 5000 + "]" * 5000 + "\n")
    proc = argmap(tmp_project.root, "check")
    assert_located_failure(proc, "E00[15]")


def test_source_outside_seeds_is_refused(tmp_project, minimal_map):
    sources = tmp_project.root / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text().replace("file: broadened-diplomacy-oped.txt", "file: ../../../../etc/passwd"))
    tmp_project.claim("m.yaml", minimal_map)
    assert_located_failure(argmap(tmp_project.root, "check"), "E008", r"seeds/sources.yaml:\d+:\d+")


def test_source_symlinked_out_of_the_project_is_refused(tmp_project, tmp_path, minimal_map):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    oped = tmp_project.root / "seeds" / "broadened-diplomacy-oped.txt"
    oped.unlink()
    oped.symlink_to(outside)
    tmp_project.claim("m.yaml", minimal_map)
    assert_located_failure(argmap(tmp_project.root, "check"), "E008")


def test_claim_file_symlinked_from_outside_is_refused(tmp_project, tmp_path, minimal_map):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(minimal_map)
    (tmp_project.root / "arguments" / "linked.yaml").symlink_to(outside)
    assert_located_failure(argmap(tmp_project.root, "check"), "E008", "arguments/linked.yaml:1:1")


def test_unreadable_sources_file_is_located(tmp_project, minimal_map):
    (tmp_project.root / "seeds" / "sources.yaml").write_text("sources:\n  - id: oped\n    kind: op-ed\n")
    tmp_project.claim("m.yaml", minimal_map)
    assert_located_failure(argmap(tmp_project.root, "check"), "E102", r"seeds/sources.yaml:2:5")
