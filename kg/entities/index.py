"""What the relation finders share: the classes of places and the nouns for organisations and
places, ``EntityIndex`` (which entity a token refers to), and the helpers both finders use: whether
a word says a role is not held now ("former", "incoming"), whether a name is surely a place, whether
one place may lie in another, whether the gazetteer knows an entity as a place or as a world region,
and where a firm has its home. The rules (kg/relations/rules/) and the trained classifier's step
(kg/relations/pairs.py) both read it."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.entities.coref import Resolution
from kg.lexicon import words
from kg.lexicon.gazetteer import Gazetteer
from kg.nlp.syntax import hyphenated_word
from kg.entities.mentions import is_title, place_stands_for_other
from kg.entities.typing import PLACES
ORG_NOUNS = words("nouns", "org_kinds", "words")
LOCATION_NOUNS = words("nouns", "place_kinds", "words")


class EntityIndex:
    """Which entity (cluster) a token refers to."""

    def __init__(self, doc: Doc, res: Resolution):
        self.doc, self.res = doc, res
        self.by_root: dict[int, int] = {}
        self.by_token: dict[int, int] = {}
        self.mention_at: dict[int, str] = {}       # root token -> the mention's text as written
        # longer mentions first, so a token inside a short mention ("Russian" in "the Russian-led
        # alliance") points at the short one
        for i, c in sorted(enumerate(res.candidates), key=lambda ic: ic[1].start - ic[1].end):
            k = res.of_candidate.get(i)
            if k is None:
                continue
            self.by_root[c.root] = k
            self.mention_at[c.root] = doc[c.start:c.end].text
            for t in range(c.start, c.end):
                self.by_token[t] = k

    def etype(self, k: int) -> str:
        return self.res.clusters[k].etype or "OtherEntity"

    def named_at(self, i: int) -> int | None:
        """The entity of the name whose root is token i, else of any name that covers it."""
        return self.by_root[i] if i in self.by_root else self.by_token.get(i)

    def at(self, tok: Token) -> int | None:
        """The entity a token refers to, directly or through a name attached to a title noun
        ("former head of ... Karim Masimov"), or the country of a force noun ("Russian units")."""
        if tok.i in self.by_root:
            return self.by_root[tok.i]
        describes = is_title(tok) or tok.lemma_.lower() in ORG_NOUNS
        for c in tok.children:
            if c.dep_ in ("appos", "compound") and c.i > tok.i and c.i in self.by_root and describes:
                return self.by_root[c.i]
        if describes and tok.dep_ in ("compound", "appos") and tok.head.i in self.by_root \
                and tok.head.pos_ == "PROPN":
            return self.by_root[tok.head.i]       # "company Jagran", "Jagran, the company"
        if tok.i in self.by_token and self.doc[tok.i].pos_ == "PROPN":
            return self.by_token[tok.i]
        if tok.dep_ == "appos" and tok.head.i in self.by_root and is_title(tok):
            return self.by_root[tok.head.i]      # "Nazarbayev, the longtime strongman who ..."
        if tok.lower_ in words("relations", "forces", "nouns"):
            for c in tok.children:
                if c.dep_ in ("compound", "amod", "poss", "npadvmod", "nmod") and c.i < tok.i:
                    k = self.named_at(c.i)
                    if k is not None:
                        return k
                    for cc in c.children:   # "Russian-led troops": the npadvmod of "led"
                        if cc.dep_ == "npadvmod" and cc.i in self.by_token:
                            return self.by_token[cc.i]
        return None

    def entry(self, k: int):
        """The gazetteer's entry for an entity, when it knows the entity's canonical name."""
        return Gazetteer.load().lookup(self.res.clusters[k].canonical or "")

    def place(self, tok: Token) -> int | None:
        """The place a name's root token names, unless the name stands for a team or a branch there
        ("England coach", "the US sales arm")."""
        k = self.by_root.get(tok.i)
        return k if k is not None and self.etype(k) in PLACES and not place_stands_for_other(tok) else None

    def all_at(self, toks: list[Token]) -> list[tuple[Token, int]]:
        return [(t, k) for t in toks if (k := self.at(t)) is not None]


FUTURE = words("nouns", "role_tense", "future")
PAST_OR_FUTURE = words("nouns", "role_tense", "past") | FUTURE


def tense(tok: Token) -> str | None:
    """"former" or "future" when a word says a role is not held now ("former", "ex-", "incoming")."""
    for word in (hyphenated_word(tok), tok.lower_.rstrip("-")):     # "one-time" from its "time"; "ex-"
        if word in PAST_OR_FUTURE:
            return "future" if word in FUTURE else "former"
    return None


def placelike(tok: Token, etype: str) -> bool:
    """Whether a name is surely a place below a country: a known city or region, or a name ending in
    a place's noun ("Tiananmen Square", "Alltel Stadium"). The NER calls people and firms places too
    ("Ethiopia's Tirunesh Dibaba", "Aquarius in Russia")."""
    return etype in ("City", "Region") or tok.lower_ in words("relations", "location", "place_heads")


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
