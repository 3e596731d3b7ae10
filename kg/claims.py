"""Reported speech: who said what.  A claim keeps its speaker, cue verb and text; the relations and
events found inside the reported text hang on the claim and are never asserted as facts."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.entities.index import EntityIndex
from kg.lexicon import load, words
from kg.nlp.syntax import phrase_matches, quotation, subjects


# How much each claim rule is trusted (the confidence written on its claims).
CONFIDENCE = {"claim-verb": 0.8, "claim-quote": 0.85, "claim-noun": 0.7, "claim-according": 0.85}


@dataclass(frozen=True)
class FoundClaim:
    """A claim found in a doc (token level)."""

    speaker: int | None        # cluster index
    speaker_text: str
    cue: str
    content_start: int         # token span of what is claimed
    content_end: int
    start: int                 # token span of the whole evidence (cue, speaker, content)
    end: int
    rule: str

    @property
    def confidence(self) -> float:
        """Its rule's confidence: "claim-quote" -> 0.85."""
        return CONFIDENCE[self.rule]


@cache
def lexicon() -> dict:
    return load("claims")


def _trim(span: Span) -> tuple[int, int]:
    """Drop "that", punctuation and spaces at the edges of the content."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].lower_ == "that" and doc[s].dep_ == "mark" or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct and doc[e - 1].text not in words("speech", "quotes", "close")
                     or doc[e - 1].is_space):
        e -= 1
    return s, e


def _speaker(verb: Token, ix: EntityIndex) -> tuple[int | None, str, Token | None]:
    subs = subjects(verb)
    if not subs:
        return None, "", None
    tok = subs[0]
    k = ix.at(tok)
    if k is not None:
        return k, ix.mention_at.get(tok.i, tok.text), tok
    if tok.pos_ == "PRON":                       # "it claims", with no antecedent found
        return None, "unattributed", tok
    return None, " ".join(t.text for t in tok.subtree if not t.is_space), tok


def _narration_start(clause: Token, speaker: int | None, ix: EntityIndex, end: int) -> int:
    """Where the reported clause turns into narration about the speaker: "X said the operation would
    end [as he addressed a summit ...]": an adverbial clause whose subject is the speaker."""
    if speaker is None:
        return end
    for tok in clause.subtree:
        if tok.dep_ == "advcl" and tok.i > clause.i:
            subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and ix.at(subj[0]) == speaker:
                return min(end, min(t.i for t in tok.subtree))
    return end


def verb_claims(doc: Doc, ix: EntityIndex) -> Iterator[FoundClaim]:
    """Rule: a cue verb with a clause ("X said (that) S", "“S,” X said", "X, saying that S") is a
    claim of its subject; a quotation around the clause is the claim's text."""
    cues = set(words("speech", "verbs", "words"))
    for verb in doc:
        if verb.lemma_.lower() not in cues or verb.pos_ not in ("VERB", "AUX"):
            continue
        clauses = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
        if not clauses:
            continue
        clause = clauses[0]
        sub = list(clause.subtree)
        span = doc[sub[0].i:sub[-1].i + 1]
        quoted = quotation(doc, span.start, span.end)
        k, text, s_tok = _speaker(verb, ix)
        if quoted and (quoted[0] > verb.i or quoted[1] < verb.i):
            cs, ce = quoted
        else:
            cs, ce = _trim(doc[span.start:_narration_start(clause, k, ix, span.end)])
        if ce <= cs:
            continue
        if verb.lemma_.lower() == "say" and any(c.dep_ == "auxpass" for c in verb.children):
            k, text, s_tok = None, "unattributed", None       # "X is said to be calm"
        edges = [verb.i, cs, ce - 1] + ([s_tok.i] if s_tok is not None else [])
        yield FoundClaim(k, text or "unattributed", verb.lemma_.lower(), cs, ce, min(edges), max(edges) + 1,
                         "claim-verb" if not quoted else "claim-quote")


def noun_claims(doc: Doc, ix: EntityIndex) -> Iterator[FoundClaim]:
    """Rule: a cue noun with a "that" clause is a claim of its possessor or of its verb's subject:
    "Western countries have expressed concern that S", "Tokayev's version that S"."""
    cues = set(lexicon()["cue_nouns"])
    for noun in doc:
        if noun.lemma_.lower() not in cues or noun.pos_ != "NOUN":
            continue
        clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
        if clause is None:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None and noun.i >= 2 and doc[noun.i - 1].text in ("'s", "’s"):
            owner = doc[noun.i - 2]          # the parser sometimes misses the possessive
        if owner is not None:
            k, text, s_tok = ix.at(owner), ix.mention_at.get(owner.i, owner.text), owner
        elif noun.dep_ == "dobj":
            k, text, s_tok = _speaker(noun.head, ix)
        else:
            continue
        if s_tok is None:
            continue
        cs, ce = _trim(doc[min(t.i for t in clause.subtree):max(t.i for t in clause.subtree) + 1])
        if ce <= cs:
            continue
        edges = [s_tok.i, noun.i, ce - 1]
        yield FoundClaim(k, text or "unattributed", noun.lemma_.lower(), cs, ce, min(edges), max(edges) + 1,
                         "claim-noun")


def according_claims(doc: Doc, ix: EntityIndex) -> Iterator[FoundClaim]:
    """Rule: "according to X, S": S is a claim of X."""
    for sent, n, last in phrase_matches(doc, lexicon()["according"]):
        objs = [c for c in last.children if c.dep_ == "pobj"]
        if not objs:
            continue
        spk = objs[0]
        k = ix.at(spk)
        phrase_end = max(t.i for t in spk.subtree) + 1
        rest = [t for t in sent if not (sent[n].i <= t.i < phrase_end)]
        if not rest:
            continue
        cs, ce = _trim(doc[rest[0].i:rest[-1].i + 1])
        text = spk.text if k is not None else " ".join(t.text for t in spk.subtree)
        yield FoundClaim(k, text, "according to", cs, ce, sent.start, sent.end, "claim-according")


def find_claims(doc: Doc, ix: EntityIndex) -> list[FoundClaim]:
    """Claims in text order; a claim nested in another's text stays (both are reported)."""
    found = list(verb_claims(doc, ix)) + list(noun_claims(doc, ix)) + list(according_claims(doc, ix))
    return sorted(found, key=lambda c: (c.start, c.content_start))
