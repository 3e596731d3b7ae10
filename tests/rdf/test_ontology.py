"""The ontology (ontology/newskg.ttl), the SHACL shapes (ontology/shapes.ttl) and kg.rdf.validate."""
from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from kg.events.taxonomy import classes as event_classes
from kg.rdf import iris
from kg.rdf.iris import NKG, ONTOLOGY_GRAPH, PREFIXES
from kg.rdf.validate import ValidationReport, ontology_graph, shapes_graph, validate

ROOT = Path(__file__).resolve().parents[2]
# Open namespaces: rdflib's closed SDO and XSD warn when pytest probes module attributes.
SDO = Namespace(str(PREFIXES["schema"]))
XSD = Namespace(str(PREFIXES["xsd"]))

C, OP, DP, AP = OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty

# Every nkg: term of the layout (docs/rdf-layout.md) and the model, with what it must be declared as.
EXPECTED_TERMS = [
    # entities
    ("Entity", C), ("Person", C), ("Organization", C), ("GovernmentBody", C), ("SecurityForce", C),
    ("Alliance", C), ("PoliticalParty", C), ("MediaOrganization", C), ("Company", C),
    ("Place", C), ("Country", C), ("City", C), ("Region", C), ("Position", C), ("OtherEntity", C),
    # events (the classes the extractor wrote before the taxonomy; the taxonomy's are added below),
    # the codes on event classes, unnamed actors, amounts, claims, documents
    ("Event", C), ("Protest", C), ("Arrest", C), ("Killing", C), ("Deployment", C), ("Attack", C),
    ("Meeting", C), ("Succession", C), ("ploverCode", AP), ("ploverMode", AP), ("cameoCode", AP),
    ("GroupActor", C), ("PhraseMention", C), ("Amount", C), ("Claim", C), ("Document", C),
    # relations between entities
    ("allyOf", OP), ("memberOf", OP), ("leaderOf", OP), ("holdsPosition", OP), ("successorOf", OP),
    ("locatedIn", OP), ("deployedTo", OP), ("arrested", OP), ("killed", OP), ("attacked", OP),
    ("supports", OP), ("opposes", OP), ("requested", OP), ("accusedOf", OP), ("participatedIn", OP),
    ("spokespersonOf", OP), ("worksFor", OP), ("basedIn", OP), ("reportedFrom", OP), ("livesIn", OP),
    ("citizenOf", OP),
    # event roles and quantities
    ("agent", OP), ("patient", OP), ("place", OP), ("recipient", OP), ("theme", OP), ("instrument", OP), ("attribute", OP),
    ("themeText", DP), ("time", DP), ("date", DP), ("count", DP), ("countQualifier", DP), ("countText", DP),
    ("verbLemma", DP), ("verbPhrase", DP), ("amount", OP), ("amountValue", DP), ("unit", DP),
    ("amountText", DP), ("groupKind", DP),
    # claims
    ("speaker", OP), ("speakerText", DP), ("cueVerb", DP), ("quotedText", DP),
    ("claimsStatement", OP), ("claimsEvent", OP),
    # provenance
    ("sentenceText", DP), ("sentenceIndex", DP), ("startChar", DP), ("endChar", DP), ("rule", DP),
    ("confidence", DP), ("extractorVersion", DP), ("asserted", DP), ("negated", DP), ("modality", DP),
    # documents
    ("source", DP), ("contentHash", DP),
    # positions and kinship (the section at the end of the ontology)
    ("office", DP), ("positionAt", OP), ("former", DP), ("startDate", DP), ("endDate", DP),
    ("childOf", OP), ("parentOf", OP), ("spouseOf", OP), ("siblingOf", OP), ("relativeOf", OP), ("friendOf", OP),
    # cross-document resolution (kg/resolution/)
    ("EntityMerge", C), ("mergedEntity", OP), ("mergedWith", OP), ("canonicalEntity", OP), ("evidenceDocument", OP),
    ("evidenceLabel", DP), ("reason", DP), ("undone", DP),
]
EXPECTED_TERMS += [(c.name, C) for c in event_classes() if (c.name, C) not in EXPECTED_TERMS]

