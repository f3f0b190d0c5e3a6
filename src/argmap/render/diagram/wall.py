"""The poster's own layout: the whole map drawn for one wall sheet.

The whole-map diagram (`dot.to_dot`) hangs every card's quote under its claim,
which makes carrot-stick's map 9,300 x 3,400 pt: four ARCH D sheets at the
7 pt rule. The poster draws every statement and every support and attack
(the same nodes and edges, from `dot._draw`), but each claim as a compact box
with its status, and its cards as chips inside the box (card number and short
cite: "E12 Hale 2019 ¶4"), so that the map fits one sheet. The tree is drawn
with the thesis on top; the parts of a map of many disconnected arguments are
packed in rows (`packing.py`), as in the whole map.

`poster_dot(analysis)` is pure (DOT text). A map too large for one sheet even
so spans several sheets (`sheets.plan_poster`), never a smaller text.
"""

from __future__ import annotations

from graphviz.quoting import quote

from argmap.load.model import Side, StatementKind
from argmap.render.diagram.dot import _draw, _nid, _q, _short_cite, _statement
from argmap.render.diagram.select import select
from argmap.render.diagram.style import (BODY_PT, INK, KIND_STYLE, MUTED, NEG_BORDER, NEG_FILL, STATUS_BADGE,
                                         STATUS_OUT_FILL, STATUS_OUT_INK, STATUS_VALUES, EVIDENCE_FILL)
from argmap.render.diagram.text import _font, _lines, dot_value, html_text, tooltip_value

W_WRAP, W_THESIS_WRAP = 18, 40  # characters a line: a compact box
W_LONG = 1.9  # a long claim is set wider (about 1.9 x the square root of its length): boxes less tall
W_HEAD_PT = 7.5  # a box's kind and status (a label, not body text)
CHIPS_MAX = 6  # more cards than this under one claim: the first ones, and "+ N more"
_GRAPH = dict(rankdir="BT", newrank="true", nodesep=0.04, ranksep=0.08, splines="spline", outputorder="edgesfirst",
              fontname="DejaVu Sans", fontsize=BODY_PT, bgcolor="#ffffff", pad="0.15", margin="0",
              labelloc="t", labeljust="l")


_CARDS_KEY = ("a claim's cards are listed in its box:", "how many, then each card's number", "(as in the handouts) and short cite;",
              "✘ a card that does not stand")


def _cards_key() -> str:
    return _font("<B>Cards</B><BR/>" + "<BR/>".join(html_text(x) for x in _CARDS_KEY), size=BODY_PT, color=INK)


def _option_mark(n: int) -> str:
    """An option's mark in a box's header: ① to ⑳, then "opt 21"."""
    return chr(0x2460 + n - 1) if 1 <= n <= 20 else f"opt {n}"


def _cards_of(rmap) -> dict[str, list[tuple[str, bool]]]:
    """statement -> [(card id, challenges it?)] in map order."""
    out: dict[str, list[tuple[str, bool]]] = {}
    for eid, rev in rmap.evidence.items():
        for t in rev.evidence.supports:
            out.setdefault(t, []).append((eid, False))
        for t in rev.evidence.challenges:
            out.setdefault(t, []).append((eid, True))
    return out


def _chip_cite(rmap, eid: str) -> str:
    """A card's cite, short: the first author and the year and paragraph ("Chatterji 23 ¶1")."""
    words = _short_cite(rmap, eid).split()
    if not words:
        return ""
    return " ".join([words[0].rstrip(","), *(w for w in words[1:] if w[:1].isdigit() or w.startswith("¶"))])


def _chips(rmap, numbers, status, cards: list[tuple[str, bool]], wrap_at: int) -> str:
    """The cards under a claim as chips in one wrapped run: "3 cards: E1 Hale 19 ¶4 · ✘ E2 ...",
    a card against the claim marked "against", a card that does not stand "✘"."""
    chips = []
    for eid, against in cards[:CHIPS_MAX]:
        mark = "✘ " if status.get(eid) == "out" else ""
        chips.append(f"{mark}{numbers.get(eid, '')} {_chip_cite(rmap, eid)}".strip() + (" (against)" if against else ""))
    count = f"{len(cards)} card{'s' if len(cards) != 1 else ''}: "
    more = f" · + {len(cards) - CHIPS_MAX} more" if len(cards) > CHIPS_MAX else ""
    return _font(_lines(count + " · ".join(chips) + more, wrap_at), size=BODY_PT, color="#3e2723")


