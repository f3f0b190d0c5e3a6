"""argmap serve in a real browser: Debian's chromium and chromium-driver, driven by
Selenium, against `argmap serve` on a free loopback port over a temporary copy
of the seed project. Nothing downloads a browser: without chromium (installed
by scripts/setup) these tests are skipped.

The server is started once for the module, every wait is bounded, and the
server is always stopped. Set ARGMAP_SCREENSHOTS=folder to keep screenshots
of the app at phone (390 px) and desktop (1280 px) width.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="needs Debian's chromium and chromium-driver (bash scripts/setup)")
WAIT = 10.0  # seconds: the longest any step may take


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve") / "proj"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "arguments", root / "arguments")
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "serve", "--port", str(port), "--project", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/api/maps")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("argmap serve did not start: " + (proc.stderr.read().decode() if proc.poll() is not None else "timeout"))
            time.sleep(0.1)
        yield {"url": f"http://127.0.0.1:{port}", "port": port, "root": root}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        proc.stderr.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(WAIT)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver, condition, what: str, timeout: float = WAIT):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition(d))
    except TimeoutException:
        raise AssertionError(f"timed out after {timeout} s waiting for {what}") from None


def css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def open_map(driver, server, map_id: str, width: int = 1280, height: int = 800) -> None:
    driver.set_window_size(width, height)
    driver.get(f"{server['url']}/map/{map_id}")
    wait_for(driver, lambda d: d.execute_script("return !!window.argmapRendered") and css(d, ".node"), "the map to load")


def click_node(driver, ident: str) -> None:
    """Select a node through the search box (it expands the way to it), then click its box."""
    from selenium.webdriver.common.keys import Keys

    search = css(driver, "#search")[0]
    search.clear()
    search.send_keys(ident)
    search.send_keys(Keys.ENTER)
    box = wait_for(driver, lambda d: css(d, f'.node[data-id="{ident}"]:not(.ref) rect'), f"the box of {ident}")[0]
    box.click()
    wait_for(driver, lambda d: ident in d.find_element("css selector", "#detail").text, f"the detail of {ident}")


def node_class(driver, ident: str) -> str:
    return driver.execute_script("var n = document.querySelector('.node[data-id=\"' + arguments[0] + '\"]');"
                                 "return n ? n.getAttribute('class') : '';", ident)


def edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def test_the_map_loads(browser, server):
    open_map(browser, server, "carrot-stick")
    assert "Broadened Diplomacy" in css(browser, "#title")[0].text
    assert css(browser, '.node[data-id="thesis"]')
    assert "live" in css(browser, "#live")[0].text
    assert not browser.get_log("browser") or all("favicon" in e["message"] for e in browser.get_log("browser"))


def test_a_click_on_a_claim_shows_its_card(browser, server):
    open_map(browser, server, "carrot-stick")
    css(browser, '.node[data-id="thesis"] rect')[0].click()
    detail = wait_for(browser, lambda d: css(d, "#detail .card"), "a card in the detail panel")
    card = detail[0]
    assert card.find_elements("css selector", "u.quote, mark.read"), "the quote is underlined, the read highlighted"
    assert "Chatterji & Gurudatha" in card.text
    panel = css(browser, "#detail")[0].text
    assert "stands" in panel or "falls" in panel or "contested" in panel
    assert "arguments/carrot-stick/" in panel  # where it is written


def test_editing_a_claim_file_updates_the_open_page(browser, server):
    open_map(browser, server, "example")
    click_node(browser, "ex-thesis")
    version = browser.execute_script("return window.argmapRendered.version")
    path = server["root"] / "arguments" / "example.yaml"
    old = edit(path, "text: The US should pair", "text: Live edited, the US should pair")
    try:
        wait_for(browser, lambda d: d.execute_script("return window.argmapRendered.version") > version
                 and "Live edited," in d.find_element("css selector", "#detail").text, "the edit to reach the page")
        assert "Live edited" in css(browser, '.node[data-id="ex-thesis"]')[0].text
    finally:
        path.write_text(old, encoding="utf-8")
    wait_for(browser, lambda d: "Live edited" not in d.find_element("css selector", "#detail").text, "the page to follow the undo")


def test_a_broken_save_shows_its_error_and_keeps_the_last_good_view(browser, server):
    open_map(browser, server, "example")
    nodes_before = len(css(browser, ".node"))
    path = server["root"] / "arguments" / "example.yaml"
    old = edit(path, "statements:", "statements:\n  - id: [broken")
    try:
        banner = wait_for(browser, lambda d: [b for b in css(d, "#banner") if b.is_displayed() and "arguments/example.yaml:" in b.text],
                          "the located error")[0]
        assert "last good version" in banner.text and "error" in banner.text.lower()
        assert len(css(browser, ".node")) == nodes_before and css(browser, '.node[data-id="ex-thesis"]')
    finally:
        path.write_text(old, encoding="utf-8")
    wait_for(browser, lambda d: not css(d, "#banner")[0].is_displayed(), "the banner to go once the file is fixed")


def test_a_what_if_toggle_changes_a_label(browser, server):
    open_map(browser, server, "example")
    assert "l-out" in node_class(browser, "ex-thesis")
    click_node(browser, "ex-talks-stalled")
    css(browser, "#detail .wi.accept")[0].click()
    wait_for(browser, lambda d: "l-in" in node_class(d, "ex-thesis"), "the thesis to stand once the answer is accepted")
    assert "changed" in node_class(browser, "ex-thesis")
    assert css(browser, "#whatif")[0].is_displayed()
    css(browser, "#reset")[0].click()
    wait_for(browser, lambda d: "l-out" in node_class(d, "ex-thesis"), "reset to bring the labels back")
    click_node(browser, "ex-ev-defection")
    css(browser, "#detail .wi.drop")[0].click()
    wait_for(browser, lambda d: "l-in" in node_class(d, "ex-thesis") and "l-out" in node_class(d, "ex-ev-defection"),
             "dropping the defection card to change the labels")
    css(browser, "#reset")[0].click()


def raw_get(port: int, path: str, host: str | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.putrequest("GET", path, skip_host=host is not None)
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    response = conn.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def test_path_escapes_and_foreign_hosts_are_refused(browser, server):
    (server["root"].parent / "secret.txt").write_text("SECRET", encoding="utf-8")
    port = server["port"]
    for path in ("/output/../../secret.txt", "/output/%2e%2e/%2e%2e/secret.txt", "/files/..%2f..%2fsecret.txt",
                 "/files/arguments/%2e%2e/%2e%2e/secret.txt", "/output/%252e%252e/secret.txt", "/files/../../secret.txt"):
        status, text = raw_get(port, path)
        assert status in (400, 404) and "SECRET" not in text, path
    status, text = raw_get(port, "/api/maps", host="evil.example:%d" % port)
    assert status == 421 and "carrot" not in text
    status, _ = raw_get(port, "/api/maps", host="127.0.0.1:%d" % port)
    assert status == 200
    browser.get(f"{server['url']}/files/..%2f..%2fsecret.txt")
    assert "SECRET" not in browser.page_source and "refused" in browser.page_source


def test_screenshots_at_phone_and_desktop_width(browser, server):
    folder = os.environ.get("ARGMAP_SCREENSHOTS")
    for width, height, name in ((390, 844, "phone"), (1280, 800, "desktop")):
        open_map(browser, server, "carrot-stick", width, height)
        css(browser, '.node[data-id="thesis"] rect')[0].click()
        wait_for(browser, lambda d: css(d, "#detail .card"), "the detail")
        width_now = browser.execute_script("return document.documentElement.scrollWidth")
        assert width_now <= width + 1, f"the page scrolls sideways at {width} px"
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            browser.save_screenshot(str(Path(folder) / f"serve-{name}.png"))


def test_the_page_argmap_build_writes_works_without_a_server(browser, tmp_path):
    from argmap import api
    from argmap.load.project import Project

    root = tmp_path / "proj"
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "arguments").mkdir()
    shutil.copy(REPO / "arguments" / "example.yaml", root / "arguments" / "example.yaml")
    api.build(Project(root))
    browser.set_window_size(1280, 800)
    browser.get((root / "output" / "example" / "example-map.html").as_uri())
    wait_for(browser, lambda d: css(d, '.node[data-id="ex-thesis"]'), "the static map to draw")
    assert "static copy" in css(browser, "#live")[0].text
    css(browser, '.node[data-id="ex-thesis"] rect')[0].click()
    panel = wait_for(browser, lambda d: [p for p in css(d, "#detail") if "ex-thesis" in p.text], "the detail")[0]
    assert "needs argmap serve" in panel.text and not css(browser, "#detail .wi")
    assert not [e for e in browser.get_log("browser") if "Content Security Policy" in e["message"]]


def test_the_handouts_tab_links_the_round_documents_and_the_overview(browser, server, tmp_path):
    """Live: every link of the tab's round documents and pictures answers; static: each names a file the build wrote."""
    import urllib.request

    from argmap import api
    from argmap.load.project import Project

    open_map(browser, server, "example")
    css(browser, '.tab[data-tab="handouts"]')[0].click()
    links = wait_for(browser, lambda d: [a.get_attribute("href") for a in css(d, "#tab-handouts a")
                                         if "/handout/1" in (a.get_attribute("href") or "") or "view=" in (a.get_attribute("href") or "")],
                     "the round documents' links")
    assert any("1ac.pdf" in h for h in links) and any("1nc.docx" in h for h in links) and any("view=overview" in h for h in links)
    for href in links:
        with urllib.request.urlopen(href) as r:  # the server's own Host: the test server is on 127.0.0.1
            assert r.status == 200 and r.read(4) in (b"%PDF", b"PK\x03\x04", b"<?xm", b"<svg", b"<!DO", b"<htm"), href

    root = tmp_path / "proj"
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "arguments").mkdir()
    shutil.copy(REPO / "arguments" / "example.yaml", root / "arguments" / "example.yaml")
    api.build(Project(root))
    page = root / "output" / "example" / "example-map.html"
    browser.get(page.as_uri())
    wait_for(browser, lambda d: css(d, '.node[data-id="ex-thesis"]'), "the static map to draw")
    css(browser, '.tab[data-tab="handouts"]')[0].click()
    names = wait_for(browser, lambda d: [a.get_attribute("href") for a in css(d, "#tab-handouts a")
                                         if any(k in (a.get_attribute("href") or "") for k in ("-1ac.", "-1nc.", "-overview.", "-poster", "index.html"))],
                     "the static page's links")
    assert len(names) >= 8
    for href in names:
        assert Path(urllib.request.url2pathname(href.removeprefix("file://"))).is_file(), href
