"""AIF JSON, as AIFdb and OVA write it: `{"nodes", "edges", "locutions"}`, or
xAIF `{"AIF": {...}, "text": ..., "OVA": ...}`.

- I-nodes become statements (their nodeID and timestamp kept under `aif:`).
- An RA-node becomes an argument: the I-nodes into it are its premises, the
  I-node out of it its conclusion; its scheme is kept by name and id, and
  mapped to argmap's `scheme:` when it is one argmap knows.
- A CA-node becomes an argument that attacks the I-node it points to, or
  undercuts the RA/CA-node it points to.
  A CA-node that argmap's own AIF export marked as raising a critical
  question (`argmap: nodes: {id: {question: {key}}}`) keeps it as
  `aif: question:`, so a re-export names it the same way.
- An MA-node (rephrase) becomes `rephrases:` on the statement it comes from:
  a restatement is not support, so mutual rephrases make no circle. Its
  nodeID is kept under the statement's `aif: rephrase_ids:`.
- L-nodes (locutions) become the seed text, one a line, and each L-node
  anchored by a YA-node to an I-node becomes a card quoting that line and
  supporting that statement.
- TA-nodes (transitions), YA-nodes anchored on relations, PA-nodes and
  locutions that anchor no proposition are counted in what is not carried over.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from argmap.core.diagnostics import ArgmapError
from argmap.ingest.common import Draft, SeedText, one_line, quotable, unreadable
from argmap.load.model import Scheme

# AIFdb / OVA scheme names (and the older "Argument From ..." forms) -> argmap's schemes.
SCHEMES: dict[str, Scheme] = {
    "practical reasoning": Scheme.practical_reasoning,
    "consequences": Scheme.consequences,
    "positive consequences": Scheme.consequences,
    "negative consequences": Scheme.consequences,
    "precedent": Scheme.precedent,
    "analogy": Scheme.analogy,
    "expert opinion": Scheme.expert_opinion,
    "sign": Scheme.sign,
    "cause to effect": Scheme.cause_to_effect,
    "example": Scheme.example,
    "values": Scheme.values,
    "positive values": Scheme.values,
    "negative values": Scheme.values,
}


def scheme_for(name: str | None) -> Scheme | None:
    if not name:
        return None
    key = " ".join(name.lower().split())
    for prefix in ("argument from ", "argument from the "):
        if key.startswith(prefix):
            key = key[len(prefix):]
    return SCHEMES.get(key)


def _nodes_and_edges(data: Any, shown: str) -> tuple[list[dict], list[dict], list[dict], list[dict], str | None]:
    if not isinstance(data, dict):
        raise unreadable(shown, "an AIF file is a JSON object with 'nodes' and 'edges'")
    inner = data.get("AIF") or data.get("aif") or data
    nodes, edges = inner.get("nodes"), inner.get("edges")
    if not isinstance(nodes, list) or not isinstance(edges, list):
        raise unreadable(shown, "an AIF file needs lists under 'nodes' and 'edges'",
                         hint="AIFdb and OVA write {\"nodes\": [...], \"edges\": [...], \"locutions\": [...]}")
    for i, n in enumerate(nodes):
        if not isinstance(n, dict) or "nodeID" not in n or "type" not in n:
            raise unreadable(shown, f"node {i + 1} has no 'nodeID' or 'type'")
    for i, e in enumerate(edges):
        if not isinstance(e, dict) or "fromID" not in e or "toID" not in e:
            raise unreadable(shown, f"edge {i + 1} has no 'fromID' or 'toID'")
    text = data.get("text") if isinstance(data.get("text"), str) else None
    return nodes, edges, list(inner.get("locutions") or []), list(inner.get("participants") or []), text


def read(path: Path, shown: str, title: str, map_id: str) -> Draft:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ArgmapError(unreadable(shown, f"not JSON: {exc.msg}", exc.lineno, exc.colno).diagnostics) from None
    nodes, edges, locutions, participants, _text = _nodes_and_edges(data, shown)
    draft = Draft(title=title, description=f"Imported from the AIF file {path.name}.")
    by_id = {str(n["nodeID"]): n for n in nodes}
    into: dict[str, list[str]] = defaultdict(list)
    out_of: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        a, b = str(e["fromID"]), str(e["toID"])
        if a in by_id and b in by_id:
            out_of[a].append(b)
            into[b].append(a)
    kind = {nid: str(n["type"]) for nid, n in by_id.items()}
    ours = data.get("argmap") if isinstance(data.get("argmap"), dict) else {}
    marks = ours.get("nodes") if isinstance(ours.get("nodes"), dict) else {}
    lost: Counter[str] = Counter()

    def origin(n: dict) -> dict[str, Any]:
        return {"id": str(n["nodeID"]), "scheme": n.get("scheme") if n.get("type") != "I" else None,
                "scheme_id": str(n["schemeID"]) if n.get("schemeID") not in (None, "") else None,
                "timestamp": n.get("timestamp") or None}

    # statements
    sid: dict[str, str] = {}
    statements: dict[str, dict[str, Any]] = {}
    for nid, n in by_id.items():
        if kind[nid] != "I":
            continue
        text = one_line(n.get("text") or "")
        if not text:
            lost["I-nodes with no text"] += 1
            continue
        sid[nid] = draft.ids.make(text)
        statements[nid] = {"id": sid[nid], "text": text, "kind": "claim", "rephrases": [], "aif": origin(n)}
    # arguments: S-nodes first get their ids, so undercuts can name any of them
    aid: dict[str, str] = {}
    for nid in by_id:
        if kind[nid] in ("RA", "CA"):
            aid[nid] = draft.ids.make(f"{kind[nid].lower()} {nid}", prefix="a", words=3)
    for nid, n in by_id.items():
        k = kind[nid]
        if k in ("RA", "CA"):
            premises = [sid[p] for p in into[nid] if p in sid]
            targets = [t for t in out_of[nid] if t in sid or (k == "CA" and t in aid)]
            if not premises or not targets:
                lost[f"{k}-nodes without an I-node premise and a target"] += 1
                continue
            scheme_name = n.get("scheme") or n.get("text")
            for j, t in enumerate(targets):
                item: dict[str, Any] = {"id": aid[nid] if j == 0 else draft.ids.claim(f"{aid[nid]}-{j + 1}"), "premises": premises}
                if k == "RA":
                    item["supports"] = sid[t]
                elif t in sid:
                    item["attacks"] = sid[t]
                else:
                    item["undercuts"] = aid[t]
                scheme = scheme_for(scheme_name)
                if scheme is not None:
                    item["scheme"] = scheme.value
                item["aif"] = {**origin(n), "scheme": scheme_name}
                mark = marks.get(nid)
                question = mark.get("question") if k == "CA" and isinstance(mark, dict) else None
                if isinstance(question, dict) and isinstance(question.get("key"), str):
                    item["aif"]["question"] = question["key"]
                if j:
                    item["aif"]["id"] = None
                draft.arguments.append(item)
        elif k == "MA":
            sources = [p for p in into[nid] if p in sid]
            targets = [t for t in out_of[nid] if t in sid]
            if not sources or not targets:
                lost["MA-nodes without an I-node on each side"] += 1
                continue
            for s in sources:
                for t in targets:
                    if t != s and sid[t] not in statements[s]["rephrases"]:
                        statements[s]["rephrases"].append(sid[t])
                        statements[s]["aif"].setdefault("rephrase_ids", {})[sid[t]] = nid
        elif k in ("TA", "PA"):
            lost[f"{k}-nodes ({'transitions between locutions' if k == 'TA' else 'preferences'})"] += 1
        elif k not in ("I", "L", "YA"):
            lost[f"{k}-nodes (a node type argmap does not know)"] += 1
    # RA and CA nodes that were skipped cannot be undercut
    made = {a["id"] for a in draft.arguments}
    kept = []
    for a in draft.arguments:
        if "undercuts" in a and a["undercuts"] not in made:
            lost["CA-nodes undercutting a relation that was not carried over"] += 1
            continue
        kept.append(a)
    draft.arguments = kept
    draft.statements = list(statements.values())

    # locutions: the seed text, and a card for each L-node anchored on an I-node
    lines: list[str] = []
    seen: set[str] = set()
    seed_id = f"{map_id}-text"[:60]
    person = {str(loc.get("nodeID")): str(loc.get("personID")) for loc in locutions if isinstance(loc, dict)}
    names = {str(p.get("participantID")): one_line(f"{p.get('firstname', '')} {p.get('surname', '')}")
             for p in participants if isinstance(p, dict)}
    for nid, n in by_id.items():
        if kind[nid] != "L":
            continue
        text = one_line(n.get("text") or "")
        anchored = [t for ya in out_of[nid] if kind.get(ya) == "YA" for t in out_of[ya] if t in sid]
        if not text:
            lost["L-nodes with no text"] += 1
            continue
        if text not in seen:
            seen.add(text)
            lines.append(text)
        if not anchored:
            lost["L-nodes that anchor no proposition (kept in the seed text)"] += 1
            continue
        quote = quotable(text)
        ya = next(y for y in out_of[nid] if kind.get(y) == "YA")
        ev: dict[str, Any] = {"id": draft.ids.make(f"l {text}", prefix="l", words=6), "source": seed_id, "quote": quote,
                              "supports": sorted({sid[t] for t in anchored}, key=list(sid.values()).index),
                              "note": f"{by_id[ya].get('text') or 'YA'} (AIF illocution)",
                              "aif": origin(n)}
        who = names.get(person.get(nid, ""), "")
        if who:
            ev["voice"] = {"who": who, "kinds": ["other"]}
        draft.evidence.append(ev)
    for nid in by_id:
        if kind[nid] == "YA" and not any(t in sid for t in out_of[nid]):
            lost["YA-nodes anchoring a relation or another locution"] += 1
    if lines:
        dates = sorted(str(n.get("timestamp"))[:10] for n in nodes if n.get("timestamp"))
        date = dates[0] if dates and len(dates[0]) == 10 and dates[0][4] == "-" else None
        draft.seeds.append(SeedText(seed_id, f"{seed_id}.txt", "\n\n".join(lines) + "\n", {
            "kind": "speech", "title": title, "short_cite": title, "date": date or "2000",
            "date_approximate": date is None,
            "date_note": None if date else "the AIF file gives no timestamps",
        }))
    draft.lost = [f"{n} {what}" for what, n in sorted(lost.items())]
    return draft
