"""Kialo's text export (Share > Export discussion), as claim files.

    Discussion Title: Should the voting age be lowered to 16?

    1. The voting age should be lowered to 16.
    1.1. Pro: Sixteen-year-olds pay taxes.
    1.1.1. Con: Many of them earn nothing.
    1.2. Con: Sixteen-year-olds are easily swayed.
    1.2.1. -> See 1.1.1.

- The claim numbered `1.` is the thesis; every other claim is a statement.
- A `Pro:` claim is a one-premise argument that supports its parent, a
  `Con:` claim one that attacks it. Claims that speak against the thesis
  (an odd number of cons on the way up) are objections (side neg); a con
  of an objection is an answer.
- `-> See 1.1.1.` (a claim linked in a second place) reuses that claim as
  a pro or con of its new parent.
- A text that runs over several lines is joined; the discussion title is the
  map's resolution.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from argmap.ingest.common import Draft, one_line, unreadable

_CLAIM = re.compile(r"^\s*(\d+(?:\.\d+)*)\.\s+(?:(Pro|Con|Thesis)\s*:\s*)?(.*)$", re.I)
_LINK = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$", re.I)


def read(path: Path, shown: str, title: str, map_id: str) -> Draft:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise unreadable(shown, f"not UTF-8 text (byte {exc.start})") from None
    lines = text.replace("\r\n", "\n").split("\n")
    resolution: str | None = None
    claims: dict[str, dict[str, Any]] = {}  # number -> {stance, text, line}
    order: list[str] = []
    last: str | None = None
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            last = None if last is None or not claims[last]["text"] else last
            continue
        if line.lower().startswith("discussion title:") and not claims:
            resolution = one_line(line.split(":", 1)[1])
            continue
        m = _CLAIM.match(line)
        if m:
            number, stance, body = m.group(1), (m.group(2) or "").lower(), m.group(3).strip()
            if number in claims:
                raise unreadable(shown, f"claim {number} appears twice", n)
            parent = number.rsplit(".", 1)[0] if "." in number else None
            if parent is not None and parent not in claims:
                raise unreadable(shown, f"claim {number} comes before its parent {parent}", n)
            if parent is not None and stance not in ("pro", "con"):
                raise unreadable(shown, f"claim {number} says neither 'Pro:' nor 'Con:'", n,
                                 hint="Kialo writes each claim below the thesis as '1.1. Pro: ...' or '1.2. Con: ...'")
            claims[number] = {"stance": stance, "text": body, "line": n, "parent": parent}
            order.append(number)
            last = number
        elif last is not None:
            claims[last]["text"] = f"{claims[last]['text']} {line}".strip()
        else:
            raise unreadable(shown, "a line that is neither a numbered claim nor part of one", n,
                             hint="Kialo's export numbers every claim: '1.', '1.1. Pro: ...'")
    if not claims:
        raise unreadable(shown, "no numbered claims: this does not look like a Kialo export",
                         hint="Kialo writes 'Discussion Title: ...' and then '1. thesis', '1.1. Pro: ...'")
    draft = Draft(title=resolution or title, resolution=resolution, description=f"Imported from the Kialo export {path.name}.")
    sid: dict[str, str] = {}
    sign: dict[str, int] = {}
    items: dict[str, dict[str, Any]] = {}
    links: list[tuple[str, str]] = []  # (number of the link, number it points to)
    for number in order:
        c = claims[number]
        link = _LINK.match(c["text"])
        parent = c["parent"]
        sign[number] = 1 if parent is None else sign[parent] * (1 if c["stance"] == "pro" else -1)
        if link:
            links.append((number, link.group(1)))
            continue
        if not c["text"]:
            raise unreadable(shown, f"claim {number} has no text", c["line"])
        sid[number] = draft.ids.make(c["text"])
        if parent is None:
            kind = "thesis"
        elif sign[number] < 0:
            kind = "objection"
        else:
            kind = "answer" if c["stance"] == "con" else "claim"
        item = {"id": sid[number], "text": c["text"], "kind": kind, "note": f"Kialo claim {number}"}
        items[number] = item
        draft.statements.append(item)
    for number in order:
        c = claims[number]
        parent = c["parent"]
        if parent is None:
            continue
        link = next((to for at, to in links if at == number), None)
        source = sid.get(link) if link else sid.get(number)
        if source is None:
            draft.lost.append(f"claim {number} links to {link}, which is not in the export")
            continue
        if parent not in sid:
            draft.lost.append(f"claim {number} answers the link {parent}: linked claims carry no replies here")
            continue
        relation = "supports" if c["stance"] == "pro" else "attacks"
        draft.arguments.append({"id": draft.ids.claim(f"{source}-{'for' if relation == 'supports' else 'vs'}-{number.replace('.', '-')}"),
                                "premises": [source], relation: sid[parent]})
    return draft
