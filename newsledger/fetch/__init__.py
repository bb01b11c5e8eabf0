"""Following sources: pages, feeds, sitemaps and section pages fetched politely into the store.

It sits beside :mod:`newsledger.read` and produces the same Documents, which take the same
analysis and store path as ``ingest``:

- :mod:`~newsledger.fetch.http`: :class:`PoliteClient` (robots.txt, per-host rate limit, retries, caps)
- :mod:`~newsledger.fetch.urls`: canonical URLs (courlan) and link filters
- :mod:`~newsledger.fetch.feeds`: RSS/Atom (feedparser), sitemaps and news sitemaps, section pages
- :mod:`~newsledger.fetch.archive`: raw responses as WARC next to the store
- :mod:`~newsledger.fetch.sources`: the sources file (TOML)
- :mod:`~newsledger.fetch.run`: :class:`Fetcher`, the loop (frontier, resume, analysis)
"""
from __future__ import annotations

from newsledger.fetch.http import FetchConfig, PoliteClient
from newsledger.fetch.run import Fetcher, FetchReport, parse_every
from newsledger.fetch.sources import Source, load_sources

__all__ = ["FetchConfig", "FetchReport", "Fetcher", "PoliteClient", "Source", "load_sources", "parse_every"]
