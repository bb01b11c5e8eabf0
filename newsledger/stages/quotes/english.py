"""Reported speech and stance acts in English, read from spaCy dependency parses.

A cue verb (a lemma of the cue lexicon) gives the source (its ``nsubj``, or the ``agent``
of a passive, or the subject inherited from the verb it is coordinated with) and the
content (its ``ccomp``/``xcomp`` clause, or the clause it is attached to when it trails:
"..., sources said."; a passive's subject: "X was endorsed by Y"). Stance verbs (blame, thank,
urge...) give a target (the object, or the entity behind a proxy noun: "the support provided
by NAM" -> NAM) and a polarity. Cues that are not verbs ("according to X", "Trump's claim
that", "Pence: ...") are read by :mod:`newsledger.stages.quotes.phrases`; the parse helpers shared by
both live in :mod:`newsledger.stages.quotes.parse`.

All offsets returned are document offsets: ``base`` (the paragraph start) plus the
token's character offset in the paragraph parse.
"""
from __future__ import annotations

from typing import Any, Optional

from newsledger.stages.quotes.lexicon import EnglishCues, english
from newsledger.stages.quotes.parse import (
    _QUOTE_MARKS,
    _RELATIVE,
    _SETTING_ENTITIES,
    _SUBJECTS,
    Candidate,
    Offsets,
    _agent,
    _agentive,
    _coordination_start,
    _edge_trim,
    _entity_span_of,
    _name_offsets,
    _past_dateline,
    _span_of,
    _speaker_fields,
    _subject,
    _subtree_offsets,
    mention_offsets,
)
from newsledger.stages.quotes.phrases import (
    _according,
    _attitude_nouns,
    _belief_adjectives,
    _claim_nouns,
    _headline_colon,
    _in_source,
)

__all__ = ["Candidate", "extract_english", "mention_offsets"]


_DIRECT_OBJECT_CONTENT = frozenset({
    "deny", "confirm", "announce", "reveal", "acknowledge", "admit", "claim", "predict", "promise",
    "pledge", "vow", "allege", "disclose", "report", "threaten", "reiterate", "concede", "cite", "call",
    "tweet", "mention", "question", "demand",
})


def _phrasal(verb: Any, table: dict[str, frozenset[str]], lemma: str) -> Optional[tuple[str, Optional[Any]]]:
    """(lexicon entry, particle token) when ``verb`` matches an entry of ``table``."""
    particles = table.get(lemma)
    if not particles:
        return None
    for child in verb.children:
        if child.dep_ in ("prt", "prep") and child.text.lower() in particles and child.i > verb.i:
            return f"{lemma} {child.text.lower()}", child
    if "" in particles:
        return lemma, None
    return None


def _cue_offsets(verb: Any, particle: Optional[Any], base: int) -> Offsets:
    """The verb, with its particle when it follows closely ("pointed out", "called on")."""
    end_tok = verb
    if particle is not None and 0 < particle.i - verb.i <= 2:
        end_tok = particle
    return base + verb.idx, base + end_tok.idx + len(end_tok.text)


#: Verbs whose direct object is the addressee, not what was said ("told reporters").
_ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "ask", "urge", "warn", "remind", "convince", "persuade",
                              "encourage", "thank", "brief", "caution", "answer"})


#: Verbs whose object is an ordinary object ("observing the ceasefire"), not a claim.
_NO_OBJECT_CONTENT = frozenset({"observe", "speak", "talk", "answer", "respond", "reply", "post",
                                # perception and discovery: "found a way", "saw the tweet" are no claims
                                "find", "see", "learn", "discover"})


#: Pronoun objects that stand for something said ("He cited it", "I believe this").
_CONTENT_PRONOUNS = frozenset({"it", "this", "that", "these", "those", "nothing", "something", "everything",
                               "anything", "so"})


#: Verbs that set their object against another: "likened RT to the BBC", "compared him to Nixon".
_COMPARISON_VERBS = frozenset({"liken", "compare", "equate", "link", "tie", "connect"})


def _AS_COMPLEMENT(verb: Any, obj: Any) -> bool:
    """"described Clinton as a disgrace", "called Oz a quack", "likened RT to the BBC": the object has a
    predicate after it."""
    compare = verb.text.lower().startswith(("liken", "compar", "equat", "link", "tie", "tied", "connect"))
    return any((c.dep_ == "prep" and (c.text.lower() == "as" or compare and c.text.lower() in ("to", "with"))
                or c.dep_ == "oprd") and c.i > obj.i for c in verb.children)


