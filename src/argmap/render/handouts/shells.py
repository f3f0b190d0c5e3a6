"""1NC shells: each of the negative's off-case positions and case turns, as read.

Everything comes from the map's structure, never from what one map says:

- a **disadvantage** is a negative objection on the disadvantage stock
  issue. Its *link* is what it attacks (the plank or claim of the plan) and
  the cards for the objection itself; its *uniqueness* the premises under it
  on the status quo (inherency stock issue, or a status-quo option); its
  *impact* the premises under it on harms (the case's own harms turned), or
  else the last premise of its reason; its *internal links* the premises in
  between (or the warrant of its reason, as an analytic);
- a **counterplan** is a negative objection on the counterplan stock issue
  that attacks the plan (not one of our answers). Its *text* is its own
  statement and cards; its *competition* what it attacks, and the negative's
  objections to our answers to it (the permutation); its *net benefit* the
  disadvantages it is argued together with (the other premises of the
  argument that carries it);
- **case turns and attacks**: the negative's other objections that hit an
  affirmative claim, in the order of the case; an attack whose argument is
  typed as a turn is labelled so.

A part with no card in the map is an *analytic*: its words come from the
map (the statement, or the reason's warrant), marked as such. A map with no
such position gets an empty body with a note, not an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.analyze.analysis import Analysis
from argmap.analyze.cards import Card, count_words, duration
from argmap.load.model import OptionKind, Relation, StatementKind
from argmap.render.handouts.common import ANSWER_LABELS, WPM, Handout, Index, header, support_premises
from argmap.render.handouts.speech import seconds_for

TURN_TYPES = ("link-turn", "impact-turn")


@dataclass
class ShellPart:
    label: str  # Uniqueness, Link, Internal link, Impact, Text, Competition, Net benefit, Turn...
    tag: str
    cards: list[Card] = field(default_factory=list)
    analytic: bool = False  # no card: the tag is read as an analytic
    note: str | None = None  # what the part links to, or a pointer to another shell


@dataclass
class Shell:
    kind: str  # disadvantage | counterplan | case
    number: int
    id: str
    title: str
    against: str  # what it hits, in words
    parts: list[ShellPart]
    expect: list[str]  # the affirmative's answers in the map: what the 2AC will say
    read_seconds: int = 0
    read_time: str = ""


@dataclass
class ShellsBody:
    wpm: int
    disadvantages: list[Shell]
    counterplans: list[Shell]
    case: list[Shell]
    count: int
    empty_note: str | None  # set when the map has no off-case position or case turn
    read_seconds: int
    read_time: str
    note: str


def _neg_objections(ix: Index) -> list[str]:
    return [sid for sid, st in ix.m.statements.items() if st.kind is StatementKind.objection and ix.side(sid) == "neg"]


def _attacks(ix: Index, sid: str) -> list[str]:
    """The arguments in which `sid` attacks or undercuts something."""
    m = ix.m
    return [a for a in m.premise_of.get(sid, []) if m.arguments[a].relation is not Relation.support]


def _hit(ix: Index, aid: str) -> str | None:
    """The statement an attacking argument hits (an undercut: the conclusion of the step it cuts)."""
    m = ix.m
    target, seen = m.arguments[aid].target, set()
    while target in m.arguments and target not in seen:
        seen.add(target)
        target = m.arguments[target].target
    return target if target in m.statements else None


def _is_answer(ix: Index, sid: str | None) -> bool:
    return sid is not None and ix.m.statements[sid].kind is StatementKind.answer


def _own_cards(ix: Index, sid: str, used: set[str]) -> list[Card]:
    """Cards that support `sid`, in map order, each once in a shell."""
    out = []
    for eid in ix.m.evidence_for.get(sid, []):
        if eid not in used and sid in ix.m.evidence[eid].evidence.supports:
            used.add(eid)
            out.append(ix.analysis.cards[eid])
    return out


def _part(ix: Index, label: str, sid: str, used: set[str], note: str | None = None) -> ShellPart:
    cards = _own_cards(ix, sid, used)
    return ShellPart(label, ix.tag(sid), cards, not cards, note)


def _basis(ix: Index, sid: str) -> list[str]:
    return [p for p in support_premises(ix.m, sid) if ix.m.statements[p].kind is not StatementKind.objection]


def _warrant(ix: Index, sid: str) -> str | None:
    return next((ix.m.arguments[a].warrant for a in ix.m.supporting_args.get(sid, []) if ix.m.arguments[a].warrant), None)


def _expect(ix: Index, sid: str) -> list[str]:
    """Our answers to the position, typed: what the 2AC will read against it
    (the attacks on it, or on the steps in which it is the first premise)."""
    m = ix.m
    mine = {a for a in _attacks(ix, sid) if m.arguments[a].premises[:1] == [sid]}
    out: list[str] = []
    for clash in ix.analysis.clashes:
        if clash.target != sid and clash.target not in mine:
            continue
        arg = m.arguments.get(clash.attack)
        if arg is None or ix.side(clash.attack) != "aff":
            continue
        name = ix.attack_name(clash.attack)
        kind = ANSWER_LABELS.get(arg.answer_type.value, "Answer") if arg.answer_type else "Answer"
        line = name if name.lower().startswith(kind.lower()) else f"{kind}: {name}"
        if line not in out:
            out.append(line)
    return out


def _against(ix: Index, sid: str) -> tuple[str, list[str]]:
    hits = [h for a in _attacks(ix, sid) if (h := _hit(ix, a)) is not None]
    hits = list(dict.fromkeys(hits))
    return "; ".join(f"\u201c{ix.tag(h)}\u201d" for h in hits), hits


def _depths(ix: Index) -> dict[str, int]:
    """statement id -> how many support steps below a contention (0: a contention)."""
    out = {sid: 0 for sid in ix.analysis.contentions}
    queue = list(out)
    while queue:
        node = queue.pop(0)
        for p in support_premises(ix.m, node):
            if p not in out:
                out[p] = out[node] + 1
                queue.append(p)
    return out


def _disadvantage(ix: Index, sid: str, n: int) -> Shell:
    m = ix.m
    used: set[str] = set()
    against, hits = _against(ix, sid)
    basis = _basis(ix, sid)

    def status_quo(p: str) -> bool:
        opt = m.options.get(m.statements[p].option or "")
        return ix.issue(p) == "inherency" or (opt is not None and opt.kind is OptionKind.status_quo)

    uniq = [p for p in basis if status_quo(p)]
    rest = [p for p in basis if p not in uniq]
    # The impact: of the premises on harms (else all of them, when there are two or more), the one
    # nearest the top of the case (the terminal harm), the last of those in a tie; the others are internal links.
    depth = _depths(ix)
    pool = [p for p in rest if ix.issue(p) == "harms"] or (rest if len(rest) > 1 else [])
    impacts = [min(reversed(pool), key=lambda p: depth.get(p, len(depth)))] if pool else []
    links = [p for p in rest if p not in impacts]
    parts: list[ShellPart] = []
    if uniq:
        parts += [_part(ix, "Uniqueness", p, used) for p in uniq]
    else:
        parts.append(ShellPart("Uniqueness", "Now, without the plan, this is not happening: only the plan changes it.", [],
                               True, "no card in this map: argue it from the status quo"))
    link = _part(ix, "Link", sid, used, f"the plan: {against}" if against else None)
    if link.analytic and against:  # no card for it: the analytic says what the plan does, the impact says why it is bad
        # a quoted sentence already ends with its own stop ("...engagement.”"): no second one after it
        ends = against.rstrip("\"'”’")[-1:] in (".", "!", "?")
        link.tag, link.note = f"The plan brings it about: {against}" + ("" if ends else "."), None
    parts.append(link)
    if links:
        parts += [_part(ix, "Internal link", p, used) for p in links]
    else:
        parts.append(ShellPart("Internal link", _warrant(ix, sid) or "The link leads to the impact.", [], True))
    if impacts:
        parts += [_part(ix, "Impact", p, used) for p in impacts]
    else:
        parts.append(ShellPart("Impact", ix.plain(m.statements[sid].text) or ix.tag(sid), [], True))
    return Shell("disadvantage", n, sid, ix.tag(sid), against, parts, _expect(ix, sid))


def _counterplan(ix: Index, sid: str, n: int, competition: list[str], das: dict[str, int]) -> Shell:
    m = ix.m
    used: set[str] = set()
    against, hits = _against(ix, sid)
    text = _part(ix, "Text", sid, used)
    text.tag = ix.plain(m.statements[sid].text) or ix.tag(sid)
    parts = [text]
    parts.append(ShellPart("Competition", f"It competes with {against}." if against else "It competes with the plan.", [], True,
                           "the counterplan and the plan cannot both be the better policy"))
    for obj in competition:
        part = _part(ix, "Competition", obj, used)
        if part.analytic:
            part.tag = ix.plain(m.statements[obj].text) or part.tag
        parts.append(part)
    benefits: list[str] = []
    for aid in _attacks(ix, sid):
        for p in m.arguments[aid].premises:
            if p != sid and p in das and p not in benefits:
                benefits.append(p)
    for p in benefits:
        parts.append(ShellPart("Net benefit", ix.tag(p), [], False, f"read disadvantage {das[p]}: the counterplan avoids it"))
    if not benefits:
        parts.append(ShellPart("Net benefit", "The counterplan avoids a risk the plan runs.", [], True,
                               "no disadvantage is argued with it in this map: name one"))
    return Shell("counterplan", n, sid, ix.tag(sid), against, parts, _expect(ix, sid))


def _case(ix: Index, sid: str, n: int) -> Shell:
    m = ix.m
    used: set[str] = set()
    against, _ = _against(ix, sid)
    types = [m.arguments[a].answer_type.value for a in _attacks(ix, sid) if m.arguments[a].answer_type]
    turn = any(t in TURN_TYPES for t in types)
    label = "Turn" if turn else (ANSWER_LABELS.get(types[0], "Case attack") if types else "Case attack")
    main = _part(ix, label, sid, used)
    if main.analytic:
        main.tag = ix.plain(m.statements[sid].text) or main.tag
    parts = [main]
    for p in _basis(ix, sid):
        cards = _own_cards(ix, p, used)
        if cards:
            parts.append(ShellPart("Warrant", ix.tag(p), cards))
    return Shell("case", n, sid, ix.tag(sid), against, parts, _expect(ix, sid))


def _timed(shell: Shell, wpm: int) -> Shell:
    secs = sum(seconds_for(c.read_words, wpm) for p in shell.parts for c in p.cards)
    secs += sum(seconds_for(count_words(p.tag), wpm) for p in shell.parts)
    shell.read_seconds, shell.read_time = secs, duration(secs)
    return shell


def build_shells(analysis: Analysis, *, wpm: int = WPM) -> Handout[ShellsBody]:
    ix = Index(analysis)
    m = analysis.map
    objections = _neg_objections(ix)
    order = {sid: i for i, sid in enumerate(analysis.contentions)}

    def hits_answer(sid: str) -> bool:
        hits = [_hit(ix, a) for a in _attacks(ix, sid)]
        return bool(hits) and all(_is_answer(ix, h) or (h is not None and ix.side(h) == "neg") for h in hits)

    da_ids = [s for s in objections if ix.issue(s) == "disadvantage" and _attacks(ix, s) and not hits_answer(s)]
    cp_ids = [s for s in objections if ix.issue(s) == "counterplan" and _attacks(ix, s) and not hits_answer(s)]
    das = {sid: n for n, sid in enumerate(da_ids, start=1)}
    disadvantages = [_timed(_disadvantage(ix, s, n), wpm) for s, n in das.items()]
    counterplans = []
    for n, cp in enumerate(cp_ids, start=1):
        # The negative's objections to our answers to this counterplan (the permutation's links).
        answers = {s for s in m.statements if _is_answer(ix, s) and any(_hit(ix, a) == cp for a in _attacks(ix, s))}
        competition = [o for o in objections if o not in cp_ids and o not in das and ix.issue(o) == "counterplan"
                       and any(_hit(ix, a) in answers for a in _attacks(ix, o))]
        counterplans.append(_timed(_counterplan(ix, cp, n, competition, das), wpm))
    taken = set(das) | set(cp_ids)
    case_ids = [s for s in objections if s not in taken and ix.issue(s) not in ("disadvantage", "counterplan")
                and _attacks(ix, s) and not hits_answer(s)]

    def case_rank(sid: str) -> tuple[int, int]:
        hits = [_hit(ix, a) for a in _attacks(ix, sid)]
        ranks = [order[h] for h in hits if h in order]
        return (min(ranks) if ranks else len(order), list(m.statements).index(sid))

    case = [_timed(_case(ix, s, n), wpm) for n, s in enumerate(sorted(case_ids, key=case_rank), start=1)]
    count = len(disadvantages) + len(counterplans) + len(case)
    empty = None if count else ("This map has no disadvantage, counterplan or case attack on the negative side, so there is "
                                "no 1NC shell to read. Add an objection (stock_issue: disadvantage or counterplan) that "
                                "attacks a plank of the plan.")
    secs = sum(s.read_seconds for s in (*disadvantages, *counterplans, *case))
    note = (f"Read time: the highlighted words of each card and the tags, at {wpm} words per minute. "
            "An analytic is argued in the debater's own words; a part marked \u201cno card\u201d is a gap in the file.")
    body = ShellsBody(wpm, disadvantages, counterplans, case, count, empty, secs, duration(secs), note)
    return Handout("1nc", header(m, "1nc"), body, wpm=wpm)
