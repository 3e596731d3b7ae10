"""Relations between entities from dependency patterns: small generators, one rule each.

Each rule yields ``Found`` tuples (token level, cluster indexes); ``extract`` turns them into model
Relations with character offsets.  The words each rule looks for are data in
``kg/lexicon/relations.toml``. The trained classifier's step, which ``find_relations`` runs after
the rules, lives in kg/relations/pairs.py; what both read (``EntityIndex``, ``Found``, the lexicon) in
kg/entities/index.py.
"""
from __future__ import annotations

import re

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kg.relations.classify import RelationClassifier
from kg.entities.index import (LOCATION_NOUNS, ORG_NOUNS, PLACES, EntityIndex, Found, home_elsewhere, known_place,
                           lexicon, may_lie_in, placelike, tense, world_region)
from kg.lexicon import load, words
from kg.lexicon.gazetteer import ORG_CLASSES, Gazetteer
from kg.entities.mentions import described_place, is_honorific, is_title, place_stands_for_other
from kg.relations.pairs import classifier_relations
from kg.nlp.syntax import (FUTURE_AUX, attributive_participle, conjuncts, direct_objects, follow, has_required_word,
                           in_words, is_passive, modality, negated, phrase_matches, subjects)


def _span(*toks: Token) -> tuple[int, int]:
    return min(t.i for t in toks), max(t.i for t in toks) + 1


def verb_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a verb of the lexicon links its subject to its object ("Tokayev arrested Masimov",
    "the CSTO sent troops to Kazakhstan", "Nazarbayev handed the presidency to Tokayev")."""
    table = {lemma: spec for spec in lexicon()["verb"] for lemma in spec["lemmas"]}
    for verb in doc:
        spec = table.get(verb.lemma_.lower())
        if spec is None or verb.pos_ not in ("VERB", "AUX") or attributive_participle(verb):
            continue                    # "founded by assassinated former prime minister X": an adjective
        need = spec.get("requires_dobj")
        if need and not any(t.lemma_.lower() in need for t in follow(verb, "dobj") + follow(verb, "prep:over")):
            continue
        if any(u.lemma_.lower() in spec.get("unless_dobj", ()) for t in direct_objects(verb) for u in t.subtree):
            continue                    # "defend her AAA 800m title": the object's phrase says what it is
        veto = spec.get("unless_prep_object")
        if veto and any(o.lemma_.lower() in veto or in_words(o, veto) for p in verb.children if p.dep_ == "prep"
                        for o in p.children if o.dep_ == "pobj"):
            continue
        if not has_required_word(verb, spec.get("requires_word")):
            continue
        if _clause_opens_with(verb, spec.get("unless_clause_opens_with", ())):
            continue                    # "he asked Mr Myers if he ever knew": a question, no request
        if any(c.dep_ in ("prep", "prt") and c.lower_ in spec.get("unless_child", ()) for c in verb.children):
            continue                    # "leads England against Australia", "settled for silver"
        if _sentence_has(verb.sent, spec.get("unless_sentence_has", ())):
            continue                    # "Maloney replaced the injured Sutton at half time": a substitution
        neg, mod = negated(verb), modality(verb)
        if spec.get("passive_subject") and is_passive(verb):
            subs = ix.all_at([t for c in verb.children if c.dep_ == "nsubjpass" for t in conjuncts(c)])
        else:
            subs = ix.all_at(subjects(verb))
            if not subs and (control := _controlled(verb)):
                subs = ix.all_at(control[0])
                judged_neg, judged_mod = _status(control[1])
                neg, mod = neg or judged_neg, mod or judged_mod
        if spec.get("past_is_former") and _in_the_past(verb):
            mod = mod or "former"       # "He lived in Norfolk until he joined the Navy"
        objs = ix.all_at(follow(verb, spec["object"]))
        rule = "verb-passive" if is_passive(verb) else "verb"
        for s_tok, s in subs:
            if spec.get("subject_class", ix.etype(s)) != ix.etype(s):
                continue                # "Spain dominated England": a team in a match, no leader
            for o_tok, o in objs:
                if s == o:
                    continue
                (a, at), (b, bt) = ((o, o_tok), (s, s_tok)) if spec.get("inverse") else ((s, s_tok), (o, o_tok))
                yield Found(a, spec["property"], b, *_span(s_tok, verb, o_tok), f"{rule}:{verb.lemma_.lower()}",
                            verb.i, neg, mod, at.i, bt.i)


def _in_the_past(verb: Token) -> bool:
    """A verb in the simple past ("lived") or the past perfect ("had lived"); not "has lived"."""
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("had", "'d")
                                                             for c in verb.children)


def _clause_opens_with(verb: Token, openers: list[str]) -> bool:
    """Whether a clause under the verb opens with one of these words, or comes right after its object
    and one of these marks: "asked Mr Myers if he knew", "asked Mr Sullivan: "Did you ...?"" (a
    quotation later in the sentence is not the question: "urged X to ..., adding: "...")."""
    doc = verb.doc
    after = max((c.right_edge.i for c in verb.children if c.dep_ == "dobj"), default=verb.i) + 1
    for c in verb.children:
        if c.dep_ in ("ccomp", "advcl") and c.left_edge.i >= after:
            marks = doc[after:c.left_edge.i]
            if c.left_edge.lower_ in openers or marks and all(t.is_punct for t in marks) \
                    and any(t.text in openers for t in marks):
                return True
    return False


def _sentence_has(sent: Span, phrases: list[str]) -> bool:
    """Whether a sentence has one of these lowercase words or phrases, whole ("half-time" too, which
    the tokenizer splits)."""
    text = sent.text.lower()
    return any(re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text) for p in phrases)


