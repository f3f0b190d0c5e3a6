"""A map in words: the names a handout, a file of evidence or a message gives
its statements, cards and arguments, never their ids.

`Wording` is made once per analysis (`Analysis.words`); the handouts and the
evidence exports read it. It holds no analysis of its own: sides, stock
issues and card numbers come from the analysis.
"""

from __future__ import annotations

import re
from typing import Mapping

from argmap.load.model import Relation, Side
from argmap.resolve.resolver import ResolvedMap


def quote(text: str) -> str:
    """“text” without its final full stop."""
    return f"\u201c{text.strip().rstrip('.')}\u201d"


def short(text: str, n: int = 90) -> str:
    """At most n characters, cut at a word, with an ellipsis."""
    text = text.strip()
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "\u2026"


class Wording:
    """Human words for every id of a map."""

    _ID_LIKE = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")

    def __init__(self, rmap: ResolvedMap, numbers: Mapping[str, str], sides: Mapping[str, Side], issues: Mapping[str, str]):
        self.m = rmap
        self.numbers = numbers
        self._sides = sides
        self._issues = issues

    def tag(self, sid: str) -> str:
        st = self.m.statements.get(sid)
        if st is None:
            return sid
        return st.tag or st.text

    def side(self, ident: str) -> str:
        """'aff' or 'neg'."""
        side = self._sides.get(ident)
        return side.value if side is not None else "aff"

    def issue(self, sid: str) -> str:
        return self._issues.get(sid, "other")

    def quote_text(self, eid: str) -> str:
        rev = self.m.evidence[eid]
        return rev.anchor.exact if rev.anchor else rev.evidence.quote

    def card_tag(self, eid: str) -> str:
        """'E7 The NLL is a flashpoint North Korea rejects': a card by number and tag."""
        ev = self.m.evidence[eid].evidence
        first = next((s for s in ev.supports if s in self.m.statements), None)  # not a claim it challenges
        return f"{self.numbers[eid]} {ev.tag or (self.tag(first) if first else quote(short(self.quote_text(eid), 70)))}"

    def name(self, ident: str) -> str:
        """Human words for any id: a statement's tag, a card's number and tag, an argument's step."""
        if ident in self.m.statements:
            return self.tag(ident)
        if ident in self.m.evidence:
            return self.card_tag(ident)
        if ident in self.m.arguments:
            return self.argument_text(ident)
        return ident

    def attack_name(self, ident: str) -> str:
        """An attack in words: its premises' tags (an argument) or its card (evidence)."""
        if ident in self.m.arguments:
            return "; ".join(self.tag(p) for p in self.m.arguments[ident].premises)
        return self.name(ident)

    def attack_label(self, ident: str) -> str:
        """An attack in words, quoted: “its premises' tags”, or a card's number and tag."""
        if ident in self.m.evidence:
            return self.card_tag(ident)
        return quote(self.attack_name(ident))

    def argument_text(self, aid: str, nested: bool = False) -> str:
        """An argument in words, never its id: 'the step from “A” to “B”', 'our answer
        “C” to their “D”'. An argument about an argument is described one level deep."""
        m = self.m
        arg = m.arguments.get(aid)
        if arg is None:
            return "a step not in this map"
        prem = " + ".join(quote(self.tag(p)) for p in arg.premises)
        ours = self.side(aid) == "aff"
        who = "our" if ours else "their"
        if arg.relation is Relation.support:
            return f"the step from {prem} to {quote(self.tag(arg.target))}"
        if arg.relation is Relation.rebut:
            return f"{who} {prem}" if nested else f"{who} attack {prem} on {quote(self.tag(arg.target))}"
        inner = self.argument_text(arg.target, nested=True) if not nested and arg.target in m.arguments else "another step"
        return f"{who} {'answer' if ours else 'objection'} {prem} to {inner}"

    def plain(self, text: str | None) -> str | None:
        """A coach's note in words: ids it mentions ("see obj-vague-balance",
        "kim-2022") become the tag, card number or reference they name."""
        if not text:
            return text
        refs = {r.id: r for src in self.m.sources.values() for r in src.references}

        def swap(mt: re.Match) -> str:
            word = mt.group(0)
            if word in self.m.statements:
                return quote(self.tag(word))
            if word in self.m.evidence:
                return self.numbers[word]
            if word in self.m.arguments:
                return self.attack_label(word)
            if word in refs:
                r = refs[word]
                who = (r.authors[0].split(",")[0] if r.authors else r.corporate_author or r.title)
                return f"{who} {r.date[:4]}" if r.date else who
            return word

        known = lambda w: w in self.m.statements or w in self.m.evidence or w in self.m.arguments or w in refs  # noqa: E731
        text = re.sub(r"'([^'\s]+)'", lambda mt: mt.group(1) if known(mt.group(1)) else mt.group(0), text)
        return self._ID_LIKE.sub(swap, text)
