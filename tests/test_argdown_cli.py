"""The Argdown round trip run live: argmap's Argdown export of each map in arguments/ is read by the
real Argdown CLI (`argdown json`, @argdown/cli, which `scripts/setup` installs into `.tools/` when npm
is there), which must find the same statements, relations and premise-conclusion structures as the
map has; and `argmap import --from argdown-json` of what the CLI wrote gives the map back."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap import api
from argmap.export.argdown import conclusion_title, evidence_statement_text, rebuttal_text, undercut_text
from argmap.ingest.common import Ids
from argmap.load.model import Relation

REPO = Path(__file__).resolve().parents[1]
ARGDOWN = REPO / ".tools" / "node_modules" / ".bin" / "argdown"

pytestmark = pytest.mark.skipif(
    not ARGDOWN.exists() or shutil.which("node") is None,
    reason="the Argdown CLI is not installed: `bash scripts/setup` installs it into .tools/ when node and npm are there")

MAPS = ["example", "carrot-stick"]


def _flat(text: str) -> str:
    return " ".join(text.split())


def argdown_json(text: str, workdir: Path, name: str) -> dict:
    """What the real Argdown CLI makes of an Argdown document."""
    workdir.mkdir(parents=True, exist_ok=True)
    src = workdir / f"{name}.argdown"
    src.write_text(text, encoding="utf-8")
    run = subprocess.run([str(ARGDOWN), "json", str(src), str(workdir / "json")], cwd=workdir,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "error" not in (run.stdout + run.stderr).lower().replace("errors: 0", ""), run.stdout + run.stderr
    return json.loads((workdir / "json" / f"{name}.json").read_text(encoding="utf-8"))


def cli_structure(data: dict) -> tuple[dict, set, dict, dict]:
    """Statements (title -> text), relations (type, from, to), premise-conclusion structures
    (argument -> (premise titles, conclusion title)) and tags (title -> tags), as the CLI parsed them."""
    statements = {}
    for title, ec in data["statements"].items():
        texts = {_flat(m["text"]) for m in ec["members"] if m.get("text")}
        for tag in ec.get("tags") or []:  # Argdown keeps a statement's tags in its text
            texts = {_flat(t.replace(f"#({tag})", "").replace(f"#{tag}", "")) for t in texts}
        assert len(texts) <= 1, (title, texts)
        statements[title] = texts.pop() if texts else ""
    relations = {(r["relationType"], r["from"], r["to"]) for r in data["relations"]}
    pcs = {}
    for title, arg in data["arguments"].items():
        if arg.get("pcs"):
            steps = arg["pcs"]
            assert [s["role"] for s in steps][-1] == "main-conclusion", title
            pcs[title] = ([s["title"] for s in steps if s["role"] == "premise"], steps[-1]["title"])
    tags = {t: sorted(ec.get("tags") or []) for t, ec in data["statements"].items() if ec.get("tags")}
    return statements, relations, pcs, tags


def model_structure(analysis) -> tuple[dict, set, dict, dict]:
    """The same, from the map itself: what the export means to say."""
    rmap = analysis.map
    statements = {sid: _flat(st.text) for sid, st in rmap.statements.items()}
    relations = set()
    tags = {sid: sorted(st.tags) for sid, st in rmap.statements.items() if st.tags}
    for sid, st in rmap.statements.items():
        relations |= {("attack", sid, o) for o in st.contrary}  # Argdown: attack between statements is contrariness
        relations |= {("contradictory", sid, o) for o in st.contradicts}
    for eid, rev in rmap.evidence.items():
        statements[eid] = _flat(evidence_statement_text(rmap, eid))
        relations |= {("support", eid, s) for s in rev.evidence.supports}
        relations |= {("attack", eid, s) for s in rev.evidence.challenges}
    pcs = {}
    for aid, arg in rmap.arguments.items():
        if arg.relation is Relation.support:
            conclusion = arg.target
        else:
            conclusion = conclusion_title(aid)
            rebut = arg.relation is Relation.rebut
            statements[conclusion] = _flat(rebuttal_text(rmap, arg.target) if rebut else undercut_text(arg.target))
            relations.add(("attack" if rebut else "undercut", conclusion, arg.target))
        pcs[aid] = (list(arg.premises), conclusion)
    return statements, relations, pcs, tags


def _diff(ours: dict, theirs: dict) -> list:
    return [(k, ours.get(k), theirs.get(k)) for k in sorted(set(ours) | set(theirs)) if ours.get(k) != theirs.get(k)][:10]


def assert_same(model, cli):
    (ms, mr, mp, mt), (cs, cr, cp, ct) = model, cli
    assert ms == cs, _diff(ms, cs)
    assert mr == cr, (sorted(mr - cr)[:10], sorted(cr - mr)[:10])
    assert mp == cp, _diff(mp, cp)
    assert mt == ct, _diff(mt, ct)


def _roundtrip(project_dir, tmp_project, tmp_path, map_id: str, min_counts: tuple[int, int, int]):
    analysis = api.analyze_map(project_dir, map_id)
    exported = api.export(project_dir, map_id, format="argdown")
    data = argdown_json(exported, tmp_path / "first", map_id)
    model = model_structure(analysis)
    assert_same(model, cli_structure(data))
    statements, relations, pcs, _ = model
    assert (len(statements), len(relations), len(pcs)) >= min_counts  # the map was compared, not an empty one
    for kind in {r[0] for r in relations}:  # every kind of relation the map has reached the CLI
        assert any(r[0] == kind for r in cli_structure(data)[1])

    # the CLI's JSON back in with `argmap import --from argdown-json`: the same map again
    path = tmp_path / f"{map_id}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    api.import_(tmp_project.project, path, from_="argdown-json", map_name="back")
    again = api.export(tmp_project.project, "back", format="argdown")
    back = cli_structure(argdown_json(again, tmp_path / "second", "back"))
    slug = lambda t: Ids().make(t, words=8)  # noqa: E731 - titles come back as ids
    first = cli_structure(data)
    norm = lambda s: ({slug(t): x for t, x in s[0].items()}, {(k, slug(a), slug(b)) for k, a, b in s[1]},  # noqa: E731
                      {slug(t): ([slug(p) for p in ps], slug(c)) for t, (ps, c) in s[2].items()},
                      {slug(t): x for t, x in s[3].items()})
    assert_same(norm(first), norm(back))
    return len(statements), len(relations), len(pcs)


@pytest.mark.parametrize("map_id, min_counts", [("example", (11, 5, 4)), ("carrot-stick", (200, 150, 130))])
def test_the_argdown_cli_reads_each_maps_export_as_the_map(repo_project, tmp_project, tmp_path, map_id, min_counts):
    _roundtrip(repo_project, tmp_project, tmp_path, map_id, min_counts)


CONSTRUCTS = """\
map:
  title: "Argdown's specials: [brackets], #hash, *stars* and a :smile: shortcode"
  resolution: "Text the Argdown lexer would read as syntax must come back as text."
