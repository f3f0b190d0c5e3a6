"""Every error a teacher can make is located, coded, explained, and exits 1."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from argmap.cli import main

LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)\[(?P<code>[EW]\d{3})\]: ", re.M)


def run_check(proj, *args):
    result = CliRunner().invoke(main, ["check", "--project", str(proj.root), *args])
    return result


def diagnostics(result):
    return [(m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in LOCATED.finditer(result.output)]


def test_clean_map_exits_zero(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    result = run_check(tmp_project)
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_mistyped_id_is_located_with_suggestion(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map.replace("supports: thesis", "supports: thesys"))
    result = run_check(tmp_project)
    assert result.exit_code == 1
    assert diagnostics(result) == [("arguments/m.yaml", 12, 15, "E202")]
    assert "did you mean 'thesis'?" in result.output
    assert "Traceback" not in result.output


def test_typo_in_key_is_unknown_key_with_suggestion(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map.replace("    supports: [embargo-fails]", "    suports: [embargo-fails]"))
    result = run_check(tmp_project)
    assert result.exit_code == 1
    assert ("arguments/m.yaml", 17, 5, "E101") in diagnostics(result)
    assert "did you mean 'supports'?" in result.output


CASES = {
    # name: (claim file text, expected code, expected line, expected col)
    "yaml-syntax": ("map:\n  title: [unclosed\n", "E001", 3, 1),
    "tab-indent": ("map:\n\ttitle: x\n", "E001", 2, 1),
    "duplicate-key": ("map:\n  title: a\n  title: b\n", "E002", 3, 3),
    "yaml-tag": ("map:\n  title: !!python/object:os.system x\n", "E006", 2, 10),
    "missing-key": ("map:\n  title: t\nstatements:\n  - id: s1\n    kind: thesis\n", "E102", 4, 5),
    "wrong-type": ("map:\n  title: t\nstatements: nope\n", "E103", 3, 13),
    "invalid-kind": ("map:\n  title: t\nstatements:\n  - id: s1\n    kind: thesys\n    text: x\n", "E104", 5, 11),
    "invalid-id": ("map:\n  title: t\nstatements:\n  - id: 1bad id\n    kind: thesis\n    text: x\n", "E104", 4, 9),
    "no-target": ("map:\n  title: t\nstatements:\n  - {id: s1, kind: thesis, text: x}\n  - {id: s2, text: y}\narguments:\n  - id: a1\n    premises: [s2]\n", "E104", 7, 5),
    "no-header": ("statements:\n  - {id: s1, kind: thesis, text: x}\n", "E105", 1, 1),
    "duplicate-id": ("map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\n  - {id: s1, text: y}\n", "E201", 4, 10),
    "wrong-kind-of-id": (
        "map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\n  - {id: s2, text: y}\n"
        "arguments:\n  - {id: a1, premises: [s2], supports: s1}\n  - {id: a2, premises: [a1], supports: s1}\n",
        "E203", 7, 25,
    ),
    "self-support": ("map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\narguments:\n  - {id: a1, premises: [s1], supports: s1}\n", "E204", 5, 10),
    "support-cycle": (
        "map: {title: t}\nstatements:\n  - {id: s1, text: x}\n  - {id: s2, text: y}\n"
        "arguments:\n  - {id: a1, premises: [s1], supports: s2}\n  - {id: a2, premises: [s2], supports: s1}\n",
        "E205", 3, 10,
    ),
    "quote-not-found": (
        "map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\nevidence:\n"
        "  - id: e1\n    source: oped\n    quote: Kim Jung Un wants nuclear arms at any cost\n    supports: [s1]\n",
        "E301", 7, 12,
    ),
    "highlight-not-in-quote": (
        "map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\nevidence:\n"
        "  - id: e1\n    source: oped\n    quote: Currently, the US does not have any diplomatic relations with North Korea.\n"
        "    highlight: [no relations]\n    supports: [s1]\n",
        "E302", 8, 17,
    ),
    "quote-has-ellipsis": (
        "map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\nevidence:\n"
        "  - id: e1\n    source: oped\n    quote: Currently, the US ... North Korea.\n    supports: [s1]\n",
        "E305", 7, 12,
    ),
    "unknown-reference": (
        "map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\nevidence:\n"
        "  - id: e1\n    source: oped\n    reference: kim-2021\n    quote: Currently, the US does not have any diplomatic relations with North Korea.\n    supports: [s1]\n",
        "E306", 7, 16,
    ),
    "list-split-by-comma": (
        "map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\nevidence:\n"
        "  - id: e1\n    source: oped\n    quote: There are currently 370,000 US soldiers, 150,000 Japanese soldiers\n"
        "    highlight: [370,000 US soldiers]\n    supports: [s1]\n",
        "E307", 8, 17,
    ),
    "unknown-source": (
        "map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\nevidence:\n"
        "  - id: e1\n    source: op-ed\n    quote: Currently\n    supports: [s1]\n",
        "E202", 6, 13,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_error_is_located_and_exits_one(tmp_project, name):
    text, code, line, col = CASES[name]
    tmp_project.claim("bad.yaml", text)
    result = run_check(tmp_project)
    assert result.exit_code == 1, result.output
    assert ("arguments/bad.yaml", line, col, code) in diagnostics(result), result.output
    assert "Traceback" not in result.output


def test_quote_not_found_shows_closest_passage(tmp_project):
    tmp_project.claim("bad.yaml", CASES["quote-not-found"][0])
    out = run_check(tmp_project).output
    assert "closest passage" in out and "Kim Jung Un\u2019s intentions" in out


def test_alias_bomb_is_refused_quickly(tmp_project):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i-1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    lines.append("map: {title: *a9}")
    tmp_project.claim("bomb.yaml", "\n".join(lines) + "\n")
    result = run_check(tmp_project)
    assert result.exit_code == 1
    assert "E005" in result.output


def test_not_utf8_is_located(tmp_project):
    path = tmp_project.root / "arguments" / "latin1.yaml"
    path.write_bytes("map:\n  title: caf\u00e9\n".encode("latin-1"))
    result = run_check(tmp_project)
    assert result.exit_code == 1
    assert ("arguments/latin1.yaml", 2, 13, "E003") in diagnostics(result)


def test_source_missing_is_an_error_and_changed_a_warning(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    oped = tmp_project.root / "seeds" / "broadened-diplomacy-oped.txt"
    oped.write_text(oped.read_text(encoding="utf-8") + "\nedited\n", encoding="utf-8")
    result = run_check(tmp_project)
    assert result.exit_code == 0  # an appended line moves no quote: every quote re-anchors (issue 17)
    assert any(c == "W406" and p == "seeds/sources.yaml" for p, _, _, c in diagnostics(result))
    oped.unlink()
    result = run_check(tmp_project)
    assert any(c == "E303" for *_, c in diagnostics(result))


def test_warnings_do_not_fail_the_check(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map + "  - id: lonely\n    source: oped\n    quote: Can you blame them?\n")
    result = run_check(tmp_project)
    assert result.exit_code == 0
    assert ("arguments/m.yaml", 18, 9, "W404") in diagnostics(result)


def test_json_format_lists_diagnostics(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map.replace("supports: thesis", "supports: thesys"))
    result = run_check(tmp_project, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["errors"] == 1
    [d] = data["diagnostics"]
    assert (d["code"], d["line"], d["col"], d["hint"]) == ("E202", 12, 15, "did you mean 'thesis'?")


def test_check_reads_nothing_but_writes_nothing(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    before = {p: p.read_bytes() for p in tmp_project.root.rglob("*") if p.is_file()}
    run_check(tmp_project)
    after = {p: p.read_bytes() for p in tmp_project.root.rglob("*") if p.is_file()}
    assert before == after


def test_a_folder_map_reads_all_its_files_and_ids_span_files(tmp_project):
    tmp_project.claim("folder/a.yaml", "map: {title: t}\nstatements:\n  - {id: s1, kind: thesis, text: x}\n")
    tmp_project.claim("folder/b.yaml", "statements:\n  - {id: s2, text: y}\narguments:\n  - {id: a1, premises: [s2], supports: s1}\n")
    result = run_check(tmp_project)
    assert result.exit_code == 0, result.output
    assert "checked 1 map(s) in 2 file(s) (folder)" in result.output
