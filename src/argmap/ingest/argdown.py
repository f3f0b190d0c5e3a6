"""Argdown (`.argdown`, and the JSON `argdown json` writes) as claim files.

How Argdown's model becomes argmap's:

- A statement (an equivalence class: one title) is a statement; its `#tags`
  become `tags:`, its heading `group:`, its `{kind: ...}` data (as argmap's
  own Argdown export writes it) its kind and side.
- An argument with a premise-conclusion structure is one argument per
  inference: premises (with the previous conclusion) support the conclusion;
  intermediate conclusions are statements of kind `claim`. When the final
  conclusion is there only to attack or undercut something (argmap's own
  export writes rebuttals and undercuts so), the argument attacks or
  undercuts it directly.
- An argument without one (a "sketched" argument, `<Title>: text`) is
  its description, a statement of kind `premise`, and an argument from it for
  each relation it has.
- Relations: support between statements is an argument from one to the
  other; attack between statements is `contrary:` (Argdown's meaning);
  `><` is `contradicts:`; undercut `_>` an argument that undercuts. A
  relation to an argument reaches its conclusion (or its description, when
  sketched); an attack on it as a whole is read as a rebuttal of that.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from argmap.ingest.argdown_parse import Argument as AdArgument
from argmap.ingest.argdown_parse import Document, Relation, Statement as AdStatement, Step, parse
from argmap.ingest.common import Draft, unreadable
from argmap.load.model import Side, StatementKind, StockIssue

KINDS = {k.value for k in StatementKind}
STOCK_ISSUES = {k.value for k in StockIssue}
REBUTTAL = "It is not the case that"  # how argmap's export words a rebuttal's conclusion


def cli_text(text: str, tags: list[str], titles: set[str]) -> str:
    """A text as `argdown json` writes it, as argmap's reader gives it: the CLI has already resolved
    escapes and dropped emphasis and link targets (so `_`, `*` and `\\` left in it are text), but keeps
    tags and mentions; its tags (listed apart) and the brackets of mentions of known titles go."""
    for tag in tags:
        text = text.replace(f"#({tag})", " ")
        text = re.sub(rf"(?<![\w&])#{re.escape(tag)}(?![\w-])", " ", text)
    text = re.sub(r"@\[([^\]]+)\]|@<([^>]+)>", lambda m: (m.group(1) or m.group(2)) if (m.group(1) or m.group(2)) in titles
                  else m.group(0), text)
    return " ".join(text.split())


def from_json(data: Any, shown: str) -> Document:
    """A Document from the JSON of `argdown json` (statements, arguments, relations, sections)."""
    if not isinstance(data, dict) or not isinstance(data.get("statements"), dict) or not isinstance(data.get("arguments"), dict):
        raise unreadable(shown, "Argdown JSON has 'statements' and 'arguments' objects keyed by title")
    sections = {s.get("id"): s.get("title") for s in data.get("sections") or [] if isinstance(s, dict)}
    doc = Document()
    titles = set(data["statements"]) | set(data["arguments"])
    for title, ec in data["statements"].items():
        if not isinstance(ec, dict):
            continue
        members = [m for m in ec.get("members") or [] if isinstance(m, dict)]
        text = next((m.get("text") for m in members if m.get("text")), "")
        doc.statements[title] = AdStatement(title, cli_text(text, list(ec.get("tags") or []), titles), list(ec.get("tags") or []), dict(ec.get("data") or {}),
                                            sections.get(ec.get("section")),
                                            untitled=title.startswith("Untitled "))  # Argdown's name for a statement without a title
    for title, arg in data["arguments"].items():
        if not isinstance(arg, dict):
            continue
        members = [m for m in arg.get("members") or [] if isinstance(m, dict)]
        text = next((m.get("text") for m in members if m.get("text")), "")
        steps: list[Step] = []
        since: list[str] = []
        for pcs in arg.get("pcs") or []:
            if not isinstance(pcs, dict):
                continue
            role = pcs.get("role")
            if role in ("intermediary-conclusion", "main-conclusion"):
                premises = ([steps[-1].conclusion] if steps else []) + since
                rules = (pcs.get("inference") or {}).get("inferenceRules") or []
                steps.append(Step(premises, pcs["title"], ", ".join(rules) or None))
                since = []
            else:
                since.append(pcs["title"])
            if pcs["title"] not in doc.statements:
                doc.statements[pcs["title"]] = AdStatement(pcs["title"], cli_text(pcs.get("text") or "", [], titles))
        doc.arguments[title] = AdArgument(title, cli_text(text, list(arg.get("tags") or []), titles), list(arg.get("tags") or []), dict(arg.get("data") or {}),
                                          sections.get(arg.get("section")), steps)
    kinds = {"support": "support", "entails": "support", "attack": "attack", "contrary": "attack",
             "undercut": "undercut", "contradictory": "contradiction"}
    for rel in data.get("relations") or []:
        if not isinstance(rel, dict) or rel.get("relationType") not in kinds:
            continue
        def end(title: Any, kind: Any) -> tuple[str, str]:
            return ("argument" if kind in ("argument", "inference") else "statement", str(title))
        doc.relations.append(Relation(kinds[rel["relationType"]], end(rel.get("from"), rel.get("fromType")),
                                      end(rel.get("to"), rel.get("toType")), 0))
    return doc


_CARD = re.compile(r"^\u201c(.+)\u201d \(([^()]*)\)$", re.S)


class _Builder:
    def __init__(self, doc: Document, draft: Draft, sources: set[str] = frozenset()):
        self.doc, self.draft, self.sources = doc, draft, sources
        self.cards: dict[str, dict[str, Any]] = {}  # statement title -> evidence item (argmap's own export)
        self.sid: dict[str, str] = {}
        self.items: dict[str, dict[str, Any]] = {}
        self.aid: dict[str, str] = {}  # Argdown argument -> the argmap argument an undercut of it targets
        self.reason: dict[str, str] = {}  # Argdown argument -> the statement a relation to it reaches

    def card(self, title: str) -> dict[str, Any] | None:
        """argmap's export writes a card as a statement `\u201cquote\u201d (cite) {kind: "evidence", source: ...}`:
        with that source in this project, it is a card again."""
        if title in self.cards:
            return self.cards[title]
        st = self.doc.statements.get(title)
        if st is None or st.data.get("kind") != "evidence" or st.data.get("source") not in self.sources:
            return None
        m = _CARD.match(st.text)
        if not m:
            return None
        item = {"id": self.draft.ids.make(title, words=8), "source": st.data["source"], "quote": m.group(1),
                "supports": [], "challenges": [], "reference": st.data.get("reference")}
        self.cards[title] = item
        self.draft.evidence.append(item)
        return item

    def statement(self, title: str, kind: str = "claim") -> str:
        if title in self.sid:
            return self.sid[title]
        st = self.doc.statements.get(title) or AdStatement(title)
        sid = self.draft.ids.make(st.text if st.untitled and st.text else title, words=6 if st.untitled else 8)
        self.sid[title] = sid
        data_kind = st.data.get("kind")
        item: dict[str, Any] = {"id": sid, "text": st.text or title,
                                "kind": data_kind if data_kind in KINDS else ("fact" if data_kind == "evidence" else kind),
                                "contrary": [], "contradicts": [], "rephrases": [], "tags": st.tags, "group": st.group or (str(st.data["group"]) if st.data.get("group") else None)}
        if st.data.get("side") in {s.value for s in Side}:
            item["side"] = st.data["side"]
        if st.data.get("stock_issue") in STOCK_ISSUES:
            item["stock_issue"] = st.data["stock_issue"]
        if isinstance(st.data.get("as_of"), (str, int)) and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(st.data["as_of"])):
            item["as_of"] = str(st.data["as_of"])
        item["_data_kind"] = data_kind in KINDS
        rephrases = st.data.get("rephrases")
        if isinstance(rephrases, list):
            item["_rephrases"] = [str(r) for r in rephrases]
        self.items[sid] = item
        self.draft.statements.append(item)
        return sid

    def argument_item(self, base: str, premises: list[str], relation: str, target: str, arg: AdArgument | None) -> str:
        aid = self.draft.ids.make(base, prefix="a", words=8)
        item: dict[str, Any] = {"id": aid, "premises": list(dict.fromkeys(premises)), relation: target}
        if arg is not None:
            item["warrant"] = arg.text or None
            item["group"] = arg.group
            if arg.data.get("scheme"):
                item["scheme"] = arg.data["scheme"] if isinstance(arg.data["scheme"], str) else None
        self.draft.arguments.append(item)
        return aid

    def build(self) -> None:
        doc = self.doc
        used = {r.source for r in doc.relations} | {r.target for r in doc.relations}
        for title, st in doc.statements.items():
            if st.untitled and ("statement", title) not in used and not any(
                    title in s.premises or title == s.conclusion for a in doc.arguments.values() for s in a.steps):
                self.draft.lost.append(f"text outside any statement: \u201c{st.text[:60]}\u201d")
                continue
            if self.card(title) is None:
                self.statement(title, "claim")
        # sketched arguments: their description is their reason
        for title, arg in doc.arguments.items():
            if arg.steps:
                continue
            st = self.doc.statements.setdefault(f"{title} (reason)", AdStatement(f"{title} (reason)", arg.text or title,
                                                                             arg.tags, {}, arg.group))
            self.reason[title] = self.statement(st.title, "premise")
        # arguments with a premise-conclusion structure; relations out of a final conclusion are the argument's
        out_of: dict[tuple[str, str], list[Relation]] = {}
        for r in doc.relations:
            out_of.setdefault(r.source, []).append(r)
        into = {r.target for r in doc.relations}
        pcs_titles = [t for a in doc.arguments.values() for s in a.steps for t in (*s.premises, s.conclusion)]
        direct: set[Relation] = set()
        carriers: dict[str, Relation] = {}  # argument -> the one attack or undercut its final conclusion is there for
        for title, arg in doc.arguments.items():
            if not arg.steps:
                continue
            final = arg.steps[-1]
            rels = out_of.get(("statement", final.conclusion), [])
            concl_st = doc.statements.get(final.conclusion) or AdStatement(final.conclusion)
            if (len(rels) == 1 and (rels[0].kind == "undercut" or (
                    rels[0].kind == "attack" and concl_st.text.startswith(REBUTTAL))) and pcs_titles.count(final.conclusion) == 1
                    and ("statement", final.conclusion) not in into and len(out_of.get(("argument", title), [])) == 0):
                carriers[title] = rels[0]
        for title in self._pcs_order(carriers):
            arg = doc.arguments[title]
            for step in arg.steps:
                for p in step.premises:
                    self.items[self.statement(p)]["kind"] = self._pcs_kind(p, arg)
            final = arg.steps[-1]
            concl_st = doc.statements.get(final.conclusion) or AdStatement(final.conclusion)
            carrier = title in carriers
            for k, step in enumerate(arg.steps):
                premises = [self.statement(p) for p in step.premises]
                last = k == len(arg.steps) - 1
                base = title if last else f"{title} step {k + 1}"
                if last and carrier:
                    rel = carriers[title]
                    direct.add(rel)
                    target = self._target(rel.target, rel.kind)
                    if target is None:
                        self.draft.lost.append(f"the {rel.kind} by {title!r} of {rel.target[1]!r} has no argmap counterpart")
                        continue
                    self.aid[title] = self.argument_item(base, premises, "undercuts" if rel.kind == "undercut" else "attacks",
                                                         target, arg)
                    concl_text = concl_st.text
                    if concl_text and not concl_text.startswith(("The premises of", REBUTTAL)):
                        self.draft.arguments[-1]["note"] = f"Argdown conclusion: {concl_text}"
                    concl = self.items.get(self.sid.get(final.conclusion, ""))
                    if concl is not None:
                        self.draft.statements.remove(concl)
                        del self.items[concl["id"]]
                        del self.sid[final.conclusion]
                    self.reason[title] = premises[0]
                    continue
                conclusion = self.statement(step.conclusion)
                if not last and not self.items[conclusion].get("_data_kind"):
                    self.items[conclusion]["kind"] = "claim"
                made = self.argument_item(base, premises, "supports", conclusion, arg if last else None)
                if last:
                    self.aid[title] = made
                    self.reason[title] = conclusion
        for r in sorted(doc.relations, key=lambda r: r.kind == "undercut"):  # undercuts last: they need their targets
            if r in direct:
                continue
            self._relation(r)
        for item in self.draft.statements:
            item.pop("_data_kind", None)
            raw = item.pop("_rephrases", [])
            item["rephrases"] = [self.sid.get(t, t) for t in raw if t in self.sid or t in self.items]

    def _pcs_order(self, carriers: dict[str, Relation]) -> list[str]:
        """The arguments with a premise-conclusion structure, each one that attacks or undercuts another
        such argument after it (its target must be made first, wherever the document defines it)."""
        order: list[str] = []
        state: dict[str, bool] = {}  # False: being placed, True: placed

        def place(title: str) -> None:
            if title in state:
                return  # placed, or a cycle: document order decides
            state[title] = False
            rel = carriers.get(title)
            if rel is not None and rel.target[0] == "argument" and rel.target[1] in self.doc.arguments \
                    and self.doc.arguments[rel.target[1]].steps:
                place(rel.target[1])
            state[title] = True
            order.append(title)

        for title, arg in self.doc.arguments.items():
            if arg.steps:
                place(title)
        return order

    def _pcs_kind(self, title: str, arg: AdArgument) -> str:
        concls = {s.conclusion for s in arg.steps}
        current = self.items[self.sid[title]]["kind"]
        if self.items[self.sid[title]].get("_data_kind"):
            return current
        if title in concls:
            return "claim"
        return current if current not in ("claim",) else "premise"

    def _target(self, end: tuple[str, str], kind: str) -> str | None:
        what, title = end
        if what == "statement":
            return self.statement(title)
        if kind == "undercut":
            return self.aid.get(title) or self._sketched_argument(title)
        return self.reason.get(title)

    def _sketched_argument(self, title: str) -> str | None:
        """An undercut of a sketched argument needs an argmap argument: its first one."""
        return self.aid.get(title)

    def _relation(self, r: Relation) -> None:
        s_what, s_title = r.source
        card = self.card(s_title) if s_what == "statement" else None
        if card is not None and r.target[0] == "statement" and r.kind in ("support", "attack"):
            card["supports" if r.kind == "support" else "challenges"].append(self.statement(r.target[1]))
            return
        if s_what == "statement":
            source = self.statement(s_title)
            arg = None
        else:
            source = self.reason.get(s_title)
            arg = self.doc.arguments.get(s_title)
        target = self._target(r.target, r.kind)
        if source is None or target is None:
            self.draft.lost.append(f"a {r.kind} relation between {s_title!r} and {r.target[1]!r}"
                                   + (f" (line {r.line})" if r.line else "") + " has no argmap counterpart")
            return
        base = s_title if s_what == "argument" and s_title not in self.aid else f"{s_title} {r.kind} {r.target[1]}"
        if r.kind == "contradiction":
            if source != target and target not in self.items[source]["contradicts"]:
                self.items[source]["contradicts"].append(target)
        elif r.kind == "attack" and s_what == "statement" and r.target[0] == "statement":
            if source != target and target not in self.items[source]["contrary"]:
                self.items[source]["contrary"].append(target)
        elif r.kind == "undercut":
            if r.target[0] == "statement":
                self.draft.lost.append(f"an undercut of the statement {r.target[1]!r} read as an attack")
                self.items[source]["contrary"].append(target)
            else:
                made = self.argument_item(base, [source], "undercuts", target, arg)
                self.aid.setdefault(s_title, made) if s_what == "argument" else None
        else:
            if source == target:
                return
            made = self.argument_item(base, [source], "supports" if r.kind == "support" else "attacks", target, arg)
            if s_what == "argument":
                self.aid.setdefault(s_title, made)


def read(path: Path, shown: str, title: str, *, json_export: bool = False, sources: set[str] = frozenset()) -> Draft:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise unreadable(shown, f"not UTF-8 text (byte {exc.start})") from None
    if json_export:
        try:
            doc = from_json(json.loads(text), shown)
        except json.JSONDecodeError as exc:
            raise unreadable(shown, f"not JSON: {exc.msg}", exc.lineno, exc.colno) from None
    else:
        doc = parse(text, shown)
    if not doc.statements and not doc.arguments:
        raise unreadable(shown, "no statements or arguments in this Argdown file")
    draft = Draft(title=doc.title or title, resolution=doc.subtitle,
                  description=f"Imported from the Argdown file {path.name}.")
    _Builder(doc, draft, sources).build()
    return draft
