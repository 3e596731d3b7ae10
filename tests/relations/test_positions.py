"""Positions (kg/relations/positions.py): a table of sentences and the positions they must (not) give,
as (holder, office, organisation, former, start, end). The articles are dated Monday 2022-01-10."""
import pytest

from extraction import run


def positions(text: str) -> set[tuple]:
    return {(p.holder.name, p.office, p.organisation.name if p.organisation else None, p.former, p.start, p.end)
            for p in run(text).positions}


POSITIONS = [
    # a title before a name
    ("Deputy Prime Minister John Prescott visited Hull.",
     ("John Prescott", "deputy prime minister", None, False, None, None)),
    ("Microsoft chief executive Steve Ballmer spoke in Seattle.",
     ("Steve Ballmer", "chief executive", "Microsoft", False, None, None)),
    ("UK Chancellor Gordon Brown raised taxes.", ("Gordon Brown", "chancellor", "United Kingdom", False, None, None)),
    ("Shares rose after Nortel president and chief executive Bill Owens spoke.",
     ("Bill Owens", "president", "Nortel", False, None, None)),
    ("Shares rose after Nortel president and chief executive Bill Owens spoke.",
     ("Bill Owens", "chief executive", "Nortel", False, None, None)),
    ("The deal was signed by Unilever CEO Jane Doe.", ("Jane Doe", "chief executive", "Unilever", False, None, None)),
    ("Tesco said profits rose. The company's chief executive Terry Leahy said sales grew.",
     ("Terry Leahy", "chief executive", "Tesco", False, None, None)),
    ("Deputy Bank of England governor Rachel Lomax spoke.",
     ("Rachel Lomax", "deputy governor", "Bank of England", False, None, None)),
    # an apposition
    ("Firms cannot do that, said Christopher Wray, assistant US attorney general.",
     ("Christopher Wray", "assistant attorney general", "United States", False, None, None)),
    ("Jane Doe, the chairman of Tesco, said sales rose.", ("Jane Doe", "chairman", "Tesco", False, None, None)),
    ("Andrew Higginson, Tesco's finance director, said sales rose.",
     ("Andrew Higginson", "finance director", "Tesco", False, None, None)),
    ("The chairman of Barclays, Matt Barrett, said profits rose.",
     ("Matt Barrett", "chairman", "Barclays", False, None, None)),
    ("Jane Doe, an analyst at Barclays Capital, said prices would fall.",
     ("Jane Doe", "analyst", "Barclays Capital", False, None, None)),
    ("Robert Benmosche, Metlife's chairman and chief executive, praised the deal.",
     ("Robert Benmosche", "chief executive", "Metlife", False, None, None)),
    # a verb: be, become, appoint, resign ...
    ("Jane Doe is the chief executive of Unilever.", ("Jane Doe", "chief executive", "Unilever", False, None, None)),
    ("Jack Straw became foreign secretary in 2001.", ("Jack Straw", "foreign secretary", None, False, "2001", None)),
    ("Jane Smith was appointed chief executive of Tesco on Monday.",
     ("Jane Smith", "chief executive", "Tesco", False, "2022-01-10", None)),
    ("Tesco has appointed John Smith as its new chairman.", ("John Smith", "chairman", "Tesco", False, None, None)),
    ("John Smith took over as chief executive in May 2002.",
     ("John Smith", "chief executive", None, False, "2002-05", None)),
    ("Richard Parsons has been chairman of Time Warner since 2003.",
     ("Richard Parsons", "chairman", "Time Warner", False, "2003", None)),
    ("John Smith was chairman of Enron from 1997 to 2001.", ("John Smith", "chairman", "Enron", True, "1997", "2001")),
    ("Peter Jones resigned as chief executive of Shell on Tuesday.",
     ("Peter Jones", "chief executive", "Shell", True, None, "2022-01-04")),
    ("Jack Straw was sacked as foreign secretary.", ("Jack Straw", "foreign secretary", None, True, None, None)),
    # a word that ends it
    ("Former chairman Ken Lay went on trial.", ("Ken Lay", "chairman", None, True, None, None)),
    ("Ex-finance director Jim Smith was charged.", ("Jim Smith", "finance director", None, True, None, None)),
    ("The then-chancellor Nigel Lawson raised rates.", ("Nigel Lawson", "chancellor", None, True, None, None)),
    ("The report was written by the former Dutch prime minister Wim Kok.",
     ("Wim Kok", "prime minister", "Netherlands", True, None, None)),
    ("The firm's chairman, Jane Doe, resigned on Friday.", ("Jane Doe", "chairman", None, True, None, "2022-01-07")),
    # a description resolved to a person
    ("President Kassym-Jomart Tokayev spoke on Monday. The Kazakh president said order was restored.",
     ("Kassym-Jomart Tokayev", "president", "Kazakhstan", False, None, None)),
    # what the office is of, as the document gives it elsewhere
    ("US President George Bush arrived in London. President Bush met the Queen.",
     ("George Bush", "president", "United States", False, None, None)),
    # no organisation: a team ("England coach"), a nationality, a firm some other sentence named
    ("England coach Andy Robinson named his team.", ("Andy Robinson", "coach", None, False, None, None)),
    ("BMW will seek compensation from Bosch, the carmaker's chief executive Helmut Panke said.",
     ("Helmut Panke", "chief executive", None, False, None, None)),
]


@pytest.mark.parametrize("sentence, position", POSITIONS, ids=[f"{p[1]}:{p[0]}" for _, p in POSITIONS])
def test_position_is_found(sentence, position):
    assert position in positions(sentence), sorted(positions(sentence), key=str)


NO_POSITION = [
    # (sentence, person who holds nothing here, why)
    ("Incoming chief executive Jane Doe starts in May.", "Jane Doe", "not held yet"),
    ("Jane Doe will become chairman of Tesco.", "Jane Doe", "future"),
    ("Jane Doe did not become chairman of Tesco.", "Jane Doe", "negated"),
    ("Jane Doe is expected to be named chairman of Tesco.", "Jane Doe", "expected"),
    ("Jane Doe, a leading economist, said prices would fall.", "Jane Doe", "a job without its organisation"),
    ("WPP grew big enough to rival sector leader Jane Doe.", "Jane Doe", "a firm's place in its market"),
]


@pytest.mark.parametrize("sentence, person, why", NO_POSITION, ids=[w for *_, w in NO_POSITION])
def test_no_position(sentence, person, why):
    assert not [p for p in positions(sentence) if p[0] == person]


def test_a_position_is_no_relation():
    """Positions stay out of the relations (and so out of the classifier's pairs and CoNLL04's scores)."""
    x = run("Microsoft chief executive Steve Ballmer spoke in Seattle.")
    assert x.positions and not [r for r in x.relations if r.predicate == "holdsPosition"]


def test_a_position_keeps_its_evidence():
    x = run("Jack Straw became foreign secretary in 2001.")
    [p] = x.positions
    assert x.document.text[p.provenance.start:p.provenance.end] == "Jack Straw became foreign secretary in 2001"
    assert (p.provenance.rule, p.provenance.confidence, p.claim) == ("position-verb:become", 0.75, None)


def test_a_reported_position_hangs_on_its_claim_and_a_title_does_not():
    x = run("Reuters said that Jane Doe was the chief executive of Tesco, according to chairman John Smith.")
    claimed = {p.holder.name: p.claim for p in x.positions}
    assert claimed["Jane Doe"] is not None and claimed["John Smith"] is None
