"""Sentences and named entities of every paragraph that is not boilerplate.

* English paragraphs (``lang == "en"``): sentences and entities from spaCy
  (``resources.nlp``), all documents' paragraphs in one ``nlp.pipe`` batch; each parse is
  kept in ``doc.parses[paragraph_index]`` for the quotes stage.
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
from typing import TYPE_CHECKING, Any, Iterable, NamedTuple, Optional, Sequence

from newsledger.gazetteer.table import fold_name, load_gazetteer
from newsledger.models import Document, Entity, Sentence
from newsledger.gazetteer.names import clean_mention, resolve
from newsledger.stages import Stage

if TYPE_CHECKING:
    from newsledger.resources import Resources

#: spaCy labels kept; numbers (CARDINAL, QUANTITY, MONEY...) and the rest are left to other stages.
MODEL_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "DATE"})

_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_PUNCT = " \t\n\"'“”‘’«»()[]{},;:"


def is_english(lang: Optional[str]) -> bool:
    """Whether a paragraph language code is English (``en``, ``en-GB``)."""
    return bool(lang) and (lang == "en" or lang.startswith("en-"))  # type: ignore[union-attr]


# -- sentences ------------------------------------------------------------------------------
_TERMINATORS = ".!?…։。！？؟।"
_CLOSERS = "\"'»”’)]›"
_BOUNDARY = re.compile(rf"[{re.escape(_TERMINATORS)}]+[{re.escape(_CLOSERS)}]*(?=\s)")
_OPENERS = "\"'«“„‘([‹-–—¿¡"
#: Abbreviations that end in a period without ending a sentence (casefolded, with their dots).
ABBREVIATIONS = frozenset("""
mr. mrs. ms. dr. prof. st. jr. sr. gen. col. lt. sgt. capt. maj. adm. gov. sen. rep. rev. no. nos. vs. inc. ltd.
co. corp. jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. u.s. u.k. u.n. e.g. i.e. approx. est. dept.
fig. vol. pp. p. ca. cf. al. mt. ft. ave. blvd.
г. гг. ул. им. т.е. т.д. т.п. др. пр. см. стр. тыс. млн. млрд. руб. ген. св. проф. акад. обл. р-н. н.э. напр. ок.
с. пос. д. ст. чел. кв. км. м. мин. зам. и.о. вр.и.о.
b.e. məs. akad. prof. gen. s. bax. və s. mln. mlrd. küç. r. ş.
vb. vs. bkz. örn. sn. yrd. doç. av. alb. yzb. bşk.
m. mme. mlle. mm. ste. av. env. p.ex. cf.
z.b. bzw. nr. usw. vgl. hr. fr. ggf. evtl. d.h. u.a.
sr. sra. srta. ee.uu. etc.
""".split())
_ORDINAL_DOT_LANGS = frozenset({"de", "tr", "az", "pl", "cs", "sk", "hr", "sl", "sr", "da", "no", "nb", "fi", "hu", "et", "lv"})


def split_sentences(text: str, lang: Optional[str] = None) -> list[tuple[int, int]]:
    """Rule-based sentence spans of ``text`` (trimmed), for languages spaCy does not parse here.

    Splits after ., !, ?, … (and the Armenian, CJK, Arabic, Devanagari stops) followed by
    white space and a sentence start; keeps abbreviations ("г.", "St.") and initials
    ("I. Aliyev") inside, and closing quotes with the sentence they close.
    """
    base_lang = (lang or "und").split("-")[0]
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        nxt = end
        while nxt < len(text) and text[nxt].isspace():
            nxt += 1
        if nxt >= len(text):
            break
        following = text[nxt]
        if following.isalpha() and following.islower():
            continue  # "т.е. в", "e.g. the": a lowercase word goes on the sentence
        if following.isalpha() and not following.isupper() and following.lower() != following.upper():
            continue
        if not (following.isalnum() or following in _OPENERS):
            continue
        if m.group().startswith(".") and _is_abbreviation(text, m.start(), base_lang):
            continue
        cuts.append(end)
    spans = []
    start = 0
    for cut in cuts + [len(text)]:
        span = _trim(text, start, cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def _is_abbreviation(text: str, dot: int, lang: str) -> bool:
    """Whether the period at ``dot`` ends an abbreviation, an initial or an ordinal number."""
    begin = dot
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    token = text[begin:dot + 1].lstrip(_OPENERS).casefold()
    if token in ABBREVIATIONS:
        return True
    # "və s." and other two-word abbreviations
    prev = text[max(0, begin - 4):dot + 1].casefold()
    if prev.endswith("və s."):
        return True
    word = token[:-1]
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "I. Aliyev", "И. Алиев"
    if word.isdigit() and len(word) <= 2 and lang in _ORDINAL_DOT_LANGS:
        return True  # "am 3. Oktober", "27. sentyabr"
    return False


def _trim(text: str, start: int, end: int) -> Optional[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


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
        parse = doc.parses.get(index) if para.kind == "body" and is_english(para.lang) else None
        if para.kind == "heading":
            spans = [s for s in [_trim(text, 0, len(text))] if s]
        elif parse is not None:
            spans = [s for s in (_trim(text, sent.start_char, sent.end_char) for sent in parse.sents) if s]
        else:
            spans = split_sentences(text, para.lang)
        for start, end in spans:
            sentences.append(Sentence(para.start + start, para.start + end, text[start:end], index, para.lang))
        candidates = list(_gazetteer_candidates(text, para.lang))
        if parse is not None:
            candidates.extend(_model_candidates(parse, text, para.lang))
        for cand in _merge(candidates):
            start, end = para.start + cand.start, para.start + cand.end
            entities.append(Entity(start, end, doc.text[start:end], cand.label, cand.canonical, para.lang, cand.source))
    doc.sentences, doc.entities = sentences, entities
    _propagate_surnames(doc)


def run_many(docs: Sequence[Document], resources: "Resources") -> None:
    """Sentences and entities for a batch of documents: one ``nlp.pipe`` over all English paragraphs."""
    jobs: list[tuple[Document, int]] = []
    texts: list[str] = []
    for doc in docs:
        for index, para in enumerate(doc.paragraphs):
            doc.parses.pop(index, None)
            if para.kind == "body" and is_english(para.lang):
                jobs.append((doc, index))
                texts.append(doc.text[para.start:para.end])
    if texts:
        parsed = resources.nlp.pipe(texts, batch_size=resources.settings.spacy_batch_size)
        for (doc, index), parse in zip(jobs, parsed):
            doc.parses[index] = parse
    for doc in docs:
        _analyse(doc)


def run(doc: Document, resources: "Resources") -> None:
    """Sentences and entities of one document."""
    run_many([doc], resources)


STAGE = Stage(name="entities", reads=("paragraphs",), writes=("sentences", "entities"), run=run, run_many=run_many)
