"""A document and its links are one transaction; the full relink makes the links independent of arrival order."""
from __future__ import annotations

import itertools
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsledger.crossdoc.incidents import incident_id_for
from newsledger.crossdoc.relink import RelinkReport
from newsledger.models import Document
from newsledger.store import MIGRATIONS, Store
from tests.crossdoc.test_helpers import make_doc
from tests.store.ledger_dump import dump_crossdoc

GANJA = "Armenia fired a missile at Ganja, killing 10 civilians and injuring numerous others."
GANJA_2 = "A missile hit Ganja on 11 October: 9 people were killed and 34 injured, officials said."
TARTAR = "Shelling of Tartar killed 2 people."


def corpus() -> list[Document]:
    return [
        make_doc(GANJA, doc_id="b", published="2020-10-12",
                 event=dict(place="Ganja", date="2020-10-11", killed=("10 civilians", 10, 10))),
        make_doc(GANJA_2, doc_id="a", site="caucasus-wire.example", published="2020-10-12",
                 event=dict(place="Ganja", date="2020-10-11", killed=("9 people", 9, 9))),
        make_doc(TARTAR, doc_id="c", published="2020-10-11", event=dict(place="Tartar", date="2020-10-11")),
        make_doc(GANJA_2, doc_id="d", published=None,  # the same article again, undated: a reprint of a
                 event=dict(place="Ganja", date="2020-10-11", killed=("9 people", 9, 9))),
    ]


def stored(path: Path, docs: list[Document]) -> Store:
    store = Store(str(path))
    for doc in docs:
        assert store.add_document(doc)
    return store


def rows(db: Path, sql: str) -> list[Any]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_order_relinks_to_the_same_tables(tmp_path: Path) -> None:
    dumps = []
    for n, order in enumerate(itertools.permutations(corpus())):
        if n % 5:  # 24 orders; five of them are enough
            continue
        path = tmp_path / f"order{n}.db"
        with stored(path, list(order)) as store:
            store.relink()
        dumps.append(dump_crossdoc(path))
    assert all(d == dumps[0] for d in dumps[1:])
    # Representatives are canonical: the earliest published (then lowest id) member, not the first to arrive.
    path = tmp_path / f"order{0}.db"
    assert dict(rows(path, "SELECT id, reprint_of FROM documents"))["d"] == "a"
    incident_of = dict(rows(path, "SELECT doc_id, incident_id FROM incident_events"))
    assert incident_of["a"] == incident_of["b"] == incident_id_for("a", 0)


def test_relink_clears_the_pending_marks_and_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with stored(path, corpus()) as store:
        assert rows(path, "SELECT COUNT(*) FROM relink_pending")[0][0] == 4
        first = store.relink_if_pending()
        assert first is not None and first.documents == 4 and first.failed == 0
        assert store.relink_if_pending() is None
        before = dump_crossdoc(path)
        store.relink()
        assert dump_crossdoc(path) == before


