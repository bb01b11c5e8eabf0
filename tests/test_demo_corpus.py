"""Shape of the demo corpus in examples/demo (fast: no models, only files, lxml and json)."""
from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import lxml.html
import pytest

from newsledger.read.front_matter import front_matter
from tests.paths import DEMO

LANGUAGES = {"en": 4, "ru": 4, "az": 4, "tr": 3, "fr": 3}
CORPUS_SUFFIXES = (".txt", ".html", ".jsonl")
DATE_HEADING = re.compile(
    r"^\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December)$")


@lru_cache(maxsize=None)
def readme_rows() -> tuple[dict[str, str], ...]:
    """The rows of the README file table as dicts keyed by column name."""
    lines = (DEMO / "README.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| File |"))
    header = [c.strip() for c in lines[start].strip("|").split("|")]
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append(dict(zip(header, cells)))
    return tuple(rows)


def row_of(name: str) -> dict[str, str]:
    return next(r for r in readme_rows() if r["File"] == name)


def corpus_files() -> list[Path]:
    return sorted(p for p in DEMO.iterdir() if p.suffix in CORPUS_SUFFIXES)


def html_files() -> list[Path]:
    return [p for p in corpus_files() if p.suffix == ".html"]


def jsonl_records() -> list[dict]:
    records = []
    for path in corpus_files():
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    records.append(json.loads(line))
    return records


