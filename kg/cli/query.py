"""`kg query`: run SPARQL on a store or an RDF file and print the result as a table, csv or JSON."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from kg.cli.common import RAW, fail, open_graph

EPILOG = """examples:
  kg query exports/seed.trig 'SELECT ?who ?whom WHERE { ?who nkg:arrested ?whom }'
  kg query store/ --file queries/claims.rq --format csv
  kg query exports/seed.trig 'ASK { ?x nkg:allyOf ?y }'

TARGET is an RDF file (.trig .nq .ttl .jsonld) or a store folder made by `kg build --store`.
Prefixes nkg: rdf: rdfs: skos: schema: prov: xsd: owl: are predeclared. All named graphs are
queried together (the default graph is their union)."""


def add(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("query", help="run a SPARQL query on a store or an RDF file",
                       description="Run SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE.",
                       epilog=EPILOG, formatter_class=RAW)
    q.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("--file", metavar="Q.rq", help="read the query from a file")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="how to print SELECT results (default: table)")
    q.add_argument("--full", action="store_true", help="table: full IRIs and uncut cells")
    q.set_defaults(run=run)


def _cell(v) -> str:
    return "" if v is None else str(v)


def run(a) -> int:
    if a.file:
        sparql = Path(a.file).read_text(encoding="utf-8")
    elif a.sparql:
        sparql = a.sparql
    else:
        return fail("give a query, or --file q.rq")
    kg = open_graph(a.target)
    try:
        result = kg.query(sparql)
    except Exception as exc:  # the query engine's message is what the user needs
        return fail(f"query failed: {exc}", 1)
    if result.type == "ASK":
        print("true" if result.askAnswer else "false")
        return 0
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.write(result.graph.serialize(format="turtle"))
        return 0
    names = [str(v) for v in result.vars]
    rows = [[_cell(row[v]) for v in result.vars] for row in result]
    if a.format == "json":
        json.dump([dict(zip(names, r)) for r in rows], sys.stdout, indent=1, ensure_ascii=False)
        print()
    elif a.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(names)
        w.writerows(rows)
    else:
        print(table(names, rows, compact=not a.full))
    return 0


def shorten(value: str) -> str:
    """An IRI with a known namespace as ``prefix:name``; anything else as it is."""
    from kg.rdf import iris
    for prefix, ns in iris.PREFIXES.items():
        if value.startswith(str(ns)):
            return f"{prefix}:{value[len(str(ns)):]}"
    return value


def table(names: list[str], rows: list[list[str]], compact: bool = True, width: int = 60) -> str:
    """A plain text table; IRIs shortened with the known prefixes, long cells cut."""
    def fit(v: str) -> str:
        v = " ".join(shorten(v).split()) if compact else v
        return v if not compact or len(v) <= width else v[: width - 1] + "…"
    cells = [[fit(c) for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)
