"""What keeps the HTML page readable with many events: colours, a legend and a filter.

An event node is coloured by its top class (``top`` of ``kg.rdf.network``: its PLOVER type's class,
else the taxonomy's top class; events of no class keep the Event group's colour). The legend lists
the top classes present and, under each, a checkbox per event class with its count, plus "all" and
"none"; group actors and amounts have a checkbox each. Unticking one hides those nodes and every edge
that touches them (the page's script, ``FILTER_SCRIPT``). A graph of more than ``CROWDED`` nodes
starts with the events of no class hidden, and the page says so.

Every text put into the page here is HTML-escaped; class names come from the graph.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from kg.rdf.network import TOP_CLASSES

CROWDED = 300           # more nodes than this: the events of no class start hidden
GENERIC = "Event"       # the class of an event the taxonomy has no class for
GENERIC_COLOR = "#d4a5a5"
# one colour per top class, in the taxonomy's order (cycled if it ever has more)
PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#bcbd22",
    "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#aec7e8", "#ffbb78",
    "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#5254a3",
)
TOGGLED = {"GroupActor": "group actors", "Amount": "amounts"}   # node groups with a checkbox of their own

FILTER_SCRIPT = """\
var boxes = Array.prototype.slice.call(document.querySelectorAll("#legend input[data-filter]"));
function applyFilters() {
  var off = {}, gone = {}, shown = 0;
  boxes.forEach(function (box) { if (!box.checked) { off[box.getAttribute("data-filter")] = true; } });
  nodes.update(GRAPH.nodes.map(function (n) {
    var hide = !!(n.filter && off[n.filter]);
    if (hide) { gone[n.id] = true; } else { shown += 1; }
    return {id: n.id, hidden: hide};
  }));
  edges.update(GRAPH.edges.map(function (e) { return {id: e.id, hidden: !!(gone[e.from] || gone[e.to])}; }));
  document.getElementById("shown").textContent = shown + " of " + GRAPH.nodes.length + " nodes shown";
}
function setEvents(on) {
  boxes.forEach(function (box) {
    if (box.getAttribute("data-filter").indexOf("event:") === 0) { box.checked = on; }
  });
  applyFilters();
}
boxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
[["events-all", true], ["events-none", false]].forEach(function (b) {
  var button = document.getElementById(b[0]);
  if (button) { button.addEventListener("click", function () { setEvents(b[1]); }); }
});
applyFilters();
"""


@dataclass(frozen=True)
class Controls:
    """The legend's filter section (HTML) and the filter keys that start unticked."""

    html: str
    hidden: frozenset[str]


def event_color(top: str) -> str:
    """The colour of an event whose top class is ``top``."""
    if top not in TOP_CLASSES:
        return GENERIC_COLOR
    return PALETTE[TOP_CLASSES.index(top) % len(PALETTE)]


def node_color(color: str) -> dict:
    """A vis-network node colour: the fill, with a dark border, kept on hover and selection."""
    return {"background": color, "border": "#333333",
            "highlight": {"background": color, "border": "#000000"},
            "hover": {"background": color, "border": "#000000"}}


def filter_key(attrs: dict) -> str | None:
    """Which checkbox shows a node: "event:<class>" for an event, the group for a toggled one."""
    group = attrs.get("group")
    if group == "Event":
        return f"event:{attrs.get('cls') or GENERIC}"
    return group if group in TOGGLED else None


def swatch(color: str, shape: str = "dot") -> str:
    """A small SVG of a node's shape in its colour, for the legend."""
    if shape == "box":
        body = f'<rect x="2" y="5" width="20" height="12" rx="2" fill="{color}" stroke="#333"/>'
    elif shape == "diamond":
        body = f'<path d="M11 1 L21 11 L11 21 L1 11 Z" fill="{color}" stroke="#333"/>'
    elif shape == "triangle":
        body = f'<path d="M11 2 L21 20 L1 20 Z" fill="{color}" stroke="#333"/>'
    elif shape == "square":
        body = f'<rect x="3" y="3" width="16" height="16" fill="{color}" stroke="#333"/>'
    else:
        body = f'<circle cx="11" cy="11" r="8" fill="{color}" stroke="#333"/>'
    return f'<svg width="22" height="22" aria-hidden="true">{body}</svg>'


def _checkbox(key: str, text: str, count: int, hidden: frozenset[str]) -> str:
    checked = "" if key in hidden else " checked"
    return (f'<label><input type="checkbox" autocomplete="off" data-filter="{html.escape(key)}"{checked}> '
            f'{html.escape(text)} <span class="count">{count}</span></label>')


def _event_rows(events: Counter, hidden: frozenset[str]) -> str:
    """A row per top class present (its colour, its name), then a checkbox per class under it."""
    order = {top: n for n, top in enumerate(TOP_CLASSES)}
    tops = sorted({top for top, _ in events}, key=lambda top: (order.get(top, len(order)), top))
    rows = []
    for top in tops:
        classes = sorted(cls for t, cls in events if t == top)
        mark = swatch(event_color(top), "diamond")
        if classes == [top] and top != GENERIC:     # a top class alone: one row, its checkbox
            rows.append(f'<li class="top">{mark}{_checkbox(f"event:{top}", top, events[top, top], hidden)}</li>')
            continue
        name = "no class (nkg:Event)" if top == GENERIC else top
        rows.append(f'<li class="top">{mark}{html.escape(name)}</li>')
        rows.extend(f'<li class="cls">{_checkbox(f"event:{cls}", cls, events[top, cls], hidden)}</li>'
                    for cls in classes)
    return "".join(rows)


def controls(nxgraph: nx.MultiDiGraph, crowded: int = CROWDED) -> Controls:
    """The legend's filter section for this graph, and what starts hidden when it has many nodes."""
    events = Counter((attrs.get("top", GENERIC), attrs.get("cls") or GENERIC)
                     for _, attrs in nxgraph.nodes(data=True) if attrs.get("group") == "Event")
    toggled = Counter(attrs["group"] for _, attrs in nxgraph.nodes(data=True) if attrs.get("group") in TOGGLED)
    generic = sum(n for (_, cls), n in events.items() if cls == GENERIC)
    hidden = frozenset({f"event:{GENERIC}"} if nxgraph.number_of_nodes() > crowded and generic else ())
    parts = ['<h2>Events</h2><p id="shown" class="note"></p>']
    if hidden:
        parts.append(f'<p id="crowded" class="note">{nxgraph.number_of_nodes()} nodes: the {generic} events of '
                     f'no class (nkg:Event) start hidden; tick them below to show them.</p>')
    if events:
        parts.append('<p class="buttons"><button type="button" id="events-all">all</button> '
                     '<button type="button" id="events-none">none</button> <span class="note">colour: PLOVER '
                     'type, else top class</span></p>')
        parts.append(f'<ul id="event-filter">{_event_rows(events, hidden)}</ul>')
    else:
        parts.append('<p class="note">no events</p>')
    if toggled:
        rows = "".join(f"<li>{_checkbox(group, TOGGLED[group], toggled[group], hidden)}</li>"
                       for group in TOGGLED if toggled[group])
        parts.append(f'<ul id="node-filter">{rows}</ul>')
    return Controls("\n".join(parts), hidden)
