"""The coach's red pen (argmap.analyze.strategy, W509-W517): each check on small
hand-made maps, one defect it must catch and one near miss it must not."""

from __future__ import annotations

from argmap.analyze.analysis import analyze
from argmap.analyze.evaluate import Label, evaluate
from argmap.analyze.strategy import ANALYTIC_THRESHOLD, card_coverage
from argmap.api import check, resolve_map

DIPLOMATS = ("However, according to North Korean diplomats, the negotiations fell through because of a lack of "
             "transparency in terms of intentions from both sides.")
DENIES = ("However, the US denied these accusations and claimed that their exercises were not directed towards "
          "Pyongyang, let alone the country as a whole.")


def analysed(tmp_project, text: str):
    tmp_project.claim("m.yaml", text)
    return analyze(resolve_map(tmp_project.project, "m"))


def kinds(a, kind: str) -> list[str]:
    return [ws.subject for ws in a.weak_spots if ws.kind == kind]


# --------------------------------------------------------------------------- W509 and evaluation rule 7

INDICT_MAP = f"""
map:
  title: Indict
statements:
  - id: thesis
    kind: thesis
    text: The US should engage North Korea.
  - id: diplomats-say
    kind: fact
    text: North Korean diplomats said the talks failed for lack of transparency.
  - id: cause
    text: The talks failed for lack of transparency.
  - id: obj
    kind: objection
    text: Engagement was tried and failed.
  - id: ans
    kind: answer
    text: The talks failed for lack of transparency, which the plan fixes.
  - id: obj-source
    kind: objection
    text: The only account of the failure comes from North Korean diplomats, a party to the dispute.
arguments:
  - id: arg-thesis
    premises: [cause]
    supports: thesis
  - id: arg-testimony
    premises: [diplomats-say]
    supports: cause
    scheme: SCHEME
  - id: arg-obj
    premises: [obj]
    attacks: thesis
  - id: arg-ans
    premises: [ans]
    undercuts: arg-obj
    answer_type: no-link
  - id: arg-indict
    premises: [obj-source]
    undercuts: arg-testimony
evidence:
  - id: ev-dip
    source: oped
    quote: "{DIPLOMATS}"
    supports: [diplomats-say, ans]
"""


def test_an_indict_reaches_the_card_and_the_answer_no_longer_answers(tmp_project):
    a = analysed(tmp_project, INDICT_MAP.replace("SCHEME", "expert-opinion"))
    assert a.label("arg-indict") is Label.IN and a.label("arg-testimony") is Label.OUT
    assert a.evaluation.use_label("ev-dip", "diplomats-say") is Label.IN  # that they said it is not in dispute
    assert a.evaluation.use_label("ev-dip", "ans") is Label.OUT  # what they said is indicted
    assert a.label("ans") is Label.OUT and a.label("arg-obj") is Label.IN
    clash = next(c for c in a.clashes if c.attack == "arg-obj")
    assert clash.outcome == "defeats"  # no longer "answered", in every output
    assert "indicted by arg-indict" in a.evaluation.explain("ev-dip")
    found = {ws.subject: ws for ws in a.weak_spots if ws.kind == "indicted-support"}
    assert "ans" in found and "arg-obj" in found["ans"].message and found["ans"].code == "W509"
    assert "arg-indict" in found["ans"].related


def test_the_same_passage_cut_again_carries_the_indict(tmp_project):
    text = INDICT_MAP.replace("SCHEME", "expert-opinion").replace(
        "    supports: [diplomats-say, ans]\n", "    supports: [diplomats-say]\n") + (
        "  - id: ev-recut\n    source: oped\n    quote: the negotiations fell through because of a lack of transparency\n"
        "    supports: [ans]\n")
    a = analysed(tmp_project, text)
    assert a.evaluation.use_label("ev-recut", "ans") is Label.OUT and a.label("ans") is Label.OUT
    assert next(c for c in a.clashes if c.attack == "arg-obj").outcome == "defeats"


def test_an_undercut_of_a_causal_step_is_not_an_indict_of_the_card(tmp_project):
    a = analysed(tmp_project, INDICT_MAP.replace("SCHEME", "cause-to-effect"))
    assert a.label("ans") is Label.IN
    assert next(c for c in a.clashes if c.attack == "arg-obj").outcome == "answered"
    assert "ans" not in kinds(a, "indicted-support")


