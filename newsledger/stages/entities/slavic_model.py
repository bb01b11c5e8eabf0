"""Russian and Ukrainian paragraphs read with natasha (slovnet NER, morphology and syntax, navec
embeddings) and pymorphy3: names normalised to the nominative and a dependency parse.

The models load lazily, once per process (:func:`models`); a missing package raises
:class:`~newsledger.errors.ModelMissing` (E031). :func:`parse_paragraph` returns a
:class:`SlavicParse` with document offsets, kept in ``doc.parses`` by the entities stage and read
by the quotes stage (speaker = subject of a speech verb, "по словам X").
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from newsledger.errors import ModelMissing

log = logging.getLogger(__name__)

#: natasha's NER labels -> newsledger's entity labels.
LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
#: pymorphy3 name tags: first name, surname, patronymic.
_NAME_TAGS = ("Name", "Surn", "Patr")
_INSTALL = "pip install natasha pymorphy3 pymorphy3-dicts-ru pymorphy3-dicts-uk"


@dataclass(frozen=True)
class SyntaxToken:
    start: int  # document offsets
    end: int
    text: str
    pos: str
    head: int  # index in SlavicParse.tokens; -1 for a sentence root
    rel: str


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    label: str  # PERSON, ORG, GPE
    normal: str  # nominative form ("Мария Захарова" for "Марии Захаровой")


@dataclass
class SlavicParse:
    """One paragraph's tokens with heads and relations, and its names."""

    text: str
    tokens: list[SyntaxToken]
    names: list[NameSpan]
    _children: Optional[list[list[int]]] = field(default=None, repr=False)

    def children(self, i: int) -> list[int]:
        if self._children is None:
            kids: list[list[int]] = [[] for _ in self.tokens]
            for k, t in enumerate(self.tokens):
                if t.head >= 0:
                    kids[t.head].append(k)
            self._children = kids
        return self._children[i]

    def subtree(self, i: int) -> list[int]:
        """Token indices of ``i`` and everything below it, in order."""
        out, stack = [], [i]
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(self.children(k))
        return sorted(out)

    def token_at(self, offset: int) -> Optional[int]:
        for k, t in enumerate(self.tokens):
            if t.start <= offset < t.end:
                return k
        return None


@dataclass(frozen=True)
class _Models:
    segmenter: Any
    syntax: Any
    ner: Any


@lru_cache(maxsize=1)
def models() -> _Models:
    """natasha's segmenter, syntax parser and NER, loaded once per process."""
    try:
        from natasha import NewsEmbedding, NewsNERTagger, NewsSyntaxParser, Segmenter
    except ImportError as exc:
        raise ModelMissing(f"natasha is not installed (Russian and Ukrainian names and syntax): {_INSTALL}") from exc
    embedding = NewsEmbedding()
    log.debug("natasha models loaded")
    return _Models(Segmenter(), NewsSyntaxParser(embedding), NewsNERTagger(embedding))


@lru_cache(maxsize=4)
def morph_analyzer(lang: str) -> Any:
    """pymorphy3 with the dictionary of ``lang`` (ru or uk), loaded once per process."""
    try:
        import pymorphy3
    except ImportError as exc:
        raise ModelMissing(f"pymorphy3 is not installed: {_INSTALL}") from exc
    try:
        return pymorphy3.MorphAnalyzer(lang=lang)
    except (ValueError, OSError) as exc:  # the dictionary package of that language is missing
        raise ModelMissing(f"pymorphy3 has no {lang} dictionary: {_INSTALL}") from exc


def parse_paragraph(text: str, base: int, lang: str) -> SlavicParse:
    """Tokens, dependency parse and names of one paragraph (offsets shifted by ``base``)."""
    from natasha import Doc

    m = models()
    doc = Doc(text)
    doc.segment(m.segmenter)
    if doc.tokens:
        # natasha's morphology tagger is left out: it costs as much as syntax and NER together, and
        # pymorphy3's dictionary gives the parts of speech and cases read here.
        doc.parse_syntax(m.syntax)
        doc.tag_ner(m.ner)
    else:
        doc.spans = []
    ids = {t.id: k for k, t in enumerate(doc.tokens)}
    tokens = [SyntaxToken(base + t.start, base + t.stop, t.text, part_of_speech(t.text, lang), ids.get(t.head_id, -1),
                          t.rel or "") for t in doc.tokens]
    names = []
    for span in doc.spans:
        label = LABELS.get(span.type)
        if label is None:
            continue
        words = text[span.start:span.stop].split()
        normal = person_nominative(words, lang) if label == "PERSON" else phrase_nominative(words, lang)
        names.append(NameSpan(base + span.start, base + span.stop, label, normal))
    return SlavicParse(text, tokens, names)


