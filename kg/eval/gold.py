"""Score a graph against a gold file of facts, claims, quantities and entities (``kg eval gold``).

The gold format and the matching rules are those of ``../shared/gold/README.md`` and its reference
checker ``check_graph.py``; this module gives the same answers without leaving the package.  Matching
never depends on our IRIs:

- an entity node is found by its labels (literals of a predicate whose local name contains ``label``,
  ``name`` or ``alias``), matched case-insensitively by substring;
- a **fact** ``{"s", "p", "o", "sym"?}`` holds as a direct triple, a reified ``rdf:Statement``, or
  through one node in between (an event or role node) whose predicates, type or label hold a keyword;
- a **claim** ``{"by", "about"}`` is a node of a claim-like class linked to the speaker, with an
  ``about`` word in a literal within two hops;
- a **quantity** ``{"value", "about"}`` is a numeric literal equal to the value on a node whose text,
  type, predicates or neighbours mention an ``about`` word;
- an **entity** ``{"aliases", "canonical"?}`` holds when exactly one entity node matches the aliases
  (and its labels contain ``canonical``).

Noise is reported too: entity nodes labelled only with a pronoun, and site boilerplate kept as literals.
All named graphs are read as one union.  This module does not need spaCy.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, Literal
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

KINDS = ("claim", "entity", "fact", "quantity")
# keys every item of a kind must have; the fact's "s" and "o" may be null (any node)
REQUIRED_KEYS = {"fact": ("s", "p", "o"), "claim": ("by", "about"), "quantity": ("value", "about"),
                 "entity": ("aliases",)}
NULLABLE_KEYS = ("s", "o")
KEYWORD_KEYS = ("s", "p", "o", "by", "about", "aliases")

LABEL_WORDS = ("label", "name", "alias")
NON_ENTITY_TYPES = ("mention", "statement", "document", "article", "sentence", "claim", "quot",
                    "event", "activity", "annotation", "provenance", "span", "text", "source",
                    "report", "speech", "assertion", "occurrence", "action")
CONTAINER_TYPES = ("document", "article", "sentence", "mention", "span", "annotation", "paragraph",
                   "chunk", "dataset", "graph", "corpus", "source", "text")
CLAIM_TYPES = ("claim", "statement", "quot", "assert", "report", "speech", "attribut", "utterance")
PRONOUNS = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "hers", "its", "their",
                      "who", "which", "that", "this", "these", "those", "we", "i", "you", "us", "our",
                      "one"})
BOILERPLATE = ("skip to content", "not all news on the site", "programmatic technology")
RDF_FORMATS = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld",
               ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".n3": "n3"}
QUAD_FORMATS = {"trig", "nquads", "json-ld"}
SHOWN_NOISE = 20      # noise rows listed by lines(); the summary counts them all
NOTE_WIDTH = 70


# ---------------------------------------------------------------------------------------------------
# results

@dataclass(frozen=True)
class ItemResult:
    """One gold item and whether the graph holds it; ``how`` says where (or, for a missed entity, which
    nodes matched its aliases)."""

    id: str
    kind: str
    note: str
    found: bool
    how: str

    def line(self) -> str:
        """The checker's row: ``ok  ID     note  how`` or ``MISS ID     note  detail``."""
        mark = "ok  " if self.found else "MISS"
        return f"{mark} {self.id:<6} {self.note[:NOTE_WIDTH]:<{NOTE_WIDTH}} {self.how}"


