"""What the command modules share: errors in one format, graphs opened from files or stores."""
from __future__ import annotations

import argparse
import sys

RAW = argparse.RawDescriptionHelpFormatter   # keeps the epilogs' examples as written


def fail(msg: str, code: int = 2) -> int:
    """Say ``kg: error: MSG`` on stderr and return the exit status."""
    print(f"kg: error: {msg}", file=sys.stderr)
    return code


def open_graph(target: str):
    """The graph of an RDF file or a store folder (``kg build --store``); a store is opened read-only
    (the commands that call this only read: no lock taken, nothing written into the folder)."""
    from pathlib import Path

    from kg.graph import KnowledgeGraph
    if Path(target).is_dir() and KnowledgeGraph.is_store(target):
        return KnowledgeGraph(store=target, read_only=True)
    return KnowledgeGraph.load(target)
