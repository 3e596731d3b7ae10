"""The relational-noun rule: "Masimov was a close ally of Nazarbayev", "Masimov, an ally of Y",
"Belarusian leader Alexander Lukashenko", "retained power as chairman of the council"; and the tests
that turn a leader into an employee ("vice president", "Microsoft's UK chief") or a role into a
former one ("former chief executive X", "chairman X resigned")."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kg.entities.index import PLACES, EntityIndex
from kg.relations.places import home_elsewhere, known_place, world_region
from kg.relations.tense import tense
from kg.entities.mentions import is_title, place_stands_for_other
from kg.lexicon import words
from kg.lexicon.gazetteer import Gazetteer
from kg.nlp.syntax import FUTURE_AUX, follow, in_words, modality, negated, subjects
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule
from kg.relations.common import has_left, noun_objects, token_span


@relation_rule(order=30, names=(
    Name("copula-noun", 0.85),
    Name("apposition-noun", 0.8, descriptive=True),
    Name("title-noun", 0.8, descriptive=True),
    Name("as-noun", 0.7),
), reads=("relations.nouns", "relations.noun_prepositions", "relations.partner", "relations.subordinate",
            "relations.city_leaders", "relations.as_noun", "nouns.place_as_other", "nouns.people"))
def noun_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a relational noun links the entity it describes to the one it is about:
    copula ("Masimov was a close ally of Nazarbayev"), apposition ("Masimov, an ally of Y"; "the head
    of the security services, Masimov"), a title before a name ("Belarusian leader Alexander
    Lukashenko"), and "as" ("retained power as chairman of the council")."""
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        prop = _noun_property(tok)
        if prop is None or tok.i > 0 and doc[tok.i - 1].text == "-":   # "tight-head" is no head
            continue
        if prop == "allyOf" and _unallied_partner(tok):
            continue                    # "his Icon Productions partner Bruce Davey", "Michael's partner X"
        holders: list[tuple[Token, str]] = []
        future = False                  # "Mr Morrow will succeed Shiro Tsuda as president of Vodafone KK"
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":
            holders += [(s, "copula-noun") for s in subjects(tok.head)]
        if tok.dep_ == "appos":
            holders.append((tok.head, "apposition-noun"))
        holders += [(c, "apposition-noun") for c in tok.children if c.dep_ == "appos"
                    and not _anothers_role_between(tok, c)]
        if tok.dep_ == "conj" and is_title(tok):    # "... and Russian energy minister Viktor Khristenko"
            holders += [(t, "apposition-noun") for t in doc[tok.i + 1:tok.i + 5]
                        if t.dep_ == "appos" and t.left_edge.i == tok.i + 1]
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            holders.append((tok.head, "title-noun"))
        if tok.dep_ == "pobj" and tok.head.lower_ == "as" and tok.head.head.pos_ in ("VERB", "AUX") \
                and tok.head.head.lemma_.lower() not in words("relations", "as_noun", "naming_verbs"):
            holders += [(s, "as-noun") for s in subjects(tok.head.head)]
            future = any(a.dep_ == "aux" and a.lower_ in FUTURE_AUX for a in tok.head.head.children)
        objects = noun_objects(tok, ix, prop) or _possessor_of_titled_name(tok, ix)
        for h_tok, rule in holders:
            h = ix.by_root.get(h_tok.i) if h_tok.i in ix.by_root else ix.at(h_tok)
            if h is None or ix.etype(h) != "Person" and prop not in ("memberOf", "allyOf"):
                continue
            when = _time_of_role(tok, h_tok) or ("future" if rule == "as-noun" and future else None) \
                or (modality(tok.head) if rule == "copula-noun" else None) \
                or ("former" if has_left(h_tok, ix) else None)     # "who will be Saints' third boss"
            for o_tok, o in objects:
                if o == h or ix.etype(o) in PLACES and place_stands_for_other(o_tok):
                    continue            # "Wales boss John Toshack" leads a team, not the country
                # "British director X", "a French economist": a demonym gives the nationality; a
                # minister "of" a country ("Indian oil minister X") serves it and is no member of it
                if prop == "worksFor" and ix.etype(o) == "Country" and o_tok.dep_ in ("amod", "compound") \
                        and any(c.dep_ == "poss" for c in tok.children):
                    continue            # "Game's UK sales director": the country is the job's scope
                if prop == "leaderOf" and ix.etype(o) == "City" \
                        and tok.lemma_.lower() not in lexicon()["city_leaders"]["nouns"]:
                    continue            # "the Madrid president Florentino Perez" leads Real Madrid
                if prop == "killed" and ix.etype(o) in PLACES:
                    continue            # "US serial killer Charles Manson" killed no country
                if known_place(ix, o) and o_tok.head.lower_ == "at" and o_tok.head.head.i == tok.i:
                    continue            # "project leader at Hertfordshire": the university, by its county
                if prop in ("memberOf", "worksFor", "leaderOf", "spokespersonOf") and ix.etype(o) == "Person":
                    continue            # one is a member or an employee of no person ("Devon singer Joss Stone")
                demonym = prop == "worksFor" and ix.etype(o) == "Country" and o_tok.dep_ == "amod" or \
                    prop == "memberOf" and ix.etype(o) == "Country" and ix.etype(h) == "Person"
                local = prop == "memberOf" and ix.etype(o) in PLACES and ix.etype(o) != "Country" \
                    and known_place(ix, o)      # "Devon singer"; "Nirvana frontman": a band taken for a place
                branch = prop == "leaderOf" and ix.etype(o) not in PLACES \
                    and (_regional(tok) or _abroad(tok, o_tok, ix))
                # "Russian tennis chief X" leads Russian tennis, not Russia ("Dutch prime minister" does);
                # "Brazil's airport authority chief X" leads the authority, and is no one's citizen by it
                field = prop == "leaderOf" and ix.etype(o) == "Country" and any(
                    c.dep_ == "compound" and c.is_lower and c.pos_ == "NOUN"
                    and f"{c.lower_} {tok.lower_}" not in words("nouns", "people", "titles") for c in tok.children)
                if field and o_tok.dep_ == "poss":
                    continue
                demonym = demonym or field and o_tok.dep_ == "amod"
                held = "citizenOf" if demonym else "livesIn" if local else "worksFor" if branch else prop
                yield Found(h, held, o, *token_span(h_tok, tok, o_tok), rule, tok.i,
                            negated(tok.head) if rule == "copula-noun" else False, when, h_tok.i, o_tok.i)