def _judgement(table: str, verb: Token) -> str | None:
    """What a verb of a judgement table of relations.toml ("control", "deed_verbs") makes of the deed
    it is about: "fact", "alleged" or "denied"; None for another verb."""
    return next((how for how, lemmas in lexicon()[table].items() if verb.lemma_.lower() in lemmas), None)


def _status(how: str | None) -> tuple[bool, str | None]:
    """The negation and modality of a deed so judged: a denied one is negated, an alleged one is
    hedged with "alleged", a fact is neither."""
    return how == "denied", "alleged" if how == "alleged" else None


def _controlled(verb: Token) -> tuple[list[Token], str] | None:
    """Who does what a verb of judgement is about, and what the judgement makes of it: "X was
    convicted of murdering Y" (a fact), "police accused X of killing Y" (alleged), "X was acquitted of
    killing Y" (denied). The words are ``[control]`` in relations.toml."""
    if verb.dep_ not in ("pcomp", "pobj") or verb.head.dep_ != "prep":
        return None
    head = verb.head.head
    how = _judgement("control", head)
    if how is None or head.pos_ != "VERB":
        return None
    return ([head.head] if head.dep_ == "acl" else direct_objects(head)), how   # "X, convicted of ..."


def deed_noun_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a noun of a deed links its doer to its victim: "the assassination of Y by X", "X was
    convicted of Y's killing", "X admitted the murder of Y" (facts); "police arrested X for the murder
    of Y", "X was charged with the murder of Y" (alleged); "X denied the murder of Y" (denied).
    The nouns are ``[deed_nouns]``, the verbs of judgement ``[control]`` and ``[deed_verbs]``."""
    deeds = lexicon()["deed_nouns"]
    for tok in doc:
        prop = deeds.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
        if prop is None:
            continue
        victims = ix.all_at(follow(tok, "prep:of")) or ix.all_at([c for c in tok.children if c.dep_ == "poss"])
        doers, how = ix.all_at(follow(tok, "prep:by")), "fact"
        if not doers and (control := _controlled(tok)):
            doers, how = ix.all_at(control[0]), control[1]
        elif not doers and tok.dep_ == "dobj":
            how = _judgement("deed_verbs", tok.head)
            doers = ix.all_at(subjects(tok.head)) if how else []
        for d_tok, d in doers:
            for v_tok, v in victims:
                if d != v and ix.etype(d) != "Country":
                    yield Found(d, prop, v, *_span(d_tok, tok, v_tok), "deed-noun", tok.i, *_status(how),
                                d_tok.i, v_tok.i)


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


def _noun_objects(tok: Token, ix: EntityIndex, prop: str | None = None) -> list[tuple[Token, int]]:
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


def _has_left(holder: Token, ix: EntityIndex) -> bool:
    """Whether a role's holder left it in the clause that names him: "Nortel's head Frank Dunn and two
    other executives were fired", "chairman X resigned" (not "X will resign", nor "X fired Y")."""
    table = lexicon()["subordinate"]
    tok = holder
    while tok.dep_ in ("conj", "appos"):    # "head Frank Dunn and two other executives were fired"
        tok = tok.head
    verb = tok.head
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
        objects = _noun_objects(tok, ix, prop) or _possessor_of_titled_name(tok, ix)
        for h_tok, rule in holders:
            h = ix.by_root.get(h_tok.i) if h_tok.i in ix.by_root else ix.at(h_tok)
            if h is None or ix.etype(h) != "Person" and prop not in ("memberOf", "allyOf"):
                continue
            when = _time_of_role(tok, h_tok) or ("future" if rule == "as-noun" and future else None) \
                or (modality(tok.head) if rule == "copula-noun" else None) \
                or ("former" if _has_left(h_tok, ix) else None)     # "who will be Saints' third boss"
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
                yield Found(h, held, o, *_span(h_tok, tok, o_tok), rule, tok.i,
                            negated(tok.head) if rule == "copula-noun" else False, when, h_tok.i, o_tok.i)


