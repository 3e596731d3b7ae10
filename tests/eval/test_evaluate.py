"""CoNLL04 evaluation: the mapping, the prediction format, and scores equal to the shared scorer's."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from extraction import all_relations, extractor, run
from kg.relations.classify import RelationClassifier
from kg.eval.conll04 import join_birthplaces, load_records, predict, relation_label, score

SHARED = Path(__file__).resolve().parents[3] / "shared"
DEV = SHARED / "data" / "conll04" / "conll04_dev.json"
SCORER = SHARED / "tools" / "score_conll04.py"

RECORDS = [
    {"tokens": "John Wilkes Booth , who assassinated President Lincoln , was an actor .".split(),
     "entities": [{"type": "Peop", "start": 0, "end": 3}, {"type": "Peop", "start": 6, "end": 8}],
     "relations": [{"type": "Kill", "head": 0, "tail": 1}]},
    {"tokens": "Sony is based in Tokyo , Japan .".split(),
     "entities": [{"type": "Org", "start": 0, "end": 1}, {"type": "Loc", "start": 4, "end": 5},
                  {"type": "Loc", "start": 6, "end": 7}],
     "relations": [{"type": "OrgBased_In", "head": 0, "tail": 1}, {"type": "Located_In", "head": 1, "tail": 2}]},
]


@pytest.mark.parametrize("prop, head, tail, label", [
    ("worksFor", "Peop", "Org", "Work_For"),
    ("leaderOf", "Peop", "Org", "Work_For"),
    ("leaderOf", "Peop", "Loc", None),          # a president of a country: no Live_In
    ("killed", "Peop", "Peop", "Kill"),
    ("basedIn", "Org", "Loc", "OrgBased_In"),
    ("locatedIn", "Loc", "Loc", "Located_In"),
    ("killed", "Org", "Peop", None),
    ("allyOf", "Peop", "Peop", None),
])
def test_relation_mapping(prop, head, tail, label):
    """Ontology properties map to CoNLL04 labels by the types of their ends (kg/lexicon/conll04.toml)."""
    assert relation_label(prop, head, tail) == label


def test_predictions_use_token_spans_and_indexes():
    """Predictions are in the input's format: entities as token spans, relations by entity index."""
    pred = predict(RECORDS, extractor())
    assert pred[0]["tokens"] == RECORDS[0]["tokens"]
    assert {(e["start"], e["end"], e["type"]) for e in pred[0]["entities"]} == {(0, 3, "Peop"), (6, 8, "Peop")}
    s = score(RECORDS, pred)
    assert s.relations.tp >= 2 and s.entities.tp >= 4


@pytest.mark.parametrize("sentence, name", [
    ("Gov. James Thompson signed the bill .", "James Thompson"),       # a title CoNLL04 leaves out
    ("Sen. Jake Garn flew on the shuttle .", "Jake Garn"),
    ("President Lincoln was shot at Ford 's Theatre .", "President Lincoln"),  # one it keeps inside
    ("Ms. Carpenter said so .", "Ms. Carpenter"),
    ("The gunman probably fired at Mr Kennedy and missed .", "Mr Kennedy"),   # with or without its period
    ("The judge ordered Miss Bickel to pay $5 , 000 .", "Miss Bickel"),
    ("He met US President Bill Clinton on Monday .", "Bill Clinton"),   # after a name, outside
    ("Former President Gerald Ford spoke .", "President Gerald Ford"),  # "Former" opens the sentence
    ("Actress Angie Dickinson donated a coat .", "Actress Angie Dickinson"),   # a capitalised role
])
def test_titles_follow_the_conll04_convention(sentence, name):
    """A title before a person's name is inside the predicted span only where CoNLL04 puts it there
    (the list in kg/lexicon/conll04.toml)."""
    tokens = sentence.split()
    pred = predict([{"tokens": tokens, "entities": [], "relations": []}], extractor())[0]
    people = [" ".join(tokens[e["start"]:e["end"]]) for e in pred["entities"] if e["type"] == "Peop"]
    assert people == [name]


def _spans(tokens, pred):
    ents = [(" ".join(tokens[e["start"]:e["end"]]), e["type"]) for e in pred["entities"]]
    rels = {(r["type"], ents[r["head"]][0], ents[r["tail"]][0]) for r in pred["relations"]}
    return ents, rels


