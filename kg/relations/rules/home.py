"""The home rule: "his home in suburban Larchmont", "his native South Carolina"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.entities.index import EntityIndex
from kg.nlp.syntax import follow
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule
from kg.relations.common import and_its_region, token_span


@relation_rule(order=100, names=(Name("home", 0.7),),
               reads=("relations.home",))
def home_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a person's home is where the person lives: "his home in suburban Larchmont", "their
    hometown of Grants, N.M.", "Tupelo, his home town", "in his native South Carolina", "Rolling Fork,
    where Muddy Waters was born". The words are ``[home]`` in relations.toml."""
    table = lexicon()["home"]

    def person(t: Token) -> int | None:
        k = ix.at(t)
        return k if k is not None and ix.etype(k) == "Person" else None

    home_town, native = set(), set()    # the nouns "home" and "native" qualify, found in one pass
    for t in doc:
        if t.dep_ == "compound" and t.lower_ == "home":
            home_town.add(t.head.i)
        elif t.dep_ == "amod" and t.lower_ in table["adjectives"]:
            native.add(t.head.i)
    for tok in doc:
        places: list[Token] = []
        owner_deps: tuple[str, ...] = ("poss",)
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() in table["nouns"] or tok.i in home_town):  # "home town"
            places = [p for prep in table["prepositions"] for p in follow(tok, f"prep:{prep}")]
            places += [tok.head] if tok.dep_ == "appos" else []                        # "Tupelo, his home"
        elif tok.i in native:
            places = [tok]                                                             # "his native Ohio"
        elif tok.dep_ == "relcl" and tok.lemma_.lower() in table["verbs"] and \
                any(c.lower_ == "where" for c in tok.children):                        # "X, where Y was born"
            places = [tok.head]
            owner_deps = ("nsubj", "nsubjpass")
        if not places:
            continue
        owners = [(c, person(c)) for c in tok.children if c.dep_ in owner_deps]
        for o_tok, x in owners:
            for p_tok in places:
                o = ix.place(p_tok)
                if x is None or o is None or o == x:
                    continue
                for q_tok, q in and_its_region(ix, p_tok, o):
                    yield Found(x, "livesIn", q, *token_span(o_tok, tok, q_tok), "home", tok.i,
                                subject_token=o_tok.i, object_token=q_tok.i)
