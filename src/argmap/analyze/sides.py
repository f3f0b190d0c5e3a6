"""Which side each statement, argument and card argues for, from the map's structure.

A statement's `side:` in a claim file is kept as written. Otherwise sides
follow the arrows: an argument that supports something is on its side, one
that rebuts or undercuts something is on the other side, and the premises of
an argument are on the argument's side. A card is on the side of the first
statement it supports, or on the other side of the first it challenges.
What no arrow reaches from a side (the thesis, a root claim, a lone objection)
takes the default of its kind: objections for the negative, the rest for the
affirmative.

So on a three-party map an objection that attacks an objection is on the
side the first objection attacks: it is an answer, not a threat.
"""

from __future__ import annotations

from argmap.load.model import Relation, Side, StatementKind
from argmap.resolve.resolver import ResolvedMap


def other(side: Side) -> Side:
    return Side.neg if side is Side.aff else Side.aff


def _default(rmap: ResolvedMap, sid: str) -> Side:
    st = rmap.statements[sid]
    if st.side is not None:
        return st.side
    return Side.neg if st.kind is StatementKind.objection else Side.aff


def structural_sides(rmap: ResolvedMap) -> dict[str, Side]:
    """id -> side for every statement, argument and evidence item of the map.

    A statement used as a premise by several arguments takes its side from
    the first of them in map order (where its author put it to work first).
    Each item has one such "parent", so the walk up from any item is a single
    path; it is kept on an explicit list and memoised, linear in the map.
    """
    m = rmap
    sides: dict[str, Side] = {}

    def parent(ident: str) -> str | None:
        """The item whose side decides this one's, or None for a root."""
        if ident in m.arguments:
            target = m.arguments[ident].target
            return target if target in m.statements or target in m.arguments else None
        st = m.statements[ident]
        if st.side is not None:
            return None
        uses = m.premise_of.get(ident, [])
        return uses[0] if uses else None

    def flips(ident: str) -> bool:
        return ident in m.arguments and m.arguments[ident].relation is not Relation.support

    for start in [*m.statements, *m.arguments]:
        path: list[str] = []
        seen: set[str] = set()
        cur: str | None = start
        while cur is not None and cur not in sides and cur not in seen:
            seen.add(cur)
            path.append(cur)
            cur = parent(cur)
        if cur is not None and cur in sides:
            side = sides[cur]
        else:  # a root, or a cycle of first uses: the last item on the path decides by its kind
            last = path.pop()
            side = _default(m, last) if last in m.statements else Side.aff
            sides[last] = side
        for ident in reversed(path):  # back down the path
            parent_side = side
            side = other(parent_side) if flips(ident) else parent_side
            sides[ident] = side
    for eid, rev in m.evidence.items():
        ev = rev.evidence
        backed = [s for s in ev.supports if s in sides]
        opposed = [s for s in ev.challenges if s in sides]
        sides[eid] = sides[backed[0]] if backed else (other(sides[opposed[0]]) if opposed else Side.aff)
    return sides
