"""The open article: copy with citation, pager and editor, a resumed session, an empty folder."""

from __future__ import annotations

import contextlib
import subprocess

import pytest
from sample_articles import MemoryLibrary, run_async, sample_article

from reader.tui.app import ReaderApp
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.search_pane import SearchPane
from reader.userdata.config import Config


@pytest.fixture(autouse=True)
def no_system_clipboard(monkeypatch: pytest.MonkeyPatch) -> None:
    """No clipboard program is reachable: copying goes through the terminal (OSC 52)."""
    for variable in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("PATH", "/nonexistent")


class RecordingApp(ReaderApp):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.notified: list[str] = []

    def notify(self, message: str, *args, **kwargs) -> None:
        self.notified.append(message)
        super().notify(message, *args, **kwargs)


def make_app(*articles) -> RecordingApp:
    library = MemoryLibrary(list(articles) or [sample_article(), sample_article("a2")])
    return RecordingApp(library, config=Config(debounce_ms=0))


async def settle(app, pilot) -> None:
    for _ in range(2):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


@run_async
async def test_c_copies_the_paragraph_under_the_cursor_with_its_citation() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        view = app.screen.query_one(ArticleView)
        view.body.focus()
        await pilot.press("c")
        await pilot.pause()
        copied = app.clipboard
        assert copied.startswith("“The ministers met in Paris on Monday")
        assert "— Ministers meet in Paris, test, 4 Mar 2024 (/corpus/a1.txt)" in copied
        assert any("OSC 52" in message for message in app.notified)


@run_async
async def test_a_selection_is_copied_verbatim_with_its_citation() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        view = app.screen.query_one(ArticleView)
        view.body.focus()
        text = view.article.text
        start = text.index("Emmanuel Macron")
        shown_start = view.document.display_of(start)
        view.body.move_to_index(shown_start, select_to=shown_start + len("Emmanuel Macron said"))
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.splitlines()[0] == "“Emmanuel Macron said”"


@run_async
async def test_o_hands_the_terminal_to_the_pager_on_the_articles_file(monkeypatch) -> None:
    ran: list[list[str]] = []
    monkeypatch.setenv("PAGER", "mypager --raw")
    monkeypatch.setattr("reader.system.launch.shutil.which", lambda name, **_: f"/bin/{name}")
    monkeypatch.setattr(subprocess, "run", lambda command, **_: ran.append(command))
    app = make_app()
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        app.screen.query_one(ArticleView).body.focus()
        await pilot.press("o")
        await pilot.pause()
    assert ran == [["/bin/mypager", "--raw", "/corpus/a1.txt"]]


@run_async
async def test_quitting_and_coming_back_resumes_query_article_and_position() -> None:
    article = sample_article()
    position = article.text.index("Emmanuel Macron")
    first = make_app(article, sample_article("a2"))
    async with first.run_test(size=(120, 40)) as pilot:
        await settle(first, pilot)
        pane = first.screen.query_one(SearchPane)
        pane.set_query("paris")
        await settle(first, pilot)
        await pilot.press("enter")
        await settle(first, pilot)
        view = first.screen.query_one(ArticleView)
        view.body.move_to_index(view.document.display_of(position))
        view.body.focus()
        await pilot.press("q")
        await pilot.pause()
    second = make_app(sample_article(), sample_article("a2"))
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(second, pilot)
        pane = second.screen.query_one(SearchPane)
        view = second.screen.query_one(ArticleView)
        assert pane.input.value == "paris"
        assert view.article is not None and view.article.id == "a1"
        assert view.reading_position() == position
        assert view.hits  # the query's hits are highlighted again


@run_async
async def test_an_empty_folder_says_what_was_looked_for_and_where() -> None:
    app = make_app()
    app.library.articles.clear()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        status = str(app.screen.query_one("#search-status").render())
        assert status.startswith("no articles in /corpus/memory: looked for .txt, .md")
        assert any("looked for" in message for message in app.notified)


@run_async
async def test_a_bookmark_records_its_corpus() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.open_article("a1")
        app.screen.query_one(ArticleView).body.focus()
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        (bookmark,) = app.bookmark_store.list()
        assert bookmark.corpus == "/corpus/memory"
