"""Keep the documentation honest: every code and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.cli import main
from argmap.core.diagnostics import CODES

REPO = Path(__file__).resolve().parents[1]


def test_every_code_is_documented_with_its_name():
    doc = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| ([EW]\d{3}) \| ([a-z0-9-]+) \|", doc, re.M))
    assert rows == {code: name for code, (_sev, name) in CODES.items()}


def test_every_command_has_help_and_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 20, name
        assert f"argmap {name}" in readme, name


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one():
    lines = (REPO / "README.md").read_text(encoding="utf-8").splitlines()
    block = "\n".join(lines[:6])
    assert "scripts/setup && .venv/bin/argmap build" in block
    assert "scripts/setup && .venv/bin/python -m pytest" in block
    assert "scripts/setup && .venv/bin/python -m pytest" in (REPO / ".ci" / "run").read_text()


def test_the_repository_example_checks_clean(repo_project):
    from argmap.api import check

    result = check(repo_project, [REPO / "arguments" / "example.yaml"])
    assert result.errors == 0 and result.warnings == 0, [d.format() for d in result.all_diagnostics()]
