"""The last stage: write every artifact of every map into `output/<map>/`.

An artifact producer is a function `(analysis, context) -> iterable of Artifact`.
PRODUCERS names them as "module:function" strings so that a build imports
Graphviz or Typst only when it runs, never at `argmap --help`.

Builds are incremental: a map's inputs (its claim files, everything in seeds/,
and argmap's own code and templates) are hashed before anything is parsed; when
the hash matches the manifest of the last good build and every file it wrote is
still there, the map is up to date and costs a few file reads. This module
therefore imports nothing heavy at the top: pydantic and the renderers load only
when a map really has to be rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from argmap import __version__
from argmap.core import safety
from argmap.core.artifact import Artifact, digest
from argmap.core.diagnostics import ArgmapError, Diagnostic, Location
from argmap.core.fsutil import atomic_write, remove_stale_temporaries
from argmap.load.project import MapInput, Project

if TYPE_CHECKING:  # only for annotations: importing these loads pydantic
    from argmap.analyze.analysis import Analysis

MANIFEST = ".argmap-build.json"
CACHE_DIR = ".argmap-cache"  # output/.argmap-cache/: what producers keep between builds (the diagrams' layouts)


@dataclass
class BuildContext:
    project: Project
    out_dir: Path  # output/<map>/
    cache_dir: Path | None = None  # output/.argmap-cache/
    # current(name, key): whether output `name` is already written with this key
    # (a producer may then skip the work of making it; see core.artifact)
    current: Callable[[str, str], bool] | None = None
    ids: bool = False  # `build --ids`: the handouts print the map's ids


# Every producer is a function (analysis, context) -> artifacts.
PRODUCERS: list[str] = [
    "argmap.build.builder:json_artifacts",
    "argmap.render.diagram:artifacts",
    "argmap.render.handouts.produce:handout_artifacts",
    "argmap.build.round:round_artifacts",  # the 1AC, the 1NC shells and the numbered source readings
    "argmap.export.evidence:artifacts",
    "argmap.serve.page:map_artifacts",  # <map>-map.html: the interactive map as a static page (argmap serve's page)
]
# Producers whose files show where things are in the claim files (line
# numbers): the only ones a comment or blank line can change.
SHOWS_LOCATIONS = {"argmap.build.builder:json_artifacts", "argmap.serve.page:map_artifacts"}


def json_artifacts(analysis: Analysis, ctx: BuildContext) -> Iterable[Artifact]:
    from argmap.export import json_export

    yield Artifact(f"{analysis.id}.json", json_export.render(analysis))


@dataclass
class MapBuild:
    id: str
    status: str  # "built", "up-to-date" or "failed"
    written: list[Path] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)  # formatted, as printed


@dataclass
class BuildReport:
    maps: list[MapBuild] = field(default_factory=list)
    project_errors: list[str] = field(default_factory=list)  # seeds/sources.yaml problems
    index: Path | None = None
    seconds: float = 0.0

    def by_status(self, status: str) -> list[MapBuild]:
        return [m for m in self.maps if m.status == status]

    @property
    def written(self) -> list[Path]:
        return [p for m in self.maps for p in m.written]

    @property
    def ok(self) -> bool:
        return not self.project_errors and not self.by_status("failed")

    def summary(self) -> str:
        built, fresh, failed = self.by_status("built"), self.by_status("up-to-date"), self.by_status("failed")
        parts = [f"built {len(built)} map(s) ({len(self.written)} file(s))"] if built else []
        if fresh:
            parts.append(f"{len(fresh)} map(s) up to date")
        if failed:
            parts.append(f"{len(failed)} not built because of errors: {', '.join(m.id for m in failed)}")
        return (", ".join(parts) or "no maps in arguments/") + f" in {self.seconds:.2f} s"


def _producer(spec: str):
    module, func = spec.split(":")
    return getattr(importlib.import_module(module), func)


_code_hash: str | None = None


def code_fingerprint() -> str:
    """A hash of argmap's own code, templates and fonts: a new version rebuilds."""
    global _code_hash
    if _code_hash is None:
        h = hashlib.sha256(__version__.encode())
        package = Path(__file__).resolve().parent.parent  # the argmap package
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(package).as_posix().encode())
                h.update(path.read_bytes())
        _code_hash = h.hexdigest()
    return _code_hash


