"""Amounts (kg/events/amounts.py): sentences and the amounts they hold, as (value, unit, text, qualifier)."""
import pytest

from kg.events.amounts import amounts_in
from kg.model import Amount
from kg.nlp.pipeline import parse


def amounts(text: str) -> list[Amount]:
    return [a.amount for a in amounts_in(next(parse([text])))]


AMOUNTS = [
    ("The firm made a profit of £28.7m last year.", Amount(28_700_000, "GBP", "£28.7m")),
    ("Google paid $4bn for the firm.", Amount(4e9, "USD", "$4bn")),
    ("Sales rose to €1.2 billion.", Amount(1.2e9, "EUR", "€1.2 billion")),
    ("It paid 300 million euros for the stake.", Amount(3e8, "EUR", "300 million euros")),
    ("Shares closed at 45p.", Amount(0.45, "GBP", "45p")),
    ("The firm paid £2.5 m in cash.", Amount(2.5e6, "GBP", "£2.5 m")),
    ("Oil rose to $30 a barrel.", Amount(30, "USD", "$30 a barrel")),
    ("Profits were about US$3.5bn.", Amount(3.5e9, "USD", "US$3.5bn", "about")),
    ("Labour won 16.1% of the vote.", Amount(16.1, "percent", "16.1%")),
    ("Prices rose by more than 5 per cent.", Amount(5, "percent", "5 per cent", "more than")),
    ("The party won 12 seats.", Amount(12, "seats", "12 seats")),
    ("The bank will cut 500 jobs.", Amount(500, "jobs", "500 jobs")),
    ("The firm employs nearly 1,200 staff.", Amount(1200, "staff", "1,200 staff", "nearly")),
    ("It sold 2.3 million shares.", Amount(2.3e6, "shares", "2.3 million shares")),
    ("It has 2.5m customers.", Amount(2.5e6, "customers", "2.5m customers")),
    ("The service has two million users.", Amount(2e6, "users", "two million users")),
    ("Up to 45,000 jobs could go.", Amount(45_000, "jobs", "45,000 jobs", "up to")),
    ("The album sold 1.5 million copies in ten days.", Amount(1.5e6, "copies", "1.5 million copies")),
    ("The rebels freed 300 new prisoners.", Amount(300, "prisoners", "300 new prisoners")),
]


@pytest.mark.parametrize("sentence, amount", AMOUNTS, ids=[a.text for _, a in AMOUNTS])
def test_amount_is_read(sentence, amount):
    assert amount in amounts(sentence), amounts(sentence)


NO_AMOUNTS = [
    ("In 2004, three years after the deal, sales rose.", "a year, a time span"),
    ("Trading opened at 0400 GMT.", "a time"),
    ("Nearly 8,000 were arrested.", "a bare number counts nothing named"),
    ("He finished 3rd in the race.", "an ordinal"),
    ("The road is 2.5 m wide.", "a spaced m is no million"),
]


@pytest.mark.parametrize("sentence, why", NO_AMOUNTS, ids=[w for _, w in NO_AMOUNTS])
def test_no_amount(sentence, why):
    assert amounts(sentence) == []


def test_amounts_keep_their_tokens_and_order():
    doc = next(parse(["Labour won 16.1% of the vote and nearly 1,200 staff got £5m each."]))
    found = amounts_in(doc)
    assert [doc[a.start:a.end].text for a in found] == ["16.1%", "nearly 1,200 staff", "£5m"]
    assert [doc[a.number].text for a in found] == ["16.1", "1,200", "m"]


def test_a_span_is_read_alone():
    doc = next(parse(["Google paid $4bn. Yahoo paid $2bn."]))
    second = list(doc.sents)[1]
    assert [a.amount.text for a in amounts_in(second)] == ["$2bn"]
