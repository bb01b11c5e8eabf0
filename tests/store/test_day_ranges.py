"""Which stored date values a chronicle range reads: days inside it, and months and years that start inside it."""
from __future__ import annotations

import sqlite3

import pytest

from newsledger.store.day_ranges import months_and_years, value_in_range


@pytest.mark.parametrize(("first", "last", "coarse"), [
    ("2022-05-01", "2022-05-31", ["2022-05"]),
    ("2022-05-02", "2022-06-01", ["2022-06"]),
    ("2021-12-15", "2022-02-01", ["2022-01", "2022", "2022-02"]),
    ("2021-09-01", "2021-09-31", ["2021-09"]),  # a loose last day still works
    ("2022-05-02", "2022-05-30", []),
])
def test_months_and_years_starting_inside_a_range(first: str, last: str, coarse: list[str]) -> None:
    assert months_and_years(first, last) == coarse


def test_a_range_reads_its_days_and_what_starts_in_it_not_the_year_before() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (v TEXT)")
    values = ["2022-05-01", "2022-05-31T23:00", "2022-05", "2022", "2022-04-30", "2022-06-01", "2022-01", "2021",
              "--05-10", None]
    conn.executemany("INSERT INTO t VALUES (?)", [(v,) for v in values])
    sql, args = value_in_range("v", "2022-05-01", "2022-05-31")
    assert sorted(r[0] for r in conn.execute(f"SELECT v FROM t WHERE {sql}", args)) == ["2022-05", "2022-05-01",
                                                                                       "2022-05-31T23:00"]
    sql, args = value_in_range("v", "2022-01-01", "2022-01-31")
    assert sorted(r[0] for r in conn.execute(f"SELECT v FROM t WHERE {sql}", args)) == ["2022", "2022-01"]
