"""Quote anchoring: folding, offsets into the real text, paragraphs, closest passage."""

from __future__ import annotations

from hypothesis import given, strategies as st

from argmap.resolve.anchor import SourceText, fold, normalize

TEXT = "Title\n\nIt is common knowledge that \u201ccool guys\u201d don't look.\n\nKim Jong Un\u2019s leadership \u2013 and  its\nplans.\n\nbottom of page"


def test_curly_and_straight_quotes_match_and_anchor_points_at_real_characters():
    st_ = SourceText(TEXT, furniture=["bottom of page"], title="Title")
    [(start, end)] = st_.find_all('that "cool guys" don\u2019t')
    assert TEXT[start:end] == "that \u201ccool guys\u201d don't"


def test_dashes_and_whitespace_runs_are_folded():
    st_ = SourceText(TEXT)
    [(start, end)] = st_.find_all("Kim Jong Un's leadership - and its plans")
    assert TEXT[start:end] == "Kim Jong Un\u2019s leadership \u2013 and  its\nplans"
    assert st_.find_all("leadership -- and its") == st_.find_all("leadership \u2014 and its")


def test_quote_not_in_text_is_not_found_and_closest_passage_is_offered():
    st_ = SourceText(TEXT)
    assert st_.find_all("Kim Jung Un's leadership") == []
    assert "Kim Jong Un\u2019s leadership" in st_.closest("Kim Jung Un's leadership")


def test_paragraph_numbers_skip_title_and_furniture():
    st_ = SourceText(TEXT, furniture=["bottom of page"], title="Title")
    numbers = [p.number for p in st_.paragraphs]
    assert numbers == [0, 1, 2, 0]
    start, end = st_.find_all("Kim Jong Un")[0]
    anchor = st_.anchor(start, end)
    assert anchor.paragraph == 2
    assert TEXT[anchor.paragraph_start:anchor.paragraph_end].startswith("Kim Jong Un")
    assert TEXT[anchor.paragraph_start:anchor.paragraph_end].endswith("plans.")


def test_anchor_prefix_and_suffix_surround_the_quote():
    st_ = SourceText(TEXT)
    start, end = st_.find_all("cool guys")[0]
    a = st_.anchor(start, end)
    assert (a.prefix + a.exact + a.suffix) in TEXT
    assert a.prefix.endswith("\u201c") and a.suffix.startswith("\u201d")


@given(st.text(max_size=60))
def test_normalize_maps_every_folded_character_to_an_original_one(text):
    folded, where = normalize(text)
    assert len(folded) == len(where)
    assert where == sorted(where)
    assert all(0 <= i < len(text) for i in where)


@given(st.text(alphabet=st.sampled_from("ab '\u2019\u201c\u201d\"-\u2013\n"), min_size=1, max_size=40), st.data())
def test_any_substring_is_found_at_a_place_that_folds_to_it(text, data):
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    needle = text[i:j]
    if not fold(needle):
        return
    hits = SourceText(text).find_all(needle)
    assert hits, "a substring of the text must be found"
    for start, end in hits:
        assert fold(text[start:end]) == fold(needle)


def test_windows_line_endings_keep_hard_wrapped_paragraphs_whole():
    text = "First line of one\r\nparagraph goes on.\r\n\r\nSecond paragraph.\r\n"
    st_ = SourceText(text)
    assert [p.number for p in st_.paragraphs] == [1, 2]
    start, end = st_.find_all("one paragraph goes")[0]
    assert st_.anchor(start, end).paragraph == 1
