"""Statements in the chronicle: who said what, under the incident it is about, else one line per speaker per day.

Lines are written from the structured quotes, in an English frame: the speaker's canonical
name and role ("Rahman Mustafayev (Azerbaijan’s Ambassador to France) said: “…”"),
"According to X, “…”" for attributions, stance acts as "blamed OSCE Minsk Group". A quote
whose speaker is only a pronoun or a fragment is listed under "(unresolved speaker)".
Statements are dated by their document's date (a yearless heading date gets its year only
from the corpus, with a note); reprints are skipped.

A statement is about an incident when its sentence (the document sentence holding the start
of the quote's content) is the evidence sentence of one of the incident's events in the same
document. When the sentence is the evidence of events of several incidents, the one whose event
the events stage linked to the quote (its trigger or figure is inside the quote) decides; when
that leaves more than one, the statement stays on its day. A statement about an incident that
has a line is shown under that line, one sub-line per speaker and day ("stated 12 October
2020" when its day is not the incident's); the others keep their day lines.
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

from newsledger.crossdoc.claims import source_label
from newsledger.crossdoc.lines import Calendar, Line, Notes, Segment, in_range
from newsledger.crossdoc.speakers import UNRESOLVED, is_according, speaker_label, statement_phrase
from newsledger.lang import UNDETERMINED
from newsledger.store import corpus as corpus_store
from newsledger.store import incidents as incident_store
from newsledger.store.connection import Database

QUOTE_CHARS = 220
_QUOTE_MARKS = "“”\"«»„ "


class IncidentEvidence:
    """The evidence sentences of every document's linked events, and the incidents that have a line.

    A statement is matched against all the incidents of its document (so a chronicle of a few days
    attaches it as the whole chronicle does); it is shown under the match only when that has a line.
    """

    def __init__(self, store: Database, joined_to: Optional[dict[str, str]] = None) -> None:
        self.store = store
        #: a mention's incident -> the incident whose line it joined (mentions.py)
        self.joined_to = joined_to or {}
        #: incident id -> the day key of its line
        self.days: dict[str, str] = {}
        #: doc_id -> (input_id, url, site, published value, published precision) of the shown members' documents
        self.documents: dict[str, tuple[Optional[str], Optional[str], Optional[str], Optional[str], Optional[str]]] = {}
        self._spans: dict[str, list[tuple[int, int, str, frozenset[str]]]] = {}
        #: (doc_id, idx) -> event, of the members the chronicle read already (so their JSON is not read twice)
        self._events: dict[tuple[str, int], dict[str, Any]] = {}

    def know(self, claims: Iterable[dict[str, Any]]) -> None:
        """Member events the caller has read (any incident's, shown or not)."""
        for c in claims:
            self._events[(c["doc_id"], c["idx"])] = c["event"]

    def add(self, incident_id: str, day_key: str, claims: Iterable[dict[str, Any]]) -> None:
        """An incident has a line on ``day_key``; its members' documents (reprints skipped) are read for statements."""
        self.days[incident_id] = day_key
        for c in claims:
            if not c["reprint_of"]:
                self.documents.setdefault(c["doc_id"], (c["input_id"], c["url"], c["site_name"], c["published"],
                                                        c["published_precision"]))

    def read_documents(self, doc_ids: Iterable[str]) -> None:
        """Read the linked events of many documents at once (their statements are matched next)."""
        todo = [doc_id for doc_id in dict.fromkeys(doc_ids) if doc_id not in self._spans]
        links = incident_store.incidents_of_documents(self.store, todo)
        unread = incident_store.events_of(self.store, [(doc_id, idx) for doc_id, found in links.items()
                                                       for idx, _ in found if (doc_id, idx) not in self._events])
        for doc_id in todo:
            found = []
            for idx, incident_id in sorted(links.get(doc_id, [])):
                event = self._events.get((doc_id, idx)) or unread.get((doc_id, idx)) or {}
                span = event.get("span") or {}
                if span.get("start") is None or span.get("end") is None:
                    continue
                quotes = frozenset(str(q) for q in event.get("quotes") or [])
                found.append((int(span["start"]), int(span["end"]), self.joined_to.get(incident_id, incident_id), quotes))
            self._spans[doc_id] = found

    def _evidence(self, doc_id: str) -> list[tuple[int, int, str, frozenset[str]]]:
        """(start, end, incident, ids of the quotes the event cites) of a document's linked events."""
        if doc_id not in self._spans:
            self.read_documents([doc_id])
        return self._spans[doc_id]

    def incident_of(self, doc_id: str, sentence: tuple[int, int], quote_id: Optional[str]) -> Optional[str]:
        """The incident a quote in ``sentence`` of ``doc_id`` is about (None: none, or no single one)."""
        hits = [(iid, quote_id is not None and quote_id in quotes)
                for start, end, iid, quotes in self._evidence(doc_id) if start < sentence[1] and end > sentence[0]]
        linked = {iid for iid, cites in hits if cites}
        if len(linked) == 1:
            return linked.pop()
        candidates = {iid for iid, _ in hits}
        return candidates.pop() if len(candidates) == 1 and not linked else None


def _content(quote: dict[str, Any]) -> str:
    content = " ".join(quote["content"]["text"].split()).strip(_QUOTE_MARKS)
    if len(content) > QUOTE_CHARS:
        content = content[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    return content


class _Groups:
    """Statements grouped by (where they go, speaker) in reading order: a day key, or an incident and a day."""

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str, str], dict[str, Any]] = {}

    def add(self, where: tuple[str, str], label: str, note: Optional[str], quote: dict[str, Any], n: int) -> None:
        speaker = quote.get("speaker") or {}
        name = speaker_label(speaker) or UNRESOLVED
        group = self.groups.setdefault((*where, name), {"label": label, "note": note, "role": None, "segments": []})
        if group["role"] is None and speaker.get("role") and name != UNRESOLVED:
            group["role"] = speaker["role"]
        content = _content(quote)
        cue = (quote.get("cue") or {}).get("text")
        if quote.get("kind") != "stance" and is_according(cue):
            text = f"according to {name}, “{content}”" if name != UNRESOLVED else f"according to an unnamed source, “{content}”"
            group["segments"].append(("according", text, n))
        else:
            group["segments"].append(("said", statement_phrase(quote, content), n))

    def lines(self) -> Iterator[tuple[tuple[str, str], str, dict[str, Any], Line]]:
        """(where, speaker, group, line), unresolved speakers last within each place."""
        for (a, b, name), group in sorted(self.groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] == UNRESOLVED)):
            yield (a, b), name, group, Line("Statements", _segments(name, group))


