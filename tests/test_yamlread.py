"""The YAML reader: positions for every value, plain strings, bounds."""

from __future__ import annotations

import pytest

from argmap.core.diagnostics import ArgmapError
from argmap.load.yamlread import MAX_DEPTH, parse_yaml

DOC = """\
statements:
  - id: s1
    text: no
    supports: [a, b]
  - {id: s2, text: "2023-02-01"}
"""


def test_every_value_and_key_has_its_line_and_column():
    doc = parse_yaml(DOC, "f.yaml")
    assert str(doc.positions.at(("statements", 0, "text"))) == "f.yaml:3:11"
    assert str(doc.positions.at(("statements", 0, "supports", 1))) == "f.yaml:4:19"
    assert str(doc.positions.at(("statements", 0, "supports"), key=True)) == "f.yaml:4:5"
    assert str(doc.positions.at(("statements", 1, "id"))) == "f.yaml:5:10"
    # A path that does not exist falls back to its nearest parent.
    assert str(doc.positions.at(("statements", 1, "missing"))) == "f.yaml:5:5"


def test_scalars_stay_text_so_yaml_1_1_surprises_never_happen():
    data = parse_yaml(DOC, "f.yaml").data
    assert data["statements"][0]["text"] == "no"
    assert data["statements"][1]["text"] == "2023-02-01"
    assert parse_yaml("a: ~\nb:\n", "f").data == {"a": None, "b": None}


def test_nesting_is_bounded():
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(ArgmapError) as err:
        parse_yaml(deep, "deep.yaml")
    assert err.value.diagnostics[0].code == "E005"


def test_recursive_alias_is_refused():
    with pytest.raises(ArgmapError) as err:
        parse_yaml("a: &x [*x]\n", "r.yaml")
    assert err.value.diagnostics[0].code in {"E001", "E005"}


def test_empty_file_is_an_empty_mapping():
    assert parse_yaml("# only a comment\n", "e.yaml").data == {}


def test_lines_are_counted_as_an_editor_counts_them():
    # U+2028 and U+0085 end a line for YAML but not for most editors.
    doc = parse_yaml('a: "x\u2028y\x85z"\nb: [1, 2]\n', "f.yaml")
    assert str(doc.positions.at(("b", 1))) == "f.yaml:2:8"
