"""One error shape for the whole web layer: JSON under ``/api/``, an error page elsewhere.

Every error has the shape of :meth:`NewsledgerError.to_json` (``{"ok": false, "error": {...}}``)
with an HTTP status: 404 for what does not exist, 400 for bad requests, 503 for a search
stopped at its time budget (``E047``), 500 (code ``E000``) for anything unexpected, whose
traceback goes to the server log and never to the client.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.errors import InputError, NewsledgerError, NotFound, SearchTimeout, UsageError
from newsledger.web.pages import render

log = logging.getLogger(__name__)


def status_of(error: NewsledgerError) -> int:
    """The HTTP status of a library error: 404 not found, 400 bad request, 503 search too costly, 500 otherwise."""
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, SearchTimeout):
        return 503
    if isinstance(error, (UsageError, InputError)):
        return 400
    return 500


def error_body(code: str, message: str, input_id: Optional[str] = None) -> dict[str, Any]:
    """The one error shape (same as :meth:`NewsledgerError.to_json`)."""
    return {"ok": False, "error": {"code": code, "message": message, "input": input_id}}


def error_response(request: Request, status: int, body: dict[str, Any]) -> Response:
    """The error as JSON for the API, as the error page for a page."""
    if request.url.path.startswith("/api/") or request.url.path == "/api":
        return JSONResponse(body, status_code=status)
    return render(request, "error.html", status_code=status, error=body["error"], status=status)


async def on_library_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NewsledgerError)
    return error_response(request, status_of(exc), exc.to_json())


async def on_bad_parameters(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}" for e in exc.errors())
    return error_response(request, 400, error_body(UsageError.code, f"bad request parameters: {problems}"))


async def on_http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = NotFound.code if exc.status_code == 404 else UsageError.code
    message = f"no such page: {request.url.path}" if exc.status_code == 404 else str(exc.detail)
    return error_response(request, exc.status_code, error_body(code, message))


async def unexpected_errors(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Middleware: anything not raised on purpose is logged here and answered with E000, no traceback."""
    try:
        return await call_next(request)
    except Exception:
        log.exception("unexpected error serving %s", request.url.path)
        return error_response(request, 500, error_body("E000", "unexpected server error; see the server log"))


def install_error_handlers(app: FastAPI) -> None:
    """Give ``app`` the one error shape for library errors, bad parameters, HTTP errors and the unexpected."""
    app.add_exception_handler(NewsledgerError, on_library_error)
    app.add_exception_handler(RequestValidationError, on_bad_parameters)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.middleware("http")(unexpected_errors)
