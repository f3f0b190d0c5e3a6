"""An Argdown document of the map (https://argdown.org), for the Argdown toolchain.

- Every statement is defined once, titled by its id: `[ex-thesis]: text #(tag) {data}`.
  The data block carries its kind, side, option, `as_of`, group, rephrases and
  grounded status; `contrary:` is written `-> [other]` (Argdown's contrariness)
  and `contradicts:` `>< [other]`.
- Every evidence item is a statement too, titled by its id, whose text is the
  quote as it stands in the source followed by its short cite, with
  `+> [statement]` for what it supports and `-> [statement]` for what it
  challenges.
- Every argument is titled by its id, described by its warrant, and given as a
  premise-conclusion structure: its premises, a line, its conclusion. An
  argument that supports a statement concludes that statement. A rebuttal
  concludes a statement of its own, `[<id> conclusion]: It is not the case
  that: ...`, which attacks (`->`) the statement it rebuts; an undercut
  concludes one that undercuts (`_>`) the argument.

Text is escaped for Argdown's lexer: characters that would start a link, tag,
mention, emphasis, comment, data block or shortcode are written with a
backslash, which Argdown drops when it reads them back.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.load.model import Relation
from argmap.analyze.analysis import Analysis
from argmap.resolve.resolver import ResolvedMap
from argmap.export.aif import evidence_text

ALWAYS = set("\\[]<>{}@#*_/=")
# '.' and ':' open a shortcode (".name." or ":name:") when the same character
# closes it later in the same run of non-space characters.
SHORTCODE = set(".:")


def escape(text: str) -> str:
    """Text as Argdown content: one line, every special character escaped."""
    flat = " ".join(text.split())
    out = []
    for i, ch in enumerate(flat):
        if ch in ALWAYS:
            out.append("\\" + ch)
        elif ch in SHORTCODE:
            run = flat[i + 1:].split(" ", 1)[0]
            out.append("\\" + ch if ch in run[1:] else ch)
        else:
            out.append(ch)
    return "".join(out)


def conclusion_title(argument_id: str) -> str:
    """The title of the conclusion Argdown needs for a rebuttal or an undercut."""
    return f"{argument_id} conclusion"


def _data(values: dict[str, Any]) -> str:
    items = [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in values.items() if v not in (None, "", [])]
    return "{" + ", ".join(items) + "}" if items else ""


def _yaml_string(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar; '=' is escaped so that no
    # run of '===' can end Argdown's front matter early.
    return json.dumps(" ".join(text.split()), ensure_ascii=False).replace("=", "\\u003d")


def _line(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def evidence_statement_text(rmap: ResolvedMap, eid: str) -> str:
    """What an evidence item says in the Argdown document (before escaping)."""
    ev = rmap.evidence[eid].evidence
    src = rmap.sources.get(ev.source)
    cite = src.cite_short() if src is not None else ev.source
    return f"\u201c{' '.join(evidence_text(rmap, eid).split())}\u201d ({cite})"


def rebuttal_text(rmap: ResolvedMap, target: str) -> str:
    return f"It is not the case that: {rmap.statements[target].text}"


def undercut_text(target_argument: str) -> str:
    return f"The premises of \u2018{target_argument}\u2019 do not lead to its conclusion."


def render(analysis: Analysis) -> str:
    rmap = analysis.map
    status = analysis.evaluation.status()
    out: list[str] = ["==="]
    out.append(f"title: {_yaml_string(rmap.header.title)}")
    if rmap.header.resolution:
        out.append(f"subTitle: {_yaml_string(rmap.header.resolution)}")
    out += ["===", "", "// Written by argmap. Titles are the map's ids; {data} holds kind, side and grounded status.", ""]

    out.append("// Statements")
    out.append("")
    for sid, st in rmap.statements.items():
        data = _data({"kind": st.kind.value, "side": analysis.sides[sid].value, "option": st.option,
                      "stock_issue": st.stock_issue.value if st.stock_issue else None, "as_of": st.as_of,
                      "accepted": True if st.accepted else None, "status": status.get(sid),
                      "group": st.group, "rephrases": st.rephrases})
        tags = " ".join(f"#({escape(t).replace(')', '')})" for t in st.tags)
        out.append(_line(f"[{sid}]:", escape(st.text), tags, data))
        out += [f"  -> [{other}]" for other in st.contrary]  # Argdown: attack between statements is contrariness
        out += [f"  >< [{other}]" for other in st.contradicts]
        out.append("")

    if rmap.evidence:
        out.append("// Evidence")
        out.append("")
    for eid, rev in rmap.evidence.items():
        ev = rev.evidence
        data = _data({"kind": "evidence", "source": ev.source, "reference": ev.reference,
                      "accepted": True if ev.accepted else None, "status": status.get(eid)})
        out.append(_line(f"[{eid}]:", escape(evidence_statement_text(rmap, eid)), data))
        for sid in ev.supports:
            out.append(f"  +> [{sid}]")
        for sid in ev.challenges:
            out.append(f"  -> [{sid}]")
        out.append("")

    if rmap.arguments:
        out.append("// Arguments")
        out.append("")
    for aid, arg in rmap.arguments.items():
        data = _data({"relation": arg.relation.value, "scheme": arg.scheme.value if arg.scheme else None,
                      "answer_type": arg.answer_type.value if arg.answer_type else None, "status": status.get(aid)})
        if arg.warrant and arg.warrant.strip():
            out.append(_line(f"<{aid}>:", escape(arg.warrant), data))
        else:
            out.append(_line(f"<{aid}>", data))
        out.append("")
        for i, p in enumerate(arg.premises, 1):
            out.append(f"({i}) [{p}]")
        out.append("----")
        n = len(arg.premises) + 1
        if arg.relation is Relation.support:
            out.append(f"({n}) [{arg.target}]")
        elif arg.relation is Relation.rebut:
            out.append(f"({n}) [{conclusion_title(aid)}]: {escape(rebuttal_text(rmap, arg.target))}")
            out.append(f"  -> [{arg.target}]")
        else:
            out.append(f"({n}) [{conclusion_title(aid)}]: {escape(undercut_text(arg.target))}")
            out.append(f"  _> <{arg.target}>")
        out.append("")
    text = "\n".join(out).rstrip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", text)
