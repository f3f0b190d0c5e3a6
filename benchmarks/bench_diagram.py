"""How long the argument diagrams take to draw: the maps in arguments/ and a
generated map of about 1,000 nodes (statements and evidence).

    .venv/bin/python benchmarks/bench_diagram.py            # every map, and 1,000 nodes
    .venv/bin/python benchmarks/bench_diagram.py --nodes 300 --repeat 3

A script a person runs, not a test: it prints a table and asserts nothing.
Each figure is the best of --repeat runs, wall-clock, including Graphviz and
Typst (no drawing is kept between calls). "all" is what
`argmap build` spends on the map's diagrams: the whole map and each option as
SVG and paged PDF, and a PNG of the whole map; "layouts" counts the trial layouts paging asked for.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from argmap.analyze.analysis import analyze
from argmap import api

from argmap.render import diagram  # noqa: E402


def _sentences(text: str) -> list[str]:
    """Quotable sentences of a source: 8 to 40 words, each occurring once."""
    found = []
    for para in re.split(r"\n\s*\n", text):
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(para.split())):
            words = sentence.split()
            if 8 <= len(words) <= 40 and text.count(words[0]) and sentence not in found:
                found.append(sentence)
    return found


def synthetic_project(folder: Path, nodes: int = 1000, *, seed: int = 7, name: str = "generated") -> str:
    """Write a project with one generated map of about `nodes` statements and
    evidence into `folder` (seeds copied from this repository); return the map id.

    The map has the op-ed's shape at scale: a thesis; reasons under reasons
    (some linked, with an unstated assumption); objections with answers that
    undercut them; evidence quoting the real op-ed; three policy options, each
    owning whole branches. The same seed gives the same map.
    """
    rnd = random.Random(seed)
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    (folder / "arguments").mkdir()
    oped = (ROOT / "seeds" / "broadened-diplomacy-oped.txt").read_text(encoding="utf-8")
    quotes = _sentences(oped)
    options = [
        {"id": "opt-carrot", "label": "Carrot", "kind": "carrot"},
        {"id": "opt-stick", "label": "Stick", "kind": "stick"},
        {"id": "opt-mix", "label": "Carrot and stick", "kind": "mix", "recommended": True},
    ]
    statements = [{"id": "s0", "kind": "thesis", "text": "The United States should balance carrot and stick toward North Korea."}]
    arguments, evidence = [], []
    count = 1
    queue = [("s0", 0, None)]
    words = oped.split()
    while queue and count < nodes:
        parent, level, option = queue.pop(0)
        for k in range(rnd.choice((2, 3, 3, 4)) if level < 6 else 0):
            if count >= nodes:
                break
            opt = option or options[k % len(options)]["id"]
            roll = rnd.random()
            start = rnd.randrange(0, len(words) - 30)
            text = " ".join(words[start:start + rnd.randint(8, 26)])
            sid = f"s{count}"
            if roll < 0.2 and level > 0:  # an objection, often answered by an undercut
                statements.append({"id": sid, "kind": "objection", "option": opt, "text": text})
                aid = f"a{count}"
                arguments.append({"id": aid, "premises": [sid], "attacks": parent})
                count += 1
                if rnd.random() < 0.6 and count < nodes:
                    ans = f"s{count}"
                    statements.append({"id": ans, "kind": "answer", "option": opt, "text": text[::-1].capitalize()})
                    arguments.append({"id": f"u{count}", "premises": [ans], "undercuts": aid, "answer_type": "no-link"})
                    count += 1
                    queue.append((ans, level + 1, opt))
                queue.append((sid, level + 1, opt))
            elif roll < 0.45 and count + 1 < nodes:  # a linked argument with an unstated assumption
                hid = f"s{count + 1}"
                statements.append({"id": sid, "kind": "premise", "option": opt, "text": text})
                statements.append({"id": hid, "kind": "assumption", "option": opt, "text": "Assumed: " + text.lower()})
                arguments.append({"id": f"a{count}", "premises": [sid, hid], "supports": parent, "scheme": "consequences"})
                count += 2
                queue.append((sid, level + 1, opt))
            else:
                statements.append({"id": sid, "kind": rnd.choice(("claim", "premise", "fact")), "option": opt, "text": text})
                arguments.append({"id": f"a{count}", "premises": [sid], "supports": parent})
                count += 1
                queue.append((sid, level + 1, opt))
            if rnd.random() < 0.3 and count < nodes:
                evidence.append({"id": f"e{count}", "source": "oped", "quote": rnd.choice(quotes), "supports": [sid]})
                count += 1
    claim_file = {
        "map": {"title": f"A generated map of {count} nodes", "resolution": statements[0]["text"], "sources": ["oped"]},
        "options": options,
        "statements": statements,
        "arguments": arguments,
        "evidence": evidence,
    }
    (folder / "arguments" / f"{name}.yaml").write_text(yaml.safe_dump(claim_file, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return name


def _best(func, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        # (nothing is kept between calls: each run draws afresh)
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def bench(rmap, repeat: int) -> None:
    from argmap.build.builder import BuildContext

    nodes = len(rmap.statements) + len(rmap.evidence)
    row = [f"{rmap.id} ({nodes} nodes, {len(rmap.arguments)} arguments)"]
    row.append(_best(lambda: diagram.to_dot(rmap), repeat))
    for fmt in ("svg", "png", "pdf"):
        row.append(_best(lambda: diagram.render(rmap, fmt), repeat))
    ctx = BuildContext(api.open_project(ROOT), ROOT / "output" / rmap.id)  # artifacts() returns the files, writes none
    row.append(_best(lambda: list(diagram.artifacts(analyze(rmap), ctx)), repeat))
    with diagram._Trials() as trials:  # the whole map's PDF once more, counting its trial layouts
        book = diagram._Book(rmap, trials, dict(option=None, focus=None, depth=None, evidence=True, status=None, legend=True),
                             "letter")
        pages = 1 if isinstance(book.plan, diagram.Page) else len(book.plan)
        layouts = trials.layouts
    print(f"{row[0]:<48} " + " ".join(f"{t:>8.3f}" for t in row[1:]) + f" {pages:>6} {layouts:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=1000, help="size of the generated map (default 1000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per figure; the best is shown (default 1)")
    parser.add_argument("--no-seed-maps", action="store_true", help="skip the maps in arguments/")
    args = parser.parse_args()
    diagram.dot_executable()
    print(f"{'map':<48} {'dot':>8} {'svg':>8} {'png':>8} {'pdf':>8} {'all':>8} {'pages':>6} {'layouts':>8}   (seconds)")
    if not args.no_seed_maps:
        project = api.open_project(ROOT)
        result = api.check(project)
        for mr in result.maps:
            if mr.ok and mr.map is not None:
                bench(mr.map, args.repeat)
            else:
                print(f"{mr.input.id:<48} skipped: the map has errors (argmap check {mr.input.id})")
    with tempfile.TemporaryDirectory(prefix="argmap-bench-") as tmp:
        started = time.perf_counter()
        name = synthetic_project(Path(tmp), args.nodes)
        rmap = api.resolve_map(api.open_project(tmp), name)
        print(f"(generating and resolving the {args.nodes}-node map took {time.perf_counter() - started:.2f} s)")
        bench(rmap, args.repeat)


if __name__ == "__main__":
    main()
