"""Commands that read the store: search, show, stats, quotes, export, chronicle, incidents, coverage,
and relink (which recomputes the cross-document tables from what is stored)."""
from __future__ import annotations

import sys
from typing import Any, Optional

import click

from newsledger.cli.options import _db_option, _require_store
from newsledger.cli.output import _echo_json, _err, _json_text
from newsledger.errors import UsageError


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
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


@click.command()
@_db_option
@click.option("--json", "as_json", is_flag=True)
def compact(db: str, as_json: bool) -> None:
    """Give the store file's free space back to the disk (SQLite VACUUM), e.g. after an upgrade slimmed its rows."""
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        before, after = store.compact()
    if as_json:
        _echo_json({"bytes_before": before, "bytes_after": after})
    else:
        click.echo(f"compacted {db}: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")


@click.command()
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
    from newsledger.crossdoc.summaries import top_incidents
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        if incident_id:
            _echo_json(inc.incident_figures(store, incident_id))
            return
        rows = top_incidents(store, limit)
        if as_json:
            _echo_json(rows)
            return
        if not rows:
            click.echo("no incidents")
        for r in rows:
            click.echo(f"{r['incident_id']}  {r['type']}  {r.get('place_name') or r.get('place') or '-'}  "
                       f"{r['date']['value'] or 'date uncertain'}  {r['documents']} documents"
                       f"{_figure_summary('killed', r.get('killed'))}{_figure_summary('injured', r.get('injured'))}")


def _figure_summary(what: str, summary: Any) -> str:
    """", killed 10-13 (13 most cited, sources disagree)" from an incident's summary range."""
    if not isinstance(summary, dict):
        return ""
    if summary.get("lowest") is None:  # only vague counts: their normalised words ("injured dozens (onlarla)")
        vague = summary.get("vague") or []
        return f", {what} {'; '.join(vague)}" if vague else ""
    low, high = summary["lowest"], summary["highest"]
    span = f"{low}" if low == high else f"{low}-{high}"
    cited = summary.get("most_cited") or {}
    extra = f"{cited.get('label')} most cited" if cited and low != high else ""
    if summary.get("disagreement"):
        extra = (extra + ", " if extra else "") + "sources disagree"
    return f", {what} {span}" + (f" ({extra})" if extra else "")
