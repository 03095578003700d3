"""Dates as the dataset writes them: YYYY, YYYY-MM or YYYY-MM-DD, and when one holds.

Kept apart from model.py (pydantic) so that the fast path and `--as-of` can read them.
A date of coarser precision counts from its first day when a record holds (a record of
2019 holds as of 2019-03), and through its last day when it is the moment asked about
(`--as-of 2019` is the dataset as it stood in 2019, a record of 2019-06 included).
"""

from __future__ import annotations

import calendar
import re

DATE_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
DATE_FORM = "a date is YYYY, YYYY-MM or YYYY-MM-DD, like '2019' or '2019-03-01'"
"""The pattern's words, with an example: what a value that does not match is told."""
_DATE = re.compile(DATE_PATTERN.replace("$", r"\Z"))


def is_date(text: str) -> bool:
    """Whether the text is a date of the calendar in one of the three forms, from year 1000.

    The length is checked first: a value of 5,000 digits is no date, and is never asked
    for its number.
    """
    if len(text) > len("YYYY-MM-DD") or not text.isascii() or _DATE.match(text) is None:
        return False
    year = int(text[:4])
    if year < 1000:
        return False
    if len(text) == len("YYYY-MM-DD"):
        month, day = int(text[5:7]), int(text[8:10])
        return day <= calendar.monthrange(year, month)[1]
    return True


def first_day(date: str) -> str:
    """The first day a date can mean: 2019 is 2019-01-01, 2019-03 is 2019-03-01."""
    return (date + "-01-01")[: len("YYYY-MM-DD")] if len(date) == 4 else (date + "-01")[:10]


def last_day(date: str) -> str:
    """The last day a date can mean: 2019 is 2019-12-31, 2019-02 is 2019-02-28."""
    if len(date) == len("YYYY"):
        return f"{date}-12-31"
    if len(date) == len("YYYY-MM"):
        year, month = int(date[:4]), int(date[5:7])
        return f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date


def holds(dated: str, as_of: str | None) -> bool:
    """Whether a record dated `dated` already holds as of `as_of` (None: now)."""
    return as_of is None or first_day(dated) <= last_day(as_of)
