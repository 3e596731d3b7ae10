"""`kg analyze`: who is central, by networkx."""
from __future__ import annotations

import argparse

from kg.cli.common import RAW, open_graph


def add(sub: argparse._SubParsersAction) -> None:
    an = sub.add_parser("analyze", help="who is central: counts, connected groups, top entities (networkx)",
                        description="Analyse the graph with networkx: nodes by kind, facts and claims, groups "
                                    "of entities linked by facts, and the most connected entities.",
                        epilog="example:  kg analyze exports/seed.trig --top 5", formatter_class=RAW)
    an.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    an.add_argument("--top", type=int, default=10, help="how many entities to rank (default: 10)")
    an.set_defaults(run=run)


def run(a) -> int:
    from kg.analysis.summary import summarise
    for line in summarise(open_graph(a.target).to_networkx(), top=a.top).lines():
        print(line)
    return 0
