"""The fetch loop: listings -> frontier -> polite fetches -> WARC -> the analysis and store path of ``ingest``.

Fetches run in threads (the per-host gates keep them polite); this thread alone touches the
store: it archives each response, records it, then analyses fetched pages in small batches
exactly as ``ingest`` does (known site boilerplate, one transaction per document, then reprints
and incidents). A page archived but not yet stored when a run is killed is analysed from the
archive on the next run, never fetched again.
"""
from __future__ import annotations

import logging
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional, Sequence

from newsledger.errors import FetchError, HttpError, InputError, NewsledgerError
from newsledger.fetch.archive import ArchivedRecord, WarcArchive, archive_folder, read_archived
from newsledger.fetch.feeds import Link, parse_feed, parse_section, parse_sitemap
from newsledger.fetch.http import FetchConfig, PoliteClient, Response
from newsledger.fetch.sources import Source
from newsledger.fetch.urls import canonical_link, canonical_url, host_of, keep_link
from newsledger.models import Document, Failure
from newsledger.pipeline import analyze_many
from newsledger.pipeline import outcome as stored_form
from newsledger.read import Metadata, document_from_html
from newsledger.resources import Resources
from newsledger.store import Store, fetches, site_key

log = logging.getLogger(__name__)

#: Errors worth another try in a later round (timeouts, server errors, connection failures).
PASSING_ERRORS = ("E051", "E054", "E053")
COMMAND_LINE = "(command line)"
MAX_CHILD_SITEMAPS = 10
ANALYSIS_BATCH = 8

#: Progress events: (what happened, url, detail) -- ``stored``, ``seen``, ``failed``, ``listed``...
Progress = Callable[[str, str, str], None]


@dataclass
class FetchReport:
    """What one fetch or follow round did (the CLI prints it; the bench reads its timings)."""

    listings: int = 0
    queued: int = 0
    stored: int = 0
    seen: int = 0
    duplicates: int = 0
    not_modified: int = 0
    recovered: int = 0
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    would_fetch: list[str] = field(default_factory=list)
    seconds_waiting: float = 0.0
    seconds_analysing: float = 0.0
    seconds_total: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"listings": self.listings, "queued": self.queued, "stored": self.stored,
                "already_stored": self.seen, "duplicates": self.duplicates, "not_modified": self.not_modified,
                "recovered_from_archive": self.recovered,
                "failures": [{"url": u, "code": c, "message": m} for u, c, m in self.failures],
                "seconds": {"total": round(self.seconds_total, 3), "waiting_for_fetches": round(self.seconds_waiting, 3),
                            "analysing_and_storing": round(self.seconds_analysing, 3)}}


@dataclass
class _Fetched:
    """A page response archived and logged, waiting for analysis."""

    canonical: str
    source: Optional[str]
    published: Optional[str]
    fetch_id: int
    final_url: str
    body: bytes
    content_type: str
    also: list[str]


