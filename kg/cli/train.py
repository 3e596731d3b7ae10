"""`kg train`: the relation classifier, the Other model of `kg eval conll04`, or the entity recogniser."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.cli.common import RAW, fail

# corpus, the model it makes, its help and its description
CLASSIFIERS = (
    ("conll04", "relations.json",
     "train the relation classifier on a CoNLL04 split; --dev picks C and the threshold", None),
    ("other", "other.json",
     "learn which dates, numbers and groups CoNLL04 marks as Other (for kg eval conll04); --dev "
     "picks C and the threshold",
     "CoNLL04 annotates some literals as entities of type Other. The graph keeps none; kg eval "
     "conll04 picks them among the extractor's values with this model."),
)


def add(sub: argparse._SubParsersAction) -> None:
    tr = sub.add_parser("train", help="train the relation classifier, the Other model of kg eval conll04, "
                                      "or fine-tune the entity recogniser",
                        description="Train the relation classifier that works beside the rules or the "
                                    "model that picks CoNLL04's Other, or fine-tune the spaCy model's "
                                    "entity recogniser.")
    trs = tr.add_subparsers(dest="corpus", required=True, metavar="CORPUS")
    runs = {"conll04": run_conll04, "other": run_other}
    for corpus, model, help_text, description in CLASSIFIERS:
        t = trs.add_parser(corpus, help=help_text, description=description, formatter_class=RAW,
                           epilog=f"example (the command that made kg/models/{model}):\n"
                                  f"  kg train {corpus} conll04_train.json --dev conll04_dev.json")
        t.add_argument("train", metavar="TRAIN.json")
        t.add_argument("--dev", metavar="DEV.json")
        t.add_argument("--out", metavar="MODEL.json", help=f"default: the packaged kg/models/{model}")
        t.set_defaults(run=runs[corpus])
    _add_ner(trs)


def _add_ner(trs: argparse._SubParsersAction) -> None:
    tn = trs.add_parser("ner", help="fine-tune the model's ner on a CoNLL04 split, rehearsing BBC news; "
                                    "--dev picks the epoch",
                        formatter_class=RAW,
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
    tn.set_defaults(run=run_ner)


def _has_sklearn() -> bool:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        return False
    return True


def run_conll04(a) -> int:
    from kg.relations.classify import MODEL_PATH
    from kg.train.trainers import train_conll04

    if not _has_sklearn():
        return fail("training needs scikit-learn: pip install scikit-learn")
    train_conll04(a.train, a.dev, a.out or MODEL_PATH)
    return 0


def run_other(a) -> int:
    from kg.eval.other import MODEL_PATH
    from kg.train.trainers import train_other

    if not _has_sklearn():
        return fail("training needs scikit-learn: pip install scikit-learn")
    train_other(a.train, a.dev, a.out or MODEL_PATH)
    return 0


def run_ner(a) -> int:
    from kg.nlp.pipeline import NER_PATH
    from kg.train.trainers import samples_listed, train_ner

    for path in (a.train, a.dev):
        if not Path(path).is_file():
            return fail(f"no such file: {path}")
    if not Path(a.bbc).is_dir():
        return fail(f"no such directory: {a.bbc}")
    bench = Path(__file__).resolve().parents[2] / "bench"
    train_ner(a.train, a.dev, a.bbc, a.out or NER_PATH, epochs=a.epochs, ratio=a.ratio, seed=a.seed,
              exclude=samples_listed(bench), progress=sys.stderr.isatty() and not a.quiet)
    return 0
