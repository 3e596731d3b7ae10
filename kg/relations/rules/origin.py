"""The origin rule: "Andrew Hall of Miami", "Derwinski, a Republican from Chicago"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import EntityIndex
from kg.entities.mentions import is_honorific, is_title
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule
from kg.relations.common import and_its_region


@relation_rule(order=90, names=(Name("origin-of", 0.7, descriptive=True),),
               reads=("relations.origin", "relations.nouns"))
def origin_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: "Andrew Hall of Miami", "Jane Doe, 50, of Bethany, Conn.", "Derwinski, a Republican from
    Chicago": a person "of"/"from" a place lives there (and in the state or country after its comma)."""
    preps = set(lexicon()["origin"]["prepositions"])
    for tok in doc:
        x = ix.by_root.get(tok.i)
        if x is None or ix.etype(x) != "Person" or tok.pos_ != "PROPN" or is_title(tok):
            continue                          # a name, not "the President of Kazakhstan"
        # the preposition hangs on the name, or on an age or a bare description in apposition to it
        # (a relational noun, "mayor of X", is the noun rules' to read)
        hosts = [tok] + [c for c in tok.children if c.dep_ in ("appos", "npadvmod", "amod") and c.i > tok.i
                         and c.i not in ix.by_token and (c.like_num or c.lemma_.lower() not in lexicon()["nouns"])]
        # an envoy or a minister "of" a country represents it: "Ambassador Stefan Johannesson of
        # Iceland" is its citizen, not a resident
        titled = any(is_title(t) or is_honorific(t) for t in doc[max(tok.left_edge.i, tok.i - 4):tok.i])
        for host in hosts:
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps or host is not tok and is_title(host) \
                        and prep.lower_ == "of":
                    continue            # "co-founder of Blinkx" is the role's; "a manager from Newcastle" a home
                for place in prep.children:
                    o = ix.place(place)
                    if place.dep_ != "pobj" or o is None or o == x:
                        continue
                    prop = "citizenOf" if titled and ix.etype(o) == "Country" else "livesIn"
                    for p_tok, p in and_its_region(ix, place, o):
                        if p != x:
                            yield Found(x, prop, p, tok.i, p_tok.i + 1, "origin-of", prep.i,
                                        subject_token=tok.i, object_token=p_tok.i)
