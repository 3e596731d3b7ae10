"""The gazetteer ruler (kg/nlp/ruler.py) tags what spaCy's EntityRuler tags with the same patterns."""
import pytest
import spacy
from spacy.tokens import Span

from kg.lexicon.gazetteer import Gazetteer
from kg.nlp.pipeline import load_nlp
from kg.nlp.ruler import GazetteerRuler

TEXTS = [
    "Troops from the CSTO entered Kazakhstan.",
    "Russian-led troops landed in Almaty on Thursday.",
    "The U.S. and the UK criticised the Kremlin, Reuters reported.",
    "Officials in St Petersburg and New York met at the United Nations.",
    "The New York Times said the West Bank talks stalled.",
    "the collective security treaty organization sent Kazakhs home",
    "It is a turkey of a plan, us and them on the west bank of the river.",
    "Britons and Americans flew from London to New York, then to Washington, D.C., with BBC News.",
]


@pytest.fixture(scope="module")
def both():
    patterns = Gazetteer.load().ruler_patterns()
    theirs = spacy.blank("en")
    theirs.add_pipe("entity_ruler", config={"overwrite_ents": False}).add_patterns(patterns)
    ours = spacy.blank("en")
    ours.add_pipe("newskg_gazetteer").add_patterns(patterns)
    return ours, theirs


def ents(doc):
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


@pytest.mark.parametrize("text", TEXTS)
def test_same_entities_as_spacys_entity_ruler(both, text):
    """Names, acronyms (exact case), demonyms, the longest of overlapping matches, and no lowercase
    word ("turkey", "us", "west bank"): as spaCy's EntityRuler with the same patterns."""
    ours, theirs = both
    assert ents(ours(text)) == ents(theirs(text))
    assert ents(ours(text)) or "turkey" in text


def test_the_ners_entities_stay(both):
    """An entity already in the doc (the NER's) is kept, and no match that touches it is added."""
    ours, theirs = both
    results = []
    for nlp in (ours, theirs):
        doc = nlp.make_doc("The New York Times said Reuters reported from Almaty.")
        doc.ents = [Span(doc, 1, 3, label="GPE"), Span(doc, 6, 7, label="PERSON")]   # "New York", "reported"
        results.append(ents(nlp.get_pipe(nlp.pipe_names[0])(doc)))
    assert results[0] == results[1]
    assert ("New York", "GPE", "") in results[0] and ("Almaty", "GPE", "almaty") in results[0]
    assert not any(text == "New York Times" for text, _, _ in results[0])


def test_a_pattern_token_needs_orth_or_lower():
    """A pattern the ruler cannot index is refused with a message, not silently ignored."""
    ruler = GazetteerRuler(spacy.blank("en"))
    with pytest.raises(ValueError, match="ORTH or LOWER"):
        ruler.add_patterns([{"label": "ORG", "pattern": [{"IS_TITLE": True}], "id": "x"}])


@pytest.mark.parametrize("sentence, place", [
    ("The Indian Ocean tsunami killed thousands .", "Indian Ocean"),
    ("Madagascar is an island nation in the Indian Ocean off the eastern coast of Africa .", "Indian Ocean"),
])
def test_a_sea_or_an_ocean_is_one_place_not_a_nationality(sentence, place):
    """The gazetteer's demonym would make "Indian" a nationality; its Indian Ocean, the longer match,
    makes the two words one place."""
    ents = {e.text: e.label_ for e in load_nlp()(sentence).ents}
    assert ents.get(place) in ("GPE", "LOC") and "Indian" not in ents
