"""A date as a news sentence writes it, made ISO 8601 against the article's publication date:
"2001" -> "2001", "May 2001" -> "2001-05", "1 May 2001" -> "2001-05-01", "Monday" -> the last
Monday on or before publication. What it cannot place honestly ("the end of the year", "recently")
gives None."""
from __future__ import annotations

import calendar
import datetime as dt
import re

MONTHS = {**{m.lower(): n for n, m in enumerate(calendar.month_name) if m},
          **{m.lower(): n for n, m in enumerate(calendar.month_abbr) if m}, "sept": 9}
WEEKDAYS = [d.lower() for d in calendar.day_name]
LEADING = {"the", "on", "in", "since", "from", "until", "till", "by", "of", "early", "late", "mid", "mid-"}
YEAR = re.compile(r"(1[89]|20)\d\d")
DAY = re.compile(r"(\d{1,2})(st|nd|rd|th)?")


def _day(word: str) -> int | None:
    m = DAY.fullmatch(word)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _calendar_date(words: list[str], published: dt.date | None) -> str | None:
    """A year, a month and year, a day, month and year (either order); a month or a day and month
    alone take the publication year, stepping back a year when that would be after publication."""
    years = [int(w) for w in words if YEAR.fullmatch(w)]
    months = [MONTHS[w] for w in words if w in MONTHS]
    days = [d for w in words if not YEAR.fullmatch(w) and (d := _day(w)) is not None]
    if len(years) > 1 or len(months) > 1 or len(days) > 1 or len(years) + len(months) + len(days) != len(words):
        return None
    if not months:
        return str(years[0]) if years and not days else None
    if years:
        return _iso(years[0], months[0], days[0] if days else None)
    if published is None:
        return None
    year = published.year - (months[0] > published.month or months[0] == published.month and days
                             and days[0] > published.day)
    return _iso(year, months[0], days[0] if days else None)


def iso_date(text: str, published: dt.date | None = None) -> str | None:
    """The ISO 8601 form of a date expression ("2001", "2001-05", "2001-05-01"), or None."""
    words = [w for w in re.split(r"[\s,]+", text.lower().strip(" .")) if w]
    while words and words[0] in LEADING:
        words = words[1:]
    words = [w for w in words if w not in ("of", "the")]       # "the 3rd of June 1999"
    if not words:
        return None
    found = _calendar_date(words, published)
    if found is not None or published is None:
        return found
    phrase = " ".join(words)
    if phrase in ("today", "this morning", "this afternoon", "this evening", "tonight"):
        return published.isoformat()
    if phrase in ("yesterday", "last night"):
        return (published - dt.timedelta(days=1)).isoformat()
    if phrase in ("this year", "last year"):
        return str(published.year - (phrase == "last year"))
    day = phrase.removeprefix("last ")
    if day in WEEKDAYS:
        back = (published.weekday() - WEEKDAYS.index(day)) % 7
        return (published - dt.timedelta(days=back or (7 if phrase.startswith("last ") else 0))).isoformat()
    return None
