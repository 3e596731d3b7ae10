"""The HTML page: self-contained, escaped and byte-for-byte reproducible."""
from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from fixtures_graph import DOC, HOSTILE_SENTENCE, IMG_LABEL, SCRIPT_LABEL, build_fixture
from kg.rdf import iris
from kg.rdf.network import to_networkx
from kg.export.html import GROUP_COLORS, render_html, script_json
from kg.export.html_filters import CROWDED, GENERIC_COLOR, controls, event_color


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> str:
    path = render_html(to_networkx(build_fixture()), tmp_path_factory.mktemp("html") / "kg.html")
    return path.read_text(encoding="utf-8")


def test_no_remote_or_sibling_resources(page):
    """No src/href/@import/url() points to another host or to a file beside the page."""
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import", page, re.I)
    for target in re.findall(r"""url\(\s*["']?([^"')]*)""", page):
        assert target.startswith("data:"), target
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    for tag in re.findall(r"<link\b[^>]*>", page, re.I):
        assert 'href="data:' in tag, tag
    assert "cdnjs.cloudflare.com" not in page and "cdn.jsdelivr.net" not in page


def test_content_security_policy_blocks_requests(page):
    """A CSP forbids any fetch and allows only the page's own scripts."""
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1]


def test_hostile_labels_stay_inside_the_json(page):
    """Labels and sentences with markup cannot open a tag or close the script: they are \\u003c-escaped."""
    for raw in ("<img src=x", "alert(2)</script>", "alert(4)</script>", "<script>alert"):
        assert raw not in page
    assert page.count("</script") == len(re.findall(r"^<script>", page, re.M)) == 3
    assert "<!--" not in page, "would switch the HTML parser to script-data-escaped state"
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page
    data = re.search(r"<script>var GRAPH = (.*);</script>", page).group(1)
    graph = json.loads(data)
    labels = {node["label"] for node in graph["nodes"]}
    assert {IMG_LABEL, SCRIPT_LABEL} <= labels
    assert any(HOSTILE_SENTENCE in edge["title"] for edge in graph["edges"])


def test_page_title_is_escaped(tmp_path):
    """The page title is HTML-escaped."""
    html = render_html(to_networkx(build_fixture()), tmp_path / "t.html", title="<b>Kazakhstan</b> & co").read_text()
    assert "<title>&lt;b&gt;Kazakhstan&lt;/b&gt; &amp; co</title>" in html
    assert "<b>Kazakhstan</b>" not in html


def test_styles_and_legend(page):
    """Claims are boxes, events diamonds, claimed/speaker edges dashed; the legend lists every group and edge kind."""
    graph = json.loads(re.search(r"<script>var GRAPH = (.*);</script>", page).group(1))
    shapes = {node["group"]: node["shape"] for node in graph["nodes"]}
    assert shapes["Claim"] == "box" and shapes["Event"] == "diamond" and shapes["Person"] == "dot"
    dashed = {edge["label"]: edge["dashes"] for edge in graph["edges"]}
    assert dashed["ally of (claimed)"] and dashed["claim"] and not dashed["ally of"]
    assert graph["options"]["layout"]["randomSeed"] == 7
    assert graph["options"]["physics"]["solver"] == "forceAtlas2Based"
    legend = re.search(r'<aside id="legend".*?</aside>', page, re.S).group(0)
    for group, color in GROUP_COLORS.items():
        assert group in legend and color in legend
    for kind in ("fact", "claimed", "speaker", "event role"):
        assert kind in legend


def test_render_is_deterministic(tmp_path):
    """Rendering the same graph twice gives byte-identical files."""
    first = render_html(to_networkx(build_fixture()), tmp_path / "a.html").read_bytes()
    second = render_html(to_networkx(build_fixture()), tmp_path / "b.html").read_bytes()
    assert first == second


def test_script_json_escapes_markup():
    """script_json escapes the characters that could end a script or start a tag."""
    text = script_json({"x": "</script>&<!--\u2028"})
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == {"x": "</script>&<!--\u2028"}


