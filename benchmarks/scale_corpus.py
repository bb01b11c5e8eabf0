"""A reproducible corpus of N distinct analysed documents, synthesised from the analysed demo pages.

The demo pages are analysed once (cached as JSON under the system temp folder); each synthetic
document is a copy of one of them with:

- a third of its ordinary words (not inside an entity, date, quote speaker or event span) replaced by
  a word of the same length from the demo vocabulary (seeded RNG): offsets stay valid, the texts
  and ids are distinct and copies are not reprints of each other (4-word shingles mostly differ);
- a new publication day, spread over ``days`` days in roughly increasing order (a ledger grows
  with the news), and every ISO day of its analysis shifted by the same number of days (yearless
  days too), so incidents stay as local in time as in real news instead of piling into a few.
"""
from __future__ import annotations

import copy
import hashlib
import json
import random
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "examples" / "demo"
CACHE = Path(tempfile.gettempdir()) / "newsledger-bench-demo-analysed.jsonl"

_WORD = re.compile(r"[^\W\d_]{3,}")
_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_YEARLESS_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
#: Fraction of replaceable words swapped for another word of the same length.
SWAP = 0.5


def analysed_demo(refresh: bool = False) -> list[dict[str, Any]]:
    """The demo pages read and analysed by the shipped path (cached: analysis is not what this measures)."""
    if CACHE.exists() and not refresh:
        return [json.loads(line) for line in CACHE.read_text(encoding="utf-8").splitlines() if line.strip()]
    from newsledger.models import Document
    from newsledger.pipeline import analyze_many
    from newsledger.read import Metadata
    from newsledger.read.files import read_paths
    from newsledger.resources import Resources

    resources = Resources()
    paths = sorted(str(p) for p in DEMO.iterdir() if p.suffix in (".txt", ".html", ".htm") and p.name != "README.md")
    docs = [d for d in read_paths(paths, resources.settings, Metadata()) if isinstance(d, Document)]
    analyze_many(docs, resources)
    rows = [d.to_dict() for d in docs]
    CACHE.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return rows


def _protected(data: dict[str, Any]) -> list[tuple[int, int]]:
    """Character ranges the analysis points at by name (entities, dates, speakers, cues, event arguments)."""
    spans: list[tuple[int, int]] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and "text" in value \
                    and value["end"] - value["start"] < 40:
                spans.append((value["start"], value["end"]))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for key in ("entities", "dates", "quotes", "events"):
        walk(data.get(key) or [])
    return spans


def _vocabulary(sources: list[dict[str, Any]]) -> dict[int, list[str]]:
    words: dict[int, set[str]] = {}
    for s in sources:
        for w in _WORD.findall(s["text"]):
            words.setdefault(len(w), set()).add(w.lower())
    return {n: sorted(ws) for n, ws in words.items()}


def _retext(data: dict[str, Any], text: str) -> None:
    """Every span's ``text`` read again from the new document text (offsets are unchanged)."""
    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and "text" in value:
                value["text"] = text[value["start"]:value["end"]]
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for key in ("paragraphs", "sentences", "entities", "dates", "quotes", "events"):
        walk(data.get(key) or [])


def _shift_days(value: Any, delta: timedelta, year: int) -> Any:
    """Every ISO day in the analysis moved by ``delta``, and every yearless ``--MM-DD`` too (read in ``year``, the
    source page's): a copy's "on or before 11 October" moves with its publication day, as real reports' do."""
    if isinstance(value, dict):
        return {k: (_shift_days(v, delta, year) if k not in ("text", "id", "input_id") else v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift_days(v, delta, year) for v in value]
    if isinstance(value, str):
        m = _ISO_DAY.match(value)
        if m:
            try:
                return (date.fromisoformat(m.group(1)) + delta).isoformat() + value[10:]
            except ValueError:
                return value
        m = _YEARLESS_DAY.match(value)
        if m:
            try:
                return (date(year, int(m.group(1)), int(m.group(2))) + delta).strftime("--%m-%d")
            except ValueError:
                return value
    return value


def synthesise(sources: list[dict[str, Any]], n: int, seed: int = 7, start: str = "2021-01-01",
               days: int = 1000, first: int = 0) -> Iterator[dict[str, Any]]:
    """Documents ``first`` .. ``n - 1`` of the synthetic corpus (the same ones whatever ``first`` is), as dicts."""
    vocab = _vocabulary(sources)
    base = date.fromisoformat(start)
    dated = sorted(str(p)[:10] for s in sources for p in [(s.get("published") or {}).get("value")] if p and len(p) >= 10)
    latest = date.fromisoformat(dated[-1]) if dated else base
    for i in range(first, n):
        rng = random.Random(f"{seed}:{i}")
        src = sources[i % len(sources)]
        data = copy.deepcopy(src)
        text = data["text"]
        protected = sorted(_protected(data))
        out = list(text)
        for para in data.get("paragraphs") or [{"start": 0, "end": len(text)}]:
            # Every paragraph with a word to swap gets at least one: a paragraph repeated word for word
            # across copies is the site's boilerplate (found at once, as on a real site), never late.
            free = [m for m in _WORD.finditer(text, para["start"], para["end"])
                    if len(m.group(0)) in vocab and not any(a < m.end() and m.start() < b for a, b in protected)]
            chosen = [m for m in free if rng.random() < SWAP]
            if len(chosen) < 6:  # enough swaps (named words too) that two copies of a paragraph never coincide
                anyword = [m for m in _WORD.finditer(text, para["start"], para["end"]) if len(m.group(0)) in vocab]
                chosen = (free + [m for m in anyword if m.start() not in {f.start() for f in free}])[:6]
            for m in chosen:
                word = rng.choice(vocab[len(m.group(0))])
                if word == m.group(0).lower():
                    word = word[::-1]
                if m.group(0)[0].isupper():
                    word = word[0].upper() + word[1:]
                out[m.start():m.end()] = list(word)
        text = "".join(out) + ""
        day = base + timedelta(days=min(days - 1, i * days // max(n, 1) + rng.randint(0, 2)))
        published = (data.get("published") or {}).get("value")
        # An undated source page is read as of the demo's latest day, so its dates move with its copies' days too.
        orig = date.fromisoformat(published[:10]) if published and len(published) >= 10 else latest
        data = _shift_days(data, day - orig, orig.year)
        data["text"] = text
        _retext(data, text)
        data["published"] = {**(data.get("published") or {}), "value": day.isoformat(), "precision": "day",
                             "basis": (data.get("published") or {}).get("basis") or "metadata"}
        data["id"] = hashlib.sha1(text.encode("utf-8") + str(i).encode()).hexdigest()[:16]
        data["input_id"] = f"synthetic/{i:07d}-{src['input_id'].rsplit('/', 1)[-1]}"
        yield data
