"""`kg`: the command line, a thin layer over the library (kg.api, kg.rdf.store)."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

EXPORTS = ("trig", "ttl", "jsonld", "graphml", "html")

EPILOG_BUILD = """examples:
  kg build examples/ --out exports/                  graph of every article under examples/
  kg build news.jsonl --out out/ --name news         JSONL: one {"text", "title", "url", "date"} per line
  kg build bbc/ --out out/ --store store/            keep the graph in an on-disk store as well

writes OUT/NAME.trig (one named graph per document, plus the ontology), NAME.ttl (their union),
NAME.jsonld, NAME.graphml (for Gephi) and NAME.html (interactive, works offline).
A .txt article may carry metadata in NAME.meta.json beside it: {"title", "url", "date"}."""

EPILOG_QUERY = """examples:
  kg query exports/seed.trig 'SELECT ?who ?whom WHERE { ?who nkg:arrested ?whom }'
  kg query store/ --file queries/claims.rq --format csv
  kg query exports/seed.trig 'ASK { ?x nkg:allyOf ?y }'

TARGET is an RDF file (.trig .nq .ttl .jsonld) or a store folder made by `kg build --store`.
Prefixes nkg: rdf: rdfs: skos: schema: prov: xsd: owl: are predeclared. All named graphs are
queried together (the default graph is their union)."""


def _fail(msg: str, code: int = 2) -> int:
    print(f"kg: error: {msg}", file=sys.stderr)
    return code


def cmd_build(a) -> int:
    from kg.api import build
    from kg.io.read import discover

    missing = [p for p in a.paths if not Path(p).exists()]
    if missing:
        return _fail(f"no such file or folder: {', '.join(missing)}")
    if not discover(a.paths):
        return _fail("no .txt, .html or .jsonl files found under the given paths")
    formats = [f.strip() for f in a.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in EXPORTS]
    if unknown:
        return _fail(f"unknown format {unknown[0]!r} in --formats (choose from {', '.join(EXPORTS)})")
    kg, report = build(a.paths, store=a.store, progress=not a.quiet and sys.stderr.isatty() or a.progress)
    for p in report.problems:
        print(f"{'warning' if not p.fatal else 'skipped'}: {p.source}: {p.message}", file=sys.stderr)
    if report.documents == 0:
        return _fail("no document could be read", 1)
    out = Path(a.out)
    written = []
    for fmt in formats:
        path = out / f"{a.name}.{fmt}"
        if fmt == "html":
            kg.render(path, title=a.name)
        else:
            kg.export(path, fmt)
        written.append(str(path))
    print(f"{report.documents} documents, {report.relations} relations, {report.claims} claims, "
          f"{report.events} events, {report.triples} triples in {report.seconds:.1f}s; "
          f"{sum(p.fatal for p in report.problems)} skipped")
    for w in written:
        print(f"wrote {w}")
    kg.close()
    return 0


def _open(target: str):
    from kg.graph import KnowledgeGraph
    return KnowledgeGraph.load(target)


def _cell(v) -> str:
    return "" if v is None else str(v)


def cmd_query(a) -> int:
    if a.file:
        sparql = Path(a.file).read_text(encoding="utf-8")
    elif a.sparql:
        sparql = a.sparql
    else:
        return _fail("give a query, or --file q.rq")
    kg = _open(a.target)
    try:
        result = kg.query(sparql)
    except Exception as exc:  # the query engine's message is what the user needs
        return _fail(f"query failed: {exc}", 1)
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


def cmd_render(a) -> int:
    path = _open(a.target).render(a.out, title=a.title or Path(a.target).stem)
    print(f"wrote {path}")
    return 0


def cmd_export(a) -> int:
    path = _open(a.target).export(a.out, a.format)
    print(f"wrote {path}")
    return 0


def cmd_analyze(a) -> int:
    from kg.analysis.summary import summarise
    for line in summarise(_open(a.target).to_networkx(), top=a.top).lines():
        print(line)
    return 0


def cmd_validate(a) -> int:
    report = _open(a.target).validate()
    if report.conforms:
        print(f"{a.target}: conforms to the newskg shapes")
        return 0
    print(report.text)
    print(f"{a.target}: {report.violations} violation(s)", file=sys.stderr)
    return 1


def cmd_eval_conll04(a) -> int:
    from kg.eval.conll04 import evaluate_conll04
    from kg.extract import Extractor

    if not Path(a.file).is_file():
        return _fail(f"no such file: {a.file}")
    extractor = Extractor(classifier=not a.rules_only)
    score, seconds, n = evaluate_conll04(a.file, extractor, a.predictions,
                                         progress=sys.stderr.isatty() and not a.quiet, other=not a.no_other)
    print(score.report())
    print(f"{n} sentences in {seconds:.1f}s ({n / max(seconds, 1e-9):.1f} sentences/s)")
    if a.predictions:
        print(f"wrote {a.predictions}")
    return 0


def cmd_eval_gold(a) -> int:
    import time

    from kg.api import build
    from kg.eval.gold import check, load_gold

    gold = load_gold(a.gold)
    started = time.perf_counter()
    kg, report = build(a.paths, progress=sys.stderr.isatty() and not a.quiet)
    seconds = time.perf_counter() - started
    result = check(gold, kg.dataset)
    for line in result.lines(verbose=a.verbose):
        print(line)
    print(result.summary())
    print(f"{report.documents} articles in {seconds:.1f}s ({report.documents / max(seconds, 1e-9):.2f} articles/s)")
    return 0 if result.passes(a.min) else 1


def _has_sklearn() -> bool:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return False
    return True


def cmd_train_conll04(a) -> int:
    from kg.relations.classify import MODEL_PATH
    from kg.train.trainers import train_conll04

    if not _has_sklearn():
        return _fail("training needs scikit-learn: pip install scikit-learn")
    train_conll04(a.train, a.dev, a.out or MODEL_PATH)
    return 0


def cmd_train_other(a) -> int:
    from kg.eval.other import MODEL_PATH
    from kg.train.trainers import train_other

    if not _has_sklearn():
        return _fail("training needs scikit-learn: pip install scikit-learn")
    train_other(a.train, a.dev, a.out or MODEL_PATH)
    return 0


def cmd_train_ner(a) -> int:
    from kg.nlp.pipeline import NER_PATH
    from kg.train.trainers import samples_listed, train_ner

    for path in (a.train, a.dev):
        if not Path(path).is_file():
            return _fail(f"no such file: {path}")
    if not Path(a.bbc).is_dir():
        return _fail(f"no such directory: {a.bbc}")
    bench = Path(__file__).resolve().parents[2] / "bench"
    train_ner(a.train, a.dev, a.bbc, a.out or NER_PATH, epochs=a.epochs, ratio=a.ratio, seed=a.seed,
              exclude=samples_listed(bench), progress=sys.stderr.isatty() and not a.quiet)
    return 0


def parser() -> argparse.ArgumentParser:
    from kg import __version__
    p = argparse.ArgumentParser(
        prog="kg", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build a knowledge graph of who did what to whom, and who said so, from news articles; "
                    "export it as RDF, explore it as HTML, query it with SPARQL.",
        epilog="start with:  kg build examples/ --out exports/   then   kg query exports/seed.trig '...'\n"
               "every command has --help with examples.")
    p.add_argument("--version", action="version", version=f"newskg {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    raw = argparse.RawDescriptionHelpFormatter

    b = sub.add_parser("build", help="extract articles into a graph and write the exports",
                       description="Extract entities, relations, claims and events from articles.",
                       epilog=EPILOG_BUILD, formatter_class=raw)
    b.add_argument("paths", nargs="+", metavar="PATH", help="files or folders of .txt, .html, .jsonl")
    b.add_argument("--out", required=True, metavar="DIR", help="folder for the exports")
    b.add_argument("--store", metavar="DIR", help="also keep the graph in an Oxigraph store on disk")
    b.add_argument("--name", default="graph", help="base name of the exported files (default: graph)")
    b.add_argument("--formats", default=",".join(EXPORTS),
                   help=f"comma-separated exports to write (default: {','.join(EXPORTS)})")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--progress", action="store_true", help="progress bar even when not on a terminal")
    b.set_defaults(run=cmd_build)

    q = sub.add_parser("query", help="run a SPARQL query on a store or an RDF file",
                       description="Run SPARQL 1.1 SELECT, ASK, CONSTRUCT or DESCRIBE.",
                       epilog=EPILOG_QUERY, formatter_class=raw)
    q.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("--file", metavar="Q.rq", help="read the query from a file")
    q.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="how to print SELECT results (default: table)")
    q.add_argument("--full", action="store_true", help="table: full IRIs and uncut cells")
    q.set_defaults(run=cmd_query)

    r = sub.add_parser("render", help="write the interactive HTML graph",
                       description="Render a graph as a self-contained HTML page (pyvis / vis-network, "
                                   "no network access needed).",
                       epilog="example:  kg render exports/seed.trig --out seed.html", formatter_class=raw)
    r.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    r.add_argument("--out", required=True, metavar="FILE.html")
    r.add_argument("--title", help="page title (default: the target's name)")
    r.set_defaults(run=cmd_render)

    e = sub.add_parser("export", help="convert a graph to another RDF format or GraphML",
                       description="Export a graph: trig and nq keep one named graph per document; ttl is "
                                   "their union; jsonld keeps the graphs; graphml is for Gephi.",
                       epilog="example:  kg export store/ --format nq --out all.nq", formatter_class=raw)
    e.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    e.add_argument("--format", choices=("trig", "nq", "ttl", "jsonld", "graphml"),
                   help="output format (default: from the --out suffix)")
    e.add_argument("--out", required=True, metavar="FILE")
    e.set_defaults(run=cmd_export)

    an = sub.add_parser("analyze", help="who is central: counts, connected groups, top entities (networkx)",
                        description="Analyse the graph with networkx: nodes by kind, facts and claims, groups "
                                    "of entities linked by facts, and the most connected entities.",
                        epilog="example:  kg analyze exports/seed.trig --top 5", formatter_class=raw)
    an.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    an.add_argument("--top", type=int, default=10, help="how many entities to rank (default: 10)")
    an.set_defaults(run=cmd_analyze)

    v = sub.add_parser("validate", help="check a graph against the SHACL shapes",
                       description="Validate a graph against ontology/shapes.ttl; exit 1 when it does not "
                                   "conform, printing each violation.",
                       epilog="example:  kg validate exports/seed.trig", formatter_class=raw)
    v.add_argument("target", metavar="TARGET", help="RDF file or store folder")
    v.set_defaults(run=cmd_validate)

    ev = sub.add_parser("eval", help="measure extraction quality (CoNLL04, or your own gold file)",
                        description="Measure the extractor: strict P/R/F1 on CoNLL04, or items of a gold file "
                                    "found in the graph built from your articles.")
    evs = ev.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    c4 = evs.add_parser("conll04", help="strict micro P/R/F1 on a CoNLL04 split (SpERT JSON format)",
                        formatter_class=raw,
                        description="Run the extractor on every sentence and score entities and relations "
                                    "strictly (exact spans, types and direction), overall and per relation type.",
                        epilog="example:  kg eval conll04 conll04_dev.json --predictions dev.pred.json\n"
                               "the predictions file has the input's format, for any other scorer.\n"
                               "The graph is written in CoNLL04's conventions, which are data in\n"
                               "kg/lexicon/conll04.toml: classes and properties map to CoNLL04 types; a title\n"
                               "is inside a name only where CoNLL04 puts it; 'born in North Bend , Ohio' is one\n"
                               "place; a relation read through a pronoun counts on the name it stands for.")
    c4.add_argument("file", metavar="FILE.json")
    c4.add_argument("--predictions", metavar="OUT.json", help="write the predictions here")
    c4.add_argument("--rules-only", action="store_true", help="without the trained relation classifier")
    c4.add_argument("--no-other", action="store_true",
                    help="predict no Other: only the graph's entities, without the model that picks the "
                         "dates, numbers and groups CoNLL04 marks as Other (kg train other)")
    c4.add_argument("--quiet", action="store_true", help="no progress bar")
    c4.set_defaults(run=cmd_eval_conll04)
    gd = evs.add_parser("gold", help="build articles and check a gold file of facts, claims, quantities, merges",
                        formatter_class=raw,
                        description="Build the graph of PATH... and report which gold items it holds "
                                    "(format: see ../shared/gold/README.md or docs/gold-format.md).",
                        epilog="example:  kg eval gold my-gold.json articles/ --verbose")
    gd.add_argument("gold", metavar="GOLD.json")
    gd.add_argument("paths", nargs="+", metavar="PATH")
    gd.add_argument("--verbose", action="store_true", help="also list the items found")
    gd.add_argument("--min", type=float, default=0.0, help="exit 1 when the share found is below this")
    gd.add_argument("--quiet", action="store_true", help="no progress bar")
    gd.set_defaults(run=cmd_eval_gold)

    tr = sub.add_parser("train", help="train the relation classifier, the Other model of kg eval conll04, "
                                      "or fine-tune the entity recogniser",
                        description="Train the relation classifier that works beside the rules or the "
                                    "model that picks CoNLL04's Other, or fine-tune the spaCy model's "
                                    "entity recogniser.")
    trs = tr.add_subparsers(dest="corpus", required=True, metavar="CORPUS")
    for corpus, model, run, help_text, description in (
            ("conll04", "relations.json", cmd_train_conll04,
             "train the relation classifier on a CoNLL04 split; --dev picks C and the threshold", None),
            ("other", "other.json", cmd_train_other,
             "learn which dates, numbers and groups CoNLL04 marks as Other (for kg eval conll04); --dev "
             "picks C and the threshold",
             "CoNLL04 annotates some literals as entities of type Other. The graph keeps none; kg eval "
             "conll04 picks them among the extractor's values with this model.")):
        t = trs.add_parser(corpus, help=help_text, description=description, formatter_class=raw,
                           epilog=f"example (the command that made kg/models/{model}):\n"
                                  f"  kg train {corpus} conll04_train.json --dev conll04_dev.json")
        t.add_argument("train", metavar="TRAIN.json")
        t.add_argument("--dev", metavar="DEV.json")
        t.add_argument("--out", metavar="MODEL.json", help=f"default: the packaged kg/models/{model}")
        t.set_defaults(run=run)
    tn = trs.add_parser("ner", help="fine-tune the model's ner on a CoNLL04 split, rehearsing BBC news; "
                                    "--dev picks the epoch",
                        formatter_class=raw,
                        epilog="example (the command that made kg/models/ner/):\n"
                               "  kg train ner conll04_train.json --dev conll04_dev.json --bbc news/bbc/")
    tn.add_argument("train", metavar="TRAIN.json")
    tn.add_argument("--dev", metavar="DEV.json", required=True, help="picks the epoch by entity F1")
    tn.add_argument("--bbc", metavar="DIR", required=True,
                    help="BBC articles (<category>/*.txt) whose sentences the model rehearses")
    tn.add_argument("--out", metavar="DIR", help="default: the packaged kg/models/ner/")
    tn.add_argument("--epochs", type=int, default=20)
    tn.add_argument("--ratio", type=float, default=2.0, help="rehearsal sentences per CoNLL04 sentence")
    tn.add_argument("--seed", type=int, default=0)
    tn.add_argument("--quiet", action="store_true", help="no progress bar")
    tn.set_defaults(run=cmd_train_ner)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except FileNotFoundError as exc:
        return _fail(str(exc), 2)
    except ValueError as exc:
        return _fail(str(exc), 1)
    except BrokenPipeError:           # `kg query ... | head`
        return 0
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


if __name__ == "__main__":
    sys.exit(main())
