"""`kg export`: a graph converted to another format; the formats are kg.export.registry's."""
from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli.common import RAW, open_graph
from kg.export import registry


def add(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="convert a graph to another RDF format or GraphML",
                       description="Export a graph: trig and nq keep one named graph per document; ttl is "
                                   "their union; jsonld keeps the graphs; graphml is for Gephi.",
                       epilog="example:  kg export store/ --format nq --out all.nq", formatter_class=RAW)
    e.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    e.add_argument("--format", choices=registry.names(),
                   help="output format (default: from the --out suffix)")
    e.add_argument("--out", required=True, metavar="FILE")
    e.set_defaults(run=run)


def run(a) -> int:
    path = open_graph(a.target).export(a.out, a.format, title=Path(a.target).stem)
    print(f"wrote {path}")
    return 0
