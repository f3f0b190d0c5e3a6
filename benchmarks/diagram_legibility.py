"""For every diagram output of both seed maps and a generated 1,000-statement
map: pages, the smallest body text at its intended scale (pt printed, px on
screen at 100 %) and the median share of each page the drawing covers.

    .venv/bin/python benchmarks/diagram_legibility.py            # seed maps and gen1000
    .venv/bin/python benchmarks/diagram_legibility.py --seed     # seed maps only

The rule (argmap.render.diagram.style): body text >= BODY_MIN_PT printed and
>= BODY_MIN_PX on screen; tests/test_diagram_legibility.py asserts it for the
seed maps.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, make_project  # noqa: E402

from argmap import api  # noqa: E402
from argmap.render.diagram import BODY_MIN_PT, BODY_MIN_PX  # noqa: E402
from argmap.render.diagram.legibility import figures  # noqa: E402


def report(project, name: str, options: bool = True) -> None:
    t = time.perf_counter()
    rows = figures(api.analyze_map(project, name), options=options)
    for f in rows:
        rule = BODY_MIN_PT if f.unit == "pt" else BODY_MIN_PX
        ok = "ok" if f.smallest >= rule - 0.05 else "SMALL"
        fill = "—" if f.name.endswith((".png", ".svg")) else f"{f.fill:.0%}"  # (a picture has no page)
        print(f"| {f.name} | {f.pages} | {f.smallest:.1f} {f.unit} | {fill} | {ok} |")
    print(f"({name}: {time.perf_counter() - t:.1f} s)", file=sys.stderr)


def main() -> None:
    print("| output | pages | smallest body text | median page fill | rule |")
    print("|---|---|---|---|---|")
    project = api.open_project(REPO)
    for name in ("example", "carrot-stick"):
        report(project, name)
    if "--seed" not in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            root = make_project(1000, Path(tmp) / "gen", parts=50)
            report(api.open_project(root), "gen1000", options=False)


if __name__ == "__main__":
    main()
