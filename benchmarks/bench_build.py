"""Benchmark the pipeline as a person runs it: whole `argmap` processes.

    .venv/bin/python benchmarks/bench_build.py [--sizes 100,1000,5000] [--repeat 3] [--argdown]

For the seed project and generated maps of N statements (with N evidence
cards) it times: `argmap --help`, `check`, a full `build --force`, a no-change
rebuild, a rebuild after a comment was added to one claim file
(one-file-change), and one after a claim's text changed (claim-text-edit). With --argdown it also
times the Argdown CLI's SVG export of the same maps (through `argmap export
--format argdown`), installing @argdown/cli@1.7.5 into a cache folder first.
Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import REPO, make_project  # noqa: E402

ARGMAP = [sys.executable, "-m", "argmap"]
ARGDOWN_DIR = Path(os.environ.get("ARGMAP_ARGDOWN_DIR") or Path.home() / ".cache" / "argmap-test" / "argdown")  # shared with the tests


CPU = {}  # (project, column) -> CPU seconds (user + system, the process and all it started), median of runs
PEAK = {}  # (project, column) -> peak resident memory of the largest single process, MB


def timed(cmd: list[str], cwd: Path, repeat: int, before=None, *, label: tuple | None = None) -> tuple[float, int]:
    """Median wall time; the median CPU time goes to CPU[label], the peak memory to PEAK[label]."""
    times, cpus = [], []
    code = 0
    peak = 0
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)  # this process and the ones it waited for
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        proc.stderr.close()
        times.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        peak = max(peak, usage.ru_maxrss // 1024)
        if code not in (0, 1):
            sys.stderr.write(err.decode(errors="replace")[-2000:])
    if label is not None:
        CPU[label] = statistics.median(cpus)
        PEAK[label] = peak
    return statistics.median(times), code


def ensure_argdown() -> Path | None:
    exe = ARGDOWN_DIR / "node_modules" / ".bin" / "argdown"
    if not exe.exists():
        if not shutil.which("npm"):
            return None
        ARGDOWN_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--silent", "--prefix", str(ARGDOWN_DIR), "@argdown/cli@1.7.5"], check=True)
    return exe


def bench_project(name: str, root: Path, claim: Path, repeat: int, argdown: Path | None) -> dict:
    row = {"project": name}
    row["--help"], _ = timed([*ARGMAP, "--help"], root, repeat, label=(name, "--help"))
    row["check"], _ = timed([*ARGMAP, "check"], root, repeat, label=(name, "check"))
    row["build"], code = timed([*ARGMAP, "build", "--force"], root, 1, label=(name, "build"))
    row["no-change"], _ = timed([*ARGMAP, "build"], root, repeat, label=(name, "no-change"))
    original = claim.read_text(encoding="utf-8")
    counter = iter(range(10**6))

    def edit():
        claim.write_text(original + f"\n# edit {next(counter)}\n", encoding="utf-8")

    row["one-file-change"], _ = timed([*ARGMAP, "build"], root, repeat, before=edit, label=(name, "one-file-change"))

    def edit_text():  # one claim's words change: the outputs that show that claim are made again
        n = next(counter)
        lines = original.splitlines(keepends=True)
        i = next(i for i, line in enumerate(lines) if line.startswith("    text: "))
        if lines[i].rstrip().endswith((">-", "|", ">")):  # a folded or literal block: its first line of text
            i += 1
            lines[i] = lines[i].replace(lines[i].lstrip(), f"(draft {n}) " + lines[i].lstrip(), 1)
        else:
            lines[i] = lines[i].replace("    text: ", f"    text: (draft {n}) ", 1)
        claim.write_text("".join(lines), encoding="utf-8")

    row["claim-text-edit"], _ = timed([*ARGMAP, "build"], root, repeat, before=edit_text, label=(name, "claim-text-edit"))
    claim.write_text(original, encoding="utf-8")
    if argdown:
        map_id = claim.stem if claim.parent.name == "arguments" else claim.parent.name
        with tempfile.TemporaryDirectory() as tmp:
            ad = Path(tmp) / "map.argdown"
            proc = subprocess.run([*ARGMAP, "export", map_id, "--format", "argdown", "-o", str(ad)], cwd=root, capture_output=True)
            if proc.returncode == 0:
                row["argdown svg"], _ = timed([str(argdown), "map", str(ad), tmp, "--format", "svg"], root, 1,
                                              label=(name, "argdown svg"))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--argdown", action="store_true", help="also time the Argdown CLI on the same maps")
    args = parser.parse_args()
    argdown = ensure_argdown() if args.argdown else None
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed"
        shutil.copytree(REPO / "seeds", seed / "seeds")
        shutil.copytree(REPO / "arguments", seed / "arguments")
        # The op-ed map's last claim file: its edit is the one-file change, and Argdown draws that map.
        claim = sorted((seed / "arguments" / "carrot-stick").glob("*.yaml"))[-1]
        rows.append(bench_project("seed project", seed, claim, args.repeat, argdown))
        for n in [int(s) for s in args.sizes.split(",") if s]:
            root = make_project(n, Path(tmp) / f"gen{n}")
            rows.append(bench_project(f"{n} statements", root, root / "arguments" / f"gen{n}.yaml", args.repeat, argdown))
    columns = [c for c in ("--help", "check", "build", "no-change", "one-file-change", "claim-text-edit", "argdown svg")
               if any(c in r for r in rows)]
    print(f"{'':<16}" + "".join(f"{c:>17}" for c in columns))
    for r in rows:
        print(f"{r['project']:<16}" + "".join(f"{r[c]:>16.3f}s" if c in r else f"{'-':>17}" for c in columns))
    print("\nCPU seconds (user + system, with every process started), and build / Argdown:")
    print(f"{'':<16}" + "".join(f"{c:>17}" for c in columns) + f"{'ratio':>10}")
    for r in rows:
        name = r["project"]
        cells = "".join(f"{CPU[(name, c)]:>16.3f}s" if (name, c) in CPU else f"{'-':>17}" for c in columns)
        ratio = CPU[(name, "build")] / CPU[(name, "argdown svg")] if (name, "argdown svg") in CPU and (name, "build") in CPU else None
        print(f"{name:<16}" + cells + (f"{ratio:>9.2f}x" if ratio else f"{'-':>10}"))
    print("peak memory of the full build (largest process):",
          ", ".join(f"{name} {PEAK[(name, 'build')]} MB" for name in [r["project"] for r in rows] if (name, "build") in PEAK))
    print(f"\nmedian of {args.repeat} runs (full build: one run); {os.cpu_count()} CPU(s); Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
