"""CaRB's scores: precision and recall at each confidence threshold, the point of best F1, and the area
under the precision-recall curve, computed as CaRB's ``Benchmark.compare`` computes them.

- Sentences are matched on a key with every space, Penn Treebank bracket escape (``-LRB-`` ...) and
  ASCII punctuation mark removed (``normalizeKey``); two sentences with one key keep the last one's
  extractions. Predictions for sentences outside the gold are not scored, but their confidences are
  thresholds all the same.
- The thresholds are the distinct confidences of all predictions. At a threshold, a sentence counts the
  predictions at or above it (or, past its own highest confidence, none): recall adds, for each gold
  tuple, the best recall of any of them; precision adds the precisions of a greedy one-to-one pairing
  (best precision first, ties to the first gold tuple, then the first prediction in file order).
  Precision is the sum over the number of predictions counted (1 when none is), recall the sum over the
  number of gold tuples.
- The optimal point is the first threshold of highest F1 (a point where precision and recall are both
  0 has no F1); the AUC is the trapezoid area under recall-precision with the point (recall 0,
  precision 1) added, summed as numpy sums (pairwise), so that it is CaRB's to the last bit.
- CaRB prints these rounded to 3 decimals as numpy rounds (``CarbResult.rounded``).
"""
from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from kg.eval.carb.formats import Extraction
from kg.eval.carb.matcher import Match, match

PTB_ESCAPES = (("(", "-LRB-"), (")", "-RRB-"), ("[", "-LSB-"), ("]", "-RSB-"), ("{", "-LCB-"), ("}", "-RCB-"))
PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
PAIRWISE_BLOCK = 128        # numpy's pairwise summation: blocks of 8 partial sums up to this length

Matcher = Callable[[Extraction, Extraction], Match]


def sentence_key(sentence: str) -> str:
    """CaRB's ``normalizeKey``: the sentence without spaces, bracket escapes and punctuation."""
    text = sentence.replace(" ", "")
    for bracket, escape in PTB_ESCAPES:
        text = text.replace(escape, bracket)
    return PUNCTUATION.sub("", text)


def by_key(extractions: Mapping[str, Sequence[Extraction]]) -> dict[str, Sequence[Extraction]]:
    """Extractions by ``sentence_key``: a later sentence with the same key replaces an earlier one's
    extractions but keeps its place, as CaRB's ``dict([...])`` does."""
    out: dict[str, Sequence[Extraction]] = {}
    for sentence, found in extractions.items():
        out[sentence_key(sentence)] = found
    return out


@dataclass(frozen=True)
class CurvePoint:
    """Precision and recall counting the predictions with at least this confidence."""
    confidence: float
    precision: float
    recall: float

    @property
    def f1(self) -> float | None:
        """None where precision and recall are both 0 (CaRB's numpy gives NaN there and skips it)."""
        p, r = self.precision, self.recall
        return None if p + r == 0 else 2 * p * r / (p + r)


@dataclass(frozen=True)
class CarbResult:
    """CaRB's figures for one system output, at full precision, with the curve they come from."""
    auc: float
    precision: float
    recall: float
    f1: float
    confidence: float | None            # the threshold of the optimal point (None: no prediction)
    curve: tuple[CurvePoint, ...]       # one point a threshold, lowest confidence first
    gold_sentences: int
    gold_tuples: int
    predicted_tuples: int               # predictions of sentences in the gold (the ones scored)

    def rounded(self) -> tuple[float, float, float, float]:
        """(AUC, precision, recall, F1) as CaRB prints them: numpy's round to 3 decimals."""
        return tuple(numpy_round(v) for v in (self.auc, self.precision, self.recall, self.f1))

    def report(self) -> str:
        """The figures CaRB prints, in its words and rounding, and what they were computed on."""
        auc, p, r, f1 = self.rounded()
        at = "" if self.confidence is None else f" at confidence >= {self.confidence:.4g}"
        return (f"AUC: {auc!r}\tOptimal (precision, recall, F1): [{p!r} {r!r} {f1!r}]{at}\n"
                f"{self.gold_sentences} gold sentences, {self.gold_tuples} gold tuples, "
                f"{self.predicted_tuples} predicted tuples on them")

    def curve_text(self) -> str:
        """The file CaRB writes with ``--out``: precision, recall, confidence, in order of recall."""
        rows = sorted(self.curve, key=lambda point: point.recall)
        return "Precision\tRecall\tConfidence\n" + "".join(
            f"{point.precision}\t{point.recall}\t{point.confidence}\n" for point in rows)


def numpy_round(value: float) -> float:
    """``np.round(value, 3)``: scale, round half to even, scale back."""
    return round(value * 1000.0) / 1000.0


def _pairwise(values: Sequence[float], lo: int, n: int) -> float:
    """numpy's pairwise sum of values[lo:lo + n], in numpy's order of additions."""
    if n < 8:
        total = 0.0
        for i in range(lo, lo + n):
            total += values[i]
        return total
    if n <= PAIRWISE_BLOCK:
        partial = list(values[lo:lo + 8])
        i = 8
        while i < n - n % 8:
            partial = [partial[k] + values[lo + i + k] for k in range(8)]
            i += 8
        p = partial
        total = ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]))
        for j in range(lo + i, lo + n):
            total += values[j]
        return total
    half = n // 2
    half -= half % 8
    return _pairwise(values, lo, half) + _pairwise(values, lo + half, n - half)


