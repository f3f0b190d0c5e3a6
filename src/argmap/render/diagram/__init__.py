"""Argument diagrams: a resolved map drawn with Graphviz (DOT, SVG, PNG, PDF).

    from argmap import api

    from argmap.render import diagram
    rmap = api.resolve_map(api.open_project("."), "example")
    source = diagram.to_dot(rmap, focus="ex-thesis", depth=2)   # pure: DOT text
    svg = diagram.render_svg(rmap, option="ex-engage")          # bytes, runs `dot`
    pdf = diagram.render(rmap, "pdf")                           # printable pages

The package, by job:

- `select`: which statements, arguments and evidence one view draws (`View`);
- `dot`: the view as DOT text, written with `graphviz.Digraph` (`to_dot`);
- `graphviz`: running `dot` (`Graphviz`, the one place a process starts) and
  the `DrawingCache` of what it drew;
- `pages`: cutting a large diagram into pages that print readably (`paginate`);
- `pdf`: putting the pages on paper with Typst (template
  `templates/diagram/pages.typ`);
- `style`, `text`: the visual language, and text cleaned, escaped, wrapped.

Nothing is cached at module level: a caller that draws often passes a
`DrawingCache` (`cache=`), in memory or in a folder a later build reuses.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from typing import Iterator

from argmap.render.diagram.dot import _draw, to_dot
from argmap.render.diagram.graphviz import (DOT_TIMEOUT, GRAPHVIZ_HELP, DrawingCache, Graphviz, dot_executable,
                                            plain_size)
from argmap.render.diagram.pages import Book, Page, Trials, _Book, _Trials, paginate, workers
from argmap.render.diagram.pdf import Typesetter, render_pdf
from argmap.render.diagram.select import Graph, View, select
from argmap.render.diagram.style import *  # noqa: F401,F403  (the visual language: colours, sizes, paper)
from argmap.render.diagram.style import FORMATS, PNG_DPI
from argmap.render.diagram.text import clean_text, dot_string, html_text, tooltip_string, wrap
from argmap.resolve.resolver import ResolvedMap

__all__ = ["FORMATS", "DrawingCache", "Graphviz", "Page", "View", "artifacts", "clean_text", "dot_executable", "file_stem",
           "layout_size", "paginate", "render", "render_pdf", "render_svg", "run_dot", "select", "to_dot", "wrap"]


def _cache_of(cache: DrawingCache | str | os.PathLike | None) -> DrawingCache | None:
    if cache is None or isinstance(cache, DrawingCache):
        return cache
    return DrawingCache(cache)


def run_dot(source: str, formats, *, dpi: int | None = None, cache: DrawingCache | None = None) -> dict[str, bytes]:
    """`Graphviz.run` once: lay `source` out and write it in each of `formats`."""
    with Graphviz(cache) as gv:
        return gv.run(source, formats, dpi=dpi)


def layout_size(source: str) -> tuple[float, float]:
    """The drawing's natural width and height, in points."""
    return plain_size(run_dot(source, ["plain"])["plain"])


def render(rmap: ResolvedMap, fmt: str, *, paper: str = "letter", cache: DrawingCache | str | os.PathLike | None = None,
           **opts) -> bytes:
    """The diagram in one format: "dot" (no Graphviz needed), "svg", "png" or "pdf".

    `opts` are `to_dot`'s: focus, depth, option, evidence, status, legend.
    cache: a `DrawingCache` (or a folder for one) that keeps what `dot` drew.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "dot":
        return to_dot(rmap, **opts).encode("utf-8")
    with Graphviz(_cache_of(cache)) as gv:
        if fmt == "pdf":
            pages = paginate(rmap, paper=paper, gv=gv, **opts)
            return render_pdf(pages, title=rmap.header.title, paper=paper, gv=gv)
        source = to_dot(rmap, **opts)
        return gv.run(source, [fmt], dpi=PNG_DPI if fmt == "png" else None)[fmt]


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


def _svg_and_png(gv: Graphviz, source: str) -> dict[str, bytes]:
    """The SVG, and the PNG drawn from the SVG's layout (laid out once)."""
    out = gv.run(source, ["svg", "dot"])
    png = gv.run(out["dot"].decode("utf-8"), ["png"], dpi=PNG_DPI, laid_out=True)
    return {"svg": out["svg"], "png": png["png"]}


MAX_OPTION_DIAGRAMS = 24  # a map with more options gets diagrams of its first 24 (the whole map shows them all)


