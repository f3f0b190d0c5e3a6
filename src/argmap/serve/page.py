"""The map page, twice: served live by `argmap serve`, and written by `argmap
build` as one self-contained file, `output/<map>/<map>-map.html`.

Both are the same script and styles (`static/map.js`, `static/map.css`,
hand-written, no library, no build step) over the same data (`view.map_view`).
Served, the page loads its data from the server, hears every save (server-sent
events) and asks the server for what-ifs. Written to a file, the data is
inside the page and the script says, quietly, what needs the server. The
file's Content-Security-Policy allows only its own inline script and styles,
by hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from argmap.analyze.analysis import Analysis

ASSET_TYPES = {"map.js": "text/javascript; charset=utf-8", "map.css": "text/css; charset=utf-8"}


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    if name not in ASSET_TYPES:
        raise KeyError(name)
    return resources.files("argmap.serve").joinpath("static", name).read_text(encoding="utf-8")


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


_HEAD = ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
         '<meta name="viewport" content="width=device-width, initial-scale=1">')


def live_page(map_id: str, title: str) -> str:
    """The page `argmap serve` sends for a map: data, events and what-ifs come from the server."""
    return (f'{_HEAD}<title>{html.escape(title)} · argmap</title>'
            '<link rel="stylesheet" href="/static/map.css"></head>'
            f'<body data-mode="live" data-map="{html.escape(map_id, quote=True)}">'
            '<noscript>This page needs JavaScript; the handouts in output/ do not.</noscript>'
            '<script src="/static/map.js"></script></body></html>\n')


def static_page(analysis: "Analysis") -> str:
    """The same page as one file, its data inside it."""
    from argmap.serve.view import embed, map_view

    script, style = asset("map.js"), asset("map.css")
    csp = (f"default-src 'none'; script-src {_sha(script)}; style-src {_sha(style)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    data = embed({"view": map_view(analysis), "state": {"version": 0, "stale": False, "problems": []}})
    title = analysis.map.header.title
    return (f'{_HEAD}<meta http-equiv="Content-Security-Policy" content="{html.escape(csp, quote=True)}">'
            f'<title>{html.escape(title)} · argmap</title><style>{style}</style></head>'
            f'<body data-mode="static" data-map="{html.escape(analysis.id, quote=True)}">'
            '<noscript>This page needs JavaScript; the handouts beside it do not.</noscript>'
            f'<script type="application/json" id="argmap-data">{data}</script>'
            f'<script>{script}</script></body></html>\n')


def map_artifacts(analysis: "Analysis", ctx) -> Iterable:
    """The build producer: `<map>-map.html`, the interactive map as a static file."""
    from argmap.core.artifact import Artifact

    yield Artifact(f"{analysis.id}-map.html", static_page(analysis))