@dataclass(frozen=True)
class GoldReport:
    """The items found and missed, the noise, and per kind (found, total)."""

    items: tuple[ItemResult, ...]
    noise: tuple[str, ...]
    by_kind: dict[str, tuple[int, int]]
    name: str = "gold"
    triples: int = 0   # distinct triples in the union of the graphs

    @property
    def found(self) -> int:
        return sum(1 for item in self.items if item.found)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def share(self) -> float:
        """Found / total; 0.0 for an empty gold file."""
        return self.found / self.total if self.total else 0.0

    def passes(self, min_share: float = 0.0) -> bool:
        """The reference checker's exit rule: share at least ``min_share`` and no noise."""
        return self.share >= min_share and not self.noise

    def summary(self) -> str:
        """``NAME: 9/11 gold items found (82%; claim 2/2, entity 1/3, ...); 1275 triples; 0 noise``."""
        parts = ", ".join(f"{kind} {f}/{t}" for kind, (f, t) in sorted(self.by_kind.items()))
        return (f"{self.name}: {self.found}/{self.total} gold items found ({self.share:.0%}; {parts}); "
                f"{self.triples} triples; {len(self.noise)} noise")

    def lines(self, verbose: bool = False) -> list[str]:
        """The rows the checker prints before its summary: MISS rows (and ok rows when ``verbose``),
        then up to 20 NOISE rows.  The summary itself is ``summary()``."""
        rows = [item.line() for item in self.items if verbose or not item.found]
        return rows + [f"NOISE {n}" for n in self.noise[:SHOWN_NOISE]]


# ---------------------------------------------------------------------------------------------------
# the gold file

def _fail(where: str, message: str) -> ValueError:
    return ValueError(f"{where}: {message}")


def _check_keywords(where: str, key: str, value, nullable: bool) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, list) or not value:
        raise _fail(where, f"{key!r} must be a non-empty list of strings"
                           + (" or null" if nullable else "") + f", not {value!r}")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(where, f"{key!r} must hold non-empty strings only, not {value!r}")


