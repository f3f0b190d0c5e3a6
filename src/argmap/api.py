"""The Python API: every command of the CLI is one call here.

    from argmap import api
    project = api.open_project(".")
    result = api.check(project)            # all maps, with diagnostics
    rmap = api.resolve_map(project, "carrot-stick")
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, sort_key
from argmap.load.loader import LoadedSource, load_map, load_sources
from argmap.load.project import MapInput, Project, find_project
from argmap.resolve.resolver import ResolvedMap, resolve


def open_project(path: str | Path | None = None) -> Project:
    return find_project(Path(path) if path else None)


@dataclass
class MapResult:
    input: MapInput
    map: ResolvedMap | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.map is not None and not any(d.is_error for d in self.diagnostics)


@dataclass
class CheckResult:
    maps: list[MapResult]
    diagnostics: list[Diagnostic] = field(default_factory=list)  # project-level (sources)

    def all_diagnostics(self) -> list[Diagnostic]:
        seen = set()
        out = []
        for d in [*self.diagnostics, *(d for m in self.maps for d in m.diagnostics)]:
            key = (d.code, d.location, d.message)
            if key not in seen:
                seen.add(key)
                out.append(d)
        return sorted(out, key=sort_key)

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.all_diagnostics())

    @property
    def warnings(self) -> int:
        return sum(not d.is_error for d in self.all_diagnostics())


def _check_one(project: Project, map_input: MapInput, sources: dict[str, LoadedSource]) -> MapResult:
    loaded, diags = load_map(project, map_input, sources)
    rmap, more = resolve(loaded)
    return MapResult(map_input, rmap, sorted([*diags, *more], key=sort_key))


def check(project: Project, paths: Sequence[str | Path] = ()) -> CheckResult:
    """Load and resolve the maps under `paths` (all maps when empty)."""
    result = check_maps(project, select_maps(project, paths))
    if not paths:  # the whole project: maps that cannot be read (duplicate or reserved ids, linked folders)
        result.diagnostics += [p.diagnostic for p in project.map_problems()]
    else:
        named = {m.input.id for m in result.maps} | {str(p) for p in paths} | {Path(p).stem for p in paths} | {Path(p).name for p in paths}
        result.diagnostics += [p.diagnostic for p in project.map_problems() if p.map_id in named]
    return result


def check_maps(project: Project, inputs: Sequence[MapInput]) -> CheckResult:
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


def resolve_map(project: Project, name: str | None = None) -> ResolvedMap:
    """One map, resolved; raises ArgmapError if it (or a source it needs) has an error."""
    sources, source_diags = load_sources(project)
    result = _check_one(project, project.find_map(name), sources)
    errors = [d for d in [*source_diags, *result.diagnostics] if d.is_error]
    if errors or result.map is None:
        raise ArgmapError(errors)
    return result.map
