"""The chronicle: day by day (by event date, not publication date), section by section.

Each line is written from the structured facts (type, canonical place, figures, claimant,
outlet) and every fact cites a footnote with the outlet, the link and the original
sentence in its own language (and where it is: document and character span). An incident
appears once with all its sources; reprints are counted once; a mention with no day of its
own of a class its day defines (a ceasefire) is read into the line of the dated incident it
mentions (:mod:`newsledger.crossdoc.mentions`). Statements come from the documents' quotes:
under the line of the incident they are about, else one line per speaker per day
(:mod:`newsledger.crossdoc.statements`).

Dates: a day with a year is a day. An incident's day comes from its members' own days (a
bound such as "on or before 15 October" never defines it). A day-month with no year gets its
year from the event's bounds, the document's publication date, the site's usual year or the
corpus's year, and says so: "15 October (2020)"; with no year anywhere it stays "15 October".
A date known only to the month or year, or only bounded, goes to a "Date uncertain" group
named by its bound ("Date uncertain: on or before 11 October 2020"). A later report dated only
by its bound is also cited on its own day, under the incident it reports.
"""
from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, Optional

from newsledger.crossdoc.claims import best_date, load_claims_of
from newsledger.crossdoc.gc_pause import cyclic_gc_paused
from newsledger.crossdoc.lines import (
    MONTHS,
    YEARLESS,
    Calendar,
    Day,
    Footnote,
    Line,
    Notes,
    Segment,
    day_label,
    in_range,
)
from newsledger.crossdoc.mentions import Placed, join_mentions
from newsledger.crossdoc.naming import display_name
from newsledger.crossdoc.statements import IncidentEvidence, collect_statements
from newsledger.crossdoc.windows import parse_day
from newsledger.store import browse
from newsledger.store import incidents as incident_store
from newsledger.store.connection import Database

_CASUALTY_TYPES = {"casualties", "casualty", "death", "deaths", "injury", "injuries", "killing"}
_SECTION_OF_CLASS = {"attack": "Fighting and strikes", "ceasefire": "Ceasefires and diplomacy",
                     "diplomacy": "Ceasefires and diplomacy", "statement": "Statements",
                     "interview": "Foreign media and interviews",
                     "territory": "Fighting and strikes", "tally": "Casualties"}
_QUOTE_CHARS = 220
_QUOTE_MARKS = "“”\"«»„ "


@dataclass
class Chronicle:
    days: list[Day]
    footnotes: list[Footnote]
    date_from: Optional[str] = None
    date_to: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _quoted_bound(d: dict[str, Any]) -> Optional[str]:
    """A member's bound as the text of a note: “on or before 15 October”."""
    def label(v: Optional[str]) -> str:
        m = YEARLESS.match(v or "")
        if m:
            return f"{int(m.group(2))} {MONTHS[int(m.group(1)) - 1]}"
        day = parse_day(v)
        return day_label(day) if day else (v or "?")
    nb, na = d.get("not_before"), d.get("not_after")
    if nb and na and nb != na:
        return f"between {label(nb)} and {label(na)}"
    if na:
        return f"on or before {label(na)}"
    if nb:
        return f"on or after {label(nb)}"
    return None


# --- lines -------------------------------------------------------------------------------

def _humanise(word: Optional[str]) -> str:
    return (word or "").replace("_", " ").strip()


_KIND_NOUNS = {"shelling/artillery/missile": "Shelling", "air or drone strike": "Air or drone strike",
               "armed clash": "Armed clash", "attack on civilians": "Attack on civilians", "interview/statement": "Interview",
               "meeting/talks": "Meeting", "ceasefire/agreement": "Ceasefire", "territory change": "Territory change"}


def _most_common_arg(events: list[dict[str, Any]], key: str) -> Optional[str]:
    names = Counter(((e.get(key) or {}).get("canonical") or (e.get(key) or {}).get("name") or "").strip() for e in events)
    names.pop("", None)
    return names.most_common(1)[0][0] if names else None


