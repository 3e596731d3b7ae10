"""A relation classifier on a small transformer: all-MiniLM-L6-v2 fine-tuned on CoNLL04 (``kg train
encoder``), exported to ONNX, quantised to int8 and run here with ONNX Runtime alone (no torch).

A sentence is read once with each of its names marked by its type (``@ * person * Bill Gates @``);
an ordered pair of names is scored by a small head over the states of both names' opening markers,
the largest value of each dimension over the words between them, and the one label the pair's types
allow (CoNLL04's five: Work_For, Live_In, Kill, OrgBased_In, Located_In). The model folder
(``kg/models/encoder/``) holds ``encoder.onnx``, ``head.npz``, the tokenizer and ``meta.json``
(threshold, checksum, the command that made it).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "encoder"
TYPE_WORDS = {"Peop": "person", "Org": "organization", "Loc": "location"}
LABELS = ("Work_For", "Live_In", "Kill", "OrgBased_In", "Located_In")
MAX_PIECES = 256


@dataclass(frozen=True)
class Name:
    """A name of a sentence: word offsets (end exclusive) and its CoNLL04 type (Peop, Org, Loc)."""
    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Marked:
    """A sentence's word pieces with its names marked; per name, the piece of its opening and of its
    closing marker (None for a name the marking left out: overlapping another, or cut off at
    ``MAX_PIECES``)."""
    ids: tuple[int, ...]
    opens: tuple[int | None, ...]
    closes: tuple[int | None, ...]


def marked_words(words: Sequence[str], names: Sequence[Name]) -> tuple[list[str], list[int | None], list[int | None]]:
    """The words with ``@ * type * ... @`` around each name, and per name the word index of its
    opening and closing ``@`` (None for a name overlapping an earlier one)."""
    order = sorted(range(len(names)), key=lambda k: (names[k].start, names[k].end))
    opens: list[int | None] = [None] * len(names)
    closes: list[int | None] = [None] * len(names)
    out: list[str] = []
    pos = 0
    for k in order:
        n = names[k]
        if n.start < pos or n.end <= n.start or n.end > len(words):
            continue
        out += words[pos:n.start]
        opens[k] = len(out)
        out += ["@", "*", TYPE_WORDS.get(n.type, "other"), "*", *words[n.start:n.end]]
        closes[k] = len(out)
        out.append("@")
        pos = n.end
    out += words[pos:]
    return out, opens, closes


def mark(tokenizer, words: Sequence[str], names: Sequence[Name], max_pieces: int = MAX_PIECES) -> Marked:
    """Word pieces of a sentence with its names marked (``tokenizer`` is a ``tokenizers.Tokenizer``)."""
    out, opens, closes = marked_words(words, names)
    enc = tokenizer.encode(out, is_pretokenized=True)
    first: dict[int, int] = {}
    for piece, w in enumerate(enc.word_ids[:max_pieces]):
        if w is not None and w not in first:
            first[w] = piece
    ids = tuple(enc.ids[:max_pieces])
    if len(enc.ids) > max_pieces:               # keep the closing [SEP]
        ids = ids[:-1] + (enc.ids[-1],)
        first = {w: p for w, p in first.items() if p < max_pieces - 1}
    return Marked(ids, tuple(first.get(o) if o is not None else None for o in opens),
                  tuple(first.get(c) if c is not None else None for c in closes))


def pair_inputs(m: Marked, head: int, tail: int) -> tuple[int, int, int, int] | None:
    """The pieces a pair is read from: the head's and the tail's opening markers and the span of
    pieces between the two names (start, end exclusive); None if either name is not marked."""
    oh, ot = m.opens[head], m.opens[tail]
    ch, ct = m.closes[head], m.closes[tail]
    if None in (oh, ot, ch, ct):
        return None
    lo, hi = (ch + 1, ot) if oh < ot else (ct + 1, oh)
    return oh, ot, lo, max(lo, hi)


def tokenizer_at(folder: Path):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


class EncoderModel:
    """The shipped model: ``probabilities(words, names, pairs)`` for the ordered pairs of one sentence."""

    def __init__(self, folder: Path, threads: int = 1) -> None:
        import onnxruntime as ort

        self.folder = folder
        self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        self.threshold = float(self.meta["threshold"])
        self.tokenizer = tokenizer_at(folder)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(folder / "encoder.onnx"), opts,
                                            providers=["CPUExecutionProvider"])
        with np.load(folder / "head.npz") as h:
            self.w1, self.b1, self.w2, self.b2 = (h[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2"))

    @classmethod
    @cache
    def load(cls, folder: str | Path = MODEL_DIR) -> "EncoderModel | None":
        f = Path(folder)
        return cls(f) if (f / "encoder.onnx").is_file() else None

    def states(self, m: Marked) -> np.ndarray:
        ids = np.asarray([m.ids], dtype=np.int64)
        return self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]

    def probabilities(self, words: Sequence[str], names: Sequence[Name],
                      pairs: Sequence[tuple[int, int, str]]) -> list[float]:
        """P(related) of each (head name, tail name, label) of one sentence; 0.0 where a name is not
        marked. One encoder pass for the sentence."""
        m = mark(self.tokenizer, words, names)
        rows, where = [], []
        for k, (h, t, label) in enumerate(pairs):
            got = pair_inputs(m, h, t)
            if got is not None:
                rows.append((got, label))
                where.append(k)
        out = [0.0] * len(pairs)
        if not rows:
            return out
        hidden = self.states(m)
        feats = np.stack([pair_vector(hidden, got, label) for got, label in rows])
        for k, p in zip(where, self.head(feats)):
            out[k] = float(p)
        return out

    def head(self, feats: np.ndarray) -> np.ndarray:
        """P(related) of each row of ``feats``. One matrix-vector product a pair: a matrix product
        here would start the BLAS library's threads, which cost a hundred times the work on a busy
        machine (measured: 70 ms instead of 0.5 for four pairs)."""
        hidden = np.stack([np.maximum(self.w1 @ row + self.b1, 0.0) for row in feats])
        z = np.array([float(self.w2[0] @ h) for h in hidden]) + float(self.b2[0])
        return 1.0 / (1.0 + np.exp(-z))


@dataclass
class Combined:
    """The accurate model: the mean of the transformer's and the logistic regression's probabilities of
    a pair's label (``regression`` is a ``kg.relations.classify.RelationClassifier``); a pair is related
    at ``threshold`` or above (meta.json's ``combined_threshold``, picked by cross-validation on
    the train split: bench/encoder_cv.py)."""
    encoder: EncoderModel
    regression: object
    threshold: float


def pair_vector(hidden: np.ndarray, got: tuple[int, int, int, int], label: str) -> np.ndarray:
    """The head's input for one pair: both opening markers' states, the maximum over the pieces
    between the names (zeros when they touch) and the label as one-hot."""
    oh, ot, lo, hi = got
    between = hidden[lo:hi].max(axis=0) if hi > lo else np.zeros(hidden.shape[1], dtype=hidden.dtype)
    onehot = np.zeros(len(LABELS), dtype=hidden.dtype)
    onehot[LABELS.index(label)] = 1.0
    return np.concatenate([hidden[oh], hidden[ot], between, onehot])
