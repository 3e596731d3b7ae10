"""What the explorer page asks the server: entities by name, and one node's neighbourhood with the
evidence of every edge. Both are SPARQL answered by the server's backend (the query workers on the
embedded store, or a SPARQL endpoint: the queries keep to what both Oxigraph and Virtuoso read alike),
shaped here as JSON.

The edges are those of ``kg.rdf.network`` (the static page's): a ``fact`` for an asserted statement,
``claimed`` for a statement a claim makes (and claim -> event), ``speaker`` from a speaker to the claim,
``role`` between an event and its agent, patient, place ... Each edge keeps every piece of evidence:
the sentence, the document's headline, link and date, the confidence, the rule and the extractor.
"""
from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass

from kg.rdf.network import GROUP_OF, ROLES, ROOT_CLASSES, top_class, words
from kg.serve.backend import Backend
from kg.serve.worker import Job

NKG = "https://newskg.dev/ontology#"
EDGE_CAP = 400         # statements or links read for one node; a hub shows its first ones, and says so

# An entity's label and class are written in the graph of every document that mentions it, and the
# default graph is the union of them all: a pattern joining two of its triples would meet each pair of
# copies (600 documents: 360,000 rows). So the patterns of one node stay in one graph (GRAPH ?g), or
# each is read alone, and DISTINCT drops the copies.
CLASSES_QUERY = "SELECT ?t WHERE { ?t rdfs:subClassOf* nkg:Entity }"
INDEX_QUERY = """
SELECT DISTINCT ?e ?label ?name ?type WHERE {{
  VALUES ?type {{ {classes} }} GRAPH ?g {{ ?e a ?type ; rdfs:label ?label ; rdfs:label|skos:altLabel ?name }}
  FILTER(isIRI(?e))
}}"""
MENTIONS_QUERY = "SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d schema:mentions ?e } GROUP BY ?e"
# the nodes kg resolve joined: each member to its canonical node (one node for the explorer)
SAME_AS_QUERY = """SELECT ?m ?c WHERE {{ GRAPH <{graph}> {{ ?m owl:sameAs ?c }} FILTER(isIRI(?m) && isIRI(?c)) }}"""
JOINED_MENTIONS_QUERY = "SELECT DISTINCT ?d ?e WHERE {{ VALUES ?e {{ {nodes} }} ?d schema:mentions ?e }}"
EVIDENCE = """
  OPTIONAL {{ {s} nkg:sentenceText ?sentence }} OPTIONAL {{ {s} nkg:confidence ?confidence }}
  OPTIONAL {{ {s} nkg:rule ?rule }} OPTIONAL {{ {s} nkg:extractorVersion ?version }}
  OPTIONAL {{ {s} prov:wasDerivedFrom ?doc OPTIONAL {{ ?doc schema:headline ?title }}
             OPTIONAL {{ ?doc schema:url ?url }} OPTIONAL {{ ?doc schema:datePublished ?published }} }}"""
STATEMENTS_QUERY = """
SELECT ?st ?s ?p ?o ?asserted ?claim ?sentence ?confidence ?rule ?version ?doc ?title ?url ?published WHERE {{
  {{ ?st rdf:subject {x} }} UNION {{ ?st rdf:object {x} }}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . FILTER(isIRI(?s) && isIRI(?o))
  OPTIONAL {{ ?st nkg:asserted ?asserted }} OPTIONAL {{ ?claim nkg:claimsStatement ?st }}
  {evidence}
}} LIMIT {cap}"""
# VALUES in each branch: Virtuoso 7 drops a VALUES before a UNION whose branches BIND (every link came)
LINKS_QUERY = """
SELECT ?a ?link ?b ?cue ?sentence ?confidence ?rule ?version ?doc ?title ?url ?published WHERE {{
  {{ VALUES ?link {{ {links} }} ?a ?link {x} BIND({x} AS ?b) }}
  UNION {{ VALUES ?link {{ {links} }} {x} ?link ?b BIND({x} AS ?a) }}
  FILTER(isIRI(?b))
  OPTIONAL {{ ?a nkg:cueVerb ?cue }}
  {evidence}
}} LIMIT {cap}"""
NODES_QUERY = """
SELECT DISTINCT ?n ?p ?v WHERE {{
  VALUES ?n {{ {nodes} }} ?n ?p ?v
  FILTER(?p IN (rdfs:label, rdf:type, skos:altLabel, nkg:date, nkg:asserted, nkg:amountText))
}}"""                    # not VALUES ?p: the engine then scanned every quad (0.7 s, not 6 ms)
PROPERTIES = {"http://www.w3.org/2000/01/rdf-schema#label": "label", NKG + "date": "date",
              NKG + "asserted": "asserted", NKG + "amountText": "amount"}
