"""Stable identifiers from content: the same input gives the same ids (no RDF here: the RDF stage
turns them into IRIs in kg/rdf/iris.py)."""
from __future__ import annotations

import hashlib


def digest(*parts: object, size: int = 16) -> str:
    """A short hex digest of the parts, joined by a unit separator."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:size]


def content_id(text: str) -> str:
    """A document's id: a digest of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
