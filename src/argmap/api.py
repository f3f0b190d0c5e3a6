"""The Python API: one function per CLI command, with the command's option names.

    from argmap import api
    project = api.open_project(".")
    result = api.check(project, verbose=True)                  # argmap check --verbose
    svg = api.diagram(project, "carrot-stick", format="svg")   # argmap diagram carrot-stick
    pdf = api.handout(project, "example", kind="blocks", format="pdf", accept=["ex-talks-stalled"])
    report = api.build(project, force=True)                    # argmap build --force

The CLI parses its options, makes one call here, prints what it gets and
exits; a test keeps the two in step (every command has a function of the same
name taking the same option names). `--project` becomes the first argument,
and `-o/--output` stays in the CLI: these functions return data or bytes
and write nothing, except `build` and `watch`, whose job is writing output/.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, sort_key
from argmap.load.project import MapInput, Project, find_project

if TYPE_CHECKING:  # loading these pulls in pydantic: `argmap --help` and a no-change build stay fast without them
    from argmap.analyze.analysis import Analysis
    from argmap.build.builder import BuildReport
    from argmap.resolve.quote import QuoteMatch
    from argmap.resolve.resolver import ResolvedMap


def open_project(path: str | Path | None = None) -> Project:
    return find_project(Path(path) if path else None)


# --------------------------------------------------------------------------- check


@dataclass
class MapResult:
    input: MapInput
    map: ResolvedMap | None
    diagnostics: list[Diagnostic]
    analysis: Analysis | None = None  # with verbose or accept, for a map without errors

    @property
    def ok(self) -> bool:
        return self.map is not None and not any(d.is_error for d in self.diagnostics)


@dataclass
class CheckResult:
    maps: list[MapResult]
    diagnostics: list[Diagnostic] = field(default_factory=list)  # project-level (sources)
    notes: list[str] = field(default_factory=list)  # without verbose: one line per map counting its weak spots

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

    @property
    def analyses(self) -> list[Analysis]:
        return [m.analysis for m in self.maps if m.analysis is not None]


def _check_one(project: Project, map_input: MapInput, sources) -> MapResult:
    from argmap.load.loader import load_map
    from argmap.resolve.resolver import resolve

    loaded, diags = load_map(project, map_input, sources)
    rmap, more = resolve(loaded)
    return MapResult(map_input, rmap, sorted([*diags, *more], key=sort_key))


def check_maps(project: Project, inputs: Sequence[MapInput]) -> CheckResult:
    """Load and resolve these maps (no analysis): what every command starts with."""
    from argmap.load.loader import load_sources

    sources, source_diags = load_sources(project)
    return CheckResult([_check_one(project, mi, sources) for mi in inputs], source_diags)


def check(project: Project, paths: Sequence[str | Path] = (), *, verbose: bool = False,
          accept: Sequence[str] = ()) -> CheckResult:
    """`argmap check`: load, resolve and (for maps without errors) analyse the maps under
    `paths` (all maps when empty).

    Every clean map is analysed once. With `verbose`, its weak spots join its
    diagnostics as W5xx warnings; without, `notes` counts them. With `verbose`
    or `accept`, each MapResult carries its Analysis (labels and why). An
    `accept` id applies to the maps that have it; one that no checked map has
    raises UnknownAcceptedId.
    """
    from argmap.analyze.analysis import analyze
    from argmap.analyze.evaluate import UnknownAcceptedId
    from argmap.analyze.report import weak_spot_diagnostics, weak_spot_note

    result = check_maps(project, select_maps(project, paths))
    clean = [mr for mr in result.maps if mr.ok and mr.map is not None]
    accept = list(accept)
    used: set[str] = set()
    for mr in clean:
        mine = [a for a in accept if _names(mr.map, a)]
        used.update(mine)
        analysis = analyze(mr.map, mine)
        if verbose:
            mr.diagnostics.extend(weak_spot_diagnostics(analysis))
        elif (note := weak_spot_note(analysis)) is not None:
            result.notes.append(note)
        if verbose or accept:
            mr.analysis = analysis
    missing = [a for a in accept if a not in used]
    if missing:
        if len(clean) == 1:
            analyze(clean[0].map, missing)  # raises with a did-you-mean
        raise UnknownAcceptedId(f"no statement or evidence '{missing[0]}' in the map(s) checked")
    return result


def _names(rmap: ResolvedMap, ident: str) -> bool:
    return ident in rmap.statements or ident in rmap.evidence or ident in rmap.arguments or ident in rmap.options


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
    from argmap.load.loader import load_sources

    sources, source_diags = load_sources(project)
    result = _check_one(project, project.find_map(name), sources)
    errors = [d for d in [*source_diags, *result.diagnostics] if d.is_error]
    if errors or result.map is None:
        raise ArgmapError(errors)
    return result.map


def analyze_map(project: Project, map_name: str | None = None, *, accept: Sequence[str] = ()) -> Analysis:
    """One map, resolved and analysed once: what every output of it is made from."""
    from argmap.analyze.analysis import analyze

    return analyze(resolve_map(project, map_name), accept)


# --------------------------------------------------------------------------- one output of one map


def quote(project: Project, source: str, text: str, *, sentence: bool = False, evidence_id: str | None = None) -> QuoteMatch:
    """`argmap quote`: find `text` in a source; `.report()` is the evidence stub."""
    from argmap.resolve.quote import find_quote

    return find_quote(project, source, text, sentence=sentence, evidence_id=evidence_id)


def export(project: Project, map_name: str | None = None, *, format: str = "json", accept: Sequence[str] = ()) -> str | bytes:
    """`argmap export`: the map in a machine format (json, schema, aif, argdown, docx, cards-json, cite-request)."""
    from argmap.export import needs_map, render

    if not needs_map(format):
        return render(format, None)
    return render(format, analyze_map(project, map_name, accept=accept))


def diagram(project: Project, map_name: str | None = None, *, format: str = "svg", focus: str | None = None,
            depth: int | None = None, option: str | None = None, evidence: bool = True, status: bool = False,
            accept: Sequence[str] = (), paper: str = "letter") -> bytes:
    """`argmap diagram`: the whole map, one option or one subtree as svg, png, pdf or dot.
    With `status` (or any `accept`), each claim is marked in, out or undecided."""
    from argmap.render.diagram import render

    if focus is not None and option is not None:
        raise ValueError("use focus or option, not both")
    analysis = analyze_map(project, map_name, accept=accept)
    labels = analysis.evaluation.status() if status or accept else None
    return render(analysis.map, format, focus=focus, depth=depth, option=option, evidence=evidence, status=labels, paper=paper)


def handout(project: Project, map_name: str | None = None, *, kind: str = "brief", format: str = "html",
            event: str | None = None, accept: Sequence[str] = ()) -> str | bytes:
    """`argmap handout`: one debate handout (brief, cards, blocks, flow, worksheet, key) as html, pdf or md."""
    from argmap.render.handouts import render_handout

    return render_handout(analyze_map(project, map_name, accept=accept), kind, format, event=event)


# --------------------------------------------------------------------------- the whole project


def build(project: Project, paths: Sequence[str | Path] = (), *, force: bool = False, accept: Sequence[str] = (),
          progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
    """`argmap build`: write every output of every map (under `paths`) into output/.
    Only outputs whose inputs changed are made again (`force` remakes all)."""
    from argmap.build.builder import build as run

    return run(project, paths, force=force, accept=accept, progress=progress)


def watch(project: Project, *, accept: Sequence[str] = (), on_change: Callable[[list[Path]], None] | None = None,
          on_build: Callable[[BuildReport], None] | None = None, on_error: Callable[[ArgmapError], None] | None = None,
          stop=None, debounce_ms: int = 150) -> None:
    """`argmap watch`: build now, then again after every save of a claim file, source
    or template (file-system events), until `stop` (a threading.Event) is set.

    `on_change(paths)` hears what changed, `on_build(report)` each build's report,
    and `on_error(error)` a build that could not start (its located diagnostics);
    a bad save is reported and the watch goes on.
    """
    from argmap.build.watch import watch as run

    def once() -> None:
        try:
            report = build(project, accept=accept)
        except ArgmapError as exc:
            if on_error is not None:
                on_error(exc)
            return
        if on_build is not None:
            on_build(report)

    def changed(paths: list[Path]) -> None:
        if on_change is not None:
            on_change(paths)
        once()

    once()
    run(project, changed, stop=stop, debounce_ms=debounce_ms)