# Classes and datatypes from outside nkg: that a domain or range may name.
EXTERNAL_CLASSES = {RDF.Statement, XSD.string, XSD.integer, XSD.decimal, XSD.boolean, XSD.date}

ALIGNMENTS = [
    (NKG.Person, RDFS.subClassOf, NKG.Entity),
    (NKG.Organization, RDFS.subClassOf, NKG.Entity),
    (NKG.Place, RDFS.subClassOf, NKG.Entity),
    (NKG.Position, RDFS.subClassOf, NKG.Entity),
    (NKG.OtherEntity, RDFS.subClassOf, NKG.Entity),
    (NKG.GovernmentBody, RDFS.subClassOf, NKG.Organization),
    (NKG.Country, RDFS.subClassOf, NKG.Place),
    (NKG.Arrest, RDFS.subClassOf, NKG.Coerce),
    (NKG.Coerce, RDFS.subClassOf, NKG.Event),
    (NKG.Killing, RDFS.subClassOf, NKG.Assault),
    (NKG.Meeting, RDFS.subClassOf, NKG.Consult),
    (NKG.Resign, RDFS.subClassOf, NKG.Succession),
    (NKG.Resign, RDFS.subClassOf, NKG.Retreat),
    (NKG.GroupActor, RDFS.subClassOf, PROV.Agent),
    (NKG.Person, RDFS.subClassOf, SDO.Person),
    (NKG.Person, RDFS.subClassOf, PROV.Agent),
    (NKG.Organization, RDFS.subClassOf, PROV.Agent),
    (NKG.GovernmentBody, RDFS.subClassOf, SDO.GovernmentOrganization),
    (NKG.MediaOrganization, RDFS.subClassOf, SDO.NewsMediaOrganization),
    (NKG.Company, RDFS.subClassOf, SDO.Corporation),
    (NKG.Event, RDFS.subClassOf, SDO.Event),
    (NKG.Claim, RDFS.subClassOf, SDO.Claim),
    (NKG.Claim, RDFS.subClassOf, PROV.Entity),
    (NKG.Document, RDFS.subClassOf, SDO.NewsArticle),
    (NKG.Document, RDFS.subClassOf, PROV.Entity),
    (NKG.allyOf, RDF.type, OWL.SymmetricProperty),
    (NKG.memberOf, RDFS.subPropertyOf, SDO.memberOf),
    (NKG.worksFor, RDFS.subPropertyOf, SDO.worksFor),
    (NKG.locatedIn, RDFS.subPropertyOf, SDO.containedInPlace),
    (NKG.livesIn, RDFS.subPropertyOf, SDO.homeLocation),
    (NKG.citizenOf, RDFS.subPropertyOf, SDO.nationality),
    (NKG.place, RDFS.subPropertyOf, SDO.location),
    (NKG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
    (NKG.holdsPosition, RDFS.range, NKG.Position),
    (NKG.claimsStatement, RDFS.range, RDF.Statement),
    (NKG.amount, RDFS.range, NKG.Amount),
    (NKG.amountValue, RDFS.range, XSD.decimal),
    (NKG.confidence, RDFS.range, XSD.decimal),
    (NKG.positionAt, RDFS.domain, NKG.Position),
    (NKG.childOf, OWL.inverseOf, NKG.parentOf),
    (NKG.spouseOf, RDF.type, OWL.SymmetricProperty),
    (NKG.siblingOf, RDF.type, OWL.SymmetricProperty),
    (NKG.friendOf, RDF.type, OWL.SymmetricProperty),
]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return ontology_graph()


def _classes_named_by(graph: Graph, node) -> list:
    """A class, or the members of an owl:unionOf."""
    union = graph.value(node, OWL.unionOf)
    return list(Collection(graph, union)) if union is not None else [node]


# --- the ontology ---------------------------------------------------------------------------------

def test_ontology_has_a_versioned_header(onto: Graph) -> None:
    """The ontology parses and has one owl:Ontology with a version, a label and a comment."""
    (header,) = onto.subjects(RDF.type, OWL.Ontology)
    assert onto.value(header, OWL.versionInfo) is not None
    assert onto.value(header, RDFS.label) is not None
    assert onto.value(header, RDFS.comment) is not None


@pytest.mark.parametrize(("local", "kind"), EXPECTED_TERMS, ids=[t for t, _ in EXPECTED_TERMS])
def test_layout_term_is_declared(onto: Graph, local: str, kind: URIRef) -> None:
    """Each nkg: term of the layout is declared with its kind, one English label and a comment."""
    term = NKG[local]
    assert (term, RDF.type, kind) in onto
    labels = list(onto.objects(term, RDFS.label))
    assert len(labels) == 1 and labels[0].language == "en"
    assert onto.value(term, RDFS.comment) is not None


def test_every_declared_term_has_label_and_comment_and_is_expected(onto: Graph) -> None:
    """Every nkg: term in the ontology has a label and a comment and is one of the expected terms."""
    declared = {s for s in onto.subjects() if isinstance(s, URIRef) and s.startswith(str(NKG))}
    assert declared == {NKG[local] for local, _ in EXPECTED_TERMS}
    for term in declared:
        assert onto.value(term, RDFS.label) is not None, term
        assert onto.value(term, RDFS.comment) is not None, term


def test_labels_are_human_words(onto: Graph) -> None:
    """Labels are lower-case words ("ally of"), not camelCase local names."""
    for term, label in onto.subject_objects(RDFS.label):
        if str(term).startswith(str(NKG)):
            assert str(label) == label.lower() and not re.search(r"\S[A-Z]", label), (term, label)


def test_domains_and_ranges_name_declared_classes(onto: Graph) -> None:
    """Every rdfs:domain and rdfs:range names a declared class (or union of them) or a datatype."""
    declared = set(onto.subjects(RDF.type, OWL.Class)) | EXTERNAL_CLASSES
    for prop in set(onto.subjects(RDF.type, OP)) | set(onto.subjects(RDF.type, DP)):
        assert onto.value(prop, RDFS.domain) is not None, prop
        assert onto.value(prop, RDFS.range) is not None, prop
        for axis in (RDFS.domain, RDFS.range):
            for node in onto.objects(prop, axis):
                for cls in _classes_named_by(onto, node):
                    is_datatype = axis == RDFS.range and str(cls).startswith(str(XSD))
                    assert isinstance(cls, URIRef) and (cls in declared or is_datatype), (prop, axis, cls)
    for prop in onto.subjects(RDF.type, DP):
        rng = onto.value(prop, RDFS.range)
        members = list(Collection(onto, onto.value(rng, OWL.unionOf))) if isinstance(rng, BNode) else [rng]
        assert members and all(str(m).startswith(str(XSD)) for m in members), prop


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: " ".join(iris.local_name(x) for x in t))
def test_alignment(onto: Graph, triple) -> None:
    """The ontology states its place in the hierarchy and its schema.org and PROV-O alignments."""
    assert triple in onto


