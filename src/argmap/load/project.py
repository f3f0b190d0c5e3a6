"""Where things live: the project folders and the maps in `arguments/`.

A map is either one YAML file `arguments/<id>.yaml` or a folder
`arguments/<id>/` whose YAML files (at any depth) are read together.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, did_you_mean

YAML_SUFFIXES = (".yaml", ".yml")
# Names a build writes at the top of output/ itself: no map may be called so.
RESERVED_MAP_IDS = ("index.html", "README.md")


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def arguments_dir(self) -> Path:
        return self.root / "arguments"

    @property
    def output_dir(self) -> Path:
        return self.root / "output"

    @property
    def sources_file(self) -> Path:
        return self.seeds_dir / "sources.yaml"

    def display(self, path: Path) -> str:
        """A path as the user should see it: relative to the project when inside it."""
        try:
            return Path(os.path.relpath(path, self.root)).as_posix() if path.is_absolute() else path.as_posix()
        except ValueError:  # another drive on Windows
            return path.as_posix()

    def maps(self) -> list["MapInput"]:
        """The maps in arguments/, without those `map_problems()` refuses."""
        return self._scan()[0]

    def map_problems(self) -> list["MapProblem"]:
        """Maps that cannot be read or built: two with one id (`dup.yaml` and
        `dup.yml`, or `dup.yaml` and `dup/`), an id reserved for a file of
        output/ itself (`index.html`), a map folder linked from outside arguments/."""
        return self._scan()[1]

    def _scan(self) -> tuple[list["MapInput"], list["MapProblem"]]:
        found: list[MapInput] = []
        problems: list[MapProblem] = []
        if not self.arguments_dir.is_dir():
            return found, problems
        real_arguments = Path(os.path.realpath(self.arguments_dir))
        for entry in sorted(self.arguments_dir.iterdir()):
            if entry.name.startswith((".", "_")):
                continue
            if entry.is_file() and entry.suffix in YAML_SUFFIXES:
                found.append(MapInput(entry.stem, (entry,)))
            elif entry.is_dir():
                real = Path(os.path.realpath(entry))
                if real == real_arguments or real_arguments not in real.parents:
                    problems.append(MapProblem(entry.name, Diagnostic(
                        "E008", "this map folder is a link to a folder outside arguments/; it was not read",
                        Location(self.display(entry)), hint="move the claim files into arguments/ instead of linking them")))
                    continue
                files = tuple(
                    sorted(p for p in entry.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file() and not p.name.startswith("."))
                )
                if files:
                    found.append(MapInput(entry.name, files))
        by_id: dict[str, list[MapInput]] = {}
        for m in found:
            by_id.setdefault(m.id.casefold(), []).append(m)
        reserved = {r.casefold() for r in RESERVED_MAP_IDS}
        kept = []
        for m in found:
            twins = by_id[m.id.casefold()]
            where = self._entry(m)
            if not _is_text(m.id) or not all(_is_text(str(f)) for f in m.files):
                problems.append(MapProblem(m.id, Diagnostic(
                    "E003", "this file name is not UTF-8 text, so it cannot be shown or linked in the outputs",
                    Location(self.display(where)), hint="rename the file (or folder) with plain UTF-8 characters")))
            elif m.id.casefold() in reserved:
                problems.append(MapProblem(m.id, Diagnostic(
                    "E011", f"a map may not be called '{m.id}': output/{m.id} is a file the build writes itself",
                    Location(self.display(where)), hint="rename the claim file or folder")))
            elif len(twins) > 1:
                others = [self._entry(t) for t in twins if t is not m]
                problems.append(MapProblem(m.id, Diagnostic(
                    "E010", f"two maps have the id '{m.id}' ({', '.join(self.display(self._entry(t)) for t in twins)}); "
                            "their outputs would overwrite each other in output/",
                    Location(self.display(where)), hint="rename one of them, or move the file into the folder",
                    related=tuple(Location(self.display(o)) for o in others))))
            else:
                kept.append(m)
        return kept, problems

    def _entry(self, m: "MapInput") -> Path:
        """The file or folder in arguments/ that makes a map."""
        folder = self.arguments_dir / m.id
        return folder if folder.is_dir() else m.files[0]

    def maps_at(self, path: Path, maps: list["MapInput"] | None = None) -> list["MapInput"]:
        """The maps a path names: a claim file or folder of a map, a folder
        holding maps, or a claim file outside arguments/ (a map of its own)."""
        maps = self.maps() if maps is None else maps
        target = path.resolve()
        hit = [m for m in maps if target in {f.resolve() for f in m.files} or target == (self.arguments_dir / m.id).resolve()]
        if not hit and target.is_dir():
            hit = [m for m in maps if any(target in f.resolve().parents for f in m.files)]
        if not hit and target.is_file() and target.suffix in YAML_SUFFIXES:
            hit = [MapInput(path.stem, (target,))]
        return hit

    def find_map(self, name: str | None) -> "MapInput":
        """A map by id, by path, or the only map when none is named."""
        maps = self.maps()
        if name is None:
            if len(maps) == 1:
                return maps[0]
            ids = ", ".join(m.id for m in maps) or "none"
            raise ArgmapError([
                Diagnostic("E007", f"name a map: this project has {len(maps)} (found: {ids})", Location(self.display(self.arguments_dir)))
            ])
        for m in maps:
            if name == m.id:
                return m
        refused = [p.diagnostic for p in self.map_problems() if p.map_id in (name, Path(name).stem, Path(name).name)]
        if refused:  # a map that exists but cannot be read: say why, not "no such map"
            raise ArgmapError(refused)
        if Path(name).exists():
            at = self.maps_at(Path(name), maps)
            if at:
                return at[0]
        guess = did_you_mean(name, [m.id for m in maps])
        raise ArgmapError([
            Diagnostic(
                "E007",
                f"no map called '{name}' in {self.display(self.arguments_dir)}/",
                Location(self.display(self.arguments_dir)),
                hint=f"did you mean '{guess}'?" if guess else "run 'argmap check' to list the maps",
            )
        ])


@dataclass(frozen=True)
class MapInput:
    id: str
    files: tuple[Path, ...]


def _is_text(name: str) -> bool:
    """False for a name that came from bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


@dataclass(frozen=True)
class MapProblem:
    map_id: str
    diagnostic: Diagnostic


def find_project(start: Path | None = None) -> Project:
    """The nearest folder at or above `start` with `arguments/` or `seeds/`."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "arguments").is_dir() or (folder / "seeds" / "sources.yaml").is_file():
            return Project(folder)
    return Project(here)
