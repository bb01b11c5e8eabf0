"""Speakers of quotes outside English on real multilingual pages of the 2020 Karabakh war.

Run from the repo root: ``.venv/bin/python -m evaluation.karabakh_quotes_eval``. Writes
docs/eval/karabakh_quotes.md. Data (evaluation only, never copied): ../shared/eval/karabakh-pages
(development half; its README gives the annotation rules).

Every page goes through the shipped path, ``newsledger.analyze_text`` with the page's url, site and
published date (what ``newsledger analyze`` does). The gold has events with a ``claimant`` but no quote
annotations, so three measures are defined here, each judged automatically:

1. **Named speakers where the page names one**: of the quotes the product finds in paragraphs outside
   English whose speaker mention it found, the share whose speaker is *named*: resolved to a person
   or organisation, or written as a name (a capitalised word that is neither a pronoun nor a role
   word such as "министр", "nazir", "bakan", "le ministre"). A pronoun or bare role left unresolved
   counts as not named when a person is named before it on the page (an entity, or a named speaker);
   with no one named before it, and for descriptions the page gives instead of a name ("des
   résidents", "un décompte officiel"), the page names no one: those are listed, not counted.
2. **Claimants found**: gold events on pages outside English whose claimant is a person or an
   office (not an outlet, not unspecified): found when a quote of the page has that claimant as
   speaker, or an event of the page has it as claimant (names compared after transliteration,
   token-set similarity >= 85, parentheses of the gold dropped).
3. **One name per claimant**: for every gold claimant matched on pages of two or more languages,
   the number of distinct canonical names the product gave it (1 is the bar).
"""
from __future__ import annotations

import logging
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Optional

from evaluation.karabakh import analyse, read_gold, read_pages, report_main
from newsledger import lang as languages
from newsledger.crossdoc.naming import fallback_canonical
from newsledger.crossdoc.speakers import is_pronoun
from newsledger.models import Document, Quote, Speaker
from newsledger.stages.entities.slavic_model import models, parse_paragraph
from newsledger.stages.quotes.lexicon import speaker_pronouns

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "eval" / "karabakh_quotes.md"
TARGET = 0.85
SIMILAR = 85
log = logging.getLogger("evaluation.karabakh_quotes")

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FUNCTION = frozenset("the a an of for and de du des la le les l d et по в и ve və".split())


def _role_words() -> tuple[str, ...]:
    stems = {s.lower() for code in languages.codes() for s in languages.get(code).role_stems}
    english = languages.get(languages.ENGLISH).parser_cues.get("role_nouns", ())
    return tuple(sorted(stems | {w.lower() for w in english}))


ROLE_WORDS = _role_words()


def _is_role(word: str) -> bool:
    low = word.lower()
    return any(low.startswith(stem) for stem in ROLE_WORDS if len(stem) >= 3)


def named(speaker: Optional[Speaker]) -> bool:
    """Whether a speaker names someone: resolved to a name, or written as one (not a pronoun or bare role)."""
    if speaker is None:
        return False
    name = (speaker.canonical if speaker.resolved else None) or speaker.name or ""
    if not name.strip() or is_pronoun(name):
        return False
    words = [w for w in _WORD.findall(name) if w.lower() not in _FUNCTION]
    return any(w[:1].isupper() and not _is_role(w) and not is_pronoun(w) for w in words)


def mention_kind(mention: str) -> str:
    """"pronoun", "role" (a role word: "nazir", "le ministre", "Prezidentin köməkçisi") or "description"
    (anything else not written as a name: "des résidents", "un décompte officiel", "şəhidin anası")."""
    if is_pronoun(mention) or mention.strip().casefold() in speaker_pronouns():
        return "pronoun"
    if any(_is_role(w) for w in _WORD.findall(mention)):
        return "role"
    return "description"


def speaker_name(speaker: Optional[Speaker]) -> Optional[str]:
    if speaker is None:
        return None
    return (speaker.canonical if speaker.resolved else None) or speaker.name


def _key(name: str) -> str:
    """A gold claimant or a product name as a comparable key: parentheses and what follows a comma
    dropped ("Hikmet Hajiyev (assistant ...), Twitter" -> "hikmet hajiyev"), transliterated, casefolded."""
    name = re.sub(r"\([^)]*\)", " ", name).split(",")[0]
    return fallback_canonical(name)


