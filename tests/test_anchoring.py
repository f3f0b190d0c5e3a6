"""Issue 17: quotes with the source's own ellipsis, whole-word anchoring,
occurrence selectors, and anchors that survive an edit of the source text."""

from __future__ import annotations

import hashlib
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main

SEED = """\
One Small Source

Also, the ministers met in Geneva. A deal was close... but talks collapsed \u2026 again.

Sanctions have not worked. Those are totally unrelated matters, said the envoy.

Sanctions have not worked. The envoy repeated it in March.
"""

SOURCES = """\
# a comment that must survive
sources:
  - id: t
    file: t.txt
    sha256: {sha}
    kind: news
    title: One Small Source
    date: "2024"
"""

HEAD = "map: {title: m}\nstatements:\n  - {id: s, kind: thesis, text: x}\nevidence:\n"


def _ev(quote: str, extra: str = "") -> str:
    return HEAD + f"  - id: e1\n    source: t\n    quote: {json.dumps(quote)}\n    supports: [s]\n" + textwrap.indent(textwrap.dedent(extra), "    ")


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    (root / "seeds").mkdir(parents=True)
    (root / "arguments").mkdir()
    seed = root / "seeds" / "t.txt"
    seed.write_text(SEED, encoding="utf-8")
    (root / "seeds" / "sources.yaml").write_text(SOURCES.format(sha=hashlib.sha256(seed.read_bytes()).hexdigest()), encoding="utf-8")
    return root


def check(root: Path, *args: str):
    result = CliRunner().invoke(main, ["check", "--project", str(root), *args])
    return result.exit_code, result.output


def claim(root: Path, text: str) -> None:
    (root / "arguments" / "m.yaml").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- ellipses


def test_an_ellipsis_that_is_in_the_source_is_quoted(proj):
    claim(proj, _ev("A deal was close... but talks collapsed \u2026 again."))
    code, out = check(proj)
    assert code == 0, out
    claim(proj, _ev("but talks collapsed ... again"))  # typed "..." for the source's "…"
    assert check(proj)[0] == 0


def test_an_ellipsis_the_source_does_not_have_still_skips_words(proj):
    claim(proj, _ev("Sanctions have not worked ... said the envoy."))
    code, out = check(proj)
    assert code == 1 and "error[E305]" in out
    assert "each part is in the source, but the words between them are left out" in out


# --------------------------------------------------------------------------- word boundaries


def test_a_quote_cut_inside_words_is_refused_with_the_whole_words(proj):
    claim(proj, _ev("hose are totally unrel"))
    code, out = check(proj)
    assert code == 1 and "arguments/m.yaml:7:12: error[E309]" in out, out
    assert "starts inside the word 'Those'" in out and "ends inside the word 'unrelated'" in out
    assert '"Those are totally unrelated"' in out


def test_partial_words_lets_a_cut_quote_through(proj):
    claim(proj, _ev("hose are totally unrel", "partial_words: true\n"))
    assert check(proj)[0] == 0


def test_a_one_letter_quote_anchors_on_the_word_not_inside_also(proj):
    from argmap import api

    claim(proj, _ev("A"))
    rmap = api.resolve_map(api.open_project(proj), "m")
    a = rmap.evidence["e1"].anchor
    assert a.exact == "A" and a.prefix.endswith("Geneva. ")


# --------------------------------------------------------------------------- occurrences


def test_an_ambiguous_quote_names_the_paragraphs_of_its_occurrences(proj):
    claim(proj, _ev("Sanctions have not worked."))
    code, out = check(proj)
    assert code == 0 and "warning[W402]" in out
    assert "occurs 2 times in 't' (paragraphs 2 and 3)" in out and "occurrence: 2" in out


@pytest.mark.parametrize("selector", ["occurrence: 2\n", "after: unrelated matters\n", "before: repeated it in March\n"])
def test_a_selector_picks_the_occurrence_and_silences_the_warning(proj, selector):
    from argmap import api

    claim(proj, _ev("Sanctions have not worked.", selector))
    code, out = check(proj)
    assert code == 0 and "W402" not in out, out
    a = api.resolve_map(api.open_project(proj), "m").evidence["e1"].anchor
    assert a.paragraph == 3


