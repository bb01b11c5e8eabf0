"""Reading English dependency parses for the quotes stage: spans, mentions, subjects and speakers.

Shared by the verb cues (:mod:`newsledger.stages.quotes.english`) and the phrase cues
(:mod:`newsledger.stages.quotes.phrases`). All offsets are document offsets: ``base`` (the paragraph
start) plus the token's character offset in the paragraph parse.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Optional

from newsledger.stages.quotes.lexicon import EnglishCues, english

Offsets = tuple[int, int]


_SUBJECTS = ("nsubj", "csubj")


_DROP_FROM_MENTION = ("appos", "relcl", "acl", "punct", "parataxis", "advcl", "cc", "conj", "prep")


_CLAUSE_LINKS = ("conj", "xcomp", "advcl")


_RELATIVE = frozenset({"who", "which", "that", "whom"})


_QUOTE_MARKS = frozenset("“”«»„‟\"'‘’‹›")


@dataclass
class Candidate:
    """One attribution found before speakers are resolved (all offsets into ``doc.text``)."""

    kind: str  # direct | indirect | stance
    cue: Optional[Offsets]
    content: Optional[Offsets]
    speaker: Optional[Offsets]
    lang: str
    paragraph: int
    target: Optional[Offsets] = None
    polarity: Optional[str] = None
    lemma: str = ""
    #: Role words read off the speaker's own noun phrase ("Hikmet Hajiyev, Assistant to the President").
    speaker_role: Optional[Offsets] = None
    #: What a relative-pronoun speaker refers to ("the senator, who said ..." -> "the senator"):
    #: ``speaker`` stays the mention in the clause ("who"), this is resolved in its place.
    speaker_refers: Optional[Offsets] = None
    #: Where a cue verb coordinated with an earlier one begins ("... that A, and suggested that B"):
    #: the earlier attribution's content ends before it.
    coordination_start: Optional[int] = None
    #: The learned model (name-version) that proposed the spans; None for the rules.
    model: Optional[str] = None


def _span_of(tokens: Iterable[Any], base: int) -> Optional[Offsets]:
    toks = [t for t in tokens if not (t.is_punct and t.text not in "%$")]
    # Trim punctuation and quote marks at both edges, keep everything inside.
    if not toks:
        return None
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return base + start, base + end


def _edge_trim(tokens: list[Any]) -> list[Any]:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].text in _QUOTE_MARKS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].text in _QUOTE_MARKS):
        tokens = tokens[:-1]
    return tokens


def _subtree_offsets(token: Any, base: int, exclude: Optional[Any] = None) -> Optional[Offsets]:
    """Character span of a token's subtree, minus the subtree of ``exclude`` when it sits at an edge."""
    toks = list(token.subtree)
    if exclude is not None:
        drop = {t.i for t in exclude.subtree}
        # Only a contiguous cut is possible; keep the larger side when exclude is inside.
        first = [t for t in toks if t.i < min(drop)]
        last = [t for t in toks if t.i > max(drop)]
        toks = first if len(_edge_trim(first)) >= len(_edge_trim(last)) else last
    toks = _edge_trim(toks)
    if not toks:
        return None
    return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)


def mention_offsets(token: Any, base: int) -> Offsets:
    """The noun phrase headed by ``token``, without appositions, relative clauses or trailing PPs."""
    toks = [token]
    for child in token.children:
        if child.dep_ in _DROP_FROM_MENTION:
            # Keep "of"-PPs of a head noun ("the head of the ministry") but not others.
            if child.dep_ == "prep" and child.text.lower() == "of" and child.i > token.i:
                toks.extend(child.subtree)
            continue
        toks.extend(child.subtree)
    toks = _edge_trim(sorted(set(toks), key=lambda t: t.i))
    if not toks:
        toks = [token]
    return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)


def _appositive_role(token: Any, base: int) -> Optional[Offsets]:
    for child in token.children:
        if child.dep_ == "appos":
            span = _subtree_offsets(child, base)
            if span:
                return span
    return None


