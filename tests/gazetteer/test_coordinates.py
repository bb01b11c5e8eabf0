"""Coordinates for the map: GeoNames first, newsledger's own table for what it lacks."""
from __future__ import annotations

import pytest

from newsledger.gazetteer.coordinates import coordinates


def test_a_city_comes_from_geonames_by_name_or_alternate_name() -> None:
    ganja = coordinates("Ganja")
    assert ganja is not None and ganja == pytest.approx((40.68, 46.36), abs=0.05)
    assert coordinates("gəncə") == ganja  # an alternate name, any case


def test_what_geonames_lacks_comes_from_the_table() -> None:
    stepanakert = coordinates("Stepanakert")  # under 15,000 people in GeoNames' list
    assert stepanakert is not None and stepanakert == pytest.approx((39.82, 46.75), abs=0.1)
    assert coordinates("Azerbaijan") is not None  # a country: only the table has it


def test_unknown_places_have_no_coordinates() -> None:
    assert coordinates("Nowhere-in-particular") is None
    assert coordinates("") is None and coordinates(None) is None
