"""Located diagnostics: `path:line:col: error[CODE]: message`.

Every problem a user can cause is a `Diagnostic` with a stable code from
`CODES`. docs/errors.md documents each code; a test keeps the two in step.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    note = "note"  # a weak spot kept on purpose, with its reason: not counted as a warning


# code -> (severity, short name). Codes are stable: never renumber, only add.
CODES: dict[str, tuple[Severity, str]] = {
    # reading files
    "E001": (Severity.error, "yaml-syntax"),
    "E002": (Severity.error, "duplicate-key"),
    "E003": (Severity.error, "not-utf8"),
    "E004": (Severity.error, "file-too-large"),
    "E005": (Severity.error, "too-deep-or-too-many-values"),
    "E006": (Severity.error, "yaml-tag"),
    "E007": (Severity.error, "file-missing"),
    "E008": (Severity.error, "outside-project"),
    "E009": (Severity.error, "unsafe-output-path"),
    "E010": (Severity.error, "duplicate-map-id"),
    "E011": (Severity.error, "reserved-map-id"),
    "E012": (Severity.error, "not-a-project"),
    "E013": (Severity.error, "cannot-write"),
    "E014": (Severity.error, "would-overwrite"),
    # the shape of a claim file
    "E101": (Severity.error, "unknown-key"),
    "E102": (Severity.error, "missing-key"),
    "E103": (Severity.error, "wrong-type"),
    "E104": (Severity.error, "invalid-value"),
    "E105": (Severity.error, "no-map-header"),
    # ids and references
    "E201": (Severity.error, "duplicate-id"),
    "E202": (Severity.error, "unknown-id"),
    "E203": (Severity.error, "wrong-kind-of-id"),
    "E204": (Severity.error, "self-support"),
    "E205": (Severity.error, "support-cycle"),
    # quotes and sources
    "E301": (Severity.error, "quote-not-found"),
    "E302": (Severity.error, "highlight-not-in-quote"),
    "E303": (Severity.error, "source-file-missing"),
    "E304": (Severity.error, "source-changed"),
    "E305": (Severity.error, "quote-has-ellipsis"),
    "E306": (Severity.error, "unknown-reference"),
    "E307": (Severity.error, "list-split-by-comma"),
    "E308": (Severity.error, "occurrence-not-found"),
    "E309": (Severity.error, "quote-cuts-a-word"),
    # warnings
    "W401": (Severity.warning, "orphan-statement"),
    "W402": (Severity.warning, "ambiguous-quote"),
    "W403": (Severity.warning, "quote-in-furniture"),
    "W404": (Severity.warning, "evidence-unused"),
    "W405": (Severity.warning, "build-record-ignored"),
    "W406": (Severity.warning, "source-changed-reanchored"),
    "W407": (Severity.warning, "anchors-unreadable"),
    # rendering
    "E501": (Severity.error, "handout-render-failed"),
    "E502": (Severity.error, "graphviz-missing"),
    "E503": (Severity.error, "diagram-render-failed"),
    "E504": (Severity.error, "map-outputs-failed"),
    # argmap import
    "E601": (Severity.error, "import-unreadable"),
    "E602": (Severity.error, "import-would-overwrite"),
    "E505": (Severity.error, "png-too-large"),
    # weak spots of the reasoning (argmap check --verbose; argmap.analyze.weakspots)
    "W501": (Severity.warning, "no-evidence"),
    "W502": (Severity.warning, "single-source"),
    "W503": (Severity.warning, "self-citation"),
    "W504": (Severity.warning, "dated-evidence"),
    "W505": (Severity.warning, "unanswered-attack"),
    "W506": (Severity.warning, "unsupported-premise"),
    "W507": (Severity.warning, "noted-weakness"),
    "W508": (Severity.warning, "overclaim-tag"),
    # strategy checks (argmap check --verbose; argmap.analyze.strategy)
    "W509": (Severity.warning, "indicted-support"),
    "W510": (Severity.warning, "double-bind"),
    "W511": (Severity.warning, "concession"),
    "W512": (Severity.warning, "answer-misfit"),
    "W513": (Severity.warning, "one-sided-scrutiny"),
    "W514": (Severity.warning, "analytic-in-disguise"),
    "W515": (Severity.warning, "read-drops-qualifier"),
    "W516": (Severity.warning, "short-read"),
    "W517": (Severity.warning, "read-mid-phrase"),
    # keeping a weak spot on purpose (argmap.analyze.keeps)
    "W518": (Severity.warning, "keep-without-reason"),
    "W519": (Severity.warning, "stale-keep"),
}


@dataclass(frozen=True, order=True)
class Location:
    path: str
    line: int = 1  # 1-based
    col: int = 1  # 1-based

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    location: Location
    hint: str | None = None
    related: tuple[Location, ...] = field(default=())
    kept: str | None = None  # a weak spot kept on purpose: the reason (printed as a note, not a warning)

    @property
    def severity(self) -> Severity:
        return Severity.note if self.kept else CODES[self.code][0]

    @property
    def name(self) -> str:
        return CODES[self.code][1]

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error

    def format(self) -> str:
        text = f"{self.location}: {self.severity.value}[{self.code}]: {self.message}"
        if self.kept:
            text += f" (kept: {self.kept})"
        if self.hint:
            text += f"\n  help: {self.hint}"
        for rel in self.related:
            text += f"\n  note: see {rel}"
        return text

    def to_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "path": self.location.path,
            "line": self.location.line,
            "col": self.location.col,
            "related": [str(r) for r in self.related],
            "kept": self.kept,
        }


class ArgmapError(Exception):
    """Raised by a stage that cannot go on; carries every diagnostic found so far."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(diagnostics, key=sort_key)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class OptionError(ValueError):
    """A command option with a value that cannot be used (an --accept id no map has).
    The CLI reports it as a usage error of that option, exit 2."""

    option = "--option"


def sort_key(d: Diagnostic) -> tuple:
    return (d.location.path, d.location.line, d.location.col, d.code)


def unique_sorted(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic once (a source's error reaches every map that cites it), in file order."""
    seen: set = set()
    out = []
    for d in diagnostics:
        key = (d.code, d.location, d.message)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return sorted(out, key=sort_key)


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """The nearest candidate to a mistyped name, or None if nothing is close."""
    pool = list(candidates)
    close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in pool}
        close = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
        close = [lowered[c] for c in close]
    return close[0] if close else None
