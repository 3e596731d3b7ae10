"""Open IE tuples from the same clauses the events read (kg/events/clauses.py): one tuple per predicate
and its arguments, in CaRB's shape (relation, arg1, arg2, ...), for ``kg eval carb``.

    open_tuples(sentences: Iterable[str]) -> Iterator[list[OpenTuple]]    # one list per sentence, in order

arg1 is the clause's subject; the relation its auxiliaries, negation, verb and particle, with the verb
it depends on before it ("agreed to sell"), and the preposition of its first argument when it has no
object ("lives in"); then the object or attribute, then each other argument as written ("to Gazprom").
An apposition says "is": "Bush, the president," -> (Bush, is, the president).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from kg.events.clauses import Clause, clauses, span_of
from kg.nlp.pipeline import parse

WITH_OBJECT, WITH_PREP, ALONE, APPOSITION = 0.9, 0.75, 0.4, 0.6
LONG = 12               # arguments longer than this many words lower the confidence


@dataclass(frozen=True)
class OpenTuple:
    """One open-IE tuple: a relation phrase and its arguments, arg1 (the subject) first."""
    relation: str
    args: tuple[str, ...]
    confidence: float


def _text(doc: Doc, start: int, end: int) -> str:
    return doc[start:end].text


def _relation(doc: Doc, c: Clause, by_verb: dict[int, Clause]) -> str:
    words = " ".join(doc[i].text for i in c.relation)
    verb = doc[c.verb]
    outer = by_verb.get(verb.head.i)
    if verb.dep_ == "xcomp" and outer is not None and outer.verb != c.verb:
        return f"{_relation(doc, outer, by_verb)} {words}"
    return words


def clause_tuple(doc: Doc, c: Clause, by_verb: dict[int, Clause]) -> OpenTuple | None:
    subject = c.subject
    if subject is None:
        return None
    rest = [a for a in c.args if a is not subject]
    if any(a.role == "theme" and doc[a.head].dep_ == "xcomp" for a in rest) and \
            not any(a.role in ("patient", "attribute") and a.prep is None for a in rest):
        return None                 # "agreed to sell X": the tuple is the inner verb's
    relation = _relation(doc, c, by_verb)
    obj = next((a for a in rest if a.prep is None and a.role in ("patient", "attribute", "recipient")), None)
    args = [_text(doc, subject.start, subject.end)]
    confidence = WITH_OBJECT
    if obj is None:
        first = next((a for a in rest if a.prep is not None), None) or next((a for a in rest), None)
        if first is None:
            confidence = ALONE
        else:
            if first.prep is not None:
                relation, start = f"{relation} {first.prep}", first.start + 1
            else:
                start = first.start
            args.append(_text(doc, start, first.end))
            rest = [a for a in rest if a is not first]
            confidence = WITH_PREP
    else:
        args.append(_text(doc, obj.start, obj.end))
        rest = [a for a in rest if a is not obj]
    args += [_text(doc, a.start, a.end) for a in sorted(rest, key=lambda a: a.start)]
    if max(len(a.split()) for a in args) > LONG:
        confidence -= 0.2
    return OpenTuple(relation, tuple(args), round(confidence, 2))


def apposition_tuples(sent: Span) -> Iterator[OpenTuple]:
    for tok in sent:
        if tok.dep_ == "appos" and tok.head.pos_ in ("PROPN", "NOUN"):
            head = tok.head
            lo, hi = span_of(head, frozenset(c.i for c in head.children if c.dep_ in ("appos", "relcl", "acl")))
            alo, ahi = span_of(tok, frozenset(c.i for c in tok.children if c.dep_ in ("relcl", "acl")))
            yield OpenTuple("is", (_text(sent.doc, lo, hi), _text(sent.doc, alo, ahi)), APPOSITION)


def sentence_tuples(sent: Span | Doc) -> list[OpenTuple]:
    doc = sent.doc if isinstance(sent, Span) else sent
    found = list(clauses(sent))
    by_verb = {c.verb: c for c in found}
    out = [t for c in found if (t := clause_tuple(doc, c, by_verb)) is not None]
    return out + list(apposition_tuples(sent if isinstance(sent, Span) else sent[:]))


def open_tuples(sentences: Iterable[str]) -> Iterator[list[OpenTuple]]:
    """The tuples of each sentence (a line of text, parsed whole), one list per sentence, in order."""
    for doc in parse(sentences):
        yield sentence_tuples(doc[:])
