"""Render a typed handout view model as Markdown (for pasting into a doc or a wiki).

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


def _cites(cs) -> str:
    return " ".join(f"({esc(c)})" for c in cs) if cs else "*(analytic)*"


def _ptrs(ps) -> str:
    return " ".join(f"({esc(p.short_cite)}, **{p.number}**)" for p in ps) if ps else "*(analytic)*"


def _seg(s) -> str:
    t = esc(s.text)
    if not t.strip():
        return t
    lead = t[: len(t) - len(t.lstrip())]
    trail = t[len(t.rstrip()):]
    core = t.strip()
    style = s.style
    if style == "context":
        return f"{lead}<small>{core}</small>{trail}"
    if style == "underline":
        return f"{lead}<u>{core}</u>{trail}"
    if style == "highlight":
        return f"{lead}<u>**{core}**</u>{trail}"
    return f"{lead}<u>***{core}***</u>{trail}"


def _header(h) -> list[str]:
    out = [f"# {esc(h.title)}", "", f"*{esc(h.kind_title)}*", ""]
    if h.resolution:
        out += [f"> Resolved: {esc(h.resolution)}", ""]
    for s in h.sources:
        out.append(f"- **{esc(s.short_cite)}** {esc(s.full)}")
    return out + [""]


def _card(c, wpm) -> list[str]:
    out = [f"##### {c.number} {esc(c.tag)}", ""]
    cite = f"**{esc(c.short_cite)}** {esc(c.cite)}"
    if c.citing:
        cite += f"; {esc(c.citing)}"
    out += [cite, ""]
    for p in c.body:
        out += [(f"¶{p.number} " if p.number else "") + "".join(_seg(s) for s in p.segments), ""]
    out += [f"*{c.number} · ¶{', ¶'.join(map(str, c.paragraphs))} · read {c.read_words} words ({c.read_basis}), about {c.read_time} at {wpm} wpm*", ""]
    if c.note:
        out += [f"*Coach's note: {esc(c.note)}*", ""]
    return out


def _findings(fs, indent: str = "") -> list[str]:
    """Strategy findings (render.handouts.findings) as lines: label, what, what restores it, the coach's reason."""
    return [indent + f"*{esc(f.label)}:* {esc(f.text)}" + (f" *To restore it:* {esc(f.restore)}" if f.restore else "")
            + (f" *Coach's note:* {esc(f.kept)}" if f.kept else "") for f in fs]