#: Verbs whose "with"-phrase is the position taken: "agreed with Matthews", "sided with the rebels".
_WITH_CONTENT = frozenset({"agree", "disagree", "concur", "side", "argue", "quarrel", "clash", "spar"})


#: The medium something was said in: "added on his show", "wrote in a statement".
_MEDIUM_NOUNS = frozenset({"show", "program", "programme", "podcast", "radio", "television", "tv", "twitter",
                           "facebook", "instagram", "interview", "statement", "speech", "letter", "email", "e-mail",
                           "post", "tweet", "blog", "website", "broadcast", "call", "conference", "briefing",
                           "hearing", "rally", "video", "camera", "air", "record", "phone", "stage"})


def _content_clause(verb: Any, cues: EnglishCues, lemma: str, base: int,
                    particle: Optional[Any] = None) -> Optional[Offsets]:
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if not comps:
        comps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
    if comps:
        after = [c for c in comps if c.i > verb.i]
        # "Although X admitted ..., Ham also noted that ...": with clauses on both sides, the one after
        # the cue is what it reports; the one before is usually a misattached clause of its own.
        pool = after if after and len(after) < len(comps) else comps
        best = max(pool, key=lambda c: len(list(c.subtree)))
        if not (best.tag_ == "WP" and best.i < verb.i):  # "That was what X said": no clause here
            if len(after) > 1 and pool is comps and all(c.i > verb.i for c in pool):
                # "said that the agreements reached on 10 October had to be carried out": the parser
                # cut one clause in two; the content runs from the first piece to the last.
                first = _subtree_offsets(min(pool, key=lambda c: c.i), base)
                last = _subtree_offsets(max(pool, key=lambda c: c.i), base)
                if first and last:
                    return first[0], last[1]
            return _subtree_offsets(best, base)
    if verb.dep_ in ("parataxis", "advcl") and verb.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_ in ("cc", "mark", "ccomp", "dobj", "xcomp") for c in verb.children):
        # "The plan is a disaster, he said" / "That is why, he argued, the party ...": the parser
        # hung the cue on the content clause; the content is that clause without the cue.
        if verb.head.i < verb.i or _parenthetical(verb):
            return _subtree_offsets(verb.head, base, exclude=verb)
    if particle is not None and particle.dep_ == "prep":
        obj = next((c for c in particle.children if c.dep_ in ("pobj", "pcomp")), None)
        if obj is not None and obj.ent_type_ not in _SETTING_ENTITIES:  # "weighed in Friday"
            return _subtree_offsets(obj, base)
    objs = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    if (lemma in _DIRECT_OBJECT_CONTENT or lemma in cues.weak or lemma not in _ADDRESSEE_VERBS | _NO_OBJECT_CONTENT) \
            and (lemma not in _NO_OBJECT_CONTENT or any(_AS_COMPLEMENT(verb, o) for o in objs)):
        if objs and (len(objs) > 1 or lemma != "call"):
            if len(objs) > 1:
                toks = _edge_trim(sorted([t for o in objs for t in o.subtree], key=lambda t: t.i))
                if toks:
                    return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)
            obj = objs[0]
            if (obj.pos_ != "PRON" or _AS_COMPLEMENT(verb, obj) or obj.text.lower() in _CONTENT_PRONOUNS) \
                    and (len(list(obj.subtree)) >= 2 or obj.pos_ == "PROPN" or _AS_COMPLEMENT(verb, obj)
                         or obj.text.lower() in _CONTENT_PRONOUNS) and obj.i > verb.i:
                # "described Clinton as a disgrace": the "as"-complement belongs to the content.
                compare = lemma in _COMPARISON_VERBS
                extra = [t for c in verb.children if (c.dep_ == "prep" and (c.text.lower() == "as" or compare
                                                                            and c.text.lower() in ("to", "with"))
                                                      or c.dep_ == "oprd") and c.i > obj.i
                         for t in c.subtree]
                toks = _edge_trim(sorted(list(obj.subtree) + extra, key=lambda t: t.i))
                if toks:
                    return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)
    if lemma in _ADDRESSEE_VERBS and objs:
        # "told supporters to go and vote": the clause after the addressee.
        clause = next((c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.i > verb.i
                       and any(a.dep_ == "aux" and a.text.lower() == "to" for a in c.children)), None)
        if clause is not None:
            return _subtree_offsets(clause, base)
    if not objs:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i
                     and c.text.lower() in cues.content_prepositions
                     and any(g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in _SETTING_ENTITIES
                             and g.text.lower() not in _MEDIUM_NOUNS and g.text.lower() not in cues.media_words
                             for g in c.children)),
                    None)
        if prep is not None and prep.text.lower() == "with" and lemma not in _WITH_CONTENT:
            prep = None  # "responded with logic", "pointed out with a side-by-side": the manner, not the claim
        if prep is not None and lemma not in ("say", "speak", "tell", "write", "report", "post", "tweet") \
                and not (prep.text.lower() == "to" and lemma in cues.speech and lemma not in cues.cognition):
            # "shouted to the crowd", "wrote to the board": "to" names the addressee after a speech verb.
            # "called for more investment", "complained about his mic", "agreed with Matthews".
            return _subtree_offsets(prep, base)
    return None


