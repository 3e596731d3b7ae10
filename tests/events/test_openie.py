"""kg/events/openie.py's interface, which `kg eval carb` relies on: one list of OpenTuple per sentence, in
order; and a table of sentences (written for these tests) with the tuples they must give."""
from dataclasses import FrozenInstanceError

import pytest

from kg.events.openie import OpenTuple, open_tuples

SENTENCES = ["Ann won the cup in 2020.", "Hello.", "The museum was opened by the mayor in May."]


def test_one_list_per_sentence_in_order():
    found = list(open_tuples(iter(SENTENCES)))         # any iterable, read once
    assert len(found) == len(SENTENCES)
    for tuples in found:
        for t in tuples:
            assert isinstance(t, OpenTuple) and isinstance(t.relation, str) and t.relation
            assert isinstance(t.args, tuple) and all(isinstance(a, str) for a in t.args)
            assert 0 <= t.confidence <= 1
    assert any("won" in t.relation and t.args[0] == "Ann" and "the cup" in " ".join(t.args[1:])
               for t in found[0])
    assert any("opened" in t.relation for t in found[2])


def test_tuples_are_frozen():
    with pytest.raises(FrozenInstanceError):
        OpenTuple("won", ("Ann",), 0.5).relation = "lost"        # type: ignore[misc]


TUPLES = [
    # (sentence, relation, args)
    ("Yukos agreed to sell its stake to Gazprom.", "agreed to sell", ("Yukos", "its stake", "to Gazprom")),
    ("He lives in Rome.", "lives in", ("He", "Rome")),
    ("The museum was opened by the mayor in May.", "was opened by", ("The museum", "the mayor", "in May")),
    ("The chief executive, who joined the firm in 2001, resigned.", "joined",
     ("The chief executive", "the firm", "in 2001")),
    ("Bush, the US president, met Blair.", "is", ("Bush", "the US president")),
    ("Acme did not buy Widgets.", "did not buy", ("Acme", "Widgets")),
    ("She set up the company which he later sold.", "sold", ("he", "the company")),
]


@pytest.mark.parametrize("sentence, relation, args", TUPLES, ids=[t[0][:30] for t in TUPLES])
def test_tuples_of_a_sentence(sentence, relation, args):
    [found] = list(open_tuples([sentence]))
    assert (relation, args) in [(t.relation, t.args) for t in found], found
