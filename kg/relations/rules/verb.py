"""The verb rule: a verb of the ``[[verb]]`` tables of relations.toml links its subject to its object."""
from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from kg.entities.index import EntityIndex
from kg.nlp.syntax import (attributive_participle, conjuncts, direct_objects, follow, has_required_word, in_words,
                           is_passive, modality, negated, subjects)
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule
from kg.relations.common import controlled, status_of, token_span


@relation_rule(order=10, names=(Name("verb", 0.8), Name("verb-passive", 0.75)),
               reads=("relations.verb", "relations.control"))
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
            if not subs and (control := controlled(verb)):
                subs = ix.all_at(control[0])
                judged_neg, judged_mod = status_of(control[1])
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
                yield Found(a, spec["property"], b, *token_span(s_tok, verb, o_tok), f"{rule}:{verb.lemma_.lower()}",
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