def _subject(verb: Any) -> Optional[Any]:
    """The subject of ``verb``, inherited through coordination/control ("He stressed ... and added"),
    participle clauses (", saying ...") and prepositional gerunds ("responded by saying ...")."""
    seen = 0
    v = verb
    while v is not None and seen < 5:
        for child in v.children:
            if child.dep_ in _SUBJECTS:
                if child.text.lower() in _RELATIVE and v.dep_ == "relcl":
                    return v.head
                return child
        # The small model sometimes hangs the subject on the auxiliary ("Voters are convinced").
        for aux in v.children:
            if aux.dep_ in ("aux", "auxpass") and aux.i < v.i:
                subj = next((c for c in aux.children if c.dep_ in _SUBJECTS), None)
                if subj is not None:
                    return subj
        if v.dep_ in _CLAUSE_LINKS and v.head.i != v.i:
            if v.dep_ in ("xcomp", "ccomp") and v.i > v.head.i:
                # Object control: "forced Stumpf to admit", "led the journalist to fear", "left many
                # nations feeling that ...": the one who admits or fears is the object.
                obj = next((c for c in v.head.children if c.dep_ == "dobj" and c.i < v.i
                            and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
                if obj is not None and obj.text.lower() not in ("it", "this", "that"):
                    return obj
            v = v.head
            seen += 1
            continue
        if v.dep_ == "acl" and v.tag_ == "VBG" and v.head.pos_ in ("NOUN", "PROPN", "PRON") \
                and _agentive(v.head, english()) and not v.doc[v.i - 1].is_punct:
            # (", saying ..." after an object is the clause subject's, not the object's)
            return v.head  # "footage of Hillary Clinton asking, “...”", "a tweet attacking a former Miss Universe"
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
            v = v.head.head
            seen += 1
            continue
        return None
    return None


def _past_dateline(subj: Any) -> Any:
    """"WASHINGTON -- President Obama, dedicating ..., said": the parser may take the dateline for the
    subject; the apposition after the dash is the speaker."""
    doc = subj.doc
    if subj.text.isupper() and len(subj.text) > 1 and subj.i + 1 < len(doc) and doc[subj.i + 1].text in ("--", "—", "―", "–", "-"):
        appos = next((c for c in subj.children if c.dep_ in ("appos", "conj", "npadvmod") and c.i > subj.i + 1), None)
        if appos is not None:
            return appos
    return subj


def _relative_mention(subj: Any, verb: Any) -> Optional[Any]:
    """The relative pronoun standing for ``subj`` in the clause of ``verb`` ("Cruz, who refused ..."):
    :func:`_subject` returns the antecedent; the mention in the clause is the pronoun."""
    for rel in subj.children:
        if rel.dep_ == "relcl" and (rel is verb or verb in rel.subtree):
            pron = next((c for c in rel.children if c.dep_ in _SUBJECTS and c.text.lower() in _RELATIVE), None)
            if pron is not None:
                return pron
    return None


def _speaker_fields(subj: Any, verb: Any, base: int) -> dict[str, Any]:
    """Candidate fields for a speaker token: mention span, role, and the antecedent of a relative."""
    pron = _relative_mention(subj, verb)
    if pron is not None:
        return {"speaker": (base + pron.idx, base + pron.idx + len(pron.text)),
                "speaker_refers": mention_offsets(subj, base), "speaker_role": _appositive_role(subj, base)}
    return {"speaker": mention_offsets(subj, base), "speaker_role": _appositive_role(subj, base)}


def _coordination_start(verb: Any, base: int) -> Optional[int]:
    """Offset where a coordinated cue verb's conjunct begins: its "and"/"but" (or its own left edge)."""
    if verb.dep_ != "conj" or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    cc = [c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i]
    left = min(t.i for t in verb.subtree)
    first = verb.doc[max(cc, key=lambda c: c.i).i] if cc else verb.doc[left]
    return base + first.idx


def _agent(verb: Any) -> Optional[Any]:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


#: Where and when something was said is no content of it: "added on Monday", "said in Moscow".
_SETTING_ENTITIES = ("DATE", "TIME", "GPE", "LOC", "FAC")


_PERSON_NOUNS = frozenset({"woman", "women", "man", "men", "people", "person", "mother", "father", "wife", "husband",
                           "son", "daughter", "child", "children", "family", "families", "friend", "neighbor",
                           "neighbour", "parent", "citizen", "resident", "voter", "worker", "student", "veteran",
                           "victim", "witness", "doctor", "nurse", "soldier", "officer", "lawyer", "judge",
                           "colleague", "relative", "brother", "sister", "reader", "viewer", "fan", "critic",
                           "host", "guest", "author", "writer", "editor", "reporter", "journalist", "expert",
                           "official", "leader", "chief", "head", "boss", "owner", "founder", "member"})


_PERSON_SUFFIXES = ("ist", "ists", "ian", "ians", "ologist", "ologists", "eer", "eers", "ers", "ors", "ants", "ents")


def _agentive(tok: Any, cues: EnglishCues) -> bool:
    """Whether a subject can hold a belief or say something: a person, group, outlet or report."""
    if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    low = tok.text.lower()
    if tok.pos_ == "PRON":
        return low in ("he", "she", "they", "we", "i", "you", "who", "many", "some", "others", "everyone")
    if tok.pos_ == "PROPN":
        return True
    if low in cues.agent_nouns or low in cues.role_nouns or low.rstrip("s") in cues.role_nouns:
        return True
    # Person nouns by their shape: "the woman", "voters", "a physicist", "the historian", "residents".
    return tok.pos_ == "NOUN" and (low in _PERSON_NOUNS or low.rstrip("s") in _PERSON_NOUNS
                                   or low.endswith(_PERSON_SUFFIXES) and len(low) > 5)


def _entity_span_of(token: Any) -> Optional[Any]:
    doc = token.doc
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _name_offsets(token: Any, base: int) -> Offsets:
    ent = _entity_span_of(token)
    if ent is not None:
        toks = [t for t in ent if t.dep_ != "det" and t.text.lower() != "the"] or list(ent)
        return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)
    toks = [t for t in token.lefts if t.dep_ in ("compound", "amod") and t.i >= token.i - 4]
    toks = [t for t in toks if t.tag_ in ("NNP", "NNPS") or t.dep_ == "compound"]
    first = min([token] + toks, key=lambda t: t.i)
    return base + first.idx, base + token.idx + len(token.text)


def _sentence_without(tok: Any, base: int) -> Optional[Offsets]:
    """The sentence around ``tok`` minus ``tok``'s own phrase: the larger side of it."""
    sent = tok.sent
    phrase = {t.i for t in tok.subtree}
    before = _edge_trim([t for t in sent if t.i < min(phrase)])
    after = _edge_trim([t for t in sent if t.i > max(phrase)])
    side = before if len(before) >= len(after) else after
    if not side:
        return None
    return base + side[0].idx, base + side[-1].idx + len(side[-1].text)
