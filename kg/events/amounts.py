"""Amounts as news writes them: money ("£28.7m" -> 28700000 GBP, "$4bn", "€1.2 billion", "45p", "$30 a
barrel"), percentages ("16.1% of the vote" -> 16.1 percent) and counts ("12 seats", "500 jobs", "2.3
million shares", "nearly 1,200 staff" -> 1200 staff, "nearly"), each with the tokens it spans.

Pure functions over spaCy tokens; the words are kg/lexicon/amounts.toml. A number that counts nothing
named (a year, "3 years", a bare "8,000") is no amount here. The NER's MONEY, PERCENT, CARDINAL and
QUANTITY labels are not needed to find one (the NER trained on CoNLL04 misses many), but a DATE or
TIME label rules a number out ("in 2004", "at 10")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.lexicon import load
from kg.model import Amount
from kg.nlp.scan import scan

DIGITS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([a-z]*)")
NOT_AMOUNTS = {"DATE", "TIME", "ORDINAL"}


@dataclass(frozen=True)
class FoundAmount:
    """An amount found in a doc: what it is, and its tokens [start, end), its hedge included;
    ``number`` is the last token of its number (where the parse attaches it)."""

    amount: Amount
    start: int
    end: int
    number: int


@cache
def table() -> dict:
    """kg/lexicon/amounts.toml."""
    return load("amounts")


def _abbreviation(word: str) -> bool:
    """A scale written on its number, never alone: "m" in "£28.7m", "bn" in "$4bn"."""
    return len(word) <= 3


def _number_at(tokens: list[Token], i: int, money: bool = False) -> tuple[Decimal, str, int] | None:
    """The number that starts at tokens[i]: its value, a subunit or scale written on it ("45p"), and
    where it ends (exclusive): "28.7" "m", "2.3" "million", "two" "million", "1,200"; after a currency
    symbol a spaced abbreviation scales it too ("£2.5 m")."""
    tok, scales = tokens[i], table()["scales"]
    m = DIGITS.fullmatch(tok.lower_)
    if m is not None:
        value = Decimal(m.group(1).replace(",", "") + (m.group(2) or ""))
        suffix = m.group(3)
        if suffix and suffix not in scales and suffix not in table()["currencies"]["subunits"]:
            return None                 # "3rd", "4x4", "10am"
        if suffix in scales:
            value, suffix = value * scales[suffix], ""
    elif tok.lower_ in table()["numbers"] and tok.pos_ == "NUM":
        value, suffix = Decimal(table()["numbers"][tok.lower_]), ""
    else:
        return None
    j = i + 1
    while j < len(tokens) and tokens[j].lower_ in scales and not suffix:
        word = tokens[j].lower_
        if _abbreviation(word) and tokens[j - 1].whitespace_ and not money:
            break                       # "2.5 m" may be metres; "2.5m" is millions
        value *= scales[word]
        j += 1
    return value, suffix, j


def _phrase_after(tokens: list[Token], j: int, phrases) -> int:
    """How many tokens from tokens[j] make one of these lowercase phrases (the longest), or 0."""
    best = 0
    for phrase in phrases:
        words = phrase.split()
        if [t.lower_ for t in tokens[j:j + len(words)]] == words:
            best = max(best, len(words))
    return best


def _qualifier_before(tokens: list[Token], i: int) -> tuple[str | None, int]:
    """The hedge right before tokens[i] ("more than", "nearly") and where it starts."""
    for phrase in sorted(table()["qualifiers"]["words"], key=lambda p: -len(p.split())):
        words = phrase.split()
        if i >= len(words) and [t.lower_ for t in tokens[i - len(words):i]] == words:
            return phrase, i - len(words)
    return None, i


def _counted(tokens: list[Token], last: int) -> int | None:
    """The noun a number counts: the one its parse hangs it on ("500 new jobs"), or the next word."""
    noun = tokens[last - 1].head
    if not (noun.pos_ in ("NOUN", "PROPN") and noun.i > tokens[last - 1].i and noun.i - tokens[last - 1].i <= 3):
        noun = tokens[last] if last < len(tokens) and tokens[last].pos_ == "NOUN" else None
    if noun is None or noun.lower_ in table()["counts"]["not_counted"] or noun.lower_ in table()["scales"] \
            or noun.ent_type_ in NOT_AMOUNTS:
        return None                     # "2.5 m wide": metres or millions, no one can say
    offset = noun.i - tokens[0].i
    between = tokens[last:offset]
    return offset if 0 <= offset < len(tokens) and all(t.pos_ in ("ADJ", "NOUN", "ADV") for t in between) else None


def _rate(tokens: list[Token], j: int) -> int:
    """The tokens of a rate after a price: "a barrel", "per share"."""
    if j + 1 < len(tokens) and tokens[j].lower_ in table()["rates"]["words"] and tokens[j + 1].pos_ == "NOUN":
        return 2
    return 0


def _amount_at(tokens: list[Token], i: int) -> tuple[FoundAmount, int] | None:
    """The amount whose number starts at tokens[i], and where it ends."""
    currencies = table()["currencies"]
    if tokens[i].ent_type_ in NOT_AMOUNTS or i > 0 and tokens[i - 1].text in ("#", "No", "no."):
        return None
    start = i - 1 if i > 0 and tokens[i - 1].text in currencies["symbols"] else i
    found = _number_at(tokens, i, money=start < i)
    if found is None:
        return None
    value, suffix, j = found
    unit = currencies["symbols"].get(tokens[start].text) if start < i else None
    if suffix:                          # "45p"
        unit, value = currencies["subunits"][suffix], value / 100
    elif j < len(tokens) and tokens[j].lower_ in currencies["subunits"] and unit is None:
        unit, value, j = currencies["subunits"][tokens[j].lower_], value / 100, j + 1
    elif j < len(tokens) and tokens[j].lower_ in currencies["words"] and unit is None:
        unit, j = currencies["words"][tokens[j].lower_], j + 1
    if unit is not None:
        j += _rate(tokens, j)
    elif n := _phrase_after(tokens, j, table()["percent"]["words"]):
        unit, j = "percent", j + n
    elif (noun := _counted(tokens, j)) is not None:
        unit, j = tokens[noun].lower_, noun + 1
    else:
        return None                     # a bare number, a year, "3 years"
    qualifier, first = _qualifier_before(tokens, start)
    doc = tokens[0].doc
    text = doc[tokens[start].i:tokens[j - 1].i + 1].text
    return FoundAmount(Amount(float(value), unit, text, qualifier), tokens[first].i, tokens[j - 1].i + 1,
                       tokens[found[2] - 1].i), j


def amounts_in(span: Span | Doc) -> list[FoundAmount]:
    """Every amount in a span, in order, with its token offsets in the doc."""
    tokens = list(span)
    return scan(len(tokens), lambda i: _amount_at(tokens, i))
