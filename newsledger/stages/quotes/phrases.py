"""Quote cues that are not verbs: "according to X", claim and attitude nouns ("Trump's claim that",
"His promises to"), "in this poll", headline and transcript colons ("Pence: ...", "WALLACE: ..."),
belief adjectives ("X is convinced that").
"""
from __future__ import annotations

import re
from typing import Any

from newsledger.stages.quotes.lexicon import EnglishCues
from newsledger.stages.quotes.parse import (
    _RELATIVE,
    _SETTING_ENTITIES,
    _SUBJECTS,
    Candidate,
    _agentive,
    _appositive_role,
    _edge_trim,
    _sentence_without,
    _speaker_fields,
    _subject,
    _subtree_offsets,
    mention_offsets,
)

#: Nouns whose "that"-clause is someone's claim: "Trump's claim that ...".
_CLAIM_NOUNS = frozenset({
    "claim", "claims", "statement", "assertion", "suggestion", "argument", "warning", "promise", "allegation",
    "allegations", "belief", "view", "remarks", "comments", "insistence", "accusation", "contention", "charge",
    "admission", "announcement", "pledge", "vow", "denial", "prediction", "assurance",
})


def _claim_nouns(doc: Any, base: int, para: int) -> list[Candidate]:
    """"Trump's claim that ...": the noun is the cue, its possessor the source, its clause the content."""
    out = []
    for noun in doc:
        if noun.text.lower() not in _CLAIM_NOUNS or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp")
                       and any(m.dep_ == "mark" and m.text.lower() == "that" for m in c.children)), None)
        if clause is None:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            owner = next((g for c in noun.children if c.dep_ == "prep" and c.text.lower() in ("by", "from")
                          for g in c.children if g.dep_ == "pobj"), None)
        out.append(Candidate("indirect", (base + noun.idx, base + noun.idx + len(noun.text)),
                             _subtree_offsets(clause, base),
                             mention_offsets(owner, base) if owner is not None else None, "en", para,
                             lemma=noun.text.lower()))
    return out


#: Nouns of saying, thinking and wanting: with an owner ("His promises to ...", "North Korea's claims
#: about ...", "Obama's decision to ...") they are an attribution: owner = source, complement = content.
_ATTITUDE_NOUNS = frozenset({
    "claim", "claims", "statement", "statements", "criticism", "criticisms", "support", "opposition", "praise",
    "promise", "promises", "plan", "plans", "proposal", "proposals", "decision", "call", "calls", "demand", "demands",
    "vow", "pledge", "pledges", "warning", "warnings", "threat", "threats", "idea", "ideas", "view", "views",
    "message", "remarks", "comments", "comment", "rhetoric", "position", "positions", "stance", "argument",
    "arguments", "belief", "beliefs", "fear", "fears", "hope", "hopes", "concern", "concerns", "desire", "intention",
    "insistence", "refusal", "denial", "accusation", "accusations", "allegation", "allegations", "assertion",
    "suggestion", "prediction", "predictions", "assessment", "estimate", "estimates", "description",
    "characterization", "endorsement", "rejection", "condemnation", "complaint", "complaints", "request", "appeal",
    "offer", "commitment", "vision", "attack", "attacks", "defense", "defence", "explanation", "answer", "response",
    "reaction", "announcement", "admission", "acknowledgment", "acknowledgement", "recommendation", "suspicion",
    "suspicions", "doubts", "skepticism", "scepticism", "disdain", "contempt", "admiration", "enthusiasm", "embrace",
    "thoughts", "opinion", "opinions", "attitude",
})


#: "to" after a noun of saying names the addressee ("statements to the FBI"), so it is not here.
_ATTITUDE_PREPOSITIONS = frozenset({"of", "for", "about", "on", "against", "over", "toward", "towards"})