@pytest.mark.parametrize("sentence, places, relation", [
    ("Buddy Holly was born in Lubbock , Texas , in 1936 .", ["Lubbock , Texas"],
     ("Live_In", "Buddy Holly", "Lubbock , Texas")),
    ("Norton Simon was born on Feb. 5 , 1907 , in Portland , Ore. , and grew up there .",
     ["Portland , Ore."], ("Live_In", "Norton Simon", "Portland , Ore.")),
    ("Ann Smith , a native of Denison , Texas , spoke .", ["Denison , Texas"],
     ("Live_In", "Ann Smith", "Denison , Texas")),
    ("In 1817 , naturalist-author Henry David Thoreau was born in Concord , Mass .", ["Concord , Mass"],
     ("Live_In", "Henry David Thoreau", "Concord , Mass")),        # the sentence's period is no part of it
    ("Ann Smith moved to Lubbock , Texas , in 1990 .", ["Lubbock", "Texas"],        # no birthplace
     ("Located_In", "Lubbock", "Texas")),
])
def test_a_birthplace_is_one_span_as_conll04_writes_it(sentence, places, relation):
    """After "born in" or "a native of", "City , State" is one Loc span in the predictions, and the
    person's relation goes to it; elsewhere the two places stay apart, the city in the state."""
    tokens = sentence.split()
    ents, rels = _spans(tokens, predict([{"tokens": tokens, "entities": [], "relations": []}], extractor())[0])
    assert [name for name, kind in ents if kind == "Loc"] == places
    assert relation in rels


def test_a_pronouns_relation_goes_to_the_name_in_the_sentence():
    """CoNLL04 annotates names: a relation read through a pronoun ("her hometown of Belen") is
    predicted between the name it stands for and the place."""
    tokens = "Ms. Calico disappeared while bicycling near her hometown of Belen .".split()
    ents, rels = _spans(tokens, predict([{"tokens": tokens, "entities": [], "relations": []}], extractor())[0])
    assert rels == {("Live_In", "Ms. Calico", "Belen")}


@pytest.mark.parametrize("sentence, expected", [
    ("The book was written by dissident Soviet historian Roy Medvedev .", {("Soviet", "Loc"), ("Roy Medvedev", "Peop")}),
    ("The book was written by dissident American historian Roy Medvedev .", {("Roy Medvedev", "Peop")}),
    ("Ten Soviet volunteers and their American counterparts arrived .", {("Soviet", "Loc")}),  # in no relation
])
def test_a_demonym_that_is_its_countrys_name_is_a_place(sentence, expected):
    """"Soviet" is a word of "Soviet Union": CoNLL04 annotates it as a Loc; "American" is no Loc."""
    tokens = sentence.split()
    ents, _ = _spans(tokens, predict([{"tokens": tokens, "entities": [], "relations": []}], extractor())[0])
    assert set(ents) == expected


@pytest.mark.parametrize("sentence, places", [
    ("Sen. Jake Garn , R-Utah , flew on the shuttle .", []),           # Utah, but only part of a token
    ("The Frankfurt-based Commerzbank lent the money .", []),
    ("The fire burned 70 miles northeast of Boise.", ["Boise."]),     # a period the token carries is fine
])
def test_only_whole_tokens_are_predicted(sentence, places):
    """CoNLL04 marks whole tokens: a place the graph reads inside "R-Utah" or "Frankfurt-based" is not
    predicted as the whole token, but a name with the sentence's period glued to it is."""
    tokens = sentence.split()
    ents, _ = _spans(tokens, predict([{"tokens": tokens, "entities": [], "relations": []}], extractor())[0])
    assert [name for name, kind in ents if kind == "Loc"] == places


@pytest.mark.parametrize("sentence, places", [
    ("GRAND RAPIDS , Mich .", ["GRAND RAPIDS", "Mich ."]),       # a dateline alone: the period is the state's
    ("The court in The Hague ruled on Monday .", ["The Hague"]),  # a name with its article
    ("He was a native of Ada , Okla .", ["Ada , Okla"]),          # elsewhere the sentence's period is not
])
def test_a_dateline_line_keeps_its_period(sentence, places):
    """CoNLL04 writes the state of a sentence that is only a dateline with the final period (12 times in
    13 on train and dev), and leaves the period out of a name elsewhere; "The Hague" keeps its "The"."""
    tokens = sentence.split()
    ents, _ = _spans(tokens, predict([{"tokens": tokens, "entities": [], "relations": []}], extractor())[0])
    assert [name for name, kind in ents if kind == "Loc"] == places


def test_joining_a_birthplace_renumbers_relations():
    """Joined places take the relations of both parts; the relation between them goes, and a third
    place after the pair stays apart."""
    tokens = "Al was born in Ames , Iowa , USA .".split()
    rec = {"tokens": tokens,
           "entities": [{"type": "Peop", "start": 0, "end": 1}, {"type": "Loc", "start": 4, "end": 5},
                        {"type": "Loc", "start": 6, "end": 7}, {"type": "Loc", "start": 8, "end": 9}],
           "relations": [{"type": "Live_In", "head": 0, "tail": 1}, {"type": "Live_In", "head": 0, "tail": 2},
                         {"type": "Located_In", "head": 1, "tail": 2},
                         {"type": "Located_In", "head": 2, "tail": 3}]}
    ents, rels = _spans(tokens, join_birthplaces(rec))
    assert ents == [("Al", "Peop"), ("Ames , Iowa", "Loc"), ("USA", "Loc")]
    assert rels == {("Live_In", "Al", "Ames , Iowa"), ("Located_In", "Ames , Iowa", "USA")}


