"""The person-qualifier rule: "Atlanta businessman Neil Estes", "a Netherlands businessman"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import ORG_NOUNS, EntityIndex
from kg.relations.places import known_place
from kg.lexicon import load, words
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule


@relation_rule(order=110, names=(Name("person-qualifier", 0.7, descriptive=True),),
               reads=("relations.nouns", "nouns.org_heads", "nouns.roles_beside_a_name", "nouns.org_kinds"))
def person_qualifier_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a place that qualifies a person's description says where the person is from: "Atlanta
    businessman Neil Estes" lives in Atlanta, "Robert Corduwener, a Netherlands businessman" is a
    citizen of the Netherlands (a team, "England coach X", is no place; relational nouns, "Kazakh
    president X", are the noun rules')."""
    for i, c in enumerate(ix.res.candidates):
        x = ix.res.of_candidate.get(i)
        if c.kind != "name" or x is None or ix.etype(x) != "Person":
            continue
        span = range(c.start, c.end)
        descriptors = [t for t in doc[max(c.start - 4, 0):min(c.end + 6, len(doc))]
                       if t.head.i in span and t.dep_ in ("compound", "appos") and t.pos_ in ("NOUN", "PROPN")
                       and (t.i not in ix.by_token or t.i in span) and t.lemma_.lower() not in lexicon()["nouns"]
                       and t.lemma_.lower() not in ORG_NOUNS       # "Russian oil firm Yukos" is no person
                       and not any(u.text == "(" for u in doc[min(t.i, c.start):max(t.i, c.end)])]
        for d in descriptors:
            for p in d.children:
                k = ix.place(p)
                if p.dep_ not in ("compound", "poss", "nmod", "amod") or p.i > d.i or k is None or k == x:
                    continue
                if p.dep_ == "amod" and ix.etype(k) != "Country":
                    continue            # "European champion X": a continent's adjective is no origin
                if any(c.dep_ == "compound" and p.i < c.i < d.i and c.lemma_.lower() in load("nouns")["org_heads"]
                       for c in d.children):
                    continue            # "Santa Clara County Superior Court Judge X": the county's court
                if d.lemma_.lower() in words("nouns", "roles_beside_a_name", "words") and not known_place(ix, k):
                    continue            # "Holby City actor X", "Nirvana frontman X": a series, a band
                prop = "citizenOf" if ix.etype(k) == "Country" else "livesIn"
                yield Found(x, prop, k, min(p.i, c.start), max(c.end, d.i + 1), "person-qualifier", d.i,
                            subject_token=c.root, object_token=p.i)
