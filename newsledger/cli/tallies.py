"""``newsledger tallies``: running totals, apart from incidents, per claimant and as-of day."""
from __future__ import annotations

from typing import Optional

import click

from newsledger.cli.options import _db_option, _require_store
from newsledger.cli.output import _echo_json


def _figure(fig: Optional[dict]) -> str:
    if not fig:
        return "-"
    low, high = fig.get("low"), fig.get("high")
    number = (f"{low}" if low == high else f"{low}-{high}") if low is not None and high is not None else None
    return str(number or fig.get("label") or fig.get("text") or "-")


@click.command()
@_db_option
@click.option("--limit", default=50, show_default=True, help="Tally claims listed (newest as-of day first).")
@click.option("--json", "as_json", is_flag=True)
def tallies(db: str, limit: int, as_json: bool) -> None:
    """Running tallies ("69 civilians killed since 27 September"): who counted, as of which day, never one incident."""
    from newsledger.crossdoc.tallies import tallies as list_tallies
    from newsledger.store import Store

    _require_store(db)
    with Store(db) as store:
        rows = list_tallies(store, limit)
    if as_json:
        _echo_json(rows)
        return
    if not rows:
        click.echo("no running tallies")
    for r in rows:
        click.echo(f"as of {r['as_of'] or 'date uncertain'}  {r['place'] or '-'}  killed {_figure(r['killed'])}  "
                   f"injured {_figure(r['injured'])}  ({_source(r)})  {r['tally_id']}")


def _source(row: dict) -> str:
    """"the prosecutor via site", or the site alone when the figure is unattributed."""
    return f"{row['claimant']} via {row['site']}" if row.get("claimant") else f"{row['site']}, unattributed"