def input_fingerprint(project: Project, map_input: MapInput, accept: Sequence[str] = ()) -> str:
    """A hash of everything a map's outputs depend on. Reads bytes; parses nothing."""
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(os.fsencode(map_input.id))  # a file name that is not UTF-8 hashes too
    h.update(json.dumps(sorted(accept)).encode())
    from argmap.core.limits import MAX_FILE_BYTES

    seeds = sorted(p for p in project.seeds_dir.glob("*") if p.is_file()) if project.seeds_dir.is_dir() else []
    for path in (*map_input.files, *seeds):
        h.update(b"\0" + os.fsencode(project.display(path)) + b"\0")
        try:
            st = path.stat()
            if st.st_size > MAX_FILE_BYTES:  # never read: the loader refuses it (E004) without reading it
                h.update(f"too large {st.st_size} {st.st_mtime_ns}".encode())
            else:
                h.update(path.read_bytes())
        except OSError as exc:  # unreadable: the loader reports it
            h.update(f"unreadable {exc.errno}".encode())
    return h.hexdigest()


def _read_manifest(out_dir: Path) -> dict:
    """The manifest of the last build, as data: "files" holds only safe names
    (plain relative paths inside the map's folder); "rejected" the others."""
    path = out_dir / MANIFEST
    try:
        if path.is_symlink() or not path.is_file():
            return {}
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(manifest, dict):
        return {}
    files = manifest.get("files")
    files = files if isinstance(files, list) else []
    safe = [n for n in files if safety.safe_manifest_name(n) is not None]
    manifest["files"] = safe
    manifest["rejected"] = [n for n in files if safety.safe_manifest_name(n) is None]
    notes = manifest.get("diagnostics")
    manifest["diagnostics"] = [n for n in notes if isinstance(n, str)] if isinstance(notes, list) else []
    return manifest


def _manifest_warning(project: Project, out_dir: Path, rejected: list) -> str:
    shown = ", ".join(repr(n)[:80] for n in rejected[:3]) + (" ..." if len(rejected) > 3 else "")
    return Diagnostic(
        "W405",
        f"the build record names {len(rejected)} file(s) outside this map's output folder ({shown}); they were ignored, nothing was removed",
        Location(project.display(out_dir / MANIFEST)),
        hint="argmap removes only files it wrote inside output/<map>/; the record will be rewritten by this build",
    ).format()


def _up_to_date(out_dir: Path, fingerprint: str) -> dict | None:
    manifest = _read_manifest(out_dir)
    if manifest.get("inputs") != fingerprint or manifest.get("rejected"):
        return None
    if not all((out_dir / name).is_file() and not (out_dir / name).is_symlink() for name in manifest.get("files", [])):
        return None
    return manifest


def build(
    project: Project,
    paths: Sequence[str | Path] = (),
    *,
    force: bool = False,
    accept: Sequence[str] = (),
    progress: Callable[[int, int, str], None] | None = None,
    cache: AnalysisCache | None = None,
    on_output: Callable[[str, str], None] | None = None,
    ids: bool = False,
) -> BuildReport:
    """Build every map under `paths` (all maps when empty) whose inputs changed.

    Maps with errors are reported and skipped; the others are still built.
    `accept`: ids to take as accepted for the round, in the maps that have
    them (an id no map has raises UnknownAcceptedId before anything is
    written). `progress(i, n, map_id)` is called before each map. `cache`
    (an AnalysisCache kept between builds, as `watch` does) spares analysing
    a map whose content did not change. `on_output(map_id, name)` is called
    as each output of a map is made (a terminal's progress). `ids`: the
    handouts print the map's ids (a coach's copy).
    """
    started = time.perf_counter()
    report = BuildReport()
    require_project(project)
    safety.check_output_root(project.output_dir, project.root, project.display(project.output_dir))
    inputs = _select(project, paths)
    from argmap.resolve.maps import map_problems_for

    for problem in map_problems_for(project, inputs, paths):  # two maps with one id, reserved names, linked folders
        report.maps.append(MapBuild(problem.map_id, "failed", diagnostics=[problem.diagnostic.format()]))
    refused = {m.id for m in report.maps}
    inputs = [mi for mi in inputs if mi.id not in refused]  # `build arguments/dup.yaml` builds neither twin
    stale: list[tuple[MapInput, str]] = []
    accept = sorted(set(accept))
    for mi in inputs:
        out_dir = project.output_dir / mi.id
        if out_dir.exists() or out_dir.is_symlink():
            safety.check_inside_output(out_dir, project.output_dir, project.display(out_dir))
        fingerprint = input_fingerprint(project, mi, accept) + ("+ids" if ids else "")
        manifest = None if force else _up_to_date(out_dir, fingerprint)
        if manifest is not None:
            report.maps.append(MapBuild(mi.id, "up-to-date", diagnostics=list(manifest.get("diagnostics", []))))
        else:
            stale.append((mi, fingerprint))
    if stale:
        _rebuild(project, stale, report, progress, accept, force, cache, on_output, ids)
    for mb in report.maps:
        _record_failure(project, mb)
    order = [i.id for i in inputs]
    report.maps.sort(key=lambda m: order.index(m.id) if m.id in order else len(order))
    report.index = write_index(project, inputs, stale={m.id for m in report.by_status("failed")})
    report.seconds = time.perf_counter() - started
    return report


