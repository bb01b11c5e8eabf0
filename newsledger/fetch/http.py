"""The polite HTTP client: robots.txt, a per-host rate limit and concurrency cap, conditional
requests, timeouts, retries with backoff, a streamed size cap, content-type checks and a
redirect limit, over one ``httpx.Client`` shared by the fetch threads.

Every failure is raised as a coded :class:`~newsledger.errors.FetchError` (E051-E058), so the
caller records it in the fetch log and goes on with the next page.
"""
from __future__ import annotations

import logging
import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import urljoin, urlsplit

import httpx

from newsledger.errors import (
    FetchError,
    FetchTimeout,
    HttpError,
    NotHtml,
    ResponseTooLarge,
    RobotsDisallowed,
    TooManyRedirects,
)
from newsledger.fetch.urls import host_of
from newsledger.settings import Settings

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = ("text/html", "application/xhtml+xml")
ROBOTS_MAX_BYTES = 512_000
MAX_RETRY_AFTER = 120.0
MAX_CRAWL_DELAY = 60.0
_OPEN = ["User-agent: *", "Allow: /"]
_CLOSED = ["User-agent: *", "Disallow: /"]


@dataclass(frozen=True)
class FetchConfig:
    """The politeness and robustness knobs, read from settings (``newsledger settings`` lists them).

    No defaults here: they are declared once, in :data:`newsledger.settings.SETTINGS`.
    """

    user_agent: str
    host_delay: float
    host_concurrency: int
    concurrency: int
    timeout: float
    retries: int
    backoff: float
    max_bytes: int
    max_redirects: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "FetchConfig":
        return cls(user_agent=settings.fetch_user_agent, host_delay=float(settings.fetch_host_delay),
                   host_concurrency=int(settings.fetch_host_concurrency), concurrency=int(settings.fetch_concurrency),
                   timeout=float(settings.fetch_timeout), retries=int(settings.fetch_retries),
                   backoff=float(settings.fetch_backoff), max_bytes=int(settings.fetch_max_bytes),
                   max_redirects=int(settings.fetch_max_redirects))


@dataclass
class Response:
    """One final response (after redirects): what the fetch log, the archive and the reader need."""

    url: str
    final_url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""
    seconds: float = 0.0
    http_version: str = "HTTP/1.1"
    redirects: list[str] = field(default_factory=list)
    #: set when a redirect led to a URL already done: the body was never fetched
    duplicate_of: Optional[str] = None

    def header(self, name: str) -> Optional[str]:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def content_type(self) -> str:
        return self.header("content-type") or ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _HostGate:
    """At most ``concurrency`` requests to one host at a time, their starts ``delay`` seconds apart."""

    def __init__(self, delay: float, concurrency: int) -> None:
        self.delay = delay
        self._slots = threading.Semaphore(max(1, concurrency))
        self._lock = threading.Lock()
        self._next_at = 0.0

    def __enter__(self) -> None:
        self._slots.acquire()
        with self._lock:
            now = time.monotonic()
            wait = self._next_at - now
            self._next_at = max(now, self._next_at) + self.delay
        if wait > 0:
            time.sleep(wait)

    def __exit__(self, *exc: object) -> None:
        self._slots.release()


