"""The registry of relation rules (kg/relations/registry.py): the declarations give the order the rules
run in, their confidences and which are descriptive; a new rule is one new module of
kg/relations/rules/, and a test may declare one for its own duration only."""
from __future__ import annotations

import sys
import textwrap

import pytest

from extraction import extractor
from kg.entities.coref import resolve
from kg.entities.index import EntityIndex
from kg.entities.mentions import find_mentions
from kg.io.read import make_document
from kg.lexicon import load
from kg.lexicon.gazetteer import Gazetteer
from kg.nlp.pipeline import parse
from kg.relations import registry
from kg.relations import rules as rules_package
from kg.relations.find import find_relations

# The order the rules ran in before the registry (the first rule to find a triple keeps it), and the
# confidences and descriptive names that relations.toml [confidence] and kg/extract.py held.
ORDER = ["verb_relations", "deed_noun_relations", "noun_relations", "role_relations", "qualifier_relations",
         "compound_relations", "membership_relations", "location_relations", "origin_relations", "home_relations",
         "person_qualifier_relations", "kin_relations", "seat_relations", "dateline_relations"]
CONFIDENCE = {"verb": 0.8, "verb-passive": 0.75, "copula-noun": 0.85, "apposition-noun": 0.8, "title-noun": 0.8,
              "as-noun": 0.7, "role-description": 0.7, "place-qualifier": 0.75, "hyphen-compound": 0.7,
              "membership-list": 0.75, "location-apposition": 0.8, "location-comma": 0.7, "location-possessive": 0.7,
              "location-in": 0.7, "origin-of": 0.7, "dateline": 0.8, "seat-noun": 0.8, "person-qualifier": 0.7,
              "home": 0.7, "deed-noun": 0.75, "kin-noun": 0.8, "kin-copula": 0.8, "kin-verb": 0.75}
DESCRIPTIVE = {"title-noun", "apposition-noun", "place-qualifier", "role-description", "hyphen-compound",
               "person-qualifier", "origin-of", "seat-noun", "dateline", "location-apposition", "location-comma",
               "location-possessive", "location-in", "kin-noun"}

# A toy rule, the recipe of the registry's docstring: "BBC staffer Jane Doe" works for the BBC.
TOY = '''
"""The staffer rule: "BBC staffer Jane Doe"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import EntityIndex
from kg.relations.found import Found
from kg.relations.registry import Name, relation_rule


@relation_rule(order=140, names=(Name("staffer-noun", 0.65, descriptive=True),))
def staffer_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: "BBC staffer Jane Doe" works for the BBC."""
    for tok in doc:
        if tok.lower_ == "staffer" and tok.dep_ == "compound" and tok.head.i in ix.by_root:
            for c in tok.children:
                if c.dep_ == "compound" and c.i in ix.by_root:
                    yield Found(ix.by_root[tok.head.i], "worksFor", ix.by_root[c.i], c.i, tok.head.i + 1,
                                "staffer-noun", tok.i, subject_token=tok.head.i, object_token=c.i)
'''
SENTENCE = "BBC staffer Jane Doe resigned on Monday."


def _parsed(text: str):
    gaz = Gazetteer.load()
    doc = next(parse([text]))
    return doc, EntityIndex(doc, resolve(doc, find_mentions(doc, gaz), gaz))


def test_the_rules_run_in_the_order_they_always_did():
    assert [r.find.__name__ for r in registry.rules()] == ORDER


def test_confidences_and_descriptive_names_are_the_declared_ones():
    assert {n.text: n.confidence for n in registry.names()} == CONFIDENCE
    assert {n.text for n in registry.names() if n.descriptive} == DESCRIPTIVE
    assert registry.confidence("title-noun") == 0.8 and registry.is_descriptive("title-noun")
    assert registry.confidence("classifier") == registry.DEFAULT_CONFIDENCE == 0.6
    assert not registry.is_descriptive("verb:arrest")


def test_the_confidence_table_left_the_lexicon():
    assert "confidence" not in load("relations")


