"""What the server knows about the project: each map's last good analysis and
every current problem, refreshed after each save.

`ProjectState.refresh()` loads and resolves every map whose inputs changed
(a hash of their bytes, as `argmap build` keeps; only the changed claim files
are parsed again), analyses the clean ones once, and records the diagnostics. A map whose save broke it keeps its
last good analysis, marked stale, beside the new errors: the page goes on
showing the map and says what is wrong. Each refresh makes a new immutable
`Snapshot`; a request reads whichever snapshot is current, so a refresh never
changes what a request is in the middle of reading.

What-if views (`accept`, `drop`) are analyses of the snapshot's resolved map
made on demand and kept in a small cache: nothing is written anywhere.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from argmap.core.diagnostics import ArgmapError, Diagnostic, sort_key, unique_sorted
from argmap.load.project import Project

if TYPE_CHECKING:
    from argmap.analyze.analysis import Analysis

CONTEXT_LINES = 2  # lines shown above and below a problem
MAX_CONTEXT_BYTES = 8 * 1024 * 1024  # the claim-file bound: a larger file is not read for context


@dataclass(frozen=True)
class MapState:
    id: str
    analysis: "Analysis | None"  # the last good one (None: never clean since the server started)
    diagnostics: tuple[Diagnostic, ...]  # this map's, as the last refresh found them
    stale: bool  # the analysis is from an earlier save: the files now have errors
    files: tuple[str, ...]

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity.value == "warning" for d in self.diagnostics)

    @property
    def status(self) -> str:
        return "error" if self.errors else ("warning" if self.warnings else "ok")


@dataclass(frozen=True)
class Snapshot:
    version: int
    maps: dict[str, MapState]
    project_diagnostics: tuple[Diagnostic, ...]  # seeds/sources.yaml, duplicate map ids
    made: float  # time.time() when the refresh that made it started
    seconds: float  # how long it took

    def all_diagnostics(self) -> list[Diagnostic]:
        return unique_sorted([*self.project_diagnostics, *(d for ms in self.maps.values() for d in ms.diagnostics)])


@dataclass
class ProjectState:
    project: Project
    accept: Sequence[str] = ()  # taken as accepted in every view (`argmap serve --accept`)
    snapshot: Snapshot = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _listeners: list[Callable[[Snapshot], None]] = field(default_factory=list, init=False)
    _whatif: OrderedDict = field(default_factory=OrderedDict, init=False)

    def __post_init__(self) -> None:
        self._files: dict = {}  # claim file -> (its bytes' hash, what loading it gave): load_map's cache
        self._fingerprints: dict[str, str] = {}  # map id -> the hash of its inputs at the last refresh
        self.snapshot = Snapshot(0, {}, (), time.time(), 0.0)
        self.refresh()

    # ---- refreshing

    def listen(self, callback: Callable[[Snapshot], None]) -> Callable[[], None]:
        """Call `callback(snapshot)` after every refresh; returns a function that stops it."""
        self._listeners.append(callback)
        return lambda: self._listeners.remove(callback) if callback in self._listeners else None

    def refresh(self, changed: Sequence[Path] = ()) -> Snapshot:
        """Load, resolve and analyse again every map whose files (or the seeds) changed.

        A map whose bytes are as at the last refresh keeps its state as it is;
        in a changed map only the changed claim files are parsed again
        (load_map's cache). The diagnostics are those `argmap check` reports."""
        from argmap.analyze.analysis import analyze
        from argmap.build.builder import input_fingerprint
        from argmap.load.loader import load_map, load_sources
        from argmap.resolve.resolver import resolve

        with self._lock:
            started, clock = time.time(), time.perf_counter()
            old = self.snapshot
            project_diags: list[Diagnostic] = [p.diagnostic for p in self.project.map_problems()]
            maps: dict[str, MapState] = {}
            sources, source_diags = load_sources(self.project)
            project_diags += source_diags
            source_errors = any(d.is_error for d in source_diags)
            for mi in self.project.maps():
                mid = mi.id
                fingerprint = input_fingerprint(self.project, mi, self.accept)
                previous = old.maps.get(mid)
                if previous is not None and self._fingerprints.get(mid) == fingerprint:
                    maps[mid] = previous
                    continue
                files = tuple(self.project.display(f) for f in mi.files)
                loaded, diags = load_map(self.project, mi, sources, self._files)
                rmap, more = resolve(loaded)
                diags = sorted([*diags, *more], key=sort_key)
                analysis = None
                if not source_errors and not any(d.is_error for d in diags):
                    mine = [a for a in self.accept if a in rmap.statements or a in rmap.evidence]
                    try:
                        analysis = analyze(rmap, mine)
                    except ArgmapError as exc:
                        diags += exc.diagnostics
                if analysis is not None:
                    diags = sorted([*diags, *analysis.keep_problems], key=sort_key)  # stale or unexplained keeps, as check reports them
                    maps[mid] = MapState(mid, analysis, tuple(diags), False, files)
                else:
                    last = previous.analysis if previous is not None else None
                    maps[mid] = MapState(mid, last, tuple(diags), last is not None, files)
                self._fingerprints[mid] = fingerprint
            snap = Snapshot(old.version + 1, maps, tuple(sorted(set(project_diags), key=sort_key)), started,
                            time.perf_counter() - clock)
            self.snapshot = snap
            self._whatif.clear()
        for callback in list(self._listeners):
            callback(snap)
        return snap

    # ---- what the pages read

    def map_state(self, map_id: str) -> MapState | None:
        return self.snapshot.maps.get(map_id)

    def analysis(self, map_id: str, accept: Sequence[str] = (), drop: Sequence[str] = ()) -> "Analysis | None":
        """The map's analysis, or a what-if of it (more accepted, some dropped), made
        from the same resolved map; raises UnknownAcceptedId for an id the map lacks."""
        from argmap.analyze.analysis import analyze

        ms = self.map_state(map_id)
        if ms is None or ms.analysis is None:
            return None
        accept, drop = sorted(set(accept) - set(drop)), sorted(set(drop))
        if not accept and not drop:
            return ms.analysis
        key = (self.snapshot.version, map_id, tuple(accept), tuple(drop))
        with self._lock:
            hit = self._whatif.get(key)
            if hit is not None:
                self._whatif.move_to_end(key)
                return hit
        base = ms.analysis
        made = analyze(base.map, [*base.accepted, *accept], drop)
        with self._lock:
            self._whatif[key] = made
            while len(self._whatif) > 16:
                self._whatif.popitem(last=False)
        return made


def problem_json(project: Project, d: Diagnostic) -> dict:
    """A diagnostic with the lines around it, for the problems panel."""
    out = d.to_json()
    out["where"] = str(d.location)
    out["context"] = context_lines(project, d.location.path, d.location.line)
    return out


def context_lines(project: Project, shown: str, line: int) -> list[list]:
    """[[number, text], ...] around `line` of a file of the project (claim files
    and seeds only; nothing outside them is read)."""
    from argmap.serve.paths import project_file

    path = project_file(project, shown)
    if path is None or line < 1:
        return []
    try:
        if path.stat().st_size > MAX_CONTEXT_BYTES:
            return []
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    lo, hi = max(1, line - CONTEXT_LINES), min(len(lines), line + CONTEXT_LINES)
    return [[n, lines[n - 1][:400]] for n in range(lo, hi + 1)]
