"""The one place that decides an entity's ontology class, and names the evidence it used.

The finders (kg/entities/mentions.py) and coreference (kg/entities/coref.py) only ask: each function
here takes what they see (a name's span and NER label, a gazetteer entry, the words before it; for an
entity its mentions) and returns a ``Typed``: "Thales" after "telecoms firm" is
``Typed("Organization", ("ner:PERSON", "context:org-noun-before"))``. The cues themselves are pure
tests in kg/entities/name_cues.py. The class hierarchy the relation filter reads (``PLACES``,
``ORG_CLASSES``, ``is_a``) lives here too.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from kg.entities import name_cues as cue
from kg.lexicon import load, words
from kg.lexicon.gazetteer import ORG_CLASSES, GazEntry, Gazetteer

if TYPE_CHECKING:
    from kg.entities.mentions import Candidate

__all__ = ["LABEL_CLASS", "ORG_CLASSES", "PLACES", "TYPE_RANK", "Typed", "is_a", "looks_like_personal_name"]

# spaCy entity label -> ontology class before any refinement
LABEL_CLASS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Region",
               "FAC": "Place", "PRODUCT": "OtherEntity", "EVENT": "OtherEntity",
               "WORK_OF_ART": "OtherEntity", "LAW": "OtherEntity"}
PLACES = frozenset({"Place", "Country", "City", "Region"})
# which class wins a tie of votes within one entity
TYPE_RANK = {"Person": 3, "Country": 3, "City": 3, "Region": 2, "Alliance": 3, "GovernmentBody": 2,
             "SecurityForce": 2, "PoliticalParty": 2, "MediaOrganization": 2, "Company": 2,
             "Organization": 1, "Place": 1, "OtherEntity": 0}
# evidence that the words around a name set its class over the NER's label; coreference trusts it
OVER_THE_NER = ("context:", "title-before-name", "dateline-town")


@dataclass(frozen=True)
class Typed:
    """An ontology class and the cues that gave it: ("Company", ("ner:ORG", "org-head:company"))."""

    etype: str
    evidence: tuple[str, ...] = ()

    @property
    def by_context(self) -> bool:
        """Whether the words around the name, not the NER, gave the class ("firm Sophos")."""
        return any(e.startswith(OVER_THE_NER) for e in self.evidence)


def is_a(etype: str, cls: str) -> bool:
    """Whether an entity of class ``etype`` is a ``cls`` of the ontology: a Company is an
    Organization, a City a Place, everything an Entity."""
    return cls in (etype, "Entity") or cls == "Organization" and etype in ORG_CLASSES \
        or cls == "Place" and etype in PLACES


@cache
def _nouns() -> dict:
    return load("nouns")


# The context cues, read in order: (class, the NER labels it applies to, evidence, test); the first
# that holds gives the class.
_ALL = None                     # any label
CONTEXT_CUES: tuple[tuple[str, frozenset[str] | None, str, Callable[[Span], bool]], ...] = (
    # “Ring of Fire”, an Oscar-winning film, the Brit Awards, an FA-18 Hornet,
    # "the premiere of Lemony Snicket", "Friday's Night of Athletics"
    ("OtherEntity", _ALL, "quoted-title", cue.quoted_title),
    ("OtherEntity", _ALL, "award-prefix", cue.award_prefix),
    ("OtherEntity", _ALL, "event-name", cue.event_name),
    ("OtherEntity", _ALL, "work-in-apposition", cue.work_in_apposition),
    ("OtherEntity", _ALL, "part-of-a-work", cue.part_of_a_work),
    ("OtherEntity", frozenset({"ORG"}), "dated", cue.dated),
    ("OtherEntity", _ALL, "counted-titles", cue.counted_titles),
    ("OtherEntity", frozenset({"PERSON"}), "model-number", cue.model_number),
    # "Ocala National Forest", "Lomsak District"
    ("Place", frozenset({"ORG", "PERSON"}), "place-name", cue.place_name),
    # "Abbey Road studios", "firm Thales", "firm Sophos", "network Red Swoosh"
    ("Organization", frozenset({"PERSON", "PRODUCT", "WORK_OF_ART"}), "org-noun-after", cue.org_noun_after),
    ("Organization", frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "GPE", "LOC", "FAC"}), "org-noun-before",
     cue.org_noun_before),
    ("Organization", frozenset({"GPE", "LOC", "FAC"}), "described-firm", cue.described_firm),
    # "Santa Monica-based Activison"
    ("Organization", frozenset({"PERSON"}), "based-firm", cue.based_firm),
    # "airlines flying the 737-300s are Aloha, Delta, Piedmont and United"
    ("Organization", frozenset({"GPE", "LOC", "FAC", "PERSON", "PRODUCT"}), "listed-under-an-org-noun",
     cue.listed_under_an_org_noun),
    # "Ireland's Alistair Cragg", "Freddie Mercury's place"
    ("Person", frozenset({"ORG", "GPE", "LOC", "FAC"}), "given-name-first", cue.given_name_first),
    # "Kurt Barnard, president of Barnard's Retail Consulting Group"
    ("Person", frozenset({"GPE", "LOC"}), "surname-of-a-person", cue.surname_of_a_person),
)


def by_context(label: str, span: Span) -> tuple[str, str] | None:
    """(class, cue) the first context cue for a name of NER ``label`` gives; None when none holds."""
    for etype, labels, name, test in CONTEXT_CUES:
        if (labels is None or label in labels) and test(span):
            return etype, name
    return None


def of_known(entry: GazEntry) -> Typed:
    """A name the gazetteer knows has the gazetteer's class: "Kazakhstan" -> Country."""
    return Typed(entry.etype, ("gazetteer",))


