"""The event taxonomy (kg/lexicon/taxonomy.toml, kg/events/taxonomy.py): PLOVER's types with their
CAMEO codes, the ontology's event classes the same as the file's, the class each verb, phrasal verb and
noun reports, and a broken file (a lemma listed twice, a misspelled key, a PLOVER type a parent
contradicts) refused through the same loader."""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from kg.events import taxonomy
from kg.events.taxonomy import ancestors, classes, event_class, get, noun_class, read, verb_rules
from kg.lexicon import HOME, load
from kg.lexicon.schema import LexiconError

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology" / "newskg.ttl"
NKG = "https://newskg.dev/ontology#"

# PLOVER's 16 types, the class of each, and its CAMEO codes (PLOVER's CAMEO2PLOVER-2021 table)
PLOVER = [
    ("AGREE", "Agree", ("03",)), ("CONSULT", "Consult", ("04",)), ("SUPPORT", "Support", ("05",)),
    ("CONCEDE", "Concede", ("080", "081", "082", "083")), ("COOPERATE", "Cooperate", ("06",)),
    ("AID", "Aid", ("07",)), ("RETREAT", "Retreat", ("084", "085", "086", "087", "0813", "0814")),
    ("REQUEST", "Request", ("10",)), ("ACCUSE", "Accuse", ("09", "11")), ("REJECT", "Reject", ("12",)),
    ("THREATEN", "Threaten", ("13",)), ("PROTEST", "Protest", ("14",)), ("SANCTION", "Sanction", ("16",)),
    ("MOBILIZE", "Mobilize", ("15",)), ("COERCE", "Coerce", ("17", "163", "191", "192")),
    ("ASSAULT", "Assault", ("18", "19", "20", "1712", "175")),
]

# The classes with no PLOVER type, each because it or a parent says why (no_plover)
OUTSIDE_PLOVER = {"Contest", "Win", "Lose", "Succession", "Elect", "Appoint", "TakeOffice", "LegalProceeding",
                  "Acquit", "Rule", "Appeal", "Business", "Acquire", "Sell", "Pay", "Hire", "Dismiss",
                  "ReportResults", "Travel", "Announce", "Launch", "Die"}

# The event classes the extractor wrote before the taxonomy, and where they are now
TODAY = {"Protest": None, "Arrest": "Coerce", "Killing": "Assault", "Deployment": "Mobilize",
         "Attack": "Assault", "Meeting": "Consult", "Succession": None}

VERBS = [
    # (lemma, particle, lemmas of its dependents, class)
    ("arrest", None, (), "Arrest"), ("detain", None, (), "Arrest"), ("lock", "up", (), "Arrest"),
    ("resign", None, (), "Resign"), ("step", "down", (), "Resign"), ("stand", "down", (), "Resign"),
    ("acquire", None, (), "Acquire"), ("buy", "out", (), "Acquire"), ("take", "over", (), "Acquire"),
    ("take", "over", ("as", "president"), "TakeOffice"), ("swear", "in", (), "TakeOffice"),
    ("win", None, (), "Win"), ("beat", None, ("arsenal",), "Win"), ("beat", None, ("death",), "Killing"),
    ("stab", None, (), "Assault"), ("stab", None, ("to", "death"), "Killing"), ("kill", None, (), "Killing"),
    ("shoot", None, (), "Attack"), ("shoot", None, ("dead",), "Killing"), ("fire", None, (), "Dismiss"),
    ("fire", None, ("rocket",), "Attack"), ("lay", "off", (), "Dismiss"), ("sell", "off", (), "Sell"),
    ("hand", "over", (), "Succession"), ("succeed", None, (), "Succession"), ("take", "on", (), "Hire"),
    ("sign", None, (), "Support"), ("back", None, (), "Support"), ("back", "down", (), "Concede"),
    ("rule", "out", (), "Reject"), ("rule", None, ("that",), "Rule"), ("find", None, ("guilty",), "Convict"),
    ("appeal", None, ("for", "calm"), "Request"), ("appeal", None, ("verdict",), "Appeal"),
    ("dismiss", None, ("claim",), "Reject"), ("dismiss", None, ("manager",), "Dismiss"),
    ("pass", "away", (), "Die"), ("pass", None, ("power",), "Succession"), ("die", None, (), "Die"),
    ("send", None, ("troop",), "Deployment"), ("send", "in", ("troops",), "Deployment"), ("meet", None, (), "Meeting"),
    ("visit", None, (), "Visit"), ("protest", None, (), "Protest"), ("sanction", None, (), "Sanction"),
    ("call", "for", (), "Request"), ("announce", None, (), "Announce"), ("post", None, ("loss",), "ReportResults"),
    ("elect", None, (), "Elect"), ("appoint", None, (), "Appoint"), ("charge", None, (), "Charge"),
    ("sue", None, (), "Sue"), ("merge", None, (), "Merge"), ("invest", None, (), "Invest"), ("pay", None, (), "Pay"),
]
NOT_EVENTS = [("say", None, ()), ("rule", None, ("country",)), ("try", None, ("to",)), ("post", None, ("photo",)),
              ("step", None, ()), ("take", None, ()), ("find", None, ("body",))]

