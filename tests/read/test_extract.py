"""Reading inputs: formats, directories, stdin, encodings, metadata and every kind of bad input."""
from __future__ import annotations

import gzip
import io
import json
import os
import sys
import zlib
from pathlib import Path
from typing import Optional, Union

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsledger.models import Document, Failure, Published
from newsledger.read import Metadata, document_from_html, document_from_text, parse_published, read_paths
from newsledger.read.decode import decode_bytes, gunzip_capped
from newsledger.read.metadata import site_of
from newsledger.read.paths import sniff_format
from newsledger.settings import load_settings
from tests.paths import FIXTURES as FIXTURE_ROOT

FIXTURES = FIXTURE_ROOT / "inputs"
SETTINGS = load_settings(env={})
GOOD_TEXT = "A good page after the bad one.\n\nIt has two paragraphs."


def read(*paths: Union[str, Path], settings=SETTINGS, meta: Optional[Metadata] = None) -> list[Union[Document, Failure]]:
    return list(read_paths([str(p) for p in paths], settings, meta or Metadata()))


def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "zz-good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def assert_one_failure_then_good(items: list, code: str) -> Failure:
    """Exactly one Failure with ``code``, and the good file after it is still read."""
    assert len(items) == 2, items
    failure, doc = items
    assert isinstance(failure, Failure), failure
    assert failure.code == code, failure
    assert failure.stage == "extract"
    assert failure.message and "\n" not in failure.message
    assert isinstance(doc, Document) and doc.text == GOOD_TEXT
    return failure


# --- formats ---------------------------------------------------------------------------------------------------

def test_text_file_newlines_normalised_and_path_is_input_id() -> None:
    [doc] = read(FIXTURES / "plain.txt")
    assert isinstance(doc, Document)
    assert doc.text == "Plain text page.\n\nSecond paragraph here.\n"
    assert doc.input_id == str(FIXTURES / "plain.txt")
    assert doc.source_format == "txt"
    assert doc.id == Document.new(doc.text, input_id="x").id


def test_markdown_is_text() -> None:
    [doc] = read(FIXTURES / "note.md")
    assert doc.text.startswith("# Heading\n\nA markdown paragraph.") and doc.source_format == "txt"


def test_html_main_text_title_date_and_paragraphs() -> None:
    [doc] = read(FIXTURES / "article.html")
    assert isinstance(doc, Document) and doc.source_format == "html"
    assert doc.title and "Shelling hits Ganja" in doc.title
    assert doc.published == Published("2020-10-15", "day", "metadata")
    paragraphs = doc.text.split("\n\n")
    assert "Reaction" in paragraphs  # a heading is a paragraph of its own
    assert any(p.startswith("Several residential buildings") for p in paragraphs)
    assert "Home" not in doc.text and "All rights reserved" not in doc.text


def test_html_copyright_year_is_not_a_publication_date() -> None:
    [doc] = read(FIXTURES / "nodate.html")
    assert isinstance(doc, Document)
    assert doc.published.value is None
    assert "postpone the vote" in doc.text


def test_gzipped_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((FIXTURES / "article.html").read_bytes()))
    [doc] = read(path)
    assert isinstance(doc, Document) and "Ganja" in doc.text and doc.source_format == "html"


def test_jsonl_records_ids_and_metadata() -> None:
    path = FIXTURES / "records.jsonl"
    docs = read(path)
    assert [type(d) for d in docs] == [Document] * 3
    first, second, third = docs
    assert first.input_id == "rec-1" and first.site == "example.org" and first.source_format == "jsonl"
    assert first.published == Published("2020-10", "month", "metadata")
    assert first.text == "First record text.\n\nWith two paragraphs."
    assert second.input_id == f"{path}:2" and second.title == "Second"
    assert third.input_id == "rec-3" and third.title == "Third" and "Third record is HTML" in third.text


