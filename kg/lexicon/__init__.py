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
