"""Argument diagrams: a resolved map drawn with Graphviz (DOT, SVG, PNG, PDF).

    from argmap import api

    from argmap.render import diagram
    rmap = api.resolve_map(api.open_project("."), "example")
    source = diagram.to_dot(rmap, focus="ex-thesis", depth=2)   # pure: DOT text
    svg = diagram.render_svg(rmap, option="ex-engage")          # bytes, runs `dot`
    pdf = diagram.render(rmap, "pdf")                           # printable pages

`select` decides what one diagram shows (the whole map, one option, or the
subtree under a claim, to a depth); `to_dot` draws it. `to_dot` is a pure
function of the map and the options: the same input gives the same text,
byte for byte (map order, no timestamps), and every piece of text from a
claim file goes through `html_text`, `dot_string` or `tooltip_string`, so
nothing a teacher types can break the DOT or inject into it.

How the picture reads (the key in the corner says the same): the thesis at
the top; reasons and objections below the claim they bear on; support is a
solid dark-green arrow, a rebuttal a dashed red line ending in a bar, an
undercut a dotted red line ending in a bar on the inference it attacks;
premises that only work together join in a small dot (a linked argument)
before one arrow goes on; evidence is a folded-corner note with its short
cite; an assumption (a premise the author left unstated) has a dashed border.

PDFs are sized for paper. A map that fits a page at a readable scale is one
page; a larger one is split into pages by subtree, each cut claim saying
where it is continued (see `paginate`).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import textwrap
import threading
import unicodedata
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from argmap.core import children
from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, did_you_mean
from argmap.load.model import Relation, Side, StatementKind
from argmap.resolve.resolver import ResolvedMap

FORMATS = ("svg", "png", "pdf", "dot")
STATUS_VALUES = ("in", "out", "undec")

# --------------------------------------------------------------------------- the visual language

FONT = "DejaVu Sans"
INK = "#1f1f1f"
MUTED = "#5f6368"
FAINT = "#9aa0a6"
SUPPORT = "#1b5e20"  # dark green: solid arrows
ATTACK = "#c62828"  # red: dashed (rebut) or dotted (undercut), bar head
EVIDENCE_EDGE = "#6d4c41"

# Statement boxes by kind: (header, fill, border colour, border width, border style).
KIND_STYLE: dict[StatementKind, tuple[str, str, str, float, str]] = {
    StatementKind.thesis: ("THESIS", "#dcebfa", "#1f4e79", 2.6, "solid"),
    StatementKind.claim: ("CLAIM", "#ffffff", "#455a64", 1.2, "solid"),
    StatementKind.premise: ("PREMISE", "#ffffff", "#455a64", 1.2, "solid"),
    StatementKind.fact: ("FACT", "#ffffff", "#455a64", 1.2, "solid"),
    StatementKind.plan: ("PLAN", "#eef3fb", "#455a64", 1.2, "solid"),
    StatementKind.assumption: ("ASSUMPTION · unstated", "#ffffff", "#455a64", 1.4, "dashed"),
    StatementKind.objection: ("OBJECTION", "#fdecea", "#b71c1c", 1.4, "solid"),
    StatementKind.answer: ("ANSWER", "#e8f5e9", "#2e7d32", 1.4, "solid"),
}
NEG_FILL, NEG_BORDER = "#fdecea", "#b71c1c"  # any statement on the other side
EVIDENCE_FILL, EVIDENCE_BORDER = "#fff8e1", "#8d6e63"
CONTEXT_FILL = "#f5f5f5"
OPTION_FILL, OPTION_BORDER = "#f6f8fa", "#9aa0a6"

# How a Dung status (from argmap.analyze.evaluate) is drawn: a badge that survives
# black-and-white printing, plus a fill for `out` so defeated claims recede.
STATUS_BADGE = {"in": "✔ IN", "out": "✘ OUT", "undec": "? UNDECIDED"}
STATUS_OUT_FILL, STATUS_OUT_INK = "#e4e4e4", "#6b6b6b"

# Sizes, in points (node text) and characters (wrapping).
TEXT_PT, HEADER_PT, THESIS_PT, EVIDENCE_PT, TITLE_PT = 11, 8.5, 12.5, 9.5, 17
WRAP, THESIS_WRAP, EVIDENCE_WRAP = 28, 36, 28
CONTEXT_WORDS = 12  # a faded parent shows its first words only
EVIDENCE_WORDS = 20  # an evidence note shows at most this many words of its quote

# Paper, in points: the printable box on a page (margins and footer taken off).
PAPER = {"letter": (612.0, 792.0), "a4": (595.3, 841.9)}
MARGIN, FOOTER = 28.0, 16.0
MIN_SCALE = 0.7  # a page is never printed smaller than this: 11 pt text stays at 7.7 pt
MAX_SCALE = 1.5  # nor blown up more than this
PNG_DPI, PNG_MAX_PX = 144, (3840, 2160)  # PNG: sharp, and never larger than a 4K (UHD) screen
PACK_LOOKAHEAD = 3  # claims tried for the room left on a page before it is closed
PAGE_NODES_MAX = 90  # more claims and cards than this never fit one page at MIN_SCALE
PAGE_NODES_CAP = 45  # nor, in practice, this many (a page of the op-ed map holds 10 to 31)


# --------------------------------------------------------------------------- text: cleaning, escaping, wrapping

_WIDE = ("W", "F")
_memo = functools.lru_cache(maxsize=8192, typed=True)  # pure text functions: paging draws the same boxes many times over


@_memo
def clean_text(text: str) -> str:
    """Text as a diagram can show it: one line, no control or invalid characters.

    Line breaks and tabs become spaces (the diagram wraps text itself); C0 and
    C1 control characters, lone surrogates and the non-characters XML forbids
    are dropped, because Graphviz's HTML-label parser rejects them; so are the
    explicit bidirectional embeddings, overrides and isolates (U+202A-202E,
    U+2066-2069), which could make a box display text in an order other than
    the one written. Hebrew and Arabic still run right to left on their own.
    """
    text = _BREAKS.sub(" ", str(text))
    text = _FORBIDDEN.sub("", text)
    return _SPACES.sub(" ", text).strip()


_BREAKS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]")
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069]")  # Cc, Cs, non-characters, bidi controls
_SPACES = re.compile(" {2,}")


@_memo
def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label.

    XML's five special characters become entities, and a backslash is doubled:
    Graphviz expands escape sequences such as \\N (the node's name) and \\G
    even inside HTML labels, and a doubled backslash is how it writes one.
    """
    text = clean_text(text)
    if len(text) > 2000:  # Graphviz refuses a quoted string over 16,384 bytes; a hover text needs no more
        text = text[:1999] + "\u2026"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
    return text.replace("\\", "\\\\")


