"""What a listing links to: RSS/Atom feeds (feedparser), sitemaps, sitemap indexes and news
sitemaps (lxml), and section pages (links on the page's own site).

Each parser is pure (bytes in, links out) and raises E058 (:class:`~newsledger.errors.BadFeed`)
when the listing cannot be read at all; a feed that is broken but still yields entries is used.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Optional

from newsledger.errors import BadFeed, InputError
from newsledger.fetch.urls import canonical_url, host_of, keep_link
from newsledger.read.decode import maybe_gunzip

log = logging.getLogger(__name__)

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Link:
    """A page a listing points at, with the publication day the listing states (if any)."""

    url: str
    published: Optional[str] = None


@dataclass(frozen=True)
class Sitemap:
    """A sitemap's content: pages (``urlset``) and/or further sitemaps (``sitemapindex``)."""

    pages: list[Link]
    sitemaps: list[Link]


def parse_feed(body: bytes, url: str) -> list[Link]:
    """Entry links of an RSS 2.0 / Atom / RDF feed, newest first when the feed dates them."""
    import feedparser

    parsed = feedparser.parse(body)
    links = []
    for entry in parsed.entries:
        href = entry.get("link") or next((lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
        target = canonical_url(href, url) if href else None
        if target:
            stamp = entry.get("published_parsed") or entry.get("updated_parsed")
            links.append(Link(target, "%04d-%02d-%02d" % stamp[:3] if stamp else None))
    if not links and parsed.get("bozo"):
        reason = parsed.get("bozo_exception")
        raise BadFeed(f"the feed cannot be parsed ({type(reason).__name__}: {reason}): check the feed URL in the "
                      "sources file", input_id=url)
    if parsed.get("bozo"):
        log.info("%s: feed is not well-formed, %d entries read anyway", url, len(links))
    return _newest_first(links)


def parse_sitemap(body: bytes, url: str, max_bytes: int) -> Sitemap:
    """Pages and child sitemaps of a sitemap, sitemap index or news sitemap (gzipped or not)."""
    from lxml import etree

    try:
        body = maybe_gunzip(body, max_bytes, input_id=url)
        root = etree.fromstring(body, parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                                                             huge_tree=False))
    except (InputError, etree.XMLSyntaxError, ValueError) as exc:
        raise BadFeed(f"the sitemap cannot be parsed ({exc}): check the sitemap URL in the sources file",
                      input_id=url) from exc
    if root is None:
        raise BadFeed("the sitemap is empty or not XML: check the sitemap URL in the sources file", input_id=url)
    kind = etree.QName(root).localname.lower()
    pages: list[Link] = []
    sitemaps: list[Link] = []
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        loc = published = None
        for child in entry.iter():
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child).localname.lower()
            text = (child.text or "").strip()
            if name == "loc" and loc is None:
                loc = text
            elif name in ("publication_date", "lastmod") and text and (published is None or name == "publication_date"):
                match = _DAY.match(text)
                published = match.group(1) if match else published
        target = canonical_url(loc, url) if loc else None
        if not target:
            continue
        if kind == "sitemapindex":
            sitemaps.append(Link(target, published))
        else:
            pages.append(Link(target, published))
    if kind not in ("sitemapindex", "urlset"):
        raise BadFeed(f"the document is a <{kind}>, not a sitemap (<urlset> or <sitemapindex>): check the URL",
                      input_id=url)
    return Sitemap(_newest_first(pages), _newest_first(sitemaps))


def parse_section(html: bytes, url: str) -> list[Link]:
    """Links on a section page that stay on its site and can be articles, in page order."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, Exception) as exc:  # lxml raises ParserError/XMLSyntaxError on empty or odd bytes
        raise BadFeed(f"the section page cannot be parsed ({exc}): check its URL in the sources file",
                      input_id=url) from exc
    host = host_of(url)
    found: dict[str, None] = {}
    for href in tree.xpath("//a/@href"):
        target = canonical_url(str(href), url)
        if target and target != canonical_url(url) and keep_link(target, host=host):
            found.setdefault(target, None)
    return [Link(u) for u in found]


def _newest_first(links: list[Link]) -> list[Link]:
    """Dated links newest first, then undated ones in listing order; each URL once."""
    unique: dict[str, Link] = {}
    for link in links:
        unique.setdefault(link.url, link)
    ordered = list(unique.values())
    return sorted(ordered, key=lambda lk: lk.published or "", reverse=True) if any(lk.published for lk in ordered) else ordered
