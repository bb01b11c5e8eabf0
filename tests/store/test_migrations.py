"""Schema 2 holds the cross-document tables: a fresh file gets them from migrations, a version-1 file upgrades in place."""
from __future__ import annotations

import json
import sqlite3

from newsledger.store import SCHEMA_VERSION, Store
from newsledger.store.migrations import MIGRATIONS, split_sql

CROSSDOC_TABLES = {"reprint_signatures", "reprint_bands", "incidents", "incident_events", "incident_blocks",
                   "incident_places", "incident_days", "name_variants"}


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_fresh_store_has_every_table_from_migrations(tmp_path):
    with Store(str(tmp_path / "fresh.db")) as store:
        assert CROSSDOC_TABLES <= _tables(store.conn)
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


def test_version_1_file_with_lazily_created_tables_upgrades_in_place(tmp_path):
    path = str(tmp_path / "old.db")
    conn = sqlite3.connect(path)
    for statement in split_sql(MIGRATIONS[0]):
        conn.execute(statement)
    # What crossdoc used to create on first use (one of its tables, with a row that must survive).
    conn.execute("CREATE TABLE name_variants (canonical TEXT NOT NULL, variant TEXT NOT NULL, lang TEXT NOT NULL DEFAULT 'und',"
                 " count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (canonical, variant, lang))")
    conn.execute("INSERT INTO name_variants VALUES ('Ganja', 'Gəncə', 'az', 3)")
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert CROSSDOC_TABLES <= _tables(store.conn)
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.conn.execute("SELECT count FROM name_variants").fetchone()[0] == 3


def test_version_7_file_gets_the_summary_columns_from_its_json(tmp_path):
    """Migration 8 reads each stored event's and quote's JSON (deflated or plain) into the columns summaries read."""
    from newsledger.store.codec import pack_json

    path = str(tmp_path / "v7.db")
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:7]:
        for statement in split_sql(script):
            conn.execute(statement)
    event = {"type": "attack", "date": {"value": None, "basis": "bounded", "not_after": "2020-10-11"},
             "killed": {"low": None, "high": None, "text": "onlarla", "label": "dozens"}, "injured": {"low": 3, "high": 3}}
    conn.execute("INSERT INTO events(doc_id, idx, data) VALUES ('d1', 0, ?)", (pack_json(event),))
    conn.execute("INSERT INTO events(doc_id, idx, data) VALUES ('d1', 1, ?)", ('{"type": "attack"}',))
    conn.execute("INSERT INTO events(doc_id, idx, data) VALUES ('d1', 2, ?)", ("not json",))
    conn.execute("INSERT INTO quotes(doc_id, idx, data) VALUES ('d1', 0, ?)", (pack_json({"id": "q1"}),))
    conn.execute("PRAGMA user_version=7")
    conn.commit()
    conn.close()
    with Store(path) as store:
        rows = store.conn.execute("SELECT date_basis, killed_vague, injured_vague FROM events ORDER BY idx").fetchall()
        assert [tuple(r) for r in rows] == [("bounded", "dozens (onlarla)", None), (None, None, None), (None, None, None)]
        assert store.conn.execute("SELECT quote_id FROM quotes").fetchone()[0] == "q1"


def test_version_12_file_keeps_its_documents_whole_without_the_copies_of_their_text(tmp_path):
    """Migration 13 rewrites each document's data without its text and the span texts that are its slices; the
    document reads back the same, a span whose text is not its slice keeps it, an unreadable value stays."""
    from newsledger.models import Document, Paragraph
    from newsledger.store.codec import load, pack_json

    text = "Ganja was struck.\n\nNine people were killed."
    doc = Document(id="d1", input_id="d1.txt", text=text)
    doc.paragraphs = [Paragraph(0, 17, text[0:17], lang="en"), Paragraph(19, 44, text[19:44], lang="en")]
    fat = doc.to_dict()
    fat.pop("events")
    fat["paragraphs"][1]["text"] = "Nine people were killed"  # not its slice (as a hand-edited file might hold)
    path = str(tmp_path / "v12.db")
    conn = sqlite3.connect(path)
    conn.create_function("nl_event_fact", 2, lambda data, what: None)  # migration 8's, on no rows here
    for script in MIGRATIONS[:12]:
        for statement in split_sql(script):
            conn.execute(statement)
    conn.execute("INSERT INTO documents(id, input_id, text, data) VALUES ('d1', 'd1.txt', ?, ?)", (text, pack_json(fat)))
    conn.execute("INSERT INTO documents(id, input_id, text, data) VALUES ('d2', 'd2.txt', 'x', 'not json')")
    conn.execute("PRAGMA user_version=12")
    conn.commit()
    conn.close()
    with Store(path) as store:
        slim = load(store.conn.execute("SELECT data FROM documents WHERE id = 'd1'").fetchone()[0])
        assert "text" not in slim and "text" not in slim["paragraphs"][0]
        assert slim["paragraphs"][1]["text"] == "Nine people were killed"
        read = store.document("d1")
        assert read is not None and read.text == text
        assert [p.text for p in read.paragraphs] == [text[0:17], "Nine people were killed"]
        assert store.conn.execute("SELECT data FROM documents WHERE id = 'd2'").fetchone()[0] == "not json"
        assert Document.from_dict(read.to_dict()) == read


