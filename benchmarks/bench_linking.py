"""Incremental incident linking time per new document at 1k, 10k and 100k stored events.

Synthetic world: 400 places, one year of days, three event classes; every real incident is
reported by 1-4 documents with differing figures. The store grows through the real linker
(``link_features``); at each checkpoint, new documents of 5 events each are stored in the
core tables and linked with ``link_document`` (the path the store takes), and the time per
document is measured.

    .venv/bin/python -m benchmarks.bench_linking [--sizes 1000 10000 100000] [--new-docs 50]
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import time
from datetime import date, timedelta
from typing import Any

from newsledger.crossdoc.incidents import features_of, link_document, link_features
from newsledger.store.connection import Database

START = date(2020, 1, 1)
PLACES = [f"place{i}" for i in range(400)]
TYPES = ["attack", "attack", "shelling", "ceasefire", "meeting"]


def synthetic_event(rng: random.Random) -> dict[str, Any]:
    day = START + timedelta(days=rng.randrange(365))
    precision = rng.choices(["day", "day-month", "month"], [0.8, 0.15, 0.05])[0]
    value = {"day": day.isoformat(), "day-month": day.strftime("--%m-%d"), "month": day.strftime("%Y-%m")}[precision]
    killed = rng.randrange(0, 30)
    return {
        "type": rng.choice(TYPES), "subtype": None, "span": {"start": 0, "end": 1, "text": "x"},
        "place": {"name": rng.choice(PLACES)} if rng.random() > 0.05 else None,
        "date": {"value": value, "precision": precision, "basis": "explicit", "not_before": None,
                 "not_after": (day + timedelta(days=2)).isoformat()},
        "killed": {"low": killed, "high": killed + rng.choice([0, 0, 2]), "start": 0, "end": 1, "text": "x"},
        "lang": "en",
    }


def grow(db: Database, rng: random.Random, count: int, start: int) -> None:
    for i in range(start, start + count):
        event = synthetic_event(rng)
        published = (date.fromisoformat(event["date"]["not_after"])).isoformat()
        link_features(db, features_of(event, f"bulk{i // 5}", i % 5, published, "en"))


def add_document(conn: sqlite3.Connection, rng: random.Random, doc_id: str) -> None:
    events = [synthetic_event(rng) for _ in range(5)]
    published = max(e["date"]["not_after"] for e in events)
    text = " ".join(f"word{rng.randrange(5000)}" for _ in range(300))  # a unique article for the reprint check
    conn.execute("INSERT INTO documents(id, input_id, site, published_value, published_precision, lang, text, data) "
                 "VALUES (?,?,?,?,?,?,?,?)", (doc_id, doc_id, "bench.example", published, "day", "en", text,
                  json.dumps({"id": doc_id, "input_id": doc_id, "text": text})))
    conn.executemany("INSERT INTO events(doc_id, idx, type, data) VALUES (?,?,?,?)",
                     [(doc_id, i, e["type"], json.dumps(e)) for i, e in enumerate(events)])


def run(sizes: list[int], new_docs: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    db = Database(":memory:")  # every table, from the store's migrations
    conn = db.conn
    stored, results = 0, []
    for size in sorted(sizes):
        t0 = time.perf_counter()
        grow(db, rng, size - stored, stored)
        build = time.perf_counter() - t0
        stored = size
        timings = []
        for j in range(new_docs):
            doc_id = f"new{size}-{j}"
            add_document(conn, rng, doc_id)
            t1 = time.perf_counter()
            link_document(db, doc_id)
            timings.append(time.perf_counter() - t1)
        incidents = conn.execute("SELECT COUNT(*) FROM incidents").fetchone()[0]
        results.append({"stored_events": size, "incidents": incidents, "build_s": build,
                        "median_ms": statistics.median(timings) * 1000,
                        "p95_ms": sorted(timings)[int(0.95 * (len(timings) - 1))] * 1000})
    return results


def table(results: list[dict[str, Any]]) -> str:
    lines = ["| stored events | incidents | linking per new document (5 events), median | p95 | growing the store to this size |",
             "|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['stored_events']:,} | {r['incidents']:,} | {r['median_ms']:.1f} ms | {r['p95_ms']:.1f} ms | "
                     f"{r['build_s']:.0f} s ({r['build_s'] / r['stored_events'] * 1e3:.2f} ms/event) |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--new-docs", type=int, default=50)
    args = parser.parse_args()
    print(table(run(args.sizes, args.new_docs)))


if __name__ == "__main__":
    main()
