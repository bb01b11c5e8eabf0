"""JSONL input: one Document per line (``id``, ``text`` or ``html``, ``url``, ``site``, ``title``,
``published``); a broken line is E017 and a line over the size cap E014, and the other lines are still read."""
from __future__ import annotations

import json
from typing import Any, BinaryIO, Iterator, Optional

from newsledger.errors import BadRecord, EmptyInput, InputError, InputTooLarge
from newsledger.models import Document
from newsledger.read.documents import Item, _failure, document_from_html, document_from_text
from newsledger.read.metadata import Metadata
from newsledger.settings import Settings


def read_jsonl(stream: BinaryIO, path: str, settings: Settings, meta: Metadata = Metadata()) -> Iterator[Item]:
    """One Document per JSONL line (``id``, ``text`` or ``html``, ``url``, ``title``, ``published``, ``site``).

    A broken line is an E017 Failure (``path:lineno``) and the other lines are still read.
    """
    records = 0
    for lineno, line in _capped_lines(stream, settings.max_bytes):
        line_id = f"{path}:{lineno}"
        if line is None:
            yield _failure(InputTooLarge(f"line {lineno} is over the {settings.max_bytes:,}-byte limit: "
                                         "set NEWSLEDGER_MAX_BYTES higher (see `newsledger settings`) or split the record",
                                         input_id=line_id))
            records += 1
            continue
        if not line.strip():
            continue
        records += 1
        try:
            yield _jsonl_record(line, line_id, meta)
        except InputError as err:
            yield _failure(err, err.input_id or line_id)
    if records == 0:
        yield _failure(EmptyInput("the JSONL file has no records: nothing to analyse", input_id=path))


def _jsonl_record(line: bytes, line_id: str, meta: Metadata) -> Document:
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise BadRecord(f"the line is not UTF-8 ({exc.reason} at byte {exc.start}): JSONL must be UTF-8",
                        input_id=line_id) from exc
    except ValueError as exc:
        raise BadRecord(f"the line is not valid JSON ({exc}): fix or remove the line", input_id=line_id) from exc
    if not isinstance(record, dict):
        raise BadRecord(f"the line is a JSON {type(record).__name__}, not an object with 'text' or 'html': "
                        "fix or remove the line", input_id=line_id)
    input_id = _record_id(record.get("id"), line_id)
    text, html = record.get("text"), record.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        raise BadRecord("the record has no string 'text' or 'html' field: add one or remove the line",
                        input_id=input_id)
    own = Metadata(url=_str(record, "url", input_id), site=_str(record, "site", input_id),
                   title=_str(record, "title", input_id), published=_str(record, "published", input_id))
    if isinstance(text, str) and text.strip():
        merged = Metadata(url=own.url or meta.url, site=own.site or meta.site, title=own.title or meta.title,
                          published=own.published or meta.published)
        return document_from_text(text, input_id, merged, source_format="jsonl")
    if isinstance(html, str) and html.strip():
        return document_from_html(html, input_id, meta, own=own, source_format="jsonl")
    raise EmptyInput("the record's 'text'/'html' is empty: nothing to analyse", input_id=input_id)


def _record_id(value: Any, line_id: str) -> str:
    """A record's ``id``: a string or an integer as written; none (or "") gives ``path:line``. Any other JSON
    value (an object, a list, true, 1.5) is E017: its text form would be a Python repr, not the user's id."""
    if value is None or value == "":
        return line_id
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return str(value)
    raise BadRecord(f"the record's 'id' is a JSON {_json_kind(value)}, not a string or an integer: fix the id",
                    input_id=line_id)


def _json_kind(value: Any) -> str:
    return {dict: "object", list: "array", bool: "boolean", float: "number with a fraction"}.get(type(value), type(value).__name__)


def _capped_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, Optional[bytes]]]:
    """(line number, line) with lines over ``max_bytes`` given as None, without holding them in memory."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line in bounded chunks
                line = stream.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, line


def _str(record: dict[str, Any], key: str, input_id: str) -> Optional[str]:
    """A metadata field of a JSONL record as text; an object or a list there is E017 (never a Python repr)."""
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, (dict, list)):
        raise BadRecord(f"the record's {key!r} is a JSON {_json_kind(value)}, not text: fix the field", input_id=input_id)
    return str(value)


__all__ = ["read_jsonl"]
