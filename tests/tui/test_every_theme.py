"""Every theme the picker offers works on every screen, and a theme that cannot be drawn falls back.

A theme is only as good as the styles reader derives from it: the article's
highlights (hits, boilerplate, entities, passages) and the snippets' hit
colour. Textual's ANSI themes once froze, then crashed, the app on the
first article (an ``ansi_yellow`` variable handed to Rich).
"""

from __future__ import annotations

import pytest
from sample_articles import MemoryLibrary, run_async, sample_article

from reader.corpus.models import Quote
from reader.indexing.quoted import QuoteSource
from reader.tui.app import ReaderApp
from reader.tui.screens.quotes_by import QuotesByScreen
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.search_pane import SearchPane
from reader.userdata.config import DEFAULT_THEME, Config, load_config


async def _settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _visit_every_screen(app, pilot) -> None:
    """Results with snippets, an article with hits, boilerplate and an entity, then the
    help screen, the filters dialog, the bookmarks screen and a person's quotations."""
    pane = app.screen.query_one(SearchPane)
    pane.set_query("paris")
    await _settle(app, pilot)
    app.screen.open_article("a1")
    view = app.screen.query_one(ArticleView)
    view.set_boilerplate(True)
    view.highlight_entity("emmanuel macron")
    view.action_next_hit()
    await pilot.pause()
    for key in ("f1", "escape", "f6", "escape", "f8", "escape"):
        await pilot.press(key)
        await pilot.pause()
    article = view.article
    said = Quote(0, 9, article.text[:9], "Emmanuel Macron", "emmanuel macron", "said", False)
    app.push_screen(QuotesByScreen("Emmanuel Macron", [(QuoteSource.of(article), said)]))
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()


class RecordingApp(ReaderApp):
    """Keeps every notification's text, for the tests to read."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notified: list[str] = []

    def notify(self, message: str, *args, **kwargs) -> None:
        self.notified.append(message)
        super().notify(message, *args, **kwargs)


def _app() -> RecordingApp:
    library = MemoryLibrary([sample_article(), sample_article("a2")])
    return RecordingApp(library, config=Config(debounce_ms=0))


@run_async
async def test_every_theme_draws_every_screen() -> None:
    app = _app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        themes = sorted(app.available_themes)
        assert {"ansi-dark", "ansi-light", "reader-paper", "reader-dark"} <= set(themes)
        for name in themes:
            app.theme = name
            await _visit_every_screen(app, pilot)
            assert app.is_running, f"theme {name} stopped the app"
            assert app.theme == name, f"theme {name} fell back to {app.theme}"
            assert not app.notified, f"theme {name}: {app.notified}"


@pytest.mark.parametrize("name", ["ansi-dark", "ansi-light"])
@run_async
async def test_an_ansi_theme_is_saved_and_comes_back(name: str) -> None:
    app = _app()
    app.config = load_config()[0]
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        app.theme = name
        await _visit_every_screen(app, pilot)
    config, problems = load_config()
    assert config.theme == name and not problems
    again = ReaderApp(MemoryLibrary([sample_article()]), config=config)
    async with again.run_test(size=(100, 30)) as pilot:
        await _settle(again, pilot)
        assert again.theme == name
        await _visit_every_screen(again, pilot)
        assert again.is_running


@run_async
async def test_a_theme_that_cannot_be_drawn_falls_back_with_a_notification() -> None:
    from textual.theme import Theme

    app = _app()
    app.config = load_config()[0]
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(app, pilot)
        broken = Theme("broken", primary="#336699", variables={"reader-hit": "not-a-colour"})
        app.register_theme(broken)
        app.theme = "broken"
        await _settle(app, pilot)
        await _visit_every_screen(app, pilot)
        assert app.is_running and app.theme == DEFAULT_THEME
        assert any("'broken' cannot be drawn" in message for message in app.notified)
    assert load_config()[0].theme != "broken"  # the choice that failed is not saved
