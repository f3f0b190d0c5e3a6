"""Atomic writes keep the old file when writing fails."""

from __future__ import annotations

import pytest

from argmap.core import fsutil


def test_atomic_write_replaces_content(tmp_path):
    target = tmp_path / "out" / "a.txt"
    fsutil.atomic_write(target, "one")
    fsutil.atomic_write(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    fsutil.atomic_write(target, "old")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(fsutil.os, "fsync", boom)
    with pytest.raises(OSError):
        fsutil.atomic_write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_stale_temporaries_are_removed_but_fresh_ones_kept(tmp_path):
    import os

    old = tmp_path / f".a.json.x{fsutil.TEMP_SUFFIX}"
    fresh = tmp_path / f".b.json.y{fsutil.TEMP_SUFFIX}"
    for p in (old, fresh):
        p.write_text("half")
    os.utime(old, (0, 0))
    fsutil.remove_stale_temporaries(tmp_path)
    assert not old.exists() and fresh.exists()
