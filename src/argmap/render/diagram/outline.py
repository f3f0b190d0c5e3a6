"""The overview map: the case at the level a debater thinks in, on one landscape page.

The thesis on top; below it one column per policy option (a plank box: the
option's name and its planks), and under each option the contentions that
argue for it (the same contentions, in the same order and with the same
numbers, as the brief's case outline: `Analysis.contentions`). Each
contention lists the attacks on it (and on the reasons beneath it, down to the
next contention) with their status from the map's evaluation:

- STANDING: the attack stands (it is labelled in);
- ANSWERED: an answer knocks it out (out);
- CONTESTED: neither (undecided);

and how many cards stand behind each side (cards labelled in, beneath the
contention; beneath the attack; beneath its answers).

Every box is an HTML-like table in one graph; Graphviz only places the
columns and draws the arrows to the thesis. The page must print at
`OVERVIEW_MIN_PT` or larger: when it would not, the overview lists fewer
attacks per contention (the rest counted) and wraps narrower, until it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from argmap.analyze.contentions import issue_order
from argmap.analyze.evaluate import Label
from argmap.load.model import OptionKind
from argmap.render.diagram.dot import _source
from argmap.render.diagram.style import (ATTACK, BODY_MIN_PT, FONT, INK, MUTED, OPTION_BORDER, OPTION_FILL, SUPPORT)
from argmap.render.diagram.text import _font, _lines, html_text

OPTION_ORDER = [OptionKind.carrot, OptionKind.stick, OptionKind.status_quo, OptionKind.mix, OptionKind.other]  # as the brief
OUTCOME = {Label.IN: ("STANDING", ATTACK), Label.UNDEC: ("CONTESTED", "#8a6d00"), Label.OUT: ("ANSWERED", SUPPORT)}
OUTCOME_ORDER = {Label.IN: 0, Label.UNDEC: 1, Label.OUT: 2}
STANDS = {Label.IN: "stands", Label.OUT: "falls", Label.UNDEC: "contested"}

# Sizes of the overview, in points at natural size.
O_THESIS_PT, O_OPTION_PT, O_TEXT_PT, O_ATTACK_PT, O_SMALL_PT = 13.0, 11.5, 10.0, 9.0, 8.0
# Tries, most detailed first: (attacks listed per contention, wrap width of a contention, of an attack).
TRIES = [(4, 34, 40), (3, 30, 36), (2, 28, 34), (1, 26, 30), (0, 24, 28)]


@dataclass
class Attack:
    ident: str
    label: Label
    text: str
    cards: int  # cards that stand behind the attack
    answer_cards: int  # cards that stand behind its answers
    answers: int


@dataclass
class Row:
    number: int
    sid: str
    text: str
    label: Label
    cards: int
    attacks: list[Attack]


def _standing_cards(analysis, sids) -> int:
    ev = analysis.evaluation.labels
    found: set[str] = set()
    for sid in sids:
        if sid in analysis.map.evidence:
            if ev.get(sid) is Label.IN:
                found.add(sid)
        elif sid in analysis.map.statements:
            found.update(e for e in analysis.cards_beneath(sid) if ev.get(e) is Label.IN)
    return len(found)


def _behind(analysis, ident: str) -> list[str]:
    """The statements (or the card) an attack or answer rests on."""
    m = analysis.map
    if ident in m.arguments:
        return [p for p in m.arguments[ident].premises if p in m.statements]
    return [ident]


def ordered_contentions(analysis) -> list[str]:
    """The contentions in the brief's numbering: by stock issue, solvency by option."""
    m = analysis.map
    chosen = {sid: c.option for sid, c in analysis.contentions.items()}
    kinds = {oid: OPTION_ORDER.index(o.kind) if o.kind in OPTION_ORDER else len(OPTION_ORDER) for oid, o in m.options.items()}
    opt_order = sorted(m.options, key=lambda oid: (kinds[oid], list(m.options).index(oid)))
    out: list[str] = []
    for issue in issue_order():
        sids = [s for s in chosen if analysis.stock_issues.get(s, "other") == issue]
        if issue == "solvency":
            for oid in [*opt_order, None]:
                out += [s for s in sids if chosen[s] == oid]
        else:
            out += sids
    return out


