"""Events stage against gold casualty data, next to a number-near-keyword baseline.

Run from the repo root: ``.venv/bin/python -m evaluation.events_eval [--limit N]``.
Writes docs/eval/events.md. Data (evaluation only, never copied): ../shared/eval/gva-news-casualties
and ../shared/eval/ucdp-ged-sample.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import json
import logging
import pickle
import random
import re
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any, Iterator, Optional

from newsledger.models import Document, Event, Failure, Published
from newsledger.pipeline import STAGES
from newsledger.resources import Resources

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
OUT = ROOT / "docs" / "eval" / "events.md"
SEED = 20240601
#: Per document and stage; a stage that hangs on one article is recorded as failed there.
STAGE_LIMIT_S = 20.0
log = logging.getLogger("evaluation.events")

_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                                     "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_KILLED_KW = r"(?:killed|killing|dead|died|dies|death|deaths|fatally|slain|murdered|homicide)"
_INJURED_KW = r"(?:injured|injuring|injuries|wounded|wounding|hurt|shot|hospitalized)"
_NUM = r"(?:\d+|" + "|".join(_WORDS) + r")"


def _num(tok: str) -> int:
    return int(tok) if tok.isdigit() else _WORDS[tok.lower()]


def baseline(text: str, keyword: str) -> int:
    """Plain baseline: the first number at most 5 words before a casualty keyword; 0 when none."""
    m = re.search(rf"\b({_NUM})\b(?:\W+\w+){{0,4}}?\W+{keyword}\b", text, re.I)
    return _num(m.group(1)) if m else 0


def states(text: str, gold: int, keyword: str) -> bool:
    """Transparent rule: the gold number (digits or word; "a/an <person>" for 1) sits within 60 characters of a keyword."""
    if gold <= 0:
        return False
    forms = [str(gold)] + [w for w, v in _WORDS.items() if v == gold]
    alt = "|".join(forms) + (r"|an?\s+(?:[\w-]+\s+){0,3}?"
                             r"(?:man|woman|boy|girl|person|teen|teenager|child|victim|officer|student)" if gold == 1 else "")
    return bool(re.search(rf"\b(?:{alt})\b.{{0,60}}?\b{keyword}|\b{keyword}\b.{{0,60}}?\b(?:{alt})\b", text, re.I | re.S))


def _numeric(fig: Any) -> Optional[int]:
    if fig is None:
        return None
    return fig.low if fig.low is not None else fig.high


def aggregate(events: list[Event]) -> tuple[int, int, Optional[Event]]:
    """Article figures from the library's rule (``events.incident_figures``); none stated -> 0."""
    from newsledger.stages.events.incident import incident_figures

    killed, injured, main = incident_figures(events)
    return _numeric(killed) or 0, _numeric(injured) or 0, main


def _load_gva(limit: Optional[int]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]], int]:
    base = SHARED / "gva-news-casualties"
    incidents = {r["incident_id"]: r for r in map(json.loads, open(base / "incidents.jsonl", encoding="utf-8"))}
    docs = [d for d in map(json.loads, open(base / "documents.jsonl", encoding="utf-8"))
            if len(d.get("content") or "") >= 300 and d["incident_id"] in incidents]
    total = len(docs)
    if limit and limit < len(docs):
        docs = random.Random(SEED).sample(docs, limit)
    return docs, incidents, total


