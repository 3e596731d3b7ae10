"""Reading the decisions back: the merges of the last run and those undone by hand, one line each."""
from __future__ import annotations

from kg.rdf import iris
from kg.rdf.store import Store

_MERGES = f"""
SELECT ?m ?rule ?c ?a ?b ?why WHERE {{ GRAPH <{iris.RESOLUTION_GRAPH}> {{
  ?m a nkg:EntityMerge ; nkg:rule ?rule ; nkg:confidence ?c ; nkg:mergedEntity ?a ; nkg:mergedWith ?b ; nkg:reason ?why }} }}
ORDER BY ?b ?a
"""
_UNDONE = f"""
SELECT ?m ?a ?b ?why WHERE {{ GRAPH <{iris.UNDONE_GRAPH}> {{
  ?m a nkg:EntityMerge ; nkg:mergedEntity ?a ; nkg:mergedWith ?b . OPTIONAL {{ ?m nkg:reason ?why }} }} }} ORDER BY ?b ?a
"""


def _short(iri) -> str:
    return str(iri).removeprefix(str(iris.ID))


def listing(store: Store, undone: bool = False) -> list[str]:
    """``ID  RULE  CONFIDENCE  MEMBER -> TARGET  REASON`` per merge (per undone merge: without rule)."""
    if undone:
        return [f"{iris.local_name(r.m)}  {_short(r.a)} -x- {_short(r.b)}  {r.why or ''}".rstrip()
                for r in store.query(_UNDONE)]
    return [f"{iris.local_name(r.m)}  {r.rule}  {r.c}  {_short(r.a)} -> {_short(r.b)}  {r.why}"
            for r in store.query(_MERGES)]
