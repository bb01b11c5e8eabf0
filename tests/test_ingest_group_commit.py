"""The writer stores the oldest analysed batch, and with it the finished batches behind it, up to STORE_BATCH."""
from __future__ import annotations

import importlib
from collections import deque
from concurrent.futures import Future

from tests.crossdoc.test_helpers import make_doc

ingest = importlib.import_module("newsledger.ingest")  # the module (the package exports its function by that name)


def _in_flight(sizes_done):
    queue = deque()
    for b, (size, done) in enumerate(sizes_done):
        docs = [make_doc(f"Page {b}-{i} text.", doc_id=f"b{b}d{i}") for i in range(size)]
        future: Future = Future()
        if done:
            future.set_result([d.to_dict() for d in docs])
        queue.append((docs, future))
    return queue


def test_finished_batches_behind_the_oldest_join_its_transaction_in_order(monkeypatch):
    stored = []
    monkeypatch.setattr(ingest, "_store_batch", lambda store, items, analysed, report, progress:
                        stored.append(([d.id for d in items], sorted(analysed))))
    monkeypatch.setattr(ingest, "STORE_BATCH", 5)
    queue = _in_flight([(2, True), (2, True), (2, True), (1, False), (1, True)])
    ingest._drain(None, queue, None, None)  # 2 + 2 fit, a third batch of 2 would make 6
    assert stored[-1][0] == ["b0d0", "b0d1", "b1d0", "b1d1"]
    assert set(stored[-1][1]) == set(stored[-1][0])
    ingest._drain(None, queue, None, None)  # the next one is not finished: never waited for, never skipped
    assert stored[-1][0] == ["b2d0", "b2d1"]
    assert len(queue) == 2
