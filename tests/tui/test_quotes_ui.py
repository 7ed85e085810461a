"""Quotations in the interface: the sidebar's Quotes section, marks in the article,
bookmarks and copies that say who spoke."""

from __future__ import annotations

import pytest
from sample_articles import MemoryLibrary, run_async, sample_article

from reader.corpus.models import Quote
from reader.tui.app import ReaderApp
from reader.tui.dialogs.bookmark_edit import BookmarkEditDialog
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_sidebar import EntitySidebar
from reader.userdata.config import Config

SAID = "the talks\nwent well"


def quoted_article():
    article = sample_article()
    start = article.text.index(SAID)
    article.quotes = [
        Quote(start, start + len(SAID), SAID, "Emmanuel Macron", "emmanuel macron", "said", True)
    ]
    return article


async def settle(app, pilot) -> None:
    for _ in range(2):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def _rows(sidebar: EntitySidebar) -> list[str]:
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


async def _on_the_quote(app, pilot) -> EntitySidebar:
    app.screen.open_article("a1")
    sidebar = app.screen.query_one(EntitySidebar)
    sidebar.focus()
    _highlight(sidebar, "quote:", "")
    await pilot.pause()
    return sidebar


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reader.tui.clipboard.copy_to_system_clipboard", lambda text: None)


@run_async
async def test_the_sidebar_lists_quotes_by_speaker_and_enter_selects_one_in_the_article() -> None:
    app = ReaderApp(MemoryLibrary([quoted_article()]), config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sidebar = await _on_the_quote(app, pilot)
        rows = _rows(sidebar)
        at = rows.index("Quotes (1)")
        assert rows[at + 1] == "Emmanuel Macron (1)"
        assert rows[at + 2] == "  «the talks went well» fragment"
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert app.focused is view.body
        assert view.selected_range() == (view.article.quotes[0].start, view.article.quotes[0].end)


@run_async
async def test_m_on_a_quote_bookmarks_it_with_who_said_it() -> None:
    app = ReaderApp(MemoryLibrary([quoted_article()]), config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await _on_the_quote(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, BookmarkEditDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        (bookmark,) = app.bookmark_store.list()
        assert bookmark.quote == SAID
        assert bookmark.note == "Said by Emmanuel Macron (said)" and bookmark.tags == ["quote"]


@run_async
async def test_c_on_a_quote_copies_it_with_the_speaker_and_the_citation() -> None:
    app = ReaderApp(MemoryLibrary([quoted_article()]), config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await _on_the_quote(app, pilot)
        await pilot.press("c")
        await pilot.pause()
        first, second = app.clipboard.splitlines()
        assert first == "“the talks went well”"
        assert second.startswith("— Emmanuel Macron, in: Ministers meet in Paris, test")


@run_async
async def test_an_article_without_quotes_says_so() -> None:
    article = sample_article()
    article.quotes = []
    app = ReaderApp(MemoryLibrary([article]), config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        rows = _rows(app.screen.query_one(EntitySidebar))
        assert rows[rows.index("Quotes (0)") + 1] == "  no direct quotation"


def _highlight(sidebar: EntitySidebar, prefix: str, text: str) -> None:
    """Put the sidebar's highlight on the first row whose id starts with ``prefix`` and
    whose words hold ``text``."""
    for index in range(sidebar.option_count):
        option = sidebar.get_option_at_index(index)
        if (option.id or "").startswith(prefix) and text in str(option.prompt):
            sidebar.highlighted = index
            return
    raise AssertionError(f"no {prefix} row with {text!r}")


@pytest.mark.slow
@run_async
async def test_q_on_a_person_lists_their_quotes_across_the_corpus_and_enter_reads_one(
    make_app,
) -> None:
    from reader.tui.screens.quotes_by import QuotesByScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        library = app.screen.library
        hit = library.search("Zuckerberg coréennes", limit=1).hits[0]
        app.screen.open_article(hit.id)
        sidebar = app.screen.query_one(EntitySidebar)
        sidebar.focus()
        _highlight(sidebar, "entity:", "Zuckerberg")
        await pilot.press("Q")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, QuotesByScreen)
        assert screen.speaker == "Mark Zuckerberg"
        assert len(screen.found) == 4 and len({source.id for source, _ in screen.found}) == 2
        assert all("Zuckerberg" in (quote.speaker or "") for _, quote in screen.found)
        source, quote = screen.found[-1]
        await pilot.press("end", "enter")
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.id == source.id
        assert view.selected_range() == (quote.start, quote.end)


@run_async
async def test_q_says_when_nobody_speaks_or_nothing_was_said_and_esc_closes_the_list() -> None:
    from reader.tui.screens.quotes_by import QuotesByScreen

    article = quoted_article()
    article.quotes.append(Quote(0, 10, article.text[:10], None, None, None, False))
    app = ReaderApp(MemoryLibrary([article]), config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        sidebar = app.screen.query_one(EntitySidebar)
        sidebar.focus()
        _highlight(sidebar, "quote:0", "")
        await pilot.press("Q")
        await settle(app, pilot)
        assert "Nobody is named" in str(list(app._notifications)[-1].message)
        _highlight(sidebar, "entity:", "Paris")
        await pilot.press("Q")
        await settle(app, pilot)
        assert "No quotation attributed to Paris in this corpus." in str(
            list(app._notifications)[-1].message
        )
        _highlight(sidebar, "quote:", "talks")
        await pilot.press("Q")
        await settle(app, pilot)
        assert isinstance(app.screen, QuotesByScreen) and len(app.screen.found) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuotesByScreen)
