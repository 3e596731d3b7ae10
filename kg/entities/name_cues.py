"""What a name's own words and its neighbours say of its class, where the NER's label is wrong.

Each cue is a pure test of a span (the name as the NER found it, trimmed), one comment per cue:
"the premiere of Lemony Snicket" is a work, "telecoms firm Thales" a firm, "Ireland's Alistair Cragg"
a person. The cues decide nothing themselves: kg/entities/classes.py reads them in order, as a table,
for the class of every name the gazetteer does not know.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc, Span

from kg.lexicon.gazetteer import Gazetteer
from kg.lexicon import words
from kg.nlp.names import given_names, noun_before
from kg.nlp.syntax import coordination_head, hyphen_joined


def ends_a_persons_name(doc: Doc, word: str) -> bool:
    """Whether the doc names a person in two words or more, the last of them ``word`` ("Andrea Levy",
    "Linford Christie", "Kurt Barnard"): then ``word`` alone is most likely that person."""
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == word for e in doc.ents)


QUOTE_PAIRS = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»"}


def quoted_title(span: Span) -> bool:
    """A name in quotation marks of its own is the title of a work (“Ring of Fire”): an opening mark
    written against the name and its closing pair after it; a sentence's closing quotation before a
    possessive ("?" Rangers' boss") is none."""
    doc = span.doc
    if span.start == 0 or span.end >= len(doc):
        return False
    before, after = doc[span.start - 1], doc[span.end]
    return before.text in QUOTE_PAIRS and not before.whitespace_ and after.text == QUOTE_PAIRS[before.text]


def work_in_apposition(span: Span) -> bool:
    """A name with a noun for a work heading its apposition is the work's title: "Underexposure, one of
    Iraq's first features", "Sideways, a comedy about two friends"; not "Jones, a film director"."""
    doc, i = span.doc, span.end + 1
    if i >= len(doc) or doc[span.end].text != ",":
        return False
    if [t.lower_ for t in doc[i:i + 2]] == ["one", "of"]:
        i += 2
    while i < len(doc) and i - span.end < 8 and (doc[i].pos_ in ("DET", "ADJ", "PROPN", "NUM")
                                                 or doc[i].tag_ == "POS" or doc[i].ent_type_ == "NORP"):
        i += 1
    return i < len(doc) and doc[i].pos_ == "NOUN" and doc[i].lemma_ in words("nouns", "works_before_a_name", "words") \
        and (i + 1 == len(doc) or doc[i + 1].pos_ not in ("NOUN", "PROPN") and doc[i + 1].tag_ != "POS")


def given_name_first(span: Span) -> bool:
    """A name of two capitalised words opening with a common given name (kg/lexicon/people.toml), or of
    a hyphenated given name and one word, is a person's, whatever the NER says ("Ireland's Alistair
    Cragg", "Freddie Mercury's place", "coach Sven-Goran Eriksson"), unless its last word is an
    organisation's, a place's or a venue's ("Lehman Brothers", "Alex Theater")."""
    if len(span) == 4 and span[1].text == "-" and span[2].is_title:     # "Sven-Goran Eriksson"
        first, last = span[0], span[3]
    elif len(span) == 2:
        first, last = span[0], span[1]
    else:
        return False
    if not (first.is_title and first.is_alpha and last.is_title and last.is_alpha):
        return False
    given, not_a_surname = given_names()
    return first.text in given and last.lower_ not in not_a_surname


def surname_of_a_person(span: Span) -> bool:
    """A single word the NER calls a place (and the gazetteer does not know) that ends a person's name
    in the doc is that person's surname: "Kurt Barnard, president of Barnard's Retail Consulting Group"."""
    return len(span) == 1 and ends_a_persons_name(span.doc, span.text)


def part_of_a_work(span: Span) -> bool:
    """A name after a noun for a part or a showing of a work and its "of" or "for" is the work's title:
    "the UK premiere of Lemony Snicket", "the final episode of Star Trek: Enterprise", "the voice for
    SpongeBob SquarePants"."""
    doc = span.doc
    return span.start > 1 and doc[span.start - 1].lower_ in ("of", "for") \
        and doc[span.start - 2].lemma_.lower() in words("nouns", "works_before_a_name", "parts")


def counted_titles(span: Span) -> bool:
    """A name qualifying a counted "title" is a competition's: "four Futures titles", "his third
    Wimbledon title" (not "the Chelsea title bid", nor a newspaper's: "the two Telegraph titles")."""
    head = span.root.head
    return span.root.dep_ == "compound" and head.i == span.end and head.lemma_.lower() in ("title", "crown") \
        and any(c.dep_ in ("nummod", "amod") and (c.like_num or c.ent_type_ == "ORDINAL") for c in head.children) \
        and span[-1].lower_ not in words("nouns", "event_names", "papers")


def dated(span: Span) -> bool:
    """A name after a day's, a month's or a year's possessive is an event: "Friday's Night of
    Athletics", "January's Norwich Union International"; not a name qualifying a noun after it
    ("Wednesday's Federal Reserve meeting"), nor a newspaper's ("Monday's Financial Times")."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].tag_ != "POS" or doc[span.start - 2].ent_type_ != "DATE":
        return False
    if span.root.dep_ == "compound" and span.root.head.i >= span.end:
        return False
    return span[-1].lower_ not in words("nouns", "event_names", "papers")


def award_prefix(span: Span) -> bool:
    """"Oscar-winning", "Grammy-nominated": the name is an award, not a person or a company."""
    after = hyphen_joined(span[-1])
    return after is not None and after.lower_ in ("winning", "nominated", "winner", "award")


def _ends_in(span: Span, heads: frozenset[str]) -> bool:
    """Whether a name of two words or more ends in one of these words or two-word phrases."""
    return len(span) >= 2 and (span[-1].lower_ in heads or " ".join(t.lower_ for t in span[-2:]) in heads)


def common_noun_in_a_compound(span: Span, gaz: Gazetteer) -> bool:
    """A single word joined by a hyphen to a lowercase noun: "Chart" in "Chart-topper". Known names
    ("US-style") and awards ("Oscar-winner") stay; a participle makes no compound noun
    ("Microsoft-owned")."""
    after = hyphen_joined(span[0])
    return len(span) == 1 and after is not None and after.is_lower and after.tag_ in ("NN", "NNS") \
        and not award_prefix(span) and gaz.lookup(span.text) is None


def model_number(span: Span) -> bool:
    """A person's name has no word of letters and digits: "FA-18 Hornet", "MiG-29" are machines."""
    return any(any(ch.isdigit() for ch in t.text) and any(ch.isalpha() for ch in t.text) for t in span)


def event_name(span: Span) -> bool:
    """A name ending in an event's word is an event, an award or a competition ("Brit Awards"), and so
    is a name after a noun for an event ("the mobile phone conference 3GSM")."""
    heads = words("nouns", "event_names", "heads")
    return _ends_in(span, heads) or span.text.lower() in heads \
        or noun_before(span, words("nouns", "event_names", "before"))


def place_name(span: Span) -> bool:
    """A name of two words or more ending in a place's word ("Custer National Forest"), or "District
    of Columbia": a place, not a person or a company."""
    heads = words("nouns", "place_names", "heads")
    return _ends_in(span, heads) or len(span) >= 2 and span[0].lower_ in heads and span[1].lower_ == "of"


def placed_like_a_town(span: Span, gaz: Gazetteer) -> bool:
    """A name the NER calls an organisation, written like a town: followed by ", <state or country>"
    ("Clarksdale, Miss.", "Millinocket, Maine")."""
    return _state_after_comma(span, gaz) is not None and not any(
        t.lower_ in words("nouns", "org_name_words", "words") for t in span)


def town_of_a_dateline(span: Span, gaz: Gazetteer) -> bool:
    """A name the NER calls a person that opens a dateline: ", <state or country>" after it, then a date
    or the agency in brackets ("Saint-Gall, Switzerland, Feb 2 (AFP) --"); "Padraig Harrington,
    Ireland, 68" in a leaderboard stays a person."""
    end = _state_after_comma(span, gaz)
    doc = span.doc
    before = re.sub(r"\([^)]*\)", "", doc[span.sent.start:span.start].text)    # "(Text) Saint-Gall, ..."
    if end is None or end + 1 >= len(doc) or any(ch.isalpha() for ch in before):
        return False
    nxt = doc[end + 1]                  # "Feb 2", "Tuesday"; not an age, "68", which the NER may call a date
    if doc[end].text == "(":
        return nxt.ent_type_ == "ORG" or nxt.is_upper and nxt.is_alpha      # the agency: "(AFP)", "(AP)"
    return doc[end].text == "," and nxt.ent_type_ == "DATE" and nxt.text[0].isalpha()


def _state_after_comma(span: Span, gaz: Gazetteer) -> int | None:
    """Where ", <state or country>" after a name ends, or None: the gazetteer's place in the one or two
    words after the comma, no possessive after it ("Consob, Italy's stock market regulator": a
    description) nor the rest of another name ("Aloha, America West, ...")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return None
    for n in (1, 2):
        after = doc[span.end + 1 + n] if span.end + 1 + n < len(doc) else None
        nxt = gaz.lookup(doc[span.end + 1:span.end + 1 + n].text)
        if nxt is not None:
            break
    if after is not None and (after.tag_ == "POS" or after.ent_iob_ == "I"):
        return None
    return span.end + 1 + n if nxt is not None and nxt.etype in ("Country", "Region") else None


def org_noun_after(span: Span) -> bool:
    """A name qualifying the common noun for organisations right after it ("Abbey Road studios"), or
    with that noun in apposition ("Agroflora, a subsidiary of the UK food group Vestey")."""
    doc, org_nouns = span.doc, words("nouns", "org_nouns_beside_a_name", "words")
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.is_lower and after.lower_ in org_nouns and span.root.head.i == after.i:
        return True
    appos = words("nouns", "org_nouns_beside_a_name", "in_apposition")
    return after is not None and after.text == "," and (any(      # the first apposition, not a later one's
        c.dep_ == "appos" and c.lower_ in appos and c.left_edge.i == span.end + 1 for c in span.root.children)
        or _org_noun_in_apposition(span, appos))


def described_firm(span: Span) -> bool:
    """A name the NER calls a place, then ", the <demonym or adjective> company" ("Solidere, the
    Lebanese company founded by ..."): a firm. A bare ", a company of" stays a place's apposition
    ("Badajoz, a company of the 12th Brigade")."""
    doc = span.doc
    return span.end + 3 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "the" \
        and (doc[span.end + 2].pos_ == "ADJ" or doc[span.end + 2].ent_type_ == "NORP") \
        and _org_noun_in_apposition(span, words("nouns", "org_nouns_beside_a_name", "in_apposition"))


def _org_noun_in_apposition(span: Span, appos: frozenset[str]) -> bool:
    """", the Lebanese company founded by ...": an organisation's noun right after the comma, its
    article and adjectives, heading its phrase, when the parse did not make it an apposition."""
    doc, i = span.doc, span.end + 2
    if i >= len(doc) or doc[span.end + 1].lower_ not in ("a", "an", "the"):
        return False
    while i < len(doc) and i - span.end < 5 and (doc[i].pos_ == "ADJ" or doc[i].ent_type_ == "NORP"):
        i += 1
    return i < len(doc) and doc[i].lower_ in appos and (
        i + 1 == len(doc) or doc[i + 1].pos_ not in ("NOUN", "PROPN", "PART"))


def org_noun_before(span: Span) -> bool:
    """A name qualified by the common noun for organisations right before it: "telecoms firm Thales",
    "P2P network Red Swoosh"."""
    doc, org_nouns = span.doc, words("nouns", "org_nouns_beside_a_name", "words")
    before = doc[span.start - 1] if span.start > 0 else None
    return before is not None and before.is_lower and before.lower_ in org_nouns and (
        before.head.i == span.root.i and before.dep_ in ("compound", "amod", "nmod")
        or span.root.head.i == before.i and span.root.dep_ in ("appos", "compound"))   # "the airline Qantas"


def listed_under_an_org_noun(span: Span) -> bool:
    """A name in a list that a plural noun for organisations introduces is an organisation's: the list
    is what the noun "is" ("airlines flying the 737-300s are Aloha, America West, ... and United"),
    follows its "such as" or "including" ("budget airlines such as Ryanair, easyJet and Delta"), or is
    in apposition to it."""
    first = coordination_head(span.root)
    head = first.head
    if first.dep_ == "attr" and head.lemma_ == "be":
        nouns = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif first.dep_ == "pobj" and head.lower_ in ("as", "including"):
        nouns = [head.head]
    elif first.dep_ == "appos":
        nouns = [head]
    else:
        return False
    return any(n.lower_ in words("nouns", "org_nouns_beside_a_name", "before_a_list") for n in nouns)


def based_firm(span: Span) -> bool:
    """A single word the NER calls a person after "X-based" or "X-headquartered" is a firm ("Santa
    Monica-based Activison", "Madrid-based Ferrovial"), unless the doc names a person of two words or
    more ending in it ("London-based Levy" after "Andrea Levy")."""
    doc = span.doc
    if len(span) != 1 or span.start < 2 or doc[span.start - 1].lower_ not in ("based", "headquartered") \
            or hyphen_joined(doc[span.start - 1], -1) is None:
        return False
    return not ends_a_persons_name(doc, span.text)


def portfolio(span: Span, gaz: Gazetteer) -> bool:
    """Whether a name the NER calls an organisation is a minister's portfolio: written before "Minister",
    "Secretary" or "Commissioner" ("Finance Minister Omar Davies", "Trade and Industry Secretary Patricia
    Hewitt", "Monetary Affairs Commissioner Joaquin Almunia", "EU Trade Commissioner Peter Mandelson":
    a known body's acronym may open a commissioner's) or after a capitalised "Secretary of" ("US
    Secretary of State Colin Powell", but "Ichiro Ozawa, secretary of Shinseito" names a party), unknown
    to the gazetteer, no acronym ("CNTP Secretary Luis Cobos") and not ending in an organisation's word
    ("Factory Workers Union secretary general")."""
    doc = span.doc
    before_of = span.start > 1 and doc[span.start - 1].lower_ in ("of", "for") \
        and doc[span.start - 2].lower_ in ("minister", "secretary") and doc[span.start - 2].is_title
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    body = span[1:] if after == "commissioner" and len(span) > 1 and span[0].is_upper \
        and gaz.lookup(span[0].text) is not None else span     # "EU Trade", but "US Treasury" is a body
    return ((after in ("minister", "secretary", "commissioner") or before_of)
            and gaz.lookup(span.text) is None and not any(t.is_upper and len(t) > 1 for t in body)
            and span[-1].lower_ not in words("nouns", "org_name_words", "words") | words("nouns", "org_heads"))
