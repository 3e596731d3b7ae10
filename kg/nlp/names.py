"""Names the statistical NER cut or mislabelled, put back together after it: one spaCy component.

The NER cuts long institutions' names at "and" or before "of" and their country, and reads a film's
title as a person or a company. ``joined_names`` rewrites ``doc.ents`` before any mention is found, so
every later stage (mentions, the classifier, the evaluation against CoNLL04) sees the whole name. Each
rule is a small function from a doc and one entity to the longer span it belongs to; the word lists
are data in kg/lexicon/nouns.toml.
"""
from __future__ import annotations

from functools import cache

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from kg.lexicon.gazetteer import ORG_CLASSES, RULER_LABEL, Gazetteer
from kg.lexicon import words
from kg.nlp.syntax import conjuncts, coordination_head, spaced_dash

NUMERIC = ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
Ents = tuple[Span, ...]               # the doc's entities as they stand: doc.ents is rebuilt at every read


def _capitalised_run(doc: Doc, end: int, limit: int = 3, untagged: bool = False) -> int:
    """Where a run of up to ``limit`` capitalised words ending just before token ``end`` starts; with
    ``untagged``, words no entity holds and that are no people's titles ("President", "Chairman")."""
    titles = words("nouns", "people", "titles") | words("nouns", "roles_beside_a_name", "words") | {"the"} \
        if untagged else frozenset()
    start = end
    while start > 0 and end - start < limit and doc[start - 1].is_title and doc[start - 1].is_alpha and (
            not untagged or doc[start - 1].ent_iob_ == "O" and doc[start - 1].lower_ not in titles):
        start -= 1
    return start


def _untagged_capitals(doc: Doc, start: int, stop: int) -> int:
    """Where a run of capitalised words no entity holds, from token ``start`` and before ``stop``, ends."""
    end = start
    while end < min(stop, len(doc)) and doc[end].is_title and doc[end].ent_iob_ == "O":
        end += 1
    return end


def _joined(doc: Doc, ents: Ents, left: int, right: Span) -> Span | None:
    """The name from token ``left`` to the end of ``right``, if "<left run> and <right>" is one name:
    the run is capitalised and either no entity, or an organisation after "the"."""
    if right.label_ != "ORG" or left >= right.start - 1 \
            or right[-1].lower_ not in words("nouns", "joined_org_names", "heads"):
        return None
    run = doc[left:right.start - 1]
    inside = {e.label_ for e in ents if e.start < run.end and run.start < e.end}
    after_the = left > 0 and (doc[left - 1].lower_ == "the" or doc[left - 1].tag_ == "POS")   # or "FAO's"
    if not inside and left > 0 and not doc[left].is_sent_start:
        return Span(doc, left, right.end, label="ORG")
    if inside == {"ORG"} and after_the:
        return Span(doc, left, right.end, label="ORG")
    return None


def work_noun_before(span: Span) -> bool:
    """Whether a common noun for a work stands right before a name, as its qualifier or its head (the
    parse is often wrong here): "drama Maria Full of Grace", "the film Vera Drake"."""
    return noun_before(span, words("nouns", "works_before_a_name", "words"))


def noun_before(span: Span, nouns: frozenset[str]) -> bool:
    """Whether one of these common nouns stands right before a name, as its qualifier or its head:
    "the film Vera Drake", "the mobile phone conference 3GSM", "the charity single Band Aid 20" (tagged
    an adjective); not "the game Chelsea lost", where the name opens a relative clause, nor "the western
    Sahara"."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is None or not before.is_lower or before.lemma_ not in nouns:
        return False
    if before.pos_ != "NOUN" and not (before.pos_ == "ADJ" and before.i > 0 and doc[before.i - 1].pos_ == "NOUN"):
        return False                    # "the charity single Band Aid 20": tagged an adjective after a noun
    verb = span.root.head               # "the game Chelsea lost": the name opens a relative clause
    return not (span.root.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "relcl" and verb.head.i == before.i)


def _title_cut_at_of(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"drama Maria Full" + "of" + "Grace": the NER cut a work's title at its "of"."""
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of" or not work_noun_before(ent):
        return None
    nxt = next((e for e in ents if e.start == ent.end + 1), None)
    end = _untagged_capitals(doc, nxt.end if nxt is not None else ent.end + 1, ent.end + 5)
    return Span(doc, ent.start, end, label="WORK_OF_ART") if end > ent.end + 1 else None