def _headline(claims: list[dict[str, Any]], place: Optional[str], type_class: str) -> str:
    events = [c["event"] for c in claims]
    types = Counter((e.get("subtype") or e.get("type") or "").strip().lower() for e in events if e.get("subtype") or e.get("type"))
    raw = types.most_common(1)[0][0] if types else type_class
    kind = _KIND_NOUNS.get(raw, _humanise(raw.split("/")[0]))
    weapons = Counter(_humanise((e.get("weapon") or {}).get("name") or (e.get("weapon") or {}).get("canonical")).lower()
                      for e in events if e.get("weapon"))
    weapons.pop("", None)
    if weapons and type_class == "attack" and raw not in ("armed clash",):
        kind = f"{weapons.most_common(1)[0][0].split()[-1]} strike"  # "Tochka-U missile" -> "missile strike"
    if type_class == "tally":
        kind = "running tally"  # a count over the war so far, never one strike's: said so in the line
    kind = kind[:1].upper() + kind[1:]
    if type_class == "interview":
        actor, target = _most_common_arg(events, "actor"), _most_common_arg(events, "target")
        if actor:
            return f"{kind} of {actor}" + (f" with {target}" if target else "")
    if not place:
        return kind
    return f"{kind} {'on' if type_class == 'attack' else 'of' if type_class == 'tally' else 'in'} {place}"


def _figure_phrase(fig: Optional[dict[str, Any]], word: str) -> Optional[str]:
    if not fig:
        return None
    low, high = fig.get("low"), fig.get("high")
    if low is None and high is None:
        vague = (fig.get("text") or "").split()
        return f"{vague[0].lower()} {word}" if vague else None
    if low == high or high is None:
        return f"{low} {word}" if high is not None else f"at least {low} {word}"
    if low is None:
        return f"up to {high} {word}"
    return f"{low}-{high} {word}"


def _who(claim: dict[str, Any]) -> str:
    return f"{claim['claimant']} via {claim['site']}" if claim["claimant"] else claim["site"]


def _section(type_class: str, claims: list[dict[str, Any]]) -> str:
    types = {(c["event"].get("type") or "").lower() for c in claims}
    return "Casualties" if types and types <= _CASUALTY_TYPES else _SECTION_OF_CLASS.get(type_class, "Other events")


def _claim_parts(claims: list[dict[str, Any]], notes: Notes) -> tuple[list[Segment], list[Segment]]:
    """Segments for the claims with figures (one per figures+source) and for the other sources."""
    parts: dict[tuple[str, str], list[int]] = {}
    others: dict[str, list[int]] = {}
    for c in claims:
        phrases = [p for p in (_figure_phrase(c["killed"], "killed"), _figure_phrase(c["injured"], "injured")) if p]
        n = notes.cite(c["doc_id"], c["site"], c["url"], c["sentence"] or "", c["lang"], c["input_id"], *c["span"])
        cites = parts.setdefault((", ".join(phrases), _who(c)), []) if phrases else others.setdefault(c["site"], [])
        if n not in cites:
            cites.append(n)
    with_figures = [Segment(f"{'; ' if i else ''}{phrase} ({who})", cites) for i, ((phrase, who), cites) in enumerate(parts.items())]
    rest = [Segment(f"{', ' if i else ''}{who}", cites) for i, (who, cites) in enumerate(others.items())]
    return with_figures, rest


def _incident_line(store: Database, incident_id: str, type_class: str, place_key: Optional[str],
                   claims: list[dict[str, Any]], notes: Notes, day_key: str) -> Line:
    counted = [c for c in claims if not c["reprint_of"]]
    reprints = len({c["doc_id"] for c in claims if c["reprint_of"]})
    place = display_name(store, place_key) if place_key else None
    segments = [Segment(_headline(counted or claims, place, type_class))]
    with_figures, rest = _claim_parts(counted, notes)
    if with_figures:
        segments += [Segment(": ")] + with_figures
    if rest:
        segments += [Segment("; also reported by " if with_figures else ": reported by ")] + rest
    killed = {(c["killed"]["low"], c["killed"]["high"]) for c in counted if c["killed"] and c["killed"]["low"] is not None}
    injured = {(c["injured"]["low"], c["injured"]["high"]) for c in counted if c["injured"] and c["injured"]["low"] is not None}
    flags = [w for w, vals in (("killed", killed), ("injured", injured)) if len(vals) > 1]
    line_notes = []
    if flags:
        line_notes.append("sources disagree on the number " + " and ".join(flags))
    if not day_key.startswith("~"):
        for c in counted:
            d = c["event"].get("date") or {}
            bound = _quoted_bound(d) if not d.get("value") else None
            # A bound on the incident's own day adds nothing; a later one says the claim is a later report.
            if bound and (c["killed"] or c["injured"]) and not (d.get("not_after") or "").endswith(day_key[4:]):
                line_notes.append(f"{c['site']}'s claim is dated only “{bound}”")
    if reprints:
        segments.append(Segment(f" (also reprinted by {reprints} document{'s' if reprints > 1 else ''})"))
    return Line(_section(type_class, counted or claims), segments, incident_id, "; ".join(dict.fromkeys(line_notes)) or None)


