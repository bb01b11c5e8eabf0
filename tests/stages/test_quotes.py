"""Tests of the quotes stage: direct quotes, reported speech, stance acts, speakers."""
from __future__ import annotations

from typing import Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.models import Document, Paragraph, check_spans
from newsledger.resources import Resources
from newsledger.stages.paragraphs.stage import split_paragraphs
from newsledger.stages.quotes import stage as quotes
from newsledger.stages.quotes.direct import find_quotations
from newsledger.stages.quotes.lexicon import english
from tests.paths import SHARED
from tests.stages.prepare import AnyResources, NoModel, prepare

SEED = SHARED / "examples" / "zefer-15-october.txt"


def make_doc(text: str, lang: str = "en", kinds: Optional[dict[int, str]] = None) -> Document:
    doc = Document.new(text, input_id="test")
    for i, (start, end) in enumerate(split_paragraphs(text)):
        kind = (kinds or {}).get(i, "body")
        doc.paragraphs.append(Paragraph(start, end, text[start:end], lang=lang, kind=kind))
    return doc


def run_quotes(doc: Document, resources: AnyResources) -> Document:
    """The entities stage, then the quotes stage, as the pipeline runs them."""
    quotes.run(prepare(doc, resources), resources)  # type: ignore[arg-type]
    return doc


def test_stage_name() -> None:
    assert quotes.STAGE.name == "quotes"


def test_verb_lemmas() -> None:
    cues = english()
    assert cues.lemma("said") == "say"
    assert cues.lemma("pointed") == "point"
    assert cues.lemma("slammed") == "slam"
    assert cues.lemma("criticised") == "criticise"
    assert cues.lemma("table") is None


def test_quotation_marks_any_language() -> None:
    text = "«Мы готовы», — сказал он. He said “yes.” Il a dit « non ». „Ja“, sagte er."
    doc = make_doc(text)
    found = find_quotations(text, [(i, p.start, p.end) for i, p in enumerate(doc.paragraphs)])
    inner = [text[q.inner[0]:q.inner[1]].strip() for q in found]
    assert inner == ["Мы готовы", "yes.", "non", "Ja"]


def test_apostrophes_are_not_quotes() -> None:
    text = "It's the government's plan, and they're 'ready to talk' now."
    found = find_quotations(text, [(0, 0, len(text))])
    assert [text[q.inner[0]:q.inner[1]] for q in found] == ["ready to talk"]


def test_multi_paragraph_quote() -> None:
    text = "“We will not stop here.\n\n“We will go on until the end,” the minister said."
    found = find_quotations(text, [(i, a, b) for i, (a, b) in enumerate(split_paragraphs(text))])
    assert len(found) == 2 and found[0].close is None and found[1].continued


def test_split_direct_quote_and_reported_speech(resources: Resources) -> None:
    text = ("Defence Minister Zakir Hasanov visited the front.\n\n"
            "“The enemy has retreated,” he said. “Our troops hold the line.”\n\n"
            "According to the ministry, two villages were freed.")
    doc = make_doc(text)
    run_quotes(doc, resources)
    assert not check_spans(doc)
    direct = [q for q in doc.quotes if q.kind == "direct"]
    assert [q.content.text for q in direct] == ["The enemy has retreated", "Our troops hold the line."]
    assert all(q.speaker and q.speaker.name == "Zakir Hasanov" and q.speaker.resolved for q in direct)
    assert direct[0].speaker.role == "Defence Minister"
    acc = [q for q in doc.quotes if q.cue and q.cue.text.lower() == "according to"]
    assert acc and acc[0].content.text.startswith("two villages were freed")
    assert acc[0].speaker_span.text == "the ministry"


def test_unresolvable_speaker_stays_a_mention(resources: Resources) -> None:
    doc = make_doc("Officials said the bridge was closed.")
    run_quotes(doc, resources)
    (q,) = doc.quotes
    assert q.speaker.name == "Officials" and not q.speaker.resolved


def test_headings_and_boilerplate_skipped(resources: Resources) -> None:
    doc = make_doc("Smith said the war is over.\n\nJones said the war is over.", kinds={0: "heading", 1: "boilerplate"})
    run_quotes(doc, resources)
    assert doc.quotes == []


