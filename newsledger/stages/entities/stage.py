"""Sentences and named entities of every paragraph that is not boilerplate.

* English paragraphs (packs with ``read_by_english_model``): sentences and entities from spaCy
  (``resources.nlp``), all documents' paragraphs in one ``nlp.pipe`` batch; each parse is
  kept in ``doc.parses[paragraph_index]`` for the quotes and events stages (the only parse).
* ``doc.sentences`` and ``doc.entities`` written here are the document's only sentence
  segmentation and entity list: later stages read them and never split or recognise again.
* Russian and Ukrainian (packs with ``syntax_model`` "natasha"): natasha's names (normalised to the
  nominative) beside the gazetteer's, and a dependency parse kept in ``doc.parses`` for the quotes
  stage (:mod:`newsledger.stages.entities.slavic_model`).
* Other languages: sentences from a rule-based splitter and entities from the gazetteer
  only. spaCy's English model is never run on them: it turns Azerbaijani or Russian text
  into junk entities.
* The gazetteer also complements spaCy in English (treaties, organisations, the places of
  the story) and is the only source in headings.

Every entity carries a ``canonical`` name (the gazetteer's English name when the mention
is a known name in any language, inflected or with a small typo; else the cleaned
mention), the paragraph's ``lang`` and its ``source`` ("model" or "gazetteer").
"""
from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple, Optional, Sequence

from newsledger import lang as languages
from newsledger.gazetteer.names import clean_mention, resolve
from newsledger.gazetteer.table import fold_name, load_gazetteer
from newsledger.lang import read_by_english_model
from newsledger.models import Document, Entity, Paragraph, Sentence
from newsledger.stages import Stage
from newsledger.stages.budget import Budget
from newsledger.stages.budget import current as current_budget
from newsledger.stages.entities.slavic_model import SlavicParse, parse_paragraph
from newsledger.stages.paragraphs.sentences import split_sentences, trim

if TYPE_CHECKING:
    from newsledger.resources import Resources

#: spaCy labels kept; numbers (CARDINAL, QUANTITY, MONEY...) and the rest are left to other stages.
MODEL_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "DATE"})

_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_PUNCT = " \t\n\"'“”‘’«»()[]{},;:"


# -- entities -------------------------------------------------------------------------------
class _Candidate(NamedTuple):
    start: int  # offsets in the paragraph
    end: int
    label: str
    canonical: str
    source: str


