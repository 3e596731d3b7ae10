"""`kg build`: extract articles into a graph and write the exports.

The suffixes it reads come from kg.io.registry, the formats it writes from kg.export.registry.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import textwrap
from pathlib import Path

from kg.cli.common import RAW, fail
from kg.export import registry as exporters
from kg.io import registry as readers
from kg.io.document import DEFAULT_MAX_BYTES, display
from kg.model import RELATION_MODELS

EXAMPLES = """examples:
  kg build examples/ --out exports/                  graph of every article under examples/
  kg build news.jsonl --out out/ --name news         JSONL: one {"text", "title", "url", "date"} per line
  kg build bbc/ --out out/ --store store/            keep the graph in an on-disk store as well
  kg build bbc/ --out out/ --store store/ --resolve  and join the entities of different articles (kg resolve)
  kg build bbc/ --out out/ --store store/ --prune    and drop the documents of files deleted from bbc/
  kg build bbc/ --out out/ --store store/ --workers 2
                                                     parse in two processes; build again after adding
                                                     articles: only the new and changed ones are parsed
  kg build bbc/ --out out/ --store store/ --engine dask --scheduler tcp://10.0.0.5:8786
                                                     extract on a Dask cluster (pip install newskg[dask])
  kg build bbc/ --out out/ --store http://127.0.0.1:8890/sparql --graph-store http://127.0.0.1:8890/sparql-graph-crud
                                                     keep the graph in a triplestore (here Virtuoso's endpoint)

A build streams the articles (memory stays flat however many there are) and stores each document in
one transaction: stopped anywhere (Ctrl-C, a kill), it loses nothing, and the same command carries on.
An article the store holds unchanged (same path, text and metadata) is not parsed again, whichever
version or --model stored it (to extract again with another, build into a new store); an edited
one replaces its earlier graph. The exports are written from the store, at the end, and only when it
changed (a stamp beside them, OUT/.NAME.stamp.json, says of what store they are)."""


def epilog() -> str:
    """The examples, then what is written (the default exporters) and what readers say of their input."""
    files = [f"NAME{e.suffix}" + (f" ({e.note})" if e.note else "") for e in exporters.exporters() if e.default]
    listed = ", ".join(files[:-1]) + f" and {files[-1]}" if len(files) > 1 else "".join(files)
    writes = textwrap.fill(f"writes OUT/{listed}.", width=100, break_long_words=False, break_on_hyphens=False)
    notes = [r.note for r in readers.readers() if r.note]
    return "\n".join([EXAMPLES, "", writes, *notes])


def add(sub: argparse._SubParsersAction) -> None:
    defaults = ",".join(exporters.defaults())
    b = sub.add_parser("build", help="extract articles into a graph and write the exports",
                       description="Extract entities, relations, claims and events from articles.",
                       epilog=epilog(), formatter_class=RAW)
    b.add_argument("paths", nargs="+", metavar="PATH",
                   help=f"files or folders of {', '.join(r.suffixes[0] for r in readers.readers())}")
    b.add_argument("--out", required=True, metavar="DIR", help="folder for the exports")
    b.add_argument("--store", metavar="DIR|URL",
                   help="also keep the graph in an Oxigraph store on disk, or in the triplestore behind "
                        "this SPARQL 1.1 endpoint (http://HOST:PORT/PATH: Query and Update)")
    b.add_argument("--graph-store", metavar="URL",
                   help="with --store URL: the triplestore's Graph Store Protocol URL (to put and read "
                        "whole graphs; without it, SPARQL does)")
    b.add_argument("--name", default="graph", help="base name of the exported files (default: graph)")
    b.add_argument("--formats", default=defaults,
                   help=f"comma-separated exports to write (default: {defaults}; "
                        f"choose from {', '.join(exporters.names())})")
    b.add_argument("--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"skip (and report) a file over N bytes, a .jsonl line over N bytes "
                        f"(default: {DEFAULT_MAX_BYTES:,}; 10MB, 1GB also accepted)")
    b.add_argument("--prune", action="store_true",
                   help="with --store: drop the documents of files under PATH that are gone (deleted, or a "
                        ".jsonl line no longer there); a file that is there but unreadable keeps its document")
    b.add_argument("--resolve", action="store_true",
                   help="then join entity nodes of different articles that are one referent (as `kg resolve`)")
    b.add_argument("--workers", type=_count, default=1, metavar="N",
                   help="processes that parse and extract (default: 1); with --engine dask, the local "
                        "cluster's workers")
    b.add_argument("--batch", type=_count, default=16, metavar="N",
                   help="articles parsed together by one nlp.pipe call, or one task (default: 16)")
    b.add_argument("--model", choices=RELATION_MODELS, default="fast",
                   help="the relation classifier: fast (a logistic regression; default) or accurate (with a "
                        "fine-tuned MiniLM run as int8 ONNX: about 0.56 of the speed, a few more relations)")
    b.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="where extraction runs: local processes, or Dask tasks (default: local)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="--engine dask: the cluster's scheduler (default: a local cluster of --workers)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--progress", action="store_true", help="progress bar even when not on a terminal")
    b.set_defaults(run=run)


def _size(text: str) -> int:
    """A number of bytes: 5000000, 5MB, 500kB, 1GB."""
    m = re.fullmatch(r"\s*(\d+)\s*([kmg]?)b?\s*", text, re.I)
    if not m or int(m.group(1)) < 1:
        raise argparse.ArgumentTypeError(f"not a size in bytes: {text!r} (e.g. 5000000 or 5MB)")
    return int(m.group(1)) * 10 ** (3 * " kmg".index(m.group(2).lower() or " "))


def _count(text: str) -> int:
    """A whole number from 1."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number from 1: {text!r}")
    return int(text)


