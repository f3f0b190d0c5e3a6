"""argmap serve, in process (Starlette's TestClient): endpoints, what-ifs, a broken
save, and the guard (Host header, methods, paths, headers, escaping)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from starlette.testclient import TestClient  # noqa: E402

from argmap.load.project import Project  # noqa: E402
from argmap.serve.app import create_app  # noqa: E402
from argmap.serve.paths import clean_parts, inside  # noqa: E402
from argmap.serve.security import host_allowed  # noqa: E402
from argmap.serve.state import ProjectState  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:8000"


@pytest.fixture
def project_copy(tmp_path: Path) -> Project:
    root = tmp_path / "proj"
    shutil.copytree(REPO / "seeds", root / "seeds")
    shutil.copytree(REPO / "arguments", root / "arguments")
    (root / "output" / "example").mkdir(parents=True)
    (root / "output" / "example" / "example.json").write_text('{"ok": true}', encoding="utf-8")
    (root / "output" / "example" / ".argmap-build.json").write_text("{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("SECRET", encoding="utf-8")
    return Project(root)


@pytest.fixture
def state(project_copy: Project) -> ProjectState:
    return ProjectState(project_copy)


@pytest.fixture
def client(state: ProjectState) -> TestClient:
    return TestClient(create_app(state), base_url=BASE)


def test_the_index_lists_every_map_with_its_status(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "carrot-stick" in page.text and "example" in page.text
    assert "checked: no problems" in page.text
    maps = client.get("/api/maps").json()["maps"]
    assert set(maps) == {"carrot-stick", "example"}
    assert maps["example"]["status"] == "ok"


def test_the_map_view_is_the_analysis(client, state):
    data = client.get("/api/map/example").json()
    view = data["view"]
    analysis = state.analysis("example")
    assert view["map"]["title"] == analysis.map.header.title
    assert view["roots"] == ["ex-thesis"]
    for ident, node in view["nodes"].items():
        assert node["label"] == analysis.label(ident).value
        assert node["why"] == analysis.evaluation.explain(ident)
    card = view["nodes"]["ex-ev-china"]["card"]
    styles = {style for p in card["body"] for style, _text in p["segments"]}
    assert {"context", "underline", "highlight"} <= styles
    assert "".join(t for p in card["body"] for s, t in p["segments"] if s != "context").startswith("China accounts")
    assert data["state"]["stale"] is False and data["state"]["problems"] == []


def test_a_what_if_is_computed_by_the_server_and_written_nowhere(client, project_copy):
    before = {p: p.read_bytes() for p in project_copy.root.rglob("*") if p.is_file()}
    plain = client.get("/api/map/example").json()["view"]["nodes"]
    assert plain["ex-thesis"]["label"] == "out"
    accepted = client.get("/api/map/example?accept=ex-talks-stalled").json()["view"]
    assert accepted["nodes"]["ex-thesis"]["label"] == "in"
    assert accepted["accepted"] == ["ex-talks-stalled"]
    dropped = client.get("/api/map/example?drop=ex-ev-defection").json()["view"]
    assert dropped["nodes"]["ex-ev-defection"]["label"] == "out"
    assert dropped["nodes"]["ex-ev-defection"]["why"] == "dropped for this round"
    assert dropped["nodes"]["ex-thesis"]["label"] == "in"
    assert client.get("/api/map/example").json()["view"]["nodes"]["ex-thesis"]["label"] == "out"  # reset: no ids, no what-if
    wrong = client.get("/api/map/example?accept=ex-talks-stalld")
    assert wrong.status_code == 400 and "did you mean 'ex-talks-stalled'" in wrong.json()["error"]
    after = {p: p.read_bytes() for p in project_copy.root.rglob("*") if p.is_file()}
    assert after == before


def test_a_broken_save_keeps_the_last_good_view_and_locates_the_error(client, state, project_copy):
    path = project_copy.arguments_dir / "example.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("statements:", "statements:\n  - id: [broken", 1), encoding="utf-8")
    state.refresh([path])
    data = client.get("/api/map/example").json()
    assert data["view"] is not None and data["view"]["nodes"]["ex-thesis"]
    assert data["state"]["stale"] is True and data["state"]["errors"] >= 1
    problem = data["state"]["problems"][0]
    assert problem["where"].startswith("arguments/example.yaml:")
    assert problem["severity"] == "error" and problem["message"]
    assert any(row[0] == problem["line"] for row in problem["context"]) and any("[broken" in row[1] for row in problem["context"])
    assert client.get("/api/maps").json()["maps"]["example"] == {**client.get("/api/maps").json()["maps"]["example"], "status": "error", "stale": True}
    everything = client.get("/api/problems").json()["problems"]
    assert any(p["where"] == problem["where"] for p in everything)
    path.write_text(good, encoding="utf-8")
    state.refresh([path])
    fixed = client.get("/api/map/example").json()
    assert fixed["state"]["stale"] is False and fixed["state"]["problems"] == []


def test_handouts_and_exports_are_made_on_demand_and_cached(client):
    first = client.get("/map/example/handout/brief.html")
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/html")
    assert "sandbox" in first.headers["content-security-policy"] and "script-src" not in first.headers["content-security-policy"]
    assert client.get("/map/example/handout/brief.html").content == first.content
    assert client.get("/map/example/handout/cards.pdf").content.startswith(b"%PDF")
    assert client.get("/map/example/handout/nope.html").status_code == 404
    assert client.get("/map/example/export/cards-json").json()
    assert client.get("/map/example/export/docx").content.startswith(b"PK")
    assert client.get("/map/example/export/schema").status_code == 404
    assert client.get("/map/nope/handout/brief.html").status_code == 404


def test_round_documents_and_the_overview_are_served(client):
    assert client.get("/map/example/handout/1ac.pdf").content.startswith(b"%PDF")
    docx = client.get("/map/example/handout/1nc.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK") and "1nc.docx" in docx.headers["content-disposition"]
    reading = client.get("/map/example/handout/reading.html")
    assert reading.status_code == 200 and "\u00b6" in reading.text  # the paragraph numbers
    assert client.get("/map/example/handout/1ac.md").status_code == 404  # the 1AC is PDF or Word only
    assert client.get("/map/example/handout/brief.docx").status_code == 404
    overview = client.get("/map/example/diagram.svg?view=overview")
    assert overview.status_code == 200 and "<svg" in overview.text
    assert overview.content != client.get("/map/example/diagram.svg").content
    assert client.get("/map/example/diagram.pdf?view=poster").content.startswith(b"%PDF")
    assert client.get("/map/example/diagram.svg?view=poster").status_code == 404
    assert client.get("/map/example/diagram.svg?view=nope").status_code == 404


def test_the_map_page_and_its_assets(client):
    page = client.get("/map/example")
    assert page.status_code == 200 and 'data-map="example"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert client.get("/static/map.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/map.css").status_code == 200
    assert client.get("/static/../app.py").status_code == 404
    assert client.get("/map/nope").status_code == 404


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io", "localhost.evil.example", "",
                                  "192.168.1.5:8000", "[::ffff:10.0.0.1]"])
def test_a_foreign_host_is_refused(client, host):
    response = client.get("/api/maps", headers={"host": host})
    assert response.status_code == 421
    assert "SECRET" not in response.text and "carrot" not in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "localhost", "[::1]:8000", "127.0.0.2"])
def test_loopback_hosts_are_answered(client, host):
    assert client.get("/api/maps", headers={"host": host}).status_code == 200


def test_a_shared_server_answers_addresses_and_its_own_name_only():
    assert host_allowed("192.168.1.5:8000", "0.0.0.0")
    assert host_allowed("classroom-pc:8000", "classroom-pc")
    assert not host_allowed("evil.example:8000", "0.0.0.0")
    assert not host_allowed("192.168.1.5", "127.0.0.1")
    assert not host_allowed(None, "127.0.0.1")
    assert not host_allowed("a b", "0.0.0.0")


def test_only_get_and_head_are_answered(client):
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert client.request(method, "/api/maps").status_code == 405
    assert client.head("/api/maps").status_code == 200


@pytest.mark.parametrize("path", [
    "/output/../secret.txt", "/output/..%2f..%2fsecret.txt", "/output/%2e%2e/%2e%2e/secret.txt", "/output/%252e%252e/secret.txt",
    "/output/example/..%5c..%5csecret.txt", "/output/example/.argmap-build.json", "/output//etc/passwd", "/output/example/%00.json",
    "/files/../secret.txt", "/files/arguments/../../secret.txt", "/files/arguments/%2e%2e/%2e%2e/secret.txt", "/files/pyproject.toml",
    "/files/seeds/..%2f..%2fsecret.txt", "/files/arguments/link/secret.txt", "/output/example/link.json", "/files/arguments/linked.yaml",
])
def test_paths_cannot_escape(client, project_copy, path):
    outside = project_copy.root.parent / "secret.txt"
    (project_copy.output_dir / "example" / "link.json").symlink_to(outside)
    (project_copy.arguments_dir / "link").symlink_to(project_copy.root.parent, target_is_directory=True)
    (project_copy.arguments_dir / "linked.yaml").symlink_to(outside)
    response = client.get(path)
    assert response.status_code in (404, 400), path
    assert "SECRET" not in response.text


def test_outputs_and_project_files_are_served_read_only(client):
    assert client.get("/output/example/example.json").json() == {"ok": True}
    shown = client.get("/files/arguments/example.yaml")
    assert shown.status_code == 200 and shown.headers["content-type"].startswith("text/plain") and "ex-thesis" in shown.text
    assert client.get("/files/seeds/sources.yaml").status_code == 200
    redirect = client.get("/output/example/example-map.html", follow_redirects=False)
    assert redirect.status_code == 307 and redirect.headers["location"] == "/map/example"


def test_clean_parts_refuses_every_unsafe_segment(tmp_path):
    for raw in ("", "/abs", "a/../b", "./a", "a//b", ".hidden", "a\\b", "%2e%2e", "a\x00b", "c:", "a\nb"):
        assert clean_parts(raw) is None, raw
    assert clean_parts("example/example.json") == ["example", "example.json"]
    (tmp_path / "f.txt").write_text("x")
    assert inside(tmp_path, "f.txt") == (tmp_path / "f.txt").resolve()
    assert inside(tmp_path, "missing.txt") is None


HOSTILE = """
map:
  title: "<script>alert('title')</script>"
