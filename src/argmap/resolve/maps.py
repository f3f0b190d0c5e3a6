"""The maps of a project, loaded and resolved: what every command starts from.

`check_maps` reads the sources once and each map's claim files, links every
id and anchors every quote; it analyses nothing (that is argmap.analyze).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, sort_key, unique_sorted
from argmap.load.loader import load_map, load_sources
from argmap.load.project import MapInput, Project
from argmap.resolve.resolver import ResolvedMap, resolve


@dataclass
class MapResult:
    input: MapInput
    map: ResolvedMap | None
    diagnostics: list[Diagnostic]
    analysis: Any = None  # the map's Analysis, when the caller made one (check --verbose)

    @property
    def ok(self) -> bool:
        return self.map is not None and not any(d.is_error for d in self.diagnostics)


@dataclass
class CheckResult:
    maps: list[MapResult]
    diagnostics: list[Diagnostic] = field(default_factory=list)  # project-level (sources)
    notes: list[str] = field(default_factory=list)  # without verbose: one line per map counting its weak spots
    updates: list[str] = field(default_factory=list)  # what `check --update-anchors` recorded

    def all_diagnostics(self) -> list[Diagnostic]:
        return unique_sorted([*self.diagnostics, *(d for m in self.maps for d in m.diagnostics)])

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.all_diagnostics())

    @property
    def warnings(self) -> int:
        return sum(d.severity.value == "warning" for d in self.all_diagnostics())

    @property
    def kept_notes(self) -> int:
        """Weak spots kept on purpose (`note[W5xx]`): listed, not counted as warnings."""
        return sum(d.severity.value == "note" for d in self.all_diagnostics())

    @property
    def analyses(self) -> list[Any]:
        return [m.analysis for m in self.maps if m.analysis is not None]


def _check_one(project: Project, map_input: MapInput, sources) -> MapResult:
    loaded, diags = load_map(project, map_input, sources)
    rmap, more = resolve(loaded)
    return MapResult(map_input, rmap, sorted([*diags, *more], key=sort_key))


def check_maps(project: Project, inputs: Sequence[MapInput]) -> CheckResult:
    """Load and resolve these maps (no analysis): what every command starts with."""
    sources, source_diags = load_sources(project)
    return CheckResult([_check_one(project, mi, sources) for mi in inputs], source_diags)


def select_maps(project: Project, paths: Sequence[str | Path]) -> list[MapInput]:
    maps = project.maps()
    if not paths:
        return maps
    chosen: list[MapInput] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            hit = [project.find_map(str(raw))]  # an id; raises a did-you-mean if unknown
        else:
            hit = project.maps_at(p, maps)
            if not hit:
                raise ArgmapError([Diagnostic("E007", "not a claim file (.yaml) or a folder of them", Location(project.display(p.resolve())))])
        for m in hit:
            if m not in chosen:
                chosen.append(m)
    return chosen


def map_problems_for(project: Project, chosen: Sequence[MapInput], paths: Sequence[str | Path]) -> list:
    """The project's map problems (two maps with one id, reserved names, linked folders) that concern
    the maps asked for: all of them for the whole project (no `paths`), else those named by a chosen
    map's id or by a path as given, its stem or its file name."""
    problems = project.map_problems()
    if not paths:
        return problems
    named = {m.id for m in chosen} | {str(p) for p in paths} | {Path(p).stem for p in paths} | {Path(p).name for p in paths}
    return [p for p in problems if p.map_id in named]


def resolve_map(project: Project, name: str | None = None) -> ResolvedMap:
    """One map, resolved; raises ArgmapError if it (or a source it needs) has an error."""
    sources, source_diags = load_sources(project)
    result = _check_one(project, project.find_map(name), sources)
    errors = [d for d in [*source_diags, *result.diagnostics] if d.is_error]
    if errors or result.map is None:
        raise ArgmapError(errors)
    return result.map


