"""Partial ISO dates as sortable integers (YYYYMMDD, unknown parts as 00).

``2024`` -> 20240000, ``2024-03`` -> 20240300, ``2024-03-01`` -> 20240301.
Range queries match dates whose whole period lies inside the range (see
``date_period``). A date without a year (``--03-18``) or no date at all gets 0, so that
"newest first" puts it last. Query bounds widen to cover the whole period:
``date:2024-03`` is 20240300..20240399, which includes ``2024-03`` itself
and every day of March, but not a bare ``2024`` (its month is unknown).

"""

from __future__ import annotations

import re

_DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")

UNKNOWN_DATE_KEY = 0


def date_sort_key(date: str | None) -> int:
    """Sort key of a stored (possibly partial) date; 0 when the year is unknown."""
    if not date:
        return UNKNOWN_DATE_KEY
    match = _DATE_RE.match(date[:10])
    if not match:
        return UNKNOWN_DATE_KEY
    year, month, day = (int(g) if g else 0 for g in match.groups())
    return year * 10000 + min(month, 99) * 100 + min(day, 99)


def date_period(date: str | None) -> tuple[int, int] | None:
    """First and last key of the period a stored date names; None if its year is unknown.

    ``2024`` spans 20240000..20249999 and ``2024-03`` spans 20240300..20240399, so
    a range query can ask for dates wholly inside it: a bare ``2024`` is not
    "between 2023-01 and 2024-02", since it may be any month of 2024.
    """
    key = date_sort_key(date)
    if key == UNKNOWN_DATE_KEY:
        return None
    if key % 10000 == 0:
        return key, key + 9999
    if key % 100 == 0:
        return key, key + 99
    return key, key


def date_bound(text: str, *, upper: bool) -> int | None:
    """Integer bound of a query date (``2024``, ``2024-03``, ``2024-03-01``), or None if invalid."""
    match = _DATE_RE.match(text)
    if not match:
        return None
    year_s, month_s, day_s = match.groups()
    year = int(year_s)
    if month_s is None:
        return year * 10000 + (9999 if upper else 0)
    month = int(month_s)
    if not 1 <= month <= 12:
        return None
    if day_s is None:
        return year * 10000 + month * 100 + (99 if upper else 0)
    day = int(day_s)
    if not 1 <= day <= 31:
        return None
    return year * 10000 + month * 100 + day


def date_range(low: str | None, high: str | None) -> tuple[int | None, int | None] | None:
    """Inclusive integer range for two optional query dates; None if either is invalid."""
    lo = date_bound(low, upper=False) if low else None
    hi = date_bound(high, upper=True) if high else None
    if (low and lo is None) or (high and hi is None):
        return None
    return lo, hi
