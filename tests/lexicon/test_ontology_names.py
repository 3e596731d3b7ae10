"""Values of the lexicon that name an ontology class or property are names the ontology has: the
schema (kg/lexicon/schema.py) checks keys and types, this checks that "Protset" or "leadrOf" in a
value is caught too."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.lexicon import load

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "newskg.ttl"
NKG = "https://newskg.dev/ontology#"


def _terms() -> tuple[set[str], set[str]]:
    g = Graph().parse(ONTOLOGY, format="turtle")
    local = lambda s: str(s)[len(NKG):]  # noqa: E731
    classes = {local(s) for s in g.subjects(RDF.type, OWL.Class) if str(s).startswith(NKG)}
    props = {local(s) for t in (OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property)
             for s in g.subjects(RDF.type, t) if str(s).startswith(NKG)}
    return classes, props


CLASSES, PROPERTIES = _terms()


def _class_values() -> list[tuple[str, str]]:
    nouns, events, orgs = load("nouns"), load("events"), load("organizations")
    out = [(f"nouns.toml [org_heads] {k}", v) for k, v in nouns["org_heads"].items()]
    out += [(f"nouns.toml [class_nouns] {k}", v) for k, v in nouns["class_nouns"].items()]
    for name, spec in load("taxonomy")["class"].items():
        out += [(f"taxonomy.toml [class.{name}]", name)]
        out += [(f"taxonomy.toml [class.{name}] parent", spec["parent"])] if "parent" in spec else []
    out += [(f"organizations.toml {o['name']}", o["class"]) for o in orgs["organization"]]
    out += [(f"conll04.toml [entities] {k}", k) for k in load("conll04")["entities"]]
    classes = load("relations")["classes"]
    out += [(f"relations.toml [classes] {p}", c) for p, sides in classes.items() for side in sides for c in side]
    return out


def _property_values() -> list[tuple[str, str]]:
    rel, c4 = load("relations"), load("conll04")
    out = [(f"relations.toml [[verb]] {v['lemmas'][0]}", v["property"]) for v in rel["verb"]]
    for table in ("nouns", "deed_nouns", "compounds", "compounds_inverse", "classes_instead", "kin"):
        out += [(f"relations.toml [{table}] {k}", v) for k, v in rel[table].items()]
    out += [(f"relations.toml [kin_verbs] {k}", k) for k in rel["kin_verbs"]]
    out += [(f"relations.toml [classes] {p}", p) for p in rel["classes"]]
    out += [(f"conll04.toml [properties] {k}", v) for k, v in c4["properties"].items()]
    return out


@pytest.mark.parametrize("where,name", _class_values())
def test_a_class_named_in_the_lexicon_is_in_the_ontology(where, name):
    assert name in CLASSES | {"Entity"}, f"{where}: {name!r} is no class of ontology/newskg.ttl"


@pytest.mark.parametrize("where,name", _property_values())
def test_a_property_named_in_the_lexicon_is_in_the_ontology(where, name):
    assert name in PROPERTIES, f"{where}: {name!r} is no property of ontology/newskg.ttl"


@pytest.mark.parametrize("spec", load("relations")["verb"], ids=lambda s: s["lemmas"][0])
def test_a_verb_pattern_names_its_object_in_the_path_syntax(spec):
    """`object` is "dobj" or "prep:<word>", maybe followed by ">noun>prep" steps: "dobjj" is caught."""
    assert re.fullmatch(r"(dobj|prep:[a-z]+)(>[a-z]+>[a-z]+)*", spec["object"]), spec["object"]


def test_the_checks_catch_a_misspelling():
    assert "Protset" not in CLASSES and "leadrOf" not in PROPERTIES
    assert {"Protest", "Person"} <= CLASSES and {"leaderOf", "allyOf"} <= PROPERTIES


def _subclasses(root: str) -> set[str]:
    g = Graph().parse(ONTOLOGY, format="turtle")
    out, todo = set(), [URIRef(NKG + root)]
    while todo:
        c = todo.pop()
        for s in g.subjects(RDFS.subClassOf, c):
            if str(s).startswith(NKG) and str(s)[len(NKG):] not in out:
                out.add(str(s)[len(NKG):])
                todo.append(s)
    return out


@pytest.mark.parametrize("root", ["Entity", "Event"])
def test_every_class_of_the_ontology_has_its_group_in_the_graph_views(root):
    """A new class of the ontology gets a group in the GraphML and HTML views (kg/rdf/network.py),
    not the "Other" of an unknown class."""
    from kg.rdf.network import GROUP_OF

    missing = sorted(_subclasses(root) - set(GROUP_OF))
    assert not missing, f"add {missing} to ENTITY_GROUPS or EVENT_CLASSES in kg/rdf/network.py"
