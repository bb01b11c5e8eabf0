"""``newsledger serve`` (the read-only web app over a store) and ``newsledger settings``."""
from __future__ import annotations

import click

from newsledger.cli.options import _db_option, _require_store
from newsledger.errors import UsageError
from newsledger.settings import SETTINGS, load_settings


@click.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (each answers requests on its own; about one per core).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another host name browsers may use to reach the server (repeatable; '*' allows any). "
                   "127.0.0.1, localhost, [::1] and the --host address are always allowed.")
def serve(db: str, host: str, port: int, workers: int, allow_hosts: tuple[str, ...]) -> None:
    """Serve the store read-only: JSON API under /api/, HTML pages (search, documents, chronicle, incidents)."""
    try:
        import uvicorn  # noqa: F401  (checked here so a missing web extra is a usage error)

        from newsledger.web.app import serve as serve_app
    except ImportError as exc:
        raise UsageError(f"the web layer needs fastapi, uvicorn and jinja2 ({exc}): pip install -e .") from exc
    _require_store(db)  # E042 before anything listens (create_app checks it again for other callers)
    serve_app(db, host=host, port=port, workers=workers, allowed_hosts=allow_hosts)


@click.command(name="settings")
def show_settings() -> None:
    """The settings, their values here (NEWSLEDGER_* environment) and what they do."""
    values = load_settings()
    for s in SETTINGS:
        click.echo(f"{s.name} = {getattr(values, s.name)!r}  # {s.help}")
