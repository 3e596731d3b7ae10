"""Sentences that keep to the text's paragraphs: one spaCy component, placed before the parser, which
keeps the boundaries it is given and finds the others."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("newskg_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and paragraphs never run into each other.
    "Floods in Kenya\\n\\nRain fell ..." is two sentences whatever the parser would have said."""
    for tok in doc[:-1]:
        if "\n" in tok.text_with_ws:
            doc[tok.i + 1].is_sent_start = True
    return doc
