"""Quotes: passives, signed quotations, transcripts, coordinated cues and other speaker forms.

Inputs are written here by hand (paragraphs and languages set); spans are checked against the text.
"""
from __future__ import annotations

from typing import Optional

import pytest

from newsledger.models import Document, Paragraph, Quote, check_spans
from newsledger.resources import Resources
from newsledger.stages.paragraphs.stage import split_paragraphs
from newsledger.stages.quotes import stage as quotes
from tests.stages.prepare import prepare


def run(text: str, resources: Resources) -> Document:
    """English body paragraphs set by hand, then the entities and quotes stages as the pipeline runs them."""
    doc = Document.new(text, input_id="test")
    for start, end in split_paragraphs(text):
        doc.paragraphs.append(Paragraph(start, end, text[start:end], lang="en", kind="body"))
    quotes.run(prepare(doc, resources), resources)
    assert not check_spans(doc)
    return doc


def by_cue(doc: Document, cue: str) -> list[Quote]:
    return [q for q in doc.quotes if q.cue is not None and q.cue.text == cue]


def speaker(q: Quote) -> Optional[str]:
    return q.speaker_span.text if q.speaker_span else None


def test_passive_with_agent_is_a_stance_toward_the_subject(resources: Resources) -> None:
    doc = run("Clinton was endorsed by The Dallas Morning News on Friday.", resources)
    (q,) = by_cue(doc, "endorsed")
    assert q.kind == "stance" and q.polarity == "positive"
    assert speaker(q) == "The Dallas Morning News" and q.content.text == "Clinton"
    assert q.target is not None and q.target.text == "Clinton"


def test_agentless_passive_claim_kept_but_declared_ceasefire_is_an_act(resources: Resources) -> None:
    doc = run("Mr. Quiros was accused of using $50 million for personal expenses. "
              "The ceasefire was declared on Monday.", resources)
    (q,) = by_cue(doc, "accused")
    assert q.speaker_span is None and q.content.text.startswith("Mr. Quiros was accused of using")
    assert not by_cue(doc, "declared")


def test_quotation_signed_with_a_dash(resources: Resources) -> None:
    doc = run("“Mr. Trump embodies the lasting legacy of racism.” ― Sonya Herridge\n\n"
              "“We will win this war.” — Martin Luther King Jr.", resources)
    assert [speaker(q) for q in doc.quotes] == ["Sonya Herridge", "Martin Luther King Jr."]
    assert all(q.kind == "direct" for q in doc.quotes)


def test_transcript_speaker_labels(resources: Resources) -> None:
    doc = run("WALLACE: Let’s start with breaking news on the debate story, Governor.\n\n"
              "PENCE: Well, look, the question really should be why the other side invited him.", resources)
    assert [speaker(q) for q in doc.quotes] == ["WALLACE", "PENCE"]
    assert doc.quotes[1].content.text.startswith("Well, look")


def test_update_label_is_no_speaker(resources: Resources) -> None:
    doc = run("CLARIFICATION: The first sentence has been clarified to reflect the date.", resources)
    assert not [q for q in doc.quotes if speaker(q) == "CLARIFICATION"]


def test_coordinated_cues_are_two_attributions_with_one_speaker(resources: Resources) -> None:
    doc = run("May said the country would leave the union by March, and suggested that it would "
              "withdraw from the single market.", resources)
    (said,) = by_cue(doc, "said")
    (suggested,) = by_cue(doc, "suggested")
    assert said.content.text == "the country would leave the union by March"
    assert suggested.content.text == "that it would withdraw from the single market"
    assert speaker(said) == speaker(suggested) == "May"


def test_speaker_between_quotation_and_cue(resources: Resources) -> None:
    doc = run("“He is absolutely right. There is a severe disconnect here,” Flynn, a top Trump surrogate, "
              "said Thursday morning on Fox News’s “Fox and Friends.”", resources)
    assert [speaker(q) for q in doc.quotes] == ["Flynn"]  # the show's title is not more of the quote