@_memo
def dot_string(text: str) -> str:
    """A DOT double-quoted string for names and plain attributes (not labels)."""
    return '"' + clean_text(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


@_memo
def tooltip_string(text: str) -> str:
    """A DOT string for `tooltip` (the SVG hover text).

    Graphviz reads a tooltip twice, once for \\N-style escapes and once for
    \\n-style ones, so a literal backslash takes four; entities pass through
    to the SVG's XML unchanged, so the XML specials go in as entities.
    """
    text = clean_text(text)
    if len(text) > 2000:  # Graphviz refuses a quoted string over 16,384 bytes; a hover text needs no more
        text = text[:1999] + "\u2026"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return '"' + text.replace("\\", "\\\\\\\\") + '"'


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in _WIDE else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap to `width` columns; wide (CJK) characters count two and may break anywhere."""
    text = clean_text(text)
    if not any(unicodedata.east_asian_width(ch) in _WIDE for ch in text):
        return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]
    # Tokens: runs of non-space, non-wide characters, or single wide characters.
    tokens = re.findall(r"[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\S| ", text)
    lines, line = [], ""
    for tok in tokens:
        if tok == " ":
            if line and _cells(line) < width:
                line += " "
            continue
        if line and _cells(line) + _cells(tok) > width:
            lines.append(line.rstrip())
            line = ""
        while _cells(tok) > width:  # a latin word longer than a line
            lines.append(tok[:width])
            tok = tok[width:]
        line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


@_memo
def _lines(text: str, width: int) -> str:
    return "<BR/>".join(html_text(line) for line in wrap(text, width))


def _font(text: str, *, size: float | None = None, color: str | None = None, bold=False, italic=False) -> str:
    if not text:
        return ""  # Graphviz rejects an empty <FONT></FONT>
    if bold:
        text = f"<B>{text}</B>"
    if italic:
        text = f"<I>{text}</I>"
    attrs = ""
    if size is not None:
        attrs += f' POINT-SIZE="{size:g}"'
    if color is not None:
        attrs += f' COLOR="{color}"'
    return f"<FONT{attrs}>{text}</FONT>" if attrs else text


# --------------------------------------------------------------------------- what to draw: the view


@dataclass
class View:
    """The part of a map one diagram shows, every list in map order."""

    statements: list[str]  # drawn in full
    arguments: list[str]  # drawn with their premises
    evidence: list[str]
    context: list[str] = field(default_factory=list)  # statements outside the view, drawn faded for orientation
    context_arguments: list[str] = field(default_factory=list)  # arguments linking the view to the context
    hidden: dict[str, list[str]] = field(default_factory=dict)  # statement -> arguments below it not drawn (depth limit, page cut)
    roots: list[str] = field(default_factory=list)
    caption: str = ""  # what this diagram is: "Whole map", "Option: Stick", "Focus: id (depth 2)"


def _claim_location(rmap: ResolvedMap) -> Location:
    return Location(rmap.files[0]) if rmap.files else Location(rmap.id)


def _check_ids(rmap: ResolvedMap, focus: str | None, option: str | None) -> None:
    where = _claim_location(rmap)
    if focus is not None and focus not in rmap.statements and focus not in rmap.arguments:
        if focus in rmap.evidence or focus in rmap.options:
            kind = "evidence" if focus in rmap.evidence else "an option"
            hint = "focus on the statement it supports" if focus in rmap.evidence else f"use --option {focus}"
            raise ArgmapError([Diagnostic("E203", f"--focus '{focus}' is {kind}; a focus is a statement or an argument", where, hint=hint)])
        guess = did_you_mean(focus, [*rmap.statements, *rmap.arguments])
        raise ArgmapError([Diagnostic("E202", f"unknown statement or argument id '{focus}' (--focus) in map '{rmap.id}'", where,
                                      hint=f"did you mean '{guess}'?" if guess else "use an id from the map's statements: or arguments: sections")])
    if option is not None and option not in rmap.options:
        guess = did_you_mean(option, list(rmap.options))
        listed = ", ".join(rmap.options) or "none"
        raise ArgmapError([Diagnostic("E202", f"unknown option id '{option}' (--option) in map '{rmap.id}'", where,
                                      hint=f"did you mean '{guess}'?" if guess else f"the map's options are: {listed}")])


class _Graph:
    """The map's links in map order, for walking downwards from a claim."""

    def __init__(self, rmap: ResolvedMap):
        self.m = rmap
        rank = {aid: i for i, aid in enumerate(rmap.arguments)}
        self.below: dict[str, list[str]] = {}
        for sid in rmap.statements:
            kids = [*rmap.supporting_args.get(sid, ()), *rmap.attacking_args.get(sid, ())]
            self.below[sid] = sorted((a for a in kids if a in rmap.arguments), key=rank.__getitem__)
        self.undercutters = {aid: [u for u in rmap.undercutting_args.get(aid, ()) if u in rmap.arguments] for aid in rmap.arguments}

    def walk(self, start: Iterable[str], opens: Callable[[str, int], bool] | None = None,
             start_args: Iterable[str] = ()) -> tuple[dict[str, int], dict[str, None]]:
        """Breadth first from `start` (level 0): statement -> level, and the arguments met.

        An argument's premises sit one level below its conclusion; an undercut
        sits with the argument it attacks. What lies below a statement is
        entered only when `opens(statement, level)` says so (always when None):
        True for all its arguments, or a collection naming some of them.
        """
        levels: dict[str, int] = {}
        args: dict[str, None] = {}
        queue: deque[tuple[str, int]] = deque()

        def take(aid: str, level: int) -> None:
            stack = [aid]
            while stack:
                a = stack.pop()
                if a in args:
                    continue
                args[a] = None
                for p in self.m.arguments[a].premises:
                    if p in self.m.statements:
                        queue.append((p, level + 1))
                stack.extend(reversed(self.undercutters[a]))

        for aid in start_args:
            take(aid, -1)
        for sid in start:
            queue.append((sid, 0))
        while queue:
            sid, level = queue.popleft()
            if sid in levels:
                continue
            levels[sid] = level
            entered = True if opens is None else opens(sid, level)
            if not entered:
                continue
            for aid in self.below[sid]:
                if entered is True or aid in entered:
                    take(aid, level)
        return levels, args

    def children(self, sid: str) -> list[str]:
        """The premises of the arguments for and against `sid`, and of their undercuts."""
        levels, _ = self.walk([sid], lambda s, level: level == 0)
        return [k for k, level in levels.items() if level == 1]

    def cover(self, candidates: Sequence[str], first_roots: list[str]) -> list[str]:
        """Roots from which every candidate is reachable (adds members of support cycles)."""
        roots = list(first_roots)
        reached, _ = self.walk(roots)
        for sid in candidates:
            if sid not in reached:
                roots.append(sid)
                more, _ = self.walk([sid])
                reached.update(more)
        return roots


def select(rmap: ResolvedMap, *, focus: str | None = None, depth: int | None = None, option: str | None = None,
           evidence: bool = True) -> View:
    """Which statements, arguments and evidence one diagram shows."""
    if focus is not None and option is not None:
        raise ValueError("choose a focus or an option, not both")
    if depth is not None and depth < 0:
        raise ValueError("depth must be 0 or more")
    _check_ids(rmap, focus, option)
    g = _graph(rmap)
    start_args: list[str] = []
    lift: list[str] = []  # statements whose parents outside the view are drawn as context
    if focus in rmap.arguments:
        roots: list[str] = []
        start_args = [focus]
        caption = f"Focus: argument {focus}"
    elif focus is not None:
        roots = [focus]
        lift = [focus]
        caption = f"Focus: {focus}"
    elif option is not None:
        members = [sid for sid, st in rmap.statements.items() if st.option == option]
        below, _ = g.walk([], start_args=[a for s in members for a in g.below[s]])
        roots = g.cover(members, [s for s in members if s not in below])
        lift = members
        opt = rmap.options[option]
        caption = f"Option: {opt.label}"
    else:
        everyone = list(rmap.statements)
        used = {p for a in rmap.arguments.values() for p in a.premises}
        roots = g.cover(everyone, [s for s in everyone if s not in used])
        caption = "Whole map"
    if depth is not None:
        caption += f" · {depth} level{'s' if depth != 1 else ''} deep"
    opens = None if depth is None else (lambda sid, level: level < depth)
    return _assemble(rmap, g, roots, opens, start_args, lift, caption, evidence)


def _graph(rmap: ResolvedMap) -> "_Graph":
    """The walking index of a map, kept for the last map asked about (paging asks often)."""
    global _GRAPH_CACHE
    kept = _GRAPH_CACHE
    if kept is None or kept[0] is not rmap:
        kept = _GRAPH_CACHE = (rmap, _Graph(rmap))
    return kept[1]


_GRAPH_CACHE: tuple[ResolvedMap, _Graph] | None = None


def _assemble(rmap: ResolvedMap, g: _Graph, roots: list[str], opens, start_args: list[str], lift: list[str],
              caption: str, evidence: bool) -> View:
    levels, args = g.walk(roots, opens, start_args)
    shown = [sid for sid in rmap.statements if sid in levels]
    hidden = {}
    for sid in shown:
        cut = [a for a in g.below[sid] if a not in args]
        if cut:
            hidden[sid] = cut
    view = View(statements=shown, arguments=[a for a in rmap.arguments if a in args], evidence=[], hidden=hidden,
                roots=[r for r in roots if r in levels], caption=caption)

    # Context: where the focus (or the option's claims) lead, drawn faded.
    context: dict[str, None] = {}
    context_args: dict[str, None] = {}
    for aid in start_args:  # a focused argument: its conclusion (through any chain of undercuts)
        a = rmap.arguments[aid]
        while a.relation is Relation.undercut and a.target in rmap.arguments and a.target not in args and a.target not in context_args:
            context_args[a.target] = None
            a = rmap.arguments[a.target]
        if a.relation is not Relation.undercut and a.target in rmap.statements and a.target not in levels:
            context[a.target] = None
    for sid in lift:
        if sid not in levels:
            continue
        for aid in rmap.premise_of.get(sid, ()):
            a = rmap.arguments.get(aid)
            if a is None or aid in args or a.relation is Relation.undercut or a.target not in rmap.statements:
                continue
            if a.target not in levels:
                context[a.target] = None
                context_args[aid] = None
    view.context = [s for s in rmap.statements if s in context]
    view.context_arguments = [a for a in rmap.arguments if a in context_args]

    if evidence:
        for eid, rev in rmap.evidence.items():
            ev = rev.evidence
            if any(t in levels for t in (*ev.supports, *ev.challenges)):
                view.evidence.append(eid)
    return view


# --------------------------------------------------------------------------- DOT


@_memo
def _nid(kind: str, ident: str) -> str:
    return dot_string(f"{kind}:{ident}")


def _attrs(**attrs: str | float | None) -> str:
    parts = []
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, float):
            value = f"{value:g}"
        parts.append(f"{key}={value}")
    return "[" + ", ".join(parts) + "]"


def _q(value: str) -> str:
    """Quote a value this module chose itself (colours, styles): no user text."""
    return f'"{value}"'


@dataclass
class _Ctx:
    rmap: ResolvedMap
    view: View
    status: Mapping[str, str]
    page_refs: Mapping[str, int]
    focus_hint: bool
    page: int | None = None


def _status_of(ctx: _Ctx, ident: str) -> str | None:
    value = ctx.status.get(ident)
    return value if value in STATUS_VALUES else None


