"""The 1AC: the affirmative case as a speech document, read straight through.

The contentions come in the analysis' reading order (`Analysis.contentions`);
under each, its tag and then every affirmative card beneath it (its own cards
and those of its reasons, down to the next contention), each card once in the
speech. The plan text is read where the case reaches the plan (before the
first contention on plan, solvency or advantages; at the end when none is).

Time: a card's read time is its highlighted words (the underlined quote when
nothing is highlighted; `Card.read_words`) at WPM; the tags, the plan text
and the analytics are spoken words too, counted at the same pace. The total
is checked against the event's constructive time (policy 8 min, LD 6, PF 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.analyze.analysis import Analysis
from argmap.analyze.cards import Card, count_words, duration
from argmap.render.handouts.common import EVENTS, STOCK_LABELS, WPM, Handout, Index, header, plan_text, support_premises
from argmap.render.handouts.flow import event_key

# The first constructive of each event, in minutes.
CONSTRUCTIVE_MINUTES = {"policy": 8, "ld": 6, "pf": 4}
EVENT_NAMES = {k: name for k, (name, _speeches) in EVENTS.items()}
SPEECH_NAMES = {"policy": "1AC", "ld": "AC", "pf": "Pro constructive"}
PLAN_BEFORE = ("plan", "solvency", "advantage")


def seconds_for(words: int, wpm: int = WPM) -> int:
    return round(words * 60 / wpm) if words else 0


@dataclass
class SpeechCard:
    card: Card  # tag, cite, body (underline, highlight) as argmap.analyze.cards makes it
    read_words: int  # the highlighted words (Card.read_words)
    read_seconds: int
    read_time: str


@dataclass
class SpeechContention:
    number: int
    id: str
    label: str  # "Contention 1 — Harms"
    issue: str
    tag: str
    text: str
    cards: list[SpeechCard] = field(default_factory=list)
    analytic: bool = False  # no card beneath it: the tag is read as an analytic
    tag_words: int = 0
    seconds: int = 0  # the tag and the cards
    time: str = ""


@dataclass
class SpeechPlan:
    lines: list[str]
    words: int
    seconds: int
    time: str


@dataclass
class SpeechBody:
    event: str
    event_label: str
    speech: str  # "1AC", "AC", "Pro constructive"
    wpm: int
    limit_seconds: int
    limit: str
    plan: SpeechPlan | None
    plan_after: int  # the plan is read after this many contentions
    contentions: list[SpeechContention]
    card_count: int
    card_seconds: int  # the highlighted words of every card
    spoken_seconds: int  # tags, plan text and analytics
    total_seconds: int
    total: str
    over_seconds: int  # > 0: the speech runs over the constructive time
    warning: str | None
    time_note: str


def _cards_under(ix: Index, sid: str, contentions: set[str], used: set[str]) -> list[str]:
    """Affirmative cards for `sid` and for its reasons down to the next contention, in map order, unused ones."""
    m = ix.m
    order: list[str] = []
    seen = {sid}
    queue = [sid]
    while queue:
        node = queue.pop(0)
        for eid in m.evidence_for.get(node, []):
            ev = m.evidence[eid].evidence
            if eid in used or eid in order or node not in ev.supports or ix.side(eid) != "aff":
                continue
            order.append(eid)
        for p in support_premises(m, node):
            if p not in seen and p not in contentions:
                seen.add(p)
                queue.append(p)
    numbers = list(m.evidence)
    return sorted(order, key=numbers.index)


def event_of(analysis: Analysis, event: str | None) -> str:
    """policy, ld or pf: `event`, else the map's `event:`, else policy (as the flow sheet reads it)."""
    return event_key(event, analysis.map.header.event)


def build_speech(analysis: Analysis, *, event: str | None = None, wpm: int = WPM) -> Handout[SpeechBody]:
    ix = Index(analysis)
    m = analysis.map
    event = event_of(analysis, event)
    chosen = list(analysis.contentions)
    used: set[str] = set()
    contentions: list[SpeechContention] = []
    for n, sid in enumerate(chosen, start=1):
        issue = ix.issue(sid)
        tag = ix.tag(sid)
        cards = []
        for eid in _cards_under(ix, sid, set(chosen), used):
            used.add(eid)
            c = analysis.cards[eid]
            secs = seconds_for(c.read_words, wpm)
            cards.append(SpeechCard(c, c.read_words, secs, duration(secs)))
        tag_words = count_words(tag)
        secs = seconds_for(tag_words, wpm) + sum(c.read_seconds for c in cards)
        contentions.append(SpeechContention(n, sid, f"Contention {n} \u2014 {STOCK_LABELS.get(issue, 'Other reasons')}", issue,
                                            tag, ix.plain(m.statements[sid].text) or "", cards, not cards, tag_words, secs,
                                            duration(secs)))
    planks = [p.text for opt in plan_text(m) for p in opt.planks]
    plan = None
    if planks:
        words = count_words(" ".join(planks))
        secs = seconds_for(words, wpm)
        plan = SpeechPlan(planks, words, secs, duration(secs))
    plan_after = next((i for i, c in enumerate(contentions) if c.issue in PLAN_BEFORE), len(contentions))
    card_seconds = sum(c.read_seconds for con in contentions for c in con.cards)
    spoken = sum(seconds_for(c.tag_words, wpm) for c in contentions) + (plan.seconds if plan else 0)
    total = card_seconds + spoken
    limit = CONSTRUCTIVE_MINUTES[event] * 60
    over = max(0, total - limit)
    speech = SPEECH_NAMES[event]
    warning = None
    if over:
        warning = (f"Over time: this {speech} runs {duration(total)} at {wpm} words per minute, {duration(over)} over the "
                   f"{CONSTRUCTIVE_MINUTES[event]}-minute {EVENT_NAMES[event]} constructive. Cut cards or read less of each.")
    note = (f"Read time: each card's highlighted words (its underlined quote when nothing is highlighted), plus the tags"
            f"{' and the plan text' if plan else ''}, at {wpm} words per minute. Cites are not counted.")
    body = SpeechBody(event, EVENT_NAMES[event], speech, wpm, limit, duration(limit), plan, plan_after, contentions,
                      sum(len(c.cards) for c in contentions), card_seconds, spoken, total, duration(total), over, warning, note)
    return Handout("1ac", header(m, "1ac"), body, wpm=wpm)
