"""Render a handout view model as Markdown (for pasting into a doc or a wiki).

Text from claim files is escaped for Markdown (`*`, `_`, `<`, `[`, `&`... get a
backslash) so it shows literally; card bodies use
only `<u>` and `<small>` tags, which common Markdown renderers keep.
"""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def esc(text) -> str:
    if text is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(text).replace("\n", " "))


def _ptrs(ps) -> str:
    return " ".join(f"({esc(p['short_cite'])}, **{p['number']}**)" for p in ps) if ps else "*(analytic)*"


def _seg(s) -> str:
    t = esc(s["text"])
    if not t.strip():
        return t
    lead = t[: len(t) - len(t.lstrip())]
    trail = t[len(t.rstrip()):]
    core = t.strip()
    style = s["style"]
    if style == "context":
        return f"{lead}<small>{core}</small>{trail}"
    if style == "underline":
        return f"{lead}<u>{core}</u>{trail}"
    if style == "highlight":
        return f"{lead}<u>**{core}**</u>{trail}"
    return f"{lead}<u>***{core}***</u>{trail}"


def _header(h) -> list[str]:
    out = [f"# {esc(h['title'])}", "", f"*{esc(h['kind_title'])}*", ""]
    if h["resolution"]:
        out += [f"> Resolved: {esc(h['resolution'])}", ""]
    for s in h["sources"]:
        out.append(f"- **{esc(s['short_cite'])}** {esc(s['full'])}")
    return out + [""]


def _card(c, wpm) -> list[str]:
    out = [f"##### {c['number']} {esc(c['tag'])}", ""]
    cite = f"**{esc(c['short_cite'])}** {esc(c['cite'])}"
    if c["citing"]:
        cite += f"; {esc(c['citing'])}"
    out += [cite, ""]
    for p in c["body"]:
        out += [(f"¶{p['number']} " if p["number"] else "") + "".join(_seg(s) for s in p["segments"]), ""]
    out += [f"*{c['number']} · ¶{', ¶'.join(map(str, c['paragraphs']))} · read {c['read_words']} words ({c['read_basis']}), about {c['read_time']} at {wpm} wpm*", ""]
    if c["note"]:
        out += [f"*Coach's note: {esc(c['note'])}*", ""]
    return out


