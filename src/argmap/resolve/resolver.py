"""Stage 2, resolve: ids -> one graph; quotes -> anchors in their source text.

The result, `ResolvedMap`, is what every later stage reads: the diagrams, the
handout view model and the exports. It holds the authored models unchanged
plus the links between them, in the order the teacher wrote them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from argmap.load.anchors import record_key
from argmap.resolve.anchor import Anchor, SourceText, find_all, normalize
from argmap.resolve.locate import Located, locate
from argmap.core.diagnostics import Diagnostic, Location, did_you_mean
from argmap.load.loader import LoadedMap, LoadedSource
from argmap.load.model import Argument, Evidence, MapHeader, PolicyOption, Relation, Source, Statement, StatementKind


@dataclass
class ResolvedEvidence:
    evidence: Evidence
    anchor: Anchor | None  # None only when the quote could not be found (an error was reported)
    highlights: list[tuple[int, int]] = field(default_factory=list)  # source offsets
    emphasis: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class ResolvedMap:
    id: str
    header: MapHeader
    sources: dict[str, Source]
    source_texts: dict[str, SourceText]
    options: dict[str, PolicyOption]
    statements: dict[str, Statement]
    arguments: dict[str, Argument]
    evidence: dict[str, ResolvedEvidence]
    locations: dict[str, Location]  # every id -> where it is defined
    files: list[str]  # claim files, as displayed
    # Back-links, computed once here so later stages never search.
    supporting_args: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # statement -> arguments
    attacking_args: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # statement -> arguments (rebut)
    undercutting_args: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # argument -> arguments
    premise_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # statement -> arguments
    evidence_for: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # statement -> evidence
    evidence_against: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    contraries: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # statement -> statements contrary to it (symmetric)
    # Where each `keep:` entry sits: item id (MAP_KEEPS for the header's) -> one location per entry, in order.
    keep_locations: dict[str, list[Location]] = field(default_factory=dict)
    contradictions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # statement -> its negations (symmetric)
    rephrasings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # statement -> statements saying the same (symmetric)

    def theses(self) -> list[Statement]:
        return [s for s in self.statements.values() if s.kind is StatementKind.thesis]

    def source_of(self, evidence_id: str) -> Source:
        return self.sources[self.evidence[evidence_id].evidence.source]

    def item(self, ident: str) -> Statement | Argument | Evidence | None:
        """The statement, argument or evidence (as written) with this id, if any."""
        if ident in self.statements:
            return self.statements[ident]
        if ident in self.arguments:
            return self.arguments[ident]
        if ident in self.evidence:
            return self.evidence[ident].evidence
        return None


MAP_KEEPS = "@map"  # the key of the header's `keep:` entries in ResolvedMap.keep_locations


def resolve(loaded: LoadedMap) -> tuple[ResolvedMap, list[Diagnostic]]:
    """Link every reference and anchor every quote; report what does not resolve."""
    diags: list[Diagnostic] = []
    kinds: dict[str, str] = {}  # id -> "statement" | "argument" | "evidence" | "option"
    locations: dict[str, Location] = {}
    keep_locations: dict[str, list[Location]] = {}
    analyses_loc: Location | None = None
    broken = set().union(*(f.broken_ids for f in loaded.files)) if loaded.files else set()
    header: MapHeader | None = None
    header_loc: Location | None = None
    options: dict[str, PolicyOption] = {}
    statements: dict[str, Statement] = {}
    arguments: dict[str, Argument] = {}
    evidence_items: dict[str, Evidence] = {}
    # Where each referring field sits, to locate reference errors.
    ref_sites: list[tuple[str, str, Location, tuple[str, ...]]] = []  # (referrer id, target id, location, allowed kinds)

    tables = {"option": options, "statement": statements, "argument": arguments, "evidence": evidence_items}
    for f in loaded.files:
        if f.claims.map is not None:
            if header is not None:
                diags.append(Diagnostic("E201", "a second 'map:' header; a map has one", f.location("map", key=True), related=(header_loc,)))
            else:
                header, header_loc = f.claims.map, f.location("map", key=True)
                keep_locations[MAP_KEEPS] = [f.location("map", "keep", j, "code") for j in range(len(header.keep))]
                analyses_loc = f.location("map", "analyses")
        for section, kind in (("options", "option"), ("statements", "statement"), ("arguments", "argument"), ("evidence", "evidence")):
            for i, item in enumerate(getattr(f.claims, section)):
                loc = f.location(section, i, "id")
                if item.id in kinds:
                    diags.append(
                        Diagnostic("E201", f"id '{item.id}' is already used by {_a(kinds[item.id])}", loc, related=(locations[item.id],),
                                   hint="every statement, argument, evidence and option needs its own id")
                    )
                    continue
                kinds[item.id] = kind
                locations[item.id] = loc
                tables[kind][item.id] = item
                if getattr(item, "keep", None):
                    keep_locations[item.id] = [f.location(section, i, "keep", j, "code") for j in range(len(item.keep))]
                # Record references for checking once every id is known.
                if kind == "statement" and item.option:
                    ref_sites.append((item.id, item.option, f.location(section, i, "option"), ("option",)))
                if kind == "statement":
                    for rel in ("contrary", "contradicts", "rephrases"):
                        for j, c in enumerate(getattr(item, rel)):
                            ref_sites.append((item.id, c, f.location(section, i, rel, j), ("statement",)))
                elif kind == "argument":
                    for j, p in enumerate(item.premises):
                        ref_sites.append((item.id, p, f.location(section, i, "premises", j), ("statement",)))
                    rel = {"support": "supports", "rebut": "attacks", "undercut": "undercuts"}[item.relation.value]
                    allowed = ("argument",) if item.relation is Relation.undercut else ("statement",)
                    ref_sites.append((item.id, item.target, f.location(section, i, rel), allowed))
                elif kind == "evidence":
                    for rel in ("supports", "challenges"):
                        for j, t in enumerate(getattr(item, rel)):
                            ref_sites.append((item.id, t, f.location(section, i, rel, j), ("statement",)))

    if header is None and not loaded.unreadable:  # the header may be in the unreadable file
        first = loaded.files[0].display if loaded.files else loaded.id
        diags.append(Diagnostic("E105", f"map '{loaded.id}' has no 'map:' header", Location(first),
                                hint="add at the top of one file:\nmap:\n  title: <the map's title>"))
    if header is None:
        header = MapHeader(title=loaded.id)

    for referrer, target, loc, allowed in ref_sites:
        if target in kinds:
            if kinds[target] not in allowed:
                diags.append(Diagnostic("E203", f"'{target}' is {_a(kinds[target])}, but {_a(allowed[0])} is needed here", loc))
        elif target not in broken:  # the target exists but failed validation: already reported
            pool = [k for k, v in kinds.items() if v in allowed]
            guess = did_you_mean(target, pool)
            diags.append(Diagnostic("E202", f"unknown {allowed[0]} id '{target}'", loc,
                                    hint=f"did you mean '{guess}'?" if guess else f"no {allowed[0]} has that id; define it under '{allowed[0]}s:' first" if allowed[0] != "evidence" else None))

    # Sources, quotes and references into the sources' own reference lists.
    all_sources: dict[str, LoadedSource] = loaded.sources
    texts: dict[str, SourceText] = {}
    for sid, ls in all_sources.items():
        if ls.text is not None:
            texts[sid] = SourceText.of(ls.source, ls.text)
    resolved_evidence: dict[str, ResolvedEvidence] = {}
    file_of = {}
    for f in loaded.files:
        for i, ev in enumerate(f.claims.evidence):
            file_of.setdefault(ev.id, (f, i))
    tallies: dict[str, list[Located]] = defaultdict(list)  # changed source -> how its quotes re-anchored
    for eid, ev in evidence_items.items():
        f, i = file_of[eid]
        src = all_sources.get(ev.source)
        tally = tallies[ev.source] if src is not None and src.changed else None
        resolved_evidence[eid] = _anchor_evidence(ev, all_sources, texts, f.location, i, diags, tally)
    diags += _changed_sources(loaded.id, all_sources, tallies)

    used_sources = {e.source for e in evidence_items.values()}
    if header.analyses and header.analyses not in all_sources:
        guess = did_you_mean(header.analyses, list(all_sources))
        diags.append(Diagnostic("E202", f"unknown source id '{header.analyses}' (map: analyses:)", analyses_loc or Location(loaded.id),
                                hint=f"did you mean '{guess}'?" if guess else "name a source of seeds/sources.yaml"))
    rmap = ResolvedMap(
        id=loaded.id,
        header=header,
        sources={sid: ls.source for sid, ls in all_sources.items() if not header.sources or sid in header.sources or sid in used_sources},
        source_texts=texts,
        options=options,
        statements=statements,
        arguments=arguments,
        evidence=resolved_evidence,
        locations=locations,
        keep_locations=keep_locations,
        files=[f.display for f in loaded.files],
    )
    _link(rmap)
    diags += _graph_checks(rmap)
    return rmap, diags


def _changed_sources(map_id: str, sources: dict[str, LoadedSource], tallies: dict[str, list[Located]]) -> list[Diagnostic]:
    """One W406 per edited source this map quotes: how many of its quotes re-anchored."""
    out = []
    for sid, found in tallies.items():
        ls = sources[sid]
        ok = [f for f in found if not f.failed]
        moved = sum(f.moved for f in ok)
        failed = len(found) - len(ok)
        counts = f"{len(ok)} of map '{map_id}'s {len(found)} quote(s) from it re-anchored" + (f" ({moved} moved)" if moved else "")
        if failed:
            counts += f"; {failed} no longer match{'es' if failed == 1 else ''} (see the errors at those quotes)"
        out.append(Diagnostic(
            "W406", f"seeds/{ls.source.file} has changed since its quotes were anchored (its sha256 differs): {counts}",
            ls.field_location("sha256"),
            hint=f"if the change is intended, run 'argmap check --update-anchors' to record the new anchors and set sha256 to {ls.digest}"))
    return out


def _a(kind: str) -> str:
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _anchor_evidence(ev: Evidence, sources: dict[str, LoadedSource], texts: dict[str, SourceText], where, i: int, diags: list[Diagnostic],
                     tally: list | None = None) -> ResolvedEvidence:
    quote_loc = where("evidence", i, "quote")
    if ev.source not in sources:
        guess = did_you_mean(ev.source, list(sources))
        diags.append(Diagnostic("E202", f"unknown source id '{ev.source}'", where("evidence", i, "source"),
                                hint=f"did you mean '{guess}'?" if guess else "sources are listed in seeds/sources.yaml"))
        return ResolvedEvidence(ev, None)
    src = sources[ev.source]
    if ev.reference and ev.reference not in {r.id for r in src.source.references}:
        guess = did_you_mean(ev.reference, [r.id for r in src.source.references])
        diags.append(Diagnostic("E306", f"'{ev.reference}' is not in the reference list of source '{ev.source}'", where("evidence", i, "reference"),
                                hint=f"did you mean '{guess}'?" if guess else "references are listed under the source in seeds/sources.yaml"))
    text = texts.get(ev.source)
    if text is None:
        return ResolvedEvidence(ev, None)  # the missing or unreadable source is reported already
    record = None
    if src.recorded is not None:
        record = src.recorded.quotes.get(record_key(ev.quote, ev.occurrence, ev.after, ev.before))
    found = locate(text, ev, record, src.source.file)
    for p in found.problems:
        diags.append(Diagnostic(p.code, p.message, where("evidence", i, p.field), hint=p.hint))
    if tally is not None:
        tally.append(found)
    if found.span is None:
        return ResolvedEvidence(ev, None)
    start, end = found.span
    anchor = text.anchor(start, end)
    if anchor.paragraph == 0:
        diags.append(Diagnostic("W403", "this quote is page furniture (a caption, byline or page marker), not the source's text", quote_loc))
    resolved = ResolvedEvidence(ev, anchor)
    inner = normalize(anchor.exact)
    for field_name, spans in (("highlight", resolved.highlights), ("emphasis", resolved.emphasis)):
        parts = getattr(ev, field_name)
        for j in range(len(parts) - 1):
            # `[370,000 troops]` is two YAML items, "370" and "000 troops".
            if find_all(inner, f"{parts[j]},{parts[j + 1]}"):
                diags.append(Diagnostic("E307", f"a comma split this {field_name} in two ('{parts[j]}' and '{parts[j + 1]}')",
                                        where("evidence", i, field_name, j),
                                        hint=f'inside [ ], a comma separates items: put the text in quotes, ["{parts[j]},{parts[j + 1]}"]'))
        for j, part in enumerate(parts):
            found = find_all(inner, part)
            if not found:
                diags.append(Diagnostic("E302", f"{field_name} text is not part of the quote", where("evidence", i, field_name, j),
                                        hint="copy the words to read aloud from the quote itself"))
                continue
            spans.append((start + found[0][0], start + found[0][1]))
    spans_ok = all(any(h0 <= e0 and e1 <= h1 for h0, h1 in resolved.highlights) for e0, e1 in resolved.emphasis)
    if resolved.highlights and not spans_ok:
        diags.append(Diagnostic("E302", "emphasis must fall inside the highlighted words", where("evidence", i, "emphasis")))
    resolved.highlights.sort()
    resolved.emphasis.sort()
    return resolved


def _link(m: ResolvedMap) -> None:
    for aid, arg in m.arguments.items():
        for p in arg.premises:
            m.premise_of[p].append(aid)
        if arg.relation is Relation.support:
            m.supporting_args[arg.target].append(aid)
        elif arg.relation is Relation.rebut:
            m.attacking_args[arg.target].append(aid)
        else:
            m.undercutting_args[arg.target].append(aid)
    for sid, st in m.statements.items():
        # symmetric: each side of the pair lists the other once; a contradiction is also a contrary
        for table, others in ((m.contraries, [*st.contrary, *st.contradicts]), (m.contradictions, st.contradicts),
                              (m.rephrasings, st.rephrases)):
            for other in others:
                if other in m.statements and other != sid:
                    if other not in table[sid]:
                        table[sid].append(other)
                    if sid not in table[other]:
                        table[other].append(sid)
    for eid, rev in m.evidence.items():
        for s in rev.evidence.supports:
            m.evidence_for[s].append(eid)
        for s in rev.evidence.challenges:
            m.evidence_against[s].append(eid)


def _graph_checks(m: ResolvedMap) -> list[Diagnostic]:
    """Self-support and cycles are errors (a claim cannot ground itself); orphans are warnings."""
    diags: list[Diagnostic] = []
    # Support edges premise -> conclusion, over statements only.
    edges: dict[str, list[str]] = defaultdict(list)
    for aid, arg in m.arguments.items():
        if arg.relation is not Relation.support or arg.target not in m.statements:
            continue
        if arg.target in arg.premises:
            diags.append(Diagnostic("E204", f"argument '{aid}' uses its own conclusion '{arg.target}' as a premise", m.locations[aid]))
            continue
        for p in arg.premises:
            if p in m.statements:
                edges[p].append(arg.target)
    for cycle in _cycles(m.statements, edges):
        path = " -> ".join([*cycle, cycle[0]])
        diags.append(Diagnostic("E205", f"statements support each other in a circle: {path}", m.locations[cycle[0]],
                                related=tuple(m.locations[s] for s in cycle[1:]),
                                hint="circular support proves nothing; one of these needs a reason from outside the circle"))
    for sid, st in m.statements.items():
        if st.kind is StatementKind.thesis:
            continue
        connected = m.premise_of.get(sid) or m.supporting_args.get(sid) or m.contraries.get(sid) or m.rephrasings.get(sid) or m.attacking_args.get(sid) or m.evidence_for.get(sid) or m.evidence_against.get(sid)
        if not connected:
            diags.append(Diagnostic("W401", f"statement '{sid}' is not connected to any argument or evidence", m.locations[sid],
                                    hint="use it as a premise, or give it evidence, or remove it"))
    for eid, rev in m.evidence.items():
        if not rev.evidence.supports and not rev.evidence.challenges:
            diags.append(Diagnostic("W404", f"evidence '{eid}' neither supports nor challenges any statement", m.locations[eid],
                                    hint="add 'supports: [id]' or 'challenges: [id]'"))
    return diags


def _cycles(nodes: Iterable[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """One representative cycle per strongly connected component (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(edges.get(nxt, ()))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == node:
                        break
                if len(component) > 1:
                    found.append(_order_cycle(component, edges))
    return found


def _order_cycle(component: list[str], edges: dict[str, list[str]]) -> list[str]:
    """Walk the component to show its members in support order."""
    members = set(component)
    start = min(component)
    order = [start]
    seen = {start}
    node = start
    while True:
        nxt = next((n for n in edges.get(node, ()) if n in members and n not in seen), None)
        if nxt is None:
            break
        order.append(nxt)
        seen.add(nxt)
        node = nxt
    return order
