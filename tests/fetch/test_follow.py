"""Fetching against a local site: every case ends as a stored page or a coded failure in the fetch log."""
from __future__ import annotations

from typing import Any

from newsledger.fetch import Fetcher
from newsledger.fetch.sources import Source
from newsledger.store import Store, fetches
from tests.fetch.server import Site, atom, rss, sitemap_index, urlset

DATE = "Mon, 02 Nov 2026 10:00:00 GMT"


def log_by_url(store: Store) -> dict[str, dict[str, Any]]:
    return {row["url"]: row for row in fetches.fetch_log_rows(store)}


def stored_ids(store: Store) -> list[str]:
    return [row["id"] for row in store.rows("documents")]


def test_rss_atom_and_a_broken_feed(site: Site, fetcher: Fetcher, fetch_store: Store):
    for n in range(1, 6):
        site.article(f"/news/{n}.html", n)
    site.xml("/rss.xml", rss([(site.url("/news/1.html"), DATE), (site.url("/news/2.html?utm_source=rss"), DATE),
                              (site.url("/news/3.html"), DATE)]), "application/rss+xml")
    site.xml("/atom.xml", atom([site.url("/news/4.html"), site.url("/news/5.html"), site.url("/news/1.html")]),
             "application/atom+xml")
    site.xml("/broken.xml", rss([], broken=True))
    report = fetcher.follow([Source("wire", feeds=(site.url("/rss.xml"), site.url("/atom.xml"), site.url("/broken.xml")))])
    assert report.stored == 5 and len(stored_ids(fetch_store)) == 5
    log = log_by_url(fetch_store)
    assert log[site.url("/rss.xml")]["outcome"] == "listed" and log[site.url("/atom.xml")]["outcome"] == "listed"
    assert log[site.url("/broken.xml")]["error_code"] == "E058"
    assert all(site.hits[f"/news/{n}.html"] == 1 for n in range(1, 6))
    doc = fetch_store.document(stored_ids(fetch_store)[0])
    assert doc.url and doc.url.startswith(site.base) and doc.site == "127.0.0.1"


def test_sitemap_index_to_sitemaps_to_pages(site: Site, fetcher: Fetcher, fetch_store: Store):
    for n in range(10, 14):
        site.article(f"/a/{n}.html", n)
    site.xml("/sitemap.xml", sitemap_index([site.url("/sm-1.xml"), site.url("/sm-news.xml")]))
    site.xml("/sm-1.xml", urlset([site.url("/a/10.html"), site.url("/a/11.html")]))
    site.xml("/sm-news.xml", urlset([site.url("/a/12.html"), site.url("/a/13.html")], news=True))
    report = fetcher.follow([Source("maps", sitemaps=(site.url("/sitemap.xml"),))])
    assert report.stored == 4 and report.listings == 3
    dated = [fetch_store.document(i).published for i in stored_ids(fetch_store)]
    assert all(p is not None for p in dated)


def test_robots_disallow_404_no_retry_and_non_html(site: Site, fetcher: Fetcher, fetch_store: Store):
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n")
    site.article("/private/secret.html", 1)
    site.page("/doc.pdf", "%PDF-1.4 not a page", **{"Content-Type": "application/pdf"})
    site.routes["/doc.pdf"] = lambda h: h.send(200, b"%PDF-1.4", "application/pdf")
    site.article("/open.html", 2)
    urls = [site.url(p) for p in ("/private/secret.html", "/gone.html", "/doc.pdf", "/open.html")]
    report = fetcher.fetch(urls)
    log = log_by_url(fetch_store)
    assert log[urls[0]]["error_code"] == "E052" and site.hits["/private/secret.html"] == 0
    assert log[urls[1]]["error_code"] == "E053" and log[urls[1]]["status"] == 404 and site.hits["/gone.html"] == 1
    assert log[urls[2]]["error_code"] == "E056"
    assert log[urls[3]]["outcome"] == "stored" and report.stored == 1
    assert site.hits["/robots.txt"] == 1


def test_conditional_requests_give_304_on_the_second_run(site: Site, fetcher: Fetcher, fetch_store: Store):
    site.article("/news/1.html", 1)
    site.xml("/rss.xml", rss([(site.url("/news/1.html"), DATE)]), etag='"v1"')
    sources = [Source("wire", feeds=(site.url("/rss.xml"),))]
    assert fetcher.follow(sources).stored == 1
    again = fetcher.follow(sources)
    assert again.stored == 0 and again.queued == 0
    feed_rows = [r for r in fetches.fetch_log_rows(fetch_store) if r["kind"] == "feed"]
    assert [r["status"] for r in feed_rows] == [200, 304] and feed_rows[1]["outcome"] == "not-modified"
    assert site.requests[-1][1].get("If-None-Match") == '"v1"'
    assert site.hits["/news/1.html"] == 1


def test_fetch_again_by_name_is_conditional(site: Site, fetcher: Fetcher, fetch_store: Store):
    site.routes["/etag.html"] = lambda h: (h.send(304, b"", headers={"ETag": '"p"'}) if h.headers.get("If-None-Match") == '"p"'
                                           else h.send(200, __import__("tests.fetch.server").fetch.server.article_html(7),
                                                       headers={"ETag": '"p"'}))
    assert fetcher.fetch([site.url("/etag.html")]).stored == 1
    assert fetcher.fetch([site.url("/etag.html")]).not_modified == 1
    assert len(stored_ids(fetch_store)) == 1