def _anothers_role_between(role: Token, name: Token) -> bool:
    """Whether a role noun coordinated with this one, after this one's own holder, stands between it
    and an apposition the parse gave it: in "India's petroleum minister Mr Aiyar and Russian energy
    minister Viktor Khristenko", Khristenko is the Russian minister; in "eBay president and chief
    executive Meg Whitman" both roles are hers."""
    between = role.doc[role.i + 1:name.left_edge.i]
    return any(t.dep_ == "conj" and is_title(t) for t in between) and any(t.dep_ == "appos" for t in between)


def role_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a description resolved to a person ("the Kazakh president" -> Tokayev) says that the
    person holds that title for that country: a leader-like title gives leaderOf the country."""
    nouns = lexicon()["nouns"]
    for i, c in enumerate(ix.res.candidates):
        k = ix.res.of_candidate.get(i)
        if c.kind != "description" or c.etype != "Person" or c.role is None or k is None:
            continue
        title, country = c.role
        if nouns.get(title) != "leaderOf" or country is None:
            continue
        target = ix.res.cluster_named(country)
        if target is not None and target != k:
            yield Found(k, "leaderOf", target, c.start, c.end, "role-description", c.root, subject_token=c.root)


def qualifier_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: an organisation described by its place is based in that place: "Kazakhstan's interior
    ministry", "Indian newspaper company Jagran", "Jagran, the Indian newspaper company"."""
    gaz = Gazetteer.load()
    for i, c in enumerate(ix.res.candidates):
        k = ix.res.of_candidate.get(i)
        if k is None:
            continue
        place, start = c.place, c.start
        if place is None and c.kind == "name" and ix.etype(k) not in PLACES | {"Person"}:
            found = described_place(doc[c.root], gaz)
            if found is None:
                continue
            noun, place = found
            start = min(c.start, noun.left_edge.i)
        if place is None:
            continue
        target = ix.res.cluster_named(place)
        if target is not None and target != k:
            yield Found(k, "basedIn", target, start, max(c.end, start + 1), "place-qualifier", c.root,
                        subject_token=c.root, object_token=start)
    # "the Haitian Parliament", "British Airways", "Canadian Imperial Bank of Commerce": a demonym that
    # opens a name ending in an organisation's word, or with one before "of" ("American Idiot", an
    # album, and "Swiss Army Knife" have none)
    org_words = words("nouns", "org_name_words", "words") | words("nouns", "org_heads")
    for c in ix.res.candidates:
        k, country = ix.by_root.get(c.root), ix.by_token.get(c.start)
        if c.kind == "name" and c.end - c.start > 1 and k is not None and ix.etype(k) in ORG_CLASSES \
                and country is not None and country != k and ix.etype(country) == "Country" \
                and any(t.lower_ in org_words and (t.i == c.end - 1 or doc[t.i + 1].lower_ == "of")
                        for t in doc[c.start + 1:c.end]):
            yield Found(k, "basedIn", country, c.start, c.end, "place-qualifier", c.root,
                        subject_token=c.root, object_token=c.start)


