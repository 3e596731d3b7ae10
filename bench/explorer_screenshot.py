"""Write docs/explorer.png: the explorer of `kg serve` in headless Chromium, one entity opened.

    .venv/bin/python bench/explorer_screenshot.py [--target exports/seed.trig] [--entity Tokayev]
        [--out docs/explorer.png]

The server is started on a free 127.0.0.1 port and stopped at the end. Needs selenium (the test
extra) and Debian's chromium + chromedriver.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))   # the server and Chromium helpers the tests share

from chromium import chrome  # noqa: E402
from serving import start  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--target", default=str(ROOT / "exports" / "seed.trig"))
    ap.add_argument("--entity", default="Tokayev", help="what to type in the search box")
    ap.add_argument("--out", default=str(ROOT / "docs" / "explorer.png"))
    a = ap.parse_args()
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    process, base = start(Path(a.target), "--workers", "2")
    try:
        with chrome(1400, 900) as driver:
            driver.get(base)
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.dataset.ready"))
            driver.find_element(By.ID, "search").send_keys(a.entity)
            hit = WebDriverWait(driver, 60).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#hits li[data-iri]"))[0]
            iri = hit.get_attribute("data-iri")
            hit.click()
            WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.body.dataset.drawn") == iri)
            driver.save_screenshot(a.out)
    finally:
        process.terminate()
        process.wait(timeout=30)
    print(f"wrote {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
