"""Read YAML safely into plain data, remembering where every value came from.

PyYAML's composer gives a node tree with line and column marks. We turn it into
dicts, lists and strings ourselves instead of letting PyYAML construct objects,
which buys four things at once:

* every value's position, keyed by its path (`("statements", 3, "supports", 0)`),
  so pydantic's error locations map straight back to `file:line:col`;
* duplicate keys are caught (PyYAML silently keeps the last one);
* no tags beyond YAML's plain ones are honoured, so nothing is ever executed;
* alias expansion, nesting depth and file size are bounded.

Scalars stay strings (YAML 1.1's `no` -> False and `2023-02-01` -> date
surprises never happen); pydantic coerces "true" or "3" where a field wants it.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from argmap.core.limits import MAX_FILE_BYTES
from argmap.core.diagnostics import ArgmapError, Diagnostic, Location

try:  # libyaml's parser is several times faster; marks are the same
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML wheel
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_DEPTH = 40  # claim files nest four or five levels; anything deeper is hostile
MAX_ALIAS_VALUES = 10_000  # values reached through aliases (stops "billion laughs")
MAX_ALIAS_CHARS = 1_000_000  # characters of text reached through aliases: bounds the expanded size, not only the count

_PLAIN_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "binary", "merge", "value")
}

Path_ = tuple[str | int, ...]
_NULL = "tag:yaml.org,2002:null"
_STR = "tag:yaml.org,2002:str"
_NULLS = {"", "~", "null", "Null", "NULL"}


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Resolves plain scalars only to null or text: we keep scalars as strings
    anyway, and PyYAML's regex-based resolver is most of the parse time."""

    def resolve(self, kind, value, implicit):  # noqa: D102 - PyYAML hook
        if kind is yaml.ScalarNode:
            return _NULL if implicit[0] and value in _NULLS else _STR
        return super().resolve(kind, value, implicit)


@dataclass
class Positions:
    """Where each value (and each mapping key) sits in one file."""

    path: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: Path_, *, key: bool = False) -> Location:
        """Location of the value at `loc`, or of its key; falls back to the nearest parent."""
        loc = tuple(loc)
        while True:
            table = self.keys if key and loc in self.keys else self.values
            if loc in table:
                line, col = table[loc]
                return Location(self.path, line, col)
            if not loc:
                return Location(self.path, 1, 1)
            loc = loc[:-1]


@dataclass
class YamlDocument:
    data: Any
    positions: Positions


