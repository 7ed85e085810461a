"""The timelines: bars of the dates results carry, never of dates they lack."""

from __future__ import annotations

from sample_articles import MemoryLibrary, run_async, sample_article

from reader.corpus.models import Metadata
from reader.tui.app import ReaderApp
from reader.tui.widgets.entity_sidebar import EntitySidebar
from reader.tui.widgets.search_pane import SearchPane
from reader.tui.widgets.timeline import Timeline, caption, timeline_bins
from reader.userdata.config import Config


def test_months_over_a_short_span_with_empty_months_and_year_only_apart() -> None:
    bins = timeline_bins({201811: 2, 201901: 5, 201900: 3, 0: 7})
    assert bins is not None and bins.unit == "month"
    assert bins.counts == [2, 0, 5]  # Nov, Dec (none), Jan
    assert (bins.first, bins.last, bins.year_only, bins.undated) == (201811, 201901, 3, 7)
    assert str(caption(bins, 7)) == "Nov 2018 – Jan 2019 · 3 year only · 7 undated"


def test_years_over_a_long_span_hold_every_dated_match() -> None:
    bins = timeline_bins({200403: 1, 200412: 2, 201000: 4, 201903: 1})
    assert bins is not None and bins.unit == "year"
    assert bins.counts[0] == 3 and bins.counts[6] == 4 and bins.counts[-1] == 1
    assert len(bins.counts) == 16 and bins.year_only == 0
    assert bins.span == "2004 – 2019"


def test_nothing_dated_gives_no_bars_and_says_so() -> None:
    assert timeline_bins({0: 12}) is None
    assert timeline_bins({}) is None
    assert str(caption(None, 12)) == "no dated article · 12 undated"


def _dated(article_id: str, date: str | None):
    article = sample_article(article_id)
    article.meta = Metadata(date=date)
    return article


def _app() -> ReaderApp:
    articles = [
        _dated("a1", "2024-01-05"),
        _dated("a2", "2024-03-10"),
        _dated("a3", "2024"),
        _dated("a4", None),
    ]
    return ReaderApp(MemoryLibrary(articles), config=Config(debounce_ms=0))


async def _settle(app, pilot) -> None:
    for _ in range(2):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


@run_async
async def test_the_results_timeline_plots_their_months_and_says_what_it_leaves_out() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        pane = app.screen.query_one(SearchPane)
        pane.set_query("paris")
        await _settle(app, pilot)
        timeline = pane.query_one(Timeline)
        assert timeline.display and timeline.plotted == [1.0, 0.0, 1.0]
        text = str(timeline.query_one(".timeline-caption").render())
        assert text == "Jan 2024 – Mar 2024 · 1 year only · 1 undated"


@run_async
async def test_an_entity_in_the_sidebar_shows_when_the_corpus_names_it() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(app, pilot)
        app.screen.open_article("a1")
        sidebar = app.screen.query_one(EntitySidebar)
        sidebar.focus()
        ids = [sidebar.get_option_at_index(i).id for i in range(sidebar.option_count)]
        sidebar.highlighted = ids.index("entity:emmanuel macron")
        await _settle(app, pilot)
        timeline = app.screen.query_one("#entity-timeline", Timeline)
        assert timeline.display and timeline.plotted == [1.0, 0.0, 1.0]
        title = str(timeline.query_one(".timeline-title").render())
        assert title == "Emmanuel Macron, in the corpus"
        sidebar.highlighted = next(i for i, key in enumerate(ids) if key and "stripped" in key)
        await _settle(app, pilot)
        assert not timeline.display
