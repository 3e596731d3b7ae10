"""From merges to clusters: the merges are taken surest first, each joining two clusters unless a veto
forbids the pair or the joined cluster would hold two people of different full names (or two
entries of the gazetteer); each cluster's canonical node is then chosen, the same way every run.

``resolve_corpus(occurrences)`` is the whole step without RDF: what ``kg resolve`` writes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from kg.lexicon.gazetteer import Gazetteer
from kg.resolution.context import Context
from kg.resolution.names import RULES, family, is_acronym, name_words
from kg.resolution.people import initial, initials, is_full, surnames
from kg.resolution.records import Merge, Node, Occurrence, Referent, Resolution, Veto, nodes_of


def _identity(node: Node) -> str | None:
    """What no cluster may hold two of: a person's full name (an initial and a surname may be any of
    them), a gazetteer entry."""
    if family(node.etype) == "person":
        return "-".join(name_words(node.label)) if is_full(node) and initial(node) is None else None
    entry = Gazetteer.load().lookup(node.label)
    return f"{entry.etype}|{entry.id}" if entry is not None else None


def _rank(node: Node) -> tuple:
    """The order canonical nodes are chosen in (least first): a full name or a gazetteer's name, then
    a given name spelled out ("Graham Rowntree" before "G Rowntree"), then not an acronym, then named by most articles, then one without "The" before it, then the longest
    name, then the IRI."""
    entry = Gazetteer.load().lookup(node.label)
    official = (is_full(node) if family(node.etype) == "person"
                else entry is not None and entry.name == node.label)
    return (not official, initial(node) is not None, is_acronym(node.label), -len(node.documents),
            node.label.lower().startswith("the "), -len(node.label), node.iri)


class _Clusters:
    def __init__(self, nodes: dict[str, Node]):
        self.parent: dict[str, str] = {}
        self.identities: dict[str, set[str]] = {}
        self.nodes = nodes

    def find(self, i: str) -> str:
        if i not in self.parent:
            self.parent[i] = i
            ident = _identity(self.nodes[i])
            self.identities[i] = {ident} if ident else set()
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: str, b: str) -> str | None:
        """Join the clusters of a and b; why not, when they may not be joined."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        if len(self.identities[ra] | self.identities[rb]) > 1:
            return "the cluster would hold " + " and ".join(sorted(self.identities[ra] | self.identities[rb]))
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        self.identities[keep] |= self.identities.pop(gone)
        return None


def clusters_of(nodes: dict[str, Node], merges: Iterable[Merge],
                vetoes: Iterable[Veto] = ()) -> tuple[tuple[Referent, ...], tuple[tuple[Merge, str], ...]]:
    """The clusters the merges make (surest first), and the merges left out with the reason."""
    vetoed = {v.pair for v in vetoes}
    uf, kept, refused = _Clusters(nodes), [], []
    seen: set[frozenset[str]] = set()
    for m in sorted(merges, key=lambda m: (-m.confidence, m.rule, m.member, m.target)):
        if m.pair in seen or m.member == m.target:
            continue
        seen.add(m.pair)
        why = "undone by hand (a veto)" if m.pair in vetoed else uf.join(m.member, m.target)
        (refused.append((m, why)) if why else kept.append(m))
    groups: dict[str, list[Merge]] = {}
    for m in kept:
        groups.setdefault(uf.find(m.member), []).append(m)
    out = []
    for merges_ in groups.values():
        members = {i for m in merges_ for i in (m.member, m.target)}
        canonical = min((nodes[i] for i in members), key=_rank).iri
        out.append(Referent(canonical, tuple(sorted(members - {canonical})),
                           tuple(sorted(merges_, key=lambda m: (m.member, m.target)))))
    return tuple(sorted(out, key=lambda c: c.canonical)), tuple(refused)


def resolve_corpus(occurrences: Iterable[Occurrence], vetoes: Iterable[Veto] = (),
                   progress: Callable[[Iterable], Iterable] = lambda steps: steps) -> Resolution:
    """Resolve the entity nodes of a corpus: every rule's merges, then the clusters they make."""
    nodes = {i: n for i, n in nodes_of(occurrences).items() if family(n.etype) is not None}
    listed = list(nodes.values())
    vetoes = tuple(vetoes)
    merges: list[Merge] = []
    ctx = Context(nodes)
    for rule in progress([*RULES, initials, surnames]):
        merges += rule(listed, ctx)
    clusters, refused = clusters_of(nodes, merges, vetoes)
    return Resolution(clusters, len(nodes), refused, vetoes)
