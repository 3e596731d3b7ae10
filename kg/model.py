"""The data model: what every stage of the pipeline hands to the next.

All classes are frozen dataclasses.  Character offsets (``start``/``end``) always point into the
*original* text of the document (``Document.text``), never into the cleaned text, so a user can
find the evidence of every triple in the file they gave us.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One article as read from disk, before any cleaning."""

    id: str                         # content hash of ``text`` (hex); stable across re-ingestion
    text: str                       # the original text, exactly as read (after decoding)
    source: str                     # path, or ``path#line`` for a JSONL record
    title: str | None = None
    url: str | None = None
    date: dt.date | None = None     # publication date; resolves "on Monday"


@dataclass(frozen=True)
class Sentence:
    """A sentence of the cleaned text, with its offsets in the original text."""

    index: int
    text: str                       # the cleaned sentence text
    start: int
    end: int


@dataclass(frozen=True)
class Provenance:
    """Where a relation, claim or event was read: the evidence a user can check."""

    doc_id: str
    sentence: Sentence
    start: int                      # offsets of the evidence span in the original text
    end: int
    rule: str                       # the name of the pattern or model that produced it
    confidence: float
    extractor: str                  # extractor version, e.g. "newskg 0.1.0"


@dataclass(frozen=True)
class Mention:
    """A span of text that refers to an entity."""

    text: str                       # the normalised surface ("Kazakhstan", not "Kazakhstan's")
    start: int
    end: int
    sentence: int
    kind: str                       # name | acronym | description | pronoun | demonym
    etype: str                      # ontology class local name, e.g. "Person", "Country"
    name_start: int | None = None   # where the name begins after its titles: "Gov. |James Thompson"

    @property
    def name_span(self) -> tuple[int, int]:
        """The offsets of the name alone, without a title written before it."""
        return (self.start if self.name_start is None else self.name_start, self.end)


@dataclass(frozen=True)
class Value:
    """A date, time, number, amount or group the text names ("26 Apr 94", "8,000 people", "Serbs"):
    a literal the NER found, kept with its offsets but never made an entity of the graph."""

    text: str
    start: int
    end: int
    sentence: int
    label: str                      # the NER's label: DATE, TIME, CARDINAL, QUANTITY, NORP ...


@dataclass(frozen=True)
class Entity:
    """One real-world referent within a document (its mentions merged)."""

    name: str                       # canonical name, e.g. "Vladimir Putin"
    etype: str                      # ontology class local name
    aliases: tuple[str, ...] = ()   # other names it goes by in the text or the alias tables
    mentions: tuple[Mention, ...] = ()
    evidence: tuple[str, ...] = ()  # the cues that gave the class, sorted: ("cluster:gazetteer", "gazetteer")

    @property
    def key(self) -> tuple[str, str]:
        return (self.etype, self.name)

    def named_by(self, m: Mention) -> bool:
        """Whether a mention names this entity: a name, or a demonym that is a word of the name ("Soviet"
        troops mention the Soviet Union; "American" ones only describe people)."""
        return m.kind == "name" or m.kind == "demonym" and m.text in self.name.split()


@dataclass(frozen=True)
class Relation:
    """A typed triple between two entities, with its evidence."""

    subject: Entity
    predicate: str                  # ontology property local name, e.g. "allyOf"
    object: Entity
    provenance: Provenance
    negated: bool = False           # "X did not arrest Y"
    modality: str | None = None     # "may", "could", "might", ... : not a plain fact
    claim: str | None = None        # id of the Claim that reports it; None for a fact
    subject_mention: Mention | None = None   # the mentions that stand for the entities here
    object_mention: Mention | None = None

    @property
    def is_fact(self) -> bool:
        return self.claim is None and not self.negated and self.modality is None


