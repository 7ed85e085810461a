"""The bookmarks screen and its dialogs, driven with Pilot from a tiny app."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from textual.app import App
from textual.widgets import Input, Label, ListView, Markdown, Static, TextArea

from reader.bookmarks import BookmarkStore
from reader.corpus.models import Article
from reader.tui.app import FALLBACK_VARIABLES
from reader.tui.dialogs.bookmark_edit import BookmarkEditDialog
from reader.tui.dialogs.confirm import ConfirmDialog
from reader.tui.dialogs.export_bookmarks import ExportDialog
from reader.tui.screens.bookmarks import BookmarkItem, BookmarksScreen

HOSTILE_TITLE = "[@click=app.quit]x[/] \x1b]2;PWNED\x07title"
TEXT_A = (
    "Sommet de Bruxelles\n\n"
    "Les dirigeants européens se sont retrouvés jeudi à Bruxelles pour un sommet.\n\n"
    "The ministers said the talks would resume on Monday with new proposals."
)
TEXT_B = "Budget\n\nThe council approved the budget after a long debate on [link=file:///etc/passwd]x[/]."


def synchronously(test):
    """Run an async test with asyncio.run (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def article(article_id: str, text: str, title: str) -> Article:
    return Article(
        id=article_id, path=f"{article_id}.txt", text=text, title=title, lang="fr", blocks=[]
    )


class FakeLibrary:
    """The one method of ``reader.indexing.library.Library`` the screen uses."""

    def __init__(self, *articles: Article) -> None:
        self.articles = {a.id: a for a in articles}

    def article(self, article_id: str) -> Article | None:
        return self.articles.get(article_id)


class BookmarksApp(App[None]):
    """Pushes the screen (or a dialog) and records what it dismissed with."""

    def __init__(self, screen_factory) -> None:
        super().__init__()
        self.screen_factory = screen_factory
        self.results: list[object] = []
        self.opened_urls: list[str] = []

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened_urls.append(url)

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(FALLBACK_VARIABLES)

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory(), self.results.append)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def store(tmp_path: Path):
    ticks = iter(range(10, 60))
    with BookmarkStore(
        tmp_path / "bm.sqlite3", clock=lambda: f"2024-03-01T10:{next(ticks)}:00+00:00"
    ) as opened:
        yield opened


@pytest.fixture
def filled(store: BookmarkStore):
    a = article("a", TEXT_A, "Sommet de Bruxelles")
    b = article("b", TEXT_B, HOSTILE_TITLE)
    first = store.add(
        a,
        *span(TEXT_A, "un sommet"),
        note="**Key** point, see [site](https://example.org)",
        tags=["EU"],
    )
    second = store.add(
        b,
        *span(TEXT_B, "approved the budget"),
        note="[@click=app.quit]boom[/]",
        tags=["budget", "[b]x[/b]"],
    )
    third = store.add(a, *span(TEXT_A, "would resume on Monday"), tags=["talks"])
    # The passage of `third` is gone from the current article: it must show as orphaned.
    library = FakeLibrary(article("a", TEXT_A.replace(" would resume on Monday", ""), "Sommet"), b)
    return store, library, (first, second, third)


def items(app: App) -> list[BookmarkItem]:
    return list(app.screen.query(BookmarkItem))


@synchronously
async def test_list_shows_every_bookmark_with_orphaned_marked(filled) -> None:
    store, library, (first, second, third) = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = items(app)
        assert [i.bookmark.id for i in shown] == [third.id, second.id, first.id]
        assert [i.orphaned for i in shown] == [True, False, False]
        assert shown[0].has_class("orphaned")
        heading = str(shown[0].query_one(".heading", Label).content)
        assert "ORPHANED" in heading
        notes = list(app.screen.query(Markdown))
        assert len(notes) == 2
        for note in notes:  # open_links=False: a clicked link in a note opens nothing
            note.post_message(Markdown.LinkClicked(note, "https://example.org"))
        await pilot.pause()
        assert app.opened_urls == []
        quote = shown[2].query_one(".quote", Static).content
        assert str(quote) == "“un sommet”"
        assert str(shown[1].query_one(".tags", Label).content) == "#budget  #[b]x[/b]"


