"""The lexicon files' schemas (kg/lexicon/schema.py): every shipped file follows its own, and a file
with a misspelled or unknown key, or a value of the wrong type, is refused with a message that
names the file, the table and the key."""
from __future__ import annotations

import tomllib

import pytest

from kg.lexicon import HOME, load
from kg.lexicon.gazetteer import Gazetteer
from kg.lexicon.schema import SCHEMAS, LexiconError, check

FILES = sorted(p.stem for p in HOME.glob("*.toml"))


def _text(name: str) -> str:
    return (HOME / f"{name}.toml").read_text(encoding="utf-8")


def test_every_file_has_a_schema():
    assert sorted(SCHEMAS) == FILES


@pytest.mark.parametrize("name", FILES)
def test_shipped_files_follow_their_schema(name):
    check(name, tomllib.loads(_text(name)))
    assert load(name)


@pytest.mark.parametrize("name, old, new, message", [
    ("relations", "\nrequires_dobj = ", "\nrequires_dboj = ",
     "relations.toml: [[verb]] entry 16: unknown key 'requires_dboj'; known keys: inverse, lemmas, object, "
     "passive_subject, past_is_former, property, requires_dobj, requires_word,"),
    ("relations", "[home]\nnouns", "[home]\nnuons",
     "relations.toml: [home]: unknown key 'nuons'; known keys: adjectives, nouns, prepositions, verbs"),
    ("relations", "[seat]", "[saet]", "relations.toml: unknown table or key 'saet'; known tables and keys: as_noun,"),
    ("relations", "\ninverse = true", '\ninverse = "yes"',
     "relations.toml: [[verb]] entry 16: 'inverse' should be a boolean (true or false), not 'yes'"),
    ("relations", 'lemmas = ["join"]', 'lemmas = ["join", 3]',
     "relations.toml: [[verb]] entry 12: 'lemmas' should be a list of strings, and 3 is not a string"),
    ("relations", 'worksFor = ["for", "at", "with"]', 'worksFor = "for"',
     "relations.toml: [noun_prepositions]: 'worksFor' should be a list of strings"),
    ("nouns", "[people]\n", "[people]\ntitels = []\n", "nouns.toml: [people]: unknown key 'titels'"),
    ("places", 'name = "Kazakhstan"', 'name = "Kazakhstan"\ncaptial = "Astana"',
     "places.toml: [[country]] entry"),
    ("organizations", "class = ", "klass = ", "organizations.toml: [[organization]] entry 1: unknown key 'klass'"),
    ("conll04", "[names]\n", "[names]\nroles_insid = []\n", "conll04.toml: [names]: unknown key 'roles_insid'"),
    ("positions", "\nholds = ", "\nhold = ", "positions.toml: [verbs]: unknown key 'hold'; known keys: appoints, ends,"),
    ("positions", "[spellings]", "[spelings]", "positions.toml: unknown table or key 'spelings'"),
    ("boilerplate", "trailing_source_max_words = ", "trailing_source_max_words = 'x' #",
     "boilerplate.toml: 'trailing_source_max_words' should be an integer"),
    ("taxonomy", '[class.Arrest]\nlabel = "arrest"', '[class.Arrest]\nlabel = "arrest"\nplover_mod = "arrest"',
     "taxonomy.toml: [class.Arrest]: unknown key 'plover_mod'; known keys: cameo, label, no_plover, nouns, parent,"),
    ("taxonomy", 'requires_word = { appeal = ["for"] }', 'requires_word = { appeal = "for" }',
     "taxonomy.toml: [class.Request.requires_word]: 'appeal' should be a list of strings"),
    ("taxonomy", '[class.Arrest]\nlabel = "arrest"', '[class.Arrest]\nlabell = "arrest"',
     "taxonomy.toml: [class.Arrest]: unknown key 'labell'"),
    ("taxonomy", "plover_types = ", "plover_typos = ", "taxonomy.toml: unknown table or key 'plover_typos'"),
    ("resolution", "\nagree = ", "\nagre = ", "resolution.toml: [context]: unknown key 'agre'; known keys: agree,"),
    ("resolution", "\nagree = 4.0", "\nagree = 4", "resolution.toml: [context]: 'agree' should be a number with a"),
    ("resolution", "legal_forms = ", "legal_froms = ", "resolution.toml: [names]: unknown key 'legal_froms'"),
])
def test_a_misspelled_key_is_an_error(name, old, new, message):
    text = _text(name)
    assert old in text
    with pytest.raises(LexiconError) as err:
        check(name, tomllib.loads(text.replace(old, new, 1)))
    assert str(err.value).startswith(message)


def test_an_event_class_needs_its_label_and_cameo_codes():
    with pytest.raises(LexiconError, match=r"taxonomy.toml: \[class.Arrest\]: missing key 'cameo'"):
        check("taxonomy", {"plover_types": [], "class": {"Arrest": {"label": "arrest"}}})


def test_a_verb_entry_needs_its_keys():
    with pytest.raises(LexiconError, match=r"relations.toml: \[\[verb\]\] entry 1: missing key 'object'"):
        check("relations", {"verb": [{"lemmas": ["arrest"], "property": "arrested"}]})


def test_the_gazetteer_checks_its_files(tmp_path):
    """Gazetteer.load reads places, organizations and transliterations itself, and checks them too."""
    (tmp_path / "places.toml").write_text('[[city]]\nname = "Almaty"\ncountyr = "Kazakhstan"\n')
    with pytest.raises(LexiconError, match=r"places.toml: \[\[city\]\] entry 1: unknown key 'countyr'"):
        Gazetteer.load(tmp_path)
