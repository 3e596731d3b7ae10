"""kg.eval.gold: scoring a graph against a gold file, with the semantics of the reference checker.

Table-driven cases on small hand-made graphs, then agreement with ../shared/tools/check_graph.py on
the committed seed export and on a deliberately degraded copy of it.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.eval.gold import GoldReport, ItemResult, check, load_gold, read_graphs

ROOT = Path(__file__).resolve().parents[2]
SEED_TRIG = ROOT / "exports" / "seed.trig"
SHARED = Path(__file__).resolve().parents[3] / "shared"
REFERENCE = SHARED / "tools" / "check_graph.py"
SEED_DEV = SHARED / "gold" / "seed-dev.json"

EX = Namespace("http://example.org/")
NKG = Namespace("https://newskg.dev/ontology#")

PREFIXES = """
@prefix ex: <http://example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""
PEOPLE = """
ex:tokayev a ex:Person ; rdfs:label "Kassym-Jomart Tokayev" ; skos:altLabel "Tokayev" .
ex:masimov a ex:Person ; rdfs:label "Karim Masimov" .
ex:kazakhstan a ex:Country ; rdfs:label "Kazakhstan" .
ex:almaty a ex:City ; rdfs:label "Almaty" .
"""


def graph(turtle: str) -> Graph:
    """The four labelled people and places above plus ``turtle``."""
    return Graph().parse(data=PREFIXES + PEOPLE + turtle, format="turtle")


def one(item: dict, turtle: str) -> ItemResult:
    """Check a single gold item against ``graph(turtle)``."""
    [result] = check({"items": [{"id": "T1", **item}]}, graph(turtle)).items
    return result


# ---------------------------------------------------------------------------------------------------
# facts

ARREST = {"kind": "fact", "s": ["tokayev"], "p": ["arrest", "detain"], "o": ["masimov"]}

FACTS = [
    # (case, item, turtle, expected: None for a miss, else the start of `how`)
    ("direct triple", ARREST, "ex:tokayev ex:arrested ex:masimov .", "direct:"),
    ("direct triple, wrong direction", ARREST, "ex:masimov ex:arrested ex:tokayev .", None),
    ("sym accepts either direction", {**ARREST, "sym": True}, "ex:masimov ex:arrested ex:tokayev .",
     "direct:"),
    ("keyword in the predicate's rdfs:label", ARREST,
     'ex:tokayev ex:p17 ex:masimov . ex:p17 rdfs:label "detained" .', "direct:"),
    ("predicate without a keyword", ARREST, "ex:tokayev ex:met ex:masimov .", None),
    ("reified rdf:Statement", ARREST,
     "[] a rdf:Statement ; rdf:subject ex:tokayev ; rdf:predicate ex:arrested ; rdf:object ex:masimov .",
     "reified:"),
    ("event node typed with the keyword", ARREST,
     "ex:ev1 a ex:Arrest ; ex:agent ex:tokayev ; ex:patient ex:masimov .", "via arrest"),
    ("event node labelled with the keyword", ARREST,
     'ex:ev1 rdfs:label "an arrest" ; ex:agent ex:tokayev ; ex:patient ex:masimov .', "via"),
    ("keyword in the role predicate", ARREST,
     "ex:ev1 a ex:Event ; ex:agent ex:tokayev ; ex:detainee ex:masimov .", "via"),
    ("node in between without a keyword", ARREST,
     "ex:ev1 a ex:Meeting ; ex:agent ex:tokayev ; ex:patient ex:masimov .", None),
    ("a sentence node is a container, not a link", ARREST,
     'ex:s1 a ex:Sentence ; rdfs:label "arrest" ; ex:mentions ex:tokayev, ex:masimov .', None),
    ("an event whose label names the subject is itself a subject node, so it links nothing", ARREST,
     'ex:ev1 a ex:Arrest ; rdfs:label "arrest by Tokayev" ; ex:agent ex:tokayev ; ex:patient ex:masimov .',
     None),
    ("s null means any subject", {"kind": "fact", "s": None, "p": ["located"], "o": ["kazakhstan"]},
     "ex:almaty ex:locatedIn ex:kazakhstan .", "direct:"),
    ("an object that matches no label", ARREST, "ex:tokayev ex:arrested ex:nobody .", None),
]