def test_a_selector_that_fits_no_occurrence_is_a_located_error(proj):
    claim(proj, _ev("Sanctions have not worked.", "occurrence: 3\n"))
    code, out = check(proj)
    assert code == 1 and "arguments/m.yaml:9:17: error[E308]" in out and "occurs 2 time(s)" in out
    claim(proj, _ev("Sanctions have not worked.", "before: Geneva\n"))
    code, out = check(proj)
    assert code == 1 and "error[E308]: no occurrence of the quote comes before 'Geneva'" in out


# --------------------------------------------------------------------------- anchors that survive edits


TWO = HEAD + """\
  - id: e1
    source: t
    quote: Those are totally unrelated matters
    supports: [s]
  - id: e2
    source: t
    quote: The envoy repeated it in March.
    supports: [s]
"""


def _recorded(proj: Path) -> dict:
    data = json.loads((proj / "seeds" / "anchors.json").read_text(encoding="utf-8"))
    return {a["quote"]: a for a in data["sources"]["t"]["anchors"]}


def test_an_unchanged_source_gives_no_warning_and_update_writes_once(proj):
    claim(proj, TWO)
    code, out = check(proj, "--update-anchors")
    assert code == 0 and "recorded 2 anchor(s) in seeds/anchors.json" in out and "warning[" not in out
    assert set(_recorded(proj)) == {"Those are totally unrelated matters", "The envoy repeated it in March."}
    code, out = check(proj, "--update-anchors")
    assert "anchors are up to date" in out
    code, out = check(proj)
    assert code == 0 and "0 warning(s)" in out


def test_an_inserted_paragraph_re_anchors_every_quote_with_one_warning(proj):
    claim(proj, TWO)
    check(proj, "--update-anchors")
    before = _recorded(proj)["The envoy repeated it in March."]["start"]
    seed = proj / "seeds" / "t.txt"
    seed.write_text(SEED.replace("One Small Source\n\n", "One Small Source\n\nA new first paragraph.\n\n"), encoding="utf-8")
    code, out = check(proj)
    assert code == 0, out
    assert out.count("warning[W406]") == 1 and "2 of map 'm's 2 quote(s) from it re-anchored (2 moved)" in out
    assert "seeds/sources.yaml:5:13" in out
    code, out = check(proj, "--update-anchors")
    assert code == 0 and "sha256 in seeds/sources.yaml set to" in out
    sources = (proj / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    assert sources.startswith("# a comment that must survive") and hashlib.sha256(seed.read_bytes()).hexdigest() in sources
    assert _recorded(proj)["The envoy repeated it in March."]["start"] == before + len("A new first paragraph.\n\n")
    assert "warning[" not in check(proj)[1]


def test_a_reworded_quote_is_the_only_error_and_shows_what_the_source_now_reads(proj):
    claim(proj, TWO)
    check(proj, "--update-anchors")
    (proj / "seeds" / "t.txt").write_text(SEED.replace("repeated it in March", "said it again in April"), encoding="utf-8")
    code, out = check(proj)
    assert code == 1
    errors = [line for line in out.splitlines() if "error[" in line]
    assert len(errors) == 1 and "arguments/m.yaml:11:12: error[E301]" in errors[0], out
    assert "where it was recorded, the source now reads:" in out and '"The envoy said it again in April' in out
    assert "1 of map 'm's 2 quote(s) from it re-anchored; 1 no longer matches" in out
    code, out = check(proj, "--update-anchors")  # a source with a broken quote is not recorded
    assert "not recorded, 1 quote(s) from it do not anchor" in out
    assert "said it again" not in (proj / "seeds" / "anchors.json").read_text(encoding="utf-8")


def test_the_record_keeps_an_ambiguous_quote_on_its_passage_when_a_copy_is_inserted_before(proj):
    from argmap import api

    claim(proj, _ev("Sanctions have not worked.", "") )
    check(proj, "--update-anchors")
    # Now a new paragraph with the same sentence comes first: the first hit is no longer the recorded passage.
    (proj / "seeds" / "t.txt").write_text(SEED.replace("One Small Source\n\n", "One Small Source\n\nSanctions have not worked. Nobody denies it.\n\n"), encoding="utf-8")
    code, out = check(proj)
    assert "anchored at the recorded one" in out
    a = api.resolve_map(api.open_project(proj), "m").evidence["e1"].anchor
    assert a.paragraph == 3 and a.suffix.startswith(" Those are")


def test_argmap_quote_widens_to_whole_words_and_says_which_occurrence(proj):
    result = CliRunner().invoke(main, ["quote", "t", "anctions have not worke", "--project", str(proj)])
    assert result.exit_code == 0, result.output
    assert 'quote: "Sanctions have not worked"' in result.output
    assert "occurrence: 1   # the words occur 2 times in the source" in result.output


def test_records_no_map_uses_are_dropped_by_a_whole_project_update(proj):
    claim(proj, TWO)
    check(proj, "--update-anchors")
    claim(proj, HEAD.replace("evidence:\n", "evidence: []\n"))
    code, out = check(proj, "--update-anchors")
    assert code == 0 and "'t': no map quotes it any more; its records are dropped" in out
    assert json.loads((proj / "seeds" / "anchors.json").read_text(encoding="utf-8"))["sources"] == {}


def test_a_damaged_anchors_file_is_a_warning_and_quotes_are_found_by_search(proj):
    claim(proj, TWO)
    (proj / "seeds" / "anchors.json").write_text("<<<<<<< HEAD\n{", encoding="utf-8")
    code, out = check(proj)
    assert code == 0 and "seeds/anchors.json:1:1: warning[W407]" in out


def test_an_edited_text_no_map_quotes_gets_its_sha_updated_on_request(proj):
    claim(proj, HEAD.replace("evidence:\n", "evidence: []\n"))
    seed = proj / "seeds" / "t.txt"
    seed.write_text(SEED + "\nA new last paragraph.\n", encoding="utf-8")
    code, out = check(proj, "--update-anchors")
    assert code == 0 and "'t': sha256 in seeds/sources.yaml set to" in out
    assert hashlib.sha256(seed.read_bytes()).hexdigest() in (proj / "seeds" / "sources.yaml").read_text(encoding="utf-8")


def test_the_ambiguity_hint_offers_words_that_pick_the_second_occurrence(proj):
    claim(proj, _ev("Sanctions have not worked."))
    out = check(proj)[1]
    assert "'after: \"are totally unrelated matters, said the envoy.\"'" not in out  # four words, not the sentence
    assert "'after: \"matters, said the envoy.\"'" in out, out
    claim(proj, _ev("Sanctions have not worked.", 'after: "matters, said the envoy."\n'))
    assert "W402" not in check(proj)[1]


# --------------------------------------------------------------------------- every passage of a real source

from hypothesis import given, settings, strategies as st  # noqa: E402

OPED = (Path(__file__).resolve().parents[1] / "seeds" / "broadened-diplomacy-oped.txt").read_text(encoding="utf-8")


def _locate(quote: str, **fields):
    from argmap.load.model import Evidence
    from argmap.resolve.anchor import SourceText
    from argmap.resolve.locate import locate

    ev = Evidence(id="e", source="oped", quote=quote, **fields)
    return SourceText(OPED), locate(SourceText(OPED), ev)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(OPED) - 1), st.integers(1, 120))