def _box(rmap, sid: str, status: dict, numbers, cards: list[tuple[str, bool]], ids: bool) -> str:
    st = rmap.statements[sid]
    header, fill, border, width, style = KIND_STYLE[st.kind]
    if st.effective_side is Side.neg and st.kind is not StatementKind.objection:
        fill, border = NEG_FILL, NEG_BORDER
        header += " · other side"
    if st.stock_issue is not None:
        header += f" · {st.stock_issue.value}"
    if st.option in rmap.options:  # the option by its number in the sheet's list of options
        header += " · " + _option_mark(list(rmap.options).index(st.option) + 1)
    label = status.get(sid)
    ink = INK
    if label == "out":
        fill, ink = STATUS_OUT_FILL, STATUS_OUT_INK
    thesis = st.kind is StatementKind.thesis
    head = _font(html_text(header), size=W_HEAD_PT, color=MUTED)
    if label in STATUS_VALUES:
        head += "  " + _font(html_text(STATUS_BADGE[label]), size=W_HEAD_PT, color=INK, bold=True)
    right = _font(html_text(sid), size=W_HEAD_PT - 0.5, color=MUTED) if ids else ""
    wrap_at = W_THESIS_WRAP if thesis else max(W_WRAP, round(W_LONG * len(st.text) ** 0.5))
    body = _font(_lines(st.text, wrap_at), size=BODY_PT * (1.25 if thesis else 1.0),
                 color=ink if ink != INK else None, bold=thesis)
    rows = (f'<TR><TD ALIGN="LEFT">{head}</TD><TD ALIGN="RIGHT">{right}</TD></TR>'
            f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT">{body}</TD></TR>')
    if cards:
        rows += (f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT" BGCOLOR="{EVIDENCE_FILL}">'
                 f'{_chips(rmap, numbers, status, cards, wrap_at + 2)}</TD></TR>')
    styles = ["rounded", "filled"] + ([style] if style != "solid" else [])
    return _statement("node", _nid("s", sid), id=dot_value(f"s-{sid}"),
                      label=f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1">{rows}</TABLE>>',
                      tooltip=tooltip_value(f"{sid} ({st.kind.value}): {st.text}"), shape="box", style=",".join(styles),
                      fillcolor=_q(fill), color=_q(border), penwidth=float(width + (1.2 if label == "in" else 0)),
                      margin=_q("0.05,0.02"))


def _compact(rest: list[str]) -> list[str]:
    """The edges, without the option clusters (each box names its option: a
    cluster spreads the ranks it spans), and a linked argument's junction on
    its premises' rank (minlen 0: no rank of its own between premise and claim)."""
    out, depth = [], 0
    for line in rest:
        if depth or line == "  subgraph {":
            depth += line.strip().endswith("{") - (line.strip() == "}")
            continue
        if '-> "t:' in line:
            continue
        if '-> "a:' in line and "arrowhead=none" in line:
            line = line.replace(" [", " [minlen=0 ", 1)
        out.append(line)
    return out


def poster_dot(analysis, *, ids: bool = False) -> str:
    """The poster's DOT: every statement a box (with its status and its cards
    as chips), every argument's support or attack an edge. Pure."""
    rmap = analysis.map
    view = select(rmap, evidence=False)
    view.caption = "Whole map · poster (cards as chips: card number and cite)"
    status = {k: str(v) for k, v in analysis.evaluation.labels.items()}
    drawn = _draw(rmap, view, status=status, legend=True, title=False, ids=ids)  # (the sheet prints the title)
    numbers = analysis.card_numbers
    cards = _cards_of(rmap)
    by_name = {quote(_nid("s", sid)): sid for sid in view.statements}
    nodes = []
    for name, line, has_text in drawn.nodes:
        sid = by_name.get(name)
        if sid is not None:
            line = _box(rmap, sid, status, numbers, cards.get(sid, []), ids)
        nodes.append((name, line, has_text))
    drawn.nodes = [n for n in nodes if not n[0].startswith('"t:')]
    if rmap.options and drawn.label:  # the options, numbered, beside the key
        listed = "<BR/>".join(html_text(f"{_option_mark(i)}  {o.label}") for i, o in enumerate(rmap.options.values(), 1))
        cell = _font("<B>Options</B><BR/>" + listed, size=BODY_PT, color=INK)
        drawn.label = (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>'
                       f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{cell}</TD><TD WIDTH="24"></TD>'
                       f'<TD ALIGN="LEFT" VALIGN="TOP">{drawn.label[1:-1]}</TD><TD WIDTH="24"></TD>'
                       f'<TD ALIGN="LEFT" VALIGN="TOP" BALIGN="LEFT">{_cards_key()}</TD></TR></TABLE>>')
    drawn.rest = _compact(drawn.rest)
    drawn.graph = dict(_GRAPH)
    return drawn.text()
