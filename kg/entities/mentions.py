"""Find the mentions of entities in a parsed doc: names, acronyms, descriptions, demonyms, pronouns.

Pure generators from a spaCy Doc to ``Candidate`` tuples, one rule per function.  Spans are
normalised: no leading "the", no trailing "'s", no title inside a person's name.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.lexicon.gazetteer import ORG_CLASSES, Gazetteer
from kg.lexicon import load, words
from kg.entities.name_cues import common_noun_in_a_compound, ends_a_persons_name, portfolio
from kg.entities.classes import (LABEL_CLASS, Typed, of_class_noun, of_demonym, of_known, of_name,
                                of_org_description, of_pronoun, of_surname, of_title_description)
from kg.nlp.syntax import has_determiner, hyphen_joined, in_words, spaced_dash

LEADING_DROP = {"the", "a", "an", "former", "late", "ex", "then"}
POSSESSIVE = {"'s", "’s", "'", "’"}


@dataclass(frozen=True)
class Candidate:
    """A mention found in a doc, before it is resolved to an entity (token offsets)."""

    start: int
    end: int                          # exclusive token index
    text: str                         # normalised surface
    kind: str                         # name | description | demonym | pronoun
    typed: Typed                      # ontology class and its evidence (kg/entities/classes.py decides)
    canonical: str | None = None      # the gazetteer's canonical name, when it knows the name
    role: tuple[str, str | None] | None = None   # (title, country) of a person description or title
    head: str | None = None           # head phrase of an organisation description ("interior ministry")
    head_token: int | None = None     # the syntactic head, when it is not the last token
    lead: int = 0                     # title tokens at the start of the span, not part of the name
    place: str | None = None          # the place qualifying an organisation description

    @property
    def etype(self) -> str:
        """The ontology class: "Person", "Company"."""
        return self.typed.etype

    @property
    def evidence(self) -> tuple[str, ...]:
        """The cues that gave the class: ("gazetteer",), ("ner:ORG", "org-head:ministry")."""
        return self.typed.evidence

    @property
    def typed_by_context(self) -> bool:
        """Whether the class comes from the words around the name, not the NER."""
        return self.typed.by_context

    @property
    def root(self) -> int:
        return self.head_token if self.head_token is not None else self.end - 1


@cache
def nouns() -> dict:
    return load("nouns")


def is_title(tok: Token) -> bool:
    titles = words("nouns", "people", "titles")
    return in_words(tok, titles) or tok.lemma_.lower() in titles


def is_honorific(tok: Token) -> bool:
    """A capitalised title or honorific written before a name: "President", "Ms.", "Prince"."""
    return tok.is_title and (is_title(tok) or tok.lower_ in words("nouns", "people", "honorifics")) \
        or tok.lower_ in {"prince", "princess", "king", "queen", "pope"} and tok.is_title


def country_of(tok: Token, gaz: Gazetteer) -> str | None:
    """The country a token names or qualifies: "Kazakhstan", "Kazakh", "Russian"(-led)."""
    entry = gaz.lookup(tok.text)
    if entry is not None and entry.etype == "Country":
        return entry.name
    entry = gaz.country_of_demonym(tok.text)
    return entry.name if entry is not None else None


def _role_first(tok: Token) -> bool:
    """A capitalised role of ``[roles_beside_a_name]`` that opens a person's name but is none of it:
    "Rapper Snoop Dogg", "Composer Thomas" at the start of a sentence."""
    return tok.is_title and tok.lower_ in words("nouns", "roles_beside_a_name", "words")


def _title_the(span: Span) -> bool:
    """A capitalised "The" inside a sentence, opening a name of one more capitalised word, is part of
    it: "correspondent for The World" (a radio programme), "in The Hague"."""
    doc = span.doc
    return len(span) == 2 and span[0].text == "The" and span[1].is_title and span.start > 0 \
        and not span[0].is_sent_start and not doc[span.start - 1].is_punct


def _trim(span: Span) -> Span:
    """Drop a leading determiner or "former", a title inside a person's name, a trailing "'s" or
    number after a person's name, and lowercase words after a spaced dash."""
    start, end = span.start, span.end
    doc = span.doc
    keep_the = _title_the(span)         # "correspondent for The World"
    while not keep_the and start < end and (doc[start].lower_ in LEADING_DROP or doc[start].is_punct):
        start += 1
    if span.label_ == "PERSON":         # "President X", "Ms Mendelsohn": the name is what follows
        while start < end - 1 and (is_title(doc[start]) or is_honorific(doc[start]) or _role_first(doc[start])):
            start += 1
    dash = next((t.i for t in doc[start + 1:end] if spaced_dash(t)), None)
    if dash is not None and all(t.is_lower or t.is_punct for t in doc[dash + 1:end]):
        end = dash                      # "the European Union - the": the sentence goes on after the dash
    opened = [t.i for t in doc[start:end] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1]:end]):
        end = opened[-1]                # "U-Carmen eKhayelitsha (Carmen": a bracket the name never closes
    if _named_with_its_s(doc[start:end], span.label_):
        return doc[start:end]           # "a New York attorney representing Church's": the firm's name
    while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space
                           or span.label_ == "PERSON" and end - start > 1 and doc[end - 1].is_digit):
        end -= 1                        # "Robben 79": a scorer and his minute
    return doc[start:end]