def test_verb_first_cue_names_the_speaker_after_it(resources: Resources) -> None:
    doc = run('"If it does not have the capability yet, it will at some point," said James Acton, '
              'a physicist.', resources)
    (q,) = doc.quotes
    assert speaker(q) == "James Acton"


def test_dateline_is_not_the_speaker(resources: Resources) -> None:
    doc = run("WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would tell "
              "an American story.", resources)
    (q,) = by_cue(doc, "said")
    assert speaker(q) == "President Obama"


def test_relative_pronoun_speaker_resolves_to_antecedent(resources: Resources) -> None:
    doc = run("The governor met Ted Cruz, who said he would not endorse anyone.", resources)
    (q,) = by_cue(doc, "said")
    assert speaker(q) == "who"
    assert q.speaker is not None and "Cruz" in q.speaker.name


def test_he_said_colon_attributes_the_next_paragraph(resources: Resources) -> None:
    doc = run("Limbaugh added on his show:\n\nAnd from a supposed front-runner, this reeks of fear.", resources)
    (q,) = by_cue(doc, "added")
    assert speaker(q) == "Limbaugh" and q.content.text.startswith("And from a supposed front-runner")


def test_paragraph_opening_quotation_continues_last_speaker(resources: Resources) -> None:
    doc = run("“No one is writing songs for her. She has nobody like that,” he said.\n\n"
              "“Right now, the vote is against Trump. I still think she is going to win.”", resources)
    pieces = [q for q in doc.quotes if q.kind == "direct"]
    assert len(pieces) == 2 and pieces[0].cue == pieces[1].cue


def test_as_x_put_it(resources: Resources) -> None:
    doc = run("As Ms. Simonyan put it in a statement, RT is providing a perspective you won't get elsewhere.",
              resources)
    (q,) = by_cue(doc, "put it")
    assert speaker(q) == "Ms. Simonyan" and q.content.text.startswith("RT is providing")


def test_questions_to_you_and_asides_hold_no_view(resources: Resources) -> None:
    doc = run("Do you know where your candidate's tax returns are? And, you know, nobody cares.", resources)
    assert not [q for q in doc.quotes if speaker(q) == "you"]


def test_owned_attitude_noun(resources: Resources) -> None:
    doc = run("Trump's promises to cut taxes for the rich did not survive the debate.", resources)
    (q,) = by_cue(doc, "promises")
    assert speaker(q) == "Trump's" or speaker(q) == "Trump"
    assert q.content.text == "to cut taxes for the rich"


@pytest.mark.parametrize("text, lang, polarity, holder, target", [
    ("Türkiye Dışişleri Bakanı Mevlüt Çavuşoğlu, Gence'ye yönelik füze saldırısını kınadı.", "tr", "negative",
     "Mevlüt Çavuşoğlu", "Ganja"),
    ("Nazir Ceyhun Bayramov Türkiyəyə göstərdiyi dəstəyə görə təşəkkür edib.", "az", "positive",
     "Ceyhun Bayramov", "Turkey"),
    ("Министр иностранных дел Сергей Лавров осудил удар по Гяндже.", "ru", "negative", "Сергей Лавров", "Ganja"),
])
def test_stance_acts_beyond_english(text: str, lang: str, polarity: str, holder: str, target: str,
                                    resources: Resources) -> None:
    doc = Document.new(text, input_id="test")
    for start, end in split_paragraphs(text):
        doc.paragraphs.append(Paragraph(start, end, text[start:end], lang=lang, kind="body"))
    quotes.run(prepare(doc, resources), resources)
    assert not check_spans(doc)
    (q,) = [q for q in doc.quotes if q.kind == "stance"]
    assert q.polarity == polarity and holder in q.speaker_span.text
    assert q.target is not None and q.target.name == target


def test_it_was_reported_by_x_that(resources: Resources) -> None:
    doc = run("It was reported by Reuters that the missile hit a residential block.", resources)
    (q,) = by_cue(doc, "reported")
    assert speaker(q) == "Reuters" and q.content.text == "that the missile hit a residential block"
