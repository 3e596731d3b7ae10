"""The HTML page of a corpus: one entity's neighbourhood, a cap on the nodes with a note, a layout
computed before the page is written, and labels that wait for the zoom."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from fixtures_graph import build_fixture
from kg.export.html import render_html
from kg.export.html_scale import LARGE, around, cap, layout
from kg.rdf.network import to_networkx


def corpus(n: int) -> nx.MultiDiGraph:
    """A scale-free graph of ``n`` people, labelled as ``to_networkx`` labels its nodes."""
    g = nx.MultiDiGraph()
    for a, b in nx.barabasi_albert_graph(n, 2, seed=3).edges():
        g.add_edge(f"urn:p:{a}", f"urn:p:{b}", key="knows", label="knows", kind="fact", sentence=f"{a} met {b}.")
    for node in g.nodes:
        g.nodes[node].update(label=f"Person {node.rsplit(':', 1)[1]}", group="Person", cls="Person",
                             iri=node, aliases="", title="Person")
    return g


def graph_data(page: str) -> dict:
    return json.loads(re.search(r"<script>var GRAPH = (.*);</script>", page).group(1))


def test_around_keeps_the_nodes_within_the_hops():
    g = nx.MultiDiGraph()
    nx.add_path(g, ["a", "b", "c", "d"])
    for node, name in zip("abcd", ("Tony Blair", "Gordon Brown", "Labour", "London")):
        g.nodes[node].update(label=name, aliases="Blair" if node == "a" else "")
    assert set(around(g, "tony blair", 1)) == {"a", "b"}
    assert set(around(g, "Blair", 2)) == {"a", "b", "c"}          # an alias
    assert set(around(g, "london", 1)) == {"c", "d"}             # edges count both ways
    assert set(around(g, "Brow", 0)) == {"b"}                    # else a part of a name
    with pytest.raises(ValueError, match="no node is called 'Nobody'"):
        around(g, "Nobody")


def test_cap_keeps_the_hubs_and_what_links_them_and_says_so():
    g = corpus(300)
    for n in range(40):                 # an event between two hubs: few edges, but it links them
        g.add_edge("urn:p:0", f"urn:e:{n}", key="agent", label="agent", kind="role")
        g.add_edge(f"urn:e:{n}", "urn:p:1", key="patient", label="patient", kind="role")
    kept, note = cap(g, 60, hubs=0.2)
    degree = dict(g.degree())
    hubs = sorted(g, key=lambda n: (-degree[n], n))[:12]
    assert kept.number_of_nodes() == 60 and set(hubs) <= set(kept)
    assert sum(1 for n in kept if n.startswith("urn:e:")) > 20
    by_degree, _ = cap(g, 60, hubs=1.0)
    assert kept.number_of_edges() > by_degree.number_of_edges()
    assert note.startswith("showing 60 of 340 nodes: the most connected and those linking them") and "--around" in note
    assert cap(g, 340) == (g, "")


def test_layout_is_fixed_and_keeps_neighbours_closer_than_strangers():
    g = corpus(600)
    first, second = layout(g), layout(g)
    assert first == second and len(first) == 600
    distance = lambda a, b: ((first[a][0] - first[b][0]) ** 2 + (first[a][1] - first[b][1]) ** 2) ** 0.5  # noqa: E731
    edges = [distance(a, b) for a, b in g.to_undirected().edges()]
    nodes = sorted(g)
    strangers = [distance(nodes[i], nodes[-1 - i]) for i in range(200) if not g.has_edge(nodes[i], nodes[-1 - i])]
    assert sorted(edges)[len(edges) // 2] < sorted(strangers)[len(strangers) // 2]


def test_layout_does_not_depend_on_the_order_the_nodes_were_added():
    """A capped corpus is a subgraph, whose nodes come in the order of a set of strings (not the same
    in two processes): the positions, and so the page's bytes, must not follow that order."""
    g = corpus(600)
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(sorted(g.nodes(data=True), key=lambda n: n[0][::-1]))
    shuffled.add_edges_from(sorted(g.edges(keys=True, data=True), key=lambda e: (e[1], e[0])))
    assert list(shuffled.edges()) != list(g.edges())
    assert layout(shuffled) == layout(g)


def test_a_large_page_is_laid_out_and_runs_no_physics(tmp_path):
    page = render_html(corpus(LARGE + 100), tmp_path / "large.html").read_text(encoding="utf-8")
    data = graph_data(page)
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is False and data["options"]["edges"]["smooth"] is False
    assert data["options"]["nodes"]["scaling"]["label"]["drawThreshold"] > 5
    assert 'network.once("afterDrawing", markStabilized)' in page and 'id="capped"' not in page


def test_a_page_over_the_cap_draws_the_most_connected_and_says_so(tmp_path):
    page = render_html(corpus(700), tmp_path / "capped.html", most=500).read_text(encoding="utf-8")
    assert len(graph_data(page)["nodes"]) == 500
    assert re.search(r'<strong id="capped">showing 500 of 700 nodes: the most connected', page)


def test_a_small_page_keeps_its_physics(tmp_path):
    page = render_html(to_networkx(build_fixture()), tmp_path / "small.html").read_text(encoding="utf-8")
    data = graph_data(page)
    assert data["options"]["physics"]["enabled"] is True and not any("x" in n for n in data["nodes"])
