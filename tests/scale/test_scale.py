"""Scale-out: worker processes and a Dask cluster store exactly what a serial run stores."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsledger.errors import UsageError
from newsledger.ingest import ingest
from newsledger.scale import Executor
from newsledger.store import Store

PAGES = [
    "11 October\n\nFighting\n\nA missile hit Ganja late at night, killing 10 civilians, the ministry said.\n\n"
    "Bizim səhifəmiz hər gün yenilənir, oxucularımıza təşəkkür edirik və qələbəyə inanırıq.",
    "12 October\n\nStatements\n\nThe foreign minister condemned the attack on Ganja, calling it a war crime.\n\n"
    "Bizim səhifəmiz hər gün yenilənir, oxucularımıza təşəkkür edirik və qələbəyə inanırıq.",
    "Гянджа подверглась ракетному удару, погибли 9 человек, ранены 34, заявил представитель министерства.",
    "Not a page at all",
]


def _snapshot(db: Path) -> list:
    con = sqlite3.connect(db)
    try:
        return [con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                for t in ("paragraphs", "entities", "dates", "quotes", "events")] + \
               [con.execute("SELECT id, input_id, data FROM documents ORDER BY ingested_seq").fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("pages")
    paths = []
    for i, text in enumerate(PAGES):
        p = folder / f"p{i}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(str(p))
    return paths + [str(folder / "missing.txt")]


@pytest.mark.parametrize("engine", ["processes", pytest.param("dask", marks=pytest.mark.slow)])
def test_engines_store_what_serial_stores(engine: str, pages: list[str], tmp_path: Path) -> None:
    if engine == "dask":
        pytest.importorskip("distributed", reason="dask[distributed] is not installed")
    results = {}
    for name, kwargs in (("serial", {}), (engine, {"workers": 2, "engine": engine})):
        db = tmp_path / f"{name}.db"
        with Store(str(db)) as store:
            report = ingest(pages, store, batch_size=2, **kwargs)
        assert report.documents_new == 4 and len(report.failures) == 1
        results[name] = _snapshot(db)
    assert results["serial"] == results[engine]


def test_unknown_engine_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        Executor("spark")
    with pytest.raises(UsageError):
        Executor("processes", workers=0)
