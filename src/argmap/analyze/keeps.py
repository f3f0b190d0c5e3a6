"""Stage 3, analyze: weak spots kept on purpose (deliberate notes).

A weak spot a coach has looked at and keeps is still listed, but as a note
with its reason (`note[W502]: ... (kept: reason)`), not as a warning. Four
things keep a finding, tried in this order:

1. a coach's note of the matching kind (`weaknesses:` on its subject,
   `strategy.ACKNOWLEDGED_BY`), for the strategy checks W509-W517;
2. a `keep:` entry on its subject (for a double bind, on either statement of
   the pair) naming its code, with a reason:
       keep:
         - code: W506
           reason: "An unstated assumption of the op-ed: a cross-examination target."
3. a `keep:` entry in the map header naming its code (and, optionally, the
   source whose cards it is about), for a finding that is a property of the
   whole map rather than of one item;
4. the map's declared rule `analyses: <source>`: a map that analyses one
   text quotes that text's sentences for the text's own claims, so the
   self-citation of it (W503) is structural and kept with the rule as its reason.

The coach's notes themselves (W507) are deliberate by nature: always kept.

A keep goes stale when the map changes: `keep_problems` makes each `keep:`
entry that keeps nothing (its code no longer fires on its item) a located
W519 warning, and each one without a reason a W518 warning (its finding then
stays a warning).
"""

from __future__ import annotations

from dataclasses import replace

from argmap.core.diagnostics import Diagnostic, Location
from argmap.load.model import Keep
from argmap.resolve.resolver import MAP_KEEPS, ResolvedMap

NOTED_REASON = "a coach's note written into the claim file"


def analyses_reason(rmap: ResolvedMap) -> str:
    src = rmap.sources.get(rmap.header.analyses or "")
    cite = src.cite_short() if src is not None else rmap.header.analyses
    return (f"the map analyses {cite} (map: analyses): its sentences are read as what the author says, "
            "for the claims the author makes")


def _keeps_of(rmap: ResolvedMap, ident: str) -> list[Keep]:
    item = rmap.item(ident)
    return list(getattr(item, "keep", ()) or ())


def sources_of(rmap: ResolvedMap, ws) -> set[str]:
    """The sources of the cards a finding is about: its subject when it is a card, else the cards it names."""
    ids = [ws.subject] if ws.subject in rmap.evidence else [r for r in ws.related if r in rmap.evidence]
    return {rmap.evidence[e].evidence.source for e in ids}


def apply_keeps(rmap: ResolvedMap, spots: list) -> list:
    """The weak spots with the kept ones marked (`acknowledged`: the reason, `kept_by`: the entry)."""
    out = []
    for ws in spots:
        if ws.acknowledged:
            out.append(ws)
            continue
        if ws.kind == "noted":
            out.append(replace(ws, acknowledged=NOTED_REASON))
            continue
        kept = None
        for owner in ws.owners:
            for j, k in enumerate(_keeps_of(rmap, owner)):
                if k.code == ws.code and k.reason and k.reason.strip():
                    kept = (" ".join(k.reason.split()), (owner, j))
                    break
            if kept:
                break
        if kept is None:
            srcs = sources_of(rmap, ws)
            for j, k in enumerate(rmap.header.keep):
                if k.code == ws.code and k.reason and k.reason.strip() and (k.source is None or k.source in srcs):
                    kept = (" ".join(k.reason.split()), (MAP_KEEPS, j))
                    break
        if kept is None and ws.code == "W503" and rmap.header.analyses and rmap.header.analyses in sources_of(rmap, ws):
            kept = (analyses_reason(rmap), None)
        out.append(replace(ws, acknowledged=kept[0], kept_by=kept[1]) if kept else ws)
    return out


def keep_problems(rmap: ResolvedMap, spots) -> list[Diagnostic]:
    """W518 for a `keep:` entry without a reason, W519 for one that keeps nothing."""
    used = {ws.kept_by for ws in spots if ws.kept_by}
    fired = {(owner, ws.code) for ws in spots for owner in ws.owners}
    codes = {(ws.code, src) for ws in spots for src in (None, *sources_of(rmap, ws))}
    diags = []
    owners = [MAP_KEEPS, *rmap.statements, *rmap.arguments, *rmap.evidence]
    for owner in owners:
        entries = rmap.header.keep if owner == MAP_KEEPS else _keeps_of(rmap, owner)
        locs = rmap.keep_locations.get(owner, [])
        for j, k in enumerate(entries):
            loc = locs[j] if j < len(locs) else rmap.locations.get(owner) or Location(rmap.files[0] if rmap.files else "?")
            where = "the map" if owner == MAP_KEEPS else f"'{owner}'"
            if not (k.reason and k.reason.strip()):
                diags.append(Diagnostic("W518", f"keep of {k.code} on {where} gives no reason: the finding stays a warning", loc,
                                        hint="say why the finding is kept (reason: ...), or fix what it finds"))
            elif (owner, j) not in used:
                fires = (k.code, k.source) in codes if owner == MAP_KEEPS else (owner, k.code) in fired
                why = ("it is already kept by an earlier entry or a coach's note" if fires
                       else f"{k.code} no longer fires on {where}" + (f" for source '{k.source}'" if k.source else ""))
                diags.append(Diagnostic("W519", f"keep of {k.code} on {where} keeps nothing: {why}", loc,
                                        hint="remove the stale keep"))
    diags += _stale_strategy_notes(rmap, spots)
    return diags


def _stale_strategy_notes(rmap: ResolvedMap, spots) -> list[Diagnostic]:
    """W519 for a coach's note of a strategy kind (`double-bind`, `read`...) that keeps no finding:
    the finding it answered no longer fires (the note itself is still listed, as W507)."""
    from argmap.analyze.strategy import ACKNOWLEDGED_BY

    strategy_kinds = set(ACKNOWLEDGED_BY.values())
    kept = {(owner, ws.acknowledged) for ws in spots if ws.kind in ACKNOWLEDGED_BY and ws.acknowledged for owner in ws.owners}
    diags = []
    for owner in [*rmap.statements, *rmap.arguments, *rmap.evidence]:
        for w in getattr(rmap.item(owner), "weaknesses", ()):
            if w.kind in strategy_kinds and (owner, " ".join(w.note.split())) not in kept:
                diags.append(Diagnostic("W519", f"the `{w.kind.value}` note on '{owner}' keeps nothing: no such finding fires on it any more",
                                        rmap.locations.get(owner) or Location(rmap.files[0] if rmap.files else "?"),
                                        hint="remove the note, or give it a kind that is not a strategy check's"))
    return diags
