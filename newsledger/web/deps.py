"""What the routes depend on: the request's store and checked query parameters (FastAPI dependencies)."""
from __future__ import annotations

from typing import Annotated, Iterator, Optional

from fastapi import Depends, Query, Request

from newsledger.days import day_range as checked_day_range
from newsledger.errors import UsageError
from newsledger.store import Store
from newsledger.store.browse import open_read_only
from newsledger.store.search import time_budget

MAX_LIMIT = 500
#: Seconds of SQLite work one web request may use (a backstop for every route; searches stop sooner).
REQUEST_SECONDS = 10.0


def get_store(request: Request) -> Iterator[Store]:
    """The store of the app, opened read-only for one request and closed after it.

    SQLite stops the request's statements after :data:`REQUEST_SECONDS` (a coded 503, E047), so
    no request holds a worker longer; searches have their own, shorter budget inside this one.
    """
    store = open_read_only(request.app.state.db_path)
    try:
        with time_budget(store, REQUEST_SECONDS, what="the request"):
            yield store
    finally:
        store.close()


#: A route parameter that receives the request's read-only store.
StoreDep = Annotated[Store, Depends(get_store)]


def bounded_limit(value: int) -> int:
    """A ``limit`` parameter between 1 and :data:`MAX_LIMIT`."""
    if not 1 <= value <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {value}")
    return value


def day_range(date_from: Annotated[Optional[str], Query(alias="from")] = None,
              date_to: Annotated[Optional[str], Query(alias="to")] = None) -> tuple[Optional[str], Optional[str]]:
    """The ``from`` and ``to`` query parameters (``from`` is a Python keyword): two ISO days in order, or None."""
    return checked_day_range(date_from, date_to, ("from", "to"))  # one rule for the web and the CLI


#: A route parameter that receives the checked ``from``/``to`` days.
DayRange = Annotated[tuple[Optional[str], Optional[str]], Depends(day_range)]
