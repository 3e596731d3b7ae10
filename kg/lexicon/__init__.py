"""Rules and lexicons as data: one TOML file per concern, loaded once."""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

HOME = Path(__file__).resolve().parent


@cache
def load(name: str) -> dict:
    """The parsed TOML file ``kg/lexicon/<name>.toml``."""
    with open(HOME / f"{name}.toml", "rb") as fh:
        return tomllib.load(fh)


@cache
def words(name: str, *keys: str) -> frozenset[str]:
    """A word list of a lexicon as a set, built once: words("nouns", "people", "titles")."""
    value = load(name)
    for key in keys:
        value = value[key]
    return frozenset(value)
