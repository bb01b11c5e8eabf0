"""The langid stage: paragraph languages, heading inheritance, confusable pairs, segments."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.models import Document, Paragraph, check_spans
from newsledger.stages.langid import stage as langid
from newsledger.stages.langid.stage import STAGE, detect_language, label_paragraphs, sentence_spans
from tests.paths import SHARED

EN = ("The diplomat said the negotiations should be continued on the basis of the principles agreed in Moscow, "
      "and that the ceasefire must be respected by both sides.")
EN2 = "Ambassador Mustafayev also blamed the OSCE Minsk Group for failing to achieve a solution to the conflict."
RU = "Министр иностранных дел заявил, что переговоры будут продолжены на следующей неделе в Москве."
UK = "Міністр закордонних справ заявив, що переговори будуть продовжені наступного тижня в Києві."
AZ = "Azərbaycan Ordusunun əks-hücum əməliyyatında əldə etdiyi qələbələr haqqında kitablar yazılacaq."
TR = "Türkiye Dışişleri Bakanı, müzakerelerin önümüzdeki hafta Ankara'da devam edeceğini söyledi."


def make_doc(blocks: list[tuple[str, str]]) -> Document:
    """A document whose paragraphs are the given (kind, text) blocks, separated by blank lines."""
    text, paragraphs = "", []
    for kind, body in blocks:
        if text:
            text += "\n\n"
        paragraphs.append(Paragraph(start=len(text), end=len(text) + len(body), text=body, kind=kind))
        text += body
    doc = Document.new(text, input_id="test")
    doc.paragraphs = paragraphs
    return doc


def test_stage_contract() -> None:
    assert STAGE.name == "langid"
    assert "paragraphs.lang" in STAGE.writes


@pytest.mark.parametrize("text", ["2020", "—", "", "   ", "https://example.com/news/2020/10/15", "12:30, 15.10.2020 …"])
def test_no_evidence_is_und(text: str) -> None:
    assert detect_language(text) == ("und", 0.0)


def test_scores_are_probabilities() -> None:
    for text in (EN, RU, UK, AZ, TR, "Foreign media", "Հայաստանի Հանրապետություն", "საქართველოს მთავრობა"):
        lang, score = detect_language(text)
        assert lang != "und" and 0.0 < score <= 1.0


@pytest.mark.parametrize("text,lang", [(EN, "en"), (RU, "ru"), (UK, "uk"), (AZ, "az"), (TR, "tr"),
                                       ("Հայաստանի Հանրապետություն", "hy"), ("საქართველოს მთავრობა", "ka")])
def test_sentences(text: str, lang: str) -> None:
    assert detect_language(text)[0] == lang


@pytest.mark.parametrize("text", ["Əliyev", "böyük qələbə", "Azərbaycan", "xəbərlər", "İlham Əliyev bəyanat verdi"])
def test_azerbaijani_letters_are_not_turkish(text: str) -> None:
    assert detect_language(text)[0] == "az"


@pytest.mark.parametrize("text", ["Україна", "їжак", "європейський", "ґанок", "Київ і Львів"])
def test_ukrainian_letters_are_not_russian(text: str) -> None:
    assert detect_language(text)[0] == "uk"


@pytest.mark.parametrize("text", ["объявлены", "это", "Россия и Белоруссия, съезд"])
def test_russian_letters_are_not_ukrainian(text: str) -> None:
    assert detect_language(text)[0] == "ru"


def test_headings_inherit_the_page_language() -> None:
    doc = make_doc([("heading", "15 October"), ("heading", "Foreign media"), ("body", EN), ("body", EN2), ("body", AZ)])
    langid.run(doc, None)  # type: ignore[arg-type]  # the stage needs no resources
    assert [p.lang for p in doc.paragraphs] == ["en", "en", "en", "en", "az"]
    assert all(0.0 < p.lang_score <= 1.0 for p in doc.paragraphs)


def test_heading_above_a_foreign_paragraph_keeps_the_page_language() -> None:
    doc = make_doc([("heading", "Latest news"), ("body", AZ), ("body", EN), ("body", EN2), ("body", EN)])
    langid.run(doc, None)  # type: ignore[arg-type]
    assert doc.paragraphs[0].lang == "en"
    assert doc.paragraphs[1].lang == "az"


def test_heading_in_another_script_keeps_its_own_language() -> None:
    doc = make_doc([("heading", "Новости дня"), ("body", EN), ("body", EN2)])
    langid.run(doc, None)  # type: ignore[arg-type]
    assert doc.paragraphs[0].lang == "ru"


def test_number_heading_stays_und() -> None:
    doc = make_doc([("heading", "2020"), ("body", EN)])
    langid.run(doc, None)  # type: ignore[arg-type]
    assert (doc.paragraphs[0].lang, doc.paragraphs[0].lang_score) == ("und", 0.0)


def test_one_language_paragraph_has_no_segments() -> None:
    doc = make_doc([("body", EN + " " + EN2)])
    langid.run(doc, None)  # type: ignore[arg-type]
    assert doc.paragraphs[0].segments == []


def test_mixed_paragraph_gets_exact_segments() -> None:
    doc = make_doc([("heading", "Foreign media"), ("body", EN + " " + RU)])
    langid.run(doc, None)  # type: ignore[arg-type]
    paragraph = doc.paragraphs[1]
    assert [(s["lang"], s["text"]) for s in paragraph.segments] == [("en", EN), ("ru", RU)]
    for seg in paragraph.segments:
        assert doc.text[seg["start"]:seg["end"]] == seg["text"]
        assert 0.0 < seg["lang_score"] <= 1.0
    assert paragraph.lang == "en"  # the longer run
    assert check_spans(doc) == []


def test_empty_document() -> None:
    doc = make_doc([])
    langid.run(doc, None)  # type: ignore[arg-type]
    assert doc.paragraphs == []


def test_seed_page() -> None:
    page = SHARED / "examples" / "zefer-15-october.txt"
    if not page.exists():
        pytest.skip(f"seed page not found at {page} (../shared is absent)")
    from newsledger.resources import Resources
    from newsledger.stages.paragraphs import stage as paragraphs

    doc = Document.new(page.read_text(encoding="utf-8"), input_id=str(page))
    resources = Resources()
    paragraphs.run(doc, resources)
    langid.run(doc, resources)
    langs = [p.lang for p in doc.paragraphs]
    assert len(langs) == 12
    assert langs[:11] == ["en"] * 11
    assert langs[11] == "az"
    assert all(p.segments == [] for p in doc.paragraphs)
    assert check_spans(doc) == []


_PIECES = st.sampled_from([EN, EN2, RU, UK, AZ, TR, "2020.", "—", "OK.", "Հայաստան։", "https://x.org/a?b=1"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_PIECES, st.sampled_from([" ", "  ", "\n", " \t"])), min_size=1, max_size=6),
       st.sampled_from(["", "Intro\n\n", "  "]))
def test_segment_spans_are_exact_and_inside(pieces: list[tuple[str, str]], prefix: str) -> None:
    body = "".join(text + sep for text, sep in pieces).strip()
    text = prefix + body
    start = text.index(body)
    doc = Document.new(text, input_id="prop")
    doc.paragraphs = [Paragraph(start=start, end=start + len(body), text=body)]
    label_paragraphs(doc.paragraphs)
    paragraph = doc.paragraphs[0]
    previous_end = paragraph.start
    for seg in paragraph.segments:
        assert paragraph.start <= seg["start"] < seg["end"] <= paragraph.end
        assert seg["start"] >= previous_end  # in order, not overlapping
        assert doc.text[seg["start"]:seg["end"]] == seg["text"]
        previous_end = seg["end"]
    assert len({s["lang"] for s in paragraph.segments}) != 1  # segments only when languages differ
    assert check_spans(doc) == []


@given(st.text(max_size=200))
@settings(max_examples=80, deadline=None)
def test_sentence_spans_are_trimmed_and_inside(text: str) -> None:
    for start, end in sentence_spans(text):
        piece = text[start:end]
        assert piece and piece == piece.strip() and 0 <= start < end <= len(text)


def test_heading_with_letters_of_another_language_keeps_them() -> None:
    doc = make_doc([("heading", "Xəbərlər"), ("body", EN), ("body", EN2)])
    langid.run(doc, None)  # type: ignore[arg-type]
    assert doc.paragraphs[0].lang == "az"
