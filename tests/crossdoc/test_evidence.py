"""The incident scorer: places at several levels, dates by precision, figures as evidence, tallies and ceasefires."""
from __future__ import annotations

from dataclasses import replace

from newsledger.crossdoc import link_documents
from newsledger.crossdoc.evidence import (
    LINK_THRESHOLD,
    Evidence,
    date_points,
    distance_km,
    figure_points,
    link_score,
    place_points,
)
from newsledger.crossdoc.windows import window_of
from newsledger.models import EventDate
from tests.crossdoc.test_helpers import make_doc

DAY = window_of(EventDate("2020-10-17", "day"))
NO_DATE = window_of(None)


def _ev(place=None, area=(), window=DAY, killed=None, injured=None) -> Evidence:
    return Evidence(place, tuple(area), window, killed, injured)


def test_distance_between_ganja_and_barda_is_about_seventy_km():
    assert 60 < distance_km((40.68, 46.36), (40.38, 47.13)) < 80


def test_places_same_related_far_and_unknown():
    assert place_points(_ev("Ganja"), _ev("Ganja")) == 3.0
    assert place_points(_ev("Ganja"), _ev("Barda")) is None  # both known, far apart: another scene
    # A quarter the gazetteer does not know, named in a report on its city: one scene.
    assert place_points(_ev("South Side", area=("South Side", "Chicago")), _ev("Chicago")) == 2.0
    # Two unknown names with nothing in common cost a point, they do not veto.
    assert place_points(_ev("Elm Street"), _ev("Oak Avenue")) == -1.0
    assert place_points(_ev(None, area=("Ganja",)), _ev("Ganja")) == 1.0


def test_dates_by_precision():
    other_day = window_of(EventDate("2020-10-11", "day"))
    assert date_points(DAY, DAY) == 2.0
    assert date_points(DAY, other_day) is None
    assert date_points(DAY, NO_DATE) == -1.0  # a city is struck many times: no date is no help
    undated_report = window_of(None, "2020-10-17")
    assert undated_report.approximate and date_points(DAY, undated_report) == 0.5


def test_figures_same_close_far():
    assert figure_points((12, 12), (12, 12)) == 1.0
    assert figure_points((10, 10), (9, 9)) == 0.5  # sources differ: still one strike
    assert figure_points((12, 12), (2, 2)) == -1.5
    assert figure_points(None, (2, 2)) == 0.0


def test_same_place_without_any_date_needs_a_matching_figure():
    assert link_score(_ev("Ganja", window=NO_DATE), _ev("Ganja")) < LINK_THRESHOLD
    assert link_score(_ev("Ganja", window=NO_DATE, killed=(12, 12)), _ev("Ganja", killed=(12, 12))) >= LINK_THRESHOLD


def test_a_ceasefire_is_defined_by_its_day_not_by_the_place_each_report_names():
    moscow, karabakh = _ev("Moscow"), _ev("Nagorno-Karabakh")
    assert link_score(moscow, karabakh) is None
    assert link_score(moscow, karabakh, "ceasefire") >= LINK_THRESHOLD


S = "Armenia fired a missile at Ganja, killing 12 civilians."


def test_running_tally_never_joins_a_strike():
    strike = make_doc(S, doc_id="s", event=dict(place="Ganja", date="2020-10-17", killed=("12 civilians", 12, 12)))
    tally = make_doc(S, doc_id="t", event=dict(place="Ganja", date="2020-10-17", killed=("12 civilians", 12, 12)))
    fig = tally.events[0].killed
    assert fig is not None
    tally.events[0] = replace(tally.events[0], killed=replace(fig, note="running total"))
    ids = link_documents([strike, tally])
    assert ids[("s", 0)] != ids[("t", 0)]


def test_an_undated_report_does_not_chain_two_strikes_on_one_city():
    first = make_doc(S, doc_id="d11", event=dict(place="Ganja", date="2020-10-11", killed=("12 civilians", 9, 9)))
    again = make_doc(S, doc_id="d11b", event=dict(place="Ganja", date="2020-10-11", killed=("12 civilians", 9, 9)))
    later = make_doc(S, doc_id="d17", event=dict(place="Ganja", date="2020-10-17", killed=("12 civilians", 12, 12)))
    # Undated, published on the 17th: its window (the week before) holds both days.
    undated = make_doc(S, doc_id="u", published="2020-10-17", event=dict(place="Ganja", killed=("12 civilians", 10, 10)))
    ids = link_documents([first, again, undated, later])
    assert ids[("d11", 0)] == ids[("d11b", 0)]
    assert ids[("d17", 0)] != ids[("d11", 0)]


def test_tallies_are_listed_per_claimant_and_as_of_day():
    from newsledger.crossdoc import link_document
    from newsledger.crossdoc.tallies import tallies
    from tests.crossdoc.test_helpers import core_connection, store_doc

    sentence = "Since 27 September, 69 civilians have been killed in Ganja, the prosecutor said."
    doc = make_doc(sentence, doc_id="tl", published="2020-10-20", event=dict(place="Ganja", killed=("69 civilians", 69, 69)))
    fig = doc.events[0].killed
    assert fig is not None
    doc.events[0] = replace(doc.events[0], killed=replace(fig, note="running total"))
    strike = make_doc(S, doc_id="st", event=dict(place="Ganja", date="2020-10-17", killed=("12 civilians", 12, 12)))
    conn = core_connection()
    for seq, d in enumerate((doc, strike)):
        store_doc(conn, d, seq)
        link_document(conn, d.id)
    rows = tallies(conn)
    assert [(r["place"], r["as_of"], r["killed"]["low"]) for r in rows] == [("Ganja", "2020-10-20", 69)]


def test_a_yearless_bound_later_than_the_report_is_last_year_s() -> None:
    from datetime import date

    from newsledger.crossdoc.windows import window_of

    # "on or before 11 October" in a page of April 2021 tells of October 2020: a report tells of the past.
    spring = window_of({"value": None, "not_after": "--10-11"}, "2021-04-20")
    assert spring.hi() == date(2020, 10, 11).toordinal()
    autumn = window_of({"value": None, "not_after": "--10-11"}, "2021-10-20")
    assert autumn.hi() == date(2021, 10, 11).toordinal()
