"""Text for a terminal: control characters escaped, long values cut.

Keys, ids and file names come from untrusted claim files; printed raw, an ESC
or OSC sequence could erase lines or set the window title, and a carriage
return could overwrite the message. Every message argmap prints goes through
`safe()`: C0 and C1 controls (except the newline between a message and its
`help:` lines), DEL, bidirectional overrides and lone surrogates (from file
names that are not UTF-8) become visible escapes such as `\\x1b` or `\\u202e`;
a line longer than MAX_LINE characters is cut in the middle.
"""

from __future__ import annotations

import re

MAX_LINE = 600  # characters; a 2 MB key is shown by its start and its end

_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    if c == 0x09:
        return "\\t"
    if c == 0x0D:
        return "\\r"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def _cut(line: str, limit: int) -> str:
    if len(line) <= limit:
        return line
    keep = limit // 2 - 20
    return f"{line[:keep]} … ({len(line) - 2 * keep:,} characters cut) … {line[-keep:]}"


def safe(text: str, limit: int = MAX_LINE) -> str:
    """`text` fit for a terminal: controls escaped, every line at most `limit` characters."""
    return "\n".join(_cut(_UNSAFE.sub(_escape, line), limit) for line in str(text).split("\n"))


def shorten(value: str, limit: int = 80) -> str:
    """A value to quote inside a message: escaped and at most `limit` characters."""
    value = _UNSAFE.sub(_escape, str(value))
    return value if len(value) <= limit else value[: limit - 1] + "…"