def test_a_claim_that_stands_on_other_reasons_is_told_to_drop_the_indicted_card(tmp_project):
    text = INDICT_MAP.replace("SCHEME", "expert-opinion").replace(
        "  - id: arg-indict", "  - id: arg-ans-basis\n    premises: [plan-fixes]\n    supports: ans\n  - id: arg-indict").replace(
        "arguments:\n", "  - id: plan-fixes\n    text: The plan states US intentions.\narguments:\n", 1)
    a = analysed(tmp_project, text)
    assert a.label("ans") is Label.IN
    assert next(c for c in a.clashes if c.attack == "arg-obj").outcome == "answered"
    spots = [ws for ws in a.weak_spots if ws.kind == "indicted-support" and ws.subject == "ans"]
    assert spots and "stands only on its other reasons" in spots[0].message and spots[0].related == ("ev-dip", "arg-indict")


# --------------------------------------------------------------------------- W510 double binds

BIND_MAP = """
map:
  title: Bind
statements:
  - id: thesis
    kind: thesis
    text: The US should add troops and talks.
  - id: deters
    text: More troops deter the North.
  - id: provokes-anyway
    kind: answer
    SIDE
    contrary: [deters]
    text: The North provokes whatever we do.
  - id: obj
    kind: objection
    text: Exercises provoke the North.
arguments:
  - id: arg-thesis
    premises: [deters]
    supports: thesis
  - id: arg-obj
    premises: [obj]
    attacks: thesis
  - id: arg-ans
    premises: [provokes-anyway]
    attacks: obj
    answer_type: non-unique
"""


def test_two_claims_of_our_side_marked_contrary_are_a_double_bind(tmp_project):
    a = analysed(tmp_project, BIND_MAP.replace("SIDE", ""))
    spots = [ws for ws in a.weak_spots if ws.kind == "double-bind"]
    assert [(ws.subject, ws.related) for ws in spots] == [("deters", ("provokes-anyway",))]
    assert spots[0].code == "W510" and a.counts().weak_spots["double-bind"] == 1
    assert a.map.contraries["deters"] == ["provokes-anyway"]  # symmetric


def test_contrary_claims_of_the_two_sides_are_a_clash_not_a_bind(tmp_project):
    a = analysed(tmp_project, BIND_MAP.replace("SIDE", "side: neg"))
    assert kinds(a, "double-bind") == []


def test_a_deliberate_double_bind_is_listed_with_its_reason_and_once(tmp_project):
    text = BIND_MAP.replace("SIDE", "weaknesses:\n      - kind: double-bind\n        note: Run it only against the DA.")
    a = analysed(tmp_project, text)
    spots = [ws for ws in a.weak_spots if ws.kind == "double-bind"]
    assert len(spots) == 1 and spots[0].acknowledged == "Run it only against the DA."
    assert spots[0].to_diagnostic(a.map).format().split("\n")[0].endswith("(kept: Run it only against the DA.)")
    assert spots[0].to_diagnostic(a.map).severity.value == "note"
    assert kinds(a, "noted") == []


def test_a_double_bind_note_written_as_a_block_is_listed_once(tmp_project):
    """A `note: |` block keeps its line breaks; it keeps the finding as a one-line note does, not a second 'noted' spot."""
    text = BIND_MAP.replace("SIDE", "weaknesses:\n      - kind: double-bind\n        note: |\n          Run it only\n          against the DA.")
    a = analysed(tmp_project, text)
    spots = [ws for ws in a.weak_spots if ws.kind == "double-bind"]
    assert len(spots) == 1 and spots[0].acknowledged == "Run it only against the DA."
    assert kinds(a, "noted") == []


def test_a_double_bind_note_that_keeps_nothing_is_stale(tmp_project):
    note = "weaknesses:\n      - kind: double-bind\n        note: Run it only against the DA."
    a = analysed(tmp_project, BIND_MAP.replace("SIDE", note + "\n    side: neg"))  # the other side's: no bind fires
    assert kinds(a, "double-bind") == [] and [d.code for d in a.keep_problems] == ["W519"]
    assert a.keep_problems[0].location == a.map.locations["provokes-anyway"]
    assert analysed(tmp_project, BIND_MAP.replace("SIDE", note)).keep_problems == []  # the bind fires: the note keeps it


