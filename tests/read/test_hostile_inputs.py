"""Hostile inputs (issue 15): each ends as a Document or a coded Failure, never a hang or a silent partial."""
from __future__ import annotations

import gzip
import io
import json
import os
import signal
import socket
import zlib
from pathlib import Path
from typing import Iterator, Union

import pytest

from newsledger.errors import BadDate
from newsledger.models import Document, Failure
from newsledger.read import Metadata, document_from_text, parse_published, read_paths
from newsledger.read.decode import decode_bytes
from newsledger.settings import load_settings

SETTINGS = load_settings(env={})
GOOD = "Shelling of Tartar went on overnight, officials said.\n\nSeveral houses were destroyed."
Item = Union[Document, Failure]


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A read that blocks (a FIFO opened for reading) fails the test instead of hanging the suite."""
    def timeout(signum: int, frame: object) -> None:
        raise TimeoutError("the read hung")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def read(*paths: Union[str, Path], settings=SETTINGS) -> list[Item]:
    return list(read_paths([str(p) for p in paths], settings, Metadata()))


def codes(items: list[Item]) -> list[str]:
    return [i.code if isinstance(i, Failure) else "doc" for i in items]


# -- only regular files are opened -------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_a_coded_failure_not_a_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "z-good.txt").write_text(GOOD, encoding="utf-8")
    items = read(tmp_path)  # the FIFO is found by walking the folder, like a user's ingest of it
    assert codes(items) == ["E016", "doc"]
    assert "not a regular file" in items[0].message


def test_a_device_and_a_socket_are_coded_failures(tmp_path: Path) -> None:
    sock_path = tmp_path / "s.txt"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(sock_path))
        (tmp_path / "zero.txt").symlink_to("/dev/zero")  # never ends: must not be read at all
        assert codes(read(tmp_path / "zero.txt", sock_path)) == ["E016", "E016"]
    finally:
        sock.close()


# -- partial input ----------------------------------------------------------------------------------

def test_a_truncated_gzip_text_is_a_coded_failure(tmp_path: Path) -> None:
    data = gzip.compress(("Ten civilians were killed in Ganja. " * 400).encode())
    (tmp_path / "cut.txt.gz").write_bytes(data[: len(data) // 2])
    [failure] = read(tmp_path / "cut.txt.gz")
    assert isinstance(failure, Failure) and failure.code == "E020"
    assert "truncated" in failure.message


def test_a_truncated_jsonl_gz_keeps_whole_records_and_records_the_cut(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"r{i}", "text": f"Record {i} tells of the shelling of Tartar."}) for i in range(400)]
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    items = read(tmp_path / "cut.jsonl.gz")
    docs = [i for i in items if isinstance(i, Document)]
    assert docs and all(d.text.endswith("Tartar.") for d in docs)
    assert items[-1].code == "E020" if isinstance(items[-1], Failure) else False
    # a line cut in the middle is a bad record, never a document of half a line
    assert all(c in ("doc", "E017", "E020") for c in codes(items))


def _warc(path: Path, records: int = 3, gz: bool = True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for i in range(records):
            body = (f"<html><body><article><p>Shelling of Tartar number {i} went on overnight, officials of the "
                    f"region said on Monday.</p><p>Record {i} tells of the damage to houses in the town centre."
                    "</p></article></body></html>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://example.com/{i}", "response",
                                                          payload=io.BytesIO(body), http_headers=headers))
    return path.read_bytes()


def _whole_records(data: bytes, gz: bool) -> bool:
    if gz:
        try:
            return gzip.decompress(data).endswith(b"\r\n\r\n")
        except (EOFError, OSError, zlib.error):
            return False
    return data.endswith(b"</html>\r\n\r\n")


@pytest.mark.parametrize("gz", [True, False])
def test_a_truncated_warc_stores_whole_records_and_records_the_cut(tmp_path: Path, gz: bool) -> None:
    whole = _warc(tmp_path / ("w.warc.gz" if gz else "w.warc"), gz=gz)
    for cut in range(len(whole) * 2 // 3, len(whole), 7):
        if _whole_records(whole[:cut], gz):
            continue  # a cut between two records leaves a whole, shorter file: nothing to tell
        path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
        path.write_bytes(whole[:cut])
        items = read(path)
        docs = [i for i in items if isinstance(i, Document)]
        failures = [i.code for i in items if isinstance(i, Failure)]
        assert all("town centre." in d.text for d in docs), cut  # never a cut record
        if len(docs) == 3:  # cut after the last record's content: its separator or the gzip trailer
            assert cut > len(whole) - 30 and failures == (["E020"] if gz else []), (cut, codes(items))
        else:
            assert len(docs) == 2 and failures == ["E020"], (cut, codes(items))


def test_html_nested_past_the_parser_limit_is_a_coded_failure(tmp_path: Path) -> None:
    deep = "<div>" * 400 + "<p>Deep text about the strike on Ganja, told far down.</p>" + "</div>" * 400
    html = ("<html><body><article><p>A first paragraph about the shelling of Tartar overnight.</p>"
            f"{deep}</article></body></html>")
    (tmp_path / "deep.html").write_text(html, encoding="utf-8")
    [item] = read(tmp_path / "deep.html")
    assert isinstance(item, Failure) and item.code == "E020" and "nest" in item.message


# -- caps, dates, encodings, records ---------------------------------------------------------------

def test_a_jsonl_gz_bomb_stops_at_the_total_cap(tmp_path: Path) -> None:
    line = (json.dumps({"text": "x" * 1000}) + "\n").encode()
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(tmp_path / "bomb.jsonl.gz", "wb") as fh:
        for _ in range(200):  # 200 x 1,000 lines = 200 MB when inflated
            fh.write(comp.compress(line * 1000))
        fh.write(comp.flush())
    settings = SETTINGS.replace(max_decompressed_bytes=5_000_000)
    items = read(tmp_path / "bomb.jsonl.gz", settings=settings)
    assert items[-1].code == "E019" if isinstance(items[-1], Failure) else False
    assert len(items) < 6_000  # stopped near the cap, not after inflating everything


@pytest.mark.parametrize("value", ["2020-02-31", "2021-02-29", "2020-13-01", "2020-13", "last Tuesday", "--02-30",
                                   "yesterday", "2020-10-15T25:00", "20201015x", "{'a': 1}"])
def test_parse_published_rejects_impossible_dates(value: str) -> None:
    with pytest.raises(BadDate) as err:
        parse_published(value)
    assert err.value.code == "E021" and value in err.value.message


@pytest.mark.parametrize("value, expected", [("2020-02-29", "2020-02-29"), ("2020-10", "2020-10"), ("2020", "2020"),
                                             ("--02-29", "--02-29"), ("2020-10-15T12:30:00Z", "2020-10-15")])
def test_parse_published_keeps_real_dates(value: str, expected: str) -> None:
    published = parse_published(value)
    assert published is not None and published.value == expected


def test_a_garbage_front_matter_date_is_a_recorded_failure_on_the_document() -> None:
    doc = document_from_text(f"---\nsite: x.example\npublished: 2020-02-31\n---\n{GOOD}", "fm.txt")
    assert doc.published.value is None
    assert [(f.code, f.input_id) for f in doc.failures] == [("E021", "fm.txt")]


def test_a_garbage_jsonl_date_is_a_recorded_failure_on_the_document(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "r1", "text": GOOD, "published": "next week"}) + "\n",
                                      encoding="utf-8")
    [doc] = read(tmp_path / "r.jsonl")
    assert isinstance(doc, Document) and [f.code for f in doc.failures] == ["E021"]


@pytest.mark.parametrize("text", [GOOD, "Обстрел Тертера продолжался всю ночь, заявили официальные лица.\n" * 3,
                                  "Gəncəyə raket zərbəsi endirildi, on nəfər həlak oldu.\n" * 3])
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_decoded(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding)).text == text


def test_utf16_without_a_bom_file_becomes_a_document(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes("Обстрел Тертера продолжался всю ночь.\n".encode("utf-16-le") * 5)
    [doc] = read(tmp_path / "u.txt")
    assert isinstance(doc, Document) and doc.text.startswith("Обстрел")


@pytest.mark.parametrize("text", ["\u200b\u200c\u200d\ufeff" * 50, "\u200b \n\u2060 123 456", "... --- !!!"])
def test_text_without_letters_is_e011(tmp_path: Path, text: str) -> None:
    (tmp_path / "z.txt").write_text(text, encoding="utf-8")
    [failure] = read(tmp_path / "z.txt")
    assert isinstance(failure, Failure) and failure.code == "E011"


@pytest.mark.parametrize("bad_id", [{"a": 1}, [1, 2], True, 1.5])
def test_a_json_id_that_is_not_a_string_or_integer_is_a_bad_record(tmp_path: Path, bad_id: object) -> None:
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": bad_id, "text": GOOD}) + "\n"
                                      + json.dumps({"id": 7, "text": GOOD + " Again."}) + "\n", encoding="utf-8")
    items = read(tmp_path / "r.jsonl")
    assert codes(items) == ["E017", "doc"]
    assert items[0].input_id.endswith("r.jsonl:1") and "'id'" in items[0].message
    assert isinstance(items[1], Document) and items[1].input_id == "7"
