"""Atomic writes keep the old file when writing fails."""

from __future__ import annotations

import pytest

from argmap import fsutil


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