def _attitude_nouns(doc: Any, base: int, para: int) -> list[Candidate]:
    """"His promises to stick it to the rich", "Trump's attacks on Khan": an owned attitude noun."""
    out = []
    for noun in doc:
        if noun.text.lower() not in _ATTITUDE_NOUNS or noun.pos_ not in ("NOUN", "PROPN"):
            continue
        if any(c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.text.lower() == "that" for m in c.children)
               for c in noun.children) and noun.text.lower() in _CLAIM_NOUNS:
            continue  # read by _claim_nouns
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None:
            continue
        comp = next((c for c in noun.children if c.i > noun.i and (
            (c.dep_ == "prep" and c.text.lower() in _ATTITUDE_PREPOSITIONS
             and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in _SETTING_ENTITIES for g in c.children))
            or (c.dep_ in ("acl", "relcl", "ccomp") and any(a.dep_ == "aux" and a.text.lower() == "to"
                                                            for a in c.children)))), None)
        if comp is None:
            continue
        content = _subtree_offsets(comp, base)
        if comp.dep_ == "prep":
            obj = [t for t in comp.subtree if t.i > comp.i]
            toks = _edge_trim(obj)
            content = (base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)) if toks else None
        if content is None:
            continue
        fields = _speaker_fields(owner, noun, base)
        out.append(Candidate("indirect", (base + noun.idx, base + noun.idx + len(noun.text)), content,
                             fields.pop("speaker"), "en", para, lemma=noun.text.lower(), **fields))
    return out


#: What a source said things in: "according to a speech Mrs. Clinton delivered" names Mrs. Clinton.
_SPEECH_EVENT_NOUNS = frozenset({"speech", "statement", "interview", "remarks", "letter", "testimony", "post",
                                 "tweet", "memo", "email", "e-mail", "op-ed", "article", "book", "account"})


def _according(doc: Any, base: int, para: int) -> list[Candidate]:
    out = []
    for tok in doc:
        if tok.text.lower() != "according":
            continue
        prep = next((c for c in tok.children if c.text.lower() == "to"), None)
        if prep is None:
            continue
        src = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if src is not None and src.text.lower() in _SPEECH_EVENT_NOUNS:
            # "according to a speech Mrs. Clinton delivered", "according to his statement": whose it is.
            owner = next((c for c in src.children if c.dep_ == "poss"), None)
            if owner is None:
                rel = next((c for c in src.children if c.dep_ == "relcl"), None)
                owner = next((c for c in rel.children if c.dep_ in _SUBJECTS), None) if rel is not None else None
            if owner is not None and owner.text.lower() not in _RELATIVE:
                src = owner
        if src is not None:
            speaker = mention_offsets(src, base)
        else:
            # "according to show insiders" parsed as a clause: the words after "to" are the source.
            rest = _edge_trim([t for t in prep.subtree if t.i > prep.i])
            if not rest or len(rest) > 8:
                continue
            speaker = (base + rest[0].idx, base + rest[-1].idx + len(rest[-1].text))
        head = tok.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.i == tok.i or tok not in head.subtree:
            content = _sentence_without(tok, base)
        else:
            content = _subtree_offsets(head, base, exclude=tok)
        cue_end = prep.idx + len(prep.text)
        out.append(Candidate("indirect", (base + tok.idx, base + cue_end), content, speaker,
                             "en", para, lemma="according to",
                             speaker_role=_appositive_role(src, base) if src is not None else None))
    return out


#: "In this poll, Trump rose ...", "in his eyes", "in X's view": a phrase naming whose reading a clause is.
_IN_SOURCE_NOUNS = frozenset({"poll", "polls", "survey", "surveys", "study", "studies", "report", "reports",
                              "analysis", "estimate", "estimates", "projection", "projections", "forecast"})


_IN_VIEW_NOUNS = frozenset({"view", "eyes", "opinion", "judgment", "judgement", "estimation", "words", "mind",
                            "telling", "account", "assessment"})


