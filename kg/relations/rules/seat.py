"""The seat rule: "NRC headquarters in Rockville", "the bank's head office in Frankfurt"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import PLACES, EntityIndex
from kg.lexicon.gazetteer import ORG_CLASSES
from kg.nlp.syntax import follow
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule
from kg.relations.common import and_its_region


@relation_rule(order=120, names=(Name("seat-noun", 0.8, descriptive=True),),
               reads=("relations.seat",))
def seat_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: "NRC headquarters in Rockville", "the bank's head office in Frankfurt", "the NRC's
    Rockville, Md., headquarters": the organisation whose seat it is (compound or possessor) is based
    in the place."""
    table = lexicon()["seat"]
    for tok in doc:
        two = f"{doc[tok.i - 1].lower_} {tok.lower_}" if tok.i else ""
        if tok.lower_ not in table["nouns"] and two not in table["nouns"]:
            continue
        owners = [(c, ix.at(c)) for c in tok.children if c.dep_ in ("compound", "poss") and c.i < tok.i]
        owners = [(c, k) for c, k in owners if k is not None and ix.etype(k) in ORG_CLASSES]
        named = [p for prep in table["prepositions"] for p in follow(tok, f"prep:{prep}")]
        named += [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.i < tok.i and c.i in ix.by_root]
        places = [pk for p, k in ix.all_at(named) if ix.etype(k) in PLACES for pk in and_its_region(ix, p, k)]
        for o_tok, o in owners:
            for p_tok, p in places:
                yield Found(o, "basedIn", p, o_tok.i, p_tok.i + 1, "seat-noun", tok.i,
                            subject_token=o_tok.i, object_token=p_tok.i)
