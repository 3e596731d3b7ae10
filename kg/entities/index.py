"""``EntityIndex``: which entity (cluster) a token refers to, built once per document and read by
relations, claims and events; a title noun or a firm's noun stands for the name beside it ("former
head of ... Karim Masimov", "company Jagran"), a force noun for its country ("Russian units")."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.entities.coref import Resolution
from kg.lexicon import words
from kg.lexicon.gazetteer import Gazetteer
from kg.entities.mentions import is_title, place_stands_for_other
from kg.entities.classes import PLACES
ORG_NOUNS = words("nouns", "org_kinds", "words")


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
        if tok.lower_ in words("nouns", "force_nouns", "words"):
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

