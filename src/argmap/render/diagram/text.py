"""Text as a diagram shows it: cleaned, escaped for DOT and its HTML-like labels, wrapped.

Every piece of text from a claim file goes through `html_text`, `dot_string`
or `tooltip_string`, so nothing a teacher types can break the DOT or inject
into it.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

from graphviz.quoting import escape, quote


_WIDE = ("W", "F")


def clean_text(text: str) -> str:
    """Text as a diagram can show it: one line, no control or invalid characters.

    Line breaks and tabs become spaces (the diagram wraps text itself); C0 and
    C1 control characters, lone surrogates and the non-characters XML forbids
    are dropped, because Graphviz's HTML-label parser rejects them; so are the
    explicit bidirectional embeddings, overrides and isolates (U+202A-202E,
    U+2066-2069), which could make a box display text in an order other than
    the one written. Hebrew and Arabic still run right to left on their own.
    """
    text = _BREAKS.sub(" ", str(text))
    text = _FORBIDDEN.sub("", text)
    return _SPACES.sub(" ", text).strip()


_BREAKS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]")
_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069]")  # Cc, Cs, non-characters, bidi controls
_SPACES = re.compile(" {2,}")


def html_text(text: str) -> str:
    """Escape text for a Graphviz HTML-like label.

    XML's five special characters become entities, and a backslash is doubled:
    Graphviz expands escape sequences such as \\N (the node's name) and \\G
    even inside HTML labels, and a doubled backslash is how it writes one.
    """
    text = clean_text(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")
    # "]" as an entity too: Graphviz's HTML-label lexer can stop on a bare "]" (a text of just "]"
    # failed with "syntax error in line 1"; found by tests/test_diagram.py's Hypothesis test).
    text = text.replace("]", "&#93;")
    return text.replace("\\", "\\\\")


def dot_value(text: str) -> str:
    """Text for a plain DOT attribute or name, to be quoted by `graphviz.Digraph`:
    cleaned, backslashes doubled, never taken for an HTML-like label."""
    return escape(clean_text(text))


def tooltip_value(text: str) -> str:
    """`tooltip_string` before quoting, for `graphviz.Digraph`."""
    text = clean_text(text)
    if len(text) > 2000:  # Graphviz refuses a quoted string over 16,384 bytes; a hover text needs no more
        text = text[:1999] + "\u2026"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return escape(text.replace("\\", "\\\\"))


def dot_string(text: str) -> str:
    """A DOT double-quoted string for names and plain attributes (not labels).

    The `graphviz` package's quoting: `escape` doubles backslashes (so \\N is
    not expanded) and marks the text as never HTML-like, `quote` escapes the
    double quotes; the result is always quoted, so a name like `s:x` is never
    read as a node and a port."""
    value = quote(dot_value(text))
    return value if value.startswith('"') else f'"{value}"'


def tooltip_string(text: str) -> str:
    """A DOT string for `tooltip` (the SVG hover text).

    Graphviz reads a tooltip twice, once for \\N-style escapes and once for
    \\n-style ones, so a literal backslash takes four; entities pass through
    to the SVG's XML unchanged, so the XML specials go in as entities.
    """
    value = quote(tooltip_value(text))
    return value if value.startswith('"') else f'"{value}"'


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in _WIDE else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Wrap to `width` columns; wide (CJK) characters count two and may break anywhere."""
    text = clean_text(text)
    if not any(unicodedata.east_asian_width(ch) in _WIDE for ch in text):
        return textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]
    # Tokens: runs of non-space, non-wide characters, or single wide characters.
    tokens = re.findall(r"[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\S| ", text)
    lines, line = [], ""
    for tok in tokens:
        if tok == " ":
            if line and _cells(line) < width:
                line += " "
            continue
        if line and _cells(line) + _cells(tok) > width:
            lines.append(line.rstrip())
            line = ""
        while _cells(tok) > width:  # a latin word longer than a line
            lines.append(tok[:width])
            tok = tok[width:]
        line += tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _lines(text: str, width: int) -> str:
    return "<BR/>".join(html_text(line) for line in wrap(text, width))


def _font(text: str, *, size: float | None = None, color: str | None = None, bold=False, italic=False) -> str:
    if not text:
        return ""  # Graphviz rejects an empty <FONT></FONT>
    if bold:
        text = f"<B>{text}</B>"
    if italic:
        text = f"<I>{text}</I>"
    attrs = ""
    if size is not None:
        attrs += f' POINT-SIZE="{size:g}"'
    if color is not None:
        attrs += f' COLOR="{color}"'
    return f"<FONT{attrs}>{text}</FONT>" if attrs else text

