"""The sources file (TOML): the outlets a ledger follows, each with its feeds, sitemaps and section pages.

    [[source]]
    name = "armenpress"                  # how coverage names it (default: the site)
    site = "armenpress.am"               # optional: the site its pages are stored under
    feeds = ["https://armenpress.am/rss/"]                   # RSS 2.0 or Atom
    sitemaps = ["https://example.org/news-sitemap.xml"]      # sitemap, sitemap index or news sitemap
    sections = ["https://example.org/politics/"]             # HTML pages listing articles
    pages = ["https://example.org/2020/10/10/a-page.html"]   # single pages
    pattern = "/news/"                   # optional regex a page URL must match
    max_pages = 50                       # newest pages taken per listing and round (default: setting)
    lang = "hy"; side = "armenian"       # free notes, shown nowhere but kept for the reader
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any, Optional

from newsledger.errors import BadSources
from newsledger.fetch.urls import canonical_url, host_of

_LISTS = ("feeds", "sitemaps", "sections", "pages")
_KNOWN = set(_LISTS) | {"name", "site", "pattern", "max_pages", "lang", "side", "country", "notes", "kind"}


@dataclass(frozen=True)
class Source:
    """One outlet to follow."""

    name: str
    site: Optional[str] = None
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    pages: tuple[str, ...] = ()
    pattern: Optional[re.Pattern[str]] = None
    max_pages: Optional[int] = None

    @property
    def listings(self) -> list[tuple[str, str]]:
        """(kind, url) of every feed, sitemap and section page, in file order."""
        return ([("feed", u) for u in self.feeds] + [("sitemap", u) for u in self.sitemaps]
                + [("section", u) for u in self.sections])


def load_sources(path: str) -> list[Source]:
    """The sources of a TOML file; raises E059 (:class:`~newsledger.errors.BadSources`) naming the problem."""
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise BadSources(f"cannot read the sources file ({exc.strerror}): check the path", input_id=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise BadSources(f"the sources file is not valid TOML ({exc}): fix it", input_id=path) from exc
    return parse_sources(data, path)


def parse_sources(data: dict[str, Any], path: str = "sources") -> list[Source]:
    """Sources from parsed TOML (``[[source]]`` tables)."""
    tables = data.get("source")
    if not isinstance(tables, list) or not tables:
        raise BadSources("no [[source]] tables: list the outlets to follow (see examples/sources/karabakh.toml)",
                         input_id=path)
    sources, names = [], set()
    for number, table in enumerate(tables, start=1):
        where = f"{path}: source {number}"
        if not isinstance(table, dict):
            raise BadSources("a [[source]] entry is not a table", input_id=where)
        unknown = set(table) - _KNOWN
        if unknown:
            raise BadSources(f"unknown keys {sorted(unknown)}: use {sorted(_KNOWN)}", input_id=where)
        lists = {key: _urls(table.get(key, []), key, where) for key in _LISTS}
        if not any(lists.values()):
            raise BadSources("the source has no feeds, sitemaps, sections or pages: add at least one URL", input_id=where)
        first = next(u for key in _LISTS for u in lists[key])
        name = str(table.get("name") or table.get("site") or host_of(first))
        if name in names:
            raise BadSources(f"two sources are named {name!r}: names must differ", input_id=where)
        names.add(name)
        pattern = table.get("pattern")
        try:
            compiled = re.compile(pattern) if pattern else None
        except re.error as exc:
            raise BadSources(f"pattern {pattern!r} is not a regular expression ({exc})", input_id=where) from exc
        max_pages = table.get("max_pages")
        if max_pages is not None and (not isinstance(max_pages, int) or max_pages < 1):
            raise BadSources("max_pages must be a positive whole number", input_id=where)
        sources.append(Source(name=name, site=table.get("site"), pattern=compiled, max_pages=max_pages,
                              **{key: tuple(value) for key, value in lists.items()}))
    return sources


def _urls(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise BadSources(f"{key} must be a list of URLs", input_id=where)
    urls = []
    for url in value:
        if not isinstance(url, str) or canonical_url(url) is None:
            raise BadSources(f"{key}: {url!r} is not an http(s) URL", input_id=where)
        urls.append(url.strip())
    return urls
