"""Write docs/seed-graph.png: a 1400x900 screenshot of exports/seed.html in headless Chromium.

    .venv/bin/python bench/screenshot.py [--html exports/seed.html] [--out docs/seed-graph.png]

Needs selenium (the test extra) and Debian's chromium + chromedriver.  Run `make exports` first so
the page shows what the code builds now.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))   # the Chromium helper the browser tests share

from chromium import browser_available, screenshot  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--html", default=str(ROOT / "exports" / "seed.html"), help="the rendered page")
    ap.add_argument("--out", default=str(ROOT / "docs" / "seed-graph.png"), help="the PNG to write")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=900)
    a = ap.parse_args()
    if not browser_available():
        print("screenshot: needs /usr/bin/chromium and /usr/bin/chromedriver "
              "(apt-get install chromium chromium-driver)", file=sys.stderr)
        return 2
    html = Path(a.html)
    if not html.is_file():
        print(f"screenshot: {html}: no such file; run `make exports` first", file=sys.stderr)
        return 2
    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    screenshot(html, out, width=a.width, height=a.height)
    print(f"wrote {out} ({a.width}x{a.height}) from {html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
