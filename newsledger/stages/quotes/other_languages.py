"""Quotes of paragraphs the English model does not read: quotation marks attributed by each
language's cue words, reported speech by its patterns, and stance acts ("осудил", "kınadı",
"təşəkkür edib") with their holder and target."""
from __future__ import annotations

from bisect import bisect_left
from typing import Any, Optional, Sequence

from newsledger.models import ACTOR_LABELS, Document, Entity
from newsledger.stages.entities.slavic_model import SlavicParse
from newsledger.stages.quotes import slavic
from newsledger.stages.quotes.anaphoric import anaphoric_reports, inverted_speakers, narrow_speakers, same_act
from newsledger.stages.quotes.direct import Quotation, attribute_quotation, regex_attributions, with_marks
from newsledger.stages.quotes.english import Candidate
from newsledger.stages.quotes.lexicon import language_cues
from newsledger.stages.quotes.offsets import Offsets, _overlaps, _trim_content
from newsledger.stages.quotes.unattributed import MIN_FREE_QUOTE_WORDS, _free_quote
from newsledger.stages.spans import SpanIndex


def _sentences_by_paragraph(doc: Document) -> dict[int, list[Offsets]]:
    """Sentence offsets by paragraph index, in order (grouped once, not scanned per paragraph)."""
    grouped: dict[int, list[Offsets]] = {}
    for s in doc.sentences:
        grouped.setdefault(s.paragraph, []).append((s.start, s.end))
    return grouped


def _other_languages(doc: Document, body: list, parses: dict[int, Any], quotations: list[Quotation]) -> list[Candidate]:
    out: list[Candidate] = []
    by_para: dict[int, list[Quotation]] = {}
    for q in quotations:
        by_para.setdefault(q.paragraph, []).append(q)
    sentences = _sentences_by_paragraph(doc)
    entities = SpanIndex(doc.entities)
    with_sentences = sorted(k for k, v in sentences.items() if v)
    for i, p in body:
        at = bisect_left(with_sentences, i)
        before = sentences[with_sentences[at - 1]][-1] if at else None  # the last sentence of the paragraph before
        if i in parses:
            continue
        start_of_paragraph = len(out)
        cues = language_cues(p.lang.split("-")[0])
        para_quotes = by_para.get(i, [])
        taken: list[Offsets] = []
        for q in para_quotes:
            content = _trim_content(doc.text, *q.inner)
            if content is None or _quoted_name(doc.text, content):
                continue
            found = attribute_quotation(doc.text, q, p.start, p.end, cues) if cues else None
            taken.append((q.open, (q.close if q.close is not None else q.inner[1]) + 1))
            if found is not None:
                cue, speaker = found
                taken.append(cue)
                out.append(Candidate("direct", cue, with_marks(q, content), speaker, p.lang, i))
            elif q.dash or len(doc.text[content[0]:content[1]].split()) >= MIN_FREE_QUOTE_WORDS:
                if not q.dash or len(para_quotes) == 1:
                    out.extend(_free_quote(doc, q, p.lang, marks=True))
        if cues is not None:
            told_after = anaphoric_reports(doc.text, sentences.get(i, []), before, i, cues, taken)
            reported = told_after + same_act(doc.text, regex_attributions(doc.text, list(sentences.get(i, [])), i, cues,
                                                                          taken), taken)
            _mark_stance(doc, reported, cues, entities)
            reported += _stance_sentences(doc, i, cues, taken + [c.cue for c in reported if c.cue],
                                          sentences.get(i, []), entities)
            out.extend(reported)
        syntax = doc.parses.get(i)
        if cues is not None and not isinstance(syntax, SlavicParse):
            narrow_speakers(doc.text, out[start_of_paragraph:], entities, cues)
            inverted_speakers(doc.text, out[start_of_paragraph:])
        if isinstance(syntax, SlavicParse) and syntax.text == p.text:
            mine = out[start_of_paragraph:]
            slavic.refine(mine, {i: syntax})
            if cues is not None:
                held = [c.cue for c in mine if c.cue] + [c.content for c in mine if c.content] + taken
                spans = [(m.start(), m.end()) for m in cues.cue.finditer(doc.text, p.start, p.end)]
                out.extend(slavic.unattributed_cues(syntax, spans, held, p.lang, i))
    return out


