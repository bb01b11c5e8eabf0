"""Killed and injured figures on real multilingual pages of the 2020 Karabakh war, per language.

Run from the repo root: ``.venv/bin/python -m evaluation.karabakh_figures_eval``. Writes
docs/eval/karabakh_figures.md. Data (evaluation only, never copied): ../shared/eval/karabakh-pages
(development half; its README gives the annotation rules).

Every page goes through the shipped path, ``newsledger.analyze_text`` with the page's url, site and
published date (what ``newsledger analyze`` does with ``--url/--site/--published``). A gold killed or
injured integer is *found* when an event of the page whose span overlaps the gold ``evidence`` or a
gold ``figure_text`` carries a figure of that kind whose value (``low``, else ``high``) equals it.
A figure *its span does not state* is one whose span holds digits none of which is its value (a
derived total is checked on its parts), or a number word inside a gold figure text whose gold value
differs; number-word figures outside any gold figure text are listed for reading, not counted.
"""
from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Optional

from evaluation.karabakh import analyse, figure_texts, find_spans, read_gold, read_pages, report_main
from newsledger.models import Document, Figure

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "eval" / "karabakh_figures.md"
KINDS = ("killed", "injured")
#: The issue's bar: share of stated figures found, per language with at least this many figures.
MIN_FIGURES = 5
TARGET = 0.90
log = logging.getLogger("evaluation.karabakh_figures")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The gold's paragraph rule (README): blank lines if any, else lines; empty pieces dropped."""
    sep = r"\n[ \t\u00a0]*\n" if re.search(r"\n[ \t\u00a0]*\n", text) else r"\n"
    out, pos = [], 0
    for m in list(re.finditer(sep, text)) + [None]:
        end = m.start() if m else len(text)
        if text[pos:end].strip():
            out.append((pos, end))
        pos = m.end() if m else len(text)
    return out


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def value(fig: Optional[Figure]) -> Optional[int]:
    """The figure's number as the ledger shows it: its low bound, else its high bound."""
    if fig is None:
        return None
    return fig.low if fig.low is not None else fig.high


def _digits(text: str) -> list[int]:
    return [int(re.sub(r"[,.\s\u00a0\u202f]", "", d)) for d in re.findall(r"\d{1,3}(?:[,.\s\u00a0\u202f]\d{3})+(?!\d)|\d+", text)]


def states_itself(fig: Figure) -> Optional[bool]:
    """Whether the figure's own span states its value: True/False from digits, None for words (checked on gold)."""
    if fig.low is None and fig.high is None:
        return True  # a vague count claims no number
    if fig.parts:
        return all(states_itself(Figure(None, None, p.start, p.end, p.text)) is not False for p in fig.parts)
    digits = _digits(fig.text)
    if not digits:
        return None
    return any(d in (fig.low, fig.high) for d in digits)


def _language_at(langs: list[Optional[str]], paras: list[tuple[int, int]], at: int, default: str) -> str:
    for (s, e), code in zip(paras, langs):
        if s <= at < e:
            return code or default
    return default


def evaluate(limit: Optional[int] = None) -> dict[str, Any]:
    pages = read_pages()
    gold = read_gold(limit)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    false_spans: list[str] = []
    unchecked_words: list[str] = []
    misses: list[str] = []
    per_language_pages: dict[str, dict[str, int]] = defaultdict(lambda: {"pages": 0, "events": 0, "figures": 0})
    for g in gold:
        page = pages[g["id"]]
        doc: Document = analyse(page)
        text = doc.text
        paras = _paragraphs(text)
        stats = per_language_pages[g["page_language"]]
        stats["pages"] += 1
        stats["events"] += len(doc.events)
        stats["figures"] += sum(1 for ev in doc.events for k in KINDS if value(getattr(ev, k)) is not None)
        gold_figure_spans: list[tuple[tuple[int, int], dict[str, Any]]] = []
        for ev in g["events"]:
            fig_spans = find_spans(text, figure_texts(ev))
            gold_figure_spans += [(s, ev) for s in fig_spans]
            where = find_spans(text, [ev["evidence"]]) + fig_spans
            for kind in KINDS:
                want = ev.get(kind)
                if not isinstance(want, int):
                    continue
                code = _language_at(g["paragraph_languages"], paras, fig_spans[0][0] if fig_spans else where[0][0],
                                    g["page_language"])
                total[code] += 1
                hit = any(value(getattr(p, kind)) == want and _overlaps((p.span.start, p.span.end), where) for p in doc.events)
                if hit:
                    found[code] += 1
                else:
                    got = [f"{value(getattr(p, kind))}" for p in doc.events if _overlaps((p.span.start, p.span.end), where)]
                    misses.append(f"{g['id']} [{code}] {kind} {want}: events over the gold span give {got or 'none'}")
        for ev in doc.events:
            for kind in KINDS:
                fig = getattr(ev, kind)
                if fig is None:
                    continue
                ok = states_itself(fig)
                if ok is None:
                    golds = [gev.get(kind) for (s, gev) in gold_figure_spans if s[0] <= fig.start and fig.end <= s[1]]
                    if not golds:
                        unchecked_words.append(f"{g['id']} {kind} {value(fig)} {fig.text!r}")
                        continue
                    ok = value(fig) in golds or all(x is None for x in golds)
                if not ok:
                    false_spans.append(f"{g['id']} {kind} {value(fig)} from {fig.text!r}")
    return {"found": found, "total": total, "false_spans": false_spans, "unchecked_words": unchecked_words,
            "misses": misses, "pages": dict(per_language_pages)}