statements:
  - id: t
    kind: thesis
    text: "We should act [now], #soon or @later: see <this> {and} that; a /* comment */ is text too."
    tags: [core, second tag]
  - id: never
    kind: claim
    text: "We should _never_ act // not even __once__ +> or -> or >< or _> or <!-- this -->."
    contradicts: [t]
  - id: cost
    kind: objection
    text: "Acting costs 3.5% (1) of .gdp. and 10:30 a.m. a :day: -- or ---- more."
    contrary: [t]
  - id: cheap
    kind: answer
    text: "Acting is cheap =) === and back\\\\slashes \\\\[ stay."
  - id: p1
    kind: premise
    text: "(1) A first premise that looks like a numbered line."
  - id: p2
    kind: premise
    text: "- A premise that starts like an attack, + and like a support."
arguments:
  - id: a-second
    premises: [cheap]
    undercuts: a-first
  - id: a-first
    premises: [p2]
    undercuts: a-act
  - id: a-act
    premises: [p1]
    supports: t
  - id: a-cost
    premises: [cost]
    attacks: t
"""


def test_the_argdown_cli_reads_escaped_text_tags_contradictions_and_forward_undercuts(tmp_project, tmp_path):
    """Every character Argdown's lexer treats as syntax, tags, `><`, `->` between statements, and an
    undercut chain whose arguments come after the undercuts that need them."""
    src = tmp_project.claim("constructs.yaml", CONSTRUCTS)
    other = type(tmp_project).__new__(type(tmp_project))  # the re-import goes into a project of its own
    other.root = tmp_path / "other"
    shutil.copytree(tmp_project.root / "seeds", other.root / "seeds")
    (other.root / "arguments").mkdir()
    assert src.exists()
    counts = _roundtrip(tmp_project.project, other, tmp_path, "constructs", (9, 5, 4))
    assert counts == (9, 5, 4)
