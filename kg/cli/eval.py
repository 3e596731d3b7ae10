"""`kg eval`: measure extraction quality, strictly on CoNLL04, on your own gold file, or as CaRB scores
open information extraction."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import RAW, fail
from kg.model import RELATION_MODELS

CONLL04_EPILOG = """example:  kg eval conll04 conll04_dev.json --predictions dev.pred.json
the predictions file has the input's format, for any other scorer.
The graph is written in CoNLL04's conventions, which are data in
kg/lexicon/conll04.toml: classes and properties map to CoNLL04 types; a title
is inside a name only where CoNLL04 puts it; 'born in North Bend , Ohio' is one
place; a relation read through a pronoun counts on the name it stands for."""

CARB_EPILOG = """examples:
  kg eval carb carb/dev.txt --out dev.tsv       extract, write dev.tsv, score it against carb/gold/dev.tsv
  kg eval carb mine.txt --out mine.tsv          sentences without a gold file: extract and write only
  kg eval carb carb/dev.txt --tabbed other.tsv  score another system's tabbed output
  kg eval carb carb/dev.txt --openie5 openie5_output.txt --out o5.tsv
                                                score OpenIE 5's output (and write it in the tabbed format)

SENTENCES.txt holds one sentence a line. The tabbed format is one extraction a line,
tab-separated: sentence, confidence, relation, arg1, arg2, ...
The gold file is --gold, or else gold/STEM.tsv in SENTENCES.txt's folder when it
exists (carb/dev.txt -> carb/gold/dev.tsv): CaRB's format, sentence, relation, arg1, ...
The figures are those CaRB's own scorer prints (its default matcher), to the last bit:
precision and recall are counted in words, part by part (relation, arg1, the other
arguments joined), with case, punctuation and stop words counted as written; at each
confidence threshold a system's extractions are paired one to one with the gold ones;
AUC is the area under that precision-recall curve, and the optimal point the threshold
of best F1. --curve writes the curve as CaRB's --out does."""


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
    c4.add_argument("--model", choices=RELATION_MODELS, default="fast",
                    help="the relation classifier: fast (logistic regression, default) or accurate (with "
                         "the transformer of kg train encoder)")
    c4.add_argument("--encoder", metavar="DIR", help="an encoder model folder other than the packaged one "
                                                     "(implies --model accurate)")
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
    _add_carb(evs)


def _add_carb(evs: argparse._SubParsersAction) -> None:
    cb = evs.add_parser("carb", help="open-IE tuples of sentences, scored as CaRB scores them (AUC, optimal F1)",
                        formatter_class=RAW,
                        description="Run the open-IE extractor on each sentence (or read a system's output), "
                                    "write the tuples in CaRB's tabbed format, and score them against a CaRB "
                                    "gold file: AUC and Optimal (precision, recall, F1).",
                        epilog=CARB_EPILOG)
    cb.add_argument("sentences", metavar="SENTENCES.txt", help="one sentence a line")
    cb.add_argument("--out", metavar="OUT.tsv", help="write the extractions here, in the tabbed format")
    cb.add_argument("--gold", metavar="GOLD.tsv",
                    help="CaRB gold file (default: gold/STEM.tsv in SENTENCES.txt's folder)")
    system = cb.add_mutually_exclusive_group()
    system.add_argument("--tabbed", metavar="FILE", help="score this tabbed system output instead of extracting")
    system.add_argument("--openie5", metavar="FILE", help="score this OpenIE 5 output instead of extracting")
    cb.add_argument("--curve", metavar="PR.tsv", help="write precision, recall and confidence at each threshold")
    cb.add_argument("--quiet", action="store_true", help="no progress bar")
    cb.set_defaults(run=run_carb)


def run_conll04(a) -> int:
    from kg.eval.conll04 import evaluate_conll04
    from kg.extract import Extractor, accurate_model

    if not Path(a.file).is_file():
        return fail(f"no such file: {a.file}")
    classifier = not a.rules_only
    try:
        if a.encoder and not a.rules_only:
            if not (Path(a.encoder) / "encoder.onnx").is_file():
                return fail(f"--encoder {a.encoder}: no encoder.onnx there")
            classifier = accurate_model(Path(a.encoder))
        extractor = Extractor(classifier=classifier, model=a.model)
    except ValueError as exc:
        return fail(str(exc))
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


def _default_gold(sentences: str) -> Path:
    """gold/STEM.tsv in the sentences' folder: carb/dev.txt -> carb/gold/dev.tsv."""
    return Path(sentences).parent / "gold" / f"{Path(sentences).stem}.tsv"


def _open_tuples(sentences: list[str], progress: bool):
    """The extractor's tuples of each sentence, as CaRB extractions, in order."""
    from kg.eval.carb.formats import Extraction
    from kg.events.openie import open_tuples

    found = open_tuples(sentences)
    if progress:
        from tqdm import tqdm
        found = tqdm(found, total=len(sentences), unit="sent", desc="extracting")
    for sentence, tuples in zip(sentences, found):
        yield from (Extraction(sentence, t.relation, tuple(t.args), t.confidence) for t in tuples)


def _carb_system(a, out: Path | None) -> list:
    """The extractions to score: a system's file, or the extractor's on the sentences; written to ``out``."""
    import time

    from kg.eval.carb.formats import read_openie5, read_tabbed, write_tabbed

    if a.tabbed or a.openie5:
        rows = [x for found in (read_tabbed(a.tabbed) if a.tabbed else read_openie5(a.openie5)).values()
                for x in found]
    else:
        with open(a.sentences, encoding="utf-8") as handle:
            sentences = [line.strip() for line in handle if line.strip()]
        started = time.perf_counter()
        rows = list(_open_tuples(sentences, sys.stderr.isatty() and not a.quiet))
        seconds = time.perf_counter() - started
        print(f"{len(rows)} extractions from {len(sentences)} sentences in {seconds:.1f}s "
              f"({len(sentences) / max(seconds, 1e-9):.1f} sentences/s)")
    if out is not None:
        with open(out, "w", encoding="utf-8") as handle:
            write_tabbed(rows, handle)
        print(f"wrote {out}")
    return rows


def run_carb(a) -> int:
    from kg.eval.carb.formats import CarbFormatError, group, read_gold
    from kg.eval.carb.score import score

    for name in ("sentences", "gold", "tabbed", "openie5"):
        if getattr(a, name) and not Path(getattr(a, name)).is_file():
            return fail(f"no such file: {getattr(a, name)}")
    gold_path = Path(a.gold) if a.gold else _default_gold(a.sentences) if _default_gold(a.sentences).is_file() \
        else None
    if gold_path is None and (a.tabbed or a.openie5 or not a.out):
        return fail(f"no gold file to score against ({_default_gold(a.sentences)} does not exist): give --gold"
                    + ("" if a.tabbed or a.openie5 else ", or --out to write the extractions only"))
    try:
        gold = read_gold(gold_path) if gold_path else None
        rows = _carb_system(a, Path(a.out) if a.out else None)
    except UnicodeDecodeError as exc:
        return fail(f"{a.sentences}: not UTF-8 text ({exc.reason})")
    except (CarbFormatError, OSError) as exc:
        return fail(str(exc))
    if gold is None:
        return 0
    result = score(gold, group(rows))
    print(f"scored against {gold_path}")
    print(result.report())
    if a.curve:
        try:
            Path(a.curve).write_text(result.curve_text(), encoding="utf-8")
        except OSError as exc:
            return fail(str(exc))
        print(f"wrote {a.curve}")
    return 0