class Fetcher:
    """Fetch pages and follow sources into one store (``with Fetcher(store) as f: f.follow(sources)``)."""

    def __init__(self, store: Store, resources: Optional[Resources] = None, client: Optional[PoliteClient] = None,
                 progress: Optional[Progress] = None) -> None:
        self.store = store
        self.settings = store.settings
        self.resources = resources or Resources(store.settings)
        self.config = FetchConfig.from_settings(store.settings)
        self.client = client or PoliteClient(self.config)
        self.archive = WarcArchive(archive_folder(store.path, self.settings.fetch_archive))
        self.progress = progress or (lambda what, url, detail: None)
        self.done = fetches.done_urls(store)  # read by fetch threads (set lookups are atomic), written here only
        self._listing_validators: dict[str, tuple[Optional[str], Optional[str]]] = {}
        self._pool = ThreadPoolExecutor(max_workers=max(1, self.config.concurrency), thread_name_prefix="fetch")

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self.client.close()
        self.archive.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the two entry points ----------------------------------------------------------------
    def fetch(self, urls: Sequence[str], dry_run: bool = False) -> FetchReport:
        """Fetch single pages; a page fetched before is asked for again only conditionally (ETag/Last-Modified)."""
        report = FetchReport()
        started = time.monotonic()
        self._recover(report)
        todo: list[dict[str, Any]] = []
        for url in urls:
            canonical = canonical_url(url)
            if canonical is None:
                report.failures.append((url, "E051", "not an http(s) URL"))
                continue
            todo.append({"canonical_url": canonical, "url": url, "source": COMMAND_LINE, "published": None})
        if dry_run:
            report.would_fetch = [t["url"] for t in todo]
            return report
        with self.store.transaction():
            report.queued = fetches.enqueue(self.store, ((t["canonical_url"], t["url"], COMMAND_LINE, None) for t in todo))
        for t in todo:  # asked for by name: fetched again, conditionally
            self.done.discard(t["canonical_url"])
        self._fetch_pages(todo, report, conditional=True)
        self.store.relink_if_pending()  # as ingest ends: the cross-document tables in canonical order
        report.seconds_total = time.monotonic() - started
        return report

    def follow(self, sources: Sequence[Source], dry_run: bool = False) -> FetchReport:
        """One round: read every listing of ``sources``, queue new pages, fetch and store them."""
        report = FetchReport()
        started = time.monotonic()
        if not dry_run:
            self._recover(report)
        links = self._discover(sources, report, dry_run)
        if dry_run:
            report.would_fetch = [c for c, _, _, _ in links if c not in self.done]
            return report
        with self.store.transaction():
            report.queued = fetches.enqueue(self.store, links)
        todo = fetches.queued(self.store, [s.name for s in sources], PASSING_ERRORS)
        self._fetch_pages(todo, report)
        self.store.relink_if_pending()  # as ingest ends: the cross-document tables in canonical order
        report.seconds_total = time.monotonic() - started
        return report

    # -- listings ----------------------------------------------------------------------------
    def _discover(self, sources: Sequence[Source], report: FetchReport,
                  dry_run: bool) -> list[tuple[str, str, Optional[str], Optional[str]]]:
        self._listing_validators = fetches.listing_validators(self.store)
        jobs: list[tuple[Source, str, str, Future[list[tuple[str, Any]]]]] = []
        for source in sources:
            for kind, url in source.listings:
                jobs.append((source, kind, url, self._pool.submit(self._read_listing, kind, url, dry_run)))
        found: list[tuple[str, str, Optional[str], Optional[str]]] = []
        for source, kind, url, future in jobs:
            links: list[Link] = []
            for what, outcome in future.result():
                if isinstance(outcome, list):
                    links += outcome
                    continue
                report.listings += 1
                if not dry_run:
                    with self.store.transaction():
                        fetches.log_fetch(self.store, source=source.name, kind=kind, **outcome)
                if outcome.get("error_code"):
                    report.failures.append((outcome["url"], outcome["error_code"], outcome["error"]))
                self.progress(outcome["outcome"], outcome["url"], outcome.get("error_code") or what)
            same_host = url if kind == "section" else None
            kept = [lk for lk in links if keep_link(lk.url, source.pattern, host=_host(same_host))]
            limit = source.max_pages or int(self.settings.fetch_max_pages)
            found += [(lk.url, lk.url, source.name, lk.published) for lk in kept[:limit]]
            for page in source.pages:
                canonical = canonical_url(page)
                if canonical:
                    found.append((canonical, page, source.name, None))
        return found

    def _read_listing(self, kind: str, url: str, dry_run: bool) -> list[tuple[str, Any]]:
        """Runs in a fetch thread: (kind, log fields) per request and (kind, links) per listing read."""
        results: list[tuple[str, Any]] = []
        todo = [(kind, url)]
        children = 0
        while todo:
            kind, url = todo.pop(0)
            canonical = canonical_url(url) or url
            etag, modified = (None, None) if dry_run else self._listing_validators.get(canonical, (None, None))
            fields: dict[str, Any] = {"url": url, "canonical_url": canonical}
            try:
                response = self.client.get(url, html_only=kind == "section", etag=etag, last_modified=modified)
                fields.update(_response_fields(response))
                if response.not_modified:
                    fields["outcome"] = "not-modified"
                    results.append((kind, fields))
                    continue
                if kind == "feed":
                    links = parse_feed(response.body, response.final_url)
                elif kind == "section":
                    links = parse_section(response.body, response.final_url)
                else:
                    sitemap = parse_sitemap(response.body, response.final_url, self.config.max_bytes)
                    links = sitemap.pages
                    for child in sitemap.sitemaps:
                        if children < MAX_CHILD_SITEMAPS:
                            children += 1
                            todo.append(("sitemap", child.url))
                fields.update(outcome="listed", error=f"{len(links)} links")
                results += [(kind, fields), (kind, links)]
            except NewsledgerError as exc:
                fields.update(outcome="failed", error_code=exc.code, error=exc.message, status=getattr(exc, "status", None))
                results.append((kind, fields))
        return results

    # -- pages -------------------------------------------------------------------------------
    def _fetch_pages(self, todo: Iterable[dict[str, Any]], report: FetchReport, conditional: bool = False) -> None:
        pending: dict[Future[Response], dict[str, Any]] = {}
        self._claimed: set[str] = set()
        for item in _round_robin_by_host(todo):
            canonical = item["canonical_url"]
            if canonical in self.done or canonical in self._claimed:
                continue
            self._claimed.add(canonical)  # a redirect or canonical link to a page in flight is a duplicate
            etag, modified = fetches.validators(self.store, canonical) if conditional else (None, None)
            pending[self._pool.submit(self.client.get, item["url"], html_only=True, etag=etag, last_modified=modified,
                                      is_done=self._taken)] = item
        batch: list[_Fetched] = []
        while pending:
            waited = time.monotonic()
            finished, _ = wait(pending, return_when="FIRST_COMPLETED")
            report.seconds_waiting += time.monotonic() - waited
            for future in finished:
                fetched = self._settle(pending.pop(future), future, report)
                if fetched is not None:
                    batch.append(fetched)
            # analyse while later fetches are on their way; batch when several are ready at once
            if batch and (len(batch) >= ANALYSIS_BATCH or not any(f.done() for f in pending)):
                self._analyse(batch, report)
                batch = []
        if batch:
            self._analyse(batch, report)

    def _taken(self, url: str) -> bool:
        canonical = canonical_url(url) or url
        return canonical in self.done or canonical in self._claimed

    def _settle(self, item: dict[str, Any], future: Future[Response], report: FetchReport) -> Optional[_Fetched]:
        """Log one page response (archived when it has a body); a response to analyse comes back."""
        canonical, source, url = item["canonical_url"], item["source"], item["url"]
        try:
            response = future.result()
        except Exception as exc:  # a bug in one fetch must not end the run: recorded as E000, the rest goes on
            if not isinstance(exc, FetchError):
                log.exception("unexpected error fetching %s", url)
                exc = FetchError(f"unexpected {type(exc).__name__}: {exc} (a bug: please report it)", input_id=url)
                exc.code = "E000"
            with self.store.transaction():
                fetches.log_fetch(self.store, url=url, canonical_url=canonical, source=source, kind="page",
                                  status=exc.status, outcome="failed", error_code=exc.code, error=exc.message)
                fetches.mark(self.store, canonical, "failed", error_code=exc.code, give_up=_for_good(exc))
            report.failures.append((url, exc.code, exc.message))
            self.progress("failed", url, exc.code)
            return None
        fields = _response_fields(response)
        base = dict(url=url, canonical_url=canonical, source=source, kind="page", **fields)
        if response.duplicate_of or response.not_modified:
            outcome = "duplicate" if response.duplicate_of else "not-modified"
            with self.store.transaction():
                fetches.log_fetch(self.store, outcome=outcome, **base)
                fetches.mark(self.store, canonical, "done")
            self.done.add(canonical)
            if response.duplicate_of:
                report.duplicates += 1
            else:
                report.not_modified += 1
            self.progress(outcome, url, response.duplicate_of or "")
            return None
        target = canonical_link(response.body, response.final_url)
        final = canonical_url(response.final_url) or canonical
        if target and target not in (canonical, final) and self._taken(target):
            with self.store.transaction():  # an AMP or print copy of a page fetched anyway: not analysed twice
                fetches.log_fetch(self.store, outcome="duplicate", error=f"canonical link to {target}", **base)
                fetches.mark(self.store, canonical, "done")
            self.done.add(canonical)
            report.duplicates += 1
            self.progress("duplicate", url, target)
            return None
        record = self.archive.write(response)
        with self.store.transaction():
            fetch_id = fetches.log_fetch(self.store, outcome="fetched", warc_path=record.path, warc_offset=record.offset,
                                         **base)
            fetches.mark(self.store, canonical, "fetched", fetch_id=fetch_id)
        self.done.add(canonical)
        also = [u for u in (final, target) if u and u != canonical]
        return _Fetched(canonical, source, item.get("published"), fetch_id, response.final_url, response.body,
                        response.content_type, also)

    def _recover(self, report: FetchReport) -> None:
        """Analyse the pages a killed run archived but did not store, from the archive (and relink what it stored)."""
        self.store.relink_if_pending()
        batch = []
        for row in fetches.fetched_not_stored(self.store):
            try:
                uri, content_type, body = read_archived(ArchivedRecord(row["warc_path"], int(row["warc_offset"])),
                                                        self.config.max_bytes)
            except Exception as exc:  # a missing or truncated archive: fetch the page again
                log.warning("%s: cannot read it back from the archive (%s): it will be fetched again", row["url"], exc)
                with self.store.transaction():
                    fetches.mark(self.store, row["canonical_url"], "queued")
                self.done.discard(row["canonical_url"])
                continue
            batch.append(_Fetched(row["canonical_url"], row["source"], row["published"], int(row["fetch_id"]),
                                  uri or row["final_url"] or row["url"], body, content_type, []))
        for start in range(0, len(batch), ANALYSIS_BATCH):
            self._analyse(batch[start:start + ANALYSIS_BATCH], report)
        report.recovered += len(batch)

    def _analyse(self, batch: Sequence[_Fetched], report: FetchReport) -> None:
        """Fetched pages -> Documents -> analysis -> store, as ``ingest`` does it."""
        started = time.monotonic()
        docs: list[tuple[_Fetched, Document]] = []
        for page in batch:
            try:
                doc = document_from_html(page.body, page.final_url, Metadata(published=page.published),
                                         own=Metadata(url=page.final_url), source_format="html",
                                         content_type=page.content_type)
            except InputError as err:
                self._unanalysable(page, Failure(err.code, err.message, "extract", page.final_url), report)
                continue
            docs.append((page, doc))
        fresh = [d for _, d in docs if not self.store.has_document(d.id)]
        if fresh:
            analyze_many(fresh, self.resources, known_boilerplate=lambda d: self.store.known_boilerplate(site_key(d)))
        for page, doc in docs:
            result = stored_form(doc)
            if isinstance(result, Failure):  # past its analysis time budget (E034), as ingest records it
                self._unanalysable(page, result, report)
                continue
            new = self.store.add_document(doc)
            outcome = "stored" if new else "seen"
            with self.store.transaction():
                fetches.update_fetch(self.store, page.fetch_id, outcome, doc_id=doc.id)
                fetches.mark(self.store, page.canonical, "done", doc_id=doc.id)
                for other in page.also:  # the redirect target and the canonical link: the same page
                    fetches.mark(self.store, other, "done", source=page.source, doc_id=doc.id)
            self.done.update(page.also)
            if new:
                report.stored += 1
            else:
                report.seen += 1
            self.progress(outcome, page.final_url, doc.id)
        report.seconds_analysing += time.monotonic() - started

    def _unanalysable(self, page: _Fetched, failure: Failure, report: FetchReport) -> None:
        """A fetched page that gives no document (no main text, past its time budget): recorded, never retried."""
        self.store.add_failure(failure)
        with self.store.transaction():
            fetches.update_fetch(self.store, page.fetch_id, "failed", error_code=failure.code, error=failure.message)
            fetches.mark(self.store, page.canonical, "failed", error_code=failure.code, give_up=True)
        report.failures.append((page.final_url, failure.code, failure.message))
        self.progress("failed", page.final_url, failure.code)