def _named_with_its_s(span: Span, label: str) -> bool:
    """Whether an organisation's name the NER read with its "'s" keeps it: nothing that could be
    possessed follows, only a punctuation mark (no bracket: "Deutsche Boerse's (DB) bid"), a
    preposition, a conjunction or a finite auxiliary, which no contracted "'s" can precede
    ("representing Church's, said", "analyst at Standard & Poor's.", "Church's is headquartered in
    San Antonio"; not "Church's notice", "Band Aid's Do They Know It's Christmas?" (a capitalised
    auxiliary opens a title), "Bruno's been");
    and the doc writes the name nowhere without it (but before another possessive "'s"), nor names a
    person ending in its word."""
    doc = span.doc
    if label != "ORG" or len(span) < 2 or span[-1].text not in ("'s", "’s") or not span[-2].is_title:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    if not (after is None or after.is_punct and after.text != "(" or after.pos_ in ("ADP", "CCONJ")
            or after.pos_ == "AUX" and after.is_lower and after.tag_ in ("VBZ", "VBD", "VBP", "MD")):
        return False
    bare = span[:-1].text                # written without it: not before another "'s" ("Church's notice")
    return not any(e.text == bare and (e.end == len(doc) or doc[e.end].text not in ("'s", "’s")) for e in doc.ents) \
        and not ends_a_persons_name(doc, span[-2].text)


def _with_next_token(span: Span, gaz: Gazetteer) -> Span:
    """A name the NER cut before a token that the gazetteer writes with it: a lowercase word ("DZ bank
    economist Bernd Weidensteiner" names DZ Bank) or its "'s" ("McDonald's boss", "Sotheby's"), unless
    the doc names a person ending in the word ("Linford Christie ... Christie's time")."""
    doc = span.doc
    if span.end >= len(doc) or gaz.lookup(span.text) is not None:
        return span
    nxt = doc[span.end]
    possessive = nxt.text in ("'s", "’s")
    if not (possessive or nxt.is_lower and nxt.is_alpha):
        return span
    entry = gaz.lookup(span.text + "'s" if possessive else doc[span.start:span.end + 1].text)
    if entry is None or entry.etype not in ORG_CLASSES or possessive and ends_a_persons_name(doc, span[-1].text):
        return span
    return doc[span.start:span.end + 1]


