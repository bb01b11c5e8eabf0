"""The web app factory: a JSON API under ``/api/`` and server-rendered pages, read-only over a store.

A thin layer over the Python API (:class:`~newsledger.store.Store` and
:mod:`newsledger.crossdoc`), like the CLI: :mod:`newsledger.web.api` holds the JSON routes,
:mod:`newsledger.web.pages` the HTML pages, :mod:`newsledger.web.errors` the one error shape.
Each request opens the store read-only (:func:`newsledger.web.deps.get_store`) and closes it.
"""
from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsledger.errors import UsageError
from newsledger.store.browse import open_read_only
from newsledger.web import api, pages
from newsledger.web.errors import install_error_handlers

STATIC = Path(__file__).resolve().parent / "static"


def create_app(db_path: str) -> FastAPI:
    """The web app over the store in ``db_path`` (read-only: nothing is ingested or changed)."""
    if not os.path.isfile(db_path):
        raise UsageError(f"no store at {db_path!r}: create one with `newsledger ingest PATHS --db {db_path}`")
    open_read_only(db_path).close()  # a store this newsledger cannot read is reported now, before anything listens
    # No Swagger/ReDoc pages: they load scripts from a CDN, and everything here must work offline.
    app = FastAPI(title="newsledger", description="A cited, day-by-day ledger of news pages.", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json")
    app.state.db_path = db_path
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    install_error_handlers(app)
    return app


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app over ``db_path`` with uvicorn until interrupted (what ``newsledger serve`` runs)."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="info")