statements:
  - id: thesis
    kind: thesis
    text: "</script><script>alert(1)</script> & <b>bold</b>"
  - id: p
    text: "{{ 7*7 }} \\u2028 line"
arguments:
  - id: a
    premises: [p]
    supports: thesis
"""


def test_every_text_is_escaped(tmp_path):
    from argmap.serve.page import static_page

    root = tmp_path / "proj"
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "arguments").mkdir()
    (root / "arguments" / "evil.yaml").write_text(HOSTILE, encoding="utf-8")
    state = ProjectState(Project(root))
    client = TestClient(create_app(state), base_url=BASE)
    assert "<script>alert" not in client.get("/").text
    assert "&lt;script&gt;alert(&#x27;title&#x27;)" in client.get("/").text
    page = client.get("/map/evil").text
    assert "<script>alert" not in page
    view = client.get("/api/map/evil").json()["view"]
    assert view["nodes"]["thesis"]["text"].startswith("</script><script>")  # data, as written; the page makes text nodes of it
    html = static_page(state.analysis("evil"))
    data = html.split('<script type="application/json" id="argmap-data">', 1)[1].split("</script>", 1)[0]
    assert "<script>alert" not in html and "<" not in data and "&" not in data
    assert json.loads(data)["view"]["nodes"]["thesis"]["text"].startswith("</script><script>")


def test_build_writes_the_map_page(tmp_path):
    from argmap import api

    root = tmp_path / "proj"
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "arguments").mkdir()
    shutil.copy(REPO / "arguments" / "example.yaml", root / "arguments" / "example.yaml")
    api.build(Project(root))
    page = (root / "output" / "example" / "example-map.html").read_text(encoding="utf-8")
    assert 'data-mode="static"' in page and "Content-Security-Policy" in page and "sha256-" in page
    assert "unsafe-inline" not in page


def test_drop_is_the_opposite_of_accept():
    from argmap import api
    from argmap.analyze.analysis import analyze
    from argmap.analyze.accepted import UnknownAcceptedId

    rmap = api.resolve_map(Project(REPO), "example")
    base = analyze(rmap)
    assert base.label("ex-thesis").value == "out"
    dropped = analyze(rmap, drop=["ex-ev-defection"])
    assert dropped.dropped == {"ex-ev-defection"}
    assert dropped.label("ex-ev-defection").value == "out" and dropped.label("ex-thesis").value == "in"
    assert analyze(rmap, drop=["ex-arg-reward"]).label("ex-arg-reward").value == "out"
    both = analyze(rmap, accept=["ex-talks-stalled"], drop=["ex-talks-stalled"])
    assert both.label("ex-talks-stalled").value == "out"
    with pytest.raises(UnknownAcceptedId):
        analyze(rmap, drop=["nope"])


def test_the_cli_refuses_a_busy_port_and_warns_when_shared(tmp_path, monkeypatch):
    import socket

    from click.testing import CliRunner

    from argmap import api
    from argmap.cli import main

    root = tmp_path / "proj"
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "arguments").mkdir()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--project", str(root)])
    assert result.exit_code == 2 and "in use" in result.output
    calls = []
    monkeypatch.setattr(api, "serve", lambda project, **kw: calls.append(kw))
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", str(port), "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert "warning: listening on 0.0.0.0" in result.output
    assert calls and calls[0]["host"] == "0.0.0.0" and calls[0]["port"] == port and calls[0]["open"] is False
