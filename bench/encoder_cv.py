"""Cross-validated CoNLL04 figures of the whole extractor on the train split, for the relation
classifiers side by side: rules alone, the logistic regression (fast) and the transformer (accurate).

    .venv/bin/python bench/encoder_cv.py CV_DIR [--epoch E] [--threshold T]

CV_DIR is the folder ``kg train encoder TRAIN --cv-dir CV_DIR`` kept each fold's model in; the epoch
and threshold default to what that run picked (the model's meta.json). Fold k holds the sentences
whose index is k modulo the number of folds, as in training. For each fold, the logistic regression
is refitted on the other folds with the shipped C and threshold, and the transformer is that fold's
model: every classifier is scored on sentences it was not fitted on. The entity recogniser
(kg/models/ner) was fine-tuned on the whole train split, so entity figures here are in-sample and
relation figures higher than on unseen text, alike for the three classifiers.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.eval.conll04 import PRF, evaluate_conll04, load_records  # noqa: E402
from kg.extract import Extractor  # noqa: E402
from kg.relations.classify import RelationClassifier  # noqa: E402
from kg.relations.encoder import MODEL_DIR, EncoderModel  # noqa: E402
from kg.train import trainers  # noqa: E402

TRAIN = ROOT.parent / "shared" / "data" / "conll04" / "conll04_train.json"


def add(a: PRF, b: PRF) -> PRF:
    return PRF(a.tp + b.tp, a.predicted + b.predicted, a.gold + b.gold)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cv_dir", type=Path)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--model", type=Path, default=MODEL_DIR, help="the trained model whose meta.json names the pick")
    ap.add_argument("--epoch", type=int)
    ap.add_argument("--threshold", type=float)
    a = ap.parse_args()
    meta = json.loads((a.model / "meta.json").read_text())
    epoch, threshold, folds = a.epoch or meta["epochs"], a.threshold or meta["threshold"], meta["folds"]
    records = load_records(a.train)
    shipped = RelationClassifier.load()
    totals: dict[str, tuple[PRF, PRF]] = {}
    for f in range(folds):
        fit = [r for k, r in enumerate(records) if k % folds != f]
        held = [r for k, r in enumerate(records) if k % folds == f]
        X, y = trainers.examples(fit)
        lr = replace(trainers.fit(X, y, 3.0), threshold=shipped.threshold)
        enc = EncoderModel(a.cv_dir / f"fold{f}" / f"epoch{epoch}")
        enc.threshold = threshold
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tmp:
            json.dump(held, tmp)
        for name, clf in (("rules only", False), ("fast (logistic regression)", lr), ("accurate (transformer)", enc)):
            s, _, _ = evaluate_conll04(tmp.name, Extractor(classifier=clf))
            e0, r0 = totals.get(name, (PRF(0, 0, 0), PRF(0, 0, 0)))
            totals[name] = (add(e0, s.entities), add(r0, s.relations))
            print(f"fold {f + 1}/{folds} {name}: {s.relations.line('relations')}", flush=True)
    print(f"\n{folds}-fold cross-validation on {a.train.name} ({len(records)} sentences); transformer at epoch "
          f"{epoch}, threshold {threshold}; logistic regression C=3.0, threshold {shipped.threshold}")
    for name, (e, r) in totals.items():
        print(f"{name:28} {e.line('entities')}\n{'':28} {r.line('relations')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
