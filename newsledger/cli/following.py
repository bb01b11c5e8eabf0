"""``newsledger fetch`` (web pages by URL) and ``newsledger follow`` (the feeds, sitemaps and section
pages of a sources file), with their shared progress line and summary."""
from __future__ import annotations

from typing import Any, Optional

import click

from newsledger.cli.options import _db_option
from newsledger.cli.output import _echo_json, _err
from newsledger.errors import NothingRead


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


@click.command()
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


@click.command()
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
