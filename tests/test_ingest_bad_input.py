"""Every kind of bad input in one ingest: one coded line each, recorded in ``failures``, the batch goes on."""
from __future__ import annotations

import gzip
import sqlite3
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import cli


def _bad_inputs(folder: Path) -> dict[str, str]:
    """File name -> the error code it must give."""
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "c-notes.xyz").write_text("unknown extension", encoding="utf-8")
    (folder / "d-broken.jsonl").write_text('{"id": "ok-1", "text": "A fine record about Ganja."}\n{broken\n',
                                           encoding="utf-8")
    (folder / "e-malformed.html").write_text("<html><body><script>x()</script></body>", encoding="utf-8")
    with open(folder / "f-huge.txt", "wb") as fh:  # 50 MB, sparse: fast to make
        fh.truncate(50 * 1024 * 1024)
    bomb = gzip.compress(b"a" * (30 * 1024 * 1024))
    (folder / "g-bomb.txt.gz").write_bytes(bomb)
    return {"a-empty.txt": "E011", "b-binary.txt": "E012", "c-notes.xyz": "E015", "d-broken.jsonl": "E017",
            "e-malformed.html": "E018", "f-huge.txt": "E014", "g-bomb.txt.gz": "E019", "missing.txt": "E016"}


def test_bad_inputs_are_recorded_and_good_ones_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    expected = _bad_inputs(folder)
    (folder / "h-good.txt").write_text("Shelling of Tartar went on overnight, officials said.\n", encoding="utf-8")
    (folder / "i-latin1.txt").write_bytes("Le bombardement de Gandja a fait dix morts, selon l'agence.".encode("latin-1"))
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), str(folder / "missing.txt"), "--db", str(db),
                                      "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "documents: 3 new" in result.stdout  # the good page, the latin-1 page and the good JSONL line
    con = sqlite3.connect(db)
    rows = con.execute("SELECT input_id, code, message FROM failures").fetchall()
    by_file = {Path(i.split(":")[0]).name: code for i, code, _ in rows}
    for name, code in expected.items():
        assert by_file.get(name) == code, (name, rows)
    assert all("\n" not in message for _, _, message in rows)
    texts = [t for (t,) in con.execute("SELECT text FROM documents")]
    assert any("dix morts" in t for t in texts)


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "empty.txt"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "E011" in result.stderr or "E011" in result.stdout
    assert "E060" in result.stderr