def test_perfect_and_empty_predictions():
    """Gold scored against itself is 1.0; nothing predicted is 0."""
    assert score(RECORDS, RECORDS).relations.f1 == 1.0
    empty = [{"tokens": r["tokens"], "entities": [], "relations": []} for r in RECORDS]
    assert score(RECORDS, empty).relations.f1 == 0.0


def test_record_count_mismatch_is_an_error():
    """Scoring files of different lengths is refused."""
    with pytest.raises(ValueError):
        score(RECORDS, RECORDS[:1])


@pytest.mark.skipif(not (DEV.exists() and SCORER.exists()), reason="../shared CoNLL04 data or scorer not present")
def test_scores_equal_the_shared_scorer(tmp_path):
    """On the same predictions, our scores print exactly what ../shared/tools/score_conll04.py prints."""
    gold = load_records(DEV)[:60]
    pred = predict(gold, extractor())
    (tmp_path / "gold.json").write_text(json.dumps(gold))
    (tmp_path / "pred.json").write_text(json.dumps(pred))
    out = subprocess.run([sys.executable, str(SCORER), str(tmp_path / "gold.json"), str(tmp_path / "pred.json")],
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()
    ours = score(gold, pred)
    assert out[-1] == ours.relations.line("relations").split("  (")[0]
    assert out[-2] == ours.entities.line("entities").split("  (")[0]


def test_shipped_classifier_loads_and_gives_probabilities():
    """The packaged model loads; its probabilities over the labels sum to one."""
    clf = RelationClassifier.load()
    assert clf is not None and "NONE" in clf.labels and 0.5 <= clf.threshold < 1
    probs = clf.probabilities({"bias": 1.0, "types=Peop>Org": 1.0, "between=of": 1.0})
    assert abs(sum(probs.values()) - 1) < 1e-9


@pytest.mark.parametrize("sentence, label", [
    ("Solidere , the company founded by Rafik Hariri , grew fast .", "Kill"),
    ("England coach Andy Robinson named his team .", "Live_In"),
])
def test_classifier_needs_a_trigger_for_kill_and_live_in(sentence, label):
    """Without a trigger word the classifier asserts no Kill and no Live_In."""
    [rec] = predict([{"tokens": sentence.split(), "entities": [], "relations": []}], extractor())
    assert label not in {r["type"] for r in rec["relations"]}


@pytest.mark.parametrize("sentence, triple, expected", [
    # a role, "of"/"at" on the person's name, a title just before the name: Work_For holds
    ("Roy Asher, chief investment officer of Hibernian Investment Managers, told Reuters.",
     ("Roy Asher", "worksFor", "Hibernian Investment Managers"), True),
    ("Company spokesman Glenn Waller said ExxonMobil still considered the deal valid.",
     ("Glenn Waller", "worksFor", "ExxonMobil"), True),
    # no role and no preposition on a name: a prize for a film, a line-up, a gadget and its maker
    ("Actor Rodrigo de la Serna took the best debut performance prize for The Motorcycle Diaries.",
     ("Rodrigo de la Serna", "worksFor", "Motorcycle Diaries"), False),
    ("Hobson, Osentowski, Gouws, Mo'unga, Williams, Sherman, Tuipulotu.", ("Hobson", "worksFor", "Gouws"), False),
    ("But Parry also admits Gerrard, who has been constantly linked with Chelsea, will have the final say.",
     ("Steven Gerrard", "worksFor", "Chelsea"), False),
])
def test_classifier_needs_a_trigger_for_work_for(sentence, triple, expected):
    """The classifier's Work_For needs a role word, a verb of employment, or "of/at/for/with" hanging on
    one of the names (kg/lexicon/conll04.toml)."""
    x = run(sentence)
    found = {(s.split()[-1], p, o) for s, p, o in all_relations(x)}
    assert ((triple[0].split()[-1], *triple[1:]) in found) is expected, found


@pytest.mark.parametrize("sentence, triple, expected", [
    ("The rest of the team will be named after the trials at Wollaton Park in Nottingham.",
     ("Wollaton Park", "locatedIn", "Nottingham"), True),
    # "UK" only says where the firm is from: it lies in no other place named in the sentence
    ("Shares in Cairn Energy rose after the UK firm announced a fresh gas discovery in northern India.",
     ("United Kingdom", "locatedIn", "India"), False),
])
def test_a_place_that_qualifies_a_noun_is_located_nowhere(sentence, triple, expected):
    """The classifier's Located_In skips a place name that only qualifies a common noun."""
    assert (triple in all_relations(run(sentence))) is expected, all_relations(run(sentence))
