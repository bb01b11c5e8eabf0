"""Speed and memory of the langid stage on pages with short pieces in other languages.

    .venv/bin/python -m benchmarks.bench_langid

The pages are those of ``evaluation/langid_mixed_eval.py`` (report part of the lingua test
data's development half) and of ``evaluation/langid_eval.py`` (headings in the page's language).
Each variant runs in a fresh process pinned to one core: the pages are labelled once (models
load, warm-up), then again at least 5 times and for at least 4 CPU-seconds; the fastest pass
gives paragraphs per CPU-second. Peak MB is the process's maximum resident set. Prints a
Markdown table.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

_MEASURE = r'''
import json, os, resource, sys, time
from dataclasses import replace
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
variant, style = sys.argv[1], sys.argv[2]
from evaluation.langid_mixed_eval import build_pages, label_pages
from evaluation.langid_eval import build_pages as heading_pages
from newsledger.stages.langid.short import ACCURATE_SHORT_PIECES, SHORT_PIECES
pages = build_pages("report") if style == "mixed" else heading_pages(15)
decision = {"shipped": SHORT_PIECES, "lingua-low": replace(SHORT_PIECES, lingua_high=False),
            "lingua-high": ACCURATE_SHORT_PIECES, "no-lingua": replace(SHORT_PIECES, lingua_weight=0.0)}[variant]
base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
label_pages(pages, decision)  # warm-up: models load here
count = sum(len(p["paragraphs"]) for p in pages)
passes, spent, fastest = 0, 0.0, float("inf")
while passes < 5 or spent < 4.0:
    t0 = time.process_time()
    label_pages(pages, decision)
    took = time.process_time() - t0
    passes, spent, fastest = passes + 1, spent + took, min(fastest, took)
print(json.dumps({"variant": variant, "style": style, "paragraphs": count, "paragraphs_per_s": count / fastest,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "base_mb": base_mb}))
'''

VARIANTS = ("shipped", "lingua-low", "no-lingua")
STYLES = ("mixed", "headings")


def measure(variant: str, style: str) -> dict[str, float]:
    """One variant on one page style, in a fresh single-threaded process."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", _MEASURE, variant, style], capture_output=True, text=True, cwd=REPO,
                         check=True, env=env)
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def table(variants: tuple[str, ...] = VARIANTS) -> str:
    """The Markdown table of every variant on both page styles."""
    lines = ["| variant | pages | paragraphs | paragraphs/s (one core) | peak MB (base) |", "|---|---|---|---|---|"]
    for variant in variants:
        for style in STYLES:
            r = measure(variant, style)
            lines.append(f"| {variant} | {style} | {r['paragraphs']:.0f} | {r['paragraphs_per_s']:,.0f} | "
                         f"{r['peak_mb']:.0f} ({r['base_mb']:.0f}) |")
    return "\n".join(lines)


def main() -> None:
    variants = tuple(sys.argv[1].split(",")) if len(sys.argv) > 1 else VARIANTS
    print(table(variants))


if __name__ == "__main__":
    main()