class _Days:
    """The chronicle's days by key; the first note that explains a day's inferred year is kept."""

    def __init__(self) -> None:
        self.days: dict[str, Day] = {}

    def add(self, key: str, label: str, note: Optional[str], line: Line) -> None:
        if key.startswith("~"):
            # Uncertain dates are grouped by their bound, the label says which.
            key = "~" + label
        fresh = key not in self.days
        day = self.days.setdefault(key, Day(key, label))
        inferred = "(" in day.label  # "15 October (2020)": the day's year is inferred, the note says from where
        if not note and inferred and "(" not in label:
            # A certainly dated line arrives: the day is certain, the inferred-year note moves to the earlier lines.
            for old in day.lines:
                old.note = "; ".join(x for x in (day.note, old.note) if x) or None
            day.label, day.note = label, None
        elif note and fresh and not key.startswith("~") and "(" in label:
            day.note = note
        elif note and note != day.note:
            line.note = "; ".join(x for x in (note, line.note) if x)
        day.lines.append(line)


def _doc_day(cal: Calendar, claim: dict[str, Any]) -> tuple[str, str, Optional[str]]:
    return cal.place(claim["published"], claim["published_precision"] or "unknown", None, None, claim["published"],
                     claim["site_name"])


def _back_references(store: Database, cal: Calendar, notes: Notes, days: _Days, incident_id: str,
                     type_class: str, place_key: Optional[str], claims: list[dict[str, Any]], day_key: str, day_label: str,
                     date_from: Optional[str], date_to: Optional[str]) -> None:
    """A later report of a dated incident, dated only by its own bound, is also cited on the report's day."""
    if day_key.startswith("~"):
        return
    by_day: dict[tuple[str, str, Optional[str]], list[dict[str, Any]]] = {}
    for c in claims:
        d = c["event"].get("date") or {}
        if c["reprint_of"] or d.get("value") or not (c["killed"] or c["injured"] or c["claimant"]):
            continue
        key, label, note = _doc_day(cal, c)
        if key.startswith("~") or key == day_key or not in_range(key, date_from, date_to):
            continue
        by_day.setdefault((key, label, note), []).append(c)
    if not by_day:
        return
    place = display_name(store, place_key) if place_key else None
    headline, section = _headline(claims, place, type_class), _section(type_class, claims)  # the incident's, once
    for (key, label, note), members in by_day.items():
        with_figures, rest = _claim_parts(members, notes)
        segments = [Segment(f"{headline} of {day_label}, reported: ")] + with_figures
        if rest:
            segments += [Segment("; " if with_figures else "")] + rest
        bounds = sorted({b for b in (_quoted_bound(c["event"].get("date") or {}) for c in members) if b})
        line_note = "this source's claim is dated only " + " / ".join(f"“{b}”" for b in bounds) if bounds else None
        days.add(key, label, note, Line(section, segments, incident_id, line_note))


def _placed(store: Database, cal: Calendar, date_from: Optional[str], date_to: Optional[str]) -> list[Placed]:
    """Every incident that can have a line between the two days, with its claims and its day."""
    # With a range, only the incidents that can have a line in it (found through indexed columns).
    heads = incident_store.incident_heads(store, browse.incidents_touching(store, date_from, date_to)
                                          if date_from and date_to else None)
    placed = []
    claims_of = load_claims_of(store, [h[0] for h in heads])
    for incident_id, type_class, place_key in heads:
        claims = claims_of[incident_id]
        if not claims:
            continue
        when = best_date(claims)
        first = next((c for c in claims if c["published"]), claims[0])
        key, label, note = cal.place(when["value"], when["precision"], when["not_before"], when["not_after"],
                                     first["published"], first["site_name"])
        placed.append(Placed(incident_id, type_class, place_key, claims, key, label, note, when))
    return placed


