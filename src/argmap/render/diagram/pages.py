"""Pagination: a diagram cut into pages that each print at MIN_SCALE or more.

`paginate` plans the pages (which claims each page draws, by subtree) asking
Graphviz how large each candidate page would be (`Trials`, on the page's
skeleton), then draws each page once (`Book`). The planner works from the
map's `Graph`: a trial costs what the page draws, not what the map holds.
"""

from __future__ import annotations

import hashlib
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from argmap.render.diagram.dot import _GRAPH_ATTRS, _Dot, _draw, _EDGE_DEFAULTS, _head, _NODE_DEFAULTS, _source, to_dot
from argmap.render.diagram.graphviz import Graphviz, plain_size
from argmap.render.diagram.select import Graph, View, assemble, select
from argmap.render.diagram.style import (FOOTER, MARGIN, MAX_SCALE, MIN_SCALE, PACK_LOOKAHEAD, PAGE_NODES_CAP, PAGE_NODES_MAX,
                                         PAPER)
from argmap.resolve.resolver import ResolvedMap


def workers() -> int:
    import os

    return max(1, min(8, os.cpu_count() or 2))


class Trials:
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
    measured again anyway (`Book`).

    Safe to share between threads; close it (or use `with`) to stop the `dot`s
    when it made its own `Graphviz`.
    """

    LABEL_PAD = (16.0, 8.0)  # Graphviz pads a graph label by 4 and 2 times its GAP of 4 pt
    PATIENCE = 60.0  # seconds to wait for one layout before `dot` is started anew for each

    def __init__(self, gv: Graphviz | None = None) -> None:
        self.gv = gv if gv is not None else Graphviz()
        self._own = gv is None  # a Graphviz of its own: closed with the trials
        self.sizes: dict[str, tuple[str, str]] = {}  # node line -> (width, height) in inches, as dot wrote them
        self.labels: dict[str, tuple[float, float]] = {}  # graph label -> (width, height) in points
        self.memo: dict[bytes, tuple[float, float]] = {}  # skeleton (its digest) -> its size
        self.lines: dict = {}  # the DOT lines of boxes and arrows drawn so far (`_draw`'s memo), shared by every page of the map
        self.heads: dict[tuple, str] = {}  # the skeletons' first lines, by the graph's attributes
        self.layouts = 0  # how many layouts were asked of `dot` (for the benchmark)

    def __enter__(self) -> "Trials":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._own:
            self.gv.close()

    def size(self, drawing: _Dot) -> tuple[float, float]:
        """The natural width and height, in points, of `drawing.text()` laid out by `dot`."""
        self._measure(drawing)
        attrs = tuple(drawing.graph.items())
        head = self.heads.get(attrs)
        if head is None:
            head = self.heads[attrs] = _head(drawing.graph, _NODE_DEFAULTS, _EDGE_DEFAULTS)
        skeleton = drawing.skeleton(self.sizes, head)
        digest = hashlib.blake2b(skeleton.encode("utf-8"), digest_size=20).digest()  # (a large map tries thousands)
        found = self.memo.get(digest)
        if found is None:
            found = self.memo[digest] = plain_size(self._plain(skeleton))
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
        catalog = []
        for i, line in enumerate(lines):  # each box under a plain name (n0, n1, ...) and no edges
            catalog.append(f"  n{i} {line[len(boxes[line]) + 3:]}")
        if label is not None:  # the graph label as a box of its own size
            catalog.append(f"  label [shape=plaintext, margin=0, width=0, height=0, label={label}];")
        measured = {}
        for row in self._plain(_source(_GRAPH_ATTRS, _NODE_DEFAULTS, _EDGE_DEFAULTS, catalog)).decode("utf-8", "replace").splitlines():
            if row.startswith("node "):
                name, _, _, width, height = row.split(" ", 6)[1:6]
                measured[name] = (width, height)
        for i, line in enumerate(lines):
            self.sizes[line] = measured[f"n{i}"]
        if label is not None:
            width, height = measured["label"]
            self.labels[label] = (float(width) * 72.0, float(height) * 72.0)

    def _plain(self, source: str) -> bytes:
        self.layouts += 1
        return self.gv.plain(source, patience=self.PATIENCE)


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    dot: str
    width: float  # natural size, points
    height: float
    focus: str | None = None
    pdf: bytes | None = None  # Graphviz's drawing of this page, when already made

    @classmethod
    def drawn(cls, dot: str, focus: str | None, gv: Graphviz) -> "Page":
        """Lay the page out once: its size and its PDF drawing together."""
        out = gv.run(dot, ["plain", "pdf"])
        width, height = plain_size(out["plain"])
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


class Book:
    """The pages of one PDF: planned (`_plan_pages`), drawn a batch of pages to
    each `dot` run, and measured again. A page is tried with placeholders for
    its page numbers, and the page drawn is not quite the page tried: a page
    that came out too large is planned again with a little room to spare (in
    the op-ed map, one page of the Stick option's PDF, which would otherwise
    print at 69%)."""

    def __init__(self, rmap: ResolvedMap, trials: Trials, opts: Mapping, paper: str, graph: Graph | None = None):
        self.rmap, self.trials, self.opts, self.paper = rmap, trials, dict(opts), paper
        self.graph = graph if graph is not None and graph.m is rmap else Graph(rmap)
        self.spare: dict[tuple, float] = {}  # page (its first claim and arguments) -> room to leave
        self.rounds = 0
        self.plan = self._plan()
        self.drawing: list = []

    def _plan(self) -> Page | list[tuple[str, str | None, tuple, bool]]:
        digits = 2
        while True:
            plan = _plan_pages(self.rmap, self.trials, self.graph, paper=self.paper, spare=self.spare, digits=digits, **self.opts)
            if isinstance(plan, Page) or len(str(len(plan))) <= digits:
                return plan
            digits = len(str(len(plan)))  # "continued on p. 104": plan again for three-digit page numbers

    def draw(self, submit: Callable) -> None:
        """Start drawing the pages: `submit(func, *args)` gives a future (a thread pool's submit)."""
        if isinstance(self.plan, Page):
            self.drawing = []
            return
        texts = [dot for dot, _, _, _ in self.plan]
        many = self.trials.gv.run_many
        self.drawing = [submit(many, texts[i:i + PAGE_BATCH], ["plain", "pdf"]) for i in range(0, len(texts), PAGE_BATCH)]

    def pages(self, submit: Callable) -> list[Page]:
        """The pages, once drawn (`draw` first)."""
        while True:
            if isinstance(self.plan, Page):
                return [self.plan]
            outs = [out for batch in self.drawing for out in batch.result()]
            pages = [Page(dot, *plain_size(out["plain"]), focus, out["pdf"]) for (dot, focus, _, _), out in zip(self.plan, outs)]
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
             paper: str = "letter", gv: Graphviz | None = None, ids: bool = False) -> list[Page]:
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
    skeleton (`Trials`); each page is then drawn once (`Book`). gv: the
    `Graphviz` to run (with its drawing cache), else one of its own.
    """
    opts = dict(option=option, focus=focus, depth=depth, evidence=evidence, status=status, legend=legend, ids=ids)
    with Trials(gv) as trials, ThreadPoolExecutor(max_workers=workers()) as pool:
        book = Book(rmap, trials, opts, paper)
        book.draw(pool.submit)
        return book.pages(pool.submit)


def _plan_pages(rmap: ResolvedMap, trials: Trials, g: Graph, *, option: str | None, focus: str | None, depth: int | None,
                evidence: bool, status: Mapping[str, str] | None, legend: bool, paper: str,
                spare: Mapping[tuple, float], digits: int, ids: bool = False) -> Page | list[tuple[str, str | None, tuple, bool]]:
    """The pages of `paginate`, planned: a single page already drawn, or for each
    page (DOT text, focus, key, fits by its skeleton?)."""
    opts = dict(status=status, legend=legend, ids=ids)
    base = select(rmap, focus=focus, depth=depth, option=option, evidence=evidence, graph=g)
    whole = _draw(rmap, base, **opts)
    alone = focus in rmap.arguments or not base.roots
    if alone or len(base.statements) + len(base.evidence) <= PAGE_NODES_MAX and Page("", *trials.size(whole)).fits(paper):
        page = Page.drawn(whole.text(), focus, trials.gv)
        if page.fits(paper) or alone:
            return page
    # (More claims and cards than PAGE_NODES_MAX never fit: no need to lay them all out.)

    drawn = set(base.statements)
    can_open = {sid for sid in base.statements if sid not in base.hidden and g.below[sid]}
    unknown = int("8" * digits)  # page numbers are not known yet: as wide as the widest (DejaVu's digits are all as wide)
    memo = trials.lines

    def view_of(roots: list[str], opened: Mapping[str, object], repeat: Iterable[str] = ()) -> View:
        view = assemble(rmap, g, roots, lambda sid, level: opened.get(sid, False), [], roots, base.caption, evidence)
        # A claim continued on another page takes its cards there; a claim split
        # over pages shows them on its first page only.
        away = {sid for sid in view.hidden if sid in can_open and sid not in roots} | set(repeat)
        levels = set(view.statements)
        view.evidence = [eid for eid in view.evidence if any(
            t in levels and t not in away for t in (*rmap.evidence[eid].evidence.supports, *rmap.evidence[eid].evidence.challenges))]
        return view

    tried: dict[tuple, float] = {}  # candidate page -> its scale (the planner asks again about some)

    def fits(roots: list[str], opened: Mapping[str, object], repeat: Iterable[str] = ()) -> bool:
        first = not plans  # page 1 carries the full title and the key
        asked = (tuple(roots), frozenset(opened.items()), tuple(repeat), first)
        scale = tried.get(asked)
        if scale is None:
            scale = tried[asked] = measure(roots, opened, repeat, first)
        return scale >= MIN_SCALE * spare.get(key, 1.0)

    def measure(roots: list[str], opened: Mapping[str, object], repeat: Iterable[str], first: bool) -> float:
        view = view_of(roots, opened, repeat)
        if len(view.statements) + len(view.context) + len(view.evidence) > PAGE_NODES_CAP:
            return 0.0  # never fits: spare the layout (a cap can only add a page, never shrink one)
        placeholder = {sid: unknown for sid in [*view.hidden, *view.context]}
        page_opts = opts if first else {**opts, "legend": False, "title": "short"}
        view.caption += f" · page {unknown} of {unknown}, continued from page {unknown}"
        return Page("", *trials.size(_draw(rmap, view, page_refs=placeholder, memo=memo, **page_opts))).placement(paper)[1]

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
    final: dict = {}  # the lines of the pages as printed, with their page numbers: not kept for later trials
    for number, (roots, _, taken, leads, view, key, expected) in enumerate(plans, 1):
        refs = {sid: entries[i].page for sid, i in leads.items()}
        refs.update({sid: home[sid] for sid in view.context if sid in home})
        came_from = sorted({entries[i].came_from + 1 for i in taken if entries[i].came_from is not None})
        view.caption = base.caption + f" · page {number} of {len(plans)}"
        if came_from:
            view.caption += ", continued from page " + ", ".join(str(n) for n in came_from)
        page_opts = opts if number == 1 else {**opts, "legend": False, "title": "short"}  # the key is on page 1
        pages.append((to_dot(rmap, view=view, page_refs=refs, page=number, memo=final, **page_opts), roots[0], key, expected))
    return pages




_Trials, _Book = Trials, Book  # (the names they had in the single module)