def _in_source(doc: Any, base: int, para: int) -> list[Candidate]:
    """"In this poll, Trump rose a point", "Only European immigrants are safe in his eyes"."""
    out = []
    for prep in doc:
        if prep.text.lower() != "in" or prep.dep_ != "prep":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        low = obj.text.lower()
        if low in _IN_VIEW_NOUNS:
            src = next((c for c in obj.children if c.dep_ == "poss"), None)
        elif low in _IN_SOURCE_NOUNS:
            src = obj
        else:
            continue
        head = prep.head
        if src is None or head.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        while head.pos_ == "ADJ" and head.head.i != head.i:
            head = head.head
        content = _subtree_offsets(head, base, exclude=prep)
        if content is None:
            continue
        fields = _speaker_fields(src, head, base) if src is not obj else {"speaker": mention_offsets(src, base)}
        out.append(Candidate("indirect", (base + prep.idx, base + obj.idx + len(obj.text)), content,
                             fields.pop("speaker"), "en", para, lemma="in " + low, **fields))
    return out


#: "Pence: Flowers Won't Be at Debate" (a headline's speaker before a colon); capitalised words only.
_HEADLINE_SPEAKER = re.compile(r"^[\"“‘']?([A-Z][\w.'’&-]*(?:[ \u00a0]+(?:[A-Z][\w.'’&-]*|of|the|de|van|von|al)){0,5})"
                               r"[ \u00a0]*:[ \u00a0]+(?=\S)")


#: Labels that head a line without speaking: "UPDATE: ...", "Photo: ...".
_HEADLINE_LABELS = frozenset({
    "update", "updated", "breaking", "watch", "video", "photo", "photos", "exclusive", "abstract", "live",
    "opinion", "analysis", "editorial", "note", "editor's note", "editor’s note", "read more", "related",
    "source", "sources", "credit", "image", "listen", "audio", "read", "see also", "correction", "q", "a",
    "transcript", "summary", "background", "warning", "live updates", "factbox", "explainer", "timeline",
    "clarification", "the latest", "latest", "disclosure", "disclaimer", "programming note",
})


#: Longest paragraph read as a headline.
_HEADLINE_MAX = 200


def _headline_colon(text: str, base: int, para: int) -> list[Candidate]:
    """A short, title-like paragraph "Name: claim" is the named speaker's claim."""
    m = _HEADLINE_SPEAKER.match(text)
    if m is None or m.group(1).lower() in _HEADLINE_LABELS or m.group(1).split()[0].lower() in ("said", "says"):
        return []
    # A transcript's speaker label ("WALLACE: ...", "PENCE: ...") heads a turn of any length;
    # a mixed-case "Name: claim" is read only in a short, title-like paragraph.
    label = m.group(1).isupper() and len(m.group(1).split()) <= 3 and len(m.group(1)) > 1
    if not label and (len(text) > _HEADLINE_MAX or "\n" in text):
        return []
    colon = text.index(":", m.end(1))
    content_start = m.end()
    content_end = len(text.rstrip(" .\u00a0"))
    if content_end - content_start < 10:
        return []
    return [Candidate("indirect", (base + colon, base + colon + 1), (base + content_start, base + content_end),
                      (base + m.start(1), base + m.end(1)), "en", para, lemma=":")]


def _belief_adjectives(pdoc: Any, base: int, para: int, cues: EnglishCues) -> list[Candidate]:
    """"X is convinced that ...", "they are worried about ...": the adjective is the cue."""
    out = []
    for adj in pdoc:
        if adj.text.lower() not in cues.belief_adjectives or adj.dep_ not in ("acomp", "ROOT", "xcomp"):
            continue
        clause = next((c for c in adj.children if c.dep_ in ("ccomp", "xcomp") and c.i > adj.i), None)
        if clause is not None:
            content = _subtree_offsets(clause, base)
        else:
            prep = next((c for c in adj.children if c.dep_ == "prep" and c.i > adj.i
                         and c.text.lower() in ("about", "of", "that", "with")), None)
            content = _subtree_offsets(prep, base) if prep is not None else None
        if content is None:
            continue
        copula = adj.head if adj.dep_ in ("acomp", "xcomp") else adj
        subj = _subject(copula) or next((c for c in copula.children if c.dep_ == "nsubjpass"), None)
        if subj is None or not _agentive(subj, cues):
            continue
        fields = _speaker_fields(subj, copula, base)
        out.append(Candidate("indirect", (base + adj.idx, base + adj.idx + len(adj.text)), content,
                             fields.pop("speaker"), "en", para, lemma=adj.text.lower(), **fields))
    return out
