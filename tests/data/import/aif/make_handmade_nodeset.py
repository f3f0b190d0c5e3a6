"""Write `handmade-xaif.json`: a small dialogue annotated as OVA3 / AIFdb write it (xAIF), for the AIF import tests.

No AIFdb nodeset with CA and MA nodes under an open licence was found (see ../README.md), so this one is made by
hand, mirroring the layout of AIFdb's xAIF exports: `AIF` with `nodes` (nodeID, text, type, timestamp, scheme,
schemeID), `edges` (edgeID, fromID, toID, formEdgeID), `schemefulfillments`, `participants`, `locutions`,
`descriptorfulfillments` and `cqdescriptorfulfillments`; `text` with each locution as an OVA highlight span; and
`OVA` with the node positions. It uses Inference Anchoring Theory as AIFdb corpora do: each locution (L) asserts its
proposition (YA "Asserting" to an I-node), transitions between locutions (TA) anchor the inferences (YA "Arguing" to
RA), conflicts (YA "Disagreeing" to CA) and rephrases (YA "Restating" to MA). The scheme ids are those AIFdb uses
(as found in public AIFdb nodesets). The dialogue and its words are this project's.

Run it from anywhere: `python tests/data/import/aif/make_handmade_nodeset.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

SCHEME_IDS = {"Default Inference": "72", "Default Conflict": "71", "Default Rephrase": "144",
              "Default Transition": "82", "Asserting": "74", "Arguing": "80", "Disagreeing": "78",
              "Restating": "101", "Pure Questioning": "91"}
PEOPLE = {"Ann": ("Ann", "Lee"), "Ben": ("Ben", "Cole"), "Cara": ("Cara", "Diaz")}

# (key, speaker, locution, proposition or None, illocution)
TURNS = [
    ("l1", "Ann", "I think the city centre should be closed to cars at weekends.",
     "the city centre should be closed to cars at weekends", "Asserting"),
    ("l2", "Ann", "When the trial ran last summer, weekend footfall in the pedestrianised streets went up by a fifth.",
     "weekend footfall in the pedestrianised streets went up by a fifth when the trial ran last summer", "Asserting"),
    ("l3", "Ben", "But the shops on the ring road lost trade all through that trial.",
     "the shops on the ring road lost trade all through the trial", "Asserting"),
    ("l4", "Cara", "They lost trade because the ring road was dug up for the tram works, not because of the closure.",
     "the ring-road shops lost trade because of the tram works, not because of the closure", "Asserting"),
    ("l5", "Ann", "In other words, the trial brought more people into the centre.",
     "the trial brought more people into the centre", "Asserting"),
    ("l6", "Ben", "Who counted them, though?", None, "Pure Questioning"),
    ("l7", "Ben", "The footfall figures come from the traders' association that asked for the trial in the first place.",
     "the footfall figures come from the traders' association that asked for the trial", "Asserting"),
    ("l8", "Cara", "The council's monitor on the main square recorded less nitrogen dioxide on every closed weekend.",
     "the council's monitor on the main square recorded less nitrogen dioxide on every closed weekend", "Asserting"),
    ("l9", "Cara", "So the air on the square was cleaner during the closure.",
     "the air on the main square was cleaner during the closure", "Asserting"),
    ("l10", "Ben", "Closing the centre just forces the traffic onto residential streets.",
     "closing the centre forces the traffic onto residential streets", "Asserting"),
    ("l11", "Ben", "The cars simply end up in the side streets where people live.",
     "the cars end up in the side streets where people live", "Asserting"),
    ("l12", "Ann", "The traffic counts on the residential streets did not rise during the trial.",
     "the traffic counts on the residential streets did not rise during the trial", "Asserting"),
    ("l13", "Cara", "A year of weekend closures would give the council enough data to judge the scheme.",
     "a year of weekend closures would give the council enough data to judge the scheme", "Asserting"),
    ("l14", "Cara", "So the council should extend the weekend closure for a year.",
     "the council should extend the weekend closure for a year", "Asserting"),
    ("l15", "Ann", "Thank you both.", None, "Asserting"),
]

# relations between propositions: (kind, scheme, premises, target, anchored on the transition into this locution)
RELATIONS = [
    ("RA", "Default Inference", ["l2"], "l1", "l2"),
    ("CA", "Default Conflict", ["l3"], "l1", "l3"),
    ("CA", "Default Conflict", ["l4"], "l3", "l4"),
    ("MA", "Default Rephrase", ["l5"], "l2", "l5"),
    ("MA", "Default Rephrase", ["l2"], "l5", "l5"),
    ("CA", "Default Conflict", ["l7"], "RA:l2", "l7"),  # an undercut: the footfall figures are not neutral
    ("RA", "Default Inference", ["l8"], "l9", "l9"),
    ("RA", "Default Inference", ["l9"], "l1", "l9"),
    ("CA", "Default Conflict", ["l10"], "l1", "l10"),
    ("MA", "Default Rephrase", ["l11"], "l10", "l11"),
    ("CA", "Default Conflict", ["l12"], "l10", "l12"),
    ("RA", "Default Inference", ["l1", "l13"], "l14", "l14"),  # linked premises
]
ANCHOR = {"RA": "Arguing", "CA": "Disagreeing", "MA": "Restating"}


def build() -> dict:
    nodes: list[dict] = []
    edges: list[dict] = []
    clock = [0]

    def stamp() -> str:
        clock[0] += 7
        return f"2024-03-14 10:{clock[0] // 60:02d}:{clock[0] % 60:02d}"

    def node(text: str, kind: str, scheme: str | None = None) -> str:
        nid = str(4100 + len(nodes) + 1)
        item = {"nodeID": nid, "text": text, "type": kind, "timestamp": stamp()}
        if scheme is not None:
            item["scheme"] = scheme
            item["schemeID"] = SCHEME_IDS[scheme]
        nodes.append(item)
        return nid

    def edge(a: str, b: str) -> None:
        edges.append({"edgeID": 5200 + len(edges) + 1, "fromID": a, "toID": b, "formEdgeID": None})

    loc: dict[str, str] = {}
    prop: dict[str, str] = {}
    ta: dict[str, str] = {}
    locutions = []
    previous = None
    for key, who, said, proposition, force in TURNS:
        loc[key] = node(f"{who} : {said}", "L")
        locutions.append({"nodeID": loc[key], "personID": str(list(PEOPLE).index(who) + 1),
                          "timestamp": nodes[-1]["timestamp"], "start": None, "end": None, "source": None})
        if proposition is not None:
            prop[key] = node(proposition, "I")
            ya = node(force, "YA", force)
            edge(loc[key], ya)
            edge(ya, prop[key])
        if previous is not None:
            ta[key] = node("Default Transition", "TA", "Default Transition")
            edge(loc[previous], ta[key])
            edge(ta[key], loc[key])
        previous = key
    snode: dict[str, str] = {}
    for kind, scheme, premises, target, anchored in RELATIONS:
        s = node(scheme, kind, scheme)
        if kind == "RA":
            snode[premises[0]] = s
        for p in premises:
            edge(prop[p], s)
        edge(s, snode[target[3:]] if target.startswith("RA:") else prop[target])
        ya = node(ANCHOR[kind], "YA", ANCHOR[kind])
        edge(ta[anchored], ya)
        edge(ya, s)
    text = "<br>\n".join(f'{who}: <span id="node{loc[key]}" class="highlighted">{said}</span>'
                         for key, who, said, _p, _f in TURNS)
    return {
        "AIF": {
            "nodes": nodes,
            "edges": edges,
            "schemefulfillments": [{"nodeID": n["nodeID"], "schemeID": n["schemeID"]} for n in nodes if "schemeID" in n],
            "participants": [{"participantID": i + 1, "firstname": f, "surname": s} for i, (f, s) in enumerate(PEOPLE.values())],
            "locutions": locutions,
            "descriptorfulfillments": [],
            "cqdescriptorfulfillments": [],
        },
        "text": text,
        "OVA": {"firstname": "Hand", "surname": "Made", "url": "", "nodes": [
            {"nodeID": n["nodeID"], "visible": n["type"] not in ("YA",), "x": 120 * (i % 8), "y": 90 * (i // 8),
             "timestamp": ""} for i, n in enumerate(nodes)], "edges": [
            {"fromID": e["fromID"], "toID": e["toID"], "visible": True} for e in edges]},
    }


if __name__ == "__main__":
    out = Path(__file__).with_name("handmade-xaif.json")
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
