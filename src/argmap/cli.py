"""The command line: a thin layer over `argmap.api`.

Each command parses its options, makes one call to the API function of the
same name (with the same option names), prints what it returns and exits.

Errors a user can cause print `path:line:col: error[CODE]: message` and exit 1;
nothing here prints a traceback unless ARGMAP_DEBUG is set.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sys
from pathlib import Path

import click

from argmap import __version__
from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, OptionError, did_you_mean
from argmap.core.terminal import safe

BROKEN_PIPE_EXIT = 141  # 128 + SIGPIPE, what a shell reports for `cmd | head`


def _echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """A message for a person: control characters escaped, long lines cut."""
    if not err:
        _stdout()
    click.echo(safe(text), err=err, nl=nl)


def _print_diagnostics(diags: list[Diagnostic], err: bool = True) -> None:
    for d in diags:
        _echo(d.format(), err=err)


def _stdout():
    """Standard output, or an E013 error when it is closed (`argmap export >&-`):
    a command whose result is lost must not exit 0."""
    stream = sys.stdout
    closed = stream is None or stream.closed
    if not closed:
        try:
            fd = stream.fileno()
        except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
            fd = None
        if fd is not None:
            try:
                os.fstat(fd)
            except OSError:
                closed = True
    if closed:
        raise ArgmapError([Diagnostic("E013", "standard output is closed: the result would be lost", Location("<stdout>"),
                                      hint="redirect the output to a file (> FILE) or use -o FILE")]) from None
    return stream


_ERRNO_HINTS = {
    errno.ENOSPC: "the disk is full: free some space and run again",
    errno.EDQUOT: "the disk quota is used up: free some space and run again",
    errno.EROFS: "the file system is read-only: choose a writable folder",
    errno.EACCES: "you may not write there: fix the folder's permissions or choose another destination",
    errno.EPERM: "you may not write there: fix the folder's permissions or choose another destination",
    errno.ENOTDIR: "a file stands where a folder is needed: move it away",
    errno.EEXIST: "a file stands where a folder is needed: move it away",
    errno.EISDIR: "a folder stands where a file is needed: choose a file name",
    errno.ENAMETOOLONG: "the name is too long for the file system: shorten it",
    errno.EMFILE: "too many files are open: close some programs and run again",
}


def _environment_error(exc: OSError, where: str | None = None) -> Diagnostic:
    """An OSError from the system (not from argmap's logic) as one located line."""
    if where is None:  # no file name: a write to a stream (files argmap writes always carry their name)
        where = os.fsdecode(exc.filename) if exc.filename is not None else "<stdout>"
        try:
            where = os.path.relpath(where) if os.path.isabs(where) and not os.path.relpath(where).startswith("..") else where
        except ValueError:
            pass
    reason = exc.strerror or str(exc)
    hint = _ERRNO_HINTS.get(exc.errno or 0, "check the path and the permissions of its folder")
    return Diagnostic("E013", f"cannot write or read here: {reason}", Location(where), hint=hint)


def _quiet_broken_pipe() -> None:
    """After EPIPE: point stdout at /dev/null so Python's exit flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _messages_never_fail() -> None:
    """A terminal that cannot show a character (Latin-1, ASCII) gets an escape instead of a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass


def _flush_stdout() -> None:
    """Flush standard output; a full disk or `>/dev/full` is an E013 about <stdout>."""
    if sys.stdout is not None and not sys.stdout.closed:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise ArgmapError([_environment_error(exc, "<stdout>")]) from None


def handle_errors(func):
    """Turn ArgmapError into located messages and exit 1; hide tracebacks.

    Environment problems (a read-only folder, a full disk, `>/dev/full`, a
    closed or broken stdout) are one located E013 line and exit 1; a broken
    pipe (`argmap check -v | head`) ends quietly with 141. Ctrl-C kills every
    child, removes every temporary and exits 130 within moments
    (argmap.core.children)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from argmap.core.children import on_interrupt

        _messages_never_fail()
        code = 0
        try:
            with on_interrupt():
                try:
                    func(*args, **kwargs)
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                _flush_stdout()  # `> /dev/full` fails here, not silently at exit
        except ArgmapError as exc:
            _print_diagnostics(exc.diagnostics)
            code = 1
        except OptionError as exc:  # an option value no map can use (an unknown --accept id)
            raise click.BadParameter(str(exc), param_hint=exc.option) from None
        except BrokenPipeError:
            _quiet_broken_pipe()
            code = BROKEN_PIPE_EXIT
        except KeyboardInterrupt:
            click.echo("argmap: interrupted", err=True)
            code = 130
        except click.exceptions.Exit:
            raise
        except (click.ClickException, click.Abort):
            raise
        except OSError as exc:  # the system refused: full disk, read-only folder, a file where a folder belongs
            if os.environ.get("ARGMAP_DEBUG"):
                raise
            _print_diagnostics([_environment_error(exc)])
            code = 1
        except MemoryError:
            click.echo("argmap: error: out of memory; the claim files are too large for this machine's memory limit", err=True)
            code = 1
        except Exception as exc:  # a bug in argmap, not in the user's files
            if os.environ.get("ARGMAP_DEBUG"):
                raise
            click.echo(safe(f"argmap: internal error: {type(exc).__name__}: {exc}"), err=True)
            click.echo("  help: this is a bug in argmap; run again with ARGMAP_DEBUG=1 to see the traceback", err=True)
            code = 2
        if code and sys.stdout is not None:
            try:
                _flush_stdout()
            except BrokenPipeError:
                _quiet_broken_pipe()
            except OSError:
                pass
        sys.exit(code)

    return wrapper


project_option = click.option(
    "--project",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project folder (the one holding arguments/ and seeds/). Default: found from the current folder.",
)


def _project(project_dir: Path | None):
    """The project: found from the current folder, or exactly the one --project names
    (a mistyped --project never climbs to a parent project)."""
    from argmap.load.project import Project, find_project  # not argmap.api: that loads pydantic

    if project_dir is None:
        return find_project(None)
    if not project_dir.is_dir():
        raise ArgmapError([Diagnostic("E007", f"--project {project_dir}: there is no such folder", Location(str(project_dir)),
                                      hint="check the spelling of the project folder")])
    root = project_dir.resolve()
    if not ((root / "arguments").is_dir() or (root / "seeds" / "sources.yaml").is_file()):
        raise ArgmapError([Diagnostic("E012", f"--project {project_dir}: not an argmap project (no arguments/ or seeds/sources.yaml)",
                                      Location(str(project_dir)), hint="name the folder that holds arguments/ and seeds/")])
    return Project(root)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="argmap")
def main() -> None:
    """Map a policy argument and its evidence; build diagrams and debate handouts.

    Claim files live in arguments/, source texts in seeds/, and everything a
    build writes goes to output/.
    """


accept_option = click.option("--accept", "accept", multiple=True, metavar="ID",
                             help="Take this statement or evidence as accepted for the round (repeatable).")
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                             help="Write to this file instead of standard output.")


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="json: diagnostics as a JSON list, for editors and scripts.")
@click.option("-v", "--verbose", is_flag=True, help="Also list the weak spots (W5xx) and label every claim in, out or undecided (grounded semantics).")
@click.option("--accept", "accept", multiple=True, metavar="ID", help="Take this statement or evidence as accepted for the round (repeatable); implies the labels of --verbose.")
@click.option("--update-anchors", "update_anchors", is_flag=True,
              help="Record where every quote anchors now in seeds/anchors.json (and an edited source's new sha256 in seeds/sources.yaml).")
@project_option
@handle_errors
def check_cmd(paths: tuple[Path, ...], format: str, verbose: bool, accept: tuple[str, ...], update_anchors: bool,
              project_dir: Path | None) -> None:
    """Check claim files: YAML, keys, ids, quotes, cycles.

    PATHS are claim files, map folders or map ids; default: every map in
    arguments/. Exits 0 when there is no error (warnings are allowed), 1 otherwise.
    With --verbose, also the weak spots of the reasoning and which claims stand.
    """
    from argmap import api
    from argmap.analyze.report import labels_json, labels_text

    result = api.check(_project(project_dir), paths, verbose=verbose, accept=accept, update_anchors=update_anchors)
    for line in result.updates:
        _echo(f"anchors: {line}", err=True)
    diags = result.all_diagnostics()
    if format == "json":
        data = {
            "maps": [m.input.id for m in result.maps],
            "errors": result.errors,
            "warnings": result.warnings,
            "notes": result.kept_notes,
            "diagnostics": [d.to_json() for d in diags],
        }
        if result.analyses:
            data["evaluation"] = {a.id: labels_json(a) for a in result.analyses}
            data["counts"] = {a.id: a.counts().to_json() for a in result.analyses}
        _stdout()
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_diagnostics(diags, err=False)
        for a in result.analyses:
            _echo(labels_text(a))
        for line in result.notes:
            _echo(line)
        files = sum(len(m.input.files) for m in result.maps)
        names = ", ".join(m.input.id for m in result.maps) or "no maps"
        _echo(f"checked {len(result.maps)} map(s) in {files} file(s) ({names}): {result.errors} error(s), {result.warnings} warning(s)"
              + (f", {result.kept_notes} deliberate note(s)" if result.kept_notes else ""))
    sys.exit(1 if result.errors else 0)


@main.command("export")
@click.argument("map_name", required=False, metavar="[MAP]")
@click.option("--format", "format", default="json", show_default=True,
              help="json: the resolved map with grounded labels; schema: the JSON Schema of claim files (for editors); "
                   "aif: Argument Interchange Format (AIFdb, OVA); argdown: an Argdown document; "
                   "docx: a Verbatim-style evidence file for Word; cards-json: cards with underline/highlight spans "
                   "(card search); cite-request: tag, short cite and first/last fifteen words of each card.")
@accept_option
@output_option
@project_option
@handle_errors
def export_cmd(map_name: str | None, format: str, accept: tuple[str, ...], output: Path | None, project_dir: Path | None) -> None:
    """Export a resolved map (default: the only map) in a machine format."""
    from argmap import api
    from argmap.export import FORMATS

    if format not in FORMATS:
        guess = did_you_mean(format, list(FORMATS))
        raise click.BadParameter((f"did you mean '{guess}'? " if guess else "") + f"choose one of: {', '.join(FORMATS)}", param_hint="--format")
    project = _project(project_dir)
    _check_destination(output, project, binary="DOCX" if format == "docx" else None)
    _emit(api.export(project, map_name, format=format, accept=accept), output, project)


def _emit(data: str | bytes, output: Path | None, project) -> None:
    """The result, to standard output (as UTF-8 bytes, whatever the terminal's
    encoding) or to -o FILE; the destination is checked again at the rename."""
    from argmap.core.fsutil import atomic_write

    if output is None:
        out = _stdout()
        try:
            out.flush()
            out.buffer.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            out.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # `> /dev/full`, a full disk behind a redirect
            raise ArgmapError([_environment_error(exc, "<stdout>")]) from None
        return
    atomic_write(output, data, root=project.root if project is not None else None, shown=str(output))
    _echo(f"wrote {output}", err=True)


def _check_destination(output: Path | None, project, binary: str | None = None) -> None:
    """Before any work: refuse a destination argmap must not write to.

    argmap never writes into arguments/ or seeds/; and a binary format
    (`binary` names it) is not poured onto a terminal.
    """
    if output is None:
        if binary and sys.stdout.isatty():
            raise click.UsageError(f"a {binary} file would garble the terminal: use -o FILE or redirect the output")
        return
    target = output.resolve()
    for folder in (project.arguments_dir, project.seeds_dir):
        if folder.resolve() in target.parents or target == folder.resolve():
            raise click.UsageError(f"refusing to write into {project.display(folder)}/: argmap never changes claim files or sources")


@main.command("quote")
@click.argument("source")
@click.argument("text")
@click.option("--sentence", is_flag=True, help="Widen the match to whole sentences.")
@click.option("--id", "evidence_id", default=None, help="Id to put in the evidence stub.")
@project_option
@handle_errors
def quote_cmd(source: str, text: str, sentence: bool, evidence_id: str | None, project_dir: Path | None) -> None:
    """Find TEXT in SOURCE and print a ready-to-paste evidence stub.

    SOURCE is a source id from seeds/sources.yaml (for example 'oped').
    Straight or curly quotes, dashes and line breaks in TEXT do not matter.
    """
    from argmap import api

    click.echo(api.quote(_project(project_dir), source, text, sentence=sentence, evidence_id=evidence_id).report())


@main.group("source")
def source_group() -> None:
    """Add a source text to seeds/ with its metadata in seeds/sources.yaml."""


@source_group.command("add")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "id", default=None, help="The source's id (default: from the file name).")
@click.option("--title", default=None, help="Its title (default: the file's metadata, else asked for or a TODO).")
@click.option("--author", "author", multiple=True, metavar="NAME", help="An author, as the byline prints the name (repeatable).")
@click.option("--date", default=None, metavar="YYYY[-MM[-DD]]", help="Its publication date.")
@click.option("--outlet", default=None, help="Where it appeared: newspaper, journal, site.")
@click.option("--kind", type=click.Choice(["op-ed", "news", "study", "report", "book", "speech", "other"]), default=None, help="What kind of source it is.")
@click.option("--url", default=None, help="Where it can be read.")
@click.option("--force", is_flag=True, help="Replace a seed file or a sources.yaml entry of the same id.")
@project_option
@handle_errors
def source_add_cmd(file: Path, id: str | None, title: str | None, author: tuple[str, ...], date: str | None, outlet: str | None,
                   kind: str | None, url: str | None, force: bool, project_dir: Path | None) -> None:
    """Put the readable text of FILE (.txt, .html, .pdf, .docx) into seeds/ and its metadata into seeds/sources.yaml.

    What the options and the file's own metadata do not give is asked for at a
    terminal, else filled with a stand-in marked '# TODO'. Page furniture (page
    numbers, running headers) is listed under the entry's furniture:.
    Never replaces a file or an entry without --force.
    """
    from argmap import api

    ask = None
    if sys.stdin.isatty():
        def ask(label: str, default: str | None) -> str | None:
            return click.prompt(label, default=default or "", show_default=bool(default)).strip() or None
    project = _project(project_dir)
    added = api.source_add(project, file, id=id, title=title, author=author, date=date, outlet=outlet, kind=kind, url=url,
                           force=force, ask=ask)
    _echo(added.report(project), err=True)


@main.command("new")
@click.argument("map", metavar="MAP")
@click.option("--source", "source", required=True, metavar="ID", help="The source the map quotes (an id in seeds/sources.yaml).")
@click.option("--force", is_flag=True, help="Replace the skeleton file if the map exists.")
@project_option
@handle_errors
def new_cmd(map: str, source: str, force: bool, project_dir: Path | None) -> None:
    """Begin a map: write arguments/MAP/MAP.yaml with a map header, a thesis stub and
    the source's numbered paragraphs as comments; it passes `argmap check` as written.
    """
    from argmap import api

    project = _project(project_dir)
    path = api.new(project, map, source=source, force=force)
    _echo(f"wrote {project.display(path)}; next: write the thesis, then argmap check", err=True)

@main.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "from_", type=click.Choice(["argdown", "argdown-json", "aif", "kialo", "docx"]), default=None,
              help="The file's format (default: from its extension; .json is AIF unless it is Argdown's JSON export).")
@click.option("--map", "map_name", default=None, metavar="MAP", help="The map to write, arguments/MAP/ (default: the file's name).")
@click.option("--force", is_flag=True, help="Replace a map folder, seed text or sources.yaml entry of the same name.")
@project_option
@handle_errors
def import_cmd(file: Path, from_: str | None, map_name: str | None, force: bool, project_dir: Path | None) -> None:
    """Import FILE (Argdown, AIF JSON, Kialo text export or Verbatim .docx) as a map in arguments/.

    Writes arguments/MAP/MAP.yaml, and the seed text the format carries (AIF
    locutions, the Kialo discussion, the cards of a .docx) with its entry in
    seeds/sources.yaml. Prints what was written and what could not be carried over.
    """
    from argmap import api

    result = api.import_(_project(project_dir), file, from_=from_, map_name=map_name, force=force)
    counts = ", ".join(f"{n} {what}" for what, n in result.counts.items() if n)
    click.echo(f"imported map '{result.map_id}': {counts or 'nothing'}")
    for path in result.written:
        click.echo(f"  wrote {path}")
    if result.lost:
        click.echo("not carried over:")
        for line in result.lost:
            click.echo(f"  - {line}")
    click.echo(f"next: argmap check {result.written[0]}")


@main.command("handout")
@click.argument("map_name", required=False, metavar="[MAP]")
@click.option("--kind", type=click.Choice(["brief", "cards", "blocks", "flow", "worksheet", "key", "1ac", "1nc", "reading"]), default="brief", show_default=True,
              help="brief: case outline; cards: evidence packet; blocks: AT blocks and cross-ex; flow: flow sheet; worksheet / key: class worksheet and teacher key; "
                   "1ac: the case as a timed speech document; 1nc: the negative's shells; reading: a source with numbered paragraphs.")
@click.option("--format", "format", type=click.Choice(["html", "pdf", "md", "docx"]), default=None,
              help="Output format (default html; pdf for 1ac and 1nc). docx: the 1ac or 1nc in the Verbatim layout.")
@click.option("--event", type=click.Choice(["policy", "pf", "ld"]), default=None, help="Debate event for the flow sheet's speech columns and the 1AC's time limit (default: the map's, else policy).")
@click.option("--source", "source", metavar="SOURCE", default=None, help="For --kind reading: the one source to print (default: every source the map quotes).")
@click.option("--ids", is_flag=True, help="Print the map's ids beside what they name (a coach's copy; students' handouts have none).")
@accept_option
@output_option
@project_option
@handle_errors
def handout_cmd(map_name: str | None, kind: str, format: str | None, event: str | None, source: str | None, ids: bool,
                accept: tuple[str, ...],
                output: Path | None, project_dir: Path | None) -> None:
    """Render one debate handout of a map (default: the only map) as HTML, PDF or Markdown.

    With --accept, the handout is written for a round in which those points
    are settled: verdicts, blocks and coverage follow. A PDF is written to
    standard output only when it is redirected; use -o FILE.
    """
    from argmap import api
    from argmap.render.handouts import ROUND_KINDS as round_formats

    format = format or ("pdf" if kind in ("1ac", "1nc") else "html")
    if kind in round_formats and format not in round_formats[kind]:
        raise click.BadParameter(f"the {kind} handout is written as {' or '.join(round_formats[kind])}", param_hint="--format")
    if kind not in round_formats and format == "docx":
        raise click.BadParameter("docx is for --kind 1ac or 1nc (argmap export --format docx writes the evidence file)", param_hint="--format")
    if source is not None and kind != "reading":
        raise click.BadParameter("--source is for --kind reading", param_hint="--source")
    project = _project(project_dir)
    _check_destination(output, project, binary=format.upper() if format in ("pdf", "docx") else None)
    _emit(api.handout(project, map_name, kind=kind, format=format, event=event, accept=accept, source=source, ids=ids),
          output, project)


@main.command("diagram")
@click.argument("map_name", required=False, metavar="[MAP]")
@click.option("--format", "format", type=click.Choice(["svg", "png", "pdf", "dot"]), default="svg", show_default=True,
              help="svg for screens and slides, png for documents, pdf for print (paged to fit), dot for Graphviz source.")
@click.option("--focus", metavar="ID", default=None, help="Draw only the reasons and objections below this statement (or argument).")
@click.option("--depth", type=click.IntRange(min=0), default=None, metavar="N", help="Draw at most N levels below the top (or the focus); cut branches are counted.")
@click.option("--option", "option", metavar="OPTION", default=None, help="Draw one policy option: its claims and what supports or attacks them.")
@click.option("--evidence/--no-evidence", default=True, show_default=True, help="Draw the evidence cards.")
@click.option("--status", is_flag=True, help="Mark each claim in, out or undecided (Dung's grounded semantics, from argmap.analyze.evaluate).")
@click.option("--accept", "accept", multiple=True, metavar="ID", help="Take this statement or evidence as accepted for the round (repeatable); implies --status.")
@click.option("--paper", type=click.Choice(["letter", "a4", "arch-d", "a1"]), default=None,
              help="Paper: letter or a4 for pages, the overview and tiles (default letter); arch-d (24 x 36 in) or a1 for --view poster (default arch-d).")
@click.option("--view", "view", type=click.Choice(["map", "overview", "poster", "tiles"]), default="map", show_default=True,
              help="map: the argument diagram; overview: the case on one landscape page; poster: the whole map on a large sheet (PDF); tiles: the poster on overlapping Letter/A4 sheets (PDF).")
@click.option("--ids", is_flag=True, help="Print ids (and --focus hints) in the boxes; left out by default.")
@output_option
@project_option
@handle_errors
def diagram_cmd(map_name: str | None, format: str, focus: str | None, depth: int | None, option: str | None, evidence: bool,
                status: bool, accept: tuple[str, ...], paper: str | None, view: str, ids: bool, output: Path | None,
                project_dir: Path | None) -> None:
    """Draw a map's argument diagram (default: the only map).

    The thesis is at the top, reasons and objections below; solid arrows
    support, dashed lines attack, dotted lines undercut. A PDF too large for
    one page is split into pages by subtree, with "continued on p. N" markers.
    """
    from argmap import api

    if focus is not None and option is not None:
        raise click.UsageError("use --focus or --option, not both")
    project = _project(project_dir)
    if view in ("poster", "tiles"):
        format = "pdf"  # (a poster is a print)
    _check_destination(output, project, binary=format.upper() if format in ("png", "pdf") else None)
    notes: list[str] = []
    data = api.diagram(project, map_name, format=format, focus=focus, depth=depth, option=option, evidence=evidence,
                       status=status, accept=accept, paper=paper, view=view, ids=ids, notes=notes)
    for note in notes:
        _echo(note, err=True)
    _emit(data, output, project)


@main.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Rebuild every output, even those whose inputs have not changed.")
@click.option("--accept", "accept", multiple=True, metavar="ID",
              help="Build for a round in which this statement or evidence is accepted (repeatable): labels, verdicts and blocks follow.")
@click.option("--ids", is_flag=True, help="Print the map's ids in the handouts (a coach's copy; students' handouts have none).")
@project_option
@handle_errors
def build_cmd(paths: tuple[Path, ...], force: bool, accept: tuple[str, ...], ids: bool, project_dir: Path | None) -> None:
    """Check every map and write its outputs into output/<map>/.

    Only outputs whose inputs (the map's analysis, the options that shape
    them, argmap's own templates) changed since the last build are made again
    (--force remakes all). Maps with errors are reported and skipped; the
    others are built. Exits 1 if any map had an error.
    """
    from argmap import api

    tty = sys.stderr.isatty()

    def progress(i: int, n: int, map_id: str) -> None:
        if tty:
            _echo(f"[{i}/{n}] building {map_id}", err=True)

    def on_output(map_id: str, name: str) -> None:  # each output as it is made, on a terminal only
        _echo(f"      {name}", err=True)

    project = _project(project_dir)
    report = api.build(project, paths, force=force, accept=accept, progress=progress, on_output=on_output if tty else None,
                       ids=ids)
    _print_report(report)
    if report.index is not None:
        _echo(f"landing page: {project.display(report.index)}", err=True)
    sys.exit(0 if report.ok else 1)


def _print_report(report) -> None:
    for note in report.project_errors + [d for m in report.maps for d in m.diagnostics if d not in report.project_errors]:
        _echo(note, err=True)
    _echo(report.summary(), err=True)


@main.command("watch")
@click.option("--accept", "accept", multiple=True, metavar="ID", help="Build for a round in which this statement or evidence is accepted (repeatable).")
@project_option
@handle_errors
def watch_cmd(accept: tuple[str, ...], project_dir: Path | None) -> None:
    """Rebuild whenever a claim file, source or template is saved.

    Errors are printed as `argmap check` prints them; the watch goes on until
    you press Ctrl-C, whatever is in the files.
    """
    from argmap import api

    project = _project(project_dir)

    def on_change(changed: list[Path]) -> None:
        names = ", ".join(project.display(p) for p in changed[:3]) + (" ..." if len(changed) > 3 else "")
        _echo(f"changed: {names}", err=True)

    def on_error(exc: ArgmapError) -> None:
        _print_diagnostics(exc.diagnostics)

    _echo(f"watching {project.display(project.arguments_dir)}/ and {project.display(project.seeds_dir)}/ (Ctrl-C to stop)", err=True)
    api.watch(project, accept=accept, on_change=on_change, on_build=_print_report, on_error=on_error)


@main.command("serve")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDRESS",
              help="The address to listen on. Only this machine can connect to the default; another address "
                   "(0.0.0.0 for every network) shares the project read-only with the network, and a warning says so.")
@click.option("--open", "open", is_flag=True, help="Open the app in a web browser once it is listening.")
@click.option("--accept", "accept", multiple=True, metavar="ID", help="Take this statement or evidence as accepted in every view (repeatable).")
@project_option
@handle_errors
def serve_cmd(port: int, host: str, open: bool, accept: tuple[str, ...], project_dir: Path | None) -> None:
    """Serve the project in a web browser: the maps with their check status, an
    interactive map (click a claim for its cards, attacks and answers), the
    handouts, the problems panel and what-if toggles.

    The open page updates itself on every save of a claim file, source or
    template; a save with an error keeps the last good map and shows the error.
    Read-only: nothing is written to the project. Ctrl-C stops it.
    """
    from argmap import api
    from argmap.serve.server import is_loopback, port_free

    project = _project(project_dir)
    if not port_free(host, port):
        raise click.UsageError(f"cannot listen on {host}:{port}: the port is in use or the address is not this machine's; try --port {port + 1}")
    if not is_loopback(host):
        _echo(f"warning: listening on {host}: anyone who can reach this machine on port {port} can read this project's maps, "
              "claim files and sources (read-only). Stop with Ctrl-C when the class is done.", err=True)

    def ready(url: str) -> None:
        _echo(f"argmap serve: {url} (Ctrl-C to stop)", err=True)

    def on_change(changed: list[Path]) -> None:
        names = ", ".join(project.display(p) for p in changed[:3]) + (" ..." if len(changed) > 3 else "")
        _echo(f"changed: {names}", err=True)

    api.serve(project, host=host, port=port, open=open, accept=accept, on_ready=ready, on_change=on_change)


if __name__ == "__main__":  # pragma: no cover
    main()