def _statement_node(ctx: _Ctx, sid: str, *, context: bool) -> str:
    st = ctx.rmap.statements[sid]
    header, fill, border, width, style = KIND_STYLE[st.kind]
    if st.effective_side is Side.neg and st.kind is not StatementKind.objection:
        fill, border = NEG_FILL, NEG_BORDER
        header += " · other side"
    if st.stock_issue is not None and not context:
        header += f" · {st.stock_issue.value}"
    ink = INK
    status = _status_of(ctx, sid)
    if status == "out":
        fill, ink = STATUS_OUT_FILL, STATUS_OUT_INK
    styles = ["rounded", "filled"]
    if context:
        fill, ink, border, width = CONTEXT_FILL, MUTED, FAINT, 1.0
        styles.append("dotted")
    elif style != "solid":
        styles.append(style)
    thesis = st.kind is StatementKind.thesis and not context
    size = THESIS_PT if thesis else TEXT_PT
    text = st.text
    if context and len(text.split()) > CONTEXT_WORDS:  # a reminder of where this leads, not the claim itself
        text = " ".join(text.split()[:CONTEXT_WORDS]) + " …"
    body = _font(_lines(text, THESIS_WRAP if thesis else WRAP), size=size, color=ink if ink != INK else None, bold=thesis)
    head = _font(html_text(header), size=HEADER_PT, color=MUTED)
    if status and not context:
        head += "  " + _font(html_text(STATUS_BADGE[status]), size=HEADER_PT, color=INK, bold=True)
    right = html_text(sid)
    if context:
        page = ctx.page_refs.get(sid)
        right = html_text(f"{sid} · p. {page}" if page else sid)
    more = ""
    if not context and sid in ctx.view.hidden:
        more = f'<HR/><TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT">{_more(ctx, sid)}</TD></TR>'
    label = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT">{head}</TD><TD ALIGN="RIGHT">{_font(right, size=HEADER_PT - 0.5, color=FAINT)}</TD></TR>'
        f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT">{body}</TD></TR>{more}'
        "</TABLE>>"
    )
    tip = f"{sid} ({st.kind.value}): {st.text}"
    if st.note:
        tip += f" | note: {st.note}"
    return (f"  {_nid('s', sid)} " + _attrs(
        id=dot_string(f"s-{sid}"), label=label, tooltip=tooltip_string(tip), shape="box", style=_q(",".join(styles)),
        fillcolor=_q(fill), color=_q(border), penwidth=float(width + (1.2 if status == "in" and not context else 0)),
    ))


def _short_cite(ctx: _Ctx, eid: str) -> str:
    rev = ctx.rmap.evidence[eid]
    src = ctx.rmap.sources.get(rev.evidence.source)
    cite = src.cite_short() if src else rev.evidence.source
    if rev.anchor is not None and rev.anchor.paragraph > 0:
        cite += f" ¶{rev.anchor.paragraph}"
    return cite


def _excerpt(ctx: _Ctx, eid: str) -> str:
    """What an evidence note shows: the words read aloud if marked, else the quote."""
    rev = ctx.rmap.evidence[eid]
    text = rev.evidence.quote
    if rev.anchor is not None and rev.highlights:
        whole = ctx.rmap.source_texts.get(rev.evidence.source)
        if whole is not None:
            text = " … ".join(whole.text[a:b] for a, b in rev.highlights)
    elif rev.anchor is not None:
        text = rev.anchor.exact
    words = clean_text(text).split(" ")
    if len(words) > EVIDENCE_WORDS:
        text = " ".join(words[:EVIDENCE_WORDS]) + " …"
    return f"“{clean_text(text)}”"


def _evidence_node(ctx: _Ctx, eid: str) -> str:
    rev = ctx.rmap.evidence[eid]
    cite = _short_cite(ctx, eid)
    status = _status_of(ctx, eid)
    head = _font(html_text(cite), size=EVIDENCE_PT, bold=True)
    if status:
        head += "  " + _font(html_text(STATUS_BADGE[status]), size=HEADER_PT, bold=True)
    body = _font(_lines(_excerpt(ctx, eid), EVIDENCE_WRAP), size=EVIDENCE_PT, color="#3e2723", italic=True)
    label = (
        '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
        f'<TR><TD ALIGN="LEFT">{head}</TD></TR><TR><TD ALIGN="LEFT" BALIGN="LEFT">{body}</TD></TR>'
        "</TABLE>>"
    )
    tip = f"{cite}: {rev.evidence.quote}"
    fill = STATUS_OUT_FILL if status == "out" else EVIDENCE_FILL
    return (f"  {_nid('e', eid)} " + _attrs(
        id=dot_string(f"e-{eid}"), label=label, tooltip=tooltip_string(tip), shape="note", style="filled",
        fillcolor=_q(fill), color=_q(EVIDENCE_BORDER), penwidth=1.0, margin=_q("0.1,0.05"),
    ))


def _relation_style(rel: Relation) -> dict[str, str | float]:
    if rel is Relation.support:
        return {"color": _q(SUPPORT), "style": "solid", "arrowhead": "normal", "penwidth": 1.8}
    if rel is Relation.rebut:
        return {"color": _q(ATTACK), "style": "dashed", "arrowhead": "tee", "penwidth": 1.8}
    return {"color": _q(ATTACK), "style": "dotted", "arrowhead": "tee", "penwidth": 2.2}


def _needs_junction(ctx: _Ctx, aid: str) -> bool:
    arg = ctx.rmap.arguments[aid]
    undercut = any(u in ctx.view.arguments for u in ctx.rmap.undercutting_args.get(aid, ()))
    return len(arg.premises) > 1 or undercut or aid in ctx.view.context_arguments and _is_undercut_target(ctx, aid)


def _is_undercut_target(ctx: _Ctx, aid: str) -> bool:
    return any(ctx.rmap.arguments[a].target == aid and ctx.rmap.arguments[a].relation is Relation.undercut
               for a in [*ctx.view.arguments, *ctx.view.context_arguments])


def _junction_node(ctx: _Ctx, aid: str, *, context: bool) -> str:
    arg = ctx.rmap.arguments[aid]
    colour = FAINT if context else (SUPPORT if arg.relation is Relation.support else ATTACK)
    status = _status_of(ctx, aid)
    fill = colour
    if status == "out":
        fill = "#ffffff"
    elif status == "undec":
        fill = "#bdbdbd"
    return (f"  {_nid('a', aid)} " + _attrs(
        id=dot_string(f"a-{aid}"), label='""', tooltip=tooltip_string(_argument_tip(ctx, aid)), shape="circle", style="filled",
        width=0.16, height=0.16, fixedsize="true", fillcolor=_q(fill), color=_q(colour), penwidth=1.4,
    ))


def _argument_tip(ctx: _Ctx, aid: str) -> str:
    """Hover text for an argument: what it does, its scheme and warrant."""
    arg = ctx.rmap.arguments[aid]
    verb = {Relation.support: "supports", Relation.rebut: "attacks", Relation.undercut: "undercuts"}[arg.relation]
    tip = f"argument {aid}: {' + '.join(arg.premises)} {verb} {arg.target}"
    if arg.scheme is not None:
        tip += f" | scheme: {arg.scheme.value}"
    if arg.answer_type is not None:
        tip += f" | answer: {arg.answer_type.value}"
    if arg.warrant:
        tip += f" | warrant: {arg.warrant}"
    status = _status_of(ctx, aid)
    if status:
        tip += f" | status: {status}"
    return tip


def _argument_edges(ctx: _Ctx, aid: str, drawn: set[str], junctions: set[str], *, context: bool) -> list[str]:
    arg = ctx.rmap.arguments[aid]
    style = {**_relation_style(arg.relation), "tooltip": tooltip_string(_argument_tip(ctx, aid))}
    if context:
        style = {**style, "color": _q(FAINT), "penwidth": 1.2}
    if arg.relation is Relation.undercut:
        if arg.target not in junctions:
            return []
        head = _nid("a", arg.target)
    else:
        if arg.target not in drawn:
            return []
        head = _nid("s", arg.target)
    premises = [p for p in arg.premises if p in drawn]
    edges = []
    if aid in junctions:
        for p in premises:
            edges.append(f"  {_nid('s', p)} -> {_nid('a', aid)} " + _attrs(
                id=dot_string(f"p-{aid}-{p}"), **{**style, "arrowhead": "none"}))
        edges.append(f"  {_nid('a', aid)} -> {head} " + _attrs(id=dot_string(f"r-{aid}"), **style))
    else:
        for p in premises:
            edges.append(f"  {_nid('s', p)} -> {head} " + _attrs(id=dot_string(f"r-{aid}-{p}"), **style))
    return edges


def _more(ctx: _Ctx, sid: str) -> str:
    """The footer of a claim whose reasons and objections are not drawn here."""
    cut = ctx.view.hidden[sid]
    reasons = sum(ctx.rmap.arguments[a].relation is Relation.support for a in cut)
    objections = len(cut) - reasons
    parts = []
    if reasons:
        parts.append(f"{reasons} reason{'s' if reasons != 1 else ''}")
    if objections:
        parts.append(f"{objections} objection{'s' if objections != 1 else ''}")
    page = ctx.page_refs.get(sid)
    if page is not None:
        where = "continued on" if ctx.page is None or page > ctx.page else "drawn on"
        text = _lines(f"▼ {' and '.join(parts)}: {where} p. {page}", WRAP + 4)
    else:
        text = _lines(f"▼ {' and '.join(parts)} not drawn", WRAP + 4)
        if ctx.focus_hint:
            text += "<BR/>" + html_text(f"(--focus {sid})")
    return _font(text, size=HEADER_PT + 0.5, color=MUTED, italic=True)


