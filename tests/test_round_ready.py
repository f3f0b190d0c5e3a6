"""The round documents (issue 15): the 1AC's time, the 1NC shells' parts, the
numbered readings' paragraph rule, and the landing page. Checked on the view
models, from small hand-made maps and the real one."""

from __future__ import annotations

import io
import json
import zipfile

from argmap.analyze.analysis import analyze
from argmap.analyze.cards import count_words
from argmap.api import resolve_map
from argmap.build.builder import build
from argmap.build.landing import describe
from argmap.export import speechdoc
from argmap.render.handouts import render_view
from argmap.render.handouts.view import build_view
from argmap.render.handouts.speech import CONSTRUCTIVE_MINUTES, seconds_for
from argmap.resolve.anchor import number_paragraphs
from test_handouts import hostile  # noqa: F401  (the fixture: a map of hostile strings)

CASE = """
map:
  title: Speech
statements:
  - id: thesis
    kind: thesis
    text: The US should engage North Korea.
  - id: embargo-fails
    tag: The embargo leaks
    text: The embargo has not stopped the missile program.
arguments:
  - id: arg-1
    premises: [embargo-fails]
    supports: thesis
evidence:
  - id: ev-1
    source: oped
    quote: China accounts for over 90% of North Korea's total imports and exports
    highlight: ["{read}"]
    supports: [embargo-fails]
"""

SHELLS = """
map:
  title: Shells
options:
  - id: plan
    label: Engage
    kind: carrot
    recommended: true
    planks: [Start cultural exchanges with North Korea.]
statements:
  - id: thesis
    kind: thesis
    option: plan
    text: The US should start cultural exchanges with North Korea.
  - id: exchanges
    kind: claim
    option: plan
    stock_issue: plan
    tag: "Plank: cultural exchanges"
    text: Cultural exchanges would open a channel to the North.
  - id: none-now
    kind: fact
    stock_issue: inherency
    text: Today almost no Americans travel to North Korea.
  - id: travellers
    kind: premise
    text: Exchanges would send Americans to North Korea.
  - id: detained
    kind: fact
    stock_issue: harms
    tag: Americans are detained for long periods
    text: Many US nationals have been detained there for long periods.
  - id: da-detain
    kind: objection
    stock_issue: disadvantage
    tag: "Detention DA"
    text: Exchanges would put Americans at risk of detention.
  - id: cp-yoon
    kind: objection
    stock_issue: counterplan
    tag: "CP: let Seoul lead the diplomacy"
    text: Let South Korea lead the diplomacy instead.
arguments:
  - id: arg-case
    premises: [exchanges]
    supports: thesis
  - id: arg-da-basis
    premises: [none-now, travellers, detained]
    supports: da-detain
    warrant: More travellers, more detentions.
  - id: arg-da
    premises: [da-detain]
    attacks: exchanges
  - id: arg-cp
    premises: [cp-yoon, da-detain]
    attacks: thesis
evidence:
  - id: ev-detained
    source: article
    quote: many U.S. nationals have been detained for long periods in the country
    supports: [detained]
  - id: ev-yoon
    source: article
    quote: >-
      President Yoon of South Korea has made it clear that he values diplomacy
      and would rather solve problems with North Korea diplomatically than with
      military action.
    highlight: [rather solve problems with North Korea diplomatically]
    supports: [cp-yoon]
"""


def _analysis(tmp_project, text, name="m"):
    tmp_project.claim(f"{name}.yaml", text)
    return analyze(resolve_map(tmp_project.project, name))


# --------------------------------------------------------------------------- the 1AC


def test_the_1ac_times_each_card_by_its_highlighted_words(tmp_project):
    a = _analysis(tmp_project, CASE.format(read="over 90% of North Korea's total imports"))
    body = build_view(a, "1ac").body
    [con] = body.contentions
    [card] = con.cards
    assert card.read_words == count_words("over 90% of North Korea's total imports") == 7
    assert card.read_words < count_words(card.card.quote)  # not the whole quote
    assert body.card_seconds == seconds_for(7, body.wpm)
    assert body.total_seconds == body.card_seconds + seconds_for(count_words("The embargo leaks"), body.wpm)
    # A shorter highlight reads faster: the time follows the highlight, not the quote.
    tmp_project.claim("m.yaml", CASE.format(read="over 90%"))
    shorter = build_view(analyze(resolve_map(tmp_project.project, "m")), "1ac").body
    assert shorter.contentions[0].cards[0].read_words == 2
    assert shorter.card_seconds < body.card_seconds


