"""Helpers over the parse that every rule reads (kg/nlp/syntax.py)."""
import pytest

from kg.nlp.pipeline import load_nlp
from kg.nlp.syntax import hyphenated_word, in_words, quotation


@pytest.mark.parametrize("sentence, name, quoted", [
    # a name inside the marks is in the quotation, whichever marks they are
    ('"We will sell the Gaming Division," said Claes Hultman.', "Gaming Division", "We will sell the Gaming Division,"),
    ("“We will sell the Gaming Division,” said Claes Hultman.", "Gaming Division", "We will sell the Gaming Division,"),
    # the speaker after the closing mark is outside it
    ('"We will sell the Gaming Division," said Claes Hultman.', "Claes Hultman", None),
    # a straight mark closes a nickname before the speaker: the speaker is between two quotations
    ('Antonio "LA" Reid, chairman of Island Def Jam, said: "We are happy with the deal."', "Island Def Jam", None),
    # ... and the quotation after it is still one
    ('Antonio "LA" Reid, chairman of Island Def Jam, said: "We are happy with Sony."', "Sony", "We are happy with Sony."),
    # no mark at all
    ("Claes Hultman said the Gaming Division would be sold.", "Gaming Division", None),
])
def test_a_quotation_is_what_its_marks_enclose(sentence, name, quoted):
    """``quotation`` gives the tokens between the marks around a span, within its sentence; a straight
    mark opens a quotation only where it is odd in its sentence, so a name after a closed nickname is
    outside any quotation."""
    doc = load_nlp()(sentence)
    start = doc.text.index(name)
    span = doc.char_span(start, start + len(name))
    q = quotation(doc, span.start, span.end)
    assert (doc[q[0]:q[1]].text if q else None) == quoted


@pytest.mark.parametrize("text, index, word", [
    ("rebels in south-east Algeria", 4, "south-east"),     # "south", "-", "east": read from its last token
    ("his one-time partner", 3, "one-time"),
    ("a state-of-the-art plant", 7, "state-of-the-art"),   # any number of hyphens
    ("south - east", 2, "east"),                            # a spaced dash joins nothing
    ("the East", 1, "east"),                                # no hyphen: the token's own word
])
def test_a_hyphenated_word_is_read_whole_from_its_last_token(text, index, word):
    """The tokenizer splits "south-east" in three; ``hyphenated_word`` gives its last token the whole
    word, lowercase, as the lexicon writes it."""
    assert hyphenated_word(load_nlp().make_doc(text)[index]) == word


def test_a_token_is_in_a_list_by_its_own_word_or_its_hyphenated_word():
    """"mate" of "team-mate" is in a list that has "team-mate"; "east" alone is in a list with "east"."""
    doc = load_nlp().make_doc("his team-mate from the east")
    assert in_words(doc[3], {"team-mate"}) and in_words(doc[6], {"east"})
    assert not in_words(doc[3], {"team"}) and not in_words(doc[1], {"team-mate"})
