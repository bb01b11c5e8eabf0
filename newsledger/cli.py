"""The ``newsledger`` command: a thin layer over the Python API.

Every library error becomes one line on stderr (``error: E016 path: ...``); the exit status
is non-zero only when nothing could be read (or the command itself could not run).
"""
from __future__ import annotations

import json
import logging
import os
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


def _err(message: str) -> None:
    click.echo(message, err=True)


class _Group(click.Group):
    """Turns library errors into one line with their code instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsledgerError as exc:
            _err(f"error: {exc}")
            ctx.exit(2 if isinstance(exc, UsageError) else 1)


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
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    # trafilatura and htmldate log rejected pages as errors; newsledger reports its own failures.
    for noisy in ("trafilatura", "htmldate", "charset_normalizer", "distributed"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL if verbose < 2 else logging.DEBUG)


def _meta_options(func: Any) -> Any:
    func = click.option("--published", help="Publication date for plain text: 2020-10-15, 2020-10 or 2020.")(func)
    func = click.option("--url", help="URL of the page (plain text input).")(func)
    func = click.option("--site", help="Site of the page, e.g. zefer.az (plain text input).")(func)
    return func


def _meta(url: Optional[str], site: Optional[str], published: Optional[str]) -> Any:
    from newsledger.read.files import Metadata

    return Metadata(url=url, site=site, published=published)


def _report_failure(item: Failure) -> None:
    _err(f"error: {item.code} {item.input_id or ''}: {item.message}")


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

    console = Console(stderr=True)
    with Store(db) as store:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} read"),
                      TimeElapsedColumn(), console=console, disable=no_progress or not console.is_terminal,
                      transient=True) as bar:
            task = bar.add_task("ingesting", total=None)

            def progress(item: Document | Failure) -> None:
                if isinstance(item, Failure):
                    bar.console.print(f"error: {item.code} {item.input_id}: {item.message}", markup=False, highlight=False, soft_wrap=True)
                bar.advance(task)

            report = run_ingest(list(paths), store, meta=_meta(url, site, published), progress=progress,
                                workers=workers, engine=engine, scheduler=scheduler)
        summary = report.to_dict()
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
                click.echo(f"  {f.code} {f.input_id}: {f.message}")
        click.echo(f"store: {db}")
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

    ``--what events --format csv`` writes an ACLED-like layout.
    """
    from newsledger.export.tables import export_rows, write_rows
    from newsledger.store import Store

    if fmt == "parquet" and not output:
        raise UsageError("parquet needs a file: add -o events.parquet")
    with Store(db) as store:
        rows = export_rows(store, table, fmt)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                n = write_rows(rows, fmt, fh, output)
            _err(f"{n} rows written to {output}")
        else:
            write_rows(rows, fmt, sys.stdout, None)


@cli.command()
@_db_option
@click.option("--from", "date_from", help="First day, ISO (2020-10-01).")
@click.option("--to", "date_to", help="Last day, ISO (2020-10-31).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def chronicle(db: str, date_from: Optional[str], date_to: Optional[str], fmt: str, output: Optional[str]) -> None:
    """The day-by-day chronicle, by event date, every line cited."""
    from newsledger.crossdoc import chronicle as chron
    from newsledger.store import Store

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


@cli.command()
@_db_option
@click.option("--json", "as_json", is_flag=True)
def coverage(db: str, as_json: bool) -> None:
    """Documents per site per day, languages, failures, and silent gaps."""
    from newsledger.crossdoc.coverage import coverage as compute
    from newsledger.crossdoc.coverage import render_coverage
    from newsledger.store import Store

    with Store(db) as store:
        data = compute(store)
    click.echo(_json_text(data) if as_json else render_coverage(data))


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
    app = create_app(db)  # a missing store is reported here, before anything listens
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
