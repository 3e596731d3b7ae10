"""The knowledge graph as a networkx graph: entities, claims and events as nodes, facts as edges.

The input is the RDF laid out as in ``docs/rdf-layout.md``.  Edges come from the reified
statements, so every edge carries the sentence it was read in:

* an asserted statement (``nkg:asserted true``) gives a ``fact`` edge subject -> object;
* a statement linked from a claim by ``nkg:claimsStatement`` gives a ``claimed`` edge, labelled
  "... (claimed)"; the speaker gets a ``speaker`` edge to the claim, labelled with the cue verb,
  and the claim a ``claimed`` edge "claims" to every event it reports;
* an event gets ``role`` edges: agent -> event, event -> patient, recipient, theme, instrument,
  place and amount.

Unnamed groups (``nkg:GroupActor``) and amounts (``nkg:Amount``) are nodes of their own groups. An
event node says what it is in its ``title`` (class, verb, roles, modality, the sentence) and carries
``top``, the class that colours it: its PLOVER type's class, else its top class in the taxonomy.

Statements that are neither asserted nor claimed (negated or hedged ones) are left out.
"""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.events.taxonomy import classes as event_classes
from kg.events.taxonomy import get as event_class
from kg.rdf import iris
from kg.rdf.iris import ONTOLOGY_GRAPH, local_name

# class local name -> display group
ENTITY_GROUPS = {
    "Person": "Person",
    "Organization": "Organization", "GovernmentBody": "Organization", "SecurityForce": "Organization",
    "Alliance": "Organization", "PoliticalParty": "Organization", "MediaOrganization": "Organization",
    "Company": "Organization",
    "Place": "Place", "Country": "Place", "City": "Place", "Region": "Place",
    "Position": "Position",
    "OtherEntity": "Other",
}
EVENT_CLASSES = ("Event", *(c.name for c in event_classes()))     # the taxonomy's (kg/lexicon/taxonomy.toml)
# the classes that colour events: the taxonomy's top-level ones (a PLOVER type each, or none), in its order
TOP_CLASSES = tuple(c.name for c in event_classes() if c.parent is None)
NODE_GROUPS = {"GroupActor": "GroupActor", "Amount": "Amount"}   # event roles that are no entities
GROUP_OF = {**ENTITY_GROUPS, **{c: "Event" for c in EVENT_CLASSES}, "Claim": "Claim", **NODE_GROUPS}
GROUPS = ("Person", "Organization", "Place", "Position", "Other", "Event", "Claim", "GroupActor", "Amount")
ROOT_CLASSES = {"Person", "Organization", "Place", "Position", "OtherEntity", "Event", "Claim", *NODE_GROUPS}
# what XML 1.0 allows: tab, line feed, carriage return and the rest of Unicode but surrogates,
# U+FFFE and U+FFFF (https://www.w3.org/TR/xml/#charsets)
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
ROLES = (("agent", False), ("patient", True), ("recipient", True), ("theme", True),   # (role, event is
         ("instrument", True), ("place", True), ("amount", True))                     # the source)
# every property the view reads (kg.rdf.network_store loads these alone from a store)
READS = (RDF.type, RDF.subject, RDF.predicate, RDF.object, RDFS.label, SKOS.altLabel, OWL.sameAs,
         *(iris.NKG[role] for role, _ in ROLES),
         *(iris.NKG[p] for p in ("amountText", "verbPhrase", "verbLemma", "themeText", "time", "count", "countQualifier",
                                 "countText", "date", "modality", "negated", "asserted", "sentenceText", "speakerText",
                                 "cueVerb", "quotedText", "groupKind", "amountValue", "unit", "confidence",
                                 "claimsStatement", "speaker", "claimsEvent")))


class _Terms(dict):
    """The ontology's terms, each made once: ``NKG.verbPhrase`` on rdflib's Namespace checks and builds a
    new URIRef at every call (half a million calls for a corpus's view)."""

    def __missing__(self, name: str) -> URIRef:
        self[name] = iris.NKG[name]
        return self[name]

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        return self[name]

    def __str__(self) -> str:
        return str(iris.NKG)


NKG = _Terms()


def _union(graph: Graph) -> Graph:
    """All triples of the named graphs of a dataset, without the ontology graph."""
    if isinstance(graph, Dataset):
        parts = graph.graphs()
    elif hasattr(graph, "contexts"):
        parts = graph.contexts()
    else:
        return graph
    union = Graph()
    for part in parts:
        if part.identifier != ONTOLOGY_GRAPH:
            for triple in part:
                union.add(triple)
    return union


