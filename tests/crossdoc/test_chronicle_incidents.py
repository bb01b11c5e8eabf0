"""The chronicle reads as one line per incident: day-less mentions of a ceasefire join its dated line,
statements about an incident are shown under it, and every citation gives the document and the span."""
from __future__ import annotations

import json

from newsledger.crossdoc import build_chronicle, render_html, render_json, render_markdown
from newsledger.crossdoc.mentions import admits
from newsledger.models import Quote, Sentence, Span, Speaker
from tests.crossdoc.test_helpers import linked_store, make_doc, make_event

AGREED = "Azerbaijan and Armenia agreed to a ceasefire in Moscow on 10 October."
IN_ARMENIA = "The ceasefire between Azerbaijan and Armenia took effect at noon in Armenia on 10 October."
LATER = "The ceasefire agreed in Moscow was broken within hours."
ELSEWHERE = "A ceasefire was announced in Yerevan."


def _ceasefire(sentence, doc_id, site, *, place, date=None, not_after=None, published="2020-10-10", extra=""):
    return make_doc(sentence, doc_id=doc_id, site=site, published=published, extra=extra,
                    event=dict(type="ceasefire", place=place, date=date, precision="day" if date else "unknown",
                               not_after=not_after))


def _lines(chron):
    return [(day, ln) for day in chron.days for ln in day.lines]


def _with_sentences(doc):
    """The document's paragraphs as its sentences (one sentence each), as the entities stage writes them."""
    doc.sentences = [Sentence(p.start, p.end, p.text, paragraph=i, lang=p.lang) for i, p in enumerate(doc.paragraphs)]
    return doc


def _quote(doc, speaker_name, content, cue="said"):
    start = doc.text.index(content)
    at = doc.text.index(cue)
    return Quote("indirect", Speaker(speaker_name, speaker_name, None, True), Span(0, len(speaker_name), speaker_name),
                 Span(at, at + len(cue), cue), Span(start, start + len(content), content), lang="en")


# --- mentions of a class its day defines --------------------------------------------------

def test_a_ceasefire_is_one_line_with_every_outlet_and_its_dayless_mentions():
    docs = [_ceasefire(AGREED, "a", "wire.example", place="Moscow", date="2020-10-10"),
            _ceasefire(IN_ARMENIA, "b", "vestnik.example", place="Armenia", date="2020-10-10"),
            _ceasefire(LATER, "c", "digest.example", place="Moscow", not_after="2020-10-11", published="2020-10-11"),
            _ceasefire(ELSEWHERE, "d", "other.example", place="Yerevan", published=None)]
    chron = build_chronicle(linked_store(docs))
    ceasefires = [(day, ln) for day, ln in _lines(chron) if ln.incident_id and ln.text.startswith("Ceasefire")]
    on_the_day = [ln for day, ln in ceasefires if day.key == "2020-10-10"]
    assert len(on_the_day) == 1, [ln.text for _, ln in ceasefires]
    line = on_the_day[0]
    for site in ("wire.example", "vestnik.example", "digest.example"):
        assert site in line.text
    assert len(line.joined) == 1 and "1 mention with no day of its own" in (line.note or "")
    # A mention that shares neither a page nor a place with it keeps its own line.
    assert any(day.key.startswith("~") and "other.example" in ln.text for day, ln in ceasefires)
    assert "digest.example" not in "".join(ln.text for day, ln in ceasefires if day.key.startswith("~"))
    # A range reads what it holds: the mention placed after it is counted in the whole chronicle's line only.
    ranged = build_chronicle(linked_store(docs), "2020-10-10", "2020-10-10")
    [day_line] = [ln.text for d in ranged.days if d.key == "2020-10-10" for ln in d.lines]
    assert "wire.example" in day_line and "vestnik.example" in day_line and "digest.example" not in day_line


def test_a_mention_two_ceasefires_could_mean_stays_apart():
    docs = [_ceasefire(AGREED, "a", "wire.example", place="Moscow", date="2020-10-10"),
            _ceasefire("A new ceasefire was agreed in Moscow on 18 October.", "b", "wire.example", place="Moscow",
                       date="2020-10-18", published="2020-10-18"),
            _ceasefire(LATER, "c", "digest.example", place="Moscow", not_after="2020-10-20", published="2020-10-20")]
    chron = build_chronicle(linked_store(docs))
    apart = [ln for day, ln in _lines(chron) if day.key.startswith("~")]
    assert len(apart) == 1 and "digest.example" in apart[0].text
    assert all(not ln.joined for _, ln in _lines(chron))


def test_a_bound_admits_only_the_days_it_allows():
    assert admits({"value": None, "not_before": None, "not_after": "2020-10-11"}, "2020-10-10")
    assert not admits({"value": None, "not_before": None, "not_after": "2020-10-09"}, "2020-10-10")
    assert admits({"value": None, "not_before": "--10-09", "not_after": None}, "2020-10-10")
    assert admits({"value": "2020-10", "precision": "month"}, "2020-10-10")
    assert not admits({"value": "2020-11", "precision": "month"}, "2020-10-10")
    assert admits({"value": None}, "--10-10")


