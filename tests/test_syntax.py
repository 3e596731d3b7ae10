"""Helpers over the parse that every rule reads (kg/syntax.py)."""
import pytest

from kg.parse import load_nlp
from kg.syntax import quotation


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
