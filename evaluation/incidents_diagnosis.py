"""Why two reports of one gold incident end in different product incidents: causes counted on GVC train.

Run from the repo root: ``.venv/bin/python -m evaluation.incidents_diagnosis [--db PATH]``. The GVC
**train** split is ingested through the shipped path (:func:`evaluation.incidents_eval.ingest_records`),
or an already ingested store is relinked (``--db``, to try a linking change quickly). For every
pair of documents of one gold incident whose document incidents (the majority of their attack
events, as the evaluation reads them) differ, the first cause that applies is counted:

1. no attack event linked in one document (extraction);
2. the two documents share an incident but their majorities differ (the evaluation's reading);
3. every pair of their attack events is vetoed: places known to the gazetteer and far apart, or
   date windows that cannot meet;
4. some pair of events scores at the threshold but they were not linked: the stored blocks do not
   bring one to the other (blocking), or the linker chose another incident / the incident's members
   vetoed it (anti-chaining, day conflict);
5. the best pair scores below the threshold, named by what it lacks: no place on one side, places
   the gazetteer cannot relate, no date on one side, far figures, or only weak agreement.

Only the train split is read here: dev is for decisions, never for diagnosis.
"""
from __future__ import annotations

import argparse
import itertools
import json
import shutil
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from evaluation.incidents_eval import GVC, ingest_records

NO_EVENT = "no attack event linked in one document"
MAJORITY = "share an incident, document majorities differ"
PLACE_VETO = "vetoed: places far apart"
DATE_VETO = "vetoed: date windows do not meet"
NOT_BLOCKED = "scores enough, not in each other's blocks"
CAPPED = "scores enough, dropped by the candidate cap"
ELSEWHERE = "scores enough, joined another incident or vetoed by the incident's members"
NO_PLACE = "below threshold: no place on one side"
UNRELATED_PLACES = "below threshold: places not related"
NO_DATE = "below threshold: no date on one side"
FAR_FIGURES = "below threshold: far figures"
WEAK = "below threshold: weak agreement"
CAUSES = (NO_EVENT, MAJORITY, PLACE_VETO, DATE_VETO, NOT_BLOCKED, CAPPED, ELSEWHERE, NO_PLACE, UNRELATED_PLACES,
          NO_DATE, FAR_FIGURES, WEAK)


def _train_records() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rows = [json.loads(line) for line in GVC.open(encoding="utf-8")]
    part = [r for r in rows if r["split"] == "train"]
    records = [{"id": r["doc_id"], "text": r["content"], "title": r.get("title"), "url": r.get("uri"),
                "published": (r.get("dct") or "")[:10] or None} for r in part]
    return part, records


def _pair_components(a: Any, b: Any) -> dict[str, Any]:
    from newsledger.crossdoc import evidence

    ea, eb = a.evidence(), b.evidence()
    dates = evidence.date_points(ea.window, eb.window)
    places = evidence.place_points(ea, eb)
    score = evidence.link_score(ea, eb, a.type_class)
    return {"score": score, "dates": dates, "places": places,
            "killed": evidence.figure_points(ea.killed, eb.killed), "a": a, "b": b}


