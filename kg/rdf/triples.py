"""The one place where the data model meets rdflib: Extractions -> triples in named graphs.

Layout (docs/rdf-layout.md): a named graph per document holds the document node, its entities, its
facts (asserted triples, each also an rdf:Statement with provenance), its claims (with the statements
they report, not asserted) and its events.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.rdf import iris
from kg.rdf.iris import term
from kg.model import Argument, Claim, Entity, Event, Extraction, Group, Position, Provenance, Relation

Triple = tuple[URIRef | BNode, URIRef, URIRef | Literal | BNode]


def entity_iri(e: Entity) -> URIRef:
    return iris.entity(e.etype, e.name)


def _int(n: int) -> Literal:
    return Literal(int(n), datatype=XSD.integer)


def _decimal(value: float) -> Literal:
    """A whole amount as an xsd:integer ("28700000"), another as an xsd:decimal ("16.1"): forms that
    rdflib and the store write alike (a whole xsd:decimal is "8000.0" to one and "8000" to the other)."""
    d = Decimal(repr(float(value)))
    if d == d.to_integral_value():
        return _int(int(d))
    return Literal(format(d.normalize(), "f"), datatype=XSD.decimal)


def _date(value: str) -> Literal:
    return Literal(value, datatype=XSD.gYear if len(value) == 4 else XSD.date)


def _month_or_date(value: str) -> Literal:
    """A position's date: a year, a month ("2001-05") or a day."""
    return Literal(value, datatype=XSD.gYearMonth) if len(value) == 7 else _date(value)


def provenance_triples(node, prov: Provenance, doc: URIRef) -> Iterator[Triple]:
    yield node, PROV.wasDerivedFrom, doc
    yield node, term("sentenceText"), Literal(prov.sentence.text)
    yield node, term("sentenceIndex"), _int(prov.sentence.index)
    yield node, term("startChar"), _int(prov.start)
    yield node, term("endChar"), _int(prov.end)
    yield node, term("rule"), Literal(prov.rule)
    yield node, term("confidence"), Literal(Decimal(str(round(prov.confidence, 3))), datatype=XSD.decimal)
    yield node, term("extractorVersion"), Literal(prov.extractor)


def entity_triples(e: Entity) -> Iterator[Triple]:
    node = entity_iri(e)
    yield node, RDF.type, term(e.etype)
    yield node, RDFS.label, Literal(e.name)
    for alias in e.aliases:
        yield node, SKOS.altLabel, Literal(alias)


def statement_iri(doc_id: str, r: Relation) -> URIRef:
    return iris.statement(doc_id, entity_iri(r.subject), r.predicate, entity_iri(r.object),
                          r.provenance.start, r.provenance.end)


def relation_triples(r: Relation, doc: URIRef, doc_id: str) -> Iterator[Triple]:
    """A fact is asserted and reified; a claimed, negated or hedged relation is only reified."""
    s, p, o = entity_iri(r.subject), term(r.predicate), entity_iri(r.object)
    st = statement_iri(doc_id, r)
    if r.is_fact:
        yield s, p, o
    yield st, RDF.type, RDF.Statement
    yield st, RDF.subject, s
    yield st, RDF.predicate, p
    yield st, RDF.object, o
    yield st, term("asserted"), Literal(r.is_fact)
    yield st, term("negated"), Literal(r.negated)
    if r.modality:
        yield st, term("modality"), Literal(r.modality)
    yield from provenance_triples(st, r.provenance, doc)


def claim_triples(c: Claim, doc: URIRef, doc_id: str) -> Iterator[Triple]:
    node = iris.claim(doc_id, c.id)
    who = c.speaker.name if c.speaker is not None else c.speaker_text
    short = c.text if len(c.text) <= 90 else c.text[:87].rsplit(" ", 1)[0] + "..."
    yield node, RDF.type, term("Claim")
    yield node, RDFS.label, Literal(f"{who}: {short}")
    if c.speaker is not None:
        yield node, term("speaker"), entity_iri(c.speaker)
    yield node, term("speakerText"), Literal(c.speaker_text)
    yield node, term("cueVerb"), Literal(c.cue)
    yield node, term("quotedText"), Literal(c.text)
    yield from provenance_triples(node, c.provenance, doc)


