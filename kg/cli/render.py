"""`kg render`: the interactive HTML page of a graph."""
from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import RAW, number, open_graph

EPILOG = """examples:
  kg render exports/seed.trig --out seed.html
  kg render store/ --out bbc.html                                  # a corpus: its best connected part
  kg render store/ --around "Tony Blair" --hops 2 --out blair.html  # one entity's neighbourhood

A graph of more than 400 nodes is laid out before it is written (no physics in the browser; labels
show as you zoom in); of more than 2,500 nodes, 2,500 are drawn (the most connected, and the nodes
linking them) and the page says so. --around draws the nodes at most --hops edges from the entity of
that name or alias."""


def add(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("render", help="write the interactive HTML graph",
                       description="Render a graph as a self-contained HTML page (pyvis / vis-network, "
                                   "no network access needed).",
                       epilog=EPILOG, formatter_class=RAW)
    r.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    r.add_argument("--out", required=True, metavar="FILE.html")
    r.add_argument("--title", help="page title (default: the target's name)")
    r.add_argument("--around", metavar="NAME", help="draw only this entity's neighbourhood (a name or alias)")
    r.add_argument("--hops", type=number(int, 10), default=2, metavar="N",
                   help="with --around: how many edges out (default: 2)")
    r.set_defaults(run=run)


def run(a) -> int:
    path = open_graph(a.target).render(a.out, title=a.title or Path(a.target).stem, around=a.around, hops=a.hops)
    print(f"wrote {path}")
    return 0