def test_russian_direct_and_reported() -> None:
    text = ("«Мы готовы к переговорам», — заявил Сергей Лавров.\n\n"
            "По словам министра, переговоры начнутся завтра.\n\n"
            "— Это ясно, — сказал он. — Ждём ответа.")
    doc = make_doc(text, lang="ru")
    run_quotes(doc, NoModel())
    assert not check_spans(doc)
    by_cue = {(q.cue.text if q.cue else None, q.content.text) for q in doc.quotes}
    assert ("заявил", "«Мы готовы к переговорам»") in by_cue  # a quotation's content keeps its marks (PARC, ADAQ)
    assert ("По словам", "переговоры начнутся завтра") in by_cue
    first = next(q for q in doc.quotes if q.cue and q.cue.text == "заявил")
    assert first.speaker_span.text == "Сергей Лавров"
    dash = [q for q in doc.quotes if q.content.text.startswith("Это ясно")]
    assert dash and dash[0].cue.text == "сказал"


def test_azerbaijani_and_turkish() -> None:
    az = make_doc("Nazir bildirib ki, danışıqlar davam edəcək.", lang="az")
    run_quotes(az, NoModel())
    assert az.quotes and az.quotes[0].cue.text == "bildirib" and az.quotes[0].speaker_span.text == "Nazir"
    tr = make_doc("Bakanın açıklamasına göre, görüşmeler yarın başlayacak.", lang="tr")
    run_quotes(tr, NoModel())
    assert tr.quotes and tr.quotes[0].content.text == "görüşmeler yarın başlayacak"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab «»“”\"',.—-\n:сказал ")), max_size=120))
def test_spans_exact_on_any_text(text: str) -> None:
    doc = make_doc(text, lang="ru")
    run_quotes(doc, NoModel())
    assert not check_spans(doc)


@pytest.mark.slow
def test_seed_page(resources: Resources) -> None:
    if not SEED.exists():
        pytest.skip("../shared/examples is not available")
    text = SEED.read_text(encoding="utf-8")
    doc = make_doc(text)
    for p in doc.paragraphs:
        if p.text in ("15 October", "Foreign media"):
            p.kind = "heading"
        if "ə" in p.text:
            p.lang, p.kind = "az", "boilerplate"
    run_quotes(doc, resources)
    assert not check_spans(doc)
    by_cue = [(q.kind, q.cue.text, q.speaker_span.text, q) for q in doc.quotes if q.cue and q.speaker_span]
    expected = [
        ("indirect", "said", "The diplomat", "the Moscow meeting shows"),
        ("indirect", "recalled", "He", "that before the conflict"),
        ("direct", "said", "Mustafayev", "Today, it is clear"),
        ("indirect", "pointed out", "The ambassador", "that immediately after"),
        ("indirect", "stressed", "He", "that Armenia’s missile attack"),
        ("stance", "blamed", "Ambassador Mustafayev", "the OSCE Minsk Grup"),
        ("indirect", "said", "the diplomat", "his country enjoys"),
        ("indirect", "said", "the ambassador", "the president’s position"),
        ("stance", "Hailing", "the diplomat", "the support provided by"),
        ("stance", "thanked", "the diplomat", "Morocco for backing"),
    ]
    for kind, cue, mention, content in expected:
        match = [q for k, c, m, q in by_cue if k == kind and c == cue and m == mention
                 and q.content.text.startswith(content)]
        assert match, (kind, cue, mention, content)
        speaker = match[0].speaker
        assert speaker.name == "Rahman Mustafayev" and speaker.resolved
        assert speaker.role == "Azerbaijan’s Ambassador to France"
    stances = {q.cue.text: q for q in doc.quotes if q.kind == "stance"}
    assert stances["blamed"].polarity == "negative" and stances["blamed"].target.text == "OSCE Minsk Grup"
    assert stances["thanked"].polarity == "positive" and stances["thanked"].target.text == "Morocco"
    assert stances["Hailing"].polarity == "positive" and "Non-Aligned Movement" in stances["Hailing"].target.text
    assert all(q.lang == "en" for q in doc.quotes)


def test_according_to_with_verbless_sentence_terminates(resources: Resources) -> None:
    doc = make_doc("According to the ministry, a total disaster for the region.")
    run_quotes(doc, resources)
    assert not check_spans(doc)


