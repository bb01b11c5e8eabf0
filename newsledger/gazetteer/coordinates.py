"""Coordinates of named places (latitude, longitude), by the gazetteer's canonical name.

Read from ``data/place_coordinates.tsv`` (approximate centres, written for newsledger); used
to put incidents on the web map. A place without a row has no coordinates (``None``).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

COORDINATES_FILE = Path(__file__).resolve().parent.parent / "data" / "place_coordinates.tsv"


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
    return _table().get(place.strip().casefold())
