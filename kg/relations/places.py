"""What relation rules and the classifier's step ask of places: whether a name is surely a place,
whether one place may lie in another, whether the gazetteer knows an entity as a place or as a world
region, and where a firm has its home."""
from __future__ import annotations

from spacy.tokens import Token

from kg.entities.index import EntityIndex
from kg.entities.classes import PLACES
from kg.lexicon import words

LOCATION_NOUNS = words("nouns", "place_kinds", "words")


def placelike(tok: Token, etype: str) -> bool:
    """Whether a name is surely a place below a country: a known city or region, or a name ending in
    a place's noun ("Tiananmen Square", "Alltel Stadium"). The NER calls people and firms places too
    ("Ethiopia's Tirunesh Dibaba", "Aquarius in Russia")."""
    return etype in ("City", "Region") or tok.lower_ in words("nouns", "place_heads", "words")


PLACE_RANK = {"City": 0, "Region": 1, "Country": 2}


def may_lie_in(ix: EntityIndex, inner: int, outer: int) -> bool:
    """Whether one place can lie in another: a region or a country lies in no town ("Wales" the team,
    in "defeat for Wales in Hamilton"); a country lies in a world region ("Turkey in the Balkans") but
    in no region of a country ("the US ... in Utah"). A continent or an ocean lies in nothing ("the
    Indian Ocean off the eastern coast of Africa"). A bare "Place" is most often a town."""
    if ix.etype(inner) == "Country" and ix.etype(outer) == "Region" and not world_region(ix, outer):
        return False
    if world_region(ix, inner):
        return False
    return PLACE_RANK.get(ix.etype(inner), 0) == 0 or PLACE_RANK.get(ix.etype(outer), 0) > 0


def known_place(ix: EntityIndex, k: int) -> bool:
    """Whether the gazetteer knows an entity as a place: a name the NER alone calls a place may be
    a television series or a band ("Holby City", "Nirvana")."""
    entry = ix.entry(k)
    return entry is not None and entry.etype in PLACES


def world_region(ix: EntityIndex, k: int) -> bool:
    """Whether an entity is a region of the gazetteer that lies in no country: a continent or a
    world region ("Europe", "Latin America")."""
    entry = ix.entry(k) if ix.etype(k) == "Region" else None
    return entry is not None and entry.etype == "Region" and entry.country is None


def home_elsewhere(ix: EntityIndex, org: int, place: int) -> bool:
    """Whether the gazetteer gives a firm a home country that the place is not in: "economist at Lehman
    Brothers in Tokyo" names an office, not the seat."""
    home, entry = ix.entry(org), ix.entry(place)
    if home is None or home.country is None or entry is None:
        return False
    country = entry.name if entry.etype == "Country" else entry.country
    return country is not None and country != home.country
