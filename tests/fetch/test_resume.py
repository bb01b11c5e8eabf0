"""A `follow` killed with SIGKILL mid-run resumes: nothing fetched twice, nothing stored twice."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from newsledger.fetch import Fetcher, load_sources
from newsledger.resources import Resources
from newsledger.store import Store, fetches
from tests.fetch.conftest import FAST
from tests.fetch.server import Site, rss
from tests.paths import REPO

PAGES = 40


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), NEWSLEDGER_DB=str(db))
    env.update({f"NEWSLEDGER_{k.upper()}": str(v) for k, v in FAST.items()})
    env["NEWSLEDGER_FETCH_CONCURRENCY"] = env["NEWSLEDGER_FETCH_HOST_CONCURRENCY"] = "2"
    return env


def _settled(db: Path, outcomes: tuple[str, ...] = ("fetched", "stored", "seen")) -> set[str]:
    """Pages whose response was archived and logged (so must never be asked for again)."""
    with Store(str(db)) as store:
        return {row["url"] for row in fetches.fetch_log_rows(store) if row["kind"] == "page" and row["outcome"] in outcomes}


def test_sigkill_mid_follow_resumes_without_refetching_or_duplicating(site: Site, tmp_path: Path, resources: Resources):
    for n in range(PAGES):
        site.article(f"/news/{n}.html", 100 + n, delay=0.1)
    site.xml("/rss.xml", rss([(site.url(f"/news/{n}.html"), "Mon, 02 Nov 2026 10:00:00 GMT") for n in range(PAGES)]))
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "wire"\nfeeds = ["{site.url("/rss.xml")}"]\n', encoding="utf-8")
    db = tmp_path / "follow.db"
    proc = subprocess.Popen([sys.executable, "-m", "newsledger.cli", "follow", str(sources), "--no-progress"],
                            env=_env(db), cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if db.exists() and len(_settled(db)) >= 4:
                    break
            except sqlite3.Error:  # the child is still creating the file
                pass
            time.sleep(0.05)
        assert proc.poll() is None, "follow ended before it could be killed: " + proc.stderr.read().decode()[-2000:]
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    before = _settled(db)
    assert len(before) >= 4, f"only {len(before)} pages settled before the kill"
    assert len(_settled(db, ("stored",))) < PAGES, "the kill came after the run had stored every page"
    hits_before = dict(site.hits)
    stored_before = len(_settled(db, ("stored",)))
    with Store(str(db), load_settings_fast()) as store, Fetcher(store, resources) as fetcher:
        report = fetcher.follow(load_sources(str(sources)))
        ids = [row["id"] for row in store.rows("documents")]
        outcomes = [r["outcome"] for r in fetches.fetch_log_rows(store) if r["kind"] == "page"]
    assert len(ids) == len(set(ids)) == PAGES
    for url in before:  # archived before the kill: analysed from the archive, never asked for again
        path = url[len(site.base):]
        assert site.hits[path] == hits_before.get(path, 0) == 1, f"{path} fetched again after it was archived"
    assert all(count <= 2 for path, count in site.hits.items() if path.startswith("/news/"))
    assert report.stored == PAGES - stored_before
    assert "fetched" not in outcomes  # every archived page was settled


def load_settings_fast():
    from newsledger.settings import load_settings

    return load_settings(FAST)
