"""The ids a round takes as settled (`--accept`) or takes out (`--drop`): which
ids a map has, which map of several each one names, and the error for one that
names nothing, with the nearest id. The evaluation (argmap.analyze.evaluate)
takes what these checks let through.
"""

from __future__ import annotations

from typing import Iterable

from argmap.core.diagnostics import OptionError, did_you_mean
from argmap.resolve.resolver import ResolvedMap


class UnknownAcceptedId(OptionError):
    """An id given to `--accept` that names no statement or evidence of the map."""

    option = "--accept"


def accepted_in_files(rmap: ResolvedMap) -> set[str]:
    """The ids a teacher marked `accepted: true` in the claim files."""
    found = {sid for sid, st in rmap.statements.items() if st.accepted}
    found |= {eid for eid, rev in rmap.evidence.items() if rev.evidence.accepted}
    return found


def accept_by_map(maps: Iterable[ResolvedMap], accept: Iterable[str]) -> dict[str, list[str]]:
    """map id -> the `accept` ids that name something in that map (for check and
    build, which take one --accept for several maps). An id that names nothing in
    any of them raises UnknownAcceptedId, with the nearest id when there is one map."""
    maps = list(maps)
    accept = list(accept)
    mine = {m.id: [a for a in accept if a in m.statements or a in m.evidence or a in m.arguments or a in m.options]
            for m in maps}
    missing = [a for a in accept if not any(a in ids for ids in mine.values())]
    if missing and maps:
        if len(maps) == 1:
            check_accept_ids(maps[0], missing)  # raises with a did-you-mean
        guess = did_you_mean(missing[0], [i for m in maps for i in (*m.statements, *m.evidence)])
        raise UnknownAcceptedId(f"no statement or evidence '{missing[0]}' in the map(s) {', '.join(m.id for m in maps)}"
                                + (f"; did you mean '{guess}'?" if guess else ""))
    return mine


def check_accept_ids(rmap: ResolvedMap, ids: Iterable[str]) -> None:
    """Raise UnknownAcceptedId unless every id is a statement or evidence of the map."""
    for ident in ids:
        if ident in rmap.statements or ident in rmap.evidence:
            continue
        if ident in rmap.arguments or ident in rmap.options:
            kind = "an argument" if ident in rmap.arguments else "a policy option"
            raise UnknownAcceptedId(f"'{ident}' is {kind}; only statements and evidence can be accepted")
        guess = did_you_mean(ident, [*rmap.statements, *rmap.evidence])
        raise UnknownAcceptedId(f"no statement or evidence '{ident}' in map '{rmap.id}'" + (f"; did you mean '{guess}'?" if guess else ""))


def check_drop_ids(rmap: ResolvedMap, ids: Iterable[str]) -> None:
    """Raise UnknownAcceptedId unless every id is a statement, argument or evidence of the map."""
    for ident in ids:
        if ident not in rmap.statements and ident not in rmap.arguments and ident not in rmap.evidence:
            guess = did_you_mean(ident, [*rmap.statements, *rmap.arguments, *rmap.evidence])
            raise UnknownAcceptedId(f"no statement, argument or evidence '{ident}' to drop in map '{rmap.id}'"
                                    + (f"; did you mean '{guess}'?" if guess else ""))
