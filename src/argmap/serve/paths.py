"""Paths a request names, refused unless they stay where they belong.

A request may name a built output (under output/) or a claim file or seed to
view (under arguments/ or seeds/). Refused, before the file system is asked:
an absolute path, a `..` or `.` segment, an empty segment, a hidden name
(`.argmap-build.json`, `.git`), a backslash, a NUL or other control
character, and a `%` (what is left of an encoded `%2e%2e` after one decoding:
the server never decodes twice). Then the path is resolved: every existing
part must be a real folder or file, not a symlink, and the real path must lie
inside the real folder it belongs to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from argmap.load.project import Project

VIEWABLE_SUFFIXES = (".yaml", ".yml", ".txt", ".md")


def clean_parts(raw: str) -> list[str] | None:
    """The segments of a relative URL path, or None when any is unsafe."""
    if not raw or raw.startswith("/") or len(raw) > 1024:
        return None
    if any(ch in raw for ch in "\\%\x00") or any(ord(ch) < 32 or ord(ch) == 127 for ch in raw):
        return None
    parts = raw.split("/")
    if any(p in ("", ".", "..") or p.startswith(".") or p.endswith(":") for p in parts):
        return None
    return parts


def inside(base: Path, raw: str) -> Path | None:
    """`base/raw` if it is a regular file reached through real folders inside `base`; else None."""
    parts = clean_parts(raw)
    if parts is None:
        return None
    try:
        real_base = Path(os.path.realpath(base))
        here = base
        for part in parts:
            here = here / part
            st = os.lstat(here)
            if stat.S_ISLNK(st.st_mode):
                return None
        if not stat.S_ISREG(st.st_mode):
            return None
        real = Path(os.path.realpath(here))
    except (OSError, ValueError):
        return None
    if real_base not in real.parents:
        return None
    return real


def project_file(project: Project, shown: str) -> Path | None:
    """A claim file or seed named as the diagnostics show it (`arguments/x.yaml`)."""
    for folder in (project.arguments_dir, project.seeds_dir):
        prefix = folder.name + "/"
        if shown.startswith(prefix):
            path = inside(folder, shown[len(prefix):])
            if path is not None and path.suffix in VIEWABLE_SUFFIXES:
                return path
    return None
