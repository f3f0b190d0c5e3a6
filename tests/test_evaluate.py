"""Grounded semantics: the classic small frameworks, then maps."""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analyze.accepted import UnknownAcceptedId
from argmap.analyze.evaluate import Framework, Label, build_framework, evaluate, grounded
from argmap.load.model import Argument, Evidence, MapHeader, Statement
from argmap.resolve.resolver import ResolvedEvidence, ResolvedMap, _link

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC


def labels(args, attacks):
    return grounded(Framework(args, attacks))


# --------------------------------------------------------------------------- classic frameworks


def test_unattacked_argument_is_in():
    assert labels(["a"], []) == {"a": IN}


def test_chain_a_attacked_by_b_attacked_by_c():
    # c -> b -> a: c is unattacked, so b is out, so a is reinstated.
    assert labels("abc", [("b", "a"), ("c", "b")]) == {"a": IN, "b": OUT, "c": IN}


def test_longer_chain_alternates():
    chain = [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d")]
    assert labels("abcde", chain) == {"e": IN, "d": OUT, "c": IN, "b": OUT, "a": IN}


def test_odd_cycle_is_undecided():
    assert labels("abc", [("a", "b"), ("b", "c"), ("c", "a")]) == {"a": UNDEC, "b": UNDEC, "c": UNDEC}


def test_even_cycle_is_undecided_under_grounded():
    # Preferred semantics would pick a side; grounded, the sceptical one, does not.
    assert labels("ab", [("a", "b"), ("b", "a")]) == {"a": UNDEC, "b": UNDEC}
    assert labels("abcd", [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]) == dict.fromkeys("abcd", UNDEC)


def test_reinstatement():
    # b attacks a; c attacks b; a is defended by c and reinstated.
    assert labels("abc", [("b", "a"), ("c", "b")])["a"] is IN
    # Two attackers: both must be defeated to reinstate a.
    lab = labels("abcd", [("b", "a"), ("c", "a"), ("d", "b")])
    assert lab == {"a": OUT, "b": OUT, "c": IN, "d": IN}
    lab = labels("abcde", [("b", "a"), ("c", "a"), ("d", "b"), ("e", "c")])
    assert lab == {"a": IN, "b": OUT, "c": OUT, "d": IN, "e": IN}


def test_self_attack_is_undecided_and_what_it_attacks_too():
    assert labels("ab", [("a", "a"), ("a", "b")]) == {"a": UNDEC, "b": UNDEC}
    # ... unless something that stands defeats the self-attacker.
    assert labels("abc", [("a", "a"), ("a", "b"), ("c", "a")]) == {"a": OUT, "b": IN, "c": IN}


def test_even_cycle_attacking_a_chain():
    # The Dung example: a <-> b, both attack c, c attacks d. Nothing is decided but e.
    lab = labels("abcde", [("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
    assert lab == {"a": UNDEC, "b": UNDEC, "c": UNDEC, "d": UNDEC, "e": IN}


def test_odd_cycle_broken_from_outside():
    # d defeats a, which breaks the three-cycle: b is in, c is out.
    lab = labels("abcd", [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")])
    assert lab == {"a": OUT, "b": IN, "c": OUT, "d": IN}


def test_exclude_acts_as_if_the_argument_was_never_made():
    fw = Framework("abc", [("b", "a"), ("c", "b")])
    assert grounded(fw, exclude=["c"]) == {"a": OUT, "b": IN}


def test_duplicate_attacks_count_once():
    fw = Framework("ab", [("b", "a"), ("b", "a")])
    assert fw.attacks == [("b", "a")]
    assert grounded(fw) == {"a": OUT, "b": IN}


def _reference_grounded(args, attacks) -> dict[str, Label]:
    """The least fixed point of the characteristic function, by definition."""
    attackers = {a: {x for x, y in attacks if y == a} for a in args}
    accepted: set[str] = set()
    while True:
        defended = {a for a in args if all(attackers[b] & accepted for b in attackers[a])}
        if defended == accepted:
            break
        accepted = defended
    out = {a for a in args if attackers[a] & accepted}
    return {a: IN if a in accepted else OUT if a in out else UNDEC for a in args}


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 9).flatmap(lambda n: st.tuples(
    st.just([f"x{i}" for i in range(n)]),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=n * 3),
)))
def test_iterative_algorithm_matches_the_definition(case):
    args, pairs = case
    attacks = [(args[i], args[j]) for i, j in pairs]
    assert grounded(Framework(args, attacks)) == _reference_grounded(args, attacks)


def test_grounded_labelling_is_complete_and_conflict_free_on_a_large_framework():
    # 10,000 arguments in long chains and cycles: runs in linear time, labels are consistent.
    n = 10_000
    args = [f"n{i}" for i in range(n)]
    attacks = [(args[i + 1], args[i]) for i in range(n - 1) if i % 100 != 99]
    attacks += [(args[i], args[i - 2]) for i in range(5000, 5003)]  # a small odd cycle
    lab = grounded(Framework(args, attacks))
    attackers = {a: [] for a in args}
    for x, y in attacks:
        attackers[y].append(x)
    for a in args:
        if lab[a] is IN:
            assert all(lab[b] is OUT for b in attackers[a])
        elif lab[a] is OUT:
            assert any(lab[b] is IN for b in attackers[a])
        else:
            assert not any(lab[b] is IN for b in attackers[a]) and any(lab[b] is UNDEC for b in attackers[a])


# --------------------------------------------------------------------------- maps


def make_map(statements, arguments=(), evidence=()) -> ResolvedMap:
    """A resolved map built in memory (no files, no quotes to anchor)."""
    sts = {s["id"]: Statement(**{"text": s["id"].replace("-", " "), **s}) for s in statements}
    args = {a["id"]: Argument(**a) for a in arguments}
    evs = {e["id"]: ResolvedEvidence(Evidence(**{"source": "oped", "quote": "q", **e}), None) for e in evidence}
    m = ResolvedMap(id="t", header=MapHeader(title="t"), sources={}, source_texts={}, options={}, statements=sts,
                    arguments=args, evidence=evs, locations={}, files=[])
    _link(m)
    return m


def test_support_chain_with_an_answered_objection():
    m = make_map(
        [{"id": "thesis", "kind": "thesis"}, {"id": "reason"}, {"id": "obj", "kind": "objection"}, {"id": "ans", "kind": "answer"}],
        [
            {"id": "a-thesis", "premises": ["reason"], "supports": "thesis"},
            {"id": "a-obj", "premises": ["obj"], "attacks": "thesis"},
            {"id": "a-ans", "premises": ["ans"], "undercuts": "a-obj"},
        ],
    )
    ev = evaluate(m)
    assert ev.label("a-ans") is IN and ev.label("a-obj") is OUT
    assert ev.label("thesis") is IN and ev.label("a-thesis") is IN
    [clash] = ev.clashes("aff")
    assert clash.target == "thesis" and clash.attack == "a-obj" and clash.outcome == "answered"
    [answer] = clash.answers
    assert answer.id == "a-ans" and answer.restores and answer.how == "undercuts it"


def test_an_unanswered_objection_defeats_a_claim_whatever_its_reasons():
    m = make_map(
        [{"id": "supported"}, {"id": "bare"}, {"id": "reason"}, {"id": "obj", "kind": "objection"}],
        [
            {"id": "a-sup", "premises": ["reason"], "supports": "supported"},
            {"id": "a-obj1", "premises": ["obj"], "attacks": "supported"},
            {"id": "a-obj2", "premises": ["obj"], "attacks": "bare"},
        ],
        [{"id": "card", "supports": ["supported"]}],
    )
    ev = evaluate(m)
    # As on a flow: an attack must be answered; the claim's own reasons do not answer it.
    assert (ev.label("supported"), ev.label("a-obj1")) == (OUT, IN)
    assert (ev.label("bare"), ev.label("a-obj2")) == (OUT, IN)
    # The reasons keep their own standing.
    assert ev.label("a-sup") is IN and ev.label("card") is IN
    assert ev.defeated("aff") == {"supported": ["a-obj1"], "bare": ["a-obj2"]}
    assert "defeated by a-obj1 (in)" in ev.explain("supported")
    [c1, c2] = ev.clashes("aff")
    assert {c1.attack, c2.attack} == {"a-obj1", "a-obj2"} and c1.outcome == "defeats" and not c1.answers


def test_defeated_premise_defeats_the_argument_and_a_claim_that_rests_on_it():
    m = make_map(
        [{"id": "claim"}, {"id": "premise"}, {"id": "counter", "kind": "objection"}],
        [{"id": "a", "premises": ["premise"], "supports": "claim"}, {"id": "r", "premises": ["counter"], "attacks": "premise"}],
    )
    ev = evaluate(m)
    assert (ev.label("premise"), ev.label("a"), ev.label("claim")) == (OUT, OUT, OUT)
    assert "every reason for it fails" in ev.explain("claim")
    assert "premise premise (out)" in ev.explain("a")


def test_linked_premises_all_have_to_stand():
    m = make_map(
        [{"id": "c"}, {"id": "p1"}, {"id": "p2"}, {"id": "x", "kind": "objection"}, {"id": "y", "kind": "objection"}],
        [
            {"id": "a", "premises": ["p1", "p2"], "supports": "c"},
            {"id": "r", "premises": ["x", "y"], "attacks": "p2"},
        ],
    )
    ev = evaluate(m)
    assert ev.label("p1") is IN and ev.label("p2") is OUT and ev.label("a") is OUT


def test_convergent_reasons_one_is_enough():
    m = make_map(
        [{"id": "c"}, {"id": "p1"}, {"id": "p2"}, {"id": "x", "kind": "objection"}],
        [
            {"id": "a1", "premises": ["p1"], "supports": "c"},
            {"id": "a2", "premises": ["p2"], "supports": "c"},
            {"id": "r", "premises": ["x"], "attacks": "p2"},
        ],
    )
    ev = evaluate(m)
    assert ev.label("a2") is OUT and ev.label("a1") is IN and ev.label("c") is IN


def test_card_against_card_is_undecided_and_acceptance_settles_it():
    m = make_map(
        [{"id": "fact", "kind": "fact"}, {"id": "uses-fact"}],
        [{"id": "a", "premises": ["fact"], "supports": "uses-fact"}],
        [{"id": "e-for", "supports": ["fact"]}, {"id": "e-against", "source": "article", "challenges": ["fact"]}],
    )
    ev = evaluate(m)
    assert (ev.label("fact"), ev.label("e-for"), ev.label("e-against"), ev.label("a")) == (UNDEC, UNDEC, UNDEC, UNDEC)
    # Accepting a card settles the clash, and what follows follows.
    ev2 = evaluate(m, accepted={"e-for"})
    assert (ev2.label("fact"), ev2.label("e-against"), ev2.label("a"), ev2.label("uses-fact")) == (IN, OUT, IN, IN)
    ev3 = evaluate(m, accepted={"e-against"})
    assert (ev3.label("fact"), ev3.label("e-for"), ev3.label("uses-fact")) == (OUT, OUT, OUT)
    # Accepting the statement itself overrides the challenge.
    ev4 = ev.what_if(["fact"])
    assert ev4.label("fact") is IN and ev4.label("e-against") is OUT
    assert "accepted" in ev4.explain("fact")


def test_accepted_in_the_claim_file_counts_and_conflicts_are_reported():
    m = make_map(
        [{"id": "s", "accepted": True}],
        [],
        [{"id": "e", "challenges": ["s"], "accepted": True}],
    )
    ev = evaluate(m)
    assert ev.label("s") is IN and ev.label("e") is IN
    assert ev.conflicts == [("e", "s")]
    assert evaluate(m, include_files=False).label("s") is OUT


def test_accept_rejects_ids_that_are_not_statements_or_evidence():
    m = make_map([{"id": "thesis", "kind": "thesis"}, {"id": "p"}], [{"id": "a", "premises": ["p"], "supports": "thesis"}])
    with pytest.raises(UnknownAcceptedId, match="did you mean 'thesis'"):
        evaluate(m, accepted={"thesis2"})
    with pytest.raises(UnknownAcceptedId, match="is an argument"):
        evaluate(m, accepted={"a"})


def test_a_card_is_answered_by_counter_evidence_and_an_objection_by_attacking_its_premise():
    m = make_map(
        [{"id": "fact", "kind": "fact"}, {"id": "obj", "kind": "objection"}, {"id": "ans", "kind": "answer"}],
        [{"id": "r", "premises": ["obj"], "attacks": "fact"}, {"id": "a", "premises": ["ans"], "attacks": "obj"}],
        [{"id": "e-for", "supports": ["fact"]}, {"id": "e-against", "source": "article", "challenges": ["fact"]}],
    )
    ev = evaluate(m)
    assert ev.label("obj") is OUT and ev.label("r") is OUT  # answered through its premise
    assert ev.use_label("e-against", "fact") is UNDEC  # weighed against e-for
    assert ev.label("fact") is UNDEC
    clashes = {c.attack: c for c in ev.clashes("aff")}
    assert clashes["r"].outcome == "answered" and clashes["r"].answers[0].how == "attacks its premise 'obj'"
    assert clashes["e-against"].outcome == "contests" and clashes["e-against"].answers[0].id == "e-for"
    assert clashes["e-against"].answers[0].would_restore


def test_mutual_rebuttal_is_an_even_cycle():
    m = make_map(
        [{"id": "ours"}, {"id": "theirs", "kind": "objection"}],
        [{"id": "a", "premises": ["ours"], "attacks": "theirs"}, {"id": "b", "premises": ["theirs"], "attacks": "ours"}],
    )
    ev = evaluate(m)
    assert all(ev.label(x) is UNDEC for x in ("ours", "theirs", "a", "b"))


def test_undercut_chain_reinstates():
    m = make_map(
        [{"id": "t"}, {"id": "p"}, {"id": "q"}, {"id": "r"}],
        [
            {"id": "a", "premises": ["p"], "supports": "t"},
            {"id": "u1", "premises": ["q"], "undercuts": "a"},
            {"id": "u2", "premises": ["r"], "undercuts": "u1"},
        ],
    )
    ev = evaluate(m)
    assert (ev.label("u2"), ev.label("u1"), ev.label("a"), ev.label("t")) == (IN, OUT, IN, IN)
    [clash] = ev.clashes("aff")  # u1 undercuts our argument a
    assert clash.relation == "undercut" and clash.target == "a" and clash.answers[0].id == "u2"
    assert clash.answers[0].restores


def test_would_restore_names_the_answer_to_win():
    m = make_map(
        [{"id": "t", "kind": "thesis"}, {"id": "p"}, {"id": "obj", "kind": "objection"}, {"id": "ans", "kind": "answer"}],
        [
            {"id": "a", "premises": ["p"], "supports": "t"},
            {"id": "r", "premises": ["obj"], "attacks": "t"},
            {"id": "u", "premises": ["ans"], "undercuts": "r"},
        ],
        [{"id": "e", "source": "article", "challenges": ["ans"]}],
    )
    ev = evaluate(m)
    assert ev.label("ans") is OUT and ev.label("t") is OUT
    clash = next(c for c in ev.clashes() if c.target == "t")
    [answer] = clash.answers
    assert answer.id == "u" and not answer.restores and answer.would_restore
    # The unanswered challenge to our answer is an attack on our side too.
    assert any(c.attack == "e" and c.outcome == "defeats" for c in ev.clashes())


# ---- the framework's helper nodes compute exactly the rules in the docstring


def _kleene_reference(m: ResolvedMap, firm: set[str]) -> dict[str, Label]:
    """The documented rules as three-valued equations, solved by Kleene iteration
    from 'all undecided' (the least fixed point, which is the grounded labelling)."""
    T, F, U = IN, OUT, UNDEC

    def NOT(v):
        return {T: F, F: T, U: U}[v]

    def AND(vs):
        vs = list(vs)
        return F if F in vs else U if U in vs else T

    def OR(vs):
        vs = list(vs)
        return T if T in vs else U if U in vs else F

    # A reason is an argument id, or ("use", card, statement, against).
    pros = {s: [*m.supporting_args.get(s, []), *(("use", e, s, False) for e in m.evidence_for.get(s, []))] for s in m.statements}
    cons = {s: [*m.attacking_args.get(s, []), *(("use", e, s, True) for e in m.evidence_against.get(s, []))] for s in m.statements}
    uses = [("use", e, s, False) for e, r in m.evidence.items() for s in r.evidence.supports]
    uses += [("use", e, s, True) for e, r in m.evidence.items() for s in r.evidence.challenges]
    val = {i: U for i in (*m.statements, *m.arguments, *m.evidence, *uses)}
    for _ in range(4 * len(val) + 4):
        new = {}
        for s in m.statements:
            if s in firm:
                new[s] = T
            else:
                new[s] = AND([*(NOT(val[c]) for c in cons[s]), OR(val[p] for p in pros[s]) if pros[s] else T])
        def firm_cards(reasons):
            return any(isinstance(r, tuple) and r[1] in firm for r in reasons)

        def cards(reasons):
            return [r for r in reasons if isinstance(r, tuple)]

        for a, arg in m.arguments.items():
            parts = [val[p] for p in arg.premises]
            parts += [NOT(val[u]) for u in m.undercutting_args.get(a, [])]
            # Only what is accepted contradicts an argument on its conclusion.
            if arg.relation.value == "support" and firm_cards(cons[arg.target]):
                parts.append(F)
            elif arg.relation.value == "rebut" and (arg.target in firm or firm_cards(pros[arg.target])):
                parts.append(F)
            new[a] = AND(parts)
        for use in uses:
            _, e, s, against = use
            if e in firm:
                new[use] = T
            elif not against:  # weighed against the cards against s
                new[use] = NOT(OR(val[c] for c in cards(cons[s])))
            else:  # weighed against the cards for s; an accepted s defeats it
                new[use] = AND([NOT(OR(val[p] for p in cards(pros[s]))), F if s in firm else T])
        for e in m.evidence:
            new[e] = T if e in firm else AND(new[u] for u in uses if u[1] == e)
        if new == val:
            break
        val = new
    return val


@st.composite
def random_maps(draw):
    n = draw(st.integers(1, 7))
    sids = [f"s{i}" for i in range(n)]
    statements = [{"id": s, "kind": draw(st.sampled_from(["claim", "objection", "fact"])), "accepted": draw(st.booleans()) and draw(st.booleans())} for s in sids]
    arguments = []
    for j in range(draw(st.integers(0, 7))):
        rel = draw(st.sampled_from(["supports", "attacks", "undercuts"] if j else ["supports", "attacks"]))
        target = f"a{draw(st.integers(0, j - 1))}" if rel == "undercuts" else draw(st.sampled_from(sids))
        premises = draw(st.lists(st.sampled_from(sids), min_size=1, max_size=3, unique=True))
        arguments.append({"id": f"a{j}", "premises": premises, rel: target})
    evidence = []
    for k in range(draw(st.integers(0, 4))):
        evidence.append({"id": f"e{k}", "supports": draw(st.lists(st.sampled_from(sids), max_size=2, unique=True)),
                         "challenges": draw(st.lists(st.sampled_from(sids), max_size=1)),
                         "accepted": draw(st.booleans()) and draw(st.booleans())})
    return make_map(statements, arguments, evidence)


@settings(max_examples=400, deadline=None)
@given(random_maps())
def test_map_labels_are_the_documented_rules(m):
    ev = evaluate(m)
    expected = _kleene_reference(m, set(ev.accepted))
    assert ev.labels == {k: v for k, v in expected.items() if isinstance(k, str)}
    for (_, e, s, against), v in ((k, v) for k, v in expected.items() if not isinstance(k, str)):
        assert ev.use_label(e, s, against) is v
    # The helper nodes never leak out.
    assert set(ev.labels) == {*m.statements, *m.arguments, *m.evidence}
    for ident in ev.labels:
        assert ev.explain(ident)


def test_framework_has_one_node_per_item_plus_helpers_named_apart():
    m = make_map([{"id": "t"}, {"id": "p"}], [{"id": "a", "premises": ["p"], "supports": "t"}])
    fw = build_framework(m)
    assert {"t", "p", "a"} <= set(fw.arguments)
    assert all(x.startswith("~") for x in fw.arguments if x not in {"t", "p", "a"})


# --------------------------------------------------------------------------- the repository's maps


def test_example_map_labels(repo_project):
    from argmap.api import resolve_map

    m = resolve_map(repo_project, "example")
    ev = evaluate(m)
    # The 2023 defection news defeats our answer to the reward objection, so
    # the objection stands and defeats the thesis, until the answer is won.
    assert ev.label("ex-talks-stalled") is OUT
    assert ev.label("ex-arg-no-reward") is OUT
    assert ev.label("ex-arg-reward") is IN
    assert ev.label("ex-thesis") is OUT
    assert ev.label("ex-arg-thesis") is IN and ev.label("ex-embargo-fails") is IN
    assert ev.defeated("aff") == {"ex-thesis": ["ex-arg-reward"], "ex-talks-stalled": ["ex-ev-defection"]}
    won = ev.what_if(["ex-talks-stalled"])
    assert won.label("ex-thesis") is IN and won.label("ex-arg-reward") is OUT


def test_carrot_stick_map_is_labelled_when_present(repo_project):
    from argmap.api import resolve_map

    if not any(mi.id == "carrot-stick" for mi in repo_project.maps()):
        pytest.skip("arguments/carrot-stick/ is not in this checkout")
    m = resolve_map(repo_project, "carrot-stick")
    ev = evaluate(m)
    assert set(ev.labels) == {*m.statements, *m.arguments, *m.evidence}
    assert all(isinstance(v, Label) for v in ev.labels.values())
    for t in m.theses():
        assert ev.explain(t.id)


def test_a_clash_over_one_claim_does_not_spill_over_to_another_use_of_the_same_card():
    m = make_map(
        [{"id": "a"}, {"id": "b"}],
        [],
        [{"id": "card", "supports": ["a", "b"]}, {"id": "other", "source": "article", "challenges": ["b"]}],
    )
    ev = evaluate(m)
    assert ev.label("a") is IN and ev.use_label("card", "a") is IN
    assert ev.label("b") is UNDEC and ev.use_label("card", "b") is UNDEC
    assert ev.label("card") is UNDEC  # a card stands where all its uses stand
    assert "for 'b': weighed against other (undec)" in ev.explain("card")
