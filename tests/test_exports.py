"""The interchange exports: JSON Schema, AIF, Argdown (parsed by the real Argdown CLI), JSON labels."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from argmap.api import check, resolve_map
from argmap.analyze.analysis import analyze
from argmap.export import FORMATS, needs_map, render
from argmap.export import aif, argdown, schema
from argmap.load.model import Relation

REPO = Path(__file__).resolve().parents[1]


def _maps(project):
    """The repository's maps that check without errors (the example, and the op-ed map once it does)."""
    result = check(project)
    return [mr.map for mr in result.maps if mr.ok]


# --------------------------------------------------------------------------- JSON Schema

# A small JSON Schema validator for what the generated schema uses (no extra
# test dependency): $ref into $defs, type, enum, pattern, minLength, minItems,
# properties, required, additionalProperties, items, anyOf, oneOf.

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def validate(instance, node, root, path="$") -> list[str]:
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        return validate(instance, root["$defs"][name], root, path)
    errors: list[str] = []
    t = node.get("type")
    if t is not None:
        if t == "integer":
            ok = isinstance(instance, int) and not isinstance(instance, bool)
        elif t == "number":
            ok = isinstance(instance, (int, float)) and not isinstance(instance, bool)
        elif t == "boolean":
            ok = isinstance(instance, bool)
        else:
            ok = isinstance(instance, TYPES[t]) and not (t != "boolean" and isinstance(instance, bool))
        if not ok:
            return [f"{path}: expected {t}, found {instance!r}"]
    if "enum" in node and instance not in node["enum"]:
        errors.append(f"{path}: {instance!r} not in {node['enum']}")
    if isinstance(instance, str):
        if "pattern" in node and not re.search(node["pattern"], instance):
            errors.append(f"{path}: {instance!r} does not match {node['pattern']}")
        if len(instance) < node.get("minLength", 0):
            errors.append(f"{path}: too short")
    if isinstance(instance, list):
        if len(instance) < node.get("minItems", 0):
            errors.append(f"{path}: too few items")
        if "items" in node:
            for i, item in enumerate(instance):
                errors += validate(item, node["items"], root, f"{path}[{i}]")
    if isinstance(instance, dict):
        props = node.get("properties", {})
        for key in node.get("required", []):
            if key not in instance:
                errors.append(f"{path}: missing {key}")
        for key, value in instance.items():
            if key in props:
                errors += validate(value, props[key], root, f"{path}.{key}")
            elif node.get("additionalProperties") is False:
                errors.append(f"{path}: unknown key {key}")
    if "anyOf" in node and not any(not validate(instance, sub, root, path) for sub in node["anyOf"]):
        errors.append(f"{path}: matches none of anyOf")
    if "oneOf" in node:
        matches = sum(not validate(instance, sub, root, path) for sub in node["oneOf"])
        if matches != 1:
            errors.append(f"{path}: matches {matches} of oneOf")
    return errors


def test_committed_schema_is_up_to_date():
    committed = (REPO / "docs" / "claim-file.schema.json").read_text(encoding="utf-8")
    assert committed == schema.render(), "run: argmap export --format schema -o docs/claim-file.schema.json"


