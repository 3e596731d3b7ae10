"""The explorer of `kg serve` in a real headless Chromium: search the seed article's entities, open
one, expand a neighbour by clicking it in the graph, read a fact's sentence; run an example query."""
from __future__ import annotations

import pytest

from chromium import browser_available, chrome
from serving import server  # noqa: F401  (the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not browser_available(), reason="needs /usr/bin/chromium and /usr/bin/chromedriver"),
]
TOKAYEV = "https://newskg.dev/id/person/kassym-jomart-tokayev"
MASIMOV = "https://newskg.dev/id/person/karim-masimov"
ARREST_SENTENCE = "Speculation was fueled after Tokayev arrested former head of Kazakhstan"


@pytest.fixture(scope="module")
def page(server):
    pytest.importorskip("selenium")
    from selenium.webdriver.support.ui import WebDriverWait
    with chrome(1400, 900, logging=True) as driver:
        driver.get(server)
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.body.dataset.ready"))
        yield driver


def wait(driver, condition, seconds: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, seconds, poll_frequency=0.1).until(condition)


def click_node(driver, iri: str) -> None:
    """Click the node where vis-network drew it on the canvas, as a user would."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    wait(driver, lambda d: d.execute_script("return !explorer.network.physics.physicsEnabled || "
                                            "explorer.network.physics.stabilized"))
    at = driver.execute_script("var p = explorer.network.getPosition(arguments[0]);"
                               "return explorer.network.canvasToDOM(p);", iri)
    canvas = driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(canvas, at["x"] - size["width"] / 2,
                                                     at["y"] - size["height"] / 2).click().perform()


def test_search_open_expand_and_read_a_fact(page):
    from selenium.webdriver.common.by import By
    page.find_element(By.ID, "search").send_keys("tokay")
    hit = wait(page, lambda d: d.find_elements(By.CSS_SELECTOR, f'#hits li[data-iri="{TOKAYEV}"]'))[0]
    assert "Kassym-Jomart Tokayev" in hit.text and "Person" in hit.text
    hit.click()
    wait(page, lambda d: d.execute_script("return document.body.dataset.opened") == TOKAYEV)
    facts = page.find_element(By.ID, "facts").text
    assert "arrested → Karim Masimov" in facts and ARREST_SENTENCE in facts
    assert "President of Kazakhstan says order restored" in facts        # the document's headline, linked
    assert "confidence 0.80" in facts and "rule verb:arrest" in facts
    assert page.find_element(By.ID, "claims").text          # claims apart from facts
    before = page.execute_script("return explorer.nodes.length")
    assert page.execute_script("return explorer.nodes.get(arguments[0]) !== null", MASIMOV)
    click_node(page, MASIMOV)
    wait(page, lambda d: d.execute_script("return document.body.dataset.opened") == MASIMOV)
    assert page.execute_script("return explorer.nodes.length") > before      # Nazarbayev came in
    assert page.execute_script("return explorer.nodes.get('https://newskg.dev/id/person/nursultan-nazarbayev') "
                               "!== null")
    assert "ally of → Nursultan Nazarbayev" in page.find_element(By.ID, "facts").text


def test_filters_hide_a_group(page):
    from selenium.webdriver.common.by import By
    if page.execute_script("return document.body.dataset.opened") is None:
        pytest.skip("needs the graph of the test before")
    box = page.find_element(By.CSS_SELECTOR, '#group-filter input[value="Claim"]')
    box.click()
    hidden = page.execute_script("return explorer.nodes.get({filter: n => n.hidden}).length")
    claims = page.execute_script("return Object.values(explorer.state.nodeData)"
                                 ".filter(n => n.group === 'Claim' && !explorer.state.opened[n.id]).length")
    assert claims > 0 and hidden == claims
    box.click()
    assert page.execute_script("return explorer.nodes.get({filter: n => n.hidden}).length") == 0


def test_run_an_example_query_and_see_its_rows(page):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    page.find_element(By.ID, "tab-sparql").click()
    Select(page.find_element(By.ID, "examples")).select_by_value("facts")
    assert "nkg:asserted true" in page.execute_script("return explorer.editor.getValue()")
    page.find_element(By.ID, "run").click()
    wait(page, lambda d: "rows" in d.find_element(By.ID, "query-status").text)
    table = page.find_element(By.CSS_SELECTOR, "#results table")
    assert table.find_elements(By.TAG_NAME, "th")[0].text == "subject"
    assert len(table.find_elements(By.TAG_NAME, "tr")) > 20
    assert "Kassym-Jomart Tokayev" in table.text and "arrested" in table.text
    page.find_element(By.ID, "tab-graph").click()


def test_the_page_asks_nothing_of_another_host(page):
    requests = page.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    base = page.current_url
    assert requests and all(url.startswith(base) for url in requests), requests
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors
