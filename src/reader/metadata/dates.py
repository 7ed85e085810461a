"""Dates written in French or English, turned into (possibly partial) ISO 8601.

A date keeps only what was written: ``2024-03-01``, ``2024-03`` (month and
year), ``--03-18`` (day and month, the ISO 8601 form without a year) or
``2024`` (year alone). ``human_date`` shows any of them to people, one way
everywhere (the interface, the CLI, citations).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from reader.corpus.textnorm import fold

_MONTH_FORMS: dict[int, tuple[str, ...]] = {
    1: ("janvier", "janv", "jan", "january"),
    2: ("fevrier", "fevr", "fev", "february", "feb"),
    3: ("mars", "march", "mar"),
    4: ("avril", "avr", "april", "apr"),
    5: ("mai", "may"),
    6: ("juin", "june", "jun"),
    7: ("juillet", "juil", "july", "jul"),
    8: ("aout", "august", "aug"),
    9: ("septembre", "sept", "sep", "september"),
    10: ("octobre", "october", "oct"),
    11: ("novembre", "november", "nov"),
    12: ("decembre", "dec", "december"),
}
#: Folded month name or abbreviation -> month number.
MONTHS: dict[str, int] = {form: num for num, forms in _MONTH_FORMS.items() for form in forms}

# Month names as written (accents optional), longest first so "mars" wins over "mar".
_MONTH_WORDS = sorted(
    {*MONTHS, "février", "févr", "fév", "août", "décembre", "déc"}, key=len, reverse=True
)
MONTH = r"(?:" + "|".join(_MONTH_WORDS) + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:19|20)\d\d"
_ORDINAL = r"(?:er|st|nd|rd|th)?"
_WEEKDAY = (
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+)?"
)

#: Every written form of a date, each alternative with named groups.
DATE_PATTERN = (
    rf"(?:{_WEEKDAY}"
    rf"(?:(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)"
    rf"|(?P<na>{_DAY})[/.](?P<nb>{_DAY})[/.](?P<ny>{_YEAR}|\d\d)(?!\d)"
    rf"|(?P<dd>{_DAY}){_ORDINAL}\s+(?:of\s+)?(?P<dm>{MONTH})(?:,?\s+(?P<dy>{_YEAR}))?"
    rf"|(?P<mm>{MONTH})\s+(?P<md>{_DAY}){_ORDINAL}(?![\d:h])(?:,?\s+(?P<my>{_YEAR}))?"
    rf"|(?P<ym>{MONTH})\s+(?P<yy>{_YEAR})"
    rf"))"
)
_DATE = re.compile(DATE_PATTERN, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found in text: its ISO form and where it stood."""

    iso: str
    start: int
    end: int


def month_number(word: str) -> int | None:
    """The month a (French or English, full or abbreviated) name stands for."""
    return MONTHS.get(fold(word).rstrip("."))


def iso_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """The ISO 8601 form of what is known; None when the parts cannot be a date."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and (month is None or not 1 <= day <= 31):
        return None
    if year is None:
        if month is None:
            return None
        return f"--{month:02d}-{day:02d}" if day else None
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def _numeric_day_month(first: int, second: int, day_first: bool) -> tuple[int | None, int | None]:
    """Day and month of ``first/second``, or (None, None) when the order is unknown.

    French pages write the day first; English ones either way (01/12/2012 is
    12 January in Winnipeg, 1 December in London), so unless one number
    cannot be a month, only the year of an English numeric date is known.
    """
    if first > 12 >= second:
        return first, second
    if second > 12 >= first:
        return second, first
    return (first, second) if day_first else (None, None)


def _iso_from_match(match: re.Match[str], day_first: bool) -> str | None:
    groups = match.groupdict()
    if groups["iy"]:
        return iso_date(int(groups["iy"]), int(groups["im"]), int(groups["id"]))
    if groups["na"]:
        day, month = _numeric_day_month(int(groups["na"]), int(groups["nb"]), day_first)
        year = int(groups["ny"])
        return iso_date(year + 2000 if year < 100 else year, month, day)
    if groups["dd"]:
        told_year = int(groups["dy"]) if groups["dy"] else None
        return iso_date(told_year, month_number(groups["dm"]), int(groups["dd"]))
    if groups["mm"]:
        told_year = int(groups["my"]) if groups["my"] else None
        return iso_date(told_year, month_number(groups["mm"]), int(groups["md"]))
    return iso_date(int(groups["yy"]), month_number(groups["ym"]), None)


def find_date(text: str, *, at_start: bool = False, day_first: bool = True) -> FoundDate | None:
    """The first date written in ``text`` (or only one right at its start).

    ``day_first`` reads an ambiguous numeric date (``01/03/2024``) as day, month,
    year; without it only its year is kept.
    """
    pattern = _DATE.match if at_start else _DATE.search
    match = pattern(text)
    if match is None or _inside_word(text, match.start(), match.end()):
        return None
    iso = _iso_from_match(match, day_first)
    return FoundDate(iso, match.start(), match.end()) if iso else None


def _inside_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before.isalnum() or after.isalpha()


_MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
_STORED_DATE = re.compile(r"(?P<year>\d{4}|-)(?:-(?P<month>\d\d)(?:-(?P<day>\d\d))?)?")


def human_date(iso: str | None) -> str | None:
    """A stored date as people read it at once, at the precision it was written.

    ``2024-03-18`` reads ``18 Mar 2024``, ``2024-03`` ``Mar 2024``, ``2024``
    ``2024`` and ``--03-18`` ``18 Mar (year unknown)``. Anything else (a
    value this function does not know) is returned as given; None and the
    empty string give None.
    """
    if not iso:
        return None
    match = _STORED_DATE.fullmatch(iso)
    if match is None:
        return iso
    year_text, month_text, day_text = match.group("year", "month", "day")
    year = None if year_text == "-" else int(year_text)
    if year is None and day_text is None:  # "--03" and "-" are not stored forms
        return iso
    if month_text is None:
        return year_text
    month = int(month_text)
    if not 1 <= month <= 12:
        return iso
    if day_text is None:
        return f"{_MONTH_ABBREVIATIONS[month - 1]} {year_text}"
    day = int(day_text)
    if not 1 <= day <= _days_in_month(year, month):
        return iso
    day_month = f"{day} {_MONTH_ABBREVIATIONS[month - 1]}"
    return f"{day_month} {year_text}" if year is not None else f"{day_month} (year unknown)"


def _days_in_month(year: int | None, month: int) -> int:
    """Days of ``month``; February has 29 when the year is unknown (it may be a leap year)."""
    if month == 2:
        return 29 if year is None or calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31