def paragraphs_of(path: Path) -> list[str]:
    """Non-empty paragraphs: blank-line separated for text, <h1>/<p> of <article> for HTML."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".txt":
        raw = front_matter(raw)[1]  # the "site:" block is metadata, not text
        return [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    article = lxml.html.document_fromstring(raw).find(".//article")
    return [el.text_content().strip() for el in article.iter("h1", "p") if el.text_content().strip()]


def test_readme_lists_every_file_and_only_those() -> None:
    listed = {r["File"] for r in readme_rows()}
    present = {p.name for p in corpus_files()}
    assert listed == present
    assert len(readme_rows()) == len(listed), "a file is listed twice"


def test_file_names_are_sortable_and_say_their_language() -> None:
    for path in corpus_files():
        assert re.fullmatch(r"(en|ru|az|tr|fr|multi)-[a-z0-9]+(-[a-z0-9]+)*\.(txt|html|jsonl)", path.name), path.name
        prefix = path.name.split("-", 1)[0]
        if prefix != "multi":
            assert row_of(path.name)["Language"] == prefix


def test_enough_documents_in_every_language() -> None:
    pages = [p for p in corpus_files() if p.suffix != ".jsonl"]
    assert len(pages) + len(jsonl_records()) >= 28
    per_language = Counter(row_of(p.name)["Language"] for p in pages)
    for lang, minimum in LANGUAGES.items():
        assert per_language[lang] >= minimum, (lang, per_language)


def test_corpus_is_small() -> None:
    assert sum(p.stat().st_size for p in corpus_files()) < 200_000


@pytest.mark.parametrize("path", html_files(), ids=lambda p: p.name)
def test_html_pages_parse_and_look_like_news_pages(path: Path) -> None:
    root = lxml.html.document_fromstring(path.read_text(encoding="utf-8"))
    assert root.get("lang") == row_of(path.name)["Language"]
    assert root.findtext(".//title").strip()
    assert root.find(".//nav") is not None
    article = root.find(".//article")
    assert article is not None and article.find(".//h1") is not None
    assert 3 <= len(article.findall(".//p")) <= 12
    footer = root.find(".//footer")
    assert footer is not None and "© 2020" in footer.text_content()
    for meta in root.xpath('//meta[@property="article:published_time"]/@content') + root.xpath("//time/@datetime"):
        assert datetime.fromisoformat(meta).year == 2020


def test_text_pages_have_3_to_10_paragraphs() -> None:
    for path in corpus_files():
        if path.suffix == ".txt":
            body = paragraphs_of(path)
            assert 4 <= len(body) <= 12, (path.name, len(body))  # title/heading lines + 3-10 paragraphs


def test_one_site_repeats_its_slogan_as_last_paragraph() -> None:
    last_by_site: dict[str, Counter] = {}
    for path in corpus_files():
        if path.suffix != ".jsonl":
            last_by_site.setdefault(row_of(path.name)["Site"], Counter())[paragraphs_of(path)[-1]] += 1
    site, (slogan, pages) = max(((s, c.most_common(1)[0]) for s, c in last_by_site.items()), key=lambda x: x[1][1])
    assert site == "karabakh-chronicle.example"
    assert pages >= 5
    assert "ə" in slogan  # Azerbaijani, not English


def test_chronicle_pages_start_with_a_date_heading_without_year() -> None:
    chronicle = [p for p in corpus_files() if row_of(p.name)["Site"] == "karabakh-chronicle.example"]
    assert len(chronicle) >= 5
    for path in chronicle:
        first, section = paragraphs_of(path)[:2]
        assert DATE_HEADING.match(first), (path.name, first)
        assert section in {"Fighting", "Statements", "Foreign media"}, (path.name, section)


def test_text_and_html_twins_carry_the_same_paragraphs() -> None:
    html = paragraphs_of(DEMO / "en-chronicle-11-october-fighting.html")
    text = paragraphs_of(DEMO / "en-chronicle-11-october-fighting.txt")
    assert html == text


def test_reprint_is_near_verbatim_but_not_identical() -> None:
    original = paragraphs_of(DEMO / "en-caucasus-wire-ganja-strike.html")
    reprint = paragraphs_of(DEMO / "en-regional-digest-ganja-strike-reprint.html")
    # Compare the article bodies (without the different headlines).
    ratio = SequenceMatcher(None, "\n".join(original[1:]), "\n".join(reprint[1:])).ratio()
    assert 0.85 < ratio < 1.0
    assert len(reprint) < len(original)  # last paragraph trimmed


def test_jsonl_records_are_objects_with_id_and_content() -> None:
    records = jsonl_records()
    assert 3 <= len(records) <= 4
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        assert isinstance(record, dict)
        assert isinstance(record["id"], str) and record["id"]
        assert isinstance(record.get("text") or record.get("html"), str)
        assert {"url", "title", "published", "site"} <= record.keys()
    assert any("html" in r for r in records) and any("text" in r for r in records)
    assert any(r["published"] is None for r in records)


def test_the_same_incident_has_different_figures_across_outlets() -> None:
    texts = {p.name: p.read_text(encoding="utf-8") for p in corpus_files()}
    expected = {
        "en-chronicle-11-october-fighting.txt": "10 civilians were killed, including 4 women, and 40 others",
        "en-caucasus-wire-ganja-strike.html": "Nine people were killed and 34 injured",
        "en-world-brief-ganja-at-least-7.txt": "At least 7 people were killed",
        "en-frontline-notes-ganja-dozens-injured.html": "Dozens of people were injured",
        "ru-kavkaz-vestnik-ganja-strike.html": "погибли 10 человек, ранены 34",
        "az-xeberler-gence-raket-zerbesi.html": "10 nəfər həlak olub, 34 nəfər yaralanıb",
        "tr-haberler-kafkas-gence-saldirisi.html": "10 kişi hayatını kaybetti",
        "fr-monde-caucase-frappe-gandja.html": "dix morts",
    }
    for name, phrase in expected.items():
        assert phrase in texts[name], name


def test_mixed_language_page_quotes_one_russian_paragraph() -> None:
    paragraphs = paragraphs_of(DEMO / "en-caucasus-wire-truce-russian-quote.html")
    cyrillic = [p for p in paragraphs if re.search(r"[а-яА-Я]", p)]
    assert len(cyrillic) == 1 and cyrillic[0].startswith("«")