NOUNS = [("arrest", "Arrest"), ("detention", "Arrest"), ("resignation", "Resign"), ("takeover", "Acquire"),
         ("election", "Elect"), ("death", "Die"), ("killing", "Killing"), ("summit", "Meeting"),
         ("crackdown", "Coerce"), ("lawsuit", "Sue"), ("merger", "Merge"), ("ceasefire", "Retreat")]


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _local(term) -> str:
    return str(term)[len(NKG):]


# --- PLOVER and CAMEO --------------------------------------------------------------------------------

@pytest.mark.parametrize("code,name,cameo", PLOVER, ids=[p[0] for p in PLOVER])
def test_each_plover_type_is_a_top_level_class_with_its_cameo_codes(code, name, cameo):
    cls = get(name)
    assert (cls.parent, cls.plover, cls.plover_class, cls.cameo) == (None, code, name, cameo)


def test_the_plover_types_are_plovers_sixteen():
    assert tuple(load("taxonomy")["plover_types"]) == tuple(p[0] for p in PLOVER)
    assert [c.name for c in classes() if c.parent is None and c.plover] == [p[1] for p in PLOVER]


def test_every_class_has_a_plover_type_or_a_reason_for_none():
    """A class has a PLOVER type, its own or a parent's; the rest are exactly the news PLOVER leaves out,
    and each of those says why, itself or through a parent."""
    assert {c.name for c in classes() if c.plover is None} == OUTSIDE_PLOVER
    table = load("taxonomy")["class"]
    for name in OUTSIDE_PLOVER:
        assert any("no_plover" in table[n] for n in (name, *ancestors(name))), name


def test_a_class_below_a_plover_type_has_that_type():
    for c in classes():
        typed = [get(a).plover for a in ancestors(c.name) if get(a).plover]
        assert all(t == c.plover for t in typed), c.name
        if c.plover:
            assert get(c.plover_class).plover == c.plover and get(c.plover_class).parent is None


def _cameo_type(code: str) -> str | None:
    """The PLOVER type of a CAMEO code: that of the PLOVER class with the longest code it starts with."""
    found = [(len(k), t) for t, name, codes in PLOVER for k in codes if code.startswith(k)]
    return max(found)[1] if found else None


@pytest.mark.parametrize("cls", classes(), ids=lambda c: c.name)
def test_a_class_cameo_codes_are_of_its_plover_type(cls):
    """Arrest's 173 is below COERCE's 17; Announce's 010 is CAMEO 01, which PLOVER drops."""
    for code in cls.cameo:
        assert _cameo_type(code) == cls.plover, (cls.name, code)


def test_the_cameo_check_can_fail():
    assert _cameo_type("173") == "COERCE" and _cameo_type("163") == "COERCE" and _cameo_type("161") == "SANCTION"
    assert _cameo_type("010") is None and _cameo_type("186") != "COERCE"


# --- the ontology ----------------------------------------------------------------------------------

def test_the_ontologys_event_classes_are_the_taxonomys():
    g = _ontology()
    below = {_local(s) for s in g.transitive_subjects(RDFS.subClassOf, URIRef(NKG + "Event"))} - {"Event"}
    assert below == {c.name for c in classes()}