def _hostile_inputs(folder: Path) -> dict[str, str]:
    """Issue 15's hostile cases, each between two good files: file name -> the code it must give, or
    "doc" (stored as a document) / "doc+E021" (stored, with a recorded E021 failure)."""
    import io
    import json
    import os
    import socket

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    cases: dict[str, str] = {}

    def case(name: str, expected: str) -> Path:
        cases[name] = expected
        return folder / name

    os.mkfifo(case("b-pipe.txt", "E016"))
    case("c-zero.txt", "E016").symlink_to("/dev/zero")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(case("d-socket.txt", "E016")))
    sock.close()
    text = gzip.compress(("Ten civilians were killed in Ganja, officials said. " * 300).encode())
    case("e-cut.txt.gz", "E020").write_bytes(text[: len(text) // 2])
    lines = "".join(json.dumps({"id": f"cut-{i}", "text": f"Record {i} tells of the shelling of Tartar."}) + "\n"
                    for i in range(300))
    packed = gzip.compress(lines.encode())
    case("f-cut.jsonl.gz", "E020").write_bytes(packed[: len(packed) // 2])
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(3):
        body = (f"<html><body><article><p>Record {i}: the shelling of Tartar went on overnight, officials "
                "said on Monday.</p><p>Several houses were destroyed in the town centre.</p></article></body></html>")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://example.com/{i}", "response",
                                                      payload=io.BytesIO(body.encode()), http_headers=headers))
    warc = buffer.getvalue()
    case("g-cut.warc.gz", "E020").write_bytes(warc[: len(warc) - 150])
    case("h-deep.html", "E020").write_text(
        "<html><body><article><p>A first paragraph about the shelling of Tartar overnight.</p>"
        + "<div>" * 400 + "<p>Text far down about Ganja.</p>" + "</div>" * 400 + "</article></body></html>",
        encoding="utf-8")
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    with open(case("i-bomb.jsonl.gz", "E019"), "wb") as fh:  # 100 MB inflated, over the test's 5 MB cap
        for _ in range(100):
            fh.write(comp.compress((json.dumps({"text": "x" * 1000}) + "\n").encode() * 1000))
        fh.write(comp.flush())
    case("j-bad-date.txt", "doc+E021").write_text(
        "---\npublished: 2020-02-31\n---\nA page about Barda with an impossible date.\n", encoding="utf-8")
    case("k-bad-date.jsonl", "doc+E021").write_text(
        json.dumps({"id": "dated", "text": "A record about Goranboy.", "published": "next week"}) + "\n", encoding="utf-8")
    case("l-utf16.txt", "doc").write_bytes("Обстрел Тертера продолжался всю ночь.\n".encode("utf-16-le") * 4)
    case("m-zero-width.txt", "E011").write_text("\u200b\u200c\u200d\u2060" * 100, encoding="utf-8")
    case("n-object-id.jsonl", "E017").write_text(json.dumps({"id": {"a": 1}, "text": "A record about Shusha."}) + "\n",
                                                 encoding="utf-8")
    return cases


def test_hostile_inputs_each_between_good_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    cases = _hostile_inputs(folder)
    names = sorted(cases)
    goods = []
    for i in range(len(names) + 1):  # a good file before the first case, between every two, after the last
        prefix = names[i][0] if i < len(names) else "z"
        good = folder / f"{prefix}0-good-{i}.txt"
        good.write_text(f"Good page {i}: the shelling of Tartar went on overnight, officials said.\n", encoding="utf-8")
        goods.append(good.name)
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--no-progress"],
                                env={"NEWSLEDGER_MAX_DECOMPRESSED_BYTES": "5000000"})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    con = sqlite3.connect(db)
    stored = {Path(i).name for (i,) in con.execute("SELECT input_id FROM documents")}
    assert set(goods) <= stored, sorted(set(goods) - stored)
    failures: dict[str, set[str]] = {}
    for input_id, code in con.execute("SELECT input_id, code FROM failures"):
        failures.setdefault(Path(input_id.split(":")[0]).name, set()).add(code)
    for name, expected in cases.items():
        if expected == "doc":
            assert name in stored and name not in failures, (name, failures.get(name))
        elif expected == "doc+E021":
            doc_ids = {i for (i,) in con.execute("SELECT input_id FROM documents")}
            assert name in stored or "dated" in doc_ids, name
            assert "E021" in failures.get(name, set()) | failures.get("dated", set()), (name, failures)
        else:
            assert expected in failures.get(name, set()), (name, failures.get(name))
    # the whole records before a cut are stored; a cut record never is
    assert {"https://example.com/0", "https://example.com/1"} <= {i for (i,) in con.execute("SELECT input_id FROM documents")}
    assert "https://example.com/2" not in {i for (i,) in con.execute("SELECT input_id FROM documents")}


@pytest.mark.slow
def test_a_100000_paragraph_page_ends_within_its_budget_and_its_batch_is_stored(tmp_path: Path) -> None:
    """The page is cut to ``max_paragraphs`` (E033) and its analysis stops at ``max_seconds_per_document``
    (E034, recorded in place of the document); the good pages read with it in one batch are stored."""
    from benchmarks.bench_long_page import synthetic_page

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text("Shelling of Tartar went on overnight, officials said.\n", encoding="utf-8")
    (folder / "b-huge.txt").write_text(synthetic_page(100_000), encoding="utf-8")
    (folder / "c-good.txt").write_text("Ten civilians were killed in Ganja, the ministry said.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    start = time.monotonic()
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--no-progress"],
                                env={"NEWSLEDGER_MAX_SECONDS_PER_DOCUMENT": "5"})
    elapsed = time.monotonic() - start
    assert result.exit_code == 0, result.output
    assert elapsed < 60, elapsed
    con = sqlite3.connect(db)
    stored = {Path(i).name for (i,) in con.execute("SELECT input_id FROM documents")}
    assert stored == {"a-good.txt", "c-good.txt"}
    [(code, message)] = con.execute("SELECT code, message FROM failures WHERE input_id LIKE '%b-huge.txt'").fetchall()
    assert code == "E034" and "NEWSLEDGER_MAX_SECONDS_PER_DOCUMENT" in message
