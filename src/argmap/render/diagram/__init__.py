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
- `wall`: the poster's own layout (compact boxes, cards as chips), for one sheet;
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
from argmap.render.diagram.style import (BODY_MIN_PT, BODY_MIN_PX, BODY_PT, FORMATS, MARGIN, FOOTER, PAPER, PNG_DPI,
                                         PNG_MAX_PX)
from argmap.render.diagram.text import clean_text, dot_string, html_text, tooltip_string, wrap
from argmap.resolve.resolver import ResolvedMap

__all__ = ["FORMATS", "VIEWS", "DrawingCache", "Graphviz", "Page", "View", "artifacts", "clean_text", "dot_executable", "file_stem",
           "layout_size", "overview", "paginate", "png_fits_screen", "poster", "render", "render_pdf", "render_svg", "run_dot", "select", "to_dot",
           "wrap"]

VIEWS = ("map", "overview", "poster", "tiles")


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

    `opts` are `to_dot`'s: focus, depth, option, evidence, status, legend, ids.
    cache: a `DrawingCache` (or a folder for one) that keeps what `dot` drew.
    A PNG is drawn with its body text at BODY_MIN_PX or more, however large
    that makes it (up to PNG_LIMIT_PX a side: then E505, use the overview,
    the poster or the PDF).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "dot":
        return to_dot(rmap, **opts).encode("utf-8")
    with Graphviz(_cache_of(cache)) as gv:
        if fmt == "pdf":
            pages = paginate(rmap, paper=paper, gv=gv, **opts)
            keyed = with_key(rmap, pages, gv, opts)
            return render_pdf(pages, title=rmap.header.title, paper=paper, gv=gv, keyed=keyed)
        source = to_dot(rmap, **opts)
        if fmt == "png":
            return legible_png(gv, source, rmap)
        return gv.run(source, [fmt])[fmt]


def with_key(rmap: ResolvedMap, pages: list, gv: Graphviz, opts: dict, graph: Graph | None = None) -> bool:
    """Add the key page (every mark the diagram uses) to a diagram of more than one page; whether it did."""
    from argmap.render.diagram.dot import marks
    from argmap.render.diagram.key import key_dot

    if len(pages) < 2:
        return False
    view = select(rmap, focus=opts.get("focus"), depth=opts.get("depth"), option=opts.get("option"),
                  evidence=opts.get("evidence", True), graph=graph)
    pages.append(Page.drawn(key_dot(rmap.header.title, marks(rmap, view, opts.get("status"))), None, gv))
    return True


PNG_LIMIT_PX = 16384


def png_scale(width: float, height: float) -> float:
    """Pixels per point of the PNG of a drawing width x height (points): PNG_DPI,
    shrunk to fit a 4K screen when the body text stays at BODY_MIN_PX or more,
    else just as much as that rule allows."""
    fitted = min(PNG_DPI / 72.0, PNG_MAX_PX[0] / width, PNG_MAX_PX[1] / height)
    return max(fitted, BODY_MIN_PX / BODY_PT)


def png_fits_screen(width: float, height: float) -> bool:
    """Whether the drawing's PNG fits a 4K screen with its body text legible."""
    return min(PNG_DPI / 72.0, PNG_MAX_PX[0] / width, PNG_MAX_PX[1] / height) * BODY_PT >= BODY_MIN_PX


def legible_png(gv: Graphviz, source: str, rmap: ResolvedMap | None = None) -> bytes:
    from argmap.core.diagnostics import ArgmapError, Diagnostic, Location

    out = gv.run(source, ["plain"])
    width, height = plain_size(out["plain"])
    scale = png_scale(width, height)
    if max(width, height) * scale > PNG_LIMIT_PX:
        where = Location(rmap.files[0]) if rmap is not None and rmap.files else Location(rmap.id if rmap else "diagram")
        raise ArgmapError([Diagnostic("E505", f"this diagram is too large for one legible PNG ({width * scale:.0f} x {height * scale:.0f} px)",
                                      where, hint="draw --view overview, --view poster or --view tiles, or --format pdf (paged)")])
    return gv.run(source, ["png"], dpi=scale * 72.0, fit=False)["png"]


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


def _whole(gv: Graphviz, source: str, typesetter: Typesetter, title: str, poster_source: str) -> dict[str, bytes | None]:
    """The whole map, laid out once: its SVG; its PNG (drawn from that layout)
    when it fits a 4K screen legibly, else None; and, from the poster's own
    layout (`wall.poster_dot`), the poster and its tiles."""
    out = gv.run(source, ["svg", "dot", "plain"])
    width, height = plain_size(out["plain"])
    png = None
    if png_fits_screen(width, height):
        png = gv.run(out["dot"].decode("utf-8"), ["png"], dpi=PNG_DPI, laid_out=True)["png"]
    drawn = gv.run(poster_source, ["plain", "pdf"])
    return {"svg": out["svg"], "png": png,
            "poster.pdf": poster(None, source=poster_source, drawn=drawn, gv=gv, typesetter=typesetter, title=title),
            "poster-letter.pdf": poster(None, source=poster_source, drawn=drawn, gv=gv, typesetter=typesetter, title=title,
                                        tiles="letter")}


