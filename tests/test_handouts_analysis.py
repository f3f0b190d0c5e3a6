"""Handouts as functions of one Analysis: typed view models, no swallowed
analysis errors, nothing about one map in the code, and briefs and blocks that
make sense for maps unlike the seed map (no thesis, disconnected parts, an
objection that attacks an objection). Small maps are built in temporary projects."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from argmap.analyze.analysis import analyze
from argmap.api import resolve_map
from argmap.render.handouts import KINDS, render_handout
from argmap.render.handouts.brief import outline_lines
from argmap.render.handouts.view import BODY_TYPES, build_view

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "argmap"
EXAMPLE = (REPO / "arguments" / "example.yaml").read_text(encoding="utf-8")

# Quotes that are in the seed texts (seeds/), so small maps resolve cleanly.
Q_CHINA = "China accounts for over 90% of North Korea's total imports and exports"
Q_MISSILES = "North Korea still manages to fund long-range missile technology"
Q_DEFECTION = "This act of defection has restored much of the diplomatic tensions."


def _analysis(tmp_project, text: str, name: str = "m"):
    tmp_project.claim(f"{name}.yaml", text)
    return analyze(resolve_map(tmp_project.project, name))


@pytest.fixture
def example(tmp_project):
    return _analysis(tmp_project, EXAMPLE, "example")


# --------------------------------------------------------------------------- typed view models


def _walk(value, path="body"):
    """Every (path, value) under a view model, through dataclasses, lists and dicts."""
    yield path, value
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _walk(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _walk(v, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, f"{path}[{k!r}]")


def _annotations(cls, seen=None):
    """The field annotations of a dataclass and of every dataclass it holds."""
    seen = set() if seen is None else seen
    if cls in seen:
        return
    seen.add(cls)
    hints = typing.get_type_hints(cls)
    for name, hint in hints.items():
        yield cls.__name__, name, hint
        for arg in _type_args(hint):
            if dataclasses.is_dataclass(arg):
                yield from _annotations(arg, seen)


def _type_args(hint):
    out = [hint]
    for a in typing.get_args(hint):
        out += _type_args(a)
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_each_view_model_is_typed_with_no_dict_bodies(example, kind):
    view = build_view(example, kind, diagram=False)
    assert isinstance(view.body, BODY_TYPES[kind]) and dataclasses.is_dataclass(view.body)
    for owner, name, hint in _annotations(type(view.body)):
        assert typing.Any not in _type_args(hint), f"{owner}.{name} is typed Any"
    for path, value in _walk(view.body):
        if isinstance(value, dict):  # only flat tables of words or numbers (counts, impact cells)
            assert all(isinstance(v, (str, int)) or v is None for v in value.values()), path
    json.loads(view.to_json())  # still serialises for Typst


# --------------------------------------------------------------------------- no swallowed analysis errors

# The CLI's last-resort handler is the one catch-all meant to stay.
ALLOWED_BROAD_EXCEPT = {"cli.py"}


def test_no_except_exception_outside_the_cli():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in ALLOWED_BROAD_EXCEPT:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"except\s*(\(\s*)?Exception\b|except\s*:", line):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_a_broken_analysis_is_an_error_not_a_silent_stands(example, monkeypatch):
    from argmap.render.handouts import blocks

    def broken(*a, **k):
        raise RuntimeError("analysis bug")

    monkeypatch.setattr(blocks, "ranked_questions", broken)
    with pytest.raises(RuntimeError):
        build_view(example, "blocks")


def test_the_evidence_exports_do_not_import_the_renderers():
    code = ("import sys\nfrom argmap.export import docx, cards_json, cite_request, evidence\n"
            "print(sorted(m for m in sys.modules if m.startswith('argmap.render')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    for name in ("evidence", "docx", "cards_json", "cite_request"):
        assert "argmap.render" not in (SRC / "export" / f"{name}.py").read_text(encoding="utf-8")


def test_handout_builders_compute_no_analysis():
    import ast

    banned = {"evaluate", "find_weak_spots", "critical_questions", "all_critical_questions", "structural_sides",
              "weak_spot_diagnostics", "analyze", "select_contentions", "status_notes", "what_if"}
    for path in sorted((SRC / "render" / "handouts").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                assert name not in banned, f"{path.name}:{node.lineno} calls {name}(): analysis belongs to the analyze stage"
            if isinstance(node, ast.Attribute):
                assert node.attr != "effective_side", f"{path.name}:{node.lineno}: sides come from the analysis, not from kinds"


# --------------------------------------------------------------------------- nothing about one map in the code

# Words about the two seed texts that once were written into the handouts' code.
SEED_WORDS = re.compile(r"the op-ed|op-ed's|the article|article's|early 2023|autumn 2023|Chatterji|Gurudatha|"
                        r"Korean Peninsula Tensions|Broadened Diplomacy", re.I)


def test_no_text_about_the_seed_sources_in_the_code():
    roots = [SRC / "render" / "handouts", SRC / "export", SRC / "templates" / "handouts"]
    found = []
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".j2", ".typ", ".css")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if SEED_WORDS.search(line):
                    found.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_example_handouts_say_nothing_of_the_op_ed_or_the_article_beyond_their_citations(tmp_project):
    """The sources file describes the example's sources as a report and a study:
    any "op-ed" or "article" left in the handouts would be written in the code."""
    sources = tmp_project.root / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    text = text.replace("kind: op-ed", "kind: report").replace("kind: news", "kind: study")
    sources.write_text(text, encoding="utf-8")
    a = _analysis(tmp_project, EXAMPLE, "example")
    # The source's own words, which a card body quotes (whole paragraphs), may say anything.
    quoted = sorted({seg.text for c in a.cards.values() for p in c.body for seg in p.segments} | {c.quote for c in a.cards.values()},
                    key=len, reverse=True)

    def ours(text: str) -> str:
        text = text.replace("\\", "")
        for q in quoted:
            text = text.replace(q, " ")
        return text

    for kind in KINDS:
        md = ours(render_handout(a, kind, "md"))
        view = build_view(a, kind, diagram=False).to_data()
        for src in view["header"]["sources"]:
            src.pop("id")  # the sources file's ids ("oped", "article") are citation keys, not text
        data = ours(" ".join(_strings(view)))
        for out in (md, data):
            for word in ("op-ed", "article"):
                hit = re.search(word, out, re.I)
                assert hit is None, (kind, word, out[max(0, hit.start() - 80):hit.start() + 80])


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# --------------------------------------------------------------------------- maps unlike the seed map

NO_THESIS = f"""
map: {{title: No thesis}}
statements:
  - {{id: lone-claim, kind: claim, text: A lone claim with nothing beneath it.}}
  - {{id: small-top, kind: claim, text: A small part of the case.}}
  - {{id: small-fact, kind: fact, text: A fact under the small part.}}
  - {{id: big-top, kind: claim, stock_issue: harms, text: The embargo has not stopped the missiles.}}
  - {{id: big-a, kind: fact, text: China carries North Korea's trade.}}
  - {{id: big-b, kind: fact, text: The missile program is still funded.}}
  - {{id: big-c, kind: claim, text: Trade elsewhere blunts an embargo.}}
arguments:
  - {{id: arg-small, premises: [small-fact], supports: small-top}}
  - {{id: arg-big-1, premises: [big-a, big-c], supports: big-top}}
  - {{id: arg-big-2, premises: [big-b], supports: big-top}}
evidence:
  - {{id: ev-china, source: oped, quote: "{Q_CHINA}", supports: [big-a]}}
  - {{id: ev-missiles, source: oped, quote: "{Q_MISSILES}", supports: [big-b]}}
"""


def test_a_map_without_a_thesis_gets_a_case_outline_ranked_by_what_stands(tmp_project):
    a = _analysis(tmp_project, NO_THESIS)
    contentions = list(a.contentions)
    # The top claims of each connected part, the part with most standing beneath it first; never file order.
    assert contentions[0] == "big-top"
    assert set(contentions) >= {"big-top", "small-top", "lone-claim"}
    assert "big-a" not in contentions and "small-fact" not in contentions  # reasons, not contentions
    assert a.contentions["big-top"].weight > a.contentions["small-top"].weight > a.contentions["lone-claim"].weight
    assert len({a.contentions[s].part for s in contentions}) == 3
    view = build_view(a, "brief", diagram=False)
    b = view.body
    assert b.thesis is None
    lines = outline_lines(b.outline)
    assert [ln.number for ln in lines] == list(range(1, len(lines) + 1)) and b.contentions == len(lines)
    big = next(ln for ln in lines if ln.id == "big-top")
    assert big.basis == "beneath" and {p.number for p in big.pointers} == {"E1", "E2"}
    assert {sp.id for sp in big.subpoints} == {"big-a", "big-b", "big-c"}
    assert next(ln for ln in lines if ln.id == "lone-claim").analytic
    # Every count the brief shows is the analysis'.
    assert b.coverage.counts == dict(a.counts().weak_spots)
    md = render_handout(a, "brief", "md")
    assert "Case outline" in md and "lone-claim" not in md
    blocks = build_view(a, "blocks", diagram=False).body
    assert blocks.blocks == [] and blocks.status.counts["attacks"] == 0
    for kind in KINDS:
        assert render_handout(a, kind, "html", diagram=False)


def test_a_map_of_many_disconnected_parts_outlines_the_strongest_first(tmp_project):
    from argmap.analyze.contentions import MAX_CONTENTIONS

    lone = "".join(f"  - {{id: lone-{i:02d}, kind: claim, text: Lone claim number {i}.}}\n" for i in range(20))
    text = NO_THESIS.replace("statements:\n", "statements:\n" + lone, 1)
    a = _analysis(tmp_project, text)
    contentions = list(a.contentions)
    assert len(contentions) == MAX_CONTENTIONS
    assert contentions[:2] == ["big-top", "small-top"]  # the parts with something standing beneath them first
    weights = [a.contentions[s].weight for s in contentions]
    assert weights == sorted(weights, reverse=True)
    b = build_view(a, "brief", diagram=False).body
    assert b.contentions == MAX_CONTENTIONS and outline_lines(b.outline)[0].id == "big-top"
    flow = build_view(a, "flow", diagram=False).body
    assert len(flow.sheets[0].rows) == MAX_CONTENTIONS  # one row per contention (no thesis row)


THREE_PARTY = f"""
map: {{title: Three parties}}
statements:
  - {{id: thesis, kind: thesis, text: The US should pair its embargo with engagement.}}
  - {{id: embargo-fails, kind: claim, tag: The embargo fails, text: The embargo has not stopped the missile program.}}
  - {{id: obj-reward, kind: objection, tag: Talks reward provocation, text: Engagement rewards North Korea's provocations.}}
  - {{id: obj-no-reward, kind: objection, tag: Past talks gave nothing away, text: The 2018 talks gave the North no concessions.}}
  - {{id: obj-sanctions, kind: objection, tag: Sanctions bite, text: Sanctions are starting to bite.}}
  - {{id: obj-concessions, kind: objection, tag: Food aid was a concession, text: The 2018 talks came with food aid.}}
arguments:
  - {{id: arg-case, premises: [embargo-fails], supports: thesis}}
  - {{id: arg-reward, premises: [obj-reward], attacks: thesis}}
  # An objection that attacks an objection: on our side, an answer.
  - {{id: arg-no-reward, premises: [obj-no-reward], attacks: obj-reward}}
  # ... and an objection to our case.
  - {{id: arg-sanctions, premises: [obj-sanctions], attacks: embargo-fails}}
  # A fourth voice: an objection to the objection to the objection (theirs again, against our answer).
  - {{id: arg-concessions, premises: [obj-concessions], attacks: obj-no-reward}}
evidence:
  - {{id: ev-missiles, source: oped, quote: "{Q_MISSILES}", supports: [embargo-fails]}}
  - {{id: ev-china, source: oped, quote: "{Q_CHINA}", supports: [obj-no-reward]}}
"""


def test_an_objection_attacking_an_objection_is_an_answer_not_a_threat(tmp_project):
    a = _analysis(tmp_project, THREE_PARTY)
    assert a.side("obj-no-reward").value == "aff" and a.side("arg-no-reward").value == "aff"
    assert a.side("obj-reward").value == "neg"
    b = build_view(a, "blocks", diagram=False).body
    titles = [blk.attack for blk in b.blocks]
    assert "Past talks gave nothing away" not in titles  # our own point gets no "AT:" block
    reward = next(blk for blk in b.blocks if blk.attack == "Talks reward provocation")
    assert [ans.id for ans in reward.answers] == ["arg-no-reward"] and reward.answers[0].pointers
    # Our answer is itself attacked (below) and nothing defends it: the attack stands, but it has an answer.
    assert reward.outcome == "stands" and "Write an answer" not in reward.targets[0].verdict
    sanctions = next(blk for blk in b.blocks if blk.attack == "Sanctions bite")
    assert sanctions.outcome == "stands" and "Write an answer" in sanctions.targets[0].verdict
    # The fourth voice attacks our answer: a 1AR block, theirs to answer.
    assert a.side("obj-concessions").value == "neg"
    food = next(blk for blk in b.blocks if blk.attack == "Food aid was a concession")
    assert food.speech == "1AR" and food.hat == "Against our answers (1AR)"
    # "Write an answer" only where an attack on our case has none.
    md = render_handout(a, "blocks", "md")
    assert md.count("Write an answer") == 2
    # The blocks' scoreboard is the analysis' count of attacks on our case.
    n = a.counts()
    assert b.status.counts == {"attacks": n.attacks, "answered": n.answered, "contested": n.contested, "stands": n.standing}
    assert (n.attacks, n.standing) == (3, 3)  # our answer falls to the fourth voice, so all three stand
    # Their objection that our answer attacks is not a weak spot of ours, nor a question we must prepare for.
    key = build_view(a, "key", diagram=False).body.weak_spots
    unanswered = next(g for g in key.groups if g.kind == "unanswered-attack")
    assert unanswered.count == 2 and {"\u201cSanctions bite\u201d", "\u201cFood aid was a concession\u201d"} == {i.label for i in unanswered.items}


# --------------------------------------------------------------------------- one set of counts


@pytest.mark.parametrize("name", ["example", "carrot-stick"])
def test_counts_shown_in_several_handouts_are_the_analysis(repo_project, name):
    a = analyze(resolve_map(repo_project, name))
    n = a.counts()
    brief = build_view(a, "brief", diagram=False).body
    assert brief.coverage.counts == dict(n.weak_spots)
    assert all(c.count == n.weak_spots[c.kind] for c in brief.coverage.chips)
    assert {g.kind: len(g.flags) for g in brief.coverage.groups} == {k: v for k, v in n.weak_spots.items() if v}
    key = build_view(a, "key", diagram=False).body.weak_spots
    assert key.total == len(a.weak_spots) == sum(n.weak_spots.values())
    by_code: dict[str, int] = {}
    for g in key.groups:
        by_code[g.code] = by_code.get(g.code, 0) + g.count
    from argmap.analyze.weakspots import CODE_OF_KIND

    assert by_code == {CODE_OF_KIND[k]: v for k, v in n.weak_spots.items() if v}
    blocks = build_view(a, "blocks", diagram=False).body
    assert blocks.status.counts == {"attacks": n.attacks, "answered": n.answered, "contested": n.contested, "stands": n.standing}
    cards = build_view(a, "cards", diagram=False).body
    assert cards.count == n.cards == len(cards.cards)
