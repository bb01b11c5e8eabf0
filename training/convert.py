"""PolNeAR train articles -> spaCy DocBins of English paragraphs with CUE, SOURCE and CONTENT entities.

Run from the repository root::

    .venv/bin/python -m training.convert --out /tmp/attribution-data [--limit N]

Each article is split into paragraphs by newsledger's own paragraph stage and tokenised by the
English spaCy model newsledger parses with, so the learner sees what the quotes stage will give it.
Spans are the first annotator's (as the evaluation reads them); a span running over paragraphs is
cut at their edges. The ``ner`` learner needs spans that do not overlap: nested attributions
("X said Y claimed Z") keep their shorter spans (cue and source first, then contents, shortest
first), and the decoder (:mod:`newsledger.stages.quotes.learned`) rebuilds the outer content.
Articles are dealt into folds by a hash of their file name: fold 0 is held out for decisions.
"""
from __future__ import annotations

import argparse
import hashlib
import logging
from collections import Counter
from pathlib import Path
from typing import Any, Iterator, Optional

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT.parent / "shared" / "eval" / "polnear-attribution" / "train"
LABELS = {"Cue": "CUE", "Source": "SOURCE", "Content": "CONTENT"}
FOLDS = 10

log = logging.getLogger(__name__)


def fold_of(stem: str) -> int:
    """Stable fold of an article (the same on every machine and Python)."""
    return int(hashlib.sha1(stem.encode("utf-8")).hexdigest(), 16) % FOLDS


def read_spans(path: Path) -> list[tuple[str, int, int]]:
    """(label, start, end) of every Cue, Source and Content piece in a brat .ann file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 2:
            continue
        info = fields[1]
        label, rest = info.split(" ", 1)
        if label not in LABELS:
            continue
        for piece in rest.split(";"):
            a, b = piece.split()
            out.append((LABELS[label], int(a), int(b)))
    return out


def articles(split: Path, limit: Optional[int] = None) -> Iterator[tuple[str, str, Path]]:
    texts = sorted((split / "text").glob("*.txt"))
    for t in texts[:limit] if limit else texts:
        anns = sorted((split / "attributions").glob(t.stem + "_*.ann"))
        if anns:
            yield t.stem, t.read_text(encoding="utf-8"), anns[0]


def paragraphs(text: str, stem: str, resources: Any) -> list[tuple[int, int]]:
    """Paragraph (start, end) offsets as newsledger's paragraph stage cuts them (body and headings)."""
    from newsledger.models import Document
    from newsledger.stages.paragraphs import stage as paragraph_stage

    doc = Document.new(text, input_id=stem)
    paragraph_stage.run(doc, resources)
    return [(p.start, p.end) for p in doc.paragraphs]


def non_overlapping(spans: list[tuple[str, int, int]]) -> tuple[list[tuple[str, int, int]], int]:
    """Greedy: cues and sources first, then contents shortest first; returns kept spans and the number dropped."""
    order = sorted(spans, key=lambda s: (s[0] == "CONTENT", s[2] - s[1], s[1]))
    kept: list[tuple[str, int, int]] = []
    for s in order:
        if all(s[2] <= k[1] or k[2] <= s[1] for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s[1]), len(spans) - len(kept)


def paragraph_docs(nlp: Any, stem: str, text: str, ann: Path, stats: Counter, resources: Any) -> Iterator[Any]:
    spans = read_spans(ann)
    for start, end in paragraphs(text, stem, resources):
        ptext = text[start:end]
        doc = nlp(ptext) if nlp.pipe_names else nlp.make_doc(ptext)
        inside = []
        for label, a, b in spans:
            a, b = max(a, start), min(b, end)
            if a >= b:
                continue
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                inside.append((label, a - start, b - start))
        kept, dropped = non_overlapping(inside)
        stats["dropped"] += dropped
        ents = []
        for label, a, b in kept:
            span = doc.char_span(a, b, label=label, alignment_mode="expand")
            if span is None:
                stats["unaligned"] += 1
                continue
            if ents and span.start < ents[-1].end:
                stats["token_clash"] += 1
                continue
            ents.append(span)
            stats[label] += 1
        doc.ents = ents
        stats["paragraphs"] += 1
        yield doc


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="folder for train.spacy and holdout.spacy")
    parser.add_argument("--limit", type=int, default=None, help="articles read (default all)")
    parser.add_argument("--parsed", action="store_true",
                        help="keep the English model's tags and dependencies on the tokens (features for the learner)")
    parser.add_argument("--holdout-folds", type=int, default=1, help="folds (of 10) held out for decisions")
    args = parser.parse_args(argv)
    import spacy
    from spacy.tokens import DocBin

    from newsledger.resources import Resources

    resources = Resources()
    nlp = spacy.load(resources.settings.spacy_model, exclude=["ner", "lemmatizer"] if args.parsed else
                     ["tagger", "parser", "ner", "lemmatizer", "attribute_ruler"])
    bins = {"train": DocBin(), "holdout": DocBin()}
    stats: Counter = Counter()
    held: list[str] = []
    for stem, text, ann in articles(TRAIN, args.limit):
        part = "holdout" if fold_of(stem) < args.holdout_folds else "train"
        if part == "holdout":
            held.append(stem)
        for doc in paragraph_docs(nlp, stem, text, ann, stats, resources):
            bins[part].add(doc)
        stats[part + "_articles"] += 1
    args.out.mkdir(parents=True, exist_ok=True)
    for part, db in bins.items():
        db.to_disk(args.out / f"{part}.spacy")
    (args.out / "holdout.txt").write_text("\n".join(held) + "\n", encoding="utf-8")
    logging.getLogger().info("converted: %s", dict(stats))
    print(dict(stats))  # noqa: T201 (a script, not the library)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
