"""One place decides an entity's class (kg/entities/classes.py), and says which cues it used."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from spacy.tokens import Span

from kg.entities.coref import resolve
from kg.entities.mentions import find_mentions
from kg.entities.classes import ORG_CLASSES, PLACES, is_a
from kg.lexicon.gazetteer import Gazetteer
from kg.nlp.pipeline import load_nlp

KG = Path(__file__).resolve().parents[2] / "kg"
TYPING = KG / "entities" / "classes.py"
# the argument that carries the class: Candidate(start, end, text, kind, typed), Cluster(members, canonical, typed)
CLASS_ARG = {"Candidate": 4, "Cluster": 2}


def deciders() -> set[str]:
    """The functions of kg/entities/classes.py that decide a class: "of_name", "of_cluster"."""
    tree = ast.parse(TYPING.read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith(("of_", "with_"))}


def _called(func: ast.expr) -> str | None:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def typing_outside(source: str, where: str) -> list[str]:
    """Where code decides a class itself: a Candidate or a Cluster given a class no function of
    classes.py returned right there ("Person", a variable, an ``etype=``), a ``Typed`` made by hand, or
    an ``.etype`` or ``.typed`` assigned."""
    ok, out = deciders(), []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and node.attr in ("etype", "typed"):
            out.append(f"{where}:{node.lineno}: assigns .{node.attr}")
        if not isinstance(node, ast.Call):
            continue
        called = _called(node.func)
        if called == "Typed":
            out.append(f"{where}:{node.lineno}: makes a Typed")
        if called not in (*CLASS_ARG, "replace"):
            continue
        if any(k.arg == "etype" for k in node.keywords):
            out.append(f"{where}:{node.lineno}: gives {called} an etype")
        given = [k.value for k in node.keywords if k.arg == "typed"]
        if called in CLASS_ARG:
            given += node.args[CLASS_ARG[called]:CLASS_ARG[called] + 1]
        for value in given:
            if not (isinstance(value, ast.Call) and _called(value.func) in ok):
                out.append(f"{where}:{node.lineno}: gives {called} a class classes.py did not decide")
    return out


def test_only_typing_decides_a_class():
    """No module but kg/entities/classes.py decides an entity's class."""
    found = [v for path in sorted(KG.rglob("*.py")) if path != TYPING
             for v in typing_outside(path.read_text(encoding="utf-8"), str(path.relative_to(KG.parent)))]
    assert found == []


@pytest.mark.parametrize("source", [
    # the inline typing this replaced
    'yield Candidate(span.start - lead, span.end, text, "name", etype, head_token=root, lead=lead)\n',
    'yield Candidate(tok.i, tok.i + 1, tok.text, "pronoun", "Person")\n',
    'yield Candidate(ent.start, ent.end, ent.text, "demonym", country.etype, country.name)\n',
    'cl = Cluster(members=list(members), canonical=name, etype=etype)\n',
    'clusters.append(Cluster(canonical=name, typed=typed))\n',
    'if lead and cl.etype == "Organization":\n    cl.etype = "Person"\n',
    'c = Candidate(0, 1, "Thales", "name", typed=Typed("Organization"))\n',
    'c = replace(c, typed=other.typed)\n',
])
def test_the_check_catches_typing_elsewhere(source):
    assert typing_outside(source, "kg/bad.py")


def test_the_check_lets_typing_decide():
    assert typing_outside('yield Candidate(tok.i, tok.i + 1, tok.text, "pronoun", of_pronoun())\n'
                          'clusters.append(Cluster(canonical=name, typed=of_member(c)))\n', "kg/ok.py") == []


# (text, the NER label forced on tokens [start, end) or None, name, class, evidence)
TABLE = [
    ("Kazakhstan sent troops.", None, "Kazakhstan", "Country", ("cluster:gazetteer", "gazetteer")),
    ("Mr Greenspan said rates would rise.", None, "Greenspan", "Person", ("cluster:vote", "ner:PERSON")),
    ("The telecoms firm Thales won the contract.", None, "Thales", "Organization",
     ("cluster:context-vote", "context:org-noun-before", "ner:PERSON")),
    ("Santa Monica-based Activison said sales rose.", None, "Activison", "Organization",
     ("cluster:context-vote", "context:based-firm", "ner:PERSON")),
    ("Ireland's Alistair Cragg won the race.", None, "Alistair Cragg", "Person",
     ("cluster:full-personal-name", "context:given-name-first", "ner:ORG")),
    ("Governor Pataki said the plan was fine.", (1, 2, "ORG"), "Pataki", "Person",
     ("cluster:context-vote", "ner:ORG", "title-before-name")),
    ("The Zambian Ministry of Mines issued a statement.", None, "Zambian Ministry of Mines", "GovernmentBody",
     ("cluster:vote", "ner:ORG", "org-head:ministry")),
    ("The Zambian Ministry of Mines issued a statement.", None, "Zambia", "Country",
     ("cluster:first-mention", "gazetteer:demonym")),
    ("Saint-Gall, Switzerland, Feb 2 (AFP) -- Police said on Wednesday the man was held.", None, "Saint-Gall",
     "City", ("cluster:context-vote", "dateline-town", "ner:PERSON")),
    ("The premiere of Lemony Snicket was held in London.", None, "Lemony Snicket", "OtherEntity",
     ("cluster:context-vote", "context:part-of-a-work", "ner:PERSON")),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize("text,force,name,etype,evidence", TABLE, ids=[f"{r[2]}:{r[3]}" for r in TABLE])
def test_each_cue_types_its_name(gaz, text, force, name, etype, evidence):
    doc = load_nlp()(text)
    if force is not None:                # a label the NER may get right today: "Pataki" is a PERSON
        doc.set_ents([Span(doc, *force)], default="unmodified")
    res = resolve(doc, find_mentions(doc, gaz), gaz)
    assert [(cl.etype, cl.evidence) for cl in res.clusters if cl.canonical == name] == [(etype, evidence)]


def test_a_vote_of_names_settles_the_class(gaz):
    """Mentions of one name the NER reads two ways: the longer names outweigh ("Acme Widgets" ORG twice
    against "Widgets" PERSON once)."""
    doc = load_nlp()("Acme Widgets said profits rose. Acme Widgets shares fell, Widgets said.")
    doc.set_ents([Span(doc, 0, 2, "ORG"), Span(doc, 6, 8, "ORG"), Span(doc, 11, 12, "PERSON")])
    res = resolve(doc, find_mentions(doc, gaz), gaz)
    [cl] = [cl for cl in res.clusters if cl.canonical == "Acme Widgets"]
    assert cl.etype == "Organization" and "cluster:vote" in cl.evidence and len(cl.members) == 3


@pytest.mark.parametrize("etype,cls,expected", [
    ("Company", "Organization", True), ("GovernmentBody", "Organization", True), ("City", "Place", True),
    ("Country", "Place", True), ("Person", "Entity", True), ("Company", "Company", True),
    ("City", "Organization", False), ("Company", "Place", False), ("Organization", "Company", False),
    ("Place", "City", False),
])
def test_is_a_reads_the_class_hierarchy(etype, cls, expected):
    assert is_a(etype, cls) is expected

