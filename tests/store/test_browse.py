"""The store as the web reads it: a read-only opening and the document look-ups (newsledger.store.browse)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsledger.errors import SchemaTooNew, StoreError
from newsledger.store import SCHEMA_VERSION, Store
from newsledger.store.browse import document_id_of_input, document_id_of_url, open_read_only
from tests.conftest import make_doc


@pytest.fixture
def db(tmp_path: Path) -> tuple[str, str]:
    """A store holding one document; returns its path and the document's id."""
    path = str(tmp_path / "browse.db")
    doc = make_doc([("Talks in Moscow.", "en", "body")], input_id="in-1", url="https://example.org/a")
    with Store(path) as store:
        store.add_document(doc)
    return path, doc.id


def test_lookups_by_input_id_and_url(db: tuple[str, str]) -> None:
    path, doc_id = db
    with open_read_only(path) as store:
        assert document_id_of_input(store, "in-1") == doc_id
        assert document_id_of_url(store, "https://example.org/a") == doc_id
        assert document_id_of_input(store, "absent") is None and document_id_of_url(store, "https://x.org") is None
        assert store.document("in-1").id == doc_id  # the Store's reads work on a read-only store


def test_read_only_store_refuses_writes_and_changes_nothing(db: tuple[str, str]) -> None:
    path, _ = db
    before = Path(path).read_bytes()
    with open_read_only(path) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.conn.execute("CREATE TABLE extra (x)")
        store.stats()
    assert Path(path).read_bytes() == before


def test_schema_other_than_ours_is_refused(tmp_path: Path) -> None:
    old, new = str(tmp_path / "old.db"), str(tmp_path / "new.db")
    for path, version in ((old, SCHEMA_VERSION - 1), (new, SCHEMA_VERSION + 1)):
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version={version}")
        conn.close()
    with pytest.raises(StoreError, match="older"):
        open_read_only(old)
    with pytest.raises(SchemaTooNew):
        open_read_only(new)