@pytest.mark.parametrize("case, item, turtle, expected", FACTS, ids=[f[0] for f in FACTS])
def test_fact(case, item, turtle, expected):
    """A fact holds as a direct triple (either way with sym), a reified rdf:Statement, or through one
    non-container node whose type, label or either predicate holds a keyword; otherwise it is missed."""
    result = one(item, turtle)
    assert result.found == (expected is not None), result
    if expected is not None:
        assert result.how.startswith(expected), result.how


# ---------------------------------------------------------------------------------------------------
# claims

COUP = {"kind": "claim", "by": ["tokayev"], "about": ["coup"]}

CLAIMS = [
    ("claim with speaker and text", COUP,
     'ex:c1 a ex:Claim ; ex:speaker ex:tokayev ; ex:quotedText "the unrest was an attempted coup" .', True),
    ("the about word two hops away", COUP,
     'ex:c1 a ex:Claim ; ex:speaker ex:tokayev ; ex:content ex:p1 . ex:p1 ex:text "an attempted coup" .',
     True),
    ("three hops away is too far", COUP,
     'ex:c1 a ex:Claim ; ex:speaker ex:tokayev ; ex:content ex:p1 . ex:p1 ex:part ex:p2 . '
     'ex:p2 ex:text "an attempted coup" .', False),
    ("speaker linked by an incoming edge, quotation class", COUP,
     'ex:tokayev ex:said ex:c1 . ex:c1 a ex:Quotation ; ex:text "a coup" .', True),
    ("another speaker", COUP, 'ex:c1 a ex:Claim ; ex:speaker ex:masimov ; ex:text "a coup" .', False),
    ("another topic", COUP, 'ex:c1 a ex:Claim ; ex:speaker ex:tokayev ; ex:text "all is calm" .', False),
    ("a node without a claim class is not a claim", COUP,
     'ex:c1 a ex:Note ; ex:speaker ex:tokayev ; ex:text "a coup" .', False),
]


@pytest.mark.parametrize("case, item, turtle, expected", CLAIMS, ids=[c[0] for c in CLAIMS])
def test_claim(case, item, turtle, expected):
    """A claim is a node of a claim-like class linked to the speaker, with an about word in a literal
    (or a node's text) within two hops along out-edges."""
    assert one(item, turtle).found == expected


# ---------------------------------------------------------------------------------------------------
# quantities

ARRESTS = {"kind": "quantity", "value": 8000, "about": ["arrest", "detain"]}

QUANTITIES = [
    ("number on an event typed with the word", ARRESTS, "ex:ev a ex:Arrest ; ex:count 8000 .", True),
    ("number in text on a node labelled with the word", ARRESTS,
     'ex:ev rdfs:label "mass arrests" ; ex:countText "nearly 8,000 people" .', True),
    ("a neighbour says the word", ARRESTS,
     'ex:ev ex:count 8000 ; ex:about ex:a1 . ex:a1 rdfs:label "arrests" .', True),
    ("a decimal literal", ARRESTS, 'ex:ev a ex:Arrest ; ex:count "8000.0"^^xsd:decimal .', True),
    ("another value", ARRESTS, "ex:ev a ex:Arrest ; ex:count 800 .", False),
    ("the value without the word", ARRESTS, "ex:ev a ex:Protest ; ex:count 8000 .", False),
    ("a boolean is not a number", {**ARRESTS, "value": 1}, "ex:ev a ex:Arrest ; ex:done true .", False),
]


@pytest.mark.parametrize("case, item, turtle, expected", QUANTITIES, ids=[q[0] for q in QUANTITIES])
def test_quantity(case, item, turtle, expected):
    """A quantity is a literal equal to the value (numeric, or a number in a short text) on a node
    whose text, type, predicates or neighbours mention an about word."""
    assert one(item, turtle).found == expected


# ---------------------------------------------------------------------------------------------------
# entities

PUTIN = {"kind": "entity", "aliases": ["putin", "poutine"], "canonical": "putin"}

