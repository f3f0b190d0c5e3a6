"""The key page of a paged diagram: every mark the diagram uses, drawn as it is drawn.

A paged PDF (the atlas) prints the key in its title block on page 1 and, at
its end, a page of its own with a sample of each mark the diagram uses
(undercuts, linked premises, assumptions, answers, cards, context, statuses,
the page markers); every page's footer says where it is.
"""

from __future__ import annotations

from argmap.load.model import StatementKind
from argmap.render.diagram.dot import _source, _statement
from argmap.render.diagram.style import (ATTACK, CONTEXT_FILL, EVIDENCE_BORDER, EVIDENCE_FILL, EVIDENCE_PT, FAINT,
                                         FONT, HEADER_PT, INK, KIND_STYLE, MUTED, NEG_BORDER, NEG_FILL, STATUS_BADGE,
                                         STATUS_OUT_FILL, SUPPORT, TEXT_PT)
from argmap.render.diagram.text import _font, _lines, html_text


def _box(name: str, header: str, text: str, fill: str, border: str, style: str = "rounded,filled", width: float = 1.2) -> str:
    label = ('<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">'
             f'<TR><TD ALIGN="LEFT">{_font(html_text(header), size=HEADER_PT, color=MUTED)}</TD></TR>'
             f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(text, 30), size=TEXT_PT)}</TD></TR></TABLE>>')
    return _statement("node", name, label=label, shape="box", style=style, fillcolor=fill, color=border, penwidth=width)


