"""Exports of the store: tables as JSONL, CSV or Parquet; events as ACLED-like rows."""
from newsledger.export.acled import acled_row
from newsledger.export.tables import TableExport, table_export, write_export

__all__ = ["TableExport", "acled_row", "table_export", "write_export"]
