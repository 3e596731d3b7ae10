"""Small corpora of hand-made document graphs for the resolution's tests (tests/resolution/,
tests/cli/test_cli_resolve.py): no article is parsed, so they stay fast."""
from __future__ import annotations

from rdflib import Literal, Namespace
from rdflib.namespace import RDF, RDFS, SKOS

from kg.rdf import iris
from kg.rdf.iris import term
from kg.rdf.store import Store

SDO = Namespace(iris.PREFIXES["schema"])     # open: pytest probing rdflib's closed SDO warns

# Articles as (class, name, aliases, offices) of the entities they name. Filler articles give the
# context weights a corpus to be rare in.
FILLER = {f"filler{i}": [("Country", "United Kingdom"), ("Person", f"Someone Number{i}")] for i in range(6)}
LABOUR = [("PoliticalParty", "Labour"), ("Person", "Gordon Brown"), ("GovernmentBody", "Downing Street")]
ARSENAL = [("Organization", "Arsenal"), ("Person", "Arsene Wenger"), ("City", "Highbury"), ("Person", "Thierry Henry")]
BANKS = [("Company", "Barclays"), ("Company", "HSBC"), ("GovernmentBody", "Financial Services Authority"),
         ("Person", "Mervyn King")]
UNITED = [("Organization", "Manchester United"), ("Person", "Alex Ferguson"), ("Region", "Old Trafford")]


def entity(etype: str, name: str) -> str:
    return str(iris.entity(etype, name))


def corpus(articles: dict[str, list[tuple]], store: Store | None = None) -> Store:
    """A store of one graph per article, as `kg build` lays them out (docs/rdf-layout.md)."""
    store = store if store is not None else Store()
    for doc_id, entities in articles.items():
        doc = iris.document(doc_id)
        triples = [(doc, RDF.type, term("Document")), (doc, term("contentHash"), Literal(doc_id))]
        for etype, name, *rest in entities:
            aliases, offices = (rest + [(), ()])[:2]
            node = iris.entity(etype, name)
            triples += [(doc, SDO.mentions, node), (node, RDF.type, term(etype)), (node, RDFS.label, Literal(name))]
            triples += [(node, SKOS.altLabel, Literal(a)) for a in aliases]
            for office in offices:
                position = iris.position(doc_id, node, office, None)
                triples += [(node, term("holdsPosition"), position), (position, RDF.type, term("Position")),
                            (position, RDFS.label, Literal(office)), (position, term("office"), Literal(office))]
        store.replace_graph(iris.document_graph(doc_id), triples)
    return store


BLAIR = {
    "a": [("Person", "Tony Blair", ("Blair", "Mr Blair"), ("prime minister",)), *LABOUR],
    "b": [("Person", "Blair", ("Mr Blair",), ("prime minister",)), *LABOUR],
}
