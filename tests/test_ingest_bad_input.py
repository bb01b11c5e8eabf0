"""Every kind of bad input in one ingest: one coded line each, recorded in ``failures``, the batch goes on."""
from __future__ import annotations

import gzip
import sqlite3
from pathlib import Path

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
