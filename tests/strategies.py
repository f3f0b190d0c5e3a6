"""Hypothesis strategies: random claim files, from tame to hostile."""

from __future__ import annotations

import yaml
from hypothesis import strategies as st

HOSTILE_SNIPPETS = [
    "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", '" ] ; node [label="x', "\\l\\n\\N", "<<B>>",
    "#set page(width: 1cm)", "#import \"/etc/passwd\"", "$x^2$", "*bold* _it_ `raw`", "@ref", "// comment",
    "\u202eRTL override", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u4e2d\u6587\u5b57", "e\u0301\u0301",
    "../../etc/passwd", "C:\\Windows\\system32", "\x00", "\ufeff", "&amp; &lt;", "}", "{", "\t", "---", "- item",
]

# Text that YAML can carry: no lone surrogates; NUL and other C0 controls are
# allowed only when quoted, which safe_dump does.
texts = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=80),
    st.sampled_from(HOSTILE_SNIPPETS),
    st.lists(st.sampled_from(HOSTILE_SNIPPETS), min_size=1, max_size=4).map(" ".join),
    st.just("x" * 3000),
)
valid_ids = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
ids = st.one_of(valid_ids, valid_ids, valid_ids, texts)
QUOTES = [
    "China accounts for over 90% of North Korea's total imports and exports",
    "Currently, the US does not have any diplomatic relations with North Korea.",
    "This act of defection has restored much of the diplomatic tensions.",
    "Kim Jong Un",
]


KINDS = ["thesis", "claim", "premise", "fact", "assumption", "objection", "answer", "plan"]
nonblank = texts.filter(lambda t: t.strip() and "\x00" not in t)


@st.composite
def claim_maps(draw, max_statements: int = 12, valid: bool | None = None) -> dict:
    """A claim file as data. valid=True: well-formed (hostile text, sound
    structure); False: anything goes; None: either."""
    if valid is None:
        valid = draw(st.booleans())
    n = draw(st.integers(0 if not valid else 1, max_statements))
    if valid:
        statement_ids = draw(st.lists(valid_ids, min_size=n, max_size=n, unique=True).map(lambda xs: [f"s-{x}" for x in xs]))
    else:
        statement_ids = draw(st.lists(ids, min_size=n, max_size=n))
    text_values = nonblank if valid else texts
    pick = st.sampled_from(statement_ids) if statement_ids else ids
    statements = []
    for i, sid in enumerate(statement_ids):
        item = {"id": sid, "text": draw(text_values)}
        item["kind"] = draw(st.sampled_from(KINDS if valid else [*KINDS, "bogus"]))
        if draw(st.booleans()):
            item["tag"] = draw(texts)
        if draw(st.booleans()):
            item["weaknesses"] = [{"kind": "overclaim", "note": draw(text_values)}]
        statements.append(item)
    arguments = []
    for j in range(draw(st.integers(0, max_statements))):
        rel = draw(st.sampled_from(["supports", "attacks", "undercuts"]))
        if valid and rel == "undercuts" and j == 0:
            rel = "attacks"
        if valid:
            target = f"a{draw(st.integers(0, j - 1))}" if rel == "undercuts" else draw(pick)
        else:
            target = draw(st.one_of(pick, st.just(f"a{max(j - 1, 0)}")))
        premises = draw(st.lists(pick, min_size=1, max_size=3))
        if valid:
            premises = [p for p in premises if p != target] or [p for p in statement_ids if p != target][:1] or premises
        arguments.append({"id": f"a{j}", "premises": premises, rel: target,
                          "warrant": draw(texts)})
    evidence = []
    for k in range(draw(st.integers(0, 6))):
        quote = draw(st.sampled_from(QUOTES)) if valid else draw(st.one_of(st.sampled_from(QUOTES), texts))
        source = ("article" if "defection" in quote else "oped") if valid else draw(st.sampled_from(["oped", "article", "nope"]))
        item = {"id": f"e{k}", "source": source, "quote": quote, "tag": draw(texts),
                "supports": draw(st.lists(pick, max_size=2))}
        if draw(st.booleans()):
            item["highlight"] = [quote[: max(len(quote) // 2, 1)]]
        evidence.append(item)
    data = {"map": {"title": draw(text_values)}, "statements": statements, "arguments": arguments, "evidence": evidence}
    if draw(st.booleans()):
        data["options"] = [{"id": "opt", "label": draw(texts), "kind": draw(st.sampled_from(["carrot", "stick", "mix", "status-quo"]))}]
    return data


def to_yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
