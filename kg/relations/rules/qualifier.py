"""The place-qualifier rule: "Kazakhstan's interior ministry", "Indian newspaper company Jagran",
"British Airways" are based in the place."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import PLACES, EntityIndex
from kg.entities.mentions import described_place
from kg.lexicon import words
from kg.lexicon.gazetteer import ORG_CLASSES, Gazetteer
from kg.relations.found import Found
from kg.relations.registry import Name, relation_rule


@relation_rule(order=50, names=(Name("place-qualifier", 0.75, descriptive=True),),
               reads=("nouns.org_name_words", "nouns.org_heads"))
def qualifier_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: an organisation described by its place is based in that place: "Kazakhstan's interior
    ministry", "Indian newspaper company Jagran", "Jagran, the Indian newspaper company"."""
    gaz = Gazetteer.load()
    for i, c in enumerate(ix.res.candidates):
        k = ix.res.of_candidate.get(i)
        if k is None:
            continue
        place, start = c.place, c.start
        if place is None and c.kind == "name" and ix.etype(k) not in PLACES | {"Person"}:
            found = described_place(doc[c.root], gaz)
            if found is None:
                continue
            noun, place = found
            start = min(c.start, noun.left_edge.i)
        if place is None:
            continue
        target = ix.res.cluster_named(place)
        if target is not None and target != k:
            yield Found(k, "basedIn", target, start, max(c.end, start + 1), "place-qualifier", c.root,
                        subject_token=c.root, object_token=start)
    # "the Haitian Parliament", "British Airways", "Canadian Imperial Bank of Commerce": a demonym that
    # opens a name ending in an organisation's word, or with one before "of" ("American Idiot", an
    # album, and "Swiss Army Knife" have none)
    org_words = words("nouns", "org_name_words", "words") | words("nouns", "org_heads")
    for c in ix.res.candidates:
        k, country = ix.by_root.get(c.root), ix.by_token.get(c.start)
        if c.kind == "name" and c.end - c.start > 1 and k is not None and ix.etype(k) in ORG_CLASSES \
                and country is not None and country != k and ix.etype(country) == "Country" \
                and any(t.lower_ in org_words and (t.i == c.end - 1 or doc[t.i + 1].lower_ == "of")
                        for t in doc[c.start + 1:c.end]):
            yield Found(k, "basedIn", country, c.start, c.end, "place-qualifier", c.root,
                        subject_token=c.root, object_token=c.start)