def render_markdown(view) -> str:
    h, b, kind = view.header, view.body, view.kind
    out = _header(h)
    if kind == "cards":
        out += [esc(b.read_note), ""]
        for pocket in b.pockets:
            out += [f"## {pocket.label}", ""]
            for hat in pocket.hats:
                out += [f"### {hat.label}", ""]
                for blk in hat.blocks:
                    out += [f"#### {esc(blk.claim_tag)}", ""]
                    for c in blk.cards:
                        out += _card(c, view.wpm)
                        out += [*_findings(b.findings.get(c.id, [])), ""] if b.findings.get(c.id) else []
    elif kind == "brief":
        if b.thesis:
            t = b.thesis
            out += [f"**Thesis:** {esc(t.tag)} {_cites(t.cites)}", ""]
            if t.warrant:
                out += [f"*Warrant:* {esc(t.warrant)}", ""]
        for opt in b.plan:
            out += [f"## Plan text: {esc(opt.label)}{', recommended' if opt.recommended else ''}", ""]
            out += [f"{p.number}. " + (f"*({p.half})* " if p.half else "") + esc(p.text) for p in opt.planks] + [""]
        out += ["## Case outline", ""]
        for sec in b.outline:
            groups = ([(sec.label, sec.lines)] if sec.lines else []) + [(sub.label, sub.lines) for sub in sec.subsections]
            for label, lns in groups:
                out += [f"### {esc(label)}", ""]
                for ln in lns:
                    status = f" **({ln.status})**" if ln.status != "stands" else ""
                    via = "via " if ln.basis == "beneath" else ""
                    out.append(f"{ln.number}. **{esc(ln.tag)}** {via}{_cites(ln.cites)}{status}")
                    if ln.warrant:
                        out.append(f"   - *Warrant:* {esc(ln.warrant)}")
                    for sp in ln.subpoints:
                        nums = ", ".join(p.number for p in sp.pointers) or "*analytic*"
                        out.append(f"   - {sp.letter}. {esc(sp.tag)} ({nums})")
                    if ln.more:
                        out.append(f"   - and {ln.more} more reason{'s' if ln.more != 1 else ''}")
                    if ln.builds_on:
                        out.append(f"   - *Rests on:* {', '.join(ln.builds_on)}")
                    if ln.assumptions:
                        out.append(f"   - *Assumes, unstated:* {esc('; '.join(ln.assumptions))}")
                out.append("")
        if b.options:
            cols = b.options
            impact = {c.id: c.impact for c in cols if c.impact}
            out += ["## Policy options side by side", "", "| | " + " | ".join(esc(c.label) for c in cols) + " |",
                    "|---" * (len(cols) + 1) + "|"]
            out.append("| Mechanism | " + " | ".join(esc(c.mechanism or "; ".join(c.planks)) + (f" ({c.plank_ref})" if c.plank_ref else "") for c in cols) + " |")
            out.append("| Evidence for | " + " | ".join(_cites(c.evidence_cites) if c.evidence_cites else "no card" for c in cols) + " |")
            out.append("| Risks | " + " | ".join(esc("; ".join(c.risks)) for c in cols) + " |")
            out.append("| Strongest objection | " + " | ".join(esc(c.objection.tag) if c.objection else "none mapped" for c in cols) + " |")
            if impact:
                for d in b.impact_dimensions:
                    out.append(f"| {d.label} | " + " | ".join(esc(impact[c.id][d.key]) if c.id in impact else "" for c in cols) + " |")
            out.append("")
        elif b.impacts:
            out += ["## Impact calculus", "", "| Option | Magnitude | Probability | Timeframe | Reversibility |", "|---|---|---|---|---|"]
            out += [f"| {esc(r.label)} | {esc(r.magnitude)} | {esc(r.probability)} | {esc(r.timeframe)} | {esc(r.reversibility)} |" for r in b.impacts]
            out.append("")
        cv = b.coverage
        out += ["## Evidence coverage", "", f"{cv.claims} claims of ours, {cv.analytic} analytic (no card beneath them). "
                + "Weak spots: " + ", ".join(f"{c.label} {c.count}" for c in cv.chips) + "."
                + (f" ({cv.kept} kept on purpose by the coach.)" if cv.kept else ""), ""]
        for g in cv.strip:
            more = f" · and {g.more} more" if g.more else ""
            out.append(f"- **{esc(g.label)}:** " + " · ".join(esc(i) for i in g.items) + more)
        out.append("")
    elif kind == "blocks":
        st = b.status
        out += ["## Where the round stands", "",
                f"{st.counts['attacks']} attacks on our case in {len(b.blocks)} blocks: {st.counts['answered']} answered, "
                f"{st.counts['contested']} contested, {st.counts['stands']} standing.", ""]
        for r in st.claims:
            out.append(f"- **{esc(r.tag)}** {r.status}: {esc(r.why)}" + (f" (block {r.block})" if r.block else ""))
        out += ["", "## Blocks", ""]
        for hat in b.hats:
            out += [f"### {esc(hat.label)}", ""]
            for blk in hat.blocks:
                out += [f"#### {blk.number}. {blk.speech} – AT: {esc(blk.attack)} ({blk.outcome})", "",
                        f"*They say:* {esc(blk.attack_text)} {_ptrs(blk.their_cards)}", ""]
                for t in blk.targets:
                    out += [f"*It {t.verb}:* {esc(t.text.rstrip('.'))}. **{esc(t.verdict)}**", ""]
                out += [*_findings(blk.findings), ""] if blk.findings else []
                for a in blk.answers:
                    mark = " *(keeps our claim standing)*" if a.restores else (" *(win this to restore our claim)*" if a.would_restore else "")
                    mark += " *(from our case)*" if a.derived and a.pointers else ""
                    out.append(f"{a.number}. **[{a.type_label}]** {esc(a.text)} {_ptrs(a.pointers)}{mark}")
                    out += _findings(a.findings, "   ")
                out.append("" if blk.answers else "*No answer prepared yet.*\n")
                if blk.extensions:
                    out += ["*In the last rebuttals:*", ""] + [f"- **{e.speech}:** {esc(e.text)}" for e in blk.extensions] + [""]
                if blk.cx:
                    out += ["*Ask in cross-ex:*", ""] + [f"- {esc(q)}" for q in blk.cx] + [""]
        out += ["## Cross-examination", ""]
        for dgrp in b.cx:
            out += [f"### {dgrp.label}", ""]
            for g in dgrp.groups:
                out += [f"#### {g.label}", ""]
                for i, q in enumerate(g.questions, 1):
                    if q.lead:
                        out.append(f"*On {esc(q.about)}:*")
                    out.append(f"{i}. {esc(q.text)}" + (f" *Follow-up:* {esc(q.follow_up)}" if q.follow_up else ""))
                out.append("")
    elif kind == "flow":
        sp = b.speeches
        for sheet in b.sheets:
            out += [f"## {esc(sheet.title)}", "", "| " + " | ".join(sp) + " |", "|---" * len(sp) + "|"]
            for r in sheet.rows:
                cell = (f"*{esc(r.section)}* " if r.section else "") + (f"{r.number}. " if r.number else "") + f"**{esc(r.text)}**"
                cell += f" ({esc(r.cite)})" if r.cite else ""
                cell += "".join(f"<br>{esc(x.text)} ({esc(x.cite)})" for x in r.reasons)
                cells = [""] * len(sp)
                cells[sheet.column] = cell
                out.append("| " + " | ".join(cells) + " |")
            out.append("")
    else:  # worksheet and key
        out += [esc(b.instructions), "", f"*Standards: {esc(b.standards)}*", ""]
        versus = [x for x in b.impact.versus_cells] + ([b.impact.compare] if b.impact.compare else [])
        parts = [("Part 1 · The unstated premise", b.premise), ("Part 2 · Find the evidence", b.evidence),
                 ("Part 3 · The objection", b.objection), (f"Part 4 · Impact calculus: {b.impact.option or ''}", b.impact.cells),
                 (f"Part 4 · ... against {b.impact.versus or 'the status quo'}", versus if b.impact.cells else []),
                 ("Part 5 · Claim, evidence, reasoning", b.cer.cells)]
        for title, items in parts:
            if not items:
                continue
            out += [f"## {esc(title)}", ""]
            for i, x in enumerate(items, 1):
                out.append(f"{i}. **{esc(x.prompt)}**")
                out += [f"   {esc(g)}" for g in x.given]
                out.append(f"   - **Answer:** {esc(x.answer)}" if b.reveal else "   - ______________________________")
                if b.reveal and x.explanation:
                    out.append(f"     {esc(x.explanation)}")
            out.append("")
        out += ["## Sentence frames", ""] + [f"- {esc(f)}" for f in b.frames] + [""]
        if b.rubric:
            out += ["## Rubric (3-2-1 per row)", "", "| | 3 | 2 | 1 |", "|---|---|---|---|"]
            out += [f"| **{esc(r.criterion)}** | {esc(r.full)} | {esc(r.partial)} | {esc(r.missing)} |" for r in b.rubric] + [""]
        if b.misconceptions:
            out += ["## Common misconceptions", ""] + [f"- **{esc(m.title)}.** {esc(m.text)}" for m in b.misconceptions] + [""]
        if b.weak_spots.groups:
            kept = f"; {b.weak_spots.kept} of them kept on purpose, each with its reason" if b.weak_spots.kept else ""
            out += ["## Weak spots", "", f"{b.weak_spots.total} weak spots, grouped by kind{kept}.", ""]
            for g in b.weak_spots.groups:
                out += [f"### {esc(g.title)} ({g.count}{f', {g.kept} kept' if g.kept else ''})", "", f"*{esc(g.explain)}*", ""]
                out += [esc(line) for line in g.summary] + ([""] if g.summary else [])
                out += [f"- **{esc(it.label)}** {esc(it.text)}" for it in g.items] + [""]
    out += ["---", "", f"*{esc(h.footer)}*", ""]
    return "\n".join(out)