def _noun_property(tok: Token) -> str | None:
    nouns = lexicon()["nouns"]
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.dep_ in ("compound", "amod") and f"{prev.lower_} {tok.lemma_.lower()}" in nouns:
        prop = nouns[f"{prev.lower_} {tok.lemma_.lower()}"]
    else:
        prop = nouns.get(tok.lemma_.lower())
    before = {t.lower_ for t in tok.doc[max(0, tok.i - 2):tok.i]}
    if prop == "leaderOf" and before & words("relations", "subordinate", "before"):
        return "worksFor"               # "vice president", "deputy head", "financial chief"
    if prop == "leaderOf" and _heads_a_part(tok):
        return "worksFor"               # "Yahoo's head of consumer services", "director of communications"
    return prop


def _unallied_partner(tok: Token) -> bool:
    """Whether an ally's noun is a "partner" that no word of ``[partner] allied`` qualifies: a partner
    in business or in life ("his producing partner", "Michael's partner Anselmo Feleppa"), not in
    sport or politics ("Scott's training partner", "Ukraine's strategic partner")."""
    table = lexicon()["partner"]
    return tok.lemma_.lower() in table["nouns"] and not any(
        c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and in_words(c, table["allied"]) for c in tok.children)


def _heads_a_part(tok: Token) -> bool:
    """Whether a leader's noun is "of" a department rather than of the organisation itself: a bare
    common noun ("head of consumer services", "director of research"; not "head of the ministry",
    "head of state")."""
    for pobj in follow(tok, "prep:of"):
        if pobj.pos_ != "NOUN" or pobj.ent_type_ or pobj.lemma_.lower() in ("state", "government"):
            continue
        if pobj.lemma_.lower() in words("nouns", "place_as_other", "branches") or \
                not any(c.dep_ in ("det", "poss") for c in pobj.children):
            return True                 # "chief of BT's new Entertainment unit" too
    return False


def _possessor_of_titled_name(tok: Token, ix: EntityIndex) -> list[tuple[Token, int]]:
    """What a title before a name is about when the parse hangs the possessor on the name, not on the
    title: "Kazakhstan's president Kassym-Jomart Tokayev", "McKinley's assassin Leon Czolgosz"."""
    if tok.dep_ != "compound" or tok.head.pos_ != "PROPN":
        return []
    found = [(c, ix.named_at(c.i)) for c in tok.head.children if c.dep_ == "poss" and c.i < tok.i]
    return [(c, k) for c, k in found if k is not None][:1]


def _time_of_role(*toks: Token) -> str | None:
    """"former" or "future" when the role is not held now ("Former WorldCom chief executive X",
    "ex-president Y"): such a relation is kept with that modality, not asserted as a fact."""
    for tok in toks:
        for t in [*tok.children, tok.doc[tok.i - 1] if tok.i else tok]:
            if t.i < tok.i and tense(t):
                return tense(t)
    return None


def _regional(tok: Token) -> bool:
    """Whether a leader's noun is qualified by a place or a demonym written before it: "Workshare's
    European boss", "Microsoft's UK chief" lead a branch, and work for the organisation."""
    gaz = Gazetteer.load()

    def place(t: Token) -> bool:
        entry = gaz.lookup(t.text)
        return entry is not None and entry.etype in ("Country", "Region", "City") or \
            gaz.country_of_demonym(t.text) is not None
    return any(c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i and place(c) for c in tok.children)


def _abroad(tok: Token, o_tok: Token, ix: EntityIndex) -> bool:
    """Whether a leader's noun or its organisation is placed "in" a world region or in a country the
    gazetteer says is not the organisation's home: "head of EA in Europe" leads a branch, and works for
    the firm ("head of Yukos in Russia" would lead Yukos)."""
    org = ix.named_at(o_tok.i)
    for prep in (c for t in (tok, o_tok) for c in t.children if c.dep_ == "prep" and c.lower_ == "in"):
        for pobj in prep.children:
            k = ix.named_at(pobj.i) if pobj.dep_ == "pobj" else None
            if k is not None and org is not None and (world_region(ix, k) or home_elsewhere(ix, org, k)):
                return True
    return False


def _anothers_role_between(role: Token, name: Token) -> bool:
    """Whether a role noun coordinated with this one, after this one's own holder, stands between it
    and an apposition the parse gave it: in "India's petroleum minister Mr Aiyar and Russian energy
    minister Viktor Khristenko", Khristenko is the Russian minister; in "eBay president and chief
    executive Meg Whitman" both roles are hers."""
    between = role.doc[role.i + 1:name.left_edge.i]
    return any(t.dep_ == "conj" and is_title(t) for t in between) and any(t.dep_ == "appos" for t in between)
