"""Critical questions: every scheme has its own, filled with the argument's statements."""

from __future__ import annotations

import pytest

from argmap.api import resolve_map
from argmap.load.model import Scheme
from argmap.analyze.schemes import QUESTIONS, SCHEME_NAMES, CriticalQuestion, all_critical_questions, critical_questions

MAP = """
map:
  title: Schemes
statements:
  - id: goal
    text: The United States wants a stable peninsula.
  - id: means
    tag: Engagement brings stability
    text: Diplomatic engagement brings stability.
  - id: act
    kind: thesis
    text: The United States should engage North Korea.
  - id: obj
    kind: objection
    text: Talks reward provocations.
  - id: expert
    text: Regional experts say the embargo has failed.
arguments:
  - id: arg-pr
    premises: [goal, means]
    supports: act
    scheme: practical-reasoning
  - id: arg-cons
    premises: [obj]
    attacks: act
    scheme: consequences
  - id: arg-cut
    premises: [expert]
    undercuts: arg-cons
    scheme: expert-opinion
  - id: arg-plain
    premises: [goal]
    supports: act
evidence:
  - id: ev
    source: oped
    quote: China accounts for over 90% of North Korea's total imports and exports
    supports: [expert]
"""


@pytest.fixture
def rmap(tmp_project):
    tmp_project.claim("m.yaml", MAP)
    return resolve_map(tmp_project.project, "m")


def test_every_scheme_has_questions_of_its_own():
    assert set(QUESTIONS) == set(Scheme) == set(SCHEME_NAMES)
    seen: set[str] = set()
    for scheme, templates in QUESTIONS.items():
        assert len(templates) >= 3, scheme
        keys = [t.key for t in templates]
        assert len(keys) == len(set(keys)), scheme
        for t in templates:
            assert t.aim in {"premise", "inference", "conclusion"}
            assert t.text.endswith(("?", ".")) and t.text not in seen
            seen.add(t.text)
    # The list, at least.
    for s in ("practical-reasoning", "consequences", "precedent", "analogy", "expert-opinion", "sign", "cause-to-effect"):
        assert Scheme(s) in QUESTIONS


def test_questions_are_filled_with_the_arguments_own_statements(rmap):
    qs = critical_questions(rmap, "arg-pr")
    assert all(isinstance(q, CriticalQuestion) and q.scheme is Scheme.practical_reasoning and q.argument_id == "arg-pr" for q in qs)
    text = " ".join(q.text for q in qs)
    assert "\u201cThe United States should engage North Korea\u201d" in text  # the conclusion, quoted, without its full stop
    assert "\u201cEngagement brings stability\u201d" in text  # a premise by its debate tag
    assert "{" not in text and "}" not in text
    goal = next(q for q in qs if q.key == "goal")
    assert goal.aim == "premise" and goal.targets == ("goal", "means")
    means = next(q for q in qs if q.key == "means")
    assert means.aim == "inference" and means.targets == ("arg-pr",)
    alternatives = next(q for q in qs if q.key == "alternatives")
    assert alternatives.targets == ("act",)


def test_rebuttals_and_undercuts_say_what_they_conclude(rmap):
    [q] = [q for q in critical_questions(rmap, "arg-cons") if q.key == "other-consequences"]
    assert "the denial of \u201cThe United States should engage North Korea\u201d" in q.text
    cred = next(q for q in critical_questions(rmap, "arg-cut") if q.key == "credentials")
    assert "(Chatterji & Gurudatha 23)" in cred.text  # the cites behind the premise


def test_an_argument_without_a_scheme_has_no_questions(rmap):
    assert critical_questions(rmap, "arg-plain") == []
    assert set(all_critical_questions(rmap)) == {"arg-pr", "arg-cons", "arg-cut"}
    with pytest.raises(KeyError):
        critical_questions(rmap, "nope")


def test_the_repository_maps_get_questions(repo_project):
    rmap = resolve_map(repo_project, "example")
    qs = all_critical_questions(rmap)
    assert set(qs) == {"ex-arg-embargo", "ex-arg-thesis", "ex-arg-reward"}
    assert any("China accounts for over 90%" in q.text for q in qs["ex-arg-embargo"])


def test_the_blocks_handout_asks_them(repo_project):
    # The handouts' cross-examination section reads the analysis' critical questions.
    from argmap.analyze.analysis import analyze
    from argmap.render.handouts.blocks import ranked_questions

    rmap = resolve_map(repo_project, "example")
    asked = [text for text, _aim, _key in ranked_questions(analyze(rmap), "ex-arg-embargo")]
    assert asked == [q.text for q in critical_questions(rmap, "ex-arg-embargo")]


def test_conflict_schemes_name_real_questions_and_aifdb_schemes():
    from argmap.analyze.schemes import AIF_CONFLICT_SCHEME_IDS, CONFLICT_SCHEMES

    keys = [t.key for templates in QUESTIONS.values() for t in templates]
    assert len(keys) == len(set(keys))  # the table is keyed by template key, so keys are unique over all schemes
    assert set(CONFLICT_SCHEMES) <= set(keys)
    assert set(CONFLICT_SCHEMES.values()) <= set(AIF_CONFLICT_SCHEME_IDS)
    assert AIF_CONFLICT_SCHEME_IDS["Lack Of Expert Reliability"] == "46" and AIF_CONFLICT_SCHEME_IDS["Default Conflict"] == "71"
    # a question that has no AIFdb conflict scheme stays unmapped rather than take a near one
    assert "field" not in CONFLICT_SCHEMES and "basis" not in CONFLICT_SCHEMES