RDF_TYPE, ALT_LABEL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2004/02/skos/core#altLabel"


def iri_term(iri: str) -> str:
    """An IRI as SPARQL writes it; ValueError for one that would break out of the brackets."""
    if not iri or any(c in iri for c in '<>"{}|^`\\ \n\r\t'):
        raise ValueError(f"not an IRI: {iri!r}")
    return f"<{iri}>"


def _value(row: dict, name: str) -> str | None:
    cell = row.get(name)
    return None if cell is None else cell["value"]


@dataclass(frozen=True)
class Name:
    """One name of an entity in the search index."""

    folded: str
    label: str
    iri: str
    cls: str
    mentions: int


class Explorer:
    """The explorer's questions, answered by ``backend``."""

    def __init__(self, backend: Backend):
        self.backend = backend
        self._names: list[Name] | None = None
        self._entities: dict[str, dict] = {}      # iri -> label, types, aliases: what ``names`` read
        self._canonical: dict[str, str] = {}      # a node kg resolve joined to another -> that one
        self._members: dict[str, list[str]] = {}  # a canonical node -> itself and the nodes joined to it
        self._lock = threading.Lock()

    def select(self, sparql: str) -> list[dict]:
        """The rows (SPARQL JSON bindings) of one of the server's own queries."""
        answer = self.backend.answer(Job(sparql, format="json", own=True))
        return json.loads(answer.read())["results"]["bindings"]

    def names(self) -> list[Name]:
        """Every name and alias of every entity, built on first use (a second caller waits for it).
        Nodes that kg resolve joined are one entity: the canonical node's, with the others' names
        as aliases and their mentions added."""
        with self._lock:
            if self._names is None:
                self._read_merges()
                mentions = {_value(r, "e"): int(_value(r, "n")) for r in self.select(MENTIONS_QUERY)}
                mentions.update(self._joined_mentions())
                found: dict[tuple[str, str], set[str]] = {}
                labels: dict[str, str] = {}
                classes = " ".join(iri_term(_value(r, "t")) for r in self.select(CLASSES_QUERY))
                for r in self.select(INDEX_QUERY.format(classes=classes)):
                    node, name = _value(r, "e"), _value(r, "name")
                    iri = self.canonical(node)
                    found.setdefault((iri, name), set()).add(_value(r, "type").removeprefix(NKG))
                    if node == iri:       # the canonical node's own label names the entity
                        labels[iri] = min(labels.get(iri, _value(r, "label")), _value(r, "label"))
                for iri, name in sorted(found):    # a canonical node without a label of its own
                    labels.setdefault(iri, name)
                self._names = [Name(name.casefold(), labels[iri], iri, _most_specific(types), mentions.get(iri, 0))
                               for (iri, name), types in found.items()]
                for (iri, name), types in found.items():
                    entity = self._entities.setdefault(iri, {"label": labels[iri], "types": set(), "aliases": set()})
                    entity["types"] |= types
                    if name != labels[iri]:
                        entity["aliases"].add(name)
            return self._names

    def _read_merges(self) -> None:
        """Both maps made whole, then kept (a failed read, to be tried again, leaves them as they were)."""
        from kg.rdf.iris import RESOLUTION_GRAPH
        canonical = {_value(r, "m"): _value(r, "c") for r in self.select(SAME_AS_QUERY.format(graph=RESOLUTION_GRAPH))
                     if _value(r, "m") != _value(r, "c")}
        members: dict[str, list[str]] = {}
        for member, target in sorted(canonical.items()):
            members.setdefault(target, [target]).append(member)
        self._canonical, self._members = canonical, members

    def _joined_mentions(self) -> dict[str, int]:
        """The documents that mention any node of each joined entity, counted once each."""
        nodes = sorted({n for members in self._members.values() for n in members})
        documents: dict[str, set[str]] = {}
        for start in range(0, len(nodes), 400):
            values = " ".join(iri_term(n) for n in nodes[start:start + 400])
            for r in self.select(JOINED_MENTIONS_QUERY.format(nodes=values)):
                documents.setdefault(self.canonical(_value(r, "e")), set()).add(_value(r, "d"))
        return {iri: len(found) for iri, found in documents.items()}

    def canonical(self, iri: str) -> str:
        """The node that stands for ``iri`` (itself unless kg resolve joined it to another)."""
        return self._canonical.get(iri, iri)

    def search(self, text: str, limit: int = 20) -> list[dict]:
        """Entities whose name or alias contains ``text`` (any case): names that start with it first,
        then words that do, then the rest; the most mentioned first within each."""
        q = " ".join(text.casefold().split())
        if not q:
            return []
        best: dict[str, tuple] = {}
        for n in self.names():
            at = n.folded.find(q)
            if at < 0:
                continue
            rank = 0 if at == 0 else 1 if n.folded[at - 1] in " -'(" else 2
            # ties: the label before an alias, then the alias first in order (not first in the rows)
            key = (rank, -n.mentions, n.label.casefold(), n.folded != n.label.casefold(), n.folded)
            if n.iri not in best or key < best[n.iri][0]:
                best[n.iri] = (key, n)
        hits = sorted(best.values(), key=lambda kn: kn[0])[:limit]
        return [{"iri": n.iri, "label": n.label, "match": n.folded if n.folded != n.label.casefold() else "",
                 "cls": n.cls, "group": GROUP_OF.get(n.cls, "Other"), "mentions": n.mentions} for _, n in hits]

    def neighbourhood(self, iri: str) -> dict:
        """A node, the nodes next to it, and the edges between them with their evidence; for a node
        that kg resolve joined with others, the edges of all of them, drawn to the canonical one."""
        iri_term(iri)
        self.names()
        iri = self.canonical(iri)
        kinds = " ".join(["nkg:speaker", "nkg:claimsEvent"] + [f"nkg:{role}" for role, _ in ROLES])
        edges: dict[str, dict] = {}
        capped = False
        for member in self._members.get(iri, [iri]):
            x = iri_term(member)
            statements = self.select(STATEMENTS_QUERY.format(x=x, evidence=EVIDENCE.format(s="?st"), cap=EDGE_CAP))
            links = self.select(LINKS_QUERY.format(x=x, links=kinds, evidence=EVIDENCE.format(s="?a"), cap=EDGE_CAP))
            for r in statements:
                _statement_edge(edges, self._folded(r, "s", "o"))
            for r in links:
                _link_edge(edges, self._folded(r, "a", "b"))
            capped = capped or len(statements) >= EDGE_CAP or len(links) >= EDGE_CAP
        ids = {iri} | {e["from"] for e in edges.values()} | {e["to"] for e in edges.values()}
        nodes = self.nodes(sorted(ids))
        return {"node": nodes.get(iri) or _node(iri, {}), "nodes": list(nodes.values()),
                "edges": sorted(edges.values(), key=lambda e: (e["kind"], e["label"], e["id"])),
                "capped": capped}

    def _folded(self, row: dict, *names: str) -> dict:
        """The row with the nodes ``names`` bind put in their canonical node's place."""
        out = dict(row)
        for name in names:
            value = _value(row, name)
            if value is not None and value in self._canonical:
                out[name] = {**row[name], "value": self._canonical[value]}
        return out

    def nodes(self, iris: list[str]) -> dict[str, dict]:
        """What the page shows of each node: label, class, group, aliases, date. An entity's come from
        the search index (a hub's label is in hundreds of graphs: reading every copy took a second);
        events', claims' and the others' (each in one document's graph) from the store."""
        self.names()
        facts: dict[str, dict] = {i: self._entities[i] for i in iris if i in self._entities}
        rest = [i for i in iris if i not in facts]
        for start in range(0, len(rest), 400):
            values = " ".join(iri_term(i) for i in rest[start:start + 400])
            for r in self.select(NODES_QUERY.format(nodes=values)):
                seen = facts.setdefault(_value(r, "n"), {"types": set(), "aliases": set()})
                p, v = _value(r, "p"), _value(r, "v")
                if p == RDF_TYPE and v.startswith(NKG):
                    seen["types"].add(v.removeprefix(NKG))
                elif p == ALT_LABEL:
                    seen["aliases"].add(v)
                elif p in PROPERTIES:       # the smallest value, as kg.rdf.network shows it
                    key = PROPERTIES[p]
                    seen[key] = min(seen.get(key, v), v)
        return {i: _node(i, facts.get(i, {})) for i in iris}


