"""The ``newsledger`` command: a thin layer over the Python API.

Every library error becomes one line on stderr (``error: E016 path: ...``), printed once, with
control characters escaped (:func:`one_line`); the exit status is non-zero only when nothing could
be read (or the command itself could not run: 2 for a usage error). Read commands never create a
store (E042).
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
from typing import Any, Optional

import click

from newsledger import __version__
from newsledger.errors import NewsledgerError, NothingRead, UsageError
from newsledger.models import Document, Failure
from newsledger.settings import SETTINGS, load_settings

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def _db_option(func: Any) -> Any:
    return click.option(
        "--db", envvar="NEWSLEDGER_DB", default="newsledger.db", show_default=True,
        help="SQLite file of the store (or set NEWSLEDGER_DB).",
    )(func)


def _json_text(data: Any) -> str:
    """JSON as the CLI prints it: indented, non-ASCII kept (Гянджа, Gəncə stay readable)."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _echo_json(data: Any) -> None:
    click.echo(_json_text(data))


def one_line(text: str) -> str:
    """``text`` as one line: characters that are not printable (newline, CR, tab, escape, U+2028...)
    written as Python writes them in a repr (``\\n``, ``\\x1b``), so a crafted file name cannot
    split a line or print a line of its own (a fake ``error: E999``)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _err(message: str) -> None:
    click.echo(one_line(message), err=True)


def _require_store(db: str) -> None:
    """A read command's store must exist: E042 (and nothing created) otherwise."""
    from newsledger.store.exists import require_store

    require_store(db)


#: A log message that starts with an error code: a failure the command prints itself as ``error: ...``.
_CODED = re.compile(r"E\d{3}\b")


class _OneLineFormatter(logging.Formatter):
    """Log lines with control characters escaped, like every other line the CLI prints."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        return one_line(super().formatMessage(record))


def _not_reported_by_the_cli(record: logging.LogRecord) -> bool:
    return not _CODED.match(record.getMessage())


class _Group(click.Group):
    """Turns library errors into one line with their code instead of a traceback.

    click's own usage errors in a command's options (``--format bogus``) become one ``error: E050``
    line too, exit 2, instead of click's usage block.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsledgerError as exc:
            _err(f"error: {exc}")
            ctx.exit(2 if isinstance(exc, UsageError) else 1)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            _err(f"error: {UsageError.code} {exc.format_message().rstrip('.')}: see `{where} -h`")
            ctx.exit(2)