def _joined(placed: list[Placed], date_from: Optional[str], date_to: Optional[str]) -> list[Placed]:
    """Mentions read into their dated lines (:func:`join_mentions`). With a range, among the incidents placed inside
    it only: a month's chronicle then reads what the month holds (its cost follows the month, not the store), and a
    mention placed outside the range is counted in the whole chronicle's line, not in the month's."""
    if not (date_from and date_to):
        return join_mentions(placed)
    inside = [p for p in placed if in_range(p.key, date_from, date_to)]
    return join_mentions(inside) + [p for p in placed if not in_range(p.key, date_from, date_to)]


def build_chronicle(store: Database, date_from: Optional[str] = None, date_to: Optional[str] = None) -> Chronicle:
    """The chronicle of the stored incidents and statements between two ISO days (inclusive)."""
    with cyclic_gc_paused():
        return _build(store, date_from, date_to)


def _build(store: Database, date_from: Optional[str], date_to: Optional[str]) -> Chronicle:
    notes = Notes()
    cal = Calendar(store)
    days = _Days()
    lines: dict[str, Line] = {}
    kept = _joined(_placed(store, cal, date_from, date_to), date_from, date_to)
    about = IncidentEvidence(store, {j.incident_id: p.incident_id for p in kept for j in p.joined})
    for p in kept:
        claims = p.claims + [c for j in p.joined for c in j.claims]
        about.know(claims)  # read by the statements below, after every incident is known
        if in_range(p.key, date_from, date_to):
            line = _incident_line(store, p.incident_id, p.type_class, p.place_key, claims, notes, p.key)
            if p.joined:
                line.joined = [j.incident_id for j in p.joined]
                n = len(p.joined)
                joined_note = f"{n} mention{'s' if n > 1 else ''} with no day of {'their' if n > 1 else 'its'} own counted here"
                line.note = "; ".join(x for x in (line.note, joined_note) if x)
            days.add(p.key, p.label, p.note, line)
            lines[p.incident_id] = line
            about.add(p.incident_id, p.key, claims)
        _back_references(store, cal, notes, days, p.incident_id, p.type_class, p.place_key, claims, p.key, p.label,
                         date_from, date_to)
    day_lines, by_incident = collect_statements(store, cal, notes, date_from, date_to, about)
    for incident_id, said in by_incident.items():
        lines[incident_id].statements = said
    for key, label, note, line in day_lines:
        days.add(key, label, note, line)
    ordered = sorted(days.days.values(), key=_day_order)
    return Chronicle(_renumber(ordered, notes.items), _footnotes_in_order(ordered, notes.items), date_from, date_to)


def build_chronicle_keeping_undated(store: Database, date_from: Optional[str] = None,
                                    date_to: Optional[str] = None) -> tuple[Chronicle, list[Day]]:
    """The chronicle between two days, and apart from it the days with no full date (a range drops those).

    The footnotes of both are numbered together in reading order, the undated days last.
    """
    whole = build_chronicle(store)
    dated = [d for d in whole.days if is_full_day(d.key) and in_range(d.key, date_from, date_to)]
    undated = [d for d in whole.days if not is_full_day(d.key)]
    kept = dated + undated
    cited = set(_cite_order(kept))
    notes = [f for f in whole.footnotes if f.n in cited]
    _renumber(kept, notes)
    return Chronicle(dated, _footnotes_in_order(kept, notes), date_from, date_to), undated


def is_full_day(key: str) -> bool:
    """Whether a chronicle day key is an ISO day (not a yearless day nor an uncertain group)."""
    return len(key) == 10 and key[4] == "-" and key[:4].isdigit()


def _day_order(day: Day) -> tuple[int, str]:
    if day.key.startswith("~"):
        return (2, day.key)
    if day.key.startswith("--"):
        return (1, day.key)
    return (0, day.key)


def _cite_order(days: list[Day]) -> list[int]:
    order: dict[int, None] = {}  # insertion-ordered set: first citation wins
    for day in days:
        for _, lines in day.sections():
            for line in lines:
                for part in (line, *line.statements):
                    for seg in part.segments:
                        order.update(dict.fromkeys(seg.cites))
    return list(order)


