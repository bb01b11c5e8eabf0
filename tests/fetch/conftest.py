"""Fixtures of the fetch tests: a local site per test, a store with tiny politeness delays."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from newsledger.fetch import Fetcher
from newsledger.resources import Resources
from newsledger.settings import Settings, load_settings
from newsledger.store import Store
from tests.fetch.server import Site

#: The local host may be asked faster than a real one: tiny delays and backoffs keep the suite fast.
FAST = {"fetch_host_delay": 0.0, "fetch_backoff": 0.01, "fetch_timeout": 0.5, "fetch_retries": 2,
        "fetch_max_bytes": 2_000_000, "fetch_concurrency": 4, "fetch_host_concurrency": 4}


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


@pytest.fixture
def fetch_settings() -> Settings:
    return load_settings(FAST)


@pytest.fixture
def fetch_store(tmp_path: Path, fetch_settings: Settings) -> Iterator[Store]:
    s = Store(str(tmp_path / "fetch.db"), fetch_settings)
    yield s
    s.close()


@pytest.fixture
def fetcher(fetch_store: Store, resources: Resources) -> Iterator[Fetcher]:
    f = Fetcher(fetch_store, resources)
    yield f
    f.close()