def test_the_1ac_warns_when_it_runs_over_the_constructive(repo_project):
    from argmap.render.handouts.speech import build_speech

    a = analyze(resolve_map(repo_project, "carrot-stick"))
    policy = build_speech(a, event="policy").body
    assert policy.limit_seconds == 8 * 60 and policy.total_seconds < policy.limit_seconds
    assert policy.warning is None and policy.over_seconds == 0  # the near miss: under time, no warning
    slow = build_speech(a, event="pf", wpm=120).body  # 4 minutes at a slow pace
    assert slow.limit_seconds == CONSTRUCTIVE_MINUTES["pf"] * 60
    assert slow.total_seconds > slow.limit_seconds and slow.over_seconds == slow.total_seconds - slow.limit_seconds
    assert slow.warning and "Over time" in slow.warning and "Public Forum" in slow.warning
    # Every affirmative card beneath the case is read once, in order.
    ids = [c.card.id for con in policy.contentions for c in con.cards]
    assert len(ids) == len(set(ids)) and all(a.sides[i].value == "aff" for i in ids)


def test_the_1ac_prints_and_writes_a_verbatim_docx(tmp_project):
    a = _analysis(tmp_project, CASE.format(read="over 90%"))
    view = build_view(a, "1ac")
    assert render_view(view, "pdf").startswith(b"%PDF")
    doc = zipfile.ZipFile(io.BytesIO(speechdoc.render(view.to_data())))
    xml = doc.read("word/document.xml").decode()
    assert 'w:val="Heading4"' in xml and "Style13ptBold" in xml and 'w:highlight w:val="yellow"' in xml
    assert "The embargo leaks" in xml


# --------------------------------------------------------------------------- the 1NC shells


def test_a_disadvantage_and_a_counterplan_come_out_in_their_parts(tmp_project):
    a = _analysis(tmp_project, SHELLS)
    body = build_view(a, "1nc").body
    [da] = body.disadvantages
    parts = [(p.label, p.tag) for p in da.parts]
    assert parts[0] == ("Uniqueness", "Today almost no Americans travel to North Korea.")
    assert parts[1][0] == "Link" and "Plank: cultural exchanges" in parts[1][1]  # no card: what the plan does
    assert parts[2] == ("Internal link", "Exchanges would send Americans to North Korea.")
    assert parts[3] == ("Impact", "Americans are detained for long periods")
    assert [c.id for c in da.parts[3].cards] == ["ev-detained"] and not da.parts[3].analytic
    assert da.parts[0].analytic and da.parts[1].analytic  # no card there: marked analytics
    [cp] = body.counterplans
    assert [p.label for p in cp.parts] == ["Text", "Competition", "Net benefit"]
    assert [c.id for c in cp.parts[0].cards] == ["ev-yoon"]
    assert cp.parts[2].tag == "Detention DA" and "disadvantage 1" in cp.parts[2].note
    assert body.empty_note is None and body.count == 2
    assert render_view(build_view(a, "1nc"), "pdf").startswith(b"%PDF")


def test_a_map_with_no_negative_positions_gets_an_empty_shell_page(tmp_project):
    a = _analysis(tmp_project, CASE.format(read="over 90%"))
    view = build_view(a, "1nc")
    assert view.body.count == 0 and view.body.empty_note
    assert not view.body.disadvantages and not view.body.counterplans and not view.body.case
    assert render_view(view, "pdf").startswith(b"%PDF")
    assert b"word/document.xml" in speechdoc.render(view.to_data())


def test_shell_tags_end_with_one_stop(repo_project):
    """An analytic link that quotes a sentence keeps the sentence's own stop: no '."' followed by another '.'."""
    import re

    for name in ("example", "carrot-stick"):
        view = build_view(analyze(resolve_map(repo_project, name)), "1nc")
        shells = [*view.body.disadvantages, *view.body.counterplans, *view.body.case]
        tags = [p.tag for s in shells for p in s.parts]
        assert tags and any(t.startswith("The plan brings it about") for t in tags) or name == "carrot-stick"
        assert not [t for t in tags if re.search(r"[.!?][\"'\u201d\u2019]\.$", t)], name


# --------------------------------------------------------------------------- numbered readings


def test_paragraph_numbering_skips_page_furniture():
    text = "top of page\n\nFirst paragraph,\nstill first.\n\nImage: a parade\n\nSecond paragraph.\n"
    numbers = [p.number for p in number_paragraphs(text, ["top of page", "Image:  a parade"], "A title")]
    assert numbers == [0, 1, 0, 2]
    assert [p.number for p in number_paragraphs(text)] == [1, 2, 3, 4]  # nothing listed: everything counts


def test_the_reading_numbers_paragraphs_as_the_cards_cite_them(repo_project):
    a = analyze(resolve_map(repo_project, "carrot-stick"))
    body = build_view(a, "reading", source="oped").body
    [src] = body.sources
    furniture = [p for p in src.paragraphs if p.furniture]
    assert furniture and all(p.number == 0 for p in furniture)
    assert "top of page" in "".join(s.text for p in furniture for s in p.segments)
    numbers = [p.number for p in src.paragraphs if not p.furniture]
    assert numbers == list(range(1, len(numbers) + 1))
    by_number = {p.number: p for p in src.paragraphs if not p.furniture}
    for card in a.cards.values():
        if a.map.evidence[card.id].evidence.source == "oped":
            assert card.number in [m.number for m in by_number[card.paragraphs[0]].marks]
    # Every character of the source is shown, none twice.
    text = a.map.source_texts["oped"].text
    shown = "".join(s.text for p in src.paragraphs for s in p.segments)
    assert shown == "".join(text[p.start:p.end] for p in a.map.source_texts["oped"].paragraphs)


