"""`kg validate`: a graph checked against the SHACL shapes; exit 1 when it does not conform."""
from __future__ import annotations

import argparse
import sys

from kg.cli.common import RAW, open_graph


def add(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="check a graph against the SHACL shapes",
                       description="Validate a graph against ontology/shapes.ttl; exit 1 when it does not "
                                   "conform, printing each violation.",
                       epilog="example:  kg validate exports/seed.trig", formatter_class=RAW)
    v.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    v.set_defaults(run=run)


def run(a) -> int:
    report = open_graph(a.target).validate()
    if report.conforms:
        print(f"{a.target}: conforms to the newskg shapes")
        return 0
    print(report.text)
    print(f"{a.target}: {report.violations} violation(s)", file=sys.stderr)
    return 1
