"""Events stage: the seed page, date bounds, claimants, ACLED rows (inputs built by hand)."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.acled import acled_row
from newsledger.events_dates import resolve_event_date
from newsledger.models import DateMention, Document, Paragraph, Published, Quote, Span, Speaker, check_spans
from newsledger.resources import Resources
from newsledger.stages import events, paragraphs

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "examples" / "zefer-15-october.txt"


class NoModel:
    """Resources without spaCy: the stage must still work (no entity arguments)."""

    settings = Resources().settings

    @property
    def nlp(self):
        raise OSError("no model in this test")


def make_doc(text: str, lang: str = "en", published: Published | None = None, site: str | None = "example.org") -> Document:
    doc = Document.new(text, input_id="t", site=site, url="https://example.org/a")
    paragraphs.run(doc, Resources())
    for p in doc.paragraphs:
        p.lang = lang
    if published:
        doc.published = published
    return doc


@pytest.fixture(scope="module")
def seed_doc() -> Document:
    if not SEED.exists():
        pytest.skip("../shared/examples is absent: seed test needs zefer-15-october.txt")
    doc = make_doc(SEED.read_text(encoding="utf-8"), site="zefer.az", published=Published("--10-15", "day-month", "heading"))
    doc.paragraphs[-1].lang = "az"
    events.run(doc, Resources())
    return doc


def test_seed_attack(seed_doc: Document) -> None:
    attacks = [e for e in seed_doc.events if e.type == "attack" and e.lang == "en"]
    assert attacks, seed_doc.events
    a = attacks[0]
    assert a.actor.canonical == "Armenia" and a.place.canonical == "Ganja" and a.weapon.name == "missile"
    assert (a.killed.low, a.killed.high) == (10, 10)
    assert (a.injured.low, a.injured.high, a.injured.text) == (None, None, "numerous")
    assert a.date.value is None and a.date.not_after == "--10-15" and "ceasefire" in a.date.anchor.text
    assert a.claimant.name == "Rahman Mustafayev" and a.claimant.canonical == "zefer.az > Rahman Mustafayev"
    assert check_spans(seed_doc) == []


def test_seed_ceasefire_and_interview(seed_doc: Document) -> None:
    types = {(e.type, e.place.canonical if e.place else None) for e in seed_doc.events}
    assert ("ceasefire/agreement", "Moscow") in types or ("meeting/talks", "Moscow") in types
    interview = next(e for e in seed_doc.events if e.type == "interview/statement")
    assert interview.target.canonical.startswith("Le Courrier de l")
    assert interview.date.value == "--10-15"
    row = acled_row(seed_doc, interview)
    assert row["event_date"] == "--10-15" and row["notes"] == interview.span.text


def test_no_model_no_crash_and_site_claimant() -> None:
    doc = make_doc("Five people were killed and 12 injured in the shelling yesterday.", published=Published("2020-10-15", "day", "metadata"))
    events.run(doc, NoModel())
    (ev,) = doc.events
    assert ev.type == "attack" and ev.subtype == "shelling/artillery/missile"
    assert (ev.killed.low, ev.injured.low) == (5, 12)
    assert ev.date.value == "2020-10-14" and ev.date.basis == "relative"
    assert ev.claimant.name == "example.org"
    assert acled_row(doc, ev)["fatalities"] == 5


def test_quote_speaker_is_claimant() -> None:
    text = "The minister said that three soldiers were killed in the attack."
    doc = make_doc(text)
    content = text.index("three")
    doc.quotes = [Quote("indirect", Speaker("Ivan Petrov", "Ivan Petrov"), Span(0, 12, text[:12]), Span(13, 17, "said"),
                        Span(content, len(text) - 1, text[content:-1]))]
    events.run(doc, NoModel())
    ev = doc.events[0]
    assert ev.claimant.name == "Ivan Petrov" and ev.claimant.canonical == "example.org > Ivan Petrov"
    assert ev.quotes == [0]


def test_dates_from_mentions_and_bounds() -> None:
    doc = make_doc("The attack on Sunday killed two people.", published=Published("2020-10-15", "day", "metadata"))
    d = resolve_event_date(doc, 0, len(doc.text), "en", 4, ("2020-10-15", "day"), False)
    assert (d.value, d.basis) == ("2020-10-11", "relative")  # 15 Oct 2020 was a Thursday
    doc2 = make_doc("The attack on Sunday killed two people.")
    d2 = resolve_event_date(doc2, 0, len(doc2.text), "en", 4, ("--10-15", "day-month"), False)
    assert d2.value is None and d2.not_after == "--10-15"  # no year: the weekday cannot be placed
    doc3 = make_doc("On 12 October shelling killed two people.")
    doc3.dates = [DateMention(3, 13, "12 October", "2020-10-12", "day", "explicit")]
    d3 = resolve_event_date(doc3, 0, len(doc3.text), "en", 14, ("2020-10-15", "day"), False)
    assert (d3.value, d3.basis) == ("2020-10-12", "explicit")


def test_other_languages_and_empty() -> None:
    doc = make_doc("Обстрел: погибли десять человек, ранены 25.", lang="ru")
    events.run(doc, NoModel())
    assert doc.events and doc.events[0].killed.low == 10
    empty = make_doc("Nothing happened here at all.")
    events.run(empty, NoModel())
    assert empty.events == []
    doc_none = Document.new("", input_id="e")
    events.run(doc_none, NoModel())
    assert doc_none.events == []