@click.group(cls=_Group, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="newsledger")
@click.option("-v", "--verbose", count=True, help="More logging on stderr (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """Read news pages in any language into a cited, day-by-day ledger.

    \b
    Examples:
      newsledger analyze page.html --format json
      newsledger ingest examples/demo
      newsledger search Ganja
      newsledger chronicle --format md
    """
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_OneLineFormatter("%(levelname)s %(name)s: %(message)s"))
    if verbose == 0:  # each failure is printed once, as `error: E0xx ...`; -v shows the library's log of it too
        handler.addFilter(_not_reported_by_the_cli)
    logging.basicConfig(level=level, handlers=[handler])
    # trafilatura and htmldate log rejected pages as errors; newsledger reports its own failures.
    for noisy in ("trafilatura", "htmldate", "charset_normalizer", "distributed"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL if verbose < 2 else logging.DEBUG)


def _check_published(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    """``--published``: a real day, month or year (``2020-02-31`` is a usage error, exit 2), or nothing."""
    from newsledger.days import iso_day
    from newsledger.read.files import parse_published

    if value is None:
        return None
    problem = f"bad date for '--published': {value!r}; use 2020-10-15, 2020-10 or 2020"
    try:
        parsed = parse_published(value)
    except (NewsledgerError, ValueError):
        raise UsageError(problem) from None
    if parsed is None or not parsed.value or parsed.precision not in ("day", "month", "year", "day-month"):
        raise UsageError(problem)
    # A day must be on the calendar; a day-month (--10-15) must be on it in some year (2000 has 29 February).
    day = {"day": parsed.value, "day-month": "2000" + parsed.value[1:]}.get(parsed.precision)
    try:
        iso_day(day, "--published")
    except UsageError:
        raise UsageError(problem) from None
    return value


def _meta_options(func: Any) -> Any:
    func = click.option("--published", callback=_check_published,
                        help="Publication date for plain text: 2020-10-15, 2020-10 or 2020.")(func)
    func = click.option("--url", help="URL of the page (plain text input).")(func)
    func = click.option("--site", help="Site of the page, e.g. zefer.az (plain text input).")(func)
    return func


def _meta(url: Optional[str], site: Optional[str], published: Optional[str]) -> Any:
    from newsledger.read.files import Metadata

    return Metadata(url=url, site=site, published=published)


def _report_failure(item: Failure) -> None:
    _err(f"error: {item.code} {item.input_id or ''}: {item.message}")


def _remove_new_store(db: str) -> None:
    """Remove a store this ingest created and left empty (with SQLite's -wal and -shm files)."""
    for path in (db, db + "-wal", db + "-shm"):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None,
              help="json: one object; jsonl: one per line (default for several documents or .jsonl input).")
@_meta_options
def analyze(paths: tuple[str, ...], fmt: Optional[str], url: Optional[str], site: Optional[str],
            published: Optional[str]) -> None:
    """Analyse pages and print the result, without a store.

    PATHS are files, directories or - for stdin (.txt, .md, .html, .jsonl, .warc, and .gz).
    """
    from newsledger.pipeline import analyze_paths

    if fmt is None:
        single = len(paths) == 1 and os.path.isfile(paths[0]) and ".jsonl" not in paths[0] and ".warc" not in paths[0]
        fmt = "json" if single else "jsonl"
    read = 0
    docs: list[dict[str, Any]] = []
    for item in analyze_paths(list(paths), meta=_meta(url, site, published)):
        if isinstance(item, Failure):
            _report_failure(item)
            continue
        read += 1
        for f in item.failures:
            _report_failure(f)
        if fmt == "jsonl":
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        else:
            docs.append(item.to_dict())
    if fmt == "json" and docs:
        out: Any = docs[0] if len(docs) == 1 else docs
        _echo_json(out)
    if read == 0:
        raise NothingRead()


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@_meta_options
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--workers", default=1, show_default=True, help="Analyse in this many worker processes.")
@click.option("--engine", type=click.Choice(["serial", "processes", "dask"]), default=None,
              help="Where analysis runs (default: serial for one worker, processes for more).")
@click.option("--scheduler", help="Dask scheduler address (tcp://host:8786): analyse on that cluster.")
def ingest(paths: tuple[str, ...], db: str, url: Optional[str], site: Optional[str], published: Optional[str],
           as_json: bool, no_progress: bool, workers: int, engine: Optional[str], scheduler: Optional[str]) -> None:
    """Read, analyse and store pages; prints a summary. Re-ingesting a page stores it once."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from newsledger.ingest import ingest as run_ingest
    from newsledger.store import Store
    from newsledger.store.exists import store_exists

    console = Console(stderr=True)
    created = not os.path.lexists(db)  # only a file this command creates may be removed again
    if not created:
        store_exists(db)  # E040 for a file that is not a database, before anything is written into it
    with Store(db) as store:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} read"),
                      TimeElapsedColumn(), console=console, disable=no_progress or not console.is_terminal,
                      transient=True) as bar:
            task = bar.add_task("ingesting", total=None)

            def progress(item: Document | Failure) -> None:
                if isinstance(item, Failure):
                    bar.console.print(one_line(f"error: {item.code} {item.input_id}: {item.message}"), markup=False,
                                      highlight=False, soft_wrap=True)
                bar.advance(task)

            report = run_ingest(list(paths), store, meta=_meta(url, site, published), progress=progress,
                                workers=workers, engine=engine, scheduler=scheduler)
        summary = report.to_dict()
    if created and report.documents_new + report.documents_seen == 0:
        _remove_new_store(db)  # a mistyped path must not leave an empty store behind (E060 follows)
    if as_json:
        _echo_json(summary)
    else:
        langs = ", ".join(f"{k} {v}" for k, v in summary["paragraphs_by_lang"].items()) or "none"
        click.echo(f"documents: {report.documents_new} new, {report.documents_seen} already stored")
        click.echo(f"paragraphs by language: {langs}")
        click.echo(f"boilerplate paragraphs in store: {report.boilerplate_paragraphs}")
        click.echo(f"failures: {len(report.failures)}")
        for f in report.failures:
            if not isinstance(f, Failure) or f.stage != "extract":
                click.echo(one_line(f"  {f.code} {f.input_id}: {f.message}"))
        click.echo(one_line(f"store: {db}"))
    if report.documents_new + report.documents_seen == 0:
        raise NothingRead()


@cli.command()
@click.argument("query")
@_db_option
@click.option("--limit", default=20, show_default=True)
@click.option("--lang", help="Only paragraphs in this language (ISO code).")
@click.option("--speaker", help="Only paragraphs holding a quote by this speaker.")
@click.option("--entity", is_flag=True,
              help="QUERY is a name: find it in every language and script (Ganja -> Gəncə, Гянджа, Gence).")
@click.option("--json", "as_json", is_flag=True)
def search(query: str, db: str, limit: int, lang: Optional[str], speaker: Optional[str], entity: bool,
           as_json: bool) -> None:
    """Full-text search over paragraphs in every language, with snippets."""
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        if entity:
            hits = store.search_entity(query, limit=limit, lang=lang)
        else:
            hits = store.search(query, limit=limit, lang=lang, speaker=speaker)
    if as_json:
        _echo_json(hits)
        return
    if not hits:
        click.echo("no matches")
    for h in hits:
        click.echo(f"{h['doc_id']}  [{h['lang']}] {h['site'] or h['input_id']}  {h['published_value'] or ''}")
        click.echo(f"    {h['snippet']}")


@cli.command()
@click.argument("ident")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(ident: str, db: str, fmt: str) -> None:
    """Show one stored document by id, id prefix or input id."""
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        doc = store.document(ident)
    if fmt == "json":
        _echo_json(doc.to_dict())
        return
    click.echo(f"{doc.id}  {doc.input_id}")
    click.echo(f"site: {doc.site or '-'}  url: {doc.url or '-'}  published: {doc.published.value or '-'} "
               f"({doc.published.precision}, {doc.published.basis or '-'})")
    if doc.title:
        click.echo(f"title: {doc.title}")
    for i, p in enumerate(doc.paragraphs):
        click.echo(f"[{i} {p.kind} {p.lang} {p.lang_score:.2f}] {p.text[:200]}")
    click.echo(f"entities: {len(doc.entities)}  dates: {len(doc.dates)}  quotes: {len(doc.quotes)}  events: {len(doc.events)}")


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True)
def stats(db: str, as_json: bool) -> None:
    """Counts of what the store holds."""
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        data = store.stats()
    if as_json:
        _echo_json(data)
        return
    for key, value in data.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        click.echo(f"{key}: {value}")


@cli.command()
@_db_option
@click.option("--speaker", help="Name (or part of it) of the speaker.")
@click.option("--limit", default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def quotes(db: str, speaker: Optional[str], limit: int, as_json: bool) -> None:
    """What people said, across all pages."""
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no quotes")
    for r in rows:
        who = r["speaker_canonical"] or r["speaker_name"] or "(unattributed)"
        role = f" ({r['speaker_role']})" if r["speaker_role"] else ""
        target = f" -> {r['target']} [{r['polarity']}]" if r["target"] else ""
        click.echo(f"{r['site'] or r['input_id']}  {who}{role} {r['kind']} [{r['cue'] or ''}]{target}: {(r['content'] or '')[:200]}")


@cli.command()
@_db_option
@click.option("--what", "table", default="documents", show_default=True,
              help="Table: documents, paragraphs, sentences, entities, dates, quotes, events, incidents, failures, ...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file (required for parquet).")
def export(db: str, table: str, fmt: str, output: Optional[str]) -> None:
    """Stream a table as JSONL, CSV or Parquet.

    ``--what events --format csv`` writes an ACLED-like layout. CSV: always a header, NULL an empty
    field and "" a quoted one, text that a spreadsheet would run as a formula prefixed with '
    (docs/schema.md, "Exports").
    """
    from newsledger.export.tables import table_export, write_export
    from newsledger.store import Store

    if fmt == "parquet" and not output:
        raise UsageError("parquet needs a file: add -o events.parquet")
    _require_store(db)
    with Store(db) as store:
        exported = table_export(store, table, fmt)  # an unknown table fails here, before the file is opened
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = write_export(exported, fmt, fh, output)
            _err(f"{n} rows written to {output}")
        else:
            write_export(exported, fmt, sys.stdout, None)


@cli.command()
@_db_option
@click.option("--from", "date_from", help="First day, ISO (2020-10-01).")
@click.option("--to", "date_to", help="Last day, ISO (2020-10-31).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def chronicle(db: str, date_from: Optional[str], date_to: Optional[str], fmt: str, output: Optional[str]) -> None:
    """The day-by-day chronicle, by event date, every line cited."""
    from newsledger.crossdoc import chronicle as chron
    from newsledger.days import day_range
    from newsledger.store import Store

    date_from, date_to = day_range(date_from, date_to, ("--from", "--to"))  # as the web: a bad day is exit 2
    _require_store(db)
    with Store(db) as store:
        book = chron.build_chronicle(store, date_from=date_from, date_to=date_to)
        render = {"md": chron.render_markdown, "html": chron.render_html, "json": chron.render_json}[fmt]
        text = render(book)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
        _err(f"chronicle written to {output}")
    else:
        click.echo(text)


def _run_fetch(db: str, dry_run: bool, as_json: bool, no_progress: bool, action: Any) -> Any:
    """Run ``action(fetcher)`` with a rich progress line; print the dry-run list or the summary."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from newsledger.fetch import Fetcher
    from newsledger.store import Store

    console = Console(stderr=True)
    with Store(db) as store:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} done"),
                      TimeElapsedColumn(), console=console, disable=no_progress or not console.is_terminal,
                      transient=True) as bar:
            task = bar.add_task("fetching", total=None)

            def progress(what: str, url: str, detail: str) -> None:
                if what == "failed":
                    bar.console.print(f"error: {detail} {url}", markup=False, highlight=False, soft_wrap=True)
                bar.update(task, description=f"{what} {url[-70:]}")
                bar.advance(task)

            with Fetcher(store, progress=progress) as fetcher:
                report = action(fetcher)
    if dry_run:
        for url in report.would_fetch:
            click.echo(url)
        _err(f"{len(report.would_fetch)} pages would be fetched (dry run: nothing fetched or stored)")
    elif as_json:
        _echo_json(report.to_dict())
    else:
        click.echo(f"pages: {report.stored} stored, {report.seen} already stored, {report.duplicates} duplicates, "
                   f"{report.not_modified} not modified; {report.queued} newly queued from {report.listings} listings")
        if report.recovered:
            click.echo(f"analysed from the archive after an interrupted run: {report.recovered}")
        click.echo(f"failures: {len(report.failures)}")
        for url, code, message in report.failures:
            click.echo(f"  {code} {url}: {message}")
        click.echo(f"store: {db}")
    return report


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@_db_option
@click.option("--dry-run", is_flag=True, help="List what would be fetched; fetch and store nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--no-progress", is_flag=True, help="No progress line.")
def fetch(urls: tuple[str, ...], db: str, dry_run: bool, as_json: bool, no_progress: bool) -> None:
    """Fetch web pages politely and store them as `ingest` does.

    robots.txt, a per-host rate limit, retries and size caps apply (see `newsledger settings`,
    fetch_*); raw responses are archived as WARC beside the store. A page fetched before is
    asked for again only conditionally (ETag / Last-Modified).
    """
    report = _run_fetch(db, dry_run, as_json, no_progress, lambda f: f.fetch(list(urls), dry_run=dry_run))
    if not dry_run and report.stored + report.seen + report.not_modified + report.duplicates == 0:
        raise NothingRead("no page could be fetched: see the errors above")


