"""Cross-validated CoNLL04 figures of the whole extractor on the train split, for the relation
classifiers side by side: rules alone, the logistic regression (fast), the transformer alone, and the
mean of both (accurate) at each threshold of a grid; picks the accurate model's threshold.

    .venv/bin/python bench/encoder_cv.py CV_DIR [--epoch E] [--write]

The pick (declared before the figures were seen): the threshold with the best cross-validated
relation F1 among those whose cross-validated precision is at least the fast model's, for on news a
wrong relation costs more than a missing one. ``--write`` stores it in the model's meta.json as
``combined_threshold`` (with the figures), which ``--model accurate`` reads.

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
from kg.relations.encoder import MODEL_DIR, Combined, EncoderModel  # noqa: E402
from kg.train import trainers  # noqa: E402

TRAIN = ROOT.parent / "shared" / "data" / "conll04" / "conll04_train.json"


def add(a: PRF, b: PRF) -> PRF:
    return PRF(a.tp + b.tp, a.predicted + b.predicted, a.gold + b.gold)


GRID = (0.4, 0.5, 0.6, 0.7, 0.8)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cv_dir", type=Path)
    ap.add_argument("--train", type=Path, default=TRAIN)
    ap.add_argument("--model", type=Path, default=MODEL_DIR, help="the trained model whose meta.json names the pick")
    ap.add_argument("--epoch", type=int)
    ap.add_argument("--write", action="store_true", help="store the picked threshold in the model's meta.json")
    ap.add_argument("--pair-threshold", type=float, help="the transformer's own threshold (default: meta.json's)")
    ap.add_argument("--folds", type=int, help="default: meta.json's")
    a = ap.parse_args()
    meta_path = a.model / "meta.json"
    meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
    epoch, folds = a.epoch or meta["epochs"], a.folds or meta["folds"]
    pair_threshold = a.pair_threshold or meta["threshold"]
    cached = a.cv_dir / f"system-epoch{epoch}.json"        # the figures of an earlier run of this script
    if cached.is_file():
        pick = json.loads(cached.read_text())
        print(f"figures of {cached}: {json.dumps(pick)}")
    else:
        pick = figures(a, epoch, folds, pair_threshold)
        cached.write_text(json.dumps(pick, indent=1) + "\n")
    if a.write:
        meta = json.loads(meta_path.read_text())
        if meta["epochs"] != epoch:
            print(f"{meta_path} is of epoch {meta['epochs']}, not {epoch}: not written")
            return 1
        meta.update(pick)
        meta_path.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote combined_threshold {pick['combined_threshold']} into {meta_path}")
    return 0


def figures(a, epoch: int, folds: int, pair_threshold: float) -> dict:
    """Run every side on every fold; print the figures; return the pick and the figures."""
    records = load_records(a.train)
    shipped = RelationClassifier.load()
    totals: dict[str, tuple[PRF, PRF]] = {}
    for f in range(folds):
        fit = [r for k, r in enumerate(records) if k % folds != f]
        held = [r for k, r in enumerate(records) if k % folds == f]
        X, y = trainers.examples(fit)
        lr = replace(trainers.fit(X, y, 3.0), threshold=shipped.threshold)
        enc = EncoderModel(a.cv_dir / f"fold{f}" / f"epoch{epoch}")
        enc.threshold = pair_threshold
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tmp:
            json.dump(held, tmp)
        sides = [("rules only", False), ("fast", lr), (f"transformer alone {pair_threshold}", enc)]
        sides += [(f"accurate {th}", Combined(enc, lr, th)) for th in GRID]
        for name, clf in sides:
            s, _, _ = evaluate_conll04(tmp.name, Extractor(classifier=clf))
            e0, r0 = totals.get(name, (PRF(0, 0, 0), PRF(0, 0, 0)))
            totals[name] = (add(e0, s.entities), add(r0, s.relations))
            print(f"fold {f + 1}/{folds} {name}: {s.relations.line('relations')}", flush=True)
    print(f"\n{folds}-fold cross-validation on {a.train.name} ({len(records)} sentences); transformer at epoch "
          f"{epoch}; logistic regression refitted per fold, C=3.0, threshold {shipped.threshold}")
    for name, (e, r) in totals.items():
        print(f"{name:28} {e.line('entities')}\n{'':28} {r.line('relations')}")
    floor = totals["fast"][1].precision
    fits = [(totals[f"accurate {th}"][1].f1, th) for th in GRID if totals[f"accurate {th}"][1].precision >= floor]
    f1, th = max(fits) if fits else (totals["accurate 0.8"][1].f1, 0.8)
    print(f"picked: accurate at {th} (CV relation F1 {f1:.3f}; precision at least the fast model's {floor:.3f})")
    return {"combined_threshold": th, "cv_system": {
        name: {"entities_f1": round(e.f1, 4), "relations": [round(r.precision, 4), round(r.recall, 4), round(r.f1, 4)]}
        for name, (e, r) in totals.items()}}


if __name__ == "__main__":
    sys.exit(main())
