"""Streaming exports of store tables as JSONL, CSV or Parquet."""
from __future__ import annotations

import csv
import json
from typing import Any, Iterable, Iterator, Optional, TextIO

from newsledger.errors import UsageError
from newsledger.store import Store


def export_rows(store: Store, table: str, fmt: str) -> Iterator[dict[str, Any]]:
    """Rows of ``table``; ``events`` as CSV use the ACLED-like layout, ``incidents`` come from the linker."""
    if table == "events" and fmt == "csv":
        yield from _acled_rows(store)
        return
    if table == "incidents":
        from newsledger.crossdoc.claims import incident_rows

        for row in incident_rows(store):
            yield {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) and fmt != "jsonl" else v)
                   for k, v in row.items()}
        return
    if table == "events":  # with the input each event came from, in one query
        yield from store.event_rows()
        return
    yield from store.rows(table)


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


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO, path: Optional[str]) -> int:
    """Write rows to ``out`` (or, for parquet, to ``path`` in batches); returns how many."""
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    elif fmt == "csv":
        writer: Optional[csv.DictWriter] = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(row)
            n += 1
    elif fmt == "parquet":
        if not path:
            raise UsageError("parquet needs an output file: add -o FILE.parquet")
        n = _write_parquet(rows, path)
    return n


def _write_parquet(rows: Iterable[dict[str, Any]], path: str, batch: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    schema = None
    buffer: list[dict[str, Any]] = []
    n = 0

    def flush() -> None:
        nonlocal writer, schema
        if not buffer:
            return
        # Every column as string-or-number keeps the schema stable across batches.
        if schema is None:
            schema = pa.Table.from_pylist(buffer).schema
            schema = pa.schema([pa.field(f.name, pa.string() if pa.types.is_null(f.type) else f.type) for f in schema])
            writer = pq.ParquetWriter(path, schema)
        table = pa.Table.from_pylist(buffer, schema=schema)
        writer.write_table(table)
        buffer.clear()

    for row in rows:
        buffer.append(row)
        n += 1
        if len(buffer) >= batch:
            flush()
    flush()
    if writer is not None:
        writer.close()
    else:
        pq.write_table(pa.table({}), path)
    return n
