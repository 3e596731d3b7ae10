"""What keeps the HTML page usable when the graph is a corpus, not an article.

* ``around``: the neighbourhood of one entity, ``hops`` edges out in either direction (``kg render
  --around "Tony Blair" --hops 2``);
* ``cap``: past ``MOST`` nodes only the most connected and the nodes that link them are drawn, and
  the page says how many of how many;
* past ``LARGE`` nodes the positions are computed here (``layout``: a force-directed layout in
  numpy, a fixed seed), the browser runs no physics, edges are straight and hidden while dragging
  or zooming, and labels appear only when zoomed in far enough to read them.
"""
from __future__ import annotations

import networkx as nx
import numpy as np

LARGE = 400              # more nodes: laid out here, drawn without physics, labels by zoom level
MOST = 2500              # more nodes: MOST are drawn (``cap``)
HUBS = 0.2               # the share of them taken by degree alone
SPREAD = 90.0            # the layout's distance between neighbours, in the page's pixels

LARGE_OPTIONS = {        # merged over kg.export.html.OPTIONS
    "layout": {"improvedLayout": False},
    "physics": {"enabled": False},
    "nodes": {"font": {"size": 14}, "scaling": {"label": {"drawThreshold": 9}}},
    "edges": {"smooth": False, "font": {"size": 11}, "scaling": {"label": {"drawThreshold": 14}}},
    "interaction": {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True, "tooltipDelay": 200},
}


def _names(attrs: dict) -> set[str]:
    aliases = [a.strip() for a in str(attrs.get("aliases", "")).split(";") if a.strip()]
    return {n.casefold() for n in [str(attrs.get("label", "")), *aliases] if n}


def around(graph: nx.MultiDiGraph, name: str, hops: int = 2) -> nx.MultiDiGraph:
    """The nodes at most ``hops`` edges from the node(s) called ``name`` (label or alias, any case;
    else those whose name contains it), with the edges between them. ValueError if none is."""
    wanted = " ".join(name.casefold().split())
    centres = [n for n, a in graph.nodes(data=True) if wanted in _names(a)]
    if not centres:
        centres = [n for n, a in graph.nodes(data=True) if any(wanted in x for x in _names(a))]
    if not centres:
        raise ValueError(f"no node is called {name!r} (by its label or an alias)")
    undirected = graph.to_undirected(as_view=True)
    keep: set = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(undirected, centre, cutoff=hops))
    return graph.subgraph(keep).copy()


def cap(graph: nx.MultiDiGraph, most: int = MOST, hubs: float = HUBS) -> tuple[nx.MultiDiGraph, str]:
    """At most ``most`` nodes, and a note when some were left out: the most connected (a ``hubs``
    share of them), then the nodes with the most edges to those (the events and facts between them),
    ties by key. The most connected alone would be mostly unlinked: a corpus's hubs meet through
    events, which have few edges each."""
    total = graph.number_of_nodes()
    if total <= most:
        return graph, ""
    degree = dict(graph.degree())
    order = sorted(graph.nodes, key=lambda n: (-degree[n], str(n)))
    keep = set(order[:max(1, int(most * hubs))])
    undirected = graph.to_undirected(as_view=True)
    links: dict = {}
    for hub in keep:
        for other in undirected.neighbors(hub):
            if other not in keep:
                links[other] = links.get(other, 0) + 1
    keep |= set(sorted(links, key=lambda n: (-links[n], -degree[n], str(n)))[:most - len(keep)])
    keep |= set([n for n in order if n not in keep][:most - len(keep)])
    note = (f"showing {most:,} of {total:,} nodes: the most connected and those linking them; "
            f"kg render TARGET --around NAME draws one entity's neighbourhood")
    return graph.subgraph(keep).copy(), note


def layout(graph: nx.MultiDiGraph, iterations: int = 150, sample: int = 150, seed: int = 7) -> dict:
    """Positions (x, y) in pixels: a Fruchterman-Reingold layout whose repulsion, in each step, comes
    from a random ``sample`` of the nodes (weighted up to all of them), so that a step costs
    n x sample rather than n x n (Gove, "Random vertex sampling", 2019); a fixed seed."""
    nodes = sorted(graph.nodes, key=str)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    # sorted, each end to end: the forces are summed edge by edge, and a graph's edges come in the order
    # its nodes were added (a subgraph's, in the order of a set of strings: not the same in two processes)
    pairs = sorted((min(index[a], index[b]), max(index[a], index[b]))
                   for a, b in graph.to_undirected(as_view=True).edges() if a != b)
    edges = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1, 1, (n, 2))
    k = 1.0 / np.sqrt(n)                  # the ideal distance, in a unit square
    temperature, weight = 0.1, n / min(n, sample)
    for _ in range(iterations):
        chosen = pos[rng.choice(n, size=min(n, sample), replace=False)]
        distance2 = (pos ** 2).sum(axis=1)[:, None] + (chosen ** 2).sum(axis=1)[None, :] - 2 * pos @ chosen.T
        w = (k * k) / np.maximum(distance2, (0.01 * k) ** 2)         # n x sample: sum of w * (p - c)
        push = weight * (pos * w.sum(axis=1)[:, None] - w @ chosen)
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            pull = d * (np.sqrt((d ** 2).sum(axis=1)) / k)[:, None]
            np.subtract.at(push, edges[:, 0], pull)
            np.add.at(push, edges[:, 1], pull)
        push -= pos * (0.3 * np.sqrt(n))                               # gravity keeps components near
        size = np.maximum(np.sqrt((push ** 2).sum(axis=1)), 1e-12)
        pos += push * (np.minimum(size, temperature) / size)[:, None]
        temperature = max(temperature * 0.97, 0.002)
    scale = SPREAD / k
    return {node: (round(float(pos[i, 0]) * scale, 1), round(float(pos[i, 1]) * scale, 1))
            for node, i in index.items()}


def merge(base: dict, extra: dict) -> dict:
    """``base`` with ``extra``'s values put in, dictionaries merged at every depth."""
    out = dict(base)
    for key, value in extra.items():
        out[key] = merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out
