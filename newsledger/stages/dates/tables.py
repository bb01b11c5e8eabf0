"""Per-language date tables (from the language packs) and the regular expressions built
from them once per process: month, weekday and relative-word alternations, the ``dates``
grammar's patterns, the language-neutral numeric forms, and case-blind lookups."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional

from newsledger import lang as languages

#: Years accepted as years: 1900-2100 (outside that a four-digit number is a count).
_YEAR = r"(?P<year>19\d\d|20\d\d|2100)"

_BOUNDARY_BEFORE = r"(?<![\w])"
_BOUNDARY_AFTER = r"(?![\w])"

#: Language-neutral numeric dates. Dots and ISO dashes are unambiguous (day-first, ISO);
#: slashes follow the language's convention when both numbers could be a month.
_NUMERIC_PATTERNS = (
    r"(?<![\w.])" + _YEAR + r"-(?P<month_n>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\w]|-\d)",
    r"(?<![\w.])(?P<day>[0-3]?\d)\.(?P<month_n>[01]?\d)\.\s?" + _YEAR + r"(?![\w]|\.\d)",
    r"(?<![\w/])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/" + _YEAR + r"(?![\w]|/\d)",
)


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    order: int
    lang: str


@lru_cache(maxsize=1)
def load_tables() -> dict[str, dict[str, Any]]:
    """The date vocabulary of every language pack that has one (built once).

    One table per language: the pack's ``dates`` grammar plus its months, weekdays,
    relative days and number words (with the articles that count as one: "a week ago").
    """
    tables: dict[str, dict[str, Any]] = {}
    for code in languages.codes():
        pack = languages.get(code)
        if pack.code != code or not pack.has_dates:
            continue
        numbers = dict(pack.number_words)
        numbers.update({article: 1 for article in pack.indefinite_articles})
        tables[code] = {**pack.dates, "months": pack.months, "weekdays": pack.weekdays,
                        "relative_days": pack.relative_days, "numbers": numbers}
    return tables


def _key(word: str) -> str:
    """Lookup key for a written form: case-folded, whitespace collapsed, final dot dropped."""
    return " ".join(word.casefold().replace("i̇", "i").split()).rstrip(".")


def _alternation(forms: Iterable[str], title_case: bool) -> str:
    """A regex alternation, longest form first; title-case languages also accept CAPITALS."""
    variants: set[str] = set()
    for form in forms:
        if title_case:
            titled = form[:1].upper() + form[1:]
            variants.update({titled, form.upper()})
        else:
            variants.add(form)
    parts = [re.escape(v).replace(r"\ ", r"\s+") for v in sorted(variants, key=len, reverse=True)]
    body = "|".join(parts)
    # Case-sensitive names ("May" the month, not "may" the verb); the rest of a pattern is not.
    return f"(?-i:{body})" if title_case else body


def _expand(template: str, table: dict[str, Any]) -> str:
    title = bool(table.get("title_case"))
    months = _alternation(table["months"], title)
    suffix = table.get("month_suffix", "")
    bare = table.get("bare_months")
    bare_suffix = table.get("bare_suffix", "")
    if bare is not None:
        month_bare = f"(?P<month>{_alternation(bare, title)}){bare_suffix}"
    else:
        month_bare = f"(?P<month>{months}){bare_suffix}" if bare_suffix else "(?!x)x"
    out = template
    out = out.replace("{MONTHBARE}", month_bare)
    out = out.replace("{MONTHSTEM}", f"(?P<month>{months})")
    out = out.replace("{MONTH}", f"(?P<month>{months}){suffix}")
    out = out.replace("{DAY}", table.get("day", r"(?P<day>[0-3]?\d)"))
    out = out.replace("{YEAR}", _YEAR)
    out = out.replace("{WEEKDAY}", f"(?P<weekday>{_alternation(table['weekdays'], title)})")
    return out


@lru_cache(maxsize=64)
def _patterns(lang: str, with_relative: bool) -> tuple[_Pattern, ...]:
    """Compiled patterns of one language (explicit forms always; relative phrases on request)."""
    table = load_tables()[lang]
    flags = re.IGNORECASE | re.UNICODE
    sources = [_expand(t, table) for t in table["patterns"]]
    if with_relative:
        rel_days = _alternation(table.get("relative_days", {}), False)
        periods = _alternation(table.get("relative_periods", {}), False)
        numbers = _alternation(table.get("numbers", {}), False)
        units = _alternation(table.get("units", {}), False)
        ago = table["ago"].replace("{N}", rf"(?P<num>\d{{1,3}}|{numbers})").replace("{UNIT}", f"(?P<unit>{units})")
        # Relative phrases first so that "last week" wins over weekday/month readings of equal length.
        sources = [f"(?P<rel>{rel_days})", f"(?P<period>{periods})", ago] + sources
    out = []
    for order, src in enumerate(sources):
        out.append(_Pattern(re.compile(_BOUNDARY_BEFORE + src + _BOUNDARY_AFTER, flags), order, lang))
    return tuple(out)


@lru_cache(maxsize=1)
def _numeric_patterns() -> tuple[_Pattern, ...]:
    return tuple(_Pattern(re.compile(src), 100 + i, "") for i, src in enumerate(_NUMERIC_PATTERNS))


@lru_cache(maxsize=128)
def _lookup(lang: str, field: str) -> dict[str, Any]:
    """One table of a language keyed by :func:`_key` (so case and spacing do not matter)."""
    return {_key(k): v for k, v in load_tables().get(lang, {}).get(field, {}).items()}


@lru_cache(maxsize=64)
def _lookup_list(lang: str, field: str) -> frozenset[str]:
    return frozenset(_key(w) for w in load_tables().get(lang, {}).get(field, ()))


@lru_cache(maxsize=1)
def _all_months() -> dict[str, int]:
    out: dict[str, int] = {}
    for table in load_tables().values():
        for form, number in table["months"].items():
            out.setdefault(_key(form), number)
    return out


@lru_cache(maxsize=32)
def _future_cue(lang: str) -> Optional[re.Pattern[str]]:
    src = load_tables().get(lang, {}).get("future_cue")
    return re.compile(src, re.IGNORECASE) if src else None
