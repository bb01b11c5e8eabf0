"""Sentences and entities: spaCy for English, gazetteer and rules for every language."""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.models import Document, Paragraph, check_spans
from newsledger.resources import Resources
from newsledger.settings import load_settings
from newsledger.stages.entities import stage as entities
from newsledger.stages.entities.stage import split_sentences
from tests.paths import SHARED

SEED = SHARED / "examples" / "zefer-15-october.txt"


def make_doc(paragraphs: list[tuple[str, str, str]]) -> Document:
    """A document from (text, lang, kind) paragraphs separated by blank lines."""
    text = ""
    paras = []
    for body, lang, kind in paragraphs:
        if text:
            text += "\n\n"
        paras.append(Paragraph(len(text), len(text) + len(body), body, lang=lang, kind=kind))
        text += body
    doc = Document.new(text, input_id="test")
    doc.paragraphs = paras
    return doc


class NoSpacy:
    """Resources whose spaCy pipeline fails the test if anything reaches it."""

    settings = load_settings(env={})

    @property
    def nlp(self) -> Any:
        raise AssertionError("spaCy must not run on non-English paragraphs")


@pytest.fixture(scope="module")
def resources() -> Resources:
    return Resources(load_settings(env={}))


def ents(doc: Document) -> list[tuple[str, str, str, str]]:
    return [(e.text, e.label, e.canonical, e.source) for e in doc.entities]


def test_non_english_never_reaches_spacy():
    doc = make_doc([
        ("Azərbaycan Ordusu Gəncəyə hücumdan sonra cavab verdi. Prezident İlham Əliyev bəyanat verib.", "az", "body"),
        ("Ракетный удар по Гяндже осудил г. Баку. Министр И. Иванов заявил: «Это преступление». Никол Пашинян молчит.", "ru", "body"),
        ("Gence'ye füze saldırısı! Dr. Ahmet Yılmaz açıklama yaptı.", "tr", "body"),
        ("Texte sans langue connue.", "und", "body"),
    ])
    entities.run(doc, NoSpacy())  # type: ignore[arg-type]
    assert check_spans(doc) == []
    # No spaCy parse; Russian gets natasha's (its own model), kept for the quotes stage.
    assert {i: type(p).__name__ for i, p in doc.parses.items()} == {1: "SlavicParse"}
    found = {(e.canonical, e.label, e.lang) for e in doc.entities}
    assert ("Azerbaijani Army", "ORG", "az") in found
    assert ("Ganja", "GPE", "az") in found and ("Ganja", "GPE", "ru") in found and ("Ganja", "GPE", "tr") in found
    assert ("Ilham Aliyev", "PERSON", "az") in found
    assert ("Baku", "GPE", "ru") in found and ("Nikol Pashinyan", "PERSON", "ru") in found
    assert all(e.source == "gazetteer" for e in doc.entities if e.lang != "ru")  # Russian names also come from natasha
    by_para = [[s.text for s in doc.sentences if s.paragraph == i] for i in range(4)]
    assert len(by_para[0]) == 2
    assert by_para[1] == ["Ракетный удар по Гяндже осудил г. Баку.", "Министр И. Иванов заявил: «Это преступление».",
                          "Никол Пашинян молчит."]
    assert by_para[2] == ["Gence'ye füze saldırısı!", "Dr. Ahmet Yılmaz açıklama yaptı."]
    assert all(s.lang == doc.paragraphs[s.paragraph].lang for s in doc.sentences)


def test_boilerplate_is_skipped_and_headings_are_one_sentence():
    doc = make_doc([
        ("15 October", "en", "heading"),
        ("Azərbaycan Ordusu qalib gəldi. Ermənistan məğlub oldu.", "az", "boilerplate"),
        ("Ganja. Baku", "en", "heading"),
    ])
    entities.run(doc, NoSpacy())  # type: ignore[arg-type]
    assert [s.text for s in doc.sentences] == ["15 October", "Ganja. Baku"]
    assert [e.canonical for e in doc.entities] == ["Ganja", "Baku"]


def test_english_uses_spacy_and_the_gazetteer(resources):
    doc = make_doc([
        ("Foreign media", "en", "heading"),
        ("French President Emmanuel Macron met the OSCE Minsk Grup in Paris. Macron said the Geneva Conventions apply.",
         "en", "body"),
        ("Azərbaycan Ordusu irəliləyir.", "az", "body"),
    ])
    entities.run_many([doc], resources)
    assert check_spans(doc) == []
    assert set(doc.parses) == {1}  # only the English body paragraph was parsed
    found = {(e.text, e.label, e.canonical) for e in doc.entities}
    assert ("Emmanuel Macron", "PERSON", "Emmanuel Macron") in found
    assert ("OSCE Minsk Grup", "ORG", "OSCE Minsk Group") in found
    assert ("Geneva Conventions", "LAW", "Geneva Conventions") in found
    assert ("Paris", "GPE", "Paris") in found
    assert [s.text for s in doc.sentences if s.paragraph == 1] == [
        "French President Emmanuel Macron met the OSCE Minsk Grup in Paris.", "Macron said the Geneva Conventions apply."]
    assert not any(e.label in ("CARDINAL", "ORDINAL", "MONEY") for e in doc.entities)


