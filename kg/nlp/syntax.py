"""Arguments of predicates in a spaCy dependency parse: subjects, objects, conjuncts, modality."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from kg.lexicon import words

SUBJ = ("nsubj", "nsubjpass", "csubj")
MODALS = {"may", "might", "could", "would", "should", "can", "must"}
FUTURE_AUX = {"will", "shall", "'ll"}
INTENT = {"try", "attempt", "plan", "want", "seek", "threaten", "hope", "intend", "promise", "vow",
          "refuse", "fail", "aim", "propose", "offer", "consider", "urge", "call", "ask",
          "set", "due", "poise", "expect", "likely"}
RELATIVE = {"who", "that", "which", "whom"}


def conjuncts(tok: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Belarus, Armenia and Kyrgyzstan")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj"]
    return sorted(out, key=lambda t: t.i)


def coordination_head(tok: Token) -> Token:
    """The first member of the coordination a token is part of ("Belarus" for "Kyrgyzstan" in
    "Belarus, Armenia and Kyrgyzstan"); the token itself outside a coordination."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def hyphen_joined(tok: Token, side: int = 1) -> Token | None:
    """The word an unspaced hyphen joins to a token on one side: "based" for "US" in "US-based"
    (side 1), "US" for "China" in "US-China" (side -1); None without such a hyphen."""
    doc = tok.doc
    dash, other = tok.i + side, tok.i + 2 * side
    if not 0 <= other < len(doc) or doc[dash].text != "-" or doc[dash - 1].whitespace_ or doc[dash].whitespace_:
        return None
    return doc[other]


DASHES = {"-", "–", "—"}


def spaced_dash(tok: Token) -> bool:
    """A dash with a space on either side: a break in the sentence, which no name runs across
    ("the European Union - the", "Florian Hamm - Borussia Dortmund")."""
    return tok.text in DASHES and bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def hyphenated_word(tok: Token) -> str:
    """The lowercase word a token ends, read whole across unspaced hyphens, as the lexicon writes it:
    "south-east" for the "east" of "south-east Algeria" (the tokenizer splits it in three), "one-time"
    for its "time"; the token's own word otherwise."""
    if tok.i < 2 or tok.doc[tok.i - 1].text != "-":
        return tok.lower_               # no hyphen before it: most tokens, looked at in hot loops
    first = tok
    while (before := hyphen_joined(first, -1)) is not None:
        first = before
    return tok.doc[first.i:tok.i + 1].text.lower() if first.i < tok.i else tok.lower_


def in_words(tok: Token, listed: Iterable[str] | frozenset[str]) -> bool:
    """Whether a token's word, or the hyphenated word it ends ("team-mate"), is in a word list."""
    return tok.lower_ in listed or hyphenated_word(tok) in listed


def attributive_participle(tok: Token) -> bool:
    """A past participle (which the tagger may call a past tense) right after a preposition or an
    article, with no auxiliary, modifies the noun after it whatever the parse says: "founded by
    assassinated former prime minister Rafik Hariri" (parsed with "company" as its subject)."""
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok.tag_ in ("VBN", "VBD") and before is not None \
        and (before.pos_ == "ADP" or before.lower_ in ("a", "an", "the")) and before.lower_ not in RELATIVE \
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)


