"""A local news site for the fetch tests: an http.server in a thread, routes set per test, every request counted."""
from __future__ import annotations

import threading
import time
from collections import Counter
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional
from urllib.parse import urlsplit

Route = Callable[["Handler"], None]

WORDS = ("ministry council border village district river convoy talks envoy mediators statement morning evening "
         "residents officials observers agency reporters shelling ceasefire negotiations schools roads").split()


def article_html(n: int, title: Optional[str] = None, canonical: Optional[str] = None) -> str:
    """A small English news page whose text is unique to ``n`` (so each page is its own document)."""
    words = [WORDS[(n * 7 + i * 3) % len(WORDS)] for i in range(60)]
    paragraphs = [
        f"The regional council said on Monday that talks number {n} would resume in the capital next week.",
        f"Officials told reporters that {n + 3} observers arrived in the district and met residents of the village.",
        "Witnesses said " + " ".join(words[:30]) + f" (report {n}).",
        "An envoy said the mediators expect a statement " + " ".join(words[30:]) + f" before day {n % 28 + 1}.",
    ]
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{title or f'Report {n}'}</title>{head}"
            f'<meta property="article:published_time" content="2026-11-{n % 28 + 1:02d}"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article><h1>{title or f'Report {n}'}</h1>{body}</article>"
            "<footer>Copyright the local test agency</footer></body></html>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        site = self.server.site
        path = urlsplit(self.path).path
        with site.lock:
            site.hits[path] += 1
            site.requests.append((self.path, dict(self.headers)))
        route = site.routes.get(path)
        if route is None:
            self.send(404, b"not found", "text/plain")
        else:
            route(self)

    def send(self, status: int, body: bytes | str = b"", content_type: str = "text/html; charset=utf-8",
             headers: Optional[dict[str, str]] = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: "Site"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client closing a kept-alive connection (or a refused body) is part of the tests, not an error


class Site:
    """Routes by path; ``hits[path]`` counts requests, ``requests`` keeps (path with query, headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.sent_bytes = 0
        self._server = _Server(("127.0.0.1", 0), Handler)
        self._server.site = self
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- route builders --------------------------------------------------------------------
    def page(self, path: str, html: str, **headers: str) -> None:
        self.routes[path] = lambda h: h.send(200, html, headers=headers)

    def article(self, path: str, n: int, canonical: Optional[str] = None, delay: float = 0.0) -> None:
        html = article_html(n, canonical=canonical)

        def route(h: Handler) -> None:
            if delay:
                time.sleep(delay)
            h.send(200, html)
        self.routes[path] = route

    def xml(self, path: str, body: str, content_type: str = "application/xml", etag: Optional[str] = None) -> None:
        stamp = formatdate(usegmt=True)

        def route(h: Handler) -> None:
            if etag and h.headers.get("If-None-Match") == etag:
                h.send(304, b"", content_type, {"ETag": etag})
            else:
                h.send(200, body, content_type, {"ETag": etag, "Last-Modified": stamp} if etag else None)
        self.routes[path] = route

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        self.routes[path] = lambda h: h.send(status, b"", "text/plain", {"Location": to})

    def statuses(self, path: str, statuses: list[int], then_article: int) -> None:
        """Answer with each status of ``statuses`` in turn (429 with Retry-After: 0), then with an article."""
        left = list(statuses)
        html = article_html(then_article)

        def route(h: Handler) -> None:
            with self.lock:
                status = left.pop(0) if left else 200
            if status == 200:
                h.send(200, html)
            else:
                h.send(status, b"busy", "text/plain", {"Retry-After": "0"} if status == 429 else None)
        self.routes[path] = route

    def slow(self, path: str, seconds: float) -> None:
        def route(h: Handler) -> None:
            time.sleep(seconds)
            try:
                h.send(200, article_html(999))
            except OSError:
                pass
        self.routes[path] = route

    def huge(self, path: str, size: int, declare_length: bool) -> None:
        """``size`` bytes of HTML, streamed in 64 kB chunks; bytes actually sent are added to ``sent_bytes``."""
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"

        def route(h: Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            if declare_length:
                h.send_header("Content-Length", str(size))
            else:
                h.send_header("Connection", "close")
            h.end_headers()
            sent = 0
            try:
                while sent < size:
                    h.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            finally:
                with self.lock:
                    self.sent_bytes += sent
                h.close_connection = True
        self.routes[path] = route


def rss(items: list[tuple[str, str]], broken: bool = False) -> str:
    """RSS 2.0 with (link, RFC 822 date) items."""
    body = "".join(f"<item><title>t{i}</title><link>{link}</link><pubDate>{date}</pubDate></item>"
                   for i, (link, date) in enumerate(items))
    text = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{body}</channel></rss>'
    return text[: len(text) // 3] + "<<<&&&" if broken else text


def atom(links: list[str]) -> str:
    entries = "".join(f'<entry><title>e{i}</title><link href="{link}"/><id>{link}</id>'
                      f"<updated>2026-11-0{i + 1}T10:00:00Z</updated></entry>" for i, link in enumerate(links))
    return f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>{entries}</feed>'


def sitemap_index(children: list[str]) -> str:
    body = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}</sitemapindex>'


def urlset(links: list[str], news: bool = False) -> str:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    extra = ("<news:news><news:publication><news:name>T</news:name><news:language>en</news:language></news:publication>"
             "<news:publication_date>2026-11-20T08:00:00+04:00</news:publication_date></news:news>") if news else ""
    body = "".join(f"<url><loc>{u}</loc>{extra}</url>" for u in links)
    return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>{body}</urlset>'