def _without_title(span: Span, gaz: Gazetteer) -> Span | None:
    """An organisation's name without a person's title the NER ran on into ("Carnegie Mellon Professor
    Raj Reddy", "Tim Crawford, Group Economist at Halifax"); None when no name is left ("Group")."""
    if len(span) < 2 or not span[-1].is_title \
            or span[-1].lower_ not in words("nouns", "people", "titles_after_a_name") or gaz.lookup(span.text):
        return span
    rest = span.doc[span.start:span.end - 1]
    return None if len(rest) == 1 and rest[0].lower_ in words("nouns", "org_name_words", "words") else rest


def _is_qualified_description(ent: Span, gaz: Gazetteer) -> bool:
    """A lowercase "organisation" qualified by a place ("Kazakhstan's interior ministry") is a
    description, not a name: org_descriptions names it after its place."""
    return (ent.label_ == "ORG" and not any(t.is_title or t.is_upper for t in ent if t.is_alpha)
            and _place_qualifier(ent.root, gaz) is not None)


def name_mentions(doc: Doc, gaz: Gazetteer) -> Iterator[Candidate]:
    """Rule: every named entity of a useful label is a name mention; the gazetteer refines its class
    and gives its canonical name; a demonym ("Kazakh", "Russian-led") is a mention of its country."""
    for ent in doc.ents:
        if ent.label_ == "NORP" or (ent.label_ in ("ORG", "GPE", "PERSON") and not gaz.lookup(ent.text)
                                      and all(gaz.country_of_demonym(t.text) for t in ent)):   # "Bosnian Serbs"
            country = gaz.country_of_demonym(ent.text)
            if country is not None and _adjectival(ent.root) and not _opens_an_event_name(ent):
                yield Candidate(ent.start, ent.end, ent.text, "demonym", of_demonym(country), country.name)
            continue
        if ent.label_ not in LABEL_CLASS or _is_qualified_description(ent, gaz):
            continue
        span = _with_next_token(_trim(ent), gaz)
        span = _without_title(span, gaz) if ent.label_ == "ORG" and span else span
        if not span or not any(ch.isalpha() for ch in span.text):   # "U.S." and "Conn." have letters
            continue
        terms = words("nouns", "not_names", "words")
        if span.text in terms or span[0].text in terms and any(t.like_num for t in span[1:]):
            continue                     # "2115 GMT", "R&B star", "RFID tags", "GMT 2 Feb 94": terms, no entities
        if common_noun_in_a_compound(span, gaz):
            continue                     # "Chart-topper 50 Cent": a word of a compound noun, no name
        if len(span) == 1 and ent.label_ in ("ORG", "PERSON") and is_title(span[0]) and span.start > 0 \
                and doc[span.start - 1].lower_ == "the":
            continue                     # "the Bishop said": a title alone is a description, no name
        if ent.label_ == "ORG" and portfolio(span, gaz):
            continue                     # "Finance Minister", "Trade and Industry Secretary": no organisation
        if ent.label_ == "ORG" and len(span) == 2 and span[0].pos_ == "ADJ" and not gaz.lookup(span.text) \
                and gaz.country_of_demonym(span[1].text) is not None:
            continue                     # "Legendary Dutch boss Michels": an adjective and a demonym
        text = span.text
        root = span.end - 2 if span[-1].text in POSSESSIVE else None     # "McDonald's": "McDonald"
        entry = gaz.lookup(text)
        if entry is not None:
            yield Candidate(span.start, span.end, text, "name", of_known(entry), entry.name, head_token=root)
            continue
        lead = 0                         # the mention keeps its titles: "President Lincoln", "Ms. Carpenter"
        titled = False
        if ent.label_ in ("PERSON", "ORG"):
            while span.start - lead > 0 and is_honorific(doc[span.start - lead - 1]):
                lead += 1
            titled = bool(lead) or any(c.dep_ == "compound" and c.i < span.start and is_title(c)
                                       for c in span.root.children)
        if ent.label_ in ("PERSON", "ORG") and span.root.pos_ == "PROPN":
            text = gaz.transliterate(text)
        yield Candidate(span.start - lead, span.end, text, "name", of_name(ent.label_, span, gaz, titled),
                        head_token=root, lead=lead)