@synchronously
async def test_untrusted_text_is_shown_literally_and_runs_nothing(filled) -> None:
    store, library, _ = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hostile = items(app)[1]
        heading = str(hostile.query_one(".heading", Label).content)
        assert heading.startswith("[@click=app.quit]x[/] title")
        assert "\x1b" not in heading and "PWNED" not in heading
        svg = app.export_screenshot()
        svg = svg.replace("&#160;", " ")
        assert "[@click=app.quit]boom[/]" in svg and "[@click=app.quit]x[/] title" in svg
        assert "#[b]x[/b]" in svg
        assert str(hostile.query_one(Markdown).source) == "[@click=app.quit]boom[/]"
        await pilot.click(hostile.query_one(".heading", Label), offset=(2, 0))
        await pilot.pause()
        assert app.is_running  # the click opened the bookmark, it ran no action
        assert [result.id for result in app.results] == [hostile.bookmark.id]


@synchronously
async def test_filter_narrows_the_list(filled) -> None:
    store, library, (first, _, _) = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"key point")
        await pilot.pause()
        assert [i.bookmark.id for i in items(app)] == [first.id]
        await pilot.press(*" nothing")
        await pilot.pause()
        assert items(app) == []
        assert app.screen.query_one("#empty", Static).display


@synchronously
async def test_open_dismisses_with_the_bookmark(filled) -> None:
    store, library, (first, _, _) = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, ListView)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.results == [first]


@synchronously
async def test_escape_dismisses_with_none(filled) -> None:
    store, library, _ = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


