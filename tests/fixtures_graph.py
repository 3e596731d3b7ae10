"""A small dataset built by hand, laid out as in docs/rdf-layout.md, for the network and render tests.

Nodes: two people, a country, an alliance, a claim, an arrest event (count 8000), two hostile
labels (an ``<img onerror>`` and a ``</script>`` break-out), a planned payment (nkg:Pay) to an
unnamed group of protesters with an amount, and an event of no class (nkg:Event) whose sentence holds
markup.  Edges: one asserted allyOf, one asserted deployedTo, one claimed allyOf, the speaker of the
claim, the claim -> event link, the three roles of the arrest, the payment's agent, recipient and
amount, and the unclassed event's agent.  A negated statement (neither asserted nor claimed) must not show.
"""
from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.rdf import iris
from kg.rdf.iris import NKG

DOC = "f1x7e5"
IMG_LABEL = "<img src=x onerror=alert(1)>"
SCRIPT_LABEL = "</script><script>alert(2)</script>"
HOSTILE_SENTENCE = "CSTO troops arrived <img src=x onerror=alert(3)> & </script><script>alert(4)</script>."
EVENT_SENTENCE = "The CSTO <b>said</b> it would leave <img src=x onerror=alert(5)> soon."

NODE_COUNT = 12
EDGE_COUNT = 12


def _provenance(g, node: URIRef, sentence: str, index: int, confidence: str) -> None:
    doc = iris.document(DOC)
    g.add((node, PROV.wasDerivedFrom, doc))
    g.add((node, NKG.sentenceText, Literal(sentence)))
    g.add((node, NKG.sentenceIndex, Literal(index, datatype=XSD.integer)))
    g.add((node, NKG.startChar, Literal(index * 100, datatype=XSD.integer)))
    g.add((node, NKG.endChar, Literal(index * 100 + len(sentence), datatype=XSD.integer)))
    g.add((node, NKG.rule, Literal("hand-made")))
    g.add((node, NKG.confidence, Literal(confidence, datatype=XSD.decimal)))
    g.add((node, NKG.extractorVersion, Literal("newskg 0.1.0")))


def _entity(g, etype: str, name: str, *aliases: str) -> URIRef:
    node = iris.entity(etype, name)
    g.add((node, RDF.type, NKG[etype]))
    g.add((node, RDFS.label, Literal(name)))
    for alias in aliases:
        g.add((node, SKOS.altLabel, Literal(alias)))
    g.add((iris.document(DOC), SDO.mentions, node))
    return node


def _statement(g, s, p: str, o, sentence: str, index: int, *, asserted: bool, negated: bool = False) -> URIRef:
    stmt = iris.statement(DOC, s, p, o, index)
    if asserted:
        g.add((s, NKG[p], o))
    g.add((stmt, RDF.type, RDF.Statement))
    g.add((stmt, RDF.subject, s))
    g.add((stmt, RDF.predicate, NKG[p]))
    g.add((stmt, RDF.object, o))
    _provenance(g, stmt, sentence, index, "0.85")
    g.add((stmt, NKG.asserted, Literal(asserted)))
    g.add((stmt, NKG.negated, Literal(negated)))
    return stmt