def place_stands_for_other(tok: Token) -> bool:
    """Whether a place name is used for a team or a branch: "England coach", "the US sales arm",
    "former Liverpool team-mate", "Liverpool legend" (the head noun, or a noun it is a compound of,
    says so; a club's role only after the name, not after a demonym: "Dutch legend")."""
    table = nouns()["place_as_other"]
    words = set(table["team_roles"]) | set(table["branches"])
    if tok.dep_ != "amod":              # "Liverpool legend", not "Dutch legend"
        words |= set(table["club_roles"])
    if tok.head.lower_ in ("against", "versus", "vs", "v", "v.", "beat", "beats", "defeated"):
        return True                     # "a tough game against Scotland", "Ireland beat Spain"
    if tok.head.lower_ == "over" and tok.head.head.lemma_.lower() in ("victory", "win", "triumph", "defeat"):
        return True                     # "a crushing 19-0 victory over Wales"
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].like_num:
        return True                     # "Ireland 17-12 South Africa"
    head = tok
    for _ in range(3):                  # "Toyota's US sales arm": US -> arm through "sales"
        if head.dep_ not in ("compound", "poss", "amod", "nmod", "npadvmod") or head.head.i == head.i:
            break
        between = tok.doc[head.i + 1:head.head.i]
        head = head.head
        if head.lemma_.lower() in words or in_words(head, words) or any(
                t.lower_ in words and t.dep_ == "amod" and t.head.i == head.i for t in between):
            return True                 # "Wales international colleague John Hartson": a role in between
    return False


def _paired_by_hyphen(tok: Token, gaz: Gazetteer) -> bool:
    """Whether a country's name is half of a hyphenated pair of countries ("US-China", "Sino-Japanese"):
    the pair qualifies what lies between them, not where a body sits."""
    return any((other := hyphen_joined(tok, side)) is not None and country_of(other, gaz) for side in (-1, 1))


def _place_qualifier(tok: Token, gaz: Gazetteer) -> str | None:
    """The country qualifying a noun: possessor, demonym or compound, or "of <country>"; not one half
    of "the US-China commission"."""
    for child in tok.children:
        if child.dep_ in ("poss", "amod", "compound", "npadvmod", "nmod") and child.i < tok.i \
                and not _paired_by_hyphen(child, gaz):
            country = country_of(child, gaz)
            if country:
                return country
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    country = country_of(pobj, gaz)
                    if country:
                        return country
    return None


def _has_name(tok: Token, gaz: Gazetteer) -> bool:
    """Whether a title noun is attached to a person's name ("leader Alexander Lukashenko"); a demonym
    the NER called a person ("Kazakh" in "the Kazakh president") is no name."""
    if tok.ent_type_ == "PERSON" or tok.head.ent_type_ == "PERSON" and tok.dep_ == "compound":
        return True
    return any(c.ent_type_ == "PERSON" and c.dep_ in ("appos", "compound")
               and not (c.ent_iob_ == "B" and gaz.country_of_demonym(c.text)) for c in tok.children)


def person_descriptions(doc: Doc, gaz: Gazetteer) -> Iterator[Candidate]:
    """Rule: a title qualified by a country, with no name attached, describes a person:
    "the Kazakh president", "President of Kazakhstan", "Kazakhstan's prime minister"."""
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or not is_title(tok) or tok.ent_type_ or _has_name(tok, gaz):
            continue
        country = _place_qualifier(tok, gaz)
        if country is None:
            continue
        if not has_determiner(tok, ("the",)) and not tok.is_title:
            continue
        left = min([tok.i] + [c.i for c in tok.children if c.i < tok.i])
        right = tok.i + 1
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i:
                right = max(t.i for t in c.subtree) + 1
        span = _trim(doc[left:right]) or doc[tok.i:tok.i + 1]
        yield Candidate(span.start, span.end, span.text, "description", of_title_description(),
                        role=(tok.lemma_.lower(), country), head_token=tok.i)