#: Verbs whose agentless passive reports an act ("a ceasefire was declared"), not what someone holds.
_PERFORMATIVE = frozenset({"declare", "announce", "proclaim", "issue", "release", "unveil", "publish", "sign",
                           "pledge", "promise", "offer", "plan", "propose",
                           # senses of law and ritual: "has been charged with a crime", "were admitted to the
                           # country", "the holiday is observed"
                           "charge", "admit", "observe"})


#: Complements of a passive cue that belong to what was said: "is expected to come", "was rated as
#: mostly true", "was accused of using ...".
_PASSIVE_COMPLEMENTS = ("xcomp", "oprd", "ccomp", "acomp")


def _passive_content(verb: Any, cues: EnglishCues, base: int) -> Optional[Offsets]:
    """"X was endorsed by Y" / "X is expected to ..." / "X was accused of ...": the passive subject,
    with the complement that completes it, is what the (possibly unnamed) source said."""
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.text.lower() in _RELATIVE or subj.tag_ in ("WP", "WDT") or subj.text.lower() == "it":
        return None  # "It was reported by Reuters that ...": the clause is the content, not "it"
    toks = list(subj.subtree)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    for child in verb.children:
        if child.i < verb.i or (agent is not None and child.i > agent.i):
            continue  # the content stops at "by X": X is the source
        if child.dep_ in _PASSIVE_COMPLEMENTS or (
                child.dep_ == "prep" and child.text.lower() in cues.content_prepositions | {"as"}
                and child.text.lower() != "to"
                and not any(g.ent_type_ in _SETTING_ENTITIES for g in child.children if g.dep_ == "pobj")):
            toks.extend(child.subtree)
    toks = _edge_trim(sorted(set(toks), key=lambda t: t.i))
    if not toks:
        return None
    return base + toks[0].idx, base + toks[-1].idx + len(toks[-1].text)


def _is_clause(verb: Any, content: Optional[Offsets], base: int) -> bool:
    """Whether ``content`` is a clause of ``verb`` (ccomp/xcomp or the clause a trailing cue hangs on)."""
    if content is None:
        return False
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") and content[0] <= base + child.idx < content[1]:
            return True
    return verb.dep_ in ("parataxis", "advcl") and content[0] <= base + verb.head.idx < content[1]


def _parenthetical(verb: Any) -> bool:
    """", he said, " inside the clause it reports: commas on both sides."""
    toks = sorted(verb.subtree, key=lambda t: t.i)
    doc = verb.doc
    before = doc[toks[0].i - 1] if toks[0].i > 0 else None
    after = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
    inside_comma = toks[-1].text in ",—–" or toks[0].text in ",—–"
    return inside_comma or (before is not None and before.text in ",—–" and after is not None and after.text in ",—–")


def _target_of(obj: Any, cues: EnglishCues, base: int) -> Offsets:
    """The entity a stance is about: the object, or who stands behind a proxy noun."""
    if obj.text.lower() in cues.proxy_nouns:
        for tok in obj.subtree:
            if tok.i == obj.i:
                continue
            if tok.dep_ in ("poss", "pobj") and (tok.ent_type_ or tok.tag_ in ("NNP", "NNPS")):
                if tok.dep_ == "pobj" and tok.head.text.lower() not in ("by", "of", "from"):
                    continue
                return _name_offsets(tok, base)
    return _name_offsets(obj, base)


