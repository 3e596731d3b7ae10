"""The fine-tuned entity recogniser (kg/models/ner/, made by `kg train ner`) and its training data."""
import pytest
import spacy

from extraction import extractor
from kg.eval.conll04 import predict
from kg.nlp.pipeline import MODEL, NER_PATH, load_nlp
from kg.train.trainers import conll04_ner_examples, _original_ner


def test_shipped_ner_is_the_one_in_use():
    """The packaged weights exist, load_nlp() runs them rather than the model as shipped, and the
    label set is the model's own 18 labels."""
    assert (NER_PATH / "model").is_file()
    ner = load_nlp().get_pipe("ner")
    shipped = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"]).get_pipe("ner")
    assert ner.model.to_bytes() != shipped.model.to_bytes()
    assert sorted(ner.labels) == sorted(shipped.labels) and len(ner.labels) == 18


def _tags(example):
    return [t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") if t.ent_iob_ else "-"
            for t in example.reference]


def test_training_labels_follow_the_model_scheme():
    """CoNLL04 gold becomes the model's labels: a title stays outside a person's name, a Loc is GPE
    unless the model read that exact span as LOC, "Town , State" is two places, the model's dates are
    kept, and an Other the model did not find exactly is left unannotated."""
    tokens = "Gov. James Thompson visited Lake Michigan and Lubbock , Texas on Monday to see Zorblax Quarterly .".split()
    rec = {"tokens": tokens, "entities": [{"type": "Peop", "start": 1, "end": 3},
                                          {"type": "Loc", "start": 4, "end": 6},
                                          {"type": "Loc", "start": 7, "end": 10},
                                          {"type": "Other", "start": 14, "end": 15}], "relations": []}
    [ex] = conll04_ner_examples([rec], _original_ner())   # the model reads "Zorblax Quarterly" as one name
    tags = _tags(ex)
    assert tags[:3] == ["O", "B-PERSON", "I-PERSON"]
    assert tags[4:6] == ["B-LOC", "I-LOC"]
    assert tags[7:10] == ["B-GPE", "O", "B-GPE"]
    assert tags[11] == "B-DATE"
    assert tags[14:16] == ["-", "O"]


@pytest.mark.parametrize("sentence, expected", [
    # names the model as shipped got wrong: a surname alone, a newspaper after its city, a club
    ("Walesa told reporters in Gdansk that the strike would end .", [("Walesa", "Peop"), ("Gdansk", "Loc")]),
    ("There have been suggestions that Wenger will swoop for a goalkeeper .", [("Wenger", "Peop")]),
    ("Harrington taught at Yale University for ten years .",
     [("Harrington", "Peop"), ("Yale University", "Org")]),
    ("Cairo AL-WAFD in Arabic 6 May 94 p 3", [("Cairo", "Loc"), ("AL-WAFD", "Org")]),
    ("Tokyo ASAHI SHIMBUN", [("Tokyo", "Loc"), ("ASAHI SHIMBUN", "Org")]),
    ("Moscow IZVESTIYA in Russian 12 Mar 94 p 2", [("Moscow", "Loc"), ("IZVESTIYA", "Org")]),
    ("Chelsea beat Fulham and Real Madrid lost again .",
     [("Chelsea", "Org"), ("Fulham", "Org"), ("Real Madrid", "Org")]),
    # general news it already read right, and still does: a town and its state are two places
    ("In 1912 , chemist Jane Doe moved to Lubbock , Texas .",
     [("Jane Doe", "Peop"), ("Lubbock", "Loc"), ("Texas", "Loc")]),
    ("Prime Minister Tony Blair met Gordon Brown in London on Monday .",
     [("Tony Blair", "Peop"), ("Gordon Brown", "Peop"), ("London", "Loc")]),
    ("Microsoft , based in Redmond , Washington , hired Bill Gates .",
     [("Microsoft", "Org"), ("Redmond", "Loc"), ("Washington", "Loc"), ("Bill Gates", "Peop")]),
])
def test_fine_tuned_entities(sentence, expected):
    """The extractor with the fine-tuned recogniser finds these CoNLL04 names (span and type; dates
    and numbers marked Other are tested in test_other.py)."""
    tokens = sentence.split()
    [rec] = predict([{"tokens": tokens, "entities": [], "relations": []}], extractor())
    found = [(" ".join(tokens[e["start"]:e["end"]]), e["type"]) for e in rec["entities"] if e["type"] != "Other"]
    assert sorted(found) == sorted(expected)


def test_a_demonym_read_as_a_person_is_its_country():
    """Where the NER calls a demonym a person ("Kazakh" PERSON in "The Kazakh president said"), it is
    still a mention of its country and not a name attached to the title, so the description is kept."""
    from spacy.tokens import Span

    from kg.lexicon.gazetteer import Gazetteer
    from kg.entities.mentions import name_mentions, person_descriptions

    doc = load_nlp()("The Kazakh president said on Monday that order had been restored.")
    doc.set_ents([Span(doc, 1, 2, "PERSON")])
    gaz = Gazetteer.load()
    assert [(c.kind, c.etype) for c in name_mentions(doc, gaz)] == [("demonym", "Country")]
    [desc] = person_descriptions(doc, gaz)
    assert desc.text.endswith("Kazakh president") and desc.role[0] == "president"



def test_demonyms_the_ner_reads_as_a_person_are_a_group_not_a_name():
    """"Bosnian Serbs" (PERSON to the NER) is two demonyms, a group of people: no person's name."""
    from kg.lexicon.gazetteer import Gazetteer
    from kg.entities.mentions import name_mentions

    doc = load_nlp()("Karadzic, leader of Bosnian Serbs and vice-president of the party, spoke.")
    assert ("Bosnian Serbs", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    assert [c.text for c in name_mentions(doc, Gazetteer.load()) if c.kind == "name"] == ["Karadzic"]