def _record_failure(project: Project, mb: MapBuild) -> None:
    """Keep a map's last failure in its manifest (the landing page shows it
    until a build of the map succeeds); an up-to-date map's is cleared.
    Only an existing manifest in the map's own folder is touched."""
    out_dir = project.output_dir / mb.id
    if mb.status == "built" or out_dir.is_symlink() or not (out_dir / MANIFEST).is_file():
        return
    manifest = _read_manifest(out_dir)
    if not manifest or manifest.get("rejected"):
        return
    failure = list(mb.diagnostics) if mb.status == "failed" else None
    if manifest.get("last_failure") == failure:
        return
    manifest.pop("rejected", None)
    if failure is None:
        manifest.pop("last_failure", None)
    else:
        manifest["last_failure"] = failure
    safety.check_inside_output(out_dir, project.output_dir, project.display(out_dir))
    atomic_write(out_dir / MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False), shown=project.display(out_dir / MANIFEST),
                 within=project.output_dir, root=project.root)


def require_project(project: Project) -> None:
    """No project, no build: a folder without arguments/ is not built into."""
    if not project.arguments_dir.is_dir():
        raise ArgmapError([
            Diagnostic(
                "E012",
                f"{project.root} is not an argmap project: it has no arguments/ folder",
                Location(project.display(project.arguments_dir)),
                hint="run argmap inside a project (a folder holding arguments/ and seeds/), or name one with --project",
            )
        ])


def _select(project: Project, paths: Sequence[str | Path]) -> list[MapInput]:
    if not paths:
        return project.maps()
    from argmap.resolve.maps import select_maps

    return select_maps(project, paths)


def _rebuild(project: Project, stale: list[tuple[MapInput, str]], report: BuildReport, progress, accept: Sequence[str],
             force: bool = False, cache: AnalysisCache | None = None, on_output: Callable[[str, str], None] | None = None,
             ids: bool = False) -> None:
    from argmap.analyze.accepted import accept_by_map
    from argmap.resolve.maps import check_maps

    result = check_maps(project, [mi for mi, _ in stale])
    accepted = accept_by_map([mr.map for mr in result.maps if mr.ok and mr.map is not None], accept)
    report.project_errors = [d.format() for d in result.diagnostics if d.is_error]
    project_notes = [d.format() for d in result.diagnostics]
    for n, (mr, (mi, fingerprint)) in enumerate(zip(result.maps, stale), start=1):
        if progress:
            progress(n, len(stale), mi.id)
        notes = project_notes + [d.format() for d in mr.diagnostics]
        # A source that is missing, changed or unreadable (an error in seeds/)
        # means evidence that may no longer anchor: no map is built on it.
        if report.project_errors or not mr.ok or mr.map is None:
            report.maps.append(MapBuild(mi.id, "failed", diagnostics=notes))
            continue
        try:
            mine = accepted[mr.map.id]
            analysis = _analysis(mr.map, mine, cache)
            made = (lambda name, map_id=mi.id: on_output(map_id, name)) if on_output else None
            written = write_map(project, analysis, fingerprint, notes, force=force, accept=mine, on_output=made, ids=ids)
        except ArgmapError as exc:  # one map's problem never stops the others
            report.maps.append(MapBuild(mi.id, "failed", diagnostics=notes + [d.format() for d in exc.diagnostics]))
            continue
        except (RecursionError, MemoryError) as exc:  # a map too deep or too large for this machine; a bug surfaces as one
            where = Location(project.display(mi.files[0])) if mi.files else Location(project.display(project.arguments_dir))
            failed = Diagnostic("E504", f"the outputs of map '{mi.id}' could not be made ({type(exc).__name__}: {str(exc)[:200]})",
                                where, hint="the map is too deep or too large for this machine; the other maps were built")
            report.maps.append(MapBuild(mi.id, "failed", diagnostics=notes + [failed.format()]))
            continue
        report.maps.append(MapBuild(mi.id, "built", written, notes))


