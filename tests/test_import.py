"""`argmap import`: real files the project did not write (tests/data/import/, see its README for
sources and licences), hand-made cases for each construct, and round trips through the exports."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from argmap import api
from argmap.core.diagnostics import ArgmapError
from argmap.ingest import argdown_parse
from argmap.ingest.argdown import from_json

DATA = Path(__file__).resolve().parent / "data" / "import"
AIF_FILES = sorted((DATA / "aif").glob("*.json"))
ARGDOWN_FILES = sorted((DATA / "argdown").glob("*.argdown"))


def _import(tmp_project, file: Path, **kw):
    return api.import_(tmp_project.project, file, **kw)


def _check(tmp_project, map_id: str):
    result = api.check(tmp_project.project, [tmp_project.root / "arguments" / map_id])
    errors = [d.format() for d in result.all_diagnostics() if d.is_error]
    assert not errors, "\n".join(errors[:10])
    return result


def _claims(tmp_project, map_id: str) -> dict:
    return yaml.safe_load((tmp_project.root / "arguments" / map_id / f"{map_id}.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- AIF


def _aif_core(data: dict) -> tuple[set, set, set]:
    """I/RA/CA nodes (id, type, I-text with spaces normalised), the edges among them, and MA rephrases (MA id, from I, to I)."""
    a = data.get("AIF", data)
    kind = {str(n["nodeID"]): n["type"] for n in a["nodes"]}
    text = {str(n["nodeID"]): " ".join(n["text"].split()) for n in a["nodes"]}
    core = {"I", "RA", "CA"}
    nodes = {(k, t, text[k] if t == "I" else "") for k, t in kind.items() if t in core}
    edges = {(str(e["fromID"]), str(e["toID"])) for e in a["edges"]
             if kind.get(str(e["fromID"])) in core and kind.get(str(e["toID"])) in core}
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for e in a["edges"]:
        out.setdefault(str(e["fromID"]), []).append(str(e["toID"]))
        into.setdefault(str(e["toID"]), []).append(str(e["fromID"]))
    ma = {(m, f, t) for m, k in kind.items() if k == "MA" for f in into.get(m, []) if kind.get(f) == "I"
          for t in out.get(m, []) if kind.get(t) == "I"}
    return nodes, edges, ma


# What each file holds (so a file that silently lost its CA or MA nodes would fail): I/RA/CA node counts, MA pairs.
AIF_LEAST = {
    "nodeset-6064.json": {"counts": {"I": 9, "RA": 5, "CA": 0}, "ma": 0},  # AIFdb's plain JSON, a real nodeset
    "handmade-xaif.json": {"counts": {"I": 13, "RA": 4, "CA": 5}, "ma": 3},  # xAIF, rebuttals, an undercut, rephrases
}


@pytest.mark.parametrize("path", AIF_FILES, ids=lambda p: p.name)
def test_a_real_aifdb_nodeset_imports_checks_and_round_trips(tmp_project, path):
    result = _import(tmp_project, path)
    assert any("TA-nodes" in line for line in result.lost)  # transitions are named as not carried over
    _check(tmp_project, result.map_id)
    original = json.loads(path.read_text(encoding="utf-8"))
    exported = json.loads(api.export(tmp_project.project, result.map_id, format="aif"))
    nodes, edges, ma = _aif_core(original)
    nodes2, edges2, ma2 = _aif_core(exported)
    assert nodes2 == nodes and edges2 == edges and ma2 == ma  # the same I/RA/CA nodes (by their ids), edges, MA nodes
    least = AIF_LEAST[path.name]
    assert {t: sum(1 for n in nodes if n[1] == t) for t in ("I", "RA", "CA")} == least["counts"] and len(ma) == least["ma"]
    # every locution that asserts a proposition is a card that anchors in the seed text
    claims = _claims(tmp_project, result.map_id)
    l_asserting = {str(n["nodeID"]) for n in original.get("AIF", original)["nodes"] if n["type"] == "L"}
    assert {e["aif"]["id"] for e in claims["evidence"]} <= l_asserting
    assert {n["nodeID"] for n in exported["nodes"] if n["type"] == "L"} >= {e["aif"]["id"] for e in claims["evidence"]}


AIF_SMALL = {
    "nodes": [
        {"nodeID": "1", "text": "Taxes should fall", "type": "I", "timestamp": "2019-05-02 10:00:00"},
        {"nodeID": "2", "text": "Economists say lower taxes raise growth", "type": "I"},
        {"nodeID": "3", "text": "Expert Opinion", "type": "RA", "scheme": "Expert Opinion", "schemeID": "9"},
        {"nodeID": "4", "text": "Lowering taxes is good", "type": "I"},
        {"nodeID": "5", "text": "Default Rephrase", "type": "MA"},
        {"nodeID": "6", "text": "Default Rephrase", "type": "MA"},
        {"nodeID": "7", "text": "These economists are paid by a lobby", "type": "I"},
        {"nodeID": "8", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "9", "text": "Ann : lower taxes raise growth, economists say", "type": "L"},
        {"nodeID": "10", "text": "Asserting", "type": "YA"},
        {"nodeID": "11", "text": "Default Transition", "type": "TA"},
    ],
    "edges": [
        {"edgeID": 1, "fromID": "2", "toID": "3"}, {"edgeID": 2, "fromID": "3", "toID": "1"},
        {"edgeID": 3, "fromID": "1", "toID": "5"}, {"edgeID": 4, "fromID": "5", "toID": "4"},
        {"edgeID": 5, "fromID": "4", "toID": "6"}, {"edgeID": 6, "fromID": "6", "toID": "1"},
        {"edgeID": 7, "fromID": "7", "toID": "8"}, {"edgeID": 8, "fromID": "8", "toID": "3"},
        {"edgeID": 9, "fromID": "9", "toID": "10"}, {"edgeID": 10, "fromID": "10", "toID": "2"},
    ],
    "locutions": [{"nodeID": "9", "personID": "1"}],
    "participants": [{"participantID": "1", "firstname": "Ann", "surname": "Smith"}],
}


def test_aif_constructs_mutual_rephrase_undercut_scheme_and_locution(tmp_project, tmp_path):
    path = tmp_path / "small.json"
    path.write_text(json.dumps(AIF_SMALL), encoding="utf-8")
    result = _import(tmp_project, path, map_name="small")
    _check(tmp_project, "small")  # a mutual rephrase (MA both ways) is no support cycle
    claims = _claims(tmp_project, "small")
    st = {s["aif"]["id"]: s for s in claims["statements"]}
    assert st["1"]["rephrases"] == [st["4"]["id"]] and st["4"]["rephrases"] == [st["1"]["id"]]
    assert st["1"]["aif"]["rephrase_ids"] == {st["4"]["id"]: "5"} and st["4"]["aif"]["rephrase_ids"] == {st["1"]["id"]: "6"}
    assert not any("MA-node" in line for line in result.lost)  # the MA nodes' ids are kept
    assert st["1"]["aif"]["timestamp"] == "2019-05-02 10:00:00"
    args = {a["aif"]["id"]: a for a in claims["arguments"]}
    assert args["3"]["scheme"] == "expert-opinion" and args["3"]["aif"]["scheme_id"] == "9"
    assert args["8"]["undercuts"] == args["3"]["id"]  # CA onto an RA-node
    (card,) = claims["evidence"]
    assert card["supports"] == [st["2"]["id"]] and card["voice"]["who"] == "Ann Smith"
    seed = (tmp_project.root / "seeds" / "small-text.txt").read_text(encoding="utf-8")
    assert card["quote"] in seed
    assert any("TA-nodes" in line for line in result.lost)
    data = json.loads(api.export(tmp_project.project, "small", format="aif"))
    by_id = {n["nodeID"]: n for n in data["nodes"]}
    assert by_id["3"]["scheme"] == "Expert Opinion" and by_id["3"]["schemeID"] == "9"
    assert by_id["1"]["timestamp"] == "2019-05-02 10:00:00"
    assert by_id["9"]["type"] == "L" and data["locutions"][0]["nodeID"] == "9"
    assert by_id["5"]["type"] == "MA" and by_id["6"]["type"] == "MA"  # re-exported under their own ids
    assert {(e["fromID"], e["toID"]) for e in data["edges"]} >= {("1", "5"), ("5", "4"), ("4", "6"), ("6", "1")}


def test_an_aif_file_that_is_not_json_is_a_located_error(tmp_project, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"nodes": [\n  {"nodeID": 1,, }]}', encoding="utf-8")
    with pytest.raises(ArgmapError) as err:
        _import(tmp_project, path)
    (d,) = err.value.diagnostics
    assert d.code == "E601" and d.location.line == 2
    assert not (tmp_project.root / "arguments" / "bad").exists()


# --------------------------------------------------------------------------- Argdown


def _argdown_structure(doc) -> tuple:
    def key(end):
        what, title = end
        if what == "statement" and title.startswith("Untitled"):
            return ("s", doc.statements[title].text)
        return (what[0], title)

    statements = {t: s.text for t, s in doc.statements.items() if not t.startswith("Untitled")}
    untitled = sorted(s.text for t, s in doc.statements.items() if t.startswith("Untitled"))
    relations = sorted({(r.kind, key(r.source), key(r.target)) for r in doc.relations})
    pcs = {t: [(sorted(key(("statement", p)) for p in s.premises), key(("statement", s.conclusion))) for s in a.steps]
           for t, a in doc.arguments.items() if not t.startswith("Untitled")}
    return statements, untitled, relations, pcs


@pytest.mark.parametrize("path", ARGDOWN_FILES, ids=lambda p: p.name)
def test_argdown_reader_agrees_with_the_argdown_cli_on_its_own_examples(path):
    """tests/data/import/argdown/json/ holds what `argdown json` (@argdown/cli) made of each file."""
    ours = argdown_parse.parse(path.read_text(encoding="utf-8"), str(path))
    cli = from_json(json.loads((path.parent / "json" / f"{path.stem}.json").read_text(encoding="utf-8")), "cli")
    assert _argdown_structure(ours) == _argdown_structure(cli)
    assert ours.relations or ours.arguments


@pytest.mark.parametrize("path", ARGDOWN_FILES, ids=lambda p: p.name)
def test_each_argdown_example_and_its_json_imports_and_checks(tmp_project, path):
    result = _import(tmp_project, path)
    _check(tmp_project, result.map_id)
    as_json = _import(tmp_project, path.parent / "json" / f"{path.stem}.json", map_name=f"{result.map_id}-json")
    _check(tmp_project, as_json.map_id)
    a, b = _claims(tmp_project, result.map_id), _claims(tmp_project, as_json.map_id)
    assert {s["text"] for s in a.get("statements", [])} == {s["text"] for s in b.get("statements", [])}
    assert len(a.get("arguments", [])) == len(b.get("arguments", []))


CONSTRUCTS = """\
===
title: Constructs
subTitle: One of each
===

