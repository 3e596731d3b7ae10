"""CoNLL04's Other (kg/eval/other.py): candidate spans from the extractor's values and runs of numbers, the
shipped model, and values that never reach the graph."""
from dataclasses import replace

import pytest

from extraction import extractor, run
from kg.relations.classify import RelationClassifier
from kg.eval.conll04 import other_candidates, predict
from kg.eval.other import ValueSpan, candidates, load, shape
from kg.eval.other import predict as predict_other
from kg.rdf.triples import extraction_triples


@pytest.mark.parametrize("word, expected", [
    ("Feb.", "Xxx."), ("1988", "dd"), ("0400", "dd"), ("GMT", "XX"), ("33.2", "dd.d"), ("Serbs", "Xxx"),
])
def test_shape(word, expected):
    """A word's shape keeps case, digits and punctuation; runs of three or more are cut to two."""
    assert shape(word) == expected


@pytest.mark.parametrize("tokens, values, span, why", [
    # the value as the NER found it, and a part of it
    ("in English 0107 GMT 2 Feb 94", [(2, 4, "TIME"), (4, 7, "DATE")], (4, 7), "value=DATE"),
    ("on Nov. 22 , 1963 , in Dallas", [(1, 5, "DATE")], (1, 2), "part=DATE"),
    # a run of numbers joined by commas, with the word after it
    ("a firestorm charred 10 , 000 acres in Idaho", [], (3, 7), "number+1"),
    ("the bomb fell at 1 : 50 p.m .", [], (4, 8), "number+1"),
])
def test_candidates(tokens, values, span, why):
    """Candidates are the extractor's values, their parts, and runs of numbers with up to two words."""
    found = {(s, w) for s, w in candidates(tokens.split(), [ValueSpan(*v) for v in values])}
    assert (span, why) in found


def test_a_part_is_never_longer_than_six_tokens():
    """Parts of a long value are at most six tokens: the candidates stay few."""
    tokens = "from the first half of 1944 to the end of the war in 1945".split()
    spans = [s for s, why in candidates(tokens, [ValueSpan(0, len(tokens), "DATE")]) if why.startswith("part")]
    assert spans and max(e - s for s, e in spans) == 6


def test_predicted_spans_never_overlap_a_name_or_each_other():
    """Every candidate is likely under a model that says Other to anything; still no span chosen
    overlaps another or a name already predicted."""
    always = RelationClassifier(["NONE", "Other"], {"bias": 0}, [[0.0], [5.0]], [0.0, 0.0], threshold=0.5)
    tokens = "Moscow INTERFAX in English 1601 GMT 28 Apr 94".split()
    spans = predict_other(tokens, [ValueSpan(4, 6, "TIME"), ValueSpan(6, 9, "DATE")], [(0, 2)], always)
    assert spans
    taken = [(0, 2)]
    for s, e in spans:
        assert not any(a < e and s < b for a, b in taken)
        taken.append((s, e))


def test_no_model_no_other():
    """Above every probability, nothing is Other."""
    never = replace(load(), threshold=1.01)
    tokens = "Moscow INTERFAX in English 1601 GMT 28 Apr 94".split()
    assert predict_other(tokens, [ValueSpan(4, 6, "TIME"), ValueSpan(6, 9, "DATE")], (), never) == []


def test_shipped_model_loads():
    """The packaged model (kg train other) loads, with the labels NONE and Other and a threshold."""
    model = load()
    assert model is not None and model.labels == ["NONE", "Other"] and 0 < model.threshold < 1


@pytest.mark.parametrize("sentence, others", [
    # a broadcast's time and date, written as CoNLL04 marks them
    ("Paris AFP in English 0107 GMT 2 Feb 94", ["0107 GMT", "2 Feb 94"]),
    ("The fire blackened 11 , 700 acres of brush and grassland .", ["11 , 700 acres"]),
    ("He won 33.2 percent of the vote .", ["33.2 percent"]),
    # a bare year opening a sentence is not marked in CoNLL04 ("In 1833 , Benjamin Harrison ...")
    ("In 1833 , Benjamin Harrison was born .", []),
])
def test_conll04_predictions_mark_other(sentence, others):
    """``kg eval conll04`` writes the values the shipped model picks as Other entities."""
    tokens = sentence.split()
    [rec] = predict([{"tokens": tokens, "entities": [], "relations": []}], extractor())
    assert [" ".join(tokens[e["start"]:e["end"]]) for e in rec["entities"] if e["type"] == "Other"] == others


def test_values_stay_out_of_the_graph():
    """The extractor reports dates and numbers as values with offsets into the original text, and
    the graph is the same with or without them."""
    text = "Police arrested 8,000 people on 10 January 2022, the ministry said."
    x = run(text)
    assert {(v.text, v.label) for v in x.values} >= {("8,000", "CARDINAL"), ("10 January 2022", "DATE")}
    assert all(text[v.start:v.end] == v.text for v in x.values)
    assert set(extraction_triples(x)) == set(extraction_triples(replace(x, values=())))


def test_no_other_predicts_the_graphs_entities_alone():
    """``kg eval conll04 --no-other`` (``other=False``) writes only the graph's entities."""
    tokens = "Paris AFP in English 0107 GMT 2 Feb 94".split()
    [rec] = predict([{"tokens": tokens, "entities": [], "relations": []}], extractor(), other=False)
    assert rec["entities"] and all(e["type"] != "Other" for e in rec["entities"])


def test_the_graphs_other_entities_are_candidates_too():
    """The names of the graph's other entities (events, works, laws, products) are candidates for
    Other, not Other by themselves: CoNLL04 marks few of them."""
    tokens = "It was the bloodiest fighting of World War II .".split()
    x = run(" ".join(tokens))
    found = {(" ".join(tokens[v.start:v.end]), v.label) for v in other_candidates(tokens, x)}
    assert ("World War II", "OtherEntity") in found