def quotation(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The quotation (its tokens inside the marks of kg/lexicon/claims.toml) that contains tokens
    [start, end), within their sentence; None outside any. A mark that both opens and closes (a
    straight '"') opens a quotation only where it is odd in its sentence: in 'Antonio "LA" Reid,
    chairman of ..., said: "..."' the chairman stands after a closing mark, outside any quotation."""
    sent = doc[start].sent
    opens, closes = words("speech", "quotes", "open"), words("speech", "quotes", "close")
    o = next((t for t in reversed(doc[sent.start:start + 1]) if t.text in opens), None)
    if o is None or (o.text in closes and sum(t.text == o.text for t in doc[sent.start:o.i + 1]) % 2 == 0):
        return None
    c = next((t.i for t in doc[max(end - 1, o.i + 1):sent.end] if t.text in closes), None)
    return (o.i + 1, c) if c is not None and c > o.i + 1 else None


NP_LINKS = {"compound", "amod", "poss", "nmod", "appos", "prep", "pobj", "case"}
NP_WORDS = {"NOUN", "PROPN", "ADJ"}


def one_noun_phrase(a: Token, b: Token, longest: int = 8) -> bool:
    """Whether two tokens are in one noun phrase: one under the other through modifiers, appositions
    and prepositions only ("Jason Daw at Merrill Lynch"), or, where the parse breaks the phrase, only
    nouns, adjectives, hyphens and "of", "at", "for" between them ("Arsenal vice-chairman David Dein")."""
    for low, high in ((a, b), (b, a)):
        t = low
        while t.dep_ in NP_LINKS and t.head.i != t.i:
            t = t.head
            if t.i == high.i:
                return True
    lo, hi = sorted((a.i, b.i))
    return hi - lo <= longest and all(t.pos_ in NP_WORDS or t.text in ("-", "'s", "’s")
                                      or t.lower_ in ("of", "at", "for") for t in a.doc[lo + 1:hi])


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def agent_of(verb: Token) -> list[Token]:
    """The "by X" of a passive verb."""
    for c in verb.children:
        if c.dep_ == "agent":
            return [t for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]
    return []


def subjects(verb: Token, depth: int = 4) -> list[Token]:
    """The logical subject(s) of a verb: its own subject, the agent of a passive, the antecedent of a
    relative pronoun, or, for a verb that has none, the subject of the verb it depends on."""
    if is_passive(verb):
        return agent_of(verb)
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in RELATIVE and verb.dep_ == "relcl":   # not the names after the clause:
                return [t for t in conjuncts(verb.head) if t.i < c.i]   # "X, who killed Y, and Z"
            return conjuncts(c)
    if depth == 0 or verb.dep_ == "ROOT":
        return []
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
        return [head]
    if verb.dep_ == "xcomp":
        for c in head.children:     # "called on the alliance to send": the alliance sends
            if c.dep_ == "dobj":
                return conjuncts(c)
            if c.dep_ == "prep" and c.lower_ == "on":
                return [t for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]
    if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
        return subjects(head, depth - 1)
    return []


def direct_objects(verb: Token) -> list[Token]:
    """The object of an active verb, the subject of a passive one."""
    dep = "nsubjpass" if is_passive(verb) else "dobj"
    return [t for c in verb.children if c.dep_ == dep for t in conjuncts(c)]


def prep_objects(tok: Token, prep: str) -> list[Token]:
    """Objects of a preposition under ``tok``: prep_objects(sent, "to") -> [Kazakhstan]."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "prt", "agent") and c.lower_ == prep:
            out += [t for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]
    return out


def follow(tok: Token, path: str) -> list[Token]:
    """Objects along a path spec: "dobj", "prep:to", "prep:to>aid>of"."""
    if path == "dobj":
        return direct_objects(tok)
    first, *rest = path.split(">")
    found = prep_objects(tok, first.split(":", 1)[1])
    while rest and found:
        lemma, prep = rest[0], rest[1] if len(rest) > 1 else None
        found = [t for t in found if t.lemma_.lower() == lemma]
        found = [o for t in found for o in prep_objects(t, prep)] if prep else found
        rest = rest[2:]
    return found


def has_determiner(tok: Token, dets: Iterable[str]) -> bool:
    """Whether a noun has one of these determiners ("the", or "a"/"an")."""
    return any(c.dep_ == "det" and c.lower_ in dets for c in tok.children)


def negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _be_to(verb: Token) -> bool:
    """"is to succeed": the verb after "be to", or the "be" before it."""
    def to_verb(t: Token) -> bool:
        return t.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
    return to_verb(verb) and verb.head.lemma_ == "be" or verb.lemma_ == "be" and any(to_verb(c) for c in verb.children)


def modality(verb: Token) -> str | None:
    """A modal auxiliary ("may"); "future" for "will send" and "is to send"; or the word of intent or
    expectation the verb depends on ("plans to send", "is set to join", "is expected to join")."""
    for c in verb.children:
        if c.dep_ == "aux" and c.lower_ in MODALS:
            return c.lower_
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children) or _be_to(verb):
        return "future"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in INTENT:
        return verb.head.lemma_.lower()
    return None


def phrase_matches(doc: Doc, phrases: Iterable[str]) -> Iterator[tuple[Span, int, Token]]:
    """Each occurrence of a lowercase word sequence: (its sentence, its first token's position in
    the sentence, its last token)."""
    by_first: dict[str, list[list[str]]] = {}      # each phrase under its first word, in the given order
    for p in phrases:
        words = p.split()
        by_first.setdefault(words[0], []).append(words)
    for sent in doc.sents:
        words = [t.lower_ for t in sent]
        for n, word in enumerate(words):
            for phrase in by_first.get(word, ()):
                if words[n:n + len(phrase)] == phrase:
                    yield sent, n, sent[n + len(phrase) - 1]


def has_required_word(verb: Token, need: list[str] | None) -> bool:
    """Whether a verb has the word its pattern requires among its dependents or "to" objects ("shot
    dead", "shot to death"); a pattern without one always passes."""
    return not need or any(t.lemma_.lower() in need for t in [*verb.children, *follow(verb, "prep:to")])
