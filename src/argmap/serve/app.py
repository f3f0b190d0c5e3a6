"""The web app of `argmap serve` (Starlette): every route, all of them GET.

    /                                the maps, each with its check status
    /map/<map>                       the interactive map page (also: handouts, problems)
    /api/maps                        the maps and their status, as JSON
    /api/map/<map>?accept=a,b&drop=c the map's view (argmap.serve.view), a what-if when asked
    /api/problems                    every diagnostic, with the lines around it
    /events                          server-sent events: one `change` per refresh
    /map/<map>/handout/<kind>.<fmt>  a handout (html, pdf, md), made on demand, cached by content; the round
                                     documents 1ac and 1nc (pdf, docx) and reading (html, pdf)
    /map/<map>/export/<format>       an export (json, docx, cards-json, aif, argdown, cite-request)
    /map/<map>/diagram.<fmt>         the whole map's diagram (svg, pdf, png); ?view=overview (svg, pdf, png),
                                     ?view=poster (pdf)
    /output/<path>                   what `argmap build` wrote (paths checked: argmap.serve.paths)
    /files/<path>                    a claim file or seed, read-only, as plain text
    /static/<name>                   the page's script and styles

Map ids, kinds and formats are looked up in what exists; only /output/ and
/files/ take a path, and argmap.serve.paths refuses any that could leave
its folder.
"""

from __future__ import annotations

import asyncio
import html
import json
import threading
from collections import OrderedDict

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from argmap.core.diagnostics import ArgmapError, OptionError
from argmap.serve import page
from argmap.render.handouts import FORMATS as HANDOUT_FORMATS, KINDS as HANDOUT_KINDS, ROUND_KINDS
from argmap.serve.paths import inside, project_file
from argmap.serve.security import DOCUMENT_CSP, Guard
from argmap.serve.state import ProjectState, Snapshot, problem_json

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HANDOUT_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "md": "text/markdown; charset=utf-8", "docx": DOCX}
DIAGRAM_VIEWS = {"map": ("svg", "pdf", "png"), "overview": ("svg", "pdf", "png"), "poster": ("pdf",)}
EXPORTS = {
    "json": ("application/json", ".json"), "cards-json": ("application/json", ".cards.json"),
    "docx": (DOCX, "-cards.docx"),
    "aif": ("application/json", ".aif.json"), "argdown": ("text/plain; charset=utf-8", ".argdown"),
    "cite-request": ("text/markdown; charset=utf-8", "-cite-request.md"),
}
DIAGRAMS = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}
OUTPUT_TYPES = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".svg": "image/svg+xml", ".png": "image/png",
                ".json": "application/json", ".md": "text/markdown; charset=utf-8", ".argdown": "text/plain; charset=utf-8",
                ".docx": EXPORTS["docx"][0], ".dot": "text/plain; charset=utf-8"}
KEEPALIVE_SECONDS = 15.0