def _png_on_screen(ctx, svg_name: str) -> bool:
    """Whether the whole map's SVG already written (`svg_name`) fits a 4K screen as a legible PNG."""
    from argmap.render.diagram.outline import svg_points

    try:
        head = (ctx.out_dir / svg_name).read_bytes()[:2000].decode("utf-8", "replace")
    except OSError:
        return True
    return png_fits_screen(*svg_points(head))


def _overview_artifacts(analysis, gv: Graphviz, typesetter: Typesetter, current, ids: bool) -> list:
    from argmap.core.artifact import Artifact, digest
    from argmap.render.diagram.outline import overview_dot

    stem = f"{analysis.map.id}-overview"
    first = overview_dot(analysis, ids=ids)
    keys = {fmt: digest("diagram-overview", fmt, "letter", first) for fmt in ("svg", "png", "pdf")}
    if current is not None and all(current(f"{stem}.{fmt}", key) for fmt, key in keys.items()):
        return [Artifact(f"{stem}.{fmt}", key=key) for fmt, key in keys.items()]
    source, out = _overview(analysis, gv, paper="letter", ids=ids)
    page = Page(source, *plain_size(out["plain"]), None, out["pdf"])
    return [Artifact(f"{stem}.svg", out["svg"], key=keys["svg"]),
            Artifact(f"{stem}.png", legible_png(gv, source, analysis.map), key=keys["png"]),
            Artifact(f"{stem}.pdf", render_pdf([page], title=analysis.map.header.title, gv=gv, typesetter=typesetter),
                     key=keys["pdf"])]


def overview_fit(paper: str = "letter") -> tuple[float, float]:
    """The drawing's box on a landscape page of `paper`, points."""
    short, long = PAPER[paper]
    return long - 2 * MARGIN, short - 2 * MARGIN - FOOTER


def _overview(analysis, gv: Graphviz, *, paper: str, ids: bool) -> tuple[str, dict[str, bytes]]:
    from argmap.render.diagram.outline import overview_source

    source, _scale = overview_source(analysis, fit=overview_fit(paper), measure=gv.size, ids=ids)
    out = gv.run(source, ["svg", "plain", "pdf"])
    return source, out


def overview(analysis, fmt: str, *, paper: str = "letter", ids: bool = False, gv: Graphviz | None = None,
             typesetter: Typesetter | None = None, cache=None) -> bytes:
    """The overview map (`overview.py`) as svg, png, pdf (one landscape page) or dot."""
    with (Graphviz(_cache_of(cache)) if gv is None else _Borrowed(gv)) as g:
        source, out = _overview(analysis, g, paper=paper, ids=ids)
        if fmt == "dot":
            return source.encode("utf-8")
        if fmt == "svg":
            return out["svg"]
        if fmt == "png":
            return legible_png(g, source, analysis.map)
        page = Page(source, *plain_size(out["plain"]), None, out["pdf"])
        return render_pdf([page], title=analysis.map.header.title, paper=paper, gv=g, typesetter=typesetter)


class _Borrowed:
    """A caller's `Graphviz`, in a `with`, left open."""

    def __init__(self, gv: Graphviz):
        self.gv = gv

    def __enter__(self) -> Graphviz:
        return self.gv

    def __exit__(self, *exc) -> None:
        pass


def poster(rmap: ResolvedMap | None, *, paper: str = "arch-d", tiles: str | None = None, gv: Graphviz | None = None,
           typesetter: Typesetter | None = None, cache=None, source: str | None = None, drawn: dict | None = None,
           title: str | None = None, analysis=None, notes: list[str] | None = None, **opts) -> bytes:
    """The whole map (or `opts`' view) as a poster PDF on `paper` (arch-d, a1),
    or, with `tiles` (letter, a4), the same poster at the same scale cut into
    overlapping sheets with assembly marks. `drawn`: Graphviz's "plain" and
    "pdf" of `source`, when the caller has them. With `analysis` and no focus,
    option or depth, the whole map is drawn in the poster's own compact layout
    (`wall.poster_dot`: one sheet for a map of a hundred claims). A map too
    large for one sheet with its text at BODY_MIN_PT spans several: `notes`
    gets a line saying so."""
    from argmap.render.diagram.sheets import plan_poster, plan_tiles, render_poster
    from argmap.render.diagram.wall import poster_dot

    if source is None and analysis is not None and not any(opts.get(k) is not None for k in ("focus", "option", "depth")):
        source = poster_dot(analysis, ids=bool(opts.get("ids")))
        rmap = analysis.map
    source = source if source is not None else to_dot(rmap, **opts)
    with (Graphviz(_cache_of(cache)) if gv is None else _Borrowed(gv)) as g:
        out = drawn if drawn is not None else g.run(source, ["plain", "pdf"])
    width, height = plain_size(out["plain"])
    sheets = plan_poster(width, height, paper)
    if sheets.count > 1 and notes is not None:
        notes.append(f"note: the map is too large for one {paper} sheet with its text at {BODY_MIN_PT:g} pt or more: "
                     f"the poster spans {sheets.count} sheets ({sheets.rows} x {sheets.cols}) at {sheets.scale:.0%}")
    caption = f"Poster ({paper})"
    if tiles is not None:
        sheets = plan_tiles(width, height, sheets.scale, tiles)
        caption = f"Poster ({paper} scale) on {sheets.count} {tiles} sheets"
    return render_poster(out["pdf"], width, height, sheets, title=title if title is not None else rmap.header.title, caption=caption,
                         typesetter=typesetter if typesetter is not None else Typesetter())


