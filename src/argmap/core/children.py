"""Every child process and temporary argmap makes, so that Ctrl-C can undo them.

The renderers start `dot` (and write into /tmp/argmap-* folders and
`.name.argmap-tmp` files beside outputs) from worker threads. Python delivers
SIGINT to the main thread only between bytecodes, and a ThreadPoolExecutor
waits for its workers at exit, so a plain KeyboardInterrupt can take as long as
the slowest `dot`. Instead, `on_interrupt()` installs a handler whose C half
writes to a wakeup pipe the moment the signal arrives; a watcher thread reads
it, kills every registered child, removes every registered temporary, prints
one line and ends the process with exit code 130 at once.

Renderers use `run()`, `popen()` and `temp_dir()` from here instead of
`subprocess` and `tempfile` directly; the atomic writer registers its
temporary files with `track_file()`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

if TYPE_CHECKING:
    import subprocess

_lock = threading.Lock()
_procs: set[subprocess.Popen] = set()
_dirs: set[str] = set()
_files: set[str] = set()
_closing = False
_never = threading.Event()  # never set: a worker that wants more after an interrupt waits here for os._exit


def _stop_here() -> None:
    """Called (without the lock) by a worker thread once the process is being ended."""
    _never.wait()

INTERRUPT_EXIT = 130
INTERRUPT_MESSAGE = "argmap: interrupted; files already in output/ are whole"


def _register_proc(proc: subprocess.Popen) -> None:
    with _lock:
        closing = _closing
        if not closing:
            _procs.add(proc)
    if closing:  # started while we were shutting down: stop it at once
        _kill(proc)
        _stop_here()


def _forget_proc(proc: subprocess.Popen) -> None:
    with _lock:
        _procs.discard(proc)


def _kill(proc: subprocess.Popen) -> None:
    try:
        proc.kill()
    except OSError:
        pass


def popen(args: Sequence[str], **kwargs) -> subprocess.Popen:
    """subprocess.Popen, registered until `release(proc)` (or its exit through `run`)."""
    import subprocess  # here, not at the top: a no-change build never starts a process
    proc = subprocess.Popen(args, **kwargs)
    _register_proc(proc)
    return proc


def release(proc: subprocess.Popen) -> None:
    _forget_proc(proc)


def run(args: Sequence[str], *, input: bytes | None = None, timeout: float | None = None,
        cwd: str | os.PathLike | None = None) -> subprocess.CompletedProcess:
    """subprocess.run(capture_output=True, check=False) with the child registered.

    On a timeout the child is killed and subprocess.TimeoutExpired raised, as
    subprocess.run does."""
    import subprocess  # here, not at the top: a no-change build never starts a process
    proc = popen(args, stdin=subprocess.PIPE if input is not None else subprocess.DEVNULL,
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    try:
        try:
            out, err = proc.communicate(input, timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            proc.communicate()
            raise
        return subprocess.CompletedProcess(list(args), proc.returncode, out, err)
    finally:
        if proc.poll() is None:  # an interrupt or any other failure mid-run: no child outlives the call
            _kill(proc)
            proc.wait()
        _forget_proc(proc)


@contextlib.contextmanager
def temp_dir(prefix: str = "argmap-") -> Iterator[str]:
    """tempfile.TemporaryDirectory, registered so an interrupt removes it."""
    import shutil, tempfile  # here, not at the top: a no-change build never starts a process
    with _lock:
        closing = _closing
        if not closing:
            path = tempfile.mkdtemp(prefix=prefix)
            _dirs.add(path)
    if closing:
        _stop_here()
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
        with _lock:
            _dirs.discard(path)


def track_file(path: str) -> None:
    with _lock:
        closing = _closing
        if not closing:
            _files.add(path)
    if closing:  # made after the clean-up ran: remove it and go no further
        try:
            os.unlink(path)
        except OSError:
            pass
        _stop_here()


def untrack_file(path: str) -> None:
    with _lock:
        _files.discard(path)


def cleanup() -> None:
    """Kill every registered child and remove every registered temporary."""
    import shutil, subprocess  # here, not at the top: a no-change build never starts a process
    global _closing
    with _lock:
        _closing = True
        procs, dirs, files = list(_procs), list(_dirs), list(_files)
    for proc in procs:
        _kill(proc)
    deadline = time.monotonic() + 1.0
    for proc in procs:  # reap them: a killed `dot` writes nothing more into its folder
        try:
            proc.wait(timeout=max(0.01, deadline - time.monotonic()))
        except (subprocess.TimeoutExpired, OSError):
            pass
    for path in files:
        try:
            os.unlink(path)
        except OSError:
            pass
    for path in dirs:
        for _ in range(20):  # a thread may still be writing into it (a PDF's pages): again until it is gone
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.exists(path):
                break
            time.sleep(0.005)


def _interrupted() -> None:
    cleanup()
    try:
        os.write(2, (INTERRUPT_MESSAGE + "\n").encode())
    except OSError:
        pass
    os._exit(INTERRUPT_EXIT)


@contextlib.contextmanager
def on_interrupt() -> Iterator[None]:
    """Within this block, SIGINT (and SIGTERM) end the process within moments:
    children killed, temporaries removed, one line, exit 130.

    Only in the main thread of a process that may be ended this way (the CLI);
    elsewhere (a library caller, a test runner thread) it does nothing."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "set_wakeup_fd"):
        yield
        return
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    try:
        old_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)
    except (ValueError, OSError):
        os.close(read_fd)
        os.close(write_fd)
        yield
        return
    stop = threading.Event()

    def handler(signum, frame):  # the Python half; the watcher thread does the work
        pass

    old_handlers = {}
    for sig in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
        if sig is not None:
            old_handlers[sig] = signal.signal(sig, handler)

    def watch() -> None:
        while True:
            try:
                data = os.read(read_fd, 64)
            except OSError:
                return
            if stop.is_set() or not data:
                return
            wanted = {int(s) for s in old_handlers}
            if any(b in wanted for b in data):
                _interrupted()

    watcher = threading.Thread(target=watch, name="argmap-interrupt", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        stop.set()
        for sig, old in old_handlers.items():
            signal.signal(sig, old)
        signal.set_wakeup_fd(old_fd)
        try:
            os.write(write_fd, b"\0")  # wake the watcher so it sees `stop`
        except OSError:
            pass
        watcher.join(timeout=1)
        os.close(write_fd)
        os.close(read_fd)


def temporaries_prefix() -> str:
    import tempfile  # here, not at the top: a no-change build never starts a process
    return os.path.join(tempfile.gettempdir(), "argmap-")


__all__ = ["popen", "release", "run", "temp_dir", "track_file", "untrack_file", "cleanup", "on_interrupt",
           "INTERRUPT_EXIT", "INTERRUPT_MESSAGE", "temporaries_prefix"]