ENTITIES = [
    ("one node with both spellings", PUTIN,
     'ex:putin a ex:Person ; rdfs:label "Vladimir Putin" ; skos:altLabel "Vladimir Poutine" .', True),
    ("a name predicate is a label", PUTIN, 'ex:putin ex:name "Vladimir Putin" .', True),
    ("split in two nodes", PUTIN,
     'ex:putin a ex:Person ; rdfs:label "Vladimir Putin" . ex:poutine a ex:Person ; rdfs:label "Poutine" .',
     False),
    ("mentions and claims are not entity nodes", PUTIN,
     'ex:putin a ex:Person ; rdfs:label "Vladimir Putin" . ex:m1 a ex:Mention ; rdfs:label "Poutine" . '
     'ex:c1 a ex:Claim ; rdfs:label "Putin: all is well" .', True),
    ("canonical spelling missing", PUTIN, 'ex:poutine a ex:Person ; rdfs:label "Vladimir Poutine" .', False),
    ("no node at all", PUTIN, "", False),
]


@pytest.mark.parametrize("case, item, turtle, expected", ENTITIES, ids=[e[0] for e in ENTITIES])
def test_entity(case, item, turtle, expected):
    """An entity item holds when exactly one entity node matches its aliases and, if given, that
    node's labels contain the canonical spelling."""
    assert one(item, turtle).found == expected


def test_missed_entity_names_the_nodes():
    """A missed entity says how many entity nodes its aliases matched, and which."""
    result = one(PUTIN, 'ex:a a ex:Person ; rdfs:label "Putin" . ex:b a ex:Person ; rdfs:label "Poutine" .')
    assert not result.found and result.how == "2 entity nodes: putin; poutine"


# ---------------------------------------------------------------------------------------------------
# noise

NOISE = [
    ("a clean graph", "", []),
    ("an entity labelled only with a pronoun", 'ex:x a ex:Person ; rdfs:label "He" .',
     ["pronoun entity: ['he']"]),
    ("a pronoun mention is no entity", 'ex:x a ex:Mention ; rdfs:label "he" .', []),
    ("a pronoun beside a name", 'ex:x a ex:Person ; rdfs:label "he", "Tokayev" .', []),
    ("boilerplate kept as a literal", 'ex:doc ex:text "Skip to content" .',
     ["boilerplate literal on text: Skip to content"]),
]


@pytest.mark.parametrize("case, turtle, expected", NOISE, ids=[n[0] for n in NOISE])
def test_noise(case, turtle, expected):
    """Noise is entity nodes labelled only with pronouns, and site boilerplate kept as literals."""
    assert list(check({"items": []}, graph(turtle)).noise) == expected


# ---------------------------------------------------------------------------------------------------
# reading, reports

def test_named_graphs_are_read_as_their_union():
    """Labels in one named graph and the fact in another still make the fact found."""
    ds = Dataset()
    ds.graph(EX.g1).add((EX.tokayev, RDFS.label, Literal("Tokayev")))
    ds.graph(EX.g2).add((EX.masimov, SKOS.prefLabel, Literal("Masimov")))
    ds.graph(EX.g3).add((EX.tokayev, EX.arrested, EX.masimov))
    report = check({"items": [{"id": "F", **ARREST}]}, ds)
    assert report.found == 1 and report.triples == 3


def test_a_knowledge_graph_is_read_through_its_dataset():
    """Anything with a ``dataset`` (a KnowledgeGraph) is checked through that dataset."""
    ds = Dataset()
    ds.graph(EX.g).parse(data=PREFIXES + PEOPLE + "ex:tokayev ex:arrested ex:masimov .", format="turtle")
    assert check({"items": [{"id": "F", **ARREST}]}, SimpleNamespace(dataset=ds)).found == 1


def test_report_summary_and_lines():
    """The summary has the reference checker's shape; lines() lists misses (and with verbose the hits)
    and then the noise."""
    gold = {"name": "mini", "items": [
        {"id": "F1", "note": "Tokayev arrested Masimov", **ARREST},
        {"id": "N1", "note": "Putin is one node", **PUTIN},
    ]}
    g = graph('ex:tokayev ex:arrested ex:masimov . ex:he a ex:Person ; rdfs:label "he" .')
    report = check(gold, g)
    assert isinstance(report, GoldReport)
    assert (report.found, report.total, report.share) == (1, 2, 0.5)
    assert report.by_kind == {"entity": (0, 1), "fact": (1, 1)}
    assert report.summary() == (f"mini: 1/2 gold items found (50%; entity 0/1, fact 1/1); "
                                f"{len(g)} triples; 1 noise")
    quiet, verbose = report.lines(verbose=False), report.lines(verbose=True)
    assert [row.split()[:2] for row in quiet] == [["MISS", "N1"], ["NOISE", "pronoun"]]
    assert [row.split()[:2] for row in verbose] == [["ok", "F1"], ["MISS", "N1"], ["NOISE", "pronoun"]]
    assert not report.passes() and report.items[0].how.startswith("direct:")