def test_schema_needs_no_map_and_is_draft_2020_12():
    assert needs_map("schema") is False and needs_map("json") is True
    data = json.loads(schema.render())
    assert data["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(data["properties"]) == {"map", "options", "statements", "arguments", "evidence"}


def test_schema_validates_the_repository_claim_files():
    root = json.loads(schema.render())
    files = sorted((REPO / "arguments").rglob("*.yaml"))
    assert files
    for path in files:
        # Read as an editor's YAML language server reads it: 370,000 in a flow
        # list is two numbers, which the schema rejects (argmap would read the
        # strings "370" and "000", splitting the highlight silently).
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        assert validate(data, root, root) == [], (path, validate(data, root, root))


@pytest.mark.parametrize("bad, why", [
    ({"statements": [{"id": "s", "text": "t", "suports": "x"}]}, "unknown key suports"),
    ({"statements": [{"id": "s", "text": "t", "kind": "bogus"}]}, "not in"),
    ({"statements": [{"id": "1s", "text": "t"}]}, "does not match"),
    ({"statements": [{"text": "t"}]}, "missing id"),
    ({"arguments": [{"id": "a", "premises": ["p"], "supports": "t", "attacks": "u"}]}, "matches 2 of oneOf"),
    ({"arguments": [{"id": "a", "premises": ["p"]}]}, "matches 0 of oneOf"),
    ({"arguments": [{"id": "a", "premises": [], "supports": "t"}]}, "premises: matches none of anyOf"),
    ({"evidence": [{"id": "e", "source": "oped", "quote": "q", "supports": 3}]}, "supports: matches none of anyOf"),
])
def test_schema_rejects_what_check_rejects(bad, why):
    root = json.loads(schema.render())
    errors = validate(bad, root, root)
    assert any(why in e for e in errors), errors


def test_schema_accepts_one_id_for_a_list_of_ids():
    root = json.loads(schema.render())
    ok = {"evidence": [{"id": "e", "source": "oped", "quote": "q", "supports": "thesis", "highlight": "q"}],
          "arguments": [{"id": "a", "premises": "p", "undercuts": "b"}]}
    assert validate(ok, root, root) == []


def test_export_schema_from_the_cli_without_naming_a_map(tmp_project, minimal_map):
    from click.testing import CliRunner

    from argmap.cli import main

    tmp_project.claim("one.yaml", minimal_map)
    tmp_project.claim("two.yaml", minimal_map)  # two maps: the schema still needs none named
    result = CliRunner().invoke(main, ["export", "--format", "schema", "--project", str(tmp_project.root)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["title"] == "argmap claim file"


# --------------------------------------------------------------------------- AIF


LINKED = """
map:
  title: Linked and undercut
statements:
  - id: t
    kind: thesis
    text: The thesis.
  - id: p1
    text: First premise.
  - id: p2
    text: Second premise.
  - id: o
    kind: objection
    text: An objection.
  - id: o2
    kind: objection
    text: A second objection, linked with the first.
  - id: a
    kind: answer
    text: An answer.
arguments:
  - id: arg-linked
    premises: [p1, p2]
    supports: t
    scheme: cause-to-effect
  - id: arg-obj
    premises: [o, o2]
    attacks: t
  - id: arg-ans
    premises: [a]
    undercuts: arg-obj
evidence:
  - id: ev
    source: oped
    quote: China accounts for over 90% of North Korea's total imports and exports
    supports: [p1, p2]
  - id: ev-against
    source: article
    quote: This act of defection has restored much of the diplomatic tensions.
    challenges: a
"""


def _aif_index(data):
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    into: dict[str, list[str]] = {k: [] for k in nodes}
    out: dict[str, list[str]] = {k: [] for k in nodes}
    for e in data["edges"]:
        assert e["fromID"] in nodes and e["toID"] in nodes, e
        out[e["fromID"]].append(e["toID"])
        into[e["toID"]].append(e["fromID"])
    return nodes, into, out


def check_aif(rmap, data):
    nodes, into, out = _aif_index(data)
    assert len({n["nodeID"] for n in data["nodes"]}) == len(data["nodes"])
    assert len({e["edgeID"] for e in data["edges"]}) == len(data["edges"])
    info = data["argmap"]["nodes"]
    origin = {nid: v["id"] for nid, v in info.items()}
    texts = {st.text for st in rmap.statements.values()} | {aif.evidence_text(rmap, e) for e in rmap.evidence}
    i_of: dict[str, str] = {}
    l_of: dict[str, str] = {}
    for nid, n in nodes.items():
        assert set(n) <= {"nodeID", "text", "type", "scheme", "schemeID", "timestamp"}
        assert n["timestamp"]  # AIFdb needs one on every node
        if n["type"] == "I":
            assert n["text"] in texts  # every I-node is a statement or a challenging card's quote
            if info[nid]["role"].startswith("statement:"):
                i_of[origin[nid]] = nid
            for target in out[nid]:
                assert nodes[target]["type"] in {"RA", "CA", "MA"}  # never I -> I
        elif n["type"] == "L":
            l_of[origin[nid]] = nid
            assert not into[nid] and all(nodes[t]["type"] == "YA" for t in out[nid])  # a card is a locution: no premise
        else:
            assert n["type"] in {"RA", "CA", "MA", "YA"} and n["scheme"] == n["text"]
            assert len(out[nid]) == 1 and into[nid]  # one conclusion (or conflicted node), at least one premise
    assert set(i_of) == set(rmap.statements)
    assert set(l_of) == set(rmap.evidence)
    assert len(data["locutions"]) == len(rmap.evidence)
    s_of = {origin[nid]: nid for nid, n in nodes.items() if n["type"] in {"RA", "CA"} and info[nid]["role"].startswith("argument:")}
    assert set(s_of) == set(rmap.arguments)
    for aid, arg in rmap.arguments.items():
        s = s_of[aid]
        # Linked premises share one S-node; undercuts come in from CA-nodes.
        assert sorted(x for x in into[s] if nodes[x]["type"] == "I") == sorted(i_of[p] for p in arg.premises)
        assert sorted(x for x in into[s] if nodes[x]["type"] != "I") == sorted(s_of[u] for u in rmap.undercutting_args.get(aid, []))
        if arg.relation is Relation.support:
            assert nodes[s]["type"] == "RA" and out[s] == [i_of[arg.target]]
        elif arg.relation is Relation.rebut:
            assert nodes[s]["type"] == "CA" and out[s] == [i_of[arg.target]]
        else:  # an undercut attacks the other argument's S-node
            assert nodes[s]["type"] == "CA" and out[s] == [s_of[arg.target]]
    for eid, rev in rmap.evidence.items():
        yas = out[l_of[eid]]
        assert len(yas) == len(rev.evidence.supports) + len(rev.evidence.challenges)
        reached = []
        for ya in yas:
            (asserted,) = out[ya]
            if asserted in i_of.values():
                reached.append(("supports", asserted))
            else:  # a challenge: the card asserts its quote, which conflicts with the statement
                (ca,) = out[asserted]
                assert nodes[ca]["type"] == "CA"
                reached.append(("challenges", out[ca][0]))
        assert sorted(reached) == sorted([("supports", i_of[s]) for s in rev.evidence.supports]
                                         + [("challenges", i_of[s]) for s in rev.evidence.challenges])


def test_aif_structure_of_a_map_with_linked_premises_and_an_undercut(tmp_project):
    tmp_project.claim("m.yaml", LINKED)
    rmap = resolve_map(tmp_project.project, "m")
    data = json.loads(render("aif", analyze(rmap)))
    check_aif(rmap, data)
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    ra = [n for n in nodes.values() if n["type"] == "RA" and n["text"] != "Default Inference"]
    assert len(data["locutions"]) == 2 and all(n["type"] != "I" or n["text"] != "" for n in nodes.values())
    assert [n["scheme"] for n in ra] == ["Cause To Effect"]  # OVA's and AIFdb's name, not "Argument From ..."
    assert [n.get("schemeID") for n in ra] == ["4"]  # and AIFdb's id for it
    assert {n["schemeID"] for n in nodes.values() if n["text"] == "Default Inference"} <= {"72"}
    statuses = {v["id"]: v.get("status") for v in data["argmap"]["nodes"].values()}
    assert statuses["arg-obj"] == "in" and statuses["t"] == "out"  # the answer's premise is challenged


def test_aif_of_the_repository_maps(repo_project):
    for rmap in _maps(repo_project):
        check_aif(rmap, json.loads(render("aif", analyze(rmap))))


def test_aif_is_deterministic(repo_project):
    rmap = resolve_map(repo_project, "example")
    assert render("aif", analyze(rmap)) == render("aif", analyze(rmap))


# --------------------------------------------------------------------------- JSON with labels


def test_json_export_carries_the_grounded_labels(tmp_project):
    tmp_project.claim("m.yaml", LINKED)
    rmap = resolve_map(tmp_project.project, "m")
    data = json.loads(render("json", analyze(rmap)))
    status = {x["id"]: x["status"] for key in ("statements", "arguments", "evidence") for x in data[key]}
    assert status["a"] == "out" and status["arg-ans"] == "out" and status["arg-obj"] == "in" and status["t"] == "out"
    assert data["evaluation"]["semantics"] == "grounded" and data["evaluation"]["accepted"] == []
    won = json.loads(render("json", analyze(rmap, ["a"])))
    status = {x["id"]: x["status"] for key in ("statements", "arguments", "evidence") for x in won[key]}
    assert status["t"] == "in" and status["arg-obj"] == "out" and status["ev-against"] == "out"
    ev = next(e for e in won["evidence"] if e["id"] == "ev")
    assert ev["status_by_use"] == {"p1": "in", "p2": "in"}


def test_every_format_is_registered():
    assert {"json", "schema", "aif", "argdown"} <= set(FORMATS)


# --------------------------------------------------------------------------- Argdown, checked by the Argdown parser

ARGDOWN_VERSION = "1.7.5"  # 2.x needs a newer Node.js than these machines have


@pytest.fixture(scope="session")
def argdown_cli() -> Path:
    """The Argdown CLI, installed with npm into a cache folder when missing."""
    folder = Path(os.environ.get("ARGMAP_ARGDOWN_DIR") or Path.home() / ".cache" / "argmap-test" / "argdown")
    exe = folder / "node_modules" / ".bin" / "argdown"
    if not exe.exists():
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            pytest.skip("the Argdown export test needs Node.js and npm (to install @argdown/cli); neither is on PATH")
        folder.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(folder),
                               f"@argdown/cli@{ARGDOWN_VERSION}"], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0 and exe.exists(), f"npm could not install @argdown/cli:\n{done.stderr[-2000:]}"
    return exe


def parse_argdown(exe: Path, files: list[Path], out_dir: Path) -> dict[str, dict]:
    """Run `argdown json` once over the files; return file stem -> parsed JSON."""
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = files[0].parent
    done = subprocess.run([str(exe), "json", str(folder / "*.argdown"), str(out_dir)],
                          capture_output=True, text=True, timeout=300)
    log = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    assert done.returncode == 0, f"Argdown rejected the export:\n{log}"
    parsed = {}
    for f in files:
        target = out_dir / f"{f.stem}.json"
        assert target.exists(), f"no JSON for {f.name}:\n{log}"
        parsed[f.stem] = json.loads(target.read_text(encoding="utf-8"))
    return parsed


def _norm(text: str) -> str:
    return " ".join((text or "").split())


def _defining_text(item) -> str:
    texts = [m.get("text") for m in item["members"] if m.get("text")]
    assert len(set(map(_norm, texts))) == 1, texts  # defined once, with one text
    return texts[0]


def compare_argdown(rmap, parsed):
    """What Argdown read is the map: every statement with its text, every argument
    with its premises and conclusion, every relation, and nothing else."""
    statements, arguments = parsed["statements"], parsed["arguments"]
    expected_text = {sid: st.text for sid, st in rmap.statements.items()}
    expected_text |= {eid: argdown.evidence_statement_text(rmap, eid) for eid in rmap.evidence}
    relations = set()
    for eid, rev in rmap.evidence.items():
        relations |= {(eid, s, "support") for s in rev.evidence.supports}
        relations |= {(eid, s, "attack") for s in rev.evidence.challenges}
    for sid, st in rmap.statements.items():  # contrariness and contradiction, as each statement lists them
        relations |= {(sid, other, "attack") for other in st.contrary}
        relations |= {(sid, other, "contradictory") for other in st.contradicts}
    for aid, arg in rmap.arguments.items():
        if arg.relation is Relation.rebut:
            expected_text[argdown.conclusion_title(aid)] = argdown.rebuttal_text(rmap, arg.target)
            relations.add((argdown.conclusion_title(aid), arg.target, "attack"))
        elif arg.relation is Relation.undercut:
            expected_text[argdown.conclusion_title(aid)] = argdown.undercut_text(arg.target)
            relations.add((argdown.conclusion_title(aid), arg.target, "undercut"))
    assert set(statements) == set(expected_text)  # no statement lost, none made up
    for title, text in expected_text.items():
        assert _norm(_defining_text(statements[title])) == _norm(text), title
    for sid, st in rmap.statements.items():
        assert statements[sid]["data"]["kind"] == st.kind.value
    assert set(arguments) == set(rmap.arguments)
    for aid, arg in rmap.arguments.items():
        pcs = arguments[aid]["pcs"]
        assert [m["title"] for m in pcs if m["role"] == "premise"] == list(arg.premises), aid
        [conclusion] = [m["title"] for m in pcs if m["role"] == "main-conclusion"]
        assert conclusion == (arg.target if arg.relation is Relation.support else argdown.conclusion_title(aid))
        described = [m.get("text") for m in arguments[aid]["members"] if m.get("text")]
        assert [_norm(t) for t in described] == ([_norm(arg.warrant)] if arg.warrant else [])
        assert arguments[aid]["data"]["relation"] == arg.relation.value
    got = {(r["from"], r["to"], r["relationType"]) for r in parsed["relations"]}
    assert got == relations


HOSTILE = [
    "[brackets]: and more", "<angle>: brackets", "+> [support]", "-> [attack]", "_> <undercut>", "// a comment",
    "/* block */ comment", "<!-- html comment -->", "#tag and #(tag two)", "@[mention] @<mention>", "**bold** __bold__",
    "*it* _it_ snake_case_name", "{data: yaml}", "=== front matter ===", ":+1: .+. :smile:", "U.S. e.g. i.e. 10:30:00",
    "(1) numbered", "1. listed", "* bullet", "-- inference --", "----", "back\\slash \\[ \\", "trailing backslash \\",
    "50% & 'quotes' \"double\" \u201ccurly\u201d \u2014 dash", "\u4e2d\u6587 \u05e9\u05dc\u05d5\u05dd emoji \U0001F600",
    "a < b > c", "x,y;z.", "line\nbreak\ttab", "http://example.org/a_b?c=d#e", "${x} {{ y }} {% z %}", ">< contra",
]


def _hostile_map(rng: random.Random, n: int) -> dict:
    texts = lambda: " ".join(rng.sample(HOSTILE, rng.randint(1, 3)))  # noqa: E731
    sids = [f"s{i}.x_{i}" for i in range(n)]
    statements = [{"id": s, "text": texts(), "kind": rng.choice(["thesis", "claim", "fact", "objection", "answer", "assumption"])} for s in sids]
    arguments = []
    for j in range(n):
        rel = rng.choice(["supports", "attacks", "undercuts"] if j else ["supports", "attacks"])
        target = f"a{rng.randrange(j)}" if rel == "undercuts" else rng.choice(sids)
        premises = [p for p in rng.sample(sids, rng.randint(1, min(3, len(sids)))) if p != target] or [next(s for s in sids if s != target)]
        item = {"id": f"a{j}", "premises": premises, rel: target}
        if rng.random() < 0.6:
            item["warrant"] = texts()
        arguments.append(item)
    quotes = [("oped", "China accounts for over 90% of North Korea's total imports and exports"),
              ("article", "This act of defection has restored much of the diplomatic tensions.")]
    evidence = []
    for k in range(3):
        src, quote = rng.choice(quotes)
        evidence.append({"id": f"e{k}", "source": src, "quote": quote, "supports": rng.sample(sids, 1),
                         "challenges": rng.sample(sids, rng.randint(0, 1))})
    return {"map": {"title": texts(), "resolution": texts()}, "statements": statements, "arguments": arguments, "evidence": evidence}


def test_argdown_export_is_parsed_without_losing_anything(argdown_cli, tmp_path, tmp_project, repo_project):
    maps = list(_maps(repo_project))
    rng = random.Random(20231)
    made = 0
    for i in range(40):
        data = _hostile_map(rng, rng.randint(2, 6))
        tmp_project.claim(f"h{i}.yaml", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    for mr in check(tmp_project.project).maps:
        if mr.ok:  # random support may form a cycle (an error): those maps are skipped
            maps.append(mr.map)
            made += 1
    assert made >= 20
    folder = tmp_path / "argdown"
    folder.mkdir()
    files = []
    for rmap in maps:
        path = folder / f"{rmap.id}.argdown"
        path.write_text(render("argdown", analyze(rmap)), encoding="utf-8")
        files.append(path)
    parsed = parse_argdown(argdown_cli, files, tmp_path / "json")
    for rmap in maps:
        compare_argdown(rmap, parsed[rmap.id])


def test_argdown_parser_reports_a_syntax_error(argdown_cli, tmp_path):
    # The check above is only as good as the parser's strictness: it does fail on bad input.
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "bad.argdown").write_text("<a>\n\n(1) [p]\n(2) [q]\n", encoding="utf-8")
    done = subprocess.run([str(argdown_cli), "json", str(folder / "*.argdown"), str(tmp_path / "out")], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0


def test_argdown_escape_round_trips_special_characters():
    assert argdown.escape("a [b] <c> #d") == "a \\[b\\] \\<c\\> \\#d"
    assert argdown.escape("U.S. policy: e.g. 10:30") == "U\\.S. policy: e\\.g. 10:30"
    assert argdown.escape("one\nline\t here") == "one line here"


def test_every_format_exports_from_the_cli(tmp_project):
    from click.testing import CliRunner

    from argmap.cli import main

    tmp_project.claim("m.yaml", LINKED)

    def run(*args):
        return CliRunner().invoke(main, ["export", "m", *args, "--project", str(tmp_project.root)])

    for fmt in ("json", "aif", "argdown", "schema"):
        result = run("--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
        if fmt != "argdown":
            json.loads(result.output)
    assert "[t]: The thesis." in run("--format", "argdown").output
    won = json.loads(run("--format", "aif", "--accept", "a").output)
    assert {v["id"]: v.get("status") for v in won["argmap"]["nodes"].values()}["t"] == "in"
    bad = run("--format", "json", "--accept", "arg-ans")
    assert bad.exit_code == 2 and "is an argument" in bad.output
    assert run("--format", "nope").exit_code == 2


# --------------------------------------------------------------------------- AIF: critical questions as conflict schemes

QUESTIONED = """
map:
  title: Questioned arguments
statements:
  - id: t
    kind: thesis
    text: Sanctions work.
  - id: e
    text: The Treasury's chief economist says sanctions work.
  - id: h
    text: Sanctions bite.
  - id: g
    text: The rouble fell after the sanctions.
  - id: goal
    text: We want fewer missiles.
  - id: act
    text: We should keep the sanctions.
  - id: other
    kind: objection
    text: Other economists find that sanctions fail.
  - id: outside
    kind: objection
    text: She studies taxes, not sanctions.
  - id: never
    kind: objection
    text: She never wrote this.
  - id: nodegree
    kind: objection
    text: She has no degree in economics.
  - id: oil
    kind: objection
    text: The rouble fell because oil prices fell.
  - id: costly
    kind: objection
    text: Sanctions cost our exporters too much.
  - id: misnamed
    kind: objection
    text: Her field is not this one.
arguments:
  - id: arg-expert
    premises: [e]
    supports: t
    scheme: expert-opinion
  - id: arg-sign
    premises: [g]
    supports: h
    scheme: sign
  - id: arg-bite
    premises: [h]
    supports: t
  - id: arg-act
    premises: [goal]
    supports: act
    scheme: practical-reasoning
  - id: att-consensus    # rebuts the conclusion, naming the question
    premises: [other]
    attacks: t
    aif: {question: consensus}
  - id: att-costly       # rebuts the conclusion: practical reasoning has one conclusion question, but a
    premises: [costly]   # rebuttal may deny it for any reason, so it raises only the question it names
    attacks: act
  - id: att-misnamed     # names a premise question, but undercuts
    premises: [misnamed]
    undercuts: arg-expert
    aif: {question: credentials}
  - id: att-field        # undercuts: one inference question ("field"), with no AIFdb conflict scheme: undecided
    premises: [outside]
    undercuts: arg-expert
  - id: att-said         # rebuts the premise: four premise questions match, so none is decided
    premises: [never]
    attacks: e
  - id: att-degree       # the same aim, but it names its question
    premises: [nodegree]
    attacks: e
    aif: {question: credentials}
  - id: att-oil          # undercuts a sign: one inference question
    premises: [oil]
    undercuts: arg-sign
"""


def _questioned_aif(tmp_project):
    tmp_project.claim("q.yaml", QUESTIONED)
    rmap = resolve_map(tmp_project.project, "q")
    data = json.loads(render("aif", analyze(rmap)))
    check_aif(rmap, data)
    return rmap, data


def _by_argument(data):
    info = data["argmap"]["nodes"]
    return {info[n["nodeID"]]["id"]: n for n in data["nodes"]
            if n["type"] in {"RA", "CA"} and info[n["nodeID"]]["role"].startswith("argument:")}


def test_aif_attacks_raising_a_critical_question_are_its_conflict_scheme(tmp_project):
    _rmap, data = _questioned_aif(tmp_project)
    s = _by_argument(data)
    info = data["argmap"]["nodes"]
    named = {aid: (n["scheme"], n.get("schemeID")) for aid, n in s.items() if aid.startswith("att-")}
    assert named == {
        "att-consensus": ("Expertise Inconsistency", "42"),
        "att-degree": ("Lack Of Expert Reliability", "46"),
        "att-oil": ("Sign From Other Events", "57"),
        # near misses: the one question its aim matches has no AIFdb scheme; four questions match its aim; a rebuttal
        # that names no question; a named question that is not where the attack aims
        "att-field": ("Default Conflict", "71"),
        "att-said": ("Default Conflict", "71"),
        "att-costly": ("Default Conflict", "71"),
        "att-misnamed": ("Default Conflict", "71"),
    }
    assert all(n["text"] == n["scheme"] for n in s.values())
    questions = {info[s[a]["nodeID"]]["id"]: info[s[a]["nodeID"]].get("question") for a in named}
    assert questions == {"att-consensus": {"argument": "arg-expert", "key": "consensus"},
                         "att-degree": {"argument": "arg-expert", "key": "credentials"},
                         "att-oil": {"argument": "arg-sign", "key": "reliable-sign"},
                         "att-field": None,
                         "att-said": None, "att-costly": None,
                         "att-misnamed": {"argument": None, "key": "credentials"}}  # kept as named, raising nothing


def test_aif_lists_the_open_critical_questions_of_each_schemed_argument(tmp_project):
    rmap, data = _questioned_aif(tmp_project)
    s = _by_argument(data)
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    open_ = {(q["argument"], q["key"]): q for q in data["argmap"]["critical_questions"]}
    assert {k for a, k in open_ if a == "arg-expert"} == {"field", "said-it", "basis", "recency"}  # two are raised
    assert {k for a, k in open_ if a == "arg-sign"} == {"counter-signs", "sign-present"}
    assert {k for a, k in open_ if a == "arg-act"} == {"goal", "means", "alternatives", "side-effects", "feasibility"}
    assert {a for a, _ in open_} == {"arg-expert", "arg-sign", "arg-act"}  # no scheme, no questions
    alt = open_[("arg-act", "alternatives")]
    assert (alt["scheme"], alt["schemeID"], alt["aim"]) == ("Alternative Means", "34", "conclusion")
    assert alt["nodeID"] == s["arg-act"]["nodeID"] and nodes[alt["nodeID"]]["type"] == "RA"
    assert [nodes[t]["text"] for t in alt["targets"]] == ["We should keep the sanctions."]
    assert open_[("arg-expert", "said-it")]["scheme"] == "Default Conflict"
    # the questions are no I-nodes: nobody asserted them
    assert sum(1 for n in nodes.values() if n["type"] == "I") == len(rmap.statements)


def test_aif_critical_questions_round_trip_through_import(tmp_project, tmp_path):
    from argmap import api

    _rmap, data = _questioned_aif(tmp_project)
    path = tmp_path / "questioned.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    api.import_(tmp_project.project, path, map_name="back")
    result = api.check(tmp_project.project, [tmp_project.root / "arguments" / "back"])
    assert not [d.format() for d in result.all_diagnostics() if d.is_error]
    claims = yaml.safe_load((tmp_project.root / "arguments" / "back" / "back.yaml").read_text(encoding="utf-8"))
    by_node = {a["aif"]["id"]: a for a in claims["arguments"]}
    degree = _by_argument(data)["att-degree"]["nodeID"]
    assert by_node[degree]["aif"]["question"] == "credentials"
    again = json.loads(api.export(tmp_project.project, "back", format="aif"))

    def schemes(d):
        return {n["nodeID"]: (n["type"], n.get("scheme"), n.get("schemeID")) for n in d["nodes"] if n["type"] in {"RA", "CA"}}

    def marks(d):
        return {nid: v.get("question", {}).get("key") for nid, v in d["argmap"]["nodes"].items() if v["role"].startswith("argument:")}

    def open_(d):
        return sorted((q["nodeID"], q["key"], q["scheme"], q["schemeID"], tuple(q["targets"])) for q in d["argmap"]["critical_questions"])

    assert schemes(again) == schemes(data)
    assert marks(again) == marks(data)
    assert open_(again) == open_(data)
