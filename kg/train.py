"""Train the relation classifier on CoNLL04 (train split only; the dev split picks C and the threshold).

    kg train conll04 ../shared/data/conll04/conll04_train.json --dev ../shared/data/conll04/conll04_dev.json

needs scikit-learn (``pip install scikit-learn``); the result is ``kg/models/relations.json``.
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from .classify import MODEL_PATH, NONE, RelationClassifier, pair_features
from .evaluate import evaluate_conll04, load_records
from .parse import load_nlp


def examples(records: list[dict]) -> tuple[list[dict[str, float]], list[str]]:
    """Features and labels of every ordered pair of gold entities in every sentence."""
    nlp = load_nlp()
    texts = [" ".join(r["tokens"]) for r in records]
    X, y = [], []
    for rec, doc in zip(records, nlp.pipe(texts, batch_size=64)):
        starts, at = [], 0
        for t in rec["tokens"]:
            starts.append(at)
            at += len(t) + 1
        spans = []
        for e in rec["entities"]:
            s = starts[e["start"]]
            end = starts[e["end"] - 1] + len(rec["tokens"][e["end"] - 1])
            spans.append(doc.char_span(s, end, alignment_mode="expand"))
        gold = {(r["head"], r["tail"]): r["type"] for r in rec["relations"]}
        for i, hi in enumerate(spans):
            for j, tj in enumerate(spans):
                if i == j or hi is None or tj is None:
                    continue
                X.append(pair_features(doc, hi, tj, rec["entities"][i]["type"], rec["entities"][j]["type"]))
                y.append(gold.get((i, j), NONE))
    return X, y


def fit(X, y, c: float) -> RelationClassifier:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    matrix = vec.fit_transform(X)
    model = LogisticRegression(C=c, max_iter=2000, class_weight=None)
    model.fit(matrix, y)
    names = vec.get_feature_names_out()
    keep = [j for j in range(len(names)) if any(abs(model.coef_[k][j]) > 1e-3 for k in range(len(model.classes_)))]
    vocab = {str(names[j]): n for n, j in enumerate(keep)}
    weights = [[round(float(model.coef_[k][j]), 4) for j in keep] for k in range(len(model.classes_))]
    return RelationClassifier([str(c) for c in model.classes_], vocab, weights,
                              [round(float(b), 4) for b in model.intercept_])


def train_conll04(train: str | Path, dev: str | Path | None = None, out: str | Path = MODEL_PATH,
                  grid_c=(0.3, 1.0, 3.0), grid_threshold=(0.7, 0.8), log=print) -> dict:
    """Fit on ``train``; when ``dev`` is given, pick C and the threshold by dev relation F1.

    Thresholds start at 0.7: on real news a wrong relation costs more than a missing one (at 0.5 the
    classifier made "Masimov killed Nazarbayev" of "Masimov was a close ally of Nazarbayev")."""
    from .extract import Extractor

    started = time.perf_counter()
    X, y = examples(load_records(train))
    log(f"{len(X)} training pairs, {sum(1 for v in y if v != NONE)} related")
    best = None
    for c in grid_c if dev else grid_c[1:2]:
        clf = fit(X, y, c)
        for th in grid_threshold if dev else grid_threshold[:1]:
            candidate = replace(clf, threshold=th)
            if dev:
                extractor = Extractor(classifier=candidate)
                score, _, _ = evaluate_conll04(dev, extractor)
                log(f"C={c} threshold={th}: dev relations F1 {score.relations.f1:.3f}, "
                    f"entities F1 {score.entities.f1:.3f}")
                key = score.relations.f1
            else:
                key = 0.0
            if best is None or key > best[0]:
                best = (key, c, th, candidate)
    key, c, th, clf = best
    meta = {"train": Path(train).name, "dev": Path(dev).name if dev else None, "C": c, "threshold": th,
            "dev_relation_f1": round(key, 4), "pairs": len(X)}
    path = clf.save(out, meta)
    log(f"wrote {path} (C={c}, threshold={th}, dev relations F1 {key:.3f}) "
        f"in {time.perf_counter() - started:.0f}s")
    return meta
