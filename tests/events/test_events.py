"""Events: counts with their qualifiers, roles, and dates resolved against the publication date."""
import datetime as dt

import pytest

from extraction import run
from kg.events.verbs import resolve_date

COUNTS = [
    # (sentence, event class, count, qualifier)
    ("Police said nearly 8,000 people were arrested.", "Arrest", 8000, "nearly"),
    ("Officials say more than 160 people have been killed.", "Killing", 160, "more than"),
    ("The CSTO sent 2,300 troops to Kazakhstan.", "Deployment", 2300, None),
    ("Russia sent about 1.5 million soldiers to the front.", "Deployment", 1500000, "about"),
    ("Police detained two protesters.", "Arrest", 2, None),
]


@pytest.mark.parametrize("sentence, etype, count, qualifier", COUNTS, ids=[c[0][:30] for c in COUNTS])
def test_counts(sentence, etype, count, qualifier):
    """A counted noun on an event verb gives the event a count and its qualifier."""
    events = [e for e in run(sentence).events if e.etype == etype]
    assert [(e.count, e.count_qualifier) for e in events] == [(count, qualifier)]


@pytest.mark.parametrize("sentence, killings", [
    ("Chelsea beat Arsenal 2-1 at Stamford Bridge.", 0),              # a match won, no killing
    ("Mark Chapman stabbed John Lennon in the arm in New York.", 0),
    ("Mark Chapman stabbed John Lennon to death in New York.", 1),
])
def test_a_verb_that_needs_a_death_makes_a_killing_only_with_one(sentence, killings):
    """"beat" and "stab" are killings only with "dead" or "to death", as events as in relations ("shoot"
    is an attack in events.toml)."""
    assert len([e for e in run(sentence).events if e.etype == "Killing"]) == killings


def test_roles():
    """The subject is the agent, the object the patient, "to X" the place."""
    [e] = run("The CSTO sent 2,300 troops to Kazakhstan.").events
    assert e.agent.name == "Collective Security Treaty Organization" and e.place.name == "Kazakhstan"
    [a] = run("Tokayev arrested Karim Masimov in Almaty.").events
    assert (a.agent.name, a.patient.name, a.place.name) == ("Tokayev", "Karim Masimov", "Almaty")


def test_a_participle_after_a_preposition_has_no_agent():
    """"founded by assassinated former prime minister Rafik Hariri": the killing's patient is Hariri, and
    the company the parse made the participle's subject is no killer."""
    [e] = [e for e in run("Shares in Solidere, the Lebanese company founded by assassinated former prime "
                          "minister Rafik Hariri, fell 15% in renewed trading in Beirut.").events if e.etype == "Killing"]
    assert e.agent is None and e.patient.name == "Rafik Hariri"


@pytest.mark.parametrize("text, published, expected", [
    ("Monday", dt.date(2022, 1, 10), "2022-01-10"),      # the publication day itself is a Monday
    ("Monday", dt.date(2022, 1, 12), "2022-01-10"),      # the Monday before a Wednesday
    ("on Friday", dt.date(2022, 1, 10), "2022-01-07"),
    ("yesterday", dt.date(2022, 1, 10), "2022-01-09"),
    ("2019", None, "2019"),
    ("January 5, 2022", None, "2022-01-05"),
    ("Monday", None, None),                              # no publication date: a weekday stays unresolved
    ("last week", dt.date(2022, 1, 10), None),           # too vague for a date
])
def test_dates(text, published, expected):
    """Relative dates resolve against the publication date; vague ones are left out."""
    assert resolve_date(text, published) == expected


def test_event_date_from_the_sentence():
    """An event verb's date adverbial becomes the event's date."""
    [e] = run("Police arrested John Smith in London on Monday.", date="2022-01-12").events
    assert e.date == "2022-01-10"


def test_negated_and_hedged_events_are_flagged_not_asserted():
    """"did not send" and "may send" are events the article does not assert: negated, or with a modality."""
    [e] = run("Russia did not send troops to Belarus.").events
    assert (e.etype, e.negated, e.modality, e.asserted) == ("Deployment", True, None, False)
    [e] = run("Russia may send 3,000 troops to Belarus.").events
    assert (e.etype, e.negated, e.modality, e.asserted) == ("Deployment", False, "possible", False)
    [e] = run("John Smith will appear in court on Friday.").events
    assert (e.modality, e.asserted) == ("planned", False)