def _segments(name: str, group: dict[str, Any]) -> list[Segment]:
    role = group["role"]
    who = f"{name} ({role})" if role and role.casefold() not in name.casefold() else name
    segments = []
    said = [(t, n) for kind, t, n in group["segments"] if kind == "said"]
    according = [(t, n) for kind, t, n in group["segments"] if kind == "according"]
    for i, (text, n) in enumerate(said):
        segments.append(Segment(f"{who} {text}" if i == 0 else f"; {text}", [n]))
    for i, (text, n) in enumerate(according):
        lead = ("; " if segments else "") + (text[:1].upper() + text[1:] if not segments and i == 0 else text)
        segments.append(Segment(lead, [n]))
    return segments


def _documents(store: Database, date_from: Optional[str], date_to: Optional[str],
               about: Optional[IncidentEvidence]) -> Iterator[tuple[Any, ...]]:
    """The original documents whose statements can be in the chronicle (those of the days and the incidents'), in
    ingest order whatever the range, so a range reads its statements in the order the whole chronicle does, each
    with its quotes (:func:`corpus_store.statement_quotes`)."""
    rows: list[tuple[Any, ...]] = list(corpus_store.original_documents(store, date_from, date_to))
    seen = {r[0] for r in rows}
    extra = [doc_id for doc_id in (about.documents if about else ()) if doc_id not in seen]
    for doc_id in extra:  # a statement of another day about an incident of these days
        input_id, url, site, pub, precision = about.documents[doc_id] if about else (None,) * 5
        rows.append((doc_id, input_id, url, site, pub, precision))
    quotes = corpus_store.statement_quotes(store, [r[0] for r in rows])
    rows = [r for r in rows if r[0] in quotes]
    if about:
        about.read_documents(r[0] for r in rows)
    if extra:
        order = corpus_store.ingest_order(store, [r[0] for r in rows])
        rows.sort(key=lambda r: (order.get(r[0], 0), r[0]))
    for row in rows:
        yield (*row, quotes[row[0]])


def collect_statements(store: Database, cal: Calendar, notes: Notes, date_from: Optional[str], date_to: Optional[str],
                       about: Optional[IncidentEvidence] = None
                       ) -> tuple[list[tuple[str, str, Optional[str], Line]], dict[str, list[Line]]]:
    """The statement day lines (day key, label, note, line) and the statement sub-lines of each incident."""
    groups = _Groups()
    for doc_id, input_id, url, site, pub, precision, quotes in _documents(store, date_from, date_to, about):
        key, label, note = cal.place(pub, precision or "unknown", None, None, pub, site)
        outlet = source_label(site, input_id)
        for q in quotes:
            sentence, start, end = q["sentence"]
            about_it = about.incident_of(doc_id, (start, end), q.get("id")) \
                if about and start is not None and end is not None else None
            incident = about_it if about and about_it in about.days else None  # shown under its line when it has one
            if incident is None and not in_range(key, date_from, date_to):
                continue
            n = notes.cite(doc_id, outlet, url, sentence, q.get("lang") or UNDETERMINED, input_id, start, end)
            groups.add((incident, key) if incident else (key, ""), label, note, q, n)
    day_lines: list[tuple[str, str, Optional[str], Line]] = []
    by_incident: dict[str, list[Line]] = {}
    for (a, b), _name, group, line in groups.lines():
        if b and about and a in about.days:  # (incident, day)
            if b != about.days[a]:
                line.note = f"stated {group['label']}" if not b.startswith("~") else \
                    f"stated ({group['label'][:1].lower()}{group['label'][1:]})"
            line.incident_id = a
            by_incident.setdefault(a, []).append(line)
        else:
            day_lines.append((a, group["label"], group["note"], line))
    return day_lines, by_incident


def statement_lines(store: Database, cal: Calendar, notes: Notes, date_from: Optional[str],
                    date_to: Optional[str]) -> Iterator[tuple[str, str, Optional[str], Line]]:
    """(day key, day label, day note, line) for every speaker of every day, in reading order (no incidents)."""
    yield from collect_statements(store, cal, notes, date_from, date_to)[0]
