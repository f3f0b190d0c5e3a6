"""A reader for the Argdown constructs argmap can carry (https://argdown.org/syntax/).

It reads:
- front matter (`===` YAML `===`): `title`, `subTitle`;
- comments `//`, `/* */`, `<!-- -->`;
- headings `#`..`######` (groups; `{isGroup: false}` turns one off);
- statements `[Title]: text`, references `[Title]`, untitled statements
  (a paragraph of text), arguments `<Title>: description` and `<Title>`;
- `#tag`, `#(a tag)`, `{data}` at the end of an element, `@[mentions]`,
  `__bold__`, `_italic_`, `[links](url)` and `\\` escapes in text;
- relations, by indentation: `+` `<+` (support), `-` `<-` (attack),
  `+>` `->` (outgoing support and attack), `_>` `<_` `_` (undercut),
  `><` (contradiction);
- premise-conclusion structures: `(1) ...` lines, `--`/`----` inference lines
  (with an optional rule between two `--` lines, or `-- rule --`), intermediate conclusions.

Lists (`*`, `1.`) and anything else it cannot place are errors with their line.
The result is a `Document` of statements, arguments and relations by title.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location


@dataclass
class Statement:
    title: str
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    group: str | None = None
    untitled: bool = False
    raw: str = ""  # the text as written so far, across lines (a mention may break over a line)


@dataclass
class Step:
    premises: list[str]  # statement titles
    conclusion: str
    rule: str | None = None


@dataclass
class Argument:
    title: str
    text: str = ""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    group: str | None = None
    steps: list[Step] = field(default_factory=list)
    raw: str = ""  # the premise-conclusion structure, one step per inference


@dataclass(frozen=True)
class Relation:
    kind: str  # support | attack | undercut | contradiction
    source: tuple[str, str]  # ("statement" | "argument", title)
    target: tuple[str, str]
    line: int


@dataclass
class Document:
    title: str | None = None
    subtitle: str | None = None
    statements: dict[str, Statement] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)


_OPS = {"+": ("support", "in"), "<+": ("support", "in"), "-": ("attack", "in"), "<-": ("attack", "in"),
        "+>": ("support", "out"), "->": ("attack", "out"), "_>": ("undercut", "out"), "<_": ("undercut", "in"),
        "_": ("undercut", "in"), "><": ("contradiction", "out")}
_RELATION = re.compile(r"^(\s*)(\+>|->|<\+|<-|_>|<_|><|\+|-|_)\s+(.*)$")
_PCS = re.compile(r"^(\s*)\((\d+)\)\s*(.*)$")
_INFERENCE = re.compile(r"^\s*-{2,}\s*$")
_INFERENCE_INLINE = re.compile(r"^\s*-{2,}\s*(\S.*?)\s*-{2,}\s*$")  # -- modus ponens --
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ELEMENT = re.compile(r"^(\[((?:\\.|[^\]\\])+)\]|<((?:\\.|[^>\\])+)>)(:?)\s*(.*)$")
_LIST = re.compile(r"^\s*(\*|\d+\.)\s+")
_TAG = re.compile(r"(?<![\\\w])#\(([^)]*)\)|(?<![\\\w&])#([\w][\w-]*)")
_DATA = re.compile(r"\{([^{}]*)\}\s*$")


def _is_element(content: str) -> re.Match | None:
    """`[Title]: ...`, `[Title]`, `<Title>...`, but not a link `[text](url)` starting a line of text."""
    m = _ELEMENT.match(content)
    if m and m.group(2) is not None and not m.group(4) and m.group(5).startswith("("):
        return None
    return m


def _blank_comments(text: str) -> str:
    """Comments replaced by spaces, so every line and column stays where it was."""
    def blank(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    text = re.sub(r"<!--.*?-->", blank, text, flags=re.S)
    text = re.sub(r"/\*.*?\*/", blank, text, flags=re.S)
    return re.sub(r"(?:(?<=\s)|^)//[^\n]*", blank, text, flags=re.M)


def _parse_data(raw: str) -> dict[str, Any]:
    try:
        value = yaml.safe_load("{" + raw + "}")
    except yaml.YAMLError:
        try:
            value = json.loads("{" + raw + "}")
        except ValueError:
            return {}
    return value if isinstance(value, dict) else {}


def clean(text: str) -> tuple[str, list[str], dict[str, Any]]:
    """Element text without its tags and data; markup dropped, escapes resolved."""
    data: dict[str, Any] = {}
    m = _DATA.search(text)
    if m and not text[:m.start()].endswith("\\"):
        data = _parse_data(m.group(1))
        text = text[:m.start()]
    tags = [a or b for a, b in _TAG.findall(text)]
    text = _TAG.sub("", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links
    text = re.sub(r"@\[((?:\\.|[^\]\\])+)\]", r"\1", text)  # mentions
    text = re.sub(r"@<((?:\\.|[^>\\])+)>", r"\1", text)
    text = re.sub(r"(?<![\\\w])(\*\*|__)(\S(?:.*?\S)?)\1(?!\w)", r"\2", text)  # bold
    text = re.sub(r"(?<![\\\w])(\*|_)(\S(?:.*?\S)?)\1(?!\w)", r"\2", text)  # italic
    text = re.sub(r"\\(.)", r"\1", text)
    return " ".join(text.split()), tags, data


def _title(raw: str) -> str:
    return " ".join(re.sub(r"\\(.)", r"\1", raw).split())


class _Parser:
    def __init__(self, text: str, shown: str):
        self.shown = shown
        self.doc = Document()
        self.lines = _blank_comments(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
        self.group: str | None = None
        self.untitled = 0
        self.stack: list[tuple[int, tuple[str, str]]] = []  # (indent, element) for relations
        self.last_argument: str | None = None  # the argument a following PCS reconstructs
        self.pcs: list[tuple[int, str]] | None = None  # (number, statement title) of the PCS being read
        self.pcs_owner: str | None = None
        self.pending_rule: str | None = None
        self.pcs_line = 1
        self.steps: list[Step] = []
        self.current: Statement | Argument | None = None  # the element whose text continues on the next line

    def error(self, line: int, message: str, col: int = 1, hint: str | None = None) -> ArgmapError:
        return ArgmapError([Diagnostic("E601", message, Location(self.shown, line, col), hint=hint)])

    # ------------------------------------------------------------------ elements

    def statement(self, title: str, text: str, line: int, untitled: bool = False, defined: bool = False) -> tuple[str, str]:
        body, tags, data = clean(text)
        st = self.doc.statements.get(title)
        if st is None:
            st = self.doc.statements[title] = Statement(title, group=self.group, untitled=untitled)
        if body and not st.text:
            st.text, st.raw = body, text
        elif body:  # another member of the equivalence class: its text is not the statement's
            self.current = Statement(title, body, raw=text) if defined else None
            return ("statement", title)
        st.tags += [t for t in tags if t not in st.tags]
        st.data.update(data)
        self.current = st if text.strip() or untitled or defined else None
        return ("statement", title)

    def argument(self, title: str, text: str, line: int, defined: bool = False) -> tuple[str, str]:
        body, tags, data = clean(text)
        arg = self.doc.arguments.get(title)
        if arg is None:
            arg = self.doc.arguments[title] = Argument(title, group=self.group)
        if body and not arg.text:
            arg.text, arg.raw = body, text
        arg.tags += [t for t in tags if t not in arg.tags]
        arg.data.update(data)
        self.current = arg if text.strip() or defined else None
        return ("argument", title)

    def element(self, content: str, line: int) -> tuple[str, str]:
        m = _is_element(content)
        if m:
            text = m.group(5) if m.group(4) else ""
            if not m.group(4) and m.group(5).strip():
                rest = m.group(5).strip()
                if not (_TAG.fullmatch(rest) or rest.startswith("{") or _TAG.match(rest)):
                    raise self.error(line, f"text after '{m.group(1)}' needs a colon: '{m.group(1)}: {rest[:30]}'",
                                     hint="write [Title]: text to define a statement, or [Title] alone to refer to one")
                text = rest
            if m.group(2) is not None:
                return self.statement(_title(m.group(2)), text, line, defined=bool(m.group(4)))
            return self.argument(_title(m.group(3)), text, line, defined=bool(m.group(4)))
        self.untitled += 1
        return self.statement(f"Untitled {self.untitled}", content, line, untitled=True)

    def continue_text(self, text: str) -> None:
        el = self.current
        if el is None:
            return
        el.raw = f"{el.raw} {text}".strip()
        body, tags, data = clean(el.raw)
        el.text = body
        el.tags += [t for t in tags if t not in el.tags]
        el.data.update(data)

    # ------------------------------------------------------------------ structure

    def close_pcs(self, line: int) -> None:
        if self.pcs is None:
            return
        if self.pcs_owner is None:
            self.untitled += 1
            self.pcs_owner = f"Untitled argument {self.untitled}"
            self.doc.arguments[self.pcs_owner] = Argument(self.pcs_owner, group=self.group)
        line = self.pcs_line  # the structure's last line
        if not self.steps:
            raise self.error(line, "a premise-conclusion structure without an inference line ('--') before its conclusion")
        if self.pending_rule is not None or len(self.steps) and self.pcs and self.pcs[-1][1] != self.steps[-1].conclusion:
            raise self.error(line, "a premise-conclusion structure must end with its conclusion after an inference line ('--')")
        self.doc.arguments[self.pcs_owner].steps = self.steps
        self.pcs, self.pcs_owner, self.steps, self.pending_rule = None, None, [], None

    def inference(self, line: int) -> None:
        if self.pcs is None:
            raise self.error(line, "an inference line ('--') outside a premise-conclusion structure")
        self.awaiting_conclusion = True

    def relate(self, op: str, indent: int, content: str, line: int) -> None:
        while self.stack and self.stack[-1][0] >= indent:
            self.stack.pop()
        if not self.stack:
            raise self.error(line, f"the relation '{op}' has nothing above it to relate to", indent + 1,
                             hint="indent a relation under the statement or argument it belongs to")
        parent = self.stack[-1][1]
        child = self.element(content, line)
        kind, direction = _OPS[op]
        source, target = (child, parent) if direction == "in" else (parent, child)
        self.doc.relations.append(Relation(kind, source, target, line))
        self.stack.append((indent, child))

    def run(self) -> Document:
        lines = self.lines
        i = 0
        if lines and lines[0].strip() == "===":
            end = next((j for j in range(1, len(lines)) if lines[j].strip() == "==="), None)
            if end is None:
                raise self.error(1, "the front matter opened by '===' is never closed")
            try:
                meta = yaml.safe_load("\n".join(lines[1:end])) or {}
            except yaml.YAMLError as exc:
                raise self.error(2, f"the front matter is not YAML: {exc}") from None
            if isinstance(meta, dict):
                self.doc.title = str(meta["title"]).strip() if meta.get("title") else None
                self.doc.subtitle = str(meta["subTitle"]).strip() if meta.get("subTitle") else None
            i = end + 1
        self.awaiting_conclusion = False
        previous_blank = True
        while i < len(lines):
            raw = lines[i]
            n = i + 1
            i += 1
            if not raw.strip():
                previous_blank = True
                self.current = None
                continue
            indent = len(raw) - len(raw.lstrip())
            content = raw.strip()
            if "\t" in raw[:indent]:
                indent = len(raw[:indent].expandtabs(4))
            heading = _HEADING.match(raw)
            if heading and indent == 0:
                self.close_pcs(n)
                words = [heading.group(2)]
                while i < len(lines) and lines[i].strip():  # a heading runs to the next blank line
                    words.append(lines[i].strip())
                    i += 1
                body, _tags, data = clean(" ".join(words))
                self.group = None if data.get("isGroup") is False else body
                self.stack, self.current, self.last_argument = [], None, None
                previous_blank = True
                continue
            pcs = _PCS.match(raw)
            if pcs:
                if self.pcs is None:
                    self.pcs, self.pcs_owner, self.steps = [], self.last_argument, []
                    self.awaiting_conclusion = False
                title_el = self.element(pcs.group(3), n)
                title = title_el[1]
                if self.awaiting_conclusion:
                    premises = [t for _, t in self.pcs[self.step_start:]] if self.pcs else []
                    if self.steps:
                        premises = [self.steps[-1].conclusion, *premises]
                    if not premises:
                        raise self.error(n, "an inference line with no premises above it")
                    self.steps.append(Step(premises, title, self.pending_rule))
                    self.pending_rule = None
                    self.awaiting_conclusion = False
                    self.step_start = len(self.pcs) + 1
                elif not self.pcs:
                    self.step_start = 0
                self.pcs.append((int(pcs.group(2)), title))
                self.pcs_line = n
                self.stack = [(indent, title_el)]
                previous_blank = False
                continue
            inline = _INFERENCE_INLINE.match(raw)
            if inline:
                self.inference(n)
                self.pending_rule = clean(inline.group(1))[0] or None
                previous_blank = False
                continue
            if _INFERENCE.match(raw):
                self.inference(n)
                # an inference rule between two '--' lines
                j = i
                while j < len(lines) and not lines[j].strip():
                    j += 1
                if j < len(lines) and not _PCS.match(lines[j]) and not _INFERENCE.match(lines[j]):
                    k = j
                    while k < len(lines) and not _INFERENCE.match(lines[k]):
                        k += 1
                    if k == len(lines):
                        raise self.error(j + 1, "an inference rule opened by '--' is never closed by another '--' line")
                    self.pending_rule = clean(" ".join(lines[j:k]))[0] or None
                    i = k + 1
                previous_blank = False
                continue
            rel = _RELATION.match(raw)
            if rel and (self.stack or indent > 0):
                self.relate(rel.group(2), indent, rel.group(3), n)
                previous_blank = False
                continue
            if _LIST.match(raw) and previous_blank:
                raise self.error(n, "Argdown lists are not imported", indent + 1, hint="turn the list items into statements")
            if not previous_blank and self.current is not None and not _is_element(content):
                self.continue_text(content)
                continue
            if indent > 0 and not previous_blank and self.current is not None:
                self.continue_text(content)
                continue
            # a new top-level element
            self.close_pcs(n)
            el = self.element(content, n)
            self.last_argument = el[1] if el[0] == "argument" else None
            self.stack = [(indent, el)]
            previous_blank = False
        self.close_pcs(len(lines))
        # As Argdown does: a relation out of an argument with a premise-conclusion structure is its
        # conclusion's, and "A supports its own conclusion" is no relation.
        concl = {t: a.steps[-1].conclusion for t, a in self.doc.arguments.items() if a.steps}
        moved = []
        for r in self.doc.relations:
            if r.source[0] == "argument" and r.source[1] in concl:
                if r.target == ("statement", concl[r.source[1]]) and r.kind == "support":
                    continue
                r = Relation(r.kind, ("statement", concl[r.source[1]]), r.target, r.line)
            moved.append(r)
        self.doc.relations = moved
        return self.doc


def parse(text: str, shown: str) -> Document:
    return _Parser(text, shown).run()
