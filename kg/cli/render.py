"""`kg render`: the interactive HTML page of a graph."""
from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import RAW, open_graph


def add(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("render", help="write the interactive HTML graph",
                       description="Render a graph as a self-contained HTML page (pyvis / vis-network, "
                                   "no network access needed).",
                       epilog="example:  kg render exports/seed.trig --out seed.html", formatter_class=RAW)
    r.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    r.add_argument("--out", required=True, metavar="FILE.html")
    r.add_argument("--title", help="page title (default: the target's name)")
    r.set_defaults(run=run)


def run(a) -> int:
    path = open_graph(a.target).render(a.out, title=a.title or Path(a.target).stem)
    print(f"wrote {path}")
    return 0