@pytest.mark.parametrize("cls", classes(), ids=lambda c: c.name)
def test_a_class_is_in_the_ontology_with_its_parent_label_and_codes(cls):
    g, node = _ontology(), URIRef(NKG + cls.name)
    assert (node, RDF.type, OWL.Class) in g
    above = {cls.parent or "Event"}
    if cls.plover_class not in (None, cls.name, *ancestors(cls.name)):
        above.add(cls.plover_class)       # Resign: a Succession, and PLOVER's RETREAT
    assert {_local(o) for o in g.objects(node, RDFS.subClassOf)} == above
    assert [str(x) for x in g.objects(node, RDFS.label)] == [cls.label]
    assert {str(x) for x in g.objects(node, URIRef(NKG + "ploverCode"))} == ({cls.plover} if cls.plover else set())
    assert {str(x) for x in g.objects(node, URIRef(NKG + "ploverMode"))} == (
        {cls.plover_mode} if cls.plover_mode else set())
    assert {str(x) for x in g.objects(node, URIRef(NKG + "cameoCode"))} == set(cls.cameo)


def test_the_codes_find_events_by_plover_type():
    """What the README's query does: a class by its code, then its subclasses."""
    g = _ontology()
    rows = g.query('SELECT DISTINCT ?cls WHERE { ?top nkg:ploverCode "ASSAULT" . ?cls rdfs:subClassOf* ?top }',
                   initNs={"nkg": NKG, "rdfs": RDFS})
    assert {_local(r.cls) for r in rows} == {"Assault", "Attack", "Killing"}
    assert (URIRef(NKG + "Resign"), URIRef(NKG + "ploverCode"), Literal("RETREAT")) in g


# --- words ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lemma,particle,words,expected", VERBS,
                         ids=[" ".join(filter(None, (v[0], v[1], *v[2]))) for v in VERBS])
def test_a_verb_reports_its_class(lemma, particle, words, expected):
    found = event_class(lemma, particle, words)
    assert found is not None and found.name == expected


@pytest.mark.parametrize("lemma,particle,words", NOT_EVENTS)
def test_a_word_that_reports_no_event(lemma, particle, words):
    assert event_class(lemma, particle, words) is None


@pytest.mark.parametrize("lemma,expected", NOUNS)
def test_a_noun_names_its_class(lemma, expected):
    assert noun_class(lemma).name == expected


def test_a_conditional_verb_has_its_condition_first():
    rules = verb_rules("beat")
    assert [r.event.name for r in rules] == ["Killing", "Win"]
    assert rules[0].requires == {"dead", "death"} and not rules[1].requires


def test_ancestors_run_up_to_event():
    assert ancestors("Killing") == ("Assault",)
    assert ancestors("Resign") == ("Succession",)
    assert ancestors("Agree") == ()
    with pytest.raises(KeyError):
        ancestors("Meet")


@pytest.mark.parametrize("name,parent", TODAY.items())
def test_todays_classes_are_kept(name, parent):
    assert get(name).parent == parent


# the event verbs of kg/lexicon/events.toml before the taxonomy replaced them, and the words they needed
OLD_EVENT_VERBS = {"arrest": "Arrest", "detain": "Arrest", "jail": "Arrest", "kill": "Killing", "murder": "Killing", "die": "Killing", "shoot": "Attack", "attack": "Attack", "storm": "Attack", "invade": "Attack", "deploy": "Deployment", "send": "Deployment", "dispatch": "Deployment", "protest": "Protest", "demonstrate": "Protest", "rally": "Protest", "meet": "Meeting", "succeed": "Succession", "imprison": "Arrest", "apprehend": "Arrest", "capture": "Arrest", "assassinate": "Killing", "execute": "Killing", "slay": "Killing", "beat": "Killing", "stab": "Killing", "bomb": "Attack", "raid": "Attack", "shell": "Attack", "strike": "Attack", "hand": "Succession", "pass": "Succession", "transfer": "Succession", "cede": "Succession"}
OLD_REQUIRES = {"beat": ["dead", "death"], "stab": ["dead", "death"]}