def _org_head(tok: Token) -> str | None:
    """The head phrase ("interior ministry") when ``tok`` heads a description of an organisation."""
    lemma = tok.lemma_.lower()
    if lemma not in nouns()["org_heads"] or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i
            and c.is_lower and c.is_alpha]
    needs = nouns()["org_head_modifiers"].get(lemma)
    if needs is not None and not any(m.lower_ in needs for m in mods):
        return None
    words = [m.lower_ for m in sorted(mods, key=lambda t: t.i)] + [tok.lower_]
    return " ".join(words)


def _names_attached(tok: Token) -> bool:
    """Whether a noun describes a name beside it ("Indian newspaper company Jagran", "Jagran, the
    Indian newspaper company"): then it is that name's description, not an entity of its own."""
    if tok.dep_ in ("compound", "appos") and tok.head.ent_type_ in ("ORG", "PERSON"):
        return True
    return any(c.dep_ in ("appos", "compound") and c.ent_type_ in ("ORG", "PERSON") and c.i != tok.i
               for c in tok.children)


def described_place(name_root: Token, gaz: Gazetteer) -> tuple[Token, str] | None:
    """The organisation noun describing a name and the place qualifying it: "Indian newspaper
    company Jagran" -> (company, "India")."""
    candidates = [c for c in name_root.children if c.dep_ in ("compound", "appos")]
    if name_root.dep_ == "appos":
        candidates.append(name_root.head)
    for noun in candidates:
        if noun.ent_type_ or _org_head(noun) is None:
            continue
        place = _place_qualifier(noun, gaz) or _named_place_qualifier(noun, gaz)
        if place:
            return noun, place
    return None