def _title(rmap: ResolvedMap, view: View, extra: str | None, *, short: bool = False) -> str:
    caption = view.caption + (f" · {extra}" if extra else "")
    if short:  # a continuation page: one line
        line = _font(html_text(rmap.header.title), size=TEXT_PT + 1, bold=True) + "   " + _font(html_text(caption), size=HEADER_PT + 1, color=MUTED, italic=True)
        return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2"><TR><TD ALIGN="LEFT">{line}</TD></TR></TABLE>'
    rows = [f'<TR><TD ALIGN="LEFT">{_font(html_text(rmap.header.title), size=TITLE_PT, bold=True)}</TD></TR>']
    if rmap.header.resolution:
        text = "Resolution: " + rmap.header.resolution
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(text, 64), size=TEXT_PT, color=MUTED)}</TD></TR>')
    rows.append(f'<TR><TD ALIGN="LEFT">{_font(html_text(caption), size=HEADER_PT + 1, color=MUTED, italic=True)}</TD></TR>')
    return '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">' + "".join(rows) + "</TABLE>"


def _legend(has: set[str]) -> str:
    """The key, as a table in the title block: it never moves the drawing around.

    Line samples are drawn with box-drawing characters in the edges' colours;
    node samples are table cells with the nodes' fill and border.
    """
    small = HEADER_PT + 0.5

    def line(sample: str, colour: str) -> str:
        return f'<TD ALIGN="LEFT">{_font(sample, size=small + 1, color=colour)}</TD>'

    def swatch(text: str, fill: str, border: str, style: str = "rounded") -> str:
        return (f'<TD BORDER="1" STYLE="{style}" BGCOLOR="{fill}" COLOR="{border}" CELLPADDING="2">'
                f"{_font(text, size=small - 1)}</TD>")

    def words(text: str) -> str:
        return f'<TD ALIGN="LEFT">{_font(html_text(text), size=small)}</TD>'

    items = [
        (line("━━━━━▶", SUPPORT), words("supports")),
        (line("━ ━ ━ ━┫", ATTACK), words("attacks (rebuts)")),
    ]
    if "undercut" in has:
        items.append((line("<B>• • • • •</B>┫", ATTACK), words("undercuts (attacks the step)")))
    if "linked" in has:
        items.append((line("━━●━━▶", SUPPORT), words("linked: only together")))
    if "evidence" in has:
        items.append((swatch("Cite 23 ¶4", EVIDENCE_FILL, EVIDENCE_BORDER, "solid"), words("evidence (cite ¶ paragraph)")))
    if "assumption" in has:
        items.append((swatch("ASSUMPTION", "#ffffff", "#455a64", "dashed"), words("unstated premise")))
    if "objection" in has:
        items.append((swatch("OBJECTION", NEG_FILL, NEG_BORDER), words("other side")))
    if "answer" in has:
        items.append((swatch("ANSWER", "#e8f5e9", "#2e7d32"), words("reply to an objection")))
    if "context" in has:
        items.append((swatch("context", CONTEXT_FILL, FAINT, "dotted"), words("outside this view")))
    if "status" in has:
        items.append(('<TD ALIGN="LEFT">' + _font("✔ ✘ ?", size=small, bold=True) + "</TD>", words("in · out · undecided")))
    rows = []
    for i in range(0, len(items), 2):
        pair = items[i:i + 2]
        cells = "".join(a + b for a, b in pair)
        if len(pair) == 1:
            cells += "<TD></TD><TD></TD>"
        rows.append(f"<TR>{cells}</TR>")
    head = f'<TR><TD ALIGN="LEFT" COLSPAN="4">{_font("Key", size=small, bold=True, color=MUTED)}</TD></TR>'
    return ('<TABLE BORDER="1" STYLE="rounded" COLOR="#c8ccd0" CELLBORDER="0" CELLSPACING="3" CELLPADDING="1">'
            + head + "".join(rows) + "</TABLE>")


def _graph_label(rmap: ResolvedMap, view: View, extra: str | None, *, title: bool | str, legend: set[str] | None) -> str | None:
    cells = []  # the title, and the key beside it (Graphviz would stretch a key set under a wider title)
    if title:
        cells.append(f'<TD ALIGN="LEFT" VALIGN="TOP">{_title(rmap, view, extra, short=title == "short")}</TD>')
    if legend is not None:
        if cells:
            cells.append('<TD WIDTH="24"></TD>')
        cells.append(f'<TD ALIGN="LEFT" VALIGN="TOP">{_legend(legend)}</TD>')
    if not cells:
        return None
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>' + "".join(cells) + "</TR></TABLE>>"


def to_dot(rmap: ResolvedMap, *, focus: str | None = None, depth: int | None = None, option: str | None = None,
           evidence: bool = True, status: Mapping[str, str] | None = None, legend: bool = True, title: bool | str = True,
           page_refs: Mapping[str, int] | None = None, page: int | None = None, caption: str | None = None,
           view: View | None = None) -> str:
    """The diagram as Graphviz DOT text. Pure: no files, no `dot`, no clock.

    focus: a statement (or argument) id: draw only what lies below it, plus its
        parents, faded, for orientation. option: draw one policy option's
        statements and what supports or attacks them. depth: how many levels of
        reasons and objections to draw below the top; what is cut is counted in
        a marker. evidence: draw evidence notes. status: id -> "in" | "out" |
        "undec" (Dung labels from argmap.analyze.evaluate), drawn as badges. page_refs:
        statement id -> page number, for the "continued on p. N" markers of
        paged PDFs.
    """
    if view is None:
        view = select(rmap, focus=focus, depth=depth, option=option, evidence=evidence)
    return _draw(rmap, view, status=status, legend=legend, title=title, page_refs=page_refs, page=page, caption=caption).text()


@dataclass
class _Dot:
    """One diagram's DOT in parts, so that a page can also be laid out as a
    skeleton: the same graph with each box replaced by an empty box of the same
    size (see `_Trials`)."""

    graph: dict  # the graph's attributes, its label (title and key) left out
    label: str | None
    nodes: list[tuple[str, str, bool]]  # (name, line, a box with text?) in drawing order
    rest: list[str]  # clusters and edges

    def text(self) -> str:
        graph = _attrs(**self.graph, label=self.label)
        return "\n".join([*_dot_head(graph), *(line for _, line, _ in self.nodes), *self.rest, "}"]) + "\n"

    def skeleton(self, sizes: Mapping[str, tuple[str, str]]) -> str:
        """Laid out by `dot`, as large as `text()` without the graph label, in a
        fraction of the time: no text to measure. `sizes`: node line -> (width,
        height) in inches, as Graphviz wrote them."""
        lines = _dot_head(_attrs(**self.graph))
        for name, line, box in self.nodes:
            if box:
                width, height = sizes[line]
                line = f'  {name} [shape=box, fixedsize=true, width={width}, height={height}, label=""];'
            lines.append(line)
        return "\n".join([*lines, *self.rest, "}"]) + "\n"


def _dot_head(graph_attrs: str) -> list[str]:
    return ["digraph argmap {", f"  graph {graph_attrs};", _NODE_DEFAULTS, _EDGE_DEFAULTS]


_GRAPH_ATTRS = dict(rankdir="BT", newrank="true", nodesep=0.3, ranksep=0.42, splines="spline", outputorder="edgesfirst",
                    fontname=_q(FONT), fontsize=TEXT_PT, bgcolor=_q("#ffffff"), pad=_q("0.15"), margin=_q("0"),
                    labelloc="t", labeljust="l")
_NODE_DEFAULTS = "  node " + _attrs(fontname=_q(FONT), fontsize=TEXT_PT, fontcolor=_q(INK), margin=_q("0.11,0.06")) + ";"
_EDGE_DEFAULTS = "  edge " + _attrs(fontname=_q(FONT), fontsize=HEADER_PT, arrowsize=0.9) + ";"


