"""An interactive, self-contained HTML page of the knowledge graph (pyvis / vis-network 9.1.2).

pyvis builds the node, edge and option data; the page itself comes from the template below and
not from pyvis's own, because pyvis's template always links Bootstrap from a CDN, does not escape
its heading and, when a title mentions ``href``, writes tooltips with ``innerHTML``.  Here:

* vis-network's JavaScript and CSS are inlined from the pyvis package: the page requests nothing,
  neither from another host nor beside itself, and a Content-Security-Policy says so to the browser
  (only the page's own scripts, by hash, may run);
* the data is JSON with ``<``, ``>`` and ``&`` escaped, so no label can close the ``<script>``;
  vis-network 9 puts string tooltips in ``innerText``, so titles are shown as text, not HTML;
* the layout has a fixed random seed and the JSON is sorted: the same graph gives the same bytes.

Events are coloured by their top class and can be hidden by class (``kg/export/html_filters.py``).
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
from pathlib import Path

import networkx as nx
import pyvis
from pyvis.network import Network

from kg.export.html_filters import CROWDED, FILTER_SCRIPT, GENERIC_COLOR, controls, event_color, filter_key, \
    node_color, swatch
from kg.export.html_scale import LARGE, LARGE_OPTIONS, MOST, cap, layout, merge

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"

GROUP_COLORS = {
    "Person": "#4e79a7", "Organization": "#f28e2b", "Place": "#59a14f", "Position": "#b07aa1",
    "Other": "#9d9d9d", "Event": GENERIC_COLOR, "Claim": "#edc948", "GroupActor": "#76b7b2", "Amount": "#ff9da7",
}
GROUP_SHAPES = {"Event": "diamond", "Claim": "box", "GroupActor": "triangle", "Amount": "square"}
EDGE_STYLES = {   # kind -> (colour, dashes, legend text)
    "fact": ("#555555", False, "fact (asserted)"),
    "claimed": ("#b8860b", [8, 6], "claimed (said, not asserted)"),
    "speaker": ("#8c6d1f", [2, 5], "speaker → claim"),
    "role": ("#c44e52", False, "event role"),
}

OPTIONS = {
    "layout": {"randomSeed": 7, "improvedLayout": True},
    "physics": {
        "enabled": True, "solver": "forceAtlas2Based", "minVelocity": 0.75,
        "forceAtlas2Based": {"gravitationalConstant": -90, "centralGravity": 0.01, "springLength": 120,
                             "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.5},
        "stabilization": {"enabled": True, "iterations": 500, "fit": True},
    },
    "nodes": {"size": 16, "borderWidth": 1, "font": {"size": 18, "face": "sans-serif", "color": "#222222"}},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "width": 1.5,
        "font": {"size": 14, "align": "middle", "color": "#333333", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "smooth": {"enabled": True, "type": "dynamic"},
    },
    "groups": {g: {"color": node_color(c), "shape": GROUP_SHAPES.get(g, "dot")} for g, c in GROUP_COLORS.items()},
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
}

SCRIPT = """\
var container = document.getElementById("mynetwork");
var nodes = new vis.DataSet(GRAPH.nodes);
var edges = new vis.DataSet(GRAPH.edges);
""" + FILTER_SCRIPT + """\
var network = new vis.Network(container, {nodes: nodes, edges: edges}, GRAPH.options);
function markStabilized() { document.body.setAttribute("data-stabilized", "true"); }
if (GRAPH.nodes.length === 0) { markStabilized(); }
network.once("stabilizationIterationsDone", markStabilized);
"""
LARGE_SCRIPT = """\
network.once("afterDrawing", markStabilized);
"""           # a large graph comes laid out, and runs no physics: drawn once, it is ready

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{vis_css}</style>
<style>{page_css}</style>
</head>
<body>
<header><h1>{title}</h1><span>{summary} · hover a node or an edge for its evidence · drag to move, scroll to zoom</span></header>
<div id="mynetwork"></div>
<aside id="legend" aria-label="legend">
{filters}
<h2>Nodes</h2>
<ul>{node_legend}</ul>
<h2>Edges</h2>
<ul>{edge_legend}</ul>
</aside>
<script>{vis_js}</script>
<script>{data_js}</script>
<script>{main_js}</script>
</body>
</html>
"""

PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: sans-serif; color: #222; background: #fff; }
header { position: absolute; top: 0; left: 0; right: 0; height: 48px; padding: 0 16px; display: flex;
         align-items: baseline; gap: 16px; border-bottom: 1px solid #ddd; box-sizing: border-box; }
header h1 { font-size: 20px; margin: 12px 0 0; white-space: nowrap; }
header span { font-size: 13px; color: #666; }
#mynetwork { position: absolute; top: 48px; left: 0; right: 240px; bottom: 0; }
#legend { position: absolute; top: 48px; right: 0; bottom: 0; width: 240px; box-sizing: border-box;
          padding: 8px 14px; font-size: 13px; background: #fafafa; border-left: 1px solid #ddd; overflow: auto; }
#legend h2 { font-size: 14px; margin: 8px 0 4px; }
#legend ul { list-style: none; margin: 0 0 8px; padding: 0; }
#legend li { display: flex; align-items: center; gap: 8px; margin: 4px 0; }
#legend svg { flex: none; }
#legend .note { color: #666; margin: 2px 0 6px; }
#legend li.top { margin-top: 8px; font-weight: bold; }
#legend li.cls { margin: 1px 0 1px 30px; }
#legend label { display: flex; align-items: center; gap: 6px; cursor: pointer; }
#legend .count { color: #666; }
#legend button { font-size: 12px; }
div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font-family: sans-serif; font-size: 13px; }
"""


def script_json(value) -> str:
    """JSON that is safe inside an HTML <script>: no "<", ">" or "&" can end or open a tag."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _inline(name: str, closing: str) -> str:
    """A vis-network file to put inside <script> or <style>; refuse one that could end the element early."""
    text = (VIS_DIR / name).read_text(encoding="utf-8")
    for bad in (closing, "<!--"):
        if bad in text.lower():
            raise ValueError(f"{name} contains {bad!r} and cannot be inlined")
    return text


def _edge_title(attrs: dict) -> str:
    head = f"{attrs.get('label', '')} ({attrs.get('kind', '')}"
    if "confidence" in attrs:
        head += f", confidence {float(attrs['confidence']):.2f}"
    return head + ")" + (f"\n{attrs['sentence']}" if attrs.get("sentence") else "")


def short_label(attrs: dict, node) -> str:
    """What a node shows: its label; for a claim only the start of what was said (the speaker is
    the node its dashed edge comes from; the whole text is in the tooltip)."""
    label = str(attrs.get("label") or node)
    if attrs.get("group") != "Claim":
        return label
    said = label.split(": ", 1)[-1]
    return "“" + (said if len(said) <= 48 else said[:46].rsplit(" ", 1)[0] + " …") + "”"


def build_network(nxgraph: nx.MultiDiGraph) -> Network:
    """A pyvis Network of the graph made by ``kg.rdf.network.to_networkx``: styled by group and edge kind."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node in sorted(nxgraph.nodes):
        attrs = nxgraph.nodes[node]
        group = attrs.get("group", "Other")
        extra = {"widthConstraint": {"maximum": 170}} if group == "Claim" else {}
        if filter_key(attrs):
            extra["filter"] = filter_key(attrs)
        net.add_node(node, label=short_label(attrs, node), group=group,
                     shape=GROUP_SHAPES.get(group, "dot"),
                     title=f"{attrs.get('title', '')}\n{attrs.get('iri', node)}".strip(), **extra)
        if group == "Event":      # pyvis drops a colour given with a group
            net.node_map[node]["color"] = node_color(event_color(attrs.get("top", "Event")))
    edges = sorted(nxgraph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    for number, (source, target, key, attrs) in enumerate(edges):
        color, dashes, _ = EDGE_STYLES.get(attrs.get("kind"), EDGE_STYLES["fact"])
        net.add_edge(source, target, id=f"e{number}", label=str(attrs.get("label", key)),
                     title=_edge_title(attrs), dashes=dashes, color={"color": color, "highlight": "#000000"},
                     arrows="to")
    net.options = OPTIONS
    return net


def _swatch(group: str) -> str:
    return swatch(GROUP_COLORS[group], GROUP_SHAPES.get(group, "dot"))


def _line(kind: str) -> str:
    color, dashes, _ = EDGE_STYLES[kind]
    dash = f' stroke-dasharray="{" ".join(map(str, dashes))}"' if dashes else ""
    return (f'<svg width="40" height="12" aria-hidden="true"><line x1="1" y1="6" x2="32" y2="6" '
            f'stroke="{color}" stroke-width="2"{dash}/><path d="M31 2 L39 6 L31 10 Z" fill="{color}"/></svg>')


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def render_html(nxgraph: nx.MultiDiGraph, path: str | Path, title: str = "News knowledge graph",
                crowded: int = CROWDED, most: int = MOST) -> Path:
    """Write the graph as one self-contained interactive HTML page at ``path`` and return the path.

    Nodes are coloured by ``group`` (claims are boxes, events diamonds), edges are labelled and
    dashed for ``claimed`` and ``speaker`` kinds; a legend explains both and holds the event filter.
    With more than ``crowded`` nodes the events of no class start hidden; with more than ``LARGE``
    the layout is computed here and labels show by zoom level; with more than ``most`` only the most
    connected are drawn, and the page says so (``kg.export.html_scale``). The vis Network object is
    the global ``network``; ``body[data-stabilized]`` is set once the layout has settled.
    """
    nxgraph, note = cap(nxgraph, most)
    nodes, edges, _, _, _, options = build_network(nxgraph).get_network_data()
    options, main_js = json.loads(options), SCRIPT
    if len(nodes) > LARGE:
        positions = layout(nxgraph)
        for node in nodes:
            node["x"], node["y"] = positions[node["id"]]
        options, main_js = merge(options, LARGE_OPTIONS), SCRIPT + LARGE_SCRIPT
    filters = controls(nxgraph, crowded)
    vis_js = _inline("vis-network.min.js", "</script")
    data_js = "var GRAPH = " + script_json({"nodes": nodes, "edges": edges, "options": options}) + ";"
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
           "script-src " + " ".join(_sha256(s) for s in (vis_js, data_js, main_js)))
    node_legend = "".join(f"<li>{_swatch(g)}{html.escape(g)}</li>" for g in GROUP_COLORS)
    edge_legend = "".join(f"<li>{_line(k)}{html.escape(EDGE_STYLES[k][2])}</li>" for k in EDGE_STYLES)
    summary = f"{nxgraph.number_of_nodes()} nodes, {nxgraph.number_of_edges()} edges"
    if note:
        summary += f' · <strong id="capped">{html.escape(note)}</strong>'
    page = PAGE.format(csp=csp, title=html.escape(title), vis_css=_inline("vis-network.css", "</style"),
                       page_css=PAGE_CSS, summary=summary, filters=filters.html, node_legend=node_legend,
                       edge_legend=edge_legend,
                       vis_js=vis_js, data_js=data_js, main_js=main_js)
    path = Path(path)
    path.write_text(page, encoding="utf-8", newline="\n")
    return path
