"""The shape of each lexicon file, checked when the file is first read: the tables and keys it may
have and the type of each value. A key the schema does not know is an error, not ignored: a
misspelled ``requires_dboj`` in a ``[[verb]]`` table would otherwise leave the verb unrestricted.

A ``Table`` has fixed keys ("[home]": nouns, prepositions, adjectives, verbs); a ``Map`` is keyed by
free words ("[nouns]": a lemma -> a property; "[class.Arrest]": a class name -> its table); ``Entries``
is an array of tables ("[[verb]]"), each entry a ``Table``. Adding a key to a lexicon file means adding it here too.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


class LexiconError(ValueError):
    """A lexicon file that does not follow its schema."""


@dataclass(frozen=True)
class Scalar:
    """A single value of one TOML type: a string, a boolean, an integer."""

    kind: type
    what: str

    def holds(self, value: object) -> bool:
        return isinstance(value, self.kind) and not (self.kind is int and isinstance(value, bool))


@dataclass(frozen=True)
class ListOf:
    """An array whose items all follow one schema: ``ListOf(TEXT)`` is a word list."""

    item: Spec
    what: str = "a list of strings"


@dataclass(frozen=True)
class Table:
    """A table with fixed keys, each with its schema; ``required`` keys must be there."""

    keys: Mapping[str, Spec]
    required: tuple[str, ...] = ()
    what: str = field(default="a table", init=False)


@dataclass(frozen=True)
class Map:
    """A table keyed by free words ("president" = "leaderOf"), every value of one schema."""

    value: Spec
    what: str = field(default="a table", init=False)


@dataclass(frozen=True)
class Entries:
    """An array of tables (``[[verb]]``), each entry a ``Table``."""

    entry: Table
    what: str = field(default="an array of tables", init=False)


Spec = Scalar | ListOf | Table | Map | Entries

TEXT = Scalar(str, "a string")
FLAG = Scalar(bool, "a boolean (true or false)")
INTEGER = Scalar(int, "an integer")
DECIMAL = Scalar(float, "a number with a decimal point (4.0, not 4)")
WORDS = ListOf(TEXT)


def _words(*keys: str) -> Table:
    """A table of word lists: ``[home]`` with nouns = [...], prepositions = [...]."""
    return Table({k: WORDS for k in keys})


VERB = Table({
    "lemmas": WORDS, "property": TEXT, "object": TEXT, "requires_dobj": WORDS, "requires_word": WORDS,
    "unless_dobj": WORDS, "unless_prep_object": WORDS, "unless_child": WORDS, "unless_sentence_has": WORDS,
    "unless_clause_opens_with": WORDS, "subject_class": TEXT, "inverse": FLAG, "passive_subject": FLAG,
    "past_is_former": FLAG,
}, required=("lemmas", "property", "object"))

# places.toml and organizations.toml: what kg/lexicon/gazetteer.py reads of an entry
GAZETTEER_ENTRY = {"name": TEXT, "aliases": WORDS, "acronyms": WORDS, "country": TEXT, "demonyms": WORDS,
                   "ambiguous": WORDS, "capital": TEXT}
PLACE = Table(GAZETTEER_ENTRY, required=("name",))
ORGANIZATION = Table({**GAZETTEER_ENTRY, "class": TEXT}, required=("name", "class"))

# taxonomy.toml: one [class.<Name>] table per event class (kg/events/taxonomy.py checks what a schema
# cannot: parents that exist, one class per lemma, PLOVER codes that agree along the hierarchy)
EVENT_CLASS = Table({
    "label": TEXT, "parent": TEXT, "plover": TEXT, "plover_mode": TEXT, "no_plover": TEXT, "cameo": WORDS,
    "verbs": WORDS, "phrasal": WORDS, "nouns": WORDS, "requires_word": Map(WORDS),
}, required=("label", "cameo"))

SCHEMAS: dict[str, Table] = {
    "amounts": Table({
        "currencies": Table({"symbols": Map(TEXT), "words": Map(TEXT), "subunits": Map(TEXT)}),
        "scales": Map(INTEGER), "numbers": Map(INTEGER), "percent": _words("words"),
        "qualifiers": _words("words"), "counts": _words("not_counted"), "rates": _words("words"),
    }),
    "boilerplate": Table({"lines": WORDS, "trailing_source_max_words": INTEGER, "abbreviations": WORDS}),
    "claims": _words("cue_nouns", "according"),
    "conll04": Table({
        "entities": Map(TEXT),
        "names": _words("titles_inside", "roles_inside", "birthplace_words", "birthplace_before"),
        "relations": Entries(Table({"properties": WORDS, "head": TEXT, "tail": TEXT, "label": TEXT},
                                   required=("properties", "head", "tail", "label"))),
        "triggers": Map(WORDS), "trigger_exceptions": Map(WORDS), "trigger_prepositions": Map(WORDS),
        "vetoes": Map(WORDS), "properties": Map(TEXT),
    }),
    "events": Table({"counts": _words("nouns", "qualifiers"),
                     "dates": _words("weekdays"), "groups": Map(WORDS),
                     "clauses": _words("not_events", "not_verbs"), "modality": Map(TEXT),
                     "negating": _words("verbs")}),
    "nouns": Table({
        "org_heads": Map(TEXT), "generic_org_heads": _words("words"), "institution_words": _words("words"),
        "org_name_words": _words("words"), "short_org_names": _words("not_alone"),
        "org_nouns_beside_a_name": _words("words", "in_apposition", "before_a_list"),
        "joined_org_names": _words("heads"), "org_names_before_of_a_place": _words("heads"),
        "not_names": _words("words"), "works_before_a_name": _words("words", "parts"),
        "roles_beside_a_name": _words("words"), "org_head_modifiers": Map(WORDS),
        "people": _words("titles", "titles_after_a_name", "honorifics"),
        "place_as_other": _words("team_roles", "club_roles", "branches"), "class_nouns": Map(TEXT),
        "people_pronouns": _words("words"), "gender": _words("male", "female"),
        "event_names": _words("heads", "before", "papers"), "place_names": _words("heads"),
        "products": _words("words"), "org_kinds": _words("words"), "place_kinds": _words("words"),
        "role_tense": _words("past", "future"), "force_nouns": _words("words"), "place_heads": _words("words"),
        "venues": _words("words"),
    }),
    "organizations": Table({"organization": Entries(ORGANIZATION)}),
    "positions": Table({
        "offices": _words("titles", "governing", "jobs", "modifiers", "fields", "not_offices", "dropped"),
        "spellings": Map(TEXT),
        "verbs": _words("holds", "starts", "appoints", "ends", "removes"),
        "dates": _words("since", "from", "until", "at"),
        "organisations": _words("prepositions"),
    }),
    "people": Table({"given_names": _words("male", "female")}),
    "places": Table({"country": Entries(PLACE), "region": Entries(PLACE), "city": Entries(PLACE)}),
    "resolution": Table({
        "families": Map(WORDS),
        "names": _words("leading", "legal_forms", "male", "female", "not_surnames"),
        "context": Table({**{k: DECIMAL for k in ("agree", "ahead", "informative", "common", "office")},
                          "common_documents": INTEGER, "least_shared": INTEGER}),
        "confidence": Map(DECIMAL),
    }, required=("families", "names", "context", "confidence")),
    "speech": Table({"verbs": _words("words"), "quotes": _words("open", "close")}),
    "taxonomy": Table({"plover_types": WORDS, "class": Map(EVENT_CLASS)}, required=("plover_types", "class")),
    "relations": Table({
        "verb": Entries(VERB),
        "partner": _words("nouns", "allied"),
        "city_leaders": _words("nouns"),
        "nouns": Map(TEXT),
        "subordinate": _words("before", "leaving_verbs", "left_active", "left_passive", "left_objects"),
        "as_noun": _words("naming_verbs"),
        "control": _words("fact", "alleged", "denied"),
        "deed_nouns": Map(TEXT),
        "deed_verbs": _words("fact", "alleged", "denied"),
        "noun_prepositions": Map(WORDS),
        "compounds": Map(TEXT),
        "compounds_inverse": Map(TEXT),
        "membership": _words("phrases"),
        "origin": _words("prepositions"),
        "home": _words("nouns", "prepositions", "adjectives", "verbs"),
        "seat": _words("nouns", "prepositions"),
        "dateline": _words("fillers", "after"),
        "location": _words("compass"),
        "classes": Map(ListOf(WORDS, "a list of lists of strings")),
        "classes_instead": Map(TEXT),
        "kin": Map(TEXT),
        "kin_verbs": Map(WORDS),
    }),
    "transliterations": Table({"tokens": Map(TEXT), "phrases": Map(TEXT)}),
}


def check(name: str, data: Mapping) -> None:
    """Raise ``LexiconError`` unless the parsed file ``kg/lexicon/<name>.toml`` follows its schema:
    "relations.toml: [[verb]] entry 20: unknown key 'requires_dboj'; known keys: inverse, lemmas, ..."."""
    schema = SCHEMAS.get(name)
    if schema is None:
        raise LexiconError(f"{name}.toml: no schema (add one to kg/lexicon/schema.py)")
    _check(schema, data, f"{name}.toml", "")


def _child(where: str, key: str, spec: Spec) -> str:
    """Where a key's value lies, as a TOML header: "[home]", "[conll04.names]"; a scalar keeps its table's."""
    if isinstance(spec, (Table, Map)):
        return f"[{where.strip('[]')}.{key}]" if where else f"[{key}]"
    return where


def _fail(file: str, where: str, message: str) -> LexiconError:
    return LexiconError(f"{file}: {where + ': ' if where else ''}{message}")


def _check(spec: Spec, value: object, file: str, where: str, key: str | None = None) -> None:
    """Check one value against its schema; ``key`` names it in a message about its type."""
    if isinstance(spec, Entries):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _fail(file, where, f"{key!r} should be {spec.what} ([[{key}]])")
        for n, entry in enumerate(value, 1):
            _check(spec.entry, entry, file, f"[[{key}]] entry {n}")
    elif isinstance(spec, Table):
        if not isinstance(value, dict):
            raise _fail(file, where, f"{key!r} should be {spec.what}")
        for k, v in value.items():
            if k not in spec.keys:
                what, known = ("table or key", "tables and keys") if not where else ("key", "keys")
                raise _fail(file, where, f"unknown {what} {k!r}; known {known}: {', '.join(sorted(spec.keys))}")
            _check(spec.keys[k], v, file, _child(where, k, spec.keys[k]), k)
        missing = [k for k in spec.required if k not in value]
        if missing:
            raise _fail(file, where, f"missing key {missing[0]!r}")
    elif isinstance(spec, Map):
        if not isinstance(value, dict):
            raise _fail(file, where, f"{key!r} should be {spec.what}")
        for k, v in value.items():
            _check(spec.value, v, file, _child(where, k, spec.value), k)
    elif isinstance(spec, ListOf):
        if not isinstance(value, list):
            raise _fail(file, where, f"{key!r} should be {spec.what}")
        for v in value:
            if isinstance(spec.item, Scalar) and not spec.item.holds(v):
                raise _fail(file, where, f"{key!r} should be {spec.what}, and {v!r} is not {spec.item.what}")
            _check(spec.item, v, file, where, key)
    elif not spec.holds(value):
        raise _fail(file, where, f"{key!r} should be {spec.what}, not {value!r}")
