"""Incidents through the product: pages ingested as a user would, incidents read back from the export.

Run from the repo root: ``.venv/bin/python -m evaluation.incidents_eval``. Writes docs/eval/incidents.md.
Nothing here extracts or links: every page goes through :func:`newsledger.ingest.ingest` (the API
``newsledger ingest`` calls) into a fresh store, and the events with their incident ids come back
through :func:`newsledger.export.table_export` (what ``newsledger export --what events`` writes).

- karabakh-pages (../shared/eval/karabakh-pages, the development half): 43 real pages in ten
  languages, 84 gold events with an ``incident`` key. A gold event is matched to the product's
  event of its page whose span overlaps its ``evidence`` (or its ``figure_text``) the most. Over
  every pair of gold events on different pages: a pair is gold-linked when the keys are equal and
  predicted-linked when both are matched to events of one incident. Precision, recall and F1 over
  those pairs (an unmatched gold event links with nothing).
- GVC (../shared/eval/gvc-doc-incidents): each split ingested into its own store; a document takes
  the incident of most of its attack-class events (none: a cluster of its own); B-cubed over
  documents, against ``gvc_incident_id``. Train is what linking choices were fitted on; dev reports.
"""
from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional, Sequence

from evaluation.karabakh import figure_texts, find_spans, read_gold, read_pages

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GVC = SHARED / "eval" / "gvc-doc-incidents" / "gvc_documents.jsonl"
OUT = ROOT / "docs" / "eval" / "incidents.md"


def ingest_records(records: Sequence[dict[str, Any]], workdir: Path) -> Any:
    """Ingest JSONL records (id, text, url, site, published) into a fresh store, exactly as the CLI would."""
    from newsledger.ingest import ingest
    from newsledger.store import Store

    path = workdir / "pages.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for rec in records:
            out.write(json.dumps({k: v for k, v in rec.items() if v is not None}, ensure_ascii=False) + "\n")
    store = Store(str(workdir / "ledger.db"))
    ingest([str(path)], store)
    return store


def exported_events(store: Any) -> dict[str, list[dict[str, Any]]]:
    """The events of ``export --what events`` (JSONL rows), grouped by input id, each with its data parsed."""
    from newsledger.export import table_export

    by_input: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in table_export(store, "events", "jsonl").rows:
        data = row.get("data")
        event = json.loads(data) if isinstance(data, str) else (data or {})
        by_input[str(row["input_id"])].append({"incident_id": row.get("incident_id"), "event": event})
    return by_input


def _event_span(event: dict[str, Any]) -> tuple[int, int]:
    span = event.get("span") or {}
    return int(span.get("start", 0)), int(span.get("end", 0))


def _gold_spans(text: str, gold: dict[str, Any]) -> list[tuple[int, int]]:
    """Where a gold event's evidence and figure texts are in the page text."""
    return find_spans(text, [gold.get("evidence"), *figure_texts(gold)])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_gold(text: str, golds: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]) -> list[Optional[str]]:
    """For each gold event, the incident id of the page's event overlapping it most (None: no event there)."""
    matched: list[Optional[str]] = []
    for gold in golds:
        spans = _gold_spans(text, gold)
        best, best_overlap = None, 0
        for ev in events:
            span = _event_span(ev["event"])
            got = sum(_overlap(span, g) for g in spans)
            if got > best_overlap:
                best, best_overlap = ev, got
        matched.append(best["incident_id"] if best else None)
    return matched


def pair_scores(items: Sequence[tuple[str, str, Optional[str]]]) -> dict[str, float]:
    """Pairwise precision/recall/F1 over (page, gold key, predicted incident) on different pages."""
    tp = fp = fn = 0
    for (pa, ga, ia), (pb, gb, ib) in itertools.combinations(items, 2):
        if pa == pb:
            continue
        gold_same, pred_same = ga == gb, ia is not None and ia == ib
        tp += gold_same and pred_same
        fp += pred_same and not gold_same
        fn += gold_same and not pred_same
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "gold_pairs": tp + fn, "predicted_pairs": tp + fp, "true_pairs": tp}