MAX_OPTION_DIAGRAMS = 24  # a map with more options gets diagrams of its first 24 (the whole map shows them all)


def artifacts(analysis, ctx, *, cache: DrawingCache | str | os.PathLike | None = None, ids: bool = False) -> Iterator:
    """Build producer: the whole map as SVG, PNG (only when it fits a 4K screen
    with legible text: see `png_fits_screen`) and paged PDF, its poster (ARCH D)
    and the poster tiled on Letter sheets, the overview map (SVG, PNG, PDF),
    and each policy option as SVG and PDF. ids: print ids in the boxes.

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
    ids = ids or bool(getattr(ctx, "ids", False))
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
            source = to_dot(rmap, view=select(rmap, graph=graph, **opts), memo=trials.lines, ids=ids)
            keys = {fmt: digest("diagram", fmt, "letter" if fmt == "pdf" else "", source)
                    for fmt in (("svg", "pdf") if opts else ("svg", "png", "pdf"))}
            if not opts:
                from argmap.render.diagram.wall import poster_dot

                wall_source = poster_dot(analysis, ids=ids)
                keys |= {fmt: digest("diagram", fmt, "", wall_source) for fmt in ("poster.pdf", "poster-letter.pdf")}
            names = {fmt: f"{stem}.{fmt}" if "." not in fmt else f"{stem}-{fmt}" for fmt in keys}
            if current is not None and not opts and current(names["svg"], keys["svg"]) and not _png_on_screen(ctx, names["svg"]):
                keys.pop("png")  # (the map's PNG would not be legible: see below)
            if current is not None and all(current(names[fmt], key) for fmt, key in keys.items()):
                results += [Artifact(names[fmt], key=key) for fmt, key in keys.items()]
            else:
                sources[stem] = (opts, source, keys)
        views_all, views = views, [opts for opts, _source, _keys in sources.values()]
        pictures = []
        for opts, source, _keys in sources.values():
            if opts:
                pictures.append((pool.submit(gv.run, source, ["svg"]), None))
            else:
                both = pool.submit(_whole, gv, source, typesetter, rmap.header.title, wall_source)
                pictures.append((both, both))
        # One PDF after another, each drawn while the next is planned, so that the
        # pages of at most two PDFs are in memory (a 5,000-statement map prints on
        # thousands of pages), and Typst lays out one PDF at a time.
        pdfs: list = []
        waiting = None

        def finish(book: Book) -> None:
            pages = book.pages(pool.submit)
            keyed = with_key(rmap, pages, gv, book.opts, graph)
            book.plan, book.drawing = None, []  # the pages now live only in the PDF's task
            if pdfs:
                pdfs[-1].result()
            pdfs.append(pool.submit(render_pdf, pages, title=rmap.header.title, gv=gv, typesetter=typesetter, keyed=keyed))

        for opts in views:
            book = Book(rmap, trials, dict(option=None, focus=None, depth=None, evidence=True, status=None, legend=True) | opts,
                        "letter", graph=graph)
            book.draw(pool.submit)
            if waiting is not None:
                finish(waiting)
            waiting = book
        if waiting is not None:
            finish(waiting)
        for (stem, (opts, _source, keys)), (svg, whole), pdf in zip(sources.items(), pictures, pdfs):
            results.append(Artifact(f"{stem}.svg", svg.result()["svg"], key=keys["svg"]))
            if whole is not None and whole.result().get("png") is not None:
                results.append(Artifact(f"{stem}.png", whole.result()["png"], key=keys["png"]))
            results.append(Artifact(f"{stem}.pdf", pdf.result(), key=keys["pdf"]))
            if whole is not None:
                for fmt in ("poster.pdf", "poster-letter.pdf"):
                    results.append(Artifact(f"{stem}-{fmt}", whole.result()[fmt], key=keys[fmt]))
        results += _overview_artifacts(analysis, gv, typesetter, current, ids)
    if drawings is not None and len(sources) == len(views_all):
        drawings.prune()  # (a view not drawn this time keeps its layouts for the next edit that touches it)
    yield from results