def _is_country_or_region(name: str) -> bool:
    """Whether the gazetteer knows this name as a country or a region: CoNLL04 writes a bank of a city
    as two names ("Federal Home Loan Bank | of | San Francisco")."""
    entry = Gazetteer.load().lookup(name)
    return entry is not None and entry.etype in ("Country", "Region")


def _place_cut_at_of(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"Royal Bank" + "of" + "Scotland": an institution's name cut before "of" and its country."""
    if ent.label_ != "ORG" or ent.end >= len(doc) or doc[ent.end].lower_ != "of":
        return None
    nxt = next((e for e in ents if e.start == ent.end + 1), None)
    if len(ent) >= 2 and ent[-1].is_title \
            and ent[-1].lower_ in words("nouns", "org_names_before_of_a_place", "heads") \
            and nxt is not None and nxt.label_ in ("GPE", "LOC") \
            and _is_country_or_region(nxt.text):
        return Span(doc, ent.start, nxt.end, label="ORG")
    return None


OF_THE = ("of", "for")


def _cut_at_of_the(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"Cinema of the" + "Future", "the Forum for the" + "Future", "Eternal Sunshine" + "of" + "the
    Spotless Mind": a name the NER cut at its "of the" or "for the". The first half ends in the "of
    the" inside the NER's span; or it is followed by "of" and a name with its "the" the gazetteer does
    not know (a work's title unless it ends in an institution's word: "Bank of the West"); or the
    second half is one word and the first a run of capitalised words no entity holds, no title, after
    "the" ("the President of the Commission" stays a title and an organisation)."""
    if ent.label_ != "ORG":
        return None
    if len(ent) >= 3 and ent[-1].lower_ == "the" and ent[-2].lower_ in OF_THE and ent.end < len(doc):
        nxt = next((e for e in ents if e.start == ent.end), None)
        end = nxt.end if nxt is not None and nxt.label_ == "ORG" else _untagged_capitals(doc, ent.end, ent.end + 4)
        return Span(doc, ent.start, end, label="ORG") if end > ent.end else None
    nxt = next((e for e in ents if e.start == ent.end + 1), None)
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of" and nxt is not None and nxt[0].lower_ == "the" \
            and nxt.label_ in ("FAC", "LOC", "GPE", "ORG") and Gazetteer.load().lookup(nxt.text) is None:
        institution = ent[-1].lower_ in words("nouns", "org_name_words", "words") | words("nouns", "org_heads")
        return Span(doc, ent.start, nxt.end, label="ORG" if institution else "WORK_OF_ART")
    if len(ent) > 1 or ent.start < 4 or doc[ent.start - 1].lower_ != "the" or doc[ent.start - 2].lower_ not in OF_THE:
        return None                     # "a report on the Arrow for the Jaffe Center": a name of its own
    left = _capitalised_run(doc, ent.start - 2, untagged=True)
    if left == ent.start - 2 or doc[left - 1].lower_ != "the":
        return None
    return Span(doc, left, ent.end, label="ORG")


def _ends_in_of(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"Sea of" + "Japan": a name the NER ended on its own "of", right before another name, is one name
    with it, of the first one's label."""
    if len(ent) < 2 or ent[-1].lower_ != "of":
        return None
    nxt = next((e for e in ents if e.start == ent.end), None)
    return Span(doc, ent.start, nxt.end, label=ent.label_) if nxt is not None and nxt.label_ not in NUMERIC else None


def _known_across_of(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"House" + "of" + "Fraser": two names around "of" that the gazetteer knows together are one."""
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of":
        return None
    nxt = next((e for e in ents if e.start == ent.end + 1), None)
    entry = Gazetteer.load().lookup(doc[ent.start:nxt.end].text) if nxt is not None else None
    if entry is None:
        return None
    return Span(doc, ent.start, nxt.end, label="ORG" if entry.etype in ORG_CLASSES else "GPE")


def _alias_across_comma(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"Washington" + "," + "D.C.": two places the gazetteer knows as one name with its comma."""
    if ent.label_ != "GPE" or ent.end + 1 >= len(doc) or doc[ent.end].text != ",":
        return None
    nxt = next((e for e in ents if e.start == ent.end + 1), None)
    if nxt is None or nxt.label_ != "GPE":
        return None
    entry = Gazetteer.load().lookup(f"{ent.text}, {nxt.text}")
    return Span(doc, ent.start, nxt.end, label="GPE") if entry is not None else None


def _rest_after_and(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"the Natural Hazards Research" + "and Applications Information Center": the rest of the name,
    no entity, after the "and"."""
    if ent.label_ != "ORG" or ent.end + 2 >= len(doc) or doc[ent.end].lower_ != "and" \
            or doc[ent.start].lower_ != "the":
        return None
    end = _untagged_capitals(doc, ent.end + 1, ent.end + 5)
    if end > ent.end + 1 and doc[end - 1].lower_ in words("nouns", "joined_org_names", "heads"):
        return Span(doc, ent.start, end, label="ORG")
    return None


def _start_before_and(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"the Texas Parks" + "and" + "Wildlife Department", "the Entertainment and" + "Leisure Software
    Publishers Association": the start of the name before the "and"."""
    if ent.start < 2 or doc[ent.start - 1].lower_ != "and":
        return None
    left = _capitalised_run(doc, ent.start - 1)
    first = next((e for e in ents if e.start <= left < e.end), None)
    if first is not None and first.label_ == "ORG" and first.end == ent.start - 1:
        left = first.start + (1 if doc[first.start].lower_ == "the" else 0)
    elif first is not None:
        left = first.end                # "Greek" (NORP) + "Track and Field Federation"
    return _joined(doc, ents, left, ent)


def _person_among_people(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """"John Smit, Cobus Visagie and Victor Matfield": a name of two capitalised words or more that the
    NER calls an organisation or a place, in a coordination with two people's names or more, unknown
    to the gazetteer and not ending in an organisation's word, is a person too. On 362 BBC articles it
    changed 34 names, 31 of them rightly (players in line-ups, actors in a cast); "West Brom" after
    "Norwich, Blackburn", which the NER called people, became one too."""
    if ent.label_ not in ("ORG", "GPE") or len(ent) < 2 or not all(t.is_title for t in ent) \
            or ent[-1].lower_ in words("nouns", "org_name_words", "words") or Gazetteer.load().lookup(ent.text):
        return None
    group = {t.i for t in conjuncts(coordination_head(ent.root))}   # "X, Y and Z"
    if len(group) < 3:
        return None
    people = [e for e in ents if e.label_ == "PERSON" and e.root.i in group]
    return Span(doc, ent.start, ent.end, label="PERSON") if len(people) >= 2 else None


def _two_institutions(doc: Doc, ent: Span) -> list[Span]:
    """An organisation's name the NER ran over an "and" into a second one, each half an institution's
    head with its "of" ("New York State Department of Health and State University of New York"), as
    two names; "Department of Trade and Industry", "Department of Health and Human Services" stay one."""
    heads = words("nouns", "joined_org_names", "heads") | words("nouns", "org_names_before_of_a_place", "heads")
    for tok in ent:
        if tok.lower_ != "and" or tok.i == ent.start or tok.i + 1 >= ent.end or not doc[tok.i + 1].is_title:
            continue
        halves = (doc[ent.start:tok.i], doc[tok.i + 1:ent.end])
        if all(any(t.lower_ in heads and t.i + 1 < h.end and doc[t.i + 1].lower_ == "of" for t in h) for h in halves):
            return [Span(doc, h.start, h.end, label="ORG") for h in halves]
    return []


def _names_either_side_of_a_dash(doc: Doc, ent: Span) -> list[Span]:
    """A name the NER ran over a spaced dash into the next one ("Fund manager Florian Hamm - Borussia
    Dortmund's largest investor -", "Clive Griffiths - Wales", "RSS - Really Simple Syndication"), as
    two names, each labelled as the gazetteer knows it or as the whole was; a half that is one word the
    text also writes in lowercase is no name ("The Old Vic - Best set design": "best"). A work's title
    and its subtitle ("Jerry Springer - The Opera", "Sophie Scholl - The Final Days") stay one."""
    if ent.label_ in NUMERIC or ent.label_ == "WORK_OF_ART":
        return []
    gaz = Gazetteer.load()
    for tok in ent[1:-1]:
        after = doc[tok.i + 1]
        if not spaced_dash(tok) or not after.is_alpha or after.is_lower or after.lower_ == "the":
            continue
        halves = [h for h in (doc[ent.start:tok.i], doc[tok.i + 1:ent.end]) if not _a_word_of_the_text(h)]
        return [Span(doc, h.start, h.end, label=RULER_LABEL.get(e.etype, ent.label_) if (e := gaz.lookup(h.text))
                     else ent.label_) for h in halves]
    return []


def _a_word_of_the_text(span: Span) -> bool:
    """A single capitalised word the doc also writes in lowercase elsewhere: a word, no name."""
    return len(span) == 1 and any(t.text == span[0].lower_ for t in span.doc if t.i != span.start)


@cache
def given_names() -> tuple[frozenset[str], frozenset[str]]:
    """The common given names (kg/lexicon/people.toml), and the last words that make a name no person's
    (an organisation's, a place's, an event's or a venue's)."""
    given = words("people", "given_names", "male") | words("people", "given_names", "female")
    not_a_surname = words("nouns", "org_name_words", "words") | words("nouns", "place_names", "heads") \
        | words("nouns", "org_heads") | words("nouns", "event_names", "heads") \
        | words("nouns", "place_heads", "words") | words("nouns", "venues", "words")
    return given, not_a_surname


@cache
def _given_name_ids() -> numpy.ndarray:
    """The string ids of the given names, to find them in a doc's ORTH array."""
    return numpy.array(sorted(get_string_id(name) for name in given_names()[0]), dtype=numpy.uint64)


def _untagged_people(doc: Doc) -> list[Span]:
    """A common given name and a capitalised proper noun that no entity holds are a person's name: the
    NER, misled by a capitalised title at a sentence's start, misses "Boss Graeme Souness felt ...".
    Not inside a longer name: no capitalised word but a title or a demonym before it ("Blue Peter Book
    of the Year", "the New George V stadium"; "Russian Elena Dementieva" is a name), no capitalised
    word, "of" or bracket after it ("Alan Turing Institute", "(Jon Dahl) Tomasson"); nor when the last
    word is an organisation's or a place's ("Albert Road"), nor a name the gazetteer knows."""
    not_a_surname = given_names()[1]
    titles = words("nouns", "people", "titles") | words("nouns", "people", "honorifics") \
        | words("nouns", "roles_beside_a_name", "words")
    gaz, found = Gazetteer.load(), []
    at = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), _given_name_ids()))   # a given name's tokens, fast
    for tok in (doc[int(i)] for i in at if i + 1 < len(doc)):
        last = doc[tok.i + 1]
        before = doc[tok.i - 1] if tok.i > 0 else None
        after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        if tok.ent_iob_ != "O" or last.ent_iob_ != "O" or not last.is_title \
                or not last.is_alpha or last.pos_ != "PROPN" or last.lower_ in not_a_surname \
                or before is not None and before.is_title and before.lower_ not in titles \
                and gaz.country_of_demonym(before.text) is None \
                or after is not None and (after.is_title or after.lower_ == "of" or after.text in ("(", ")")) \
                or gaz.lookup(f"{tok.text} {last.text}") is not None:
            continue
        found.append(Span(doc, tok.i, tok.i + 2, label="PERSON"))
    return found


def _replace(doc: Doc, spans: list[Span]) -> None:
    """Put these entities in the doc in place of those they overlap."""
    kept = [e for e in doc.ents if not any(e.start < s.end and s.start < e.end for s in spans)]
    doc.ents = sorted(kept + spans, key=lambda e: e.start)


def _titles_again(doc: Doc, titles: set[tuple[str, ...]]) -> list[Span]:
    """Other occurrences in the doc of a work's title: "The award went to Joshua Marston for Maria Full
    of Grace" after "the drama Maria Full of Grace", "Tautou in Amelie" after "hit film Amelie". No
    name sticks out of an occurrence ("Ray" in "Ray Charles" is no film), and a title of one word must
    be a name of its own there. Only titles a noun for a work introduced count: the NER's own works are
    too often people or firms."""
    found: list[Span] = []
    ents = doc.ents
    starts = {title[0] for title in titles}
    for tok in doc:
        if tok.text not in starts:
            continue
        for title in titles:
            i, n = tok.i, len(title)
            if tuple(t.text for t in doc[i:i + n]) != title or any(s.start < i + n and i < s.end for s in found):
                continue
            touching = [e for e in ents if e.start < i + n and i < e.end]
            if any(e.start < i or e.end > i + n for e in touching) or n == 1 and not touching:
                continue
            if not any(e.label_ == "WORK_OF_ART" and (e.start, e.end) == (i, i + n) for e in touching):
                found.append(Span(doc, i, i + n, label="WORK_OF_ART"))
    return found


CUT_NAME_RULES = (_title_cut_at_of, _place_cut_at_of, _cut_at_of_the, _ends_in_of, _known_across_of,
                  _alias_across_comma, _rest_after_and, _start_before_and)


def _join_at(doc: Doc, ents: Ents, ent: Span) -> Span | None:
    """The longer name this entity is a cut piece of, by the first rule that finds one."""
    return next((j for rule in CUT_NAME_RULES if (j := rule(doc, ents, ent)) is not None), None)


@Language.component("newskg_joined_names", assigns=["doc.ents"],
                    requires=["doc.ents", "token.dep", "token.lemma"])
def joined_names(doc: Doc) -> Doc:
    """Rule: the NER cuts a long institution's name at its "and"; join "the Texas Parks" + "and" +
    "Wildlife Department" and "the Entertainment and" + "Leisure Software Publishers Association"
    back into one organisation. "United Bank and Standard Trust" (no "the") stays two names. An
    institution's name cut before "of" and its place is joined ("Royal Bank of Scotland"), so is one cut
    at its "of the" or "for the" ("Cinema of the" + "Future", "the Forum for the" + "Future") or right
    after its "of" ("Sea of" + "Japan"), and so are two names around "of" that the gazetteer knows
    together ("House of Fraser"), and a
    place the gazetteer knows with its comma ("Washington, D.C."). A work's
    name after a noun for a work ("the film Vera Drake") is a work, one cut at its "of" ("drama Maria
    Full" + "of" + "Grace") is joined, and a title is a work wherever else the doc writes it. A name
    in a list of people's names is a person's ("John Smit, Cobus Visagie and Victor Matfield")."""
    works = [Span(doc, e.start, e.end, label="WORK_OF_ART") for e in doc.ents
             if e.label_ not in NUMERIC and work_noun_before(e)]
    if works:                           # "the film Vera Drake": whatever the NER said, a work
        _replace(doc, works)
    people = _untagged_people(doc)
    if people:                          # "Boss Graeme Souness felt ..."
        _replace(doc, people)
    halves = [h for e in doc.ents for h in _names_either_side_of_a_dash(doc, e)]
    if halves:                          # "Florian Hamm - Borussia Dortmund"
        _replace(doc, halves)
    halves = [h for e in doc.ents if e.label_ == "ORG" for h in _two_institutions(doc, e)]
    if halves:                          # "the Department of Health and State University of New York"
        _replace(doc, halves)
    ents = doc.ents
    people = [p for e in ents if (p := _person_among_people(doc, ents, e)) is not None]
    if people:                          # "John Smit, Cobus Visagie and Victor Matfield"
        _replace(doc, people)
    while True:
        ents = doc.ents
        joined = next((j for e in ents if (j := _join_at(doc, ents, e)) is not None), None)
        if joined is None:
            break
        _replace(doc, [joined])
    titles = {tuple(t.text for t in e) for e in doc.ents if e.label_ == "WORK_OF_ART" and work_noun_before(e)}
    again = _titles_again(doc, titles) if titles else []
    if again:
        _replace(doc, again)
    return doc