def test_the_extractors_classes_of_properties_are_the_ontologys(onto: Graph) -> None:
    """The extractor drops triples whose entities do not fit a property (kg/lexicon/relations.toml
    [classes]); those classes are exactly the ontology's rdfs:domain and rdfs:range."""
    from kg.lexicon import load

    table = load("relations")["classes"]
    assert table
    for prop, (domain, range_) in table.items():
        for axis, listed in ((RDFS.domain, domain), (RDFS.range, range_)):
            declared = {str(c).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
                        for c in _classes_named_by(onto, onto.value(NKG[prop], axis))}
            assert declared == set(listed), (prop, axis, declared, listed)


TOP_CLASSES = {NKG.Entity, NKG.Event, NKG.Claim, NKG.Document, NKG.GroupActor, NKG.PhraseMention, NKG.Amount,
               NKG.EntityMerge}


def test_every_class_is_below_a_top_class(onto: Graph) -> None:
    """Every named class is, or is below, nkg:Entity, nkg:Event, nkg:Claim, nkg:Document, or is one of
    the three kinds of role filler that are no entities: nkg:GroupActor, nkg:PhraseMention, nkg:Amount."""
    for cls in onto.subjects(RDF.type, OWL.Class):
        if not isinstance(cls, URIRef):
            continue  # an owl:unionOf in a domain or range
        ancestors = set(onto.transitive_objects(cls, RDFS.subClassOf))
        assert ancestors & TOP_CLASSES, cls