def test_the_old_event_verbs_keep_their_class():
    """Every verb of events.toml reports the same class here, but "die": a death is a Die, and only a
    death someone caused a Killing; and the verbs that now need a word to be that class ("sent troops",
    "handed power to", "demonstrated against"), which "sent a letter" or "passed the law" lack."""
    moved = {lemma: get(etype).name for lemma, etype in OLD_EVENT_VERBS.items()
             if event_class(lemma, None, OLD_REQUIRES.get(lemma, ())) != get(etype)}
    assert moved == {"die": "Killing", "send": "Deployment", "dispatch": "Deployment", "demonstrate": "Protest",
                     "hand": "Succession", "pass": "Succession", "transfer": "Succession"}
    assert event_class("die").name == "Die" and event_class("send", None, ("troop",)).name == "Deployment"


# --- a broken file, through the same loader ---------------------------------------------------------

SHIPPED = (HOME / "taxonomy.toml").read_text(encoding="utf-8")
ARREST_VERBS = 'verbs = ["arrest", "detain", "jail"'


@pytest.mark.parametrize("old,new,message", [
    (ARREST_VERBS, 'verbs = ["arrest", "kill", "jail"', "[class.Killing]: 'kill' is listed by Arrest already"),
    ('phrasal = ["lock up", "round up"]', 'phrasal = ["lock up", "step down"]',
     "[class.Resign]: 'step down' is listed by Arrest already"),
    ('nouns = ["arrest", "detention"', 'nouns = ["arrest", "resignation"',
     "[class.Resign]: noun 'resignation' is listed by Arrest already"),
    ("[class.Arrest]\nlabel", "[class.Arrest]\nrequires_word = { fire = [\"dead\"] }\nlabel",
     "[class.Attack]: requires_word 'fire': Arrest has a condition on it already"),
    ("[class.Arrest]\nlabel", "[class.Arrest]\nnuons = []\nlabel", "[class.Arrest]: unknown key 'nuons'"),
    ('parent = "Coerce"', 'parent = "Coerse"', "[class.Arrest]: parent 'Coerse' is no class"),
    ("[class.Coerce]\nlabel", '[class.Coerce]\nparent = "Arrest"\nlabel', "its parents run in a circle"),
    ('parent = "Coerce"', 'parent = "Coerce"\nplover = "ASSAULT"',
     "[class.Arrest]: plover 'ASSAULT' contradicts 'COERCE', which it has from 'Coerce'"),
    ('no_plover = "a death is', 'plover_mode = "die"\n# "', "[class.Die]: no PLOVER type"),
    ('plover = "AGREE"', 'plover = "AGREED"', "[class.Agree]: plover 'AGREED' is no PLOVER type"),
    ('plover = "AGREE"', 'no_plover = "none"', "no top-level class for the PLOVER type AGREE"),
    ('cameo = ["173"]', 'cameo = ["17"]', "[class.Arrest]: CAMEO code '17' is Coerce's already"),
    ('cameo = ["173"]', 'cameo = ["17x"]', "[class.Arrest]: CAMEO code '17x' is not 2 to 4 digits"),
    ('label = "arrest"', 'label = "killing"', "[class.Killing]: label 'killing' is Arrest's already"),
    (ARREST_VERBS, 'verbs = ["arrest", "lock up", "jail"', "verbs hold one word"),
    (ARREST_VERBS, 'verbs = ["Arrest", "detain", "jail"', "'Arrest' is not a lower-case verb"),
    ("[class.Arrest]\nlabel", "[class.Arrest]\nrequires_word = { arrest = [\"x\"] }\nlabel",
     "'arrest' is in its verbs and its requires_word"),
])
def test_a_broken_file_is_refused(tmp_path, old, new, message):
    assert old in SHIPPED
    path = tmp_path / "taxonomy.toml"
    path.write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        read(path)
    assert str(err.value).startswith("taxonomy.toml: ") and message in str(err.value)


def test_the_shipped_file_reads_through_the_same_loader(tmp_path):
    path = tmp_path / "taxonomy.toml"
    path.write_text(SHIPPED, encoding="utf-8")
    assert read(path) == taxonomy.taxonomy()
