"""The Document model: JSON round-trips and the span invariant."""
from __future__ import annotations

import json

from hypothesis import given, strategies as st

from newsledger.models import (Document, Entity, Event, EventDate, Figure, Quote, Speaker, check_spans,
                               document_id)
from newsledger.stages.paragraphs.stage import split_paragraphs, looks_like_heading

from tests.conftest import make_doc


def test_round_trip_keeps_everything() -> None:
    doc = make_doc([("15 October", "en", "heading"), ("Armenia fired a missile at Ganja, killing 10.", "en", "body")])
    start = doc.text.index("Ganja")
    doc.entities.append(Entity(start, start + 5, "Ganja", "GPE", "Ganja"))
    k = doc.text.index("killing 10")
    doc.events.append(Event("attack", "missile", doc.span(12, len(doc.text)), killed=Figure(10, 10, k, k + 10, "killing 10"),
                            date=EventDate(None, "unknown", None, None, "--10-15")))
    doc.quotes.append(Quote("indirect", Speaker("X", resolved=False), None, None, doc.span(12, 20)))
    data = json.loads(json.dumps(doc.to_dict()))
    again = Document.from_dict(data)
    assert again == doc
    assert isinstance(again.events[0].killed, Figure)
    assert check_spans(again) == []


def test_check_spans_finds_a_wrong_span() -> None:
    doc = make_doc([("Hello Baku.", "en", "body")])
    doc.entities.append(Entity(0, 4, "Baku", "GPE", "Baku"))
    assert check_spans(doc) == [".entities[0]"]


def test_id_is_a_content_hash_ignoring_whitespace() -> None:
    assert document_id("a  b\n") == document_id("a b")
    assert document_id("a b") != document_id("a c")


def test_parses_are_never_serialised() -> None:
    doc = make_doc([("Hi there.", "en", "body")])
    doc.parses[0] = object()
    assert "parses" not in doc.to_dict()
    assert doc.parses


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=8))
def test_paragraph_spans_are_exact(pieces: list[str]) -> None:
    text = "\n\n".join(pieces)
    for start, end in split_paragraphs(text):
        chunk = text[start:end]
        assert chunk and chunk == chunk.strip()
        assert "\n\n" not in chunk or not any(line.strip() == "" for line in chunk.split("\n"))


@given(st.text(max_size=300))
def test_document_round_trip_any_text(text: str) -> None:
    doc = Document.new(text, input_id="x")
    for start, end in split_paragraphs(text):
        doc.entities.append(Entity(start, end, text[start:end], "ORG", text[start:end]))
    assert Document.from_dict(json.loads(json.dumps(doc.to_dict()))) == doc
    assert check_spans(doc) == []


def test_headings() -> None:
    assert looks_like_heading("15 October")
    assert looks_like_heading("Foreign media")
    assert not looks_like_heading("He said the war is over.")
    assert not looks_like_heading("x" * 200)
