"""Cleaning: boilerplate goes, machine-translation artefacts are repaired, offsets map back."""
import pytest

from kg.io.clean import clean, is_boilerplate
from kg.lexicon import words

SEED_LIKE = (
    "Skip to content\n"
    "President of Kazakhstan says order restored\n\n"
    "The president said the protests erupted against his regime. last week.\n\n"
    "He told leaders during the call in which the Russian president participated. Vladimir Poutine.\n\n"
    "Troops were sent by the alliance, the United Nations. the week-long treaty (OTSC) sent 2,300 troops.\n\n"
    "They would leave once their tasks were completed. .\n\n"
    "ABC News\n\n"
    "Not all news on the site expresses the point of view of the site, but we transmit this news "
    "automatically and translate it through programmatic technology on the site and not from a human editor."
)


@pytest.mark.parametrize("line, expected", [
    ("Skip to content", True),
    ("Not all news on the site expresses the point of view of the site.", True),
    ("Share this article", True),
    ("Tokayev said the operation would end.", False),
    ("Menu of the summit was discussed at length by leaders.", False),
])
def test_boilerplate_lines(line, expected):
    """Navigation lines and disclaimers are boilerplate; article sentences are not."""
    assert is_boilerplate(line) is expected


@pytest.mark.parametrize("fragment", [
    "regime last week.",                             # a stray period before a short tail is removed
    "participated, Vladimir Poutine.",               # a name cut off at the end becomes an apposition
    "the United Nations. The week-long treaty",      # a lowercase sentence start is capitalised
    "once their tasks were completed.\n",            # a lone period after a sentence end goes
])
def test_repairs(fragment):
    """Machine-translation artefacts are repaired in the cleaned text."""
    assert fragment in clean(SEED_LIKE).text + "\n"


def test_boilerplate_and_source_line_are_dropped():
    """Site boilerplate and the lone source line at the end do not reach the cleaned text."""
    c = clean(SEED_LIKE)
    assert "Skip to content" not in c.text
    assert "Not all news" not in c.text
    assert not c.text.rstrip().endswith("ABC News")
    assert "ABC News" in c.dropped


def test_headline_is_recognised():
    """A first line without final punctuation is the headline."""
    assert clean(SEED_LIKE).title == "President of Kazakhstan says order restored"


def test_offsets_point_into_the_original():
    """Every cleaned character maps to the same character (or its case change) in the original."""
    c = clean(SEED_LIKE)
    assert len(c.offsets) == len(c.text) + 1
    for i, ch in enumerate(c.text):
        if ch.isalnum():
            assert SEED_LIKE[c.offsets[i]].lower() == ch.lower(), (i, c.text[max(0, i - 10):i + 10])
    start = c.text.index("Vladimir Poutine")
    s, e = c.original_span(start, start + len("Vladimir Poutine"))
    assert SEED_LIKE[s:e] == "Vladimir Poutine"


def test_abbreviations_are_not_capitalised():
    """A period after an abbreviation is no sentence end: "e.g. the" stays lowercase."""
    assert "e.g. the" in clean("Some members, e.g. the smaller ones, stayed away.").text


@pytest.mark.parametrize("abbreviation", sorted(words("boilerplate", "abbreviations")))
def test_every_abbreviation_of_the_lexicon_keeps_the_next_word_lowercase(abbreviation):
    """Each abbreviation of kg/lexicon/boilerplate.toml keeps a lowercase word after its period as
    written, where any other word ends the sentence and the next one is capitalised."""
    assert f"{abbreviation}. the" in clean(f"They met {abbreviation}. the rest stayed away.").text
    assert "word. The" in clean("They met word. the rest stayed away.").text


def test_empty_and_boilerplate_only_text():
    """Text that is only boilerplate cleans to nothing, without an error."""
    assert clean("Skip to content\n\nShare").text == ""
    assert clean("").text == ""
