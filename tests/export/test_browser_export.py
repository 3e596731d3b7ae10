"""The seed graph's HTML page in headless Chromium: offline, no console error, every node drawn.

Two pages: the one rendered from this session's build of examples/, and the committed
exports/seed.html, checked against the committed exports/seed.trig.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Dataset

from conftest import EXPORTS
from kg.rdf.network import to_networkx
from chromium import browser_available, chrome, wait_until_drawn

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser_available(), reason="needs /usr/bin/chromium and /usr/bin/chromedriver"),
]
LOCAL_SCHEMES = ("file:", "data:")


@dataclass
class Visit:
    """What Chromium saw while loading one page, and the graph the page should show."""

    url: str
    requested: list[str]
    failed: list[dict]
    resources: list[str]
    console: list[dict]
    node_ids: list[str]
    edge_count: int
    expected_nodes: set[str]
    expected_edges: int


@pytest.fixture(scope="module")
def browser():
    pytest.importorskip("selenium")
    with chrome(logging=True) as driver:
        yield driver


def visit(driver, page: Path, graph) -> Visit:
    driver.get("about:blank")       # leave the previous page, then drop the log entries so far
    driver.get_log("performance")
    driver.get_log("browser")
    url = page.resolve().as_uri()
    driver.get(url)
    wait_until_drawn(driver)
    events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    return Visit(
        url=url,
        requested=[e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"],
        failed=[e["params"] for e in events if e["method"] == "Network.loadingFailed"],
        resources=driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name);"),
        console=driver.get_log("browser"),
        node_ids=driver.execute_script("return network.body.data.nodes.getIds();"),
        edge_count=driver.execute_script("return network.body.data.edges.length;"),
        expected_nodes=set(graph.nodes), expected_edges=graph.number_of_edges(),
    )


@pytest.fixture(scope="module")
def pages(browser, seed_build, seed_exports) -> dict[str, Visit]:
    committed = Dataset()
    committed.parse(EXPORTS / "seed.trig", format="trig")
    return {
        "session build": visit(browser, seed_exports["html"], seed_build[0].to_networkx()),
        "committed exports": visit(browser, EXPORTS / "seed.html", to_networkx(committed)),
    }


PAGES = ["session build", "committed exports"]


@pytest.mark.parametrize("page", PAGES)
def test_no_request_leaves_the_page(pages, page):
    """The only file: request is the page itself, the rest are data: URLs, and none failed."""
    v = pages[page]
    assert v.requested and all(url.startswith(LOCAL_SCHEMES) for url in v.requested), v.requested
    assert {url for url in v.requested if url.startswith("file:")} == {v.url}, v.requested
    assert not v.failed, v.failed
    assert all(url.startswith(LOCAL_SCHEMES) for url in v.resources), v.resources


@pytest.mark.parametrize("page", PAGES)
def test_no_console_errors(pages, page):
    """No SEVERE console entry: no JavaScript error, no CSP violation, no failed load."""
    assert not [entry for entry in pages[page].console if entry["level"] == "SEVERE"], pages[page].console


@pytest.mark.parametrize("page", PAGES)
def test_every_node_is_drawn(pages, page):
    """network.body.data holds the nodes of to_networkx (the same IRIs) and as many edges."""
    v = pages[page]
    assert len(v.expected_nodes) > 20
    assert len(v.node_ids) == len(v.expected_nodes)
    assert set(v.node_ids) == v.expected_nodes
    assert v.edge_count == v.expected_edges
