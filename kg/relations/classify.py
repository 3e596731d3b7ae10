"""A trained relation classifier beside the rules: features of an entity pair in a parsed sentence
(types, dependency path, words between) scored by a multinomial logistic regression.

The model is a small JSON file of weights (``kg/models/relations.json``) shipped in the package, made
by ``kg train conll04 TRAIN.json --dev DEV.json``; predicting needs only numpy.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from kg.lexicon import load

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "relations.json"
NONE = "NONE"


@cache
def mapping() -> dict:
    """How ontology classes and properties map to the CoNLL04 labels the model predicts
    (kg/lexicon/conll04.toml), with the trigger words some labels need."""
    return load("conll04")


@cache
def label_of_types() -> dict[tuple[str, str], str]:
    """The one CoNLL04 label each ordered pair of entity types can have ("Peop", "Org") -> "Work_For";
    pairs not listed (an organisation and a person, two organisations...) have none."""
    out: dict[tuple[str, str], str] = {}
    for row in mapping()["relations"]:
        out.setdefault((row["head"], row["tail"]), row["label"])
    return out


def _path(a: Token, b: Token) -> tuple[list[Token], list[Token]]:
    """Tokens from a up to the lowest common ancestor, and from b up to it."""
    up_a = [a] + list(a.ancestors)
    ids_a = {t.i for t in up_a}
    up_b = [b]
    for t in b.ancestors:
        up_b.append(t)
        if t.i in ids_a:
            break
    lca = up_b[-1]
    if lca.i not in ids_a:            # different sentences or roots: no path
        return up_a, up_b
    return up_a[: [t.i for t in up_a].index(lca.i) + 1], up_b


def pair_features(doc: Doc, head: Span, tail: Span, head_type: str, tail_type: str) -> dict[str, float]:
    """Features of an ordered entity pair (head -> tail) in one sentence."""
    f: dict[str, float] = {"bias": 1.0, f"types={head_type}>{tail_type}": 1.0}
    left, right = (head, tail) if head.start < tail.start else (tail, head)
    f["order=" + ("ht" if head.start < tail.start else "th")] = 1.0
    between = doc[left.end:right.start]
    n = len(between)
    f[f"dist={min(n, 10) if n < 10 else '10+'}"] = 1.0
    for t in between:
        if not t.is_punct:
            f[f"between={t.lemma_.lower()}"] = 1.0
        else:
            f[f"between_punct={t.text}"] = 1.0
    if n <= 4:
        f["between_seq=" + " ".join(t.lower_ for t in between)] = 1.0
    for side, span in (("h", head), ("t", tail)):
        if span.start > 0:
            f[f"{side}_before={doc[span.start - 1].lemma_.lower()}"] = 1.0
        if span.end < len(doc):
            f[f"{side}_after={doc[span.end].lemma_.lower()}"] = 1.0
        f[f"{side}_root_dep={span.root.dep_}"] = 1.0
    up_h, up_t = _path(head.root, tail.root)
    steps = [f"{t.dep_}^" for t in up_h[:-1]] + [up_h[-1].lemma_.lower() if up_h else "?"] + \
            [f"v{t.dep_}" for t in reversed(up_t[:-1])]
    f["path=" + " ".join(steps)] = 1.0
    f[f"path_len={min(len(steps), 8)}"] = 1.0
    for t in up_h[1:] + up_t[1:]:
        if t.pos_ in ("VERB", "NOUN", "ADP", "AUX"):
            f[f"path_word={t.lemma_.lower()}"] = 1.0
    lca = up_h[-1] if up_h else None
    if lca is not None:
        f[f"lca={lca.lemma_.lower()}"] = 1.0
        f[f"lca_pos={lca.pos_}"] = 1.0
    return f


@dataclass
class RelationClassifier:
    labels: list[str]
    vocab: dict[str, int]
    weights: list[list[float]]        # one row per label
    bias: list[float]
    threshold: float = 0.5

    @classmethod
    @cache
    def load(cls, path: str | Path = MODEL_PATH) -> "RelationClassifier | None":
        p = Path(path)
        if not p.exists():
            return None
        data = json.loads(p.read_text(encoding="utf-8"))
        return cls(data["labels"], data["vocab"], data["weights"], data["bias"], data.get("threshold", 0.5))

    def save(self, path: str | Path = MODEL_PATH, meta: dict | None = None) -> Path:
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        data = {"labels": self.labels, "threshold": self.threshold, "bias": self.bias,
                "vocab": self.vocab, "weights": self.weights, "meta": meta or {}}
        p.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True), encoding="utf-8")
        return p

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = list(self.bias)
        for name, value in features.items():
            j = self.vocab.get(name)
            if j is not None:
                for k in range(len(scores)):
                    scores[k] += self.weights[k][j] * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {label: e / total for label, e in zip(self.labels, exp)}

    def predict(self, features: dict[str, float]) -> tuple[str, float]:
        probs = self.probabilities(features)
        label = max(probs, key=probs.get)
        return label, probs[label]
