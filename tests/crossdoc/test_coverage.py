"""Coverage: documents per site per day, languages, failures read defensively, silent gaps."""
from __future__ import annotations

from collections import Counter

from newsledger.crossdoc import coverage, render_coverage, silent_gaps
from tests.crossdoc.test_helpers import core_connection, make_doc, store_doc


def test_silent_gaps_only_for_sites_that_usually_publish():
    busy = Counter({f"2020-10-{d:02d}": 1 for d in (1, 2, 3, 5, 6, 7)})
    rare = Counter({"2020-10-01": 3, "2020-10-20": 3})
    assert silent_gaps({"busy": busy, "rare": rare}) == {"busy": ["2020-10-04"]}


def test_coverage_counts_and_survives_missing_failures_table():
    conn = core_connection()
    for i, day in enumerate((1, 2, 3, 5, 6, 7)):
        store_doc(conn, make_doc("Text.", doc_id=f"d{i}", site="zefer.az", published=f"2020-10-{day:02d}"), i)
    store_doc(conn, make_doc("Mətn.", doc_id="az", site="other.az", published=None, lang="az"), 9)
    data = coverage(conn)
    assert data["documents"] == 7 and data["failures"]["total"] == 0
    assert data["sites"]["zefer.az"]["per_day"]["2020-10-05"] == 1
    assert data["sites"]["other.az"]["undated"] == 1
    assert data["languages"] == {"en": 6, "az": 1}
    assert data["silent_gaps"] == {"zefer.az": ["2020-10-04"]}
    conn.conn.execute("INSERT INTO failures(input_id, code, message, stage) VALUES ('x', 'E011', 'empty', 'extract')")
    assert coverage(conn)["failures"] == {"total": 1, "by_code": {"E011": 1}}
    assert "silent gaps" in render_coverage(coverage(conn))