def read_text(path: Path, display: str, *, what: str = "claim files") -> str:
    """Read a UTF-8 file within the size bound, or raise a located error.

    The bound is checked on the open file before a byte is read, and the read
    itself stops one byte past the bound (a file that grows meanwhile, or a
    device that reports no size, is refused too). `what` names the kind of
    file in the message ("claim files", "source texts")."""
    def too_large(size_text: str) -> ArgmapError:
        hint = ("split the map into several files in a folder under arguments/" if what == "claim files"
                else "a source text is an article or a report; cut it to the part the map quotes")
        return ArgmapError([Diagnostic("E004", f"file is {size_text}; {what} may be at most {MAX_FILE_BYTES // 1048576} MiB",
                                       Location(display), hint=hint)])

    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise too_large(f"{size / 1048576:.1f} MiB")
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ArgmapError([Diagnostic("E007", f"cannot read this file: {exc.strerror}", Location(display))]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise too_large(f"over {MAX_FILE_BYTES // 1048576} MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Line and column as an editor counts them: characters, not bytes, and CR, LF or CRLF end a line.
        before = raw[: exc.start].decode("utf-8-sig", "replace")
        line, col = _LineIndex(before).at(len(before))
        raise ArgmapError([
            Diagnostic(
                "E003",
                f"this file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)",
                Location(display, line, col),
                hint="save the file as UTF-8 in your editor ('Save with encoding' or 'Reopen with encoding')",
            )
        ]) from None
    return text


def parse_yaml(text: str, display: str) -> YamlDocument:
    """Parse one YAML document into plain data plus positions."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "the YAML cannot be read"
        if "end of stream" in problem and exc.context_mark is not None:
            # An unclosed quote or bracket: point at where it was opened.
            what = (exc.context or "a value").replace("while scanning ", "")
            mark, problem = exc.context_mark, f"{what} starts here and is never closed"
        line, col = _LineIndex(text).at(mark.index) if mark else (1, 1)
        hint = None
        bad_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
        if "\t" in bad_line[: max(col, 1)] or "tab" in problem:
            hint = "YAML does not allow tabs for indentation; indent with spaces"
        elif "mapping values are not allowed" in problem:
            hint = "a value that contains ': ' must be put in quotes"
        elif "never closed" in problem:
            hint = "add the closing quote or bracket"
        raise ArgmapError([Diagnostic("E001", f"YAML syntax error: {problem}", Location(display, line, col), hint=hint)]) from None
    except yaml.YAMLError as exc:
        raise ArgmapError([Diagnostic("E001", f"YAML syntax error: {exc}", Location(display))]) from None
    positions = Positions(display)
    if node is None:
        return YamlDocument({}, positions)
    builder = _Builder(positions, _LineIndex(text))
    data = builder.build(node, (), 0, False)
    if builder.diagnostics:
        raise ArgmapError(builder.diagnostics)
    return YamlDocument(data, positions)


def load_yaml_file(path: Path, display: str) -> YamlDocument:
    return parse_yaml(read_text(path, display), display)


class _LineIndex:
    """Line and column as an editor counts them: LF, CRLF or a lone CR (old
    Mac files) ends a line.

    YAML also ends lines at U+0085, U+2028 and U+2029, so its own marks would
    disagree with the editor on files containing them; we use the mark's
    character index instead."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer("\r\n|\r|\n", text)]

    def at(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


class _Builder:
    def __init__(self, positions: Positions, lines: _LineIndex):
        self.positions = positions
        self.lines = lines
        self.seen: set[int] = set()
        self.alias_values = 0
        self.alias_chars = 0
        self.diagnostics: list[Diagnostic] = []

    def _loc(self, node: yaml.Node) -> Location:
        return Location(self.positions.path, *self.lines.at(node.start_mark.index))

    def _fail(self, code: str, message: str, node: yaml.Node, hint: str | None = None) -> None:
        raise ArgmapError([*self.diagnostics, Diagnostic(code, message, self._loc(node), hint=hint)])

    def build(self, node: yaml.Node, path: Path_, depth: int, via_alias: bool) -> Any:
        if depth > MAX_DEPTH:
            self._fail("E005", f"values are nested more than {MAX_DEPTH} levels deep", node)
        # A node met twice is an alias: count what it expands to.
        via_alias = via_alias or id(node) in self.seen
        self.seen.add(id(node))
        if via_alias:
            self.alias_values += 1
            if self.alias_values > MAX_ALIAS_VALUES:
                self._fail(
                    "E005",
                    f"YAML aliases expand to more than {MAX_ALIAS_VALUES:,} values",
                    node,
                    hint="claim files do not need anchors and aliases; write the values out",
                )
            if isinstance(node, yaml.ScalarNode):
                self.alias_chars += len(node.value)
                if self.alias_chars > MAX_ALIAS_CHARS:
                    self._fail(
                        "E005",
                        f"YAML aliases expand to more than {MAX_ALIAS_CHARS:,} characters of text",
                        node,
                        hint="claim files do not need anchors and aliases; write the values out",
                    )
        if node.tag not in _PLAIN_TAGS:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._fail("E006", f"YAML tag '{shown}' is not allowed in claim files", node, hint="remove the tag: claim files hold plain text")
        if not via_alias:
            self.positions.values[path] = self.lines.at(node.start_mark.index)
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == _NULL else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1, via_alias) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail("E103", "a key must be a plain word, not a list or a mapping", key_node)
            key = key_node.value
            if key in first_seen:
                self.diagnostics.append(
                    Diagnostic(
                        "E002",
                        f"key '{key}' appears twice in the same mapping; the second would silently replace the first",
                        self._loc(key_node),
                        related=(self._loc(first_seen[key]),),
                    )
                )
                continue
            first_seen[key] = key_node
            if not via_alias:
                self.positions.keys[(*path, key)] = self.lines.at(key_node.start_mark.index)
            result[key] = self.build(value_node, (*path, key), depth + 1, via_alias)
        return result
