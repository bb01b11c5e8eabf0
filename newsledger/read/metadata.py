"""What is known of a page besides its text: :class:`Metadata` (given by the user, or a page's own: a
JSONL record's fields, a WARC URI, a front-matter block), the site of a URL, and publication dates the
user gives, checked against the calendar (E021)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Optional
from urllib.parse import urlparse

from newsledger.errors import BadDate
from newsledger.models import Published

_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DAY_MONTH = re.compile(r"^--(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class Metadata:
    """Metadata the user gives (``--url``, ``--site``, ``--title``, ``--published``).

    It is the metadata of plain text, and fills what an HTML page leaves unsaid.
    ``published`` is ``2020-10-15`` (day), ``2020-10`` (month) or ``2020`` (year).
    """

    url: Optional[str] = None
    site: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = None


def site_of(url: Optional[str]) -> Optional[str]:
    """Host of ``url`` in lower case without ``www.`` (``https://www.bbc.co.uk/x`` -> ``bbc.co.uk``)."""
    if not url:
        return None
    try:
        host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:
        return None
    host = host.lower()
    return (host[4:] if host.startswith("www.") else host) or None


def parse_published(value: Optional[str]) -> Optional[Published]:
    """A user-given date with its precision: ``2020-10-15`` day, ``2020-10`` month, ``2020`` year,
    ``--10-15`` day and month. A full timestamp keeps its day; None for no value.

    Anything else, or a date that does not exist (``2020-02-31``, ``2020-13``, ``--02-30``), raises
    :class:`~newsledger.errors.BadDate` (E021): never guessed, never stored as if it were a date.
    """
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    match = _PUBLISHED.match(value)
    if match:
        year, month, day = match.groups()
        try:
            date(int(year), int(month or 1), int(day or 1))  # a real calendar day (leap years included)
            if len(value) > 10:  # a timestamp: its time of day must be real too
                datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T", 1))
        except ValueError:
            raise BadDate(f"{value!r} is not a real date: use 2020-10-15, 2020-10 or 2020") from None
        if day:
            return Published(f"{year}-{month}-{day}", "day", "metadata")
        if month:
            return Published(f"{year}-{month}", "month", "metadata")
        return Published(year, "year", "metadata")
    match = _DAY_MONTH.match(value)
    if match:
        try:
            date(2000, int(match.group(1)), int(match.group(2)))  # a leap year: --02-29 is a day
        except ValueError:
            raise BadDate(f"{value!r} is not a real day of the year: use --10-15 (month, day)") from None
        return Published(value, "day-month", "metadata")
    raise BadDate(f"{value!r} is not a date: use 2020-10-15, 2020-10, 2020 or --10-15")


__all__ = ["Metadata", "site_of", "parse_published"]
