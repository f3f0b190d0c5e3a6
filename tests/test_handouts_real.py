"""Handouts of the real op-ed map (arguments/carrot-stick): what a coach printing
them the night before a tournament needs. The brief fits two pages, every
argument is named in words, the blocks say where each clash stands, the teacher
key lists the weak spots, and the flow sheet can be written on."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from argmap.api import resolve_map
from argmap.analyze.evaluate import evaluate
from argmap.render.handouts import render_view
from argmap.render.handouts import view as V
from argmap.analyze.analysis import analyze
from argmap.load.model import StatementKind
from argmap.analyze.weakspots import find_weak_spots

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")


@pytest.fixture(scope="module")
def rmap():
    from pathlib import Path

    from argmap.load.project import Project

    return resolve_map(Project(Path(__file__).resolve().parents[1]), "carrot-stick")


def body(rmap, kind, **kw):
    return V.build_view(analyze(rmap), kind, diagram=False, **kw).to_data()["body"]


def pages(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) of every page of a Typst PDF."""
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)
    return [(float(x1) - float(x0), float(y1) - float(y0)) for x0, y0, x1, y1 in boxes]


def strings(data, skip=("id", "evidence_id", "subject", "claim", "claims", "attacks", "option", "map_id", "kind", "issue", "group")):
    """Every text a handout shows (not the ids kept for tools)."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k not in skip:
                yield from strings(v, skip)
    elif isinstance(data, list):
        for v in data:
            yield from strings(v, skip)
    elif isinstance(data, str):
        yield data


def raw_ids(rmap, data) -> set[str]:
    ids = {*rmap.statements, *rmap.arguments, *rmap.evidence}
    found = set()
    for text in strings(data):
        found |= {w for w in re.findall(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])", text) if w in ids}
    return found


# --------------------------------------------------------------------------- brief


def test_brief_outline_is_the_contentions_within_budget(rmap):
    b = body(rmap, "brief")
    lines = [V.plain(ln) for ln in V.outline_lines(V.build_view(analyze(rmap), "brief", diagram=False).body.outline)]
    ids = [ln["id"] for ln in lines]
    # The claims directly under the thesis are contentions; facts and answers are not.
    thesis_premises = [p for a in rmap.supporting_args["thesis"] for p in rmap.arguments[a].premises]
    assert set(thesis_premises) <= set(ids)
    assert 4 <= len(ids) <= V.BRIEF_MAX_CONTENTIONS and b["contentions"] == len(ids)
    assert {rmap.statements[i].kind for i in ids} <= {StatementKind.claim, StatementKind.premise}
    # ... numbered in reading order, each with the plank halves and stock issues a 1AC runs.
    assert [ln["number"] for ln in lines] == list(range(1, len(lines) + 1))
    assert {"stick-half", "carrot-half", "stick-works", "carrot-works", "mix-best"} <= set(ids)
    labels = [s["label"] for s in b["outline"]]
    assert labels[:4] == ["Harms", "Inherency", "Plan", "Solvency"]
    for ln in lines:
        # Every contention line has a card pointer or the analytic mark, and (here) a warrant.
        assert ln["pointers"] or ln["analytic"]
        assert ln["analytic"] == (not ln["pointers"]) == (ln["basis"] == "none")
        assert ln["warrant"]
        assert len(ln["subpoints"]) <= V.BRIEF_MAX_SUBPOINTS
        for sp in ln["subpoints"]:
            assert sp["pointers"] or sp["analytic"]
    # A reason is listed once; later contentions refer to it ("2B") instead of repeating it.
    listed = [sp["id"] for ln in lines for sp in ln["subpoints"]]
    assert len(listed) == len(set(listed))
    agg = next(ln for ln in lines if ln["id"] == "aggression-alone-destroys")
    assert agg["builds_on"] and all(re.fullmatch(r"\d+[A-Z]?", r) for r in agg["builds_on"])
    # The unstated assumptions are named where the case needs them.
    mix = next(ln for ln in lines if ln["id"] == "mix-best")
    assert "The two halves do not cancel each other" in mix["assumptions"]
    # stick-works is read with the article's Camp David card (since this op-ed was written), its op-ed cards are under its reasons
    assert next(ln for ln in lines if ln["id"] == "stick-works")["basis"] == "direct"


def test_brief_plan_text_is_the_planks_carrot_and_stick(rmap):
    plan = body(rmap, "brief")["plan"]
    assert [o["option"] for o in plan] == ["mix"]  # the recommended option; the status quo is not a plan
    assert [(p["number"], p["half"]) for p in plan[0]["planks"]] == [(1, "stick"), (2, "stick"), (3, "carrot"), (4, "carrot"), (5, "carrot")]
    cols = {c["kind"]: c for c in body(rmap, "brief")["options"]}
    assert [c for c in cols] == ["carrot", "stick", "status-quo", "mix"]
    assert cols["stick"]["plank_ref"] == "Planks 1, 2" and cols["carrot"]["plank_ref"] == "Planks 3\u20135"
    for c in cols.values():  # the strongest objection to a course of action is the other side's
        if c["objection"] and c["kind"] != "status-quo":
            assert rmap.statements[c["objection"]["id"]].effective_side.value == "neg"
        assert c["impact"] and all(c["impact"][k] for k, _ in V.IMPACT_DIMENSIONS)


def test_brief_coverage_strip_is_counts_and_the_worst_few(rmap):
    cv = body(rmap, "brief")["coverage"]
    assert cv["counts"]["unanswered-attack"] == 1 and cv["counts"]["self-citation"] > 0
    strip = cv["strip"]
    assert 1 <= len(strip) <= V.BRIEF_MAX_WORST
    assert all(1 <= len(g["items"]) <= 2 for g in strip)
    assert strip[0]["label"] == "No answer yet" and "Pyongyang's diplomats" in strip[0]["items"][0]
    assert not raw_ids(rmap, strip)


def test_brief_is_two_pages_and_the_diagram_a_page_of_its_own(rmap):
    text = V.build_view(analyze(rmap), "brief", diagram=False)
    assert len(pages(render_view(text, "pdf"))) == 2


@needs_dot
def test_brief_diagram_is_a_legible_overview(rmap):
    view = V.build_view(analyze(rmap), "brief")
    svg = view.body.diagram_svg
    assert svg and V.diagram_scale(svg) >= V.DIAGRAM_MIN_SCALE
    assert "Overview" in svg and "STANDING" in svg  # the overview map, not one level of the tree
    assert ">ex-thesis<" not in svg and "--focus" not in svg
    sizes = pages(render_view(view, "pdf"))
    assert len(sizes) == 3 and sizes[2][0] > sizes[2][1]  # landscape, after the two pages of text


# --------------------------------------------------------------------------- blocks


def test_blocks_name_every_argument_in_words(rmap):
    b = body(rmap, "blocks")
    assert not raw_ids(rmap, b)
    # An attack on our answer that itself undercuts: both arguments in words.
    blk = next(x for x in b["blocks"] if "The US was clear in 2022" in x["attack"])
    undercut = next(t for t in blk["targets"] if t["relation"] == "undercut")
    assert undercut["text"] == ("our answer \u201cNo link: the exercises are not aimed at the North\u201d to their "
                                "\u201cProvocation DA: more exercises invite bigger barrages\u201d")
    assert blk["speech"] == "1AR" and len(blk["targets"]) == 2  # one block for the objection, both its attacks


def test_blocks_say_where_each_clash_stands(rmap):
    b = body(rmap, "blocks")
    ev = evaluate(rmap)
    words = {"defeats": "stands", "contests": "contested", "answered": "answered"}
    clashes = {(c.attack, c.target): c for c in ev.clashes("aff")}
    for blk in b["blocks"]:
        assert blk["outcome"] in ("answered", "contested", "stands") and blk["targets"]
        for t in blk["targets"]:
            assert t["verdict"].split(":")[0].split(",")[0] in ("Answered", "Contested", "Stands")
        for a in blk["answers"]:
            if a["restores"]:
                assert any(r.id == a["id"] and r.restores for c in clashes.values() for r in c.answers)
    outcomes = {(a, t["id"]): t["outcome"] for blk in b["blocks"] for a in blk["attacks"] for t in blk["targets"]}
    for (attack, target), c in clashes.items():
        if (attack, target) in outcomes and len({o for (a2, t2), o in outcomes.items() if t2 == target and a2 == attack}) == 1:
            assert outcomes[(attack, target)] in (words[c.outcome], "contested", "stands")
    # The one attack nothing answers stands, and the claim it defeats is on the scoreboard.
    standing = [blk for blk in b["blocks"] if blk["outcome"] == "stands"]
    # (argmap's own suggestions, `derived`, are listed; none of them was written as an answer)
    assert len(standing) == 1 and not [x for x in standing[0]["answers"] if not x["derived"]]
    assert "no answer is prepared" in standing[0]["targets"][0]["verdict"]
    falls = {r["id"]: r for r in b["status"]["claims"]}
    assert falls["opacity-cause"]["status"] == "falls" and falls["opacity-cause"]["block"] == standing[0]["number"]
    # Answers that restore our claim are marked.
    assert sum(a["restores"] for blk in b["blocks"] for a in blk["answers"]) >= 15


def test_blocks_cross_examination_is_short_and_not_repetitive(rmap):
    b = body(rmap, "blocks")
    qs = b["questions"]
    texts = [q["text"] for q in qs]
    assert len(texts) == len(set(texts))
    scheme = [q for q in qs if q["group"] == "scheme"]
    per = {}
    for q in scheme:
        per.setdefault(q["about"], []).append(q["text"])
    assert all(len(v) <= V.CX_PER_CONTENTION for v in per.values())
    assert len(per) >= 8  # the thesis and the contentions with a scheme
    # The same critical question filled with different words does not come back on every contention.
    stems = [re.sub(r"\u201c[^\u201d]*\u201d", "X", q["text"]) for q in scheme]
    assert max(stems.count(s) for s in stems) <= 3
    assert [q["text"].split(",")[0] for q in qs if q["group"] == "plank"] == [f"Plank {i}" for i in range(1, 6)]
    cx = [q for blk in b["blocks"] for q in blk["cx"]]
    assert len(cx) == len(set(cx)) and all(len(blk["cx"]) <= V.CX_PER_BLOCK for blk in b["blocks"])
    assert not any("the denial of" in q for q in cx)
    # Every answer the map has, extensions and 3+ questions per block, each block on one page: about 14 pages.
    assert len(pages(render_view(V.build_view(analyze(rmap), "blocks"), "pdf"))) <= 16


# --------------------------------------------------------------------------- key, worksheet, flow


def test_teacher_key_reports_every_weak_spot_by_kind(rmap):
    key = body(rmap, "key")
    ws = key["weak_spots"]
    groups = {g["kind"]: g for g in ws["groups"]}
    assert {"factual-slip", "overclaim", "vague", "dated", "unsupported", "single-source", "self-citation",
            "unanswered-attack"} <= set(groups)
    slips = " ".join(i["text"] for i in groups["factual-slip"]["items"])
    assert "Kim Jung Un" in slips and "island was split into two in 1945" in slips
    assert any("E" in i["label"].split()[0] for i in groups["dated"]["items"])
    assert groups["self-citation"]["summary"][0].startswith(f"{groups['self-citation']['count']} cards")
    found = find_weak_spots(rmap)
    assert groups["unanswered-attack"]["count"] == sum(w.kind == "unanswered-attack" for w in found)
    assert groups["single-source"]["count"] == sum(w.kind == "single-source" for w in found)
    assert not raw_ids(rmap, ws)
    assert body(rmap, "worksheet")["weak_spots"]["groups"] == []
    pdf = render_view(V.build_view(analyze(rmap), "key"), "pdf")
    assert b"Weak spots" in pdf or len(pages(pdf)) >= 3


def test_misconception_examples_fit_their_misconception(rmap):
    m = {x["id"]: x["text"] for x in body(rmap, "key")["misconceptions"]}
    assert "stated that" not in m["prediction"]  # a prediction is the op-ed's, not a reported statement
    assert ".\u201d," not in m["assumption"]


def test_flow_sheet_is_landscape_with_a_row_per_contention(rmap):
    b = body(rmap, "flow")
    case, *offs = b["sheets"]
    contentions = body(rmap, "brief")["contentions"]
    assert case["column"] == 0 and len(case["rows"]) == contentions + 1  # and the thesis
    # Each off-case position on a sheet of its own (each disadvantage, the counterplan), flowed from the 1NC.
    assert len(offs) >= 3 and all(o["column"] == 1 and len(o["rows"]) == 1 for o in offs)
    assert len({o["title"] for o in offs}) == len(offs)
    off_rows = [o["rows"][0] for o in offs]
    assert [r["text"].split(":")[0] for r in off_rows][-1] == "CP"
    assert not any("perm keeps the troops" in r["text"] for r in off_rows)  # an answer to our answer is not a position
    sizes = pages(render_view(V.build_view(analyze(rmap), "flow"), "pdf"))
    assert len(sizes) <= 3 + len(offs) and all(w > h for w, h in sizes)


@pytest.mark.parametrize("kind", ["brief", "cards", "blocks", "flow", "worksheet", "key"])
def test_every_handout_renders_without_ids_in_html(rmap, kind):
    view = V.build_view(analyze(rmap), kind, diagram=False)
    html = render_view(view, "html")
    assert html.startswith("<!doctype html>")
    assert not raw_ids(rmap, json.loads(view.to_json())["body"])