def test_an_unknown_contrary_id_is_a_located_error(tmp_project):
    tmp_project.claim("m.yaml", BIND_MAP.replace("SIDE", "").replace("contrary: [deters]", "contrary: [detters]"))
    result = check(tmp_project.project)
    errors = [d for d in result.all_diagnostics() if d.code == "E202"]
    assert errors and "detters" in errors[0].message and errors[0].location.line == 12
    assert "did you mean 'deters'" in errors[0].hint


# --------------------------------------------------------------------------- W511 concessions

CONCEDE_MAP = """
map:
  title: Concede
statements:
  - id: thesis
    kind: thesis
    text: The US should station more troops.
  - id: works
    text: More troops deter the North.
  - id: undeterred
    kind: KIND
    text: The North pushes ahead whatever the backlash.
  - id: obj
    kind: objection
    text: More troops will not deter.
  - id: da
    kind: objection
    stock_issue: disadvantage
    text: Exercises provoke bigger barrages.
  - id: ans
    kind: answer
    text: The North provokes anyway.
arguments:
  - id: arg-thesis
    premises: [works]
    supports: thesis
  - id: arg-obj-basis
    premises: [undeterred]
    supports: obj
  - id: arg-obj
    premises: [obj]
    attacks: works
  - id: arg-da
    premises: [da]
    attacks: thesis
  - id: arg-ans-basis
    premises: [undeterred]
    supports: ans
  - id: arg-ans
    premises: [ans]
    attacks: da
    answer_type: non-unique
"""


def test_an_answer_on_the_ground_of_an_attack_on_our_case_concedes_it(tmp_project):
    a = analysed(tmp_project, CONCEDE_MAP.replace("KIND", "claim"))
    spots = [ws for ws in a.weak_spots if ws.kind == "concession"]
    assert [(ws.subject, ws.related[0]) for ws in spots] == [("ans", "obj")] and spots[0].code == "W511"


def test_a_shared_fact_is_common_ground_not_a_concession(tmp_project):
    a = analysed(tmp_project, CONCEDE_MAP.replace("KIND", "fact"))
    assert kinds(a, "concession") == []


# --------------------------------------------------------------------------- W512 answer-type fit

FIT_MAP = """
map:
  title: Fit
statements:
  - id: thesis
    kind: thesis
    text: The US should engage North Korea.
  - id: works
    text: Engagement can move North Korea.
  - id: obj
    kind: objection
    stock_issue: ISSUE
    text: Russia and China outbid any US carrot.
  - id: ans
    kind: answer
    text: The tilt toward Russia happened anyway, under isolation.
arguments:
  - id: arg-thesis
    premises: [works]
    supports: thesis
  - id: arg-obj
    premises: [obj]
    attacks: works
  - id: arg-ans
    premises: [ans]
    attacks: obj
    answer_type: TYPE
"""


def test_a_non_unique_against_a_solvency_takeout_is_a_misfit(tmp_project):
    a = analysed(tmp_project, FIT_MAP.replace("ISSUE", "case-attack").replace("TYPE", "non-unique"))
    spots = [ws for ws in a.weak_spots if ws.kind == "answer-misfit"]
    assert [ws.subject for ws in spots] == ["arg-ans"] and spots[0].code == "W512"
    assert "case-attack" in spots[0].message


def test_a_non_unique_against_a_disadvantage_fits(tmp_project):
    a = analysed(tmp_project, FIT_MAP.replace("ISSUE", "disadvantage").replace("TYPE", "non-unique"))
    assert kinds(a, "answer-misfit") == []


def test_a_no_link_must_undercut_and_a_turn_must_support_us(tmp_project):
    a = analysed(tmp_project, FIT_MAP.replace("ISSUE", "case-attack").replace("TYPE", "no-link"))
    assert kinds(a, "answer-misfit") == ["arg-ans"]
    undercut = FIT_MAP.replace("ISSUE", "case-attack").replace("TYPE", "no-link").replace("    attacks: obj\n", "    undercuts: arg-obj\n")
    assert kinds(analysed(tmp_project, undercut), "answer-misfit") == []
    turn = FIT_MAP.replace("ISSUE", "case-attack").replace("TYPE", "link-turn")
    assert kinds(analysed(tmp_project, turn), "answer-misfit") == ["arg-ans"]
    turned = turn.replace("  - id: arg-obj\n", "  - id: arg-turn\n    premises: [ans]\n    supports: works\n  - id: arg-obj\n")
    assert kinds(analysed(tmp_project, turned), "answer-misfit") == []


