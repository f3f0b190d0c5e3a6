"""The visual language of a diagram (colours, boxes, sizes) and the paper it is printed on."""

from __future__ import annotations

from argmap.load.model import StatementKind

FORMATS = ("svg", "png", "pdf", "dot")
STATUS_VALUES = ("in", "out", "undec")



FONT = "DejaVu Sans"
INK = "#1f1f1f"
MUTED = "#5f6368"
FAINT = "#9aa0a6"
SUPPORT = "#1b5e20"  # dark green: solid arrows
ATTACK = "#c62828"  # red: dashed (rebut) or dotted (undercut), bar head
EVIDENCE_EDGE = "#6d4c41"

# Statement boxes by kind: (header, fill, border colour, border width, border style).
KIND_STYLE: dict[StatementKind, tuple[str, str, str, float, str]] = {
    StatementKind.thesis: ("THESIS", "#dcebfa", "#1f4e79", 2.6, "solid"),
    StatementKind.claim: ("CLAIM", "#ffffff", "#455a64", 1.2, "solid"),
    StatementKind.premise: ("PREMISE", "#ffffff", "#455a64", 1.2, "solid"),
    StatementKind.fact: ("FACT", "#ffffff", "#455a64", 1.2, "solid"),
    StatementKind.plan: ("PLAN", "#eef3fb", "#455a64", 1.2, "solid"),
    StatementKind.assumption: ("ASSUMPTION · unstated", "#ffffff", "#455a64", 1.4, "dashed"),
    StatementKind.objection: ("OBJECTION", "#fdecea", "#b71c1c", 1.4, "solid"),
    StatementKind.answer: ("ANSWER", "#e8f5e9", "#2e7d32", 1.4, "solid"),
}
NEG_FILL, NEG_BORDER = "#fdecea", "#b71c1c"  # any statement on the other side
EVIDENCE_FILL, EVIDENCE_BORDER = "#fff8e1", "#8d6e63"
CONTEXT_FILL = "#f5f5f5"
OPTION_FILL, OPTION_BORDER = "#f6f8fa", "#9aa0a6"

# How a Dung status (from argmap.analyze.evaluate) is drawn: a badge that survives
# black-and-white printing, plus a fill for `out` so defeated claims recede.
STATUS_BADGE = {"in": "✔ IN", "out": "✘ OUT", "undec": "? UNDECIDED"}
STATUS_OUT_FILL, STATUS_OUT_INK = "#e4e4e4", "#6b6b6b"

# Sizes, in points (node text) and characters (wrapping).
TEXT_PT, HEADER_PT, THESIS_PT, EVIDENCE_PT, TITLE_PT = 11, 8.5, 12.5, 10, 17
WRAP, THESIS_WRAP, EVIDENCE_WRAP = 28, 36, 28
CONTEXT_WORDS = 12  # a faded parent shows its first words only
EVIDENCE_WORDS = 20  # an evidence note shows at most this many words of its quote

# Paper, in points: the printable box on a page (margins and footer taken off).
PAPER = {"letter": (612.0, 792.0), "a4": (595.3, 841.9)}
MARGIN, FOOTER = 28.0, 16.0
BODY_MIN_PT = 7.0  # the legibility rule: no diagram prints its body text (claims, cards) smaller than this
BODY_MIN_PX = 11.0  # nor shows it smaller than this many pixels in a PNG at 100 %
MIN_SCALE = 0.7  # a page is never printed smaller than this: 11 pt text stays at 7.7 pt
MAX_SCALE = 1.5  # nor blown up more than this
PNG_DPI, PNG_MAX_PX = 144, (3840, 2160)  # PNG: sharp, and never larger than a 4K (UHD) screen
PACK_LOOKAHEAD = 6  # claims tried for the room left on a page before it is closed
PAGE_NODES_MAX = 90  # more claims and cards than this never fit one page at MIN_SCALE
PAGE_NODES_CAP = 45  # nor, in practice, this many (a page of the op-ed map holds 10 to 31)

BODY_PT = 10.0  # = min(TEXT_PT, EVIDENCE_PT): the smallest body text of the map's diagrams, at natural size

# Posters: large sheets (points), and the overlap of the small sheets a poster is tiled onto.
POSTER_PAPER = {"arch-d": (1728.0, 2592.0), "a1": (1683.8, 2383.9)}
POSTER_MARGIN, TILE_MARGIN, TILE_OVERLAP = 36.0, 30.0, 36.0
