"""What the routes depend on: the request's store and checked query parameters (FastAPI dependencies)."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Iterator, Optional

from fastapi import Depends, Query, Request

from newsledger.errors import UsageError
from newsledger.store import Store
from newsledger.store.browse import open_read_only

MAX_LIMIT = 500
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def get_store(request: Request) -> Iterator[Store]:
    """The store of the app, opened read-only for one request and closed after it."""
    store = open_read_only(request.app.state.db_path)
    try:
        yield store
    finally:
        store.close()


#: A route parameter that receives the request's read-only store.
StoreDep = Annotated[Store, Depends(get_store)]


def iso_day(value: Optional[str], name: str) -> Optional[str]:
    """A ``from``/``to`` parameter: an ISO day (2020-10-15) or nothing; anything else is a usage error."""
    if value is None or value == "":
        return None
    try:
        if not _ISO_DAY.match(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"bad date for {name!r}: {value!r}; use an ISO day such as 2020-10-15", input_id=value) from None
    return value


def bounded_limit(value: int) -> int:
    """A ``limit`` parameter between 1 and :data:`MAX_LIMIT`."""
    if not 1 <= value <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {value}")
    return value


def day_range(date_from: Annotated[Optional[str], Query(alias="from")] = None,
              date_to: Annotated[Optional[str], Query(alias="to")] = None) -> tuple[Optional[str], Optional[str]]:
    """The ``from`` and ``to`` query parameters (``from`` is a Python keyword): two ISO days in order, or None."""
    first, last = iso_day(date_from, "from"), iso_day(date_to, "to")
    if first and last and first > last:
        raise UsageError(f"'from' ({first}) is after 'to' ({last}): swap them")
    return first, last


#: A route parameter that receives the checked ``from``/``to`` days.
DayRange = Annotated[tuple[Optional[str], Optional[str]], Depends(day_range)]
