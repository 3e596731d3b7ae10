"""Events from clauses: every clause whose arguments include an actor (a named entity, or a group the
article does not name: "police", "the government") is an event, of the class the taxonomy gives its
verb, or of the generic class with its verb lemma. Roles, a count, amounts, a place and a date come
from the clause's arguments; negation and modality are kept on the event, never dropped."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token

from kg.entities.index import PLACES, EntityIndex
from kg.events.amounts import FoundAmount, amounts_in
from kg.events.clauses import EDGE_PUNCT, Arg, Clause, clauses
from kg.events.taxonomy import event_class
from kg.events.verbs import count_of, date_of
from kg.lexicon import load, words

ACTOR_ROLES = ("agent", "patient", "recipient")
CLAUSE_CHILDREN = {"relcl", "acl", "advcl", "appos"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "some", "many", "its", "their", "his", "her"}


@dataclass(frozen=True)
class FoundGroup:
    """An unnamed group: its kind, its label ("police") and the key that makes one node of one referent."""

    kind: str
    label: str
    key: str


@dataclass(frozen=True)
class FoundArg:
    role: str
    start: int
    end: int
    entity: int | None = None
    group: FoundGroup | None = None
    prep: str | None = None
    phrase: tuple[int, int] | None = None   # the tokens that say what fills the role, when no entity or
                                            # group does (kg.events.find.phrase_of)


@dataclass(frozen=True)
class FoundClauseEvent:
    etype: str
    label: str                  # the class's label, or the verb lemma for the generic class
    lemma: str
    phrase: str
    verb: int
    start: int
    end: int
    args: tuple[FoundArg, ...]
    negated: bool
    modality: str | None
    date: str | None = None
    count: int | None = None
    qualifier: str | None = None
    count_text: str | None = None
    amounts: tuple[FoundAmount, ...] = ()


@cache
def group_kinds() -> dict[str, str]:
    """Head noun -> group kind, from kg/lexicon/events.toml [groups]."""
    return {noun: kind for kind, nouns in load("events")["groups"].items() for noun in nouns}


def group_at(tok: Token) -> FoundGroup | None:
    """The unnamed group a head noun names ("the riot police" -> police), or None."""
    kinds = group_kinds()
    if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("PERSON", "ORG", "GPE"):
        return None
    kind = kinds.get(tok.lower_) or kinds.get(tok.lemma_.lower())
    if kind is None:
        return None
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i]
    words = [t.lower_ for t in sorted(mods + [tok], key=lambda t: t.i) if t.lower_ not in DETERMINERS]
    label = " ".join(words)
    return FoundGroup(kind, label, f"{kind}/{label}")


def _resolve(doc: Doc, ix: EntityIndex, arg: Arg) -> FoundArg:
    head = doc[arg.head]
    entity = ix.at(head)
    if entity is None:              # "the chief executive of Shell, John Smith, stepped down"
        entity = next((k for c in head.children if c.dep_ == "appos" and (k := ix.at(c)) is not None), None)
    group = group_at(head) if entity is None and arg.role in ACTOR_ROLES else None
    end = arg.end if arg.role == "theme" else _trimmed_end(doc, head, arg.start, arg.end)
    phrase = phrase_of(doc, arg.start, end) if entity is None and group is None else None
    return FoundArg(arg.role, arg.start, end, entity, group, arg.prep, phrase)


def phrase_of(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The words of an argument that say what it is, as [start, end): without the preposition that
    introduces it and the determiners before it ("in the second quarter" -> "second quarter"); none
    when nothing else is left, or only pronouns ("it", "them": the graph keeps no node for those)."""
    while start < end and doc[start].pos_ in PHRASE_SKIPPED_LEAD:
        start += 1
    if start >= end or all(t.pos_ in ("PRON", "DET", "PUNCT", "PART") for t in doc[start:end]):
        return None
    return start, end


PHRASE_SKIPPED_LEAD = ("ADP", "DET", "PUNCT", "SCONJ")     # "in", "the", a quotation mark, "that"


def _trimmed_end(doc: Doc, head: Token, start: int, end: int) -> int:
    """An argument as an event shows it ends before a clause of its own that follows its head ("a
    rhythm guitarist called Flicker", "the firm, which ..."): the event's words are the participant,
    not what else the sentence says of it."""
    for c in head.children:
        if c.i > head.i and (c.dep_ in CLAUSE_CHILDREN or c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
            end = min(end, c.left_edge.i)
    while end - start > 1 and (doc[end - 1].text in EDGE_PUNCT or doc[end - 1].lower_ in ("and", "or", "but")):
        end -= 1
    return end


def _words(doc: Doc, c: Clause) -> set[str]:
    verb = doc[c.verb]
    out = {t.lemma_.lower() for t in verb.children}
    for p in verb.children:
        if p.dep_ == "prep":
            out |= {o.lemma_.lower() for o in p.children}
    return out


def _modality(c: Clause, args: list[FoundArg]) -> str | None:
    """"will appear in court": a future action of an actor is planned; a future happening is future."""
    if c.modality == "future" and any(a.role == "agent" and (a.entity is not None or a.group is not None)
                                      for a in args):
        return "planned"
    return c.modality


def event_of(doc: Doc, ix: EntityIndex, c: Clause, published: dt.date | None) -> FoundClauseEvent | None:
    cls = event_class(c.lemma, c.particle, _words(doc, c))
    if cls is None and (c.copula or c.lemma in words("events", "clauses", "not_events")):
        return None
    args = [_resolve(doc, ix, a) for a in c.args]
    actors = [a for a in args if a.role in ACTOR_ROLES and (a.entity is not None or a.group is not None)]
    verb = doc[c.verb]
    heads = [doc[a.head] for a in c.args if a.role in ("patient", "agent") and a.prep is None]
    counted = next((n for t in heads for n in [count_of(t)] if n), None)
    if not actors and (cls is None or counted is None):
        return None
    themes = [range(a.start, a.end) for a in c.args if a.role in ("theme", "time")]
    amounts = tuple(f for f in amounts_in(doc[verb.left_edge.i:verb.right_edge.i + 1])   # "£28.7m": two tokens the
                    if not any(f.number in r for r in themes))                        # parser may split

    phrase = " ".join(doc[i].text for i in c.relation)
    value, qualifier, text = counted or (None, None, None)
    lo = min([c.verb] + [a.start for a in args if a.role != "theme"])
    hi = max([c.verb + 1] + [a.end for a in args if a.role != "theme"])
    return FoundClauseEvent(cls.name if cls else "Event", cls.label if cls else c.lemma, c.lemma, phrase,
                            c.verb, lo, hi, tuple(args), c.negated, _modality(c, args),
                            date_of(verb, published), value, qualifier, text, amounts)


def find_clause_events(doc: Doc, ix: EntityIndex, published: dt.date | None) -> Iterator[FoundClauseEvent]:
    """Every event of a document, in order of its verb."""
    for c in clauses(doc):
        found = event_of(doc, ix, c, published)
        if found is not None:
            yield found


def place_of(ix: EntityIndex, found: FoundClauseEvent) -> int | None:
    """The place among an event's location arguments (an entity of a place class)."""
    places = [a for a in found.args if a.entity is not None and ix.etype(a.entity) in PLACES
              and (a.role == "location" or a.prep in ("to", "into"))]      # "sent troops to Kazakhstan"
    return min(places, key=lambda a: a.role != "location").entity if places else None

