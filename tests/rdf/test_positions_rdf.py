"""Positions in RDF (kg/rdf/triples.py): one nkg:Position node per holder, office and organisation of a
document, held by nkg:holdsPosition statements that carry the provenance; the shapes hold them."""
from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from extraction import run
from kg.rdf import iris
from kg.rdf.iris import NKG, ONTOLOGY_GRAPH
from kg.rdf.triples import entity_iri, extraction_triples, position_iri
from kg.rdf.validate import ontology_graph, validate


def graph_of(text: str) -> tuple[Graph, object]:
    x = run(text)
    g = Graph()
    for triple in extraction_triples(x):
        g.add(triple)
    return g, x


def _node(g: Graph, label: str) -> URIRef:
    [node] = [n for n in g.subjects(RDF.type, NKG.Position) if str(g.value(n, RDFS.label)) == label]
    return node


def test_a_position_is_a_node_held_by_a_statement():
    g, x = graph_of("Microsoft chief executive Steve Ballmer spoke in Seattle.")
    [p] = x.positions
    node = _node(g, "chief executive of Microsoft")
    assert node == position_iri(x.document.id, p) == iris.position(
        x.document.id, entity_iri(p.holder), "chief executive", entity_iri(p.organisation))
    assert str(node).startswith(f"https://newskg.dev/id/doc/{x.document.id}/position/")
    assert g.value(node, NKG.office) == Literal("chief executive")
    assert g.value(node, NKG.positionAt) == entity_iri(p.organisation)
    assert (entity_iri(p.holder), NKG.holdsPosition, node) in g
    assert (node, NKG.former, None) not in g and (node, NKG.startDate, None) not in g
    [st] = g.subjects(RDF.object, node)
    assert (st, RDF.predicate, NKG.holdsPosition) in g and g.value(st, RDF.subject) == entity_iri(p.holder)
    assert g.value(st, NKG.asserted) == Literal(True) and g.value(st, NKG.rule) == Literal("position-title")
    assert g.value(st, NKG.startChar) == Literal(p.provenance.start, datatype=XSD.integer)


def test_an_ended_position_with_its_dates():
    g, _ = graph_of("John Smith was chairman of Enron from 1997 to 2001.")
    node = _node(g, "chairman of Enron")
    assert g.value(node, NKG.former) == Literal(True)
    assert g.value(node, NKG.startDate) == Literal("1997", datatype=XSD.gYear)
    assert g.value(node, NKG.endDate) == Literal("2001", datatype=XSD.gYear)


def test_a_month_and_a_day_keep_their_types():
    g, _ = graph_of("John Smith took over as chief executive in May 2002. Jane Doe was named chairman on Monday.")
    assert g.value(_node(g, "chief executive"), NKG.startDate) == Literal("2002-05", datatype=XSD.gYearMonth)
    assert g.value(_node(g, "chairman"), NKG.startDate) == Literal("2022-01-10", datatype=XSD.date)


def test_one_position_said_twice_is_one_node_with_two_statements():
    g, x = graph_of("Jane Doe, the chairman of Tesco, spoke. Later Jane Doe, Tesco's chairman, left early.")
    node = _node(g, "chairman of Tesco")
    assert len(x.positions) == 2 and len(set(g.subjects(RDF.object, node))) == 2


def test_a_claimed_position_is_not_asserted():
    g, x = graph_of("Reuters said that Jane Doe was the chief executive of Tesco.")
    [p] = x.positions
    node = _node(g, "chief executive of Tesco")
    [st] = g.subjects(RDF.object, node)
    assert (entity_iri(p.holder), NKG.holdsPosition, node) not in g
    assert g.value(st, NKG.asserted) == Literal(False)
    assert (iris.claim(x.document.id, p.claim), NKG.claimsStatement, st) in g


def _dataset(g: Graph, doc_id: str) -> Dataset:
    ds = Dataset()
    ds.graph(iris.document_graph(doc_id)).__iadd__(g)
    ds.graph(ONTOLOGY_GRAPH).__iadd__(ontology_graph())
    return ds


def test_positions_and_kin_conform():
    g, x = graph_of("Microsoft chief executive Steve Ballmer, son of Fred Ballmer, spoke. "
                    "John Smith was chairman of Enron from 1997 to 2001.")
    assert x.positions and any(r.predicate == "childOf" for r in x.relations)
    report = validate(_dataset(g, x.document.id))
    assert report.conforms, report.text


def test_a_broken_position_does_not_conform():
    for breakage in ("no office", "two start dates", "a string for former"):
        g, x = graph_of("John Smith was chairman of Enron from 1997 to 2001.")
        node = _node(g, "chairman of Enron")
        if breakage == "no office":
            g.remove((node, NKG.office, None))
        elif breakage == "two start dates":
            g.add((node, NKG.startDate, Literal("1998", datatype=XSD.gYear)))
        else:
            g.set((node, NKG.former, Literal("yes")))
        assert not validate(_dataset(g, x.document.id)).conforms, breakage
