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
    an.add_argument("--top", type=positive, default=10, metavar="N",
                    help="how many entities to rank, 1 or more (default: 10)")
    an.set_defaults(run=run)


def positive(text: str) -> int:
    """A whole number of 1 or more, for --top: 0 or -1 would drop entities from the ranking."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def run(a) -> int:
    from kg.analysis.summary import summarise
    for line in summarise(open_graph(a.target).to_networkx(), top=a.top).lines():
        print(line)
    return 0
