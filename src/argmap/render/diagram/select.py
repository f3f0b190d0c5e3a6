"""What one diagram shows: the whole map, one option, or the subtree under a claim.

`select` gives a `View` (statements, arguments and evidence, in map order);
`Graph` is the map's links in map order, built once per map and passed to
whoever walks it often (the page planner). A view costs time in proportion to
what it draws, not to the size of the map: paging asks for hundreds of them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from argmap.core.diagnostics import ArgmapError, Diagnostic, Location, did_you_mean
from argmap.load.model import Relation
from argmap.resolve.resolver import ResolvedMap

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


class Graph:
    """The map's links in map order, for walking downwards from a claim, and
    the map order itself (ranks), so that a view sorts only what it draws."""

    def __init__(self, rmap: ResolvedMap):
        self.m = rmap
        rank = {aid: i for i, aid in enumerate(rmap.arguments)}
        self.arank = rank
        self.srank = {sid: i for i, sid in enumerate(rmap.statements)}
        self.erank = {eid: i for i, eid in enumerate(rmap.evidence)}
        self.evidence_of: dict[str, list[str]] = {}  # statement -> the evidence that supports or challenges it
        for eid, rev in rmap.evidence.items():
            for t in dict.fromkeys((*rev.evidence.supports, *rev.evidence.challenges)):
                if t in rmap.statements:
                    self.evidence_of.setdefault(t, []).append(eid)
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
           evidence: bool = True, graph: Graph | None = None) -> View:
    """Which statements, arguments and evidence one diagram shows.

    graph: the map's `Graph`, when the caller keeps one (else it is built)."""
    if focus is not None and option is not None:
        raise ValueError("choose a focus or an option, not both")
    if depth is not None and depth < 0:
        raise ValueError("depth must be 0 or more")
    _check_ids(rmap, focus, option)
    g = graph if graph is not None and graph.m is rmap else Graph(rmap)
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
    return assemble(rmap, g, roots, opens, start_args, lift, caption, evidence)


def assemble(rmap: ResolvedMap, g: Graph, roots: list[str], opens, start_args: list[str], lift: list[str],
             caption: str, evidence: bool) -> View:
    """The view drawn from `roots` (and `start_args`), entering what `opens` allows.

    Its cost is that of what it reaches: lists are put in map order by rank."""
    levels, args = g.walk(roots, opens, start_args)
    shown = sorted(levels, key=g.srank.__getitem__)
    hidden = {}
    for sid in shown:
        cut = [a for a in g.below[sid] if a not in args]
        if cut:
            hidden[sid] = cut
    view = View(statements=shown, arguments=sorted(args, key=g.arank.__getitem__), evidence=[], hidden=hidden,
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
    view.context = sorted(context, key=g.srank.__getitem__)
    view.context_arguments = sorted(context_args, key=g.arank.__getitem__)

    if evidence:
        found = {eid for sid in levels for eid in g.evidence_of.get(sid, ())}
        view.evidence = sorted(found, key=g.erank.__getitem__)
    return view




_Graph = Graph  # (the name it had in the single module)
