"""Running the app: uvicorn on one address, a watch thread, a clean stop.

`serve()` analyses the project, starts a thread that refreshes it on every
save (watchfiles, as `argmap watch`), and runs uvicorn until Ctrl-C or
`stop` is set; then the event streams end, the watch ends and the port is
free again. Nothing is written to the project.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import webbrowser
from pathlib import Path
from typing import Callable, Sequence

from argmap.load.project import Project

DEBOUNCE_MS = 40  # a save is seen within this (an editor's write-then-rename is one change)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_of(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def serve(project: Project, *, host: str = "127.0.0.1", port: int = 8000, open: bool = False, accept: Sequence[str] = (),
          on_ready: Callable[[str], None] | None = None, on_change: Callable[[list[Path]], None] | None = None,
          stop: threading.Event | None = None, log_level: str = "warning") -> None:
    import uvicorn

    from argmap.build.watch import watch
    from argmap.serve.app import create_app
    from argmap.serve.state import ProjectState

    stop = stop or threading.Event()
    state = ProjectState(project, accept=accept)
    app = create_app(state, bound=host.strip("[]"), stopping=stop)

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame):  # Ctrl-C: end the event streams at once, then uvicorn stops
            stop.set()
            super().handle_exit(sig, frame)

    config = uvicorn.Config(app, host=host.strip("[]"), port=port, log_level=log_level, access_log=False,
                            timeout_graceful_shutdown=2, lifespan="off")
    server = Server(config)

    def changed(paths: list[Path]) -> None:
        if on_change is not None:
            on_change(paths)
        state.refresh(paths)

    watcher = threading.Thread(target=watch, args=(project, changed), kwargs={"stop": stop, "debounce_ms": DEBOUNCE_MS},
                               name="argmap-serve-watch", daemon=True)

    def stopper() -> None:
        stop.wait()
        server.should_exit = True

    threading.Thread(target=stopper, name="argmap-serve-stop", daemon=True).start()
    watcher.start()
    url = url_of(host, port)
    ready = threading.Thread(target=_announce, args=(server, url, on_ready, open, stop), daemon=True)
    ready.start()
    try:
        server.run()
    finally:
        stop.set()
        watcher.join(timeout=2)


def _announce(server, url: str, on_ready, open_browser: bool, stop: threading.Event) -> None:
    while not server.started and not stop.is_set():
        stop.wait(0.02)
    if stop.is_set():
        return
    if on_ready is not None:
        on_ready(url)
    if open_browser:
        webbrowser.open(url)


def port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host.strip("[]"), port))
        except OSError:
            return False
    return True