def test_empty_gold_scores_zero():
    """No gold items: 0/0 and a share of 0."""
    report = check({"name": "none", "items": []}, Graph())
    assert report.summary() == "none: 0/0 gold items found (0%; ); 0 triples; 0 noise"
    assert report.passes()


def test_load_gold_names_the_file(tmp_path):
    """A gold file without a name is named by its path."""
    path = tmp_path / "g.json"
    path.write_text(json.dumps({"items": [{"id": "N1", **PUTIN}]}))
    assert load_gold(path)["name"] == str(path)


MALFORMED = [
    ("not JSON", "{items: [", "not valid JSON"),
    ("no items", {"name": "x"}, '"items"'),
    ("a list, not an object", [], '"items"'),
    ("an item that is not an object", {"items": ["F1"]}, "JSON object"),
    ("no id", {"items": [{"kind": "entity", "aliases": ["x"]}]}, "no 'id'"),
    ("no kind", {"items": [{"id": "X1", "aliases": ["x"]}]}, "no 'kind'"),
    ("unknown kind", {"items": [{"id": "X1", "kind": "relation"}]}, "unknown kind 'relation'"),
    ("fact without p", {"items": [{"id": "F1", "kind": "fact", "s": ["a"], "o": ["b"]}]}, "needs 'p'"),
    ("fact without s (write null for any)", {"items": [{"id": "F1", "kind": "fact", "p": ["a"], "o": ["b"]}]},
     "needs 's'"),
    ("claim without about", {"items": [{"id": "C1", "kind": "claim", "by": ["a"]}]}, "needs 'about'"),
    ("quantity without value", {"items": [{"id": "Q1", "kind": "quantity", "about": ["a"]}]},
     "needs 'value'"),
    ("entity without aliases", {"items": [{"id": "N1", "kind": "entity"}]}, "needs 'aliases'"),
    ("keywords as a string", {"items": [{"id": "F1", "kind": "fact", "s": None, "p": "arrest", "o": ["b"]}]},
     "'p' must be a non-empty list"),
    ("empty aliases", {"items": [{"id": "N1", "kind": "entity", "aliases": []}]}, "'aliases' must be"),
    ("value as text", {"items": [{"id": "Q1", "kind": "quantity", "value": "8000", "about": ["a"]}]},
     "'value' must be a number"),
    ("an id used twice", {"items": [{"id": "N1", "kind": "entity", "aliases": ["a"]},
                                    {"id": "N1", "kind": "entity", "aliases": ["b"]}]}, "used twice"),
]