def test_429_and_500_are_retried_then_stored(site: Site, fetcher: Fetcher, fetch_store: Store):
    site.statuses("/busy.html", [429], then_article=20)
    site.statuses("/flaky.html", [500, 503], then_article=21)
    report = fetcher.fetch([site.url("/busy.html"), site.url("/flaky.html")])
    assert report.stored == 2 and not report.failures
    assert site.hits["/busy.html"] == 2 and site.hits["/flaky.html"] == 3


def test_server_errors_past_the_retries_slow_responses_and_redirect_loops_fail_with_codes(site: Site, fetcher: Fetcher,
                                                                                         fetch_store: Store):
    site.statuses("/down.html", [500, 500, 500, 500], then_article=22)
    site.slow("/slow.html", 1.5)
    site.redirect("/loop/a", "/loop/b")
    site.redirect("/loop/b", "/loop/a")
    urls = [site.url(p) for p in ("/down.html", "/slow.html", "/loop/a")]
    report = fetcher.fetch(urls)
    log = log_by_url(fetch_store)
    assert [log[u]["error_code"] for u in urls] == ["E053", "E054", "E057"]
    assert log[urls[0]]["status"] == 500 and site.hits["/down.html"] == 3  # 1 try + 2 retries
    assert site.hits["/slow.html"] == 3 and report.stored == 0 and len(report.failures) == 3


def test_a_50_mb_body_is_refused_without_reading_it_all(site: Site, fetcher: Fetcher, fetch_store: Store):
    size = 50_000_000
    site.huge("/big.html", size, declare_length=True)
    site.huge("/big-chunked.html", size, declare_length=False)
    urls = [site.url("/big.html"), site.url("/big-chunked.html")]
    fetcher.fetch(urls)
    log = log_by_url(fetch_store)
    assert log[urls[0]]["error_code"] == "E055" and log[urls[1]]["error_code"] == "E055"
    assert site.hits["/big.html"] == 1 and site.hits["/big-chunked.html"] == 1  # a cap is not retried
    assert site.sent_bytes < size // 2


def test_one_article_under_three_urls_is_fetched_and_analysed_once(site: Site, fetcher: Fetcher, fetch_store: Store):
    site.article("/story.html", 30)
    site.redirect("/go/story", site.url("/story.html"))
    site.article("/amp/story.html", 30, canonical=site.url("/story.html"))
    feed = rss([(site.url("/story.html?utm_source=rss&utm_medium=feed"), DATE), (site.url("/story.html"), DATE),
                (site.url("/go/story"), DATE), (site.url("/amp/story.html"), DATE)])
    site.xml("/rss.xml", feed)
    report = fetcher.follow([Source("wire", feeds=(site.url("/rss.xml"),))])
    assert site.hits["/story.html"] == 1 and site.hits["/go/story"] <= 1
    assert len(stored_ids(fetch_store)) == 1 and report.stored == 1
    outcomes = sorted(r["outcome"] for r in fetches.fetch_log_rows(fetch_store) if r["kind"] == "page")
    assert outcomes == ["duplicate", "duplicate", "stored"]


def test_the_archive_reproduces_the_store(site: Site, fetcher: Fetcher, fetch_store: Store, tmp_path, resources):
    from newsledger.ingest import ingest

    for n in range(40, 44):
        site.article(f"/news/{n}.html", n)
    site.xml("/rss.xml", rss([(site.url(f"/news/{n}.html"), DATE) for n in range(40, 44)]))
    fetcher.follow([Source("wire", feeds=(site.url("/rss.xml"),))])
    fetcher.archive.close()
    archives = [str(p) for p in (tmp_path / "fetch.db.warc").glob("*.warc.gz")]
    assert len(archives) == 1
    with Store(str(tmp_path / "again.db")) as again:
        report = ingest(archives, again, resources)
        assert report.documents_new == 4
        assert sorted(stored_ids(again)) == sorted(stored_ids(fetch_store))


def test_a_later_round_retries_passing_failures_only(site: Site, fetcher: Fetcher, fetch_store: Store):
    site.statuses("/later.html", [500, 500, 500], then_article=50)
    site.xml("/rss.xml", rss([(site.url("/later.html"), DATE), (site.url("/missing.html"), DATE)]))
    sources = [Source("wire", feeds=(site.url("/rss.xml"),))]
    assert fetcher.follow(sources).stored == 0
    assert fetcher.follow(sources).stored == 1
    assert site.hits["/later.html"] == 4 and site.hits["/missing.html"] == 1  # a 404 is not asked for again


def test_a_page_without_main_text_is_a_coded_failure(site: Site, fetcher: Fetcher, fetch_store: Store):
    site.page("/empty.html", "<html><head><title>x</title></head><body></body></html>")
    report = fetcher.fetch([site.url("/empty.html")])
    row = log_by_url(fetch_store)[site.url("/empty.html")]
    assert row["outcome"] == "failed" and row["error_code"] in ("E011", "E018") and row["status"] == 200
    assert report.failures and not stored_ids(fetch_store)
    assert fetcher.fetch([site.url("/empty.html")]).failures  # asked for by name: tried again, fails again
