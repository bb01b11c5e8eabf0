"""Scale-out: per-document analysis on several cores or a Dask cluster; the store stays single-writer.

Analysis is a pure function of (document, settings), so batches of documents travel to
workers as plain dicts and come back analysed; only the main process writes to SQLite,
in input order. Engines:

- ``serial``: in this process (the default for one worker);
- ``processes``: a local process pool (``concurrent.futures``), one model copy per worker;
- ``dask``: a Dask distributed cluster (``--scheduler tcp://host:8786``), or a local
  Dask cluster with ``workers`` processes when no scheduler is given.
"""
from __future__ import annotations

import logging
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from newsledger.errors import UsageError
from newsledger.models import Document
from newsledger.settings import Settings, load_settings

log = logging.getLogger(__name__)

ENGINES = ("serial", "processes", "dask")

KnownFor = Callable[[Document], Iterable[str]]


@lru_cache(maxsize=1)
def _worker_resources(settings_items: tuple[tuple[str, Any], ...]) -> Any:
    # One Resources (models loaded once) per worker process, keyed by the settings it was built from.
    from newsledger.resources import Resources

    return Resources(load_settings(dict(settings_items), env={}))


def analyze_batch(docs: Sequence[dict[str, Any]], settings_items: tuple[tuple[str, Any], ...],
                  known: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """Worker entry point: analyse documents given as dicts; returns dicts."""
    from newsledger.pipeline import analyze_many

    resources = _worker_resources(settings_items)
    documents = [Document.from_dict(d) for d in docs]
    analyze_many(documents, resources, known_boilerplate=lambda d: known.get(d.id, ()))
    return [d.to_dict() for d in documents]


class Executor:
    """Runs :func:`analyze_batch` on an engine, keeping results in submission order."""

    def __init__(self, engine: str = "processes", workers: int = 2, scheduler: Optional[str] = None,
                 settings: Optional[Settings] = None) -> None:
        if engine not in ENGINES:
            raise UsageError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
        if workers < 1:
            raise UsageError("--workers must be at least 1")
        self.engine = engine
        self.workers = workers
        self.settings_items = tuple(sorted((settings or load_settings()).values.items()))
        self._pool: Any = None
        self._client: Any = None
        self._cluster: Any = None
        if engine == "processes":
            self._pool = ProcessPoolExecutor(max_workers=workers)
        elif engine == "dask":
            try:
                from distributed import Client, LocalCluster
            except ImportError as exc:
                raise UsageError("the dask engine needs dask[distributed]: pip install 'newsledger[scale]'") from exc
            if scheduler:
                self._client = Client(scheduler)
            else:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self._client = Client(self._cluster)

    def submit(self, docs: Sequence[Document], known: KnownFor) -> Any:
        payload = [d.to_dict() for d in docs]
        known_map = {d.id: sorted(known(d)) for d in docs}
        if self.engine == "serial":
            future: Future = Future()
            future.set_result(analyze_batch(payload, self.settings_items, known_map))
            return future
        if self.engine == "processes":
            return self._pool.submit(analyze_batch, payload, self.settings_items, known_map)
        return self._client.submit(analyze_batch, payload, self.settings_items, known_map, pure=False)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> "Executor":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