def _check_item(where: str, item) -> None:
    if not isinstance(item, dict):
        raise _fail(where, f"an item must be a JSON object, not {item!r}")
    for key in ("id", "kind"):
        if key not in item:
            raise _fail(where, f"item has no {key!r}")
    if not isinstance(item["id"], (str, int)) or isinstance(item["id"], bool) or str(item["id"]) == "":
        raise _fail(where, f"'id' must be a non-empty string, not {item['id']!r}")
    where = f"{where} ({item['id']})"
    kind = item["kind"]
    if kind not in REQUIRED_KEYS:
        raise _fail(where, f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    missing = [k for k in REQUIRED_KEYS[kind] if k not in item]
    if missing:
        raise _fail(where, f"a {kind} item needs {', '.join(map(repr, missing))}")
    for key in KEYWORD_KEYS:
        if key in REQUIRED_KEYS[kind]:
            _check_keywords(where, key, item[key], nullable=key in NULLABLE_KEYS)
    value = item.get("value")
    if kind == "quantity" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise _fail(where, f"'value' must be a number, not {value!r}")
    for key in ("note", "canonical"):
        if key in item and not isinstance(item[key], str):
            raise _fail(where, f"{key!r} must be a string, not {item[key]!r}")
    if "sym" in item and not isinstance(item["sym"], bool):
        raise _fail(where, f"'sym' must be true or false, not {item['sym']!r}")


def validate_gold(gold, where: str = "gold") -> None:
    """Raise ValueError, naming the file and item, unless ``gold`` is a well-formed gold object."""
    if not isinstance(gold, dict) or not isinstance(gold.get("items"), list):
        raise _fail(where, 'expected a JSON object with a list "items"')
    seen: set[str] = set()
    for i, item in enumerate(gold["items"]):
        _check_item(f"{where}: item {i + 1}", item)
        if str(item["id"]) in seen:
            raise _fail(where, f"item id {item['id']!r} is used twice")
        seen.add(str(item["id"]))


def load_gold(path: str | Path) -> dict:
    """Read and validate a gold JSON file; its ``name`` defaults to the path.  Raises ValueError on a
    malformed file (bad JSON, no "items", unknown kind, missing or ill-typed keys, repeated ids)."""
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise _fail(str(path), f"not valid JSON ({exc})") from None
    validate_gold(gold, str(path))
    gold.setdefault("name", str(path))
    return gold


# ---------------------------------------------------------------------------------------------------
# the graph

def read_graphs(paths: Iterable[str | Path]) -> Dataset:
    """The RDF files (.trig .nq .jsonld keep their named graphs; .ttl .nt .rdf .n3 go to the default
    graph) in one dataset, as the reference checker reads them."""
    ds = Dataset()
    for path in map(Path, paths):
        fmt = RDF_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise ValueError(f"{path}: unknown RDF file extension (expected one of "
                             f"{', '.join(sorted(RDF_FORMATS))})")
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file")
        target = ds if fmt in QUAD_FORMATS else ds.default_graph
        target.parse(path, format=fmt)
    return ds


def union(graph) -> Graph:
    """All triples of ``graph`` in one plain Graph: every named graph of a Dataset (or of a
    KnowledgeGraph's dataset), or the triples of a Graph."""
    graph = getattr(graph, "dataset", graph)
    g = Graph()
    if hasattr(graph, "quads"):
        g.addN((s, p, o, g) for s, p, o, _ in graph.quads((None, None, None, None)))
    else:
        g.addN((s, p, o, g) for s, p, o in graph)
    return g


def local_name(term) -> str:
    """``nkg:allyOf`` -> ``ally of``: the last IRI segment, camelCase, ``_`` and ``-`` split, lower case."""
    name = re.split(r"[#/:]", str(term).rstrip("/#"))[-1]
    name = re.sub(r"([a-z])([A-Z])", r"\1 \2", name)
    return name.replace("_", " ").replace("-", " ").lower()


def has_keyword(text: str, keywords: Iterable[str]) -> bool:
    """Whether any keyword occurs in ``text`` (already lower case), ignoring the keywords' case."""
    return any(k.lower() in text for k in keywords)


@dataclass
class View:
    """The union graph with the indexes the matchers use: labels, types, out- and in-edges (rdf:type
    kept apart; literals only as out-edges) and each predicate's text (local name and rdfs:label)."""

    graph: Graph
    labels: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    types: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    out: dict[Node, list[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(list))
    inc: dict[Node, list[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(list))
    pred_text: dict[Node, str] = field(default_factory=dict)

    def text(self, node) -> str:
        """A literal's text, a node's labels joined by `` | ``, or else its local name; lower case."""
        if isinstance(node, Literal):
            return str(node).lower()
        return " | ".join(sorted(self.labels.get(node, ()))) or local_name(node)

    def type_text(self, node) -> str:
        return " ".join(sorted(self.types.get(node, ())))

    def ptext(self, predicate) -> str:
        return self.pred_text.get(predicate, local_name(predicate))

    def nodes(self) -> set[Node]:
        """Every node with an edge other than rdf:type."""
        return set(self.out) | set(self.inc)

    def matching(self, aliases) -> set[Node]:
        """Labelled nodes whose text contains an alias; every node when ``aliases`` is None."""
        if aliases is None:
            return self.nodes()
        wanted = [a.lower() for a in aliases]
        return {n for n in self.labels if any(a in self.text(n) for a in wanted)}

    def is_entity(self, node) -> bool:
        """A labelled node not typed as a mention, statement, document, claim, event and the like."""
        return node in self.labels and not has_keyword(self.type_text(node), NON_ENTITY_TYPES)

    def neighbours(self, node) -> list[tuple[Node, Node]]:
        """(predicate, node) over out-edges (literals included) then in-edges."""
        return list(self.out.get(node, ())) + list(self.inc.get(node, ()))


def view(graph) -> View:
    """Index the union of ``graph``'s named graphs."""
    v = View(union(graph))
    for s, p, o in v.graph:
        if isinstance(o, Literal):
            if has_keyword(local_name(p), LABEL_WORDS):
                v.labels[s].add(str(o).lower())
            v.out[s].append((p, o))
        elif p == RDF.type:
            v.types[s].add(local_name(o))
        else:
            v.out[s].append((p, o))
            v.inc[o].append((p, s))
    for p in set(v.graph.predicates()):
        labels = " ".join(str(label).lower() for label in v.graph.objects(p, RDFS.label))
        v.pred_text[p] = f"{local_name(p)} {labels}"
    return v


# ---------------------------------------------------------------------------------------------------
# matchers: each returns where it found the item, or None

def _direct(v: View, a_nodes: set, b_nodes: set, keywords) -> str | None:
    for a in sorted(a_nodes):
        for p, b in v.out.get(a, ()):
            if b in b_nodes and has_keyword(v.ptext(p), keywords):
                return f"direct: {v.text(a)} -{local_name(p)}-> {v.text(b)}"
    return None


def _statements(v: View) -> Iterator[tuple[Node, Node, Node]]:
    """(subject, predicate, object) of every reified statement (rdf:subject/predicate/object)."""
    for st, s in v.graph.subject_objects(RDF.subject):
        for p in v.graph.objects(st, RDF.predicate):
            for o in v.graph.objects(st, RDF.object):
                yield s, p, o


def _reified(v: View, a_nodes: set, b_nodes: set, keywords) -> str | None:
    for s, p, o in _statements(v):
        if s in a_nodes and o in b_nodes and has_keyword(v.ptext(p), keywords):
            return f"reified: {v.text(s)} -{local_name(p)}-> {v.text(o)}"
    return None


def _via_node(v: View, a_nodes: set, b_nodes: set, keywords) -> str | None:
    """a - m - b in any direction, m not a literal, not itself an ``a`` and not a container (document,
    sentence, mention ...); a keyword in either predicate or in m's type or labels."""
    for a in sorted(a_nodes):
        for p1, m in v.neighbours(a):
            if isinstance(m, Literal) or m in a_nodes or has_keyword(v.type_text(m), CONTAINER_TYPES):
                continue
            mtext = f"{v.type_text(m)} {v.text(m)}"
            for p2, b in v.neighbours(m):
                if b in b_nodes and b != a and (has_keyword(v.ptext(p1), keywords)
                                                or has_keyword(v.ptext(p2), keywords)
                                                or has_keyword(mtext, keywords)):
                    return f"via {mtext.strip()[:60]}: {v.text(a)} ~ {v.text(b)}"
    return None


def match_fact(v: View, item: dict) -> str | None:
    """An ``s`` node linked to an ``o`` node directly, by a reified statement, or through one node."""
    subjects, objects = v.matching(item.get("s")), v.matching(item.get("o"))
    pairs = [(subjects, objects)] + ([(objects, subjects)] if item.get("sym") else [])
    for a_nodes, b_nodes in pairs:
        for how in (_direct, _reified, _via_node):
            found = how(v, a_nodes, b_nodes, item["p"])
            if found:
                return found
    return None


def literals_near(v: View, node, depth: int = 2) -> list[str]:
    """The texts of literals and nodes reached from ``node`` along out-edges in ``depth`` steps."""
    seen, frontier, texts = {node}, [node], []
    for _ in range(depth):
        following = []
        for n in frontier:
            for _, o in v.out.get(n, ()):
                if isinstance(o, Literal):
                    texts.append(str(o).lower())
                elif o not in seen:
                    seen.add(o)
                    following.append(o)
                    texts.append(v.text(o))
        frontier = following
    return texts


def match_claim(v: View, item: dict) -> str | None:
    """A claim-typed node linked to a speaker, with an ``about`` word within two hops."""
    speakers = v.matching(item["by"])
    for claim in sorted(v.nodes()):
        if not has_keyword(v.type_text(claim), CLAIM_TYPES):
            continue
        linked = {m for _, m in v.neighbours(claim)} & speakers
        if linked and has_keyword(" ".join(literals_near(v, claim)), item["about"]):
            return f"claim {local_name(claim)} by {v.text(sorted(linked)[0])}"
    return None


def as_number(term) -> float | None:
    """A literal's number: a numeric value, or the number in a short text such as ``nearly 8,000``."""
    if not isinstance(term, Literal):
        return None
    value = term.toPython()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    m = re.fullmatch(r"\D{0,12}?(\d[\d,.]*)\D{0,12}", str(term).strip())
    if not m:
        return None
    try:
        return float(m.group(1).replace(",", ""))
    except ValueError:
        return None


def _quantity_context(v: View, s, p) -> str:
    texts = [v.ptext(p), v.type_text(s), v.text(s)]
    for p2, m in v.neighbours(s):
        texts += [v.ptext(p2), v.text(m), v.type_text(m)]
    return " ".join(texts)


def match_quantity(v: View, item: dict) -> str | None:
    """A literal equal to ``value`` on a node whose text, type, predicates or neighbours say ``about``."""
    want = float(item["value"])
    for s, p, o in sorted(v.graph):
        number = as_number(o)
        if number is not None and abs(number - want) <= 1e-6 and \
                has_keyword(_quantity_context(v, s, p), item["about"]):
            return f"{local_name(p)}={o} on {v.text(s)[:40]}"
    return None


def entity_nodes(v: View, item: dict) -> list[Node]:
    return sorted(n for n in v.matching(item["aliases"]) if v.is_entity(n))


def match_entity(v: View, item: dict) -> str | None:
    """Exactly one entity node matches the aliases, and its labels contain ``canonical`` if given."""
    nodes = entity_nodes(v, item)
    if len(nodes) != 1:
        return None
    if item.get("canonical") and item["canonical"].lower() not in v.text(nodes[0]):
        return None
    return f"one node: {v.text(nodes[0])[:60]}"


def entity_detail(v: View, item: dict) -> str:
    """Why an entity item missed: the entity nodes its aliases match."""
    nodes = entity_nodes(v, item)
    return f"{len(nodes)} entity nodes: " + "; ".join(v.text(n)[:40] for n in nodes[:6])


MATCHERS = {"fact": match_fact, "claim": match_claim, "quantity": match_quantity, "entity": match_entity}


def noise(v: View) -> list[str]:
    """Entity nodes labelled only with pronouns, and literals holding site boilerplate."""
    bad = [f"pronoun entity: {sorted(v.labels[n])}" for n in sorted(v.labels)
           if all(label.strip() in PRONOUNS for label in v.labels[n]) and v.is_entity(n)]
    for _, p, o in sorted(v.graph):
        if isinstance(o, Literal) and has_keyword(str(o).lower(), BOILERPLATE):
            bad.append(f"boilerplate literal on {local_name(p)}: {str(o)[:50]}")
    return bad


# ---------------------------------------------------------------------------------------------------

def check_item(v: View, item: dict) -> ItemResult:
    how = MATCHERS[item["kind"]](v, item)
    detail = how or (entity_detail(v, item) if item["kind"] == "entity" else "")
    return ItemResult(id=str(item["id"]), kind=item["kind"], note=item.get("note", ""),
                      found=how is not None, how=detail)


def _by_kind(items: Iterable[ItemResult]) -> dict[str, tuple[int, int]]:
    counts: dict[str, list[int]] = {}
    for item in items:
        c = counts.setdefault(item.kind, [0, 0])
        c[0] += item.found
        c[1] += 1
    return {kind: (f, t) for kind, (f, t) in sorted(counts.items())}


def check(gold: dict, graph: Graph | Dataset) -> GoldReport:
    """Score ``graph`` (a Graph, a Dataset read as the union of its graphs, or a KnowledgeGraph)
    against ``gold`` (as ``load_gold`` returns it)."""
    validate_gold(gold)
    v = view(graph)
    items = tuple(check_item(v, item) for item in gold["items"])
    return GoldReport(items=items, noise=tuple(noise(v)), by_kind=_by_kind(items),
                      name=str(gold.get("name", "gold")), triples=len(v.graph))