def similar(a: str, b: str) -> bool:
    """The same person or office: token-sorted similarity >= SIMILAR, or one name's words all in the
    other's when it has two or more ("Hikmet Hajiyev" in "Hikmet Hajiyev Twitter"); a lone
    "Azerbaijan" is not the Prosecutor General's Office."""
    from rapidfuzz import fuzz

    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    shorter = min(ka.split(), kb.split(), key=len)
    if len(shorter) >= 2 and fuzz.token_set_ratio(ka, kb) >= 100:
        return True
    return bool(fuzz.token_sort_ratio(ka, kb) >= SIMILAR)


def person_or_office(claimant: Optional[str]) -> bool:
    """A claimant the page could name as a speaker: not an outlet, not unspecified, not a relay of an outlet."""
    if not claimant:
        return False
    low = claimant.lower()
    return not any(w in low for w in ("(outlet)", "unspecified", "unnamed", "correspondent", "headline"))


def _non_english(q: Quote) -> bool:
    return not languages.read_by_english_model(q.lang)


def evaluate(limit: Optional[int] = None) -> dict[str, Any]:
    pages = read_pages()
    gold = read_gold(limit)
    quotes_total: Counter[str] = Counter()
    quotes_named: Counter[str] = Counter()
    claim_total: Counter[str] = Counter()
    claim_found: Counter[str] = Counter()
    unnamed: list[str] = []
    described: list[str] = []
    no_antecedent: list[str] = []
    missed: list[str] = []
    names_by_claimant: dict[str, set[str]] = defaultdict(set)
    langs_by_claimant: dict[str, set[str]] = defaultdict(set)
    natasha_s, natasha_paragraphs = 0.0, 0
    models()  # loaded once per process, before the clock
    for g in gold:
        page = pages[g["id"]]
        doc: Document = analyse(page)
        for p in doc.paragraphs:  # natasha's cost per Russian or Ukrainian paragraph, the shipped function timed
            if p.kind == "body" and languages.get(p.lang).syntax_model:
                t0 = time.perf_counter()
                parse_paragraph(p.text, p.start, languages.base_code(p.lang))
                natasha_s += time.perf_counter() - t0
                natasha_paragraphs += 1
        people_at = sorted(e.start for e in doc.entities if e.label == "PERSON")
        named_before: list[int] = []
        for q in sorted(doc.quotes, key=lambda q: q.speaker_span.start if q.speaker_span else 0):
            if not _non_english(q) or q.speaker_span is None:
                continue
            code = languages.base_code(q.lang)
            at = q.speaker_span.start
            if named(q.speaker):
                quotes_total[code] += 1
                quotes_named[code] += 1
                named_before.append(at)
                continue
            kind = mention_kind(q.speaker_span.text)
            if kind == "description":
                described.append(f"{g['id']} {code}: {q.speaker_span.text!r}")
            elif not any(x < at for x in people_at + named_before):
                no_antecedent.append(f"{g['id']} {code}: {q.speaker_span.text!r}")
            else:
                quotes_total[code] += 1
                unnamed.append(f"{g['id']} {code}: {q.speaker_span.text!r}")
        if g["page_language"] == "en":
            continue
        spoken = [speaker_name(q.speaker) for q in doc.quotes if named(q.speaker)]
        # An event's claimant may be a relay ("metbuat.az > Hikmet Hajiyev"): its last link is who said it.
        claimed = [(ev.claimant.canonical or ev.claimant.name).split(" > ")[-1] for ev in doc.events
                   if ev.claimant is not None]
        for ev in g["events"]:
            claimant = ev.get("claimant")
            if not person_or_office(claimant):
                continue
            code = g["page_language"]
            claim_total[code] += 1
            hits = [n for n in spoken + claimed if n and similar(n, claimant)]
            if hits:
                claim_found[code] += 1
                names_by_claimant[_key(claimant)].update(hits)
                langs_by_claimant[_key(claimant)].add(code)
            else:
                missed.append(f"{g['id']} {code}: {claimant}")
    return {"quotes_total": quotes_total, "quotes_named": quotes_named, "claim_total": claim_total,
            "claim_found": claim_found, "unnamed": unnamed, "missed": missed, "described": described,
            "no_antecedent": no_antecedent,
            "names": {k: sorted(v) for k, v in names_by_claimant.items()},
            "langs": {k: sorted(v) for k, v in langs_by_claimant.items()},
            "natasha_ms": 1000 * natasha_s / max(natasha_paragraphs, 1), "natasha_paragraphs": natasha_paragraphs}