def _cause(store: Any, feats_a: list[Any], feats_b: list[Any], inc_a: set[str], inc_b: set[str]) -> str:
    from newsledger.crossdoc import evidence
    from newsledger.crossdoc.blocking import lookups_of as _lookups
    from newsledger.store import incidents as incident_store

    if not feats_a or not feats_b:
        return NO_EVENT
    if inc_a & inc_b:
        return MAJORITY
    comps = [_pair_components(x, y) for x, y in itertools.product(feats_a, feats_b)]
    scored = [c for c in comps if c["score"] is not None]
    if not scored:
        return PLACE_VETO if any(c["places"] is None for c in comps) else DATE_VETO
    best = max(scored, key=lambda c: c["score"])
    if best["score"] >= evidence.LINK_THRESHOLD:
        for c in scored:
            if c["score"] < evidence.LINK_THRESHOLD:
                continue
            x, y = c["a"], c["b"]
            found = set(incident_store.blocked_events(store, y.type_class, _lookups(y), limit=10 ** 6))
            found |= set(incident_store.blocked_events(store, x.type_class, _lookups(x), limit=10 ** 6))
            if (x.doc_id, x.idx) in found or (y.doc_id, y.idx) in found:
                capped = set(incident_store.blocked_events(store, y.type_class, _lookups(y)))
                capped |= set(incident_store.blocked_events(store, x.type_class, _lookups(x)))
                if (x.doc_id, x.idx) in capped or (y.doc_id, y.idx) in capped:
                    return ELSEWHERE
                return CAPPED
        return NOT_BLOCKED
    a, b = best["a"], best["b"]
    if best["places"] is not None and best["places"] <= 0 and not (a.place and b.place):
        return NO_PLACE
    if best["places"] is not None and best["places"] <= evidence.SHARED_AREA:
        return UNRELATED_PLACES
    if best["dates"] == evidence.NO_DATE:
        return NO_DATE
    if best["killed"] < 0:
        return FAR_FIGURES
    return WEAK


def diagnose(store: Any, part: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of causes over the document pairs of one gold incident that end apart (see the module doc)."""
    from evaluation.incidents_eval import _document_incident, exported_events
    from newsledger.crossdoc.incidents import _load
    from newsledger.store import incidents as incident_store

    events = exported_events(store, [r["doc_id"] for r in part])
    doc_of = {r["doc_id"]: store.document(r["doc_id"]).id for r in part if store.document(r["doc_id"]) is not None}
    pred = {r["doc_id"]: _document_incident(events.get(r["doc_id"], [])) for r in part}
    feats: dict[str, list[Any]] = {}
    incs: dict[str, set[str]] = {}
    for r in part:
        key = r["doc_id"]
        doc_id = doc_of.get(key)
        rows = incident_store.members_of_documents(store, [doc_id]) if doc_id else []
        loaded = [(_load(doc_id, idx, blob), inc) for _, _, idx, inc, blob in rows]
        feats[key] = [f for f, _ in loaded if f.type_class == "attack"]
        incs[key] = {inc for f, inc in loaded if f.type_class == "attack"}
    by_gold: dict[str, list[str]] = defaultdict(list)
    for r in part:
        by_gold[r["gvc_incident_id"]].append(r["doc_id"])
    counts: Counter[str] = Counter()
    pairs = apart = 0
    for docs in by_gold.values():
        for x, y in itertools.combinations(docs, 2):
            pairs += 1
            if pred[x] is not None and pred[x] == pred[y]:
                continue
            apart += 1
            counts[_cause(store, feats[x], feats[y], incs[x], incs[y])] += 1
    gold = {r["doc_id"]: r["gvc_incident_id"] for r in part}
    wrong = sum(1 for x, y in itertools.combinations(gold, 2)
                if pred[x] is not None and pred[x] == pred[y] and gold[x] != gold[y])
    from evaluation.crossdoc_eval import scores

    b3 = scores([r["gvc_incident_id"] for r in part], [pred[r["doc_id"]] or f"alone:{r['doc_id']}" for r in part])
    return {"b3_p": round(b3["b3_p"], 3), "b3_r": round(b3["b3_r"], 3), "b3_f": round(b3["b3_f"], 3),
            "gold_pairs": pairs, "apart": apart, "wrongly_together": wrong,
            "causes": {c: counts.get(c, 0) for c in CAUSES}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="an ingested GVC train store to copy and relink (made here when missing)")
    args = parser.parse_args()
    from newsledger.store import Store

    part, records = _train_records()
    with tempfile.TemporaryDirectory() as tmp:
        if args.db and Path(args.db).exists():
            path = Path(tmp) / "ledger.db"
            shutil.copy(args.db, path)
            store = Store(str(path))
            store.relink()
        else:
            store = ingest_records(records, Path(tmp))
            if args.db:
                store.close()
                shutil.copy(Path(tmp) / "ledger.db", args.db)
                store = Store(str(Path(tmp) / "ledger.db"))
        out = diagnose(store, part)
        store.close()
    print(json.dumps(out, indent=1))



if __name__ == "__main__":
    main()
