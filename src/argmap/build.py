"""The last stage: write every artifact of every map into `output/<map>/`.

An artifact producer is a function `(rmap, context) -> iterable of Artifact`.
PRODUCERS names them as "module:function" strings so that a build imports
Graphviz or Typst only when it runs, never at `argmap --help`.
"""

from __future__ import annotations

import importlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .api import CheckResult, check
from .diagnostics import Diagnostic
from .fsutil import atomic_write
from .project import Project
from .resolve import ResolvedMap


@dataclass(frozen=True)
class Artifact:
    name: str  # path relative to output/<map>/
    data: bytes | str


@dataclass
class BuildContext:
    project: Project
    out_dir: Path  # output/<map>/


PRODUCERS: list[str] = [
    "argmap.build:json_artifacts",
]


def json_artifacts(rmap: ResolvedMap, ctx: BuildContext) -> Iterable[Artifact]:
    from .exports import json_export

    yield Artifact(f"{rmap.id}.json", json_export.render(rmap))


@dataclass
class BuildReport:
    check: CheckResult
    written: list[Path] = field(default_factory=list)
    failed_maps: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.check.errors == 0 and not self.failed_maps


def _producer(spec: str):
    module, func = spec.split(":")
    return getattr(importlib.import_module(module), func)


def build(project: Project, paths: Sequence[str | Path] = ()) -> BuildReport:
    """Check every map, then build each map that has no error."""
    started = time.perf_counter()
    result = check(project, paths)
    report = BuildReport(result)
    for mr in result.maps:
        if not mr.ok or mr.map is None:
            report.failed_maps.append(mr.input.id)
            continue
        out_dir = project.output_dir / mr.map.id
        ctx = BuildContext(project, out_dir)
        # Render everything for this map first, then write: a renderer that
        # fails leaves the map's previous output untouched.
        artifacts = [a for spec in PRODUCERS for a in _producer(spec)(mr.map, ctx)]
        for art in artifacts:
            target = out_dir / art.name
            atomic_write(target, art.data)
            report.written.append(target)
    report.seconds = time.perf_counter() - started
    return report
