"""The Document model: JSON round-trips and the span invariant."""
from __future__ import annotations

import dataclasses
import json
import re

from hypothesis import given
from hypothesis import strategies as st

from newsledger.models import Document, Entity, Event, EventDate, Figure, Quote, Speaker, check_spans, document_id
from newsledger.stages.paragraphs.stage import looks_like_heading, split_paragraphs
from tests.conftest import make_doc
from tests.paths import REPO


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


def test_json_carries_the_schema_version_and_reads_documents_without_it() -> None:
    from newsledger.models import SCHEMA_VERSION

    doc = make_doc([("Ganja was hit, the minister said.", "en", "body")])
    doc.quotes.append(Quote("indirect", Speaker("minister"), None, None, doc.span(0, 13), id="q1"))
    data = doc.to_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    del data["schema_version"]
    assert Document.from_dict(data).quotes[0].id == "q1"


def test_schema_1_event_quote_indices_become_ids() -> None:
    doc = make_doc([("Ganja was hit, the minister said. Talks go on, the envoy said.", "en", "body")])
    doc.quotes = [Quote("indirect", Speaker("minister"), None, None, doc.span(0, 13)),
                  Quote("indirect", Speaker("envoy"), None, None, doc.span(34, 46))]
    doc.events.append(Event("meeting/talks", None, doc.span(34, 62)))
    data = doc.to_dict()
    del data["schema_version"]
    for q in data["quotes"]:
        del q["id"]
    data["events"][0]["quotes"] = [1]
    old = Document.from_dict(data)
    assert [q.id for q in old.quotes] == ["q1", "q2"]
    assert old.events[0].quotes == ["q2"]


def test_every_item_pointing_into_the_text_has_one_shape() -> None:
    from newsledger.models import DateMention, Paragraph, Sentence, Span, Target, TextSpan

    for cls in (Span, Paragraph, Sentence, Entity, DateMention, Target, Figure):
        assert issubclass(cls, TextSpan), cls
        names = {f.name for f in dataclasses.fields(cls)}
        assert {"start", "end", "text"} <= names, cls
    doc = make_doc([("Hello Baku.", "en", "body")])
    doc.entities.append(Entity(6, 10, "Baku", "GPE", "Baku"))
    assert doc.entities[0].offsets == (6, 10) and doc.entities[0].starts_in([(5, 7)])


def _documented_fields() -> dict[str, set[str]]:
    """The field tables of docs/schema.md's reference section: {class name: field names}."""
    text = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    reference = text.split("## Field reference", 1)[1]
    out: dict[str, set[str]] = {}
    for block in reference.split("\n### ")[1:]:
        name, _, body = block.partition("\n")
        out[name.strip()] = set(re.findall(r"^\| `(\w+)` \|", body, re.M))
    return out


def test_schema_doc_matches_the_dataclasses() -> None:
    """docs/schema.md documents every dataclass field of the JSON and nothing else, so it cannot drift."""
    import newsledger.models as models

    classes = {name: obj for name, obj in vars(models).items()
               if dataclasses.is_dataclass(obj) and obj.__module__ == models.__name__}
    documented = _documented_fields()
    assert set(documented) == set(classes), "classes documented vs defined differ"
    for name, cls in classes.items():
        fields = {f.name for f in dataclasses.fields(cls)} - {"parses"}  # parses: transient, never serialised
        if name == "Document":
            fields.add("schema_version")
        assert documented[name] == fields, f"{name}: missing {fields - documented[name]}, "\
                                           f"not in the dataclass {documented[name] - fields}"
