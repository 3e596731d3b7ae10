"""The CaRB scorer (kg/eval/carb/): hand-made tables of its matcher and threshold loop, and agreement
with CaRB's own scorer on the shared CaRB data (skipped where ../shared is missing).

The reference figures were printed by CaRB's scorer (../shared/data/carb/scorer, commit 024e0e91 with
the two repairs of PROVENANCE.md) in a venv with numpy 2.4.6, scikit-learn 1.9.1, nltk 3.10.4,
docopt 0.6.2, Python 3.11.7:

    cd ../shared/data/carb/scorer
    NLTK_DATA=../nltk_data python carb.py --gold=../gold/dev.tsv --out=/tmp/pr.dat \\
        --openiefive=../system_outputs/dev/openie5_output.txt
    AUC: 0.24	 Optimal (precision, recall, F1): [0.526 0.406 0.458]
    NLTK_DATA=../nltk_data python carb.py --gold=../gold/dev.tsv --out=/tmp/pr.dat --tabbed=FILE.tsv

with FILE.tsv each of the files ``gold_as_system``, ``perturbed`` and ``unmatched`` below write. The
full-precision figures are CaRB's ``Benchmark.compare`` run on the same files with its ``np.round``
made the identity (everything else unchanged); the SHA-256 of its curve file (``--out``) for each is in
``CARB_CURVE_SHA256``:

    file              AUC                   precision             recall                F1
    openie5           0.24021044589892113   0.5256912008605438    0.40592430389792916   0.4581092385960356
    gold_as_system    0.9994113799969934    0.999607535321821     0.999607535321821     0.999607535321821
    perturbed         0.16919148719092908   0.48162043344750477   0.30684332472994436   0.3748606414035074
    unmatched         0.0                   0                     0                     0

and the lines carb.py printed for the last three:

    AUC: 0.999	 Optimal (precision, recall, F1): [1. 1. 1.]
    AUC: 0.169	 Optimal (precision, recall, F1): [0.482 0.307 0.375]
    AUC: 0.0	 Optimal (precision, recall, F1): [0 0 0]
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from kg.eval.carb.formats import CarbFormatError, Extraction, read_gold, read_openie5, read_tabbed, write_tabbed
from kg.eval.carb.matcher import Match, match
from kg.eval.carb.score import CarbResult, greedy_precision, numpy_round, score, sentence_key

CARB = Path(__file__).resolve().parents[3] / "shared" / "data" / "carb"
GOLD = CARB / "gold" / "dev.tsv"
OPENIE5 = CARB / "system_outputs" / "dev" / "openie5_output.txt"
shared = pytest.mark.skipif(not GOLD.is_file() or not OPENIE5.is_file(), reason="no ../shared CaRB data")

# CaRB's full-precision (AUC, precision, recall, F1), from the table of the docstring
CARB_FIGURES = {
    "openie5": (0.24021044589892113, 0.5256912008605438, 0.40592430389792916, 0.4581092385960356),
    "gold_as_system": (0.9994113799969934, 0.999607535321821, 0.999607535321821, 0.999607535321821),
    "perturbed": (0.16919148719092908, 0.48162043344750477, 0.30684332472994436, 0.3748606414035074),
    "unmatched": (0.0, 0, 0, 0),
}
CARB_PRINTED = {"openie5": (0.24, 0.526, 0.406, 0.458), "gold_as_system": (0.999, 1.0, 1.0, 1.0),
                "perturbed": (0.169, 0.482, 0.307, 0.375), "unmatched": (0.0, 0, 0, 0)}
CARB_CURVE_SHA256 = {
    "openie5": "4dfef4195af95834c0d9dcba9f472fb6f543decd304ca34c210a7680daa9c6f8",
    "gold_as_system": "7b3615b407952aeff82c12b231a04087af7f3409a1ff9a7a7780b92380585800",
    "perturbed": "a70c1aa69a427d14ccc5b06e667380d463a8e5cacfece7434e992a26ce67cfa9",
    "unmatched": "9e3a6aecd56b744e4e8ae13871ec70b32b589fa137598949990bff33d9a2d10b",
}


def ex(relation: str, *args: str, confidence: float = 1.0, sentence: str = "S .") -> Extraction:
    return Extraction(sentence, relation, args, confidence)


@pytest.mark.parametrize("gold, predicted, expected", [
    (ex("won", "Ann", "the cup"), ex("won", "Ann", "the cup"), (1, 1)),
    (ex("won", "Ann", "the cup"), ex("Won", "Ann", "the cup"), (0, 0)),      # case counts
    (ex("won", "Ann", "the cup"), ex("won", "Ann", "cup"), (1, 0.75)),        # so do stop words
    (ex("won", "Ann", "the cup ."), ex("won", "Ann", "the cup"), (1, 0.8)),   # and punctuation
    (ex("is", "Ann", "a doctor"), ex("be", "Ann", "a doctor"), (1, 1)),       # "be" matches "is"
    (ex("won", "Ann", "the cup"), ex("won", "Ann"), (0, 0)),                  # an argument missing
    (ex("won", "Ann", "the cup"), ex("lost", "Ann", "the cup"), (0, 0)),      # no relation word
    (ex("won", "Ann", "the cup", "in 2020"), ex("won", "Ann", "the cup in 2020"), (1, 1)),   # binary
    (ex("won", "Ann", "the cup"), ex("won", "Ann", "the", "cup"), (1, 1)),
    (ex("won", "Ann"), ex("won", "Ann", "the cup"), (1, 1)),     # words past the gold's arguments: not counted
    (ex("won", "Ann Ann", "x"), ex("won", "Ann", "x"), (1, 0.75)),            # a word is found once
    (ex("won", "Ann", "x"), ex("won", "Ann Ann", "x"), (0.75, 1)),
    (ex("won", "Ann", "x"), ex("won", "Bob", "y"), (1 / 3, 1 / 3)),           # the relation alone
    (ex("said", "Ann", "the team won"), ex("said", "the team won", "Ann"), (1, 1)),   # swapped for "said"
    (ex("reported", "Ann", "the team won"), ex("reported", "the team won", "Ann"), (0.2, 0.2)),
    (ex("has told", "Ann", "Bob"), ex("told", "Bob", "Ann"), (1, 0.75)),
])
def test_match(gold, predicted, expected):
    """CaRB's default matcher, by hand: bags of words part by part, precision over the prediction's words,
    recall over the gold's."""
    assert match(gold, predicted) == Match(*expected)


