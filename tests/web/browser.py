"""What every browser test shares: Debian's chromium driven by Playwright, and a live server on a free port.

Importing this module skips the importing test module when /usr/bin/chromium (or $NEWSLEDGER_CHROMIUM),
playwright or uvicorn is absent. Never `playwright install`: the tests use Debian's chromium.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest

CHROMIUM = os.environ.get("NEWSLEDGER_CHROMIUM", "/usr/bin/chromium")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM}: apt-get install -y chromium to run the browser test",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
uvicorn = pytest.importorskip("uvicorn", reason="uvicorn is not installed")

from newsledger.web import create_app  # noqa: E402

#: Flags a sandboxed root machine with no network needs (background networking would be refused, many at a time).
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 10_000


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: str) -> Iterator[str]:
    """uvicorn serving the store at ``db`` in a background thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def browser_tab(profile: Path, **options: Any) -> Iterator[Any]:
    """One chromium tab on a fresh profile; fails the test if a page raised a JavaScript error."""
    with sync_api.sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM, headless=True,
                                                        args=CHROMIUM_ARGS, **options)
        context.set_default_timeout(TIMEOUT_MS)
        tab = context.pages[0] if context.pages else context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            yield tab
        finally:
            context.close()
        assert not errors, f"JavaScript errors in the pages: {errors}"
