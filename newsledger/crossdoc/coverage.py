"""Coverage: what the store holds per site and day, where a usually busy site fell silent, and the
health of followed sources (last success, failures by cause, days with nothing new).

A *silent gap* is a day inside a site's active range (first to last publication day) on
which a site that usually publishes (on at least half the days of that range, with at
least five documents) has no document. Gaps show where the ledger may be blind.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import timedelta
from typing import Any

from newsledger.crossdoc.windows import parse_day
from newsledger.lang import UNDETERMINED
from newsledger.store import corpus as corpus_store
from newsledger.store import fetches as fetch_store
from newsledger.store.connection import Database

MIN_DOCUMENTS = 5
MIN_DAY_SHARE = 0.5


def _failures(store: Database) -> dict[str, Any]:
    rows = corpus_store.failure_counts(store)
    return {"total": sum(n for _, n in rows), "by_code": {code: n for code, n in rows}}


def silent_gaps(per_day: dict[str, Counter[str]], min_documents: int = MIN_DOCUMENTS,
                min_day_share: float = MIN_DAY_SHARE) -> dict[str, list[str]]:
    """Days with no document for each site that usually publishes (pure: ``{site: Counter(day)}``)."""
    gaps: dict[str, list[str]] = {}
    for site, days in per_day.items():
        parsed = sorted(d for d in (parse_day(k) for k in days) if d)
        if sum(days.values()) < min_documents or not parsed:
            continue
        span = (parsed[-1] - parsed[0]).days + 1
        if len(parsed) / span < min_day_share:
            continue
        have = set(parsed)
        missing = [(parsed[0] + timedelta(days=i)).isoformat() for i in range(span)
                   if parsed[0] + timedelta(days=i) not in have]
        if missing:
            gaps[site] = missing
    return gaps


def coverage(store: Database) -> dict[str, Any]:
    """Documents per site per day, languages, failures and silent gaps of the store."""
    per_day: dict[str, Counter[str]] = defaultdict(Counter)
    undated: Counter[str] = Counter()
    langs: Counter[str] = Counter()
    reprints = 0
    total = 0
    for site, value, lang, reprint_of in corpus_store.coverage_rows(store):
        total += 1
        site = site or "(unknown)"
        langs[lang or UNDETERMINED] += 1
        reprints += reprint_of is not None
        day = parse_day(value)
        if day:
            per_day[site][day.isoformat()] += 1
        else:
            undated[site] += 1
    sites = sorted(set(per_day) | set(undated))
    return {
        "documents": total,
        "reprints": reprints,
        "sites": {s: {"documents": sum(per_day[s].values()) + undated[s], "undated": undated[s],
                      "first_day": min(per_day[s]) if per_day[s] else None,
                      "last_day": max(per_day[s]) if per_day[s] else None,
                      "per_day": dict(sorted(per_day[s].items()))} for s in sites},
        "languages": dict(langs.most_common()),
        "failures": _failures(store),
        "silent_gaps": silent_gaps(per_day),
        "fetch": fetch_health(store),
    }


def fetch_health(store: Database) -> dict[str, Any]:
    """Per followed source: last success, failures by cause (error code), pages stored, and the days
    with nothing new (polled, yet no new page stored: the silent gaps of following)."""
    sources: dict[str, dict[str, Any]] = {}
    for source, day, outcome, code, n, last in fetch_store.health_rows(store):
        info = sources.setdefault(source, {"fetches": 0, "pages_stored": 0, "last_fetch": None, "last_success": None,
                                           "failures": Counter(), "new_by_day": Counter(), "polled": set()})
        info["fetches"] += n
        info["polled"].add(day)
        info["last_fetch"] = max(info["last_fetch"] or last, last)
        if outcome == "failed":
            info["failures"][code or "unknown"] += n
        elif outcome in fetch_store.SUCCESS_OUTCOMES:
            info["last_success"] = max(info["last_success"] or last, last)
        if outcome == "stored":
            info["pages_stored"] += n
            info["new_by_day"][day] += n
    health = {}
    for source, info in sorted(sources.items()):
        polled = sorted(d for d in (parse_day(k) for k in info["polled"]) if d)
        span = [(polled[0] + timedelta(days=i)).isoformat() for i in range((polled[-1] - polled[0]).days + 1)] if polled else []
        health[source] = {"fetches": info["fetches"], "pages_stored": info["pages_stored"],
                          "last_fetch": info["last_fetch"], "last_success": info["last_success"],
                          "failures": dict(sorted(info["failures"].items())),
                          "days_with_nothing_new": [d for d in span if not info["new_by_day"][d]]}
    return health




def render_coverage(data: dict[str, Any]) -> str:
    """Coverage as plain text: one line per site, then languages, failures and silent gaps."""
    lines = [f"{data['documents']} documents ({data['reprints']} reprints)"]
    for site, info in data["sites"].items():
        span = f"{info['first_day']} .. {info['last_day']}" if info["first_day"] else "no dated documents"
        lines.append(f"  {site}: {info['documents']} documents, {len(info['per_day'])} days ({span}), {info['undated']} undated")
    lines.append("languages: " + (", ".join(f"{k} {v}" for k, v in data["languages"].items()) or "-"))
    fails = data["failures"]
    lines.append(f"failures: {fails['total']}"
                 + (" (" + ", ".join(f"{k} {v}" for k, v in fails["by_code"].items()) + ")" if fails["by_code"] else ""))
    gaps = data["silent_gaps"]
    if gaps:
        lines.append("silent gaps (days with nothing from a site that usually publishes):")
        for site, days in gaps.items():
            shown = ", ".join(days[:10]) + (f" and {len(days) - 10} more" if len(days) > 10 else "")
            lines.append(f"  {site}: {shown}")
    else:
        lines.append("silent gaps: none")
    health = data.get("fetch") or {}
    if health:
        lines.append("fetch health (per followed source):")
        for source, info in health.items():
            fails = ", ".join(f"{k} {v}" for k, v in info["failures"].items()) or "none"
            quiet = info["days_with_nothing_new"]
            shown = ", ".join(quiet[:7]) + (f" and {len(quiet) - 7} more" if len(quiet) > 7 else "") if quiet else "none"
            lines.append(f"  {source}: last success {info['last_success'] or 'never'}, {info['pages_stored']} pages stored "
                         f"in {info['fetches']} fetches, failures: {fails}, days with nothing new: {shown}")
    return "\n".join(lines)
