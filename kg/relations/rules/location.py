"""The location rules: a place lies in another ("Almaty, Kazakhstan's largest city", "Bosnia's
capital, Sarajevo", "Bethany, Conn.", "Beijing's Tiananmen Square", "Kassala in eastern Sudan")."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.entities.index import PLACES, EntityIndex
from kg.relations.places import LOCATION_NOUNS, may_lie_in, placelike
from kg.lexicon import words
from kg.nlp.syntax import in_words
from kg.relations.found import Found
from kg.relations.registry import Name, relation_rule
from kg.relations.common import noun_objects


@relation_rule(order=80, names=(
    Name("location-apposition", 0.8, descriptive=True),
    Name("location-comma", 0.7, descriptive=True),
    Name("location-possessive", 0.7, descriptive=True),
    Name("location-in", 0.7, descriptive=True),
), reads=("relations.location", "relations.noun_prepositions", "nouns.place_kinds", "nouns.place_heads"))
def location_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a place is in another: "Almaty, Kazakhstan's largest city", "Bosnia's capital, Sarajevo",
    "Almaty, Kazakhstan", "Bethany, Conn.", "Beijing's Tiananmen Square", "Kassala in eastern Sudan"."""
    for tok in doc:
        x = ix.place(tok)
        if x is not None:
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            # "from Kassala in eastern Sudan": the parser may hang "in" higher up; right after the
            # name and before a point of the compass, it is the name's
            loose = [nxt] if nxt is not None and nxt.dep_ == "prep" and nxt.head.i != tok.i and any(
                _compass(p) for p in nxt.children if p.dep_ == "pobj") else []
            for c in [*tok.children, *loose]:
                o = ix.place(c)
                if c.dep_ == "appos" and c.lemma_.lower() in LOCATION_NOUNS:
                    for o_tok, o in noun_objects(c, ix):
                        if o != x and ix.etype(o) in PLACES:
                            yield Found(x, "locatedIn", o, tok.i, c.i + 1, "location-apposition", c.i,
                                        subject_token=tok.i, object_token=o_tok.i)
                elif (c.dep_ == "appos" or _comma_conj(tok, c)) and o is not None and ix.etype(x) != "Country" and (
                        ix.etype(o) == "Country" or ix.etype(o) == "Region" and ix.etype(x) != "Region") \
                        and _place_comma_place(ix, tok, c):
                    yield Found(x, "locatedIn", o, tok.i, c.i + 1, "location-comma", c.i,
                                subject_token=tok.i, object_token=c.i)
                elif c.dep_ == "poss" and o is not None and o != x and placelike(tok, ix.etype(x)):
                    yield Found(x, "locatedIn", o, c.i, tok.i + 1, "location-possessive", c.i,
                                subject_token=tok.i, object_token=c.i)
                elif c.dep_ == "prep" and c.lower_ == "in":
                    for pobj in c.children:
                        o = ix.place(pobj) if pobj.dep_ == "pobj" else None
                        if not (placelike(tok, ix.etype(x)) or _compass(pobj)):
                            continue            # "Kassala in eastern Sudan" is a place, "Aquarius in Russia" not
                        if o is not None and o != x and may_lie_in(ix, x, o):
                            yield Found(x, "locatedIn", o, tok.i, pobj.i + 1, "location-in", c.i,
                                        subject_token=tok.i, object_token=pobj.i)
        # "Bosnia's capital, Sarajevo": a location noun of a place, in apposition with a name
        if tok.lemma_.lower() in LOCATION_NOUNS and tok.pos_ == "NOUN":
            names = [(c, ix.place(c)) for c in tok.children if c.dep_ == "appos"]
            for c, y in names:
                for o_tok, o in noun_objects(tok, ix) if y is not None else []:
                    if o != y and ix.etype(o) in PLACES:
                        yield Found(y, "locatedIn", o, o_tok.i, c.i + 1, "location-apposition", tok.i,
                                    subject_token=c.i, object_token=o_tok.i)


def _comma_conj(tok: Token, c: Token) -> bool:
    """"Rockville, Md." parsed as a coordination: the second name right after the comma, and no "and"
    or "or" in sight (not "Brazoria, Fort Bend and Galveston")."""
    return c.dep_ == "conj" and c.i == tok.i + 2 and tok.doc[tok.i + 1].text == "," and not any(
        t.dep_ == "cc" or t.dep_ == "conj" and t.i != c.i for t in [*tok.children, *c.children])


def _compass(tok: Token) -> bool:
    """Whether a place name is qualified by a point of the compass ("eastern Sudan", "south-east Algeria")."""
    return any(c.dep_ in ("amod", "compound", "nmod") and in_words(c, words("relations", "location", "compass"))
               for c in tok.children)


def _place_comma_place(ix: EntityIndex, tok: Token, c: Token) -> bool:
    """Whether two places stand as a place and the place it lies in, "Almaty, Kazakhstan": the second
    right after the first's comma, and no item of a list: no place and comma before the first ("Tonga,
    Ireland, Korea, USA"), no comma and place after the second, no rank in brackets after either
    ("New Zealand (1), Scotland (8), Tonga")."""
    doc = tok.doc

    def place_at(i: int) -> bool:
        k = ix.by_token.get(i)
        return 0 <= i < len(doc) and k is not None and ix.etype(k) in PLACES

    if not (tok.i + 2 < len(doc) and doc[tok.i + 1].text == "," and c.left_edge.i == tok.i + 2):
        return False
    first, last = tok.left_edge.i, c.right_edge.i
    before = first >= 2 and doc[first - 1].text == "," and place_at(first - 2)
    after = last + 2 < len(doc) and doc[last + 1].text == "," and place_at(last + 2)
    ranked = any(t.i + 2 < len(doc) and doc[t.i + 1].text == "(" and doc[t.i + 2].text[:1].isdigit() for t in (tok, c))
    return not (before or after or ranked)