def karabakh_eval(workdir: Path) -> dict[str, Any]:
    pages = list(read_pages().values())
    gold = {row["id"]: row for row in read_gold()}
    records = [{"id": p["id"], "text": p["text"], "url": p.get("url"), "site": p.get("site"),
                "published": p.get("published")} for p in pages]
    t0 = time.perf_counter()
    store = ingest_records(records, workdir)
    seconds = time.perf_counter() - t0
    events = exported_events(store)
    items: list[tuple[str, str, Optional[str]]] = []
    matched = 0
    per_incident: dict[str, list[tuple[str, Optional[str]]]] = defaultdict(list)
    for page in pages:
        golds = gold[page["id"]]["events"]
        text = store.document(page["id"]).text
        found = match_gold(text, golds, events.get(page["id"], []))
        for g, inc in zip(golds, found):
            items.append((page["id"], g["incident"], inc))
            matched += inc is not None
            per_incident[g["incident"]].append((page["id"], inc))
    store.close()
    scores = pair_scores(items)
    multi = {k: v for k, v in per_incident.items() if len({p for p, _ in v}) > 1}
    whole = sum(1 for v in multi.values() if all(i is not None for _, i in v) and len({i for _, i in v}) == 1)
    largest = {k: Counter(i for _, i in v if i).most_common(1)[0][1] if any(i for _, i in v) else 0
               for k, v in multi.items()}
    return {"pages": len(pages), "gold_events": len(items), "matched": matched, "seconds": seconds, **scores,
            "multi_page_incidents": len(multi), "linked_whole": whole,
            "incidents": {k: (len(v), largest[k], len({i for _, i in v if i})) for k, v in sorted(multi.items())}}


def _document_incident(events: Iterable[dict[str, Any]]) -> Optional[str]:
    from newsledger.crossdoc.incidents import type_class

    votes = Counter(ev["incident_id"] for ev in events
                    if ev["incident_id"] and type_class(ev["event"].get("type"), ev["event"].get("subtype")) == "attack")
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if votes else None


def gvc_eval(workdir: Path) -> dict[str, Any]:
    from evaluation.crossdoc_eval import scores

    rows = [json.loads(line) for line in GVC.open(encoding="utf-8")]
    out: dict[str, Any] = {}
    for split in ("train", "dev"):
        part = [r for r in rows if r["split"] == split]
        records = [{"id": r["doc_id"], "text": r["content"], "title": r.get("title"), "url": r.get("uri"),
                    "published": (r.get("dct") or "")[:10] or None} for r in part]
        split_dir = workdir / f"gvc-{split}"
        split_dir.mkdir()
        t0 = time.perf_counter()
        store = ingest_records(records, split_dir)
        seconds = time.perf_counter() - t0
        events = exported_events(store)
        store.close()
        pred = [_document_incident(events.get(r["doc_id"], [])) or f"alone:{r['doc_id']}" for r in part]
        out[split] = {"docs": len(part), "incidents": len({r["gvc_incident_id"] for r in part}), "seconds": seconds,
                      "with_incident": sum(1 for p in pred if not p.startswith("alone:")),
                      **scores([r["gvc_incident_id"] for r in part], pred)}
    return out


def fit_threshold(workdir: Path, grid: Sequence[float] = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5)) -> list[tuple[float, dict[str, float]]]:
    """B-cubed on GVC train for each linking threshold: the stored documents relinked (the shipped relink) per value."""
    from evaluation.crossdoc_eval import scores
    from newsledger.crossdoc import evidence

    rows = [json.loads(line) for line in GVC.open(encoding="utf-8") if '"split": "train"' in line]
    records = [{"id": r["doc_id"], "text": r["content"], "title": r.get("title"), "url": r.get("uri"),
                "published": (r.get("dct") or "")[:10] or None} for r in rows]
    store = ingest_records(records, workdir)
    kept = evidence.LINK_THRESHOLD
    out = []
    try:
        for threshold in grid:
            evidence.LINK_THRESHOLD = threshold
            store.relink()
            events = exported_events(store)
            pred = [_document_incident(events.get(r["doc_id"], [])) or f"alone:{r['doc_id']}" for r in rows]
            out.append((threshold, scores([r["gvc_incident_id"] for r in rows], pred)))
    finally:
        evidence.LINK_THRESHOLD = kept
        store.close()
    return out


