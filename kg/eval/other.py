"""CoNLL04's ``Other``: which of the dates, numbers and groups a sentence names the annotators marked.

CoNLL04 annotates some literals as entities of type Other (455 on the train split: "0400 GMT",
"26 Apr 94", "27 percent", "70 miles", "Serbs"), and not others ("In 1833 , ..."; "Nov." alone out of
"Nov. 22 , 1963"). The graph keeps no such entities: the extractor reports them as values
(``Extraction.values``). For ``kg eval conll04`` a small logistic regression learnt from the train
split (``kg train other``; ``kg/models/other.json``) picks, among spans made from those values, from
the names of the graph's other entities (events, works, products) and from runs of numbers, the ones
CoNLL04 would mark. Features are words and word shapes only, so this module needs no parser.

Pure functions from tokens to candidate spans and their features, one comment per kind of candidate.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.relations.classify import RelationClassifier

MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "other.json"
OTHER = "Other"
LONGEST = 6            # tokens in a candidate made from part of a value


Span = tuple[int, int]          # token indices [start, end)


@dataclass(frozen=True)
class ValueSpan:
    """A value the extractor reported (or another entity's name), as a token span of the sentence,
    with the NER's label (or the entity's class)."""

    start: int
    end: int
    label: str


def shape(word: str) -> str:
    """"Feb." -> "Xxx.", "1988" -> "dd", "Serbs" -> "Xxx": letters and digits by kind, runs of three or
    more cut to two."""
    s = re.sub("[A-Z]", "X", word)
    s = re.sub("[a-z]", "x", s)
    s = re.sub("[0-9]", "d", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


def _is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word) and re.fullmatch(r"[$\d.:,/-]+[A-Za-z]*", word) is not None


def candidates(tokens: list[str], values: Iterable[ValueSpan]) -> Iterator[tuple[Span, str]]:
    """Candidate spans, each with what made it (a span may come more than once)."""
    for v in values:
        # a value as the NER found it: "26 Apr 94", "Serbs"
        yield (v.start, v.end), f"value={v.label}"
        # part of a value: "Nov." of "Nov. 22 , 1963", "1988" of "April 1988"
        for a in range(v.start, v.end):
            for b in range(a + 1, min(v.end, a + LONGEST) + 1):
                if (a, b) != (v.start, v.end):
                    yield (a, b), f"part={v.label}"
    i = 0
    while i < len(tokens):
        if not _is_number(tokens[i]):
            i += 1
            continue
        # a run of numbers with up to two words after it: "10 , 000 acres", "0400 GMT", "1 : 50 p.m."
        j = i + 1
        while j + 1 < len(tokens) and tokens[j] in (",", ":") and tokens[j + 1][:1].isdigit():
            j += 2
        for k in range(3):
            if j + k <= len(tokens):
                yield (i, j + k), f"number+{k}"
        i = j


def features(tokens: list[str], span: Span, made_by: set[str], labels: list[str | None]) -> dict[str, float]:
    """Words, shapes and the NER's labels in and around a candidate span; ``labels`` is the value
    label of each token (None outside values)."""
    s, e = span
    w = [t.lower() for t in tokens]
    f: dict[str, float] = {"bias": 1.0, f"len={min(e - s, LONGEST)}": 1.0, f"start={min(s, 3)}": 1.0}
    for m in made_by:
        f[m] = 1.0
    f["first=" + w[s]] = f["last=" + w[e - 1]] = 1.0
    f["first_shape=" + shape(tokens[s])] = f["last_shape=" + shape(tokens[e - 1])] = 1.0
    f["shape=" + " ".join(shape(t) for t in tokens[s:e])] = 1.0
    for word in w[s:e]:
        f["word=" + word] = 1.0
    for k in (1, 2):
        f[f"before{k}=" + (w[s - k] if s - k >= 0 else "<s>")] = 1.0
        f[f"after{k}=" + (w[e + k - 1] if e + k - 1 < len(w) else "</s>")] = 1.0
    f["before_shape=" + (shape(tokens[s - 1]) if s else "<s>")] = 1.0
    f["after_shape=" + (shape(tokens[e]) if e < len(tokens) else "</s>")] = 1.0
    if labels[s] is not None:
        f["label=" + labels[s]] = 1.0
    return f


def examples(tokens: list[str], values: list[ValueSpan]) -> list[tuple[Span, dict[str, float]]]:
    """Every candidate span of a sentence with its features, in a stable order."""
    made: dict[Span, set[str]] = {}
    for span, why in candidates(tokens, values):
        made.setdefault(span, set()).add(why)
    labels: list[str | None] = [None] * len(tokens)
    for v in values:
        for i in range(v.start, v.end):
            labels[i] = v.label
    return [(span, features(tokens, span, made[span], labels)) for span in sorted(made)]


def load(path: str | Path = MODEL_PATH) -> RelationClassifier | None:
    """The trained model (labels NONE and Other, with its threshold), or None if it is not there."""
    return RelationClassifier.load(path)


def predict(tokens: list[str], values: list[ValueSpan], taken: Iterable[Span] = (),
            model: RelationClassifier | None = None) -> list[Span]:
    """Spans CoNLL04 would mark Other: the likeliest first, none overlapping another or ``taken``."""
    model = model or load()
    if model is None:
        return []
    scored = []
    for span, f in examples(tokens, values):
        p = model.probabilities(f).get(OTHER, 0.0)
        if p >= model.threshold:
            scored.append((-p, span))
    chosen: list[Span] = []
    blocked = list(taken)
    for _, span in sorted(scored):
        if not any(a < span[1] and span[0] < b for a, b in blocked):
            chosen.append(span)
            blocked.append(span)
    return sorted(chosen)
