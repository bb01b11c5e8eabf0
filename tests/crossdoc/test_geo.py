"""Place names with several readings: a shared name never vetoes, a dwarfing city is what its name means."""
from __future__ import annotations

from newsledger.crossdoc.evidence import Evidence, place_points
from newsledger.crossdoc.geo import ambiguous, may_meet, readings
from newsledger.crossdoc.windows import window_of
from newsledger.models import EventDate

DAY = window_of(EventDate("2015-03-31", "day"))


def test_a_name_of_several_cities_has_several_readings_and_is_ambiguous():
    assert len(readings("Madison")) > 1
    assert ambiguous("Madison") and ambiguous("Dover")


def test_a_city_that_dwarfs_its_namesakes_is_what_its_name_means():
    assert len(readings("Moscow")) > 1  # Moscow, Idaho
    assert not ambiguous("Moscow")
    assert not ambiguous("Ganja")


def test_two_known_places_meet_when_some_readings_are_near_and_veto_only_when_unambiguous():
    assert may_meet("Tarpon Springs", "Clearwater", 30.0) is True
    assert may_meet("Ganja", "Barda", 30.0) is False
    assert may_meet("Madison", "Nashville", 30.0) is None  # a Madison might be anywhere: no veto
    assert may_meet("Nowhere Town", "Ganja", 30.0) is None
    assert readings("Nowhere Town") == ()


def test_a_shared_name_costs_a_point_but_does_not_veto_the_pair():
    madison, nashville = Evidence("Madison", (), DAY), Evidence("Nashville", (), DAY)
    assert place_points(madison, nashville) is not None
    assert place_points(Evidence("Ganja", (), DAY), Evidence("Barda", (), DAY)) is None


def test_a_state_holds_its_cities_and_never_vetoes_a_city_elsewhere():
    assert may_meet("Fla", "Pembroke Pines", 30.0) is True  # "PEMBROKE PINES, Fla.": the state's abbreviation
    assert may_meet("Pa.", "Lebanon", 30.0) is True  # Lebanon, Pennsylvania is one of the name's readings
    assert may_meet("Ohio", "Columbus", 30.0) is True
    assert may_meet("Fla", "Cleveland", 30.0) is None  # a region is no point: no distance veto
    pines, florida = Evidence("Pembroke Pines", (), DAY), Evidence("Fla", (), DAY)
    assert place_points(pines, florida) == place_points(florida, pines) is not None
