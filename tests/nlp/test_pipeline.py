"""The parse pipeline is assembled from kg/nlp/pipeline.cfg, and each of our components is a spaCy
factory that can be made by name (kg/nlp/pipeline.py)."""
import pytest
import spacy
from thinc.api import ConfigValidationError

from kg.lexicon.gazetteer import Gazetteer
from kg.nlp.pipeline import build_nlp, load_nlp, own_components, read_config

ROYAL_BANK = "Ross Walker, UK economist at Royal Bank of Scotland, said so."


def test_our_components_and_their_places_come_from_the_config():
    """Each component the config lists is in the pipeline, in the config's order, right before or
    after the component the config names, with the config's settings."""
    config, nlp = read_config(), load_nlp()
    names = nlp.pipe_names
    assert own_components(nlp) == config["nlp"]["components"]
    for name in config["nlp"]["components"]:
        section = config["components"][name]
        if "before" in section:
            assert names.index(name) + 1 == names.index(section["before"])
        if "after" in section:
            assert names.index(name) - 1 == names.index(section["after"])
        assert {k: nlp.config["components"][name][k] for k in section.get("config", {})} == section.get("config", {})


@pytest.fixture(scope="module")
def overridden():
    """The pipeline with two overrides: the repair of names left out, the gazetteer's ambiguous forms in."""
    return build_nlp({"nlp.components": ["newskg_paragraphs", "newskg_gazetteer"],
                      "components.newskg_gazetteer.config.include_ambiguous": True})


def test_a_component_left_out_through_the_config(overridden):
    """Without the repair of names, the NER's cut "Royal Bank" + "of" + "Scotland" stays cut."""
    assert "newskg_joined_names" not in overridden.pipe_names
    assert "Royal Bank of Scotland" not in [e.text for e in overridden(ROYAL_BANK).ents]
    assert "Royal Bank of Scotland" in [e.text for e in load_nlp()(ROYAL_BANK).ents]


def test_a_setting_changed_through_the_config(overridden):
    """include_ambiguous set in the config reaches the gazetteer ruler: "Jordan", a form the lexicon
    calls ambiguous, is a pattern there and not in the pipeline as configured."""
    ours = overridden.get_pipe("newskg_gazetteer")
    assert ours.include_ambiguous and overridden.config["components"]["newskg_gazetteer"]["include_ambiguous"]
    assert ours.match(overridden.make_doc("Jordan"))
    assert not load_nlp().get_pipe("newskg_gazetteer").match(load_nlp().make_doc("Jordan"))


def test_each_component_made_by_name_on_a_blank_pipeline():
    """The factories are spaCy's like any other: nlp.add_pipe by name, no model. The gazetteer ruler
    loads the gazetteer's patterns at its first doc; the paragraph rule ends a sentence at a blank line."""
    nlp = spacy.blank("en")
    for name in ("newskg_paragraphs", "newskg_gazetteer", "newskg_joined_names"):
        nlp.add_pipe(name)
    assert nlp.pipe_names == ["newskg_paragraphs", "newskg_gazetteer", "newskg_joined_names"]
    assert not nlp.get_pipe("newskg_gazetteer").loaded          # nothing loaded when made
    doc = nlp.get_pipe("newskg_gazetteer")(nlp.get_pipe("newskg_paragraphs")(
        nlp.make_doc("Troops entered Kazakhstan\n\nThe CSTO said so.")))
    assert [s.text.strip() for s in doc.sents] == ["Troops entered Kazakhstan", "The CSTO said so."]
    assert [(e.text, e.label_) for e in doc.ents] == [("Kazakhstan", "GPE"), ("CSTO", "ORG")]


def test_initialize_loads_the_patterns_as_the_entity_ruler_does():
    """nlp.initialize() loads the gazetteer's patterns; patterns given to initialize() replace them."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("newskg_gazetteer")
    nlp.initialize()
    assert ruler.loaded and len(ruler.labels) == len({(p["label"], p["id"]) for p in Gazetteer.load().ruler_patterns()})
    ruler.initialize(lambda: [], patterns=[{"label": "ORG", "pattern": [{"ORTH": "Zorblax"}], "id": "zorblax"}])
    assert [(e.text, e.ent_id_) for e in nlp("Zorblax left Kazakhstan.").ents] == [("Zorblax", "zorblax")]


def test_a_factory_setting_is_checked():
    """A setting of the wrong type is refused by spaCy's config validation, with the setting's name."""
    with pytest.raises(ConfigValidationError, match="include_ambiguous"):
        spacy.blank("en").add_pipe("newskg_gazetteer", config={"include_ambiguous": "maybe"})


@pytest.mark.parametrize("overrides,message", [
    ({"components.newskg_joined_names.afer": "ner"}, "unknown key 'afer'"),
    ({"nlp.ner_wieghts": "models/ner"}, "unknown key 'ner_wieghts'"),
    ({"nlp.ner_weights": "models/no-such-ner"}, "holds no model"),
])
def test_a_misspelled_or_wrong_setting_is_an_error(overrides, message):
    """A misspelled placement would put the component last without a word, and a wrong weights path
    would run the model's own NER: both are errors that name pipeline.cfg."""
    with pytest.raises(ValueError, match=message):
        build_nlp(overrides)
