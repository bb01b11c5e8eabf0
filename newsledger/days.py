"""ISO days as users give them (CLI ``--from``/``--to``, web ``from``/``to``): one validator for both.

A day is ``YYYY-MM-DD`` and a real calendar day; anything else (``yesterday``, ``2020-13-01``,
``2020-02-31``) is a :class:`~newsledger.errors.UsageError`, never an empty answer.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from newsledger.errors import UsageError

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_day(value: Optional[str], name: str) -> Optional[str]:
    """``value`` if it is an ISO day (2020-10-15), None if empty; anything else is a usage error naming ``name``."""
    if value is None or value == "":
        return None
    try:
        if not _ISO_DAY.match(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"bad date for {name!r}: {value!r}; use an ISO day such as 2020-10-15", input_id=value) from None
    return value


def day_range(first: Optional[str], last: Optional[str],
              names: tuple[str, str] = ("from", "to")) -> tuple[Optional[str], Optional[str]]:
    """Two checked ISO days in order (either may be None); ``names`` are how the user wrote them."""
    first, last = iso_day(first, names[0]), iso_day(last, names[1])
    if first and last and first > last:
        raise UsageError(f"{names[0]!r} ({first}) is after {names[1]!r} ({last}): swap them")
    return first, last
