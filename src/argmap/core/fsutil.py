"""Atomic writes: a reader (or a crash) sees the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from argmap.core import children, safety


def _file_mode() -> int:
    """The mode a plain open() would give a new file (mkstemp makes it private)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_MODE = _file_mode()


TEMP_SUFFIX = ".argmap-tmp"


def remove_stale_temporaries(folder: Path, older_than: float = 60.0) -> None:
    """Delete temporary files left by a writer that was killed mid-write.

    Only old ones: a temporary file lives for milliseconds, and a younger one
    may belong to another build running right now (a watch and a manual build).
    """
    if folder.is_dir() and not folder.is_symlink():
        cutoff = time.time() - older_than
        for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
            try:
                if not tmp.is_symlink() and tmp.is_file() and tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
            except OSError:
                pass


def atomic_write(path: Path, data: bytes | str, *, within: Path | None = None, root: Path | None = None,
                 shown: str | None = None) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename.

    The destination, if it exists, must be a regular file (never a symlink, a
    device or a folder): it is replaced, not written through. With `within`,
    the file's folder must (after symlinks) lie inside that folder; with
    `root` (a project), never in its arguments/ or seeds/. Both are checked
    before the temporary file is made and again just before the rename.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")

    def guard() -> None:
        if within is not None:
            safety.check_inside_output(path.parent, within, shown or str(path.parent))
        safety.check_not_protected(path, root, shown)
        safety.check_destination(path, shown)

    guard()
    path.parent.mkdir(parents=True, exist_ok=True)
    guard()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    children.track_file(tmp)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, _MODE)
        guard()
        os.replace(tmp, path)
    except OSError as exc:
        if exc.filename is None:
            exc.filename = str(path)  # a full disk while writing: say which file
        raise
    finally:
        try:
            os.unlink(tmp)  # after any failure or interrupt; gone already when the rename happened
        except FileNotFoundError:
            pass
        children.untrack_file(tmp)
