"""Following sources: 1,000 pages from local servers at the default politeness -- pages/s, and where the time goes.

Fifty local "outlets" (an http.server each, on its own port: a host of its own for the rate
limit) publish an RSS feed of 20 articles each; one ``follow`` round fetches, archives, analyses
and stores all 1,000 pages with the default fetch settings (1 s between two requests to one
host, 2 in flight per host, 8 in all). The local hosts answer at once; a real site adds its own
latency, which the threads overlap. One host alone is capped by politeness at 1 page/s, whatever
the machine. Time is split into the main thread's waiting for fetches, analysing + storing
(the ``ingest`` path), and the rest (listings, archiving, the fetch log).

    .venv/bin/python -m benchmarks.bench_fetch [--hosts 50] [--pages-per-host 20] [--write]
"""
from __future__ import annotations

import argparse
import logging
import re
import tempfile
import time
from pathlib import Path

from newsledger.fetch import Fetcher
from newsledger.fetch.sources import Source
from newsledger.resources import Resources
from newsledger.settings import load_settings
from newsledger.store import Store, fetches
from tests.fetch.server import Site, rss

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "BENCHMARKS.md"
SECTION = "## Following sources (fetch)"


def run(hosts: int, per_host: int) -> dict[str, float]:
    sites = [Site() for _ in range(hosts)]
    try:
        sources = []
        for h, site in enumerate(sites):
            for i in range(per_host):
                site.article(f"/news/{i}.html", h * 1000 + i)
            site.xml("/rss.xml", rss([(site.url(f"/news/{i}.html"), "Mon, 02 Nov 2026 10:00:00 GMT") for i in range(per_host)]))
            sources.append(Source(f"outlet{h}", feeds=(site.url("/rss.xml"),)))
        settings = load_settings()  # the default politeness
        resources = Resources(settings)
        assert resources.nlp is not None  # model load is start-up cost, as in the analysis benchmark
        with tempfile.TemporaryDirectory() as folder:
            with Store(str(Path(folder) / "bench.db"), settings) as store, Fetcher(store, resources) as fetcher:
                started = time.monotonic()
                report = fetcher.follow(sources)
                wall = time.monotonic() - started
                request_seconds = sum(r["seconds"] for r in fetches.fetch_log_rows(store) if r["kind"] == "page")
                archive = sum(p.stat().st_size for p in Path(fetcher.archive.folder).glob("*.warc.gz"))
    finally:
        for site in sites:
            site.close()
    return {"pages": report.stored, "failures": len(report.failures), "wall": wall, "waiting": report.seconds_waiting,
            "analysing": report.seconds_analysing, "requests": request_seconds, "archive_mb": archive / 1e6,
            "delay": float(settings.fetch_host_delay), "hosts": hosts}


def table(r: dict[str, float]) -> str:
    other = max(r["wall"] - r["waiting"] - r["analysing"], 0.0)
    share = {k: 100 * v / r["wall"] for k, v in (("waiting", r["waiting"]), ("analysing", r["analysing"]), ("other", other))}
    return "\n".join([
        f"Command: `python -m benchmarks.bench_fetch`. {int(r['pages'])} pages ({int(r['failures'])} failures) from "
        f"{int(r['hosts'])} local hosts at the default politeness ({r['delay']:g} s between requests to one host, 2 in flight "
        "per host, 8 in all); the local servers answer at once, so this measures newsledger, not the network. "
        "One host alone is held to 1 page/s by politeness. Wall-clock seconds on the shared 2-core machine.",
        "",
        "| pages | wall s | pages/s | waiting for fetches | analysing + storing | other (listings, WARC, log) | WARC MB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {int(r['pages'])} | {r['wall']:.1f} | {r['pages'] / r['wall']:.1f} | {r['waiting']:.1f} s ({share['waiting']:.0f}%) "
        f"| {r['analysing']:.1f} s ({share['analysing']:.0f}%) | {other:.1f} s ({share['other']:.0f}%) | {r['archive_mb']:.1f} |",
        "",
        f"The fetch threads spent {r['requests']:.1f} s in page requests in all, politeness waits included (overlapped with analysis).",
        (f"Analysing and storing take {share['analysing']:.0f}% of the time: fetching at the default politeness over "
         f"{int(r['hosts'])} hosts keeps ahead of the analysis." if share["analysing"] >= share["waiting"] else
         f"Waiting for fetches takes {share['waiting']:.0f}% of the time: politeness, not analysis, sets the pace."),
    ])


def write_section(text: str) -> None:
    """Put the section into docs/BENCHMARKS.md, replacing an older one."""
    doc = OUT.read_text(encoding="utf-8") if OUT.exists() else "# Benchmarks\n"
    block = f"{SECTION}\n\n{text.strip()}\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.S | re.M)
    doc = pattern.sub(lambda m: block + "\n", doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + block
    OUT.write_text(doc.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages-per-host", type=int, default=20)
    parser.add_argument("--write", action="store_true", help=f"write the table into {OUT.relative_to(REPO)}")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    for noisy in ("trafilatura", "htmldate"):
        logging.getLogger(noisy).setLevel(logging.CRITICAL)
    text = table(run(args.hosts, args.pages_per_host))
    if args.write:
        write_section(text)
    print(text)


if __name__ == "__main__":
    main()
