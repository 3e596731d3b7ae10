"""Clauses: each verb of a parse with its arguments and their roles, the one extraction that open IE
(CaRB's tuples) and events read. Pure functions over a spaCy Doc; no entities here.

"Police arrested two men in Leeds on Monday" -> arrest: agent "Police", patient "two men", location
"in Leeds", time "on Monday"; "was arrested" gives a patient and no agent; "X, who founded Y" gives the
relative clause its antecedent as subject; "X resigned and joined Y" gives "joined" X as subject.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kg.lexicon import load, words
from kg.nlp.syntax import RELATIVE, attributive_participle

SUBJECTS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
BEFORE = {"aux", "auxpass", "neg"}
CLAUSE_ARGS = {"ccomp", "xcomp"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "throughout", "into", "from"}
TIME_LABELS = {"DATE", "TIME"}
PARTICLES = {"down", "up", "out", "off", "over", "back", "away", "in", "on", "behind", "ahead", "through", "apart"}   # "stepped down": advmod to the parser
EDGE_PUNCT = {",", ";", ":", "-", "--", "—", "–", "(", ")", '"', "“", "”", "'", "``", "''"}


@dataclass(frozen=True)
class Arg:
    """One argument of a clause: its role, its tokens [start, end), its head and the preposition that
    introduced it ("to" in "sold it to Y")."""

    role: str           # agent | patient | recipient | theme | attribute | location | time | other
    start: int
    end: int
    head: int
    prep: str | None = None


@dataclass(frozen=True)
class Clause:
    verb: int                    # token index of the verb
    lemma: str                   # "step"
    particle: str | None         # "down"
    relation: tuple[int, ...]    # the relation's tokens: auxiliaries, negation, verb, particle
    passive: bool
    negated: bool
    modality: str | None         # one of the ontology's six, or None
    args: tuple[Arg, ...]
    copula: bool = False

    @property
    def subject(self) -> Arg | None:
        """The grammatical subject: the agent of an active verb, the patient of a passive one."""
        return next((a for a in self.args if a.prep is None and a.role == ("patient" if self.passive else "agent")
                     and a.start < self.verb), None)


def span_of(tok: Token, cut: frozenset[int] = frozenset()) -> tuple[int, int]:
    """A token's subtree as [start, end), without punctuation at its edges and without the subtrees of
    the children in ``cut`` (a subject's relative clause that is a clause of its own); a cut subtree at
    either edge shortens the span, one inside it is kept (the span stays contiguous)."""
    doc = tok.doc
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    for c in tok.children:
        if c.i in cut:
            if c.i > tok.i:
                hi = min(hi, c.left_edge.i)
            else:
                lo = max(lo, c.right_edge.i + 1)
    while hi - lo > 1 and doc[lo].text in EDGE_PUNCT:
        lo += 1
    while hi - lo > 1 and doc[hi - 1].text in EDGE_PUNCT:
        hi -= 1
    return lo, hi


def _arg(role: str, tok: Token, prep: str | None = None, start: int | None = None) -> Arg:
    cut = frozenset(c.i for c in tok.children if c.dep_ in ("relcl", "acl") and c.pos_ in ("VERB", "AUX")
                    and any(g.dep_ in SUBJECTS | PASSIVE_SUBJECTS for g in c.children)
                    or c.dep_ == "appos")
    lo, hi = span_of(tok, cut)
    return Arg(role, lo if start is None else start, hi, tok.i, prep)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)


def _own_subject(verb: Token) -> list[Arg]:
    for c in verb.children:
        if c.dep_ in SUBJECTS | PASSIVE_SUBJECTS and c.dep_ != "expl":
            role = "patient" if c.dep_ in PASSIVE_SUBJECTS else "agent"
            if c.lower_ in RELATIVE and verb.dep_ == "relcl":      # "the firm, which bought Y"
                return [_antecedent(role, verb)]
            return [_arg(role, c)]
    return []


def _antecedent(role: str, verb: Token) -> Arg:
    """The noun a relative or participle clause hangs on, up to that clause: "the firm" of "the firm,
    which bought Y" (and no more, even where the parse hangs the rest of the sentence on it)."""
    head = verb.head
    lo, hi = span_of(head, frozenset({verb.i}))
    hi = min(hi, verb.left_edge.i) if verb.left_edge.i > head.i else hi
    while hi - 1 > lo and verb.doc[hi - 1].text in EDGE_PUNCT:
        hi -= 1
    return Arg(role, lo, hi, head.i)


def _across_quote(a: Token, b: Token) -> bool:
    """Whether a colon or a quotation mark stands between two tokens: "X said: 'Imagine ...'"."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in (":", '"', "“", "”", "``", "''") for t in a.doc[lo + 1:hi])


def _inherited_subject(verb: Token, passive: bool) -> list[Arg]:
    """A subject the verb shares: a conjoined verb's ("resigned and joined Y"), an xcomp's ("agreed to
    buy": the subject of "agreed"; "urged X to buy": X), a participle's noun ("the firm bought by Y")."""
    head = verb.head
    role = "patient" if passive else "agent"
    if _across_quote(head, verb):
        return []
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        own = _own_subject(head) or _inherited_subject(head, is_passive(head))
        return [Arg(role, a.start, a.end, a.head) for a in own if a.prep is None][:1]
    if verb.dep_ == "xcomp":
        obj = next((c for c in head.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return [_arg(role, obj)]
        own = _own_subject(head) or _inherited_subject(head, is_passive(head))
        return [Arg(role, a.start, a.end, a.head) for a in own if a.prep is None][:1]
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and verb.tag_ in ("VBN", "VBG"):
        return [_antecedent("patient" if verb.tag_ == "VBN" else "agent", verb)]
    return []


def _prep_role(prep: Token, obj: Token) -> str:
    word = prep.lower_
    if word == "by":
        return "agent"
    if obj.ent_type_ in TIME_LABELS:
        return "time"
    if word in PLACE_PREPS and obj.ent_type_ in ("GPE", "LOC", "FAC"):
        return "location"
    if word == "to" and obj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return "recipient"
    return "other"


def _located(tok: Token) -> list[Token]:
    """The "in Almaty" of "arrested Karim Masimov in Almaty", which the parser hangs on the object but
    which says where the event happened."""
    return [p for p in tok.children if p.dep_ == "prep" and p.lower_ in PLACE_PREPS and p.i > tok.i
            and any(o.dep_ == "pobj" and o.ent_type_ in ("GPE", "LOC", "FAC") for o in p.children)]


def _objects(verb: Token, passive: bool) -> Iterator[Arg]:
    for c in verb.children:
        dep = c.dep_
        if dep == "dobj" and c.lower_ in RELATIVE and verb.dep_ == "relcl":
            yield _antecedent("patient", verb)             # "the label which he founded"
        elif dep == "dobj":
            places = _located(c)
            if places:
                lo, _ = span_of(c)
                yield Arg("patient", lo, places[0].i, c.i)
                for p in places:
                    o = next(o for o in p.children if o.dep_ == "pobj")
                    yield _arg("location", o, p.lower_, start=p.i)
            else:
                yield _arg("patient", c)
        elif dep == "dative" and c.pos_ != "ADP":
            yield _arg("recipient", c)
        elif dep in ("attr", "acomp", "oprd"):
            yield _arg("attribute", c)
        elif dep in ("prep", "agent", "dative"):
            for o in c.children:
                if o.dep_ == "pobj" or o.dep_ == "pcomp" and o.pos_ == "VERB":
                    role = "agent" if dep == "agent" and passive else _prep_role(c, o)
                    yield _arg(role, o, c.lower_, start=c.i)
        elif dep == "npadvmod" and c.ent_type_ in TIME_LABELS:
            yield _arg("time", c)
        elif dep in CLAUSE_ARGS and c.pos_ in ("VERB", "AUX") and c.i > verb.i:   # not a quote before "said"
            yield _arg("theme", c)


def _modality(verb: Token) -> str | None:
    marks = load("events")["modality"]
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in marks:
            return marks[c.lower_]
        if c.dep_ == "advmod" and c.lower_ in marks:               # "reportedly", "allegedly"
            return marks[c.lower_]
    if verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in verb.children):
        return next(marks[m.lower_] for m in verb.children if m.dep_ == "mark" and m.lower_ in marks)
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lemma_.lower() in marks and marks[head.lemma_.lower()] != "future":
            return marks[head.lemma_.lower()]
        if head.lemma_ == "be" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return "planned"                                      # "is to appear"
        if head.pos_ == "ADJ" and head.dep_ == "acomp":           # "would be able to sue"
            return _modality(head.head) or ("possible" if head.lower_ == "able" else None)
        return _modality(head)
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX") and head.i != verb.i and not _own_subject(verb):
        return _modality(head)
    return None


def _negated(verb: Token) -> bool:
    """"did not resign", and "did not agree to sell": a negation on the verb or the verb it completes."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head.i != verb.i and (_negated(head) or head.lemma_.lower()
                                                         in words("events", "negating", "verbs"))   # "failed to win"


def is_clause_verb(tok: Token) -> bool:
    if tok.pos_ == "VERB":
        return not (tok.tag_ == "VBG" and tok.dep_ == "amod") and tok.dep_ != "amod" \
            and tok.lower_ not in words("events", "clauses", "not_verbs")
    return tok.pos_ == "AUX" and tok.lemma_ == "be" and tok.dep_ in ("ROOT", "ccomp", "conj", "relcl", "advcl") \
        and any(c.dep_ in ("attr", "acomp") for c in tok.children)


def clause_of(verb: Token) -> Clause:
    passive = is_passive(verb)
    # "founded by assassinated former prime minister X": a participle modifying the noun after it
    subject = [] if attributive_participle(verb) else _own_subject(verb) or _inherited_subject(verb, passive)
    args = subject + list(_objects(verb, passive))
    particle = next((c for c in verb.children if c.dep_ == "prt" or c.dep_ == "advmod" and c.i == verb.i + 1
                     and c.lower_ in PARTICLES), None)
    relation = sorted([c.i for c in verb.children if c.dep_ in BEFORE and c.i < verb.i] + [verb.i]
                      + ([particle.i] if particle is not None else []))
    negated = _negated(verb)
    return Clause(verb.i, verb.lemma_.lower(), particle.lower_ if particle is not None else None,
                  tuple(relation), passive, negated, _modality(verb), tuple(args), verb.pos_ == "AUX")


def clauses(doc: Doc | Span) -> Iterator[Clause]:
    """Every clause of a doc or sentence, in order of its verb."""
    for tok in doc:
        if is_clause_verb(tok):
            yield clause_of(tok)