def of_demonym(country: GazEntry) -> Typed:
    """A demonym ("Kazakh", "Russian-led") stands for its country."""
    return Typed(country.etype, ("gazetteer:demonym",))


def of_name(label: str, span: Span, gaz: Gazetteer, titled: bool) -> Typed:
    """The class of a name the gazetteer does not know, from its NER ``label``, the words around it
    (``CONTEXT_CUES``), a title before it (``titled``: "President Lincoln" is a person even when the
    NER says ORG), the noun heading it ("Interior Ministry") and the comma and state after it
    ("Clarksdale, Miss.")."""
    etype, evidence = LABEL_CLASS[label], [f"ner:{label}"]
    found = by_context(label, span)
    if found is not None and found[0] != etype:
        etype = found[0]
        evidence.append(f"context:{found[1]}")
    if titled and etype == "Organization" and len(span) <= 3:
        etype = "Person"                 # only people have titles: the NER's ORG was wrong
        evidence.append("title-before-name")
    if etype == "Organization":
        lemma = span.root.lemma_.lower()
        head = _nouns()["org_heads"].get(lemma)
        if head and head != "SecurityForce":
            etype = head
            evidence.append(f"org-head:{lemma}")
        if cue.placed_like_a_town(span, gaz):
            etype = "City"
            evidence.append("placed-like-a-town")
    elif etype == "Person" and cue.town_of_a_dateline(span, gaz):
        etype = "City"
        evidence.append("dateline-town")
    return Typed(etype, tuple(evidence))


def of_title_description() -> Typed:
    """A title qualified by a country ("the Kazakh president") describes a person."""
    return Typed("Person", ("description:title",))


def of_org_description(lemma: str) -> Typed:
    """An organisation noun ("ministry", "company") describes an organisation of the class
    ``[org_heads]`` gives it."""
    return Typed(_nouns()["org_heads"][lemma], (f"org-head:{lemma}",))


def of_class_noun(word: str) -> Typed:
    """"the country", "the alliance" refer to an entity of the class ``[class_nouns]`` gives it."""
    return Typed(_nouns()["class_nouns"][word], (f"class-noun:{word}",))


def of_surname() -> Typed:
    """A surname of a person named elsewhere in the doc is that person's."""
    return Typed("Person", ("surname-of-a-named-person",))


def of_pronoun() -> Typed:
    """A personal pronoun ("he", "her") refers to a person."""
    return Typed("Person", ("pronoun",))


def of_member(c: Candidate) -> Typed:
    """An entity founded by a demonym or a description has that mention's class: "Kazakh" makes
    Kazakhstan a Country, "Kazakhstan's interior ministry" a GovernmentBody."""
    return Typed(c.etype, tuple(sorted({"cluster:first-mention", *c.evidence})))


def _cluster(etype: str, how: str, members: Sequence[Candidate]) -> Typed:
    """The class of an entity with the cue that settled it and the evidence of the mentions that agree."""
    return Typed(etype, tuple(sorted({how} | {e for c in members if c.etype == etype for e in c.evidence})))


def of_cluster(members: Sequence[Candidate]) -> Typed:
    """The class of an entity from its names' classes: the gazetteer's wins; then one the words around
    a name gave ("Solidere, the Lebanese company": the NER's "Solidere posted" is wrong), unless one
    name is a full personal name, which outweighs any number of ORG tags; else a vote weighted by the
    names' length (ties to ``TYPE_RANK``)."""
    known = [c for c in members if c.canonical]
    if known:
        return _cluster(known[0].etype, "cluster:gazetteer", members)
    full_name = any(c.etype == "Person" and " " in c.text for c in members)
    context = Counter(c.etype for c in members if c.typed_by_context)
    if context and not full_name:
        votes, how = context, "cluster:context-vote"
    elif full_name:
        votes, how = Counter({"Person": 1}), "cluster:full-personal-name"
    else:
        votes, how = Counter(), "cluster:vote"
        for c in members:
            votes[c.etype] += 1 + len(c.text.split())
    etype = max(votes, key=lambda t: (votes[t], TYPE_RANK.get(t, 0), t))
    return _cluster(etype, how, members)


def with_who_clause(doc: Doc, members: Sequence[Candidate], typed: Typed) -> Typed:
    """An organisation one of whose names looks like a person's and is followed by ", who" is a person
    ("Nazarbayev, who is 81")."""
    if typed.etype == "Organization" and _who_follows(doc, members) and any(
            looks_like_personal_name(c.text) or c.text.istitle() and " " not in c.text for c in members):
        return Typed("Person", tuple(sorted(set(typed.evidence) | {"cluster:who-clause"})))
    return typed


def _who_follows(doc: Doc, members: Sequence[Candidate]) -> bool:
    """A mention followed by ", who" is a person's ("Nazarbayev, who is 81")."""
    for m in members:
        root = doc[m.root]
        for c in root.children:
            if c.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_.startswith("nsubj") for g in c.children):
                return True
    return False


def looks_like_personal_name(name: str) -> bool:
    """Two or three capitalised words and no word of an organisation's name: "Nursultan Nazarbayev"."""
    parts = name.replace("-", " ").split()
    org_words = words("nouns", "org_name_words", "words") | words("nouns", "org_heads")
    return (2 <= len(name.split()) <= 3 and all(w[:1].isupper() and w[1:].islower() for w in parts)
            and not any(w.lower() in org_words for w in parts))