def build_fixture() -> Dataset:
    """The hand-made dataset: one document graph and an ontology graph whose schema must be ignored."""
    ds = Dataset()
    onto = ds.graph(iris.ONTOLOGY_GRAPH)
    for cls in ("Person", "Country", "Alliance", "Claim", "Arrest", "Pay", "GroupActor", "Amount", "Event"):
        onto.add((NKG[cls], RDF.type, OWL.Class))
    onto.add((NKG.Arrest, RDFS.subClassOf, NKG.Event))
    onto.add((NKG.Arrest, RDFS.label, Literal("arrest")))

    g = ds.graph(iris.document_graph(DOC))
    doc = iris.document(DOC)
    g.add((doc, RDF.type, NKG.Document))
    g.add((doc, SDO.headline, Literal("Unrest in Kazakhstan")))
    g.add((doc, SDO.datePublished, Literal("2022-01-10", datatype=XSD.date)))

    masimov = _entity(g, "Person", "Karim Masimov", "Masimov")
    tokayev = _entity(g, "Person", "Kassym-Jomart Tokayev", "Tokayev")
    kazakhstan = _entity(g, "Country", "Kazakhstan")
    csto = _entity(g, "Alliance", "Collective Security Treaty Organization", "CSTO")
    _entity(g, "OtherEntity", IMG_LABEL)
    _entity(g, "Person", SCRIPT_LABEL, "\"quoted\" & <b>bold</b>")

    _statement(g, masimov, "allyOf", tokayev, "Masimov was a close ally of Tokayev.", 3, asserted=True)
    _statement(g, csto, "deployedTo", kazakhstan, HOSTILE_SENTENCE, 5, asserted=True)
    _statement(g, tokayev, "allyOf", masimov, "Tokayev was not an ally of Masimov.", 6,
               asserted=False, negated=True)
    claimed = _statement(g, csto, "allyOf", kazakhstan, "Tokayev claimed the CSTO is an ally of Kazakhstan.", 7,
                         asserted=False)

    arrest = iris.event(DOC, "e1")
    g.add((arrest, RDF.type, NKG.Arrest))
    g.add((arrest, RDFS.label, Literal("arrest of nearly 8,000 people")))
    g.add((arrest, NKG.agent, tokayev))
    g.add((arrest, NKG.patient, masimov))
    g.add((arrest, NKG.place, kazakhstan))
    g.add((arrest, NKG.date, Literal("2022-01-10", datatype=XSD.date)))
    g.add((arrest, NKG["count"], Literal(8000, datatype=XSD.integer)))
    g.add((arrest, NKG.countQualifier, Literal("nearly")))
    g.add((arrest, NKG.countText, Literal("8,000 people")))
    _provenance(g, arrest, "Police arrested nearly 8,000 people.", 8, "0.8")
    g.add((arrest, NKG.asserted, Literal(False)))

    _payment(g, kazakhstan)
    _unclassed_event(g, csto)

    claim = iris.claim(DOC, "c1")
    g.add((claim, RDF.type, NKG.Claim))
    g.add((claim, RDFS.label, Literal("Tokayev: the CSTO is an ally of Kazakhstan")))
    g.add((claim, NKG.speaker, tokayev))
    g.add((claim, NKG.speakerText, Literal("Tokayev")))
    g.add((claim, NKG.cueVerb, Literal("claim")))
    g.add((claim, NKG.quotedText, Literal("the CSTO is an ally of Kazakhstan")))
    g.add((claim, NKG.claimsStatement, claimed))
    g.add((claim, NKG.claimsEvent, arrest))
    _provenance(g, claim, "Tokayev claimed the CSTO is an ally of Kazakhstan.", 7, "0.9")
    return ds


def _payment(g, payer: URIRef) -> URIRef:
    """A planned payment of $1.2m to protesters: a group actor and an amount, not entities."""
    pay = iris.event(DOC, "e2")
    protesters = iris.group(DOC, "protesters")
    amount = iris.amount(pay, 0)
    triples = {
        pay: [(RDF.type, NKG.Pay), (RDF.type, NKG.Event), (RDFS.label, "payment of $1.2m to protesters"),
              (NKG.verbLemma, "pay"), (NKG.verbPhrase, "pay out"), (NKG.agent, payer),
              (NKG.recipient, protesters), (NKG.amount, amount), (NKG.modality, "planned"),
              (NKG.negated, Literal(False)), (NKG.asserted, Literal(False))],
        protesters: [(RDF.type, NKG.GroupActor), (RDFS.label, "protesters"), (NKG.groupKind, "protesters")],
        amount: [(RDF.type, NKG.Amount), (NKG.amountValue, Literal(1200000, datatype=XSD.integer)),
                 (NKG.unit, "USD"), (NKG.amountText, "$1.2m")],
    }
    for node, pairs in triples.items():
        for prop, value in pairs:
            g.add((node, prop, Literal(value) if type(value) is str else value))
    _provenance(g, pay, "Kazakhstan plans to pay out $1.2m to protesters.", 9, "0.7")
    return pay


def _unclassed_event(g, actor: URIRef) -> URIRef:
    """An event of no class of the taxonomy, negated, from a sentence with markup in it."""
    leave = iris.event(DOC, "e3")
    g.add((leave, RDF.type, NKG.Event))
    g.add((leave, RDFS.label, Literal("leave: the CSTO would leave")))
    g.add((leave, NKG.verbLemma, Literal("leave")))
    g.add((leave, NKG.agent, actor))
    g.add((leave, NKG.negated, Literal(True)))
    g.add((leave, NKG.asserted, Literal(True)))
    _provenance(g, leave, EVENT_SENTENCE, 10, "0.6")
    return leave
