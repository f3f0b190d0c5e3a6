"""Generate claim files of any size from the real seed texts, for benchmarks.

    python benchmarks/generate.py 1000 /tmp/proj    # a project with a 1,000-statement map

Each statement gets one evidence card quoting a real sentence of the op-ed or
the article, so anchoring does real work; a fifth of the arguments attack.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def sentences() -> list[tuple[str, str]]:
    found = []
    for source, name in (("oped", "broadened-diplomacy-oped.txt"), ("article", "korean-peninsula-tensions-article.txt")):
        text = (REPO / "seeds" / name).read_text(encoding="utf-8")
        for para in re.split(r"\n\s*\n", text):
            for s in re.split(r"(?<=[.;?])\s+", para.strip()):
                if 40 <= len(s) <= 300 and "\n" not in s:
                    found.append((source, s))
    return found


def claim_file(n: int, options: int = 4, parts: int = 1) -> str:
    """parts > 1: the statements fall into that many disconnected trees (as in a
    map converted from a real debate's flows), the first under the thesis."""
    pool = sentences()
    out = [
        "map:\n  title: Generated map of %d statements\n  resolution: A generated resolution.\n" % n,
        "options:\n",
    ]
    for o in range(options):
        out.append(f"  - id: opt{o}\n    label: Option {o}\n    kind: {['carrot', 'stick', 'mix', 'status-quo'][o % 4]}\n")
    out.append("statements:\n  - id: s0\n    kind: thesis\n    text: The generated thesis.\n")
    for i in range(1, n):
        kind = "objection" if i % 5 == (3 if parts > 1 else 0) else "claim"  # (parts: the thesis keeps reasons of its own)
        out.append(f"  - id: s{i}\n    kind: {kind}\n    option: opt{i % options}\n    text: Generated statement {i}, which makes a claim about the peninsula.\n")
    out.append("arguments:\n")
    for i in range(1, n):
        rel = "attacks" if i % 5 == (3 if parts > 1 else 0) else "supports"
        if parts > 1 and i % parts:  # a tree of its own: s1, s2... are the roots of parts 1, 2...
            if i < parts:
                continue
            parent = i - parts * (1 + (i // parts - 1) % 3) if i - parts >= parts else i % parts
        else:
            parent = (i - 1) // 3 if parts == 1 else max(0, i - parts * 3)
        out.append(f"  - id: a{i}\n    premises: [s{i}]\n    {rel}: s{parent}\n    scheme: consequences\n")
    out.append("evidence:\n")
    for i in range(n):
        source, sentence = pool[i % len(pool)]
        quote = sentence.replace("\\", "\\\\").replace('"', '\\"')
        out.append(f'  - id: e{i}\n    source: {source}\n    quote: "{quote}"\n    supports: [s{i}]\n')
    return "".join(out)


def make_project(n: int, root: Path, parts: int = 1) -> Path:
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "arguments").mkdir(parents=True)
    (root / "arguments" / f"gen{n}.yaml").write_text(claim_file(n, parts=parts), encoding="utf-8")
    return root


if __name__ == "__main__":
    make_project(int(sys.argv[1]), Path(sys.argv[2]), *(int(a) for a in sys.argv[3:4]))
