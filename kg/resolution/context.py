"""What an article says around an entity: the other entities it names and the offices its people hold,
each weighed by how rare it is in the corpus (the log of 1 + documents / documents naming it; an
entity that more than ``[context] common`` of the articles name, and ``common_documents`` or more,
weighs nothing: "UK", "BBC").

``Context.score(node_docs, other)`` is the weight an article (or a node's articles) shares with
another node's articles: how much the two agree on who and what is around.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from kg.lexicon import load
from kg.resolution.names import family, key
from kg.resolution.records import Node


def feature(node: Node) -> str:
    """The context feature of a node: its family and key, so the BBC as a company and as a media
    organisation are one feature."""
    fam = family(node.etype) or node.etype
    return f"{fam}|{key(node.label, fam)}"


@dataclass(frozen=True)
class Settings:
    agree: float
    ahead: float
    informative: float
    common: float
    common_documents: int
    office: float
    least_shared: int

    @classmethod
    def load(cls) -> "Settings":
        return cls(**load("resolution")["context"])


class Context:
    """The features of each article and their weights, built once for a corpus."""

    def __init__(self, nodes: dict[str, Node], settings: Settings | None = None):
        self.settings = settings or Settings.load()
        self.nodes = nodes
        self._cache: dict[str, set[str]] = {}
        self.of_doc: dict[str, set[str]] = {}
        self.offices: dict[tuple[str, str], set[str]] = {}       # (node, document) -> offices
        for n in nodes.values():
            f = feature(n)
            for o in n.occurrences:
                self.of_doc.setdefault(o.document, set()).add(f)
                if o.offices:
                    self.offices.setdefault((n.iri, o.document), set()).update(o.offices)
        df = Counter(f for fs in self.of_doc.values() for f in fs)
        total = max(len(self.of_doc), 1)
        s = self.settings
        self.weight = {f: 0.0 if c / total > s.common and c >= s.common_documents else math.log(1 + total / c)
                       for f, c in df.items()}

    @cached_property
    def _features(self) -> dict[str, str]:
        return {iri: feature(n) for iri, n in self.nodes.items()}

    def _around_node(self, node: Node) -> set[str]:
        """The features of all the articles of a node, built once per node."""
        if node.iri not in self._cache:
            self._cache[node.iri] = self.around(node.documents, node.iri)
        return self._cache[node.iri]

    def around(self, docs: tuple[str, ...], *without: str) -> set[str]:
        """The features of these articles, without those of the given nodes (the node itself)."""
        drop = {self._features[i] for i in without if i in self._features}
        return set().union(*(self.of_doc.get(d, set()) for d in docs)) - drop

    def weigh(self, features: set[str]) -> float:
        return sum(self.weight.get(f, 0.0) for f in features)

    def informative(self, doc: str, node: str) -> bool:
        """Whether an article says enough around a node to disagree with another's context."""
        return self.weigh(self.around((doc,), node)) >= self.settings.informative

    def _evidence(self, node: Node, doc: str, other: Node) -> tuple[float, int]:
        """The weight article ``doc`` of ``node`` shares with the articles of ``other`` (the entities
        both name, plus ``office`` for each office the two hold alike), and how many things it shares
        (an article that names both shares everything)."""
        if doc in other.documents:
            return self.settings.agree * 2, self.settings.least_shared
        shared = {f for f in self.around((doc,), node.iri, other.iri) & self._around_node(other)
                  if self.weight.get(f, 0.0) > 0}
        shared.discard(self._features.get(node.iri))
        mine = self.offices.get((node.iri, doc), set())
        theirs = set().union(*(self.offices.get((other.iri, d), set()) for d in other.documents))
        offices = len(mine & theirs)
        return self.weigh(shared) + self.settings.office * offices, len(shared) + offices

    def score(self, node: Node, doc: str, other: Node) -> float:
        return self._evidence(node, doc, other)[0]

    def agrees(self, node: Node, doc: str, other: Node) -> bool:
        """Whether article ``doc`` of ``node`` shares ``[context] agree`` or more with the articles of
        ``other``, in ``least_shared`` things or more (one place both name is a coincidence as often as
        not: "Glasgow" of a Celtic line-up and of a sprinter's race)."""
        weight, things = self._evidence(node, doc, other)
        return weight >= self.settings.agree and things >= self.settings.least_shared

    def against(self, node: Node, other: Node) -> list[str]:
        """The articles of ``node`` that disagree with ``other``'s: they say enough around the node and
        share nothing with ``other``'s articles."""
        return [d for d in node.documents if self.score(node, d, other) == 0 and self.informative(d, node.iri)]

    def agreeing(self, node: Node, other: Node) -> list[str]:
        """The articles of ``node`` that agree with ``other``'s."""
        return [d for d in node.documents if self.agrees(node, d, other)]

    def shared(self, node: Node, doc: str, other: Node, top: int = 3) -> list[str]:
        """The heaviest features an article shares with another node's articles, for a merge's reason."""
        both = self.around((doc,), node.iri, other.iri) & self.around(other.documents, node.iri, other.iri)
        return [f.split("|", 1)[1] for f in sorted(both, key=lambda f: (-self.weight.get(f, 0.0), f))[:top]]