@synchronously
async def test_edit_note_and_tags(filled) -> None:
    store, library, (first, _, _) = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, BookmarkEditDialog)
        assert dialog.query_one("#note", TextArea).text == first.note
        dialog.query_one("#note", TextArea).text = ""
        await pilot.press(*"new *note*")
        await pilot.press("tab")
        assert app.focused is dialog.query_one("#tags", Input)
        dialog.query_one("#tags", Input).value = ""
        await pilot.press(*"one, two", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        saved = store.get(first.id)
        assert saved is not None and (saved.note, saved.tags) == ("new *note*", ["one", "two"])
        current = app.screen.current
        assert current is not None and current.bookmark.id == first.id
        assert current.bookmark.note == "new *note*"


@synchronously
async def test_delete_asks_first(filled) -> None:
    store, library, (first, second, third) = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # Cancel has the focus: Enter never deletes
        await pilot.pause()
        assert store.get(second.id) is not None
        await pilot.press("d", "y")
        await pilot.pause()
        assert store.get(second.id) is None
        assert [i.bookmark.id for i in items(app)] == [third.id, first.id]
        current = app.screen.current
        assert current is not None and current.bookmark.id == first.id


@synchronously
async def test_export_to_a_typed_path(filled, tmp_path: Path) -> None:
    store, library, _ = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    target = tmp_path / "exports" / "mine.md"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith(".md") and "exports" in path_input.value
        path_input.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any(str(target) in message for message in notes)
    tokens = MarkdownIt("commonmark").parse(target.read_text(encoding="utf-8"))
    assert sum(t.type == "blockquote_open" for t in tokens) == 3
    assert "orphaned" in target.read_text(encoding="utf-8")


@synchronously
async def test_export_to_the_data_folder_by_default(filled, isolated_dirs: Path) -> None:
    store, library, _ = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
    written = list((isolated_dirs / "data" / "exports").glob("bookmarks-*.md"))
    assert len(written) == 1


@synchronously
async def test_export_failure_is_shown(filled, tmp_path: Path) -> None:
    store, library, _ = filled
    blocker = tmp_path / "file"
    blocker.write_text("x")
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(blocker / "x.md")
        await pilot.press("enter")
        await pilot.pause()
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "Export failed" in errors[0].message


@synchronously
async def test_empty_store_says_how_to_bookmark(store: BookmarkStore) -> None:
    app = BookmarksApp(lambda: BookmarksScreen(store, FakeLibrary()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        empty = app.screen.query_one("#empty", Static)
        assert empty.display and "No bookmarks yet" in str(empty.content)
        await pilot.press("enter", "e", "d")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)


@synchronously
async def test_bindings_have_ids_and_show_in_the_footer(store: BookmarkStore) -> None:
    app = BookmarksApp(lambda: BookmarksScreen(store))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        ids = {binding.id for binding in BookmarksScreen.BINDINGS}
        assert {
            "reader.bookmark_open",
            "reader.bookmark_edit",
            "reader.bookmark_delete",
            "reader.bookmark_export",
            "reader.bookmark_filter",
            "reader.close",
        } <= ids
        footer = {str(key.description) for key in app.screen.query("FooterKey")}
        assert {"Open the bookmarked passage", "Delete the bookmark", "Export bookmarks"} <= footer


@synchronously
async def test_edit_dialog_new_bookmark_and_cancel() -> None:
    app = BookmarksApp(lambda: BookmarkEditDialog("a [b]quote[/b]\x1b[2J"))
    async with app.run_test(size=(80, 24)) as pilot:
        quote = str(app.screen.query_one("#quote", Static).content)
        assert quote == "“a [b]quote[/b]”"
        await pilot.press(*"a note")
        await pilot.press("tab", *"x, y ,x", "enter")
        await pilot.pause()
        assert app.results == [("a note", ["x", "y"])]
    app = BookmarksApp(lambda: BookmarkEditDialog("q", note="n", tags=["t"]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


@synchronously
async def test_confirm_dialog_answers() -> None:
    for keys, expected in ((("y",), True), (("n",), False), (("escape",), False)):
        app = BookmarksApp(lambda: ConfirmDialog("[@click=app.quit]Sure?[/]"))
        async with app.run_test(size=(80, 24)) as pilot:
            assert (
                str(app.screen.query_one("#question", Static).content)
                == "[@click=app.quit]Sure?[/]"
            )
            await pilot.press(*keys)
            await pilot.pause()
            assert app.results == [expected]


@synchronously
async def test_corrupt_database_notice_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "bm.sqlite3"
    path.write_bytes(b"not a database" * 200)
    with BookmarkStore(path) as store:
        app = BookmarksApp(lambda: BookmarksScreen(store))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            warnings = [n.message for n in app._notifications if n.severity == "warning"]
            assert any("moved to" in message for message in warnings)


@synchronously
async def test_main_screen_bookmark_flow_end_to_end() -> None:
    """Through the main screen (UI-MAIN's integration): select, bookmark, list, open."""
    sample_articles = pytest.importorskip("sample_articles")
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.article_view import ArticleView
    from reader.userdata.config import Config

    library = sample_articles.MemoryLibrary([sample_articles.sample_article()])
    app = ReaderApp(library, config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.screen.open_article("a1")
        view = app.screen.query_one(ArticleView)
        view.body.focus()
        view.body.move_cursor((2, 4))  # no selection: the paragraph under the cursor
        start, end = view.selected_range()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, BookmarkEditDialog)
        await pilot.press(*"met *in Paris*", "tab", *"paris", "ctrl+s")
        await pilot.pause()
        (saved,) = app.bookmark_store.list()
        assert (saved.start, saved.end, saved.note, saved.tags) == (
            start,
            end,
            "met *in Paris*",
            ["paris"],
        )
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        assert [item.bookmark.id for item in items(app)] == [saved.id]
        assert not items(app)[0].orphaned
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ArticleView).passage == (start, end)


@synchronously
async def test_bookmarks_of_other_corpora_are_grouped_under_their_corpus_not_orphaned(tmp_path):
    here, there = "/corpora/seeds", "/corpora/wires"
    store = BookmarkStore(tmp_path / "bookmarks.sqlite3")
    first = article("a1", TEXT_A, "Sommet de Bruxelles")
    other = article("w9", "Wire\n\nShares rose 3% in early trading on Monday.", "Wire")
    start = TEXT_A.index("Les dirigeants")
    store.add(first, start, start + 30, "", [], corpus=here)
    store.add(other, 6, 30, "", [], corpus=there)
    store.add(first, start, start + 10, "", [], corpus="")  # from before corpora were kept
    library = FakeLibrary(first)
    library.root = Path(here)  # type: ignore[attr-defined]
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        rows = []
        for item in screen.query_one(ListView).children:
            label = str(item.query_one(Label).render())
            rows.append(("heading", label) if not isinstance(item, BookmarkItem) else label)
        assert rows[0] == ("heading", f"seeds ({here}), this corpus")
        assert rows[2] == ("heading", f"wires ({there}), another corpus")
        assert rows[4][0] == "heading" and "not recorded" in rows[4][1]
        items = list(screen.query(BookmarkItem))
        assert [item.bookmark.corpus for item in items] == [here, there, ""]
        assert not any(item.orphaned for item in items)
        assert "wires: w9.txt" in rows[3]
        screen.query_one(ListView).index = 3  # the other corpus's bookmark
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == []  # not opened here: it says which corpus holds it
    store.close()


@synchronously
async def test_c_copies_a_bookmark_with_its_citation(filled, monkeypatch) -> None:
    monkeypatch.setattr("reader.tui.clipboard.copy_to_system_clipboard", lambda text: None)
    store, library, _ = filled
    app = BookmarksApp(lambda: BookmarksScreen(store, library))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        bookmark = app.screen.current.bookmark
        first, second = app.clipboard.splitlines()
        assert first == f"“{bookmark.quote}”" and second.startswith("— ")
        assert bookmark.path in second