def _named_place_qualifier(noun: Token, gaz: Gazetteer) -> str | None:
    """A city or region the NER names before the noun: "a Hong Kong construction firm"."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "nmod") and child.i < noun.i and child.ent_type_ == "GPE":
            span = next(e for e in noun.doc.ents if e.start <= child.i < e.end)
            entry = gaz.lookup(span.text)
            return entry.name if entry is not None else _trim(span).text
    return None


def org_descriptions(doc: Doc, gaz: Gazetteer) -> Iterator[Candidate]:
    """Rule: an organisation noun qualified by a place is an organisation of that place
    ("Kazakhstan's interior ministry" -> "Kazakhstan interior ministry"); a definite one with no
    qualifier ("the security services") is kept for resolution against earlier ones."""
    for tok in doc:
        if tok.ent_type_ and not (tok.ent_type_ == "ORG" and tok.is_lower):
            continue
        head = _org_head(tok)
        if head is None or _names_attached(tok):
            continue
        if tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() not in nouns()["org_head_modifiers"]:
            continue                    # "two of Japan's biggest companies" is no one company
        country = _place_qualifier(tok, gaz)
        left = min([tok.i] + [c.i for c in tok.children
                              if c.dep_ in ("compound", "amod", "poss", "det", "npadvmod") and c.i < tok.i])
        span = _trim(doc[left:tok.i + 1])
        if not span:
            continue
        if country is not None:
            yield Candidate(span.start, span.end, f"{country} {head}", "description",
                            of_org_description(tok.lemma_.lower()), head=head, head_token=tok.i, place=country)
        elif has_determiner(tok, ("the",)):
            yield Candidate(span.start, span.end, head, "description", of_org_description(tok.lemma_.lower()),
                            head=head)


def class_descriptions(doc: Doc) -> Iterator[Candidate]:
    """Rule: "the country", "the alliance", "the city" refer to an entity of that class."""
    table = nouns()["class_nouns"]
    for tok in doc:
        if tok.lower_ not in table or tok.ent_type_ or tok.pos_ != "NOUN":
            continue
        if not has_determiner(tok, ("the",)):
            continue
        if any(c.dep_ in ("prep", "poss") for c in tok.children):
            continue
        yield Candidate(tok.i, tok.i + 1, tok.text, "description", of_class_noun(tok.lower_), head=tok.lower_)


def _opens_an_event_name(span: Span) -> bool:
    """A demonym that opens the name of an event ("Australian Open champion Williams", "the British
    Grand Prix") stands for the event, not for a country."""
    doc, heads = span.doc, words("nouns", "event_names", "heads")
    after = doc[span.end:span.end + 2]
    return bool(after) and after[0].is_title and (after[0].lower_ in heads or after.text.lower() in heads)


def _adjectival(tok: Token) -> bool:
    """A demonym used as an adjective ("Kazakh president", "Russian-led") stands for its country;
    as a noun ("the Scot", "Russians said") it stands for people."""
    return tok.dep_ in ("amod", "compound", "npadvmod", "nmod") or (
        tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-")


def demonym_mentions(doc: Doc, gaz: Gazetteer) -> Iterator[Candidate]:
    """Rule: a capitalised demonym the NER left out ("Russian" in "Russian-led"), or that opens an
    organisation's name ("Haitian" in "Haitian Parliament"), names its country."""
    for tok in doc:
        first = tok.ent_iob_ == "B" or tok.i > 0 and doc[tok.i - 1].ent_iob_ == "B" and doc[tok.i - 1].lower_ == "the"
        opens_org = first and tok.ent_type_ == "ORG" and tok.i + 1 < len(doc) and doc[tok.i + 1].ent_iob_ == "I"
        if tok.ent_type_ and not opens_org or not tok.is_title or tok.pos_ not in ("ADJ", "PROPN", "NOUN"):
            continue
        if gaz.lookup(tok.text) is not None or not _adjectival(tok):
            continue
        country = gaz.country_of_demonym(tok.text)
        if country is not None:
            yield Candidate(tok.i, tok.i + 1, tok.text, "demonym", of_demonym(country), country.name)


def surname_mentions(doc: Doc, gaz: Gazetteer) -> Iterator[Candidate]:
    """Rule: a capitalised word the NER left out that is the surname of a person it named elsewhere in
    the doc ("Director Quentin Tarantino ... Tarantino is said to be intrigued") is that person; a
    name the gazetteer knows is no person's ("Manchester United" has no surname "United")."""
    surnames = {[t for t in e if t.is_title][-1].text for e in doc.ents
                if e.label_ == "PERSON" and any(t.is_title for t in e)   # "Douglas Adams'": Adams
                and gaz.lookup(e.text) is None}
    for tok in doc:
        if tok.text in surnames and not tok.ent_type_ and tok.pos_ == "PROPN":
            yield Candidate(tok.i, tok.i + 1, tok.text, "name", of_surname())


def pronoun_mentions(doc: Doc) -> Iterator[Candidate]:
    """Rule: a personal pronoun of the third person singular may refer to a person."""
    people = words("nouns", "people_pronouns", "words")
    for tok in doc:
        if tok.lower_ in people and tok.pos_ == "PRON":
            yield Candidate(tok.i, tok.i + 1, tok.text, "pronoun", of_pronoun())


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Candidate]:
    """All mention candidates of a doc, in text order; names win over overlapping descriptions."""
    names = list(name_mentions(doc, gaz)) + list(demonym_mentions(doc, gaz)) + list(surname_mentions(doc, gaz))
    taken = {i for c in names for i in range(c.start, c.end)}
    others = [c for rule in (person_descriptions(doc, gaz), org_descriptions(doc, gaz),
                             class_descriptions(doc), pronoun_mentions(doc))
              for c in rule if c.root not in taken]
    seen_roots: set[int] = set()
    out = []
    for c in sorted(names + others, key=lambda c: (c.start, -c.end)):
        if c.kind != "name" and c.root in seen_roots:
            continue
        seen_roots.add(c.root)
        out.append(c)
    return out
