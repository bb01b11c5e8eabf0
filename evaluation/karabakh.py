"""The karabakh-pages set (../shared/eval/karabakh-pages, development half), read the same way by every evaluation.

Pages and gold rows, the shipped analysis of a page (``newsledger.analyze_text`` with its url, site and
published date, as ``newsledger analyze`` does), and where a gold text stands in the page.
"""
from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from newsledger.models import Document

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "karabakh-pages"

Offsets = tuple[int, int]


def read_pages() -> dict[str, dict[str, Any]]:
    """Every page, by id (id, url, site, text, published, ...)."""
    return {r["id"]: r for r in map(json.loads, (DATA / "pages.jsonl").open(encoding="utf-8"))}


def read_gold(limit: Optional[int] = None) -> list[dict[str, Any]]:
    """The gold rows in file order (the first ``limit`` when given)."""
    gold = [json.loads(line) for line in (DATA / "gold.jsonl").open(encoding="utf-8")]
    return gold[:limit] if limit else gold


def analyse(page: dict[str, Any]) -> Document:
    """A page through the shipped path."""
    from newsledger import analyze_text

    return analyze_text(page["text"], input_id=page["id"], url=page.get("url"), site=page.get("site"),
                        published=page.get("published"))


def find_spans(text: str, needles: Iterable[Optional[str]]) -> list[Offsets]:
    """Where each gold text (an exact substring by the set's rules) first stands in ``text``; missing ones left out."""
    out = []
    for needle in needles:
        if needle:
            at = text.find(needle)
            if at >= 0:
                out.append((at, at + len(needle)))
    return out


def figure_texts(event: dict[str, Any]) -> list[str]:
    """A gold event's ``figure_text`` as a list (it is one string, a list, or null)."""
    texts = event.get("figure_text")
    return texts if isinstance(texts, list) else [texts] if texts else []


def report_main(description: Optional[str], evaluate: Callable[[Optional[int]], Any], render: Callable[[Any], str],
                out: Path) -> None:
    """The command line of a karabakh-pages evaluation: ``--limit``, run it, write ``out`` and print the report."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not DATA.is_dir():
        raise SystemExit(f"{DATA} is absent")
    result = evaluate(args.limit)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(result), encoding="utf-8")
    print(render(result))

