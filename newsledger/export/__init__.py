"""Exports of the store: tables as JSONL, CSV or Parquet; events as ACLED-like rows."""
from newsledger.export.acled import acled_row
from newsledger.export.tables import export_rows, write_rows

__all__ = ["acled_row", "export_rows", "write_rows"]