def words(predicate: str) -> str:
    """An ontology property local name as words: "allyOf" -> "ally of"."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", predicate).lower()


def _text(g: Graph, node: URIRef, prop: URIRef) -> str:
    """The smallest value of ``prop`` as text ("" when absent): deterministic when merged."""
    values = sorted(str(v) for v in g.objects(node, prop))
    return values[0] if values else ""


def _is_true(value) -> bool:
    return isinstance(value, Literal) and value.toPython() is True


def _class_of(g: Graph, node: URIRef) -> str:
    """The most specific known class of a node: a subclass wins over its group's root class."""
    known = sorted(local_name(t) for t in g.objects(node, RDF.type)
                   if str(t).startswith(str(NKG)) and local_name(t) in GROUP_OF)
    specific = [c for c in known if c not in ROOT_CLASSES]
    return (specific or known or [""])[0]


def top_class(cls: str) -> str:
    """The class that colours an event: its PLOVER type's class ("Coerce" for Arrest), else its top
    class in the taxonomy ("Succession" for Elect); "Event" for an event of no class of the taxonomy."""
    if cls not in EVENT_CLASSES[1:]:
        return "Event"
    found = event_class(cls)
    while found.plover_class is None and found.parent is not None:
        found = event_class(found.parent)
    return found.plover_class or found.name


def _label(g: Graph, node) -> str:
    """What a node is called: its rdfs:label, an amount's text, else its IRI's last part."""
    return _text(g, node, RDFS.label) or _text(g, node, NKG.amountText) or local_name(node)


def _event_lines(g: Graph, node: URIRef, cls: str, attrs: dict) -> list[str]:
    """An event's tooltip after its class: the words that report it, its roles, modality and sentence."""
    lines = []
    verb = _text(g, node, NKG.verbPhrase) or _text(g, node, NKG.verbLemma)
    if verb:
        lines.append(f"verb: {verb}")
    for role, _ in ROLES:
        names = sorted(_label(g, other) for other in g.objects(node, NKG[role]))
        if names:
            lines.append(f"{role}: {'; '.join(names)}")
    for prop in ("themeText", "time"):
        if _text(g, node, NKG[prop]):
            lines.append(f"{words(prop)}: {_text(g, node, NKG[prop])}")
    lines.extend(_count_and_date(g, node, attrs))
    flags = [f"modality: {_text(g, node, NKG.modality)}" if _text(g, node, NKG.modality) else ""]
    flags.append("negated" if _is_true(g.value(node, NKG.negated)) else "")
    asserted = g.value(node, NKG.asserted)
    if isinstance(asserted, Literal):
        flags.append("asserted" if _is_true(asserted) else "not asserted")
    if any(flags):
        lines.append(" · ".join(f for f in flags if f))
    sentence = _text(g, node, NKG.sentenceText)
    if sentence:
        lines.append(f"“{sentence}”")
    return lines


def _number(text: str) -> str:
    """A decimal as people write it: "1200000.0" -> "1,200,000"; "2.5" stays."""
    try:
        value = float(text)
    except ValueError:
        return text
    return f"{int(value):,}" if value.is_integer() else text


def _count_and_date(g: Graph, node: URIRef, attrs: dict) -> list[str]:
    lines = []
    count = g.value(node, NKG["count"])
    if isinstance(count, Literal) and isinstance(count.toPython(), int):
        attrs["count"] = count.toPython()
        qualified = " ".join(filter(None, [_text(g, node, NKG.countQualifier), str(attrs["count"])]))
        count_text = _text(g, node, NKG.countText)
        lines.append(f"count: {qualified}" + (f" ({count_text})" if count_text else ""))
    date = _text(g, node, NKG.date)
    if date:
        attrs["date"] = date
        lines.append(f"date: {date}")
    return lines


