"""What the command modules share: errors in one format, graphs opened from files or stores."""
from __future__ import annotations

import argparse
import sys

RAW = argparse.RawDescriptionHelpFormatter   # keeps the epilogs' examples as written


def fail(msg: str, code: int = 2) -> int:
    """Say ``kg: error: MSG`` on stderr and return the exit status."""
    print(f"kg: error: {msg}", file=sys.stderr)
    return code


def open_graph(target: str, remote: bool = False):
    """The graph of an RDF file, a store folder (``kg build --store``) or a SPARQL endpoint (an http(s)
    URL: with ``remote`` the endpoint itself, to send queries to; otherwise a copy of its graphs); a
    store is opened read-only
    (the commands that call this only read: no lock taken, nothing written into the folder)."""
    from pathlib import Path

    from kg.graph import KnowledgeGraph
    from kg.rdf.stores import is_endpoint
    if is_endpoint(target):
        from kg.rdf.endpoint import Endpoint
        endpoint = Endpoint(target, ontology=False)
        if remote:
            return endpoint
        copy = KnowledgeGraph(ontology=False)       # render, export, validate, analyze: the graphs, here
        copy.add_quads(endpoint.quads())
        return copy
    if Path(target).is_dir() and KnowledgeGraph.is_store(target):
        return KnowledgeGraph(store=target, read_only=True)
    return KnowledgeGraph.load(target)


def number(kind, most: float):
    """An argument type: a number from 0 (no limit) to ``most`` ("inf" or 1e300 seconds would overflow
    the timer)."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not 0 <= value <= most:
            raise argparse.ArgumentTypeError(f"must be from 0 (no limit) to {most:g}: {text!r}")
        return value
    return parse


def add_limits(p: argparse.ArgumentParser, timeout: float, limit: int, memory: int, rows: str) -> None:
    """--timeout, --limit and --memory, the bounds of a query (``kg query``, ``kg serve``)."""
    p.add_argument("--timeout", type=number(float, 1e6), default=timeout, metavar="SECONDS",
                   help=f"stop a query after this long (default: {timeout:g}; 0: no limit)")
    p.add_argument("--limit", type=number(int, 1e12), default=limit, metavar="ROWS",
                   help=f"{rows} (default: {limit}; 0: no limit)")
    p.add_argument("--memory", type=number(int, 1e7), default=memory, metavar="MB",
                   help=f"stop a query that needs more memory than this (default: {memory}; 0: no limit)")