@pytest.mark.parametrize("rule", registry.rules(), ids=lambda r: r.find.__name__)
def test_a_rule_reads_tables_that_exist(rule):
    """Each lexicon table a rule declares it reads ("relations.verb") is in its file."""
    for path in rule.reads:
        name, table = path.split(".", 1)
        assert table in load(name), f"{rule.id} reads {path}, which {name}.toml does not have"


def test_two_rules_may_not_share_a_name_or_a_place():
    with registry.scratch():
        with pytest.raises(ValueError, match="both declare the name 'verb'"):
            registry.relation_rule(order=999, names=(registry.Name("verb", 0.5),))(lambda doc, ix: iter(()))
        with pytest.raises(ValueError, match="both declare order 10"):
            registry.relation_rule(order=10, names=(registry.Name("other", 0.5),))(lambda doc, ix: iter(()))
    assert [r.find.__name__ for r in registry.rules()] == ORDER


def test_a_new_rule_is_one_new_module(tmp_path, monkeypatch):
    """A module dropped into kg/relations/rules/ (here: a folder added to its path) is imported by
    load_rules, declares its rule, is run by find_relations with its confidence; after scratch() it
    is gone."""
    (tmp_path / "staffer.py").write_text(textwrap.dedent(TOY))
    monkeypatch.setattr(rules_package, "__path__", [*rules_package.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "kg.relations.rules.staffer", raising=False)
    with registry.scratch():
        registry.load_rules()
        assert [r.find.__name__ for r in registry.rules()] == [*ORDER, "staffer_relations"]
        assert registry.confidence("staffer-noun") == 0.65 and registry.is_descriptive("staffer-noun")
        doc, ix = _parsed(SENTENCE)
        found = [f for f in find_relations(doc, ix) if f.rule == "staffer-noun"]
        assert [(doc[f.subject_token].text, f.predicate, doc[f.object_token].text) for f in found] == \
            [("Doe", "worksFor", "BBC")]
        x = extractor().extract(make_document(SENTENCE, "test", date="2022-01-10"))
        [r] = [r for r in x.relations if r.provenance.rule == "staffer-noun"]
        assert (r.subject.name, r.predicate, r.object.name, r.provenance.confidence) == \
            ("Jane Doe", "worksFor", "BBC", 0.65)
    sys.modules.pop("kg.relations.rules.staffer")
    assert "staffer-noun" not in {n.text for n in registry.names()}
    assert registry.confidence("staffer-noun") == 0.6
    doc, ix = _parsed(SENTENCE)
    assert not [f for f in find_relations(doc, ix) if f.rule == "staffer-noun"]


def test_unregister_takes_a_rule_out():
    with registry.scratch():
        registry.unregister(registry.rules()[-1].find)
        assert [r.find.__name__ for r in registry.rules()] == ORDER[:-1]
        assert registry.confidence("dateline") == 0.6
    assert [r.find.__name__ for r in registry.rules()] == ORDER


def test_a_rule_name_no_rule_declares_is_an_error():
    """A rule that writes a name it did not declare (a typo: "titel-noun") would get the default
    confidence and count as no description; find_relations refuses it instead."""
    from kg.relations.found import Found

    def typo_relations(doc, ix):
        k = next(iter(ix.by_root.values()))
        yield Found(k, "worksFor", k + 1, 0, 1, "titel-noun", 0)

    doc, ix = _parsed(SENTENCE)
    with registry.scratch():
        registry.register(registry.Rule(typo_relations, 999, (registry.Name("title-typo", 0.7),)))
        with pytest.raises(ValueError, match="'titel-noun', which it does not declare"):
            find_relations(doc, ix)


def test_names_with_a_detail_read_their_declared_name():
    """"verb:arrest" has the confidence declared for "verb"."""
    assert registry.confidence("verb:arrest") == registry.confidence("verb") == 0.8
    assert not registry.is_descriptive("verb:arrest")
    assert registry.confidence("classifier:Work_For") == registry.DEFAULT_CONFIDENCE
