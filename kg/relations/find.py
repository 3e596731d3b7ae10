"""Every relation of a doc: the registered rules in their declared order (the first to find a triple
keeps it), each triple checked against the classes its property relates, then the trained
classifier's step (kg/relations/pairs.py) over the pairs the rules left alone."""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from kg.entities.index import EntityIndex
from kg.entities.classes import is_a
from kg.relations.classify import RelationClassifier
from kg.relations.found import Found, lexicon
from kg.relations.pairs import classifier_relations
from kg.relations.registry import base_name, rules


def fits(ix: EntityIndex, f: Found) -> bool:
    """Whether a triple's subject and object are of the classes its property relates
    (kg/lexicon/relations.toml [classes], the ontology's domains and ranges), by the class hierarchy of
    kg/entities/classes.py: the filter reads an entity's class, it never decides one."""
    classes = lexicon()["classes"].get(f.predicate)
    if classes is None:
        return True
    return all(any(is_a(ix.etype(k), c) for c in allowed) for k, allowed in zip((f.subject, f.object), classes))


def _fitted(ix: EntityIndex, f: Found) -> Found | None:
    """The triple as its entities' classes allow: itself, else with the property
    kg/lexicon/relations.toml [classes_instead] names ("Modesto native X" lives there), else none."""
    if fits(ix, f):
        return f
    instead = lexicon()["classes_instead"].get(f.predicate)
    g = replace(f, predicate=instead) if instead else None
    return g if g is not None and fits(ix, g) else None


def find_relations(doc: Doc, ix: EntityIndex, classifier: RelationClassifier | None = None) -> list[Found]:
    """Every relation the registered rules find (in their declared order) whose entities are of the
    classes its property relates; the same triple twice in one sentence is kept once (the first rule
    to find it keeps it). ``ix`` is the document's one EntityIndex, which claims and events read too."""
    out: list[Found] = []
    seen: set[tuple[int, str, int, int]] = set()

    def keep(f: Found) -> int:
        sent = doc[f.anchor].sent.start
        if (f.subject, f.predicate, f.object, sent) not in seen:
            seen.add((f.subject, f.predicate, f.object, sent))
            out.append(f)
        return sent

    related: set[tuple[int, int, int]] = set()   # (sentence, entity, entity) the rules linked
    for rule in rules():
        declared = {n.text for n in rule.names}
        for f in rule.find(doc, ix):
            if base_name(f.rule) not in declared:   # a typo would get the default confidence silently
                raise ValueError(f"{rule.id} wrote the rule name {f.rule!r}, which it does not declare "
                                 f"(it declares {', '.join(sorted(declared))})")
            g = _fitted(ix, f)          # an ill-typed pair is dropped, and the classifier leaves it alone too
            sent = keep(g) if g is not None else doc[f.anchor].sent.start
            related.add((sent, *sorted((f.subject, f.object))))
    if classifier is not None:
        for f in classifier_relations(doc, ix, classifier, related):
            keep(f)
    return out
