"""`argmap watch`: rebuild whenever a claim file, a source or a template changes.

Polling (a stat of each watched file, twice a second) needs no extra package,
works the same on every system and editor (including ones that save by
renaming), and costs well under a millisecond for a project of this size.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from argmap.load.project import Project

Snapshot = dict[Path, tuple[int, int]]


def watched_files(project: Project) -> list[Path]:
    package = Path(__file__).resolve().parent.parent  # the argmap package
    roots = [project.arguments_dir, project.seeds_dir, package / "templates", package / "assets"]
    files: list[Path] = []
    for root in roots:
        if root.is_dir():
            files += [p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")]
    return sorted(files)


def snapshot(project: Project) -> Snapshot:
    snap: Snapshot = {}
    for path in watched_files(project):
        try:
            st = path.stat()
        except OSError:  # deleted between listing and stat
            continue
        snap[path] = (st.st_mtime_ns, st.st_size)
    return snap


def watch(
    project: Project,
    on_change: Callable[[list[Path]], None],
    *,
    interval: float = 0.5,
    stop: threading.Event | None = None,
) -> None:
    """Call `on_change(changed_paths)` after every change until `stop` is set.

    Exceptions from `on_change` propagate only if they are not Exceptions
    (KeyboardInterrupt); a failing build must never end the watch, so the
    callback is expected to report its own errors.
    """
    stop = stop or threading.Event()
    before = snapshot(project)
    while not stop.wait(interval):
        now = snapshot(project)
        if now != before:
            changed = sorted({p for p in now.keys() | before.keys() if now.get(p) != before.get(p)})
            before = now
            try:
                on_change(changed)
            except Exception as exc:  # keep watching whatever happens
                print(f"argmap: build failed: {type(exc).__name__}: {exc}", flush=True)