# Case

[T]: We should act. #core
  + <Why>: Acting pays. #(pro side)
  - [Cost]: Acting costs too much.
  >< [Never]: We should never act.

[Cost]
  - [Cheap]: Acting is cheap.

<Chain>

(1) [P1]: First premise, over
    two lines with a @[T] mention.
(2) [P2]: Second premise.
----
(3) [Mid]: An intermediate conclusion.
(4) [P4]: Another premise.
-- modus ponens --
(5) [Final]: The final conclusion.
  +> [T]

<Undercutter>: The chain's link fails.
  _> <Chain>
"""


def test_argdown_constructs_become_the_models_fields(tmp_project, tmp_path):
    path = tmp_path / "constructs.argdown"
    path.write_text(CONSTRUCTS, encoding="utf-8")
    result = _import(tmp_project, path)
    _check(tmp_project, result.map_id)
    claims = _claims(tmp_project, "constructs")
    assert claims["map"]["title"] == "Constructs" and claims["map"]["resolution"] == "One of each"
    st = {s["id"]: s for s in claims["statements"]}
    assert st["t"]["tags"] == ["core"] and st["t"]["group"] == "Case"
    assert st["t"]["contradicts"] == ["never"]  # symmetric: either side may list it
    assert st["cost"]["contrary"] == ["t"] and st["cheap"]["contrary"] == ["cost"]  # attack between statements
    assert st["p1"]["text"] == "First premise, over two lines with a T mention."
    assert st["mid"]["kind"] == "claim" and st["p1"]["kind"] == "premise"
    args = {a["id"]: a for a in claims["arguments"]}
    assert args["chain-step-1"] == {"id": "chain-step-1", "premises": ["p1", "p2"], "supports": "mid"}
    assert args["chain"]["premises"] == ["mid", "p4"] and args["chain"]["supports"] == "final"
    assert any(a.get("undercuts") == "chain" for a in args.values())
    assert any(a["premises"] == ["final"] and a.get("supports") == "t" for a in args.values())
    assert any(a.get("supports") == "t" and a.get("warrant") == "Acting pays." for a in args.values())


@pytest.mark.parametrize("text, line, words", [
    ("[A]: a\n\n* one\n* two\n", 3, "lists"),
    ("===\ntitle: x\n", 1, "never closed"),
    ("  + [A]: orphan\n", 1, "nothing above it"),
    ("<A>\n\n(1) [p]\n(2) [q]\n", 4, "inference line"),
])
def test_argdown_constructs_not_read_are_located_errors(tmp_project, tmp_path, text, line, words):
    path = tmp_path / "bad.argdown"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArgmapError) as err:
        _import(tmp_project, path)
    (d,) = err.value.diagnostics
    assert d.code == "E601" and d.location.line == line and words in d.message
    assert not (tmp_project.root / "arguments" / "bad").exists()


def test_argdown_round_trip_through_argmaps_own_export(repo_project, tmp_project, tmp_path):
    """export/argdown.py, then import, then export again: the same statements, relations and
    premise-conclusion structures (and the same grounded labels)."""
    shutil.copy(repo_project.arguments_dir / "example.yaml", tmp_project.root / "arguments" / "example.yaml")
    first = api.export(tmp_project.project, "example", format="argdown")
    path = tmp_path / "example-export.argdown"
    path.write_text(first, encoding="utf-8")
    result = _import(tmp_project, path, map_name="back")
    _check(tmp_project, "back")
    second = api.export(tmp_project.project, "back", format="argdown")

    def norm(doc):
        from argmap.ingest.common import Ids

        slug = lambda t: Ids().make(t, words=8)  # noqa: E731 - titles come back as ids
        st = {slug(t): s.text for t, s in doc.statements.items()}
        rel = {(r.kind, slug(r.source[1]), slug(r.target[1])) for r in doc.relations}
        pcs = {slug(t): [([slug(p) for p in s.premises], slug(s.conclusion)) for s in a.steps] for t, a in doc.arguments.items()}
        status = {slug(t): s.data.get("status") for t, s in doc.statements.items()}
        return st, rel, pcs, status

    a, b = norm(argdown_parse.parse(first, "first")), norm(argdown_parse.parse(second, "second"))
    assert a == b
    assert len(a[0]) >= 10 and len(a[1]) >= 5
    assert {e["id"] for e in _claims(tmp_project, "back")["evidence"]} == {"ex-ev-china", "ex-ev-embargo", "ex-ev-defection"}


# --------------------------------------------------------------------------- Kialo


def test_a_kialo_export_becomes_thesis_pros_cons_and_links(tmp_project):
    path = DATA / "kialo" / "voting-age.txt"
    result = _import(tmp_project, path)
    _check(tmp_project, result.map_id)
    claims = _claims(tmp_project, "voting-age")
    assert claims["map"]["resolution"] == "Should the voting age be lowered to 16?"
    st = {s["note"].split()[-1]: s for s in claims["statements"]}
    assert st["1"]["kind"] == "thesis" and st["1.2"]["kind"] == "objection" and st["1.2.1"]["kind"] == "answer"
    assert st["1.1"]["text"].endswith("how those taxes are spent.")  # a claim over two lines is joined
    args = claims["arguments"]
    assert {"premises": [st["1.1"]["id"]], "supports": st["1"]["id"]} in [{k: v for k, v in a.items() if k != "id"} for a in args]
    assert {"premises": [st["1.2"]["id"]], "attacks": st["1"]["id"]} in [{k: v for k, v in a.items() if k != "id"} for a in args]
    # 1.3.1 is a link to 1.2.2: that claim is reused as a con of 1.3
    assert {"premises": [st["1.2.2"]["id"]], "attacks": st["1.3"]["id"]} in [{k: v for k, v in a.items() if k != "id"} for a in args]
    assert "1.3.1" not in st


def test_a_kialo_claim_without_pro_or_con_is_a_located_error(tmp_project, tmp_path):
    path = tmp_path / "k.txt"
    path.write_text("Discussion Title: X?\n\n1. X.\n1.1. Pro: yes.\n1.2. maybe.\n", encoding="utf-8")
    with pytest.raises(ArgmapError) as err:
        _import(tmp_project, path)
    (d,) = err.value.diagnostics
    assert d.code == "E601" and d.location.line == 5 and "1.2" in d.message


# --------------------------------------------------------------------------- Verbatim .docx


def _docx_cards(path: Path) -> dict:
    import docx

    from argmap.ingest.verbatim import _cards, _spans

    cards, analytics = _cards(docx.Document(str(path)), [])
    out = {}
    for c in cards:
        texts = ["".join(r.text for r in b) for b in c.body]
        marks = {}
        for flag in ("underline", "highlight", "emphasis"):
            marks[flag] = [t[s:e] for b, t in zip(c.body, texts) for s, e in _spans(b, flag, 0)]
        out[c.tag] = ("\n\n".join(texts), marks["underline"], marks["highlight"], marks["emphasis"])
    return {"cards": out, "analytics": sorted(a[0] for a in analytics)}


def test_docx_round_trip_keeps_every_cards_text_underlines_and_highlights(repo_project, tmp_project, tmp_path):
    shutil.copy(repo_project.arguments_dir / "example.yaml", tmp_project.root / "arguments" / "example.yaml")
    first = tmp_path / "first.docx"
    first.write_bytes(api.export(tmp_project.project, "example", format="docx"))
    result = _import(tmp_project, first, map_name="back")
    _check(tmp_project, "back")
    assert result.counts["evidence"] == 3 and result.counts["sources"] == 3
    second = tmp_path / "second.docx"
    second.write_bytes(api.export(tmp_project.project, "back", format="docx"))
    a, b = _docx_cards(first), _docx_cards(second)
    assert a == b and len(a["cards"]) == 3 and a["analytics"]
    assert all(underline for _text, underline, _hl, _em in a["cards"].values())
    assert sum(bool(highlight) for _text, _ul, highlight, _em in a["cards"].values()) >= 2


def test_a_verbatim_file_gives_cards_with_quote_highlights_and_a_cited_seed(tmp_project):
    path = DATA / "docx" / "verbatim-sample.docx"
    with zipfile.ZipFile(path) as z:  # the file carries Verbatim 6.0.0's own style definitions
        assert z.read("word/styles.xml") == (DATA / "docx" / "verbatim-6.0.0-styles.xml").read_bytes()
    result = _import(tmp_project, path)
    _check(tmp_project, result.map_id)
    claims = _claims(tmp_project, "verbatim-sample")
    cards = {e["tag"]: e for e in claims["evidence"]}
    leak = cards["Sanctions leak through neighbours"]
    assert leak["quote"].startswith("Sanctions leak because") and leak["quote"].endswith("Even strong coalitions fail")
    assert "Most studies agree" not in leak["quote"]  # unread context before the first underline
    assert leak["highlight"] == ["enforcement is weak", "strong coalitions fail"] and leak["emphasis"] == ["weak"]
    st = {s["id"]: s for s in claims["statements"]}
    assert st[leak["supports"][0]]["text"] == "Sanctions do not work" and st[leak["supports"][0]]["group"] == "1NC / Case"
    assert cards["Concessions invite more tests"]["group"].startswith("Neg")
    assert st[cards["Concessions invite more tests"]["supports"][0]]["side"] == "neg"
    assert any(s["text"] == "Their evidence predates the 2020 rules" and s["kind"] == "premise" for s in st.values())
    sources = yaml.safe_load((tmp_project.root / "seeds" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    smith = next(s for s in sources if s["id"] == leak["source"])
    assert smith["short_cite"] == "Smith 21" and smith["date"] == "2021-03-03" and smith["title"] == "Why sanctions leak"
    assert smith["authors"] == [{"name": "John Smith", "qualifications": "Professor of Economics at Example University"}]
    seed = (tmp_project.root / "seeds" / smith["file"]).read_text(encoding="utf-8")
    assert seed.startswith("Most studies agree on one thing.")  # the card text, every character
    assert any("underline only parts" in line for line in result.lost)


def _python_docx_reading(path: Path) -> tuple[list[dict], list[str]]:
    """The cards of a Verbatim file as python-docx reads them, independently of argmap's reader: a Heading 4
    paragraph (by its style name) starts a card, the next non-empty paragraph is its cite, the rest up to the
    next heading its text; each run (those inside hyperlinks too) with its effective underline (run, then its
    character style chain, then the paragraph's style chain) and highlight."""
    import docx
    from docx.text.hyperlink import Hyperlink

    def effective(run, paragraph, attr):
        for value in (getattr(run.font, attr),):
            if value is not None:
                return value
        for style in (run.style, paragraph.style):
            while style is not None:
                if getattr(style.font, attr) is not None:
                    return getattr(style.font, attr)
                style = style.base_style
        return None

    cards, current, tags_without_cite = [], None, []
    for p in docx.Document(str(path)).paragraphs:
        if p.style.name.startswith("Heading"):
            if current is not None and current["cite"] is None:
                tags_without_cite.append(current["tag"])
                cards.remove(current)
            current = {"tag": " ".join(p.text.split()), "cite": None, "body": []} if p.style.name == "Heading 4" else None
            if current is not None:
                cards.append(current)
            continue
        if not p.text.strip() or current is None:
            continue
        if current["cite"] is None:
            current["cite"] = " ".join(p.text.split())
            continue
        runs = [r for item in p.iter_inner_content() for r in (item.runs if isinstance(item, Hyperlink) else [item])]
        assert "".join(r.text for r in runs) == p.text
        current["body"].append([(r.text, bool(effective(r, p, "underline")), r.font.highlight_color is not None) for r in runs])
    return cards, tags_without_cite


def _marked(body: list[list[tuple]], which: int) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for i, runs in enumerate(body):
        text += "\n\n" if i else ""
        for run in runs:
            if run[which] and spans and spans[-1][1] == len(text):
                spans[-1] = (spans[-1][0], len(text) + len(run[0]))
            elif run[which]:
                spans.append((len(text), len(text) + len(run[0])))
            text += run[0]
    return text, spans


def test_a_real_verbatim_file_carries_every_cards_tag_cite_text_underline_and_highlight(tmp_project):
    """A debater's 1AC made in Verbatim 5.1.1 (see tests/data/import/README.md). Its styles carry the junk
    aliases real files collect (Heading 4 is also aliased "heading 2"), its card text is underlined through the
    "Heading 3 Char" style and partly inside hyperlinks, and its cites mix US dates, two-digit years and ranges."""
    path = DATA / "docx" / "debate-cards-1ac.docx"
    expected, analytics = _python_docx_reading(path)
    result = _import(tmp_project, path, map_name="arms")
    _check(tmp_project, "arms")
    claims = _claims(tmp_project, "arms")
    sources = {s["id"]: s for s in yaml.safe_load((tmp_project.root / "seeds" / "sources.yaml").read_text(encoding="utf-8"))["sources"]}
    evidence = claims["evidence"]
    assert [e["tag"] for e in evidence] == [c["tag"] for c in expected] and len(evidence) == result.counts["evidence"] > 10
    statements = {s["text"]: s for s in claims["statements"]}
    assert all(t in statements and statements[t]["kind"] == "premise" for t in analytics) and analytics
    for card, ev in zip(expected, evidence):
        assert ev["note"] == f"cite: {card['cite']}"
        source = sources[ev["source"]]
        assert card["cite"].startswith(source["short_cite"].split()[0])
        text, underlined = _marked(card["body"], 1)
        _, highlighted = _marked(card["body"], 2)
        assert (tmp_project.root / "seeds" / source["file"]).read_text(encoding="utf-8") == text + "\n"  # the card text, every character
        assert underlined, card["tag"]
        quote = ev["quote"]
        for start, end in underlined + highlighted:  # every underlined and highlighted word is inside the quote
            assert " ".join(text[start:end].split()) in quote
        first, last = min(s for s, _ in underlined + highlighted), max(e for _, e in underlined + highlighted)
        assert " ".join(text[first:last].split()) in quote and len(quote) <= len(" ".join(text[first:last].split())) + 40
        assert ev.get("highlight", []) == [" ".join(text[s:e].split()) for s, e in highlighted if text[s:e].strip()]
    assert sum(bool(e.get("highlight")) for e in evidence) >= len(evidence) - 2
    assert all(s["date"] <= "2020" for s in (sources[e["source"]] for e in evidence))  # no year read from a day ("4-24-27")
    assert sources[evidence[4]["source"]]["date"] == "2018-03-20"  # "Sjursen, 3-20-2018", its year split across cite runs
    groups = {e["group"] for e in evidence}
    assert "1AC / Yemen" in groups  # the pocket and hat above, not a tag taken for a hat through its "heading 2" alias


@pytest.mark.parametrize("short,full,date", [
    ("Bazzi, 19", "Bazzi, 19 – Mohamad Bazzi, (The Guardian, 6/8, https://example.org/2019/jun/08/x)", ("2019-06-08", False)),
    ("Goodman, 18", "Goodman, 18 - served as Special Counsel (2015-16). Just Security, October 22, 2018", ("2018-10-22", False)),
    ("Senate 07, 4-24-27", "Senate 07, 4-24-27, Subcommittee", ("2007", True)),
    ("Larison, 5-2", "Larison, 5-2-2019 - Daniel", ("2019-05-02", False)),
    ("Kessler, 8", "Kessler, 8—Oliver; April 2008; PhD", ("2008-04", False)),
    ("Smith 21", "Smith 21 (2021-02-30)", ("2021", True)),  # no 30 February
])
def test_verbatim_cite_dates(short, full, date):
    from argmap.ingest.verbatim import _date

    assert _date(short, full[len(short):], full)[:2] == date


def test_a_source_date_with_no_such_month_is_a_located_error_not_a_crash(tmp_project):
    from argmap.load.model import DATE_PATTERN

    assert re.match(DATE_PATTERN, "2015-12") and re.match(DATE_PATTERN, "2015-12-31")
    assert not re.match(DATE_PATTERN, "2015-16") and not re.match(DATE_PATTERN, "2015-02-32")


# --------------------------------------------------------------------------- writing


def test_import_never_overwrites_without_force(tmp_project):
    path = DATA / "aif" / "handmade-xaif.json"
    _import(tmp_project, path, map_name="m")
    claim = tmp_project.root / "arguments" / "m" / "m.yaml"
    sources = tmp_project.root / "seeds" / "sources.yaml"
    before = (claim.read_bytes(), sources.read_bytes())
    claim.write_text(claim.read_text(encoding="utf-8") + "# my edit\n", encoding="utf-8")
    edited = claim.read_bytes()
    with pytest.raises(ArgmapError) as err:
        _import(tmp_project, path, map_name="m")
    assert {d.code for d in err.value.diagnostics} == {"E602"}
    assert claim.read_bytes() == edited and sources.read_bytes() == before[1]
    _import(tmp_project, path, map_name="m", force=True)
    assert claim.read_bytes() == before[0]
    text = sources.read_text(encoding="utf-8")
    assert text.count("id: m-text") == 1  # the entry is replaced, not added twice
    assert text.startswith(before[1].decode("utf-8")[:200])  # the project's own entries and comments are kept
    _check(tmp_project, "m")


def test_an_entry_written_in_another_layout_is_seen_and_replaced(tmp_project):
    """sources.yaml entries are found as the loader reads them, not by their first line's layout: an entry whose
    first key is not `id` still clashes without --force, and gives way (once, not twice) with it."""
    path = DATA / "aif" / "handmade-xaif.json"
    _import(tmp_project, path, map_name="m")
    sources = tmp_project.root / "seeds" / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    start = text.index("  - id: m-text")
    end = text.find("\n  - ", start + 1)
    entry = text[start:] if end < 0 else text[start:end + 1]
    lines = entry.splitlines(keepends=True)
    file_line = next(ln for ln in lines if ln.lstrip().startswith("file:"))
    reordered = "  - " + file_line.lstrip() + "    id: m-text\n" + "".join(ln for ln in lines[1:] if ln is not file_line)
    sources.write_text(text.replace(entry, reordered), encoding="utf-8")
    (tmp_project.root / "seeds" / file_line.split(":", 1)[1].strip()).unlink()  # only the entry can clash now
    with pytest.raises(ArgmapError) as err:
        _import(tmp_project, path, map_name="m")
    assert "already has a source 'm-text'" in " ".join(d.message for d in err.value.diagnostics)
    _import(tmp_project, path, map_name="m", force=True)
    assert sources.read_text(encoding="utf-8").count("m-text\n") == 1


def test_import_cli_prints_what_it_wrote_and_what_it_left_out(tmp_project):
    run = subprocess.run([sys.executable, "-m", "argmap", "import", str(DATA / "aif" / "nodeset-6064.json"),
                          "--map", "qt", "--project", str(tmp_project.root)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "imported map 'qt'" in run.stdout and "wrote arguments/qt/qt.yaml" in run.stdout
    assert "not carried over:" in run.stdout and "TA-nodes" in run.stdout
    again = subprocess.run([sys.executable, "-m", "argmap", "import", str(DATA / "aif" / "nodeset-6064.json"),
                            "--map", "qt", "--project", str(tmp_project.root)], capture_output=True, text=True)
    assert again.returncode == 1 and "error[E602]" in again.stderr and "Traceback" not in again.stderr
    unknown = subprocess.run([sys.executable, "-m", "argmap", "import", str(DATA / "kialo" / "voting-age.txt"),
                              "--from", "aif", "--project", str(tmp_project.root)], capture_output=True, text=True)
    assert unknown.returncode == 1 and "error[E601]" in unknown.stderr


def test_imported_maps_build(tmp_project):
    for path, name in ((DATA / "aif" / "handmade-xaif.json", "aif"), (DATA / "argdown" / "state-censorship.argdown", "ad"),
                       (DATA / "kialo" / "voting-age.txt", "kialo"), (DATA / "docx" / "verbatim-sample.docx", "docx")):
        _import(tmp_project, path, map_name=name)
    report = api.build(tmp_project.project)
    assert sorted(m.id for m in report.by_status("built")) == ["ad", "aif", "docx", "kialo"], [m.diagnostics for m in report.maps]


FORWARD_UNDERCUT = """\
[T]: We should act.

<Second>

(1) [Cheap]: Acting is cheap.
----
(2) [Second conclusion]: The premises of First do not lead to its conclusion.
  _> <First>

<First>

(1) [Costly]: Acting is costly.
----
(2) [First conclusion]: The premises of Act do not lead to its conclusion.
  _> <Act>

<Act>

(1) [Need]: There is a need.
----
(2) [T]
"""


def test_an_undercut_of_an_argument_written_further_down_is_kept(tmp_project, tmp_path):
    """The Argdown CLI's live round trip of carrot-stick found undercuts of undercuts dropped without a
    word when the undercut argument came later in the document (tests/test_argdown_cli.py)."""
    path = tmp_path / "forward.argdown"
    path.write_text(FORWARD_UNDERCUT, encoding="utf-8")
    result = _import(tmp_project, path)
    _check(tmp_project, result.map_id)
    args = {a["id"]: a for a in _claims(tmp_project, "forward")["arguments"]}
    assert args["second"] == {"id": "second", "premises": ["cheap"], "undercuts": "first"}
    assert args["first"] == {"id": "first", "premises": ["costly"], "undercuts": "act"}
    assert args["act"]["supports"] == "t"


def test_argdown_json_text_is_not_unescaped_twice():
    """`argdown json` writes text with escapes resolved and emphasis dropped: a `_`, `*` or `\\` left in
    it is the statement's own; its tags and mention brackets are not."""
    data = {"statements": {
        "A": {"members": [{"text": "snake_case _and_ 2*3*4 a\\\\b, see @[B] and @[nothing] #(my tag) #x "}],
              "tags": ["my tag", "x"]},
        "B": {"members": [{"text": "B."}]}}, "arguments": {}, "relations": []}
    doc = from_json(data, "t.json")
    assert doc.statements["A"].text == "snake_case _and_ 2*3*4 a\\\\b, see B and @[nothing]"
    assert doc.statements["A"].tags == ["my tag", "x"]
