"""Atomic writes: a reader (or a crash) sees the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path


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
    if folder.is_dir():
        cutoff = time.time() - older_than
        for tmp in folder.glob(f".*{TEMP_SUFFIX}"):
            try:
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
            except OSError:
                pass


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside `path`, flush it to disk, then rename."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, _MODE)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