def _quoted_name(text: str, content: Offsets) -> bool:
    """A quoted single capitalised word (“Twitter”, «Спутник») names something; it is no quotation."""
    inner = text[content[0]:content[1]]
    return len(inner.split()) == 1 and inner[:1].isupper() and inner.rstrip(".!?…").isalnum() is not False \
        and not any(ch in inner for ch in ".!?,;:")


def _stance_sentences(doc: Document, index: int, cues: Any, taken: list[Offsets], sentences: list[Offsets],
                      entities: SpanIndex[Entity]) -> list[Candidate]:
    """Stance acts told without a clause ("Лавров осудил удар по Гяндже", "Bayramov ... təşəkkür edib"):
    the holder is a name of the sentence (before the cue in verb-second languages, the sentence's first
    name in verb-final ones), the content what lies between holder and cue (or after the cue)."""
    out: list[Candidate] = []
    if not cues.stance:
        return out
    verb_final = cues.according_position == "after"
    for s_start, s_end in sentences:
        names = sorted((e for e in entities.within(s_start, s_end) if e.label in ACTOR_LABELS),
                       key=lambda e: e.start)
        for polarity, pattern in cues.stance:
            for m in pattern.finditer(doc.text, s_start, s_end):
                if not _word_at(doc.text, m.start(), m.end()) or any(_overlaps((m.start(), m.end()), t) for t in taken):
                    continue
                before = [e for e in names if e.end <= m.start()]
                if not before:
                    continue
                holder = before[0] if verb_final else before[-1]
                if verb_final:
                    content = _trim_content(doc.text, holder.end, m.start())
                else:
                    end = s_end
                    while end > m.end() and doc.text[end - 1] in ".!?… ":
                        end -= 1
                    content = _trim_content(doc.text, m.end(), end)
                if content is None:
                    continue
                target = _first_name_in(content, names)
                out.append(Candidate("stance", (m.start(), m.end()), content, (holder.start, holder.end), doc.paragraphs[index].lang,
                                     index, target=target, polarity=polarity, lemma=m.group(0).lower()))
                taken.append((m.start(), m.end()))
    return out


def _word_at(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is whole words (no letter glued on either side)."""
    return (a == 0 or not text[a - 1].isalnum()) and (b >= len(text) or not text[b].isalnum())


def _first_name_in(span: Offsets, ents: Sequence[Entity], besides: Optional[Offsets] = None) -> Optional[Offsets]:
    """The first name inside ``span`` (not overlapping ``besides``): the target of a stance act."""
    inside = [e for e in ents if span[0] <= e.start and e.end <= span[1]
              and not (besides is not None and _overlaps((e.start, e.end), besides))]
    first = min(inside, key=lambda e: e.start, default=None)
    return (first.start, first.end) if first is not None else None


def _mark_stance(doc: Document, cands: list[Candidate], cues: Any, entities: SpanIndex[Entity]) -> None:
    """Reported acts whose cue is a stance word ("kınadı", "осудил", "təşəkkür edib", "a salué") are stance
    acts; their target is the first name in what was condemned or thanked, when there is one."""
    for c in cands:
        if c.cue is None or c.kind != "indirect":
            continue
        polarity = cues.polarity(doc.text[c.cue[0]:c.cue[1]])
        if polarity is None:
            continue
        c.kind, c.polarity = "stance", polarity
        if c.content is not None:
            c.target = _first_name_in(c.content, entities.within(*c.content), besides=c.speaker)