def test_a_group_actor_is_no_entity(onto: Graph) -> None:
    """An unnamed group ("protesters") is an agent but no entity: queries over entities leave it out."""
    above = set(onto.transitive_objects(NKG.GroupActor, RDFS.subClassOf))
    assert PROV.Agent in above and NKG.Entity not in above


@pytest.mark.parametrize("role", ["agent", "patient", "recipient", "theme", "instrument"])
def test_a_role_admits_entities_group_actors_and_phrases(onto: Graph, role: str) -> None:
    assert set(_classes_named_by(onto, onto.value(NKG[role], RDFS.range))) == {NKG.Entity, NKG.GroupActor,
                                                                                NKG.PhraseMention}


def test_a_phrase_mention_is_no_entity(onto: Graph) -> None:
    """The words in a role that name no entity ("its quarterly review") are a mention: queries over
    entities leave them out."""
    assert NKG.Entity not in set(onto.transitive_objects(NKG.PhraseMention, RDFS.subClassOf))


def test_event_class_codes_are_annotations(onto: Graph) -> None:
    """The codes are annotations on classes (no domain, no range: they say nothing of events' logic)."""
    for prop in (NKG.ploverCode, NKG.ploverMode, NKG.cameoCode):
        assert onto.value(prop, RDFS.domain) is None and onto.value(prop, RDFS.range) is None
    assert (NKG.Killing, NKG.ploverCode, Literal("ASSAULT")) in onto
    assert (NKG.Arrest, NKG.cameoCode, Literal("173")) in onto


def test_shapes_use_only_declared_terms(onto: Graph) -> None:
    """Every nkg: term the SHACL shapes mention is declared in the ontology."""
    used = {t for triple in shapes_graph() for t in triple
            if isinstance(t, URIRef) and t.startswith(str(NKG))}
    assert used and used <= {NKG[local] for local, _ in EXPECTED_TERMS}


# --- the layout example -----------------------------------------------------------------------------

TEXT_HASH = iris.digest("Masimov was a close ally of Nursultan Nazarbayev")
DOC = iris.document(TEXT_HASH)
MASIMOV = iris.entity("Person", "Karim Masimov")
NAZARBAYEV = iris.entity("Person", "Nursultan Nazarbayev")
TOKAYEV = iris.entity("Person", "Kassym-Jomart Tokayev")
KAZAKHSTAN = iris.entity("Country", "Kazakhstan")
POLICE = iris.entity("SecurityForce", "Kazakh police")
FACT = iris.statement(TEXT_HASH, MASIMOV, "allyOf", NAZARBAYEV)
CLAIMED = iris.statement(TEXT_HASH, MASIMOV, "opposes", TOKAYEV)
CLAIM = iris.claim(TEXT_HASH, "c1")
ARREST = iris.event(TEXT_HASH, "e1")
PAYMENT = iris.event(TEXT_HASH, "e2")
PROTESTERS = iris.ID[f"doc/{TEXT_HASH}/group/protesters"]     # one node per document and referent
AMOUNT = iris.ID[f"doc/{TEXT_HASH}/amount/a1"]
REVIEW = iris.phrase(PAYMENT, 3)                          # words in a role that name no entity


def _evidence(g: Graph, node: URIRef, index: int, start: int, end: int, confidence: str) -> None:
    g.add((node, PROV.wasDerivedFrom, DOC))
    g.add((node, NKG.sentenceText, Literal("…")))
    g.add((node, NKG.sentenceIndex, Literal(index)))
    g.add((node, NKG.startChar, Literal(start)))
    g.add((node, NKG.endChar, Literal(end)))
    g.add((node, NKG.rule, Literal("copula-relational-noun")))
    g.add((node, NKG.confidence, Literal(Decimal(confidence))))
    g.add((node, NKG.extractorVersion, Literal("newskg 0.1.0")))


