"""The role-description rule: "the Kazakh president", resolved to Tokayev, leads Kazakhstan."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import EntityIndex
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule


@relation_rule(order=40, names=(Name("role-description", 0.7, descriptive=True),),
               reads=("relations.nouns",))
def role_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a description resolved to a person ("the Kazakh president" -> Tokayev) says that the
    person holds that title for that country: a leader-like title gives leaderOf the country."""
    nouns = lexicon()["nouns"]
    for i, c in enumerate(ix.res.candidates):
        k = ix.res.of_candidate.get(i)
        if c.kind != "description" or c.etype != "Person" or c.role is None or k is None:
            continue
        title, country = c.role
        if nouns.get(title) != "leaderOf" or country is None:
            continue
        target = ix.res.cluster_named(country)
        if target is not None and target != k:
            yield Found(k, "leaderOf", target, c.start, c.end, "role-description", c.root, subject_token=c.root)
