"""The rendered page in a real headless Chromium: offline, no script injection, all nodes drawn."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures_graph import build_fixture
from kg.rdf.network import to_networkx
from kg.export.html import render_html
from chromium import browser_available, chrome, screenshot, wait_until_drawn

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser_available(), reason="needs /usr/bin/chromium and /usr/bin/chromedriver"),
]
LOCAL_SCHEMES = ("file:", "data:")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """The fixture page loaded in Chromium, with its console and network logs, and the graph it shows."""
    pytest.importorskip("selenium")
    graph = to_networkx(build_fixture())
    path = render_html(graph, tmp_path_factory.mktemp("browser") / "kg.html", title="Fixture")
    with chrome(logging=True) as driver:
        driver.get("about:blank")       # leave Chromium's own start page, then drop its log entries
        driver.get_log("performance")
        driver.get_log("browser")
        driver.get(path.resolve().as_uri())
        wait_until_drawn(driver)
        events = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
        yield driver, graph, events, driver.get_log("browser")


def test_no_request_leaves_the_page(loaded):
    """Every request and every loaded resource is the file itself or a data: URL, and none failed."""
    driver, _, events, _ = loaded
    requested = [e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"]
    assert requested and all(url.startswith(LOCAL_SCHEMES) for url in requested), requested
    assert len({url for url in requested if url.startswith("file:")}) == 1, requested
    assert not [e for e in events if e["method"] == "Network.loadingFailed"]
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(r => r.name);")
    assert all(url.startswith(LOCAL_SCHEMES) for url in resources), resources


def test_no_console_errors(loaded):
    """The browser console has no SEVERE entry (no JS error, no CSP violation, no failed load)."""
    _, _, _, console = loaded
    assert not [entry for entry in console if entry["level"] == "SEVERE"], console


def test_hostile_labels_do_not_run(loaded):
    """No alert fired and no <img> element was created from an entity label."""
    from selenium.common.exceptions import NoAlertPresentException

    driver = loaded[0]
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text
    assert driver.execute_script("return document.getElementsByTagName('img').length;") == 0
    assert driver.execute_script("return document.scripts.length;") == 3


def test_every_node_is_drawn(loaded):
    """The global vis network holds as many nodes and edges as to_networkx made."""
    driver, graph, _, _ = loaded
    assert driver.execute_script("return network.body.data.nodes.length;") == graph.number_of_nodes()
    assert driver.execute_script("return network.body.data.edges.length;") == graph.number_of_edges()


def test_screenshot(tmp_path):
    """screenshot() writes a PNG of the rendered page."""
    html = render_html(to_networkx(build_fixture()), tmp_path / "kg.html")
    png = screenshot(html, tmp_path / "kg.png", width=800, height=600)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_tooltip_shows_markup_as_text(loaded):
    """Hovering the node whose alias is "<b>bold</b>" shows that markup as text, not as an element."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver, graph, _, _ = loaded
    node = next(n for n, data in graph.nodes(data=True) if "<b>bold</b>" in data["aliases"])
    x, y, width, height = driver.execute_script(
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);"
        "var c = document.getElementById('mynetwork');"
        "return [p.x, p.y, c.clientWidth, c.clientHeight];", node)
    canvas = driver.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - width / 2), int(y - height / 2)).perform()
    tooltip = WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility !== 'hidden' && t.innerText ? t : null;"))
    assert "<b>bold</b>" in tooltip.text
    tags = driver.execute_script("return Array.from(arguments[0].children, c => c.tagName);", tooltip)
    assert set(tags) <= {"BR"}, tags      # innerText turns newlines into <br>, and makes nothing else
