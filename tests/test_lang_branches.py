"""No stage branches on a literal language code: language facts live in ``newsledger/lang/``.

A comparison such as ``lang == "ru"``, ``p.lang != "und"``, ``lang in ("az", "tr")`` or
``lang.startswith("en")`` outside the language packs hides a fact about a language in a stage;
it belongs in a pack field (see docs/adding-a-language.md). Comparisons between two variables
and with the named constants of :mod:`newsledger.lang` (``UNDETERMINED``, ``ENGLISH``) are fine.
The check knows a language by its name (a variable, attribute or key with "lang" in it), so the
language identifier's own rules, which choose between candidate codes (``top == "tr"``), pass.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

from tests.paths import REPO

PACKAGE = REPO / "newsledger"
LANG_DIR = PACKAGE / "lang"

#: What a language code looks like ("en", "und", "pt-BR").
_CODE_SHAPE = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")


def _literal_codes(node: ast.AST) -> list[str]:
    """The code-shaped string literals of ``node``: itself, or the items of a tuple/list/set display."""
    items = node.elts if isinstance(node, (ast.Tuple, ast.List, ast.Set)) else [node]
    return [item.value for item in items
            if isinstance(item, ast.Constant) and isinstance(item.value, str) and _CODE_SHAPE.match(item.value)]


#: String methods that keep a value a language code ("EN".lower(), "pt-BR".split("-")[0]).
_CODE_PRESERVING = frozenset({"lower", "casefold", "strip", "split", "partition", "upper"})


def _names_a_language(node: ast.AST) -> bool:
    """``node`` holds a language code: ``lang``, ``base_lang``, ``p.lang``, ``doc.language``,
    ``row["lang"]``, ``event.get("lang")``, or one of these lower-cased or split."""
    if isinstance(node, ast.Name):
        return "lang" in node.id.lower()
    if isinstance(node, ast.Attribute):
        return "lang" in node.attr.lower()
    if isinstance(node, ast.Subscript):
        key = node.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return "lang" in key.value.lower()
        return _names_a_language(node.value)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _CODE_PRESERVING:
            return _names_a_language(func.value)
        return any(isinstance(arg, ast.Constant) and isinstance(arg.value, str) and "lang" in arg.value.lower()
                   for arg in node.args)  # get("lang"), row.get("lang"), _get(e, "lang")
    return False


def _flagged(node: ast.AST, source: str) -> Iterator[str]:
    """Why ``node`` compares a language against a literal code, if it does."""
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        for op, left, right in zip(node.ops, operands, operands[1:]):
            if not isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)):
                continue
            for side, other in ((left, right), (right, left)):
                codes = _literal_codes(other)
                if not codes:
                    continue
                if _names_a_language(side):
                    yield f"{ast.get_source_segment(source, side)} compared with {codes}"
                    break
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "startswith":
        codes = [code for arg in node.args for code in _literal_codes(arg)]
        if codes and _names_a_language(node.func.value):
            yield f"{ast.get_source_segment(source, node.func.value)}.startswith({codes})"


def _branches(path: Path) -> Iterator[str]:
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source, filename=str(path))):
        for why in _flagged(node, source):
            yield f"{path.relative_to(REPO)}:{node.lineno}: {why}"


def test_no_literal_language_codes_outside_lang() -> None:
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) if LANG_DIR not in path.parents for hit in _branches(path)]
    assert not found, "language branches outside newsledger/lang/ (move the fact into a pack):\n" + "\n".join(found)


def test_the_check_sees_the_usual_shapes(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        'if lang == "ru": pass\n'
        'if p.lang != "und": pass\n'
        'if lang in ("az", "tr"): pass\n'
        'if doc.lang.startswith("en"): pass\n'
        'if row["lang"] not in ("de", "fr"): pass\n'
        'if lang == other: pass\n'
        'if lang != UNDETERMINED: pass\n'
        'if kind == "body": pass\n'
        'if tables.get(lang, {}).get("order") == "mdy": pass\n'
        'if word.casefold() in ("de", "la"): pass\n',
        encoding="utf-8",
    )
    lines = sorted(int(hit.split(":")[1]) for hit in _branches_at(sample))
    assert lines == [1, 2, 3, 4, 5]


def _branches_at(path: Path) -> list[str]:
    """:func:`_branches` for a file outside the repository (paths stay absolute)."""
    source = path.read_text(encoding="utf-8")
    return [f"{path}:{node.lineno}: {why}" for node in ast.walk(ast.parse(source)) for why in _flagged(node, source)]
