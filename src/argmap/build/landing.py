"""output/index.html, the landing page: every map with its title, description
and check status, and each of its outputs by what it is (kind, format,
pages, one line on its use), the printable PDFs first for a coach and the
data files last; a map whose last build failed carries a banner.

It reads only what the build recorded: each map's manifest (its files, its
title and description, its diagnostics, and the last failure, kept until a
build of the map succeeds) and the PDFs' page counts.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

# (how the name ends after "<map>", kind, use, group); the first match wins. Group order: the page's order.
GROUPS = ["Print (PDF)", "Word (Verbatim .docx)", "Web pages (HTML)", "Images", "Data files"]
OUTPUTS: list[tuple[str, str, str, int]] = [
    (r"-1ac\.pdf", "1AC speech document", "the affirmative case read straight through, timed against the constructive", 0),
    (r"-1nc\.pdf", "1NC shells", "each disadvantage, counterplan and case attack, part by part, with its cards", 0),
    (r"-brief\.pdf", "Case brief", "the case on two pages: thesis, plan, outline, options, coverage; then the diagram", 0),
    (r"-cards\.pdf", "Evidence cards", "every card with tag, cite and highlighted read, and a find-a-card index", 0),
    (r"-blocks\.pdf", "Blocks and cross-examination", "an answer block for each attack, and the questions to ask", 0),
    (r"-flow\.pdf", "Flow sheet", "landscape sheets with the event's speech columns, the case in the first", 0),
    (r"-reading-(.+)\.pdf", "Numbered source reading", "the source with argmap's paragraph numbers and the carded passages marked", 0),
    (r"-worksheet\.pdf", "Student worksheet", "the class worksheet, to print", 0),
    (r"-key\.pdf", "Teacher key", "the worksheet's answers, misconceptions and the weak-spot report", 0),
    (r"-option-(.+)\.pdf", "Option diagram", "the diagram of one policy option, paged to print", 0),
    (r"\.pdf", "Argument diagram", "the whole map, paged to print", 0),
    (r"-1ac\.docx", "1AC speech document", "the 1AC to edit in Word or Verbatim", 1),
    (r"-1nc\.docx", "1NC shells", "the shells to edit in Word or Verbatim", 1),
    (r"-cards\.docx", "Evidence file", "every card in Verbatim's pocket / hat / block / tag layout", 1),
    (r"-map\.html", "Interactive map", "the map to explore in a browser, with what-ifs", 2),
    (r"-reading-(.+)\.html", "Numbered source reading", "the source with its paragraph numbers, for a phone or a projector", 2),
    (r"-(brief|cards|blocks|flow|worksheet|key)\.html", "", "the handout for a screen or a phone", 2),
    (r"-option-(.+)\.svg", "Option diagram", "one option's diagram for slides", 3),
    (r"\.(svg|png)", "Argument diagram", "the whole map as an image for slides or documents", 3),
    (r"-cards\.json", "Cards data", "the cards with their spans, for card-search tools", 4),
    (r"-cite-request\.md", "Cite requests", "what the sources leave out (qualifications, dates), to ask for", 4),
    (r"\.json", "Map data", "the resolved map with every anchor and label (argmap export --format json)", 4),
]
HANDOUT_NAMES = {"brief": "Case brief", "cards": "Evidence cards", "blocks": "Blocks and cross-examination", "flow": "Flow sheet",
                 "worksheet": "Student worksheet", "key": "Teacher key"}
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word", "html": "HTML", "svg": "SVG", "png": "PNG", "json": "JSON", "md": "Markdown"}


@dataclass
class Output:
    name: str
    kind: str
    fmt: str
    use: str
    group: int
    rank: int  # the row's place in OUTPUTS
    pages: int | None = None
    sub: int = 0  # a handout's place among the handouts


def describe(map_id: str, name: str, sources: dict | None = None) -> Output:
    """What one output file is, from its name (`sources`: source id -> short cite, for the readings)."""
    fmt = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    rest = name[len(map_id):] if name.startswith(map_id) else name
    for rank, (pattern, kind, use, group) in enumerate(OUTPUTS):
        m = re.fullmatch(pattern, rest)
        if m is None:
            continue
        sub = 0
        if not kind:
            kind = HANDOUT_NAMES.get(m.group(1), m.group(1))
            sub = list(HANDOUT_NAMES).index(m.group(1)) if m.group(1) in HANDOUT_NAMES else 0
        elif m.groups() and ("reading" in pattern or "option" in pattern):
            what = m.group(1)
            if "reading" in pattern and isinstance((sources or {}).get(what), str):
                what = sources[what]
            kind = f"{kind}: {what}"
        return Output(name, kind, FORMAT_NAMES.get(fmt, fmt.upper()), use, group, rank, sub=sub)
    return Output(name, name, FORMAT_NAMES.get(fmt, fmt.upper()), "", 4, len(OUTPUTS))


_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b")


def pdf_pages(path: Path) -> int | None:
    """A PDF's page count, from its page tree (the largest /Count: the root's)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    counts = [int(a or b) for a, b in _PAGES.findall(data)]
    return max(counts) if counts else None


def count_notes(notes: list[str]) -> tuple[int, int]:
    """(errors, warnings) among formatted diagnostics."""
    return (sum(": error[" in n for n in notes), sum(": warning[" in n for n in notes))