def artifacts(analysis, ctx, *, cache: DrawingCache | str | os.PathLike | None = None) -> Iterator:
    """Build producer: the whole map as SVG, PNG and PDF, and each policy option
    as SVG and PDF.

    No PNG per option: a 4K bitmap costs more to draw (cairo rasterizing and
    compressing 8 million pixels) than the whole rest of an option's drawings,
    and the option's SVG and PDF show it better; the whole map's PNG stays,
    as an overview for documents and projectors, drawn from the SVG's layout
    (the same picture; a large map's layout takes longer than the drawing).

    cache: a `DrawingCache` or a folder for one; else the build context's
    `cache_dir` (output/.argmap-cache/) when it has one. With a folder, a later
    build reuses the layouts of the drawings whose DOT did not change, and the
    folder keeps only what this build used.

    The drawing is done by `dot` and Typst, as many at a time as there are
    cores. Meanwhile this thread plans the PDFs' pages, one diagram after
    another with one set of trial layouts: a page tried for the whole map is
    not laid out again for an option that draws the same claims (and the order
    of the trials, hence the result, is the same on every run).
    """
    from argmap.core.artifact import Artifact, digest

    rmap = analysis.map
    if cache is None and getattr(ctx, "cache_dir", None) is not None:
        cache = os.path.join(ctx.cache_dir, "diagram", rmap.id)
    drawings = _cache_of(cache)
    with_options = [oid for oid in rmap.options if any(st.option == oid for st in rmap.statements.values())]
    views: list[dict] = [{}, *({"option": oid} for oid in with_options[:MAX_OPTION_DIAGRAMS])]
    graph = Graph(rmap)
    typesetter = Typesetter()
    current = getattr(ctx, "current", None)  # the build's test: is this file, with this key, already written?
    results = []
    with Graphviz(drawings) as gv, Trials(gv) as trials, ThreadPoolExecutor(max_workers=workers()) as pool:
        # Each view's files are keyed by its DOT text: a view whose DOT did not
        # change since the last build (an edit elsewhere in the map) is not
        # drawn or paged again.
        sources = {}
        for opts in views:
            stem = file_stem(rmap, **opts)
            source = to_dot(rmap, view=select(rmap, graph=graph, **opts), memo=trials.lines)
            keys = {fmt: digest("diagram", fmt, "letter" if fmt == "pdf" else "", source)
                    for fmt in (("svg", "pdf") if opts else ("svg", "png", "pdf"))}
            if current is not None and all(current(f"{stem}.{fmt}", key) for fmt, key in keys.items()):
                results += [Artifact(f"{stem}.{fmt}", key=key) for fmt, key in keys.items()]
            else:
                sources[stem] = (opts, source, keys)
        views_all, views = views, [opts for opts, _source, _keys in sources.values()]
        pictures = []
        for opts, source, _keys in sources.values():
            if opts:
                pictures.append((pool.submit(gv.run, source, ["svg"]), None))
            else:
                both = pool.submit(_svg_and_png, gv, source)
                pictures.append((both, both))
        # One PDF after another, each drawn while the next is planned, so that the
        # pages of at most two PDFs are in memory (a 5,000-statement map prints on
        # thousands of pages), and Typst lays out one PDF at a time.
        pdfs: list = []
        waiting = None

        def finish(book: Book) -> None:
            pages = book.pages(pool.submit)
            book.plan, book.drawing = None, []  # the pages now live only in the PDF's task
            if pdfs:
                pdfs[-1].result()
            pdfs.append(pool.submit(render_pdf, pages, title=rmap.header.title, gv=gv, typesetter=typesetter))

        for opts in views:
            book = Book(rmap, trials, dict(option=None, focus=None, depth=None, evidence=True, status=None, legend=True) | opts,
                        "letter", graph=graph)
            book.draw(pool.submit)
            if waiting is not None:
                finish(waiting)
            waiting = book
        if waiting is not None:
            finish(waiting)
        for (stem, (opts, _source, keys)), (svg, png), pdf in zip(sources.items(), pictures, pdfs):
            results.append(Artifact(f"{stem}.svg", svg.result()["svg"], key=keys["svg"]))
            if png is not None:
                results.append(Artifact(f"{stem}.png", png.result()["png"], key=keys["png"]))
            results.append(Artifact(f"{stem}.pdf", pdf.result(), key=keys["pdf"]))
    if drawings is not None and len(sources) == len(views_all):
        drawings.prune()  # (a view not drawn this time keeps its layouts for the next edit that touches it)
    yield from results
