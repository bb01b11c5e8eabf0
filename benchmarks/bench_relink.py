"""Cost of the full relink (``newsledger relink``, run at the end of every ingest) against linking each document once.

Synthetic documents of 5 events each (the world of :mod:`benchmarks.bench_linking`) are stored in
the core tables, linked one at a time in arrival order (what ``Store.add_document`` does), then
relinked from nothing in canonical order (what ``ingest`` does at its end).

    .venv/bin/python -m benchmarks.bench_relink [--docs 1000 3000]
"""
from __future__ import annotations

import argparse
import random
import time

from benchmarks.bench_linking import add_document
from newsledger.crossdoc.incidents import link_document
from newsledger.crossdoc.relink import relink_store
from newsledger.store.connection import Database


def run(n_docs: int, seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    db = Database(":memory:")
    ids = [f"doc{i:07d}" for i in range(n_docs)]
    for doc_id in ids:
        add_document(db.conn, rng, doc_id)
    with db.transaction():
        t0 = time.perf_counter()
        for doc_id in ids:
            link_document(db, doc_id, 0.8)
        incremental = time.perf_counter() - t0
    with db.transaction():
        full = relink_store(db, 0.8).seconds
    return {"docs": n_docs, "incremental_s": incremental, "relink_s": full}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 3000])
    args = parser.parse_args()
    print("| documents (5 events each) | linked one at a time | full relink | relink per document |")
    print("|---:|---:|---:|---:|")
    for n in args.docs:
        r = run(n)
        print(f"| {n:,} | {r['incremental_s']:.1f} s | {r['relink_s']:.1f} s | {r['relink_s'] / n * 1000:.1f} ms |")


if __name__ == "__main__":
    main()