@cli.command()
@click.argument("sources_file", type=click.Path(dir_okay=False))
@_db_option
@click.option("--every", help="Follow again every DURATION (15m, 1h, 90s) until interrupted.")
@click.option("--dry-run", is_flag=True, help="Read the listings and list the pages that would be fetched; store nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print each round's summary as JSON.")
@click.option("--no-progress", is_flag=True, help="No progress line.")
def follow(sources_file: str, db: str, every: Optional[str], dry_run: bool, as_json: bool, no_progress: bool) -> None:
    """Follow the feeds, sitemaps and section pages of SOURCES_FILE (TOML) into the store.

    Each page is fetched and analysed once, whatever its tracking parameters; a killed run
    resumes where it stopped. See examples/sources/karabakh.toml for the format.
    """
    import time

    from newsledger.fetch import load_sources, parse_every

    sources = load_sources(sources_file)
    interval = parse_every(every) if every else None
    while True:
        _run_fetch(db, dry_run, as_json, no_progress, lambda f: f.follow(sources, dry_run=dry_run))
        if interval is None or dry_run:
            return
        _err(f"next round in {interval:g}s (Ctrl-C to stop)")
        try:
            time.sleep(interval)
        except KeyboardInterrupt:
            return


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True)
def coverage(db: str, as_json: bool) -> None:
    """Documents per site per day, languages, failures, silent gaps, and the health of followed sources."""
    from newsledger.crossdoc.coverage import coverage as compute
    from newsledger.crossdoc.coverage import render_coverage
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        data = compute(store)
    click.echo(_json_text(data) if as_json else render_coverage(data))


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True)
def relink(db: str, as_json: bool) -> None:
    """Recompute reprints, incidents and name counts from the stored documents, in canonical order."""
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        report = store.relink()
    data = {"documents": report.documents, "failed": report.failed, "seconds": round(report.seconds, 3)}
    if as_json:
        _echo_json(data)
    else:
        click.echo(f"relinked {report.documents} documents in {report.seconds:.2f} s"
                   + (f" ({report.failed} failed: E045, see `newsledger coverage`)" if report.failed else ""))


