"""``newsledger analyze`` (pages -> JSON, no store) and ``newsledger ingest`` (pages -> the store),
with the metadata options for plain text (``--url``, ``--site``, ``--published``)."""
from __future__ import annotations

import json
import os
from typing import Any, Optional

import click

from newsledger.cli.options import _db_option
from newsledger.cli.output import _echo_json, _report_failure, one_line
from newsledger.errors import NewsledgerError, NothingRead, UsageError
from newsledger.models import Document, Failure


def _check_published(ctx: click.Context, param: click.Parameter, value: Optional[str]) -> Optional[str]:
    """``--published``: a real day, month or year (``2020-02-31`` is a usage error, exit 2), or nothing."""
    from newsledger.days import iso_day
    from newsledger.read.metadata import parse_published

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
    from newsledger.read.metadata import Metadata

    return Metadata(url=url, site=site, published=published)


def _remove_new_store(db: str) -> None:
    """Remove a store this ingest created and left empty (with SQLite's -wal and -shm files)."""
    for path in (db, db + "-wal", db + "-shm"):
        try:
            os.remove(path)
        except FileNotFoundError:
            pass


@click.command()
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


@click.command()
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