def test_greedy_pairing_takes_the_first_best_pair_not_the_best_pairing():
    """CaRB pairs greedily: (gold 0, prediction 0) first, which leaves a 0 pair; the best pairing would sum 1."""
    table = [[Match(0.5, 0), Match(0.5, 0)], [Match(0.5, 0), Match(0, 0)]]
    assert greedy_precision(table, [0, 1]) == 0.5
    assert greedy_precision(table, [1]) == 0.5


def test_sentence_key():
    """Spaces, bracket escapes and punctuation do not tell sentences apart."""
    assert sentence_key("Ann ( 31 ) won -LRB- again -RRB- , twice .") == sentence_key("Ann (31) won (again), twice")
    assert sentence_key("Ann won -LCB- a -RCB- .") == "Annwona"


TWO_GOLD = {"Ann won the cup and lives in Rome .": [ex("won", "Ann", "the cup"), ex("lives in", "Ann", "Rome")]}


def test_thresholds_by_hand():
    """Recall at 0.5 is (1 + 0.75) / 2; at 0.9 the second prediction is out: precision 1, recall 0.5. A
    prediction of a sentence outside the gold adds its confidence (0.7) as a threshold."""
    s = "Ann won the cup and lives in Rome ."
    predicted = {s: [ex("won", "Ann", "the cup", confidence=0.9, sentence=s),
                     ex("lives", "Ann", "in Rome", confidence=0.5, sentence=s)],
                 "Not in the gold .": [ex("is", "it", "not", confidence=0.7, sentence="Not in the gold .")]}
    result = score(TWO_GOLD, predicted)
    assert [(p.confidence, p.precision, p.recall) for p in result.curve] == \
        [(0.5, 0.875, 0.875), (0.7, 1.0, 0.5), (0.9, 1.0, 0.5)]
    assert (result.precision, result.recall, result.f1, result.confidence) == (0.875, 0.875, 0.875, 0.5)
    assert result.auc == 0.375 * (0.875 + 1) / 2 + 0.5 * (1 + 1) / 2
    assert (result.gold_tuples, result.predicted_tuples) == (2, 2)


def test_no_prediction_and_no_match():
    """No prediction: CaRB's 0 and (0, 0, 0); predictions that match nothing have no F1 anywhere."""
    assert score(TWO_GOLD, {}).rounded() == (0, 0, 0, 0)
    s = next(iter(TWO_GOLD))
    nothing = score(TWO_GOLD, {s: [ex("zzz", "a", "b", confidence=0.3, sentence=s)]})
    assert (nothing.auc, nothing.precision, nothing.recall, nothing.f1) == (0, 0, 0, 0)


def test_numpy_rounding():
    """np.round(x, 3) scales, rounds half to even and scales back: 0.0005 * 1000 is exactly 0.5 -> 0."""
    assert [numpy_round(v) for v in (0.0005, 0.0015, 0.4581092385960356, 0.24021)] == [0.0, 0.002, 0.458, 0.24]


OPENIE5_LINE = ("0.75\tContext(Ann said,List([0, 8)))\tSimpleArgument(the team,List([9, 17)))\t"
                "Relation(won,List([18, 21)))\tSimpleArgument(the cup,List([22, 29))); "
                "TemporalArgument(in 2020,List([30, 37)))\tAnn said the team won the cup in 2020 .\n")