def rows(analysis) -> list[Row]:
    """Each contention with the attacks on it (and on the reasons beneath it, down to the next contention)."""
    m = analysis.map
    words = analysis.words
    order = ordered_contentions(analysis)
    owner: dict[str, str] = {}
    for cid in order:  # each statement to the first contention above it (breadth first from each, nearest wins)
        owner.setdefault(cid, cid)
    for cid in order:
        stack = [cid]
        seen = {cid}
        while stack:
            sid = stack.pop()
            for aid in m.supporting_args.get(sid, ()):
                for p in m.arguments[aid].premises:
                    if p in m.statements and p not in seen and p not in analysis.contentions:
                        seen.add(p)
                        owner.setdefault(p, cid)
                        stack.append(p)
    attacks: dict[str, list[Attack]] = {cid: [] for cid in order}
    for clash in analysis.clashes:
        target = clash.target
        while target in m.arguments:  # an undercut: on the reasoning for the argument's conclusion
            target = m.arguments[target].target
        cid = owner.get(target)
        if cid is None:
            continue
        answer_cards = _standing_cards(analysis, [s for a in clash.answers for s in _behind(analysis, a.id)])
        attacks[cid].append(Attack(clash.attack, clash.attack_label, words.attack_name(clash.attack),
                                   _standing_cards(analysis, _behind(analysis, clash.attack)), answer_cards, len(clash.answers)))
    out = []
    for n, cid in enumerate(order, 1):
        found = sorted(attacks[cid], key=lambda a: (OUTCOME_ORDER[a.label], -a.cards))
        out.append(Row(n, cid, words.tag(cid), analysis.evaluation.labels[cid], _standing_cards(analysis, [cid]), found))
    return out


def _cards(n: int) -> str:
    return f"{n} card{'s' if n != 1 else ''}"


def _contention_rows(row: Row, listed: int, wrap: int, attack_wrap: int, ids: bool) -> str:
    head = _font(html_text(f"{row.number}."), size=O_TEXT_PT, bold=True)
    text = _font(_lines(row.text, wrap), size=O_TEXT_PT, bold=True)
    state = _font(html_text(f"{STANDS[row.label]} · {_cards(row.cards)}" + (f" · {row.sid}" if ids else "")),
                  size=O_SMALL_PT, color=MUTED)
    cells = [f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{head}</TD><TD ALIGN="LEFT" BALIGN="LEFT">{text}<BR/>{state}</TD></TR>']
    for atk in row.attacks[:listed]:
        word, colour = OUTCOME[atk.label]
        sides = f"{_cards(atk.cards)} for it · {_cards(atk.answer_cards)} for {'the answer' if atk.answers == 1 else 'the answers'}"
        if not atk.answers:
            sides = f"{_cards(atk.cards)} for it · no answer"
        body = (_font(html_text(word), size=O_SMALL_PT, color=colour, bold=True) + " "
                + _font(_lines(atk.text, attack_wrap), size=O_ATTACK_PT) + "<BR/>"
                + _font(html_text(sides + (f" · {atk.ident}" if ids else "")), size=O_SMALL_PT, color=MUTED))
        cells.append(f'<TR><TD ALIGN="RIGHT" VALIGN="TOP">{_font("┫", size=O_ATTACK_PT, color=ATTACK)}</TD>'
                     f'<TD ALIGN="LEFT" BALIGN="LEFT">{body}</TD></TR>')
    rest = row.attacks[listed:]
    if rest:
        counts = {w: sum(1 for a in rest if OUTCOME[a.label][0] == w) for w, _ in OUTCOME.values()}
        said = ", ".join(f"{n} {w.lower()}" for w, n in counts.items() if n)
        more = f"+ {len(rest)} more attack{'s' if len(rest) != 1 else ''}: {said}"
        cells.append(f'<TR><TD></TD><TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(more, attack_wrap), size=O_ATTACK_PT, color=MUTED, italic=True)}</TD></TR>')
    elif not row.attacks:
        cells.append(f'<TR><TD></TD><TD ALIGN="LEFT">{_font("no attacks in the map", size=O_ATTACK_PT, color=MUTED, italic=True)}</TD></TR>')
    return "".join(cells)


def overview_dot(analysis, *, listed: int = 4, wrap: int = 34, attack_wrap: int = 40, ids: bool = False,
                 found: list[Row] | None = None) -> str:
    """The overview as DOT text (pure)."""
    m = analysis.map
    found = rows(analysis) if found is None else found
    by_option: dict[str | None, list[Row]] = {}
    for row in found:
        by_option.setdefault(analysis.contentions[row.sid].option, []).append(row)
    kinds = {oid: OPTION_ORDER.index(o.kind) if o.kind in OPTION_ORDER else len(OPTION_ORDER) for oid, o in m.options.items()}
    columns = sorted(m.options, key=lambda oid: (kinds[oid], list(m.options).index(oid)))
    columns = [oid for oid in columns if oid in by_option or m.options[oid].planks] + ([None] if None in by_option else [])
    body: list[str] = []
    thesis = next(iter(m.theses()), None)
    if thesis is not None:
        label = analysis.evaluation.labels.get(thesis.id)
        head = _font(html_text("THESIS" + (f" · {STANDS[label]}" if label else "") + (f" · {thesis.id}" if ids else "")),
                     size=O_SMALL_PT, color=MUTED)
        text = _font(_lines(thesis.tag or thesis.text, 70), size=O_THESIS_PT, bold=True)
        body.append(f'  thesis [shape=box, style="rounded,filled", fillcolor="#dcebfa", color="#1f4e79", penwidth=2.2, '
                    f'label=<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR><TD ALIGN="LEFT">{head}</TD></TR>'
                    f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{text}</TD></TR></TABLE>>];')
    for i, oid in enumerate(columns):
        opt = m.options.get(oid) if oid else None
        cells = []
        if opt is not None:
            mark = " · ★ recommended" if opt.recommended else ""
            cells.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_font(html_text("OPTION · " + opt.kind.value.replace("-", " ") + mark + (f" · {oid}" if ids else "")), size=O_SMALL_PT, color=MUTED)}</TD></TR>')
            cells.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(opt.label, wrap + 4), size=O_OPTION_PT, bold=True)}</TD></TR>')
            for n, plank in enumerate(opt.planks, 1):
                cells.append(f'<TR><TD ALIGN="RIGHT" VALIGN="TOP">{_font(html_text(f"{n}."), size=O_ATTACK_PT, color=MUTED)}</TD>'
                             f'<TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(plank, attack_wrap), size=O_ATTACK_PT)}</TD></TR>')
        else:
            cells.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT">{_font("The case as a whole", size=O_OPTION_PT, bold=True)}</TD></TR>')
        for row in by_option.get(oid, []):
            cells.append('<TR><TD COLSPAN="2" HEIGHT="4"></TD></TR><HR/>')
            cells.append(_contention_rows(row, listed, wrap, attack_wrap, ids))
        if opt is not None and not by_option.get(oid):
            cells.append('<HR/><TR><TD COLSPAN="2" ALIGN="LEFT">' + _font("no contention argues for it", size=O_ATTACK_PT, color=MUTED, italic=True) + "</TD></TR>")
        table = '<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="2">' + "".join(cells) + "</TABLE>"
        body.append(f'  col{i} [shape=box, style="rounded,filled", fillcolor="{OPTION_FILL}", color="{OPTION_BORDER}", penwidth=1.2, label=<{table}>];')
        if thesis is not None:
            body.append(f'  col{i} -> thesis [color="{SUPPORT}", penwidth=1.6, arrowsize=0.8];')
    if not columns:
        note = "No contention: nothing in this map supports the thesis; the whole map is the paged diagram and the poster."
        body.append(f'  none [shape=plaintext, label=<{_font(_lines(note, 60), size=O_TEXT_PT, color=MUTED, italic=True)}>];')
        if thesis is not None:
            body.append("  none -> thesis [style=invis];")
    title = (f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="2"><TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(_lines(m.header.title, 70), size=15, bold=True)}'
             f'  {_font("Overview: the case, its contentions and the attacks on them", size=O_TEXT_PT, color=MUTED, italic=True)}</TD></TR>'
             f'<TR><TD ALIGN="LEFT">{_font("STANDING", size=O_SMALL_PT, color=ATTACK, bold=True)}{_font(" the attack stands   ", size=O_SMALL_PT)}'
             f'{_font("ANSWERED", size=O_SMALL_PT, color=SUPPORT, bold=True)}{_font(" an answer knocks it out   ", size=O_SMALL_PT)}'
             f'{_font("CONTESTED", size=O_SMALL_PT, color="#8a6d00", bold=True)}{_font(" undecided   ", size=O_SMALL_PT)}'
             f'{_font(html_text("cards: the evidence that stands behind each side"), size=O_SMALL_PT)}</TD></TR></TABLE>>')
    graph = dict(rankdir="BT", nodesep=0.25, ranksep=0.35, fontname=FONT, bgcolor="#ffffff", pad="0.1", margin="0",
                 labelloc="t", labeljust="l", label=title)
    node = dict(fontname=FONT, fontcolor=INK, margin="0.08,0.05")
    return _source(graph, node, {}, body)


