"""The case of a map as a debater outlines it: its contentions, and why a claim does not stand.

`select_contentions` picks the statements the brief, the flow and the blocks
number as contentions, in reading order:

- with a thesis: the claims directly under the (first) thesis and, below them,
  each claim (or stated premise) where the case turns to another stock issue
  or another plank (an option of its own);
- without a thesis: the map is cut into its connected parts (statements tied
  by arguments or cards); in each part the affirmative's top claims (those
  that support nothing) are the roots, and the parts and roots are ranked by
  how much of what lies beneath them stands (statements and cards labelled
  in), so the strongest part of the case comes first, never "the first roots
  in file order".

`status_notes` says, for every statement that does not stand, why, in words:
the attacks that defeat or contest it, or the reasons of its own that fail.

Both are computed once per analysis (`Analysis.contentions`,
`Analysis.status_notes`); the handouts only print them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from argmap.analyze.evaluate import Evaluation, Label, reasons_against
from argmap.analyze.wording import Wording, quote
from argmap.load.model import Relation, Side, StatementKind, StockIssue
from argmap.resolve.resolver import ResolvedMap

MAX_CONTENTIONS = 14
CONTENTION_KINDS = (StatementKind.claim, StatementKind.premise)
TOP_EXCLUDED = (StatementKind.thesis, StatementKind.assumption, StatementKind.answer, StatementKind.objection, StatementKind.plan)
STATUS_WORDS = {"in": "stands", "out": "falls", "undec": "contested"}


def issue_order() -> list[str]:
    """Stock issues in the order a case is read: harms, inherency, plan, solvency, advantages, the rest."""
    first = ["harms", "inherency", "plan", "solvency", "advantage"]
    return [*first, *[s.value for s in StockIssue if s.value not in first], "other"]


@dataclass(frozen=True)
class Contention:
    id: str
    option: str | None  # the option (plank) it argues for, inherited from above
    part: int  # the connected part of the map it lies in (0 = the part read first)
    weight: int  # statements and cards beneath it (itself included) that stand


def support_premises(rmap: ResolvedMap, sid: str) -> list[str]:
    """The premises of the arguments that support a statement, in map order, once each."""
    out: list[str] = []
    for aid in rmap.supporting_args.get(sid, []):
        for p in rmap.arguments[aid].premises:
            if p in rmap.statements and p != sid and p not in out:
                out.append(p)
    return out


def connected_parts(rmap: ResolvedMap, statements: Sequence[str] | None = None, arguments: Iterable[str] | None = None,
                    evidence: Iterable[str] | None = None) -> dict[str, int]:
    """statement id -> the number of its connected part (statements joined by an
    argument or a card), parts numbered in the order of their first statement.
    By default the whole map, in file order; a diagram passes the statements,
    arguments and cards it draws (only joins between drawn statements count)."""
    order = list(rmap.statements if statements is None else statements)
    shown = set(order)
    parent: dict[str, str] = {sid: sid for sid in order}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(ends: list[str]) -> None:
        for other in ends[1:]:
            ra, rb = find(ends[0]), find(other)
            if ra != rb:
                parent[rb] = ra

    def statement_of(ident: str) -> str | None:
        seen: set[str] = set()
        while ident in rmap.arguments and ident not in seen:  # an undercut: the argument's own target
            seen.add(ident)
            ident = rmap.arguments[ident].target
        return ident if ident in shown else None

    for aid in (rmap.arguments if arguments is None else arguments):
        arg = rmap.arguments[aid]
        target = statement_of(arg.target)
        union([p for p in arg.premises if p in shown] + ([target] if target is not None else []))
    for eid in (rmap.evidence if evidence is None else evidence):
        ev = rmap.evidence[eid].evidence
        union([s for s in (*ev.supports, *ev.challenges) if s in shown])
    numbers: dict[str, int] = {}
    return {sid: numbers.setdefault(find(sid), len(numbers)) for sid in order}


def standing_beneath(rmap: ResolvedMap, labels: Mapping[str, Label], sid: str) -> int:
    """How many statements and cards under `sid` (through supporting arguments), itself included, stand."""
    seen = {sid}
    stack = [sid]
    cards: set[str] = set()
    while stack:
        node = stack.pop()
        cards.update(e for e in rmap.evidence_for.get(node, []) if labels.get(e) is Label.IN)
        for p in support_premises(rmap, node):
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return sum(labels.get(s) is Label.IN for s in seen) + len(cards)


def select_contentions(rmap: ResolvedMap, sides: Mapping[str, Side], issues: Mapping[str, str],
                       labels: Mapping[str, Label]) -> dict[str, Contention]:
    """The case's contentions, in reading order (see the module docstring)."""
    m = rmap
    thesis = next(iter(m.theses()), None)
    parts = connected_parts(m)

    def eligible(sid: str, top: bool) -> bool:
        st = m.statements[sid]
        if sides[sid] is not Side.aff:
            return False
        return st.kind not in TOP_EXCLUDED if top else st.kind in CONTENTION_KINDS

    weight = {sid: standing_beneath(m, labels, sid) for sid in m.statements}
    if thesis is not None:
        roots = [p for p in support_premises(m, thesis.id) if eligible(p, True)]
        root_option = thesis.option
    else:
        tops = [sid for sid in m.statements if eligible(sid, True)
                and not any(m.arguments[a].relation is Relation.support and m.arguments[a].target in m.statements
                            for a in m.premise_of.get(sid, []))]
        order = {sid: i for i, sid in enumerate(m.statements)}
        best: dict[int, int] = {}
        for sid in tops:
            best[parts[sid]] = max(best.get(parts[sid], 0), weight[sid])
        # The parts with most standing beneath their best claim first; in a part, its claims by weight.
        roots = sorted(tops, key=lambda s: (-best[parts[s]], parts[s], -weight[s], order[s]))
        root_option = None
    rank = {issue: i for i, issue in enumerate(issue_order())}
    chosen: dict[str, Contention] = {}
    queue = [(r, m.statements[r].option or root_option) for r in roots]
    while queue and len(chosen) < MAX_CONTENTIONS:
        sid, option = queue.pop(0)
        if sid in chosen:
            continue
        chosen[sid] = Contention(sid, option, parts[sid], weight[sid])
        issue = issues.get(sid, "other")
        for p in support_premises(m, sid):
            if p in chosen or (thesis is not None and p == thesis.id) or not eligible(p, False):
                continue
            p_option = m.statements[p].option or option
            # A new plank, or the case moving on (harms, inherency, plan, solvency,
            # advantages); a harm cited again under solvency stays a reason.
            if p_option != option or rank[issues.get(p, "other")] > rank[issue]:
                queue.append((p, p_option))
    return chosen