def test_readers(tmp_path):
    """OpenIE 5: a context that does not start arg1 goes before it; a line without arg2 is skipped.
    Gold: "C: " arguments are left out. Tabbed: what is written reads back the same."""
    o5 = tmp_path / "o5.txt"
    o5.write_text(OPENIE5_LINE + "0.5\t\tSimpleArgument(Ann,List([0, 3)))\tRelation(said,List([4, 8)))\t\tx .\n")
    (only,) = read_openie5(o5)["Ann said the team won the cup in 2020 ."]
    assert (only.relation, only.args, only.confidence) == ("won", ("Ann said the team", "the cup", "in 2020"), 0.75)
    gold = tmp_path / "gold.tsv"
    gold.write_text("A b c .\tb\tA \tC: if so\tc\n")
    assert read_gold(gold) == {"A b c .": [Extraction("A b c .", "b", ("A", "c"), 1.0)]}
    rows = [Extraction("A\tb .", "r", ("x\ny", "", "z"), 0.1 + 0.2)]
    buffer = io.StringIO()
    write_tabbed(rows, buffer)
    tabbed = tmp_path / "out.tsv"
    tabbed.write_text(buffer.getvalue() + "\n")
    assert read_tabbed(tabbed) == {"A b .": [Extraction("A b .", "r", ("x y", "", "z"), 0.1 + 0.2)]}


@pytest.mark.parametrize("text, message", [
    ("a sentence only\n", "needs a sentence, a confidence and a relation"),
    ("s\tnot-a-number\tr\n", "is not a number"),
])
def test_bad_tabbed_lines_name_the_line(tmp_path, text, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text("s\t0.5\tr\ta\n" + text)
    with pytest.raises(CarbFormatError, match=f"bad.tsv:2: .*{message}"):
        read_tabbed(bad)


# the system outputs made from the shared data, as CaRB's scorer read them for the docstring's table

def gold_as_system(path: Path) -> None:
    """Every gold tuple as a prediction of confidence 1."""
    with open(path, "w", encoding="utf-8") as out:
        write_tabbed((x for found in read_gold(GOLD).values() for x in found), out)


def perturbed(path: Path) -> None:
    """OpenIE 5's output in the tabbed format, cut and changed by fixed rules: tuples left out, confidences
    rounded (ties) or reversed, words dropped, arguments swapped or cut, relations made "be" or
    upper case, sentences respaced (one key, two spellings), and tuples of sentences not in the gold."""
    rows = []
    for k, x in enumerate(x for found in read_openie5(OPENIE5).values() for x in found):
        if k % 7 == 3:
            continue
        confidence = round(x.confidence, 1) if k % 3 == 0 else 1 - x.confidence if k % 3 == 1 else x.confidence
        args = list(x.args)
        if k % 5 == 0:
            args[0] = " ".join(args[0].split()[:-1])
        if k % 11 == 0 and len(args) > 1:
            args[0], args[1] = args[1], args[0]
        relation = "be" if k % 13 == 0 else x.relation.upper() if k % 17 == 0 else x.relation
        sentence = x.sentence.replace(" , ", " ,  ") if k % 23 == 0 else x.sentence
        rows.append(Extraction(sentence, relation, tuple(args[:1] if k % 19 == 0 else args), confidence))
        if k % 29 == 0:
            rows.append(Extraction(f"Not a CaRB sentence {k} .", relation, tuple(args), confidence / 2))
    with open(path, "w", encoding="utf-8") as out:
        write_tabbed(rows, out)


def unmatched(path: Path) -> None:
    """One tuple per gold sentence, whose relation matches no gold relation: no F1 at any threshold."""
    with open(path, "w", encoding="utf-8") as out:
        write_tabbed((Extraction(s, "zzz", ("a", "b"), 0.1 * (i % 5)) for i, s in enumerate(read_gold(GOLD))), out)


def _sha256(result: CarbResult) -> str:
    return hashlib.sha256(result.curve_text().encode()).hexdigest()


def _figures(result: CarbResult) -> tuple[float, float, float, float]:
    return result.auc, result.precision, result.recall, result.f1


@shared
def test_openie5_as_carb_scores_it():
    """OpenIE 5 on dev: CaRB's printed figures, its full-precision figures to the last bit, its curve file
    byte for byte."""
    result = score(read_gold(GOLD), read_openie5(OPENIE5))
    assert result.rounded() == CARB_PRINTED["openie5"]
    assert _figures(result) == CARB_FIGURES["openie5"]
    assert _sha256(result) == CARB_CURVE_SHA256["openie5"]


@shared
@pytest.mark.parametrize("name, make", [("gold_as_system", gold_as_system), ("perturbed", perturbed),
                                        ("unmatched", unmatched)])
def test_tabbed_outputs_as_carb_scores_them(tmp_path, name, make):
    """The gold as a system, a cut and changed OpenIE 5, and a system that matches nothing: CaRB's figures
    to the last bit and its curve file byte for byte."""
    make(tmp_path / f"{name}.tsv")
    result = score(read_gold(GOLD), read_tabbed(tmp_path / f"{name}.tsv"))
    assert result.rounded() == CARB_PRINTED[name]
    assert _figures(result) == CARB_FIGURES[name]
    assert _sha256(result) == CARB_CURVE_SHA256[name]
