"""A build killed with SIGKILL at any moment leaves every output file whole."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest


def outputs(root):
    out = root / "output"
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file() and not p.name.endswith("tmp")}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_at_random_points_leaves_old_or_new_files(tmp_project, minimal_map):
    claim = tmp_project.claim("m.yaml", minimal_map)
    cmd = [sys.executable, "-m", "argmap", "build", "--force", "--project", str(tmp_project.root)]
    subprocess.run(cmd, check=True, capture_output=True)
    old = outputs(tmp_project.root)
    claim.write_text(minimal_map.replace("Minimal", "Minimal, second version"))
    # The complete new outputs, built once to compare against.
    subprocess.run(cmd, check=True, capture_output=True)
    new = outputs(tmp_project.root)
    assert old != new
    claim.write_text(minimal_map)
    subprocess.run(cmd, check=True, capture_output=True)
    old = outputs(tmp_project.root)  # as the claim file now reads, byte for byte
    claim.write_text(minimal_map.replace("Minimal", "Minimal, second version"))

    rng = random.Random(20261125)
    for _ in range(12):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, 0.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = outputs(tmp_project.root)
        for name, data in now.items():
            assert data in (old.get(name), new.get(name)), f"{name} is neither the old nor the new version"
    # A build after the kills finishes the job and leaves no temporaries behind for long.
    subprocess.run(cmd, check=True, capture_output=True)
    assert outputs(tmp_project.root) == new
