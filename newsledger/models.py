"""The one data model that flows through every stage.

A :class:`Document` holds the text and everything found in it. Every item that points
into the text is a :class:`TextSpan`: it carries ``start``/``end`` character offsets and the
``text`` it covers, and ``doc.text[start:end] == item.text`` always holds (see :func:`check_spans`).
Items refer to each other by id, never by list index (``Event.quotes`` holds ``Quote.id``s), so
removing an item (:meth:`Document.drop_items_in`) never makes another point at the wrong one.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import lru_cache
from typing import Any, Callable, Iterable, Iterator, Optional, Type, TypeVar, get_type_hints

from newsledger.lang import UNDETERMINED

T = TypeVar("T")

#: Version of the JSON a Document serialises to (``"schema_version"`` in :meth:`Document.to_dict`).
#: 2: ``Quote.id``; ``Event.quotes`` holds quote ids instead of list indices.
SCHEMA_VERSION = 2



Converter = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


@lru_cache(maxsize=None)
def _converter(hint: Any) -> Converter:
    """The function that reads a JSON value of type ``hint``: built once per type, not per object (``_coerce``'s rules)."""
    origin = getattr(hint, "__origin__", None)
    args = getattr(hint, "__args__", ())
    if origin is list and args:
        item = _converter(args[0])
        if item is _same:
            return lambda value: None if value is None else list(value)
        return lambda value: None if value is None else [item(v) for v in value]
    if origin is not None and type(None) in args:  # Optional[X]
        return _converter([a for a in args if a is not type(None)][0])
    if isinstance(hint, type) and is_dataclass(hint):
        cls = hint
        return lambda value: _from_dict(cls, value) if isinstance(value, dict) else value
    return _same


@lru_cache(maxsize=None)
def _field_converters(cls: type) -> tuple[tuple[str, Converter], ...]:
    """(name, converter) of each field of a dataclass: type hints resolved once per class."""
    hints = get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in fields(cls))


def _from_dict(cls: Type[T], data: Any) -> T:
    """Build a dataclass (recursively) from the dict produced by ``asdict``."""
    if data is None or not is_dataclass(cls):
        return data
    kwargs: dict[str, Any] = {}
    for name, convert in _field_converters(cls):
        if name in data:
            kwargs[name] = convert(data[name])
    return cls(**kwargs)


def _coerce(hint: Any, value: Any) -> Any:
    """``value`` read as type ``hint`` (lists, Optional and nested dataclasses are built)."""
    return _converter(hint)(value)


class Serializable:
    """Mixin: ``to_dict`` / ``from_dict`` for plain JSON round-trips."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls: Type[T], data: dict[str, Any]) -> T:
        return _from_dict(cls, data)


class TextSpan:
    """The one shape of everything that points into the text: ``start``, ``end``, ``text``.

    Concrete items are dataclasses that subclass :class:`Span` (same leading fields) or, where
    their field order is part of the JSON and constructor (``Target``, ``Figure``), declare the
    three fields themselves; consumers test ``isinstance(item, TextSpan)`` and treat all alike.
    """

    start: int
    end: int
    text: str

    @property
    def offsets(self) -> tuple[int, int]:
        return (self.start, self.end)

    def starts_in(self, ranges: "Iterable[tuple[int, int]]") -> bool:
        """Whether the item starts inside one of the half-open ``(start, end)`` ranges."""
        return any(a <= self.start < b for a, b in ranges)


@dataclass
class Span(TextSpan, Serializable):
    """A stretch of the document text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass
class Published(Serializable):
    """A document's own date. ``value`` is ISO (``2020-10-15``, ``--10-15`` with no year)."""

    value: Optional[str] = None
    precision: str = "unknown"
    basis: Optional[str] = None


@dataclass
class Sentence(Span):
    """One sentence of a paragraph; written once, by the entities stage, read by every later stage."""

    paragraph: int = 0
    lang: str = UNDETERMINED


@dataclass
class Paragraph(Span):
    lang: str = UNDETERMINED
    lang_score: float = 0.0
    kind: str = "body"
    #: Languages of runs inside a paragraph that mixes languages: [{start, end, text, lang, lang_score}].
    segments: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Entity(Span):
    label: str
    canonical: str
    lang: str = UNDETERMINED
    source: str = "model"  # model | gazetteer | rule


