"""Analysis time per paragraph on one long page: 100, 1,000 and 10,000 paragraphs.

A long page must cost about the same per paragraph as a short one: no step of the analysis may
loop over every item of the document for each item (issue 15). The page is synthetic (English
news paragraphs with direct and reported speech, casualty figures, places and dates, written
for this benchmark); each size runs in a fresh process with the paragraph cap and the time
budget lifted, and reports CPU seconds per paragraph for the whole analysis and each stage.

    .venv/bin/python -m benchmarks.bench_long_page [--sizes 100 1000 10000]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PLACES = ["Ganja", "Tartar", "Barda", "Stepanakert", "Shusha", "Aghdam", "Fuzuli", "Goranboy", "Mingachevir",
          "Hadrut", "Jabrayil", "Martuni"]
PEOPLE = [("Hikmat Hajiyev", "Assistant to the President"), ("Jeyhun Bayramov", "Foreign Minister"),
          ("Sergey Lavrov", "Russia's Foreign Minister"), ("Shushan Stepanyan", "the ministry's spokeswoman"),
          ("Anna Naghdalyan", "the Foreign Ministry spokeswoman"), ("Vagif Dargahli", "the ministry's spokesman")]
BODIES = ["the Ministry of Defence", "the Prosecutor General's Office", "the Red Cross", "local officials",
          "the emergency services", "the OSCE Minsk Group"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["September", "October", "November"]
VERBS = ["said", "told reporters", "added", "stressed", "claimed", "warned"]


def _paragraph(rng: random.Random, i: int) -> str:
    place, other = rng.sample(PLACES, 2)
    name, role = rng.choice(PEOPLE)
    body = rng.choice(BODIES)
    day = f"{rng.randint(1, 28)} {rng.choice(MONTHS)}"
    killed, injured = rng.randint(1, 40), rng.randint(2, 90)
    kind = i % 6
    if kind == 0:
        return (f"Shelling of {place} on {day} killed {killed} civilians and injured {injured} others, "
                f"{body} said on {rng.choice(DAYS)}. Several houses in the centre of the town were destroyed.")
    if kind == 1:
        return (f"“The attack on {place} was aimed at people asleep in their homes,” {name}, {role}, "
                f"{rng.choice(VERBS)}. “There were no military facilities in the area.”")
    if kind == 2:
        return (f"{name} said that the ceasefire agreed in Moscow had been broken within hours and that "
                f"{body} would give a full account of the strike on {other}.")
    if kind == 3:
        return (f"According to {body}, {killed} soldiers were killed in fighting near {place} on {day}, "
                f"and {injured} were wounded. The figures could not be verified independently.")
    if kind == 4:
        return (f"Residents of {place} said the blast woke the whole neighbourhood shortly after {rng.randint(1, 5)} a.m. "
                f"“We ran to the basement with the children,” one woman told reporters. “Nobody slept.”")
    return (f"{body.capitalize()} condemned the strike on {other} and called on the international community "
            f"to give a clear assessment of the attack, {name} added.")


def synthetic_page(paragraphs: int, seed: int = 15) -> str:
    """An English news page of ``paragraphs`` paragraphs (deterministic for a seed)."""
    rng = random.Random(seed)
    return "\n\n".join(_paragraph(rng, i) for i in range(paragraphs)) + "\n"


_MEASURE = r'''
import json, sys, time
from newsledger.models import Document
from newsledger.pipeline import STAGES, analyze
from newsledger.resources import Resources
from newsledger.settings import load_settings
from benchmarks.bench_long_page import synthetic_page
size = int(sys.argv[1])
res = Resources(load_settings({"max_paragraphs": size + 1, "max_seconds_per_document": 0}))
res.nlp
analyze(Document.new(synthetic_page(20, seed=1), input_id="warm-up"), res)
doc = Document.new(synthetic_page(size), input_id=f"page-{size}")
stages = {}
start = time.process_time()
for stage in STAGES:
    t = time.process_time()
    stage.run(doc, res)
    stages[stage.name] = time.process_time() - t
seconds = time.process_time() - start
print(json.dumps({"paragraphs": len(doc.paragraphs), "seconds": seconds, "stages": stages,
                  "quotes": len(doc.quotes), "events": len(doc.events)}))
'''


def measure(size: int) -> dict:
    """One page of ``size`` paragraphs analysed in a fresh single-threaded process."""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", _MEASURE, str(size)], capture_output=True, text=True, cwd=REPO,
                         check=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[dict]) -> str:
    """Markdown: milliseconds per paragraph, overall and per stage."""
    names = list(rows[0]["stages"])
    lines = ["| paragraphs | CPU seconds | ms/paragraph | " + " | ".join(f"{s} ms" for s in names) + " |",
             "|---" * (3 + len(names)) + "|"]
    for r in rows:
        n = r["paragraphs"]
        per_stage = " | ".join(f"{1000 * r['stages'][s] / n:.2f}" for s in names)
        lines.append(f"| {n:,} | {r['seconds']:.1f} | {1000 * r['seconds'] / n:.2f} | {per_stage} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    args = parser.parse_args()
    print(table([measure(size) for size in args.sizes]))


if __name__ == "__main__":
    main()