ROLES = ("agent", "patient", "recipient", "theme", "instrument")


def group_triples(g: Group, doc_id: str) -> Iterator[Triple]:
    node = iris.group(doc_id, g.key)
    yield node, RDF.type, term("GroupActor")
    yield node, RDFS.label, Literal(g.label)
    yield node, term("groupKind"), Literal(g.kind)


PHRASE_ROLES = (*ROLES, "attribute")
PHRASE_LIMIT = 160          # characters of a phrase node's label; a longer phrase is cut at a word


def _argument_triples(node: URIRef, n: int, a: Argument, doc_id: str) -> Iterator[Triple]:
    if a.role in ROLES and a.entity is not None:
        yield node, term(a.role), entity_iri(a.entity)
    elif a.role in ROLES and a.group is not None:
        yield node, term(a.role), iris.group(doc_id, a.group.key)
        yield from group_triples(a.group, doc_id)
    elif a.role in PHRASE_ROLES and a.phrase:
        # "INSEE published its quarterly figures": a node for what fills the role, so the event links
        # its agent to what it did something to, and a query can read both ends
        phrase = iris.phrase(node, n)
        label = a.phrase if len(a.phrase) <= PHRASE_LIMIT else a.phrase[:PHRASE_LIMIT - 3].rsplit(" ", 1)[0] + "..."
        yield node, term(a.role), phrase
        yield phrase, RDF.type, term("PhraseMention")
        yield phrase, RDFS.label, Literal(label)
    if a.role == "theme" and a.entity is None and a.group is None:
        yield node, term("themeText"), Literal(a.text)
    elif a.role == "time":
        yield node, term("time"), Literal(a.text)


def event_triples(ev: Event, doc: URIRef, doc_id: str) -> Iterator[Triple]:
    node = iris.event(doc_id, ev.id)
    yield node, RDF.type, term(ev.etype)
    if ev.etype != "Event":            # the superclass too: queries for any event need no reasoner
        yield node, RDF.type, term("Event")
    yield node, RDFS.label, Literal(ev.label)
    if ev.arguments:
        for n, a in enumerate(ev.arguments):
            yield from _argument_triples(node, n, a, doc_id)
    else:
        for role, ent in (("agent", ev.agent), ("patient", ev.patient)):
            if ent is not None:
                yield node, term(role), entity_iri(ent)
    if ev.place is not None:
        yield node, term("place"), entity_iri(ev.place)
    if ev.lemma:
        yield node, term("verbLemma"), Literal(ev.lemma)
    if ev.phrase:
        yield node, term("verbPhrase"), Literal(ev.phrase)
    if ev.date:
        yield node, term("date"), _date(ev.date)
    if ev.count is not None:
        yield node, term("count"), _int(ev.count)
    if ev.count_qualifier:
        yield node, term("countQualifier"), Literal(ev.count_qualifier)
    if ev.count_text:
        yield node, term("countText"), Literal(ev.count_text)
    for n, am in enumerate(ev.amounts):
        a = iris.amount(node, n)
        yield node, term("amount"), a
        yield a, RDF.type, term("Amount")
        yield a, term("amountValue"), _decimal(am.value)
        yield a, term("unit"), Literal(am.unit)
        yield a, term("amountText"), Literal(am.text)
    yield node, term("negated"), Literal(ev.negated)
    if ev.modality:
        yield node, term("modality"), Literal(ev.modality)
    yield node, term("asserted"), Literal(ev.asserted)
    if ev.claim is not None:
        yield iris.claim(doc_id, ev.claim), term("claimsEvent"), node
    yield from provenance_triples(node, ev.provenance, doc)