#: Entity labels of who can act or hold a view: a person, a group, an organisation, a country.
ACTOR_LABELS = frozenset({"PERSON", "PER", "ORG", "GPE", "NORP"})
#: Entity labels of where something happens: a town or country, a region, a building.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass
class DateMention(Span):
    """A date in the text. ``value`` is ISO 8601; ``--MM-DD`` when only day and month are known."""

    value: Optional[str]
    precision: str
    basis: str


@dataclass
class Speaker(Serializable):
    name: str
    canonical: Optional[str] = None
    role: Optional[str] = None
    resolved: bool = False


@dataclass
class Target(TextSpan, Serializable):
    """Whom a stance act is about (``name`` first: the field order is the JSON's)."""

    name: str
    start: int
    end: int
    text: str


@dataclass
class Quote(Serializable):
    """Who said what: ``kind`` is direct, indirect or stance; ``id`` ("q1", "q2", ...) is given when made.

    The id never changes once given (dropping a quote does not renumber the others): events
    refer to quotes by it.
    """

    kind: str
    speaker: Optional[Speaker]
    speaker_span: Optional[Span]
    cue: Optional[Span]
    content: Optional[Span]
    target: Optional[Target] = None
    polarity: Optional[str] = None  # negative | positive | demand (stance acts only)
    lang: str = UNDETERMINED
    id: str = ""
    #: The learned model (name-version) that proposed the spans; None when the rules found them.
    model: Optional[str] = None


@dataclass
class Argument(Serializable):
    """An event argument (actor, target, place, weapon, claimant) with its evidence span."""

    name: str
    start: Optional[int] = None
    end: Optional[int] = None
    text: Optional[str] = None
    canonical: Optional[str] = None
    #: Where the argument comes from when not the event's own sentence ("document context: dateline").
    note: Optional[str] = None


@dataclass
class Figure(TextSpan, Serializable):
    """A casualty figure exactly as stated: vague counts keep ``low``/``high`` null."""

    low: Optional[int]
    high: Optional[int]
    start: int
    end: int
    text: str
    note: Optional[str] = None
    #: A derived total (note "derived: ...") keeps the spans of the stated figures it adds up.
    parts: list[Span] = field(default_factory=list)
    #: A vague count's normalised quantity ("dozens", "hundreds", "many", "several") beside its own words.
    label: Optional[str] = None


@dataclass
class EventDate(Serializable):
    value: Optional[str] = None
    precision: str = "unknown"
    basis: Optional[str] = None
    not_before: Optional[str] = None
    not_after: Optional[str] = None
    #: The text a bounded date is anchored to ("after the Moscow-brokered humanitarian ceasefire").
    anchor: Optional[Span] = None
    #: The words the day was read from: a date ("17 October"), a relative phrase ("on Saturday", "yesterday"), or the day
    #: told before "that night". None when the day is the page's own date, or when there is no day.
    evidence: Optional[Span] = None


@dataclass
class Event(Serializable):
    type: str
    subtype: Optional[str]
    span: Span
    actor: Optional[Argument] = None
    target: Optional[Argument] = None
    place: Optional[Argument] = None
    weapon: Optional[Argument] = None
    date: EventDate = field(default_factory=EventDate)
    killed: Optional[Figure] = None
    injured: Optional[Figure] = None
    missing: Optional[Figure] = None
    captured: Optional[Figure] = None
    displaced: Optional[Figure] = None
    claimant: Optional[Argument] = None
    lang: str = UNDETERMINED
    #: Ids (``Quote.id``) of the quotes this event is told in (statement/interview events).
    quotes: list[str] = field(default_factory=list)


@dataclass
class Failure(Serializable):
    """Something that went wrong, recorded instead of crashing: ``code`` like ``E012``."""

    code: str
    message: str
    stage: Optional[str] = None
    input_id: Optional[str] = None


