"""The Python API: one function per CLI command, with the command's option names.

    from argmap import api
    project = api.open_project(".")
    result = api.check(project, verbose=True)                  # argmap check --verbose
    svg = api.diagram(project, "carrot-stick", format="svg")   # argmap diagram carrot-stick
    pdf = api.handout(project, "example", kind="blocks", format="pdf", accept=["ex-talks-stalled"])
    report = api.build(project, force=True)                    # argmap build --force
    api.serve(project, port=8000)                              # argmap serve (until Ctrl-C)

The CLI parses its options, makes one call here, prints what it gets and
exits; a test keeps the two in step (every command has a function of the same
name taking the same option names). `--project` becomes the first argument,
and `-o/--output` stays in the CLI: these functions return data or bytes
and write nothing, except `build` and `watch`, whose job is writing output/
(`serve` writes nothing either: it runs a local web server until stopped).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from argmap.core.diagnostics import ArgmapError, OptionError
from argmap.load.project import Project, find_project

if TYPE_CHECKING:  # loading these pulls in pydantic: `argmap --help` and a no-change build stay fast without them
    from argmap.analyze.analysis import Analysis
    from argmap.build.builder import BuildReport
    from argmap.build.topic import SourceAdded
    from argmap.resolve.quote import QuoteMatch
    from argmap.resolve.maps import CheckResult
    from argmap.resolve.resolver import ResolvedMap


def open_project(path: str | Path | None = None) -> Project:
    return find_project(Path(path) if path else None)


def __getattr__(name: str):
    # CheckResult and MapResult (argmap.resolve.maps) load pydantic: only when asked for.
    if name in ("CheckResult", "MapResult"):
        from argmap.resolve import maps

        return getattr(maps, name)
    raise AttributeError(name)


def check_maps(project: Project, inputs) -> CheckResult:
    """Load and resolve these maps (no analysis)."""
    from argmap.resolve.maps import check_maps as run

    return run(project, inputs)


def select_maps(project: Project, paths: Sequence[str | Path]):
    """The maps that `paths` (files, folders or map ids) name; all maps when empty."""
    from argmap.resolve.maps import select_maps as run

    return run(project, paths)


def resolve_map(project: Project, name: str | None = None) -> ResolvedMap:
    """One map, resolved; raises ArgmapError if it (or a source it needs) has an error."""
    from argmap.resolve.maps import resolve_map as run

    return run(project, name)


# --------------------------------------------------------------------------- check


def check(project: Project, paths: Sequence[str | Path] = (), *, verbose: bool = False,
          accept: Sequence[str] = (), update_anchors: bool = False) -> CheckResult:
    """`argmap check`: load, resolve and (for maps without errors) analyse the maps under
    `paths` (all maps when empty).

    Every clean map is analysed once. With `verbose`, its weak spots join its
    diagnostics as W5xx warnings; without, `notes` counts them. With `verbose`
    or `accept`, each MapResult carries its Analysis (labels and why). An
    `accept` id applies to the maps that have it; one that no checked map has
    raises UnknownAcceptedId.

    With `update_anchors`, where every quote anchors now is recorded in
    seeds/anchors.json (and an edited source's new sha256 in sources.yaml),
    then the maps are checked again; `updates` says what was written.
    """
    from argmap.analyze.analysis import analyze
    from argmap.analyze.accepted import accept_by_map
    from argmap.analyze.report import weak_spot_diagnostics, weak_spot_note
    from argmap.resolve.maps import map_problems_for

    result = check_maps(project, select_maps(project, paths))
    if update_anchors:
        from argmap.resolve.record import update_anchors as record

        updates = record(project, result.maps, whole_project=not paths)
        if updates:
            result = check_maps(project, select_maps(project, paths))
        result.updates = updates or ["anchors are up to date: nothing written"]
    # maps that cannot be read (duplicate or reserved ids, linked folders), of the whole project or of the maps asked for
    result.diagnostics += [p.diagnostic for p in map_problems_for(project, [m.input for m in result.maps], paths)]
    clean = [mr for mr in result.maps if mr.ok and mr.map is not None]
    accept = list(accept)
    mine = accept_by_map([mr.map for mr in clean], accept)
    for mr in clean:
        analysis = analyze(mr.map, mine[mr.map.id])
        mr.diagnostics.extend(analysis.keep_problems)  # stale or unexplained keeps: warnings, verbose or not
        if verbose:
            mr.diagnostics.extend(weak_spot_diagnostics(analysis))
        elif (note := weak_spot_note(analysis)) is not None:
            result.notes.append(note)
        if verbose or accept:
            mr.analysis = analysis
    return result


def analyze_map(project: Project, map_name: str | None = None, *, accept: Sequence[str] = ()) -> Analysis:
    """One map, resolved and analysed once: what every output of it is made from."""
    from argmap.analyze.analysis import analyze

    return analyze(resolve_map(project, map_name), accept)


# --------------------------------------------------------------------------- one output of one map


def quote(project: Project, source: str, text: str, *, sentence: bool = False, evidence_id: str | None = None) -> QuoteMatch:
    """`argmap quote`: find `text` in a source; `.report()` is the evidence stub."""
    from argmap.resolve.quote import find_quote

    return find_quote(project, source, text, sentence=sentence, evidence_id=evidence_id)


def import_(project: Project, file: str | Path, *, from_: str | None = None, map_name: str | None = None,
            force: bool = False):
    """`argmap import FILE`: an Argdown, AIF JSON, Kialo or Verbatim .docx file as the claim files of map
    `map_name` (default: the file's name), with a seed text where the format carries one. Nothing that
    exists is replaced without `force`. Returns an ImportResult (`.written`, `.lost`: what could not be
    carried over, `.counts`)."""
    from argmap.ingest import import_file

    return import_file(project, Path(file), from_=from_, map_name=map_name, force=force)


globals()["import"] = import_  # the command's name is a Python keyword: api.import_ is its twin


def export(project: Project, map_name: str | None = None, *, format: str = "json", accept: Sequence[str] = ()) -> str | bytes:
    """`argmap export`: the map in a machine format (json, schema, aif, argdown, docx, cards-json, cite-request)."""
    from argmap.export import needs_map, render

    if not needs_map(format):
        return render(format, None)
    return render(format, analyze_map(project, map_name, accept=accept))


def diagram(project: Project, map_name: str | None = None, *, format: str = "svg", focus: str | None = None,
            depth: int | None = None, option: str | None = None, evidence: bool = True, status: bool = False,
            accept: Sequence[str] = (), paper: str | None = None, view: str = "map", ids: bool = False,
            notes: list[str] | None = None) -> bytes:
    """`argmap diagram`: the whole map, one option or one subtree as svg, png, pdf or dot.
    With `status` (or any `accept`), each claim is marked in, out or undecided.
    view: "map", "overview" (the case on one landscape page), "poster" (a PDF on
    arch-d or a1 `paper`) or "tiles" (that poster on letter or a4 sheets).
    ids: print ids and CLI hints in the boxes. notes: gets a line when the
    poster is too large for one sheet (it then spans several)."""
    from argmap.render.diagram import overview, poster, render

    if focus is not None and option is not None:
        raise ValueError("use focus or option, not both")
    analysis = analyze_map(project, map_name, accept=accept)
    labels = analysis.evaluation.status() if status or accept else None
    large, small = ("arch-d", "a1"), ("letter", "a4")
    if view == "overview":
        return overview(analysis, format, paper=paper if paper in small else "letter", ids=ids)
    if view in ("poster", "tiles"):
        return poster(analysis.map, paper=paper if paper in large else "arch-d",
                      tiles=(paper if paper in small else "letter") if view == "tiles" else None,
                      focus=focus, depth=depth, option=option, evidence=evidence, status=labels, ids=ids,
                      analysis=analysis, notes=notes)
    return render(analysis.map, format, focus=focus, depth=depth, option=option, evidence=evidence, status=labels,
                  paper=paper if paper in small else "letter", ids=ids)


class UnknownSource(OptionError):
    """`--source` names no source of the map (reported as a usage error of --source)."""

    option = "--source"

    def __init__(self, source: str, known: list[str]):
        from argmap.core.diagnostics import did_you_mean

        guess = did_you_mean(source, known)
        super().__init__(f"no source '{source}' in this map" + (f"; did you mean '{guess}'?" if guess else "")
                         + f" (sources: {', '.join(known)})")


def handout(project: Project, map_name: str | None = None, *, kind: str = "brief", format: str = "html",
            event: str | None = None, accept: Sequence[str] = (), source: str | None = None,
            ids: bool = False) -> str | bytes:
    """`argmap handout`: one debate handout (brief, cards, blocks, flow, worksheet, key) as html, pdf or md;
    the round documents: `1ac` and `1nc` as pdf or docx, `reading` (of `source`, else every source) as html or pdf.
    `ids`: print the map's ids beside what they name (students' copies have none)."""
    from argmap.render.handouts import render_handout

    analysis = analyze_map(project, map_name, accept=accept)
    if format == "docx" and kind in ("1ac", "1nc"):
        from argmap.export import speechdoc
        from argmap.render.handouts.view import build_view

        return speechdoc.render(build_view(analysis, kind, event=event).to_data())
    if source is not None and source not in analysis.map.sources:
        raise UnknownSource(source, list(analysis.map.sources))
    return render_handout(analysis, kind, format, event=event, source=source, ids=ids)


# --------------------------------------------------------------------------- a new topic (these write seeds/ and arguments/)


def source_add(project: Project, file: str | Path, *, id: str | None = None, title: str | None = None, author: Sequence[str] = (),
               date: str | None = None, outlet: str | None = None, kind: str | None = None, url: str | None = None,
               force: bool = False, ask: Callable[[str, str | None], str | None] | None = None) -> SourceAdded:
    """`argmap source add FILE`: put the readable text of a .txt, .html, .pdf or .docx into seeds/ and
    its metadata (options first, then the file's own, then `ask(label, default)`, else a stand-in
    marked TODO) into seeds/sources.yaml. Never replaces a file or an entry without `force`."""
    from argmap.build.topic import source_add as run

    return run(project, Path(file), id=id, title=title, author=author, date=date, outlet=outlet, kind=kind, url=url,
               force=force, ask=ask)


def new(project: Project, map: str, *, source: str, force: bool = False) -> Path:
    """`argmap new MAP --source ID`: write arguments/MAP/MAP.yaml, a claim-file skeleton (map header,
    thesis stub, the source's numbered paragraphs as comments) that passes `argmap check`."""
    from argmap.build.topic import new_map

    return new_map(project, map, source=source, force=force)


# --------------------------------------------------------------------------- the whole project


def build(project: Project, paths: Sequence[str | Path] = (), *, force: bool = False, accept: Sequence[str] = (),
          progress: Callable[[int, int, str], None] | None = None, cache=None,
          on_output: Callable[[str, str], None] | None = None, ids: bool = False) -> BuildReport:
    """`argmap build`: write every output of every map (under `paths`) into output/.
    Only outputs whose inputs changed are made again (`force` remakes all);
    `cache` (argmap.build.builder.AnalysisCache) keeps analyses between builds."""
    from argmap.build.builder import build as run

    return run(project, paths, force=force, accept=accept, progress=progress, cache=cache, on_output=on_output, ids=ids)


def watch(project: Project, *, accept: Sequence[str] = (), on_change: Callable[[list[Path]], None] | None = None,
          on_build: Callable[[BuildReport], None] | None = None, on_error: Callable[[ArgmapError], None] | None = None,
          stop=None, debounce_ms: int = 150) -> None:
    """`argmap watch`: build now, then again after every save of a claim file, source
    or template (file-system events), until `stop` (a threading.Event) is set.

    `on_change(paths)` hears what changed, `on_build(report)` each build's report,
    and `on_error(error)` a build that could not start (its located diagnostics);
    a bad save is reported and the watch goes on.
    """
    from argmap.build.builder import AnalysisCache
    from argmap.build.watch import watch as run

    cache = AnalysisCache()

    def once() -> None:
        try:
            report = build(project, accept=accept, cache=cache)
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


def serve(project: Project, *, host: str = "127.0.0.1", port: int = 8000, open: bool = False, accept: Sequence[str] = (),
          on_ready: Callable[[str], None] | None = None, on_change: Callable[[list[Path]], None] | None = None,
          stop=None) -> None:
    """`argmap serve`: a local web app over the project (the maps with their check
    status, the interactive map, handouts, problems, live reload and what-ifs)
    at http://host:port/ until Ctrl-C or `stop` (a threading.Event) is set.

    Read-only: nothing is written to the project. `host` is loopback unless
    given; `open` opens a browser; `on_ready(url)` hears when it listens and
    `on_change(paths)` every save it refreshes after.
    """
    # argmap.serve is the layer above this one (it calls these functions), so the
    # API reaches it by name at run time, as the build reaches its producers.
    import importlib

    run = importlib.import_module("argmap.serve.server").serve
    run(project, host=host, port=port, open=open, accept=accept, on_ready=on_ready, on_change=on_change, stop=stop)
