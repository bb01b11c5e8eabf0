"""The chronicle: day by day (by event date, not publication date), section by section.

Each line is written from the structured facts (type, canonical place, figures, claimant,
outlet) and every fact cites a footnote with the outlet, the link and the original
sentence in its own language. An incident appears once with all its sources; reprints are
counted once. Statements come from the documents' quotes: one line per speaker per day.

Dates: a day with a year is a day. A day-month with no year gets its year from the
event's bounds, the document's publication date or the site's usual year, and says so:
"15 October (2020)". A date known only to the month or year, or only bounded, goes to the
"Date uncertain" group with a note. A guessed year is never shown as certain.
"""
from __future__ import annotations

import html
import json
import re
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Optional

from .dates import parse_day, span_of, year_of
from .figures import best_date, load_claims
from .incidents import ensure_incident_tables
from .naming import display_name

SECTIONS = ("Fighting and strikes", "Casualties", "Ceasefires and diplomacy", "Statements",
            "Foreign media and interviews", "Other events")
UNCERTAIN = "Date uncertain"
_CASUALTY_TYPES = {"casualties", "casualty", "death", "deaths", "injury", "injuries", "killing"}
_SECTION_OF_CLASS = {"attack": "Fighting and strikes", "ceasefire": "Ceasefires and diplomacy",
                     "diplomacy": "Ceasefires and diplomacy", "statement": "Statements",
                     "interview": "Foreign media and interviews",
                     "territory": "Fighting and strikes"}
_YEARLESS = re.compile(r"^--(\d{2})-(\d{2})$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_QUOTE_CHARS = 220
_QUOTE_MARKS = "“”\"«»„ "


@dataclass
class Footnote:
    n: int
    outlet: str
    url: Optional[str]
    sentence: str
    lang: str
    input_id: Optional[str] = None


@dataclass
class Segment:
    """A piece of a line and the footnotes that back it."""

    text: str
    cites: list[int] = field(default_factory=list)


@dataclass
class Line:
    section: str
    segments: list[Segment]
    incident_id: Optional[str] = None
    note: Optional[str] = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass
class Day:
    key: str  # sortable: ISO day, or "~" + a bound for the uncertain group
    label: str
    note: Optional[str] = None
    lines: list[Line] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[Line]]]:
        return [(s, [ln for ln in self.lines if ln.section == s]) for s in SECTIONS if any(ln.section == s for ln in self.lines)]


@dataclass
class Chronicle:
    days: list[Day]
    footnotes: list[Footnote]
    date_from: Optional[str] = None
    date_to: Optional[str] = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- dates -------------------------------------------------------------------------------

