"""Running Graphviz: every `dot` process argmap starts is started here.

`Graphviz` is the one object that spawns `dot` (`Graphviz.spawn`), for a
drawing (`run`), a batch of pages (`run_many`) or the trial layouts of paging
(`plain`, answered by a `dot -Tplain` kept running). Whatever happens while a
`dot` runs (an error, a timeout, Ctrl-C), the process is killed and waited for,
and its temporary folder removed, before the exception goes on.

`DrawingCache` keeps what `dot` drew, by what it was drawn from (the DOT text,
the formats, the options and the `dot` program itself): in memory, and when
given a folder, on disk too, so that a later build reuses the layouts of the
drawings whose DOT did not change. No cache lives at module level: a caller
that wants one makes one and passes it.

Why this module does not call the `graphviz` package's `pipe`/`render`: they
take one output format per run (a page's size and its PDF come from one
layout here), have no timeout (a stuck `dot` must not hang a build), cannot
draw a batch of graphs in one `dot` run (`-O`), nor keep a `dot` running for
the trial layouts. The DOT text itself is built with `graphviz.Digraph` (see
`dot.py`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Sequence

from argmap.core import children
from argmap.core.diagnostics import ArgmapError, Diagnostic, Location
from argmap.render.diagram.style import PNG_MAX_PX


class _Program(Location):
    """A diagnostic about a program, not a file: printed as `argmap: error[...]`."""

    def __str__(self) -> str:
        return self.path


GRAPHVIZ_HELP = (
    "install Graphviz, then run the command again:\n"
    "    sudo apt-get install graphviz     (Debian, Ubuntu)\n"
    "    brew install graphviz             (macOS)\n"
    "    sudo dnf install graphviz         (Fedora)\n"
    "    https://graphviz.org/download/    (Windows; tick 'add to PATH')\n"
    "  or run 'bash scripts/setup'; '--format dot' writes the diagram's source without Graphviz"
)

# A hang guard, not a speed limit: the largest map a claim file can hold lays
# out in well under a minute, so a `dot` still running after this is stuck.
DOT_TIMEOUT = 300


def dot_executable() -> str:
    """The path of Graphviz's `dot`, or an E502 error that says how to install it."""
    found = shutil.which("dot")
    if found is None:
        raise ArgmapError([Diagnostic("E502", "drawing a diagram needs Graphviz, and its 'dot' program was not found on PATH",
                                      _Program("argmap"), hint=GRAPHVIZ_HELP)])
    return found


def failed(what: str, detail: str) -> ArgmapError:
    detail = "\n".join(line for line in detail.strip().splitlines()[:6]) or "no message"
    return ArgmapError([Diagnostic("E503", f"{what} failed: {detail}", _Program("argmap"),
                                   hint="this is a bug in argmap or Graphviz, not in the claim file; please report it with "
                                        "the output of 'argmap diagram MAP --format dot'")])


def plain_size(plain: bytes) -> tuple[float, float]:
    """Width and height in points, from `dot -Tplain` output."""
    first = plain.decode("utf-8", "replace").split("\n", 1)[0].split()  # "graph scale width height", inches
    return float(first[2]) * 72.0, float(first[3]) * 72.0


def fixed_pdf_date(pdf: bytes) -> bytes:
    """Cairo stamps the clock into its PDFs; pin it (same length, so offsets hold)."""
    return re.sub(rb"/CreationDate \(D:\d{14}", b"/CreationDate (D:19700101000000", pdf)


def _read(path: Path, fmt: str) -> bytes:
    data = path.read_bytes()
    return fixed_pdf_date(data) if fmt == "pdf" else data  # a drawing depends on its source only, not on the clock


# --------------------------------------------------------------------------- the drawing cache