def test_warc_round_trip(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    html = (FIXTURES / "article.html").read_bytes()
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        for uri, ctype, body in (("https://www.example.com/news/ganja", "text/html; charset=utf-8", html),
                                 ("https://www.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n0000")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    [doc] = read(path)
    assert isinstance(doc, Document)
    assert doc.input_id == doc.url == "https://www.example.com/news/ganja"
    assert doc.site == "example.com" and doc.source_format == "warc"
    assert "Ganja" in doc.text and doc.published.value == "2020-10-15"


def test_directory_recursive_sorted_hidden_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / "c.txt").write_text("three", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    docs = read(tmp_path)
    assert [d.text for d in docs] == ["one", "three", "two"]
    assert docs[0].input_id == os.path.join(str(tmp_path), "a.txt")


@pytest.mark.parametrize("data, fmt, expected", [
    (b"<!DOCTYPE html><html><body><p>Hello from standard input, a paragraph.</p></body></html>", "html",
     ["Hello from standard input, a paragraph."]),
    (b'{"id": "s1", "text": "one"}\n\n{"id": "s2", "text": "two"}\n', "jsonl", ["one", "two"]),
    (b"just some text\n", "txt", ["just some text\n"]),
    (b'{"id": "s1", "text": "one"}\nnot json\n', "txt", None),
])
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str, expected) -> None:
    assert sniff_format(data) == fmt
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs = read("-")
    assert all(isinstance(d, Document) for d in docs)
    if expected is not None:
        assert [d.text for d in docs] == expected
    assert docs[0].input_id in ("-", "s1")


# --- encodings -------------------------------------------------------------------------------------------------

RUSSIAN = "Вчера вечером в центре города прошёл митинг. Полиция задержала несколько человек, сообщили журналисты."
FRENCH = "Le président a déclaré mercredi que la réforme sera adoptée à l'été. Les élèves étaient très inquiets."


def test_cp1251_russian_text_detected(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    [doc] = read(path)
    assert doc.text == RUSSIAN


def test_latin1_french_text_detected(tmp_path: Path) -> None:
    path = tmp_path / "fr.txt"
    path.write_bytes(FRENCH.encode("latin-1"))
    [doc] = read(path)
    assert doc.text == FRENCH


def test_html_meta_charset_comes_first(tmp_path: Path) -> None:
    path = tmp_path / "ru.html"
    html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
            f"<title>Митинг</title></head><body><article><p>{RUSSIAN}</p></article></body></html>")
    path.write_bytes(html.encode("cp1251"))
    [doc] = read(path)
    assert RUSSIAN in doc.text and doc.title == "Митинг"


def test_bom_removed_and_utf16_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbfhello\r\nworld")
    (tmp_path / "b.txt").write_bytes("héllo wörld".encode("utf-16"))
    first, second = read(tmp_path)
    assert first.text == "hello\nworld" and second.text == "héllo wörld"


def test_mostly_utf8_with_broken_bytes_uses_replacement(caplog: pytest.LogCaptureFixture) -> None:
    data = "Café crème à côté, déjà vu. ".encode("utf-8") * 20 + b"\xff broken byte"
    decoded = decode_bytes(data, input_id="x")
    assert "\ufffd" in decoded.text and "Café crème" in decoded.text
    assert "replacement" in decoded.how
    assert any("replacement" in r.getMessage() for r in caplog.records)


# --- bad inputs: exactly one Failure each, and the batch goes on ---------------------------------------------------

def test_empty_file_e011(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"  \n\n ")
    assert_one_failure_then_good(read(tmp_path / "empty.txt", good_file(tmp_path)), "E011")


def test_binary_e012(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02\x03binary\x00\x00\x10\x11" * 50)
    (tmp_path / "b.html").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    items = read(tmp_path / "a.txt", tmp_path / "b.html", good_file(tmp_path))
    assert [i.code for i in items[:2]] == ["E012", "E012"]
    assert_one_failure_then_good(items[1:], "E012")


def test_undecodable_e013(tmp_path: Path) -> None:
    # Only high bytes, in no language's pattern: not UTF-8 and no single-byte encoding reads as text.
    path = tmp_path / "bad.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    failure = assert_one_failure_then_good(read(path, good_file(tmp_path)), "E013")
    assert "UTF-8" in failure.message


def test_corrupt_gzip_e013(tmp_path: Path) -> None:
    (tmp_path / "bad.html.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"garbage" * 20)
    assert_one_failure_then_good(read(tmp_path / "bad.html.gz", good_file(tmp_path)), "E013")


def test_too_large_e014_is_fast(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with open(path, "wb") as fh:  # 50 MB sparse file: the size check must refuse it before reading
        fh.truncate(50_000_000)
    failure = assert_one_failure_then_good(read(path, good_file(tmp_path)), "E014")
    assert "NEWSLEDGER_MAX_BYTES" in failure.message


def test_stdin_too_large_e014(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"x" * 2_000)))
    [failure] = read("-", settings=SETTINGS.replace(max_bytes=1_000))
    assert failure.code == "E014" and failure.input_id == "-"


def test_unknown_extension_e015(tmp_path: Path) -> None:
    (tmp_path / "data.pdf").write_bytes(b"whatever")
    assert_one_failure_then_good(read(tmp_path / "data.pdf", good_file(tmp_path)), "E015")


def test_missing_file_e016(tmp_path: Path) -> None:
    failure = assert_one_failure_then_good(read(tmp_path / "nope.txt", good_file(tmp_path)), "E016")
    assert failure.input_id == str(tmp_path / "nope.txt")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_e016(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    assert_one_failure_then_good(read(path, good_file(tmp_path)), "E016")


def test_unreadable_path_e016_directory_as_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("text", encoding="utf-8")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    real_open = os.open  # files are opened with os.open (non-blocking, then checked to be regular files)
    monkeypatch.setattr("os.open", lambda f, *a, **k: deny() if str(f) == str(path) else real_open(f, *a, **k))
    assert_one_failure_then_good(read(path, good_file(tmp_path)), "E016")


def test_broken_jsonl_line_e017_other_lines_read(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "a", "text": "first"}\n{broken\n[1, 2]\n{"id": "d", "text": "last"}\n', encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Document", "Failure", "Failure", "Document"]
    assert items[1].code == items[2].code == "E017"
    assert items[1].input_id == f"{path}:2" and items[2].input_id == f"{path}:3"
    assert [items[0].text, items[3].text] == ["first", "last"]


def test_malformed_html_without_text_e018(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text("<html><head><script>var a = 1;</script></head><body><div></div>",
                                       encoding="utf-8")
    assert_one_failure_then_good(read(tmp_path / "bad.html", good_file(tmp_path)), "E018")


def test_malformed_html_with_text_is_read() -> None:
    doc = document_from_html("<html><body><p>Unclosed paragraph with <b>bold text and no end", "x")
    assert "Unclosed paragraph with bold text and no end" in doc.text


def test_gzip_bomb_e019(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html.gz"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = b"\0" * (1 << 20)
    with open(path, "wb") as fh:  # 25 MB of zeros in ~25 kB: more than the default 20 MB limit
        for _ in range(25):
            fh.write(packer.compress(zeros))
        fh.write(packer.flush())
    assert path.stat().st_size < 100_000
    failure = assert_one_failure_then_good(read(path, good_file(tmp_path)), "E019")
    assert "gzip bomb" in failure.message


def test_gunzip_capped_reads_concatenated_members() -> None:
    data = gzip.compress(b"one ") + gzip.compress(b"two")
    assert gunzip_capped(io.BytesIO(data), 100) == b"one two"


# --- metadata --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2020-10-15", Published("2020-10-15", "day", "metadata")),
    ("2020-10", Published("2020-10", "month", "metadata")),
    ("2020", Published("2020", "year", "metadata")),
    ("2020-10-15T08:00:00Z", Published("2020-10-15", "day", "metadata")),
    (None, None),  # bad dates raise E021: tests/read/test_hostile_inputs.py
])
def test_parse_published(value, expected) -> None:
    assert parse_published(value) == expected


def test_user_metadata_applies_to_text_and_fills_html_gaps() -> None:
    meta = Metadata(url="https://www.bbc.co.uk/news/1", title="User title", published="2020-10")
    doc = document_from_text("Some text.", "t", meta)
    assert (doc.site, doc.title, doc.published.precision) == ("bbc.co.uk", "User title", "month")
    page = document_from_html((FIXTURES / "article.html").read_text(encoding="utf-8"), "h", meta)
    assert page.published.value == "2020-10-15"  # the page's own date wins over batch metadata
    assert page.url == "https://www.bbc.co.uk/news/1" and page.site == "bbc.co.uk"
    gap = document_from_html((FIXTURES / "nodate.html").read_text(encoding="utf-8"), "n", meta)
    assert gap.published == Published("2020-10", "month", "metadata")


def test_site_of() -> None:
    assert site_of("https://www.Example.COM:8080/a?b") == "example.com"
    assert site_of("news.example.org/x") == "news.example.org"
    assert site_of(None) is None and site_of("") is None


def test_jsonl_gz_and_record_errors(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    lines = [{"id": "x", "text": ""}, {"id": "y"}, {"id": "z", "text": "fine"}]
    path.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in lines).encode()))
    items = read(path)
    assert [getattr(i, "code", None) for i in items] == ["E011", "E017", None]
    assert items[2].text == "fine"


# --- properties --------------------------------------------------------------------------------------------------

@hsettings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200))
def test_utf8_text_round_trips_exactly_but_newlines(text: str) -> None:
    data = text.encode("utf-8")
    try:
        decoded = decode_bytes(data)
    except Exception as exc:  # only blank or control-heavy texts may be refused, with a code
        assert getattr(exc, "code", None) in ("E011", "E012")
        return
    expected = text.replace("\r\n", "\n").replace("\r", "\n")
    assert decoded.text == (expected[1:] if expected.startswith("\ufeff") else expected)


def test_front_matter_gives_metadata_and_is_not_text() -> None:
    from newsledger.read import Metadata, document_from_text

    text = "---\nsite: chronicle.example\nurl: https://chronicle.example/a/1\npublished: 2020-10-12\n---\n12 October\n\nBody.\n"
    doc = document_from_text(text, "a.txt", Metadata(site="cli.example", title="From the CLI"))
    assert doc.site == "chronicle.example" and doc.url == "https://chronicle.example/a/1"
    assert doc.title == "From the CLI"  # the CLI fills what the file leaves open
    assert doc.published is not None and doc.published.value == "2020-10-12"
    assert doc.text.startswith("12 October")


def test_a_rule_at_the_top_is_not_front_matter() -> None:
    from newsledger.read.front_matter import front_matter

    text = "---\nNot: a key we know\n---\nText."
    assert front_matter(text) == (front_matter("")[0], text)
