"""Tests for kg.lexicon.gazetteer and the lexicon data files it reads (kg/lexicon/*.toml)."""
from __future__ import annotations

import tomllib
import unicodedata
from collections import defaultdict

import pytest

from kg import ids
from kg.lexicon.gazetteer import (
    ENTITY_CLASSES, LEXICON_DIR, ORG_CLASSES, PLACE_CLASSES, GazEntry, Gazetteer, demonym_plural,
    is_acronym, simple_tokenize, slug,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _toml(name: str) -> dict:
    with (LEXICON_DIR / name).open("rb") as fh:
        return tomllib.load(fh)


# ------------------------------------------------------------------------------------------------
# lookup

LOOKUPS = [
    # text, canonical name, class
    ("the CSTO", "Collective Security Treaty Organization", "Alliance"),
    ("CSTO", "Collective Security Treaty Organization", "Alliance"),
    ("OTSC", "Collective Security Treaty Organization", "Alliance"),
    ("ODKB", "Collective Security Treaty Organization", "Alliance"),
    ("collective security treaty", "Collective Security Treaty Organization", "Alliance"),
    ("Collective Security Treaty Organisation", "Collective Security Treaty Organization", "Alliance"),
    ("Kazakhstan's", "Kazakhstan", "Country"),
    ("Kazakhstan’s", "Kazakhstan", "Country"),
    ("KAZAKHSTAN", "Kazakhstan", "Country"),
    ("Kazakstan", "Kazakhstan", "Country"),
    ("Kirghizia", "Kyrgyzstan", "Country"),
    ("Russian Federation", "Russia", "Country"),
    ("U.S.", "United States", "Country"),
    ("US", "United States", "Country"),
    ("USA", "United States", "Country"),
    ("America", "United States", "Country"),
    ("the United States", "United States", "Country"),
    ("UK", "United Kingdom", "Country"),
    ("Great Britain", "United Kingdom", "Country"),
    ("Britain's", "United Kingdom", "Country"),
    ("Republic of Korea", "South Korea", "Country"),
    ("Philippines'", "Philippines", "Country"),
    ("Côte d'Ivoire", "Ivory Coast", "Country"),
    ("Cote d’Ivoire", "Ivory Coast", "Country"),
    ("Kiev", "Kyiv", "City"),
    ("Kyiv", "Kyiv", "City"),
    ("Nur-Sultan", "Astana", "City"),
    ("Alma-Ata", "Almaty", "City"),
    ("St Petersburg", "Saint Petersburg", "City"),
    ("St. Petersburg", "Saint Petersburg", "City"),
    ("Sao Paulo", "São Paulo", "City"),
    ("The Hague", "The Hague", "City"),
    ("Hong Kong", "Hong Kong", "Region"),
    ("Donbass", "Donbas", "Region"),
    ("Central Asia", "Central Asia", "Region"),
    ("the Kremlin", "Kremlin", "GovernmentBody"),
    ("The White House", "White House", "GovernmentBody"),
    ("NATO", "NATO", "Alliance"),
    ("Nato", "NATO", "Alliance"),
    ("OTAN", "NATO", "Alliance"),
    ("U.N.", "United Nations", "Organization"),
    ("ONU", "United Nations", "Organization"),
    ("UN Security Council", "United Nations Security Council", "Organization"),
    ("EU", "European Union", "Organization"),
    ("FSB", "FSB", "SecurityForce"),
    ("ISIS", "Islamic State", "Organization"),
    ("Daesh", "Islamic State", "Organization"),
    ("the Associated Press", "Associated Press", "MediaOrganization"),
    ("AP", "Associated Press", "MediaOrganization"),
    ("the Guardian", "The Guardian", "MediaOrganization"),
    ("New York Times", "The New York Times", "MediaOrganization"),
    ("TimeWarner", "Time Warner", "Company"),
    ("Facebook", "Meta", "Company"),
    ("Man Utd", "Manchester United", "Organization"),       # a club, whatever the NER says
    ("Real Madrid", "Real Madrid", "Organization"),
    # firms and bodies the NER calls people or places ("Ericsson of Sweden", "Capgemini's head")
    ("Ericsson", "Ericsson", "Company"),
    ("Capgemini's", "Capgemini", "Company"),
    ("PwC", "PricewaterhouseCoopers", "Company"),
    ("Oxfam", "Oxfam", "Organization"),
    ("Wada", "World Anti-Doping Agency", "Organization"),
    ("Ofcom", "Ofcom", "GovernmentBody"),
    # forms that lookup resolves although the ruler leaves them out as ambiguous
    ("Jordan", "Jordan", "Country"),
    ("Georgia", "Georgia", "Country"),
    # an abbreviation whose period the tokenizer took ("St. Albans , Vt ."): "Vt" is "Vt."
    ("Vt", "Vermont", "Region"),
    ("Conn", "Connecticut", "Region"),
]


@pytest.mark.parametrize(("text", "name", "etype"), LOOKUPS)
def test_lookup(gaz, text, name, etype):
    """lookup() resolves names, aliases and acronyms to the canonical entry, ignoring a leading
    "the", a trailing possessive and (except for acronyms) case."""
    entry = gaz.lookup(text)
    assert entry is not None, text
    assert (entry.name, entry.etype) == (name, etype)


NOT_ENTITIES = [
    "us",          # the pronoun is not the US
    "Us",
    "u.s.",
    "IS",          # left out on purpose: a verb in all-caps headlines; use ISIS/ISIL/Daesh
    "is",
    "who",         # WHO only in capitals
    "Who",
    "eu",
    "male",        # not Malé
    "oral",        # not the city Oral/Uralsk
    "Korea",       # North or South: ambiguous, left out
    "Congo",       # two countries: ambiguous, left out
    "IRAN'S OIL",
    "the",
    "",
    "   ",
]


@pytest.mark.parametrize("text", NOT_ENTITIES)
def test_lookup_ambiguity_guards(gaz, text):
    """Lowercase or mixed-case spellings of acronyms, English words and deliberately omitted
    ambiguous names (IS, Korea, Congo) resolve to nothing."""
    assert gaz.lookup(text) is None


def test_acronyms_are_case_sensitive_but_names_are_not(gaz):
    """An acronym matches only in capitals; a full name in any case."""
    assert gaz.lookup("WHO").name == "World Health Organization"
    assert gaz.lookup("who") is None
    assert gaz.lookup("world health organization").name == "World Health Organization"
    assert gaz.lookup("CIA").name == "CIA"
    assert gaz.lookup("cia") is None


# ------------------------------------------------------------------------------------------------
# demonyms

DEMONYMS = [
    ("Kazakh", "Kazakhstan"),
    ("Kazakhs", "Kazakhstan"),
    ("Kazakhstani", "Kazakhstan"),
    ("Russian", "Russia"),
    ("Russians", "Russia"),
    ("Russian-led", "Russia"),
    ("Russian-backed", "Russia"),
    ("Russian–led", "Russia"),         # en dash
    ("American", "United States"),
    ("Americans", "United States"),
    ("US-led", "United States"),        # a country name or acronym before -led
    ("Kazakhstan-based", "Kazakhstan"),
    ("British", "United Kingdom"),
    ("Britons", "United Kingdom"),
    ("Belarusian", "Belarus"),
    ("Belorussian", "Belarus"),
    ("Kyrgyz", "Kyrgyzstan"),
    ("Kirghiz", "Kyrgyzstan"),
    ("Tajik", "Tajikistan"),
    ("Armenian", "Armenia"),
    ("Ukrainian", "Ukraine"),
    ("Ukrainians", "Ukraine"),
    ("Chinese", "China"),
    ("French", "France"),
    ("Frenchmen", "France"),
    ("South Korean", "South Korea"),
    ("Filipinos", "Philippines"),
    ("Scottish", "Scotland"),
    ("European", "Europe"),
    ("Palestinian", "Palestine"),
    ("Soviet", "Soviet Union"),
    # not demonyms of one place
    ("pro-Russian", None),
    ("Russian-Ukrainian", None),
    ("Moscow-backed", None),            # a city, not a demonym or country
    ("polish", None),                   # demonyms are capitalised
    ("Korean", None),                   # North or South: ambiguous, left out
    ("Congolese", None),
    ("Kazakhstan", None),               # a name, not a demonym
    ("Philippines", None),              # not the plural of "Philippine"
]


@pytest.mark.parametrize(("word", "country"), DEMONYMS)
def test_country_of_demonym(gaz, word, country):
    """country_of_demonym() maps a capitalised demonym, its regular plural, or the first part of
    an "X-led"/"X-backed"/"X-based" compound to the place; anything else gives None."""
    entry = gaz.country_of_demonym(word)
    assert (entry.name if entry else None) == country


# ------------------------------------------------------------------------------------------------
# transliterations

TRANSLITERATIONS = [
    ("Vladimir Poutine", "Vladimir Putin"),
    ("Poutine", "Putin"),
    ("POUTINE", "Putin"),
    ("Poutine's", "Putin's"),
    ("Boris Eltsine", "Boris Yeltsin"),
    ("Mikhaïl Gorbatchev", "Mikhail Gorbachev"),
    ("Nikita Khrouchtchev", "Nikita Khrushchev"),
    ("Volodymyr Zelenskiy", "Volodymyr Zelensky"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
    ("Wolodymyr Selenskyj", "Volodymyr Zelensky"),
    ("Mouammar Kadhafi", "Muammar Gaddafi"),
    ("Muammar Qaddafi", "Muammar Gaddafi"),
    ("Alexandre Loukachenko", "Alexandre Lukashenko"),   # given names of other languages are kept
    ("Noursoultan Nazarbaïev", "Nursultan Nazarbayev"),
    ("Nursultan Nazarbaev", "Nursultan Nazarbayev"),
    ("Kassym-Jomart Tokaev", "Kassym-Jomart Tokayev"),
    ("Kassym-Jomart Tokaïev", "Kassym-Jomart Tokayev"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ("Benyamin Netanyahou", "Benjamin Netanyahu"),
    ("Bachar el-Assad", "Bashar al-Assad"),
    ("Ali Khameneï", "Ali Khamenei"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("Mao Tse-tung", "Mao Zedong"),
    ("Mao Tsé-toung", "Mao Zedong"),
    ("Oussama Ben Laden", "Osama bin Laden"),
    # already English: unchanged
    ("Vladimir Putin", "Vladimir Putin"),
    ("Xi Jinping", "Xi Jinping"),
    ("Angela Merkel", "Angela Merkel"),
    ("Emmanuel Macron", "Emmanuel Macron"),
    ("Barack Obama", "Barack Obama"),
    ("Joe Biden", "Joe Biden"),
    ("Donald Trump", "Donald Trump"),
    ("Zine el-Abidine Ben Ali", "Zine el-Abidine Ben Ali"),  # "Ben" alone is not rewritten
]


@pytest.mark.parametrize(("name", "expected"), TRANSLITERATIONS)
def test_transliterate(gaz, name, expected):
    """transliterate() replaces each known variant token or phrase (case- and accent-insensitive)
    with the English news spelling and leaves every other token alone."""
    assert gaz.transliterate(name) == expected


def test_transliteration_values_are_fixed_points(gaz):
    """Transliterating an English spelling from the table leaves it unchanged."""
    data = _toml("transliterations.toml")
    values = {v for table in data.values() for v in table.values()}
    moved = {v: gaz.transliterate(v) for v in values if gaz.transliterate(v) != v}
    assert not moved, moved


def test_transliteration_keys_are_unique_after_folding():
    """No variant (compared case- and accent-insensitively) maps to two spellings, and no key is a
    mere restatement of its value."""
    data = _toml("transliterations.toml")
    assert set(data) == {"tokens", "phrases"}
    seen: dict[str, str] = {}
    problems = []
    for table in data.values():
        for key, value in table.items():
            folded = _fold(key)
            if folded in seen and seen[folded] != value:
                problems.append((key, seen[folded], value))
            seen[folded] = value
            if key == value:
                problems.append((key, value))
    for key in data["tokens"]:
        if " " in key.strip():
            problems.append(("multi-word key in [tokens]", key))
    assert not problems, problems


# ------------------------------------------------------------------------------------------------
# data integrity

def test_every_entry_has_a_valid_class(gaz):
    """Every entry's class is one of the ontology's entity classes (places and organisations)."""
    bad = [(e.name, e.etype) for e in gaz.entries()
           if e.etype not in ENTITY_CLASSES or e.etype not in PLACE_CLASSES | ORG_CLASSES]
    assert not bad, bad


def test_entry_counts(gaz):
    """The lexicon covers every UN member state, ~300+ cities, regions and ~120+ organisations."""
    counts = defaultdict(int)
    for e in gaz.entries():
        counts[e.etype] += 1
    assert counts["Country"] >= 193 + 3          # UN members + Kosovo, Taiwan, Palestine...
    assert counts["City"] >= 300
    assert counts["Region"] >= 50
    assert sum(counts[c] for c in ORG_CLASSES) >= 120
    assert all(counts[c] for c in ORG_CLASSES), dict(counts)


def test_ids_are_unique(gaz):
    """Canonical names have distinct slugs, so pattern ids identify one entry."""
    by_id = defaultdict(list)
    for e in gaz.entries():
        by_id[e.id].append(f"{e.etype}:{e.name}")
    dupes = {k: v for k, v in by_id.items() if len(v) > 1}
    assert not dupes, dupes
    assert gaz.by_id("collective-security-treaty-organization").name == \
        "Collective Security Treaty Organization"


def test_no_alias_maps_to_two_entries(gaz):
    """No surface form names two entries: acronyms compared exactly, other forms case-insensitively,
    an acronym against other entries' forms case-insensitively, demonyms (with plurals) among
    themselves and against names. Fails listing every clash."""
    exact: dict[str, set[str]] = defaultdict(set)
    folded: dict[str, set[str]] = defaultdict(set)
    demonyms: dict[str, set[str]] = defaultdict(set)
    for e in gaz.entries():
        for form in e.forms:
            norm = " ".join(form.replace("’", "'").split())
            variants = {norm, norm[4:]} if norm.lower().startswith("the ") else {norm}
            for v in variants:
                (exact if is_acronym(v) else folded)[v if is_acronym(v) else v.casefold()].add(e.id)
        for d in e.demonyms:
            for f in filter(None, (d, demonym_plural(d))):
                demonyms[f.casefold()].add(e.id)
    clashes = {f"name {k!r}": v for k, v in folded.items() if len(v) > 1}
    clashes |= {f"acronym {k!r}": v for k, v in exact.items() if len(v) > 1}
    for k, ids in exact.items():
        other = folded.get(k.casefold(), set()) - ids
        if other:
            clashes[f"acronym {k!r} vs name"] = ids | other
    clashes |= {f"demonym {k!r}": v for k, v in demonyms.items() if len(v) > 1}
    names = set(folded) | {k.casefold() for k in exact}
    clashes |= {f"demonym {k!r} is also a name": v for k, v in demonyms.items() if k in names}
    assert not clashes, "\n" + "\n".join(f"{k}: {sorted(v)}" for k, v in sorted(clashes.items()))
    assert gaz.clashes() == {}


def test_references_resolve(gaz):
    """Every `country` names a Country entry; every capital is a City of that country (a city-state
    names itself); ambiguous forms are forms of their entry."""
    countries = {e.name: e for e in gaz.entries() if e.etype == "Country"}
    cities = {e.name: e for e in gaz.entries() if e.etype == "City"}
    problems = []
    for e in gaz.entries():
        if e.country is not None and e.country not in countries:
            problems.append((e.name, "country", e.country))
        for form in e.ambiguous:
            if form not in e.forms:
                problems.append((e.name, "ambiguous", form))
        if e.etype == "Country" and e.capital:
            city = cities.get(e.capital)
            if e.capital == e.name:
                continue
            if city is None or city.country != e.name:
                problems.append((e.name, "capital", e.capital))
    assert not problems, problems
    assert countries["Kazakhstan"].capital == "Astana"
    assert cities["Almaty"].country == "Kazakhstan"


def test_toml_schema_and_sorting():
    """The TOML tables use only known keys, and entries are sorted by name (cities by country,
    organisations by class) so the files stay readable."""
    allowed = {
        "country": {"name", "aliases", "acronyms", "demonyms", "capital", "ambiguous"},
        "region": {"name", "country", "aliases", "acronyms", "demonyms", "ambiguous"},
        "city": {"name", "country", "aliases", "ambiguous"},
        "organization": {"name", "class", "country", "acronyms", "aliases", "ambiguous"},
    }
    places, orgs = _toml("places.toml"), _toml("organizations.toml")
    assert set(places) == {"country", "region", "city"}
    assert set(orgs) == {"organization"}
    problems = []
    for doc in (places, orgs):
        for table, rows in doc.items():
            for row in rows:
                extra = set(row) - allowed[table]
                if extra or "name" not in row:
                    problems.append((table, row.get("name"), extra))
                for key in ("aliases", "acronyms", "demonyms", "ambiguous"):
                    if not all(isinstance(x, str) and x.strip() for x in row.get(key, [])):
                        problems.append((table, row.get("name"), key))
    assert not problems, problems

    def key(s):
        return _fold(s)
    for table in ("country", "region"):
        names = [key(r["name"]) for r in places[table]]
        assert names == sorted(names), table
    city_keys = [(key(r["country"]), key(r["name"])) for r in places["city"]]
    assert city_keys == sorted(city_keys)
    classes = []
    for r in orgs["organization"]:
        if r["class"] not in classes:
            classes.append(r["class"])
        assert set(classes) <= ORG_CLASSES
    org_keys = [(classes.index(r["class"]), key(r["name"])) for r in orgs["organization"]]
    assert org_keys == sorted(org_keys)


def test_slug_matches_iris():
    """The gazetteer's ids and the entities' IRIs come from one function, kg.ids.slug."""
    iris = pytest.importorskip("kg.rdf.iris")
    assert slug is iris.slug is ids.slug
    for text in ("Kassym-Jomart Tokayev", "São Paulo", "Foreign, Commonwealth and Development Office",
                 "al-Qaeda", "Côte d'Ivoire", "G7", "Владимир Путин"):
        assert str(iris.entity("Person", text)).endswith("/" + slug(text))


def test_gazentry_is_frozen():
    """GazEntry is an immutable value object."""
    e = GazEntry("Kazakhstan", "Country", ("Kazakstan",))
    with pytest.raises(AttributeError):
        e.name = "x"  # type: ignore[misc]
    assert e.country is None and e.demonyms == ()


def test_gazetteer_does_not_import_spacy_or_rdflib():
    """kg/lexicon/gazetteer.py stays free of spaCy and rdflib imports."""
    source = (LEXICON_DIR / "gazetteer.py").read_text(encoding="utf-8")
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith(("import ", "from ")):
            assert "spacy" not in stripped and "rdflib" not in stripped, stripped


def test_load_is_cached():
    """Gazetteer.load() returns the same object on repeated calls."""
    assert Gazetteer.load() is Gazetteer.load()


# ------------------------------------------------------------------------------------------------
# EntityRuler patterns

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp(gaz):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(gaz.ruler_patterns())
    return nlp


def test_simple_tokenize_matches_spacy(gaz):
    """The built-in tokenizer splits every lexicon form exactly as spaCy's English tokenizer does,
    so the default token patterns line up with real documents."""
    tokenizer = spacy.blank("en").tokenizer
    forms = set()
    for e in gaz.entries():
        forms.update(e.forms)
        forms.update(e.demonyms)
        forms.update(filter(None, (demonym_plural(d) for d in e.demonyms)))
    diffs = [(f, simple_tokenize(f), [t.text for t in tokenizer(f)]) for f in sorted(forms)
             if simple_tokenize(f) != [t.text for t in tokenizer(f)]]
    assert not diffs, diffs


def test_ruler_patterns_are_plain_dicts(gaz):
    """Patterns are JSON-like dicts with a label, a token pattern and the entry's slug as id."""
    patterns = gaz.ruler_patterns()
    assert patterns and all(set(p) == {"label", "pattern", "id"} for p in patterns)
    assert {p["label"] for p in patterns} == {"GPE", "ORG", "NORP"}
    ids = {e.id for e in gaz.entries()}
    assert all(p["id"] in ids for p in patterns)
    assert {"label": "ORG", "pattern": [{"ORTH": "CSTO"}],
            "id": "collective-security-treaty-organization"} in patterns
    # ambiguous forms are left out unless asked for
    jordan = [{"LOWER": "jordan", "IS_LOWER": False}]
    assert not any(p["pattern"] == jordan for p in patterns)
    assert any(p["pattern"] == jordan for p in gaz.ruler_patterns(include_ambiguous=True))


RULER_CASES = [
    ("Troops from the CSTO entered Kazakhstan.",
     [("CSTO", "ORG", "collective-security-treaty-organization"), ("Kazakhstan", "GPE", "kazakhstan")]),
    ("Russian-led troops landed in Almaty on Thursday.",
     [("Russian", "NORP", "russia"), ("Almaty", "GPE", "almaty")]),
    ("The U.S. and the UK criticised the Kremlin, Reuters reported.",
     [("U.S.", "GPE", "united-states"), ("UK", "GPE", "united-kingdom"),
      ("Kremlin", "ORG", "kremlin"), ("Reuters", "ORG", "reuters")]),
    ("Officials in St Petersburg and New York met at the United Nations.",
     [("St Petersburg", "GPE", "saint-petersburg"), ("New York", "GPE", "new-york"),
      ("United Nations", "ORG", "united-nations")]),
    ("The New York Times said the West Bank talks stalled.",
     [("New York Times", "ORG", "the-new-york-times"), ("West Bank", "GPE", "west-bank")]),
    ("the collective security treaty organization sent Kazakhs home",
     [("collective security treaty organization", "ORG", "collective-security-treaty-organization"),
      ("Kazakhs", "NORP", "kazakhstan")]),
    ("It is a turkey of a plan, us and them on the west bank of the river.", []),
]


@pytest.mark.parametrize(("text", "expected"), RULER_CASES)
def test_ruler_tags_sentences(nlp, text, expected):
    """The patterns load into a blank English EntityRuler and tag names, acronyms and demonyms with
    their ids, without tagging lowercase words (turkey, us, west bank)."""
    doc = nlp(text)
    assert [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents] == expected


def test_ruler_patterns_with_spacy_tokenizer(gaz):
    """Passing spaCy's tokenizer yields the same patterns as the built-in approximation."""
    tokenizer = spacy.blank("en").tokenizer
    ours = gaz.ruler_patterns()
    theirs = gaz.ruler_patterns(tokenize=lambda s: [t.text for t in tokenizer(s)])
    assert ours == theirs


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def test_given_names_name_no_place_and_no_firm(gaz):
    """kg/lexicon/people.toml: a given name that the gazetteer knows as a place or a body ("Jordan",
    "Victoria") or that marks an organisation's name would turn places and firms into people, so none
    is there; the lists are sorted and have no duplicates."""
    from kg.lexicon import load, words
    table = load("people")["given_names"]
    names = set(table["male"]) | set(table["female"])
    assert not [n for n in names if gaz.lookup(n) is not None]
    assert not [n for n in names if n.lower() in words("nouns", "org_name_words", "words")]
    for key in ("male", "female"):
        assert table[key] == sorted(set(table[key]))
