"""The event taxonomy (kg/lexicon/taxonomy.toml) as typed data: each event class with its parent, its
PLOVER type and CAMEO codes, and the class a verb, a phrasal verb or a noun reports.

``taxonomy()`` is the shipped file, read and checked once; ``read(path)`` puts another file through the
same checks (a test's broken variant). The schema (kg/lexicon/schema.py) refuses unknown keys and wrong
types; ``build`` refuses what a schema cannot see, naming the class: a parent that is no class, a cycle,
a lemma two classes list, a PLOVER type that contradicts a parent's, a class with no PLOVER type and no
reason for it. Everything here is pure: no spaCy, no parse; the caller passes the lemmas it read.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from kg.lexicon import load, parse
from kg.lexicon.schema import LexiconError

NAME = re.compile(r"[A-Z][A-Za-z]*")        # nkg:<Name>
WORD = re.compile(r"[a-z][a-z']*")          # one token, lower case, as spaCy lemmatizes it
CAMEO = re.compile(r"\d{2,4}")              # a root ("17"), a code ("173") or a subcode ("1823")
Key = tuple[str, str | None]                # (verb lemma, particle or None)


@dataclass(frozen=True)
class EventClass:
    """One class of event, ``nkg:<name>`` in the ontology."""

    name: str
    label: str
    parent: str | None                      # None: directly below nkg:Event
    plover: str | None                      # its PLOVER type, its own or its parent's; None: PLOVER has none
    cameo: tuple[str, ...]                  # the CAMEO codes of exactly this class
    plover_mode: str | None = None          # the PLOVER mode it is ("arrest" of COERCE)
    plover_class: str | None = None         # the class that is its PLOVER type ("Retreat" for Resign)


@dataclass(frozen=True)
class VerbRule:
    """A verb reports ``event`` if one of ``requires`` is among the lemmas of its dependents or "to"
    objects; a rule that requires nothing always holds."""

    event: EventClass
    requires: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Taxonomy:
    classes: tuple[EventClass, ...]                        # in the file's order
    by_name: Mapping[str, EventClass]
    verbs: Mapping[Key, tuple[VerbRule, ...]]              # conditional rules first
    nouns: Mapping[str, EventClass]


@dataclass(frozen=True)
class _Plover:
    """What the hierarchy says of one class's PLOVER type: the type, or why there is none."""

    code: str | None
    reason: str | None


def _fail(file: str, name: str | None, message: str) -> LexiconError:
    return LexiconError(f"{file}: {f'[class.{name}]: ' if name else ''}{message}")


def _check_tree(table: Mapping[str, Mapping], file: str) -> None:
    """Names are nkg: local names, parents are classes, no class is its own ancestor."""
    for name, spec in table.items():
        if not NAME.fullmatch(name) or name == "Event":
            raise _fail(file, name, "a class name is a capitalised word other than Event")
        parent = spec.get("parent")
        if parent is not None and parent not in table:
            raise _fail(file, name, f"parent {parent!r} is no class of the taxonomy")
        seen = {name}
        while parent is not None:
            if parent in seen:
                raise _fail(file, name, f"its parents run in a circle through {parent!r}")
            seen.add(parent)
            parent = table[parent].get("parent")


def _plover_of(name: str, table: Mapping[str, Mapping], file: str, memo: dict[str, _Plover]) -> _Plover:
    """A class's PLOVER type: its own, else its parent's; or the reason it has none."""
    if name in memo:
        return memo[name]
    spec, parent = table[name], table[name].get("parent")
    above = _plover_of(parent, table, file, memo) if parent else _Plover(None, None)
    own, reason = spec.get("plover"), spec.get("no_plover")
    if own is not None and reason is not None:
        raise _fail(file, name, "a class has a PLOVER type or a no_plover reason, not both")
    if own is not None and above.code not in (None, own):
        raise _fail(file, name, f"plover {own!r} contradicts {above.code!r}, which it has from {parent!r}")
    if reason is not None and above.code is not None:
        raise _fail(file, name, f"no_plover, but it has {above.code!r} from {parent!r}")
    found = _Plover(own or above.code, None if own or above.code else reason or above.reason)
    if found.code is None and found.reason is None:
        raise _fail(file, name, "no PLOVER type: give it plover, a parent with one, or no_plover = \"why\"")
    if spec.get("plover_mode") is not None and found.code is None:
        raise _fail(file, name, "plover_mode without a PLOVER type")
    memo[name] = found
    return found


def _type_classes(table: Mapping[str, Mapping], types: Collection[str], file: str) -> dict[str, str]:
    """Each PLOVER type's class: the top-level class that names it, one for every type."""
    out: dict[str, str] = {}
    for name, spec in table.items():
        code = spec.get("plover")
        if code is not None and code not in types:
            raise _fail(file, name, f"plover {code!r} is no PLOVER type; the types are {', '.join(types)}")
        if code is None or spec.get("parent") is not None:
            continue
        if code in out:
            raise _fail(file, name, f"{out[code]} is PLOVER's {code} already; a kind of it has a parent")
        out[code] = name
    missing = [t for t in types if t not in out]
    if missing:
        raise _fail(file, None, f"no top-level class for the PLOVER type {missing[0]}")
    return out


