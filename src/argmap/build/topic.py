"""A new topic in minutes: `argmap source add FILE` and `argmap new MAP --source ID`.

These two commands write into seeds/ and arguments/ by design (every other
command leaves them alone): a new file each, atomically, and never over an
existing one without `force`. `source add` puts the readable text of a .txt,
.html, .pdf or .docx (argmap.load.extract) into seeds/ and its metadata into
seeds/sources.yaml, appended as text so the file's comments stay; what the
options, the file's own metadata or the person at the terminal did not give
is filled with a valid stand-in marked `# TODO`, so the project checks at
once. `new` writes a claim-file skeleton (map header, thesis stub, the
source's numbered paragraphs as comments) that passes `argmap check`.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from pydantic import ValidationError

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location
from argmap.core.fsutil import atomic_write
from argmap.core.limits import MAX_FILE_BYTES
from argmap.load.extract import Extracted, extract
from argmap.load.loader import load_sources
from argmap.load.sourcesfile import write_source_entry
from argmap.load.model import Source, SourceKind, is_valid_id
from argmap.load.project import Project
from argmap.resolve.anchor import SourceText

Ask = Callable[[str, str | None], str | None]  # (label, default) -> the answer, or None to leave it


@dataclass
class SourceAdded:
    id: str
    seed: Path
    entry: str  # the YAML appended to sources.yaml
    todo: list[str] = field(default_factory=list)  # fields left as stand-ins
    furniture: list[str] = field(default_factory=list)

    def report(self, project: Project) -> str:
        lines = [f"wrote {project.display(self.seed)} and its entry '{self.id}' in {project.display(project.sources_file)}"]
        if self.furniture:
            lines.append(f"  page furniture marked: {len(self.furniture)} line(s) (furniture: in its entry)")
        for item in self.todo:
            lines.append(f"  TODO: {item} (marked '# TODO' in {project.display(project.sources_file)})")
        lines.append(f"next: argmap new MAP --source {self.id}")
        return "\n".join(lines)


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = "-".join(words)[:48].strip("-") or "source"
    return slug if slug[0].isalpha() else f"s-{slug}"


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar, whatever the text


def source_add(project: Project, file: Path, *, id: str | None = None, title: str | None = None, author: Sequence[str] = (),
               date: str | None = None, outlet: str | None = None, kind: str | None = None, url: str | None = None,
               force: bool = False, ask: Ask | None = None) -> SourceAdded:
    file = Path(file)
    got: Extracted = extract(file, str(file))
    sid = id or _slug(file.stem)
    where = Location(project.display(project.sources_file))
    if not is_valid_id(sid):
        raise ArgmapError([Diagnostic("E104", f"'{sid}' is not a valid source id", Location(str(file)),
                                      hint="give one with --id: a letter, then letters, digits, '-', '_' or '.'")])
    seed = project.seeds_dir / f"{sid}.txt"
    existing, _ = load_sources(project) if project.sources_file.is_file() else ({}, [])
    if not force:
        if sid in existing:
            raise ArgmapError([Diagnostic("E014", f"seeds/sources.yaml already has a source '{sid}'", existing[sid].location,
                                          hint="choose another --id, or add --force to replace it")])
        if seed.exists():
            raise ArgmapError([Diagnostic("E014", f"{project.display(seed)} already exists", Location(project.display(seed)),
                                          hint="choose another --id, or add --force to replace it")])
    todo: list[str] = []
    notes: dict[str, str] = {}

    def pick(name: str, given, found, label: str):
        if given:
            return given
        if found:
            notes[name] = "from the file's metadata: check it"
            return found
        if ask is not None:
            answer = ask(label, None)
            if answer:
                return answer
        return None

    title_v = pick("title", title, got.title, "Title")
    authors = list(author) or got.authors
    if not authors and ask is not None:
        answer = ask("Authors (separated by ';', empty for none)", None)
        authors = [a.strip() for a in (answer or "").split(";") if a.strip()]
    elif authors and not author:
        notes["authors"] = "from the file's metadata: check it"
    date_v = pick("date", date, got.date, "Date (YYYY, YYYY-MM or YYYY-MM-DD)")
    outlet_v = pick("outlet", outlet, got.outlet, "Outlet (newspaper, journal, site; empty for none)")
    kinds = [k.value for k in SourceKind]
    kind_v = kind or (ask(f"Kind ({', '.join(kinds)})", "other") if ask is not None else None)
    url_v = url or got.url

    entry: dict = {"id": sid, "file": seed.name, "sha256": hashlib.sha256(_seed_bytes(got)).hexdigest()}
    if not kind_v:
        kind_v, notes["kind"] = "other", "TODO: op-ed, news, study, report, book, speech or other"
        todo.append("kind")
    entry["kind"] = kind_v
    if not title_v:
        title_v, notes["title"] = file.stem, "TODO: the source's title"
        todo.append("title")
    entry["title"] = title_v
    if authors:
        entry["authors"] = [{"name": a} for a in authors]
    else:
        todo.append("authors")
    if outlet_v:
        entry["outlet"] = outlet_v
    if not date_v:
        date_v, notes["date"] = str(datetime.date.today().year), "TODO: the publication date (this year is a stand-in)"
        entry["date_approximate"] = True
        todo.append("date")
    entry["date"] = date_v
    if url_v:
        entry["url"] = url_v
    if got.furniture:
        entry["furniture"] = got.furniture
    try:
        Source.model_validate(entry)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        name = ".".join(str(p) for p in first["loc"])
        raise ArgmapError([Diagnostic("E104", f"source metadata '{name}': {first['msg']}", Location(str(file)),
                                      hint="dates are YYYY, YYYY-MM or YYYY-MM-DD; kinds are " + ", ".join(kinds))]) from None
    if len(_seed_bytes(got)) > MAX_FILE_BYTES:  # the loader would refuse to read it back
        raise ArgmapError([Diagnostic("E004", f"the text of this file is over {MAX_FILE_BYTES // 1048576} MiB, more than a source text may be",
                                      Location(str(file)), hint="add the part of it the map quotes")])
    block = _entry_yaml(entry, notes, authors_todo="authors" in todo, source_file=file.name)
    atomic_write(seed, _seed_bytes(got), within=project.seeds_dir, shown=project.display(seed))
    write_source_entry(project, sid, block, existing)
    return SourceAdded(sid, seed, block, todo, got.furniture)


def _seed_bytes(got: Extracted) -> bytes:
    return got.raw if got.raw is not None else got.text.encode("utf-8")


def _entry_yaml(entry: dict, notes: dict[str, str], *, authors_todo: bool, source_file: str) -> str:
    out = [f"  # added by `argmap source add {source_file}`"]
    first = True
    for key, value in entry.items():
        lead = "  - " if first else "    "
        first = False
        comment = f"  # {notes[key]}" if key in notes else ""
        if key == "authors":
            out.append(f"{lead}authors:{comment}")
            out += [f"      - name: {_q(a['name'])}" for a in value]
        elif key == "furniture":
            out.append(f"{lead}furniture:  # whole lines that are page furniture, not text")
            out += [f"      - {_q(line)}" for line in value]
        elif isinstance(value, bool):
            out.append(f"{lead}{key}: {'true' if value else 'false'}{comment}")
        else:
            out.append(f"{lead}{key}: {_q(str(value))}{comment}")
        if key == "title" and authors_todo:
            out.append("    # TODO: authors:  [- name: ...], as the byline prints them")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- argmap new


def new_map(project: Project, map: str, *, source: str, force: bool = False) -> Path:
    """Write arguments/MAP/MAP.yaml: a map header, a thesis stub and the source's numbered paragraphs as comments."""
    where = Location(project.display(project.arguments_dir))
    if not is_valid_id(map):
        raise ArgmapError([Diagnostic("E104", f"'{map}' is not a valid map id", where,
                                      hint="a letter, then letters, digits, '-', '_' or '.' (it names the folder and the outputs)")])
    sources, diags = load_sources(project)
    if source not in sources:
        from argmap.core.diagnostics import did_you_mean

        errors = [d for d in diags if d.is_error]
        if errors:
            raise ArgmapError(errors)
        guess = did_you_mean(source, list(sources))
        raise ArgmapError([Diagnostic("E202", f"unknown source id '{source}'", Location(project.display(project.sources_file)),
                                      hint=f"did you mean '{guess}'?" if guess else "add it first: argmap source add FILE")])
    loaded = sources[source]
    if loaded.text is None:
        raise ArgmapError([d for d in diags if d.is_error] or [Diagnostic("E303", "source text could not be read", loaded.location)])
    folder = project.arguments_dir / map
    path = folder / f"{map}.yaml"
    taken = [p for p in (project.arguments_dir / f"{map}.yaml", project.arguments_dir / f"{map}.yml", folder) if p.exists()]
    single = [p for p in taken if p.is_file()]
    if single:  # writing arguments/MAP/ beside arguments/MAP.yaml would make two maps of one id (E010)
        raise ArgmapError([Diagnostic("E014", f"a map '{map}' already exists ({project.display(single[0])})", Location(project.display(single[0])),
                                      hint="choose another name; --force replaces only a skeleton in arguments/MAP/")])
    if taken and not force:
        raise ArgmapError([Diagnostic("E014", f"a map '{map}' already exists ({project.display(taken[0])})", Location(project.display(taken[0])),
                                      hint="choose another name, or add --force to replace its skeleton file")])
    src = loaded.source
    st = SourceText(loaded.text, furniture=list(src.furniture), title=src.title)
    lines = [
        f"# A map on {src.title} (seeds/{src.file}), begun by `argmap new {map} --source {source}`.",
        "# Write the thesis, add reasons under statements: and arguments:, and quote the source",
        f"# under evidence: (`argmap quote {source} \"some words\"` prints a ready-to-paste card).",
        "map:",
        f"  title: {_q(src.title)}",
        f"  sources: [{source}]",
        "statements:",
        "  - id: thesis",
        "    kind: thesis",
        f"    text: {_q('TODO: the position this map defends.')}",
        "arguments: []",
        "evidence: []",
        "",
        f"# The paragraphs of '{source}', numbered as argmap numbers them (furniture is left out):",
    ]
    for p in st.paragraphs:
        if p.number == 0:
            continue
        body = " ".join(loaded.text[p.start : p.end].split())
        wrapped = textwrap.wrap(body, width=96, break_long_words=False, break_on_hyphens=False) or [""]
        lines.append(f"# [{p.number}] {wrapped[0]}")
        lines += [f"#     {w}" for w in wrapped[1:]]
    atomic_write(path, "\n".join(lines) + "\n", within=project.arguments_dir, shown=project.display(path))
    return path