LINK_MAP = """
map:
  title: Link
statements:
  - id: thesis
    kind: thesis
    text: The US should station more troops.
  - id: plank
    kind: plan
    text: Station more personnel in the region.
  - id: da
    kind: objection
    stock_issue: disadvantage
    text: More forces make US involvement in a clash more likely.
  - id: ans
    kind: answer
    text: Presence is not entering a war.
arguments:
  - id: arg-thesis
    premises: [plank]
    supports: thesis
  - id: arg-da
    premises: [da]
    attacks: plank
  - id: arg-ans
    premises: [ans]
    undercuts: arg-da
    answer_type: no-link
evidence:
  - id: ev-plank
    source: oped
    quote: this can be implemented by stationing more personnel in the region
    supports: [plank]
  - id: ev-ans
    source: oped
    quote: QUOTE
    supports: [ans]
"""


def test_a_no_link_card_cut_from_the_passage_that_proves_the_link_is_a_misfit(tmp_project):
    a = analysed(tmp_project, LINK_MAP.replace("QUOTE", "Rather than entering the peninsula guns ablaze, this can be implemented by stationing more personnel"))
    spots = a.weak_spots_of("answer-misfit")
    assert [ws.subject for ws in spots] == ["arg-ans"] and "proves the link" in spots[0].message


def test_a_no_link_card_from_elsewhere_fits(tmp_project):
    a = analysed(tmp_project, LINK_MAP.replace("QUOTE", "the US denied these accusations and claimed that their exercises were not directed towards Pyongyang"))
    assert kinds(a, "answer-misfit") == []


def test_counter_evidence_must_bring_a_new_card(tmp_project):
    base = FIT_MAP.replace("ISSUE", "case-attack").replace("TYPE", "counter-evidence")
    card = """evidence:
  - id: ev-a
    source: article
    quote: North Korea has strengthened its ties with China and Russia.
    supports: [obj, ANS]
  - id: ev-b
    source: article
    quote: Russia has reportedly proposed conducting three-way naval exercises with North Korea and China.
    supports: [NEW]
"""
    rereads = analysed(tmp_project, base + card.replace("ANS", "ans").replace("NEW", "obj"))
    assert kinds(rereads, "answer-misfit") == ["arg-ans"] and "re-reads" in rereads.weak_spots_of("answer-misfit")[0].message
    fresh = analysed(tmp_project, base + card.replace(", ANS", "").replace("NEW", "ans"))
    assert kinds(fresh, "answer-misfit") == []


# --------------------------------------------------------------------------- W513 source scrutiny

SCRUTINY_MAP = INDICT_MAP.replace("SCHEME", "expert-opinion").replace(
    "    supports: [diplomats-say, ans]\n",
    "    supports: [diplomats-say, ans]\n    voice: {who: North Korean diplomats, kinds: [government, party]}\n") + f"""
  - id: ev-us
    source: oped
    quote: "{DENIES}"
    supports: [thesis]
    voice: {{who: the US government, kinds: [KINDS]}}
"""


def test_a_party_indicted_on_one_side_and_a_party_read_unflagged_on_the_other(tmp_project):
    a = analysed(tmp_project, SCRUTINY_MAP.replace("KINDS", "government, party"))
    spots = [ws for ws in a.weak_spots if ws.kind == "one-sided-scrutiny"]
    assert [ws.subject for ws in spots] == ["ev-us"] and spots[0].code == "W513"
    assert "North Korean diplomats" in spots[0].message and "arg-indict" in spots[0].related


def test_a_voice_of_another_kind_passes_and_a_noted_one_is_kept_with_its_reason(tmp_project):
    assert kinds(analysed(tmp_project, SCRUTINY_MAP.replace("KINDS", "press")), "one-sided-scrutiny") == []
    noted = SCRUTINY_MAP.replace("KINDS", "government, party") + (
        "    weaknesses:\n      - kind: interested-source\n        note: Read only for what the US said.\n")
    spots = analysed(tmp_project, noted).weak_spots_of("one-sided-scrutiny")
    assert spots[0].acknowledged == "Read only for what the US said."


# --------------------------------------------------------------------------- W514 analytic in disguise

