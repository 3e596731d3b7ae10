"""The kin rule: family and friends. "X, son of Y", "his wife, Z" (when "his" resolves to a named
person), "Y's daughter X", "X is the father of Y", "a close friend of X", "X married Y"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.entities.index import EntityIndex
from kg.nlp.syntax import (conjuncts, direct_objects, hyphen_joined, is_passive, modality, negated, prep_objects,
                           subjects)
from kg.relations.common import noun_objects, token_span
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule
from kg.relations.tense import tense


@relation_rule(order=115, names=(Name("kin-noun", 0.8, descriptive=True), Name("kin-copula", 0.8),
                                 Name("kin-verb", 0.75)),
               reads=("relations.kin", "relations.kin_verbs"))
def kin_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a noun of kin or friendship links the person it describes (in apposition, after "be",
    or the name it is the title of) to the person it is about ("of Y", "Y's", "his"); a verb of
    marriage links its subject and its object."""
    for tok in doc:
        prop = _kin_property(tok)
        if prop is None:
            continue
        about = [(t, k) for t, k in noun_objects(tok, ix) or _possessor_of_name(tok, ix) if ix.etype(k) == "Person"]
        for h_tok, rule in _described(tok):
            h = ix.by_root.get(h_tok.i)
            h = ix.at(h_tok) if h is None else h
            if h is None or ix.etype(h) != "Person":
                continue
            neg = negated(tok.head) if rule == "kin-copula" else False
            when = (modality(tok.head) if rule == "kin-copula" else None) or _ended(tok, prop)
            for o_tok, o in about:
                if o != h:
                    yield Found(h, prop, o, *token_span(h_tok, tok, o_tok), rule, tok.i, neg, when, h_tok.i, o_tok.i)
    yield from _married(doc, ix)


def _kin_property(tok: Token) -> str | None:
    """The property of a noun of [kin] ("son", "twin brother", "brother-in-law")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    kin = lexicon()["kin"]
    first, last = tok, tok
    while (before := hyphen_joined(first, -1)) is not None:
        first = before
    while (after := hyphen_joined(last)) is not None:
        last = after
    if first.i < last.i:                # "son-in-law" (at "son"), "half-brother", "ex-wife" (at the end)
        word = tok.doc[first.i:last.i + 1].text.lower()
        if word.endswith("-in-law") != (tok.i == first.i) or tok.i not in (first.i, last.i):
            return None
        return kin.get(word) or (kin.get(word.split("-", 1)[1]) if tense(first) else None)
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and f"{prev.lower_} {tok.lemma_.lower()}" in kin:
        return kin[f"{prev.lower_} {tok.lemma_.lower()}"]
    return kin.get(tok.lemma_.lower())


def _described(tok: Token) -> list[tuple[Token, str]]:
    """Who a noun of kin describes: "X, son of Y" and "his wife, Z" (apposition), "X is the father
    of Y" (copula), "Y's daughter X" (the name it is written before)."""
    out = []
    if tok.dep_ == "appos":
        out.append((tok.head, "kin-noun"))
    out += [(t, "kin-noun") for c in tok.children if c.dep_ == "appos" and c.i > tok.i
            for t in conjuncts(c)]      # "his two sons, Avi and Joel"
    if tok.dep_ == "attr" and tok.head.lemma_ == "be":
        out += [(s, "kin-copula") for s in subjects(tok.head)]
    if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.head.i > tok.i:
        out.append((tok.head, "kin-noun"))
    return out


def _possessor_of_name(tok: Token, ix: EntityIndex) -> list[tuple[Token, int]]:
    """Whose kin it is when the parse hangs the possessor on the name: "Y's daughter X", "his ex-wife
    X" (on "ex")."""
    if tok.dep_ != "compound" or tok.head.pos_ != "PROPN":
        return []
    return [(c, k) for c in tok.head.subtree if c.dep_ == "poss" and c.i < tok.i
            and (k := ix.named_at(c.i)) is not None][-1:]


def _ended(tok: Token, prop: str) -> str | None:
    """"former" for a marriage or a friendship that is over ("his ex-wife", "her former husband");
    a late father is still a father."""
    if prop not in ("spouseOf", "friendOf"):
        return None
    words = [c for c in tok.children if c.i < tok.i] + ([tok.doc[tok.i - 2]] if tok.i > 1 else [])
    return "former" if any(tense(t) == "former" and t.lower_ != "late" for t in words) else None


def _married(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """"X married Y", "X wed Y", "X is married to Y"."""
    verbs = {lemma: prop for prop, lemmas in lexicon()["kin_verbs"].items() for lemma in lemmas}
    for verb in doc:
        prop = verbs.get(verb.lemma_.lower())
        adjective = verb.pos_ == "ADJ" and verb.dep_ == "acomp"      # "X is married to Y"
        if prop is None or verb.pos_ not in ("VERB", "AUX") and not adjective:
            continue
        passive = is_passive(verb)
        subs = subjects(verb.head) if adjective else direct_objects(verb) if passive else subjects(verb)
        objs = prep_objects(verb, "to") if passive or adjective else direct_objects(verb)
        clause = verb.head if adjective else verb
        for s_tok, s in ix.all_at(subs):
            for o_tok, o in ix.all_at(objs):
                if s != o and ix.etype(s) == ix.etype(o) == "Person":
                    yield Found(s, prop, o, *token_span(s_tok, verb, o_tok), "kin-verb", verb.i,
                                negated(clause), modality(clause), s_tok.i, o_tok.i)