class AnalysisCache:
    """The last analysis of each map, by content: a watch (or a server) that
    rebuilds after a save re-analyses a map only when what it says changed."""

    def __init__(self) -> None:
        self._by_map: dict[str, tuple[str, "Analysis"]] = {}

    def get(self, rmap: "ResolvedMap", accept: Sequence[str], make: Callable[[], "Analysis"]) -> "Analysis":
        # Where things are written counts too: the JSON export prints it.
        key = content_key(rmap, accept) + digest(*(f"{k}@{v}" for k, v in rmap.locations.items()))
        hit = self._by_map.get(rmap.id)
        if hit is not None and hit[0] == key:
            return hit[1]
        analysis = make()
        self._by_map[rmap.id] = (key, analysis)
        return analysis


def _analysis(rmap: "ResolvedMap", accept: Sequence[str], cache: AnalysisCache | None) -> "Analysis":
    from argmap.analyze.analysis import analyze

    if cache is None:
        return analyze(rmap, accept)
    return cache.get(rmap, accept, lambda: analyze(rmap, accept))


def _run_producers(analysis: "Analysis", ctx: BuildContext, specs: Sequence[str]) -> list[list[Artifact]]:
    """The artifacts of these producers, in order.

    Producers run on threads: the diagrams mostly wait for `dot`, so they
    overlap with the handouts' Python and Typst work on a second core.
    """
    def run(spec: str) -> list[Artifact]:
        return list(_producer(spec)(analysis, ctx))

    if len(specs) < 2:
        return [run(spec) for spec in specs]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(specs)) as pool:
        return list(pool.map(run, specs))


def content_key(m: "ResolvedMap", accept: Sequence[str] = ()) -> str:
    """What a map's outputs show, hashed, without where it is written: the
    validated claim-file models (comments, layout and positions are not in
    them), the anchored quotes, the sources, the ids accepted and argmap's code."""
    parts: list[str] = [code_fingerprint(), json.dumps(sorted(accept)), m.id, m.header.model_dump_json()]
    for table in (m.sources, m.options, m.statements, m.arguments):
        parts += [f"{k}={v.model_dump_json()}" for k, v in table.items()]
    for eid, rev in m.evidence.items():
        anchor = json.dumps(rev.anchor.to_json(), sort_keys=True) if rev.anchor else "-"
        parts.append(f"{eid}={rev.evidence.model_dump_json()}{anchor}{rev.highlights}{rev.emphasis}")
    parts += [f"{sid}:{st.text}" for sid, st in m.source_texts.items()]
    return digest(*parts)


