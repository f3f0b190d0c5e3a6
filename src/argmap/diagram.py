"""Argument diagrams: a resolved map drawn with Graphviz (DOT, SVG, PNG, PDF).

    from argmap import api, diagram
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

import json
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from .diagnostics import ArgmapError, Diagnostic, Location, did_you_mean
from .model import Relation, Side, StatementKind
from .resolve import ResolvedMap

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

# How a Dung status (from argmap.evaluate) is drawn: a badge that survives
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
PNG_DPI, PNG_MAX_PX = 144, 8000  # PNG: sharp on a projector, never larger than this on its long side
PACK_LOOKAHEAD = 3  # claims tried for the room left on a page before it is closed
PAGE_NODES_MAX = 90  # more claims and cards than this never fit one page at MIN_SCALE
PAGE_NODES_CAP = 45  # nor, in practice, this many (a page of the op-ed map holds 10 to 31)


# --------------------------------------------------------------------------- text: cleaning, escaping, wrapping

_WIDE = ("W", "F")


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


def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label.

    XML's five special characters become entities, and a backslash is doubled:
    Graphviz expands escape sequences such as \\N (the node's name) and \\G
    even inside HTML labels, and a doubled backslash is how it writes one.
    """
    text = clean_text(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
    return text.replace("\\", "\\\\")


def dot_string(text: str) -> str:
    """A DOT double-quoted string for names and plain attributes (not labels)."""
    return '"' + clean_text(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def tooltip_string(text: str) -> str:
    """A DOT string for `tooltip` (the SVG hover text).

    Graphviz reads a tooltip twice, once for \\N-style escapes and once for
    \\n-style ones, so a literal backslash takes four; entities pass through
    to the SVG's XML unchanged, so the XML specials go in as entities.
    """
    text = clean_text(text)
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
    if _GRAPH_CACHE is None or _GRAPH_CACHE[0] is not rmap:
        _GRAPH_CACHE = (rmap, _Graph(rmap))
    return _GRAPH_CACHE[1]


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
        "undec" (Dung labels from argmap.evaluate), drawn as badges. page_refs:
        statement id -> page number, for the "continued on p. N" markers of
        paged PDFs.
    """
    if view is None:
        view = select(rmap, focus=focus, depth=depth, option=option, evidence=evidence)
    ctx = _Ctx(rmap, view, status or {}, page_refs or {}, focus_hint=page_refs is None, page=page)
    drawn = set(view.statements) | set(view.context)
    junctions = {a for a in [*view.arguments, *view.context_arguments] if _needs_junction(ctx, a)}
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
    lines = [
        "digraph argmap {",
        "  graph " + _attrs(
            rankdir="BT", newrank="true", nodesep=0.3, ranksep=0.42, splines="spline", outputorder="edgesfirst",
            fontname=_q(FONT), fontsize=TEXT_PT, bgcolor=_q("#ffffff"), pad=_q("0.15"), margin=_q("0"),
            labelloc="t", labeljust="l", label=_graph_label(rmap, view, caption, title=title, legend=has),
        ) + ";",
        "  node " + _attrs(fontname=_q(FONT), fontsize=TEXT_PT, fontcolor=_q(INK), margin=_q("0.11,0.06")) + ";",
        "  edge " + _attrs(fontname=_q(FONT), fontsize=HEADER_PT, arrowsize=0.9) + ";",
    ]
    for sid in view.statements:
        lines.append(_statement_node(ctx, sid, context=False))
    for sid in view.context:
        lines.append(_statement_node(ctx, sid, context=True))
    for aid in [*view.arguments, *view.context_arguments]:
        if aid in junctions:
            lines.append(_junction_node(ctx, aid, context=aid in view.context_arguments))
    for eid in view.evidence:
        lines.append(_evidence_node(ctx, eid))

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
        lines.append(f"  subgraph {dot_string('cluster_option_' + oid)} {{")
        lines.append(f"    id={dot_string('option-' + oid)}; label=<{label}>; labeljust=l; labelloc=b; style=\"rounded,filled\"; "
                     f"fillcolor={_q(OPTION_FILL)}; color={_q(OPTION_BORDER)}; penwidth=1.2; margin=12;")
        lines.append("    " + " ".join(dot_string(m) + ";" for m in members))
        lines.append("  }")

    for aid in view.arguments:
        lines.extend(_argument_edges(ctx, aid, drawn, junctions, context=False))
    for aid in view.context_arguments:
        lines.extend(_argument_edges(ctx, aid, drawn, junctions, context=True))
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

    lines.append("}")
    return "\n".join(lines) + "\n"


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


def run_dot(source: str, formats: Sequence[str], *, dpi: int | None = None) -> dict[str, bytes]:
    """Lay the graph out once and write it in each of `formats` (svg, png, pdf, plain).

    With `dpi` (for PNG), a drawing larger than PNG_MAX_PX on its long side is
    scaled down to it: a bigger bitmap is too heavy to open, project or print.
    """
    exe = dot_executable()
    with tempfile.TemporaryDirectory(prefix="argmap-dot-") as tmp:
        args = [exe]
        if dpi is not None:
            inches = PNG_MAX_PX / dpi
            args += [f"-Gdpi={dpi}", f"-Gsize={inches:g},{inches:g}"]
        for fmt in formats:
            args += [f"-T{fmt}", "-o", os.path.join(tmp, f"out.{fmt}")]
        try:
            proc = subprocess.run(args, input=source.encode("utf-8"), capture_output=True, check=False)
        except OSError as exc:  # found but not runnable
            raise _failed("running Graphviz", str(exc)) from exc
        if proc.returncode != 0:
            raise _failed("Graphviz", proc.stderr.decode("utf-8", "replace"))
        return {fmt: Path(tmp, f"out.{fmt}").read_bytes() for fmt in formats}


def layout_size(source: str) -> tuple[float, float]:
    """The drawing's natural width and height, in points."""
    return _plain_size(run_dot(source, ["plain"])["plain"])


def _plain_size(plain: bytes) -> tuple[float, float]:
    first = plain.decode("utf-8", "replace").split("\n", 1)[0].split()  # "graph scale width height", inches
    return float(first[2]) * 72.0, float(first[3]) * 72.0


def _parallel(func, items: Sequence) -> list:
    """`func` over `items` on a few threads (each call mostly waits for `dot`); results in order."""
    if len(items) < 2:
        return [func(item) for item in items]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
        return list(pool.map(func, items))


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
    """
    opts = dict(evidence=evidence, status=status, legend=legend)
    base = select(rmap, focus=focus, depth=depth, option=option, evidence=evidence)
    if len(base.statements) + len(base.evidence) <= PAGE_NODES_MAX or focus in rmap.arguments or not base.roots:
        page = Page.drawn(to_dot(rmap, view=base, **opts), focus)
        if page.fits(paper) or focus in rmap.arguments or not base.roots:
            return [page]
    # (More claims and cards than PAGE_NODES_MAX never fit: no need to lay them all out.)

    g = _graph(rmap)
    drawn = set(base.statements)
    can_open = {sid for sid in base.statements if sid not in base.hidden and g.below[sid]}

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
        placeholder = {sid: 88 for sid in [*view.hidden, *view.context]}  # page numbers are not known yet
        first = not plans  # page 1 carries the full title and the key
        page_opts = opts if first else {**opts, "legend": False, "title": "short"}
        view.caption += " · page 88 of 88, continued from page 88"
        return Page("", *layout_size(to_dot(rmap, view=view, page_refs=placeholder, **page_opts))).fits(paper)

    def kids(sid: str, which: object) -> list[str]:
        levels, _ = g.walk([sid], lambda s, level: which if level == 0 else False)
        return [k for k, level in levels.items() if level == 1]

    entries = [_Entry(r, None, None) for r in base.roots]
    entry_of = {r: i for i, r in enumerate(base.roots)}  # claim -> the entry that draws all of it
    queue: deque[int] = deque(range(len(entries)))
    done: dict[str, set[str]] = {}  # claim -> its arguments drawn on pages so far
    plans: list[tuple[list[str], dict, list[int], dict[str, int], View]] = []
    while queue:
        number = len(plans)
        first = entries[queue.popleft()]
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
        plans.append((roots, opened, taken, leads, view))

    # Number the pages, then draw them with their cross-references.
    home: dict[str, int] = {}
    for number, (_, _, taken, _, view) in enumerate(plans, 1):
        for i in taken:
            entries[i].page = number
        for sid in view.statements:
            home.setdefault(sid, number)
    texts = []
    for number, (roots, _, taken, leads, view) in enumerate(plans, 1):
        refs = {sid: entries[i].page for sid, i in leads.items()}
        refs.update({sid: home[sid] for sid in view.context if sid in home})
        came_from = sorted({entries[i].came_from + 1 for i in taken if entries[i].came_from is not None})
        view.caption = base.caption + f" · page {number} of {len(plans)}"
        if came_from:
            view.caption += ", continued from page " + ", ".join(str(n) for n in came_from)
        page_opts = opts if number == 1 else {**opts, "legend": False, "title": "short"}  # the key is on page 1
        texts.append((to_dot(rmap, view=view, page_refs=refs, page=number, **page_opts), roots[0]))
    return _parallel(lambda item: Page.drawn(*item), texts)


def render_pdf(pages: Sequence[Page], *, title: str, paper: str = "letter") -> bytes:
    """Put diagram pages on paper with Typst: each page scaled to fit, turned when
    that is larger, never below MIN_SCALE unless a single level cannot fit."""
    import typst  # a dependency; imported here so `argmap --help` stays fast

    entries = []
    with tempfile.TemporaryDirectory(prefix="argmap-pdf-") as tmp:
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
    """Build producer: the whole map, and each policy option, as SVG, PNG and PDF."""
    from .build import Artifact

    views: list[dict] = [{}]
    views += [{"option": oid} for oid in rmap.options if any(st.option == oid for st in rmap.statements.values())]
    for opts in views:
        stem = file_stem(rmap, **opts)
        source = to_dot(rmap, **opts)
        out = run_dot(source, ["svg"])
        yield Artifact(f"{stem}.svg", out["svg"])
        yield Artifact(f"{stem}.png", run_dot(source, ["png"], dpi=PNG_DPI)["png"])
        yield Artifact(f"{stem}.pdf", render(rmap, "pdf", **opts))