def status_notes(rmap: ResolvedMap, evaluation: Evaluation, words: Wording) -> dict[str, str]:
    """statement id -> why it does not stand, in words (only statements that do not stand)."""
    m = rmap
    ev = evaluation
    out: dict[str, str] = {}
    for sid in m.statements:
        lab = ev.labels[sid]
        if lab is Label.IN:
            continue
        want = Label.IN if lab is Label.OUT else Label.UNDEC
        against = [r for r in reasons_against(m, sid) if ev.reason_label(r, sid, True) is want]
        if against:
            verb = "defeated by" if want is Label.IN else "contested by"
            out[sid] = f"{verb} " + "; ".join(words.attack_label(r) for r in against[:2])
            continue
        why: list[str] = []
        failed = Label.OUT if want is Label.IN else Label.UNDEC
        for aid in m.supporting_args.get(sid, []):
            if ev.labels[aid] is not failed:
                continue
            cut = [u for u in m.undercutting_args.get(aid, []) if ev.labels[u] is want]
            if cut:
                why.append(f"its reason is undercut by {words.attack_label(cut[0])}")
                continue
            weak = [p for p in m.arguments[aid].premises if p in m.statements and ev.labels[p] is failed]
            if weak:
                why.append(f"its reason {quote(words.tag(weak[0]))} {STATUS_WORDS[failed.value]}")
        if why:
            out[sid] = "; ".join(dict.fromkeys(why[:2]))
        else:
            out[sid] = "every reason for it is defeated" if want is Label.IN else "its reasons are contested"
    return out
