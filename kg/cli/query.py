"""`kg query`: run SPARQL on a store or an RDF file and print the result as a table, csv or JSON."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from kg.cli.common import RAW, add_limits, fail, open_graph

TIMEOUT, LIMIT, MEMORY = 60.0, 100_000, 2048
EPILOG = f"""examples:
  kg query exports/seed.trig 'SELECT ?who ?whom WHERE {{ ?who nkg:arrested ?whom }}'
  kg query store/ --file queries/claims.rq --format csv
  kg query exports/seed.trig 'ASK {{ ?x nkg:allyOf ?y }}'
  kg query exports/seed.trig 'SELECT ?s ?o FROM <https://newskg.dev/graph/ontology> WHERE {{ ?s rdfs:subClassOf ?o }}'
  kg query store/ --file big.rq --format csv --limit 0 --timeout 600 > all.csv

TARGET is an RDF file (.trig .nq .ttl .jsonld), a store folder made by `kg build --store`, or the
URL of the SPARQL endpoint a `kg build --store http://...` filled (the query is sent there); a store is
opened read-only, so a query works while a build holds it and never writes into it.
Prefixes nkg: rdf: rdfs: skos: schema: prov: xsd: owl: are predeclared. All named graphs are
queried together (the default graph is their union), unless the query names its graphs with FROM or
FROM NAMED. The query only reads TARGET: SERVICE (a query sent to another endpoint) and SPARQL Update
(INSERT, DELETE, LOAD, ...) are refused.

Rows are printed as they are found (csv, json). A query is stopped after --timeout seconds, and at
most --limit rows (or triples) are printed; both say so on stderr. A query whose engine needs more
than --memory megabytes (a sort or grouping of a huge join) is stopped too. Exit status: 0 done;
1 the query was refused, malformed, or stopped by --timeout or --memory; 2 a missing file or a bad
option; 3 rows cut by --limit."""


def add(sub: argparse._SubParsersAction) -> None:
    q = sub.add_parser("query", help="run a SPARQL query on a store or an RDF file",
                       description="Run SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE.",
                       epilog=EPILOG, formatter_class=RAW)
    q.add_argument("target", metavar="TARGET", help="RDF file, store folder or SPARQL endpoint URL")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("--file", metavar="Q.rq", help="read the query from a file")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="how to print SELECT results (default: table)")
    q.add_argument("--full", action="store_true", help="table: full IRIs and uncut cells")
    add_limits(q, TIMEOUT, LIMIT, MEMORY, "print at most this many rows or triples")
    q.set_defaults(run=run)


def _cell(v) -> str:
    return "" if v is None else str(v)


def run(a) -> int:
    from kg.rdf.running import QueryFailed, QueryOutOfMemory, QueryTimeout
    from kg.rdf.sparql import QueryRefused
    if a.file:
        if not Path(a.file).is_file():
            return fail(f"{a.file}: {'a folder, not a query file' if Path(a.file).is_dir() else 'no such file'}", 2)
        try:
            sparql = Path(a.file).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            return fail(f"{a.file}: not UTF-8 text (byte {exc.start}); a query file is text", 2)
    else:
        sparql = a.sparql or ""
    if not any(line.strip() and not line.strip().startswith("#") for line in sparql.splitlines()):
        return fail("give a query, or --file q.rq (the query given is empty or only comments)")
    kg = open_graph(a.target, remote=True)
    limit = a.limit or None
    try:
        _warn_missing_graphs(kg, sparql, a.target)
        result = kg.query(sparql, timeout=a.timeout or None, limit=limit, memory=a.memory or None)
        truncated = _print(result, a, limit)
    except QueryRefused as exc:
        return fail(f"query refused: {exc}", 1)
    except QueryFailed as exc:
        return fail(f"query failed: {exc}", 1)
    except QueryTimeout as exc:
        sys.stdout.flush()
        return fail(f"{exc} (--timeout SECONDS, 0 for no limit)", 1)
    except QueryOutOfMemory as exc:
        sys.stdout.flush()
        return fail(f"{exc} (--memory MB, 0 for no limit)", 1)
    if truncated:
        what = "triples" if result.type in ("CONSTRUCT", "DESCRIBE") else "rows"
        sys.stdout.flush()
        return fail(f"more than {limit} {what}; printed the first {limit} (--limit ROWS, 0 for no limit)", 3)
    return 0


def _warn_missing_graphs(kg, sparql: str, target: str) -> None:
    """A FROM or FROM NAMED graph the target does not have: the query runs (on nothing), and says so."""
    from kg.rdf import iris
    from kg.rdf.sparql import check
    present = kg.graph_names()
    for graph in check(sparql, iris.PREFIXES).graphs:
        if graph not in present:
            print(f"kg: warning: {target} has no graph <{graph}> (named in FROM)", file=sys.stderr)


def _print(result, a, limit: int | None) -> bool:
    """Print the result as it arrives; whether the row limit cut it."""
    if result.type == "ASK":
        print("true" if result.askAnswer else "false")
        return False
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        sys.stdout.write(result.graph.serialize(format="turtle"))
        return result.truncated
    names = [str(v) for v in result.vars]
    rows = ([_cell(row[v]) for v in result.vars] for row in result)
    if a.format == "json":
        _print_json(names, rows)
    elif a.format == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(names)
        for row in rows:
            w.writerow(row)
    else:
        print(table(names, list(rows), compact=not a.full))
    return result.truncated


def _print_json(names: list[str], rows) -> None:
    """The rows as a JSON array of objects (as ``json.dump(..., indent=1)`` writes it), one object at a
    time; the array is closed even when the query is stopped."""
    first = True
    sys.stdout.write("[")
    try:
        for row in rows:
            text = json.dumps(dict(zip(names, row)), indent=1, ensure_ascii=False)
            sys.stdout.write(("\n " if first else ",\n ") + text.replace("\n", "\n "))
            first = False
    finally:
        sys.stdout.write("]\n" if first else "\n]\n")


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