ANALYTIC_MAP = """
map:
  title: Analytic
statements:
  - id: thesis
    kind: thesis
    text: The US should station more troops.
  - id: held
    text: TEXT
arguments:
  - id: arg-thesis
    premises: [held]
    supports: thesis
evidence:
  - id: ev-msg
    source: oped
    quote: >-
      If these efforts were increased, it would send an imperative message that
      would resonate throughout the minds of North Korean officials: we will
      not be intimidated.
    highlight: ["it would send an imperative message that would resonate throughout the minds of North Korean officials: we will not be intimidated"]
    supports: [held]
"""


def test_a_claim_its_only_card_does_not_say_is_an_analytic_in_disguise(tmp_project):
    a = analysed(tmp_project, ANALYTIC_MAP.replace("TEXT", "The presence has held, since none of the crises has become a war."))
    spots = a.weak_spots_of("analytic-in-disguise")
    assert [ws.subject for ws in spots] == ["held"] and spots[0].code == "W514" and spots[0].related == ("ev-msg",)


def test_a_claim_its_card_does_say_is_carded(tmp_project):
    text = "More presence would send North Korean officials the message that we will not be intimidated."
    a = analysed(tmp_project, ANALYTIC_MAP.replace("TEXT", text))
    assert kinds(a, "analytic-in-disguise") == []
    assert card_coverage(text, "it would send an imperative message: we will not be intimidated") >= ANALYTIC_THRESHOLD


# --------------------------------------------------------------------------- W515-W517 reads

READ_MAP = """
map:
  title: Reads
statements:
  - id: thesis
    kind: thesis
    text: The US should engage North Korea.
  - id: no-relations
    kind: fact
    text: The US has no diplomatic relations with North Korea.
  - id: threat
    kind: fact
    text: North Korea threatened more if the exercises continued.
arguments:
  - id: arg-thesis
    premises: [no-relations, threat]
    supports: thesis
evidence:
  - id: ev-rel
    source: oped
    quote: Currently, the US does not have any diplomatic relations with North Korea.
    highlight: [REL]
    supports: [no-relations]
  - id: ev-threat
    source: oped
    quote: >-
      North Korea stated that its tests were in response to the nations'
      attempts to allegedly derail the North Korean government and that
      continued air force exercises would invite "more powerful follow-up
      measures."
    highlight: [THREAT]
    supports: [threat]
"""


def test_reads_that_drop_a_negation_are_too_short_or_stop_mid_phrase(tmp_project):
    a = analysed(tmp_project, READ_MAP.replace("REL", "any diplomatic relations")
                 .replace("THREAT", "North Korea stated that its tests were in response to the nations' attempts to allegedly derail the North Korean government and that continued air force exercises would invite"))
    assert kinds(a, "read-drops-qualifier") == ["ev-rel"]
    assert kinds(a, "short-read") == ["ev-rel"]
    assert kinds(a, "read-mid-phrase") == ["ev-threat"]
    codes = {ws.kind: ws.code for ws in a.weak_spots}
    assert (codes["read-drops-qualifier"], codes["short-read"], codes["read-mid-phrase"]) == ("W515", "W516", "W517")
    assert "\u201cnot\u201d" in a.weak_spots_of("read-drops-qualifier")[0].message


def test_full_clause_reads_with_their_negations_pass(tmp_project):
    a = analysed(tmp_project, READ_MAP.replace("REL", "the US does not have any diplomatic relations with North Korea")
                 .replace("THREAT", "'continued air force exercises would invite \"more powerful follow-up measures.\"'"))
    assert kinds(a, "read-drops-qualifier") == kinds(a, "short-read") == kinds(a, "read-mid-phrase") == []


def test_a_hedge_dropped_inside_the_read_is_caught(tmp_project):
    a = analysed(tmp_project, READ_MAP.replace("REL", "the US does not have any diplomatic relations with North Korea")
                 .replace("THREAT", "[its tests were in response to the nations' attempts to, derail the North Korean government]")
                 .replace("highlight: [[", "highlight: [").replace("]]", "]"))
    assert kinds(a, "read-drops-qualifier") == ["ev-threat"]
    assert "allegedly" in a.weak_spots_of("read-drops-qualifier")[0].message


def test_every_strategy_kind_is_counted(tmp_project):
    a = analysed(tmp_project, READ_MAP.replace("REL", "any diplomatic relations").replace("THREAT", "continued air force exercises"))
    counted = a.counts().weak_spots
    for kind in ("indicted-support", "double-bind", "concession", "answer-misfit", "one-sided-scrutiny",
                 "analytic-in-disguise", "read-drops-qualifier", "short-read", "read-mid-phrase"):
        assert kind in counted
    assert counted["short-read"] == 2
    assert evaluate(a.map).label("thesis") is Label.IN