def _trim_mention(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    """Drop a leading "the", a trailing possessive and edge punctuation from a model span."""
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    lead = _LEADING_ARTICLE.match(text[start:end])
    if lead and lead.end() < end - start:
        start += lead.end()
    tail = _TRAILING_POSSESSIVE.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
    while end > start and text[end - 1] in _EDGE_PUNCT:
        end -= 1
    return (start, end) if end > start else None


def _model_candidates(parse: Any, text: str, lang: str) -> Iterable[_Candidate]:
    for ent in parse.ents:
        label = ent.label_
        if label not in MODEL_LABELS:
            continue
        span = _trim_mention(text, ent.start_char, ent.end_char)
        if span is None:
            continue
        mention = text[span[0]:span[1]]
        if not any(c.isalpha() for c in mention) and not (label == "DATE" and len(mention) == 4):
            continue  # bare numbers are not entities
        if label == "DATE":
            yield _Candidate(span[0], span[1], label, clean_mention(mention), "model")
            continue
        gazetteer = load_gazetteer()
        exact = gazetteer.lookup(mention, lang)
        if exact is not None:  # a known name: the gazetteer's label beats the small model's guess
            yield _Candidate(span[0], span[1], exact.label, exact.canonical, "model")
            continue
        entry = resolve(mention, lang, label)
        canonical = entry.canonical if entry is not None else clean_mention(mention)
        yield _Candidate(span[0], span[1], label, canonical, "model")


def _slavic_candidates(parse: SlavicParse, base: int, lang: str) -> Iterable[_Candidate]:
    """natasha's names with a canonical name: the gazetteer's for a known name (written or in the
    nominative), else the nominative ("Марии Захаровой" -> "Мария Захарова")."""
    gazetteer = load_gazetteer()
    for name in parse.names:
        written = parse.text[name.start - base:name.end - base]
        entry = gazetteer.lookup(written, lang) or gazetteer.lookup(name.normal, lang) \
            or resolve(name.normal, lang, name.label) or resolve(written, lang, name.label)
        label = entry.label if entry is not None else name.label
        canonical = entry.canonical if entry is not None else clean_mention(name.normal)
        yield _Candidate(name.start - base, name.end - base, label, canonical, "model")


def syntax_parse(doc: Document, index: int) -> Optional[SlavicParse]:
    """The natasha parse of a body paragraph whose pack reads it with natasha (made once, kept in
    ``doc.parses``); None for other paragraphs."""
    para = doc.paragraphs[index]
    if para.kind != "body" or languages.get(para.lang).syntax_model != "natasha":
        return None
    text = doc.text[para.start:para.end]
    parse = doc.parses.get(index)
    if not (isinstance(parse, SlavicParse) and parse.text == text):
        parse = parse_paragraph(text, para.start, languages.base_code(para.lang))
        doc.parses[index] = parse
    return parse


def _gazetteer_candidates(text: str, lang: str) -> Iterable[_Candidate]:
    for m in load_gazetteer().find(text, lang):
        yield _Candidate(m.start, m.end, m.entry.label, m.entry.canonical, "gazetteer")


def _merge(candidates: Iterable[_Candidate]) -> list[_Candidate]:
    """Non-overlapping entities: the longer span wins, and on equal spans the gazetteer's."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.source != "gazetteer", c.start))
    kept: list[_Candidate] = []
    for cand in ranked:
        if any(cand.start < k.end and k.start < cand.end for k in kept):
            continue
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _propagate_surnames(doc: Document) -> None:
    """A lone surname the model mislabelled ("Mustafayev" as ORG) takes the full name found earlier."""
    full_names: dict[str, str] = {}
    for ent in doc.entities:
        if ent.label == "PERSON":
            words = ent.canonical.split()
            if len(words) >= 2:
                full_names.setdefault(fold_name(words[-1]), ent.canonical)
    if not full_names:
        return
    for ent in doc.entities:
        if ent.source != "model" or " " in ent.text or ent.label not in ("PERSON", "ORG", "GPE", "NORP", "LOC"):
            continue
        full = full_names.get(fold_name(ent.canonical))
        if full is not None:
            ent.label, ent.canonical = "PERSON", full


def _analyse(doc: Document) -> None:
    """Fill sentences and entities of one document whose English parses are in ``doc.parses``."""
    sentences: list[Sentence] = []
    entities: list[Entity] = []
    for index, para in enumerate(doc.paragraphs):
        if para.kind == "boilerplate":
            continue
        text = doc.text[para.start:para.end]
        parse = doc.parses.get(index) if para.kind == "body" and read_by_english_model(para.lang) else None
        if para.kind == "heading":
            spans = [s for s in [trim(text, 0, len(text))] if s]
        elif parse is not None:
            spans = [s for s in (trim(text, sent.start_char, sent.end_char) for sent in parse.sents) if s]
        else:
            spans = split_sentences(text, para.lang)
        for start, end in spans:
            sentences.append(Sentence(para.start + start, para.start + end, text[start:end], index, para.lang))
        candidates = list(_gazetteer_candidates(text, para.lang))
        if parse is not None:
            candidates.extend(_model_candidates(parse, text, para.lang))
        slavic = syntax_parse(doc, index)
        if slavic is not None:
            # A known place or organisation the gazetteer found wins over the model's span around it ("Город
            # Гянджа"); a person keeps the model's whole name ("Марией Захаровой") with the gazetteer's canonical.
            known = list(candidates)
            for c in _slavic_candidates(slavic, para.start, para.lang):
                inside = [k for k in known if c.start < k.end and k.start < c.end]
                if not inside:
                    candidates.append(c)
                elif c.label == "PERSON" and all(k.label == "PERSON" and c.start <= k.start and k.end <= c.end for k in inside):
                    candidates.append(c._replace(canonical=inside[0].canonical))
        for cand in _merge(candidates):
            start, end = para.start + cand.start, para.start + cand.end
            entities.append(Entity(start, end, doc.text[start:end], cand.label, cand.canonical, para.lang, cand.source))
    doc.sentences, doc.entities = sentences, entities
    _propagate_surnames(doc)


def needs_parse(para: Paragraph) -> bool:
    """Whether a paragraph gets a spaCy parse: English body text. The parses are made here only,
    once per paragraph, and every later stage reads them from ``doc.parses`` (none parses again).
    An undetermined paragraph is not parsed: after langid that is one with fewer than two letters."""
    return para.kind == "body" and read_by_english_model(para.lang)


def analyse(doc: Document) -> None:
    """Sentences and entities of a document whose parses are already in ``doc.parses``."""
    _analyse(doc)


def run_many(docs: Sequence[Document], resources: "Resources") -> None:
    """Sentences and entities for a batch of documents: one ``nlp.pipe`` over all English paragraphs."""
    jobs: list[tuple[Document, int]] = []
    texts: list[str] = []
    for doc in docs:
        for index, para in enumerate(doc.paragraphs):
            doc.parses.pop(index, None)
            if needs_parse(para):
                jobs.append((doc, index))
                texts.append(doc.text[para.start:para.end])
    budget = current_budget()
    if texts:
        if budget is None:
            parsed = resources.nlp.pipe(texts, batch_size=resources.settings.spacy_batch_size)
            for (doc, index), parse in zip(jobs, parsed):
                doc.parses[index] = parse
        else:
            _parse_within_budget(jobs, texts, resources, budget)
    for doc in docs:
        if budget is None or not budget.expired(doc):  # a page past its budget is dropped by the pipeline
            _analyse(doc)


def _parse_within_budget(jobs: list[tuple[Document, int]], texts: list[str], resources: "Resources",
                         budget: Budget) -> None:
    """Parse as :func:`run_many` does, charging each document the time until its parses come out and
    feeding no more paragraphs of a document past its time budget (a huge page stops, the batch goes on)."""
    def feed() -> Iterator[tuple[str, tuple[Document, int]]]:
        for job, text in zip(jobs, texts):
            if not budget.expired(job[0]):
                yield text, job

    last = time.monotonic()
    for parse, (doc, index) in resources.nlp.pipe(feed(), as_tuples=True, batch_size=resources.settings.spacy_batch_size):
        doc.parses[index] = parse
        now = time.monotonic()
        budget.charge(doc, now - last)
        last = now


def run(doc: Document, resources: "Resources") -> None:
    """Sentences and entities of one document."""
    run_many([doc], resources)


STAGE = Stage(name="entities", reads=("text", "paragraphs"), writes=("parses", "sentences", "entities"), run=run,
              run_many=run_many)
