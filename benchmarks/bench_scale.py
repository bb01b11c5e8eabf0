"""A ledger grown to N documents: store cost per document as it grows, reads at N, bytes per document.

    python -m benchmarks.bench_scale [--docs N] [--db PATH] [--run 200]

N defaults to ``NEWSLEDGER_BENCH_DOCS`` or 100,000. The documents are synthesised from the analysed demo
pages (:mod:`benchmarks.scale_corpus`: distinct ids and texts, dates spread over the years in roughly
increasing order) and stored as ``ingest`` stores them: runs of ``--run`` documents, each read back from
JSON as the worker engines deliver them (``Document.from_dict``), stored ``ingest.STORE_BATCH`` per transaction (as
the writer of a run whose workers are ahead of it groups them), and ended by the run's relink. Measured (CPU
seconds of this one writer process, wall seconds for reads):

- store time per document in the first 1,000 and in the last run, and (the flatness figure) appended in fresh
  processes to the store as it was at 1,000 documents and to the grown one, alternately, three pairs: the
  median of the pairs' ratios (flat: within 25%);
- writer CPU per document (``from_dict`` + store + the run's relink), at N;
- a chronicle of one month, its time and peak memory (in a fresh process, so the peak is its own);
- the incident list (top 20, as ``newsledger incidents``), ``/api/incidents`` (first page),
  search and ``--speaker`` search p95 over 50 queries;
- bytes per document in each table (``dbstat``), and beyond the document's text.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.scale_corpus import analysed_demo, synthesise

REPO = Path(__file__).resolve().parent.parent

_READS = r'''
import json, resource, sys, time, statistics
path, month = sys.argv[1], sys.argv[2]
def peak_kb():
    # This process's own peak (VmHWM): ru_maxrss also counts the parent's memory the fork copied.
    try:
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from newsledger.store import Store
what = sys.argv[3]
out = {}
import newsledger.crossdoc, newsledger.cli.browsing  # imports are not the read: loaded before timing
try:
    import newsledger.web.api
except ImportError:  # the web extra absent
    pass
with Store(path) as store:
    base = peak_kb()
    t0 = time.perf_counter()
    if what == "chronicle":
        from newsledger.crossdoc import build_chronicle
        chron = build_chronicle(store, month + "-01", month + "-31")
        out["days"] = len(chron.days)
    elif what == "incidents":
        try:
            from newsledger.crossdoc.summaries import top_incidents
        except ImportError:  # before paging (to measure the "before" figures)
            from newsledger.crossdoc import claims as inc
            def top_incidents(store, limit):
                key = lambda r: (-len(r.get("documents") or []), r.get("date") or "", r["incident_id"])  # noqa: E731
                rows = sorted(inc.incident_rows(store), key=key)[:limit]
                return [inc.incident_figures(store, r["incident_id"]) for r in rows]
        out["rows"] = len(top_incidents(store, 20))
    elif what == "api_incidents":
        try:
            from newsledger.web.api import incident_page
        except ImportError:
            from newsledger.crossdoc import incident_rows
            incident_page = lambda store, limit, offset: list(incident_rows(store))  # noqa: E731
        out["rows"] = len(incident_page(store, 100, 0))
    out["seconds"] = time.perf_counter() - t0
    out["peak_mb"] = peak_kb() / 1024
    out["peak_delta_mb"] = (peak_kb() - base) / 1024  # above the imports
print(json.dumps(out))
'''


def _read(path: str, month: str, what: str) -> dict[str, Any]:
    run = subprocess.run([sys.executable, "-c", _READS, path, month, what], capture_output=True, text=True, cwd=REPO)
    if run.returncode != 0:
        return {"error": run.stderr.strip()[-300:]}
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


#: The small store the grown one is compared with (the flatness probe).
SNAPSHOT_AT = 1000
#: Runs appended per probe (the first loads the linker's data and is left out) and pairs of probes.
PROBE_RUNS = 5
PROBE_PAIRS = 3


def store_run(store: Any, batch: list[dict[str, Any]]) -> dict[str, Any]:
    """Store one run as ``ingest`` does and relink it: CPU seconds of reading the documents back from JSON (as a
    worker's result arrives), storing them (up to ``ingest.STORE_BATCH`` per transaction, as the writer stores the
    batches its workers finished) and the relink."""
    from newsledger.ingest import STORE_BATCH
    from newsledger.models import Document

    t0 = time.process_time()
    docs = [Document.from_dict(json.loads(json.dumps(d))) for d in batch]
    t1 = time.process_time()
    for i in range(0, len(docs), STORE_BATCH):
        with store.transaction():
            for doc in docs[i:i + STORE_BATCH]:
                store.add_document(doc)
    t2 = time.process_time()
    report = store.relink_if_pending()
    t3 = time.process_time()
    return {"docs": len(docs), "from_dict": t1 - t0, "store": t2 - t1, "relink": t3 - t2,
            "relinked": report.documents if report else 0}


def build(path: str, n: int, run_size: int, snapshot: str | None = None) -> dict[str, Any]:
    """Grow a store to ``n`` documents in runs; per-run CPU seconds of the writer. ``snapshot``: where to copy the
    store as it is at :data:`SNAPSHOT_AT` documents."""
    from newsledger.store import Store

    sources = analysed_demo()
    runs: list[dict[str, Any]] = []
    batch: list[dict[str, Any]] = []
    with Store(path) as store:
        def flush(stored_before: int) -> None:
            runs.append({"stored_before": stored_before, **store_run(store, batch)})
            batch.clear()

        stored = 0
        for data in synthesise(sources, n):
            batch.append(data)
            if len(batch) == run_size:
                flush(stored)
                stored += run_size
                if snapshot and stored == SNAPSHOT_AT:
                    with sqlite3.connect(snapshot) as copy:
                        store.conn.backup(copy)
                if stored % 10000 == 0:  # the last run's writer CPU per document, so a long build reports as it goes
                    r = runs[-1]
                    print(f"stored {stored}: from_dict {1000 * r['from_dict'] / r['docs']:.1f} + store "
                          f"{1000 * r['store'] / r['docs']:.1f} + relink {1000 * r['relink'] / r['docs']:.1f} ms per document",
                          file=sys.stderr, flush=True)
        if batch:
            flush(stored)
    return {"runs": runs}


def table_bytes(path: str, n: int) -> dict[str, Any]:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        sizes: dict[str, int] = {}
        names = {r[0]: r[1] for r in con.execute("SELECT name, tbl_name FROM sqlite_master")}
        for name, size in con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"):
            table = names.get(name, name)
            table = "paragraphs_fts" if table.startswith("paragraphs_fts") else table
            sizes[table] = sizes.get(table, 0) + int(size)
        text = int(con.execute("SELECT SUM(LENGTH(CAST(text AS BLOB))) FROM documents").fetchone()[0] or 0)
        total = sum(sizes.values())
    finally:
        con.close()
    return {"per_table_kb": {t: s / n / 1024 for t, s in sorted(sizes.items(), key=lambda kv: -kv[1])},
            "total_kb": total / n / 1024, "text_kb": text / n / 1024, "beyond_text_kb": (total - text) / n / 1024}


def searches(path: str) -> dict[str, float]:
    from newsledger.store import Store

    words = ["missile", "ceasefire", "Ganja", "talks", "civilians", "president", "Moscow", "shelling", "killed",
             "ministry", "statement", "Armenia", "Azerbaijan", "agreement", "humanitarian", "strike", "city", "army",
             "said", "October", "forces", "attack", "people", "injured", "Stepanakert"]
    with Store(path) as store:
        speaker = next(iter(store.conn.execute(
            "SELECT speaker_canonical FROM quotes WHERE speaker_canonical IS NOT NULL LIMIT 1")), [None])[0]
        times, speaker_times = [], []
        for i in range(50):
            query = words[i % len(words)] + ("" if i < 25 else " " + words[(i * 7) % len(words)])
            t0 = time.perf_counter()
            store.search(query, limit=20)
            times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.search(words[i % len(words)], limit=20, speaker=speaker)
            speaker_times.append(time.perf_counter() - t0)
    q = lambda xs: statistics.quantiles(xs, n=20)[18] * 1000  # noqa: E731
    return {"search_p95_ms": q(times), "speaker_search_p95_ms": q(speaker_times)}


def append_probe(src: str, first: int, corpus_n: int, runs: int, run_size: int) -> list[dict[str, Any]]:
    """Append ``runs`` runs to a copy of the store at ``src`` (documents ``first`` on of the corpus of ``corpus_n``,
    or its continuation past it, at the same documents per day), each stored and relinked as :func:`build` does."""
    from newsledger.store import Store

    total = max(corpus_n, first + runs * run_size)
    days = round(1000 * total / corpus_n)  # the build's documents per day (exact when corpus_n divides 1000 * total)
    docs = synthesise(analysed_demo(), total, days=days, first=first)
    out = []
    with tempfile.TemporaryDirectory(prefix="nl-probe-") as folder:
        path = str(Path(folder) / "probe.db")
        shutil.copy(src, path)
        with Store(path) as store:
            for _ in range(runs):
                out.append(store_run(store, list(itertools.islice(docs, run_size))))
    return out


def _probe(src: str, first: int, corpus_n: int, run_size: int) -> float:
    """Store + relink CPU ms per document of runs 2.. of :func:`append_probe`, in a fresh process."""
    run = subprocess.run([sys.executable, "-m", "benchmarks.bench_scale", "--probe", src, str(first), str(corpus_n),
                          "--run", str(run_size)], capture_output=True, text=True, cwd=REPO)
    if run.returncode != 0:
        raise RuntimeError(run.stderr.strip()[-500:])
    runs = json.loads(run.stdout.strip().splitlines()[-1])[1:]
    return 1000 * sum(r["store"] + r["relink"] for r in runs) / sum(r["docs"] for r in runs)


def flatness(small: str, big: str, n: int, run_size: int) -> dict[str, Any]:
    """Pairs of probes, the small store's then the grown one's, each in a fresh process: the machine's load drifts
    over a long build, so each pair is measured side by side and the median of their ratios is the figure."""
    pairs = []
    for _ in range(PROBE_PAIRS):
        pairs.append((_probe(small, SNAPSHOT_AT, n, run_size), _probe(big, n, n, run_size)))
    return {"probe_pairs_ms": pairs, "flat_ratio": statistics.median(b / s for s, b in pairs),
            "probe_small_ms": statistics.median(s for s, _ in pairs), "probe_big_ms": statistics.median(b for _, b in pairs)}


def measure(n: int, run_size: int, path: str) -> dict[str, Any]:
    snapshot = str(Path(path).with_suffix(f".at{SNAPSHOT_AT}.db"))
    built = build(path, n, run_size, snapshot if n > 2 * SNAPSHOT_AT else None)
    probed = flatness(snapshot, path, n, run_size) if os.path.exists(snapshot) else {}
    if os.path.exists(snapshot):
        os.remove(snapshot)
    runs = built["runs"]
    # The first run also loads the gazetteer, GeoNames and the linker's indexes (seconds, once): left out of the
    # baseline, which would otherwise look slower than the store it is compared with.
    first = [r for r in runs if 0 < r["stored_before"] < 1000] or runs[:1]
    last = runs[-1]

    def per_doc(rs: list[dict[str, Any]], *keys: str) -> float:
        return 1000 * sum(r[k] for r in rs for k in keys) / max(1, sum(r["docs"] for r in rs))

    return {
        "docs": n, "run": run_size,
        "store_ms_first_1k": per_doc(first, "store", "relink"),
        "store_ms_last_run": per_doc([last], "store", "relink"),
        "writer_ms_last_run": per_doc([last], "from_dict", "store", "relink"),
        "from_dict_ms": per_doc([last], "from_dict"),
        "add_ms_last_run": per_doc([last], "store"),
        "relink_ms_last_run": per_doc([last], "relink"),
        "relinked_last_run": last["relinked"],
        "runs": runs,
        **probed,
        **reads(path),
    }


def reads(path: str) -> dict[str, Any]:
    """The reads and sizes of a grown store (``--reads-only`` measures them on an existing ``--db``)."""
    from newsledger.store import Store

    with Store(path) as store:  # opened once first: a store of an older schema is migrated before any read is timed
        n = int(store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        month = store.conn.execute(
            "SELECT substr(published_value, 1, 7) FROM documents ORDER BY published_value LIMIT 1 OFFSET ?",
            (n // 2,)).fetchone()[0]
    return {
        "docs": n,
        "month": month,
        "chronicle": _read(path, month, "chronicle"),
        "incidents": _read(path, month, "incidents"),
        "api_incidents": _read(path, month, "api_incidents"),
        **searches(path),
        **table_bytes(path, n),
    }


def markdown(r: dict[str, Any]) -> str:
    flat = r["store_ms_last_run"] / r["store_ms_first_1k"] if r["store_ms_first_1k"] else float("nan")
    lines = [
        f"{r['docs']:,} documents stored in runs of {r['run']} (each ended by its relink); CPU of the one writer process.",
        "",
        "| figure | value | goal |", "|---|---|---|",
        f"| store + relink per document, first 1,000 (after the first run, which loads the linker's data) | "
        f"{r['store_ms_first_1k']:.1f} ms | |",
        f"| store + relink per document, last run (at {r['docs']:,}) | {r['store_ms_last_run']:.1f} ms "
        f"({flat:.2f}x the first 1,000) | within 1.25x |",
        f"| writer CPU per document at {r['docs']:,} (from_dict {r['from_dict_ms']:.1f} + store {r['add_ms_last_run']:.1f}"
        f" + relink {r['relink_ms_last_run']:.1f}) | {r['writer_ms_last_run']:.1f} ms | <= 10 ms |",
        f"| documents relinked by the last run | {r['relinked_last_run']} of {r['run']} new | |",
    ]
    if "flat_ratio" in r:
        pairs = ", ".join(f"{s:.1f} / {b:.1f}" for s, b in r["probe_pairs_ms"])
        lines.append(f"| store + relink per document appended at {SNAPSHOT_AT:,} and at {r['docs']:,} documents, fresh processes, "
                     f"{PROBE_PAIRS} pairs side by side ({pairs} ms) | {r['probe_small_ms']:.1f} / {r['probe_big_ms']:.1f} ms "
                     f"(median ratio {r['flat_ratio']:.2f}x) | within 1.25x |")
    return "\n".join(lines) + "\n" + markdown_reads(r, header=False)


def markdown_reads(r: dict[str, Any], header: bool = True) -> str:
    """The rows of :func:`reads` (after :func:`markdown`'s writer rows, or as a table of their own)."""
    lines = [f"Reads of a store of {r['docs']:,} documents.", "", "| figure | value | goal |", "|---|---|---|"] if header else []
    lines += [
        f"| chronicle of {r['month']} | {_fmt(r['chronicle'], 'seconds', 's')}, peak {_fmt(r['chronicle'], 'peak_mb', 'MB')}"
        f" (+{_fmt(r['chronicle'], 'peak_delta_mb', 'MB')} over the imports)"
        " | <= 2 s, <= 500 MB |",
        f"| incident list (top 20) | {_fmt(r['incidents'], 'seconds', 's')} | <= 1 s |",
        f"| /api/incidents first page (100) | {_fmt(r['api_incidents'], 'seconds', 's')} | |",
        f"| search p95 (50 queries) | {r['search_p95_ms']:.1f} ms | <= 50 ms |",
        f"| search --speaker p95 | {r['speaker_search_p95_ms']:.1f} ms | |",
        f"| store size per document | {r['total_kb']:.1f} KB ({r['text_kb']:.1f} KB of it the text) | |",
        f"| beyond the text | {r['beyond_text_kb']:.1f} KB | <= 15 KB |",
        "", "KB per document by table (indexes included):", "",
        "| table | KB/doc |", "|---|---|",
    ]
    lines += [f"| {t} | {kb:.2f} |" for t, kb in r["per_table_kb"].items() if kb >= 0.01]
    return "\n".join(lines)


def _fmt(d: dict[str, Any], key: str, unit: str) -> str:
    return f"{d[key]:.2f} {unit}" if key in d else f"failed ({d.get('error', '?')[-120:]})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=int(os.environ.get("NEWSLEDGER_BENCH_DOCS", "100000")))
    parser.add_argument("--run", type=int, default=200, help="documents per ingest run")
    parser.add_argument("--db", default=None, help="store file (default: a temporary one, removed after)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--reads-only", action="store_true", help="measure the reads and sizes of the existing --db")
    parser.add_argument("--probe", nargs=3, metavar=("SRC", "FIRST", "CORPUS_N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:  # one side of the flatness figure, in a process of its own (see flatness)
        src, first, corpus_n = args.probe
        print(json.dumps(append_probe(src, int(first), int(corpus_n), PROBE_RUNS, args.run)))
        return
    if args.reads_only:
        if not args.db:
            parser.error("--reads-only needs --db")
        result = reads(args.db)
        print(json.dumps(result, indent=1) if args.json else markdown_reads(result))
        return
    with tempfile.TemporaryDirectory(prefix="nl-scale-") as folder:
        path = args.db or str(Path(folder) / "scale.db")
        result = measure(args.docs, args.run, path)
    print(json.dumps(result, indent=1) if args.json else markdown(result))


if __name__ == "__main__":
    main()
