"""Rules and lexicons as data: one TOML file per concern, loaded once."""
from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from kg.lexicon.schema import check

HOME = Path(__file__).resolve().parent


@cache
def load(name: str) -> dict:
    """The parsed TOML file ``kg/lexicon/<name>.toml``, checked against its schema (kg/lexicon/schema.py)."""
    return parse(HOME / f"{name}.toml", name)


def parse(path: Path, name: str) -> dict:
    """A TOML file read and checked against the schema of the lexicon file ``name``, wherever it lies:
    a test's variant of a shipped file goes through the same check."""
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    check(name, data)
    return data


@cache
def words(name: str, *keys: str) -> frozenset[str]:
    """A word list of a lexicon as a set, built once: words("nouns", "people", "titles")."""
    value = load(name)
    for key in keys:
        value = value[key]
    return frozenset(value)