def report(kar: dict[str, Any], gvc: dict[str, Any], fit: Sequence[tuple[float, dict[str, float]]]) -> str:
    lines = ["# Incidents through the product", "",
             "Generated by `.venv/bin/python -m evaluation.incidents_eval` (pages ingested with `newsledger.ingest.ingest`,",
             "events and incident ids read back with `newsledger.export.table_export(store, 'events', 'jsonl')`).", "",
             "## karabakh-pages (development half: 43 real pages, 10 languages)", "",
             f"Pages {kar['pages']}, gold events {kar['gold_events']}, matched to a product event by span {kar['matched']} "
             f"({kar['matched'] / max(kar['gold_events'], 1):.0%}); ingest {kar['seconds']:.1f} s.", "",
             "| cross-page pairs | precision | recall | F1 | gold pairs | predicted pairs |", "|---|---|---|---|---|---|",
             f"| gold events on different pages | {kar['precision']:.3f} | {kar['recall']:.3f} | {kar['f1']:.3f} | "
             f"{kar['gold_pairs']} | {kar['predicted_pairs']} |", "",
             f"Incidents on two or more pages: {kar['multi_page_incidents']}, linked whole (every gold event matched and in one "
             f"incident): {kar['linked_whole']}.", "",
             "| gold incident | gold events | most in one product incident | product incidents |", "|---|---|---|---|"]
    lines += [f"| {k} | {n} | {top} | {k_inc} |" for k, (n, top, k_inc) in kar["incidents"].items()]
    lines += ["", "## GVC documents (gun-violence articles, one incident each)", "",
              "A document takes the incident of most of its attack events; B-cubed over documents.", "",
              "| split | documents | gold incidents | documents with an incident | B3 P | B3 R | B3 F1 | ingest s |",
              "|---|---|---|---|---|---|---|---|"]
    for split in ("train", "dev"):
        g = gvc[split]
        lines.append(f"| {split} | {g['docs']} | {g['incidents']} | {g['with_incident']} | {g['b3_p']:.3f} | {g['b3_r']:.3f} | "
                     f"{g['b3_f']:.3f} | {g['seconds']:.0f} |")
    from newsledger.crossdoc.evidence import LINK_THRESHOLD

    lines += ["", "## How the linker's choices were made", "",
              "The scorer (`newsledger/crossdoc/evidence.py`) adds points for each clue a reader uses: the same place (3), "
              "places at two levels (a place named in the other report, or within 30 km: 2), a place the two reports "
              "both name (1); the same day (2), overlapping windows (1), a window taken only from the publication date "
              "(0.5), no date on one side (-1); the same figure (1), close figures (0.5), far figures (-1.5; injured "
              "count half). Known places further apart and windows that cannot meet veto. A ceasefire is defined by "
              "its day (places do not count), a running tally never joins a strike, and an event joins an incident only "
              "when fewer of the incident's members veto it than support it (no chaining through one undated report). "
              "The weights were set by hand from what each clue means, never fitted to one example; the threshold was "
              "fitted on the GVC **train** split by relinking the stored train documents (the shipped relink) for each "
              "value:", "",
              "| threshold | B3 P (train) | B3 R (train) | B3 F1 (train) |", "|---|---|---|---|"]
    lines += [f"| {t} | {g['b3_p']:.3f} | {g['b3_r']:.3f} | {g['b3_f']:.3f} |" for t, g in fit]
    lines += ["", f"Shipped threshold: {LINK_THRESHOLD} (the top of the plateau; the lower value merges more lookalike "
              "shootings of one city on train). Decisions read on the karabakh dev half, once per decision: the "
              "one-point cost of a missing date (F1 0.43 -> 0.47), the anti-chaining rule (small gain on karabakh, "
              "neutral on GVC train), and keeping the seven-day window for undated reports (three days lowered both). "
              "Measured and not kept: an event whose window merely holds its document's dated sibling's day borrowing that "
              "day (karabakh 0.473 -> 0.462, GVC train 0.875 -> 0.870); letting an undated report's event lie anywhere before"
              " its publication, with agreeing figures of one or two counting half (GVA linked whole 53.8% -> 52.5%, the "
              "others unchanged); a shared person worth 2 instead of 1 (no change); areas of 3 places and 4 people instead of"
              " 4 and 6 (GVC train 0.886 -> 0.872); a bonus for two events of one report (karabakh 0.502 -> 0.462, GVC "
              "train 0.886 -> 0.882, GVA 53.8% -> 51.2%). The cap of 200 candidates per event changes nothing at these sizes; it "
              "keeps linking flat as the store grows (docs/BENCHMARKS.md).",
              "", "What fails and why (karabakh dev): a quarter of the gold events have no product event over their "
              "evidence (extraction), and many real pages give neither a publication date nor an event date, so two "
              "strikes on one city a week apart (Ganja 11 and 17 October) can only be told apart by their figures, "
              "which early reports state differently (5, 12, 13 killed for one strike)."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("karabakh", "gvc", "fit"), help="run one part and print it (no report written)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.only == "karabakh":
            print(json.dumps(karabakh_eval(work), indent=1))
            return
        if args.only == "fit":
            for threshold, got in fit_threshold(work):
                print(f"threshold {threshold}: B3 P {got['b3_p']:.3f} R {got['b3_r']:.3f} F {got['b3_f']:.3f}")
            return
        if args.only == "gvc":
            print(json.dumps(gvc_eval(work), indent=1))
            return
        for part in ("k", "g", "f"):
            (work / part).mkdir()
        kar = karabakh_eval(work / "k")
        gvc = gvc_eval(work / "g")
        fit = fit_threshold(work / "f")
    OUT.write_text(report(kar, gvc, fit), encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
