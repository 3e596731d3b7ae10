"""Family and friends (kg/relations/rules/kin.py): sentences that must give no such triple. The
sentences that must give one, as a fact or not, are rows of FACTS and NOT_FACTS in test_relations.py."""
import pytest

from extraction import all_relations, facts, run

KIN = {"childOf", "parentOf", "spouseOf", "siblingOf", "relativeOf", "friendOf"}

NONE = [
    ("Sony, the mother company of Aiwa, cut prices.", "firms are no family"),
    ("Jane Doe, the daughter of a miner, spoke.", "no named parent"),
    ("John Smith, son of the chairman, spoke.", "no named parent"),
    ("Mr Smith said the son of Tom Brown was ill.", "nobody is described as the son"),
]


@pytest.mark.parametrize("sentence, why", NONE, ids=[w for _, w in NONE])
def test_no_kin(sentence, why):
    assert not [t for t in all_relations(run(sentence)) if t[1] in KIN]


def test_a_late_father_is_still_a_father():
    assert ("John Smith", "childOf", "Tom Smith") in facts(run("John Smith, son of the late Tom Smith, spoke."))
