"""Ctrl-C during a real `argmap build --force` (issue 13, defect 9).

The build is interrupted at several points; each time it must end within
2 s of the signal with exit code 130 and one line of message, leave no `dot`
running, no argmap temporary in TMPDIR or output/, and every output file
whole (the old version or the new one, never part of either).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="needs POSIX signals"),
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed"),
]


def outputs(root: Path) -> dict:
    out = root / "output"
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def marked_processes(mark: str) -> list[str]:
    """Processes still running with our marker in their environment (children inherit it)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if mark.encode() in (proc / "environ").read_bytes():
                state = (proc / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            continue
    return found


def test_ctrl_c_ends_a_build_at_once_and_leaves_everything_whole(tmp_project, tmp_path):
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc")
    for entry in (REPO / "arguments").iterdir():  # the seed project's maps: a build of several seconds
        (shutil.copytree if entry.is_dir() else shutil.copy)(entry, tmp_project.root / "arguments" / entry.name)
    temp = tmp_path / "tmp"
    temp.mkdir()
    mark = f"argmap-sigint-{uuid.uuid4().hex}"
    env = {**os.environ, "TMPDIR": str(temp), "ARGMAP_SIGNAL_TEST": mark, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("ARGMAP_DEBUG", None)
    cmd = [sys.executable, "-m", "argmap", "build", "--force", "--project", str(tmp_project.root)]
    example = tmp_project.root / "arguments" / "example.yaml"
    original = example.read_text(encoding="utf-8")
    changed = original.replace("is the embargo enough?", "is the embargo enough, really?", 1)
    assert changed != original

    example.write_text(changed, encoding="utf-8")
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    new = outputs(tmp_project.root)
    example.write_text(original, encoding="utf-8")
    started = time.monotonic()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    full = time.monotonic() - started
    old = outputs(tmp_project.root)
    assert old != new
    example.write_text(changed, encoding="utf-8")

    interrupted = 0
    # Loading, rendering (dot and Typst running) and writing; never later than most of a full build, and
    # never before Python has started and argmap has put its handler in place (well under 0.8 s).
    delays = sorted({round(min(d, 0.8 * full), 2) for d in (0.8, 1.3, 2.0, 3.0, 4.0)})
    for delay in delays:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        time.sleep(delay)
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        try:
            out, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            pytest.fail("the build did not stop after Ctrl-C")
        took = time.monotonic() - sent
        if proc.returncode == 0:
            continue  # it had finished before the signal; nothing to check
        interrupted += 1
        assert took < 2.0, f"took {took:.2f} s to stop"
        assert proc.returncode == 130, err
        lines = err.decode().strip().splitlines()
        assert len(lines) == 1 and "interrupted" in lines[0], err
        assert "Traceback" not in err.decode()
        deadline = time.monotonic() + 2
        while marked_processes(mark) and time.monotonic() < deadline:
            time.sleep(0.05)  # a killed child takes a moment to be gone
        assert marked_processes(mark) == []
        assert list(temp.iterdir()) == [], "temporaries left in TMPDIR"
        now = outputs(tmp_project.root)
        assert not [p for p in now if p.name.endswith(".argmap-tmp")], "a half-written output was left"
        for name, data in now.items():
            if name.name != "index.html":
                assert data in (old.get(name), new.get(name)), f"{name} is neither the old nor the new version"
    assert interrupted >= min(3, len(delays)), "the build finished before most of the signals"
