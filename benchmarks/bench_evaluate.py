"""Benchmark the analysis stage: grounded labels, weak spots, critical questions, exports.

    .venv/bin/python benchmarks/bench_evaluate.py [--sizes 1000,10000] [--repeat 3]

For generated maps of N statements (N arguments, N evidence cards; see
generate.py) it times, in one process: resolving the map (for scale),
`evaluate` (building the framework and labelling it), `Evaluation.clashes`
(with its what-if re-evaluations), `find_weak_spots`, every argument's
critical questions, and the json, aif and argdown exports. It also times
`grounded` alone on abstract frameworks of long chains and cycles.
Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import make_project  # noqa: E402

from argmap.api import resolve_map  # noqa: E402
from argmap.analyze.evaluate import Framework, evaluate, grounded  # noqa: E402
from argmap.analyze.analysis import analyze  # noqa: E402
from argmap.export import render  # noqa: E402
from argmap.load.project import Project  # noqa: E402
from argmap.analyze.schemes import all_critical_questions  # noqa: E402
from argmap.analyze.weakspots import find_weak_spots  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) if repeat < 3 else statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'what':<34}" + "".join(f"{n:>12,}" for n in sizes))
    rows: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            root = make_project(n, Path(tmp) / f"p{n}")
            project = Project(root)
            start = time.perf_counter()
            rmap = resolve_map(project, f"gen{n}")
            rows.setdefault("resolve (load + anchor), once", []).append(time.perf_counter() - start)
            ev = evaluate(rmap)
            rows.setdefault("evaluate (framework + grounded)", []).append(best(lambda: evaluate(rmap), args.repeat))
            rows.setdefault("  framework nodes", []).append(len(ev.framework))
            rows.setdefault("clashes('aff') with what-ifs", []).append(best(lambda: ev.clashes("aff"), 1))
            rows.setdefault("find_weak_spots", []).append(best(lambda: find_weak_spots(rmap), args.repeat))
            rows.setdefault("critical questions (all)", []).append(best(lambda: all_critical_questions(rmap), args.repeat))
            for fmt in ("json", "aif", "argdown"):
                rows.setdefault(f"export {fmt}", []).append(best(lambda: render(fmt, analyze(rmap)), args.repeat))
    for what, values in rows.items():
        if what.strip() == "framework nodes":
            print(f"{what:<34}" + "".join(f"{int(v):>12,}" for v in values))
        else:
            print(f"{what:<34}" + "".join(f"{v:>11.3f}s" for v in values))
    print()
    for n in (10_000, 100_000):
        names = [f"n{i}" for i in range(n)]
        attacks = [(names[i + 1], names[i]) for i in range(n - 1)] + [(names[0], names[n // 2])]
        fw = Framework(names, attacks)
        print(f"grounded on a {n:,}-argument chain with a cycle: {best(lambda: grounded(fw), args.repeat):.3f}s")


if __name__ == "__main__":
    main()