def _renumber(days: list[Day], items: list[Footnote]) -> list[Day]:
    """Footnotes numbered in reading order (days sorted, sections in order)."""
    mapping = {old: new for new, old in enumerate(_cite_order(days), start=1)}
    for day in days:
        for line in day.lines:
            for part in (line, *line.statements):
                for seg in part.segments:
                    seg.cites = [mapping[n] for n in seg.cites]
    for item in items:
        item.n = mapping.get(item.n, item.n)
    return days


def _footnotes_in_order(days: list[Day], items: list[Footnote]) -> list[Footnote]:
    return sorted(items, key=lambda f: f.n)


# --- renderers ---------------------------------------------------------------------------

def _markdown_line(line: Line) -> str:
    text = "".join(seg.text + "".join(f"[^{n}]" for n in seg.cites) for seg in line.segments)
    return text + (f" _({line.note})_" if line.note else "")


def render_markdown(chron: Chronicle) -> str:
    """The chronicle as Markdown with footnotes (``[^n]``)."""
    out = ["# Chronicle", ""]
    for day in chron.days:
        out += [f"## {day.label}", ""]
        if day.note:
            out += [f"_{day.note}_", ""]
        for section, lines in day.sections():
            out += [f"### {section}", ""]
            for line in lines:
                out.append(f"- {_markdown_line(line)}")
                out += [f"  - {_markdown_line(said)}" for said in line.statements]
            out.append("")
    if chron.footnotes:
        for f in chron.footnotes:
            link = f" <{f.url}>" if f.url else ""
            sentence = " ".join(f.sentence.split())
            out.append(f"[^{f.n}]: {f.outlet}{link} ({f.lang}): “{sentence}”")
        out.append("")
    return "\n".join(out)


def _html_line(line: Line) -> str:
    e = html.escape
    body = "".join(e(seg.text) + "".join(f"<sup><a href=\"#fn{n}\" id=\"ref{n}\">[{n}]</a></sup>" for n in seg.cites)
                   for seg in line.segments)
    return body + (f" <span class=\"note\">({e(line.note)})</span>" if line.note else "")


def render_html(chron: Chronicle) -> str:
    """The chronicle as one self-contained HTML page; every text is escaped."""
    e = html.escape
    out = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>Chronicle</title>",
           "<style>body{font-family:sans-serif;max-width:50em;margin:auto}sup a{text-decoration:none}"
           ".note{color:#555;font-style:italic}.fn{font-size:90%}</style></head><body>", "<h1>Chronicle</h1>"]
    for day in chron.days:
        out.append(f"<h2>{e(day.label)}</h2>")
        if day.note:
            out.append(f"<p class=\"note\">{e(day.note)}</p>")
        for section, lines in day.sections():
            out.append(f"<h3>{e(section)}</h3><ul>")
            for line in lines:
                said = "".join(f"<li>{_html_line(s)}</li>" for s in line.statements)
                out.append(f"<li>{_html_line(line)}" + (f"<ul class=\"said\">{said}</ul>" if said else "") + "</li>")
            out.append("</ul>")
    if chron.footnotes:
        out.append("<hr><ol class=\"fn\">")
        for f in chron.footnotes:
            link = f" <a href=\"{e(f.url, quote=True)}\">{e(f.url)}</a>" if f.url else ""
            out.append(f"<li id=\"fn{f.n}\">{e(f.outlet)}{link} ({e(f.lang)}): "
                       f"<q lang=\"{e(f.lang, quote=True)}\">{e(' '.join(f.sentence.split()))}</q></li>")
        out.append("</ol>")
    out.append("</body></html>")
    return "\n".join(out)


def _json_line(line: Line) -> dict[str, Any]:
    return dict(asdict(line), text=line.text, statements=[_json_line(s) for s in line.statements])


def render_json(chron: Chronicle) -> str:
    """The chronicle as JSON (days, sections, lines with footnote numbers, footnotes)."""
    data = chron.to_dict()
    for day, src in zip(data["days"], chron.days):
        day["sections"] = [{"section": s, "lines": [_json_line(ln) for ln in lines]} for s, lines in src.sections()]
        del day["lines"]
    return json.dumps(data, ensure_ascii=False, indent=2)
