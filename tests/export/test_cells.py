"""One export cell in each format: numbers, NULL, empty text, formulas, bytes, JSON."""
from __future__ import annotations

from newsledger.export.cells import csv_field, csv_line, jsonl_value, neutralise, parquet_value


def test_numbers_are_never_prefixed() -> None:
    assert csv_field(-5, "integer") == "-5"
    assert csv_field(-0.25, "real") == "-0.25"
    assert csv_field(0, "") == "0"


def test_text_that_looks_like_a_formula_is_prefixed() -> None:
    for text in ("=1+2", "+1", "-5", "@A1", "\tx", "\rx", "'x"):
        assert neutralise(text) == "'" + text
    assert neutralise("Ganja") == "Ganja" and neutralise("") == ""
    assert csv_field("-5", "text") == "'-5"


def test_null_empty_and_quoting() -> None:
    assert csv_field(None, "text") == ""
    assert csv_field("", "text") == '""'
    assert csv_field('say "hi", then\nleave', "text") == '"say ""hi"", then\nleave"'
    assert csv_line([None, "", 3], ["text", "text", "integer"]) == ',"",3\r\n'


def test_bytes_and_json() -> None:
    assert csv_field(b"\xa2\x01", "blob") == "a201" and jsonl_value(b"\xa2\x01", "blob") == "a201"
    assert jsonl_value('{"a": [1]}', "json") == {"a": [1]}
    assert jsonl_value("plain", "text") == "plain"
    assert csv_field([{"a": 1}], "json") == '"[{""a"":1}]"'
    assert parquet_value({"a": 1}, "json") == '{"a":1}'
