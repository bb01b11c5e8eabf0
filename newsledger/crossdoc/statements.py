"""Statements in the chronicle: who said what, one line per speaker per day, each cited.

Lines are written from the structured quotes, in an English frame: the speaker's canonical
name and role ("Rahman Mustafayev (Azerbaijan’s Ambassador to France) said: “…”"),
"According to X, “…”" for attributions, stance acts as "blamed OSCE Minsk Group". A quote
whose speaker is only a pronoun or a fragment is listed under "(unresolved speaker)".
Statements are dated by their document's date (a yearless heading date gets its year only
from the corpus, with a note); reprints are skipped.
"""
from __future__ import annotations

import json
from typing import Any, Iterator, Optional

from newsledger.crossdoc.claims import source_label
from newsledger.crossdoc.lines import Calendar, Line, Notes, Segment, in_range
from newsledger.crossdoc.speakers import UNRESOLVED, is_according, speaker_label, statement_phrase
from newsledger.lang import UNDETERMINED
from newsledger.store import corpus as corpus_store
from newsledger.store.connection import Database

QUOTE_CHARS = 220
_QUOTE_MARKS = "“”\"«»„ "


def _sentence_around(data: dict[str, Any], start: Optional[int], fallback: str) -> str:
    """The document sentence holding an offset (the footnote quotes whole sentences)."""
    if start is None:
        return fallback
    for s in data.get("sentences") or []:
        if s["start"] <= start < s["end"]:
            return s["text"]
    return fallback


def _content(quote: dict[str, Any]) -> str:
    content = " ".join(quote["content"]["text"].split()).strip(_QUOTE_MARKS)
    if len(content) > QUOTE_CHARS:
        content = content[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    return content


def statement_lines(store: Database, cal: Calendar, notes: Notes, date_from: Optional[str],
                    date_to: Optional[str]) -> Iterator[tuple[str, str, Optional[str], Line]]:
    """(day key, day label, day note, line) for every speaker of every day, in reading order."""
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    rows = corpus_store.original_documents(store, date_from, date_to)
    for doc_id, input_id, url, site, pub, precision, blob in rows:
        data = json.loads(blob) if blob else {}
        quotes = [q for q in data.get("quotes") or [] if q.get("content")]
        if not quotes:
            continue
        key, label, note = cal.place(pub, precision or "unknown", None, None, pub, site)
        if not in_range(key, date_from, date_to):
            continue
        outlet = source_label(site, input_id)
        for q in quotes:
            speaker = q.get("speaker") or {}
            name = speaker_label(speaker) or UNRESOLVED
            group = groups.setdefault((key, name), {"label": label, "note": note, "role": None, "segments": []})
            if group["role"] is None and speaker.get("role") and name != UNRESOLVED:
                group["role"] = speaker["role"]
            sentence = _sentence_around(data, q["content"].get("start"), q["content"]["text"])
            n = notes.cite(doc_id, outlet, url, sentence, q.get("lang") or UNDETERMINED, input_id)
            content = _content(q)
            cue = (q.get("cue") or {}).get("text")
            if q.get("kind") != "stance" and is_according(cue):
                text = f"according to {name}, “{content}”" if name != UNRESOLVED else f"according to an unnamed source, “{content}”"
                group["segments"].append(("according", text, n))
            else:
                group["segments"].append(("said", statement_phrase(q, content), n))
    ordered = sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] == UNRESOLVED))
    for (key, name), group in ordered:
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
        yield key, group["label"], group["note"], Line("Statements", segments)