def render(result: dict[str, Any]) -> str:
    found, total = result["found"], result["total"]
    lines = ["## Figures on real Karabakh pages, per language (dev)", "",
             "`python -m evaluation.karabakh_figures_eval` on `../shared/eval/karabakh-pages` (development half: 43 pages,",
             "75 killed or injured integers). Each page runs through the shipped path (`newsledger.analyze_text` with its",
             "url, site and published date, as `newsledger analyze` does). A gold figure is found when an event whose span",
             "overlaps the gold evidence or figure text carries a figure of that kind equal to the gold integer. The",
             "language is the gold label of the paragraph that states the figure.", "",
             f"Bar (issue 12): >= {TARGET:.0%} found per language with >= {MIN_FIGURES} figures, 0 figures whose own span",
             "does not state them.", "",
             "| language | gold figures | found | share | bar |", "|---|---|---|---|---|"]
    for code in sorted(total, key=lambda c: (-total[c], c)):
        share = found[code] / total[code]
        bar = ("met" if share >= TARGET else "missed") if total[code] >= MIN_FIGURES else "(< 5 figures)"
        lines.append(f"| {code} | {total[code]} | {found[code]} | {share:.0%} | {bar} |")
    all_found, all_total = sum(found.values()), sum(total.values())
    lines.append(f"| all | {all_total} | {all_found} | {all_found / max(all_total, 1):.0%} | |")
    lines += ["", f"Figures whose own span does not state them: **{len(result['false_spans'])}**"]
    lines += [f"- {x}" for x in result["false_spans"]]
    lines += ["", "Events and figures the shipped path writes, by the page's dominant language:", "",
              "| page language | pages | events | killed/injured figures with a value |", "|---|---|---|---|"]
    for code, s in sorted(result["pages"].items(), key=lambda kv: (-kv[1]["pages"], kv[0])):
        lines.append(f"| {code} | {s['pages']} | {s['events']} | {s['figures']} |")
    lines += ["", f"Number-word figures outside any gold figure text (not counted either way, listed for reading): "
              f"{len(result['unchecked_words'])}"]
    lines += [f"- {x}" for x in result["unchecked_words"]]
    lines += ["", f"Gold figures not found ({len(result['misses'])}):"]
    lines += [f"- {x}" for x in result["misses"]]
    lines += ["", "### How the choices were made", "",
              "This is the development half (the other half of the 94 pages is held out). It was measured before the work",
              "(63% of all gold figures found: en 76%, az 61%, ru 64%, fr 57%, tr 67%, de/it/hy 0%; Armenian pages gave no",
              "event), and the list of misses was read by *kind of construction*, never fixed page by page. Every change is",
              "a mechanism written from knowledge of the languages, with a pack field where a language differs, and tested",
              "on sentences written for the tests (tests/lang/<code>/, tests/stages/events/):",
              "",
              "- packs for Armenian (full: dates with case endings, one-word number compounds, cue verbs with their",
              "  auxiliary, casualty stems, triggers, denials), Portuguese, Italian and Arabic (full packs; Arabic",
              "  casualty words take the clitics written onto them, units come before tens);",
              "- the figures' own sentence is the event's evidence when a later telling brings the figures (merging used",
              "  to keep the first sentence, so the figure sat on an event that does not state it);",
              "- two different stated counts of one kind are two tellings (often two claimants), never folded together;",
              "- a running total (\"since the war began\") keeps its figures, noted `running total`, and counts for no",
              "  incident (it used to drop them, though the page states them);",
              "- qualifiers written after the number (`qualifiers_after`: az/tr ablative + \"more\", hy \"-ից ավելի\",",
              "  ar \"على الأقل\"); a stated zero (`none_words`) holds for both casualty words it governs",
              "  (\"niemand getötet oder verletzt\");",
              "- victims told by name with patronymics (`patronymics`: \"oğlu\", \"qızı\", \"гызы\", \"-ович\") are",
              "  counted, one per name (note `named victims`), as the gold counts named victims;",
              "- inflected casualty forms a pack lacked (ru \"гибель\", uk \"загибель\", az \"xəsarətləri alıb\",",
              "  tr \"hayatını yitirdi\").",
              "",
              "Number-word figures are checked against the gold figure text they sit in; named-victim counts are such",
              "word figures. The GVA English numbers (`evaluation.events_eval`, dev) were run before, between and after",
              "the changes: killed 0.879, injured 0.856, event date 0.814 before and after. One run between showed injured",
              "0.850: two different injured counts kept apart also split English \"N shot\" tellings, so only stated",
              "injured counts (not people shot read as injured, nor derived sums) keep tellings apart. The misses left",
              "above are left: each would need a rule for one page (a single named victim without a patronymic, a tally",
              "whose verb is five words away from its number, a zero told as \"there being no one injured\")."]
    return "\n".join(lines) + "\n"


def main() -> None:
    report_main(__doc__, evaluate, render, OUT)


if __name__ == "__main__":
    main()
