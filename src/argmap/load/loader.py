"""Stage 1, load: YAML files -> validated models, each with its file:line:col.

Items are validated one by one, so one bad statement does not hide the
errors in the rest of the file, and every pydantic error is turned into a
plain-English located diagnostic.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, did_you_mean
from argmap.load.anchors import SourceAnchors, read_anchors
from argmap.load.model import ClaimFile, MapHeader, Source, SourcesFile
from argmap.load.project import MapInput, Project
from argmap.load.yamlread import Positions, YamlDocument, load_yaml_file, read_text

SECTIONS = ("options", "statements", "arguments", "evidence")


# --------------------------------------------------------------------------- pydantic -> diagnostics


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _field_label(loc: tuple) -> str:
    names = [str(p) for p in loc if isinstance(p, str)]
    return names[-1] if names else "value"


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class that owns the last key in `loc`."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    meta = getattr(annotation, "__origin__", None)
    if meta is not None and meta is not annotation:
        return _inner_model(meta)
    return None


def _enum_at(model: type[BaseModel], loc: tuple) -> type[Enum] | None:
    owner = _model_at(model, loc)
    key = next((p for p in reversed(loc) if isinstance(p, str)), None)
    if owner is None or key is None or key not in owner.model_fields:
        return None

    def find(annotation: Any) -> type[Enum] | None:
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            return annotation
        for arg in getattr(annotation, "__args__", ()) or ():
            hit = find(arg)
            if hit:
                return hit
        return None

    return find(owner.model_fields[key].annotation)


def validation_diagnostics(
    exc: ValidationError, model: type[BaseModel], positions: Positions, prefix: tuple = ()
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        full = (*prefix, *loc)
        kind = err["type"]
        value = err.get("input")
        name = _field_label(loc)
        if kind == "extra_forbidden":
            owner = _model_at(model, loc)
            allowed = list(owner.model_fields) if owner else []
            guess = did_you_mean(str(loc[-1]), allowed)
            hint = f"did you mean '{guess}'?" if guess else (f"allowed keys: {', '.join(allowed)}" if allowed else None)
            out.append(Diagnostic("E101", f"unknown key '{loc[-1]}'", positions.at(full, key=True), hint=hint))
        elif kind == "missing":
            out.append(Diagnostic("E102", f"missing required key '{name}'", positions.at(full[:-1]), hint=f"add a line '{name}: ...'"))
        elif kind in {"enum", "literal_error"}:
            enum = _enum_at(model, loc)
            choices = [m.value for m in enum] if enum else []
            guess = did_you_mean(str(value), choices) if choices else None
            hint = (f"did you mean '{guess}'? " if guess else "") + (f"choose one of: {', '.join(choices)}" if choices else "")
            out.append(Diagnostic("E104", f"'{value}' is not a valid {name}", positions.at(full), hint=hint or None))
        elif kind == "string_pattern_mismatch":
            if name in {"date", "accessed", "as_of"}:
                msg, hint = f"{name} {_describe(value)} is not a date", "write dates as YYYY, YYYY-MM or YYYY-MM-DD"
            elif name == "sha256":
                msg, hint = f"sha256 {_describe(value)} is not a SHA-256 hash", "64 lowercase hex digits, as `sha256sum` prints"
            else:
                msg = f"{_describe(value)} is not a valid id"
                hint = "ids start with a letter and use letters, digits, '-', '_' or '.' (at most 64 characters)"
            out.append(Diagnostic("E104", msg, positions.at(full), hint=hint))
        elif kind in {"string_too_short", "too_short"}:
            what = "empty" if kind == "string_too_short" else "an empty list"
            out.append(Diagnostic("E104", f"'{name}' is {what}; it needs a value", positions.at(full)))
        elif kind in {"string_type", "list_type", "dict_type", "model_type", "model_attributes_type", "bool_parsing", "bool_type", "int_parsing", "int_type"}:
            expected = {
                "string_type": "text",
                "list_type": "a list",
                "dict_type": "a mapping (key: value lines)",
                "model_type": "a mapping (key: value lines)",
                "model_attributes_type": "a mapping (key: value lines)",
                "bool_parsing": "true or false",
                "bool_type": "true or false",
                "int_parsing": "a whole number",
                "int_type": "a whole number",
            }[kind]
            out.append(Diagnostic("E103", f"'{name}' should be {expected}, found {_describe(value)}", positions.at(full)))
        else:  # value_error from our own validators, and anything else pydantic says
            message = err["msg"].removeprefix("Value error, ")
            out.append(Diagnostic("E104", message, positions.at(full)))
    return out


# --------------------------------------------------------------------------- sources


@dataclass
class LoadedSource:
    source: Source
    location: Location  # of the source's entry in sources.yaml
    positions: Positions
    index: int  # position in the sources list, for field locations
    text: str | None  # None when the file could not be read
    path: Path | None
    digest: str | None = None  # sha256 of the file as read now
    recorded: SourceAnchors | None = None  # the anchors recorded by `check --update-anchors` (seeds/anchors.json)

    @property
    def changed(self) -> bool:
        """The text differs from the one its quotes were anchored in (sources.yaml's sha256)."""
        expected = self.source.sha256 or (self.recorded.sha256 if self.recorded is not None else None)
        return bool(expected and self.digest and self.digest != expected)

    def field_location(self, *path: str | int) -> Location:
        return self.positions.at(("sources", self.index, *path))


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def load_sources(project: Project) -> tuple[dict[str, LoadedSource], list[Diagnostic]]:
    """Read seeds/sources.yaml and every text it names."""
    diagnostics: list[Diagnostic] = []
    display = project.display(project.sources_file)
    if not project.sources_file.is_file():
        return {}, [Diagnostic("E007", "no seeds/sources.yaml: sources need metadata to be cited", Location(display))]
    try:
        doc = load_yaml_file(project.sources_file, display)
    except ArgmapError as exc:
        return {}, exc.diagnostics
    raw = doc.data
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        return {}, [Diagnostic("E103", "sources.yaml should be a mapping with a list under 'sources:'", doc.positions.at(()))]
    extra = set(raw) - set(SourcesFile.model_fields)
    for key in sorted(extra):
        diagnostics.append(Diagnostic("E101", f"unknown key '{key}'", doc.positions.at((key,), key=True), hint="sources.yaml has only 'sources:'"))
    loaded: dict[str, LoadedSource] = {}
    records, record_diags = read_anchors(project)
    diagnostics += record_diags
    for i, item in enumerate(raw["sources"]):
        try:
            source = Source.model_validate(item)
        except ValidationError as exc:
            diagnostics += validation_diagnostics(exc, Source, doc.positions, ("sources", i))
            continue
        loc = doc.positions.at(("sources", i))
        if source.id in loaded:
            diagnostics.append(Diagnostic("E201", f"source id '{source.id}' is used twice", loc, related=(loaded[source.id].location,)))
            continue
        path = project.seeds_dir / source.file
        file_loc = doc.positions.at(("sources", i, "file"))
        text = digest = None
        if not _inside(path, project.seeds_dir):
            diagnostics.append(Diagnostic("E008", f"'{source.file}' is outside seeds/; sources must live in seeds/", file_loc))
            path = None
        elif not path.is_file():
            present = [p.name for p in project.seeds_dir.glob("*") if p.suffix not in (".yaml", ".yml")]
            guess = did_you_mean(source.file, present)
            diagnostics.append(
                Diagnostic("E303", f"source file seeds/{source.file} does not exist", file_loc, hint=f"did you mean '{guess}'?" if guess else None)
            )
            path = None
        else:
            try:
                text = read_text(path, project.display(path), what="source texts")
            except ArgmapError as exc:
                diagnostics += exc.diagnostics
            else:
                # A changed text (its sha256 differs) is no error by itself: each quote is
                # re-anchored (argmap.resolve.locate) and only those that no longer match fail.
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
        loaded[source.id] = LoadedSource(source, loc, doc.positions, i, text, path,
                                         digest if text is not None else None, records.get(source.id))
    return loaded, diagnostics


# --------------------------------------------------------------------------- claim files


@dataclass
class LoadedFile:
    path: Path
    display: str
    claims: ClaimFile
    positions: Positions
    broken_ids: set[str] = field(default_factory=set)  # ids of items that failed validation

    def location(self, *path: str | int, key: bool = False) -> Location:
        return self.positions.at(path, key=key)


def load_claim_file(path: Path, display: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    try:
        doc: YamlDocument = load_yaml_file(path, display)
    except ArgmapError as exc:
        return None, exc.diagnostics
    raw = doc.data
    positions = doc.positions
    if raw is None or raw == {}:
        return LoadedFile(path, display, ClaimFile(), positions), []
    if not isinstance(raw, dict):
        return None, [Diagnostic("E103", f"a claim file should be a mapping of sections ({', '.join(('map',) + SECTIONS)}), found {_describe(raw)}", positions.at(()))]
    diagnostics: list[Diagnostic] = []
    values: dict[str, Any] = {}
    broken: set[str] = set()
    for key, value in raw.items():
        if key not in ClaimFile.model_fields:
            guess = did_you_mean(key, list(ClaimFile.model_fields))
            diagnostics.append(
                Diagnostic("E101", f"unknown section '{key}'", positions.at((key,), key=True),
                           hint=f"did you mean '{guess}'?" if guess else f"sections are: {', '.join(ClaimFile.model_fields)}")
            )
        elif key == "map":
            try:
                values["map"] = MapHeader.model_validate(value)
            except ValidationError as exc:
                diagnostics += validation_diagnostics(exc, MapHeader, positions, ("map",))
        else:
            if value is None:
                continue
            if not isinstance(value, list):
                diagnostics.append(Diagnostic("E103", f"'{key}' should be a list of items (each starting with '- '), found {_describe(value)}", positions.at((key,))))
                continue
            item_model = _inner_model(ClaimFile.model_fields[key].annotation)
            items = []
            for i, item in enumerate(value):
                try:
                    items.append(item_model.model_validate(item))
                except ValidationError as exc:
                    diagnostics += validation_diagnostics(exc, item_model, positions, (key, i))
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        broken.add(item["id"])
            values[key] = items
    return LoadedFile(path, display, ClaimFile.model_construct(**{**_defaults(), **values}), positions, broken), diagnostics


def _load_kept(path: Path, display: str, cache: dict) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """load_claim_file, kept in `cache` by the file's bytes (a file over the size bound is never read here)."""
    from argmap.core.limits import MAX_FILE_BYTES

    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return load_claim_file(path, display)
        key = (display, hashlib.sha256(path.read_bytes()).hexdigest())
    except OSError:
        return load_claim_file(path, display)
    hit = cache.get(path)
    if hit is not None and hit[0] == key:
        return hit[1]
    result = load_claim_file(path, display)
    cache[path] = (key, result)
    return result


def _defaults() -> dict[str, Any]:
    return {"map": None, "options": [], "statements": [], "arguments": [], "evidence": []}


@dataclass
class LoadedMap:
    id: str
    files: list[LoadedFile]
    sources: dict[str, LoadedSource]
    unreadable: int = 0  # files that could not be read at all (already reported)


def load_map(project: Project, map_input: MapInput, sources: dict[str, LoadedSource],
             cache: dict | None = None) -> tuple[LoadedMap, list[Diagnostic]]:
    """Read a map's claim files. `cache` (a dict kept between calls, as `argmap
    serve` does) keeps each file's result by its bytes: only a changed file is parsed again."""
    diagnostics: list[Diagnostic] = []
    files: list[LoadedFile] = []
    unreadable = 0
    for path in map_input.files:
        display = project.display(path)
        in_arguments = project.arguments_dir.resolve() in Path(os.path.abspath(path)).parents
        if (path.is_symlink() or in_arguments) and not _inside(path, project.arguments_dir):
            diagnostics.append(Diagnostic("E008", "this claim file is a link to a file outside arguments/", Location(display)))
            unreadable += 1
            continue
        loaded, diags = load_claim_file(path, display) if cache is None else _load_kept(path, display, cache)
        diagnostics += diags
        if loaded is not None:
            files.append(loaded)
        else:
            unreadable += 1
    return LoadedMap(map_input.id, files, sources, unreadable), diagnostics
