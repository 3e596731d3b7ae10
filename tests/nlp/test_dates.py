"""Dates as written, made ISO 8601 against the publication date (kg/nlp/dates.py)."""
import datetime as dt

import pytest

from kg.nlp.dates import iso_date

MONDAY = dt.date(2022, 1, 10)

DATES = [
    ("2001", None, "2001"),
    ("in 2001", None, "2001"),
    ("May 2001", None, "2001-05"),
    ("1 May 2001", None, "2001-05-01"),
    ("May 1, 2001", None, "2001-05-01"),
    ("the 3rd of June 1999", None, "1999-06-03"),
    ("Sept 2004", None, "2004-09"),
    ("June", MONDAY, "2021-06"),            # a month after publication is last year's
    ("January 5", MONDAY, "2022-01-05"),
    ("Monday", MONDAY, "2022-01-10"),
    ("Friday", MONDAY, "2022-01-07"),
    ("last Monday", MONDAY, "2022-01-03"),
    ("yesterday", MONDAY, "2022-01-09"),
    ("last year", MONDAY, "2021"),
    ("Monday", None, None),                 # no publication date: no day to count back from
    ("the end of the year", MONDAY, None),
    ("recently", MONDAY, None),
    ("31 February 2001", None, None),
    ("2001 to 2003", None, None),           # a range is read in its parts
]


@pytest.mark.parametrize("text, published, expected", DATES, ids=[d[0] for d in DATES])
def test_iso_date(text, published, expected):
    assert iso_date(text, published) == expected
