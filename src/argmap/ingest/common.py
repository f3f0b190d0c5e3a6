"""What every importer shares: a draft of the map, readable ids, and writing it all.

An importer reads a file into a `Draft` (plain dicts shaped like claim-file
items, the seed texts the format carries, and a list of what it could not
carry over). `write_draft` validates the draft against the claim-file model,
refuses to replace anything that exists (unless `force`), and writes:

- `arguments/<map>/<map>.yaml`, the claim file;
- `seeds/<file>.txt` for each seed text, with its entry appended to
  `seeds/sources.yaml` (sha256 included), so evidence anchors at once.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location
from argmap.core.fsutil import atomic_write
from argmap.load.loader import load_sources
from argmap.load.model import ClaimFile, Source, is_valid_id
from argmap.load.sourcesfile import write_source_entry
from argmap.load.project import Project

ELLIPSES = re.compile(r"\.\.\.|\u2026|\. \. \.")


def unreadable(path: str, message: str, line: int = 1, col: int = 1, hint: str | None = None) -> ArgmapError:
    return ArgmapError([Diagnostic("E601", message, Location(path, line, col), hint=hint)])


class Ids:
    """Readable, unique ids made from text: 'China accounts for 90%' -> 'china-accounts-for-90'."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, text: str, prefix: str = "s", words: int = 5) -> str:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        parts = re.findall(r"[a-z0-9]+", ascii_text.lower())[:words]
        base = "-".join(parts)[:40].strip("-") or prefix
        if not base[0].isalpha():
            base = f"{prefix}-{base}"
        return self.claim(base)

    def claim(self, base: str) -> str:
        base = base[:56]
        candidate, n = base, 2
        while candidate in self.taken or not is_valid_id(candidate):
            candidate = f"{base}-{n}"
            n += 1
        self.taken.add(candidate)
        return candidate


def quotable(text: str) -> str:
    """The longest run of `text` that has no ellipsis (a quote may not skip words)."""
    parts = [p.strip() for p in ELLIPSES.split(text)]
    return max(parts, key=len) if parts else ""


def one_line(text: str) -> str:
    return " ".join(str(text).split())


@dataclass
class SeedText:
    """A source text the imported format carries (AIF locutions, a Kialo discussion, Verbatim cards)."""

    id: str
    file: str
    text: str
    meta: dict[str, Any]  # Source fields other than id, file and sha256


@dataclass
class Draft:
    title: str
    resolution: str | None = None
    description: str | None = None
    statements: list[dict[str, Any]] = field(default_factory=list)
    arguments: list[dict[str, Any]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    seeds: list[SeedText] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)  # what the claim files cannot carry, one line each
    ids: Ids = field(default_factory=Ids)

    def data(self) -> dict[str, Any]:
        header: dict[str, Any] = {"title": self.title}
        if self.resolution:
            header["resolution"] = self.resolution
        if self.description:
            header["description"] = self.description
        if self.seeds:
            header["sources"] = [s.id for s in self.seeds]
        out: dict[str, Any] = {"map": header}
        for key in ("statements", "arguments", "evidence"):
            items = [_prune(item) for item in getattr(self, key)]
            if items:
                out[key] = items
        return out


def _prune(item: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty values, so the claim file shows only what the import says."""
    out: dict[str, Any] = {}
    for k, v in item.items():
        if isinstance(v, dict):
            v = _prune(v)
        if v in (None, "", [], {}, False):
            continue
        out[k] = v
    return out


@dataclass
class ImportResult:
    map_id: str
    written: list[str]  # project-relative paths
    lost: list[str]
    counts: dict[str, int]


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)


def _validate(draft: Draft, shown: str) -> str:
    data = draft.data()
    try:
        ClaimFile.model_validate(data)
        for seed in draft.seeds:
            Source.model_validate(_source_entry(seed))
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise unreadable(shown, f"the import made an item argmap cannot take ({where}: {first['msg']})") from None
    return "# Imported by `argmap import`; edit freely.\n" + _dump(data)


def _source_entry(seed: SeedText) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": seed.id, "file": seed.file,
                             "sha256": hashlib.sha256(seed.text.encode("utf-8")).hexdigest()}
    entry.update({k: v for k, v in seed.meta.items() if v not in (None, "", [])})
    return entry


def _entry_block(seed: SeedText) -> str:
    """The seed's sources.yaml entry as an item of `sources:`."""
    return "".join("  " + line if line.strip() else line for line in _dump([_source_entry(seed)]).splitlines(keepends=True))


def existing_source_ids(project: Project) -> set[str]:
    return set(load_sources(project)[0])


def write_draft(project: Project, draft: Draft, map_id: str, *, shown: str, force: bool = False) -> ImportResult:
    """Write the draft as map `map_id`; nothing is written if anything would be replaced without `force`."""
    if not is_valid_id(map_id):
        raise unreadable(shown, f"'{map_id}' cannot be a map name",
                         hint="name the map with --map: letters, digits, '-', '_' or '.', starting with a letter")
    folder = project.arguments_dir / map_id
    claim_path = folder / f"{map_id}.yaml"
    clashes: list[Diagnostic] = []
    for path in (folder, project.arguments_dir / f"{map_id}.yaml", project.arguments_dir / f"{map_id}.yml"):
        if path.exists() and not force:
            clashes.append(Diagnostic("E602", f"{project.display(path)} exists: map '{map_id}' is already there",
                                      Location(project.display(path)), hint="choose another --map name, or add --force to replace it"))
    known = existing_source_ids(project)
    for seed in draft.seeds:
        seed_path = project.seeds_dir / seed.file
        if not force and seed_path.exists():
            clashes.append(Diagnostic("E602", f"seeds/{seed.file} exists", Location(project.display(seed_path)),
                                      hint="choose another --map name, or add --force to replace it"))
        elif not force and seed.id in known:
            clashes.append(Diagnostic("E602", f"seeds/sources.yaml already has a source '{seed.id}'",
                                      Location(project.display(project.sources_file)),
                                      hint="choose another --map name, or add --force to replace it"))
    if clashes:
        raise ArgmapError(clashes)
    claim_text = _validate(draft, shown)
    written: list[str] = []
    if draft.seeds:
        project.seeds_dir.mkdir(parents=True, exist_ok=True)
        for seed in draft.seeds:
            atomic_write(project.seeds_dir / seed.file, seed.text)
            written.append(project.display(project.seeds_dir / seed.file))
        for seed in draft.seeds:  # an entry that gives way (--force) is found where the file has it now
            write_source_entry(project, seed.id, _entry_block(seed), load_sources(project)[0] if seed.id in known else {})
        written.append(project.display(project.sources_file))
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(folder.glob("*.y*ml")):  # with --force: the old files would clash with the new ids
        if old != claim_path:
            old.unlink()
    atomic_write(claim_path, claim_text)
    written.insert(0, project.display(claim_path))
    counts = {"statements": len(draft.statements), "arguments": len(draft.arguments), "evidence": len(draft.evidence),
              "sources": len(draft.seeds)}
    return ImportResult(map_id, written, list(draft.lost), counts)


def map_name_for(path: Path) -> str:
    """The default map name: the file's name, as an id."""
    ids = Ids()
    stem = path.name.split(".")[0]
    return ids.make(stem.replace("_", "-"), prefix="map", words=8)