def _day_label(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def site_year(conn: sqlite3.Connection, site: Optional[str]) -> Optional[int]:
    """The majority publication year of a site's documents (None when unknown or tied)."""
    if not site:
        return None
    years = Counter(year_of(v) for (v,) in conn.execute("SELECT published_value FROM documents WHERE site = ?", (site,)))
    years.pop(None, None)
    ranked = years.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def place_in_calendar(conn: sqlite3.Connection, value: Optional[str], precision: str, not_before: Optional[str],
                      not_after: Optional[str], published: Optional[str], site: Optional[str]) -> tuple[str, str, Optional[str]]:
    """(day key, label, note) for a date; uncertain dates get key '~...' and label UNCERTAIN."""
    day = parse_day(value) if precision == "day" or (value and len(value) == 10) else None
    if day:
        return day.isoformat(), _day_label(day), None
    m = _YEARLESS.match(value or "")
    if m:
        month, dom = int(m.group(1)), int(m.group(2))
        year, why = None, None
        nb, na = year_of(not_before), year_of(not_after)
        if nb and na and nb == na:
            year, why = nb, "the year comes from the event's date bounds, not the text"
        elif year_of(published):
            year, why = year_of(published), "the year is not in the text; taken from the document's publication date"
        elif site_year(conn, site):
            year, why = site_year(conn, site), "the year is not in the text; taken from the usual year of the site's documents"
        if year:
            try:
                d = date(year, month, dom)
                return d.isoformat(), f"{dom} {_MONTHS[month - 1]} ({year})", why
            except ValueError:
                pass
        return f"~--{month:02d}-{dom:02d}", UNCERTAIN, f"{dom} {_MONTHS[month - 1]}, year unknown"
    span = span_of(value)
    if span:
        first, last = span
        what = f"{_MONTHS[first.month - 1]} {first.year}" if precision == "month" else str(first.year)
        return f"~{first.isoformat()}", UNCERTAIN, f"known only to the {precision}: {what}"
    if not_before or not_after:
        bound = not_after or not_before
        year = year_of(published) or site_year(conn, site)
        nb, na = _bound_label(not_before, year), _bound_label(not_after, year)
        note = f"between {nb} and {na}" if not_before and not_after else \
            (f"on or before {na}" if not_after else f"on or after {nb}")
        return f"~{bound}", UNCERTAIN, note
    return "~~", UNCERTAIN, "no date"


def _bound_label(value: Optional[str], year_hint: Optional[int]) -> str:
    """An ISO bound for a note: yearless bounds say where a year came from, or that there is none."""
    if not value:
        return "?"
    m = _YEARLESS.match(value)
    if not m:
        return value
    month, dom = int(m.group(1)), int(m.group(2))
    return f"{dom} {_MONTHS[month - 1]} ({year_hint}, year not in the text)" if year_hint else f"{dom} {_MONTHS[month - 1]} (year unknown)"


# --- lines -------------------------------------------------------------------------------

class _Notes:
    """Footnotes numbered in order of first citation, one per (document, sentence)."""

    def __init__(self) -> None:
        self.items: list[Footnote] = []
        self.index: dict[tuple[str, str], int] = {}

    def cite(self, doc_id: str, outlet: str, url: Optional[str], sentence: str, lang: str, input_id: Optional[str]) -> int:
        key = (doc_id, sentence)
        if key not in self.index:
            self.items.append(Footnote(len(self.items) + 1, outlet, url, sentence, lang, input_id))
            self.index[key] = len(self.items)
        return self.index[key]


def _humanise(word: Optional[str]) -> str:
    return (word or "").replace("_", " ").strip()


_KIND_NOUNS = {"shelling/artillery/missile": "Shelling", "air or drone strike": "Air or drone strike",
               "armed clash": "Armed clash", "attack on civilians": "Attack on civilians", "interview/statement": "Interview",
               "meeting/talks": "Meeting", "ceasefire/agreement": "Ceasefire", "territory change": "Territory change"}


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
    kind = kind[:1].upper() + kind[1:]
    if not place:
        return kind
    return f"{kind} {'on' if type_class == 'attack' else 'in'} {place}"


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


def _incident_line(conn: sqlite3.Connection, incident_id: str, type_class: str, place_key: Optional[str],
                   claims: list[dict[str, Any]], notes: _Notes) -> Line:
    counted = [c for c in claims if not c["reprint_of"]]
    reprints = len({c["doc_id"] for c in claims if c["reprint_of"]})
    types = {(c["event"].get("type") or "").lower() for c in counted}
    section = "Casualties" if types and types <= _CASUALTY_TYPES else _SECTION_OF_CLASS.get(type_class, "Other events")
    place = display_name(conn, place_key) if place_key else None
    segments = [Segment(_headline(counted or claims, place, type_class))]
    # One part per distinct (figures, claimant, outlet); each part cites all its sentences.
    parts: dict[tuple[str, str], list[int]] = {}
    for c in counted:
        phrases = [p for p in (_figure_phrase(c["killed"], "killed"), _figure_phrase(c["injured"], "injured")) if p]
        who = f"{c['claimant']} via {c['site']}" if c["claimant"] else c["site"]
        n = notes.cite(c["doc_id"], c["site"], c["url"], c["sentence"] or "", c["lang"], c["input_id"])
        cites = parts.setdefault((", ".join(phrases), who), [])
        if n not in cites:
            cites.append(n)
    for i, ((phrase, who), cites) in enumerate(parts.items()):
        sep = ": " if i == 0 else "; "
        segments.append(Segment(f"{sep}{phrase} ({who})" if phrase else f"{sep}({who})", cites))
    killed = {(c["killed"]["low"], c["killed"]["high"]) for c in counted if c["killed"] and c["killed"]["low"] is not None}
    injured = {(c["injured"]["low"], c["injured"]["high"]) for c in counted if c["injured"] and c["injured"]["low"] is not None}
    flags = [w for w, vals in (("killed", killed), ("injured", injured)) if len(vals) > 1]
    note = None
    if flags:
        note = "sources disagree on the number " + " and ".join(flags)
    if reprints:
        segments.append(Segment(f" (also reprinted by {reprints} document{'s' if reprints > 1 else ''})"))
    return Line(section, segments, incident_id, note)


def _sentence_around(data: dict[str, Any], start: Optional[int], fallback: str) -> str:
    if start is None:
        return fallback
    for s in data.get("sentences") or []:
        if s["start"] <= start < s["end"]:
            return s["text"]
    return fallback


def _statement_lines(conn: sqlite3.Connection, notes: _Notes, days: dict[str, Day],
                     date_from: Optional[str], date_to: Optional[str]) -> None:
    rows = conn.execute("SELECT id, input_id, url, site, published_value, published_precision, data FROM documents "
                        "WHERE reprint_of IS NULL ORDER BY ingested_seq, id").fetchall()
    for doc_id, input_id, url, site, pub, precision, blob in rows:
        data = json.loads(blob) if blob else {}
        by_speaker: dict[str, list[dict[str, Any]]] = {}
        for q in data.get("quotes") or []:
            speaker = q.get("speaker") or {}
            name = speaker.get("canonical") or speaker.get("name")
            if name and q.get("content"):
                by_speaker.setdefault(name, []).append(q)
        if not by_speaker:
            continue
        key, label, note = place_in_calendar(conn, pub, precision or "unknown", None, None, pub, site)
        if not _in_range(key, date_from, date_to):
            continue
        day = days.setdefault(key, Day(key, label, note))
        for name, quotes in by_speaker.items():
            role = next(((q.get("speaker") or {}).get("role") for q in quotes if (q.get("speaker") or {}).get("role")), None)
            segments = [Segment(f"{name}{f' ({role})' if role else ''}")]
            for i, q in enumerate(quotes):
                cue = ((q.get("cue") or {}).get("text") or "said").strip()
                content = " ".join(q["content"]["text"].split())
                if len(content) > _QUOTE_CHARS:
                    content = content[:_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
                target = (q.get("target") or {}).get("name")
                content = content.strip(_QUOTE_MARKS)
                what = f"{cue} {target}" if q.get("kind") == "stance" and target else f"{cue}: “{content}”"
                sentence = _sentence_around(data, q["content"].get("start"), q["content"]["text"])
                n = notes.cite(doc_id, site or "(unknown outlet)", url, sentence, q.get("lang") or "und", input_id)
                segments.append(Segment(f"{' ' if i == 0 else '; '}{what}", [n]))
            day.lines.append(Line("Statements", segments))


def _in_range(key: str, date_from: Optional[str], date_to: Optional[str]) -> bool:
    probe = key.lstrip("~")
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", probe):
        return date_from is None and date_to is None
    return (date_from is None or probe >= date_from) and (date_to is None or probe <= date_to)


def build_chronicle(conn: sqlite3.Connection, date_from: Optional[str] = None, date_to: Optional[str] = None) -> Chronicle:
    """The chronicle of the stored incidents and statements between two ISO days (inclusive)."""
    ensure_incident_tables(conn)
    notes = _Notes()
    days: dict[str, Day] = {}
    for incident_id, type_class, place_key in conn.execute("SELECT id, type_class, place FROM incidents ORDER BY seq").fetchall():
        claims = load_claims(conn, incident_id)
        if not claims:
            continue
        when = best_date(claims)
        first = claims[0]
        key, label, note = place_in_calendar(conn, when["value"], when["precision"], when["not_before"], when["not_after"],
                                             first["published"], first["site"])
        if not _in_range(key, date_from, date_to):
            continue
        day_key = key if label != UNCERTAIN else "~"
        fresh = day_key not in days
        day = days.setdefault(day_key, Day(day_key, label))
        line = _incident_line(conn, incident_id, type_class, place_key, claims, notes)
        if note and fresh and label != UNCERTAIN:
            day.note = note  # the day's label carries the inferred year: say where it came from
        elif note and note != day.note:
            line.note = "; ".join(x for x in (note, line.note) if x)
        day.lines.append(line)
    statement_days: dict[str, Day] = {}
    _statement_lines(conn, notes, statement_days, date_from, date_to)
    for key, sday in statement_days.items():
        target_key = key if sday.label != UNCERTAIN else "~"
        day = days.setdefault(target_key, Day(target_key, sday.label, sday.note if sday.label != UNCERTAIN else None))
        for line in sday.lines:
            if sday.label == UNCERTAIN:
                line.note = sday.note
            day.lines.append(line)
    ordered = sorted(days.values(), key=lambda d: (d.key.startswith("~"), d.key))
    return Chronicle(_renumber(ordered, notes.items), _footnotes_in_order(ordered, notes.items), date_from, date_to)


def _cite_order(days: list[Day]) -> list[int]:
    order: list[int] = []
    for day in days:
        for _, lines in day.sections():
            for line in lines:
                for seg in line.segments:
                    order += [n for n in seg.cites if n not in order]
    return order


def _renumber(days: list[Day], items: list[Footnote]) -> list[Day]:
    """Footnotes numbered in reading order (days sorted, sections in order)."""
    mapping = {old: new for new, old in enumerate(_cite_order(days), start=1)}
    for day in days:
        for line in day.lines:
            for seg in line.segments:
                seg.cites = [mapping[n] for n in seg.cites]
    for item in items:
        item.n = mapping.get(item.n, item.n)
    return days


def _footnotes_in_order(days: list[Day], items: list[Footnote]) -> list[Footnote]:
    return sorted(items, key=lambda f: f.n)


# --- renderers ---------------------------------------------------------------------------

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
                text = "".join(seg.text + "".join(f"[^{n}]" for n in seg.cites) for seg in line.segments)
                out.append(f"- {text}" + (f" _({line.note})_" if line.note else ""))
            out.append("")
    if chron.footnotes:
        for f in chron.footnotes:
            link = f" <{f.url}>" if f.url else ""
            sentence = " ".join(f.sentence.split())
            out.append(f"[^{f.n}]: {f.outlet}{link} ({f.lang}): “{sentence}”")
        out.append("")
    return "\n".join(out)


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
                body = "".join(e(seg.text) + "".join(f"<sup><a href=\"#fn{n}\" id=\"ref{n}\">[{n}]</a></sup>" for n in seg.cites)
                               for seg in line.segments)
                note = f" <span class=\"note\">({e(line.note)})</span>" if line.note else ""
                out.append(f"<li>{body}{note}</li>")
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


def render_json(chron: Chronicle) -> str:
    """The chronicle as JSON (days, sections, lines with footnote numbers, footnotes)."""
    data = chron.to_dict()
    for day, src in zip(data["days"], chron.days):
        day["sections"] = [{"section": s, "lines": [dict(asdict(ln), text=ln.text) for ln in lines]} for s, lines in src.sections()]
        del day["lines"]
    return json.dumps(data, ensure_ascii=False, indent=2)