def layout_example() -> Graph:
    """The example of docs/rdf-layout.md as one document graph."""
    g = Graph()
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace)

    g.add((DOC, RDF.type, NKG.Document))
    g.add((DOC, SDO.headline, Literal("Kazakhstan unrest")))
    g.add((DOC, SDO.url, Literal("https://example.org/kz", datatype=XSD.anyURI)))
    g.add((DOC, SDO.datePublished, Literal("2022-01-10", datatype=XSD.date)))
    g.add((DOC, NKG.source, Literal("examples/seed.txt")))
    g.add((DOC, NKG.contentHash, Literal(TEXT_HASH)))

    for node, cls, label in [(MASIMOV, NKG.Person, "Karim Masimov"),
                             (NAZARBAYEV, NKG.Person, "Nursultan Nazarbayev"),
                             (TOKAYEV, NKG.Person, "Kassym-Jomart Tokayev"),
                             (KAZAKHSTAN, NKG.Country, "Kazakhstan"),
                             (POLICE, NKG.SecurityForce, "Kazakh police")]:
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        g.add((DOC, SDO.mentions, node))
    g.add((MASIMOV, SKOS.altLabel, Literal("Masimov")))

    # a fact: asserted and reified
    g.add((MASIMOV, NKG.allyOf, NAZARBAYEV))
    g.add((FACT, RDF.type, RDF.Statement))
    g.add((FACT, RDF.subject, MASIMOV))
    g.add((FACT, RDF.predicate, NKG.allyOf))
    g.add((FACT, RDF.object, NAZARBAYEV))
    _evidence(g, FACT, 31, 4410, 4476, "0.85")
    g.add((FACT, NKG.asserted, Literal(True)))
    g.add((FACT, NKG.negated, Literal(False)))

    # a claim, with a statement and an event it reports (neither asserted)
    g.add((CLAIMED, RDF.type, RDF.Statement))
    g.add((CLAIMED, RDF.subject, MASIMOV))
    g.add((CLAIMED, RDF.predicate, NKG.opposes))
    g.add((CLAIMED, RDF.object, TOKAYEV))
    _evidence(g, CLAIMED, 17, 3002, 3160, "0.7")
    g.add((CLAIMED, NKG.asserted, Literal(False)))
    g.add((CLAIMED, NKG.modality, Literal("may")))

    g.add((CLAIM, RDF.type, NKG.Claim))
    g.add((CLAIM, RDFS.label, Literal("Tokayev: the unrest was an attempted coup")))
    g.add((CLAIM, NKG.speaker, TOKAYEV))
    g.add((CLAIM, NKG.speakerText, Literal("Tokayev")))
    g.add((CLAIM, NKG.cueVerb, Literal("claim")))
    g.add((CLAIM, NKG.quotedText, Literal("the unrest was an “attempted coup”")))
    g.add((CLAIM, NKG.claimsStatement, CLAIMED))
    g.add((CLAIM, NKG.claimsEvent, ARREST))
    _evidence(g, CLAIM, 17, 3002, 3160, "0.9")

    g.add((ARREST, RDF.type, NKG.Arrest))
    g.add((ARREST, RDFS.label, Literal("arrest of nearly 8,000 people")))
    g.add((ARREST, NKG.agent, POLICE))
    g.add((ARREST, NKG.place, KAZAKHSTAN))
    g.add((ARREST, NKG.date, Literal("2022-01-10", datatype=XSD.date)))
    g.add((ARREST, NKG["count"], Literal(8000)))
    g.add((ARREST, NKG.countQualifier, Literal("nearly")))
    g.add((ARREST, NKG.countText, Literal("8,000 people")))
    _evidence(g, ARREST, 20, 3500, 3560, "0.8")
    g.add((ARREST, NKG.asserted, Literal(False)))
    g.add((ARREST, NKG.verbLemma, Literal("arrest")))
    g.add((ARREST, NKG.time, Literal("on Monday")))
    g.add((ARREST, NKG.patient, PROTESTERS))

    # an unnamed group in a role, and an event with an amount
    g.add((PROTESTERS, RDF.type, NKG.GroupActor))
    g.add((PROTESTERS, RDFS.label, Literal("protesters")))
    g.add((PROTESTERS, NKG.groupKind, Literal("protesters")))
    g.add((PAYMENT, RDF.type, NKG.Pay))
    g.add((PAYMENT, RDF.type, NKG.Event))
    g.add((PAYMENT, RDFS.label, Literal("payment of $1.2m to protesters")))
    g.add((PAYMENT, NKG.verbLemma, Literal("pay")))
    g.add((PAYMENT, NKG.verbPhrase, Literal("pay out")))
    g.add((PAYMENT, NKG.agent, KAZAKHSTAN))
    g.add((PAYMENT, NKG.recipient, PROTESTERS))
    g.add((PAYMENT, NKG.themeText, Literal("compensation")))
    g.add((PAYMENT, NKG.amount, AMOUNT))
    g.add((PAYMENT, NKG.modality, Literal("planned")))
    g.add((PAYMENT, NKG.negated, Literal(False)))
    g.add((PAYMENT, NKG.asserted, Literal(False)))
    _evidence(g, PAYMENT, 21, 3600, 3650, "0.7")
    g.add((PAYMENT, NKG.theme, REVIEW))
    g.add((REVIEW, RDF.type, NKG.PhraseMention))
    g.add((REVIEW, RDFS.label, Literal("compensation")))
    g.add((AMOUNT, RDF.type, NKG.Amount))
    g.add((AMOUNT, NKG.amountValue, Literal(Decimal("1200000"))))
    g.add((AMOUNT, NKG.unit, Literal("USD")))
    g.add((AMOUNT, NKG.amountText, Literal("$1.2m")))
    return g