def _classes(data: Mapping, file: str) -> tuple[EventClass, ...]:
    table, types = data["class"], tuple(data["plover_types"])
    _check_tree(table, file)
    by_type, memo, labels, cameo = _type_classes(table, types, file), {}, {}, {}
    out = []
    for name, spec in table.items():
        label = spec["label"]
        if not label or label != label.lower():
            raise _fail(file, name, f"label {label!r} is not lower-case words")
        if label in labels:
            raise _fail(file, name, f"label {label!r} is {labels[label]}'s already")
        labels[label] = name
        for code in spec["cameo"]:
            if not CAMEO.fullmatch(code):
                raise _fail(file, name, f"CAMEO code {code!r} is not 2 to 4 digits")
            if code in cameo:
                raise _fail(file, name, f"CAMEO code {code!r} is {cameo[code]}'s already")
            cameo[code] = name
        code = _plover_of(name, table, file, memo).code
        out.append(EventClass(name, label, spec.get("parent"), code, tuple(spec["cameo"]),
                              spec.get("plover_mode"), by_type.get(code) if code else None))
    return tuple(out)


def _key(text: str, file: str, name: str) -> Key:
    """"step down" -> ("step", "down"); "resign" -> ("resign", None)."""
    words = text.split(" ")
    if len(words) > 2 or not all(WORD.fullmatch(w) for w in words):
        raise _fail(file, name, f"{text!r} is not a lower-case verb, or a verb and its particle")
    return words[0], words[1] if len(words) == 2 else None


def _verbs(data: Mapping, by_name: Mapping[str, EventClass], file: str) -> dict[Key, tuple[VerbRule, ...]]:
    """(lemma, particle) -> its rules: one class lists a verb, one class may take it on a condition."""
    plain: dict[Key, str] = {}
    conditional: dict[Key, tuple[str, frozenset[str]]] = {}
    for name, spec in data["class"].items():
        for text in [*spec.get("verbs", ()), *spec.get("phrasal", ())]:
            key = _key(text, file, name)
            if (key[1] is None) != (text in spec.get("verbs", ())):
                raise _fail(file, name, f"{text!r}: verbs hold one word, phrasal a verb and its particle")
            if key in plain:
                raise _fail(file, name, f"{text!r} is listed by {plain[key]} already")
            plain[key] = name
        for text, needs in spec.get("requires_word", {}).items():
            key = _key(text, file, name)
            if key in conditional:
                raise _fail(file, name, f"requires_word {text!r}: {conditional[key][0]} has a condition on it already")
            if not needs or not all(WORD.fullmatch(w) for w in needs):
                raise _fail(file, name, f"requires_word {text!r}: the condition is a list of lower-case lemmas")
            conditional[key] = name, frozenset(needs)
    for key, (name, needs) in conditional.items():
        if plain.get(key) == name:
            raise _fail(file, name, f"{' '.join(w for w in key if w)!r} is in its verbs and its requires_word")
    out: dict[Key, tuple[VerbRule, ...]] = {}
    for key in [*conditional, *plain]:
        rules = [VerbRule(by_name[conditional[key][0]], conditional[key][1])] if key in conditional else []
        out[key] = tuple(rules + ([VerbRule(by_name[plain[key]])] if key in plain else []))
    return out


def _nouns(data: Mapping, by_name: Mapping[str, EventClass], file: str) -> dict[str, EventClass]:
    out: dict[str, EventClass] = {}
    for name, spec in data["class"].items():
        for noun in spec.get("nouns", ()):
            if not WORD.fullmatch(noun):
                raise _fail(file, name, f"noun {noun!r} is not one lower-case word")
            if noun in out:
                raise _fail(file, name, f"noun {noun!r} is listed by {out[noun].name} already")
            out[noun] = by_name[name]
    return out


def build(data: Mapping, file: str = "taxonomy.toml") -> Taxonomy:
    """The taxonomy of a parsed file that follows the schema, or a ``LexiconError``."""
    classes = _classes(data, file)
    by_name = {c.name: c for c in classes}
    return Taxonomy(classes, MappingProxyType(by_name), MappingProxyType(_verbs(data, by_name, file)),
                    MappingProxyType(_nouns(data, by_name, file)))


def read(path: Path) -> Taxonomy:
    """A taxonomy file anywhere, checked against the schema and by ``build``."""
    return build(parse(path, "taxonomy"), path.name)


@cache
def taxonomy() -> Taxonomy:
    """The shipped taxonomy, kg/lexicon/taxonomy.toml."""
    return build(load("taxonomy"))


def classes() -> tuple[EventClass, ...]:
    """Every event class, in the file's order."""
    return taxonomy().classes


def get(name: str) -> EventClass:
    """A class by its name; a ``KeyError`` for a name the taxonomy lacks."""
    return taxonomy().by_name[name]


def ancestors(name: str) -> tuple[str, ...]:
    """The classes above one, nearest first, up to (not with) nkg:Event: ("Assault",) for Killing."""
    out, parent = [], get(name).parent
    while parent is not None:
        out.append(parent)
        parent = get(parent).parent
    return tuple(out)


def verb_rules(lemma: str, particle: str | None = None) -> tuple[VerbRule, ...]:
    """The rules of a verb, or of a verb with its particle ("step", "down"): conditional ones first."""
    return taxonomy().verbs.get((lemma.lower(), particle.lower() if particle else None), ())


def event_class(lemma: str, particle: str | None = None, words: Collection[str] = ()) -> EventClass | None:
    """The class a verb reports: the phrasal verb's first ("step down" -> Resign), then the verb's.
    ``words`` are the lemmas of the verb's dependents and "to" objects, which a conditional verb needs
    ("beat" with "dead" is a Killing, without it a Win)."""
    lemmas = {w.lower() for w in words}
    for rules in ((verb_rules(lemma, particle) if particle else ()), verb_rules(lemma)):
        for rule in rules:
            if not rule.requires or rule.requires & lemmas:
                return rule.event
    return None


def noun_class(lemma: str) -> EventClass | None:
    """The class a noun names ("arrest" -> Arrest), or None."""
    return taxonomy().nouns.get(lemma.lower())
