"""Canonical URLs: one key per page, whatever its tracking parameters, fragment or host case.

A page is fetched and analysed once per canonical URL (:func:`canonical_url`); links found in
feeds, sitemaps and section pages are kept only when they can be news pages (:func:`keep_link`).
"""
from __future__ import annotations

import re
from typing import Optional
from urllib.parse import urljoin, urlsplit

from courlan import normalize_url
from courlan.filters import extension_filter

#: Paths that are never articles: feeds, media, assets (courlan's extension filter covers files).
_NOT_ARTICLE = re.compile(r"/(feed|rss|tag|tags|author|search|login|signup|wp-json|cdn-cgi)(/|$)", re.I)


def canonical_url(url: str, base: Optional[str] = None) -> Optional[str]:
    """The canonical form of ``url`` (resolved against ``base``): scheme and host in lower case,
    default port, tracking parameters (``utm_*``, ``fbclid``, ``ref``...) and fragment dropped
    (courlan ``normalize_url(strict=True)``). None when it is not an http(s) URL."""
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        return normalize_url(url, strict=True)
    except (ValueError, AttributeError):
        return None


def host_of(url: str) -> str:
    """``host[:port]`` in lower case: the unit of politeness (rate limit, robots.txt)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def keep_link(url: str, pattern: Optional[re.Pattern[str]] = None, host: Optional[str] = None) -> bool:
    """Whether a found link can be a news page: http(s), not a file or feed path, on ``host`` when
    given (section pages link everywhere), and matching the source's ``pattern`` when it has one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if host is not None and _bare(host_of(url)) != _bare(host):
        return False
    if not extension_filter(parts.path) or _NOT_ARTICLE.search(parts.path):
        return False
    return pattern is None or pattern.search(url) is not None


def _bare(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


_CANONICAL_TAG = re.compile(rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I)
_HREF = re.compile(rb"\bhref\s*=\s*[\"']([^\"']+)[\"']", re.I)


def canonical_link(html: bytes, base: str) -> Optional[str]:
    """The canonical form of the page's ``<link rel="canonical">`` (looked for in its first 300 kB), or None."""
    tag = _CANONICAL_TAG.search(html[:300_000])
    href = _HREF.search(tag.group(0)) if tag else None
    return canonical_url(href.group(1).decode("utf-8", "replace").strip(), base) if href else None