# --------------------------------------------------------------------------- the landing page


def test_the_landing_page_lists_pdfs_first_and_data_last(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    report = build(tmp_project.project)
    assert report.ok
    page = report.index.read_text(encoding="utf-8")
    assert page.index('href="m/m-1ac.pdf"') < page.index('href="m/m-brief.html"') < page.index('href="m/m.json"')
    assert page.index('href="m/m-cards.pdf"') < page.index('href="m/m-cards.json"')
    assert "Minimal" in page and "check: 0 errors" in page and "Stale" not in page
    assert describe("m", "m-1ac.pdf").kind == "1AC speech document"


def test_the_landing_page_shows_a_banner_after_a_failed_build_until_one_succeeds(tmp_project, minimal_map):
    tmp_project.claim("m.yaml", minimal_map)
    assert build(tmp_project.project).ok
    tmp_project.claim("m.yaml", minimal_map.replace("supports: thesis", "supports: thesys"))
    for _ in range(2):  # a second failed build (nothing changed) keeps the banner
        report = build(tmp_project.project)
        assert not report.ok
        page = report.index.read_text(encoding="utf-8")
        assert "the last build of this map failed" in page and "E2" in page
        assert 'href="m/m-1ac.pdf"' in page  # the old files stay listed, under the banner
    manifest = json.loads((tmp_project.root / "output" / "m" / ".argmap-build.json").read_text())
    assert manifest["last_failure"]
    tmp_project.claim("m.yaml", minimal_map)  # back as it was: up to date, and the banner goes
    report = build(tmp_project.project)
    assert report.ok and report.maps[0].status == "up-to-date"
    assert "the last build of this map failed" not in report.index.read_text(encoding="utf-8")
    assert "last_failure" not in json.loads((tmp_project.root / "output" / "m" / ".argmap-build.json").read_text())


def test_the_build_reports_each_output_and_ends_with_the_landing_page(tmp_project, minimal_map):
    from click.testing import CliRunner

    from argmap.cli import main

    tmp_project.claim("m.yaml", minimal_map)
    heard: list[tuple[str, str]] = []
    report = build(tmp_project.project, on_output=lambda map_id, name: heard.append((map_id, name)))
    assert {name for _, name in heard} == {p.name for p in report.written} and {m for m, _ in heard} == {"m"}
    assert build(tmp_project.project, force=False).maps[0].status == "up-to-date"
    result = CliRunner().invoke(main, ["build", "--project", str(tmp_project.root)])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()  # not a terminal: no per-output lines
    assert lines[-1] == "landing page: output/index.html" and not any(line.startswith("      ") for line in lines)


def test_an_unknown_event_is_a_located_error_not_a_crash(tmp_project, minimal_map):
    from click.testing import CliRunner

    from argmap.cli import main

    tmp_project.claim("m.yaml", minimal_map.replace("  title: Minimal", "  title: Minimal\n  event: parli"))
    result = CliRunner().invoke(main, ["build", "--project", str(tmp_project.root)])
    assert result.exit_code == 1 and "internal error" not in result.output
    assert "arguments/m.yaml:3:10: error[E104]: unknown event 'parli'" in result.output
    tmp_project.claim("m.yaml", minimal_map.replace("  title: Minimal", "  title: Minimal\n  event: Lincoln-Douglas"))
    assert build_view(analyze(resolve_map(tmp_project.project, "m")), "1ac").body.limit_seconds == 6 * 60


# --------------------------------------------------------------------------- hostile text


def test_the_round_documents_escape_hostile_text(hostile, tmp_path):
    from test_handouts import _pdf_text

    a = analyze(hostile)
    html = render_view(build_view(a, "reading"), "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "49" not in html.replace("2049", "")
    for kind in ("1ac", "1nc", "reading"):
        text = _pdf_text(render_view(build_view(a, kind), "pdf"), tmp_path)
        assert "<script>alert(1)</script> map" in text
    text = _pdf_text(render_view(build_view(a, "1ac"), "pdf"), tmp_path)
    assert "#set page(width: 1cm) $x^2$ *bold* _it_ @ref <lbl> // no comment" in text  # a contention's card tag
    for kind in ("1ac", "1nc"):
        xml = zipfile.ZipFile(io.BytesIO(speechdoc.render(build_view(a, kind).to_data()))).read("word/document.xml").decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in xml and "<script>" not in xml
