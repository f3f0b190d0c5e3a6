"""The design, kept visible: stage packages, imports only down the pipeline,
one API function per command, small modules, no swallowed errors."""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from argmap import api
from argmap.cli import main

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "argmap"
STAGES = ("core", "load", "ingest", "resolve", "analyze", "render", "export", "build", "serve")
CLI_ONLY = {"output", "project_dir"}  # -o writes what the API returns; --project becomes the API's first argument
PRINTING = {"check": {"format"}}  # how the CLI prints a result (text or JSON); the API returns the data itself


def test_the_stages_are_packages():
    for stage in STAGES:
        assert (SRC / stage / "__init__.py").is_file(), stage
    loose = sorted(p.name for p in SRC.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "api.py", "cli.py"]


def test_imports_point_only_down_the_pipeline():
    """import-linter's layers contract in pyproject.toml."""
    linter = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(linter), str(REPO / "pyproject.toml")], cwd=REPO, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "1 kept, 0 broken" in run.stdout


def test_the_contract_names_every_stage():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    layers = text[text.index("layers = ["):]
    for stage in STAGES:
        assert f'"argmap.{stage}' in layers or f"argmap.{stage} " in layers or f"| argmap.{stage}" in layers, stage


def _commands() -> dict[str, click.Command]:
    """Every command; a group's subcommands as "group sub" (`argmap source add` is api.source_add)."""
    out: dict[str, click.Command] = {}
    for name, command in main.commands.items():
        if isinstance(command, click.Group):
            out.update({f"{name} {sub}": c for sub, c in command.commands.items()})
        else:
            out[name] = command
    return out


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_has_an_api_twin_with_the_same_options(name):
    command = _commands()[name]
    twin = getattr(api, name.replace(" ", "_"), None)
    assert callable(twin), f"argmap.api has no function {name.replace(' ', '_')}()"
    cli_names = {p.name for p in command.params} - CLI_ONLY - PRINTING.get(name, set())
    api_names = set(inspect.signature(twin).parameters) - {"project"}
    assert cli_names <= api_names, f"{name}: the API lacks {sorted(cli_names - api_names)}"
    assert "project" in inspect.signature(twin).parameters
    assert twin.__doc__ and f"argmap {name}" in twin.__doc__, f"api.{name} does not say which command it is"


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_is_documented(name):
    command = _commands()[name]
    assert command.help and len(command.help) > 40
    for p in command.params:
        if isinstance(p, click.Option):
            assert p.help, f"{name} {p.opts[0]} has no help"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `argmap {name}\b", readme, re.M), f"README's command table lacks argmap {name}"


def test_accept_is_an_option_of_every_command_that_shows_labels():
    for name in ("check", "export", "diagram", "handout", "build", "watch"):
        assert "accept" in {p.name for p in _commands()[name].params}, name


def _catches_everything(handler: ast.ExceptHandler) -> bool:
    """A bare handler, or one of Exception or BaseException."""
    if handler.type is None:
        return True
    names = {node.id for node in ast.walk(handler.type) if isinstance(node, ast.Name)}
    return bool({"Exception", "BaseException"} & names)


def test_no_handler_catches_everything_outside_the_cli_last_resort():
    """An analysis or rendering bug must fail the command, not print a default;
    cleanup on the way out is `finally`'s job. Only the CLI's last resort may catch all."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path == SRC / "cli.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ExceptHandler) and _catches_everything(node):
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders, "\n".join(offenders)


def test_no_module_is_larger_than_about_800_lines():
    big = {str(p.relative_to(REPO)): n for p in SRC.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 850}
    assert not big, big
