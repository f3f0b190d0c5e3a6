"""Shared fixtures: temporary projects built from the real seeds/."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


class TmpProject:
    def __init__(self, root: Path):
        self.root = root
        shutil.copytree(REPO / "seeds", root / "seeds")
        (root / "arguments").mkdir()

    def write(self, relpath: str, text: str) -> Path:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    def claim(self, name: str, text: str) -> Path:
        return self.write(f"arguments/{name}", text)

    @property
    def project(self):
        from argmap.load.project import Project

        return Project(self.root)


@pytest.fixture
def tmp_project(tmp_path: Path) -> TmpProject:
    return TmpProject(tmp_path / "proj")


@pytest.fixture
def repo_project():
    from argmap.load.project import Project

    return Project(REPO)


MINIMAL_MAP = """
map:
  title: Minimal
statements:
  - id: thesis
    kind: thesis
    text: The US should engage North Korea.
  - id: embargo-fails
    text: The embargo has not stopped the missile program.
arguments:
  - id: arg-1
    premises: [embargo-fails]
    supports: thesis
evidence:
  - id: ev-1
    source: oped
    quote: China accounts for over 90% of North Korea's total imports and exports
    supports: [embargo-fails]
"""


@pytest.fixture
def minimal_map() -> str:
    return MINIMAL_MAP
