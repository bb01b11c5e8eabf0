"""Figures per source: every casualty claim of an incident, and a range that never averages.

Each claim keeps its outlet, claimant, the figures as stated (low, high, text), the
document's date and language, and the cited sentence. Reprints are listed but not counted.
The summary gives the lowest and highest figure and the most cited one, and flags
disagreement; it never computes a mean.
"""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Iterator, Optional, Sequence

from newsledger.crossdoc.aliases import resolve
from newsledger.crossdoc.naming import display_name
from newsledger.crossdoc.speakers import speaker_label
from newsledger.crossdoc.windows import best_day
from newsledger.lang import UNDETERMINED
from newsledger.store import incidents as incident_store
from newsledger.store.codec import parse_json
from newsledger.store.connection import Database

PRECISION_RANK = {"day": 5, "day-month": 4, "month": 3, "year": 2, "unknown": 0}


def _figure(fig: Optional[dict[str, Any]]) -> Optional[dict[str, Any]]:
    if not fig:
        return None
    return {"low": fig.get("low"), "high": fig.get("high"), "text": fig.get("text"), "label": fig.get("label")}


def source_label(site: Optional[str], input_id: Optional[str]) -> str:
    """How a line names a source: its site, else the base name of its input (never "unknown")."""
    if site:
        return site
    if input_id:
        base = input_id.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
        return base or input_id
    return "(no source name)"


def claimant_label(doc_id: str, event: dict[str, Any], site: Optional[str],
                   speakers: dict[tuple[str, int | str], dict[str, Any]]) -> Optional[str]:
    """Who a claim is attributed to: the speaker of the event's quote when resolved, else a describable claimant.

    Pronouns and fragments ("He", "Onun", "- deyə nazir") are not names: no claimant is shown then. ``speakers``: the
    quotes' speakers (:func:`~newsledger.store.incidents.speakers_of_documents`).
    """
    for ref in event.get("quotes") or []:  # quote ids ("q3"); schema-1 documents held list indices
        label = speaker_label(speakers.get((doc_id, ref)))
        if label:
            return label
    claimant = event.get("claimant") or {}
    name = claimant.get("name") or claimant.get("canonical")
    if not name or name == site or (claimant.get("canonical") or "") == site:
        return None  # the outlet itself as claimant adds nothing to the outlet column
    return speaker_label({"name": name, "resolved": False})


def load_claims(store: Database, incident_id: str) -> list[dict[str, Any]]:
    """One row per member event of an incident, with its document's facts, in linking order."""
    return load_claims_of(store, [incident_id])[incident_id]