def _href(*parts: str) -> str:
    """A link to a file under output/, always relative: each part percent-encoded
    (':' too), so no name can make a `javascript:` or other scheme link."""
    return html.escape("/".join(urllib.parse.quote(p, safe="") for p in parts), quote=True)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


CSS = """
:root{--ink:#111;--soft:#555;--rule:#ccc;--bad:#8a1c1c;--badbg:#fbeaea;--ok:#1d5e2a}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);max-width:62rem;margin:0 auto;padding:1.2rem 1rem 3rem}
h1{font-size:1.6rem;margin:.2rem 0 1rem}
.map{border:1px solid var(--rule);border-radius:6px;padding:.8rem 1rem 1rem;margin:0 0 1.5rem}
.map h2{margin:0;font-size:1.3rem}
.mapid{color:var(--soft);font-size:.85rem;font-family:ui-monospace,monospace}
.desc{margin:.3rem 0}
.status{display:inline-block;font-size:.85rem;font-weight:600;border-radius:4px;padding:.05rem .5rem;margin:.2rem 0 .4rem}
.status.ok{color:var(--ok);border:1px solid var(--ok)}
.status.bad{color:var(--bad);border:1px solid var(--bad)}
.banner{background:var(--badbg);border:2px solid var(--bad);color:var(--bad);border-radius:5px;padding:.6rem .8rem;margin:.5rem 0}
.banner pre{white-space:pre-wrap;word-break:break-word;font-size:.8rem;margin:.4rem 0 0;color:var(--ink)}
h3{font-size:1rem;margin:1rem 0 .3rem;border-bottom:1px solid var(--rule)}
table{border-collapse:collapse;width:100%;font-size:.92rem}
td{padding:.3rem .4rem;vertical-align:top;border-bottom:1px solid #eee}
td.kind{width:34%}
td.fmt{white-space:nowrap;color:var(--soft);width:7rem}
td.use{color:var(--soft)}
.stale a{color:#777}
@media (max-width:40rem){
 table,tbody,tr,td{display:block;width:auto}
 tr{padding:.35rem 0;border-bottom:1px solid #eee}
 td{border:0;padding:.05rem 0}
 td.kind{width:auto}td.fmt{width:auto}
}
"""


def map_section(map_id: str, out_dir: Path, manifest: dict, files: list[str], failed_now: bool) -> str:
    title = manifest.get("title") if isinstance(manifest.get("title"), str) else None
    desc = manifest.get("description") if isinstance(manifest.get("description"), str) else None
    failure = manifest.get("last_failure") if isinstance(manifest.get("last_failure"), list) else None
    notes = [n for n in (failure or manifest.get("diagnostics", [])) if isinstance(n, str)]
    errors, warnings = count_notes(notes)
    head = f'<h2>{html.escape(title or map_id)}</h2><div class="mapid">{html.escape(map_id)}</div>'
    if desc:
        head += f'<p class="desc">{html.escape(desc)}</p>'
    failed = failed_now or failure is not None
    cls = "bad" if failed or errors else "ok"
    status = f'<span class="status {cls}">check: {_plural(errors, "error")}, {_plural(warnings, "warning")}</span>'
    banner = ""
    if failed:
        shown = "\n".join(n for n in notes if ": error[" in n)[:4000]
        older = (" The files below are from an earlier build and may not match the claim files or sources."
                 if files else " Nothing has been built for it yet.")
        banner = (f'<div class="banner" role="alert"><strong>Stale: the last build of this map failed.</strong>{older} '
                  f'Run <code>argmap check</code> to see why.' + (f"<pre>{html.escape(shown)}</pre>" if shown else "") + "</div>")
    if not files:
        body = "" if failed else "<p>Not built: run <code>argmap check</code> to see why.</p>"
        return f'<section class="map">{head}{status}{banner}{body}</section>'
    sources = manifest.get("sources") if isinstance(manifest.get("sources"), dict) else {}
    outs = [describe(map_id, f, sources) for f in files]
    for o in outs:
        if o.fmt == "PDF":
            o.pages = pdf_pages(out_dir / o.name)
    outs.sort(key=lambda o: (o.group, o.rank, o.sub, o.name))
    groups = []
    for g, label in enumerate(GROUPS):
        rows = [o for o in outs if o.group == g]
        if not rows:
            continue
        trs = ""
        for o in rows:
            pages = f", {_plural(o.pages, 'page')}" if o.pages else ""
            trs += (f'<tr><td class="kind"><a href="{_href(map_id, *o.name.split("/"))}">{html.escape(o.kind)}</a></td>'
                    f'<td class="fmt">{o.fmt}{pages}</td>'
                    f'<td class="use">{html.escape(o.use)}<div class="mapid">{html.escape(o.name)}</div></td></tr>')
        groups.append(f"<h3>{label}</h3><table><tbody>{trs}</tbody></table>")
    stale = ' class="stale"' if failed else ""
    return f'<section class="map">{head}{status}{banner}<div{stale}>{"".join(groups)}</div></section>'


def page(sections: list[str]) -> str:
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>argmap output</title><style>{CSS}</style></head><body>"
            "<h1>argmap output</h1>" + "".join(sections) + "</body></html>\n")
