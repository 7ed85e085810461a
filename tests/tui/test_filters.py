"""Filtering the search by language, source and date through the filter dialog (real seeds)."""

from __future__ import annotations

from sample_articles import run_async
from sample_articles import settle_workers as settle
from textual.widgets import Input, OptionList

from reader.tui.dialogs.filters import FilterDialog
from reader.tui.widgets.search_pane import SearchPane


def status(app) -> str:
    return str(app.screen.query_one("#search-status").render())


def chips(app) -> list[tuple[str, str]]:
    pane = app.screen.query_one(SearchPane)
    return [(chip.kind, chip.value) for chip in pane.chips]


@run_async
async def test_language_filter_from_the_facets_and_its_chip(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape", "F")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FilterDialog)
        languages = dialog.query_one("#lang", OptionList)
        ids = [languages.get_option_at_index(i).id for i in range(languages.option_count)]
        assert set(ids) >= {"fr", "en"}
        languages.highlighted = ids.index("fr")
        await pilot.press("enter", "ctrl+s")
        await settle(app, pilot)
        assert chips(app) == [("lang", "fr")]
        assert status(app) == "3 articles, newest first"
        app.screen.remove_filter(app.screen.query_one(SearchPane).chips[0])
        await settle(app, pilot)
        assert chips(app) == [] and status(app) == "5 articles, newest first"


@run_async
async def test_date_range_and_a_bad_date(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape", "f6")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#date-from", Input).value = "March 2024"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog, "a bad date keeps the dialog open"
        assert "not a date" in str(dialog.query_one("#problem").render())
        dialog.query_one("#date-from", Input).value = "2024-02"
        dialog.query_one("#date-to", Input).value = "2024-03"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert chips(app) == [("from", "2024-02"), ("to", "2024-03")]
        assert status(app) == "1 article, newest first"


@run_async
async def test_cancel_changes_nothing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("escape", "F")
        await pilot.pause()
        await pilot.press("escape")
        await settle(app, pilot)
        assert chips(app) == [] and status(app) == "5 articles, newest first"