def load_claims_of(store: Database, incident_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """:func:`load_claims` of many incidents, read in a few queries (their quotes' speakers too)."""
    parsed = {incident_id: [(row, parse_json(row[2]) if row[2] else {}) for row in found]
              for incident_id, found in incident_store.claim_rows_of(store, incident_ids).items()}
    # Only the documents whose events cite a quote: the speaker of the quote is the claim's claimant.
    speakers = incident_store.speakers_of_documents(
        store, {row[0] for found in parsed.values() for row, event in found if event.get("quotes")})
    return {incident_id: _claims(found, speakers) for incident_id, found in parsed.items()}


def _claims(rows: list[tuple[tuple[Any, ...], dict[str, Any]]],
            speakers: dict[tuple[str, int | str], dict[str, Any]]) -> list[dict[str, Any]]:
    claims = []
    for (doc_id, idx, _, input_id, url, site, pub, pub_precision, lang, reprint_of, title), event in rows:
        span = event.get("span") or {}
        claims.append({
            "doc_id": doc_id, "idx": idx, "input_id": input_id, "url": url, "site": source_label(site, input_id), "site_name": site,
            "title": title, "published": pub, "published_precision": pub_precision,
            "lang": event.get("lang") if event.get("lang") not in (None, UNDETERMINED) else (lang or UNDETERMINED),
            "claimant": claimant_label(doc_id, event, site, speakers),
            "killed": _figure(event.get("killed")), "injured": _figure(event.get("injured")),
            "sentence": span.get("text"), "span": [span.get("start"), span.get("end")],
            "reprint_of": reprint_of, "event": event,
        })
    return claims


def _label(low: Optional[int], high: Optional[int]) -> str:
    if low is None and high is None:
        return "unspecified"
    if low == high or high is None:
        return f"{low}" if high is not None else f"at least {low}"
    if low is None:
        return f"up to {high}"
    return f"{low}-{high}"


def summarise(claims: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """Lowest, highest and most cited value of one figure (``killed``/``injured``) over the counted claims."""
    values: Counter[tuple[Optional[int], Optional[int]]] = Counter()
    vague: Counter[str] = Counter()
    for claim in claims:
        fig = claim.get(key)
        if not fig or claim.get("reprint_of"):
            continue
        if fig["low"] is None and fig["high"] is None:
            vague[f"{fig['label']} ({fig['text']})" if fig.get("label") else fig["text"]] += 1  # "dozens (onlarla)"
        else:
            values[(fig["low"], fig["high"])] += 1
    return summary_of(values, vague)


def summary_of(values: Counter[tuple[Optional[int], Optional[int]]], vague: Counter[str]) -> dict[str, Any]:
    """The summary of counted figures: ``values`` (low, high) and ``vague`` words, each with how many claims state it,
    in order of first claim."""
    lows = [v[0] for v in values if v[0] is not None] + [v[1] for v in values if v[0] is None and v[1] is not None]
    highs = [v[1] for v in values if v[1] is not None] + [v[0] for v in values if v[1] is None and v[0] is not None]
    ranked = sorted(values.items(), key=lambda kv: (-kv[1], kv[0][0] if kv[0][0] is not None else -1))
    most_cited = None
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        most_cited = {"low": ranked[0][0][0], "high": ranked[0][0][1], "label": _label(*ranked[0][0]), "count": ranked[0][1]}
    return {
        "lowest": min(lows) if lows else None,
        "highest": max(highs) if highs else None,
        "most_cited": most_cited,
        "values": [{"low": v[0], "high": v[1], "label": _label(*v), "count": n} for v, n in ranked],
        "vague": list(vague),  # each wording once, in order of first claim
        "disagreement": len(values) > 1,
        "sources": sum(values.values()) + sum(vague.values()),
    }


def _precise_day(d: dict[str, Any]) -> Optional[str]:
    """A member's own day (ISO, or ``--MM-DD`` without a year); None for bounds, months and years."""
    value = d.get("value") or ""
    if d.get("basis") == "bounded":
        return None
    if len(value) >= 10 and value[4] == "-" and (d.get("precision") in (None, "day", "unknown")):
        return value[:10]
    if value.startswith("--") and len(value) == 7:
        return value
    return None


def best_date(claims: list[dict[str, Any]]) -> dict[str, Any]:
    """The incident's date from its most precise members: value, precision, basis, bounds.

    Days stated by members vote (a yearless "11 October" supports "2020-10-11"; the earliest
    wins ties). Bounds ("on or before 15 October") never define the day: they are used only
    when no member gives a day, month or year, and then the date stays uncertain.
    """
    return best_date_of((claim["event"].get("date") or {}, 1) for claim in claims)


def best_date_of(dates: Iterable[tuple[dict[str, Any], int]]) -> dict[str, Any]:
    """:func:`best_date` of member dates given with how many members state each."""
    votes: Counter[str] = Counter()
    scored: Counter[tuple[Any, ...]] = Counter()
    for d, n in dates:
        day = _precise_day(d)
        if day:
            votes[day] += n
        if d.get("value") or d.get("not_before") or d.get("not_after"):
            scored[(d.get("value"), d.get("precision") or "unknown", d.get("basis"), d.get("not_before"), d.get("not_after"))] += n
    day = best_day(dict(votes))
    if day:
        return {"value": day, "precision": "day-month" if day.startswith("--") else "day", "basis": "members",
                "not_before": None, "not_after": None}
    if not scored:
        return {"value": None, "precision": "unknown", "basis": None, "not_before": None, "not_after": None}
    value, precision, basis, nb, na = max(scored, key=lambda k: (PRECISION_RANK.get(k[1], 0) if k[0] else -1, scored[k], str(k)))
    return {"value": value, "precision": precision, "basis": basis, "not_before": nb, "not_after": na}


def incident_head_facts(store: Database, incident_id: str, requested: str, types: Counter[str]) -> dict[str, Any]:
    """What an incident's figures and its summary both begin with: ids, type (the members' most common, else the
    class), class, place and its display name."""
    head = incident_store.incident_head(store, incident_id)
    return {
        "incident_id": incident_id,
        "requested_id": requested,
        "type": types.most_common(1)[0][0] if types else (head[0] if head else None),
        "type_class": head[0] if head else None,
        "place": head[1] if head else None,
        "place_name": display_name(store, head[1]) if head and head[1] else None,
    }


def incident_figures(store: Database, incident_id: str) -> dict[str, Any]:
    """Every claim of an incident (outlet, claimant, figures, date, language, sentence) and a summary.

    An id a relink renamed or merged is followed to the incident it now means (``requested_id`` keeps it).
    """
    requested, incident_id = incident_id, resolve(store, incident_id)
    claims = load_claims(store, incident_id)
    types = Counter(c["event"].get("type") for c in claims if c["event"].get("type"))
    rows = [{k: v for k, v in c.items() if k != "event"} for c in claims]
    return {
        **incident_head_facts(store, incident_id, requested, types),
        "date": best_date(claims),
        "claims": rows,
        "documents": len({c["doc_id"] for c in claims if not c["reprint_of"]}),
        "reprints": len({c["doc_id"] for c in claims if c["reprint_of"]}),
        "killed": summarise(claims, "killed"),
        "injured": summarise(claims, "injured"),
    }


def incident_rows(store: Database, incident_ids: Optional[Iterable[str]] = None) -> Iterator[dict[str, Any]]:
    """Rows for ``export --what incidents``: id, type, place, date, per-source figures, input ids (lists: the exporter encodes them).

    Every incident in founding order, or only ``incident_ids`` (a page), in their order.
    """
    ids = [h[0] for h in incident_store.incident_heads(store)] if incident_ids is None else list(incident_ids)
    for incident_id in ids:
        info = incident_figures(store, incident_id)
        per_source = [{"site": c["site"], "claimant": c["claimant"], "killed": c["killed"], "injured": c["injured"],
                       "published": c["published"], "lang": c["lang"], "reprint_of": c["reprint_of"]} for c in info["claims"]]
        yield {
            "incident_id": incident_id,
            "type": info["type"],
            "place": info["place_name"] or info["place"],
            "date": info["date"]["value"],
            "date_precision": info["date"]["precision"],
            "figures": per_source,
            "input_ids": sorted({c["input_id"] for c in info["claims"] if c["input_id"]}),
            "documents": sorted({c["doc_id"] for c in info["claims"] if not c["reprint_of"]}),
        }
