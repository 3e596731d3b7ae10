"""The deed-noun rule: "the assassination of Y by X", "X was convicted of Y's killing"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import EntityIndex
from kg.nlp.syntax import follow, subjects
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule
from kg.relations.common import controlled, judgement, status_of, token_span


@relation_rule(order=20, names=(Name("deed-noun", 0.75),),
               reads=("relations.deed_nouns", "relations.control", "relations.deed_verbs"))
def deed_noun_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a noun of a deed links its doer to its victim: "the assassination of Y by X", "X was
    convicted of Y's killing", "X admitted the murder of Y" (facts); "police arrested X for the murder
    of Y", "X was charged with the murder of Y" (alleged); "X denied the murder of Y" (denied).
    The nouns are ``[deed_nouns]``, the verbs of judgement ``[control]`` and ``[deed_verbs]``."""
    deeds = lexicon()["deed_nouns"]
    for tok in doc:
        prop = deeds.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if prop is None:
            continue
        victims = ix.all_at(follow(tok, "prep:of")) or ix.all_at([c for c in tok.children if c.dep_ == "poss"])
        doers, how = ix.all_at(follow(tok, "prep:by")), "fact"
        if not doers and (control := controlled(tok)):
            doers, how = ix.all_at(control[0]), control[1]
        elif not doers and tok.dep_ == "dobj":
            how = judgement("deed_verbs", tok.head)
            doers = ix.all_at(subjects(tok.head)) if how else []
        for d_tok, d in doers:
            for v_tok, v in victims:
                if d != v and ix.etype(d) != "Country":
                    yield Found(d, prop, v, *token_span(d_tok, tok, v_tok), "deed-noun", tok.i, *status_of(how),
                                d_tok.i, v_tok.i)