@dataclass(frozen=True)
class Claim:
    """What someone said: reported speech or a quotation, never a fact."""

    id: str                         # deterministic within the document
    speaker: Entity | None          # None when the speaker is unnamed ("authorities say")
    speaker_text: str               # the speaker as written ("authorities", "he")
    cue: str                        # the cue lemma: say, claim, insist, according to ...
    text: str                       # the reported or quoted text
    provenance: Provenance


@dataclass(frozen=True)
class Group:
    """An actor the article does not name ("the police", "protesters"): one per document and referent."""

    key: str                        # kind/label, unique within the document
    kind: str                       # government, military, police, judiciary, legislature, party, ...
    label: str                      # as written, without its determiner: "riot police"


@dataclass(frozen=True)
class Argument:
    """One role of an event: its words, and the entity or group they name (or neither)."""

    role: str                       # agent | patient | recipient | theme | attribute | location | time | other
    text: str
    entity: Entity | None = None
    group: Group | None = None
    prep: str | None = None         # the preposition that introduced it: "to" in "sold it to Y"
    phrase: str | None = None       # when no entity or group fills the role, the words that say what
                                    # does, without preposition and determiner: "quarterly economic review"


@dataclass(frozen=True)
class Event:
    """Something that happened, with its roles: an arrest of nearly 8,000 people, a deployment."""

    id: str                         # deterministic within the document
    etype: str                      # ontology event class local name: Arrest, Killing, Deployment ...
    label: str                      # a short human label: "arrest of nearly 8,000 people"
    provenance: Provenance
    agent: Entity | None = None
    patient: Entity | None = None
    place: Entity | None = None
    date: str | None = None         # ISO 8601: "2022-01-10", or a year "2019"
    count: int | None = None        # "nearly 8,000" -> 8000
    count_qualifier: str | None = None  # "nearly", "more than", "about" ...
    count_text: str | None = None   # the counted noun phrase as written: "8,000 people"
    claim: str | None = None        # id of the Claim that reports it
    lemma: str | None = None        # the verb that reports it: "resign"
    phrase: str | None = None       # its words as written: "has stepped down"
    arguments: tuple[Argument, ...] = ()   # every role, with the entity or group it names
    negated: bool = False           # "did not resign"
    modality: str | None = None     # planned | future | conditional | possible | necessary | hypothetical
    amounts: tuple[Amount, ...] = ()

    @property
    def asserted(self) -> bool:
        """Whether the article states it as a fact: not negated, no modality, inside no claim."""
        return self.claim is None and not self.negated and self.modality is None


@dataclass(frozen=True)
class Position:
    """An office a person holds, or held: "Microsoft chief executive Steve Ballmer", "X, the chairman
    of Y", "X was appointed chief executive of Y in 2001", "former chairman X"."""

    holder: Entity                  # the person
    office: str                     # the title, normalised: "deputy prime minister", "chief executive"
    organisation: Entity | None     # what the office is of, when the text says: Microsoft, United Kingdom
    former: bool                    # the text says it has ended: "former", "ex-", "then-", "resigned as"
    start: str | None               # ISO 8601 dates the text gives ("since 2001"): "2001", "2001-05", "2001-05-01"
    end: str | None
    provenance: Provenance
    claim: str | None = None        # id of the Claim that reports it; None when the narrator states it


@dataclass(frozen=True)
class Amount:
    """A quantity as written: "£28.7m" (28700000.0 GBP), "16.1% of the vote" (16.1 percent), "nearly
    500 jobs" (500.0 jobs, "nearly")."""

    value: float
    unit: str                       # a currency code (GBP, USD, EUR ...), "percent", or the counted noun
    text: str                       # as written: "£28.7m", "2.3 million shares"
    qualifier: str | None = None    # "nearly", "about", "more than" ...


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    values: tuple[Value, ...] = ()  # dates, numbers, amounts, groups: not in the graph
    warnings: tuple[str, ...] = field(default=())
    positions: tuple[Position, ...] = ()


RELATION_MODELS = ("fast", "accurate")     # the relation classifier: a logistic regression, or with a small transformer