def area(recalls: Sequence[float], precisions: Sequence[float]) -> float:
    """scikit-learn's ``auc``: the trapezoid area under precision over recall, positive whichever way
    recall runs (CaRB's recalls never rise with the threshold)."""
    dx = [b - a for a, b in zip(recalls, recalls[1:])]
    if any(d < 0 for d in dx) and any(d > 0 for d in dx):
        raise ValueError("recall is neither increasing nor decreasing")
    direction = -1 if any(d < 0 for d in dx) else 1
    pieces = [d * (y1 + y0) / 2.0 for d, y0, y1 in zip(dx, precisions, precisions[1:])]
    return direction * _pairwise(pieces, 0, len(pieces))


@dataclass
class _Sums:
    """The sums over sentences at each threshold: CaRB's p, pl, r, rl arrays."""
    precision: list[float]
    predicted: list[int]
    recall: list[float]
    gold: list[int]

    def add(self, start: int, stop: int, precision: float, predicted: int, recall: float, gold: int) -> None:
        for k in range(start, stop):
            self.precision[k] += precision
            self.predicted[k] += predicted
            self.recall[k] += recall
            self.gold[k] += gold


def greedy_precision(scores: Sequence[Sequence[Match]], chosen: Sequence[int]) -> float:
    """CaRB's one-to-one pairing: take the pair of best precision among gold tuples and predictions not
    yet paired (ties: first gold tuple, then first prediction), until one side runs out; the sum of
    their precisions, added in the order taken."""
    pairs = sorted(((-scores[i][j].precision, i, j) for i in range(len(scores)) for j in chosen))
    rows: set[int] = set()
    cols: set[int] = set()
    total = 0
    for negative, i, j in pairs:
        if i not in rows and j not in cols:
            rows.add(i)
            cols.add(j)
            total += -negative
    return total


def add_sentence(sums: _Sums, scores: Sequence[Sequence[Match]], confidences: Sequence[float],
                 index: Mapping[float, int]) -> None:
    """One gold sentence's share at every threshold (CaRB's "optimised global match")."""
    done = 0                          # thresholds [0, done) have this sentence's share
    for confidence in sorted(confidences):
        last = index[confidence]
        if last < done:
            continue                  # a confidence seen again: CaRB adds to an empty slice
        chosen = [j for j, c in enumerate(confidences) if c >= confidence]
        recall = 0
        for row in scores:
            recall += max(row[j].recall for j in chosen)
        sums.add(done, last + 1, greedy_precision(scores, chosen), len(chosen), recall, len(scores))
        done = last + 1
    sums.add(done, len(sums.gold), 0, 0, 0, len(scores))


def curve(gold: Mapping[str, Sequence[Extraction]], predicted: Mapping[str, Sequence[Extraction]],
          matcher: Matcher = match) -> tuple[tuple[CurvePoint, ...], int]:
    """Precision and recall at each threshold, and the number of predictions scored; the dicts are keyed
    by ``sentence_key`` (``by_key``)."""
    thresholds = sorted({ex.confidence for found in predicted.values() for ex in found})
    index = {confidence: k for k, confidence in enumerate(thresholds)}
    n = len(thresholds)
    sums = _Sums([0.0] * n, [0] * n, [0.0] * n, [0] * n)
    scored = 0
    for key, golds in gold.items():
        found = predicted.get(key, ())
        scored += len(found)
        scores = [[matcher(g, ex) for ex in found] for g in golds]
        add_sentence(sums, scores, [ex.confidence for ex in found], index)
    points = tuple(CurvePoint(c, p / pl if pl > 0 else 1, r / rl if rl > 0 else 0)
                   for c, p, pl, r, rl in zip(thresholds, sums.precision, sums.predicted, sums.recall, sums.gold))
    return points, scored


def score(gold: Mapping[str, Sequence[Extraction]], predicted: Mapping[str, Sequence[Extraction]],
          matcher: Matcher = match) -> CarbResult:
    """CaRB's figures for ``predicted`` against ``gold`` (both by sentence as written: the readers of
    ``kg.eval.carb.formats``)."""
    gold_k, predicted_k = by_key(gold), by_key(predicted)
    points, scored = curve(gold_k, predicted_k, matcher)
    counts = dict(gold_sentences=len(gold_k), gold_tuples=sum(map(len, gold_k.values())), predicted_tuples=scored)
    if not points:
        return CarbResult(0, 0, 0, 0, None, points, **counts)          # no prediction at all
    auc = area([p.recall for p in points] + [0], [p.precision for p in points] + [1])
    f1s = [point.f1 for point in points]
    if all(f is None for f in f1s):
        return CarbResult(auc, 0, 0, 0, None, points, **counts)        # numpy: an all-NaN argmax
    best = max(f for f in f1s if f is not None)
    optimal = points[f1s.index(best)]
    return CarbResult(auc, optimal.precision, optimal.recall, best, optimal.confidence, points, **counts)