def _for_good(exc: FetchError) -> bool:
    """A failure no later round should retry: a 4xx other than 429, or anything but a passing error."""
    if isinstance(exc, HttpError) and exc.status is not None:
        return 400 <= exc.status < 500 and exc.status != 429
    return exc.code not in PASSING_ERRORS


def _round_robin_by_host(todo: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pages ordered one host after another (a, b, c, a, b, c...): a fetch thread waiting for one host's
    delay would otherwise hold back every other host queued behind it."""
    by_host: dict[str, list[dict[str, Any]]] = {}
    for item in todo:
        by_host.setdefault(host_of(item["url"]), []).append(item)
    queues = list(by_host.values())
    ordered: list[dict[str, Any]] = []
    for rank in range(max((len(q) for q in queues), default=0)):
        ordered += [q[rank] for q in queues if rank < len(q)]
    return ordered


def _response_fields(response: Response) -> dict[str, Any]:
    return {"final_url": response.final_url, "status": response.status, "bytes": len(response.body),
            "seconds": round(response.seconds, 4), "etag": response.header("etag"),
            "last_modified": response.header("last-modified")}


def _host(url: Optional[str]) -> Optional[str]:
    return host_of(url) if url else None


def parse_every(value: str) -> float:
    """Seconds of ``--every``: ``15m``, ``1h``, ``90s``, ``2d`` or a bare number of minutes."""
    text = value.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    try:
        seconds = float(text[:-1]) * units[text[-1]] if text and text[-1] in units else float(text) * 60
    except ValueError:
        seconds = -1
    if seconds <= 0:
        from newsledger.errors import UsageError

        raise UsageError(f"--every {value!r}: use a duration such as 15m, 1h or 90s")
    return seconds