def test_an_attack_mention_without_a_day_keeps_its_own_line():
    # Only a class its day defines is read by its day; an undated strike on the same place is not folded.
    strike = make_doc("A missile hit Ganja on 11 October.", doc_id="s", event=dict(place="Ganja", date="2020-10-11"))
    undated = make_doc("Ganja was shelled again.", doc_id="u", published=None, event=dict(place="Ganja", type="shelling"))
    chron = build_chronicle(linked_store([strike, undated]))
    assert all(not ln.joined for _, ln in _lines(chron))


# --- statements under their incident -------------------------------------------------------

def _ceasefire_with_statements():
    doc = _with_sentences(_ceasefire(AGREED, "a", "wire.example", place="Moscow", date="2020-10-10",
                                     extra="The talks lasted ten hours, a diplomat said."))
    # The quote of the evidence sentence: "agreed" is the cue, the ceasefire is the content.
    doc.quotes = [_quote(doc, "Sergey Lavrov", "to a ceasefire in Moscow on 10 October", cue="agreed"),
                  _quote(doc, "a diplomat", "The talks lasted ten hours", cue="said")]
    later = _with_sentences(_ceasefire(LATER, "c", "digest.example", place="Moscow", date="2020-10-10",
                                       published="2020-10-12"))
    later.quotes = [_quote(later, "Maria Zakharova", "was broken within hours", cue="agreed")]
    return [doc, later]


def test_statements_of_the_evidence_sentence_are_shown_under_the_incident():
    chron = build_chronicle(linked_store(_ceasefire_with_statements()))
    line = next(ln for _, ln in _lines(chron) if ln.incident_id)
    said = [s.text for s in line.statements]
    assert any(t.startswith("Sergey Lavrov") and "ceasefire in Moscow" in t for t in said), said
    assert any(t.startswith("Maria Zakharova") for t in said)
    zakharova = next(s for s in line.statements if s.text.startswith("Maria Zakharova"))
    assert zakharova.note == "stated 12 October 2020" and zakharova.incident_id == line.incident_id
    # A statement in a sentence that is no event's evidence keeps its day line.
    day_lines = [ln for _, ln in _lines(chron) if ln.section == "Statements"]
    assert [ln.text.split(" ", 2)[:2] for ln in day_lines] == [["a", "diplomat"]]
    assert all(not ln.text.startswith(("Sergey", "Maria")) for ln in day_lines)


def test_statements_under_an_incident_render_in_every_format_with_their_citations():
    chron = build_chronicle(linked_store(_ceasefire_with_statements()))
    md = render_markdown(chron)
    sub = [ln for ln in md.splitlines() if ln.startswith("  - ")]
    assert len(sub) == 2 and all("[^" in ln for ln in sub)
    assert sub[1].endswith("_(stated 12 October 2020)_")
    data = json.loads(render_json(chron))
    line = next(ln for d in data["days"] for s in d["sections"] for ln in s["lines"] if ln["incident_id"])
    assert [s["text"][:13] for s in line["statements"]] == ["Sergey Lavrov", "Maria Zakharo"]
    assert all(seg["cites"] for s in line["statements"] for seg in s["segments"])
    page = render_html(chron)
    assert "<ul class=\"said\">" in page and "Maria Zakharova" in page


def test_a_statement_of_a_day_in_range_about_an_incident_outside_keeps_its_day_line():
    chron = build_chronicle(linked_store(_ceasefire_with_statements()), "2020-10-12", "2020-10-12")
    lines = [ln for d in chron.days for ln in d.lines]
    assert [ln.text.split(" ")[0] for ln in lines if ln.section == "Statements"] == ["Maria"]
    assert all(not ln.statements for ln in lines)


def test_every_footnote_gives_the_document_and_the_exact_span():
    docs = _ceasefire_with_statements()
    chron = build_chronicle(linked_store(docs))
    texts = {d.id: d.text for d in docs}
    assert chron.footnotes
    for f in chron.footnotes:
        assert f.doc_id in texts and f.start is not None and f.end is not None
        assert texts[f.doc_id][f.start:f.end] == f.sentence


def test_a_sentence_of_two_incidents_goes_to_the_one_whose_event_tells_the_quote():
    sentence = "Armenia struck Ganja on 11 October, breaking the ceasefire agreed in Moscow, officials said."
    doc = _with_sentences(make_doc(sentence, doc_id="g", published="2020-10-11",
                                   event=dict(place="Ganja", date="2020-10-11", weapon="missile")))
    doc.events.append(make_event(doc, sentence, type="ceasefire", place="Moscow", date="2020-10-11"))
    quote = _quote(doc, "officials", "Armenia struck Ganja on 11 October", cue="said")
    quote.id = "q1"
    doc.quotes = [quote]
    doc.events[0].quotes = ["q1"]  # the events stage: the strike is told in this quote
    chron = build_chronicle(linked_store([doc]))
    lines = {ln.text.split(":")[0]: ln for _, ln in _lines(chron) if ln.incident_id}
    assert set(lines) == {"Missile strike on Ganja", "Ceasefire in Moscow"}
    assert [s.text.split(" ")[0] for s in lines["Missile strike on Ganja"].statements] == ["officials"]
    assert not lines["Ceasefire in Moscow"].statements
    # Without the stage's link the sentence is two incidents' evidence: the statement stays on its day.
    doc.events[0].quotes = []
    chron = build_chronicle(linked_store([doc]))
    assert all(not ln.statements for _, ln in _lines(chron))
    assert [ln.section for _, ln in _lines(chron) if not ln.incident_id] == ["Statements"]
