"""Cross-document entity resolution: one node per real-world referent across articles.

Each article's graph names its entities by class and name, so "Tony Blair" in one article and "Blair"
in another are two nodes, and so are the BBC as a company and as a media organisation. ``resolve``
reads the entity nodes of all documents of a store, joins those that rules find to be one referent
(kg/resolution/names.py, people.py; their data in kg/lexicon/resolution.toml), and writes each
decision into a graph of its own (kg/resolution/graph.py), never into a document's graph: after
documents are added or rebuilt, running it again gives what a run from scratch gives.

    >>> from kg.resolution import resolve, undo
    >>> res = resolve(graph)                     # a kg.KnowledgeGraph or kg.rdf.store.Store
    >>> res.nodes, res.nodes_after, len(res.merges)
    >>> undo(graph, res.merges[0].id)            # keep those two nodes apart, now and in later runs
"""
from __future__ import annotations

import re

from kg.rdf import iris
from kg.rdf.store import Store
from kg.resolution.cluster import resolve_corpus
from kg.resolution.graph import occurrences, undone, write, write_undone
from kg.resolution.records import Merge, Referent, Resolution, Veto

_MERGE = """
SELECT ?a ?b WHERE {{ GRAPH <{graph}> {{ <{merge}> nkg:mergedEntity ?a ; nkg:mergedWith ?b }} }}
"""


def _steps(progress: bool):
    if not progress:
        return lambda steps: steps

    def bar(steps):
        from tqdm import tqdm
        return tqdm(steps, desc="resolving", unit="rule")
    return bar


def resolve(store: Store, progress: bool = False, save: bool = True) -> Resolution:
    """Resolve the entities of all documents of ``store``, respecting the merges undone by hand, and
    (with ``save``) replace the store's resolution graph with the decisions."""
    res = resolve_corpus(occurrences(store), undone(store), _steps(progress))
    if save:
        write(store, res)
    return res


def merge_iri(merge: str) -> str:
    """A merge's IRI from its IRI or its id (the last part of the IRI, 16 hex digits); ValueError for
    anything else."""
    merge_id = iris.local_name(merge) if merge.startswith(str(iris.merge(""))) else merge
    if not re.fullmatch(r"[0-9a-f]{16}", merge_id):
        raise ValueError(f"{merge!r} is no merge id (16 hex digits, as `kg resolve STORE --list` shows)")
    return str(iris.merge(merge_id))


def undo(store: Store, merge: str, note: str = "", progress: bool = False) -> Resolution:
    """Undo a merge (its IRI or id, as ``kg resolve --list`` shows): its two nodes are kept apart, now
    and by every later run, and the resolution is run again (a cluster may split). ValueError when
    the store's resolution graph has no such merge."""
    rows = list(store.query(_MERGE.format(graph=iris.RESOLUTION_GRAPH, merge=merge_iri(merge))))
    if not rows:
        raise ValueError(f"no merge {merge} in the resolution graph (list them with `kg resolve STORE --list`)")
    vetoes = {v.pair: v for v in undone(store)}
    veto = Veto(str(rows[0].a), str(rows[0].b), note or "undone by hand")
    vetoes[veto.pair] = veto
    write_undone(store, sorted(vetoes.values(), key=lambda v: v.id))
    return resolve(store, progress)


def redo(store: Store, merge: str, progress: bool = False) -> Resolution:
    """Forget that a merge was undone (its IRI or id), and run the resolution again."""
    target = merge_iri(merge)
    vetoes = undone(store)
    kept = [v for v in vetoes if str(iris.merge(v.id)) != target]
    if len(kept) == len(vetoes):
        raise ValueError(f"no undone merge {merge} (list them with `kg resolve STORE --list-undone`)")
    write_undone(store, kept)
    return resolve(store, progress)


def clear(store: Store) -> None:
    """Drop the resolution graph (the merges undone by hand stay)."""
    store.replace_graph(iris.RESOLUTION_GRAPH, [])


__all__ = ["Merge", "Referent", "Resolution", "Veto", "clear", "redo", "resolve", "undo", "undone"]
