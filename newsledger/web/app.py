"""The web app factory: a JSON API under ``/api/`` and server-rendered pages, read-only over a store.

A thin layer over the Python API (:class:`~newsledger.store.Store` and
:mod:`newsledger.crossdoc`), like the CLI: :mod:`newsledger.web.api` holds the JSON routes,
:mod:`newsledger.web.pages` the HTML pages, :mod:`newsledger.web.errors` the one error shape.
Each request opens the store read-only (:func:`newsledger.web.deps.get_store`) and closes it.

Every response carries the security headers of :data:`SECURITY_HEADERS` (scripts only from this
site, no framing, no sniffing, no referrer), and a request whose ``Host`` header is not one of the
allowed hosts is refused (a DNS-rebinding page cannot read a local instance). Whole GET answers
are cached while the store's files are unchanged (:mod:`newsledger.web.cache`).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsledger.errors import UsageError
from newsledger.store.browse import open_read_only
from newsledger.store.search import input_ids
from newsledger.web import api, dashboard, explore, pages
from newsledger.web.cache import ResponseCache
from newsledger.web.errors import install_error_handlers
from newsledger.web.guard import SecurityHeaders, TrustedHost
from newsledger.web.views import common_input_root, input_label

STATIC = Path(__file__).resolve().parent / "static"

#: Hosts always allowed in the ``Host`` header: this machine by name and loopback address.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
#: Extra allowed hosts, comma-separated (``serve --allow-host`` adds to it; ``*`` allows any host).
ALLOW_HOSTS_ENV = "NEWSLEDGER_ALLOW_HOSTS"
#: ``0`` turns the response cache off (to measure the routes themselves).
CACHE_ENV = "NEWSLEDGER_WEB_CACHE"
#: The store that :func:`app_from_env` serves (set by ``serve --workers N`` for its worker processes).
DB_ENV = "NEWSLEDGER_SERVE_DB"
#: The address ``serve`` binds, allowed as a host (set for the worker processes).
BOUND_HOST_ENV = "NEWSLEDGER_SERVE_HOST"

#: Sent with every response. Scripts come only from /static (no inline script, no eval); inline
#: styles stay allowed because chart libraries set SVG style attributes.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def allowed_host_names(bound_host: Optional[str] = None, extra: Iterable[str] = ()) -> frozenset[str]:
    """The host names a request may name: local ones, the bound address, ``extra`` and :data:`ALLOW_HOSTS_ENV`."""
    names = set(LOCAL_HOSTS)
    if bound_host and bound_host not in ("0.0.0.0", "::"):
        names.add(f"[{bound_host}]" if ":" in bound_host and not bound_host.startswith("[") else bound_host)
    names.update(extra)
    names.update(os.environ.get(ALLOW_HOSTS_ENV, "").split(","))
    return frozenset(n.strip().lower() for n in names if n.strip())


def create_app(db_path: str, allowed_hosts: Iterable[str] = (), bound_host: Optional[str] = None) -> FastAPI:
    """The web app over the store in ``db_path`` (read-only: nothing is ingested or changed).

    Requests must name this machine in their ``Host`` header (:data:`LOCAL_HOSTS`, ``bound_host``,
    ``allowed_hosts`` or :data:`ALLOW_HOSTS_ENV`; ``*`` allows any). Tests pass ``allowed_hosts=["testserver"]``.
    """
    if not os.path.isfile(db_path):
        raise UsageError(f"no store at {db_path!r}: create one with `newsledger ingest PATHS --db {db_path}`")
    store = open_read_only(db_path)  # a store this newsledger cannot read is reported now, before anything listens
    try:
        input_root = common_input_root(input_ids(store))
    finally:
        store.close()
    # No Swagger/ReDoc pages: they load scripts from a CDN, and everything here must work offline.
    app = FastAPI(title="newsledger", description="A cited, day-by-day ledger of news pages.", docs_url=None,
                  redoc_url=None, openapi_url="/api/openapi.json")
    app.state.db_path = db_path
    app.state.input_root = input_root
    pages.templates.env.filters["input_label"] = input_label
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    # The dashboard first: its /api/dashboard/... routes must come before the API's catch-all /api/{rest}.
    app.include_router(dashboard.router)
    app.include_router(explore.router)
    app.include_router(api.router)
    app.include_router(pages.router)
    install_error_handlers(app)
    hosts = allowed_host_names(bound_host, allowed_hosts)

    # The last added runs first: security headers on everything, then the Host check, then the cache.
    if os.environ.get(CACHE_ENV, "1") != "0":
        app.add_middleware(ResponseCache, db_path=db_path)  # inside the Host check: a refused host gets nothing
    app.add_middleware(TrustedHost, hosts=hosts)
    app.add_middleware(SecurityHeaders, headers=SECURITY_HEADERS)  # outermost: refusals and errors carry it too
    return app


def app_from_env() -> FastAPI:
    """The app over the store named by :data:`DB_ENV`: the factory ``serve --workers N`` gives uvicorn."""
    db_path = os.environ.get(DB_ENV)
    if not db_path:
        raise UsageError(f"{DB_ENV} is not set: name the store to serve (newsledger serve --db PATH sets it)")
    return create_app(db_path, bound_host=os.environ.get(BOUND_HOST_ENV))


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          allowed_hosts: Iterable[str] = ()) -> None:
    """Serve the app over ``db_path`` with uvicorn until interrupted (what ``newsledger serve`` runs).

    With ``workers`` > 1, uvicorn starts that many processes, each building its app through
    :func:`app_from_env` (uvicorn needs an import string to start workers).
    """
    import uvicorn

    extra = list(allowed_hosts)
    if workers <= 1:
        uvicorn.run(create_app(db_path, allowed_hosts=extra, bound_host=host), host=host, port=port, log_level="info")
        return
    create_app(db_path)  # an unusable store is reported here, once, before the workers start
    os.environ[DB_ENV] = db_path
    os.environ[BOUND_HOST_ENV] = host
    if extra:
        os.environ[ALLOW_HOSTS_ENV] = ",".join([os.environ.get(ALLOW_HOSTS_ENV, ""), *extra])
    uvicorn.run("newsledger.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="info")