def test_a_linking_error_keeps_the_document_and_records_e045(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import newsledger.crossdoc.relink as relink_module

    real = relink_module.link_document

    def failing(store: Any, doc_id: str, threshold: Any = None) -> Any:
        result = real(store, doc_id, threshold)  # writes links, then fails: the savepoint must undo them
        if doc_id == "c":
            raise RuntimeError("linker bug")
        return result

    monkeypatch.setattr(relink_module, "link_document", failing)
    path = tmp_path / "s.db"
    with stored(path, corpus()) as store:
        assert rows(path, "SELECT COUNT(*) FROM relink_pending")[0][0] == 4  # stored, linked at the end of the run
        report = store.relink_if_pending()
        assert report is not None and report.failed == 1
    assert {r[0] for r in rows(path, "SELECT id FROM documents")} == {"a", "b", "c", "d"}
    assert rows(path, "SELECT COUNT(*) FROM incident_events WHERE doc_id = 'c'")[0][0] == 0
    assert rows(path, "SELECT COUNT(*) FROM reprint_signatures WHERE doc_id = 'c'")[0][0] == 0
    assert rows(path, "SELECT COUNT(*) FROM incident_events WHERE doc_id = 'a'")[0][0] == 1
    assert rows(path, "SELECT code, doc_id FROM failures") == [("E045", "c")]


def test_relink_command(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from newsledger.cli import cli

    path = tmp_path / "s.db"
    with stored(path, corpus()):
        pass
    result = CliRunner().invoke(cli, ["relink", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["documents"] == 4
    assert rows(path, "SELECT COUNT(*) FROM relink_pending")[0][0] == 0
    missing = CliRunner().invoke(cli, ["relink", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and not (tmp_path / "none.db").exists()


def test_compact_command_gives_free_space_back_and_keeps_every_row(tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from newsledger.cli import cli

    path = tmp_path / "s.db"
    with stored(path, corpus()) as store:
        store.relink()
        store.conn.execute("UPDATE documents SET title = NULL")  # rows shrink in place, as after a migration
    before = dump_crossdoc(path)
    result = CliRunner().invoke(cli, ["compact", "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    sizes = json.loads(result.output)
    assert 0 < sizes["bytes_after"] <= sizes["bytes_before"]
    assert dump_crossdoc(path) == before
    assert rows(path, "SELECT COUNT(*) FROM documents")[0][0] == 4


def _more_corpus() -> list[Document]:
    """The corpus and more pages around it: dated before, between and after, and undated."""
    extra = [
        make_doc(TARTAR, doc_id="e", published="2020-10-10", event=dict(place="Tartar", date="2020-10-10")),
        make_doc(GANJA, doc_id="f", published="2020-10-13",
                 event=dict(place="Ganja", date="2020-10-11", killed=("10 civilians", 10, 10))),
        make_doc("Shelling of Tartar killed 2 people on 11 October, officials said.", doc_id="g",
                 published="2020-10-12", event=dict(place="Tartar", date="2020-10-11")),
        make_doc(GANJA_2, doc_id="h", published=None,
                 event=dict(place="Ganja", date="2020-10-11", killed=("9 people", 9, 9))),
        make_doc(TARTAR, doc_id="0", published=None, event=dict(place="Tartar", date="2020-10-11")),
    ]
    return corpus() + extra


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_suffix_relinks_of_a_shuffled_arrival_equal_the_full_relink(tmp_path: Path, seed: int) -> None:
    import random

    docs = _more_corpus()
    random.Random(seed).shuffle(docs)
    path = tmp_path / "incremental.db"
    modes = []
    with Store(str(path)) as store:
        for start in range(0, len(docs), 3):  # runs of three pages, each ending with its relink
            for doc in docs[start:start + 3]:
                assert store.add_document(doc)
            report = store.relink_if_pending()
            assert report is not None
            modes.append(report.mode)
        incremental = dump_crossdoc(path)
        store.relink()
        assert dump_crossdoc(path) == incremental
    assert set(modes) == {"suffix"}
    full = tmp_path / "full.db"
    with stored(full, sorted(docs, key=lambda d: d.id)) as store:
        store.relink()
    assert dump_crossdoc(full) == incremental


def _two_more_relinks(store: Store) -> tuple[RelinkReport, RelinkReport]:
    """Store one more page and relink, then another and relink: the two reports."""
    reports = []
    for doc in (_more_corpus()[-1], _more_corpus()[-2]):
        assert store.add_document(doc)
        report = store.relink_if_pending()
        assert report is not None
        reports.append(report)
    return reports[0], reports[1]


def test_a_store_linked_before_the_undo_log_relinks_in_full_once(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with stored(path, corpus()) as store:
        store.relink()
        store.conn.execute("UPDATE relink_state SET value = 'missing' WHERE name = 'undo_log'")
        first, second = _two_more_relinks(store)
        assert first.mode == "full" and second.mode == "suffix" and second.documents < 5


def test_keys_derived_by_another_release_make_the_next_relink_full(tmp_path: Path) -> None:
    # Block and band rows are deleted by keys recomputed from features and signatures: keys a release derived
    # differently cannot be recomputed, so the file is relinked in full once, then by suffix again.
    path = tmp_path / "keys.db"
    with stored(path, corpus()) as store:
        store.relink()
        store.conn.execute("UPDATE relink_state SET value = '0' WHERE name = 'derived_keys'")
        first, second = _two_more_relinks(store)
        assert first.mode == "full" and second.mode == "suffix"


def test_a_store_linked_by_the_previous_linker_relinks_in_full_once(tmp_path: Path) -> None:
    # Migration 14: the linker changed, so a linked file of schema 13 is relinked in full by its next relink
    # (migration 14 run again on a linked file, as it runs on a file of schema 13).
    path = tmp_path / "linked13.db"
    with stored(path, corpus()) as store:
        store.relink()
    con = sqlite3.connect(path)
    con.executescript(MIGRATIONS[13])
    con.commit()
    con.close()
    with Store(str(path)) as store:
        first, second = _two_more_relinks(store)
        assert first.mode == "full" and second.mode == "suffix"
