"""`argmap watch`: react to every save of a claim file, a source or a template.

File-system events come from watchfiles (inotify on Linux, FSEvents on
macOS, ReadDirectoryChangesW on Windows, polling where none exists), so a
save is seen at once and an idle watch costs nothing. Events are debounced:
an editor that writes a temporary file and renames it causes one rebuild.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from argmap.load.project import Project

PACKAGE = Path(__file__).resolve().parent.parent  # the argmap package: its templates and fonts


def watched_roots(project: Project) -> list[Path]:
    roots = [project.arguments_dir, project.seeds_dir, PACKAGE / "templates", PACKAGE / "assets"]
    return [r for r in roots if r.is_dir()]


def _relevant(path: str) -> bool:
    name = Path(path).name
    return not name.startswith(".") and not name.endswith("~")  # editors' swap and backup files


def watch(
    project: Project,
    on_change: Callable[[list[Path]], None],
    *,
    stop: threading.Event | None = None,
    debounce_ms: int = 150,
) -> None:
    """Call `on_change(changed_paths)` after every change until `stop` is set.

    Whatever `on_change` raises ends the watch: the caller decides what a
    failed build means (the CLI reports it and goes on watching).
    """
    import watchfiles

    stop = stop or threading.Event()
    roots = watched_roots(project)
    for changes in watchfiles.watch(*roots, stop_event=stop, debounce=debounce_ms, step=20,
                                    watch_filter=lambda _change, path: _relevant(path), raise_interrupt=False):
        changed = sorted({Path(p) for _change, p in changes})
        if changed:
            on_change(changed)
