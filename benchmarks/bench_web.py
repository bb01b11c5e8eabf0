"""The web app under load: 1,000 requests at 200 concurrent with ``serve --workers 2``, and a hostile query.

The demo corpus (examples/demo) is ingested into a temporary store; ``newsledger serve --workers N``
runs as a subprocess on a free local port; 200 keep-alive connections (a minimal asyncio HTTP/1.1
client: httpx would spend more CPU than the server) send a mix of pages and API calls (home,
search, document, incidents, chronicle, coverage, stats), each its next request once answered,
and reports errors and latency percentiles. Then 60 queries of 2,000 words ("the" repeated, 8 KB)
are sent at once while /api/stats is polled: the hostile queries must answer a coded error (E046)
within 1 s each and the polls must keep answering. Not a test (it takes a minute on 2 cores).

    .venv/bin/python -m benchmarks.bench_web [--requests 1000] [--concurrency 200] [--workers 2] [--write]
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "BENCHMARKS.md"
SECTION = "## Web under load"
DEMO = REPO / "examples" / "demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_store(folder: Path) -> str:
    db = str(folder / "demo.db")
    subprocess.run([sys.executable, "-m", "newsledger.cli", "ingest", str(DEMO), "--db", db], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def start_server(db: str, port: int, workers: int, cache: bool = True) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEWSLEDGER_WEB_CACHE": "1" if cache else "0"}
    server = subprocess.Popen([sys.executable, "-m", "newsledger.cli", "serve", "--db", db, "--port", str(port),
                               "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    stop_server(server)
    raise RuntimeError("the server did not start within 60 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)  # its own session: the uvicorn supervisor and its workers
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def request_mix(base: str) -> list[str]:
    """The URLs a session of an analyst touches, with ids from the store."""
    with httpx.Client(base_url=base) as c:
        doc = c.get("/api/search", params={"q": "Ganja", "limit": 1}).json()[0]["doc_id"]
        incidents = c.get("/api/incidents").json()
    incident = incidents[0]["incident_id"] if incidents else None
    urls = ["/", "/api/stats", "/search?q=Ganja", "/api/search?q=attack", f"/documents/{doc}", "/incidents",
            "/chronicle", "/coverage", "/api/quotes", "/search?q=%D0%93%D1%8F%D0%BD%D0%B4%D0%B6%D0%B0"]
    if incident:
        urls.append(f"/incidents/{incident}")
    return urls


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


async def read_response(reader: asyncio.StreamReader) -> int:
    """One HTTP/1.1 response from ``reader``: its status (the body is read and dropped)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status


