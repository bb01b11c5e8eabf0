"""A run killed with SIGKILL mid-ingest leaves a consistent store; the rerun completes without duplicates."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_PAGES = 200


def _pages(folder: Path) -> None:
    for i in range(N_PAGES):
        (folder / f"page-{i:04d}.txt").write_text(
            f"{i % 28 + 1} October\n\nReport {i}: the shelling of Tartar went on overnight, officials said.\n\n"
            f"Paragraph two of report {i} gives more detail about damage to {i} houses.\n",
            encoding="utf-8")


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _ingest(folder: Path, db: Path) -> subprocess.Popen:
    # A stub pipeline keeps this test about the store, not about model speed.
    # A slow stub stage makes sure the kill lands mid-run.
    code = ("import sys, time; import newsledger.pipeline as p; from newsledger.stages import Stage;"
            "p.STAGES = p.STAGES[:1] + (Stage('wait', (), (), lambda d, r: time.sleep(0.01)),);"
            "from newsledger.cli import main; sys.argv=['newsledger','ingest','--db',sys.argv[1],'--no-progress']+sys.argv[2:];"
            "main()")
    files = sorted(str(f) for f in folder.iterdir())
    return subprocess.Popen([sys.executable, "-c", code, str(db), *files],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_ingest_then_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    _pages(folder)
    db = tmp_path / "killed.db"
    proc = _ingest(folder, db)
    deadline = time.time() + 60
    while time.time() < deadline and _count(db) < 5:
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _count(db)
    assert 0 < stored < N_PAGES, "the kill should land mid-ingest"

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    orphans = con.execute("SELECT COUNT(*) FROM paragraphs WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    assert orphans == 0
    con.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
    con.close()

    rerun = _ingest(folder, db)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()
    assert f"{N_PAGES - stored} new, {stored} already stored" in out.decode()
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == N_PAGES
    assert con.execute("SELECT COUNT(*) FROM (SELECT DISTINCT doc_id, idx FROM paragraphs)").fetchone()[0] == \
        con.execute("SELECT COUNT(*) FROM paragraphs").fetchone()[0]
    con.close()