def render_markdown(view) -> str:
    d = view.to_data()
    h, b, kind = d["header"], d["body"], d["kind"]
    out = _header(h)
    if kind == "cards":
        out += [esc(b["read_note"]), ""]
        for pocket in b["pockets"]:
            out += [f"## {pocket['label']}", ""]
            for hat in pocket["hats"]:
                out += [f"### {hat['label']}", ""]
                for blk in hat["blocks"]:
                    out += [f"#### {esc(blk['claim_tag'])}", ""]
                    for c in blk["cards"]:
                        out += _card(c, d["wpm"])
    elif kind == "brief":
        if b["thesis"]:
            out += [f"**Thesis:** {esc(b['thesis']['tag'])}", ""]
        if b["plan"]:
            out += ["## Plan text", ""]
            for opt in b["plan"]:
                out.append(f"**{esc(opt['label'])}** ({opt['kind']}{', recommended' if opt['recommended'] else ''})")
                out += [f"{p['number']}. {esc(p['text'])}" for p in opt["planks"]] + [""]
        out += ["## Case outline", ""]
        for sec in b["outline"]:
            out += [f"### {sec['label']}", ""]
            lines = [(None, sec["lines"])] + [(sub["label"], sub["lines"]) for sub in sec["subsections"]]
            for label, lns in lines:
                if label:
                    out += [f"#### {esc(label)}", ""]
                for ln in lns:
                    out.append(f"- **{esc(ln['tag'])}** {_ptrs(ln['pointers'])}" + (" *(unstated assumption)*" if ln["kind"] == "assumption" else ""))
                    if ln["warrant"]:
                        out.append(f"  - *Warrant:* {esc(ln['warrant'])}")
                out.append("")
        if b["options"]:
            out += ["## Policy options side by side", "", "| | " + " | ".join(esc(c["label"]) for c in b["options"]) + " |",
                    "|---" * (len(b["options"]) + 1) + "|"]
            out.append("| Mechanism | " + " | ".join(esc(" ".join([c["mechanism"], *c["planks"]])) for c in b["options"]) + " |")
            out.append("| Evidence for | " + " | ".join(_ptrs(c["evidence"]) for c in b["options"]) + " |")
            out.append("| Risks | " + " | ".join(esc("; ".join(c["risks"])) for c in b["options"]) + " |")
            out.append("| Strongest objection | " + " | ".join(esc(c["objection"]["tag"]) if c["objection"] else "none mapped" for c in b["options"]) + " |")
            out.append("")
        if b["impacts"]:
            out += ["## Impact calculus", "", "| Option | Magnitude | Probability | Timeframe | Reversibility |", "|---|---|---|---|---|"]
            out += [f"| {esc(r['label'])} | {esc(r['magnitude'])} | {esc(r['probability'])} | {esc(r['timeframe'])} | {esc(r['reversibility'])} |" for r in b["impacts"]]
            out.append("")
        cv = b["coverage"]
        out += ["## Evidence coverage", "", f"{cv['claims']} affirmative claims: {cv['carded']} backed by a card, {cv['analytic']} analytic.", ""]
        out += [f"- **{f['kind']}**: {esc(f['label'])} ({esc(f['message'])})" for f in cv["flags"]] + [""]
    elif kind == "blocks":
        out += ["## Blocks", ""]
        for blk in b["blocks"]:
            out += [f"### {blk['speech']} – AT: {esc(blk['attack'])}", "", f"*They say:* {esc(blk['attack_text'])} {_ptrs(blk['their_cards'])}", ""]
            for a in blk["answers"]:
                out.append(f"{a['number']}. **[{a['type_label']}]** {esc(a['text'])} {_ptrs(a['pointers'])}")
            out.append("" if blk["answers"] else "*No answer prepared yet.*\n")
        out += ["## Cross-examination", ""]
        for dgrp in b["cx"]:
            out += [f"### {dgrp['label']}", ""]
            for g in dgrp["groups"]:
                out += [f"#### {g['label']}", ""]
                for i, q in enumerate(g["questions"], 1):
                    out.append(f"{i}. {esc(q['text'])}" + (f" *Follow-up:* {esc(q['follow_up'])}" if q["follow_up"] else ""))
                out.append("")
    elif kind == "flow":
        sp = b["speeches"]
        out += ["| " + " | ".join(sp) + " |", "|---" * len(sp) + "|"]
        for r in b["rows"]:
            cell = f"**{esc(r['text'])}**" if r["heading"] else esc(r["text"]) + (f" ({esc(r['cite'])})" if r["cite"] else "")
            out.append("| " + cell + " |" + " |" * (len(sp) - 1))
        out.append("")
    else:  # worksheet and key
        out += [esc(b["instructions"]), "", f"*Standards: {esc(b['standards'])}*", ""]
        parts = [("Part 1 · The unstated premise", b["premise"]), ("Part 2 · Find the evidence", b["evidence"]),
                 ("Part 3 · The objection", b["objection"]), (f"Part 4 · Impact calculus: {b['impact']['option'] or ''}", b["impact"]["cells"]),
                 ("Part 5 · Claim, evidence, reasoning", b["cer"]["cells"])]
        for title, items in parts:
            if not items:
                continue
            out += [f"## {esc(title)}", ""]
            for i, x in enumerate(items, 1):
                out.append(f"{i}. **{esc(x['prompt'])}**")
                out += [f"   {esc(g)}" for g in x["given"]]
                out.append(f"   - **Answer:** {esc(x['answer'])}" if b["reveal"] else "   - ______________________________")
                if b["reveal"] and x["explanation"]:
                    out.append(f"     {esc(x['explanation'])}")
            out.append("")
        out += ["## Sentence frames", ""] + [f"- {esc(f)}" for f in b["frames"]] + [""]
        if b["misconceptions"]:
            out += ["## Common misconceptions", ""] + [f"- **{esc(m['title'])}.** {esc(m['text'])}" for m in b["misconceptions"]] + [""]
    out += ["---", "", f"*{esc(h['footer'])}*", ""]
    return "\n".join(out)
