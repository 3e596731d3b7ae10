"""One registry of the relation rules: a rule is declared once, where it is written, and everything
that lists rules reads the declaration: the order ``find_relations`` runs them in (the first rule to
find a triple keeps it), the confidence written on each statement, and which rules read a description
the narrator gives (a title, an apposition) rather than an event reported.

A rule declares the names it writes in provenance ("verb" and "verb-passive"), each with its
confidence and whether it is descriptive; its place in the order (lower runs first); and the lexicon
tables it reads ("relations.verb": the ``[[verb]]`` tables of kg/lexicon/relations.toml). A name no
rule declares (the classifier's, which carries its own probability) gets ``DEFAULT_CONFIDENCE``.

How to add a relation rule: one new module under kg/relations/rules/ (importing kg.relations imports
every module there), and a test::

    # kg/relations/rules/staffer.py
    \"\"\"The staffer rule: "BBC staffer Jane Doe".\"\"\"
    from __future__ import annotations

    from collections.abc import Iterator

    from spacy.tokens import Doc

    from kg.entities.index import EntityIndex
    from kg.relations.found import Found
    from kg.relations.registry import Name, relation_rule


    @relation_rule(order=140, names=(Name("staffer-noun", 0.7, descriptive=True),))
    def staffer_relations(doc: Doc, ix: EntityIndex) -> Iterator[Found]:
        \"\"\"Rule: "BBC staffer Jane Doe" works for the BBC.\"\"\"
        for tok in doc:
            if tok.lower_ == "staffer" and tok.dep_ == "compound" and tok.head.i in ix.by_root:
                for c in tok.children:
                    if c.dep_ == "compound" and c.i in ix.by_root:
                        yield Found(ix.by_root[tok.head.i], "worksFor", ix.by_root[c.i], c.i, tok.head.i + 1,
                                    "staffer-noun", tok.i, subject_token=tok.head.i, object_token=c.i)

Words the rule looks for belong in a table of kg/lexicon/relations.toml, and the table's keys in
kg/lexicon/schema.py (a key the schema does not know is an error at load time). A test can declare a
rule for its own duration only: ``with scratch(): ...`` restores the registry on the way out.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.entities.index import EntityIndex
from kg.plugins import import_all
from kg.relations.found import Found

DEFAULT_CONFIDENCE = 0.6
RuleFinder = Callable[[Doc, EntityIndex], Iterator[Found]]


@dataclass(frozen=True)
class Name:
    """A name a rule writes in provenance ("verb-passive"), the confidence of its statements, and
    whether it reads a description the narrator gives ("title-noun": "German leader Olaf Scholz")."""

    text: str
    confidence: float
    descriptive: bool = False


@dataclass(frozen=True)
class Rule:
    """A relation rule as declared: its finder, its place in the order, its names and the lexicon
    tables it reads ("relations.verb", "nouns.people")."""

    find: RuleFinder
    order: int
    names: tuple[Name, ...]
    reads: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """The finder's full name: "kg.relations.rules.verb.verb_relations"."""
        return f"{self.find.__module__}.{self.find.__qualname__}"


_rules: list[Rule] = []
_names: dict[str, Name] = {}


def _index() -> None:
    _rules.sort(key=lambda r: r.order)
    _names.clear()
    _names.update({n.text: n for r in _rules for n in r.names})


def register(rule: Rule) -> Rule:
    """Declare a rule (again: a module imported anew replaces its own declaration). Two rules may not
    share a place in the order nor a name."""
    others = [r for r in _rules if r.id != rule.id]
    taken = {n.text: r for r in others for n in r.names}
    for other in others:
        if other.order == rule.order:
            raise ValueError(f"rules {other.id} and {rule.id} both declare order {rule.order}")
    for name in rule.names:
        if name.text in taken:
            raise ValueError(f"rules {taken[name.text].id} and {rule.id} both declare the name {name.text!r}")
    _rules[:] = [*others, rule]
    _index()
    return rule


def relation_rule(order: int, names: tuple[Name, ...],
                  reads: tuple[str, ...] = ()) -> Callable[[RuleFinder], RuleFinder]:
    """The decorator that declares a rule: ``@relation_rule(order=120, names=(Name("seat-noun", 0.8,
    descriptive=True),), reads=("relations.seat",))``. The function is returned unchanged."""
    def declare(find: RuleFinder) -> RuleFinder:
        register(Rule(find, order, tuple(names), tuple(reads)))
        return find
    return declare


def unregister(find: RuleFinder) -> None:
    """Take a rule out of the registry, by its finder."""
    _rules[:] = [r for r in _rules if r.find is not find]
    _index()


@contextmanager
def scratch() -> Iterator[None]:
    """The registry as it is now, restored on the way out: rules declared inside are gone after."""
    saved = list(_rules)
    try:
        yield
    finally:
        _rules[:] = saved
        _index()


def rules() -> tuple[Rule, ...]:
    """The declared rules in their order."""
    return tuple(_rules)


def names() -> tuple[Name, ...]:
    """Every declared name, in the rules' order."""
    return tuple(n for r in _rules for n in r.names)


def base_name(rule: str) -> str:
    """The declared name in a name as written in provenance: "verb:arrest" -> "verb"."""
    return rule.split(":", 1)[0]


def confidence(name: str) -> float:
    """The confidence declared for a rule's name ("verb:arrest" reads "verb"); ``DEFAULT_CONFIDENCE``
    for a name no rule declares (the classifier's, whose statements carry the model's probability)."""
    found = _names.get(base_name(name))
    return found.confidence if found is not None else DEFAULT_CONFIDENCE


def is_descriptive(name: str) -> bool:
    """Whether a rule's name is declared descriptive (it reads a title, an apposition, a qualifier)."""
    found = _names.get(base_name(name))
    return found is not None and found.descriptive


def load_rules() -> None:
    """Import every module of kg/relations/rules/, so that each declares its rules."""
    from kg.relations import rules as package

    import_all(package)
