"""The membership-list rule: "an alliance made up of Belarus, Armenia and Kyrgyzstan"."""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc

from kg.entities.index import EntityIndex
from kg.nlp.syntax import conjuncts, phrase_matches
from kg.relations.found import Found, lexicon
from kg.relations.registry import Name, relation_rule


@relation_rule(order=70, names=(Name("membership-list", 0.75),),
               reads=("relations.membership",))
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