class DrawingCache:
    """What `dot` drew, by a key made of everything it was drawn from.

    In memory up to `budget` bytes (the least recently used go first); with a
    `folder`, also on disk, one file per format under the key's hash, so a
    later process finds them. `prune()` removes the files in the folder that
    this cache neither read nor wrote (the drawings of an older map), which
    keeps the folder the size of one build. Safe to share between threads.
    """

    def __init__(self, folder: str | os.PathLike | None = None, *, budget: int = 64 * 2**20):
        self.folder = Path(folder) if folder is not None else None
        self.budget = budget
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[str, tuple[dict[str, bytes], int]] = OrderedDict()
        self._size = 0
        self._used: set[str] = set()  # file names read or written
        self._lock = threading.Lock()

    @staticmethod
    def key(*parts: object) -> str:
        digest = hashlib.sha256()
        for part in parts:
            data = part if isinstance(part, bytes) else repr(part).encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()

    def get(self, key: str, formats: Sequence[str]) -> dict[str, bytes] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                self.hits += 1
                return dict(found[0])
        if self.folder is not None:
            names = [f"{key}.{fmt}" for fmt in formats]
            try:
                out = {fmt: (self.folder / name).read_bytes() for fmt, name in zip(formats, names)}
            except OSError:
                out = None
            if out is not None:
                with self._lock:
                    self.hits += 1
                    self._used.update(names)
                self._keep(key, out)
                return dict(out)
        with self._lock:
            self.misses += 1
        return None

    def put(self, key: str, value: dict[str, bytes]) -> None:
        self._keep(key, value)
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for fmt, data in value.items():
            name = f"{key}.{fmt}"
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)  # (a killed build leaves a *.tmp, pruned next time)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, self.folder / name)
            finally:
                Path(tmp).unlink(missing_ok=True)  # gone already when the rename happened
            with self._lock:
                self._used.add(name)

    def _keep(self, key: str, value: dict[str, bytes]) -> None:
        size = sum(len(v) for v in value.values())
        if size > self.budget // 4:
            return
        with self._lock:
            if key in self._items:
                return
            self._items[key] = (dict(value), size)
            self._size += size
            while self._size > self.budget:
                _, (_, old) = self._items.popitem(last=False)
                self._size -= old

    def prune(self) -> None:
        """Remove the files in the folder this cache did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        with self._lock:
            used = set(self._used)
        for path in self.folder.iterdir():
            if path.is_file() and path.name not in used:
                path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- running dot


class Graphviz:
    """The `dot` processes of one caller, and the cache of their drawings.

    Use it as a context manager (or call `close`): the `dot`s kept running for
    trial layouts are stopped on the way out.
    """

    PATIENCE = 60.0  # seconds to wait for one trial layout before `dot` is started anew for each
    GRAPHS_PER_DOT = 300  # a `dot` kept running grows with every graph it reads (about 50 kB each): start a fresh one after this

    def __init__(self, cache: DrawingCache | None = None):
        self.exe = dot_executable()  # first: a drawing kept from earlier does not hide a missing Graphviz
        self.cache = cache
        try:
            stat = os.stat(self.exe)
            self._identity = (self.exe, stat.st_size, stat.st_mtime_ns)  # another Graphviz draws differently
        except OSError:
            self._identity = (self.exe,)
        self.runs = 0  # `dot` processes started (for tests and the benchmark)
        self.layouts = 0  # trial layouts asked for
        self._idle: list[subprocess.Popen] = []
        self._served: dict[int, int] = {}  # pid -> graphs laid out by that `dot`
        self._all: list[subprocess.Popen] = []
        self._alone = False  # True: each trial layout runs a `dot` of its own
        self._lock = threading.Lock()

    def __enter__(self) -> "Graphviz":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # The one place a `dot` is started.
    def spawn(self, args: Sequence[str], **popen) -> subprocess.Popen:
        with self._lock:
            self.runs += 1
        return children.popen([self.exe, *args], **popen)  # registered: Ctrl-C kills it (argmap.core.children)

    def _finish(self, args: Sequence[str], data: bytes | None, cwd: str | None = None) -> None:
        """Run `dot args` to the end (input `data`); kill it on any exception."""
        try:
            proc = self.spawn(args, stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
        except OSError as exc:  # found but not runnable
            raise failed("running Graphviz", str(exc)) from exc
        try:
            _, err = proc.communicate(data, timeout=DOT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise failed("Graphviz", f"no drawing after {DOT_TIMEOUT} s") from None
        finally:
            if proc.poll() is None:  # a timeout, Ctrl-C or any other exception: no `dot` outlives the call
                proc.kill()
                proc.wait()
            children.release(proc)
        if proc.returncode != 0:
            raise failed("Graphviz", err.decode("utf-8", "replace"))

    def _key(self, source: str, formats: Sequence[str], dpi: int | None, laid_out: bool = False) -> str:
        return DrawingCache.key("dot", self._identity, tuple(formats), dpi, laid_out, source.encode("utf-8"))

    def run(self, source: str, formats: Sequence[str], *, dpi: float | None = None, laid_out: bool = False,
            fit: bool = True) -> dict[str, bytes]:
        """Lay the graph out once and write it in each of `formats` (svg, png, pdf, plain, dot).

        With `dpi` (for PNG), a drawing larger than PNG_MAX_PX (a 4K screen) is
        scaled down to fit it. `laid_out`: `source` is the "dot" output of an
        earlier run, with every position in it; it is drawn as laid out
        (`-Kneato -n2`), not laid out again. Graphviz's output is a function
        of its input, so a drawing found in the cache is not drawn again.
        """
        key = self._key(source, formats, dpi if fit else ("unfitted", dpi), laid_out)
        if self.cache is not None:
            kept = self.cache.get(key, formats)
            if kept is not None:
                return kept
        with children.temp_dir(prefix="argmap-dot-") as tmp:
            args = ["-Kneato", "-n2"] if laid_out else []
            if dpi is not None:
                args += [f"-Gdpi={dpi:g}"]
                if fit:  # (without `fit`: the caller chose the dpi for legible text, whatever the size)
                    width, height = (px / dpi for px in PNG_MAX_PX)
                    args += [f"-Gsize={width:g},{height:g}"]
            for fmt in formats:
                args += [f"-T{fmt}", "-o", os.path.join(tmp, f"out.{fmt}")]
            self._finish(args, source.encode("utf-8"))
            out = {fmt: _read(Path(tmp, f"out.{fmt}"), fmt) for fmt in formats}
        if self.cache is not None:
            self.cache.put(key, out)
        return out

    def run_many(self, sources: Sequence[str], formats: Sequence[str]) -> list[dict[str, bytes]]:
        """`run` for several graphs, those not in the cache in one `dot` run.

        Starting `dot` to draw a PDF (plugins, fonts: about 20 ms) costs more
        than laying out and drawing a page (about 7 ms), so pages are drawn in
        batches. The output is the same, byte for byte, as that of one run per
        graph (see the note on clusters in `dot.py`).
        """
        keys = [self._key(source, formats, None) for source in sources]
        results: list[dict[str, bytes] | None] = [None] * len(sources)
        if self.cache is not None:
            results = [self.cache.get(key, formats) for key in keys]
        todo = [i for i, found in enumerate(results) if found is None]
        if todo:
            with children.temp_dir(prefix="argmap-dot-") as tmp:
                names = [f"g{i}.gv" for i in todo]
                for name, i in zip(names, todo):
                    Path(tmp, name).write_bytes(sources[i].encode("utf-8"))
                self._finish([*(f"-T{fmt}" for fmt in formats), "-O", *names], None, cwd=tmp)  # -O: g0.gv.pdf next to g0.gv
                for name, i in zip(names, todo):
                    out = {fmt: _read(Path(tmp, f"{name}.{fmt}"), fmt) for fmt in formats}
                    results[i] = out
                    if self.cache is not None:
                        self.cache.put(keys[i], out)
        return results  # type: ignore[return-value]

    def size(self, source: str) -> tuple[float, float]:
        """The drawing's natural width and height, in points."""
        return plain_size(self.run(source, ["plain"])["plain"])

    def plain(self, source: str, *, patience: float | None = None) -> bytes:
        """`dot -Tplain` of one graph, from a `dot` kept running (paging asks hundreds of these)."""
        key = self._key(source, ["plain"], None)
        if self.cache is not None:
            kept = self.cache.get(key, ["plain"])
            if kept is not None:
                return kept["plain"]
        with self._lock:
            self.layouts += 1
            proc = self._idle.pop() if self._idle else None
            alone = self._alone
        if alone:
            return self.run(source, ["plain"])["plain"]
        finished = False
        try:
            if proc is None:
                proc = self.spawn(["-Tplain"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                with self._lock:
                    self._all.append(proc)
            proc.stdin.write(source.encode("utf-8"))
            proc.stdin.flush()
            if os.name == "posix":  # a `dot` that held its answer back would hang the build: give up on it instead
                import select

                if not select.select([proc.stdout], [], [], self.PATIENCE if patience is None else patience)[0]:
                    with self._lock:
                        self._alone = True
                    raise TimeoutError("dot gave no answer")
            out = []
            while True:
                line = proc.stdout.readline()
                if not line:
                    raise EOFError("dot stopped")
                out.append(line)
                if line.strip() == b"stop":
                    break
            finished = True
        except (OSError, EOFError, ValueError):  # (TimeoutError is an OSError)
            if proc is not None:
                self._stop(proc, kill=True)
                proc = None
            return self.run(source, ["plain"])["plain"]  # on its own, so that a failure says what went wrong
        finally:
            if not finished and proc is not None:  # Ctrl-C: this `dot` is in the middle of a graph
                self._stop(proc, kill=True)
        with self._lock:
            served = self._served[proc.pid] = self._served.get(proc.pid, 0) + 1
        if served >= self.GRAPHS_PER_DOT:
            self._stop(proc)
        else:
            with self._lock:
                self._idle.append(proc)
        data = b"".join(out)
        if self.cache is not None:
            self.cache.put(key, {"plain": data})
        return data

    def _stop(self, proc: subprocess.Popen, kill: bool = False) -> None:
        with self._lock:
            if proc in self._all:
                self._all.remove(proc)
            if proc in self._idle:
                self._idle.remove(proc)
            self._served.pop(proc.pid, None)
        children.release(proc)
        if kill:
            proc.kill()
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()

    def close(self) -> None:
        for proc in list(self._all):
            self._stop(proc)
