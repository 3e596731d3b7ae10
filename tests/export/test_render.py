"""The HTML page: self-contained, escaped and byte-for-byte reproducible."""
from __future__ import annotations

import json
import re

import pytest

from fixtures_graph import HOSTILE_SENTENCE, IMG_LABEL, SCRIPT_LABEL, build_fixture
from kg.rdf.network import to_networkx
from kg.export.html import GROUP_COLORS, render_html, script_json


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
