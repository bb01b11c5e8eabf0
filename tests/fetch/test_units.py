"""The pure parts of fetching: canonical URLs, feeds, sitemaps, sources files, durations, the example file."""
from __future__ import annotations

import re

import pytest

from newsledger.errors import BadFeed, BadSources, UsageError
from newsledger.fetch import load_sources, parse_every
from newsledger.fetch.feeds import parse_feed, parse_section, parse_sitemap
from newsledger.fetch.sources import parse_sources
from newsledger.fetch.urls import canonical_link, canonical_url, keep_link
from tests.fetch.server import atom, rss, sitemap_index, urlset
from tests.paths import REPO, SHARED


def test_tracking_parameters_fragment_and_case_do_not_make_a_new_page():
    same = {canonical_url(u) for u in ("https://News.example.com/a/b.html?utm_source=rss&utm_medium=x",
                                       "https://news.example.com/a/b.html#comments",
                                       "https://news.example.com/a/b.html?fbclid=123")}
    assert same == {"https://news.example.com/a/b.html"}
    assert canonical_url("https://e.com/a?id=3&utm_campaign=z") == "https://e.com/a?id=3"
    assert canonical_url("/x.html", "https://e.com/news/") == "https://e.com/x.html"
    assert canonical_url("mailto:a@b.c") is None and canonical_url("") is None


def test_links_that_cannot_be_news_pages_are_dropped():
    assert keep_link("https://e.com/2020/10/story.html")
    assert not keep_link("https://e.com/files/report.pdf")
    assert not keep_link("https://e.com/tag/war")
    assert not keep_link("https://other.com/story.html", host="e.com")
    assert keep_link("https://www.e.com/story.html", host="e.com")
    assert not keep_link("https://e.com/story.html", pattern=re.compile("/news/"))


def test_canonical_link():
    html = b'<html><head><link rel="canonical" href="https://e.com/a.html?utm_source=x"></head></html>'
    assert canonical_link(html, "https://e.com/amp/a.html") == "https://e.com/a.html"
    assert canonical_link(b"<html></html>", "https://e.com/") is None


def test_rss_and_atom_feeds_give_their_links_newest_first():
    links = parse_feed(rss([("http://e.com/1.html", "Mon, 02 Nov 2026 10:00:00 GMT"),
                            ("http://e.com/2.html?utm_source=rss", "Tue, 03 Nov 2026 10:00:00 GMT")]).encode(), "http://e.com/f")
    assert [(lk.url, lk.published) for lk in links] == [("http://e.com/2.html", "2026-11-03"), ("http://e.com/1.html", "2026-11-02")]
    assert [lk.url for lk in parse_feed(atom(["http://e.com/a", "http://e.com/b"]).encode(), "http://e.com/atom")] == [
        "http://e.com/b", "http://e.com/a"]


def test_a_broken_feed_is_a_coded_failure():
    with pytest.raises(BadFeed) as err:
        parse_feed(rss([], broken=True).encode(), "http://e.com/broken")
    assert err.value.code == "E058"


def test_sitemaps_index_urlset_and_news():
    index = parse_sitemap(sitemap_index(["http://e.com/s1.xml", "http://e.com/s2.xml"]).encode(), "http://e.com/i.xml", 10**6)
    assert [s.url for s in index.sitemaps] == ["http://e.com/s1.xml", "http://e.com/s2.xml"] and not index.pages
    news = parse_sitemap(urlset(["http://e.com/n1.html"], news=True).encode(), "http://e.com/n.xml", 10**6)
    assert [(lk.url, lk.published) for lk in news.pages] == [("http://e.com/n1.html", "2026-11-20")]
    with pytest.raises(BadFeed):
        parse_sitemap(b"<html><body>not a sitemap</body></html>", "http://e.com/x.xml", 10**6)
    with pytest.raises(BadFeed):
        parse_sitemap(b"", "http://e.com/x.xml", 10**6)


def test_section_pages_keep_article_links_on_their_site():
    html = (b'<html><body><a href="/news/1.html">1</a><a href="https://other.org/x.html">x</a>'
            b'<a href="/tag/war">t</a><a href="/news/1.html?utm_source=nav">again</a></body></html>')
    assert [lk.url for lk in parse_section(html, "http://e.com/politics/")] == ["http://e.com/news/1.html"]


def test_sources_files_are_checked():
    sources = parse_sources({"source": [{"name": "a", "feeds": ["https://a.org/rss"], "pattern": "/news/", "max_pages": 5},
                                        {"sitemaps": "https://b.org/sitemap.xml"}]})
    assert [s.name for s in sources] == ["a", "b.org"] and sources[1].listings == [("sitemap", "https://b.org/sitemap.xml")]
    for bad in ({}, {"source": [{"name": "x"}]}, {"source": [{"feeds": ["ftp://x"]}]},
                {"source": [{"feeds": ["https://a"], "colour": "red"}]}, {"source": [{"feeds": ["https://a"], "pattern": "("}]},
                {"source": [{"name": "a", "feeds": ["https://a"]}, {"name": "a", "feeds": ["https://b"]}]}):
        with pytest.raises(BadSources) as err:
            parse_sources(bad)
        assert err.value.code == "E059"


def test_every():
    assert parse_every("15m") == 900 and parse_every("1h") == 3600 and parse_every("90s") == 90 and parse_every("2") == 120
    with pytest.raises(UsageError):
        parse_every("soon")


def test_the_example_sources_file_loads_and_holds_no_reserved_url():
    path = REPO / "examples" / "sources" / "karabakh.toml"
    sources = load_sources(str(path))
    assert len(sources) >= 15
    text = path.read_text(encoding="utf-8")
    reserved = SHARED / "eval" / "karabakh-pages" / "RESERVED-URLS.txt"
    if reserved.exists():
        for line in reserved.read_text(encoding="utf-8").splitlines():
            assert not line.strip() or line.strip() not in text
