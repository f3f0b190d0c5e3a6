"""Benchmark argmap serve's live reload: from a save of a claim file to the new
view drawn in the browser, for the op-ed map (arguments/carrot-stick/).

    .venv/bin/python benchmarks/bench_serve.py [--repeat 15] [--no-browser]

It copies the project to a temporary folder, starts `argmap serve` on a free
loopback port, opens /map/carrot-stick in headless Chromium (Debian's chromium
and chromium-driver, driven by Selenium) and then, again and again, rewrites
one claim's tag in arguments/carrot-stick/10-harms.yaml and waits until the
page has drawn the view with the new tag. The time is from just before the
file is written to the moment the page's script finished drawing
(`window.argmapRendered.at`, the same machine's clock). With --no-browser it
times save -> server-sent event -> the view's JSON fetched, without a browser.
Not part of the test run: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FILE = "arguments/carrot-stick/10-harms.yaml"
TAG = "tag: The standoff is escalating and requires action"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(root: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "serve", "--port", str(port), "--project", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/maps")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("argmap serve did not start")


PHASES: list[tuple[float, float]] = []  # (event heard, view fetched) after the save, seconds


def save(path: Path, original: str, i: int) -> float:
    text = original.replace(TAG, f"{TAG} (edit {i})", 1)
    tmp = path.with_name(path.name + ".tmp~")
    tmp.write_text(text, encoding="utf-8")
    started = time.time()
    tmp.replace(path)  # as editors save: write, then rename
    return started


def with_browser(url: str, path: Path, original: str, repeat: int) -> list[float]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or "chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)
    times = []
    try:
        driver.get(url + "/map/carrot-stick")
        deadline = time.monotonic() + 20
        while not driver.execute_script("return !!window.argmapRendered") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        for i in range(1, repeat + 1):
            before = driver.execute_script("return window.argmapRendered.version")
            started = save(path, original, i)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                done = driver.execute_script(
                    "var r = window.argmapRendered; if (!r || r.version <= arguments[0]) return null;"
                    "var n = document.querySelector('.node[data-id=\"escalation\"]');"
                    "return (n && n.textContent.indexOf('(edit ' + arguments[1] + ')') >= 0) ? r.at : null;", before, i)
                if done:
                    times.append(done / 1000 - started)
                    heard, fetched = driver.execute_script("return [window.argmapHeard, window.argmapFetched]")
                    PHASES.append((heard / 1000 - started, fetched / 1000 - started))
                    break
                time.sleep(0.005)
            else:
                raise SystemExit(f"edit {i} did not reach the page within 10 s")
            time.sleep(0.3)
    finally:
        driver.quit()
    return times


def without_browser(port: int, path: Path, original: str, repeat: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/events")
    stream = conn.getresponse()
    times = []

    def next_change():
        event = None
        while True:
            line = stream.fp.readline().decode()
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            if line.strip() == "" and event == "change":
                return

    time.sleep(0.3)
    for i in range(1, repeat + 1):
        started = save(path, original, i)
        next_change()
        api = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        api.request("GET", "/api/map/carrot-stick")
        view = json.loads(api.getresponse().read())
        assert f"(edit {i})" in view["view"]["nodes"]["escalation"]["tag"]
        times.append(time.time() - started)
        time.sleep(0.3)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "proj"
        shutil.copytree(REPO / "seeds", root / "seeds")
        shutil.copytree(REPO / "arguments", root / "arguments")
        path = root / FILE
        original = path.read_text(encoding="utf-8")
        assert TAG in original
        port = free_port()
        proc = start(root, port)
        try:
            if args.no_browser:
                times = without_browser(port, path, original, args.repeat)
                what = "save -> event -> view JSON fetched"
            else:
                times = with_browser(f"http://127.0.0.1:{port}", path, original, args.repeat)
                what = "save -> new view drawn in Chromium"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    ms = sorted(t * 1000 for t in times)
    print(f"op-ed map, {what}, {len(ms)} saves: median {statistics.median(ms):.0f} ms, "
          f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms (target: under 500 ms)")
    if PHASES:
        heard = statistics.median(h for h, _ in PHASES) * 1000
        fetched = statistics.median(f for _, f in PHASES) * 1000
        print(f"  of which (medians): the event heard by the page {heard:.0f} ms after the save, the view fetched at {fetched:.0f} ms, "
              f"drawn at {statistics.median(ms):.0f} ms")


if __name__ == "__main__":
    main()