_NOT_STANCE_CONTENT = frozenset({"advcl", "conj", "cc", "punct", "parataxis", "npadvmod"})


def _stance(verb: Any, lemma: str, cues: EnglishCues, base: int, para: int) -> Optional[Candidate]:
    match = _phrasal(verb, cues.stance_phrasal, lemma)
    if match is None:
        return None
    entry, particle = match
    polarity = cues.stance.get(entry)
    if polarity is None:
        return None
    if verb.dep_ in ("amod", "acl", "pcomp", "relcl") and verb.tag_ in ("VBG", "VBN"):
        return None  # "for backing Baku's position": an act inside another clause, subject unsaid
    subj = _subject(verb)
    if subj is None or subj.dep_ == "expl":
        return None
    obj = None
    if particle is not None and particle.dep_ == "prep":
        obj = next((c for c in particle.children if c.dep_ == "pobj"), None)
    if obj is None:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if obj is None or obj.pos_ == "PRON" and obj.text.lower() in ("it", "this", "that"):
        return None
    target = _target_of(obj, cues, base)
    edge = particle.i if particle is not None and particle.i > verb.i else verb.i
    # What the act is about: the object and its complements, not a participle or clause of its own
    # ("attacked Clinton for her support of the war, saying, “She's trigger-happy”").
    after = sorted({t for c in verb.children if c.i > edge and c.dep_ not in _NOT_STANCE_CONTENT for t in c.subtree}
                   | ({t for t in particle.subtree if t.i > particle.i} if particle is not None and particle.i > verb.i
                      else set()), key=lambda t: t.i)
    content = _span_of(_edge_trim(after), base) if after else None
    fields = _speaker_fields(subj, verb, base)
    return Candidate("stance", _cue_offsets(verb, particle, base), content, fields.pop("speaker"),
                     "en", para, target=target, polarity=polarity, lemma=entry,
                     coordination_start=_coordination_start(verb, base), **fields)


