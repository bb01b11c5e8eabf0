"""Split tables: rows go to the recent part, reads and deletes see both parts, and when the merge runs never changes
what the linker finds."""
from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.store import Store, split_tables
from newsledger.store.split_tables import BANDS
from tests.crossdoc.test_helpers import core_connection, make_doc
from tests.store.ledger_dump import dump_crossdoc

S = "A missile hit Ganja on 11 October: 9 people were killed and 34 injured, officials said."
T = "Shelling of Tartar killed 2 people."


def _count(db, table: str) -> int:
    return int(db.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_settle_merges_only_a_large_enough_recent_part_and_deletes_reach_both_parts(monkeypatch):
    monkeypatch.setattr(split_tables, "MERGE_MIN_ROWS", 3)
    db = core_connection()
    db.conn.executemany("INSERT INTO reprint_bands_recent(band, key, seq) VALUES (?, ?, ?)", [(0, 7, 1), (1, -3, 2)])
    assert not split_tables.settle(db, BANDS)  # 2 rows: below the floor
    db.conn.execute("INSERT INTO reprint_bands_recent(band, key, seq) VALUES (0, 7, 3)")
    assert split_tables.settle(db, BANDS)
    assert (_count(db, "reprint_bands"), _count(db, "reprint_bands_recent")) == (3, 0)
    assert split_tables.main_rows(db, BANDS) == 3
    db.conn.execute("INSERT INTO reprint_bands_recent(band, key, seq) VALUES (0, 7, 4)")
    split_tables.delete(db, BANDS, [(0, 7, 1), (0, 7, 4)])
    rows = db.conn.execute(f"SELECT band, key, seq FROM ({split_tables.union_sql(BANDS)}) ORDER BY seq").fetchall()
    assert [tuple(r) for r in rows] == [(1, -3, 2), (0, 7, 3)]


def _corpus():
    docs = []
    for i in range(30):
        day = f"2020-10-{11 + (i * 7) % 5:02d}"  # out of order: later runs land inside the canonical order
        sentence, place, killed = (S, "Ganja", ("9 people", 9, 9)) if i % 3 else (T, "Tartar", ("2 people", 2, 2))
        # Every fourth page reprints the one before it; the others are pages of their own (their words differ).
        words = " ".join(f"w{(i - (i % 4 == 0)) * 31 + k}" for k in range(12))
        # A site of its own each: a sentence repeated on one site's pages would be its boilerplate.
        docs.append(make_doc(sentence, doc_id=f"d{i:02d}", site=f"s{i}.example", published=day,
                             extra=f"Correspondents wrote {words}.",
                             event=dict(place=place, date=day if i % 5 else None, killed=killed)))
    return docs


@pytest.mark.parametrize("merge_floor", [1, 10**9])
def test_where_rows_sit_never_changes_the_linking(tmp_path: Path, monkeypatch, merge_floor: int):
    """Runs of documents each ended by the incremental relink, merging after every relink or never: the same
    cross-document tables as one full relink."""
    docs = _corpus()
    monkeypatch.setattr(split_tables, "MERGE_MIN_ROWS", merge_floor)
    with Store(str(tmp_path / "runs.db")) as store:
        for start in range(0, len(docs), 6):
            for doc in docs[start:start + 6]:
                store.add_document(doc)
            report = store.relink_if_pending()
            assert report is not None and report.mode == "suffix"
        assert (_count(store, "reprint_bands") > 0) == (merge_floor == 1)
    monkeypatch.setattr(split_tables, "MERGE_MIN_ROWS", 10**9)
    with Store(str(tmp_path / "full.db")) as store:
        for doc in docs:
            store.add_document(doc)
        store.relink()
    assert dump_crossdoc(tmp_path / "runs.db") == dump_crossdoc(tmp_path / "full.db")
    with Store(str(tmp_path / "full.db")) as store:
        assert _count(store, BANDS.recent) > 0