def smallest_pt(scale: float) -> float:
    """The smallest body text of the overview printed at `scale`."""
    return O_ATTACK_PT * scale


def overview_source(analysis, *, fit: tuple[float, float], measure, ids: bool = False) -> tuple[str, float]:
    """The most detailed overview that fits `fit` (points, width x height) with
    its body text at BODY_MIN_PT or more; (DOT, scale). `measure(dot)`: its size."""
    found = rows(analysis)
    last = None
    for listed, wrap, attack_wrap in TRIES:
        source = overview_dot(analysis, listed=listed, wrap=wrap, attack_wrap=attack_wrap, ids=ids, found=found)
        w, h = measure(source)
        scale = min(fit[0] / w, fit[1] / h, 1.5)
        last = (source, scale)
        if smallest_pt(scale) >= BODY_MIN_PT:
            return last
    return last  # a map with more options than a page is wide: printed larger, on a larger sheet (see `placement`)


def svg_points(head: str) -> tuple[float, float]:
    """(width, height) in points from an SVG's opening tag (Graphviz writes them in pt)."""
    import re

    w = re.search(r'\bwidth="([\d.]+)(pt|px)?"', head)
    h = re.search(r'\bheight="([\d.]+)(pt|px)?"', head)
    if not (w and h):
        return 1e9, 1e9
    k = 0.75 if w.group(2) == "px" else 1.0
    return float(w.group(1)) * k, float(h.group(1)) * k


def statuses(analysis) -> Mapping[str, str]:
    return {k: v.value for k, v in analysis.evaluation.labels.items()}