def test_a_guessed_reference_is_cited_as_probable(tmp_project):
    text = """
map:
  title: Cite
statements:
  - id: thesis
    kind: thesis
    text: China handles most of North Korea's trade.
evidence:
  - id: ev-1
    source: oped
    reference: usip-2019
    reference_guessed: GUESS
    quote: China accounts for over 90% of North Korea's total imports and exports
    supports: [thesis]
"""
    guessed = analysed(tmp_project, text.replace("GUESS", "true")).cards["ev-1"].citing
    assert guessed.startswith("probably citing USIP")
    assert analysed(tmp_project, text.replace("GUESS", "false")).cards["ev-1"].citing.startswith("citing USIP")


# --------------------------------------------------------------------------- findings shown where they apply


def test_the_block_says_why_an_answer_no_longer_answers_and_what_restores_it(tmp_project):
    from argmap.render.handouts.view import build_view

    a = analysed(tmp_project, INDICT_MAP.replace("SCHEME", "expert-opinion"))
    blocks = build_view(a, "blocks", diagram=False).body.blocks
    blk = next(b for b in blocks if "arg-obj" in b.attacks)
    assert blk.outcome == "stands"  # not "answered"
    [ans] = [x for x in blk.answers if x.id == "arg-ans"]
    [f] = ans.findings
    assert f.code == "W509" and f.label == "Not answered" and f.restore and f.kept is None
    # in words, never ids: the student reads tags, not 'arg-indict' or 'ev-dip'
    for text in (f.text, f.restore):
        assert not any(i in text for i in ("arg-indict", "arg-obj", "ev-dip", "'ans'"))
    assert "The only account of the failure" in f.text or "only account" in f.restore
    # the card the indict reaches says so too
    cards = build_view(a, "cards", diagram=False).body
    assert [x.code for x in cards.findings.get("ev-dip", [])] == []  # its use for the fact that they said it stands
    # the near miss: an undercut of a causal step indicts nothing, and the answer has no finding
    b = analysed(tmp_project, INDICT_MAP.replace("SCHEME", "cause-to-effect"))
    blk = next(x for x in build_view(b, "blocks", diagram=False).body.blocks if "arg-obj" in x.attacks)
    assert blk.outcome == "answered" and all(not x.findings for x in blk.answers)


def test_a_card_shows_what_is_wrong_with_its_read(tmp_project):
    from argmap.render.handouts import render_handout
    from argmap.render.handouts.view import build_view

    a = analysed(tmp_project, READ_MAP.replace("REL", "any diplomatic relations")
                 .replace("THREAT", "'continued air force exercises would invite \"more powerful follow-up measures.\"'"))
    body = build_view(a, "cards", diagram=False).body
    assert sorted(f.code for f in body.findings["ev-rel"]) == ["W515", "W516"]
    assert body.findings.get("ev-threat", []) == []  # a full clause: nothing to say
    html = render_handout(a, "cards", "html")
    assert "The read changes the meaning" in html and "Read too short" in html and "W515" not in html


def test_a_read_of_six_words_is_a_clause_and_five_is_too_short(tmp_project):
    full = "'continued air force exercises would invite \"more powerful follow-up measures.\"'"
    six = analysed(tmp_project, READ_MAP.replace("REL", "does not have any diplomatic relations").replace("THREAT", full))
    assert kinds(six, "short-read") == [] and kinds(six, "read-drops-qualifier") == []
    five = analysed(tmp_project, READ_MAP.replace("REL", "not have any diplomatic relations").replace("THREAT", full))
    assert kinds(five, "short-read") == ["ev-rel"] and kinds(five, "read-drops-qualifier") == []


def test_a_read_that_stops_on_its_object_is_not_mid_phrase(tmp_project):
    rel = "the US does not have any diplomatic relations with North Korea"
    cut = analysed(tmp_project, READ_MAP.replace("REL", rel).replace(
        "THREAT", "North Korea stated that its tests were in response to the nations' attempts to allegedly derail the"))
    assert kinds(cut, "read-mid-phrase") == ["ev-threat"]
    whole = analysed(tmp_project, READ_MAP.replace("REL", rel).replace(
        "THREAT", "North Korea stated that its tests were in response to the nations' attempts to allegedly derail the North Korean government"))
    assert kinds(whole, "read-mid-phrase") == []
