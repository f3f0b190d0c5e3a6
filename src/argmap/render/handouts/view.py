"""The handout view models, one typed model per kind, built from one Analysis.

    from argmap.analyze.analysis import analyze
    from argmap.render.handouts.view import build_view
    view = build_view(analyze(rmap), "brief")      # Handout[BriefBody]

Each kind has its module: `brief`, `cards`, `blocks`, `flow`, `worksheet`
(the worksheet and the teacher key); `common` holds the header, card pointers
and the Handout value. Every debate decision lives in those modules; the
HTML, PDF and Markdown renderers only lay the data out. No builder computes
analysis: labels, sides, weak spots, clashes, contentions and critical
questions come from the Analysis.
"""

from __future__ import annotations

from argmap.analyze.analysis import Analysis
from argmap.render.handouts.blocks import CX_MIN_BLOCK, CX_PER_BLOCK, CX_PER_CONTENTION, BlocksBody, build_blocks  # noqa: F401
from argmap.analyze.contentions import MAX_CONTENTIONS as BRIEF_MAX_CONTENTIONS  # noqa: F401
from argmap.render.handouts.brief import (  # noqa: F401
    BRIEF_MAX_SUBPOINTS, BRIEF_MAX_WORST, OutlineSection, outline_lines, DIAGRAM_MIN_SCALE, BriefBody, build_brief, diagram_scale, diagram_svg, svg_aspect,
)
from argmap.render.handouts.cards import CardsBody, build_cards  # noqa: F401
from argmap.render.handouts.common import (  # noqa: F401
    ANSWER_LABELS, EVENTS, IMPACT_DIMENSIONS, KIND_TITLES, SIDE_LABELS, STOCK_LABELS, STOCK_ORDER, Handout, Header, Pointer, plain,
)
from argmap.render.handouts.flow import FlowBody, build_flow  # noqa: F401
from argmap.render.handouts.worksheet import WorksheetBody, build_worksheet  # noqa: F401
from argmap.render.handouts.reading import ReadingBody, build_reading  # noqa: F401
from argmap.render.handouts.shells import ShellsBody, build_shells  # noqa: F401
from argmap.render.handouts.speech import SpeechBody, build_speech  # noqa: F401

BODY_TYPES = {"brief": BriefBody, "cards": CardsBody, "blocks": BlocksBody, "flow": FlowBody,
              "worksheet": WorksheetBody, "key": WorksheetBody,
              "1ac": SpeechBody, "1nc": ShellsBody, "reading": ReadingBody}


def build_view(analysis: Analysis, kind: str, *, event: str | None = None, diagram: bool = True,
               drawn: tuple[str | None, str] | None = None, source: str | None = None, ids: bool = False) -> Handout:
    """The view model of one handout: kind is brief, cards, blocks, flow, worksheet or key.

    `diagram`: whether the brief draws its diagram; `drawn`: the diagram when
    the caller has drawn it already (the build draws it once for every format);
    `ids`: print the map's ids beside what they name (student handouts have none)."""
    view = _build_view(analysis, kind, event=event, diagram=diagram, drawn=drawn, source=source, ids=ids)
    view.ids = ids
    return view


def _build_view(analysis: Analysis, kind: str, *, event: str | None, diagram: bool,
                drawn: tuple[str | None, str] | None, source: str | None, ids: bool) -> Handout:
    if not isinstance(analysis, Analysis):
        raise TypeError(f"build_view takes an Analysis (argmap.analyze.analysis.analyze), not {type(analysis).__name__}")
    if kind == "brief":
        return build_brief(analysis, diagram=diagram, drawn=drawn, ids=ids)
    if kind == "cards":
        return build_cards(analysis)
    if kind == "blocks":
        return build_blocks(analysis)
    if kind == "flow":
        return build_flow(analysis, event=event)
    if kind in ("worksheet", "key"):
        return build_worksheet(analysis, reveal=kind == "key")
    if kind == "1ac":  # the round documents: the 1AC, the 1NC shells, the numbered readings (`source`: one of them)
        return build_speech(analysis, event=event)
    if kind == "1nc":
        return build_shells(analysis)
    if kind == "reading":
        return build_reading(analysis, source=source)
    raise ValueError(f"unknown handout kind {kind!r}; choose one of {', '.join(BODY_TYPES)}")
