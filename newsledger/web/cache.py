"""A cache of whole GET responses, valid while the store's files are unchanged (the app only reads them).

Under load the same pages are asked for again and again (the dashboard, the incidents, the
chronicle); each is built once per worker process until ``newsledger ingest`` (or anything else)
changes the database or its write-ahead log, which the cache notices from their size and
modification time on every request. Only 200 answers under :data:`MAX_BODY` bytes are kept, at most
:data:`MAX_ENTRIES` of them (least recently used first out).
"""
from __future__ import annotations

import asyncio
import os
from collections import OrderedDict
from typing import Any, Awaitable, Callable, MutableMapping, Optional

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Responses kept per worker process.
MAX_ENTRIES = 256
#: The largest body kept, in bytes.
MAX_BODY = 2_000_000


def store_version(db_path: str) -> tuple[int, ...]:
    """What changes whenever the store's content can have changed: size and mtime of the database and its WAL."""
    version: list[int] = []
    for path in (db_path, db_path + "-wal"):
        try:
            st = os.stat(path)
            version += [st.st_size, st.st_mtime_ns]
        except OSError:
            version += [-1, -1]
    return tuple(version)


class ResponseCache:
    """ASGI middleware: answer a GET from the cache when the same URL was answered 200 for this store version."""

    def __init__(self, app: ASGIApp, db_path: str, max_entries: int = MAX_ENTRIES) -> None:
        self.app = app
        self.db_path = db_path
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[str, bytes], tuple[list[tuple[bytes, bytes]], bytes]] = OrderedDict()
        self.version: Optional[tuple[int, ...]] = None
        self.building: dict[tuple[str, bytes], asyncio.Event] = {}  # one build per URL at a time

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        version = store_version(self.db_path)
        if version != self.version:
            self.entries.clear()
            self.version = version
        key = (scope["path"], scope.get("query_string", b""))
        if key not in self.entries and key in self.building:
            await self.building[key].wait()  # the same page is being built: wait for it rather than build it again
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            headers, body = hit
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        started: dict[str, Any] = {}
        chunks: list[bytes] = []
        size = 0

        async def capture(message: Message) -> None:
            nonlocal size
            if message["type"] == "http.response.start":
                started.update(message)
            elif message["type"] == "http.response.body" and size <= MAX_BODY:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body", False) and started.get("status") == 200 and size <= MAX_BODY:
                    self.entries[key] = (list(started.get("headers", [])), b"".join(chunks))
                    while len(self.entries) > self.max_entries:
                        self.entries.popitem(last=False)
            await send(message)

        building = self.building.setdefault(key, asyncio.Event())
        try:
            await self.app(scope, receive, capture)
        finally:
            if self.building.get(key) is building:
                del self.building[key]
            building.set()