async def load(host: str, port: int, urls: list[str], requests: int, concurrency: int) -> dict[str, Any]:
    """``requests`` GETs over ``concurrency`` keep-alive connections, each sending its next request when answered.

    A minimal HTTP/1.1 client on asyncio streams: a full client library (httpx) spends more CPU
    per request than the server does, so on 2 cores it would measure itself.
    """
    latencies: list[float] = []
    errors: dict[str, int] = {}
    todo = iter(range(requests))

    async def connection() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            for i in todo:
                started = time.perf_counter()
                writer.write(f"GET {urls[i % len(urls)]} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
                try:
                    status = await read_response(reader)
                    if status != 200:
                        errors[str(status)] = errors.get(str(status), 0) + 1
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(host, port)
                latencies.append(time.perf_counter() - started)
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    wall = time.perf_counter() - started
    return {"requests": requests, "concurrency": concurrency, "errors": errors, "wall": wall,
            "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95), "max": max(latencies)}


async def hostile(base: str, words: int, at_once: int) -> dict[str, Any]:
    query = " ".join(["the"] * words)
    polls: list[float] = []
    poll_errors = 0
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        async def attack() -> tuple[float, int, str]:
            started = time.perf_counter()
            response = await client.get("/api/search", params={"q": query})
            code = response.json().get("error", {}).get("code", "") if response.status_code != 200 else ""
            return time.perf_counter() - started, response.status_code, code

        async def poll(stop: asyncio.Event) -> None:
            nonlocal poll_errors
            while not stop.is_set():
                started = time.perf_counter()
                response = await client.get("/api/stats")
                poll_errors += response.status_code != 200
                polls.append(time.perf_counter() - started)
                await asyncio.sleep(0.05)

        stop = asyncio.Event()
        poller = asyncio.create_task(poll(stop))
        await asyncio.sleep(0.2)
        answers = await asyncio.gather(*(attack() for _ in range(at_once)))
        await asyncio.sleep(0.2)
        stop.set()
        await poller
    return {"words": words, "chars": len(query), "at_once": at_once,
            "statuses": sorted({f"{s} {c}" for _, s, c in answers}), "slowest": max(t for t, _, _ in answers),
            "median": statistics.median(t for t, _, _ in answers), "polls": len(polls),
            "poll_max": max(polls) if polls else float("nan"), "poll_errors": poll_errors}


def markdown(results: list[dict[str, Any]], bad: dict[str, Any], workers: int) -> str:
    rows = []
    for label, result in zip(("cached (the default)", "cache off (`NEWSLEDGER_WEB_CACHE=0`)"), results):
        errors = sum(result["errors"].values())
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(result["errors"].items())) or "none"
        rows.append(f"| {label} | {result['requests']:,} | {result['concurrency']} | {errors} ({detail}) | "
                    f"{result['wall']:.1f} | {result['requests'] / result['wall']:.0f} | {result['p50']:.2f} s | "
                    f"{result['p95']:.2f} s | {result['max']:.2f} s |")
    return "\n".join([
        SECTION, "",
        f"Command: `python -m benchmarks.bench_web --workers {workers}` (not in `make bench`: it starts servers). "
        f"The demo corpus (examples/demo) in a temporary store, `newsledger serve --workers {workers}` on 127.0.0.1, "
        "200 keep-alive connections of a minimal asyncio HTTP/1.1 client (httpx spent more CPU than the server and "
        "measured itself) sending a mix of pages and API calls (home dashboard, search, a document, incidents, an "
        "incident, chronicle, coverage, stats, quotes), each connection its next request once answered. Whole GET "
        "answers are cached per worker while the store's files are unchanged (`newsledger/web/cache.py`); the "
        f"second row turns that off. Wall-clock seconds on the shared machine ({os.cpu_count()} cores).", "",
        "| server | requests | in flight | errors | wall s | requests/s | p50 | p95 | max |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows, "",
        f"A hostile search: {bad['at_once']} queries of {bad['words']:,} words ({bad['chars']:,} characters) at once "
        f"answered {', '.join(bad['statuses'])} (the query cap: 1,000 characters, 32 different words), the slowest "
        f"in {bad['slowest']:.2f} s (median {bad['median']:.2f} s); meanwhile {bad['polls']} polls of /api/stats "
        f"answered with {bad['poll_errors']} errors, the slowest in {bad['poll_max']:.2f} s. Before the caps one such "
        "query took 94 s (FTS5's cost grows with the square of the number of phrases; a repeated word is now "
        "searched once). A search past its time budget (3 s), or any request past 10 s of SQLite work, is stopped "
        "by SQLite's progress handler and answered with a coded 503 (E047).",
        "",
    ])


def write_section(text: str) -> None:
    doc = OUT.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(SECTION) + r"\n.*?(?=\n## |\Z)", re.S)
    doc = pattern.sub(lambda _: text.rstrip("\n"), doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + text
    OUT.write_text(doc.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--write", action="store_true", help=f"write the section {SECTION!r} of docs/BENCHMARKS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = build_store(Path(tmp))
        results = []
        for cache in (True, False):
            port = free_port()
            server = start_server(db, port, args.workers, cache=cache)
            try:
                base = f"http://127.0.0.1:{port}"
                results.append(asyncio.run(load("127.0.0.1", port, request_mix(base), args.requests,
                                                args.concurrency)))
                if cache:
                    bad = asyncio.run(hostile(base, 2000, 60))
            finally:
                stop_server(server)
    text = markdown(results, bad, args.workers)
    print(text)  # noqa: T201  (a benchmark reports on stdout)
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