def _draw(rmap: ResolvedMap, view: View, *, status: Mapping[str, str] | None = None, legend: bool = True,
          title: bool | str = True, page_refs: Mapping[str, int] | None = None, page: int | None = None,
          caption: str | None = None, memo: dict | None = None) -> _Dot:
    """`to_dot`, in parts. `memo`: a dict kept between calls for one map and
    status (paging draws the same boxes and arrows hundreds of times)."""
    ctx = _Ctx(rmap, view, status or {}, page_refs or {}, focus_hint=page_refs is None, page=page)
    drawn = set(view.statements) | set(view.context)
    junctions = {a for a in [*view.arguments, *view.context_arguments] if _needs_junction(ctx, a)}

    def once(key: tuple, make: Callable[[], object]):
        if memo is None:
            return make()
        found = memo.get(key)
        if found is None:
            found = memo[key] = make()
        return found

    def box(sid: str, context: bool) -> str:  # a statement's line depends on no more than this
        ref = ctx.page_refs.get(sid)
        key = ("s", sid, context, None if context else tuple(view.hidden.get(sid, ())), ref, ctx.status.get(sid),
               ctx.focus_hint, page is None or ref is None or ref > page)
        return once(key, lambda: _statement_node(ctx, sid, context=context))

    def arrows(aid: str, context: bool) -> list[str]:
        arg = rmap.arguments[aid]
        key = ("r", aid, context, ctx.status.get(aid), aid in junctions,
               arg.target in (junctions if arg.relation is Relation.undercut else drawn), tuple(p in drawn for p in arg.premises))
        return once(key, lambda: _argument_edges(ctx, aid, drawn, junctions, context=context))

    has: set[str] | None = None
    if legend:
        has = set()
        if any(rmap.arguments[a].relation is Relation.undercut for a in view.arguments):
            has.add("undercut")
        if any(len(rmap.arguments[a].premises) > 1 for a in view.arguments):
            has.add("linked")
        if view.evidence:
            has.add("evidence")
        kinds = {rmap.statements[s].kind for s in view.statements}
        if StatementKind.assumption in kinds:
            has.add("assumption")
        if StatementKind.answer in kinds:
            has.add("answer")
        if any(rmap.statements[s].effective_side is Side.neg for s in view.statements):
            has.add("objection")
        if view.context:
            has.add("context")
        if ctx.status:
            has.add("status")
    nodes = [(_nid("s", sid), box(sid, False), True) for sid in view.statements]
    nodes += [(_nid("s", sid), box(sid, True), True) for sid in view.context]
    nodes += [(_nid("a", aid), once(("a", aid, context, ctx.status.get(aid)), lambda: _junction_node(ctx, aid, context=context)), False)
              for aid in [*view.arguments, *view.context_arguments] if aid in junctions
              for context in [aid in view.context_arguments]]
    nodes += [(_nid("e", eid), once(("e", eid, ctx.status.get(eid)), lambda: _evidence_node(ctx, eid)), True) for eid in view.evidence]
    lines: list[str] = []

    # Options as clusters: a statement's option; an argument's junction and a
    # piece of evidence join a cluster when everything they touch is in it.
    cluster_of: dict[str, str] = {}
    for sid in view.statements:
        opt = rmap.statements[sid].option
        if opt in rmap.options:
            cluster_of[f"s:{sid}"] = opt
    for aid in view.arguments:
        if aid in junctions:
            arg = rmap.arguments[aid]
            ends = {cluster_of.get(f"s:{p}") for p in arg.premises if p in drawn}
            ends.add(cluster_of.get(f"s:{arg.target}") if arg.relation is not Relation.undercut else cluster_of.get(f"a:{arg.target}"))
            if len(ends) == 1 and None not in ends:
                cluster_of[f"a:{aid}"] = ends.pop()
    for eid in view.evidence:
        ev = rmap.evidence[eid].evidence
        ends = {cluster_of.get(f"s:{t}") for t in (*ev.supports, *ev.challenges) if t in view.statements}
        if len(ends) == 1 and None not in ends:
            cluster_of[f"e:{eid}"] = ends.pop()
    for oid, opt in rmap.options.items():
        members = [name for name, o in cluster_of.items() if o == oid]
        if not members:
            continue
        mark = " · ★ recommended" if opt.recommended else ""
        label = ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
                 f'<TR><TD ALIGN="LEFT">{_font(html_text("OPTION · " + opt.kind.value + mark), size=HEADER_PT, color=MUTED)}</TD></TR>'
                 f'<TR><TD ALIGN="LEFT">{_font(html_text(opt.label), size=TEXT_PT + 1.5, bold=True)}</TD></TR></TABLE>')
        # Each cluster sits in an anonymous subgraph, which changes nothing drawn:
        # Graphviz takes named subgraphs in the order of their names' addresses
        # in memory, anonymous ones in the order written. In a `dot` that draws
        # one graph and exits, the two orders agree; in one that draws several
        # (paging, `_Trials`, `run_dot_many`) the first could differ from run to
        # run, and with it the layout or the PDF's bytes.
        lines.append("  subgraph {")
        lines.append(f"  subgraph {dot_string('cluster_option_' + oid)} {{")
        lines.append(f"    id={dot_string('option-' + oid)}; label=<{label}>; labeljust=l; labelloc=b; style=\"rounded,filled\"; "
                     f"fillcolor={_q(OPTION_FILL)}; color={_q(OPTION_BORDER)}; penwidth=1.2; margin=12;")
        lines.append("    " + " ".join(dot_string(m) + ";" for m in members))
        lines.append("  }")
        lines.append("  }")

    for aid in view.arguments:
        lines.extend(arrows(aid, False))
    for aid in view.context_arguments:
        lines.extend(arrows(aid, True))
    # A claim's cards hang in one column under it (each a rank lower, held by an
    # invisible edge to the card above), so several cards do not widen the tree.
    column: dict[str, list[str]] = {}
    for eid in view.evidence:
        ev = rmap.evidence[eid].evidence
        first = next((t for t in (*ev.supports, *ev.challenges) if t in view.statements), None)
        if first is not None:
            column.setdefault(first, []).append(eid)
    above = {eid: col[i - 1] for col in column.values() for i, eid in enumerate(col) if i}
    for eid in view.evidence:
        ev = rmap.evidence[eid].evidence
        for rel, targets in ((Relation.support, ev.supports), (Relation.rebut, ev.challenges)):
            for t in targets:
                if t not in view.statements:
                    continue
                if rel is Relation.support:
                    style = {"color": _q(EVIDENCE_EDGE), "style": "solid", "arrowhead": "normal", "penwidth": 1.2, "arrowsize": 0.8}
                else:
                    style = {"color": _q(ATTACK), "style": "dashed", "arrowhead": "tee", "penwidth": 1.2, "arrowsize": 0.8}
                if eid in above and eid in column.get(t, ()):
                    style["constraint"] = "false"
                lines.append(f"  {_nid('e', eid)} -> {_nid('s', t)} " + _attrs(id=dot_string(f"ev-{eid}-{t}"), **style))
    for eid, upper in above.items():
        lines.append(f"  {_nid('e', eid)} -> {_nid('e', upper)} " + _attrs(style="invis", weight=20.0))
    return _Dot(_GRAPH_ATTRS, _graph_label(rmap, view, caption, title=title, legend=has), nodes, lines)


# --------------------------------------------------------------------------- running Graphviz


class _Program(Location):
    """A diagnostic about a program, not a file: printed as `argmap: error[...]`."""

    def __str__(self) -> str:
        return self.path


GRAPHVIZ_HELP = (
    "install Graphviz, then run the command again:\n"
    "    sudo apt-get install graphviz     (Debian, Ubuntu)\n"
    "    brew install graphviz             (macOS)\n"
    "    sudo dnf install graphviz         (Fedora)\n"
    "    https://graphviz.org/download/    (Windows; tick 'add to PATH')\n"
    "  or run 'bash scripts/setup'; '--format dot' writes the diagram's source without Graphviz"
)


def dot_executable() -> str:
    """The path of Graphviz's `dot`, or an E502 error that says how to install it."""
    found = shutil.which("dot")
    if found is None:
        raise ArgmapError([Diagnostic("E502", "drawing a diagram needs Graphviz, and its 'dot' program was not found on PATH",
                                      _Program("argmap"), hint=GRAPHVIZ_HELP)])
    return found


def _failed(what: str, detail: str) -> ArgmapError:
    detail = "\n".join(line for line in detail.strip().splitlines()[:6]) or "no message"
    return ArgmapError([Diagnostic("E503", f"{what} failed: {detail}", _Program("argmap"),
                                   hint="this is a bug in argmap or Graphviz, not in the claim file; please report it with "
                                        "the output of 'argmap diagram MAP --format dot'")])


# A hang guard, not a speed limit: the largest map a claim file can hold lays
# out in well under a minute, so a `dot` still running after this is stuck.
DOT_TIMEOUT = 300