class StageTimeout(Exception):
    """A stage ran longer than ``STAGE_LIMIT_S`` on one document (a hang upstream must not stop the eval)."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    def _raise(signum: int, frame: Any) -> None:
        raise StageTimeout(f"over {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyze_batches(docs: list[Document], resources: Resources, timings: Counter, batch_size: int = 32) -> None:
    """What ``pipeline.analyze_many`` does (stages in order, ``run_many`` over a batch), timed per stage.

    The entities stage's ``run_many`` parses every English body paragraph of the batch in one ``nlp.pipe``
    and keeps the parses in ``doc.parses``; quotes and events reuse them (nothing is parsed twice).
    """
    for i in range(0, len(docs), batch_size):
        batch = docs[i:i + batch_size]
        for stage in STAGES:
            t = time.perf_counter()
            if stage.run_many is not None:
                stage.run_many(batch, resources)
            else:
                for doc in batch:
                    try:
                        with _time_limit(STAGE_LIMIT_S):
                            stage.run(doc, resources)
                    except Exception as exc:  # recorded, as the pipeline does; the eval goes on
                        log.warning("%s failed on %s: %s: %s", stage.name, doc.input_id, type(exc).__name__, exc)
                        doc.failures.append(Failure("E030", f"{type(exc).__name__}: {exc}", stage.name, doc.input_id))
            timings[stage.name] += time.perf_counter() - t
            if stage.name == "langid":
                for doc in batch:
                    for p in doc.paragraphs:
                        if p.lang == "und":
                            p.lang = "en"  # GVA articles are English; very short paragraphs may come out und
        log.info("analysed %d/%d documents", i + len(batch), len(docs))
        for doc in batch:
            doc.parses = {}  # free the spaCy docs of a finished batch


def eval_gva(resources: Resources, limit: Optional[int], cache: Optional[Path] = None) -> dict[str, Any]:
    docs_raw, incidents, total = _load_gva(limit)
    timings: Counter = Counter()
    if cache is not None and cache.exists():  # development: upstream stages from an earlier run, events re-run
        with open(cache, "rb") as fh:
            docs = pickle.load(fh)
        from newsledger.stages.events import stage as events_stage
        t = time.perf_counter()
        for doc in docs:
            events_stage.run(doc, resources)
        timings["events"] += time.perf_counter() - t
    else:
        docs = []
        for d in docs_raw:
            doc = Document.new(d["content"], input_id=d["doc_id"], url=d.get("uri"), site="gva")
            doc.published = Published(d["dct"], "day", "metadata")
            docs.append(doc)
        t0 = time.perf_counter()
        analyze_batches(docs, resources, timings)
        timings["total"] += time.perf_counter() - t0
        if cache is not None:
            with open(cache, "wb") as fh:
                pickle.dump(docs, fh)
    rows = []
    for d, doc in zip(docs_raw, docs):
        gold = incidents[d["incident_id"]]
        killed, injured, main = aggregate(doc.events)
        text = d["content"]
        place = (main.place.canonical or main.place.name) if main and main.place else None
        date = main.date.value if main and main.date.value and main.date.precision == "day" else None
        rows.append({
            "doc_id": d["doc_id"], "gk": gold["num_killed"], "gi": gold["num_injured"], "pk": killed, "pi": injured,
            "bk": baseline(text, _KILLED_KW), "bi": baseline(text, _INJURED_KW),
            "sk": states(text, gold["num_killed"], _KILLED_KW), "si": states(text, gold["num_injured"], _INJURED_KW),
            "gdate": gold["date"], "pdate": date or d["dct"], "has_date": date is not None, "dct": d["dct"],
            "gcity": (gold.get("city_or_county") or "").lower(), "pcity": (place or "").lower(),
            "city_in_text": bool(gold.get("city_or_county")) and gold["city_or_county"].lower() in text.lower(),
        })
    return {"rows": rows, "timings": timings, "total": total, "n": len(docs), "docs": docs}


def _acc(rows: list[dict[str, Any]], pred: str, gold: str) -> tuple[float, int]:
    if not rows:
        return 0.0, 0
    return sum(r[pred] == r[gold] for r in rows) / len(rows), len(rows)


def eval_ucdp(resources: Resources) -> dict[str, Any]:
    from newsledger.stages.entities import stage as entities_stage
    from newsledger.stages.events import stage as events_stage
    from newsledger.stages.paragraphs import stage as paragraphs

    path = SHARED / "ucdp-ged-sample" / "ucdpged_sample_1000.csv"
    rows = []
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            head = r.get("source_headline") or ""
            if not head:
                parts = (r.get("source_article") or "").strip('"').split(",", 2)
                head = parts[2] if len(parts) == 3 else ""
            head = head.split(";")[0].strip().strip('"')
            if not head or not re.search(rf"\b{_NUM}\b|dozens|scores|hundreds", head, re.I):
                continue
            doc = Document.new(head, input_id=r["id"])
            paragraphs.run(doc, resources)
            for p in doc.paragraphs:
                p.kind, p.lang = "body", "en"
            entities_stage.run(doc, resources)  # the parse, sentences and entities the events stage reads
            events_stage.run(doc, resources)
            killed, _, _ = aggregate(doc.events)
            best, low, high = (int(float(r[k] or 0)) for k in ("best", "low", "high"))
            rows.append({"pk": killed, "bk": baseline(head, _KILLED_KW), "best": best, "low": low, "high": high,
                         "stated": states(head, best, _KILLED_KW + r"|\bperish\w*|\bkill\w*")})
    return {"rows": rows}


FAILURES = [
    "## What fails and why", "",
    "Misses on the development half where the article states the gold figure (killed 37 of 306, injured 48 of 334), "
    "sorted into categories by evaluation-only heuristics over the misses, checked by reading them (the held-out half "
    "was not looked at):", "",
    "| figure | category | misses |", "|---|---|---|",
    "| killed | no figure found (victim phrase or verb outside the patterns: \"died in a hunting accident\", pronoun victims) | 12 |",
    "| killed | over-count: another figure of the page (earlier incident, a tally of a year, a non-victim number) | 11 |",
    "| killed | partial count: victims told piece by piece (\"Betty, Alexis and Armani were fatally shot\"), first piece kept | 9 |",
    "| killed | page tallies several incidents (round-up) | 3 |",
    "| killed | shooter who died counted by GVA, not in the page's figure | 2 |",
    "| injured | over-count: another figure of the page (earlier incident, restatement, non-victim number) | 15 |",
    "| injured | partial count: victims told piece by piece without a cue, first piece kept | 11 |",
    "| injured | people shot minus killed: wrong split (\"a woman\" shot / \"Johnny Broadnax\" killed: sex not told by a name) | 9 |",
    "| injured | no figure found (open appositions \"Two children, a five year and a six year old were\", \"who survived, was hit\") | 8 |",
    "| injured | page tallies several incidents (round-up) | 4 |",
    "| injured | stated 0 / derived 0 for another victim | 1 |", "",
    "This round (injured stated 0.826 -> 0.856, killed unchanged): the one shot is not the one killed when the phrases "
    "are child/adult (\"her mother\" / \"a little girl\"), officer/suspect, two different names, or the killed one is "
    "told with \"also\"; \"a man who said his stepson had been shot\" makes the man a speaker, not the victim; "
    "\"he and four others were shot\" counts 5 (derived, both spans kept); \"survived\" / \"expected to survive\" are "
    "injury words (\"One of the five victims survived\" is the part, 1); \"the child and a 45-year-old woman\" is "
    "counted as two; a negated coordination (\"... and two other children were not injured\") binds nothing; "
    "\"two gunshot wounds\" counts wounds, not people; a lone person shot in the lead of a page with no death gives way "
    "to a later count of two or more. One article (murder-suicide: \"shot the child and a woman, then fatally shot "
    "himself\") is right by coincidence: 2 shot minus the shooter's own death gives the gold 1.", "",
    "Before this round the largest categories were single victims outside the patterns (60 injured articles predicted 0: "
    "\"accidentally shot himself\", \"shot his 10-year-old brother\", \"the girl was shot\", \"is in critical condition "
    "after being shot\", \"suffered non-life threatening injuries\"), person nouns outside the list (\"Deputy U.S. "
    "Marshals\", \"FBI agent\"), partitives (\"One of the men injured\", \"one of two girls ... has died\") and relative "
    "clauses naming the shooter (\"a man who shot and injured five people\").", "",
    "- Gold is the GVA incident total (GVA counts a shooter who is shot or dies among the victims; 34 of the dev "
    "incidents with a killed suspect include him); articles are often written before the final count (\"one of the "
    "wounded later died\" is kept as a note, never merged), or report a city's weekend tally.",
    "- Summing across sentences only happens on an explicit cue (another / a second / also / \"and then himself\"); "
    "restatements are not added, so a total told piece by piece without a cue stays the first piece.",
    "- People *shot* whose fate the page does not tell are counted as injured; a single one is taken to be the one killed "
    "when the page tells a death and the two phrases may name one person: this costs the pages whose survivor is "
    "named differently from the dead where no age, sex, role or name tells them apart (\"The woman was shot\" / "
    "\"Johnny Broadnax\").",
    "- Place: the gold city is sometimes a county seat or a city the article never names (suburbs, \"Hamilton "
    "township\" for Trenton); the most-mentioned fallback can pick another city of the story.",
    "- UCDP headlines are weak gold: GED's `best` is an event-level total that often differs from the headline number, "
    "and many headlines are dates or outlet names.", "",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="GVA articles to sample (fixed seed); default all")
    parser.add_argument("--cache", type=Path, default=None,
                        help="development: pickle of the documents before events; re-runs only the events stage when present")
    parser.add_argument("--dump", type=Path, default=None, help="development: write per-article rows (JSON lines) here")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    logging.getLogger("newsledger").setLevel(logging.ERROR)
    if not SHARED.exists():
        raise SystemExit(f"gold data not found at {SHARED}")
    resources = Resources()
    t0 = time.perf_counter()
    gva = eval_gva(resources, args.limit, args.cache)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for row in gva["rows"]:
                fh.write(json.dumps(row) + "\n")
    ucdp = eval_ucdp(resources)
    wall = time.perf_counter() - t0
    rows = gva["rows"]
    lines = ["# Events: casualty figures, dates and places", "",
             f"Command: `.venv/bin/python -m evaluation.events_eval{' --limit ' + str(args.limit) if args.limit else ''}` "
             f"(wall {wall:.0f} s on one core).", "",
             "## GVA news articles (gva-news-casualties, dev half)", "",
             f"{gva['n']} articles of {gva['total']} with at least 300 characters"
             f"{' (random sample, seed ' + str(SEED) + ')' if gva['n'] < gva['total'] else ''}. Gold is the GVA incident total.",
             "", "Aggregation per article (newsledger, the library's `events.incident_figures`): the first stated numeric "
             "killed (injured) figure of the page's attacks in text order, where the stage has already summed additional "
             "victims across sentences and turned people *shot* minus the killed into a derived injured figure (both noted, "
             "parts kept); when the first injured figure is one person *shot* (status not told) and the page states a killed "
             "figure elsewhere, the shot person is taken to be the one killed (derived 0, parts kept) unless the two phrases "
             "cannot name one person (different ages, sexes, child/adult, officer/suspect, two different names, \"also\" on "
             "either side); when the page tells no death and the first injured figure is one person *shot*, a later count "
             "of two or more (not a tally over months) replaces it; no figure stated -> 0. Baseline: the first number "
             "(digits or English word) at most five words before a casualty "
             "keyword, else 0. \"States\": the gold number (digits/word; \"a/an <person>\" for 1) is within 60 characters of a "
             "casualty keyword (gold 0 never counts as stated).", "",
             "| figure | subset | n | newsledger | baseline |", "|---|---|---|---|---|"]
    result: dict[str, float] = {}
    for label, g, p, b, s in (("killed", "gk", "pk", "bk", "sk"), ("injured", "gi", "pi", "bi", "si")):
        for subset, sel in (("all articles", rows), ("article states the figure", [r for r in rows if r[s]]),
                            ("gold = 0", [r for r in rows if r[g] == 0])):
            acc, n = _acc(sel, p, g)
            bacc, _ = _acc(sel, b, g)
            result[f"{label}/{subset}"] = acc
            lines.append(f"| {label} | {subset} | {n} | {acc:.3f} | {bacc:.3f} |")
    share_k = sum(r["sk"] for r in rows) / max(1, len(rows))
    share_i = sum(r["si"] for r in rows) / max(1, len(rows))
    dated = [r for r in rows if r["has_date"]]
    lines += ["", f"Share of articles that state the figure: killed {share_k:.2f}, injured {share_i:.2f}.", "",
              "| date / place | n | newsledger | baseline |", "|---|---|---|---|",
              f"| event date = gold (own date when found, else the article date) | {len(rows)} | "
              f"{sum(r['pdate'] == r['gdate'] for r in rows) / max(1, len(rows)):.3f} | "
              f"{sum(r['dct'] == r['gdate'] for r in rows) / max(1, len(rows)):.3f} (article date) |",
              f"| event date = gold, where the event got a day | {len(dated)} | "
              f"{sum(r['pdate'] == r['gdate'] for r in dated) / max(1, len(dated)):.3f} | "
              f"{sum(r['dct'] == r['gdate'] for r in dated) / max(1, len(dated)):.3f} |",
              f"| place of the main event = gold city | {len(rows)} | "
              f"{sum(bool(r['pcity']) and (r['pcity'] in r['gcity'] or r['gcity'] in r['pcity']) for r in rows) / max(1, len(rows)):.3f} | "
              f"{sum(r['city_in_text'] for r in rows) / max(1, len(rows)):.3f} (city named anywhere: ceiling) |"]
    u = ucdp["rows"]
    stated = [r for r in u if r["stated"]]
    lines += ["", "## UCDP GED sample: deaths from the headline (weak gold)", "",
              f"{len(u)} rows whose headline contains a number; {len(stated)} where the `best` count appears near a death word.", "",
              "| subset | n | newsledger = best | newsledger in [low, high] | baseline = best |", "|---|---|---|---|---|"]
    for subset, sel in (("headline has a number", u), ("headline states best", stated)):
        n = max(1, len(sel))
        lines.append(f"| {subset} | {len(sel)} | {sum(r['pk'] == r['best'] for r in sel) / n:.3f} | "
                     f"{sum(r['low'] <= r['pk'] <= r['high'] for r in sel) / n:.3f} | {sum(r['bk'] == r['best'] for r in sel) / n:.3f} |")
    tm = gva["timings"]
    share = tm["events"] / max(1e-9, tm["total"])
    if tm["total"]:
        lines += ["", "## Speed", "",
                  "Per GVA article on the shared 2-core machine, documents analysed in batches of 32 as "
                  "`pipeline.analyze_many` does: the entities stage parses every English body paragraph of a batch in "
                  "one `nlp.pipe` (its time includes the spaCy parse); quotes and events reuse the parses from "
                  "`doc.parses` (nothing is parsed twice).", "",
                  "| part | ms / article | share of analyze |", "|---|---|---|"]
        for name, secs in sorted(tm.items(), key=lambda kv: -kv[1]):
            lines.append(f"| {name} | {1000 * secs / max(1, gva['n']):.1f} | {secs / max(1e-9, tm['total']):.1%} |")
        lines += ["", f"Events stage share of the whole analyze: **{share:.1%}** (limit 15%).", ""]
    lines += FAILURES
    text = "\n".join(lines)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