class PoliteClient:
    """GET pages and feeds politely; thread-safe (one instance serves every fetch thread)."""

    def __init__(self, config: FetchConfig, transport: Optional[httpx.BaseTransport] = None) -> None:
        self.config = config
        self._client = httpx.Client(follow_redirects=False, timeout=httpx.Timeout(config.timeout), transport=transport,
                                    headers={"User-Agent": config.user_agent,
                                             "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
        self._lock = threading.Lock()
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "PoliteClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the one public call ---------------------------------------------------------------
    def get(self, url: str, *, html_only: bool = True, etag: Optional[str] = None, last_modified: Optional[str] = None,
            is_done: Optional[Callable[[str], bool]] = None) -> Response:
        """The final response for ``url`` after at most ``max_redirects`` redirects, each hop allowed by robots.txt.

        ``etag``/``last_modified`` make the request conditional (a 304 comes back with no body);
        ``is_done(url)`` stops at a redirect to a page already fetched (``duplicate_of`` is set).
        Raises E051-E057 (:class:`~newsledger.errors.FetchError`).
        """
        started = time.monotonic()
        seen = [url]
        current = url
        for _ in range(self.config.max_redirects + 1):
            self._check_robots(current)
            response = self._request(current, html_only=html_only, etag=etag, last_modified=last_modified)
            location = response.header("location")
            if response.status not in REDIRECT_STATUSES or not location:
                response.url, response.redirects = url, seen[:-1]
                response.seconds = time.monotonic() - started
                return response
            target = urljoin(current, location)
            if target in seen:
                raise TooManyRedirects(f"redirect loop ({' -> '.join(seen + [target])}): the site is misconfigured",
                                       input_id=url)
            seen.append(target)
            if is_done is not None and is_done(target):
                return Response(url, target, response.status, response.headers, seconds=time.monotonic() - started,
                                redirects=seen[:-1], duplicate_of=target)
            current = target
            etag = last_modified = None  # validators belong to the first URL
        raise TooManyRedirects(f"more than {self.config.max_redirects} redirects: set NEWSLEDGER_FETCH_MAX_REDIRECTS "
                               "higher if the site needs them", input_id=url)

    # -- politeness ------------------------------------------------------------------------
    def _gate(self, host: str) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = _HostGate(self.config.host_delay, self.config.host_concurrency)
            return gate

    def _check_robots(self, url: str) -> None:
        parser = self._robots_for(url)
        if not parser.can_fetch(self.config.user_agent, url):
            raise RobotsDisallowed(input_id=url)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        host = host_of(url)
        with self._lock:
            lock = self._robots_locks.setdefault(host, threading.Lock())
        with lock:  # one robots.txt fetch per host, whatever the number of threads asking
            parser = self._robots.get(host)
            if parser is None:
                parser = self._robots[host] = self._load_robots(url)
            return parser

    def _load_robots(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        try:
            response = self._request(robots_url, html_only=False, max_bytes=ROBOTS_MAX_BYTES)
            for _ in range(self.config.max_redirects):
                location = response.header("location")
                if response.status not in REDIRECT_STATUSES or not location:
                    break
                response = self._request(urljoin(robots_url, location), html_only=False, max_bytes=ROBOTS_MAX_BYTES)
        except HttpError as exc:
            # RFC 9309: a missing robots.txt (4xx) allows everything; a server error closes the site for now.
            parser.parse(_OPEN if exc.status is not None and 400 <= exc.status < 500 else _CLOSED)
            return parser
        except FetchError as exc:
            log.info("robots.txt of %s unreachable (%s): treating the site as closed for this run", parts.netloc, exc)
            parser.parse(_CLOSED)
            return parser
        if response.status in REDIRECT_STATUSES:
            parser.parse(_OPEN)
            return parser
        parser.parse(response.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(self.config.user_agent)
        if delay:
            gate = self._gate(host_of(url))
            gate.delay = max(gate.delay, min(float(delay), MAX_CRAWL_DELAY))
        return parser

    # -- one request, retried ----------------------------------------------------------------
    def _request(self, url: str, *, html_only: bool, etag: Optional[str] = None, last_modified: Optional[str] = None,
                 max_bytes: Optional[int] = None) -> Response:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        gate = self._gate(host_of(url))
        attempts = self.config.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            wait = self.config.backoff * (2 ** attempt)
            started = time.monotonic()
            try:
                with gate:
                    with self._client.stream("GET", url, headers=headers) as r:
                        if r.status_code in RETRY_STATUSES and not last:
                            wait = max(wait, _retry_after(r.headers.get("retry-after")))
                            log.info("%s: HTTP %d, retry %d/%d in %.1fs", url, r.status_code, attempt + 1,
                                     self.config.retries, wait)
                        else:
                            return self._read(url, r, html_only, max_bytes or self.config.max_bytes, started)
            except httpx.TimeoutException as exc:
                if last:
                    raise FetchTimeout(f"no answer within {self.config.timeout:g}s after {attempts} tries "
                                       f"({type(exc).__name__}): try later or set NEWSLEDGER_FETCH_TIMEOUT higher",
                                       input_id=url) from exc
                log.info("%s: %s, retry %d/%d in %.1fs", url, type(exc).__name__, attempt + 1, self.config.retries, wait)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:  # connection, protocol, decoding errors
                if last or isinstance(exc, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
                    raise FetchError(f"connection failed after {attempt + 1} tries ({type(exc).__name__}: {exc}): "
                                     "check the URL and the network", input_id=url) from exc
            time.sleep(wait)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _read(self, url: str, r: httpx.Response, html_only: bool, max_bytes: int, started: float) -> Response:
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in r.headers.raw]
        status = r.status_code
        version = r.http_version or "HTTP/1.1"
        if status in REDIRECT_STATUSES or status == 304:
            return Response(url, url, status, headers, seconds=time.monotonic() - started, http_version=version)
        if status >= 400:
            hint = "try later" if status in RETRY_STATUSES else "the page is gone or closed: check the URL"
            raise HttpError(f"HTTP {status} {r.reason_phrase}: {hint}", input_id=url, status=status)
        content_type = r.headers.get("content-type", "")
        if html_only and content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
            raise NotHtml(f"content type {content_type!r} is not HTML: only web pages are analysed", input_id=url,
                          status=status)
        declared = r.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise ResponseTooLarge(f"the response declares {int(declared):,} bytes, over the {max_bytes:,}-byte cap: "
                                   "set NEWSLEDGER_FETCH_MAX_BYTES higher to read it", input_id=url, status=status)
        chunks, size = [], 0
        for chunk in r.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise ResponseTooLarge(f"the response is over the {max_bytes:,}-byte cap (stopped reading): "
                                       "set NEWSLEDGER_FETCH_MAX_BYTES higher to read it", input_id=url, status=status)
            chunks.append(chunk)
        return Response(url, url, status, headers, b"".join(chunks), time.monotonic() - started, version)


def _retry_after(value: Optional[str]) -> float:
    """Seconds a 429/503 asks to wait (numeric form only; a date or nonsense counts as 0), capped."""
    try:
        return min(max(float(value or 0), 0.0), MAX_RETRY_AFTER)
    except ValueError:
        return 0.0
