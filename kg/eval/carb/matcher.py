"""CaRB's match of one predicted tuple against one gold tuple: its default ``binary_linient_tuple_match``
(``matcher.py``), which every published CaRB figure uses.

Both tuples are made binary first: arg1, and the other arguments joined by a space. Then, part by part
(relation, arg1, arg2), words are counted as in a bag (each gold word found in the prediction is taken
out of it): precision is the share of the prediction's words found in the gold, recall the share of the
gold's words found in the prediction. A relation sharing no word is no match; so is a prediction
without the arguments the gold has. A predicted "be" matches a gold form of "be" (is, was, ...).
When the gold relation contains a verb of saying ("said", "told", ...), the prediction with its
arguments swapped is tried too and the better (precision first, then recall) is kept.

What CaRB does not do, though its call says so (``ignoreStopwords=True, ignoreCase=True``): this
matcher never reads either setting. Words are split on whitespace and compared as they are, case and
punctuation included, and stop words count like any other word; NLTK's stop-word list, which
CaRB's matcher module loads, changes no figure (the scores are the same to the last bit with the list
emptied), so none is shipped here.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.eval.carb.formats import Extraction

FORMS_OF_BE = ("be", "is", "am", "are", "was", "were", "been", "being")
SAID_VERBS = ("said", "told", "added", "adds", "says")     # looked for inside the gold relation's text


@dataclass(frozen=True, order=True)
class Match:
    """Word-level precision and recall of a prediction against one gold tuple; ordered as CaRB's
    ``max`` orders them: precision first, then recall."""
    precision: float
    recall: float


NO_MATCH = Match(0, 0)


def binary(args: Sequence[str]) -> tuple[str, ...]:
    """arg1 and the rest joined by a space: CaRB's binary form (fewer than two arguments stay)."""
    return (args[0], " ".join(args[1:])) if len(args) >= 2 else tuple(args)


def shared_words(gold_words: Sequence[str], predicted_words: list[str]) -> int:
    """How many gold words the prediction has, each predicted word used once (taken out of the list)."""
    found = 0
    for word in gold_words:
        if word in predicted_words:
            found += 1
            predicted_words.remove(word)
    return found


def _ratio(found: int, total: int) -> float:
    return 0 if total == 0 else 1.0 * found / total


def lenient_match(gold_relation: str, gold_args: Sequence[str],
                  relation: str, args: Sequence[str]) -> Match:
    """CaRB's ``linient_tuple_match`` on tuples already made binary."""
    predicted_words, gold_words = relation.split(), gold_relation.split()
    predicted, gold = len(predicted_words), len(gold_words)        # the denominators; ``found`` is
    # the numerator of both, precision's and recall's
    found = shared_words(gold_words, predicted_words)
    if "be" in predicted_words and any(form in gold_words for form in FORMS_OF_BE):
        found += 1
        predicted_words.remove("be")
    if found == 0:
        return NO_MATCH
    for i, gold_arg in enumerate(gold_args):
        gold_words = gold_arg.split()
        gold += len(gold_words)
        if len(args) <= i:
            return NO_MATCH             # binary gold has two arguments at most: CaRB's i < 2 always holds
        predicted_words = args[i].split()
        predicted += len(predicted_words)
        found += shared_words(gold_words, predicted_words)
    return Match(_ratio(found, predicted), _ratio(found, gold))


def match(gold: Extraction, predicted: Extraction) -> Match:
    """CaRB's ``binary_linient_tuple_match``: the score of ``predicted`` against ``gold``."""
    gold_args, args = binary(gold.args), binary(predicted.args)
    straight = lenient_match(gold.relation, gold_args, predicted.relation, args)
    if not any(verb in gold.relation for verb in SAID_VERBS):
        return straight
    swapped = (" ".join(predicted.args[1:]), predicted.args[0]) if len(predicted.args) >= 2 else args
    return max(straight, lenient_match(gold.relation, gold_args, predicted.relation, swapped))
