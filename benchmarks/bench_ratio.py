"""The honest analyze / spaCy ratio: spaCy configured as ``analyze`` uses it, on the same paragraphs, end to end.

    python -m benchmarks.bench_ratio PAGE...

Both sides, each run in a fresh single-threaded process, CPU seconds after the model is loaded and one
page analysed (load and warm-up excluded on both sides), reading the page files and writing a JSON line
per page included:

- *spaCy*: ``spacy.load`` of the model ``analyze`` loads, with the lemmatizer excluded as ``analyze``
  excludes it; the paragraphs the entities stage parses (``needs_parse``), in one ``nlp.pipe`` with
  the same batch size; each page's entities written out.
- *analyze*: the files read (``read_paths``), ``analyze_many``, each page's analysis written out.

Runs alternate (spaCy, analyze, spaCy, ...); the figure is the median of the per-run ratios.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

_RUN = r'''
import json, os, sys, tempfile, time
mode, paths = sys.argv[1], sys.argv[2:]
from newsledger.models import Document
from newsledger.read import Metadata
from newsledger.read.files import read_paths
from newsledger.resources import Resources
from newsledger.pipeline import analyze_many
res = Resources()
out = open(os.devnull, "w", encoding="utf-8")
if mode == "spacy":
    import spacy
    from newsledger import pipeline
    from newsledger.stages.entities.stage import needs_parse
    nlp = spacy.load(res.settings.spacy_model, exclude=["lemmatizer"])  # as Resources.nlp loads it
    # The paragraphs the entities stage parses (after paragraphs and langid), chosen before timing.
    chosen = [d for d in read_paths(paths, res.settings, Metadata()) if isinstance(d, Document)]
    for stage in pipeline.STAGES:
        if stage.name == "entities":
            break
        for d in chosen:
            stage.run(d, res)
    selected = {d.id: [(p.start, p.end) for p in d.paragraphs if needs_parse(p)] for d in chosen}
    list(nlp.pipe([chosen[0].text]))
else:
    warm = [d for d in read_paths(paths[:1], res.settings, Metadata()) if isinstance(d, Document)]
    analyze_many(warm, res)  # loads the model and builds the lazy tables: load cost, not measured
t0 = time.process_time()
docs = [d for d in read_paths(paths, res.settings, Metadata()) if isinstance(d, Document)]
n_par = 0
if mode == "spacy":
    jobs, texts = [], []
    for d in docs:
        for start, end in selected.get(d.id, []):
            jobs.append(d.id)
            texts.append(d.text[start:end])
    n_par = len(texts)
    ents = {}
    for doc_id, parse in zip(jobs, nlp.pipe(texts, batch_size=res.settings.spacy_batch_size)):
        ents.setdefault(doc_id, []).extend((e.start_char, e.end_char, e.label_) for e in parse.ents)
    for d in docs:
        out.write(json.dumps({"id": d.id, "entities": ents.get(d.id, [])}) + "\n")
else:
    from newsledger.stages.entities.stage import needs_parse
    analyze_many(docs, res)
    n_par = sum(1 for d in docs for p in d.paragraphs if needs_parse(p))
    for d in docs:
        out.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
print(json.dumps({"mode": mode, "docs": len(docs), "parsed_paragraphs": n_par, "seconds": time.process_time() - t0}))
'''


def one(mode: str, paths: list[Path]) -> dict[str, Any]:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    run = subprocess.run([sys.executable, "-c", _RUN, mode, *map(str, paths)], capture_output=True, text=True,
                         cwd=REPO, env=env, check=True)
    return dict(json.loads(run.stdout.strip().splitlines()[-1]))


def ratio(paths: list[Path], runs: int = 3) -> dict[str, Any]:
    pairs = [(one("spacy", paths), one("analyze", paths)) for _ in range(runs)]
    ratios = [a["seconds"] / s["seconds"] for s, a in pairs]
    return {"ratios": ratios, "median": statistics.median(ratios), "pairs": pairs}


def section(paths: list[Path], runs: int = 3) -> list[str]:
    """Markdown lines for docs/BENCHMARKS.md."""
    r = ratio(paths, runs)
    s, a = r["pairs"][0]
    return [
        "", "## analyze against spaCy as analyze runs it", "",
        "Command: `python -m benchmarks.bench_ratio` (run by `make bench` on the same pages). Both sides read the "
        "page files and write one JSON line per page; spaCy is loaded as `analyze` loads it (lemmatizer excluded) and "
        "parses exactly the paragraphs the entities stage parses, with the same batch size; model load and a one-page "
        "warm-up excluded; fresh single-threaded process per run, CPU seconds.", "",
        "| run | spaCy s | analyze s | ratio |", "|---|---|---|---|",
        *[f"| {i + 1} | {sp['seconds']:.2f} | {an['seconds']:.2f} | {an['seconds'] / sp['seconds']:.2f}x |"
          for i, (sp, an) in enumerate(r["pairs"])],
        "", f"{s['docs']} pages, {s['parsed_paragraphs']} paragraphs parsed by both sides "
        f"(analyze: {a['parsed_paragraphs']}). Median of the per-run ratios: **{r['median']:.2f}x** "
        f"(runs {min(r['ratios']):.2f}-{max(r['ratios']):.2f}).",
    ]


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]]
    if not paths:
        from benchmarks.run_all import english_pages

        paths = english_pages(100)
    print("\n".join(section(paths)))


if __name__ == "__main__":
    main()
