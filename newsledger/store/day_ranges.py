"""SQL for "a stored date value that can fall between two ISO days", read through an index.

A stored value is an ISO day (perhaps a timestamp), a month (``2020-10``), a year (``2020``) or a
yearless day (``--10-15``, handled by the callers). The chronicle puts a month or a year on its first
day (``~2020-10-01``), so the values that can land in ``[first, last]`` are the days between them, and the
months and years whose first day is between them: never "everything since the first day of the year",
which a year-prefix bound (``BETWEEN '2020' AND ...``) would read.
"""
from __future__ import annotations


def months_and_years(first: str, last: str) -> list[str]:
    """``YYYY-MM`` and ``YYYY`` values whose first day lies between two ISO days (inclusive, compared as text,
    so a loose bound such as ``2021-09-31`` still works)."""
    lo, hi = first[:10], last[:10]
    out: list[str] = []
    year, month = int(lo[:4]), int(lo[5:7])
    while f"{year:04d}-{month:02d}-01" <= hi:
        if f"{year:04d}-{month:02d}-01" >= lo:
            out.append(f"{year:04d}-{month:02d}")
            if month == 1:
                out.append(f"{year:04d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def value_in_range(column: str, first: str, last: str) -> tuple[str, list[str]]:
    """(SQL, arguments): ``column`` holds a day, month or year value whose chronicle day is between the two days."""
    coarse = months_and_years(first, last)
    sql = f"{column} BETWEEN ? AND ?"
    if coarse:
        sql = f"({sql} OR {column} IN ({','.join('?' * len(coarse))}))"
    return sql, [first[:10], last[:10] + "\uffff", *coarse]


def yearless(column: str) -> str:
    """SQL: ``column`` holds a yearless value (``--10-15``), as a range an index can read (not ``LIKE '--%'``)."""
    return f"{column} BETWEEN '--' AND '--\uffff'"
