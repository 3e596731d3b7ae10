"""How soon `kg render` of a corpus is interactive in headless Chromium.

    .venv/bin/python bench/render_scale.py STORE [--out /tmp/corpus.html] [--loads 3] [--around NAME]

Renders STORE (timed; `kg render STORE --out OUT`), then loads the page --loads times in a fresh tab
and reports the seconds from the request of the page to its graph drawn and ready (the page's
``body[data-stabilized]``), how long one full redraw takes then (zoomed to fit, and zoomed in so that
labels show), and the note the page shows when it caps the graph.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))      # the Chromium helper the tests share

from chromium import chrome  # noqa: E402

REDRAW_JS = """
var t = performance.now(); network.redraw(); var fit = performance.now() - t;
network.moveTo({scale: 1.2}); t = performance.now(); network.redraw(); var close = performance.now() - t;
network.fit(); return [fit, close, GRAPH.nodes.length, GRAPH.edges.length,
                       (document.getElementById("capped") || {}).textContent || ""];
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--out", default="/tmp/kg-render-scale.html")
    ap.add_argument("--loads", type=int, default=3)
    ap.add_argument("--around", metavar="NAME")
    ap.add_argument("--hops", default="2")
    a = ap.parse_args()
    command = [sys.executable, "-m", "kg", "render", a.store, "--out", a.out]
    if a.around:
        command += ["--around", a.around, "--hops", a.hops]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    print(f"kg render: {time.perf_counter() - started:.1f} s, {Path(a.out).stat().st_size / 1e6:.1f} MB")
    from selenium.webdriver.support.ui import WebDriverWait
    ready, redraws = [], []
    with chrome(1400, 900) as driver:
        for _ in range(a.loads):
            driver.get("about:blank")
            started = time.perf_counter()
            driver.get(Path(a.out).resolve().as_uri())
            WebDriverWait(driver, 120, poll_frequency=0.02).until(
                lambda d: d.execute_script("return document.body.getAttribute('data-stabilized') === 'true'"))
            ready.append(time.perf_counter() - started)
            fit, close, nodes, edges, note = driver.execute_script(REDRAW_JS)
            redraws.append((fit, close))
    print(f"nodes drawn: {nodes}, edges: {edges}; note: {note or '(none)'}")
    print(f"page requested -> drawn and ready: {', '.join(f'{r:.2f}' for r in ready)} s "
          f"(median {statistics.median(ready):.2f})")
    print(f"one redraw, fitted / zoomed in: " + "; ".join(f"{f:.0f} / {c:.0f} ms" for f, c in redraws))
    return 0


if __name__ == "__main__":
    sys.exit(main())
