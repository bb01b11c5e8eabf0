"""One cell of an export, as each format writes it (conventions: docs/schema.md, "Exports").

Every column has a kind: ``integer``, ``real``, ``text``, ``blob``, ``json`` (text holding JSON)
or ``""`` (unknown: taken from the value).

- JSONL: one JSON object per row; ``json`` columns are nested objects, never JSON strings;
  bytes are lowercase hex; NULL is ``null``.
- CSV (RFC 4180, ``\\r\\n``): always a header; NULL is an empty unquoted field, the empty string a
  quoted ``""`` (PostgreSQL's ``COPY ... CSV`` convention); ``json`` columns and lists stay JSON
  text; bytes are lowercase hex; a *text* cell starting with ``=``, ``+``, ``-``, ``@``, tab, CR
  or ``'`` gets a leading ``'`` (OWASP CSV injection), so a spreadsheet shows it as text and a
  program gets the original back by dropping one leading ``'``. Numbers (integers and reals
  from the store) are never prefixed: ``-5`` stays a number.
- Parquet: columns typed from the store (int64, double, string, binary); ``json`` columns and
  lists are JSON text.
"""
from __future__ import annotations

import json
from typing import Any

#: First characters a spreadsheet reads as the start of a formula (OWASP), plus the quote itself
#: so that the prefix can always be undone.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")

_NEEDS_QUOTES = (",", '"', "\r", "\n")


def _as_json_value(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value  # not JSON after all: kept as the text it is
    return value


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def jsonl_value(value: Any, kind: str) -> Any:
    """The value as it goes into a JSONL row."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if kind == "json":
        return _as_json_value(value)
    return value


def parquet_value(value: Any, kind: str) -> Any:
    """The value as it goes into a Parquet column (nested values as JSON text)."""
    if isinstance(value, (dict, list, tuple)):
        return _json_text(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def neutralise(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula (or it starts with ``'``)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_field(value: Any, kind: str) -> str:
    """One CSV field, quoted as needed: NULL -> empty, "" -> ``""``, numbers as numbers, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        return repr(value) if isinstance(value, float) else str(value)
    elif isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    elif isinstance(value, (dict, list, tuple)):
        text = _json_text(value)
    else:
        text = str(value)
    text = neutralise(text)
    if text == "" or any(c in text for c in _NEEDS_QUOTES):
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(values: list[Any], kinds: list[str]) -> str:
    """One CSV record, ``\\r\\n``-terminated."""
    return ",".join(csv_field(v, k) for v, k in zip(values, kinds)) + "\r\n"
