"""DOT source: a `View` drawn as Graphviz DOT text, with `graphviz.Digraph`.

`to_dot` is a pure function of the map and the options: the same input gives
the same text, byte for byte (map order, no timestamps). Node and edge
statements are written by `graphviz.Digraph` (its quoting: names and plain
attributes quoted and escaped, HTML-like labels passed as `<...>`); the option
clusters are written as lines of the graph's body, because Graphviz must read
them inside an anonymous subgraph (see the note in `_draw`).

How the picture reads (the key in the corner says the same): the thesis at
the top; reasons and objections below the claim they bear on; support is a
solid dark-green arrow, a rebuttal a dashed red line ending in a bar, an
undercut a dotted red line ending in a bar on the inference it attacks;
premises that only work together join in a small dot (a linked argument)
before one arrow goes on; evidence is a folded-corner note with its short
cite; an assumption (a premise the author left unstated) has a dashed border.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

import graphviz
from graphviz.quoting import attr_list, quote

from argmap.load.model import Relation, Side, StatementKind
from argmap.render.diagram.select import View, select
from argmap.render.diagram.style import (ATTACK, CONTEXT_FILL, CONTEXT_WORDS, EVIDENCE_BORDER, EVIDENCE_EDGE, EVIDENCE_FILL,
                                         EVIDENCE_PT, EVIDENCE_WORDS, EVIDENCE_WRAP, FAINT, FONT, HEADER_PT, INK, KIND_STYLE,
                                         MUTED, NEG_BORDER, NEG_FILL, OPTION_BORDER, OPTION_FILL, STATUS_BADGE,
                                         STATUS_OUT_FILL, STATUS_OUT_INK, STATUS_VALUES, SUPPORT, TEXT_PT, THESIS_PT,
                                         THESIS_WRAP, TITLE_PT, WRAP)
from argmap.render.diagram.text import _font, _lines, clean_text, dot_string, dot_value, html_text, tooltip_value
from argmap.resolve.resolver import ResolvedMap


class _Source(graphviz.Digraph):
    """`graphviz.Digraph` for argmap's node names: "s:x" is one name, never a
    node "s" and a port "x" (the Digraph's edge quoting would split it)."""

    _quote_edge = staticmethod(quote)


def _value(value: str | float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _statement(method: str, *names: str, **attrs: str | float | None) -> str:
    """One node or edge statement, written as `graphviz.Digraph.node` / `.edge`
    write it (its `quote` and `attr_list`: attributes sorted by name), indented
    by two spaces instead of a tab. (Called directly rather than through a
    Digraph: paging writes tens of thousands of these.)"""
    listed = attr_list(kwargs={k: _value(v) for k, v in attrs.items() if v is not None})
    if method == "node":
        return f"  {quote(names[0])}{listed}"
    return f"  {quote(names[0])} -> {quote(names[1])}{listed}"


def _head(graph: Mapping[str, str | float], node: Mapping[str, str | float], edge: Mapping[str, str | float]) -> str:
    """A graph's first lines, as `graphviz.Digraph` writes them: its name and
    the graph, node and edge defaults (indented by two spaces, not a tab)."""
    def attrs(d: Mapping) -> dict:
        return {k: _value(v) for k, v in d.items() if v is not None}

    src = _Source("argmap", graph_attr=attrs(graph), node_attr=attrs(node), edge_attr=attrs(edge)).source
    lines = src.splitlines(keepends=True)[:-1]  # without the closing brace
    return "".join("  " + line[1:] if line.startswith("\t") else line for line in lines)


def _source(graph: Mapping[str, str | float], node: Mapping[str, str | float], edge: Mapping[str, str | float],
            body: list[str], head: str | None = None) -> str:
    """The whole graph: its head (`_head`, or the one given) and `body` lines."""
    head = head if head is not None else _head(graph, node, edge)
    return head + "".join(line + "\n" for line in body) + "}\n"



def _nid(kind: str, ident: str) -> str:
    """A node's name, for `graphviz.Digraph` to quote."""
    return dot_value(f"{kind}:{ident}")


def _q(value: str) -> str:
    """A value this module chose itself (colours, styles): no user text; Digraph quotes it."""
    return value


@dataclass
class _Ctx:
    rmap: ResolvedMap
    view: View
    status: Mapping[str, str]
    page_refs: Mapping[str, int]
    focus_hint: bool
    page: int | None = None
    ids: bool = False  # print ids and CLI hints (--ids): not in print by default
    args: set[str] = field(default_factory=set)  # view.arguments, as a set
    ids: bool = True  # print each box's id (off for student handouts)
    context_args: set[str] = field(default_factory=set)  # view.context_arguments, as a set


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
    right = html_text(sid) if ctx.ids else ""
    if context:
        page = ctx.page_refs.get(sid)
        right = html_text(" · ".join(x for x in (sid if ctx.ids else "", f"p. {page}" if page else "") if x))
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
    return _statement("node", _nid("s", sid),
        id=dot_value(f"s-{sid}"), label=label, tooltip=tooltip_value(tip), shape="box", style=_q(",".join(styles)),
        fillcolor=_q(fill), color=_q(border), penwidth=float(width + (1.2 if status == "in" and not context else 0)),
    )


def _short_cite(rmap: ResolvedMap, eid: str) -> str:
    rev = rmap.evidence[eid]
    src = rmap.sources.get(rev.evidence.source)
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
    return f"“{nested_quotes(clean_text(text))}”"


def nested_quotes(text: str) -> str:
    """Double quotation marks inside a quote become single ones (the quote's own
    marks are printed once: 'follow-up measures.”' then '”' printed '.””')."""
    out, opened = [], False
    for ch in text:
        if ch == "“":
            ch, opened = "‘", True
        elif ch == "”":
            ch, opened = "’", False
        elif ch == '"':
            ch, opened = ("’", False) if opened else ("‘", True)
        out.append(ch)
    return "".join(out)


def _evidence_node(ctx: _Ctx, eid: str) -> str:
    rev = ctx.rmap.evidence[eid]
    cite = _short_cite(ctx.rmap, eid)
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
    return _statement("node", _nid("e", eid),
        id=dot_value(f"e-{eid}"), label=label, tooltip=tooltip_value(tip), shape="note", style="filled",
        fillcolor=_q(fill), color=_q(EVIDENCE_BORDER), penwidth=1.0, margin=_q("0.1,0.05"),
    )


def _relation_style(rel: Relation) -> dict[str, str | float]:
    if rel is Relation.support:
        return {"color": _q(SUPPORT), "style": "solid", "arrowhead": "normal", "penwidth": 1.8}
    if rel is Relation.rebut:
        return {"color": _q(ATTACK), "style": "dashed", "arrowhead": "tee", "penwidth": 1.8}
    return {"color": _q(ATTACK), "style": "dotted", "arrowhead": "tee", "penwidth": 2.2}


def _needs_junction(ctx: _Ctx, aid: str) -> bool:
    arg = ctx.rmap.arguments[aid]
    undercut = any(u in ctx.args for u in ctx.rmap.undercutting_args.get(aid, ()))
    return len(arg.premises) > 1 or undercut or aid in ctx.context_args and _is_undercut_target(ctx, aid)


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
    return _statement("node", _nid("a", aid),
        id=dot_value(f"a-{aid}"), label="", tooltip=tooltip_value(_argument_tip(ctx, aid)), shape="circle", style="filled",
        width=0.16, height=0.16, fixedsize="true", fillcolor=_q(fill), color=_q(colour), penwidth=1.4,
    )


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
    style = {**_relation_style(arg.relation), "tooltip": tooltip_value(_argument_tip(ctx, aid))}
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
            edges.append(_statement("edge", _nid("s", p), _nid("a", aid), id=dot_value(f"p-{aid}-{p}"),
                                    **{**style, "arrowhead": "none"}))
        edges.append(_statement("edge", _nid("a", aid), head, id=dot_value(f"r-{aid}"), **style))
    else:
        for p in premises:
            edges.append(_statement("edge", _nid("s", p), head, id=dot_value(f"r-{aid}-{p}"), **style))
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
        if ctx.focus_hint and ctx.ids:
            text += "<BR/>" + html_text(f"(--focus {sid})")
    return _font(text, size=HEADER_PT + 0.5, color=MUTED, italic=True)


def _title(rmap: ResolvedMap, view: View, extra: str | None, *, short: bool = False) -> str:
    caption = view.caption + (f" · {extra}" if extra else "")
    if short:  # a continuation page: one line
        line = _font(_lines(rmap.header.title, 90), size=TEXT_PT + 1, bold=True) + "   " + _font(_lines(caption, 90), size=HEADER_PT + 1, color=MUTED, italic=True)
        return f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2"><TR><TD ALIGN="LEFT" BALIGN="LEFT">{line}</TD></TR></TABLE>'
    rows = [f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(rmap.header.title, 56), size=TITLE_PT, bold=True)}</TD></TR>']  # (wrapped: a long title must not widen the drawing)
    if rmap.header.resolution:
        text = "Resolution: " + rmap.header.resolution
        rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(text, 64), size=TEXT_PT, color=MUTED)}</TD></TR>')
    rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(caption, 90), size=HEADER_PT + 1, color=MUTED, italic=True)}</TD></TR>')
    return '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2">' + "".join(rows) + "</TABLE>"


