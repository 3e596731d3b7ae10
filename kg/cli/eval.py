"""`kg eval`: measure extraction quality, strictly on CoNLL04 or on your own gold file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import RAW, fail

CONLL04_EPILOG = """example:  kg eval conll04 conll04_dev.json --predictions dev.pred.json
the predictions file has the input's format, for any other scorer.
The graph is written in CoNLL04's conventions, which are data in
kg/lexicon/conll04.toml: classes and properties map to CoNLL04 types; a title
is inside a name only where CoNLL04 puts it; 'born in North Bend , Ohio' is one
place; a relation read through a pronoun counts on the name it stands for."""


def add(sub: argparse._SubParsersAction) -> None:
    ev = sub.add_parser("eval", help="measure extraction quality (CoNLL04, or your own gold file)",
                        description="Measure the extractor: strict P/R/F1 on CoNLL04, or items of a gold file "
                                    "found in the graph built from your articles.")
    evs = ev.add_subparsers(dest="benchmark", required=True, metavar="BENCHMARK")
    c4 = evs.add_parser("conll04", help="strict micro P/R/F1 on a CoNLL04 split (SpERT JSON format)",
                        formatter_class=RAW,
                        description="Run the extractor on every sentence and score entities and relations "
                                    "strictly (exact spans, types and direction), overall and per relation type.",
                        epilog=CONLL04_EPILOG)
    c4.add_argument("file", metavar="FILE.json")
    c4.add_argument("--predictions", metavar="OUT.json", help="write the predictions here")
    c4.add_argument("--rules-only", action="store_true", help="without the trained relation classifier")
    c4.add_argument("--no-other", action="store_true",
                    help="predict no Other: only the graph's entities, without the model that picks the "
                         "dates, numbers and groups CoNLL04 marks as Other (kg train other)")
    c4.add_argument("--quiet", action="store_true", help="no progress bar")
    c4.set_defaults(run=run_conll04)
    gd = evs.add_parser("gold", help="build articles and check a gold file of facts, claims, quantities, merges",
                        formatter_class=RAW,
                        description="Build the graph of PATH... and report which gold items it holds "
                                    "(format: see ../shared/gold/README.md or docs/gold-format.md).",
                        epilog="example:  kg eval gold my-gold.json articles/ --verbose")
    gd.add_argument("gold", metavar="GOLD.json")
    gd.add_argument("paths", nargs="+", metavar="PATH")
    gd.add_argument("--verbose", action="store_true", help="also list the items found")
    gd.add_argument("--min", type=float, default=0.0, help="exit 1 when the share found is below this")
    gd.add_argument("--quiet", action="store_true", help="no progress bar")
    gd.set_defaults(run=run_gold)


def run_conll04(a) -> int:
    from kg.eval.conll04 import evaluate_conll04
    from kg.extract import Extractor

    if not Path(a.file).is_file():
        return fail(f"no such file: {a.file}")
    extractor = Extractor(classifier=not a.rules_only)
    score, seconds, n = evaluate_conll04(a.file, extractor, a.predictions,
                                         progress=sys.stderr.isatty() and not a.quiet, other=not a.no_other)
    print(score.report())
    print(f"{n} sentences in {seconds:.1f}s ({n / max(seconds, 1e-9):.1f} sentences/s)")
    if a.predictions:
        print(f"wrote {a.predictions}")
    return 0


def run_gold(a) -> int:
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