def test_layout_example_uses_only_declared_terms() -> None:
    """Every nkg: class and property in the layout example is one of the declared terms."""
    used = {t for s, p, o in layout_example() for t in (p, o)
            if isinstance(t, URIRef) and t.startswith(str(NKG))}
    assert used <= {NKG[local] for local, _ in EXPECTED_TERMS}


def test_layout_example_conforms() -> None:
    """The example of docs/rdf-layout.md conforms to the shapes."""
    report = validate(layout_example())
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.text
    assert report.violations == 0


def test_layout_example_as_dataset_conforms() -> None:
    """A dataset with a document graph and the ontology graph conforms."""
    ds = Dataset()
    doc_graph = ds.graph(iris.document_graph(TEXT_HASH))
    doc_graph += layout_example()
    onto_graph = ds.graph(ONTOLOGY_GRAPH)
    onto_graph += ontology_graph()
    report = validate(ds)
    assert report.conforms, report.text


def test_dataset_is_validated_as_the_union_of_its_graphs() -> None:
    """A person labelled differently in two document graphs has two labels and does not conform."""
    ds = Dataset()
    doc_graph = ds.graph(iris.document_graph(TEXT_HASH))
    doc_graph += layout_example()
    other = ds.graph(iris.document_graph("other"))
    other.add((MASIMOV, RDF.type, NKG.Person))
    other.add((MASIMOV, RDFS.label, Literal("Karim K. Masimov")))
    report = validate(ds)
    assert not report.conforms
    assert report.violations == 1


def test_validate_leaves_the_graph_unchanged() -> None:
    """Validation (with RDFS inference) does not add triples to the caller's graph."""
    g = layout_example()
    before = len(g)
    validate(g)
    assert len(g) == before


def test_validate_does_not_import_spacy() -> None:
    """kg.rdf.validate can be imported without loading spaCy."""
    code = "import sys, kg.rdf.validate; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


# --- broken graphs ----------------------------------------------------------------------------------

def _drop(node, prop):
    return lambda g: g.remove((node, prop, None))


def _set(node, prop, value):
    return lambda g: g.set((node, prop, value))


def _add(node, prop, value):
    return lambda g: g.add((node, prop, value))