def test_version_14_file_keeps_one_copy_of_each_item_and_reads_the_same(tmp_path):
    """Migration 15: quotes leave the document's data (read back from their table, with their sentence's bounds),
    paragraphs lose their copied text (searched and exported from the document's), events lose their incident column,
    the undo log and entities keep their rows."""
    from newsledger.models import Document, Paragraph, Quote, Sentence, Span, Speaker
    from newsledger.store.codec import load, pack_json

    text = "Ganja was struck.\n\nHe said: the city was shelled overnight."
    doc = Document(id="d1", input_id="d1.txt", text=text)
    doc.paragraphs = [Paragraph(0, 17, text[0:17], lang="en"), Paragraph(19, 59, text[19:59], lang="en")]
    doc.sentences = [Sentence(0, 17, text[0:17], 0, "en"), Sentence(19, 59, text[19:59], 1, "en")]
    doc.quotes = [Quote(kind="reported", speaker=Speaker("He"), speaker_span=Span(19, 21, text[19:21]), cue=Span(22, 26, text[22:26]),
                        content=Span(28, 58, text[28:58]), lang="en", id="q1")]
    fat = doc.to_dict()
    fat.pop("events")
    path = str(tmp_path / "v14.db")
    conn = sqlite3.connect(path)
    conn.create_function("nl_event_fact", 2, lambda data, what: None)  # earlier migrations' helpers, on no rows here
    conn.create_function("nl_slim_document", 2, lambda data, text: data)
    for script in MIGRATIONS[:14]:
        for statement in split_sql(script):
            conn.execute(statement)
    conn.execute("INSERT INTO documents(id, input_id, text, data) VALUES ('d1', 'd1.txt', ?, ?)", (text, pack_json(fat)))
    for i, p in enumerate(doc.paragraphs):
        conn.execute('INSERT INTO paragraphs(doc_id, idx, start, "end", text, lang, kind) VALUES (?, ?, ?, ?, ?, ?, ?)',
                     ("d1", i, p.start, p.end, p.text, "en", "body"))
    conn.execute("INSERT INTO quotes(doc_id, idx, kind, speaker_name, speaker_resolved, cue, content_start, content_end,"
                 " content, lang, data, quote_id) VALUES ('d1', 0, 'reported', 'He', 0, 'said', 28, 58, ?, 'en', ?, 'q1')",
                 (text[28:58], pack_json(fat["quotes"][0])))
    event = {"type": "attack", "subtype": None, "span": {"start": 0, "end": 17, "text": text[:17]}}
    conn.execute("INSERT INTO events(doc_id, idx, type, data, incident_id) VALUES ('d1', 0, 'attack', ?, 'i1')",
                 (pack_json(event),))
    conn.execute("INSERT INTO entities(doc_id, idx, start, \"end\", text, label, canonical) VALUES "
                 "('d1', 0, 0, 5, 'Ganja', 'GPE', 'Ganja')")
    conn.execute("INSERT INTO crossdoc_undo(link_key, tbl, row_id, op) VALUES ('0x', 'incidents', 1, 'I')")
    conn.execute("PRAGMA user_version=14")
    conn.commit()
    conn.close()
    with Store(path) as store:
        c = store.conn
        assert "quotes" not in load(c.execute("SELECT data FROM documents").fetchone()[0])
        assert load(c.execute("SELECT data FROM quotes").fetchone()[0]) == {
            "speaker": {"canonical": None}, "speaker_span": {"start": 19, "end": 21}, "cue": {"start": 22, "end": 26},
            "content": {"start": 28, "end": 58}, "target": None, "model": None}
        assert json.loads(next(store.rows("quotes"))["data"]) == fat["quotes"][0]
        assert tuple(c.execute("SELECT sentence_start, sentence_end FROM quotes").fetchone()) == (19, 59)
        read = store.document("d1")
        assert read is not None and read.quotes == doc.quotes and read.paragraphs == doc.paragraphs
        assert "text" not in {r[1] for r in c.execute("PRAGMA table_info(paragraphs)")}
        assert "incident_id" not in {r[1] for r in c.execute("PRAGMA table_info(events)")}
        assert [h["doc_id"] for h in store.search("shelled")] == ["d1"]
        assert [r["text"] for r in store.rows("paragraphs")] == [p.text for p in doc.paragraphs]
        assert c.execute("SELECT canonical FROM entities").fetchone()[0] == "Ganja"
        assert tuple(c.execute("SELECT link_key, tbl, row_id, op FROM crossdoc_undo").fetchone()) == ("0x", "incidents", 1, "I")
        c.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