def extract_english(pdoc: Any, base: int, para: int, cues: Optional[EnglishCues] = None) -> list[Candidate]:
    """Reported speech, stance acts and bare cues in one parsed paragraph.

    Cue verbs with a speaker but no content clause ("Smith said:") come out with
    ``content=None``: the direct-quote pass may attach a quotation to them.
    """
    cues = cues or english()
    out: list[Candidate] = (_according(pdoc, base, para) + _claim_nouns(pdoc, base, para)
                            + _headline_colon(pdoc.text, base, para) + _attitude_nouns(pdoc, base, para)
                            + _in_source(pdoc, base, para))
    for verb in pdoc:
        if verb.pos_ not in ("VERB", "AUX") and not verb.tag_.startswith("VB"):
            continue
        lemma = cues.lemma(verb.text, verb.lemma_)
        if lemma is None and verb.text.lower() in ("put", "puts", "putting"):
            put = _as_x_put_it(verb, base, para)
            if put is not None:
                out.append(put)
            continue
        if lemma is None:
            generic = _that_clause_act(verb, cues, base, para)
            if generic is not None:
                out.append(generic)
            continue
        if verb.dep_ in ("amod", "compound"):
            if verb.i == verb.sent.start and lemma in ("say", "tell", "add", "write"):
                # "Said Ellis: “...”": the parser reads the inverted cue as part of a name.
                name = _name_after(verb)
                if name is not None:
                    first = verb.doc[verb.i + 1]
                    out.append(Candidate("indirect", (base + verb.idx, base + verb.idx + len(verb.text)), None,
                                         (base + first.idx, base + name.idx + len(name.text)), "en", para,
                                         lemma=lemma))
            continue
        stance = _stance(verb, lemma, cues, base, para)
        content = None
        speech = _phrasal(verb, cues.speech, lemma)
        if speech is not None and speech[0] not in cues.quote_only:
            content = _content_clause(verb, cues, lemma, base, speech[1])
        if stance is not None and (content is None or lemma in ("accuse", "blame", "urge", "call", "demand")):
            if content is not None and lemma in ("urge", "call", "demand"):
                stance.content = content
            out.append(stance)
            continue
        passive_content = _passive_content(verb, cues, base) if speech is None or speech[0] not in cues.quote_only \
            else None
        if speech is None:
            if passive_content is None or lemma not in cues.stance:
                continue
            speech = (lemma, None)  # "was endorsed by dozens of papers", "has been criticized for ..."
        entry, particle = speech
        passive = passive_content is not None
        if passive:
            # The passive subject is what the act is about: "Mr. Quiros was accused of using ...".
            content = passive_content
        # A weak cue with nothing after it ("a narrator asks", "she wrote") stays a bare cue: it attributes
        # only a quotation next to it, never a clause of its own.
        subj = _subject(verb)
        if subj is not None:
            subj = _past_dateline(subj)
        speaker_tok = subj
        if subj is None or subj.dep_ == "expl" or (subj.text.lower() == "it" and verb.tag_ == "VBN"):
            speaker_tok = _agent(verb)
        if not passive and (speaker_tok is None or _inside_quotation(speaker_tok, verb)):
            # No subject, or the parser took a word of the quotation for it ('“... it will,” said James
            # Acton'): a verb-first cue names its speaker right after it.
            speaker_tok = _name_after(verb) or speaker_tok
        if speaker_tok is not None and speaker_tok.i < verb.i and not _agentive(speaker_tok, cues):
            speaker_tok = _person_before(speaker_tok, verb) or speaker_tok
        if speaker_tok is None and content is None:
            continue
        if verb.dep_ in ("acl", "relcl", "pcomp") and verb.tag_ in ("VBG", "VBN") and speaker_tok is None:
            continue
        if speaker_tok is None and passive and lemma in _PERFORMATIVE:
            continue  # "The ceasefire was declared", "a curfew was announced": an act, not a claim, with no one named
        if speaker_tok is None and not passive and (lemma in cues.weak or not _is_clause(verb, content, base)):
            continue  # "the ceasefire was declared for humanitarian purposes": no one, and no claim
        if _hypothetical(verb, speaker_tok, lemma, cues):
            continue  # "Do you know where ...?", "Now tell us this isn't ...!": asked or ordered, not held
        if lemma in cues.cognition and speaker_tok is not None and not _agentive(speaker_tok, cues):
            continue  # "That worries investors", "the plan calls for ...": no one holds this view
        if content is not None and speaker_tok is not None and content[0] <= base + speaker_tok.idx < content[1]:
            continue  # the speaker sits inside the content: a parse gone wrong
        fields: dict[str, Any] = _speaker_fields(speaker_tok, verb, base) if speaker_tok is not None else {"speaker": None}
        kind = "indirect"
        polarity = cues.stance.get(lemma) if passive else None
        if polarity is not None and speaker_tok is not None:
            # "Clinton was endorsed by The Dallas Morning News": a stance of the agent toward the subject.
            subjpass = next(c for c in verb.children if c.dep_ == "nsubjpass")
            kind = "stance"
            fields["target"] = _target_of(subjpass, cues, base)
            fields["polarity"] = polarity
        out.append(Candidate(kind, _cue_offsets(verb, particle, base), content, fields.pop("speaker"),
                             "en", para, lemma=entry, coordination_start=_coordination_start(verb, base),
                             **fields))
    out.extend(_belief_adjectives(pdoc, base, para, cues))
    return out


#: Verbs that take a "that"-clause without reporting anyone's words or views.
_NOT_ATTITUDE = frozenset({"be", "is", "was", "are", "were", "been", "mean", "means", "meant", "ensure", "ensures",
                           "ensured", "make", "makes", "made", "require", "requires", "required", "seem", "seems",
                           "seemed", "appear", "appears", "appeared", "happen", "happens", "happened", "so",
                           "provide", "provides", "provided", "given", "order", "ordered", "rule", "ruled"})


#: How far after a verb-first cue its speaker may be named ("said in a phone interview Rep. X").
_NAME_AFTER_TOKENS = 8


def _person_before(subj: Any, verb: Any) -> Optional[Any]:
    """A person named between a non-agentive parsed subject and its cue verb: "With 50 days until the
    election, Minyon Moore, a senior adviser, called ..." (the parser took "the election")."""
    doc = verb.doc
    for tok in reversed(doc[subj.i + 1:verb.i]):
        if tok.text in _QUOTE_MARKS:
            return None
        if tok.ent_type_ == "PERSON":
            ent = _entity_span_of(tok)
            return doc[ent.end - 1] if ent is not None else tok
    return None


