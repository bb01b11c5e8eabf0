"""Streaming exports of store tables as JSONL, CSV or Parquet (conventions: :mod:`newsledger.export.cells`)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator, Optional, TextIO

from newsledger.errors import UsageError
from newsledger.export.acled import ACLED_COLUMNS
from newsledger.export.cells import csv_line, jsonl_value, parquet_value
from newsledger.store import Store
from newsledger.store import tables as store_tables

FORMATS = ("jsonl", "csv", "parquet")

#: ``export --what incidents``: one row per incident from the linker (lists: nested in JSONL, JSON text elsewhere).
INCIDENT_COLUMNS = (("incident_id", "text"), ("type", "text"), ("place", "text"), ("date", "text"),
                    ("date_precision", "text"), ("figures", "json"), ("input_ids", "json"), ("documents", "json"))


@dataclass
class TableExport:
    """A table about to be written: its columns (known even with no rows), their kinds, its rows."""

    table: str
    columns: list[str]
    kinds: list[str]
    rows: Iterator[dict[str, Any]]


def table_export(store: Store, table: str, fmt: str) -> TableExport:
    """The export of ``table``: ``events`` as CSV use the ACLED-like layout, ``incidents`` come from the linker."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if table == "events" and fmt == "csv":
        return _export(table, [(name, "") for name in ACLED_COLUMNS], _acled_rows(store))
    if table == "incidents":
        from newsledger.crossdoc.claims import incident_rows

        return _export(table, list(INCIDENT_COLUMNS), incident_rows(store))
    if table == "events":  # with the input each event came from, in one query
        return _export(table, store_tables.event_columns(store), store.event_rows())
    return _export(table, store_tables.columns(store, table), store.rows(table))


def _export(table: str, columns: list[tuple[str, str]], rows: Iterator[dict[str, Any]]) -> TableExport:
    return TableExport(table, [c for c, _ in columns], [k for _, k in columns], rows)


def _acled_rows(store: Store) -> Iterator[dict[str, Any]]:
    from newsledger.export.acled import acled_row
    from newsledger.models import Document, Event

    docs: dict[str, Document] = {}
    for doc_id, _idx, data, incident_id in store.events_in_ingest_order():
        if doc_id not in docs:
            docs.clear()  # one document at a time keeps memory flat
            docs[doc_id] = store.document(doc_id)
        row = acled_row(docs[doc_id], Event.from_dict(data))
        row["incident_id"] = incident_id
        row["input_id"] = docs[doc_id].input_id
        yield row


def write_export(export: TableExport, fmt: str, out: TextIO, path: Optional[str]) -> int:
    """Write the rows to ``out`` (Parquet: to ``path``, in batches); returns how many."""
    n = 0
    columns, kinds = export.columns, export.kinds
    if fmt == "jsonl":
        for row in export.rows:
            record = {c: jsonl_value(row.get(c), k) for c, k in zip(columns, kinds)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        out.write(csv_line(columns, ["text"] * len(columns)))  # the header, even with no rows
        for row in export.rows:
            out.write(csv_line([row.get(c) for c in columns], kinds))
            n += 1
    elif fmt == "parquet":
        if not path:
            raise UsageError("parquet needs an output file: add -o FILE.parquet")
        n = _write_parquet(export, path)
    else:
        raise UsageError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return n


def _arrow_type(kind: str) -> Any:
    import pyarrow as pa

    return {"integer": pa.int64(), "real": pa.float64(), "text": pa.string(), "json": pa.string(),
            "blob": pa.binary()}.get(kind)


def _write_parquet(export: TableExport, path: str, batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns, kinds = export.columns, export.kinds
    known = [_arrow_type(k) for k in kinds]
    writer: Optional[pq.ParquetWriter] = None
    buffer: list[dict[str, Any]] = []
    n = 0

    def schema_for(rows: list[dict[str, Any]]) -> pa.Schema:
        # Declared store types where known; otherwise from the first batch (null -> string), so the
        # schema stays the same for every batch.
        inferred = pa.Table.from_pylist(rows).schema if rows else None
        fields = []
        for name, arrow_type in zip(columns, known):
            if arrow_type is None:
                found = inferred.field(name).type if inferred is not None and name in inferred.names else pa.null()
                arrow_type = pa.string() if pa.types.is_null(found) else found
            fields.append(pa.field(name, arrow_type))
        return pa.schema(fields)

    def flush() -> None:
        nonlocal writer
        if writer is None:
            writer = pq.ParquetWriter(path, schema_for(buffer))
        if buffer:
            writer.write_table(pa.Table.from_pylist(buffer, schema=writer.schema))
            buffer.clear()

    for row in export.rows:
        buffer.append({c: parquet_value(row.get(c), k) for c, k in zip(columns, kinds)})
        n += 1
        if len(buffer) >= batch:
            flush()
    flush()  # with no rows this still opens the file: the schema (the header) is written
    if writer is not None:
        writer.close()
    return n