def _node_attrs(g: Graph, node: URIRef, cls: str) -> dict:
    group = GROUP_OF.get(cls, "Other")
    label = _label(g, node)
    aliases = "; ".join(sorted({str(a) for a in g.objects(node, SKOS.altLabel)} - {label}))
    attrs = {"label": label, "cls": cls or "Resource", "group": group, "iri": str(node), "aliases": aliases}
    lines = [attrs["cls"]]
    if aliases:
        lines.append(f"also: {aliases}")
    if group == "Claim":
        speaker = _text(g, node, NKG.speakerText)
        cue = _text(g, node, NKG.cueVerb)
        if speaker or cue:
            lines.append(f"{speaker} ({cue})".strip())
        quoted = _text(g, node, NKG.quotedText)
        if quoted:
            lines.append(f"“{quoted}”")
    elif group == "Event":
        attrs["top"] = top_class(cls)
        plover = event_class(cls).plover if cls in EVENT_CLASSES[1:] else None
        lines[0] = f"{label}\n{cls}" + (f" (PLOVER {plover})" if plover else "")
        lines.extend(_event_lines(g, node, cls, attrs))
    elif group == "GroupActor" and _text(g, node, NKG.groupKind):
        lines.append(f"group of: {_text(g, node, NKG.groupKind)}")
    elif group == "Amount":
        value = " ".join(filter(None, [_number(_text(g, node, NKG.amountValue)), _text(g, node, NKG.unit)]))
        lines.append(f"value: {value}" if value else "")
    attrs["title"] = "\n".join(line for line in lines if line)
    return attrs


def _evidence(g: Graph, source: URIRef) -> dict:
    """Sentence and confidence of a statement, claim or event."""
    attrs = {"sentence": _text(g, source, NKG.sentenceText)}
    confidence = g.value(source, NKG.confidence)
    if isinstance(confidence, Literal):
        attrs["confidence"] = float(confidence.toPython())
    return attrs


