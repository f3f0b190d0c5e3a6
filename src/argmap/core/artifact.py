"""An output file as the renderers produce it and the build writes it.

A renderer that can say cheaply what a file depends on gives it a `key` (a
hash of the view data, the DOT text, the options) and a `make` that renders
it only when called. The build compares the key with the one it recorded
for that file and calls `make` only when they differ, so a claim file edited
in one place re-renders only the outputs that show that place. A file given
as `data` is keyed by its bytes: it is rendered, but not rewritten when
nothing in it changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Callable


@dataclass(frozen=True)
class Artifact:
    name: str  # path relative to output/<map>/
    data: bytes | str | None = None
    key: str | None = None  # what the file depends on, hashed; None: the hash of its data
    make: Callable[[], bytes | str] | None = field(default=None, compare=False)

    def content(self) -> bytes | str:
        if self.data is not None:
            return self.data
        if self.make is None:
            raise ValueError(f"artifact {self.name!r} has neither data nor a way to make it")
        return self.make()


def digest(*parts: bytes | str) -> str:
    """A stable hash of the parts, for artifact keys."""
    h = hashlib.sha256()
    for part in parts:
        h.update(b"\0")
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
    return h.hexdigest()
