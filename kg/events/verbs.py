"""What events are counted and dated by: "nearly 8,000 people were arrested" (8000, "nearly"), "on
Monday" resolved against the article's date. The events themselves are found in kg/events/find.py."""
from __future__ import annotations

import datetime as dt
import re
from functools import cache

from spacy.tokens import Token

from kg.lexicon import load

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
DATE_FORMATS = ("%B %d, %Y", "%d %B %Y", "%B %d %Y", "%Y-%m-%d", "%d/%m/%Y")
RULE = "event-clause"       # the event rule's name in provenance, and how much it is trusted
CONFIDENCE = 0.7            # an event of a class of the taxonomy
GENERIC_CONFIDENCE = 0.5    # an event of the generic class: half of a hand audit's were right (bench/RESULTS.md)


@cache
def lexicon() -> dict:
    return load("events")


def parse_number(tokens: list[Token]) -> int | None:
    """"8,000" -> 8000, "1.5 million" -> 1500000, "two" -> 2; None when it is no number."""
    value: float | None = None
    for tok in tokens:
        word = tok.lower_.replace(",", "")
        if re.fullmatch(r"\d+(\.\d+)?", word):
            value = float(word) if value is None else value * float(word)
        elif word in SCALES and value is not None:
            value *= SCALES[word]
        elif word in NUMBER_WORDS and value is None:
            value = NUMBER_WORDS[word]
        else:
            return None
    return int(value) if value is not None else None


def count_of(noun: Token) -> tuple[int, str | None, str] | None:
    """The count on a counted noun: (8000, "nearly", "8,000 people")."""
    if noun.lemma_.lower() not in lexicon()["counts"]["nouns"] and noun.lower_ not in lexicon()["counts"]["nouns"]:
        return None
    for num in noun.children:
        if num.dep_ != "nummod":
            continue
        parts = sorted([num] + [c for c in num.children if c.dep_ in ("compound", "nummod") or
                                c.like_num], key=lambda t: t.i)
        value = parse_number(parts)
        if value is None:
            continue
        mods = sorted([t for c in num.children if c.dep_ in ("advmod", "amod", "quantmod")
                       for t in c.subtree if t.i < num.i], key=lambda t: t.i)
        qualifier = " ".join(t.lower_ for t in mods) or None
        if qualifier and qualifier not in lexicon()["counts"]["qualifiers"]:
            qualifier = qualifier if len(qualifier.split()) <= 3 else None
        text = " ".join(t.text for t in parts + [noun])
        return value, qualifier, text
    return None


def resolve_date(text: str, published: dt.date | None) -> str | None:
    """An ISO date for a date expression: weekdays and "yesterday" against the publication date."""
    t = text.lower().strip()
    t = re.sub(r"^(on|in|last|this|since)\s+", "", t)
    if re.fullmatch(r"(1[89]|20)\d\d", t):
        return t
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).date().isoformat()
        except ValueError:
            pass
    if published is None:
        return None
    if t in ("today", "tonight", "this morning", "this evening"):
        return published.isoformat()
    if t == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat()
    if t in lexicon()["dates"]["weekdays"]:
        back = (published.weekday() - lexicon()["dates"]["weekdays"].index(t)) % 7
        return (published - dt.timedelta(days=back)).isoformat()
    return None


def date_of(verb: Token, published: dt.date | None) -> str | None:
    """The date attached to a verb (a DATE entity among its adverbials)."""
    for child in verb.children:
        if child.dep_ not in ("prep", "npadvmod", "tmod", "advmod"):
            continue
        for tok in child.subtree:
            if tok.ent_type_ == "DATE" and tok.ent_iob_ == "B":
                ent = next(e for e in verb.doc.ents if e.start == tok.i)
                found = resolve_date(ent.text, published)
                if found:
                    return found
    return None