def _add_edge(edges: dict, source, target, label: str, kind: str, evidence: dict) -> None:
    """Record an edge; the same edge read several times keeps every sentence and the best confidence."""
    key = (str(source), str(target), label)
    edge = edges.setdefault(key, {"label": label, "kind": kind, "sentences": set(), "count": 0})
    edge["count"] += 1
    if evidence.get("sentence"):
        edge["sentences"].add(evidence["sentence"])
    if "confidence" in evidence:
        edge["confidence"] = max(edge.get("confidence", 0.0), evidence["confidence"])


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Build a directed multigraph of entities, claims and events from an rdflib Graph or Dataset.

    Nodes are keyed by IRI and carry ``label``, ``cls``, ``group``, ``iri``, ``aliases`` and
    ``title`` (plus ``count``/``date`` for events); edges are keyed by their ``label`` and carry
    ``kind`` (fact | claimed | speaker | role), ``sentence``, ``count`` and, when known,
    ``confidence``.  Nodes and edges are added in sorted order, so the output is deterministic.
    ``kg.rdf.network_store.from_store`` builds the same graph from an Oxigraph store, faster.
    """
    return build_network(_union(graph))


def build_network(g: Graph) -> nx.MultiDiGraph:
    """``to_networkx`` of the triples of ``g``: an rdflib Graph, or anything that answers its
    ``subjects``, ``objects``, ``value`` and ``subject_objects`` for the properties of ``READS``."""
    nodes: dict[str, dict] = {}
    for subject in set(g.subjects(RDF.type, None)):
        if isinstance(subject, URIRef):
            cls = _class_of(g, subject)
            if cls:
                nodes[str(subject)] = _node_attrs(g, subject, cls)

    edges: dict[tuple, dict] = {}
    claimed = {s: c for c, s in g.subject_objects(NKG.claimsStatement)}
    for stmt in set(g.subjects(RDF.type, RDF.Statement)):
        subject, predicate, obj = (g.value(stmt, p) for p in (RDF.subject, RDF.predicate, RDF.object))
        if not (isinstance(subject, URIRef) and isinstance(obj, URIRef) and predicate is not None):
            continue
        if _is_true(g.value(stmt, NKG.asserted)):
            label, kind = words(local_name(predicate)), "fact"
        elif stmt in claimed:
            label, kind = words(local_name(predicate)) + " (claimed)", "claimed"
        else:
            continue
        _add_edge(edges, subject, obj, label, kind, _evidence(g, stmt))

    for claim in set(g.subjects(RDF.type, NKG.Claim)):
        for speaker in g.objects(claim, NKG.speaker):
            _add_edge(edges, speaker, claim, _text(g, claim, NKG.cueVerb) or "says", "speaker", _evidence(g, claim))
        for event in g.objects(claim, NKG.claimsEvent):
            _add_edge(edges, claim, event, "claims", "claimed", _evidence(g, claim))

    phrases = set(g.subjects(RDF.type, NKG.PhraseMention))   # words in an event's role: in its tooltip,
    for key, attrs in nodes.items():                          # no nodes of their own
        if attrs["group"] == "Event":
            event = URIRef(key)
            for role, outgoing in ROLES:
                for other in g.objects(event, NKG[role]):
                    if other in phrases:
                        continue
                    ends = (event, other) if outgoing else (other, event)
                    _add_edge(edges, *ends, role, "role", _evidence(g, event))

    canonical = {str(m): str(c) for m, c in g.subject_objects(OWL.sameAs)
                 if isinstance(m, URIRef) and isinstance(c, URIRef) and m != c}
    if canonical:                       # kg resolve joined these: one node each, as in the explorer
        nodes, edges = _folded(nodes, edges, canonical)

    # an edge end that is no known entity, claim or event still gets a node, so no edge is lost
    for source, target, _ in list(edges):
        for end in (source, target):
            if end not in nodes:
                nodes[end] = _node_attrs(g, URIRef(end), _class_of(g, URIRef(end)))

    out = nx.MultiDiGraph()
    for key in sorted(nodes):
        out.add_node(key, **nodes[key])
    for (source, target, label) in sorted(edges):
        attrs = edges[(source, target, label)]
        sentences = sorted(attrs.pop("sentences"))
        out.add_edge(source, target, key=label, **attrs, sentence="\n".join(sentences))
    return out


def _folded(nodes: dict[str, dict], edges: dict[tuple, dict], canonical: dict[str, str]) -> tuple[dict, dict]:
    """The nodes joined by kg resolve (``owl:sameAs`` to a canonical node) drawn as their canonical
    node: its label and class, the others' names among its aliases, the edges of all of them."""
    out_edges: dict[tuple, dict] = {}
    for (source, target, label), attrs in edges.items():
        key = (canonical.get(source, source), canonical.get(target, target), label)
        edge = out_edges.setdefault(key, {"label": attrs["label"], "kind": attrs["kind"], "sentences": set(), "count": 0})
        edge["count"] += attrs["count"]
        edge["sentences"] |= attrs["sentences"]
        if "confidence" in attrs:
            edge["confidence"] = max(edge.get("confidence", 0.0), attrs["confidence"])
    out_nodes = {key: attrs for key, attrs in nodes.items() if key not in canonical}
    for member, target in sorted(canonical.items()):
        if member not in nodes or target not in out_nodes:
            continue
        kept, joined = out_nodes[target], nodes[member]
        names = {a for a in (kept["aliases"].split("; ") + joined["aliases"].split("; ") + [joined["label"]]) if a}
        aliases = "; ".join(sorted(names - {kept["label"]}))
        lines = [line for line in kept["title"].split("\n") if not line.startswith("also: ")]
        if aliases:
            lines.insert(1, f"also: {aliases}")
        out_nodes[target] = {**kept, "aliases": aliases, "title": "\n".join(lines)}
    return out_nodes, out_edges


def xml_safe(graph: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, int]:
    """A copy of ``graph`` without the characters XML 1.0 does not allow (NUL, ESC and the other
    control characters but tab and line breaks, lone surrogates, U+FFFE, U+FFFF) in its node keys,
    edge keys and text attributes, and how many were dropped."""
    dropped = 0

    def clean(value):
        nonlocal dropped
        if not isinstance(value, str):
            return value
        value, n = NOT_XML.subn("", value)
        dropped += n
        return value

    out = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        out.add_node(clean(node), **{k: clean(v) for k, v in attrs.items()})
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        out.add_edge(clean(source), clean(target), key=clean(key), **{k: clean(v) for k, v in attrs.items()})
    return out, dropped


def write_graphml(graph: Graph | nx.MultiDiGraph, path: str | Path) -> Path:
    """Write ``to_networkx(graph)`` (or ``graph`` itself, a view already built) as GraphML to ``path``
    and return the path. Characters XML 1.0 does not allow are dropped, with one warning saying how
    many: the file must stay well-formed."""
    path = Path(path)
    safe, dropped = xml_safe(graph if isinstance(graph, nx.MultiDiGraph) else to_networkx(graph))
    if dropped:
        warnings.warn(f"{path}: dropped {dropped} character(s) that XML does not allow (control characters "
                      f"such as NUL or ESC) from the GraphML", stacklevel=2)
    nx.write_graphml(safe, path)
    return path