def test_render_is_deterministic_across_processes(tmp_path):
    """Two interpreters with different hash seeds write byte-identical pages (no set-order leaks)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    tests = Path(__file__).resolve().parents[1]
    code = ("import sys; sys.path[:0] = [sys.argv[1], sys.argv[2]]\n"
            "from fixtures_graph import build_fixture\nfrom kg.rdf.network import to_networkx\n"
            "from kg.export.html import render_html\nrender_html(to_networkx(build_fixture()), sys.argv[3])\n")
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code, str(tests), str(tests.parent), str(out)], env=env, check=True)
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def _graph_data(page: str) -> dict:
    return json.loads(re.search(r"<script>var GRAPH = (.*);</script>", page).group(1))


def test_events_are_coloured_by_top_class_and_carry_their_filter(page):
    """Events get the colour of their top class and a filter key; groups and amounts have their own shapes."""
    nodes = {node["id"]: node for node in _graph_data(page)["nodes"]}
    arrest, pay, leave = (nodes[str(iris.event(DOC, e))] for e in ("e1", "e2", "e3"))
    assert (arrest["filter"], pay["filter"], leave["filter"]) == ("event:Arrest", "event:Pay", "event:Event")
    assert arrest["color"]["background"] == event_color("Coerce") != pay["color"]["background"] == event_color("Business")
    assert leave["color"]["background"] == GENERIC_COLOR
    protesters, amount = nodes[str(iris.group(DOC, "protesters"))], nodes[str(iris.amount(iris.event(DOC, "e2"), 0))]
    assert (protesters["group"], protesters["shape"], protesters["filter"]) == ("GroupActor", "triangle", "GroupActor")
    assert (amount["group"], amount["shape"], amount["filter"]) == ("Amount", "square", "Amount")
    assert "filter" not in nodes[str(iris.entity("Person", "Karim Masimov"))]


def test_legend_lists_each_event_class_with_its_count(page):
    """A checkbox per event class present, with its count, under its top class; all ticked in a small graph."""
    legend = re.search(r'<aside id="legend".*?</aside>', page, re.S).group(0)
    boxes = dict(re.findall(r'data-filter="([^"]+)"( checked)?>', legend))
    assert set(boxes) == {"event:Arrest", "event:Pay", "event:Event", "GroupActor", "Amount"}
    assert all(boxes.values())
    assert re.search(r'data-filter="event:Pay" checked> Pay <span class="count">1</span>', legend)
    assert "Coerce" in legend and "Business" in legend and "no class (nkg:Event)" in legend
    assert 'id="events-all"' in legend and 'id="events-none"' in legend and 'id="crowded"' not in legend


def test_a_crowded_graph_starts_without_the_events_of_no_class(tmp_path):
    """Over CROWDED nodes, the checkbox of nkg:Event starts unticked and the page says why."""
    graph = to_networkx(build_fixture())
    for n in range(CROWDED):
        graph.add_node(f"urn:x:{n}", label=f"thing {n}", group="Other", cls="OtherEntity")
    text = render_html(graph, tmp_path / "crowded.html").read_text(encoding="utf-8")
    assert 'data-filter="event:Event">' in text and 'data-filter="event:Pay" checked>' in text
    assert f"{CROWDED + 12} nodes: the 1 events of no class (nkg:Event) start hidden" in text
    small = render_html(to_networkx(build_fixture()), tmp_path / "small.html", crowded=11).read_text(encoding="utf-8")
    assert 'data-filter="event:Event">' in small and 'id="crowded"' in small


def test_filter_labels_are_escaped():
    """A class name with markup is shown as text in the legend, never as an element."""
    graph = nx.MultiDiGraph()
    graph.add_node("urn:e", label="e", group="Event", cls="<i>x</i>", top="Event")
    legend = controls(graph).html
    assert "<i>" not in legend and "&lt;i&gt;x&lt;/i&gt;" in legend