def run_dot(source: str, formats: Sequence[str], *, dpi: int | None = None) -> dict[str, bytes]:
    """Lay the graph out once and write it in each of `formats` (svg, png, pdf, plain).

    With `dpi` (for PNG), a drawing larger than PNG_MAX_PX (a 4K screen) is
    scaled down to fit it: a bigger bitmap is slow to make and heavy to open,
    and a screen or projector shows no more. SVG and PDF keep every detail.
    Graphviz's output is a function of the source alone, so the last few
    drawings are kept: a build draws the whole map once for its SVG and again
    for the brief handout, which then costs nothing (`clear_cache` forgets them).
    """
    exe = dot_executable()  # first: a drawing kept from earlier does not hide a missing Graphviz
    key = (exe, source, tuple(formats), dpi)
    kept = _DRAWINGS.get(key)
    if kept is not None:
        return dict(kept)
    with children.temp_dir(prefix="argmap-dot-") as tmp:
        args = [exe]
        if dpi is not None:
            width, height = (px / dpi for px in PNG_MAX_PX)
            args += [f"-Gdpi={dpi}", f"-Gsize={width:g},{height:g}"]
        for fmt in formats:
            args += [f"-T{fmt}", "-o", os.path.join(tmp, f"out.{fmt}")]
        try:
            proc = children.run(args, input=source.encode("utf-8"), timeout=DOT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise _failed("Graphviz", f"no drawing after {DOT_TIMEOUT} s") from None
        except OSError as exc:  # found but not runnable
            raise _failed("running Graphviz", str(exc)) from exc
        if proc.returncode != 0:
            raise _failed("Graphviz", proc.stderr.decode("utf-8", "replace"))
        out = {fmt: Path(tmp, f"out.{fmt}").read_bytes() for fmt in formats}
    _DRAWINGS.put(key, out)
    return dict(out)


def run_dot_many(sources: Sequence[str], formats: Sequence[str]) -> list[dict[str, bytes]]:
    """`run_dot` for several graphs in one `dot` run (no cache, no dpi).

    Starting `dot` to draw a PDF (plugins, fonts: about 20 ms) costs more than
    laying out and drawing a page (about 7 ms), so pages are drawn in batches.
    The output is the same, byte for byte, as that of one run per graph (see
    the note on clusters in `_draw`).
    """
    exe = dot_executable()
    with children.temp_dir(prefix="argmap-dot-") as tmp:
        names = [f"g{i}.gv" for i in range(len(sources))]
        for name, source in zip(names, sources):
            Path(tmp, name).write_bytes(source.encode("utf-8"))
        try:  # -O: each graph's output goes next to its file, as g0.gv.pdf
            proc = children.run([exe, *(f"-T{fmt}" for fmt in formats), "-O", *names], cwd=tmp, timeout=DOT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise _failed("Graphviz", f"no drawing after {DOT_TIMEOUT} s") from None
        except OSError as exc:
            raise _failed("running Graphviz", str(exc)) from exc
        if proc.returncode != 0:
            raise _failed("Graphviz", proc.stderr.decode("utf-8", "replace"))
        return [{fmt: Path(tmp, f"{name}.{fmt}").read_bytes() for fmt in formats} for name in names]


def layout_size(source: str) -> tuple[float, float]:
    """The drawing's natural width and height, in points."""
    return _plain_size(run_dot(source, ["plain"])["plain"])


def _plain_size(plain: bytes) -> tuple[float, float]:
    first = plain.decode("utf-8", "replace").split("\n", 1)[0].split()  # "graph scale width height", inches
    return float(first[2]) * 72.0, float(first[3]) * 72.0


def _workers() -> int:
    return max(1, min(8, os.cpu_count() or 2))


def _parallel(func, items: Sequence) -> list:
    """`func` over `items` on a few threads (each call mostly waits for `dot`); results in order."""
    if len(items) < 2:
        return [func(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        return list(pool.map(func, items))


class _Kept:
    """The last drawings made, by what they were made from, up to `budget` bytes."""

    def __init__(self, budget: int):
        self.budget = budget
        self.items: OrderedDict[tuple, tuple[dict[str, bytes], int]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: tuple) -> dict[str, bytes] | None:
        with self.lock:
            found = self.items.get(key)
            if found is None:
                return None
            self.items.move_to_end(key)
            return found[0]

    def put(self, key: tuple, value: dict[str, bytes]) -> None:
        size = len(key[1]) + sum(len(v) for v in value.values())
        if size > self.budget // 4:
            return
        with self.lock:
            if key in self.items:
                return
            self.items[key] = (value, size)
            self.size += size
            while self.size > self.budget:
                _, (_, old) = self.items.popitem(last=False)
                self.size -= old

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


_DRAWINGS = _Kept(64 * 2**20)


def clear_cache() -> None:
    """Forget the drawings kept from earlier calls (for timing, and for tests that
    want Graphviz to draw again)."""
    _DRAWINGS.clear()


class _Trials:
    """How large a candidate page would be, fast: paging tries hundreds of them.

    Each candidate is laid out as its skeleton (`_Dot.skeleton`): the same graph
    with every box replaced by an empty box of the same size and the graph
    label left out. Box sizes are measured once, in a catalog graph of all the
    boxes not measured yet; the graph label too, and it is added back the way
    Graphviz adds a graph label: as wide as the label plus 16 pt if that is
    wider, plus the label's height and 8 pt. Without text to measure, the
    skeleton lays out in about 1 ms against 4 ms for the page; and every
    layout goes to one `dot -Tplain` kept running (a graph at a time on its
    input, a layout back on its output), which spares the 15 ms of starting
    `dot` each time. The size comes out the same as the page's own to a
    fraction of a point (tests/test_diagram.py checks it); the drawn pages are
    measured again anyway (`_Book`).

    Safe to share between threads; close it (or use `with`) to stop the `dot`s.
    """

    LABEL_PAD = (16.0, 8.0)  # Graphviz pads a graph label by 4 and 2 times its GAP of 4 pt
    PATIENCE = 60.0  # seconds to wait for one layout before `dot` is started anew for each

    def __init__(self) -> None:
        self.sizes: dict[str, tuple[str, str]] = {}  # node line -> (width, height) in inches, as dot wrote them
        self.labels: dict[str, tuple[float, float]] = {}  # graph label -> (width, height) in points
        self.memo: dict[str, tuple[float, float]] = {}  # skeleton -> its size
        self.layouts = 0  # how many layouts `dot` ran (for the benchmark)
        self._idle: list[subprocess.Popen] = []
        self._all: list[subprocess.Popen] = []
        self._alone = False  # True: each layout runs a `dot` of its own
        self._lock = threading.Lock()

    def __enter__(self) -> "_Trials":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def size(self, drawing: _Dot) -> tuple[float, float]:
        """The natural width and height, in points, of `drawing.text()` laid out by `dot`."""
        self._measure(drawing)
        skeleton = drawing.skeleton(self.sizes)
        found = self.memo.get(skeleton)
        if found is None:
            found = self.memo[skeleton] = _plain_size(self._plain(skeleton))
        width, height = found
        if drawing.label is not None:
            label_w, label_h = self.labels[drawing.label]
            width, height = max(width, label_w + self.LABEL_PAD[0]), height + label_h + self.LABEL_PAD[1]
        return width, height

    def _measure(self, drawing: _Dot) -> None:
        boxes = {line: name for name, line, box in drawing.nodes if box and line not in self.sizes}
        lines = list(boxes)
        label = drawing.label if drawing.label is not None and drawing.label not in self.labels else None
        if not lines and label is None:
            return
        catalog = _dot_head(_attrs(**_GRAPH_ATTRS))
        for i, line in enumerate(lines):  # each box under a plain name (n0, n1, ...) and no edges
            catalog.append(f"  n{i} {line[len(boxes[line]) + 3:]}")
        if label is not None:  # the graph label as a box of its own size
            catalog.append(f"  label [shape=plaintext, margin=0, width=0, height=0, label={label}];")
        measured = {}
        for row in self._plain("\n".join([*catalog, "}"]) + "\n").decode("utf-8", "replace").splitlines():
            if row.startswith("node "):
                name, _, _, width, height = row.split(" ", 6)[1:6]
                measured[name] = (width, height)
        for i, line in enumerate(lines):
            self.sizes[line] = measured[f"n{i}"]
        if label is not None:
            width, height = measured["label"]
            self.labels[label] = (float(width) * 72.0, float(height) * 72.0)

    def _plain(self, source: str) -> bytes:
        """`dot -Tplain` of one graph, from a `dot` kept running."""
        with self._lock:
            self.layouts += 1
            proc = self._idle.pop() if self._idle else None
            alone = self._alone
        if alone:
            return run_dot(source, ["plain"])["plain"]
        try:
            if proc is None:
                proc = children.popen([dot_executable(), "-Tplain"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL)
                with self._lock:
                    self._all.append(proc)
            proc.stdin.write(source.encode("utf-8"))
            proc.stdin.flush()
            if os.name == "posix":  # a `dot` that held its answer back would hang the build: give up on it instead
                import select

                if not select.select([proc.stdout], [], [], self.PATIENCE)[0]:
                    with self._lock:
                        self._alone = True
                    raise TimeoutError("dot gave no answer")
            out = []
            while True:
                line = proc.stdout.readline()
                if not line:
                    raise EOFError("dot stopped")
                out.append(line)
                if line.strip() == b"stop":
                    break
        except (OSError, EOFError, ValueError):  # (TimeoutError is an OSError)
            if proc is not None:
                self._stop(proc, kill=True)
            return run_dot(source, ["plain"])["plain"]  # on its own, so that a failure says what went wrong
        with self._lock:
            self._idle.append(proc)
        return b"".join(out)

    def _stop(self, proc: subprocess.Popen, kill: bool = False) -> None:
        with self._lock:
            if proc in self._all:
                self._all.remove(proc)
            if proc in self._idle:
                self._idle.remove(proc)
        children.release(proc)
        if kill:
            proc.kill()
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()

    def close(self) -> None:
        for proc in list(self._all):
            self._stop(proc)


# --------------------------------------------------------------------------- PDF: pages a printer can take


@dataclass
class Page:
    dot: str
    width: float  # natural size, points
    height: float
    focus: str | None = None
    pdf: bytes | None = None  # Graphviz's drawing of this page, when already made

    @classmethod
    def drawn(cls, dot: str, focus: str | None = None) -> "Page":
        """Lay the page out once: its size and its PDF drawing together."""
        out = run_dot(dot, ["plain", "pdf"])
        width, height = _plain_size(out["plain"])
        return cls(dot, width, height, focus, out["pdf"])

    def placement(self, paper: str) -> tuple[bool, float]:
        """(landscape?, scale) that fits the page best, the scale capped at MAX_SCALE."""
        short, long = PAPER[paper]
        best = (True, 0.0)
        for landscape in (True, False):
            w, h = (long, short) if landscape else (short, long)
            box_w, box_h = w - 2 * MARGIN, h - 2 * MARGIN - FOOTER
            scale = min(box_w / self.width, box_h / self.height)
            if scale > best[1] + 1e-9:
                best = (landscape, scale)
        return best[0], min(best[1], MAX_SCALE)

    def fits(self, paper: str) -> bool:
        return self.placement(paper)[1] >= MIN_SCALE


PAGE_BATCH = 16  # pages drawn by one `dot` run (starting one costs about as much as drawing three pages)


class _Book:
    """The pages of one PDF: planned (`_plan_pages`), drawn a batch of pages to
    each `dot` run, and measured again. A page is tried with placeholders for
    its page numbers, and the page drawn is not quite the page tried: a page
    that came out too large is planned again with a little room to spare (in
    the op-ed map, one page of the Stick option's PDF, which would otherwise
    print at 69%)."""

    def __init__(self, rmap: ResolvedMap, trials: _Trials, opts: Mapping, paper: str):
        self.rmap, self.trials, self.opts, self.paper = rmap, trials, dict(opts), paper
        self.spare: dict[tuple, float] = {}  # page (its first claim and arguments) -> room to leave
        self.rounds = 0
        self.plan = self._plan()
        self.drawing: list = []

    def _plan(self) -> Page | list[tuple[str, str | None, tuple, bool]]:
        digits = 2
        while True:
            plan = _plan_pages(self.rmap, self.trials, paper=self.paper, spare=self.spare, digits=digits, **self.opts)
            if isinstance(plan, Page) or len(str(len(plan))) <= digits:
                return plan
            digits = len(str(len(plan)))  # "continued on p. 104": plan again for three-digit page numbers

    def draw(self, submit: Callable) -> None:
        """Start drawing the pages: `submit(func, *args)` gives a future (a thread pool's submit)."""
        if isinstance(self.plan, Page):
            self.drawing = []
            return
        texts = [dot for dot, _, _, _ in self.plan]
        self.drawing = [submit(run_dot_many, texts[i:i + PAGE_BATCH], ["plain", "pdf"]) for i in range(0, len(texts), PAGE_BATCH)]

    def pages(self, submit: Callable) -> list[Page]:
        """The pages, once drawn (`draw` first)."""
        while True:
            if isinstance(self.plan, Page):
                return [self.plan]
            outs = [out for batch in self.drawing for out in batch.result()]
            pages = [Page(dot, *_plain_size(out["plain"]), focus, out["pdf"]) for (dot, focus, _, _), out in zip(self.plan, outs)]
            large = [key for page, (_, _, key, expected) in zip(pages, self.plan) if expected and not page.fits(self.paper)]
            self.rounds += 1
            if not large or self.rounds == 3:
                return pages
            for key in large:
                self.spare[key] = self.spare.get(key, 1.0) * 1.03
            self.plan = self._plan()
            self.draw(submit)


@dataclass
class _Entry:
    """A claim that starts a page: all its reasons and objections, or the rest of them."""

    sid: str
    args: frozenset[str] | None  # None: every argument below the claim
    came_from: int | None  # the page (index in the plan) whose marker leads here
    page: int = 0  # 1-based, once placed


def paginate(rmap: ResolvedMap, *, option: str | None = None, focus: str | None = None, depth: int | None = None,
             evidence: bool = True, status: Mapping[str, str] | None = None, legend: bool = True,
             paper: str = "letter") -> list[Page]:
    """Split a diagram into pages that each print at MIN_SCALE or larger.

    A diagram that fits is one page. Otherwise the argument is cut into
    subtrees: a page starts from a claim (page 1: the top claims), draws its
    reasons and objections, and goes on drawing levels below them, branch by
    branch in reading order, for as long as the page still fits. A claim whose
    branch did not fit gets a footer "continued on p. N"; page N starts from
    that claim, its parent drawn faded with the page it is on. A claim with
    more reasons and objections than a page is wide keeps as many as fit, and
    the rest continue on the next page. Claims continued from one page share a
    page when they fit together. Cutting by subtree keeps every page a piece
    of the argument a reader can follow on its own. A caller's depth limit
    still holds. Only a single argument too wide for the paper prints smaller.

    Whether a candidate page fits is asked of Graphviz itself, on the page's
    skeleton (`_Trials`); each page is then drawn once (`_Book`).
    """
    from concurrent.futures import ThreadPoolExecutor

    opts = dict(option=option, focus=focus, depth=depth, evidence=evidence, status=status, legend=legend)
    with _Trials() as trials, ThreadPoolExecutor(max_workers=_workers()) as pool:
        book = _Book(rmap, trials, opts, paper)
        book.draw(pool.submit)
        return book.pages(pool.submit)


def _plan_pages(rmap: ResolvedMap, trials: _Trials, *, option: str | None, focus: str | None, depth: int | None,
                evidence: bool, status: Mapping[str, str] | None, legend: bool, paper: str,
                spare: Mapping[tuple, float], digits: int) -> Page | list[tuple[str, str | None, tuple, bool]]:
    """The pages of `paginate`, planned: a single page already drawn, or for each
    page (DOT text, focus, key, fits by its skeleton?)."""
    opts = dict(status=status, legend=legend)
    base = select(rmap, focus=focus, depth=depth, option=option, evidence=evidence)
    whole = _draw(rmap, base, **opts)
    alone = focus in rmap.arguments or not base.roots
    if alone or len(base.statements) + len(base.evidence) <= PAGE_NODES_MAX and Page("", *trials.size(whole)).fits(paper):
        page = Page.drawn(whole.text(), focus)
        if page.fits(paper) or alone:
            return page
    # (More claims and cards than PAGE_NODES_MAX never fit: no need to lay them all out.)

    g = _graph(rmap)
    drawn = set(base.statements)
    can_open = {sid for sid in base.statements if sid not in base.hidden and g.below[sid]}
    unknown = int("8" * digits)  # page numbers are not known yet: as wide as the widest (DejaVu's digits are all as wide)
    memo: dict = {}

    def view_of(roots: list[str], opened: Mapping[str, object], repeat: Iterable[str] = ()) -> View:
        view = _assemble(rmap, g, roots, lambda sid, level: opened.get(sid, False), [], roots, base.caption, evidence)
        # A claim continued on another page takes its cards there; a claim split
        # over pages shows them on its first page only.
        away = {sid for sid in view.hidden if sid in can_open and sid not in roots} | set(repeat)
        view.evidence = [eid for eid in view.evidence if any(
            t in levels and t not in away for t in (*rmap.evidence[eid].evidence.supports, *rmap.evidence[eid].evidence.challenges)
            for levels in [set(view.statements)])]
        return view

    def fits(roots: list[str], opened: Mapping[str, object], repeat: Iterable[str] = ()) -> bool:
        view = view_of(roots, opened, repeat)
        if len(view.statements) + len(view.context) + len(view.evidence) > PAGE_NODES_CAP:
            return False  # never fits: spare the layout (a cap can only add a page, never shrink one)
        placeholder = {sid: unknown for sid in [*view.hidden, *view.context]}
        first = not plans  # page 1 carries the full title and the key
        page_opts = opts if first else {**opts, "legend": False, "title": "short"}
        view.caption += f" · page {unknown} of {unknown}, continued from page {unknown}"
        scale = Page("", *trials.size(_draw(rmap, view, page_refs=placeholder, memo=memo, **page_opts))).placement(paper)[1]
        return scale >= MIN_SCALE * spare.get(key, 1.0)

    def kids(sid: str, which: object) -> list[str]:
        levels, _ = g.walk([sid], lambda s, level: which if level == 0 else False)
        return [k for k, level in levels.items() if level == 1]

    entries = [_Entry(r, None, None) for r in base.roots]
    entry_of = {r: i for i, r in enumerate(base.roots)}  # claim -> the entry that draws all of it
    queue: deque[int] = deque(range(len(entries)))
    done: dict[str, set[str]] = {}  # claim -> its arguments drawn on pages so far
    plans: list[tuple[list[str], dict, list[int], dict[str, int], View, tuple, bool]] = []
    while queue:
        number = len(plans)
        first = entries[queue.popleft()]
        key = (first.sid, first.args)
        taken = [entries.index(first)]
        roots = [first.sid]
        repeat = [first.sid] if first.args is not None else []  # the rest of a claim begun on an earlier page
        opened: dict[str, object] = {}
        rest_entry: int | None = None
        if first.sid in can_open:
            todo = [a for a in g.below[first.sid] if first.args is None or a in first.args]
            opened[first.sid] = frozenset(todo)
            if len(todo) > 1 and not fits(roots, opened, repeat):  # too many reasons for one page: as many as fit
                chosen = todo[:1]
                for aid in todo[1:]:
                    if not fits(roots, {first.sid: frozenset([*chosen, aid])}, repeat):
                        break
                    chosen.append(aid)
                opened[first.sid] = frozenset(chosen)
                entries.append(_Entry(first.sid, frozenset(todo[len(chosen):]), number))
                rest_entry = len(entries) - 1
                queue.appendleft(rest_entry)  # the rest comes on the next page
        misses = 0
        for idx in list(queue) if rest_entry is None else []:  # room left: claims waiting in line join this page
            nxt = entries[idx]
            trial = dict(opened)
            if nxt.sid in can_open:
                trial[nxt.sid] = frozenset(a for a in g.below[nxt.sid] if nxt.args is None or a in nxt.args)
            more = [nxt.sid] if nxt.args is not None else []
            if nxt.sid in roots or not fits([*roots, nxt.sid], trial, repeat + more):
                misses += 1
                if misses >= PACK_LOOKAHEAD:
                    break
                continue
            queue.remove(idx)
            taken.append(idx)
            roots.append(nxt.sid)
            repeat += more
            opened = trial
        frontier = [k for r in roots if r in opened for k in kids(r, opened[r])]
        while frontier:  # then deeper, a whole level at once if it fits, else branch by branch
            wanted = [sid for sid in dict.fromkeys(frontier) if sid in can_open and sid not in opened and sid in drawn]
            frontier = []
            if wanted and fits(roots, {**opened, **{sid: True for sid in wanted}}, repeat):
                opened.update({sid: True for sid in wanted})
                frontier = [k for sid in wanted for k in kids(sid, True)]
                continue
            for sid in wanted:
                if fits(roots, {**opened, sid: True}, repeat):
                    opened[sid] = True
                    frontier.extend(kids(sid, True))
        expected = fits(roots, opened, repeat)  # (tried already; False for a claim whose one argument is too large)
        view = view_of(roots, opened, repeat)
        leads: dict[str, int] = {}  # claim -> the entry its footer points to
        for sid in list(view.hidden):
            if sid == first.sid and rest_entry is not None:
                view.hidden[sid] = [a for a in view.hidden[sid] if a in entries[rest_entry].args]
                leads[sid] = rest_entry
            elif sid in roots and entries[taken[roots.index(sid)]].args is not None:
                view.hidden.pop(sid)  # the rest of a claim begun on an earlier page: said by the caption
            elif sid in can_open:
                if sid not in entry_of:
                    entries.append(_Entry(sid, None, number))
                    entry_of[sid] = len(entries) - 1
                    queue.append(entry_of[sid])
                leads[sid] = entry_of[sid]
        for sid, which in opened.items():
            done.setdefault(sid, set()).update(g.below[sid] if which is True else which)
        plans.append((roots, opened, taken, leads, view, key, expected))

    # Number the pages, then write them with their cross-references.
    home: dict[str, int] = {}
    for number, (_, _, taken, _, view, _, _) in enumerate(plans, 1):
        for i in taken:
            entries[i].page = number
        for sid in view.statements:
            home.setdefault(sid, number)
    pages = []
    for number, (roots, _, taken, leads, view, key, expected) in enumerate(plans, 1):
        refs = {sid: entries[i].page for sid, i in leads.items()}
        refs.update({sid: home[sid] for sid in view.context if sid in home})
        came_from = sorted({entries[i].came_from + 1 for i in taken if entries[i].came_from is not None})
        view.caption = base.caption + f" · page {number} of {len(plans)}"
        if came_from:
            view.caption += ", continued from page " + ", ".join(str(n) for n in came_from)
        page_opts = opts if number == 1 else {**opts, "legend": False, "title": "short"}  # the key is on page 1
        pages.append((to_dot(rmap, view=view, page_refs=refs, page=number, **page_opts), roots[0], key, expected))
    return pages


def render_pdf(pages: Sequence[Page], *, title: str, paper: str = "letter") -> bytes:
    """Put diagram pages on paper with Typst: each page scaled to fit, turned when
    that is larger, never below MIN_SCALE unless a single level cannot fit."""
    import typst  # a dependency; imported here so `argmap --help` stays fast

    entries = []
    with children.temp_dir(prefix="argmap-pdf-") as tmp:
        drawings = _parallel(lambda page: page.pdf if page.pdf is not None else run_dot(page.dot, ["pdf"])["pdf"], list(pages))
        for i, (page, pdf) in enumerate(zip(pages, drawings), 1):
            name = f"page-{i}.pdf"
            Path(tmp, name).write_bytes(_fixed_pdf_date(pdf))
            landscape, scale = page.placement(paper)
            entries.append({"file": name, "width": round(page.width * scale, 2), "landscape": landscape})
        main = Path(tmp, "diagram.typ")
        main.write_text(_PDF_TEMPLATE, encoding="utf-8")
        inputs = {"pages": json.dumps(entries), "title": clean_text(title), "paper": "us-letter" if paper == "letter" else "a4",
                  "margin": str(MARGIN), "footer": str(FOOTER)}
        try:
            return typst.compile(str(main), root=tmp, sys_inputs=inputs, pdf_tags=False)
        except Exception as exc:  # typst raises its own error type with the compiler's message
            raise _failed("Typst (placing diagram pages on paper)", str(exc)) from exc


# Everything from the map reaches Typst through sys.inputs, never as markup.
_PDF_TEMPLATE = """\
#set document(title: sys.inputs.title, date: none)
#let pages = json(bytes(sys.inputs.pages))
#let margin = float(sys.inputs.margin) * 1pt
#set text(font: "DejaVu Sans", size: 7.5pt, fill: rgb("#5f6368"))
#for (i, p) in pages.enumerate() {
  page(
    paper: sys.inputs.paper, flipped: p.landscape, margin: (x: margin, top: margin, bottom: margin + float(sys.inputs.footer) * 1pt),
    footer: [#sys.inputs.title #h(1fr) page #(i + 1) of #pages.len()],
  )[#align(center + horizon, image(p.file, width: p.width * 1pt))]
}
"""


def _fixed_pdf_date(pdf: bytes) -> bytes:
    """Cairo stamps the clock into its PDFs; pin it (same length, so offsets hold)."""
    return re.sub(rb"/CreationDate \(D:\d{14}", b"/CreationDate (D:19700101000000", pdf)


# --------------------------------------------------------------------------- the public calls


def render(rmap: ResolvedMap, fmt: str, *, paper: str = "letter", **opts) -> bytes:
    """The diagram in one format: "dot" (no Graphviz needed), "svg", "png" or "pdf".

    `opts` are `to_dot`'s: focus, depth, option, evidence, status, legend.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "dot":
        return to_dot(rmap, **opts).encode("utf-8")
    if fmt == "pdf":
        pages = paginate(rmap, paper=paper, **opts)
        return render_pdf(pages, title=rmap.header.title, paper=paper)
    source = to_dot(rmap, **opts)
    return run_dot(source, [fmt], dpi=PNG_DPI if fmt == "png" else None)[fmt]


def render_svg(rmap: ResolvedMap, **opts) -> bytes:
    """SVG bytes, for pages that embed a diagram (the handouts).

    render_svg(rmap, focus="thesis", depth=2, legend=False, evidence=False)
    """
    return render(rmap, "svg", **opts)


def file_stem(rmap: ResolvedMap, *, focus: str | None = None, option: str | None = None, depth: int | None = None) -> str:
    """The file name a diagram is written under, without suffix."""
    stem = rmap.id
    if option is not None:
        stem += f"-option-{option}"
    if focus is not None:
        stem += f"-focus-{focus}"
    if depth is not None:
        stem += f"-depth-{depth}"
    return stem


def artifacts(rmap: ResolvedMap, ctx) -> Iterator:
    """Build producer: the whole map, and each policy option, as SVG, PNG and PDF.

    The drawing is done by `dot` and Typst processes, as many at a time as
    there are cores. Meanwhile this thread plans the PDFs' pages, one diagram
    after another with one set of trial layouts: a page tried for the whole
    map is not laid out again for an option that draws the same claims (and
    the order of the trials, hence the result, is the same on every run).
    """
    from concurrent.futures import ThreadPoolExecutor

    from argmap.core.artifact import Artifact

    views: list[dict] = [{}]
    views += [{"option": oid} for oid in rmap.options if any(st.option == oid for st in rmap.statements.values())]
    with _Trials() as trials, ThreadPoolExecutor(max_workers=_workers()) as pool:
        pictures = []
        for opts in views:
            source = to_dot(rmap, **opts)
            pictures.append((pool.submit(run_dot, source, ["svg"]), pool.submit(run_dot, source, ["png"], dpi=PNG_DPI)))
        books = []
        for opts in views:
            book = _Book(rmap, trials, dict(option=None, focus=None, depth=None, evidence=True, status=None, legend=True) | opts,
                         "letter")
            book.draw(pool.submit)
            books.append(book)
        pdfs = [pool.submit(render_pdf, book.pages(pool.submit), title=rmap.header.title) for book in books]
        for opts, (svg, png), pdf in zip(views, pictures, pdfs):
            stem = file_stem(rmap, **opts)
            yield Artifact(f"{stem}.svg", svg.result()["svg"])
            yield Artifact(f"{stem}.png", png.result()["png"])
            yield Artifact(f"{stem}.pdf", pdf.result())