#: pymorphy3's parts of speech -> Universal Dependencies' (those the quotes stage reads).
_UPOS = {"VERB": "VERB", "INFN": "VERB", "GRND": "VERB", "PRTF": "VERB", "PRTS": "VERB", "NOUN": "NOUN",
         "ADJF": "ADJ", "ADJS": "ADJ", "COMP": "ADJ", "NPRO": "PRON", "PREP": "ADP", "CONJ": "CCONJ", "PRCL": "PART",
         "NUMR": "NUM", "ADVB": "ADV", "PRED": "ADV", "INTJ": "INTJ"}


def part_of_speech(word: str, lang: str) -> str:
    """A token's part of speech (UD tag) from pymorphy3's most likely parse; PUNCT for punctuation."""
    if not any(c.isalnum() for c in word):
        return "PUNCT"
    return _cached_pos(word.lower(), lang)


@lru_cache(maxsize=65536)
def _cached_pos(word: str, lang: str) -> str:
    if word.isdigit():
        return "NUM"
    analyses = _analyses(morph_analyzer(lang), word)
    return _UPOS.get(str(analyses[0].tag.POS), "X") if analyses else "X"


def _analyses(analyzer: Any, word: str) -> list[Any]:
    """pymorphy3's parses of a word; none for a character it cannot name (it raises on unnamed code points)."""
    try:
        return list(analyzer.parse(word))
    except (ValueError, KeyError):
        return []


def phrase_nominative(words: list[str], lang: str) -> str:
    """An organisation's or place's name with its head to the nominative: the leading adjectives and the
    first noun ("Национального агентства по разминированию" -> "Национальное агентство по разминированию",
    "Генпрокуратуры Азербайджана" -> "Генпрокуратура Азербайджана"); the words after it stay as written."""
    analyzer = morph_analyzer(lang)
    found = [_analyses(analyzer, w) for w in words]
    if not all(found):
        return " ".join(words)
    parses = [a[0] for a in found]
    head = next((k for k, p in enumerate(parses) if p.tag.POS == "NOUN"), None)
    if head is None or "nomn" in parses[head].tag or any(p.tag.POS not in ("ADJF", "PRTF") for p in parses[:head]):
        return " ".join(words)
    noun = parses[head].inflect({"nomn"})
    if noun is None:
        return " ".join(words)
    out = []
    for k, p in enumerate(parses[:head]):
        wanted = {"nomn", noun.tag.number or "sing"} | ({noun.tag.gender} if noun.tag.gender and noun.tag.number != "plur" else set())
        form = p.inflect(wanted)
        out.append(_restore_case(words[k], form.word) if form is not None else words[k])
    out.append(_restore_case(words[head], noun.word))
    return " ".join(out + words[head + 1:])


def person_nominative(words: list[str], lang: str) -> str:
    """"Марии Захаровой" -> "Мария Захарова": each name word to the nominative, keeping the gender
    the other words agree on (a surname alone is ambiguous: "Лаврова" is his genitive or her nominative)."""
    analyzer = morph_analyzer(lang)
    parses = [[p for p in _analyses(analyzer, w) if any(tag in p.tag for tag in _NAME_TAGS)] for w in words]
    genders = [p[0].tag.gender for p in parses if p and p[0].tag.gender and "Name" in p[0].tag]
    gender = genders[0] if genders else None
    out = []
    for word, options in zip(words, parses):
        if gender is not None:
            options = [p for p in options if p.tag.gender in (gender, None)] or options
        if not options or not word[:1].isupper():
            out.append(word)
            continue
        best = options[0]
        # The Ukrainian dictionary gives names no number: ask for the case alone when case and number fail.
        nominative = (best.inflect({"nomn", "sing"}) or best.inflect({"nomn"})) if "nomn" not in best.tag else best
        form = nominative.word if nominative is not None else word
        out.append(_restore_case(word, form))
    return " ".join(out)


def _restore_case(written: str, form: str) -> str:
    if written.isupper() and len(written) > 1:
        return form.upper()
    if not written[:1].isupper():
        return form.lower()
    parts = form.split("-")
    return "-".join(p[:1].upper() + p[1:] for p in parts)
