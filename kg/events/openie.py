"""PLACEHOLDER, to be replaced by the real open-IE extractor (being written elsewhere): only its interface
is meant to stay. ``kg eval carb`` depends on nothing but that interface:

    open_tuples(sentences: Iterable[str]) -> Iterator[list[OpenTuple]]    # one list per sentence, in order
    OpenTuple(relation: str, args: tuple[str, ...], confidence: float)    # frozen dataclass

What this stand-in does: plain subject-verb-object over spaCy's parse. For each verb with a subject
(nsubj, nsubjpass): the relation is its auxiliaries, negation, the verb and its particle; arg1 the
subject's subtree; then its object or attribute (dobj, attr); then each prepositional phrase (prep,
or a passive's "by" agent, with its pobj's subtree), the first of which joins the relation when there
is no object ("lives in", "Rome"). Fixed confidences: 0.9 with an object, 0.6 without.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.nlp.pipeline import parse

SUBJECTS = ("nsubj", "nsubjpass")
OBJECTS = ("dobj", "attr")
BEFORE_VERB = ("aux", "auxpass", "neg")
PREPOSITIONS = ("prep", "agent")          # "agent": the "by" of a passive
WITH_OBJECT, WITHOUT_OBJECT = 0.9, 0.6


@dataclass(frozen=True)
class OpenTuple:
    """One open-IE tuple: a relation phrase and its arguments, arg1 (the subject) first."""
    relation: str
    args: tuple[str, ...]
    confidence: float


def _subtree(token: Token) -> str:
    return token.doc[token.left_edge.i:token.right_edge.i + 1].text


def _relation(verb: Token) -> list[Token]:
    words = [c for c in verb.children if c.dep_ in BEFORE_VERB and c.i < verb.i]
    return words + [verb] + [c for c in verb.children if c.dep_ == "prt"]


def _preps(verb: Token) -> list[tuple[Token, Token]]:
    return [(p, o) for p in verb.children if p.dep_ in PREPOSITIONS for o in p.children if o.dep_ == "pobj"]


def verb_tuple(verb: Token) -> OpenTuple | None:
    """The tuple of one verb, or None if it has no subject."""
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None:
        return None
    relation = " ".join(t.text for t in _relation(verb))
    objects = [_subtree(c) for c in verb.children if c.dep_ in OBJECTS]
    preps, confidence = _preps(verb), WITH_OBJECT if objects else WITHOUT_OBJECT
    if not objects and preps:
        (prep, pobj), preps = preps[0], preps[1:]
        relation, objects = f"{relation} {prep.text}", [_subtree(pobj)]
    rest = [f"{p.text} {_subtree(o)}" for p, o in preps]
    return OpenTuple(relation, (_subtree(subject), *objects, *rest), confidence)


def sentence_tuples(sentence: Span) -> list[OpenTuple]:
    found = (verb_tuple(t) for t in sentence if t.pos_ in ("VERB", "AUX"))
    return [t for t in found if t is not None]


def open_tuples(sentences: Iterable[str]) -> Iterator[list[OpenTuple]]:
    """The tuples of each sentence (a line of text, parsed whole), one list per sentence, in order."""
    for doc in parse(sentences):
        yield sentence_tuples(doc[:])
