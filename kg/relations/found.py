"""``Found``, a relation as a rule or the classifier finds it (token level, cluster indexes), and the
relation lexicon ``kg/lexicon/relations.toml`` that the rules read."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.lexicon import load


@dataclass(frozen=True)
class Found:
    """A relation found in a doc, before it becomes a model Relation."""

    subject: int              # cluster index
    predicate: str            # ontology property local name
    object: int
    start: int                # token span of the evidence
    end: int
    rule: str
    anchor: int               # the token that carries it (a verb or a noun): decides claim membership
    negated: bool = False
    modality: str | None = None
    subject_token: int | None = None   # the tokens that stand for the two entities here
    object_token: int | None = None
    confidence: float | None = None    # a model's probability; None: the rule's confidence


@cache
def lexicon() -> dict:
    """The relation lexicon, kg/lexicon/relations.toml."""
    return load("relations")