def templates_stamp() -> str:
    """The templates and fonts as they are now (names, sizes, times): an edited
    template makes every handout again, in a server that runs for hours."""
    from argmap.build.watch import PACKAGE

    parts = []
    for folder in (PACKAGE / "templates", PACKAGE / "assets"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                st = path.stat()
                parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return str(hash(tuple(parts)))


class Outputs:
    """Handouts, exports and diagrams made on demand, kept by the content they show."""

    def __init__(self, limit: int = 48):
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        self.limit = limit

    def get(self, key, make):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        data = make()
        with self._lock:
            self._items[key] = data
            while len(self._items) > self.limit:
                self._items.popitem(last=False)
        return data

    def cached(self, key):
        with self._lock:
            return self._items.get(key)


def _ids(request: Request, name: str) -> list[str]:
    raw = request.query_params.get(name, "")
    return [p for p in raw.split(",") if p][:200]


def _status_json(snap: Snapshot) -> dict:
    return {"version": snap.version, "seconds": round(snap.seconds, 3), "made": snap.made,
            "project_errors": sum(d.is_error for d in snap.project_diagnostics),
            "maps": {mid: {"status": ms.status, "errors": ms.errors, "warnings": ms.warnings, "stale": ms.stale,
                           "title": ms.analysis.map.header.title if ms.analysis else mid}
                     for mid, ms in snap.maps.items()}}


def _document(data: bytes | str, media_type: str, filename: str | None = None) -> Response:
    headers = {"content-security-policy": DOCUMENT_CSP, "cache-control": "no-cache"}
    if filename is not None and not media_type.startswith(("text/html", "image/")):
        headers["content-disposition"] = f'inline; filename="{filename}"'
    return Response(data, media_type=media_type, headers=headers)


def create_app(state: ProjectState, *, bound: str = "127.0.0.1", stopping: threading.Event | None = None) -> Guard:
    """The ASGI app over a ProjectState; `bound` is the address the server listens on
    (the Host check depends on it); `stopping` ends the event streams."""
    project = state.project
    outputs = Outputs()
    stopping = stopping or threading.Event()
    subscribers: set[tuple[asyncio.AbstractEventLoop, asyncio.Queue]] = set()

    def broadcast(snap: Snapshot) -> None:
        message = json.dumps(_status_json(snap))
        for loop, queue in list(subscribers):
            try:
                loop.call_soon_threadsafe(queue.put_nowait, message)
            except RuntimeError:  # that loop has closed
                subscribers.discard((loop, queue))

    state.listen(broadcast)

    def not_found(what: str) -> PlainTextResponse:
        return PlainTextResponse(f"not found: {what}\n", status_code=404)

    # ---- pages

    def index(request: Request) -> Response:
        snap = state.snapshot
        rows = []
        for mid, ms in snap.maps.items():
            title = ms.analysis.map.header.title if ms.analysis else mid
            badge = {"ok": "checked: no problems", "warning": f"{ms.warnings} warning(s)",
                     "error": f"{ms.errors} error(s)" + (", showing the last good version" if ms.stale else "")}[ms.status]
            rows.append(f'<li class="map-{ms.status}"><a href="/map/{html.escape(mid, quote=True)}">{html.escape(title)}</a> '
                        f'<code>{html.escape(mid)}</code> <span class="badge {ms.status}">{html.escape(badge)}</span></li>')
        project_errors = [d for d in snap.project_diagnostics if d.is_error]
        note = (f'<p class="badge error">{len(project_errors)} project error(s): see a map\'s Problems tab</p>' if project_errors else "")
        body = (f'<main class="index"><h1>argmap</h1><p class="muted">{html.escape(str(project.root))}</p>{note}'
                f'<ul class="maps">{"".join(rows) or "<li>No maps in arguments/.</li>"}</ul>'
                '<p class="muted">This list updates itself when a claim file is saved.</p></main>')
        return HTMLResponse(f'{page._HEAD}<title>argmap</title><link rel="stylesheet" href="/static/map.css"></head>'
                            f'<body data-mode="index">{body}<script src="/static/map.js"></script></body></html>\n')

    def map_page(request: Request) -> Response:
        mid = request.path_params["map_id"]
        ms = state.map_state(mid)
        if ms is None:
            return not_found(f"map {mid!r}")
        title = ms.analysis.map.header.title if ms.analysis else mid
        return HTMLResponse(page.live_page(mid, title))

    def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in page.ASSET_TYPES:
            return not_found(name)
        return Response(page.asset(name), media_type=page.ASSET_TYPES[name], headers={"cache-control": "no-cache"})

    # ---- data

    def api_maps(request: Request) -> Response:
        return JSONResponse(_status_json(state.snapshot))

    def api_map(request: Request) -> Response:
        from argmap.serve.view import map_view

        mid = request.path_params["map_id"]
        snap = state.snapshot
        ms = snap.maps.get(mid)
        if ms is None:
            return JSONResponse({"error": f"no map {mid!r}"}, status_code=404)
        problems = [problem_json(project, d) for d in ms.diagnostics if d.is_error]
        problems += [problem_json(project, d) for d in snap.project_diagnostics if d.is_error]
        body: dict = {"state": {"version": snap.version, "stale": ms.stale, "status": ms.status, "problems": problems,
                                "errors": ms.errors, "warnings": ms.warnings}}
        try:
            analysis = state.analysis(mid, _ids(request, "accept"), _ids(request, "drop"))
        except OptionError as exc:
            return JSONResponse({**body, "error": str(exc)}, status_code=400)
        body["view"] = map_view(analysis) if analysis is not None else None
        return JSONResponse(body)

    def api_problems(request: Request) -> Response:
        snap = state.snapshot
        data = {"version": snap.version, "problems": [problem_json(project, d) for d in snap.all_diagnostics()]}
        mid = request.query_params.get("map")
        if mid in snap.maps and snap.maps[mid].analysis is not None:
            a = snap.maps[mid].analysis
            data["weak_spots"] = [problem_json(project, ws.to_diagnostic(a.map)) for ws in a.weak_spots]
        return JSONResponse(data)

    async def events(request: Request) -> Response:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        entry = (loop, queue)
        subscribers.add(entry)

        async def stream():
            try:
                yield f"retry: 1000\nevent: hello\ndata: {json.dumps(_status_json(state.snapshot))}\n\n"
                while not stopping.is_set():
                    try:
                        message = await asyncio.wait_for(queue.get(), timeout=0.5)
                    except asyncio.TimeoutError:
                        ticks = getattr(stream, "ticks", 0) + 1
                        stream.ticks = ticks  # type: ignore[attr-defined]
                        if ticks * 0.5 >= KEEPALIVE_SECONDS:
                            stream.ticks = 0  # type: ignore[attr-defined]
                            yield ": keep-alive\n\n"
                        if await request.is_disconnected():
                            return
                        continue
                    while not queue.empty():  # a burst of saves: only the newest counts
                        message = queue.get_nowait()
                    yield f"event: change\ndata: {message}\n\n"
            finally:
                subscribers.discard(entry)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"cache-control": "no-store", "x-accel-buffering": "no"})

    # ---- documents made on demand

    def _made(request: Request, what: tuple, make) -> Response | bytes | str:
        """make() for the map's current content, cached by it; the last good one when the map is broken now."""
        from argmap.build.builder import content_key

        mid = request.path_params["map_id"]
        ms = state.map_state(mid)
        if ms is None:
            return not_found(f"map {mid!r}")
        if ms.analysis is None:
            return PlainTextResponse(f"map {mid!r} has errors and no good version yet: see its Problems tab\n", status_code=409)
        accept = _ids(request, "accept")
        key = (content_key(ms.analysis.map, sorted(set(accept))), templates_stamp(), mid, *what)
        if ms.stale:
            hit = outputs.cached(key)
            if hit is None:
                return PlainTextResponse("the claim files have errors now; fix them (see Problems) and this is made again\n",
                                         status_code=409)
            return hit
        try:
            return outputs.get(key, lambda: make(mid, accept))
        except OptionError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        except ArgmapError as exc:  # saved broken since the last refresh
            return PlainTextResponse("\n".join(d.format() for d in exc.diagnostics) + "\n", status_code=409)

    def handout(request: Request) -> Response:
        from argmap import api

        kind, fmt = request.path_params["kind"], request.path_params["fmt"]
        # the round documents in their formats (`reading`: every source the map quotes, in one document)
        if fmt not in ROUND_KINDS.get(kind, HANDOUT_FORMATS if kind in HANDOUT_KINDS else ()):
            return not_found(f"handout {kind}.{fmt}")
        data = _made(request, ("handout", kind, fmt),
                     lambda mid, accept: api.handout(project, mid, kind=kind, format=fmt, accept=accept))
        if isinstance(data, Response):
            return data
        return _document(data, HANDOUT_TYPES[fmt], f"{request.path_params['map_id']}-{kind}.{fmt}")

    def export(request: Request) -> Response:
        from argmap import api

        fmt = request.path_params["format"]
        if fmt not in EXPORTS:
            return not_found(f"export {fmt}")
        data = _made(request, ("export", fmt), lambda mid, accept: api.export(project, mid, format=fmt, accept=accept))
        if isinstance(data, Response):
            return data
        media, suffix = EXPORTS[fmt]
        return _document(data, media, request.path_params["map_id"] + suffix)

    def diagram(request: Request) -> Response:
        from argmap import api

        fmt, view = request.path_params["fmt"], request.query_params.get("view", "map")
        if fmt not in DIAGRAMS or fmt not in DIAGRAM_VIEWS.get(view, ()):
            return not_found(f"diagram.{fmt}" + (f"?view={view}" if view != "map" else ""))
        data = _made(request, ("diagram", view, fmt),
                     lambda mid, accept: api.diagram(project, mid, format=fmt, status=view == "map", accept=accept, view=view))
        if isinstance(data, Response):
            return data
        name = request.path_params["map_id"] + ("" if view == "map" else f"-{view}")
        return _document(data, DIAGRAMS[fmt], f"{name}.{fmt}")

    # ---- files: built outputs, and read-only views of claim files and seeds

    def output_file(request: Request) -> Response:
        raw = request.path_params["path"]
        parts = raw.split("/")
        if len(parts) == 2 and parts[1] == f"{parts[0]}-map.html" and parts[0] in state.snapshot.maps:
            return RedirectResponse(f"/map/{parts[0]}", status_code=307)  # the live page instead of its static copy
        path = inside(project.output_dir, raw)
        if path is None or path.suffix not in OUTPUT_TYPES:
            return PlainTextResponse("refused: not a file argmap built under output/\n", status_code=404)
        return _document(path.read_bytes(), OUTPUT_TYPES[path.suffix], path.name)

    def project_text(request: Request) -> Response:
        path = project_file(project, request.path_params["path"])
        if path is None:
            return PlainTextResponse("refused: only claim files in arguments/ and texts in seeds/ can be viewed\n", status_code=404)
        return Response(path.read_bytes(), media_type="text/plain; charset=utf-8",
                        headers={"content-security-policy": DOCUMENT_CSP})

    routes = [
        Route("/", index), Route("/map/{map_id}", map_page), Route("/static/{name}", static),
        Route("/api/maps", api_maps), Route("/api/map/{map_id}", api_map), Route("/api/problems", api_problems),
        Route("/events", events), Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/map/{map_id}/handout/{kind}.{fmt}", handout), Route("/map/{map_id}/export/{format}", export),
        Route("/map/{map_id}/diagram.{fmt}", diagram),
        Route("/output/{path:path}", output_file), Route("/files/{path:path}", project_text),
    ]
    from starlette.middleware import Middleware
    from starlette.middleware.gzip import GZipMiddleware

    app = Starlette(routes=routes, middleware=[Middleware(GZipMiddleware, minimum_size=4096, compresslevel=3)])
    return Guard(app, bound=bound)