BREAKAGES = [
    pytest.param(_add(MASIMOV, RDFS.label, Literal("K. Masimov")),
                 id="a person with two labels does not conform"),
    pytest.param(_drop(KAZAKHSTAN, RDFS.label),
                 id="a country (an entity by subclass) without a label does not conform"),
    pytest.param(_set(TOKAYEV, RDFS.label, Literal("Tokayev", lang="ru")),
                 id="an entity label that is not a plain string does not conform"),
    pytest.param(_set(FACT, NKG.confidence, Literal(Decimal("1.7"))),
                 id="a statement with a confidence above 1 does not conform"),
    pytest.param(_set(FACT, NKG.confidence, Literal(0.85)),
                 id="a statement with a float (xsd:double) confidence does not conform"),
    pytest.param(_drop(FACT, PROV.wasDerivedFrom),
                 id="a statement without wasDerivedFrom does not conform"),
    pytest.param(_set(FACT, PROV.wasDerivedFrom, URIRef("https://example.org/elsewhere")),
                 id="a statement derived from something that is not a document does not conform"),
    pytest.param(_add(FACT, RDF.subject, TOKAYEV),
                 id="a statement with two subjects does not conform"),
    pytest.param(_set(FACT, RDF.predicate, Literal("allyOf")),
                 id="a statement whose predicate is a literal does not conform"),
    pytest.param(_drop(FACT, RDF.object),
                 id="a statement without an object does not conform"),
    pytest.param(_set(FACT, NKG.startChar, Literal(-1)),
                 id="a statement with a negative start offset does not conform"),
    pytest.param(_set(FACT, NKG.startChar, Literal(5000)),
                 id="a statement that starts after it ends does not conform"),
    pytest.param(_set(FACT, NKG.endChar, Literal("4476")),
                 id="a statement with a string offset does not conform"),
    pytest.param(_drop(FACT, NKG.rule),
                 id="a statement without a rule does not conform"),
    pytest.param(_drop(FACT, NKG.extractorVersion),
                 id="a statement without an extractor version does not conform"),
    pytest.param(_drop(FACT, NKG.asserted),
                 id="a statement that does not say whether it is asserted does not conform"),
    pytest.param(_set(FACT, NKG.asserted, Literal("true")),
                 id="a statement whose asserted flag is a string does not conform"),
    pytest.param(_drop(CLAIM, NKG.cueVerb),
                 id="a claim without a cue verb does not conform"),
    pytest.param(_drop(CLAIM, NKG.quotedText),
                 id="a claim without quoted text does not conform"),
    pytest.param(lambda g: (g.remove((CLAIM, NKG.speaker, None)), g.remove((CLAIM, NKG.speakerText, None))),
                 id="a claim with neither speaker nor speaker text does not conform"),
    pytest.param(_drop(CLAIM, PROV.wasDerivedFrom),
                 id="a claim without wasDerivedFrom does not conform"),
    pytest.param(_add(ARREST, NKG["count"], Literal(7000)),
                 id="an event with two counts does not conform"),
    pytest.param(_set(ARREST, NKG["count"], Literal(-3)),
                 id="an event with a negative count does not conform"),
    pytest.param(_add(ARREST, RDFS.label, Literal("mass arrest")),
                 id="an event with two labels does not conform"),
    pytest.param(_drop(DOC, NKG.contentHash),
                 id="a document without a content hash does not conform"),
    pytest.param(_drop(DOC, RDF.type),
                 id="a graph without a nkg:Document does not conform"),
    pytest.param(lambda g: g.remove((None, RDF.type, None)),
                 id="a graph with every rdf:type removed does not conform"),
    pytest.param(_drop(MASIMOV, RDF.type),
                 id="an entity in a relation without a class does not conform"),
    pytest.param(_add(iris.entity("Person", "Nobody"), NKG.allyOf, TOKAYEV),
                 id="an untyped entity IRI as the subject of a plain relation does not conform"),
    pytest.param(_add(TOKAYEV, NKG.opposes, iris.entity("Organization", "Nobody")),
                 id="an untyped entity IRI as the object of a plain relation does not conform"),
    pytest.param(_set(ARREST, NKG.agent, iris.entity("SecurityForce", "Nobody")),
                 id="an untyped entity IRI in an event role does not conform"),
    pytest.param(_set(FACT, RDF.object, iris.entity("Person", "Nobody")),
                 id="an untyped entity IRI as a statement's object does not conform"),
    pytest.param(_set(PAYMENT, NKG.modality, Literal("may")),
                 id="an event whose modality is not one of the six does not conform"),
    pytest.param(_add(PAYMENT, NKG.verbLemma, Literal("pay out")),
                 id="an event with two verb lemmas does not conform"),
    pytest.param(_add(ARREST, NKG.time, Literal("last week")),
                 id="an event with two times does not conform"),
    pytest.param(_set(ARREST, NKG.place, TOKAYEV),
                 id="an event whose place is no place does not conform"),
    pytest.param(_set(PAYMENT, NKG.recipient, DOC),
                 id="an event role that is neither an entity nor a group actor does not conform"),
    pytest.param(_set(ARREST, NKG.agent, iris.ID[f"doc/{TEXT_HASH}/group/nobody"]),
                 id="an untyped group actor in an event role does not conform"),
    pytest.param(_drop(PROTESTERS, NKG.groupKind),
                 id="a group actor without a kind does not conform"),
    pytest.param(_set(PROTESTERS, NKG.groupKind, Literal("mob")),
                 id="a group actor of a kind not in the list does not conform"),
    pytest.param(_add(PROTESTERS, RDFS.label, Literal("demonstrators")),
                 id="a group actor with two labels does not conform"),
    pytest.param(_add(PROTESTERS, RDF.type, NKG.Person),
                 id="a group actor that is an entity too does not conform"),
    pytest.param(_set(AMOUNT, NKG.amountValue, Literal(1200000.0)),
                 id="an amount whose value is a float (xsd:double) does not conform"),
    pytest.param(_drop(AMOUNT, NKG.amountText),
                 id="an amount without its text does not conform"),
    pytest.param(_add(AMOUNT, NKG.unit, Literal("GBP")),
                 id="an amount with two units does not conform"),
    pytest.param(_set(PAYMENT, NKG.amount, PROTESTERS),
                 id="an event amount that is no nkg:Amount does not conform"),
    pytest.param(_drop(REVIEW, RDFS.label),
                 id="a phrase mention without its words does not conform"),
    pytest.param(_add(REVIEW, RDF.type, NKG.Company),
                 id="a phrase mention that is an entity too does not conform"),
    pytest.param(_set(PAYMENT, NKG.attribute, PROTESTERS),
                 id="an event attribute that is no nkg:PhraseMention does not conform"),
]


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_broken_graph_does_not_conform(breakage) -> None:
    """A layout example with one of these breakages does not conform (the row id says which)."""
    g = layout_example()
    breakage(g)
    report = validate(g)
    assert not report.conforms
    assert report.violations >= 1