def compound_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: "X-led Y" and "X-backed Y": X leads / supports Y ("the Russian-led alliance"); "X-based
    Y": Y is based in X."""
    table, inverse = lexicon()["compounds"], lexicon()["compounds_inverse"]
    for tok in doc:
        prop = table.get(tok.lower_) or inverse.get(tok.lower_)
        if prop is None or tok.i < 2 or doc[tok.i - 1].text != "-":
            continue
        x_tok = doc[tok.i - 2]
        x = ix.by_token.get(x_tok.i)
        y = ix.at(tok.head) if tok.dep_ in ("amod", "compound") else None
        if x is None or y is None or x == y:
            continue
        if tok.lower_ in inverse:
            if ix.etype(y) == "Person":
                prop = "livesIn"        # "London-based Levy": a person lives there
            yield Found(y, prop, x, x_tok.i, tok.head.i + 1, "hyphen-compound", tok.i,
                        subject_token=tok.head.i, object_token=x_tok.i)
        else:
            yield Found(x, prop, y, x_tok.i, tok.head.i + 1, "hyphen-compound", tok.i,
                        subject_token=x_tok.i, object_token=tok.head.i)


def membership_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: "an alliance made up of Belarus, Armenia and Kyrgyzstan" -> each is a member of it."""
    for sent, n, last in phrase_matches(doc, lexicon()["membership"]["phrases"]):
        members = [(t, k) for t, k in ix.all_at([x for p in last.subtree if p.dep_ == "pobj"
                                                 for x in conjuncts(p)])
                   if ix.etype(k) in ("Country", "Organization", "Alliance", "Company",
                                      "PoliticalParty", "Person")]
        groups = [(t, k) for t in reversed(sent[:n]) if (k := ix.at(t)) is not None
                  and ix.etype(k) in ("Alliance", "Organization", "PoliticalParty")]
        if not groups or not members:
            continue
        g_tok, g = groups[0]
        if last.lower_ in ("including", "as") and ix.etype(g) != "Alliance":
            continue                  # "funding for countries such as Bangladesh": not members
        for m_tok, m in members:
            if m != g:
                yield Found(m, "memberOf", g, g_tok.i, m_tok.i + 1, "membership-list", last.i,
                            subject_token=m_tok.i, object_token=g_tok.i)


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
                    for o_tok, o in _noun_objects(c, ix):
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
                for o_tok, o in _noun_objects(tok, ix) if y is not None else []:
                    if o != y and ix.etype(o) in PLACES:
                        yield Found(y, "locatedIn", o, o_tok.i, c.i + 1, "location-apposition", tok.i,
                                    subject_token=c.i, object_token=o_tok.i)


def origin_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: "Andrew Hall of Miami", "Jane Doe, 50, of Bethany, Conn.", "Derwinski, a Republican from
    Chicago": a person "of"/"from" a place lives there (and in the state or country after its comma)."""
    preps = set(lexicon()["origin"]["prepositions"])
    for tok in doc:
        x = ix.by_root.get(tok.i)
        if x is None or ix.etype(x) != "Person" or tok.pos_ != "PROPN" or is_title(tok):
            continue                          # a name, not "the President of Kazakhstan"
        # the preposition hangs on the name, or on an age or a bare description in apposition to it
        # (a relational noun, "mayor of X", is the noun rules' to read)
        hosts = [tok] + [c for c in tok.children if c.dep_ in ("appos", "npadvmod", "amod") and c.i > tok.i
                         and c.i not in ix.by_token and (c.like_num or c.lemma_.lower() not in lexicon()["nouns"])]
        # an envoy or a minister "of" a country represents it: "Ambassador Stefan Johannesson of
        # Iceland" is its citizen, not a resident
        titled = any(is_title(t) or is_honorific(t) for t in doc[max(tok.left_edge.i, tok.i - 4):tok.i])
        for host in hosts:
            for prep in host.children:
                if prep.dep_ != "prep" or prep.lower_ not in preps or host is not tok and is_title(host) \
                        and prep.lower_ == "of":
                    continue            # "co-founder of Blinkx" is the role's; "a manager from Newcastle" a home
                for place in prep.children:
                    o = ix.place(place)
                    if place.dep_ != "pobj" or o is None or o == x:
                        continue
                    prop = "citizenOf" if titled and ix.etype(o) == "Country" else "livesIn"
                    for p_tok, p in _and_its_region(ix, place, o):
                        if p != x:
                            yield Found(x, prop, p, tok.i, p_tok.i + 1, "origin-of", prep.i,
                                        subject_token=tok.i, object_token=p_tok.i)


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
                for q_tok, q in _and_its_region(ix, p_tok, o):
                    yield Found(x, "livesIn", q, *_span(o_tok, tok, q_tok), "home", tok.i,
                                subject_token=o_tok.i, object_token=q_tok.i)