def key_dot(title: str, has: set[str], *, paged: bool = True) -> str:
    """The key as a DOT graph: one row per mark, a sample on the left, words on the right."""
    rows: list[tuple[list[str], str]] = []  # (sample lines, words)

    def words(n: int, text: str) -> str:
        return _statement("node", f"w{n}", label=f"<{_font(html_text(text), size=TEXT_PT)}>", shape="plaintext")

    def pair(kind: str, edge: dict, text: str) -> None:
        n = len(rows)
        lines = [_statement("node", f"a{n}", label=f"<{_font('reason', size=HEADER_PT, color=MUTED)}>", shape="box",
                            style="rounded", color=FAINT, width=0.8, height=0.3, fixedsize="true"),
                 _statement("node", f"b{n}", label=f"<{_font('claim', size=HEADER_PT, color=MUTED)}>", shape="box",
                            style="rounded", color=FAINT, width=0.8, height=0.3, fixedsize="true"),
                 _statement("edge", f"a{n}", f"b{n}", **edge)]
        rows.append((lines, text))

    def node(line_of, text: str) -> None:
        n = len(rows)
        rows.append(([line_of(f"n{n}")], text))

    pair("support", dict(color=SUPPORT, style="solid", arrowhead="normal", penwidth=1.8), "supports: a reason for the claim")
    pair("rebut", dict(color=ATTACK, style="dashed", arrowhead="tee", penwidth=1.8), "attacks (rebuts) the claim")
    if "undercut" in has:
        pair("undercut", dict(color=ATTACK, style="dotted", arrowhead="tee", penwidth=2.2),
             "undercuts: attacks the step from a reason to its claim (it ends on the step's dot)")
    if "linked" in has:
        n = len(rows)
        small = dict(shape="box", style="rounded", color=FAINT, width=0.8, height=0.3, fixedsize="true")
        rows.append(([_statement("node", f"j{n}", shape="circle", style="filled", width=0.16, height=0.16, fixedsize="true",
                                 fillcolor=SUPPORT, color=SUPPORT, label=""),
                      _statement("node", f"p{n}", label=f"<{_font('reasons', size=HEADER_PT, color=MUTED)}>", **small),
                      _statement("node", f"c{n}", label=f"<{_font('claim', size=HEADER_PT, color=MUTED)}>", **small),
                      _statement("edge", f"p{n}", f"j{n}", color=SUPPORT, arrowhead="none", penwidth=1.8),
                      _statement("edge", f"j{n}", f"c{n}", color=SUPPORT, arrowhead="normal", penwidth=1.8)],
                     "linked premises: reasons that only work together meet in a dot; a white dot: that step falls"))
    if "evidence" in has:
        node(lambda name: _statement("node", name, shape="note", style="filled", fillcolor=EVIDENCE_FILL, color=EVIDENCE_BORDER,
                                     label=f"<{_font('Author 23 ¶4', size=EVIDENCE_PT, bold=True)}<BR/>{_font('“the words read aloud”', size=EVIDENCE_PT, italic=True)}>"),
             "a card: its short cite and paragraph, and the words read aloud (brown arrow: it supports; red dashed: it challenges)")
    header, fill, border, width, style = KIND_STYLE[StatementKind.thesis]
    if "thesis" in has:
        node(lambda name: _box(name, header, "The case's thesis", fill, border, width=width), "the thesis: what the case argues for")
    node(lambda name: _box(name, "CLAIM · harms", "A claim of the case", "#ffffff", "#455a64"),
         "a claim (its kind and stock issue above the text)")
    if "assumption" in has:
        node(lambda name: _box(name, "ASSUMPTION · unstated", "A premise the author left unstated", "#ffffff", "#455a64",
                               "rounded,filled,dashed", 1.4), "an assumption: a premise the author left unstated (dashed border)")
    if "objection" in has or "other-side" in has:
        node(lambda name: _box(name, "OBJECTION", "The other side's point", NEG_FILL, NEG_BORDER, width=1.4),
             "an objection, or any statement of the other side (red)")
    if "answer" in has:
        h, f, b, w, _ = KIND_STYLE[StatementKind.answer]
        node(lambda name: _box(name, h, "A reply to an objection", f, b, width=w), "an answer: the case's reply to an objection (green)")
    if "option" in has:
        node(lambda name: _box(name, "OPTION · carrot", "A policy option's claims sit in a grey box named after it", "#f6f8fa", "#9aa0a6"),
             "a policy option: its claims grouped, its name at the edge")
    if "status" in has:
        node(lambda name: _box(name, f"CLAIM  {STATUS_BADGE['out']}", "A claim that falls", STATUS_OUT_FILL, "#455a64"),
             f"{STATUS_BADGE['in']} stands · {STATUS_BADGE['out']} falls (greyed) · {STATUS_BADGE['undec']}: contested")
    if paged:
        node(lambda name: _box(name, "CLAIM", "… ▼ 2 reasons: continued on p. 7", "#ffffff", "#455a64"),
             "its reasons and objections are drawn on page 7")
        node(lambda name: _box(name, "CLAIM · p. 3", "A claim drawn on another page", CONTEXT_FILL, FAINT, "rounded,filled,dotted", 1.0),
             "faded: where this page's claims lead, drawn in full on page 3")
    body = []
    for i, (lines, text) in enumerate(rows):
        body += lines
        body.append(words(i, text))
        names = [ln.split()[0] for ln in lines if "->" not in ln]
        first = names[0]
        body.append(f"  {{rank=same; {'; '.join(names)}; w{i}}}")
        body.append(f"  {names[-1]} -> w{i} [style=invis]")
        if i:
            prev = rows[i - 1][0][0].split()[0]
            body.append(f"  {prev} -> {first} [style=invis, weight=10]")
    title_label = f"<{_font(html_text(title), size=TEXT_PT + 4, bold=True)}<BR/>{_font('Key: every mark this diagram uses', size=TEXT_PT, color=MUTED, italic=True)}>"
    graph = dict(rankdir="TB", nodesep=0.3, ranksep=0.25, fontname=FONT, labelloc="t", labeljust="l", label=title_label,
                 bgcolor="#ffffff", pad="0.2", margin="0")
    node_attrs = dict(fontname=FONT, fontcolor=INK, margin="0.11,0.06")
    return _source(graph, node_attrs, dict(arrowsize=0.9), body)


