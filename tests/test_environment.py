"""Environment problems are one clear located line, never "internal error"
(issue 13, defect 12; and defect 4: -o onto devices and symlinks, races)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from argmap.cli import main
from test_hostile import HANG_GUARD, argmap, assert_located_failure


def _run(root, *args, **kwargs):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **kwargs.pop("env", {})}
    env.pop("ARGMAP_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "argmap", *args, "--project", str(root)], timeout=HANG_GUARD, env=env, **kwargs)


def test_output_is_a_file(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    (tmp_project.root / "output").write_text("my notes")
    proc = argmap(tmp_project.root, "build")
    assert_located_failure(proc, "E009", "output:1:1")
    assert "internal error" not in proc.stderr
    assert (tmp_project.root / "output").read_text() == "my notes"


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "disk is full"), (errno.EROFS, "read-only"), (errno.EACCES, "permissions")])
def test_a_refused_write_is_one_located_line(tmp_project, minimal_map, monkeypatch, code, words):
    from argmap.core import fsutil

    tmp_project.claim("m.yaml", minimal_map)

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code), str(tmp_project.root / "output" / "m"))

    monkeypatch.setattr(fsutil.tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(main, ["build", "--project", str(tmp_project.root)])
    assert result.exit_code == 1, result.output
    assert "error[E013]" in result.output and words in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [("export", "m"), ("check", "--verbose")])
def test_dev_full_is_an_error_not_a_silent_loss(tmp_project, minimal_map, command):
    tmp_project.claim("m.yaml", minimal_map)
    with open("/dev/full", "w") as full:
        proc = _run(tmp_project.root, *command, stdout=full, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 1, proc.stderr
    assert "<stdout>:1:1: error[E013]" in proc.stderr and "disk is full" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_closed_stdout_never_exits_zero(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    proc = subprocess.run(["sh", "-c", 'exec "$@" >&-', "sh", sys.executable, "-m", "argmap", "export", "m",
                           "--project", str(tmp_project.root)], capture_output=True, text=True, timeout=HANG_GUARD)
    assert proc.returncode == 1, proc.stderr
    assert "error[E013]" in proc.stderr and "closed" in proc.stderr


def test_a_broken_pipe_ends_quietly(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "export", "m", "--format", "argdown", "--project", str(tmp_project.root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # like `| head` that has already gone
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=HANG_GUARD) == 141, err
    assert "Traceback" not in err and "internal error" not in err


def test_a_latin1_terminal_gets_escapes_not_a_crash(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map + "  - id: ev-2\n    ключ: 1\n")
    proc = _run(tmp_project.root, "check", capture_output=True, env={"PYTHONIOENCODING": "latin-1"})
    out = proc.stdout.decode("latin-1") + proc.stderr.decode("latin-1")
    assert proc.returncode == 1, out
    assert "error[E101]" in out and "internal error" not in out


# --------------------------------------------------------------------------- devices and races (defect 4)


def test_o_onto_a_fifo_or_a_symlink_is_refused(tmp_project, tmp_path, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    target = tmp_path / "real.json"
    target.write_text("keep")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    for dest, check in ((fifo, lambda: fifo.is_fifo()), (link, lambda: link.is_symlink() and target.read_text() == "keep")):
        proc = argmap(tmp_project.root, "export", "m", "-o", str(dest))
        assert_located_failure(proc, "E009")
        assert check()


def test_a_folder_swapped_for_a_symlink_while_rendering_is_caught_at_the_rename(tmp_project, tmp_path, minimal_map, monkeypatch):
    import argmap.export as export

    tmp_project.claim("m.yaml", minimal_map)
    out_dir = tmp_path / "exports"
    out_dir.mkdir()
    real_render = export.render

    def render_then_swap(*args, **kwargs):
        data = real_render(*args, **kwargs)
        out_dir.rmdir()
        out_dir.symlink_to(tmp_project.root / "arguments")  # the race the early check cannot see
        return data

    monkeypatch.setattr(export, "render", render_then_swap)
    before = sorted(p.name for p in (tmp_project.root / "arguments").iterdir())
    result = CliRunner().invoke(main, ["export", "m", "-o", str(out_dir / "m.json"), "--project", str(tmp_project.root)])
    assert result.exit_code == 1, result.output
    assert "error[E009]" in result.output
    assert sorted(p.name for p in (tmp_project.root / "arguments").iterdir()) == before


def test_out_of_memory_is_one_line(tmp_project, minimal_map, monkeypatch):
    import argmap.api

    tmp_project.claim("m.yaml", minimal_map)

    def exhausted(*args, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(argmap.api, "check", exhausted)
    result = CliRunner().invoke(main, ["check", "--project", str(tmp_project.root)])
    assert result.exit_code == 1
    assert "out of memory" in result.output and "Traceback" not in result.output