def test_every_passage_anchors_on_whole_words_and_a_cut_one_is_refused(start, length):
    end = min(len(OPED), start + length)
    quote = OPED[start:end].strip()
    if not quote or any(m in quote for m in ("...", "\u2026")):
        return
    s = OPED.index(quote, start)
    e = s + len(quote)
    from argmap.resolve.anchor import fold

    _, found = _locate(quote)
    cut = (s > 0 and OPED[s - 1].isalnum() and OPED[s].isalnum()) or (e < len(OPED) and OPED[e - 1].isalnum() and OPED[e].isalnum())
    if not cut:  # this occurrence is whole words: the quote anchors on it or on an earlier whole-word one
        assert found.span is not None and found.span[0] <= s
        a, b = found.span
        assert fold(OPED[a:b]) == fold(quote) and not (OPED[a - 1:a].isalnum() and OPED[a].isalnum())
    elif found.span is None:  # cut, and so is every other occurrence: refused, unless asked
        assert [p.code for p in found.problems] == ["E309"]
        assert _locate(quote, partial_words=True)[1].span is not None


def test_scripts_without_spaces_between_words_anchor_anywhere():
    from argmap.load.model import Evidence
    from argmap.resolve.anchor import SourceText
    from argmap.resolve.locate import locate

    text = SourceText("\u6211\u4eec\u652f\u6301\u8fd9\u4e2a\u8ba1\u5212\u3002\n")
    assert locate(text, Evidence(id="e", source="s", quote="\u652f\u6301\u8fd9\u4e2a")).span == (2, 6)
    latin = SourceText("Those are unrelated.\n")
    assert locate(latin, Evidence(id="e", source="s", quote="hose are")).span is None
