"""The chronicle: one line per incident with all sources, cited sentences in footnotes, escaped HTML, years said."""
from __future__ import annotations

import json

from newsledger.crossdoc import build_chronicle, render_html, render_json, render_markdown
from newsledger.models import Quote, Span, Speaker
from tests.crossdoc.test_helpers import linked_store, make_doc

S1 = "Armenia fired a missile at Ganja, killing 10 civilians and injuring numerous others."
S2 = "A missile hit Ganja: 9 people were killed and 34 injured, officials said."


def _two_sources():
    a = make_doc(S1, doc_id="a", site="zefer.az", published="2020-10-15",
                 event=dict(place="Ganja", date="2020-10-11", killed=("10 civilians", 10, 10),
                            injured=("numerous others", None, None), claimant="Rahman Mustafayev", weapon="missile"))
    b = make_doc(S2, doc_id="b", site="caucasus-wire.example", published="2020-10-12",
                 event=dict(place="Ganja", date="2020-10-11", killed=("9 people", 9, 9), injured=("34", 34, 34)))
    return [a, b]


def test_markdown_line_has_all_sources_and_cited_sentences():
    md = render_markdown(build_chronicle(linked_store(_two_sources())))
    assert "## 11 October 2020" in md
    assert "### Fighting and strikes" in md
    line = next(ln for ln in md.splitlines() if ln.startswith("- "))
    assert line.startswith("- Missile strike on Ganja: 10 killed, numerous injured (Rahman Mustafayev via zefer.az)[^1]; "
                           "9 killed, 34 injured (caucasus-wire.example)[^2]")
    assert "disagree" in line
    assert f"[^1]: zefer.az <https://zefer.az/a> (en): “{S1}”" in md
    assert "[^2]: caucasus-wire.example" in md and S2 in md
    assert md.count("Missile strike on Ganja") == 1  # one incident, one line


def test_html_is_escaped_and_self_contained():
    evil = "<script>alert(1)</script> Shelling hit Tartar & killed 2 people."
    doc = make_doc(evil, doc_id="x", site="bad<site>.example",
                   event=dict(place="Tartar", date="2020-10-11", killed=("2 people", 2, 2), type="shelling"))
    page = render_html(build_chronicle(linked_store([doc])))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "bad&lt;site&gt;.example" in page and "&amp; killed" in page
    assert page.startswith("<!DOCTYPE html>") and "http" not in page.split("<body>")[0]


def test_yearless_date_shows_inferred_year_and_says_so():
    doc = make_doc(S1, doc_id="y", published="2020-10-15",
                   event=dict(place="Ganja", date="--10-11", precision="day-month", killed=("10 civilians", 10, 10)))
    chron = build_chronicle(linked_store([doc]))
    assert chron.days[0].label == "11 October (2020)"
    assert "publication date" in (chron.days[0].note or "")


def test_uncertain_dates_have_their_own_group():
    month = make_doc(S2, doc_id="m", event=dict(place="Ganja", date="2020-10", precision="month"))
    bounded = make_doc("Shelling of Tartar killed 2 people.", doc_id="n", site="zefer.az",
                       event=dict(place="Tartar", date=None, precision="unknown", not_before="2020-10-10", not_after="2020-10-15"))
    chron = build_chronicle(linked_store([month, bounded]))
    # Uncertain dates are grouped by what is known of them, after the dated days.
    assert [d.label for d in chron.days] == ["Date uncertain: October 2020 (known only to the month)",
                                             "Date uncertain: between 10 October 2020 and 15 October 2020"]


def test_statements_one_line_per_speaker_with_citations_and_json():
    text = "Mustafayev said the talks must go on. He stressed the attack violates the Geneva Conventions."
    doc = make_doc(text, doc_id="q", site="zefer.az")
    speaker = Speaker("Rahman Mustafayev", "Rahman Mustafayev", "Azerbaijan's Ambassador to France", True)
    said, stressed = text.index("said"), text.index("stressed")
    doc.quotes = [
        Quote("indirect", speaker, Span(0, 10, text[:10]), Span(said, said + 4, "said"),
              Span(said + 5, text.index("."), text[said + 5:text.index(".")]), lang="en"),
        Quote("indirect", speaker, Span(text.index("He"), text.index("He") + 2, "He"), Span(stressed, stressed + 8, "stressed"),
              Span(stressed + 9, len(text) - 1, text[stressed + 9:-1]), lang="en"),
    ]
    chron = build_chronicle(linked_store([doc]))
    lines = [ln for d in chron.days for ln in d.lines if ln.section == "Statements"]
    assert len(lines) == 1
    assert lines[0].text.startswith("Rahman Mustafayev (Azerbaijan's Ambassador to France) said: “the talks must go on”; stressed:")
    data = json.loads(render_json(chron))
    assert data["days"][0]["sections"][0]["section"] == "Statements"
    assert len(data["footnotes"]) == 2


def test_date_range_filters_days():
    conn = linked_store(_two_sources())
    assert build_chronicle(conn, date_from="2020-10-12").days == []
    assert len(build_chronicle(conn, date_from="2020-10-11", date_to="2020-10-11").days) == 1
