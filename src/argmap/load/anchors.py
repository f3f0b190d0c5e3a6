"""The recorded anchors of the evidence quotes: `seeds/anchors.json`.

For every quote of every source, where it was found the last time someone
ran `argmap check --update-anchors`: its position and the 32 characters
before and after it (a W3C TextPositionSelector and TextQuoteSelector), with
the sha256 of the source text they were taken from. When a source text is
edited, each quote is re-anchored from its record (argmap.resolve.locate):
the recorded position first, then an exact search, and for a quote that no
longer matches, the nearest passage is found from its recorded context.

The file sits next to the texts it describes and is committed with them, so a
clean clone (and CI) has it. Only `argmap check --update-anchors` writes it.
Records are keyed by source and by the quote with its occurrence selector,
not by map: two maps quoting the same passage share one record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from argmap.core.diagnostics import Diagnostic, Location
from argmap.load.project import Project

ANCHORS_NAME = "anchors.json"
FORMAT_VERSION = 1
ABOUT = ("Where each evidence quote was found in its source text (argmap check --update-anchors writes this file; "
         "commit it with the texts). When a text is edited, argmap re-anchors each quote from its record.")


@dataclass(frozen=True)
class RecordedAnchor:
    start: int
    end: int
    prefix: str
    suffix: str


@dataclass
class SourceAnchors:
    sha256: str | None  # of the text the records were taken from
    quotes: dict[str, RecordedAnchor] = field(default_factory=dict)  # record_key -> anchor


def record_key(quote: str, occurrence: int | None = None, after: str | None = None, before: str | None = None) -> str:
    """One quote with its selector, as a stable string."""
    return json.dumps([quote, occurrence, after, before], ensure_ascii=False)


def anchors_path(project: Project):
    return project.seeds_dir / ANCHORS_NAME


def read_anchors(project: Project) -> tuple[dict[str, SourceAnchors], list[Diagnostic]]:
    """The recorded anchors by source id; a missing file is no records, a damaged one a warning (W407)."""
    path = anchors_path(project)
    if not path.is_file():
        return {}, []
    where = Location(project.display(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        out: dict[str, SourceAnchors] = {}
        for sid, entry in data["sources"].items():
            rec = SourceAnchors(entry.get("sha256"))
            for item in entry["anchors"]:
                key = record_key(item["quote"], item.get("occurrence"), item.get("after"), item.get("before"))
                rec.quotes[key] = RecordedAnchor(int(item["start"]), int(item["end"]), str(item["prefix"]), str(item["suffix"]))
            out[str(sid)] = rec
        return out, []
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return {}, [Diagnostic("W407", f"the recorded anchors could not be read ({type(exc).__name__}); quotes are found by search alone", where,
                               hint="run 'argmap check --update-anchors' to write the file again")]


def dump_anchors(records: dict[str, SourceAnchors]) -> str:
    sources = {}
    for sid in sorted(records):
        rec = records[sid]
        items = []
        for key, a in sorted(rec.quotes.items(), key=lambda kv: (kv[1].start, kv[0])):
            quote, occurrence, after, before = json.loads(key)
            item = {"quote": quote}
            for name, value in (("occurrence", occurrence), ("after", after), ("before", before)):
                if value is not None:
                    item[name] = value
            item.update(start=a.start, end=a.end, prefix=a.prefix, suffix=a.suffix)
            items.append(item)
        sources[sid] = {"sha256": rec.sha256, "anchors": items}
    return json.dumps({"about": ABOUT, "version": FORMAT_VERSION, "sources": sources}, ensure_ascii=False, indent=2) + "\n"