def write_map(project: Project, analysis: "Analysis", fingerprint: str, notes: list[str], *,
              force: bool = False, accept: Sequence[str] = (), on_output: Callable[[str], None] | None = None,
              ids: bool = False) -> list[Path]:
    """Make the artifacts of one map whose inputs changed, then write them, then the manifest.

    Every artifact has a key (what it depends on, hashed; see core.artifact).
    One whose key matches the last build's and whose file is still there is
    neither made nor written (unless `force`); the rest are made first, all of
    them, and only then written: a renderer that fails leaves the previous
    outputs untouched, and the manifest is written last, so an interrupted
    build is never mistaken for a finished one. Returns the files written.
    """
    out_dir = project.output_dir / analysis.id
    shown = project.display(out_dir)
    previous = _read_manifest(out_dir)
    old = set(previous.get("files", []))
    old_keys = previous.get("keys") if isinstance(previous.get("keys"), dict) else {}

    def current(name: str, key: str | None) -> bool:
        return not force and key is not None and old_keys.get(name) == key and (out_dir / name).is_file()

    # A renderer's key says what its file shows; argmap's own code and
    # templates decide how, so they are part of every key.
    code = code_fingerprint()
    ctx = BuildContext(project, out_dir, cache_dir=project.output_dir / CACHE_DIR,
                       current=lambda name, key: current(name, digest(code, key)), ids=ids)
    content = content_key(analysis.map, accept) + ("+ids" if ids else "")
    # The same content as last time (a comment, a blank line, a reordered key):
    # only the producers that print line numbers run; the other files stand.
    kept: list[Artifact] = []
    specs = PRODUCERS
    same = (not force and previous.get("content") == content and isinstance(previous.get("producers"), dict)
            and all(isinstance(previous["producers"].get(s), list) for s in PRODUCERS))
    if same:
        kept = [Artifact(name, key=old_keys.get(name)) for s in PRODUCERS if s not in SHOWS_LOCATIONS
                for name in previous["producers"][s]]
        if all(a.key is not None and (out_dir / a.name).is_file() for a in kept):
            specs = [s for s in PRODUCERS if s in SHOWS_LOCATIONS]
        else:
            kept = []
    batches = _run_producers(analysis, ctx, specs)
    by_producer = {s: [a.name for a in batch] for s, batch in zip(specs, batches)}
    if specs is not PRODUCERS:
        by_producer.update({s: previous["producers"][s] for s in PRODUCERS if s not in SHOWS_LOCATIONS})
    artifacts = [a for batch in batches for a in batch] + kept
    if previous.get("rejected"):
        notes.append(_manifest_warning(project, out_dir, previous["rejected"]))  # shown with the map's other notes
    for art in artifacts:
        if safety.safe_manifest_name(art.name) is None:  # a renderer's bug: never write outside the map's folder
            raise ArgmapError([Diagnostic("E009", f"refusing to write output '{art.name[:80]}' outside {shown}/", Location(shown))])

    full_key = {a.name: (a.key if a in kept else digest(code, a.key)) if a.key is not None else None for a in artifacts}
    todo = [a for a in artifacts if not current(a.name, full_key[a.name])]
    made = _make_all(todo, on_output)
    keys: dict[str, str] = {}
    to_write: list[tuple[str, bytes | str]] = []
    for art in artifacts:
        if art.name not in made:
            keys[art.name] = full_key[art.name]  # type: ignore[assignment]  (current: it has a key)
            continue
        data = made[art.name]
        key = full_key[art.name] or digest(data)
        keys[art.name] = key
        if not current(art.name, key):  # data-keyed: unchanged bytes are not rewritten
            to_write.append((art.name, data))
    remove_stale_temporaries(out_dir)
    written = []
    guard = {"within": project.output_dir, "root": project.root}
    for name, data in to_write:
        target = out_dir / name
        atomic_write(target, data, shown=project.display(target), **guard)
        written.append(target)
    names = [a.name for a in artifacts]
    for gone in sorted(old - set(names)):  # e.g. the diagram of a deleted option
        target = safety.removable(out_dir, gone)  # only a regular file argmap wrote, inside out_dir
        if target is None:
            continue
        try:
            target.unlink()
        except OSError:
            pass
    manifest = {"argmap": __version__, "inputs": fingerprint, "content": content, "files": names, "keys": keys,
                "producers": by_producer, "diagnostics": notes,
                "title": analysis.map.header.title, "description": analysis.map.header.description,
                "sources": {sid: src.cite_short() for sid, src in analysis.map.sources.items()}}
    atomic_write(out_dir / MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False), shown=project.display(out_dir / MANIFEST), **guard)
    return written


def _make_all(artifacts: list[Artifact], on_output: Callable[[str], None] | None = None) -> dict[str, bytes | str]:
    """name -> content of each artifact, made on two threads (Typst and `dot` release the GIL);
    `on_output(name)` hears each one made, in order."""
    out: dict[str, bytes | str] = {}
    if len(artifacts) < 2:
        contents = (a.content() for a in artifacts)
        for a, data in zip(artifacts, contents):
            out[a.name] = data
            if on_output:
                on_output(a.name)
        return out
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        for a, data in zip(artifacts, pool.map(Artifact.content, artifacts)):
            out[a.name] = data
            if on_output:
                on_output(a.name)
    return out


def write_index(project: Project, inputs: list[MapInput], stale: set[str] = frozenset()) -> Path | None:
    """output/index.html: every map's outputs, linked. Rewritten only when it changes.

    A map in `stale` failed to build this time: its old outputs, if any, are
    listed under a warning that they no longer match the claim files."""
    if not project.output_dir.exists():
        return None
    from argmap.build import landing

    rows = []
    for mi in inputs:
        out_dir = project.output_dir / mi.id
        manifest = _read_manifest(out_dir) if not out_dir.is_symlink() else {}
        files = [f for f in manifest.get("files", []) if safety.removable(out_dir, f) is not None]
        rows.append(landing.map_section(mi.id, out_dir, manifest, files, mi.id in stale))
    page = landing.page(rows)
    index = project.output_dir / "index.html"
    remove_stale_temporaries(project.output_dir)
    try:
        if not index.is_symlink() and index.is_file() and index.read_text(encoding="utf-8") == page:
            return index
    except (OSError, UnicodeDecodeError):
        pass
    atomic_write(index, page, within=project.output_dir, root=project.root, shown=project.display(index))
    return index