def test_run_many_batches_all_documents(resources):
    docs = [make_doc([("Armenia fired a missile at Ganja on Sunday.", "en", "body")]),
            make_doc([("Vladimir Putin spoke to Nikol Pashinyan.", "en", "body")])]
    entities.run_many(docs, resources)
    assert [e.canonical for e in docs[0].entities if e.label == "GPE"] == ["Armenia", "Ganja"]
    assert {e.canonical for e in docs[1].entities} >= {"Vladimir Putin", "Nikol Pashinyan"}
    assert all(0 in d.parses for d in docs)


@pytest.mark.slow
def test_seed_page(resources):
    if not SEED.exists():
        pytest.skip("../shared/examples is not present: the seed page test needs the shared data")
    from newsledger.stages.paragraphs import stage as paragraphs

    doc = Document.new(SEED.read_text(encoding="utf-8"), input_id="seed")
    paragraphs.run(doc, resources)
    for p in doc.paragraphs:
        p.lang = "en"
    doc.paragraphs[-1].lang = "az"
    entities.run(doc, resources)
    assert check_spans(doc) == []
    found = {(e.canonical, e.label) for e in doc.entities}
    for expected in [("Rahman Mustafayev", "PERSON"), ("Le Courrier de l'Atlas", "ORG"), ("Ganja", "GPE"),
                     ("Emmanuel Macron", "PERSON"), ("Geneva Conventions", "LAW"), ("Morocco", "GPE"),
                     ("OSCE Minsk Group", "ORG"), ("Non-Aligned Movement", "ORG"), ("Nagorno-Karabakh", "GPE"),
                     ("Baku", "GPE"), ("France", "GPE"), ("Moscow", "GPE")]:
        assert expected in found, expected
    az = [(e.text, e.label, e.canonical) for e in doc.entities if e.lang == "az"]
    assert ("Azərbaycan Ordusunun", "ORG", "Azerbaijani Army") in az
    assert ("Ermənistan", "GPE", "Armenia") in az
    assert ("İlham Əliyevin", "PERSON", "Ilham Aliyev") in az
    # "Mustafayev said" after the full name: the same person, whatever the model's label
    assert {e.canonical for e in doc.entities if e.text == "Mustafayev"} == {"Rahman Mustafayev"}
    assert len([s for s in doc.sentences if s.paragraph == 0]) == 1


def test_rule_sentences_keep_abbreviations_quotes_and_initials():
    text = "Он сказал: «Всё кончено!» Потом ушёл. В 2020 г. в ст. Баку? Да… Нет."
    assert [text[s:e] for s, e in split_sentences(text, "ru")] == [
        "Он сказал: «Всё кончено!»", "Потом ушёл.", "В 2020 г. в ст. Баку?", "Да…", "Нет."]
    text = "St. Petersburg is big. J. R. Smith left. Ermənistan 3. dəfə hücum etdi."
    assert [text[s:e] for s, e in split_sentences(text, "fr")] == [
        "St. Petersburg is big.", "J. R. Smith left.", "Ermənistan 3. dəfə hücum etdi."]


_words = st.sampled_from(["Gəncə", "Gəncəyə", "Гянджи", "Ganja", "OSCE", "Minsk", "Grup", "Group", "İlham", "Əliyev",
                          "Nagorno-Karabakh", "U.S.", "the", "г.", "St.", "«", "»", "”", "said", "və", "Ermənistan",
                          "Türkiye'de", "I.", "Баку", "Ստեփանակերտում", "...", "!", "?", "\u0307", "ß", "ﬁ"])
_texts = st.lists(st.one_of(_words, st.text(min_size=1, max_size=6)), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_texts, min_size=1, max_size=3), lang=st.sampled_from(["az", "ru", "tr", "hy", "fr", "und"]))
def test_every_span_is_exact(texts, lang):
    paras = [(t.strip() or "x", lang, "body") for t in texts]
    doc = make_doc(paras)
    entities.run(doc, NoSpacy())  # type: ignore[arg-type]
    assert check_spans(doc) == []
    for e in doc.entities:
        assert e.text.strip() == e.text and e.text
    for s in doc.sentences:
        assert s.text and s.text == s.text.strip()
