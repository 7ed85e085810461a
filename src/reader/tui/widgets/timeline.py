"""A one-line picture of when results (or an entity's mentions) are dated.

Only the dates the articles carry are plotted, each at its own precision: a
search engine's ``SearchResults.dates`` counts matches per month (``YYYYMM``),
per year for a year alone (``YYYY00``), and undated ones under ``0``. Over a
few years the bars are months, and dates that give only a year are counted
apart ("year only"); over a longer span the bars are years and hold every
dated match. Undated matches are never plotted as some date: they are said.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Sparkline, Static

from reader.tui.text import safe_line

#: Up to this many years from the first dated match to the last, the bars are months.
MONTHS_UP_TO_YEARS = 4
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class TimelineBins:
    """Counts per bar, first to last, and what could not be plotted."""

    counts: list[int]
    unit: str  # "month" or "year"
    first: int  # YYYYMM of the first bar (month unit) or YYYY (year unit)
    last: int
    undated: int
    year_only: int  # dated to a year only, and the bars are months

    @property
    def span(self) -> str:
        """``Mar 2018 – Feb 2019`` or ``2004 – 2019`` (one label when one bar)."""
        first, last = (_label(value, self.unit) for value in (self.first, self.last))
        return first if first == last else f"{first} – {last}"


def _label(value: int, unit: str) -> str:
    if unit == "year":
        return str(value)
    return f"{_MONTH_NAMES[value % 100 - 1]} {value // 100}"


def timeline_bins(dates: dict[int, int]) -> TimelineBins | None:
    """The bars of a ``SearchResults.dates`` table; None when nothing is dated."""
    undated = dates.get(0, 0)
    months = {key: count for key, count in dates.items() if key and key % 100}
    years_only = {key // 100: count for key, count in dates.items() if key and not key % 100}
    years = {key // 100 for key in months} | set(years_only)
    if not years:
        return None
    if months and max(years) - min(years) <= MONTHS_UP_TO_YEARS:
        first, last = min(months), max(months)
        counts = [months.get(key, 0) for key in _month_range(first, last)]
        return TimelineBins(counts, "month", first, last, undated, sum(years_only.values()))
    per_year = dict(years_only)
    for key, count in months.items():
        per_year[key // 100] = per_year.get(key // 100, 0) + count
    first_year, last_year = min(per_year), max(per_year)
    counts = [per_year.get(year, 0) for year in range(first_year, last_year + 1)]
    return TimelineBins(counts, "year", first_year, last_year, undated, 0)


def _month_range(first: int, last: int) -> list[int]:
    """``YYYYMM`` keys from ``first`` to ``last``, every month in between."""
    keys = []
    year, month = divmod(first, 100)
    while year * 100 + month <= last:
        keys.append(year * 100 + month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def caption(bins: TimelineBins | None, undated: int) -> Content:
    """What the bars span, and the counts not plotted."""
    parts = [bins.span] if bins is not None else ["no dated article"]
    if bins is not None and bins.year_only:
        parts.append(f"{bins.year_only:,} year only")
    if undated:
        parts.append(f"{undated:,} undated")
    return safe_line(" · ".join(parts)).stylize("dim")


class Timeline(Vertical):
    """A sparkline of dated counts and a caption; hidden until given dates."""

    DEFAULT_CSS = """
    Timeline {
        height: auto;
        display: none;
        padding: 0 1;
    }
    Timeline > .timeline-title { height: auto; }
    Timeline > Sparkline { height: 1; }
    Timeline > .timeline-caption { height: auto; }
    """

    def __init__(self, title: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._title = title

    def compose(self) -> ComposeResult:
        yield Static(Content(self._title), classes="timeline-title")
        yield Sparkline([], summary_function=max)
        yield Static(Content(""), classes="timeline-caption")

    def show(self, dates: dict[int, int], title: str | None = None) -> None:
        """Plot ``dates`` (a ``SearchResults.dates`` table); hide when there are none."""
        bins = timeline_bins(dates)
        self.display = bool(dates)
        if title is not None:
            self._title = title
        heading = self.query_one(".timeline-title", Static)
        heading.update(safe_line(self._title))
        heading.display = bool(self._title)
        sparkline = self.query_one(Sparkline)
        sparkline.data = [float(count) for count in bins.counts] if bins else []
        sparkline.display = bins is not None
        # Two cells a bar at most: one month alone is a short bar, not the whole width.
        sparkline.styles.max_width = 2 * len(bins.counts) if bins else None
        self.query_one(".timeline-caption", Static).update(caption(bins, dates.get(0, 0)))

    @property
    def plotted(self) -> list[float]:
        """The bars shown (for tests)."""
        return list(self.query_one(Sparkline).data or [])