def test_an_event_with_a_group_actor_agent_conforms() -> None:
    """"Protesters stormed the building": an unnamed group as the agent conforms."""
    g = layout_example()
    g.set((ARREST, NKG.agent, PROTESTERS))
    assert validate(g).conforms


def test_claim_with_only_speaker_text_conforms() -> None:
    """A claim by an unnamed speaker ("authorities say") conforms with a speakerText alone."""
    g = layout_example()
    g.remove((CLAIM, NKG.speaker, None))
    assert validate(g).conforms


def test_an_empty_graph_does_not_conform() -> None:
    """An empty graph holds no document: one violation that says so."""
    report = validate(Graph())
    assert not report.conforms and report.violations == 1
    assert "holds no nkg:Document" in report.text


def test_the_ontology_alone_does_not_conform() -> None:
    """A dataset with the ontology graph and no document graph (an export of nothing) does not conform."""
    ds = Dataset()
    ds.graph(ONTOLOGY_GRAPH).__iadd__(ontology_graph())
    assert not validate(ds).conforms


def test_an_untyped_entity_is_named_in_the_report() -> None:
    g = layout_example()
    g.remove((KAZAKHSTAN, RDF.type, None))
    report = validate(g)
    assert not report.conforms and report.violations == 1
    assert "country/kazakhstan" in report.text and "rdf:type below nkg:Entity" in report.text


def test_typed_entity_shape_targets_every_object_property(onto: Graph) -> None:
    """The shape that wants entities typed looks at both ends of every object property of the ontology,
    so a property added to the ontology is checked too."""
    shape = URIRef("https://newskg.dev/shapes#TypedEntityShape")
    shapes = shapes_graph()
    SH = Namespace("http://www.w3.org/ns/shacl#")
    properties = set(onto.subjects(RDF.type, OWL.ObjectProperty))
    assert properties
    assert properties <= set(shapes.objects(shape, SH.targetSubjectsOf))
    assert properties | {RDF.subject, RDF.object, SDO.mentions} <= set(shapes.objects(shape, SH.targetObjectsOf))