def marks(rmap: ResolvedMap, view: View, status: Mapping[str, str] | None) -> set[str]:
    """Which marks a diagram of `view` uses."""
    has = {"support", "rebut"}
    if any(rmap.arguments[a].relation is Relation.undercut for a in view.arguments):
        has.add("undercut")
    if any(len(rmap.arguments[a].premises) > 1 for a in view.arguments):
        has.add("linked")
    if view.evidence:
        has.add("evidence")
        if any(rmap.evidence[e].evidence.challenges for e in view.evidence):
            has.add("challenge")
    kinds = {rmap.statements[s].kind for s in view.statements}
    for kind in (StatementKind.thesis, StatementKind.assumption, StatementKind.answer, StatementKind.objection, StatementKind.plan,
                 StatementKind.fact):
        if kind in kinds:
            has.add(kind.value)
    if any(rmap.statements[s].effective_side is Side.neg for s in view.statements):
        has.add("other-side")
    if any(rmap.statements[s].option in rmap.options for s in view.statements):
        has.add("option")
    if status:
        has.add("status")
    return has


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
    if "other-side" in has:
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
           view: View | None = None, memo: dict | None = None, ids: bool = False) -> str:
    """The diagram as Graphviz DOT text. Pure: no files, no `dot`, no clock.

    focus: a statement (or argument) id: draw only what lies below it, plus its
        parents, faded, for orientation. option: draw one policy option's
        statements and what supports or attacks them. depth: how many levels of
        reasons and objections to draw below the top; what is cut is counted in
        a marker. evidence: draw evidence notes. status: id -> "in" | "out" |
        "undec" (Dung labels from argmap.analyze.evaluate), drawn as badges. page_refs:
        statement id -> page number, for the "continued on p. N" markers of
        paged PDFs. ids: print each box's id and the `--focus` hint on a cut
        branch (False for student handouts).
    """
    if view is None:
        view = select(rmap, focus=focus, depth=depth, option=option, evidence=evidence)
    return _draw(rmap, view, status=status, legend=legend, title=title, page_refs=page_refs, page=page, caption=caption,
                 memo=memo, ids=ids).text()


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
        return _source({**self.graph, "label": self.label}, _NODE_DEFAULTS, _EDGE_DEFAULTS,
                       [*(line for _, line, _ in self.nodes), *self.rest])

    def skeleton(self, sizes: Mapping[str, tuple[str, str]], head: str | None = None) -> str:
        """Laid out by `dot`, as large as `text()` without the graph label, in a
        fraction of the time: no text to measure. `sizes`: node line -> (width,
        height) in inches, as Graphviz wrote them. head: `_head` of the
        graph's attributes, when the caller keeps it."""
        lines = []
        for name, line, box in self.nodes:
            if box:
                width, height = sizes[line]
                line = f'  {name} [shape=box, fixedsize=true, width={width}, height={height}, label=""];'
            lines.append(line)
        return _source(self.graph, _NODE_DEFAULTS, _EDGE_DEFAULTS, [*lines, *self.rest], head)


