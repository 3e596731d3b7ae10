"""kg/events/openie.py's interface, which `kg eval carb` relies on: one list of OpenTuple per sentence, in
order (the module is a placeholder; these checks hold for the extractor that will replace it)."""
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
