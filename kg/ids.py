"""Stable identifiers from content: the same input gives the same ids (no RDF here: the RDF stage
turns them into IRIs in kg/rdf/iris.py)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Latin letters that have no ASCII decomposition, spelled as their languages spell them in ASCII
_LATIN = str.maketrans({
    "ß": "ss", "ẞ": "SS", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
    "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "TH", "þ": "th", "ı": "i", "Ħ": "H", "ħ": "h",
    "Ŧ": "T", "ŧ": "t", "ĸ": "k", "Ŋ": "NG", "ŋ": "ng",
})
# invisible in a name: the Arabic tatweel (a stretch of the line), zero-width non-joiner and joiner
_INVISIBLE = str.maketrans({"\u0640": None, "\u200c": None, "\u200d": None})
_ASCII_GAP = re.compile(r"[\x00-/:-@\[-`{-\x7f]+")     # runs of ASCII characters other than a-z, 0-9


def digest(*parts: object, size: int = 16) -> str:
    """A short hex digest of the parts, joined by a unit separator."""
    h = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:size]


def content_id(text: str) -> str:
    """A document's id: a digest of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _ascii(text: str) -> str:
    """The ASCII letters and digits a text folds to: "é" -> "e", "ﬁ" -> "fi", "Ж" -> ""."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _survives(char: str) -> bool:
    """Whether a letter or digit keeps a letter or digit when folded to ASCII."""
    return any(c.isalnum() for c in _ascii(char))


def slug(text: str) -> str:
    """The IRI-safe slug of a name, the same for the same name and different for different names
    (up to case, accents on Latin letters and punctuation): "Kassym-Jomart Tokayev" ->
    "kassym-jomart-tokayev", "Łódź" -> "lodz", "Владимир Путин" -> "владимир-путин".

    A name whose letters all fold to ASCII gets its ASCII slug; in any other name the letters without
    an ASCII form stay as they are (lower case, NFC), with their marks, so a Cyrillic, Greek, Arabic or
    Chinese name keeps what tells it apart. Only letters, digits and hyphens; "x" for a name without any.
    """
    text = unicodedata.normalize("NFC", text).translate(_LATIN).translate(_INVISIBLE)
    if all(_survives(c) for c in text if c.isalnum()):
        return _ASCII_GAP.sub("-", _ascii(text)).strip("-").lower() or "x"
    out, kept = [], False          # kept: the last letter stayed as it is, so its marks stay too
    for c in text:
        if _survives(c):
            out.append(_ascii(c).lower())
            kept = False
        elif c.isalnum():
            out.append(unicodedata.normalize("NFKC", c).casefold())
            kept = True
        elif unicodedata.category(c).startswith("M"):
            out.append(c if kept else "")
        else:
            out.append("-")
            kept = False
    return unicodedata.normalize("NFC", _ASCII_GAP.sub("-", "".join(out)).strip("-"))
