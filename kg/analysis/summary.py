"""Analyse the graph with networkx: who is central, which groups hang together."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

ENTITY_GROUPS = ("Person", "Organization", "Place", "Position", "Other")


@dataclass(frozen=True)
class Ranked:
    label: str
    group: str
    degree: int
    betweenness: float


@dataclass(frozen=True)
class Summary:
    nodes_by_group: dict[str, int]
    facts: int
    claims: int
    components: int                      # weakly connected groups of entities linked by facts
    central: tuple[Ranked, ...]

    def lines(self) -> list[str]:
        groups = ", ".join(f"{g} {n}" for g, n in sorted(self.nodes_by_group.items()))
        out = [f"nodes: {groups}", f"facts: {self.facts}, claims: {self.claims}, "
                                   f"groups of entities linked by facts: {self.components}",
               "most connected entities (degree over all edges: facts, claims, event roles; betweenness over facts):"]
        out += [f"  {r.label} ({r.group}): degree {r.degree}, betweenness {r.betweenness:.3f}" for r in self.central]
        return out


def summarise(graph: nx.MultiDiGraph, top: int = 10) -> Summary:
    """Counts, connected groups and the most central entities of the networkx view
    (``kg.rdf.network.to_networkx``); ``top`` is 1 or more (a negative slice would drop entities)."""
    if top < 1:
        raise ValueError(f"top must be 1 or more, got {top}")
    groups: dict[str, int] = {}
    for _, data in graph.nodes(data=True):
        groups[data.get("group", "Other")] = groups.get(data.get("group", "Other"), 0) + 1
    entities = [n for n, d in graph.nodes(data=True) if d.get("group") in ENTITY_GROUPS]
    facts = nx.Graph()
    facts.add_nodes_from(entities)
    facts.add_edges_from((u, v) for u, v, d in graph.edges(data=True) if d.get("kind") == "fact")
    between = nx.betweenness_centrality(facts) if len(facts) > 2 else {n: 0.0 for n in facts}
    degree = {n: graph.degree(n) for n in entities}
    ranked = sorted(entities, key=lambda n: (-degree[n], -between.get(n, 0.0), graph.nodes[n].get("label", n)))
    central = tuple(Ranked(graph.nodes[n].get("label", n), graph.nodes[n].get("group", "Other"), degree[n],
                           between.get(n, 0.0)) for n in ranked[:top])
    kinds = [d.get("kind") for _, _, d in graph.edges(data=True)]
    linked = [c for c in nx.connected_components(facts) if len(c) > 1]
    return Summary(groups, kinds.count("fact"), groups.get("Claim", 0), len(linked), central)
