"""Unit tests of the shared rules: output paths (core.safety), terminal text
(core.terminal) and the registry of children and temporaries (core.children)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from argmap.core import children, safety, terminal


@pytest.mark.parametrize("name, ok", [
    ("m.json", True), ("sub/m.svg", True), ("../x.yaml", False), ("/etc/passwd", False), ("a/../../b", False),
    ("", False), (".", False), ("a//b", False), ("a\\b", False), ("a\0b", False), (7, False), (None, False),
])
def test_only_plain_relative_names_are_safe(name, ok):
    assert (safety.safe_manifest_name(name) is not None) is ok


def test_removable_refuses_links_and_folders(tmp_path):
    out = tmp_path / "out"
    (out / "sub").mkdir(parents=True)
    (out / "a.json").write_text("x")
    (out / "link.json").symlink_to(tmp_path / "elsewhere.json")
    (tmp_path / "elsewhere.json").write_text("keep")
    (out / "away").symlink_to(tmp_path)
    assert safety.removable(out, "a.json") == out / "a.json"
    assert safety.removable(out, "link.json") is None
    assert safety.removable(out, "sub") is None
    assert safety.removable(out, "away/elsewhere.json") is None


def test_check_destination_refuses_everything_but_regular_files(tmp_path):
    (tmp_path / "f").write_text("x")
    safety.check_destination(tmp_path / "f")
    safety.check_destination(tmp_path / "missing")
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "link").symlink_to(tmp_path / "f")
    for bad in ("fifo", "link"):
        with pytest.raises(safety.UnsafePath):
            safety.check_destination(tmp_path / bad)
    with pytest.raises(safety.UnsafePath):
        safety.check_destination(tmp_path)
    if os.path.exists("/dev/null"):
        with pytest.raises(safety.UnsafePath):
            safety.check_destination(__import__("pathlib").Path("/dev/null"))


def test_terminal_text_escapes_controls_and_cuts_long_lines():
    assert terminal.safe("a\x1b]0;t\x07b\rc\u202ed\udce9") == "a\\x1b]0;t\\x07b\\rc\\u202ed\\udce9"
    assert terminal.safe("one\ntwo") == "one\ntwo"
    long = terminal.safe("k" * 2_000_000)
    assert len(long) < 700 and "characters cut" in long


def test_run_registers_and_releases_its_child(tmp_path):
    proc = children.run([sys.executable, "-c", "import sys; sys.stdout.write(sys.stdin.read().upper())"], input=b"hi", timeout=30)
    assert proc.returncode == 0 and proc.stdout == b"HI"
    assert not children._procs
    with pytest.raises(subprocess.TimeoutExpired):
        children.run([sys.executable, "-c", "import time; time.sleep(30)"], timeout=0.5)
    assert not children._procs


def test_temp_dir_is_removed_and_forgotten():
    with children.temp_dir(prefix="argmap-test-") as path:
        assert os.path.isdir(path) and path in children._dirs
    assert not os.path.exists(path) and path not in children._dirs
