"""What cross-document resolution reads and decides, as frozen dataclasses: no RDF here.

The corpus is every entity node of every document's graph (``Occurrence``: the node as one article
has it); a rule proposes a ``Merge`` (this node is the same referent as that one, by this rule, read
in these documents); a ``Veto`` keeps two nodes apart (a merge undone); a ``Resolution`` is the
clusters that the merges not vetoed make, each with its canonical node.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from kg.ids import digest


@dataclass(frozen=True)
class Occurrence:
    """An entity node as one document's graph has it: its class, label, aliases there, the other
    entity nodes that document names, and the offices its positions there are."""

    entity: str                      # the node's IRI
    document: str                    # the document's IRI
    etype: str                       # ontology class local name
    label: str
    aliases: tuple[str, ...] = ()
    offices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Node:
    """An entity node of the corpus with what all its documents say of it."""

    iri: str
    etype: str
    label: str
    occurrences: tuple[Occurrence, ...]

    @cached_property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({o.document for o in self.occurrences}))

    @cached_property
    def aliases(self) -> tuple[str, ...]:
        return tuple(sorted({a for o in self.occurrences for a in o.aliases}))


@dataclass(frozen=True)
class Pair:
    """Two entity nodes a decision is about; its id is stable over runs (a digest of the two nodes
    alone: a rule or its evidence may change, the pair stays)."""

    member: str
    target: str

    @property
    def id(self) -> str:
        return digest(self.member, self.target)

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.member, self.target))


@dataclass(frozen=True)
class Merge(Pair):
    """One decision: ``member`` is the same referent as ``target``, by ``rule``; ``documents`` are
    the articles whose mentions it read, ``labels`` the names as written there."""

    rule: str
    confidence: float
    documents: tuple[str, ...]
    labels: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Veto(Pair):
    """Two nodes kept apart: a merge undone by hand, which later runs respect."""

    note: str = ""


@dataclass(frozen=True)
class Referent:
    """Nodes that are one referent: the canonical node, the others, and the merges that joined them."""

    canonical: str
    members: tuple[str, ...]         # every node but the canonical one, sorted
    merges: tuple[Merge, ...]


@dataclass(frozen=True)
class Resolution:
    """What a run decided: the clusters of two or more nodes, the merges they keep, the merges a
    veto or a conflict left out, and how many nodes there were."""

    clusters: tuple[Referent, ...]
    nodes: int                                   # entity nodes read (of the families resolved)
    refused: tuple[tuple[Merge, str], ...] = ()  # a merge and why it was left out
    vetoes: tuple[Veto, ...] = field(default=())

    @property
    def merges(self) -> tuple[Merge, ...]:
        return tuple(m for c in self.clusters for m in c.merges)

    @property
    def nodes_after(self) -> int:
        return self.nodes - sum(len(c.members) for c in self.clusters)


def nodes_of(occurrences: Iterable[Occurrence]) -> dict[str, Node]:
    """The nodes of a corpus, by IRI."""
    by_iri: dict[str, list[Occurrence]] = {}
    for o in occurrences:
        by_iri.setdefault(o.entity, []).append(o)
    return {iri: Node(iri, occ[0].etype, min(o.label for o in occ), tuple(occ))
            for iri, occ in sorted(by_iri.items())}