@pytest.mark.parametrize("case, content, message", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_gold_raises(tmp_path, case, content, message):
    """A malformed gold file raises ValueError naming the file and what is wrong."""
    path = tmp_path / "gold.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    with pytest.raises(ValueError, match=message) as err:
        load_gold(path)
    assert str(path) in str(err.value)


def test_goldcheck_does_not_import_spacy():
    """Scoring a graph needs rdflib only: importing kg.eval.gold leaves spaCy unloaded."""
    code = "import sys, kg.eval.gold; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------------
# agreement with the reference checker

# General items about the seed article beyond seed-dev: null subjects, sym, hops, misses, years.
EXTRA_GOLD = {"name": "extra", "items": [
    {"id": "X1", "kind": "fact", "s": None, "p": ["member"], "o": ["csto", "collective security treaty"]},
    {"id": "X2", "kind": "fact", "s": ["nazarbayev"], "p": ["success", "succeed"], "o": ["tokayev"],
     "sym": True},
    {"id": "X3", "kind": "fact", "s": ["masimov"], "p": ["ally"], "o": ["nazarbayev"]},
    {"id": "X4", "kind": "fact", "s": ["putin"], "p": ["support"], "o": ["tokayev"]},
    {"id": "X5", "kind": "fact", "s": ["kazakhstan"], "p": ["arrest"], "o": ["masimov"]},
    {"id": "X6", "kind": "fact", "s": ["tokayev"], "p": ["request", "call"], "o": ["csto", "alliance"]},
    {"id": "X7", "kind": "fact", "s": ["masimov"], "p": ["arrest"], "o": ["tokayev"], "sym": True},
    {"id": "X8", "kind": "fact", "s": ["tokayev"], "p": ["agent"], "o": ["masimov"]},
    {"id": "X9", "kind": "claim", "by": ["putin"], "about": ["threat"]},
    {"id": "X10", "kind": "claim", "by": ["tokayev"], "about": ["terror"]},
    {"id": "X11", "kind": "claim", "by": ["reuters"], "about": ["protest"]},
    {"id": "X12", "kind": "quantity", "value": 160, "about": ["kill", "dead", "death"]},
    {"id": "X13", "kind": "quantity", "value": 8000, "about": ["troop"]},
    {"id": "X14", "kind": "quantity", "value": 2019, "about": ["succession"]},
    {"id": "X15", "kind": "entity", "aliases": ["kazakhstan"]},
    {"id": "X16", "kind": "entity", "aliases": ["masimov"], "canonical": "karim masimov"},
    {"id": "X17", "kind": "entity", "aliases": ["nazarbayev"], "canonical": "nazarbaev"},
    {"id": "X18", "kind": "entity", "aliases": ["almaty"]},
]}


def degrade(ds: Dataset) -> Dataset:
    """The seed graph made worse: every nkg:arrested triple and statement gone, every entity with
    skos:altLabels split in two (the alt labels move to a twin node), a pronoun entity and a line of
    site boilerplate added."""
    for g in list(ds.graphs()):
        g.remove((None, NKG.arrested, None))
        for statement in list(g.subjects(RDF.predicate, NKG.arrested)):
            g.remove((statement, None, None))
        for node in sorted(set(g.subjects(SKOS.altLabel, None))):
            twin = URIRef(f"{node}-twin")
            for cls in list(g.objects(node, RDF.type)):
                g.add((twin, RDF.type, cls))
            for label in list(g.objects(node, SKOS.altLabel)):
                g.remove((node, SKOS.altLabel, label))
                g.add((twin, RDFS.label, label))
    extra = ds.graph(EX.degraded)
    extra.add((EX.he, RDF.type, NKG.Person))
    extra.add((EX.he, RDFS.label, Literal("He")))
    extra.add((EX.page, NKG.sentenceText, Literal("Skip to content")))
    return ds


def reference(gold: Path, rdf: Path) -> tuple[set[str], list[str], str]:
    """The reference checker's found ids, NOISE rows and summary line."""
    out = subprocess.run([sys.executable, str(REFERENCE), str(gold), str(rdf), "--verbose"],
                         capture_output=True, text=True)
    assert out.returncode in (0, 1), out.stderr
    rows = out.stdout.splitlines()
    found = {row.split()[1] for row in rows if row.startswith("ok ")}
    return found, sorted(r for r in rows if r.startswith("NOISE")), rows[-1]


@pytest.fixture(params=["seed-dev", "extra"])
def gold_file(request, tmp_path) -> Path:
    if request.param == "seed-dev":
        if not SEED_DEV.is_file():
            pytest.skip(f"no shared gold file at {SEED_DEV}")
        return SEED_DEV
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(EXTRA_GOLD))
    return path


@pytest.fixture(params=["seed", "degraded"])
def graph_file(request, tmp_path) -> Path:
    if not SEED_TRIG.is_file():
        pytest.skip(f"no seed export at {SEED_TRIG}")
    if request.param == "seed":
        return SEED_TRIG
    path = tmp_path / "degraded.trig"
    degrade(read_graphs([SEED_TRIG])).serialize(path, format="trig")
    return path


def test_agrees_with_the_reference_checker(gold_file, graph_file):
    """On the seed export and on a degraded copy, check() finds the same items as check_graph.py and
    prints the same summary line (found/total, per kind, triples, noise) and the same noise."""
    if not REFERENCE.is_file():
        pytest.skip(f"no reference checker at {REFERENCE}")
    ref_found, ref_noise, ref_summary = reference(gold_file, graph_file)
    report = check(load_gold(gold_file), read_graphs([graph_file]))
    assert {i.id for i in report.items if i.found} == ref_found
    assert report.summary() == ref_summary
    if len(report.noise) <= 20:   # the reference lists at most 20, in no set order
        assert sorted(r for r in report.lines() if r.startswith("NOISE")) == ref_noise
    if graph_file.name == "degraded.trig":   # the degradation bites, so agreement means something
        assert report.found < report.total and len(report.noise) == 2
