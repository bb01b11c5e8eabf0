"""Exports: every table in every format, one row shape, CSV conventions (header, NULL, formulas, bytes)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterator

import pyarrow.parquet as pq
import pytest

from newsledger.export.tables import table_export, write_export
from newsledger.ingest import ingest
from newsledger.store import Store
from newsledger.store.split_tables import SPLIT_TABLES
from tests.conftest import make_doc
from tests.paths import DEMO

FORMATS = ("jsonl", "csv", "parquet")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo corpus (every table filled: reprints, incidents, names) plus one failure."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = Store(str(path))
    ingest([str(DEMO), str(path.parent / "missing.txt")], store)
    yield store
    store.close()


def export_to(store: Store, table: str, fmt: str, tmp_path: Path) -> tuple[Path, int, list[str]]:
    exp = table_export(store, table, fmt)
    out = tmp_path / f"{table}.{fmt}"
    with open(out, "w", encoding="utf-8", newline="") as fh:
        n = write_export(exp, fmt, fh, str(out))
    return out, n, exp.columns


def csv_records(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


#: The tables an ingest fills (others, such as the fetch frontier, are filled by other commands).
INGEST_TABLES = ("documents", "paragraphs", "sentences", "entities", "dates", "quotes", "events", "failures",
                 "boilerplate", "inputs", "reprint_signatures", "reprint_bands", "incidents", "incident_events",
                 "incident_blocks", "incident_places", "incident_days", "name_variants")


def stored_count(store: Store, table: str) -> int:
    """Rows of a table as exported; the sentences come from each document's data (no table holds them since schema 7),
    a split table's rows from its two parts."""
    if table == "sentences" or table in {t.name for t in SPLIT_TABLES}:
        return sum(1 for _ in store.rows(table))
    return int(store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_demo_store_fills_the_ingest_tables(demo_store: Store) -> None:
    assert set(INGEST_TABLES) <= set(demo_store.tables())
    for table in INGEST_TABLES:
        assert stored_count(demo_store, table) > 0, table


def test_sentences_are_exported_from_the_documents_data(demo_store: Store) -> None:
    assert demo_store.conn.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0
    rows = list(demo_store.rows("sentences"))
    text = dict(demo_store.conn.execute("SELECT id, text FROM documents"))
    assert rows and all(text[r["doc_id"]][r["start"]:r["end"]] == r["text"] for r in rows)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_table_exports_in_every_format(demo_store: Store, fmt: str, tmp_path: Path) -> None:
    for table in demo_store.tables():
        expected = stored_count(demo_store, table)
        if table == "incidents":  # exported from the linker: one row per incident with its sources
            expected = sum(1 for _ in demo_store.conn.execute("SELECT 1 FROM incidents"))
        out, n, columns = export_to(demo_store, table, fmt, tmp_path)
        assert n == expected, (table, fmt)
        if fmt == "jsonl":
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            assert len(rows) == expected and all(list(r) == columns for r in rows), table
        elif fmt == "csv":
            records = csv_records(out)
            assert records[0] == columns and len(records) == expected + 1, table
        else:
            data = pq.read_table(out)
            assert data.num_rows == expected and data.column_names == columns, table


def test_jsonl_rows_hold_nested_objects_not_json_strings(demo_store: Store, tmp_path: Path) -> None:
    for table in demo_store.tables():
        out, _, _ = export_to(demo_store, table, "jsonl", tmp_path)
        for line in out.read_text(encoding="utf-8").splitlines():
            for key, value in json.loads(line).items():
                if isinstance(value, str) and value[:1] in "{[":
                    with pytest.raises(ValueError):
                        json.loads(value)  # a JSON document inside a string would be a second row shape
                        pytest.fail(f"{table}.{key} is JSON text in JSONL")
    events = [json.loads(line) for line in export_to(demo_store, "events", "jsonl", tmp_path)[0].read_text().splitlines()]
    assert isinstance(events[0]["data"], dict) and events[0]["data"]["type"] == events[0]["type"]
    incidents = [json.loads(line) for line in export_to(demo_store, "incidents", "jsonl", tmp_path)[0].read_text().splitlines()]
    assert isinstance(incidents[0]["figures"], list)


def test_json_columns_stay_json_text_in_csv(demo_store: Store, tmp_path: Path) -> None:
    records = csv_records(export_to(demo_store, "quotes", "csv", tmp_path)[0])
    data = records[0].index("data")
    assert isinstance(json.loads(records[1][data]), dict)


def test_bytes_are_hex_in_jsonl_and_csv_and_binary_in_parquet(demo_store: Store, tmp_path: Path) -> None:
    stored = demo_store.conn.execute("SELECT hashvalues FROM reprint_signatures ORDER BY rowid").fetchone()[0]
    assert isinstance(stored, bytes)
    first = json.loads(export_to(demo_store, "reprint_signatures", "jsonl", tmp_path)[0].read_text().splitlines()[0])
    assert first["hashvalues"] == stored.hex()
    records = csv_records(export_to(demo_store, "reprint_signatures", "csv", tmp_path)[0])
    assert records[1][records[0].index("hashvalues")] == stored.hex()
    data = pq.read_table(export_to(demo_store, "reprint_signatures", "parquet", tmp_path)[0])
    assert data.column("hashvalues")[0].as_py() == stored


@pytest.mark.parametrize("table", ["failures", "documents", "events", "incidents", "reprint_signatures"])
def test_zero_rows_still_give_the_header(store: Store, table: str, tmp_path: Path) -> None:
    csv_out, n, columns = export_to(store, table, "csv", tmp_path)
    assert n == 0 and columns
    assert csv_out.read_bytes().decode("utf-8") == ",".join(columns) + "\r\n"
    parquet_out, _, columns = export_to(store, table, "parquet", tmp_path)  # events: not the ACLED layout
    assert pq.read_table(parquet_out).column_names == columns
    assert export_to(store, table, "jsonl", tmp_path)[0].read_text() == ""


def crafted_store(store: Store) -> Store:
    doc = make_doc([("=HYPERLINK(\"http://evil.example\",\"x\")", "en", "body"),
                    ("-5 dead, +3 hurt", "en", "body"), ("@SUM(A1:A2)", "en", "body"),
                    ("'quoted", "en", "body"), ("\tTabbed", "en", "body")],
                   input_id="=cmd|' /C calc'!A0", site="")  # site "" (empty string), url None (NULL)
    store.add_document(doc)
    return store


def test_null_and_empty_string_differ_in_csv(store: Store, tmp_path: Path) -> None:
    out, _, columns = export_to(crafted_store(store), "documents", "csv", tmp_path)
    header, line = out.read_bytes().decode("utf-8").split("\r\n")[:2]
    assert header.split(",") == columns
    raw = next(csv.reader(io.StringIO(line)))
    assert raw[columns.index("site")] == "" and raw[columns.index("url")] == ""
    # the raw text tells them apart: "" for the empty string, nothing for NULL
    assert ',"",' in line and ",," in line
    assert store.conn.execute("SELECT site, url FROM documents").fetchone()[:] == ("", None)


def test_formula_cells_are_neutralised_and_numbers_stay_numbers(store: Store, tmp_path: Path) -> None:
    records = csv_records(export_to(crafted_store(store), "paragraphs", "csv", tmp_path)[0])
    header, rows = records[0], records[1:]
    texts = [r[header.index("text")] for r in rows]
    assert texts == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'-5 dead, +3 hurt", "'@SUM(A1:A2)", "''quoted",
                     "'\tTabbed"]
    assert [r[header.index("idx")] for r in rows] == ["0", "1", "2", "3", "4"]  # integers untouched
    docs = csv_records(export_to(store, "documents", "csv", tmp_path)[0])
    assert docs[1][docs[0].index("input_id")] == "'=cmd|' /C calc'!A0"
    # JSONL and Parquet keep the text as it is: neutralising is for spreadsheets
    first = json.loads(export_to(store, "paragraphs", "jsonl", tmp_path)[0].read_text().splitlines()[0])
    assert first["text"].startswith("=HYPERLINK")


def test_neutralising_is_undone_by_dropping_one_quote(store: Store, tmp_path: Path) -> None:
    records = csv_records(export_to(crafted_store(store), "paragraphs", "csv", tmp_path)[0])
    texts = [r[records[0].index("text")] for r in records[1:]]
    stored = [r[0] for r in store.conn.execute("SELECT t.text FROM paragraphs p JOIN paragraph_texts t ON t.pid = p.rowid ORDER BY p.idx")]
    assert [t[1:] if t.startswith("'") else t for t in texts] == stored


def test_acled_rows_have_exactly_the_acled_columns(demo_store: Store) -> None:
    from newsledger.export.acled import ACLED_COLUMNS

    exp = table_export(demo_store, "events", "csv")
    assert exp.columns == list(ACLED_COLUMNS)
    assert all(list(row) == list(ACLED_COLUMNS) for row in exp.rows)
