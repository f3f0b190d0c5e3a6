"""Packing a diagram of many disconnected parts into rows, not one strip.

Graphviz lays the connected parts of a graph side by side: a map converted
from a real debate's flows, with fifty separate arguments, comes out as one
strip 800 inches wide and 15 high, which no page or poster prints legibly.
(`dot`'s own `pack` attribute crashed Graphviz 2.43 on such maps.) Instead,
the parts are put into rows of about the width that makes the whole drawing
about as wide as a landscape poster is to its height (shelf packing, on an
estimate of each part's size), and each row is held below the one above it
by invisible edges from its parts' top claims to the lowest claim of the row
above. The parts keep their order (the first, with the thesis, top left).
"""

from __future__ import annotations

import math
from typing import Mapping, Sequence

from argmap.analyze.contentions import connected_parts
from argmap.load.model import Relation
from argmap.render.diagram.select import View
from argmap.resolve.resolver import ResolvedMap

PACK_MIN_PARTS = 3  # fewer parts stay side by side
ASPECT = 1.5  # width over height the packed drawing aims at (a landscape poster: 36 x 24 in)
BOX_W, LEVEL_H, CARD_H = 200.0, 110.0, 70.0  # rough size of a box, a level, a card (points)


def parts(rmap: ResolvedMap, view: View) -> list[list[str]]:
    """The view's statements in connected parts (joined by drawn arguments and cards), in view order."""
    number = connected_parts(rmap, view.statements, view.arguments, view.evidence)
    groups: dict[int, list[str]] = {}
    for sid in view.statements:
        groups.setdefault(number[sid], []).append(sid)
    return list(groups.values())


def _levels(rmap: ResolvedMap, members: Sequence[str], shown: set[str]) -> dict[str, int]:
    """Each statement's level below its part's top claims (those that conclude nothing drawn)."""
    concludes = {}
    for sid in members:
        ups = []
        for aid in rmap.premise_of.get(sid, ()):
            arg = rmap.arguments.get(aid)
            if arg is not None and arg.relation is not Relation.undercut and arg.target in shown and arg.target != sid:
                ups.append(arg.target)
        concludes[sid] = ups
    level: dict[str, int] = {}
    for sid in members:  # iterative depth: a statement's level is one below its lowest conclusion's
        stack, path = [sid], set()
        while stack:
            s = stack[-1]
            if s in level:
                stack.pop()
                continue
            path.add(s)
            todo = [u for u in concludes[s] if u not in level and u not in path]
            if todo:
                stack.extend(todo)
                continue
            level[s] = 1 + max((level[u] for u in concludes[s] if u in level), default=-1)
            stack.pop()
            path.discard(s)
    return level


def row_edges(rmap: ResolvedMap, view: View, cards_under: Mapping[str, int]) -> list[tuple[str, str]]:
    """(lower, upper) statement pairs to join by invisible edges, each row of
    parts below the row above; none when the view has fewer than PACK_MIN_PARTS parts.
    cards_under: statement -> how many cards hang under it."""
    found = parts(rmap, view)
    if len(found) < PACK_MIN_PARTS:
        return []
    shown = set(view.statements)
    sizes = []
    for members in found:
        level = _levels(rmap, members, shown)
        widest = max(sum(1 for s in members if level[s] == k) for k in set(level.values()))
        depth = max(level.values())
        cards = max((cards_under.get(s, 0) for s in members), default=0)
        tops = [s for s in members if level[s] == 0]
        low = max(members, key=lambda s: (level[s], -members.index(s)))
        sizes.append((widest * BOX_W, (depth + 1) * LEVEL_H + cards * CARD_H, tops, low))
    area = sum(w * h for w, h, _, _ in sizes)
    target = max(max(w for w, _, _, _ in sizes), math.sqrt(area * ASPECT))
    rows: list[list[tuple]] = [[]]
    used = 0.0
    for size in sizes:
        if rows[-1] and used + size[0] > target:
            rows.append([])
            used = 0.0
        rows[-1].append(size)
        used += size[0]
    edges = []
    for above, below in zip(rows, rows[1:]):
        lowest = max(above, key=lambda s: s[1])[3]  # the lowest claim of the tallest part above
        for _w, _h, tops, _low in below:
            edges.append((tops[0], lowest))
    return edges
