"""`kg resolve`: one node per referent across the documents of a store (kg/resolution/)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import RAW, fail

EXAMPLES = """examples:
  kg build bbc/ --out out/ --store store/   then
  kg resolve store/                          join "Blair" to "Tony Blair" across articles; one merge per decision
  kg resolve store/ --list                   every merge: id, rule, confidence, the two nodes, the reason
  kg resolve store/ --undo 3f2a9c01d4e5b6a7  keep those two nodes apart, now and in every later run
  kg resolve store/ --list-undone            the merges undone by hand;  --redo ID  forgets one
  kg query store/ 'SELECT ?a ?b ?canonical ?rule WHERE { ?m a nkg:EntityMerge ; nkg:mergedEntity ?a ;
                   nkg:mergedWith ?b ; nkg:canonicalEntity ?canonical ; nkg:rule ?rule }'

The decisions are written in the named graph https://newskg.dev/graph/resolution (nkg:EntityMerge records
and owl:sameAs links to each cluster's canonical node), never in a document's graph; after adding
documents, run it again: the result is the one a run from scratch gives."""


def add(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("resolve", help="join entity nodes of different articles that are one referent",
                       description="Cross-document entity resolution: read the entities of every document "
                                   "of a store, join those that are one person, organisation or place, and "
                                   "record each decision (rule, confidence, articles, names) so it can be "
                                   "inspected and undone.",
                       epilog=EXAMPLES, formatter_class=RAW)
    r.add_argument("store", metavar="STORE", help="a store folder made by `kg build --store`")
    what = r.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true", help="print the merges of the last run; change nothing")
    what.add_argument("--undo", metavar="ID", help="undo a merge (its id or IRI), and resolve again")
    what.add_argument("--redo", metavar="ID", help="forget that a merge was undone, and resolve again")
    what.add_argument("--list-undone", action="store_true", help="print the merges undone by hand")
    what.add_argument("--clear", action="store_true", help="drop the resolution graph (undone merges stay)")
    r.add_argument("--note", default="", help="with --undo: why (kept with the record)")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    r.set_defaults(run=run)


def _open(path: str, read_only: bool):
    from kg.graph import KnowledgeGraph

    if not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such store folder")
    if not Path(path).is_dir() or not KnowledgeGraph.is_store(path):
        raise ValueError(f"{path}: not a store made by `kg build --store` (an export file cannot be resolved "
                         f"in place; build a store)")
    return KnowledgeGraph(store=path, read_only=read_only)


def _list(graph, undone: bool) -> int:
    from kg.resolution.inspect import listing
    rows = listing(graph, undone)
    for row in rows:
        print(row)
    print(f"{len(rows)} {'undone merges' if undone else 'merges'}", file=sys.stderr)
    return 0


def run(a) -> int:
    from kg import resolution

    if a.note and not a.undo:
        return fail("--note goes with --undo")
    read_only = a.list or a.list_undone
    graph = _open(a.store, read_only)
    try:
        if read_only:
            return _list(graph, a.list_undone)
        if a.clear:
            resolution.clear(graph)
            print(f"{a.store}: resolution graph dropped")
            return 0
        progress = not a.quiet and sys.stderr.isatty()
        if a.undo:
            res = resolution.undo(graph, a.undo, a.note, progress)
        elif a.redo:
            res = resolution.redo(graph, a.redo, progress)
        else:
            res = resolution.resolve(graph, progress)
        print(f"{res.nodes} entity nodes -> {res.nodes_after} after {len(res.merges)} merges in "
              f"{len(res.clusters)} clusters; {len(res.refused)} merges left out; {len(res.vetoes)} undone by hand")
        return 0
    finally:
        graph.close()