def _report(problems) -> None:
    """One line on stderr per problem: `skipped: SOURCE: REASON` or `warning: SOURCE: REASON`."""
    for p in problems:
        print(f"{'warning' if not p.fatal else 'skipped'}: {display(p.source)}: {display(p.message)}",
              file=sys.stderr)


def check_paths(a, formats: list[str]) -> str | None:
    """What is wrong with the paths of ``kg build``, before anything is read: None when nothing is."""
    from kg.api import check_folder, check_store, name_max
    from kg.rdf.stores import check_url, is_endpoint

    name = a.name
    if not name or name in (".", "..") or any(sep and sep in name for sep in (os.sep, os.altsep, "\0")):
        return f"--name {name!r}: a plain file name, without folders (it is written in --out)"
    longest, limit = max((exporters.get(f).suffix for f in formats), key=len), name_max(a.out)
    if len(os.fsencode(name + longest)) > limit:
        return f"--name is too long: {name[:40]}...{longest} would be over {limit} bytes"
    try:
        check_folder(a.out, "--out")
        if is_endpoint(a.store):
            check_url(a.store)
        elif a.store is not None:
            check_store(a.store, a.paths, "--store")
            if Path(a.store).resolve() in (out := Path(a.out).resolve(), *out.parents):
                return f"--out {a.out}: in the store {a.store}; write the exports elsewhere"
    except ValueError as exc:
        return str(exc)
    taken = [t for f in formats if os.path.isdir(t := Path(a.out) / f"{name}{exporters.get(f).suffix}")]
    return f"{taken[0]}: a folder, where an export would be written" if taken else None


def _export(kg, out: Path, name: str, formats: list[str]) -> list[str]:
    """Write the exports, unless those there are of the same store and untouched since (a build that
    changed nothing rewrites nothing); what was done, a line each."""
    from kg.corpus import stamp

    paths = [out / f"{name}{exporters.get(fmt).suffix}" for fmt in formats]
    mark = stamp.fingerprint(kg)
    if stamp.current(out, name, paths, mark, name):
        return [f"unchanged {p}" for p in paths]
    with kg.sharing_network():           # GraphML and HTML from one networkx view
        written = [kg.export(p, fmt, title=name) for p, fmt in zip(paths, formats)]
    stamp.record(out, name, paths, mark, name)
    return [f"wrote {w}" for w in written]


def run(a) -> int:
    from kg.api import build
    from kg.io.read import survey
    from kg.rdf.stores import is_endpoint

    missing = [p for p in a.paths if not os.path.exists(p)]
    if missing:
        return fail(f"no such file or folder: {', '.join(map(display, missing))}")
    formats = list(dict.fromkeys(f.strip() for f in a.formats.split(",") if f.strip()))
    if not formats:
        return fail(f"--formats names no format (choose from {', '.join(exporters.names())})")
    unknown = [f for f in formats if f not in exporters.names()]
    if unknown:
        return fail(f"unknown format {unknown[0]!r} in --formats (choose from {', '.join(exporters.names())})")
    problem = check_paths(a, formats)
    if problem:
        return fail(problem)
    files, passed_over = survey(a.paths)
    if not files:
        _report(passed_over)
        return fail(f"no {readers.listing()} files found under the given paths")
    if a.graph_store is not None and not is_endpoint(a.store):
        return fail("--graph-store is for a --store that is a SPARQL endpoint (an http(s) URL)")
    if a.scheduler is not None and a.engine != "dask":
        return fail("--scheduler is for --engine dask")
    if a.prune and a.store is None:
        return fail("--prune is for a build into a --store (without one, every build starts empty)")
    if a.resolve and is_endpoint(a.store):
        return fail("--resolve works on an embedded store (kg resolve writes its graphs there), not on an endpoint")
    kg, report = build(a.paths, store=a.store, progress=not a.quiet and sys.stderr.isatty() or a.progress,
                       max_bytes=a.max_bytes, workers=a.workers, batch_size=a.batch, engine=a.engine,
                       scheduler=a.scheduler, graph_store=a.graph_store, model=a.model, prune=a.prune)
    try:
        return _finish(a, kg, report, formats)
    finally:
        kg.close()                    # flushed, whatever happens: a store left unflushed is slow to open


def _finish(a, kg, report, formats: list[str]) -> int:
    _report(report.problems)
    if report.documents == 0:
        return fail("no document could be read", 1)
    if a.resolve:              # before the exports, which then hold the resolution graph too
        from kg.resolution import resolve
        res = resolve(kg)
    out = Path(a.out)
    written = _export(kg, out, a.name, formats)
    unchanged = f" ({report.unchanged} unchanged, not parsed again)" if report.unchanged else ""
    print(f"{report.documents} documents{unchanged}, {report.relations} relations, {report.claims} claims, "
          f"{report.events} events, {report.triples} triples in {report.seconds:.1f}s; "
          f"{sum(p.fatal for p in report.problems)} skipped"
          + (f"; {len(report.removed)} removed from the store (--prune)" if report.removed else ""))
    for source in report.removed:
        gone = "the line is no longer in the file" if "#" in source else "the file is gone"
        print(f"removed: {display(source)}: {gone} (--prune)")
    if a.resolve:
        print(f"resolved: {res.nodes} entity nodes -> {res.nodes_after} after {len(res.merges)} merges")
    for line in written:
        print(line)
    return 0