def position_iri(doc_id: str, p: Position) -> URIRef:
    return iris.position(doc_id, entity_iri(p.holder), p.office,
                         entity_iri(p.organisation) if p.organisation is not None else None)


def position_triples(positions: tuple[Position, ...], doc: URIRef, doc_id: str) -> Iterator[Triple]:
    """Each position a node (one per holder, office and organisation in the document: former if any
    sentence says so, with the first dates given), and each sentence that says who holds it a
    statement of nkg:holdsPosition with its provenance, asserted unless a claim reports it."""
    nodes: dict[URIRef, list[Position]] = {}
    for p in positions:
        nodes.setdefault(position_iri(doc_id, p), []).append(p)
    for node, said in nodes.items():
        first = said[0]
        yield node, RDF.type, term("Position")
        yield node, RDFS.label, Literal(first.office + (f" of {first.organisation.name}" if first.organisation else ""))
        yield node, term("office"), Literal(first.office)
        if first.organisation is not None:
            yield node, term("positionAt"), entity_iri(first.organisation)
        if any(p.former for p in said):
            yield node, term("former"), Literal(True)
        for prop, value in (("startDate", next((p.start for p in said if p.start), None)),
                            ("endDate", next((p.end for p in said if p.end), None))):
            if value:
                yield node, term(prop), _month_or_date(value)
        for p in said:
            holder = entity_iri(p.holder)
            st = iris.statement(doc_id, holder, "holdsPosition", node, p.provenance.start, p.provenance.end)
            if p.claim is None:
                yield holder, term("holdsPosition"), node
            yield st, RDF.type, RDF.Statement
            yield st, RDF.subject, holder
            yield st, RDF.predicate, term("holdsPosition")
            yield st, RDF.object, node
            yield st, term("asserted"), Literal(p.claim is None)
            yield st, term("negated"), Literal(False)
            yield from provenance_triples(st, p.provenance, doc)
            if p.claim is not None:
                yield iris.claim(doc_id, p.claim), term("claimsStatement"), st


def extraction_triples(x: Extraction) -> Iterator[Triple]:
    """Every triple of one document's named graph."""
    d = x.document
    doc = iris.document(d.id)
    yield doc, RDF.type, term("Document")
    yield doc, term("contentHash"), Literal(d.id)
    yield doc, term("source"), Literal(d.source)
    if d.title:
        yield doc, SDO.headline, Literal(d.title)
    if d.url:
        yield doc, SDO.url, Literal(d.url, datatype=XSD.anyURI)
    if d.date:
        yield doc, SDO.datePublished, Literal(d.date.isoformat(), datatype=XSD.date)
    entities = {e.key: e for e in x.entities}
    for r in x.relations:
        entities.setdefault(r.subject.key, r.subject)
        entities.setdefault(r.object.key, r.object)
    for c in x.claims:
        if c.speaker is not None:
            entities.setdefault(c.speaker.key, c.speaker)
    for ev in x.events:
        for e in (ev.agent, ev.patient, ev.place, *(a.entity for a in ev.arguments)):
            if e is not None:
                entities.setdefault(e.key, e)
    for p in x.positions:
        for e in (p.holder, p.organisation):
            if e is not None:
                entities.setdefault(e.key, e)
    for e in sorted(entities.values(), key=lambda e: e.key):
        yield doc, SDO.mentions, entity_iri(e)
        yield from entity_triples(e)
    for c in x.claims:
        yield from claim_triples(c, doc, d.id)
    for r in x.relations:
        yield from relation_triples(r, doc, d.id)
        if r.claim is not None:
            yield iris.claim(d.id, r.claim), term("claimsStatement"), statement_iri(d.id, r)
    for ev in x.events:
        yield from event_triples(ev, doc, d.id)
    yield from position_triples(x.positions, doc, d.id)
