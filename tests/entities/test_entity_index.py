"""kg.entities.index and the word lists it reads from kg/lexicon/nouns.toml."""
from __future__ import annotations

import pytest
import spacy

from kg.entities.index import ORG_NOUNS
from kg.relations.places import LOCATION_NOUNS
from kg.relations.tense import FUTURE, PAST_OR_FUTURE, tense
from kg.lexicon import load

NOUNS = load("nouns")
BLANK = spacy.blank("en")


@pytest.mark.parametrize("section, key", [("org_kinds", "words"), ("place_kinds", "words"),
                                          ("role_tense", "past"), ("role_tense", "future")])
def test_word_lists_are_lowercase_sorted_and_unique(section, key):
    """Each list of nouns.toml that kg.entities.index reads is lowercase, sorted and has no repeats."""
    values = NOUNS[section][key]
    assert values == sorted(set(values)) and all(v == v.lower() for v in values)


def test_kinds_of_organisation_and_of_place_do_not_overlap():
    """A noun is a kind of organisation or a kind of place, never both; past and future are apart too."""
    assert not ORG_NOUNS & LOCATION_NOUNS
    assert not set(NOUNS["role_tense"]["past"]) & FUTURE and FUTURE <= PAST_OR_FUTURE


def _last_token(word: str):
    """The last token of a word as spaCy's tokenizer splits it ("one-time" -> "one", "-", "time")."""
    return BLANK(word)[-1]


@pytest.mark.parametrize("word", NOUNS["role_tense"]["past"])
def test_a_past_word_says_a_role_was_held(word):
    """"former", "ex", "one-time"... make a role "former", a hyphenated word read whole from its last
    token (the tokenizer splits "one-time" in three)."""
    assert tense(_last_token(word)) == "former"


@pytest.mark.parametrize("word", NOUNS["role_tense"]["future"])
def test_a_future_word_says_a_role_is_yet_to_be_held(word):
    """"incoming", "would-be", "designate"... make a role "future"."""
    assert tense(_last_token(word)) == "future"


def test_only_a_written_hyphen_joins_a_word():
    """"ex-" before a noun is "ex"; "one - time" with spaces is no "one-time", and "part-time" no tense."""
    assert tense(BLANK("ex-chairman")[0]) == "former"
    assert tense(BLANK("one - time")[-1]) is None and tense(BLANK("part-time")[-1]) is None


def test_a_word_of_the_present_has_no_tense():
    """"current" or "new" say nothing about when a role is held."""
    assert tense(BLANK("current")[0]) is None and tense(BLANK("new")[0]) is None
