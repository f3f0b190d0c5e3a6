"""What argmap prints is safe for a terminal and points at the right place
(issue 13, defect 15: terminal escapes, line ends, columns, invisible characters,
file names that are not UTF-8, long values)."""

from __future__ import annotations

import os
import sys

import pytest

from test_hostile import argmap, assert_located_failure


def test_escape_sequences_in_keys_never_reach_the_terminal(tmp_project, minimal_map):
    hostile = minimal_map + '  - id: ev-2\n    "\\e]0;pwned\\a\\e[2K\\rfake: ok": 1\n'
    tmp_project.claim("esc.yaml", hostile)
    proc = argmap(tmp_project.root, "check")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1
    for raw in ("\x1b", "\x07", "\r"):
        assert raw not in out, repr(out)
    assert "\\x1b]0;pwned" in out


def test_a_two_megabyte_key_is_not_echoed_whole(tmp_project, minimal_map):
    tmp_project.claim("long.yaml", minimal_map + "  - id: ev-2\n    ? " + "k" * 2_000_000 + "\n    : 1\n")
    proc = argmap(tmp_project.root, "check")
    assert proc.returncode == 1
    assert max(len(line) for line in proc.stdout.splitlines()) < 1_000
    assert "characters cut" in proc.stdout


def test_a_cr_only_file_reports_editor_lines(tmp_project):
    text = "map:\r  title: t\rstatements:\r  - id: a\r    txet: oops\r"
    (tmp_project.root / "arguments" / "mac.yaml").write_bytes(text.encode())
    assert_located_failure(argmap(tmp_project.root, "check"), "E101", "arguments/mac.yaml:5:5")


def test_the_column_of_a_bad_byte_counts_characters(tmp_project):
    (tmp_project.root / "arguments" / "bad.yaml").write_bytes("map: {title: 'déjà vu \xff'}\n".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    # "map: {title: 'déjà vu " is 22 characters (24 bytes): the bad byte is character 23
    assert_located_failure(argmap(tmp_project.root, "check"), "E003", "arguments/bad.yaml:1:23")


@pytest.mark.parametrize("variant", ["nfd", "soft-hyphen", "zero-width-joiner"])
def test_invisible_differences_do_not_stop_a_quote(tmp_project, minimal_map, variant):
    import unicodedata

    seed = tmp_project.root / "seeds" / "broadened-diplomacy-oped.txt"
    text = seed.read_text(encoding="utf-8")
    quote = "China accounts for over 90% of North Korea's total imports and exports"
    assert "China accounts for over 90%" in text
    if variant == "nfd":  # the map quotes with a decomposed accent where the seed has é
        changed = quote.replace("accounts", "acc\u00e9unts")
        seed.write_text(text.replace("China accounts", "China acc\u00e9unts"), encoding="utf-8")
        new_quote = unicodedata.normalize("NFD", changed)
    elif variant == "soft-hyphen":
        new_quote = quote.replace("imports", "im\u00adports")
    else:
        new_quote = quote.replace("exports", "ex\u200dports")
    if variant == "nfd":
        import hashlib
        import re

        sources = tmp_project.root / "seeds" / "sources.yaml"
        digest = hashlib.sha256(seed.read_bytes()).hexdigest()
        sources.write_text(re.sub(r"sha256: 9b11[0-9a-f]+", f"sha256: {digest}", sources.read_text(encoding="utf-8")), encoding="utf-8")
    tmp_project.claim("m.yaml", minimal_map.replace(quote, new_quote))
    proc = argmap(tmp_project.root, "check")
    assert proc.returncode == 0, proc.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="file names as raw bytes")
def test_a_file_name_that_is_not_utf8_is_refused_alike_by_check_and_build(tmp_project, minimal_map):
    name = os.fsencode(tmp_project.root / "arguments") + b"/caf\xe9.yaml"
    with open(name, "w", encoding="utf-8") as f:
        f.write(minimal_map)
    tmp_project.claim("fine.yaml", minimal_map)
    for command in ("check", "build"):
        proc = argmap(tmp_project.root, command)
        assert_located_failure(proc, "E003", r"arguments/caf\\udce9\.yaml:1:1")
        assert "internal error" not in proc.stderr
    assert (tmp_project.root / "output" / "fine" / "fine.json").is_file()
