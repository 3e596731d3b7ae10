"""The gazetteer's names as entities: a spaCy component that does what spaCy's EntityRuler does with
the gazetteer's token patterns (``Gazetteer.ruler_patterns()``), at a fraction of its cost.

spaCy's Matcher tries every one of the ~2,300 patterns at every token, which took as long as the
whole statistical parse (bench/RESULTS.md, throughput). Each pattern here is indexed by the lowercase
forms its first token may take, so a token is checked only against the patterns that can start on
it. What is matched, and which matches become entities, is the EntityRuler's with
``overwrite_ents=False``: the NER's entities stay; longer matches win, then earlier ones; a match
that touches an entity or a longer match is dropped. tests/nlp/test_ruler.py compares the two.

As with the EntityRuler, the patterns are data loaded when the component is initialised, not when
it is made: ``initialize()`` takes the gazetteer's (its folder and whether its ambiguous forms count
are the factory's settings), or the patterns it is given; ``add_patterns`` adds more. A ruler used
before either loads the gazetteer's at its first doc.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.lexicon.gazetteer import Gazetteer

Spec = dict
Match = tuple[int, int, int]          # (match id, start, end), as spaCy's matchers give them


def _values(value) -> list[str]:
    """The strings a spec's value allows: "x" or {"IN": ["x", "y"]}."""
    return list(value["IN"]) if isinstance(value, dict) else [value]


def _fits(tok: Token, spec: Spec) -> bool:
    """Whether a token fits one token spec of a pattern (ORTH, LOWER, IS_LOWER: all that the
    gazetteer writes)."""
    if "ORTH" in spec and tok.text not in _values(spec["ORTH"]):
        return False
    if "LOWER" in spec and tok.lower_ not in _values(spec["LOWER"]):
        return False
    return "IS_LOWER" not in spec or tok.is_lower == spec["IS_LOWER"]


def _first_keys(spec: Spec) -> list[str]:
    """The lowercase forms a token must have to fit this spec: the index key of a pattern."""
    if "LOWER" in spec:
        return _values(spec["LOWER"])
    if "ORTH" in spec:
        return [v.lower() for v in _values(spec["ORTH"])]
    raise ValueError(f"a gazetteer pattern's token needs ORTH or LOWER: {spec}")


class GazetteerRuler:
    """Entities from token patterns ``{"label", "pattern", "id"}``; ``match`` computes the matches
    of a doc, ``set_annotations`` writes them into ``doc.ents``. ``gazetteer`` is the folder of the
    lexicon's TOML files (None: kg/lexicon/), ``include_ambiguous`` whether the forms it lists as
    ambiguous ("Jordan") are patterns too."""

    def __init__(self, nlp: Language, name: str = "newskg_gazetteer", *, gazetteer: str | None = None,
                 include_ambiguous: bool = False) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.gazetteer = gazetteer
        self.include_ambiguous = include_ambiguous
        self.clear()

    def clear(self) -> None:
        """Forget every pattern: the next doc, or ``initialize()``, loads them again."""
        self.index: dict[str, list[tuple[int, list[Spec]]]] = defaultdict(list)
        self.labels: dict[int, tuple[str, str]] = {}
        self.loaded = False

    def initialize(self, get_examples: Callable[[], Iterable] | None = None, *, nlp: Language | None = None,
                   patterns: Iterable[dict] | None = None) -> None:
        """Load the patterns, as spaCy's EntityRuler does: these, or by default the gazetteer's
        (``Gazetteer.ruler_patterns()``), in place of any loaded before. ``nlp.initialize()`` calls it;
        so does ``load_nlp()``, which adds the component to a trained pipeline."""
        self.clear()
        if patterns is None:
            patterns = Gazetteer.load(self.gazetteer).ruler_patterns(include_ambiguous=self.include_ambiguous)
        self.add_patterns(patterns)

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Index these patterns beside those already loaded."""
        for p in patterns:
            match_id = self.vocab.strings.add(f"{p['label']}||{p['id']}")
            self.labels[match_id] = (p["label"], p["id"])
            for key in _first_keys(p["pattern"][0]):
                self.index[key].append((match_id, p["pattern"]))
        self.loaded = True

    def match(self, doc: Doc) -> list[Match]:
        """Every match, longest first, then earliest (the EntityRuler's order)."""
        found = set()
        for tok in doc:
            for match_id, pattern in self.index.get(tok.lower_, ()):
                end = tok.i + len(pattern)
                if end <= len(doc) and all(_fits(doc[tok.i + k], spec) for k, spec in enumerate(pattern)):
                    found.add((match_id, tok.i, end))
        return sorted(found, key=lambda m: (m[2] - m[1], -m[1], m[0]), reverse=True)

    def set_annotations(self, doc: Doc, matches: list[Match]) -> None:
        """Add the matches that touch no entity and no longer match to ``doc.ents``."""
        new, seen = [], set()
        for match_id, start, end in matches:
            if any(t.ent_type for t in doc[start:end]) or start in seen or end - 1 in seen:
                continue
            label, ent_id = self.labels[match_id]
            new.append(Span(doc, start, end, label=label, span_id=ent_id))
            seen.update(range(start, end))
        doc.ents = list(doc.ents) + new

    def __call__(self, doc: Doc) -> Doc:
        if not self.loaded:             # made by name and used at once: the gazetteer's patterns
            self.initialize()
        self.set_annotations(doc, self.match(doc))
        return doc


@Language.factory("newskg_gazetteer", assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
                  default_config={"gazetteer": None, "include_ambiguous": False})
def make_gazetteer_ruler(nlp: Language, name: str, gazetteer: str | None, include_ambiguous: bool) -> GazetteerRuler:
    """The gazetteer ruler, by name: ``nlp.add_pipe("newskg_gazetteer", after="ner",
    config={"include_ambiguous": True})``."""
    return GazetteerRuler(nlp, name, gazetteer=gazetteer, include_ambiguous=include_ambiguous)
