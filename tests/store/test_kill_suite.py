"""Nothing lost, nothing partial, nothing that depends on the order of arrival (issue 15).

``newsledger ingest`` of the demo corpus runs in a subprocess (tests/store/kill_runner.py) that
SIGKILLs itself at a chosen point: inside a document's transaction, between two documents, inside
the boilerplate re-marking of earlier pages, inside the final relink, and after every Nth
document. A normal rerun must then leave every table equal, row for row, to a clean serial run
(see tests/store/ledger_dump.py for the columns left out and why). Shuffled orders and two
concurrent writers must give the cross-document tables of the serial run.

The analysis is memoised per (unanalysed document, known boilerplate) for the test session, so
the models load once and each run costs the store's own work.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest

from tests.paths import DEMO, REPO
from tests.store.kill_runner import CACHE_ENV, KILL_ENV
from tests.store.ledger_dump import check_integrity, differences, dump, dump_crossdoc

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

RUNNER = REPO / "tests" / "store" / "kill_runner.py"
DEMO_FILES = sorted(str(p) for p in DEMO.iterdir() if p.name != "README.md")
#: The .txt copy of an .html page has the same text, so the same document id: whichever arrives first
#: gives the document row its url, title and date. Order tests leave it out (it is an input-order fact).
TWIN = str(DEMO / "en-chronicle-11-october-fighting.txt")
ORDER_FILES = [f for f in DEMO_FILES if f != TWIN]
#: A third of the corpus for the fast order tests: the Ganja strike and the Moscow talks in three
#: languages, the demo's reprint pair and a boilerplate site.
SUBSET = [f for f in ORDER_FILES
          if Path(f).name.startswith(("az-", "en-caucasus", "en-regional", "en-world", "ru-kavkaz"))]


def ingest(db: Path, files: list[str], cache: Path, kill: Optional[str] = None) -> subprocess.Popen[str]:
    env = dict(os.environ, **{CACHE_ENV: str(cache)})
    env.pop(KILL_ENV, None)
    if kill:
        env[KILL_ENV] = kill
    return subprocess.Popen([sys.executable, str(RUNNER), "ingest", "--db", str(db), "--no-progress", *files],
                            env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(db: Path, files: list[str], cache: Path, kill: Optional[str] = None) -> int:
    proc = ingest(db, files, cache, kill)
    out, err = proc.communicate(timeout=600)
    if kill is None:
        assert proc.returncode == 0, err[-3000:]
    else:
        assert proc.returncode == -signal.SIGKILL, f"the kill at {kill} did not land: rc {proc.returncode}\n{err[-3000:]}"
    return proc.returncode


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("analysis-cache")


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> dict[str, Any]:
    """Every table after one clean serial run of the whole demo corpus."""
    db = tmp_path_factory.mktemp("serial") / "serial.db"
    run(db, DEMO_FILES, cache)
    check_integrity(db)
    return dump(db)


@pytest.fixture(scope="module")
def serial_order(tmp_path_factory: pytest.TempPathFactory, cache: Path) -> dict[tuple[str, ...], dict[str, Any]]:
    """The cross-document tables after one clean serial run of a corpus the order tests use (made once each)."""
    made: dict[tuple[str, ...], dict[str, Any]] = {}

    def reference(files: list[str]) -> dict[str, Any]:
        key = tuple(files)
        if key not in made:
            db = tmp_path_factory.mktemp("serial-order") / "serial.db"
            run(db, files, cache)
            made[key] = dump_crossdoc(db)
        return made[key]

    return reference  # type: ignore[return-value]


def killed_then_rerun(tmp_path: Path, cache: Path, *kills: str) -> Path:
    db = tmp_path / "killed.db"
    for kill in kills:
        run(db, DEMO_FILES, cache, kill)
        check_integrity(db)
    run(db, DEMO_FILES, cache)
    check_integrity(db)
    return db


def assert_same(got: dict[str, Any], want: dict[str, Any]) -> None:
    diff = differences(got, want)
    assert not diff, "\n".join(diff)


def test_serial_run_is_linked_and_nothing_pending(serial: dict[str, Any]) -> None:
    assert serial["incidents"] and serial["reprint_signatures"]
    assert any(row[-1] for row in serial["reprint_signatures"]), "the demo's reprint is found"


#: Points a kill lands on. A document and its links are one transaction, so a kill inside it
#: loses both; a kill after it leaves the "to relink" mark that the rerun honours.
FAST_POINTS = [
    # Between two documents: the 10th committed, not yet relinked.
    "after:newsledger.store.ledger:Store.add_document:10",
    # Inside the final relink of the run.
    "before:newsledger.crossdoc.relink:link_or_record:20",
]

SLOW_POINTS = [
    # Inside the 6th document's transaction, while it is being linked (once: after its commit).
    "before:newsledger.crossdoc.relink:link_document:6",
    "before:newsledger.store.documents:insert_document:1",
    "before:newsledger.store.documents:insert_document:17",
    "after:newsledger.store.documents:insert_document:17",
    # Inside the boilerplate re-marking of earlier pages (they are then linked again by the run's relink).
    "before:newsledger.store.documents:remark_boilerplate:2",
    "after:newsledger.crossdoc.incidents:assign_reprint_stored:12",
    # The relink brought the linking tables back to the start of its suffix (undo log), not yet relinked.
    "after:newsledger.store.relinking:unlink_from:1",
    # The relink finished but not committed.
    "after:newsledger.crossdoc.relink:relink_pending:1",
    "before:newsledger.crossdoc.relink:link_or_record:1",
] + [f"after:newsledger.store.ledger:Store.add_document:{k}" for k in range(1, 33, 4)]


@pytest.mark.parametrize("kill", FAST_POINTS)
def test_kill_then_rerun_equals_serial(kill: str, tmp_path: Path, cache: Path, serial: dict[str, Any]) -> None:
    assert_same(dump(killed_then_rerun(tmp_path, cache, kill)), serial)


@pytest.mark.slow
@pytest.mark.parametrize("kill", SLOW_POINTS)
def test_kill_anywhere_then_rerun_equals_serial(kill: str, tmp_path: Path, cache: Path, serial: dict[str, Any]) -> None:
    assert_same(dump(killed_then_rerun(tmp_path, cache, kill)), serial)


@pytest.mark.slow
def test_killed_twice_then_rerun_equals_serial(tmp_path: Path, cache: Path, serial: dict[str, Any]) -> None:
    # The second run dies in the relink it starts with (the first run left documents to relink).
    db = killed_then_rerun(tmp_path, cache, "after:newsledger.store.ledger:Store.add_document:12",
                           "before:newsledger.crossdoc.relink:link_or_record:3")
    assert_same(dump(db), serial)


ORDERS = [pytest.param(1, SUBSET, id="subset-1"),
          pytest.param(2, ORDER_FILES, id="demo-2", marks=pytest.mark.slow),
          pytest.param(3, ORDER_FILES, id="demo-3", marks=pytest.mark.slow)]


@pytest.mark.parametrize(("seed", "corpus"), ORDERS)
def test_shuffled_arrival_gives_the_serial_crossdoc_tables(seed: int, corpus: list[str], tmp_path: Path, cache: Path,
                                                           serial_order: Any) -> None:
    files = list(corpus)
    random.Random(seed).shuffle(files)
    db = tmp_path / "shuffled.db"
    # In two runs, the second one resuming with the rest: a resumed run is an order of arrival too.
    cut = len(files) // 3
    run(db, files[:cut], cache)
    run(db, files, cache)
    assert_same(dump_crossdoc(db), serial_order(corpus))


@pytest.mark.parametrize("corpus", [pytest.param(SUBSET, id="subset"),
                                    pytest.param(ORDER_FILES, id="demo", marks=pytest.mark.slow)])
def test_two_concurrent_writers_give_the_serial_crossdoc_tables(corpus: list[str], tmp_path: Path, cache: Path,
                                                                serial_order: Any) -> None:
    db = tmp_path / "concurrent.db"
    run(db, corpus[:1], cache)  # the store exists before both writers open it
    writers = [ingest(db, corpus, cache), ingest(db, corpus[::-1], cache)]
    for proc in writers:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-3000:]
    check_integrity(db)
    assert_same(dump_crossdoc(db), serial_order(corpus))