def test_cognition_and_intention_attributions(resources: Resources) -> None:
    doc = make_doc("Senator Smith wants to triple the size of the program. Voters are convinced that taxes will rise.")
    run_quotes(doc, resources)
    assert not check_spans(doc)
    found = {(q.cue.text, q.speaker_span.text) for q in doc.quotes if q.cue and q.speaker_span}
    assert ("wants", "Senator Smith") in found
    assert ("convinced", "Voters") in found
    assert all(q.kind == "indirect" for q in doc.quotes)


def test_parenthetical_and_participle_cues(resources: Resources) -> None:
    doc = make_doc("That is why, he argued, the party should be prepared. "
                   "Obama responded to the mother by saying his refusal was a manufactured issue.")
    run_quotes(doc, resources)
    by_cue = {q.cue.text: q for q in doc.quotes if q.cue}
    assert "the party should be prepared" in by_cue["argued"].content.text
    assert by_cue["saying"].speaker_span.text == "Obama"
    assert by_cue["saying"].content.text == "his refusal was a manufactured issue"


def test_no_attribution_without_a_holder(resources: Resources) -> None:
    doc = make_doc("That worries investors. The ceasefire was declared for humanitarian purposes.")
    run_quotes(doc, resources)
    assert not [q for q in doc.quotes if q.cue and q.cue.text in ("worries", "declared")]


def test_split_quote_pieces_share_speaker_and_cue(resources: Resources) -> None:
    doc = make_doc("“The enemy has retreated,” the minister Ali Kerimov said. “Our troops hold the line.”")
    run_quotes(doc, resources)
    pieces = [q for q in doc.quotes if q.kind == "direct"]
    assert len(pieces) == 2
    assert pieces[0].cue.start == pieces[1].cue.start and pieces[0].speaker == pieces[1].speaker


def test_russian_role_mention_resolves_to_last_speaker() -> None:
    text = ("Глава МИД России Сергей Лавров заявил, что перемирие объявлено.\n\n"
            "По словам министра, переговоры начнутся завтра.")
    doc = make_doc(text, lang="ru")
    run_quotes(doc, NoModel())
    assert ("Сергей Лавров", "PERSON") in {(e.text, e.label) for e in doc.entities}  # from the gazetteer
    acc = next(q for q in doc.quotes if q.cue and q.cue.text == "По словам")
    assert acc.speaker_span.text == "министра"
    assert acc.speaker.name == "Сергей Лавров" and acc.speaker.resolved


def test_russian_speaker_after_cue_and_leading_phrase() -> None:
    text = ("«Цены вырастут», - говорит аналитик Иван Петров.\n\n"
            "Рост продолжится, сказал в интервью ТАСС главный экономист банка Анна Смирнова.\n\n"
            "После совещания министр Олег Орлов заявил, что решение принято.\n\n"
            "Как сообщил в беседе с журналистами губернатор области Павел Серов, дороги откроют завтра.\n\n"
            "Заявил директор завода Пётр Ильин, что план выполнен.\n\n"
            "«Мы справимся», - заявила она, добавив, что работа идёт.\n\n"
            "Кризис закончится, говорят эксперты.")
    doc = make_doc(text, lang="ru")
    run_quotes(doc, NoModel())
    assert not check_spans(doc)
    speakers = {q.cue.text: q.speaker_span.text for q in doc.quotes if q.cue and q.speaker_span}
    assert speakers["говорит"] == "аналитик Иван Петров"  # not "- говорит аналитик ..."
    assert speakers["сказал"] == "главный экономист банка Анна Смирнова"
    assert speakers["заявил"] in ("министр Олег Орлов", "директор завода Пётр Ильин")
    assert speakers["заявила"] == "она"
    assert speakers["говорят"] == "эксперты"
    verb_first = [q for q in doc.quotes if q.content and q.content.text.endswith("план выполнен")]
    assert verb_first and verb_first[0].speaker_span.text == "директор завода Пётр Ильин"
    leading = [q for q in doc.quotes if q.content and q.content.text.endswith("решение принято")]
    assert leading and leading[0].speaker_span.text == "министр Олег Орлов"


def test_nested_attribution_inside_another_claim_is_one(resources: Resources) -> None:
    doc = make_doc("Smith said he plans to spend the $18 million he says he raised on ads.")
    run_quotes(doc, resources)
    assert not check_spans(doc)
    cues = [q.cue.text for q in doc.quotes if q.cue]
    assert cues == ["said"]  # "plans" and "says" sit inside what Smith said
