"""The rendered page in a real headless Chromium: offline, no script injection, all nodes drawn."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from fixtures_graph import DOC, EVENT_SENTENCE, build_fixture
from kg.rdf import iris
from kg.rdf.network import to_networkx
from kg.export.html import render_html
from chromium import browser_available, chrome, screenshot, wait_until_drawn

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser_available(), reason="needs /usr/bin/chromium and /usr/bin/chromedriver"),
]
LOCAL_SCHEMES = ("file:", "data:")
ARREST, PAY, LEAVE = (str(iris.event(DOC, e)) for e in ("e1", "e2", "e3"))
PROTESTERS = str(iris.group(DOC, "protesters"))
# what vis-network draws: the nodes and edges it keeps in its visible indices, and the page's count
DRAWN_JS = """
var body = network.body;
return {nodes: body.nodeIndices.slice().sort(),
        edges: body.edgeIndices.map(id => [body.edges[id].fromId, body.edges[id].toId]).sort(),
        shown: document.getElementById("shown").textContent};
"""


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


def hover(driver, node: str):
    """Move the mouse over a node and return the tooltip element once it shows."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.find_element(By.TAG_NAME, "h1").click()      # away from any node first
    ActionChains(driver).move_by_offset(0, 0).perform()
    x, y, width, height = driver.execute_script(
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);"
        "var c = document.getElementById('mynetwork');"
        "return [p.x, p.y, c.clientWidth, c.clientHeight];", node)
    canvas = driver.find_element(By.CSS_SELECTOR, "#mynetwork canvas")
    ActionChains(driver).move_to_element_with_offset(canvas, int(x - width / 2), int(y - height / 2)).perform()
    return WebDriverWait(driver, 10).until(
        lambda d: d.execute_script(
            "var t = document.querySelector('div.vis-tooltip');"
            "return t && t.style.visibility !== 'hidden' && t.innerText.indexOf(arguments[0]) >= 0 ? t : null;",
            d.execute_script("return network.body.data.nodes.get(arguments[0]).title.split('\\n')[0];", node)))


def test_tooltip_shows_markup_as_text(loaded):
    """Hovering the node whose alias is "<b>bold</b>" shows that markup as text, not as an element."""
    driver, graph, _, _ = loaded
    node = next(n for n, data in graph.nodes(data=True) if "<b>bold</b>" in data["aliases"])
    tooltip = hover(driver, node)
    assert "<b>bold</b>" in tooltip.text
    tags = driver.execute_script("return Array.from(arguments[0].children, c => c.tagName);", tooltip)
    assert set(tags) <= {"BR"}, tags      # innerText turns newlines into <br>, and makes nothing else


def test_event_tooltip_says_what_the_event_is(loaded):
    """An event's tooltip gives class, verb, roles, flags and its sentence, whose markup stays text."""
    driver = loaded[0]
    tooltip = hover(driver, LEAVE)
    for part in ("leave: the CSTO would leave", "verb: leave",
                 "agent: Collective Security Treaty Organization", "negated · asserted", EVENT_SENTENCE):
        assert part in tooltip.text, tooltip.text
    tags = driver.execute_script("return Array.from(arguments[0].children, c => c.tagName);", tooltip)
    assert set(tags) <= {"BR"}, tags
    assert driver.execute_script("return document.getElementsByTagName('img').length;") == 0


def click(driver, selector: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, selector).click()


def test_unticking_a_class_hides_its_events_and_their_edges(loaded):
    """Unticking Arrest hides the arrest and its role and claim edges only; ticking it shows them again."""
    driver, graph, _, _ = loaded
    before = driver.execute_script(DRAWN_JS)
    assert ARREST in before["nodes"] and before["shown"] == f"{graph.number_of_nodes()} of {graph.number_of_nodes()} nodes shown"
    click(driver, 'input[data-filter="event:Arrest"]')
    after = driver.execute_script(DRAWN_JS)
    assert set(before["nodes"]) - set(after["nodes"]) == {ARREST}
    assert not [e for e in after["edges"] if ARREST in e]
    assert len(before["edges"]) - len(after["edges"]) == len(graph.in_edges(ARREST)) + len(graph.out_edges(ARREST)) == 4
    assert after["shown"].startswith(f"{graph.number_of_nodes() - 1} of ")
    click(driver, 'input[data-filter="event:Arrest"]')
    assert driver.execute_script(DRAWN_JS) == before


def test_none_all_and_the_group_actor_toggle(loaded):
    """"none" hides every event, "all" shows them; the group actors' checkbox hides the unnamed groups."""
    driver, graph, _, _ = loaded
    before = driver.execute_script(DRAWN_JS)
    events = {n for n, d in graph.nodes(data=True) if d["group"] == "Event"}
    click(driver, "#events-none")
    assert set(before["nodes"]) - set(driver.execute_script(DRAWN_JS)["nodes"]) == events
    click(driver, "#events-all")
    assert driver.execute_script(DRAWN_JS) == before
    click(driver, 'input[data-filter="GroupActor"]')
    assert set(before["nodes"]) - set(driver.execute_script(DRAWN_JS)["nodes"]) == {PROTESTERS}
    click(driver, 'input[data-filter="GroupActor"]')
    assert driver.execute_script(DRAWN_JS) == before


def test_a_crowded_page_starts_with_the_events_of_no_class_hidden(tmp_path):
    """Past the crowded threshold the unclassed event is not drawn at first, the page says so, and
    ticking nkg:Event draws it."""
    graph = to_networkx(build_fixture())
    path = render_html(graph, tmp_path / "crowded.html", crowded=5)
    with chrome() as driver:
        driver.get(path.resolve().as_uri())
        wait_until_drawn(driver)
        drawn = driver.execute_script(DRAWN_JS)
        assert LEAVE not in drawn["nodes"] and {ARREST, PAY} <= set(drawn["nodes"])
        assert "start hidden" in driver.execute_script("return document.getElementById('crowded').innerText;")
        click(driver, 'input[data-filter="event:Event"]')
        assert LEAVE in driver.execute_script(DRAWN_JS)["nodes"]
