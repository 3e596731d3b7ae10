"""Whether a word says a role is not held now: "former", "ex-", "one-time" (past) or "incoming",
"would-be" (future); the words are [role_tense] in kg/lexicon/nouns.toml."""
from __future__ import annotations

from spacy.tokens import Token

from kg.lexicon import words
from kg.nlp.syntax import hyphenated_word

FUTURE = words("nouns", "role_tense", "future")
PAST_OR_FUTURE = words("nouns", "role_tense", "past") | FUTURE


def tense(tok: Token) -> str | None:
    """"former" or "future" when a word says a role is not held now ("former", "ex-", "incoming")."""
    for word in (hyphenated_word(tok), tok.lower_.rstrip("-")):     # "one-time" from its "time"; "ex-"
        if word in PAST_OR_FUTURE:
            return "future" if word in FUTURE else "former"
    return None