def person_qualifier_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a place that qualifies a person's description says where the person is from: "Atlanta
    businessman Neil Estes" lives in Atlanta, "Robert Corduwener, a Netherlands businessman" is a
    citizen of the Netherlands (a team, "England coach X", is no place; relational nouns, "Kazakh
    president X", are the noun rules')."""
    for i, c in enumerate(ix.res.candidates):
        x = ix.res.of_candidate.get(i)
        if c.kind != "name" or x is None or ix.etype(x) != "Person":
            continue
        span = range(c.start, c.end)
        descriptors = [t for t in doc[max(c.start - 4, 0):min(c.end + 6, len(doc))]
                       if t.head.i in span and t.dep_ in ("compound", "appos") and t.pos_ in ("NOUN", "PROPN")
                       and (t.i not in ix.by_token or t.i in span) and t.lemma_.lower() not in lexicon()["nouns"]
                       and t.lemma_.lower() not in ORG_NOUNS       # "Russian oil firm Yukos" is no person
                       and not any(u.text == "(" for u in doc[min(t.i, c.start):max(t.i, c.end)])]
        for d in descriptors:
            for p in d.children:
                k = ix.place(p)
                if p.dep_ not in ("compound", "poss", "nmod", "amod") or p.i > d.i or k is None or k == x:
                    continue
                if p.dep_ == "amod" and ix.etype(k) != "Country":
                    continue            # "European champion X": a continent's adjective is no origin
                if any(c.dep_ == "compound" and p.i < c.i < d.i and c.lemma_.lower() in load("nouns")["org_heads"]
                       for c in d.children):
                    continue            # "Santa Clara County Superior Court Judge X": the county's court
                if d.lemma_.lower() in words("nouns", "roles_beside_a_name", "words") and not known_place(ix, k):
                    continue            # "Holby City actor X", "Nirvana frontman X": a series, a band
                prop = "citizenOf" if ix.etype(k) == "Country" else "livesIn"
                yield Found(x, prop, k, min(p.i, c.start), max(c.end, d.i + 1), "person-qualifier", d.i,
                            subject_token=c.root, object_token=p.i)


def _and_its_region(ix: EntityIndex, place: Token, k: int) -> list[tuple[Token, int]]:
    """A place and the places in apposition to it: "Bethany, Conn." -> Bethany and Connecticut."""
    return [(place, k)] + [(c, ix.by_root[c.i]) for c in place.children if c.dep_ == "appos"
                           and c.i in ix.by_root and ix.by_root[c.i] != k and ix.etype(ix.by_root[c.i]) in PLACES]


def seat_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: "NRC headquarters in Rockville", "the bank's head office in Frankfurt", "the NRC's
    Rockville, Md., headquarters": the organisation whose seat it is (compound or possessor) is based
    in the place."""
    table = lexicon()["seat"]
    for tok in doc:
        two = f"{doc[tok.i - 1].lower_} {tok.lower_}" if tok.i else ""
        if tok.lower_ not in table["nouns"] and two not in table["nouns"]:
            continue
        owners = [(c, ix.at(c)) for c in tok.children if c.dep_ in ("compound", "poss") and c.i < tok.i]
        owners = [(c, k) for c, k in owners if k is not None and ix.etype(k) in ORG_CLASSES]
        named = [p for prep in table["prepositions"] for p in follow(tok, f"prep:{prep}")]
        named += [c for c in tok.children if c.dep_ in ("compound", "nmod") and c.i < tok.i and c.i in ix.by_root]
        places = [pk for p, k in ix.all_at(named) if ix.etype(k) in PLACES for pk in _and_its_region(ix, p, k)]
        for o_tok, o in owners:
            for p_tok, p in places:
                yield Found(o, "basedIn", p, o_tok.i, p_tok.i + 1, "seat-noun", tok.i,
                            subject_token=o_tok.i, object_token=p_tok.i)


def dateline_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
    """Rule: a sentence that opens with places (and a date) then an organisation is a dateline: the
    agency reported from the places ("DAYTON, Ohio (AP) _", "Moscow March 5 (ITAR-TASS) --")."""
    table = lexicon()["dateline"]
    for sent in doc.sents:
        places: list[tuple[int, int]] = []
        i = sent.start
        while i < min(sent.end, sent.start + 15):
            tok = doc[i]
            k = ix.by_token.get(i)
            if k is not None and ix.etype(k) in PLACES:
                if not places or places[-1][0] != k:
                    places.append((k, i))
            elif k is not None and ix.etype(k) in ORG_CLASSES and places:
                end = i
                while end < sent.end and ix.by_token.get(end) == k:
                    end += 1
                if end == sent.end or doc[end].lower_ in table["after"]:
                    for p, p_tok in places:
                        yield Found(k, "reportedFrom", p, sent.start, end, "dateline", i,
                                    subject_token=i, object_token=p_tok)
                    for (a, a_tok), (b, b_tok) in zip(places, places[1:]):   # "DAYTON, Ohio": in Ohio
                        if doc[b_tok - 1].text == "," and ix.by_token.get(b_tok - 2) == a and \
                                ix.etype(a) != "Country" and ix.etype(b) in ("Country", "Region"):
                            yield Found(a, "locatedIn", b, a_tok, b_tok + 1, "dateline", b_tok - 1,
                                        subject_token=a_tok, object_token=b_tok)
                break
            elif not (tok.lower_ in table["fillers"] or tok.ent_type_ in ("DATE", "TIME") or tok.like_num):
                break
            i += 1


RULES = (verb_relations, deed_noun_relations, noun_relations, role_relations, qualifier_relations, compound_relations,
         membership_relations, location_relations, origin_relations, home_relations, person_qualifier_relations,
         seat_relations, dateline_relations)


def _is_a(etype: str, cls: str) -> bool:
    """Whether an entity of class ``etype`` is a ``cls`` of the ontology."""
    return cls in (etype, "Entity") or cls == "Organization" and etype in ORG_CLASSES \
        or cls == "Place" and etype in PLACES


def fits(ix: EntityIndex, f: Found) -> bool:
    """Whether a triple's subject and object are of the classes its property relates
    (kg/lexicon/relations.toml [classes], the ontology's domains and ranges)."""
    classes = lexicon()["classes"].get(f.predicate)
    if classes is None:
        return True
    return all(any(_is_a(ix.etype(k), c) for c in allowed) for k, allowed in zip((f.subject, f.object), classes))


def _fitted(ix: EntityIndex, f: Found) -> Found | None:
    """The triple as its entities' classes allow: itself, else with the property
    kg/lexicon/relations.toml [classes_instead] names ("Modesto native X" lives there), else none."""
    if fits(ix, f):
        return f
    instead = lexicon()["classes_instead"].get(f.predicate)
    g = replace(f, predicate=instead) if instead else None
    return g if g is not None and fits(ix, g) else None


def find_relations(doc: Doc, ix: EntityIndex, classifier: RelationClassifier | None = None) -> list[Found]:
    """Every relation the rules find whose entities are of the classes its property relates; the same
    triple twice in one sentence is kept once (the first rule to find it keeps it). ``ix`` is the
    document's one EntityIndex, which claims and events read too."""
    out: list[Found] = []
    seen: set[tuple[int, str, int, int]] = set()

    def keep(f: Found) -> int:
        sent = doc[f.anchor].sent.start
        if (f.subject, f.predicate, f.object, sent) not in seen:
            seen.add((f.subject, f.predicate, f.object, sent))
            out.append(f)
        return sent

    related: set[tuple[int, int, int]] = set()   # (sentence, entity, entity) the rules linked
    for rule in RULES:
        for f in rule(doc, ix):
            g = _fitted(ix, f)          # an ill-typed pair is dropped, and the classifier leaves it alone too
            sent = keep(g) if g is not None else doc[f.anchor].sent.start
            related.add((sent, *sorted((f.subject, f.object))))
    if classifier is not None:
        for f in classifier_relations(doc, ix, classifier, related):
            keep(f)
    return out
