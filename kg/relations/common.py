"""What several relation rules share: the token span of a triple's evidence, the verbs of
judgement ("convicted of", "accused of") and what they make of a deed, what a relational noun is
about, a place with the places in apposition to it, and whether a role's holder left it ("chairman X
resigned")."""
from __future__ import annotations

from spacy.tokens import Token

from kg.entities.index import PLACES, EntityIndex
from kg.nlp.syntax import direct_objects, follow
from kg.relations.found import lexicon


def token_span(*toks: Token) -> tuple[int, int]:
    """The token span [start, end) that covers these tokens: a triple's evidence."""
    return min(t.i for t in toks), max(t.i for t in toks) + 1


def judgement(table: str, verb: Token) -> str | None:
    """What a verb of a judgement table of relations.toml ("control", "deed_verbs") makes of the deed
    it is about: "fact", "alleged" or "denied"; None for another verb."""
    return next((how for how, lemmas in lexicon()[table].items() if verb.lemma_.lower() in lemmas), None)


def status_of(how: str | None) -> tuple[bool, str | None]:
    """The negation and modality of a deed so judged: a denied one is negated, an alleged one is
    hedged with "alleged", a fact is neither."""
    return how == "denied", "alleged" if how == "alleged" else None


def controlled(verb: Token) -> tuple[list[Token], str] | None:
    """Who does what a verb of judgement is about, and what the judgement makes of it: "X was
    convicted of murdering Y" (a fact), "police accused X of killing Y" (alleged), "X was acquitted of
    killing Y" (denied). The words are ``[control]`` in relations.toml."""
    if verb.dep_ not in ("pcomp", "pobj") or verb.head.dep_ != "prep":
        return None
    head = verb.head.head
    how = judgement("control", head)
    if how is None or head.pos_ != "VERB":
        return None
    return ([head.head] if head.dep_ == "acl" else direct_objects(head)), how   # "X, convicted of ..."


def noun_objects(tok: Token, ix: EntityIndex, prop: str | None = None) -> list[tuple[Token, int]]:
    """What a relational noun is about: "ally of Y", "Y's ally", "Belarusian leader", and for some
    properties "spokesman for Y", "analyst at Y"."""
    preps = ["of"] + lexicon()["noun_prepositions"].get(prop or "", [])
    for prep in preps:
        found = ix.all_at(follow(tok, f"prep:{prep}"))
        if prop in ("worksFor", "spokespersonOf"):    # "World Bank country director for the West
            found = [(t, k) for t, k in found if ix.etype(k) not in PLACES]   # Bank": not a place
        if found:
            return found
    for c in tok.children:
        if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < tok.i:
            k = ix.named_at(c.i)
            if k is not None:
                return [(c, k)]
    return []


def and_its_region(ix: EntityIndex, place: Token, k: int) -> list[tuple[Token, int]]:
    """A place and the places in apposition to it: "Bethany, Conn." -> Bethany and Connecticut."""
    return [(place, k)] + [(c, ix.by_root[c.i]) for c in place.children if c.dep_ == "appos"
                           and c.i in ix.by_root and ix.by_root[c.i] != k and ix.etype(ix.by_root[c.i]) in PLACES]


def clause_verb(holder: Token) -> Token:
    """The verb of the clause that names a role's holder, through coordinations and appositions."""
    tok = holder
    while tok.dep_ in ("conj", "appos"):    # "head Frank Dunn and two other executives were fired"
        tok = tok.head
    return tok.head


def has_left(holder: Token, ix: EntityIndex) -> bool:
    """Whether a role's holder left it in the clause that names him: "Nortel's head Frank Dunn and two
    other executives were fired", "chairman X resigned" (not "X will resign", nor "X fired Y")."""
    table = lexicon()["subordinate"]
    tok = holder
    while tok.dep_ in ("conj", "appos"):
        tok = tok.head
    verb = clause_verb(holder)
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "aux" and c.lower_ in ("will", "would", "may", "might",
                                                   "could", "should", "to", "'ll") for c in verb.children):
        return False
    lemma = verb.lemma_.lower()
    lemma_prt = " ".join([lemma, *(c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod"))])
    if tok.dep_ == "nsubjpass":
        return lemma in table["left_passive"]
    if tok.dep_ != "nsubj" or lemma_prt not in table["left_active"] and lemma not in table["left_active"]:
        return False
    objs = direct_objects(verb)
    return not objs or all(o.lemma_.lower() in table["left_objects"] or o.i in ix.by_root or o.i in ix.by_token
                           for o in objs)