_GRAPH_ATTRS = dict(rankdir="BT", newrank="true", nodesep=0.18, ranksep=0.28, splines="spline", outputorder="edgesfirst",
                    fontname=_q(FONT), fontsize=TEXT_PT, bgcolor=_q("#ffffff"), pad=_q("0.15"), margin=_q("0"),
                    labelloc="t", labeljust="l")
_NODE_DEFAULTS = dict(fontname=_q(FONT), fontsize=float(TEXT_PT), fontcolor=_q(INK), margin=_q("0.11,0.06"))
_EDGE_DEFAULTS = dict(fontname=_q(FONT), fontsize=HEADER_PT, arrowsize=0.9)


def _draw(rmap: ResolvedMap, view: View, *, status: Mapping[str, str] | None = None, legend: bool = True,
          title: bool | str = True, page_refs: Mapping[str, int] | None = None, page: int | None = None,
          caption: str | None = None, memo: dict | None = None, ids: bool = False) -> _Dot:
    """`to_dot`, in parts. `memo`: a dict kept between calls for one map and
    status (paging draws the same boxes and arrows hundreds of times)."""
    ctx = _Ctx(rmap, view, status or {}, page_refs or {}, focus_hint=page_refs is None, page=page, ids=ids)
    drawn = set(view.statements) | set(view.context)
    shown = set(view.statements)  # (membership in sets: a list would make a large map's DOT quadratic)
    ctx.args, ctx.context_args = set(view.arguments), set(view.context_arguments)
    junctions = {a for a in [*view.arguments, *view.context_arguments] if _needs_junction(ctx, a)}

    def once(key: tuple, make: Callable[[], object]):
        if memo is None:
            return make()
        found = memo.get(key)
        if found is None:
            found = memo[key] = make()
        return found

    def qid(kind: str, ident: str) -> str:
        return once(("q", kind, ident), lambda: quote(_nid(kind, ident)))

    def box(sid: str, context: bool) -> str:  # a statement's line depends on no more than this
        ref = ctx.page_refs.get(sid)
        cut = None if context else view.hidden.get(sid)
        if cut:  # the footer says how many reasons and objections are not drawn: the count, not which
            reasons = sum(rmap.arguments[a].relation is Relation.support for a in cut)
            cut = (reasons, len(cut) - reasons)
        key = ("s", sid, context, cut or None, ref, ctx.status.get(sid), ctx.focus_hint, page is None or ref is None or ref > page, ids)
        return once(key, lambda: _statement_node(ctx, sid, context=context))

    def arrows(aid: str, context: bool) -> list[str]:
        arg = rmap.arguments[aid]
        key = ("r", aid, context, ctx.status.get(aid), aid in junctions,
               arg.target in (junctions if arg.relation is Relation.undercut else drawn), tuple(p in drawn for p in arg.premises))
        return once(key, lambda: _argument_edges(ctx, aid, drawn, junctions, context=context))

    # the marks the key page names (argmap.render.diagram.key), and the context boxes only a view shows
    has = marks(rmap, view, ctx.status) | ({"context"} if view.context else set()) if legend else None
    nodes = [(qid("s", sid), box(sid, False), True) for sid in view.statements]
    nodes += [(qid("s", sid), box(sid, True), True) for sid in view.context]
    nodes += [(qid("a", aid), once(("a", aid, context, ctx.status.get(aid)), lambda: _junction_node(ctx, aid, context=context)), False)
              for aid in [*view.arguments, *view.context_arguments] if aid in junctions
              for context in [aid in view.context_arguments]]
    nodes += [(qid("e", eid), once(("e", eid, ctx.status.get(eid)), lambda: _evidence_node(ctx, eid)), True) for eid in view.evidence]
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
        ends = {cluster_of.get(f"s:{t}") for t in (*ev.supports, *ev.challenges) if t in shown}
        if len(ends) == 1 and None not in ends:
            cluster_of[f"e:{eid}"] = ends.pop()
    for oid, opt in rmap.options.items():
        members = [name for name, o in cluster_of.items() if o == oid]
        if not members:
            continue
        mark = " · ★ recommended" if opt.recommended else ""
        label = ('<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
                 f'<TR><TD ALIGN="LEFT">{_font(html_text("OPTION · " + opt.kind.value.replace("-", " ") + mark), size=HEADER_PT, color=MUTED)}</TD></TR>'
                 f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(opt.label, 36), size=TEXT_PT + 1.5, bold=True)}</TD></TR></TABLE>')
        # Each cluster sits in an anonymous subgraph, which changes nothing drawn:
        # Graphviz takes named subgraphs in the order of their names' addresses
        # in memory, anonymous ones in the order written. In a `dot` that draws
        # one graph and exits, the two orders agree; in one that draws several
        # (paging, `_Trials`, `run_dot_many`) the first could differ from run to
        # run, and with it the layout or the PDF's bytes.
        # The option's name is a node of its own at the top of the cluster (one
        # rank above its claims, by invisible edges): an edge leaving the
        # cluster is routed around it, where it would cross a cluster's label.
        title_name = _nid("t", oid)
        nodes.append((qid("t", oid), once(("t", oid), lambda: _statement("node", title_name, label=f"<{label}>", shape="plaintext",
                                                                           margin=_q("0"), id=dot_value(f"option-title-{oid}"))), True))
        lines.append("  subgraph {")
        lines.append(f"  subgraph {dot_string('cluster_option_' + oid)} {{")
        lines.append(f"    id={dot_string('option-' + oid)}; label=\"\"; style=\"rounded,filled\"; "
                     f"fillcolor=\"{OPTION_FILL}\"; color=\"{OPTION_BORDER}\"; penwidth=1.2; margin=12;")
        lines.append("    " + " ".join(once(("m", m), lambda: dot_string(m)) + ";" for m in [*members, f"t:{oid}"]))
        held = [m for m in members if m.startswith("s:")]
        lines.append("  }")
        lines.append("  }")
        for m in held:  # (outside the cluster's lines, which list its members)
            lines.append(once(("tm", m, oid), lambda: _statement("edge", _nid("s", m[2:]), title_name, style="invis", weight=0.0)))

    for aid in view.arguments:
        lines.extend(arrows(aid, False))
    for aid in view.context_arguments:
        lines.extend(arrows(aid, True))
    # A claim's cards hang in one column under it (each a rank lower, held by an
    # invisible edge to the card above), so several cards do not widen the tree.
    column: dict[str, list[str]] = {}
    for eid in view.evidence:
        ev = rmap.evidence[eid].evidence
        first = next((t for t in (*ev.supports, *ev.challenges) if t in shown), None)
        if first is not None:
            column.setdefault(first, []).append(eid)
    above = {eid: col[i - 1] for col in column.values() for i, eid in enumerate(col) if i}
    for eid in view.evidence:
        ev = rmap.evidence[eid].evidence
        for rel, targets in ((Relation.support, ev.supports), (Relation.rebut, ev.challenges)):
            for t in targets:
                if t not in shown:
                    continue
                if rel is Relation.support:
                    style = {"color": _q(EVIDENCE_EDGE), "style": "solid", "arrowhead": "normal", "penwidth": 1.2, "arrowsize": 0.8}
                else:
                    style = {"color": _q(ATTACK), "style": "dashed", "arrowhead": "tee", "penwidth": 1.2, "arrowsize": 0.8}
                if eid in above and eid in column.get(t, ()):
                    style["constraint"] = "false"
                lines.append(once(("ev", eid, t, rel, "constraint" in style),
                                  lambda: _statement("edge", _nid("e", eid), _nid("s", t), id=dot_value(f"ev-{eid}-{t}"), **style)))
    for eid, upper in above.items():
        lines.append(once(("up", eid, upper), lambda: _statement("edge", _nid("e", eid), _nid("e", upper), style="invis", weight=20.0)))
    if page is None and page_refs is None:  # a whole view of many separate parts: in rows, not one strip
        from argmap.render.diagram.packing import row_edges

        for lower, upper in row_edges(rmap, view, {sid: len(col) for sid, col in column.items()}):
            lines.append(_statement("edge", _nid("s", lower), _nid("s", upper), style="invis", weight=0.0, minlen=2.0))
    label = once(("label", view.caption, caption, title, None if has is None else frozenset(has)),
                 lambda: _graph_label(rmap, view, caption, title=title, legend=has))
    return _Dot(_GRAPH_ATTRS, label, nodes, lines)