@cli.command()
@click.argument("incident_id", required=False)
@_db_option
@click.option("--limit", default=20, show_default=True, help="Incidents listed (most reported first).")
@click.option("--json", "as_json", is_flag=True)
def incidents(incident_id: Optional[str], db: str, limit: int, as_json: bool) -> None:
    """Incidents linked across sources, most reported first, with each source's figures.

    With INCIDENT_ID: every source's claim (outlet, claimant, killed, injured, sentence) and the
    summary range (lowest, highest, most cited; never an average).
    """
    from newsledger.crossdoc import claims as inc
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        if incident_id:
            _echo_json(inc.incident_figures(store, incident_id))
            return
        rows = sorted(inc.incident_rows(store),
                      key=lambda r: (-len(r.get("documents") or []), r.get("date") or "", r["incident_id"]))[:limit]
        if as_json:
            _echo_json(rows)
            return
        if not rows:
            click.echo("no incidents")
        for r in rows:
            figures = inc.incident_figures(store, r["incident_id"])
            click.echo(f"{r['incident_id']}  {r['type']}  {r.get('place') or '-'}  {r.get('date') or 'date uncertain'}  "
                       f"{len(r.get('documents') or [])} documents{_figure_summary('killed', figures.get('killed'))}"
                       f"{_figure_summary('injured', figures.get('injured'))}")


