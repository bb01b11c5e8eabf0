"""JSON columns are stored deflated; values written before (TEXT) still read back."""
from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsledger.models import Event, Sentence, Span
from newsledger.store import Store
from newsledger.store.codec import VERSION_1, load, pack, pack_json, unpack
from tests.conftest import make_doc


@given(st.text())
def test_pack_then_unpack_gives_the_text_back(text: str) -> None:
    assert unpack(pack(text)) == text


def test_text_written_before_compression_reads_as_it_is() -> None:
    assert unpack('{"a": 1}') == '{"a": 1}'
    assert unpack(None) is None
    assert load('{"a": [1, "ə"]}') == {"a": [1, "ə"]}
    assert load(pack_json({"a": [1, "ə"]})) == {"a": [1, "ə"]}


def test_an_unknown_version_byte_is_an_error_not_garbage() -> None:
    blob = pack("{}")
    assert blob[0] == VERSION_1
    with pytest.raises(ValueError, match="version byte"):
        unpack(bytes((VERSION_1 + 1,)) + blob[1:])


def test_an_event_row_is_much_smaller_packed() -> None:
    event = json.dumps({"type": "attack", "subtype": None, "span": {"start": 0, "end": 40, "text": "x" * 10},
                        "actor": None, "target": None, "place": {"name": "Ganja", "start": 1, "end": 6, "text": "Ganja",
                                                                  "canonical": "Ganja", "note": None}})
    assert len(pack(event)) < len(event.encode()) * 0.7


def _stored_doc(store: Store) -> str:
    doc = make_doc([("Ganja was shelled on 17 October, officials said.", "en", "body")])
    doc.sentences.append(Sentence(start=0, end=len(doc.text), text=doc.text, paragraph=0, lang="en"))
    doc.events.append(Event(type="attack", subtype=None, span=Span(0, 18, doc.text[0:18])))
    store.add_document(doc)
    return doc.id


def test_a_document_whose_columns_hold_old_text_json_reads_the_same(tmp_path) -> None:
    with Store(str(tmp_path / "s.db")) as store:
        doc_id = _stored_doc(store)
        before = store.document(doc_id).to_dict()
        # What a schema-6 file holds: the same JSON as TEXT.
        for table, where in (("documents", "id = ?"), ("events", "doc_id = ?"), ("quotes", "doc_id = ?")):
            rows = store.conn.execute(f"SELECT rowid, data FROM {table} WHERE {where}", (doc_id,)).fetchall()
            for rowid, blob in rows:
                assert isinstance(blob, bytes)
                store.conn.execute(f"UPDATE {table} SET data = ? WHERE rowid = ?", (unpack(blob), rowid))
        store.conn.commit()
        assert store.document(doc_id).to_dict() == before
        assert [r["text"] for r in store.rows("sentences")] == [before["sentences"][0]["text"]]
