"""Speakers of Russian and Ukrainian attributions from natasha's dependency parse.

The cue words are the pack's (the regex passes of :mod:`newsledger.stages.quotes.direct` find
them); the parse says who spoke: the subject of the cue verb, of the verb a gerund or a coordinated
cue hangs on ("X бросил вызов Y, заявив ...", "улыбнулся и сказал"), or the noun after "по словам".
A cue the regex passes left without an attribution becomes one when the parse gives it a subject
and a clause ("X считает, Y ..." read as parataxis). Where the parse names no subject, words the regex
passes took as the speaker are kept only when they hold no verb.
"""
from __future__ import annotations

from typing import Optional

from newsledger.stages.entities.slavic_model import SlavicParse
from newsledger.stages.quotes.offsets import Offsets
from newsledger.stages.quotes.parse import Candidate

_SUBJECTS = ("nsubj", "nsubj:pass")
#: A verb that shares its subject with the verb it hangs on: a gerund or participle clause, a
#: coordinated verb, an infinitive complement.
_SHARED_SUBJECT = ("advcl", "conj", "xcomp")
#: Relations that leave a speaker's noun phrase: a relative clause, a parenthetical. Appositions and
#: coordinated names stay ("Графиня Уварова, многолетний председатель ...": the whole mention).
_NOT_MENTION = frozenset("parataxis acl:relcl punct obl acl advmod".split())
_CLAUSES = ("ccomp", "parataxis")
_MAX_SPEAKER_TOKENS = 15


def subject_of(parse: SlavicParse, verb: int) -> Optional[int]:
    """The subject token of a cue verb, climbing through gerunds and coordinated verbs."""
    seen = 0
    k: Optional[int] = verb
    while k is not None and seen < 3:
        for child in parse.children(k):
            if parse.tokens[child].rel in _SUBJECTS:
                return child
        tok = parse.tokens[k]
        k = tok.head if tok.rel in _SHARED_SUBJECT and tok.head >= 0 else None
        seen += 1
    return None


def mention_span(parse: SlavicParse, head: int, avoid: list[Offsets]) -> Optional[Offsets]:
    """The noun phrase of ``head``: its subtree without appositions, clauses and punctuation, and
    without anything inside ``avoid`` (the cue, the content)."""
    keep = [head]
    stack = [c for c in parse.children(head) if parse.tokens[c].rel not in _NOT_MENTION]
    while stack:
        k = stack.pop()
        keep.append(k)
        stack.extend(c for c in parse.children(k) if parse.tokens[c].rel not in _NOT_MENTION)
    tokens = [parse.tokens[k] for k in sorted(keep)]
    tokens = [t for t in tokens if t.pos != "PUNCT" and not any(a <= t.start < b for a, b in avoid)]
    if not tokens or len(tokens) > _MAX_SPEAKER_TOKENS:
        return None
    return tokens[0].start, tokens[-1].end


def according_source(parse: SlavicParse, marker: Offsets, avoid: list[Offsets]) -> Optional[Offsets]:
    """The source of "по словам X" / "за словами X": the noun the marker's last word governs."""
    inside = [k for k, t in enumerate(parse.tokens) if marker[0] <= t.start < marker[1]]
    if not inside:
        return None
    last = inside[-1]
    if parse.tokens[last].pos == "VERB":  # "как сообщает с места событий корреспондент X": its subject
        subject = subject_of(parse, last)
        return mention_span(parse, subject, avoid + [marker]) if subject is not None else None
    for child in parse.children(last):
        if parse.tokens[child].rel in ("nmod", "obl", "appos") and parse.tokens[child].start >= marker[1]:
            return mention_span(parse, child, avoid + [marker])
    return None


def refine(cands: list[Candidate], parses: dict[int, SlavicParse]) -> None:
    """Give each candidate of a parsed paragraph the speaker its cue's parse names (in place)."""
    for c in cands:
        parse = parses.get(c.paragraph)
        if parse is None or c.cue is None or c.kind == "stance" and c.speaker is not None:
            continue
        avoid = [c.cue] + ([c.content] if c.content else [])
        if c.lemma == "according to":
            found = according_source(parse, c.cue, [c.content] if c.content else [])
        else:
            verb = parse.token_at(c.cue[0])
            subject = subject_of(parse, verb) if verb is not None else None
            found = mention_span(parse, subject, avoid) if subject is not None else None
        if found is not None:
            c.speaker = found
        elif c.speaker is not None and _holds_verb(parse, c.speaker):
            c.speaker = None  # a source is a noun phrase; words the regex took that hold a verb are none
        if c.kind == "indirect" and c.content is not None and c.lemma != "according to":
            _end_with_clause(parse, c)


def _holds_verb(parse: SlavicParse, span: Offsets) -> bool:
    """Whether the parse has a verb inside ``span``: PARC-style sources are noun phrases (in the Czech
    half of ADAQ 40 of 41 hold no verb, the 41st a participle)."""
    return any(span[0] <= t.start < span[1] and t.pos in ("VERB", "AUX") for t in parse.tokens)


def _end_with_clause(parse: SlavicParse, c: Candidate) -> None:
    """What a cue verb reports lies in its own subtree: when the verb is subordinate ("Хотя X заявили,
    что A, люди ... не согласны"), the words after its subtree are the main clause's, not the content."""
    assert c.cue is not None and c.content is not None
    verb = parse.token_at(c.cue[0])
    if verb is None or parse.tokens[verb].head < 0:
        return
    sub = [parse.tokens[i] for i in parse.subtree(verb) if parse.tokens[i].pos != "PUNCT"]
    if sub and c.content[0] < sub[-1].end < c.content[1]:
        c.content = (c.content[0], sub[-1].end)


def unattributed_cues(parse: SlavicParse, cue_spans: list[Offsets], taken: list[Offsets], lang: str,
                      paragraph: int) -> list[Candidate]:
    """Cue verbs no regex pass attributed, read from the parse: subject and clause of the verb."""
    out: list[Candidate] = []
    for a, b in cue_spans:
        if any(t0 < b and a < t1 for t0, t1 in taken):
            continue
        verb = parse.token_at(a)
        if verb is None:
            continue
        clause = next((k for k in parse.children(verb) if parse.tokens[k].rel in _CLAUSES
                       and parse.tokens[k].pos in ("VERB", "AUX", "ADJ", "NOUN")), None)
        subject = subject_of(parse, verb)
        if clause is None or subject is None:
            continue
        sub = [parse.tokens[k] for k in parse.subtree(clause) if not (a <= parse.tokens[k].start < b)]
        sub = [t for t in sub if t.pos != "PUNCT"] or sub
        if not sub:
            continue
        content = (sub[0].start, sub[-1].end)
        speaker = mention_span(parse, subject, [(a, b), content])
        if speaker is None or content[0] <= speaker[0] < content[1]:
            continue
        out.append(Candidate("indirect", (a, b), content, speaker, lang, paragraph))
    return out
