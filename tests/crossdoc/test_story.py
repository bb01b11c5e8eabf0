"""One report, one story: an undated mention follows the incident its report's dated event shares with others."""
from __future__ import annotations

from newsledger.crossdoc import link_documents
from newsledger.crossdoc.places import title_places
from newsledger.models import Document
from tests.crossdoc.test_helpers import make_doc, make_event

FIRST = "A man was shot dead in Tacoma on May 11."
LATER = "Court records show the man was shot in Tacoma on May 11."
CHARGED = "A teen was charged in Tacoma with the killing."


def _report(doc_id: str, published: str, dated_date: str = "2015-05-11") -> Document:
    """A follow-up: a dated sentence about the shooting, then an undated one bounded only by the publication."""
    doc = make_doc(LATER, doc_id=doc_id, published=published, extra=CHARGED,
                   event=dict(place="Tacoma", date=dated_date, killed=("shot", 1, 1)))
    undated = make_event(doc, CHARGED, place="Tacoma", date=None, precision="unknown", not_after=published)
    start = len(LATER) + 2
    undated.span.start, undated.span.end = start, start + len(CHARGED)
    if undated.place is not None:
        undated.place.start, undated.place.end = start + CHARGED.index("Tacoma"), start + CHARGED.index("Tacoma") + 6
    doc.events.append(undated)
    return doc


def _first() -> Document:
    return make_doc(FIRST, doc_id="first", published="2015-05-11",
                    event=dict(place="Tacoma", date="2015-05-11", killed=("shot dead", 1, 1)))


def test_an_undated_mention_follows_the_dated_event_of_its_report_into_the_shared_incident():
    got = link_documents([_first(), _report("later", "2015-05-30")])
    assert got[("later", 0)] == got[("first", 0)]
    assert got[("later", 1)] == got[("first", 0)]  # its own week (23-30 May) could not meet 11 May


def test_without_another_report_the_undated_mention_is_not_moved():
    got = link_documents([_report("later", "2015-05-30")])
    assert got[("later", 1)] != got[("later", 0)]


def test_a_dated_event_never_follows_the_story():
    # The report dates its second event itself (29 May): another event, even at the same place.
    doc = _report("later", "2015-05-30")
    doc.events[1].date.value, doc.events[1].date.precision = "2015-05-29", "day"
    got = link_documents([_first(), doc])
    assert got[("later", 0)] == got[("first", 0)]
    assert got[("later", 1)] != got[("first", 0)]


def test_a_headline_names_the_place_when_the_page_does_not():
    assert title_places("Teen Killed, Another Wounded in St. Paul Shooting", "The victim died.") == ["St. Paul"]
    assert title_places("Man shot dead in Memphis", "Police in Memphis said a man was shot.") == ["Memphis"]
    # "Man" is a town somewhere, and the page writes "man": a headline's capital is not a place.
    assert title_places("Man shot dead", "Police said a man was shot.") == []
