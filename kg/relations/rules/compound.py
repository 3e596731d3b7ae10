"""The hyphen-compound rule: "the Russian-led alliance", "the Gibraltar-based company Menatep"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import EntityIndex
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule


@relation_rule(order=60, names=(Name("hyphen-compound", 0.7, descriptive=True),),
               reads=("relations.compounds", "relations.compounds_inverse"))
def compound_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: "X-led Y" and "X-backed Y": X leads / supports Y ("the Russian-led alliance"); "X-based
    Y": Y is based in X."""
    table, inverse = lexicon()["compounds"], lexicon()["compounds_inverse"]
    for tok in doc:
        prop = table.get(tok.lower_) or inverse.get(tok.lower_)
        if prop is None or tok.i < 2 or doc[tok.i - 1].text != "-":
            continue
        x_tok = doc[tok.i - 2]
        x = ix.by_token.get(x_tok.i)
        y = ix.at(tok.head) if tok.dep_ in ("amod", "compound") else None
        if x is None or y is None or x == y:
            continue
        if tok.lower_ in inverse:
            if ix.etype(y) == "Person":
                prop = "livesIn"        # "London-based Levy": a person lives there
            yield Found(y, prop, x, x_tok.i, tok.head.i + 1, "hyphen-compound", tok.i,
                        subject_token=tok.head.i, object_token=x_tok.i)
        else:
            yield Found(x, prop, y, x_tok.i, tok.head.i + 1, "hyphen-compound", tok.i,
                        subject_token=x_tok.i, object_token=tok.head.i)
