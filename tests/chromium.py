"""Headless Chromium for rendered pages: a PNG screenshot, and the browser setup the tests share.

Needs selenium (a test extra) and Debian's ``chromium`` and ``chromedriver``; the driver is given
by path so Selenium Manager never tries to download one.
"""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROME_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
READY_JS = "return !!(window.network && document.body.getAttribute('data-stabilized') === 'true');"


def browser_available() -> bool:
    """True when both the Chromium binary and chromedriver are installed."""
    return Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()


@contextmanager
def chrome(width: int = 1400, height: int = 900, logging: bool = False) -> Iterator:
    """A headless Chromium WebDriver with a throw-away profile, quit and cleaned up on exit.

    With ``logging`` the browser console and the performance (network) logs are recorded.
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="kg-chrome-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*CHROME_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    if logging:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        # the page's viewport, not the window with its (headless) decorations, gets the asked size
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_until_drawn(driver, timeout: float = 30) -> None:
    """Wait until the page's vis Network exists and its layout has stabilised."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.execute_script(READY_JS))


def screenshot(html_path: str | Path, png_path: str | Path, width: int = 1400, height: int = 900,
               timeout: float = 30) -> Path:
    """Load a page written by ``kg.export.html.render_html`` and save a PNG of it once the layout settled."""
    png_path = Path(png_path)
    with chrome(width, height) as driver:
        driver.get(Path(html_path).resolve().as_uri())
        wait_until_drawn(driver, timeout)
        driver.save_screenshot(str(png_path))
    return png_path