def _most_specific(types: set[str]) -> str:
    """A node's class to show, as ``kg.rdf.network`` picks it: a subclass before its root class."""
    known = sorted(t for t in types if t in GROUP_OF)
    specific = [t for t in known if t not in ROOT_CLASSES]
    return (specific or known or ["Resource"])[0]


def _node(iri: str, facts: dict) -> dict:
    cls = _most_specific(facts.get("types", set()))
    group = GROUP_OF.get(cls, "Other")
    label = facts.get("label") or facts.get("amount") or iri.rstrip("/").rsplit("/", 1)[-1]
    node = {"id": iri, "label": label, "cls": cls, "group": group,
            "aliases": sorted(facts.get("aliases", set()) - {label})}
    if group == "Event":
        node["top"] = top_class(cls)
        node["asserted"] = facts.get("asserted") == "true"
    if facts.get("date"):
        node["date"] = facts["date"]
    return node


def _evidence(r: dict) -> dict:
    out = {k: _value(r, k) for k in ("sentence", "rule", "version", "doc", "title", "url", "published")}
    if _value(r, "confidence") is not None:
        out["confidence"] = float(_value(r, "confidence"))
    return {k: v for k, v in out.items() if v is not None}


def _add(edges: dict, source: str, target: str, label: str, kind: str, evidence: dict) -> None:
    key = hashlib.sha1(f"{source}\n{target}\n{label}\n{kind}".encode()).hexdigest()[:16]
    edge = edges.setdefault(key, {"id": key, "from": source, "to": target, "label": label, "kind": kind,
                                  "evidence": []})
    if evidence and evidence not in edge["evidence"]:
        edge["evidence"].append(evidence)


def _statement_edge(edges: dict, r: dict) -> None:
    predicate = words(_value(r, "p").rsplit("#", 1)[-1].rsplit("/", 1)[-1])
    if _value(r, "asserted") == "true":
        _add(edges, _value(r, "s"), _value(r, "o"), predicate, "fact", _evidence(r))
    elif _value(r, "claim"):
        _add(edges, _value(r, "s"), _value(r, "o"), predicate + " (claimed)", "claimed", _evidence(r))


def _link_edge(edges: dict, r: dict) -> None:
    a, b, link = _value(r, "a"), _value(r, "b"), _value(r, "link").removeprefix(NKG)
    if link == "speaker":
        _add(edges, b, a, _value(r, "cue") or "says", "speaker", _evidence(r))
    elif link == "claimsEvent":
        _add(edges, a, b, "claims", "claimed", _evidence(r))
    else:
        outgoing = dict(ROLES).get(link, True)
        source, target = (a, b) if outgoing else (b, a)
        _add(edges, source, target, link, "role", _evidence(r))