@dataclass
class Document(Serializable):
    """A news page and everything the stages found in it."""

    id: str
    input_id: str
    text: str
    url: Optional[str] = None
    site: Optional[str] = None
    title: Optional[str] = None
    published: Published = field(default_factory=Published)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: Input format (txt, html, jsonl, warc) and other facts of reading; not analysis.
    source_format: Optional[str] = None
    #: Transient: parsed spaCy Docs by paragraph index, shared between stages of one run.
    #: Never serialised (see to_dict) and never compared.
    parses: dict[int, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        parses, self.parses = self.parses, {}
        try:
            data = asdict(self)
        finally:
            self.parses = parses
        del data["parses"]
        data["schema_version"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        """Read a document's JSON, of this schema version or an earlier one (``schema_version`` absent: 1)."""
        doc = _from_dict(cls, data)
        if int(data.get("schema_version", 1)) < 2:
            _upgrade_quote_references(doc)
        return doc

    def drop_items_in(self, ranges: list[tuple[int, int]]) -> None:
        """Remove sentences, entities, dates, quotes and events starting inside ``ranges``
        (half-open character ranges) and every reference to a removed quote.

        A quote sits where its content starts (one without content is kept); an event where its
        evidence sentence starts.
        """
        if not ranges:
            return
        self.sentences = [s for s in self.sentences if not s.starts_in(ranges)]
        self.entities = [e for e in self.entities if not e.starts_in(ranges)]
        self.dates = [d for d in self.dates if not d.starts_in(ranges)]
        self.quotes = [q for q in self.quotes if q.content is None or not q.content.starts_in(ranges)]
        self.events = [e for e in self.events if not e.span.starts_in(ranges)]
        kept = {q.id for q in self.quotes}
        for event in self.events:
            event.quotes = [qid for qid in event.quotes if qid in kept]

    def quote(self, quote_id: str) -> Optional[Quote]:
        """The quote with id ``quote_id``, or None when there is none (any more)."""
        return next((q for q in self.quotes if q.id == quote_id), None)

    @classmethod
    def new(
        cls,
        text: str,
        *,
        input_id: str,
        url: Optional[str] = None,
        site: Optional[str] = None,
        title: Optional[str] = None,
        published: Optional[Published] = None,
        source_format: Optional[str] = None,
    ) -> "Document":
        """A fresh document whose id is the hash of its text (so re-ingest is idempotent)."""
        return cls(
            id=document_id(text),
            input_id=input_id,
            text=text,
            url=url,
            site=site,
            title=title,
            published=published or Published(),
            source_format=source_format,
        )

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` over ``text[start:end]``."""
        return Span(start, end, self.text[start:end])

    def body_paragraphs(self) -> Iterator[tuple[int, Paragraph]]:
        """Paragraphs that carry article text (not headings, not boilerplate)."""
        for i, p in enumerate(self.paragraphs):
            if p.kind == "body":
                yield i, p

    def paragraph_at(self, offset: int) -> Optional[int]:
        for i, p in enumerate(self.paragraphs):
            if p.start <= offset < p.end:
                return i
        return None


def number_quotes(quotes: list[Quote]) -> None:
    """Give quotes without an id the next free ids ``q1``, ``q2``, ... in list order."""
    taken = {q.id for q in quotes if q.id}
    n = 0
    for q in quotes:
        if q.id:
            continue
        n += 1
        while f"q{n}" in taken:
            n += 1
        q.id = f"q{n}"


def _upgrade_quote_references(doc: Document) -> None:
    """Schema 1 had no quote ids and events held indices into ``doc.quotes``: turn them into ids."""
    number_quotes(doc.quotes)
    for event in doc.events:
        refs: list[Any] = list(event.quotes)
        event.quotes = [doc.quotes[r].id for r in refs if isinstance(r, int) and 0 <= r < len(doc.quotes)]


def document_id(text: str) -> str:
    """Content hash of the normalised text: the same page read twice gets the same id."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def iter_spans(obj: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every dict with int ``start``/``end`` and str ``text`` inside a to_dict() tree."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and isinstance(obj.get("text"), str):
            yield path, obj
        for key, value in obj.items():
            if key == "text" and path == "":
                continue
            yield from iter_spans(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from iter_spans(value, f"{path}[{i}]")


def check_spans(doc: Document | dict[str, Any]) -> list[str]:
    """Paths of every span whose ``text`` is not ``doc.text[start:end]``; empty when all exact."""
    data = doc.to_dict() if isinstance(doc, Document) else doc
    text = data["text"]
    bad = []
    for path, item in iter_spans({k: v for k, v in data.items() if k != "text"}):
        if text[item["start"]:item["end"]] != item["text"]:
            bad.append(path)
    return bad