def _inside_quotation(tok: Any, verb: Any) -> bool:
    """Whether ``tok`` stands before ``verb`` with a quotation mark between them (inside the quote)."""
    return tok.i < verb.i and any(t.text in _QUOTE_MARKS for t in tok.doc[tok.i + 1:verb.i])


def _name_after(verb: Any) -> Optional[Any]:
    """The named speaker after a verb-first cue the parser left without subject: '“...,” said in a
    phone interview Rep. Elijah Cummings', 'Said Ellis: “...”'."""
    doc = verb.doc
    before = [t for t in doc[max(verb.sent.start, verb.i - 2):verb.i]]
    after_quote = any(t.text in _QUOTE_MARKS for t in before)
    if not after_quote and verb.i != verb.sent.start:
        return None  # only '“...,” said X' and 'Said X: “...”'
    end = min(len(doc), verb.i + 1 + _NAME_AFTER_TOKENS, verb.sent.end)
    for tok in doc[verb.i + 1:end]:
        if tok.text in _QUOTE_MARKS or tok.text in (".", "!", "?", ";", ":") and tok.i > verb.i + 1:
            return None
        if tok.ent_type_ in ("PERSON", "ORG", "NORP") or (tok.pos_ == "PROPN" and tok.text[:1].isupper()):
            ent = _entity_span_of(tok)
            return doc[ent.end - 1] if ent is not None else tok
    return None


def _as_x_put_it(verb: Any, base: int, para: int) -> Optional[Candidate]:
    """"As Ms. Simonyan put it, RT is ...", "..., as The New Yorker put it, “the operator.”": the clause
    the "as"-phrase hangs on is what was said (a quotation next to it is attached later)."""
    it = next((c for c in verb.children if c.dep_ == "dobj" and c.text.lower() == "it"), None)
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.text.lower() == "as"), None)
    subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
    if it is None or mark is None or subj is None:
        return None
    content = None
    if verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX"):
        content = _subtree_offsets(verb.head, base, exclude=verb)
    fields = _speaker_fields(subj, verb, base)
    return Candidate("indirect", (base + verb.idx, base + it.idx + len(it.text)), content, fields.pop("speaker"),
                     "en", para, lemma="put it", **fields)


def _hypothetical(verb: Any, speaker: Optional[Any], lemma: str = "", cues: Optional[EnglishCues] = None) -> bool:
    """A question put to "you", an order, "let's say", a "you know" aside, a generic "you can see":
    nobody holds the content."""
    sent = verb.sent
    who = speaker.text.lower() if speaker is not None else ""
    if who == "you" and sent.text.rstrip().endswith("?"):
        return True
    if who in ("'s", "’s", "us") and speaker is not None and speaker.head.text.lower() == "let":
        return True  # "Let's say you think ..."
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if who in ("you", "i") and lemma in ("know", "see", "mean", "guess") and nxt is not None and nxt.text in ",—–":
        return True  # "And, you know, I don't think ...": a discourse marker
    if who == "you" and cues is not None and lemma in cues.cognition:
        return True  # "you can see why ...", "you don't want to ...": generic "you"
    return speaker is None and verb.dep_ == "ROOT" and verb.tag_ == "VB" \
        and not any(c.dep_ in ("aux", "auxpass", "nsubjpass") for c in verb.children)


def _that_clause_act(verb: Any, cues: EnglishCues, base: int, para: int) -> Optional[Candidate]:
    """A verb outside the lexicon with a person-like subject and a "that"-clause ("Clinton has made
    the case that ...", "Trump insinuates that ..."): a verb taking a that-clause reports a claim or a view."""
    if verb.text.lower() in _NOT_ATTITUDE or verb.dep_ in ("amod", "compound", "aux", "auxpass"):
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
                   and any(m.dep_ == "mark" and m.text.lower() == "that" for m in c.children)), None)
    if clause is None:
        return None
    subj = _subject(verb)
    if subj is None or subj.dep_ == "expl" or not _agentive(subj, cues):
        return None
    fields = _speaker_fields(subj, verb, base)
    return Candidate("indirect", (base + verb.idx, base + verb.idx + len(verb.text)), _subtree_offsets(clause, base),
                     fields.pop("speaker"), "en", para, lemma=verb.text.lower(), **fields)