def _figure_summary(what: str, summary: Any) -> str:
    """", killed 10-13 (13 most cited, sources disagree)" from an incident's summary range."""
    if not isinstance(summary, dict) or summary.get("lowest") is None:
        return ""
    low, high = summary["lowest"], summary["highest"]
    span = f"{low}" if low == high else f"{low}-{high}"
    cited = summary.get("most_cited") or {}
    extra = f"{cited.get('label')} most cited" if cited and low != high else ""
    if summary.get("disagreement"):
        extra = (extra + ", " if extra else "") + "sources disagree"
    return f", {what} {span}" + (f" ({extra})" if extra else "")


@cli.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
def serve(db: str, host: str, port: int) -> None:
    """Serve the store read-only: JSON API under /api/, HTML pages (search, documents, chronicle, incidents)."""
    try:
        import uvicorn

        from newsledger.web import create_app
    except ImportError as exc:
        raise UsageError(f"the web layer needs fastapi, uvicorn and jinja2 ({exc}): pip install -e .") from exc
    _require_store(db)  # E042 before anything listens (create_app checks it again for other callers)
    app = create_app(db)
    uvicorn.run(app, host=host, port=port, log_level="info")


@cli.command(name="settings")
def show_settings() -> None:
    """The settings, their values here (NEWSLEDGER_* environment) and what they do."""
    values = load_settings()
    for s in SETTINGS:
        click.echo(f"{s.name} = {getattr(values, s.name)!r}  # {s.help}")


def main() -> None:
    cli(prog_name="newsledger")


if __name__ == "__main__":
    main()
