"""An output file as the renderers produce it and the build writes it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Artifact:
    name: str  # path relative to output/<map>/
    data: bytes | str