def _share(a: int, b: int) -> str:
    return f"{a / b:.1%}" if b else "-"


def render(r: dict[str, Any]) -> str:
    qt, qn = r["quotes_total"], r["quotes_named"]
    lines = ["# Speakers outside English on the Karabakh pages", "",
             "Command: `.venv/bin/python -m evaluation.karabakh_quotes_eval` (development half of "
             "`../shared/eval/karabakh-pages`, every page through `newsledger.analyze_text`). The gold has no quote "
             "annotations: the measures are defined in the module docstring and judged automatically.", "",
             f"## 1. Quotes outside English with a named speaker where the page names one (bar {TARGET:.0%})", "",
             "| language | quotes counted | named | share |", "|---|---|---|---|"]
    for code in sorted(qt):
        lines.append(f"| {code} | {qt[code]} | {qn[code]} | {_share(qn[code], qt[code])} |")
    lines.append(f"| **all** | {sum(qt.values())} | {sum(qn.values())} | **{_share(sum(qn.values()), sum(qt.values()))}** |")
    ct, cf = r["claim_total"], r["claim_found"]
    lines += ["", "## 2. Gold claimants (people and offices) found as a speaker or an event's claimant", "",
              "| page language | claimants | found | share |", "|---|---|---|---|"]
    for code in sorted(ct):
        lines.append(f"| {code} | {ct[code]} | {cf[code]} | {_share(cf[code], ct[code])} |")
    lines.append(f"| **all** | {sum(ct.values())} | {sum(cf.values())} | **{_share(sum(cf.values()), sum(ct.values()))}** |")
    multi = {k: v for k, v in r["names"].items() if len(r["langs"][k]) >= 2}
    one = sum(1 for v in multi.values() if len(v) == 1)
    lines += ["", "## 3. One canonical name per claimant across languages", "",
              f"Claimants found on pages of two or more languages: {len(multi)}; with one name: {one}.", "",
              "| claimant (key) | languages | names given |", "|---|---|---|"]
    for k, v in sorted(multi.items()):
        lines.append(f"| {k} | {', '.join(r['langs'][k])} | {'; '.join(v)} |")
    lines += ["", f"natasha (syntax and NER) costs {r['natasha_ms']:.0f} ms per Russian or Ukrainian body "
              f"paragraph here ({r['natasha_paragraphs']} paragraphs, one process, models loaded once beforehand)."]
    lines += ["", "## Speakers left unnamed where the page names someone before them (counted, for reading)", ""]
    lines += [f"- {u}" for u in r["unnamed"][:40]] or ["- none"]
    lines += ["", "## Not counted: descriptions the page gives instead of a name (for reading)", ""]
    lines += [f"- {u}" for u in r["described"][:40]] or ["- none"]
    lines += ["", "## Not counted: pronouns or roles with no person named before them on the page (for reading)", ""]
    lines += [f"- {u}" for u in r["no_antecedent"][:40]] or ["- none"]
    lines += ["", "## Claimants not found (for reading)", ""] + [f"- {m}" for m in r["missed"][:40]]
    lines += ["", "## Limits", "",
              "- Measure 1 counts only quotes the product finds: a quote it misses, or finds without a speaker "
              "mention, is not in the denominator; a wrong mention that reads as a description (a junk span) is "
              "left out with the descriptions, which are listed above for that reason.",
              "- \"Named\" is judged by form (resolved, or a capitalised "
              "non-role word), so a wrong name counts as named; measure 2 checks names against the gold.",
              "- Measure 2 matches names by transliterated token-set similarity: an office written differently "
              "in English (\"General Prosecutor's Office\" against \"Prosecutor General's Office\") matches, a "
              "person named by surname only in the gold would too. Relays (\"X (via TASS)\") are matched on X.",
              "- 43 pages, 28 outside English; a few quotes per language: one page moves a share by several points.", ""]
    return "\n".join(lines)


def main() -> None:
    report_main(__doc__, evaluate, render, OUT)


if __name__ == "__main__":
    main()
