"""The bookmarks screen: every bookmarked passage, filtered, opened, edited, deleted, exported.

``BookmarksScreen(store, library)`` dismisses with the ``Bookmark`` to open
(the main screen then opens its article and highlights the passage) or None.
Titles, quotes, tags and file names are untrusted and shown as ``Content``;
notes go through ``Markdown`` with ``open_links=False``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, ListItem, ListView, Markdown, Static

from reader.bookmarks import (
    UNKNOWN_CORPUS,
    Anchor,
    Bookmark,
    BookmarkStore,
    BookmarkStoreError,
    corpus_label,
    corpus_name,
    group_by_corpus,
    is_from_other_corpus,
)
from reader.corpus.textnorm import strip_controls
from reader.tui.dialogs.bookmark_edit import quote_preview
from reader.tui.keymap import bindings
from reader.tui.text import one_line

#: Beyond this many matches only the newest are listed (each note is a Markdown widget).
MAX_LISTED = 200
QUOTE_CHARS = 300


class CorpusHeading(ListItem):
    """The name of the corpus whose bookmarks follow (not a bookmark: cannot be chosen)."""

    def __init__(self, corpus: str, current: bool) -> None:
        super().__init__(disabled=True)
        self.corpus = corpus
        self.current = current

    def compose(self) -> ComposeResult:
        if self.corpus == UNKNOWN_CORPUS:
            text = "Corpus not recorded (bookmarked before reader kept it)"
        else:
            where = "this corpus" if self.current else "another corpus"
            text = f"{corpus_label(self.corpus)}, {where}"
        yield Label(Content(one_line(text, 120)).stylize("bold underline"))


class BookmarkItem(ListItem):
    """One bookmark in the list: title, corpus and date, quote, note, tags."""

    def __init__(self, bookmark: Bookmark, anchor: Anchor | None, elsewhere: bool = False) -> None:
        super().__init__(classes="orphaned" if anchor and anchor.orphaned else "")
        self.bookmark = bookmark
        self.passage = anchor  # not ``anchor``: that name is a Widget method
        self.elsewhere = elsewhere  # from another corpus than the open one

    @property
    def orphaned(self) -> bool:
        return self.passage is not None and self.passage.orphaned

    def compose(self) -> ComposeResult:
        yield Label(self._heading(), classes="heading")
        yield Static(quote_preview(self.bookmark.quote, QUOTE_CHARS), classes="quote")
        note = strip_controls(self.bookmark.note).strip()
        if note:
            yield Markdown(note, open_links=False, classes="note")
        if self.bookmark.tags:
            tags = "  ".join(f"#{one_line(tag)}" for tag in self.bookmark.tags)
            yield Label(Content(tags), classes="tags")

    def _heading(self) -> Content:
        bookmark = self.bookmark
        title = one_line(bookmark.article_title, 80) or one_line(bookmark.path, 80)
        date = bookmark.created[:16].replace("T", " ")
        parts = [Content(title).stylize("bold"), Content(f"  {date}  ")]
        where = corpus_name(bookmark.corpus)
        place = f"{where}: {bookmark.path}" if where else bookmark.path
        parts.append(Content(one_line(place, 60)).stylize("dim"))
        if self.orphaned:
            parts.append(Content("  ORPHANED: passage not found").stylize("bold reverse"))
        return Content("").join(parts)


class BookmarksScreen(Screen[Bookmark | None]):
    """List, filter, open, edit, delete and export bookmarks."""

    DEFAULT_CSS = """
    BookmarksScreen {
        layout: vertical;
    }
    BookmarksScreen #top {
        height: auto;
        padding: 0 1;
    }
    BookmarksScreen #caption {
        width: auto;
        padding: 1 1 0 0;
        color: $reader-bookmark;
        text-style: bold;
    }
    BookmarksScreen #filter {
        width: 1fr;
    }
    BookmarksScreen #bookmarks {
        height: 1fr;
    }
    BookmarksScreen BookmarkItem {
        height: auto;
        padding: 0 1 1 1;
        border-left: tall $reader-bookmark;
    }
    BookmarksScreen BookmarkItem.orphaned {
        border-left: tall $error;
    }
    BookmarksScreen BookmarkItem .quote {
        text-style: italic;
    }
    BookmarksScreen BookmarkItem .note {
        height: auto;
        margin: 0;
        padding: 0;
        background: transparent;
    }
    BookmarksScreen BookmarkItem .tags {
        color: $text-muted;
    }
    BookmarksScreen #empty {
        padding: 1 2;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = bindings(
        "reader.bookmark_open",
        "reader.bookmark_edit",
        "reader.bookmark_delete",
        "reader.bookmark_filter",
        "reader.bookmark_export",
        "reader.bookmark_copy",
        "reader.close",
    )

    def __init__(self, store: BookmarkStore, library: Any = None) -> None:
        """``library`` (a ``reader.indexing.library.Library``) lets the screen mark orphaned
        passages; without it bookmarks are listed as stored."""
        super().__init__()
        self.store = store
        self.library = library
        self.corpus = str(getattr(library, "root", "")) if library is not None else ""
        self.shown: list[Bookmark] = []
        self._articles: dict[str, Any] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label(Content("Bookmarks"), id="caption")
            yield Input(placeholder="Filter: words of quote, note, title or tags", id="filter")
        yield ListView(id="bookmarks")
        yield Static(Content(""), id="empty")
        yield Footer()

    @property
    def list_view(self) -> ListView:
        return self.query_one("#bookmarks", ListView)

    async def on_mount(self) -> None:
        for message in self.store.messages:
            self.notify(message, severity="warning", markup=False, timeout=10)
        self.store.messages.clear()
        await self.reload()
        self.list_view.focus()

    # listing -------------------------------------------------------------------
    async def reload(self, keep_id: int | None = None) -> None:
        """List the bookmarks matching the filter; keep the cursor on ``keep_id``."""
        filter_text = self.query_one("#filter", Input).value
        try:
            matches = self.store.list(filter_text=filter_text)
        except BookmarkStoreError as error:
            self.notify(str(error), severity="error", markup=False)
            matches = []
        groups = group_by_corpus(matches[:MAX_LISTED], self.corpus)
        self.shown = [bookmark for _corpus, members in groups for bookmark in members]
        view = self.list_view
        await view.clear()
        await view.extend(self._items(groups))
        if self.shown:
            wanted = keep_id if keep_id in {b.id for b in self.shown} else self.shown[0].id
            view.index = next(
                index
                for index, item in enumerate(view.children)
                if isinstance(item, BookmarkItem) and item.bookmark.id == wanted
            )
        self._describe(len(matches), filter_text)

    def _items(self, groups: list[tuple[str, list[Bookmark]]]) -> list[ListItem]:
        """A heading per corpus when there is more than the open one, then its bookmarks."""
        items: list[ListItem] = []
        headed = len(groups) > 1 or (groups and groups[0][0] != self.corpus)
        for corpus, members in groups:
            if headed:
                items.append(CorpusHeading(corpus, corpus == self.corpus))
            for bookmark in members:
                elsewhere = is_from_other_corpus(bookmark, self.corpus)
                items.append(BookmarkItem(bookmark, self._anchor(bookmark), elsewhere))
        return items

    def _describe(self, total: int, filter_text: str) -> None:
        empty = self.query_one("#empty", Static)
        if total == 0:
            text = (
                "No bookmark matches the filter."
                if filter_text.strip()
                else (
                    "No bookmarks yet. In an article, select a passage and press m to bookmark it."
                )
            )
        elif total > len(self.shown):
            text = f"{total} bookmarks match; the newest {len(self.shown)} are listed."
        else:
            text = ""
        empty.update(Content(text))
        empty.display = bool(text)

    def _anchor(self, bookmark: Bookmark) -> Anchor | None:
        """Where the passage is now in the open library; None when it cannot be looked
        for there (no library, or a bookmark of another corpus: not an orphan)."""
        if self.library is None or is_from_other_corpus(bookmark, self.corpus):
            return None
        if bookmark.article_id not in self._articles:
            try:
                self._articles[bookmark.article_id] = self.library.article(bookmark.article_id)
            except Exception:  # an index being rebuilt: list the bookmark as stored
                return None
        return self.store.resolve(bookmark, self._articles[bookmark.article_id])

    @on(Input.Changed, "#filter")
    async def filter_changed(self) -> None:
        await self.reload()

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        self.list_view.focus()

    @property
    def current(self) -> BookmarkItem | None:
        item = self.list_view.highlighted_child
        return item if isinstance(item, BookmarkItem) else None

    def _current_or_warn(self) -> BookmarkItem | None:
        item = self.current
        if item is None:
            self.notify("No bookmark selected.", severity="warning")
        return item

    # actions -------------------------------------------------------------------
    @on(ListView.Selected, "#bookmarks")
    def item_selected(self) -> None:
        self.action_bookmark_open()

    def action_bookmark_open(self) -> None:
        item = self._current_or_warn()
        if item is None:
            return
        if item.elsewhere:
            corpus = item.bookmark.corpus
            self.notify(
                f"This bookmark is in {corpus_name(corpus)}: open it with  reader {corpus}",
                severity="warning",
                markup=False,
            )
            return
        if item.orphaned and self._articles.get(item.bookmark.article_id) is None:
            self.notify(
                "This article is no longer in the corpus; the bookmark keeps its quote.",
                severity="warning",
            )
            return
        self.dismiss(item.bookmark)

    def action_bookmark_edit(self) -> None:
        from reader.tui.dialogs.bookmark_edit import BookmarkEditDialog

        item = self._current_or_warn()
        if item is None:
            return
        bookmark = item.bookmark

        async def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is None:
                return
            note, tags = answer
            try:
                self.store.update(bookmark.id, note=note, tags=tags)
            except BookmarkStoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify("Bookmark saved.", timeout=2)
            await self.reload(keep_id=bookmark.id)

        dialog = BookmarkEditDialog(bookmark.quote, note=bookmark.note, tags=bookmark.tags)
        self.app.push_screen(dialog, save)

    def action_bookmark_delete(self) -> None:
        from reader.tui.dialogs.confirm import ConfirmDialog

        item = self._current_or_warn()
        if item is None:
            return
        bookmark = item.bookmark
        neighbour = self._neighbour_id(bookmark.id)

        async def delete(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.store.delete(bookmark.id)
            except BookmarkStoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.notify("Bookmark deleted.", timeout=2)
            await self.reload(keep_id=neighbour)

        question = Content("Delete this bookmark?\n\n") + quote_preview(bookmark.quote, 200)
        self.app.push_screen(ConfirmDialog(question, confirm="Delete"), delete)

    def _neighbour_id(self, bookmark_id: int) -> int | None:
        ids = [b.id for b in self.shown]
        position = ids.index(bookmark_id)
        rest = ids[position + 1 :] or ids[:position][-1:]
        return rest[0] if rest else None

    def action_bookmark_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_bookmark_export(self) -> None:
        from reader.bookmarks.export import default_export_path
        from reader.tui.dialogs.export_bookmarks import ExportDialog

        if not self.shown:
            self.notify("No bookmarks to export.", severity="warning")
            return
        bookmarks = list(self.shown)
        dialog = ExportDialog(default_export_path("md"), len(bookmarks))
        self.app.push_screen(dialog, lambda path: self._export(bookmarks, path))

    def _export(self, bookmarks: list[Bookmark], path) -> None:
        from reader.bookmarks.export import format_for, render, write_export

        if path is None:
            return
        anchors = {b.id: a for b in bookmarks if (a := self._anchor(b)) is not None}
        try:
            written = write_export(path, render(bookmarks, format_for(path), anchors))
        except OSError as error:
            reason = error.strerror or str(error)
            self.notify(f"Export failed: {path}: {reason}", severity="error", markup=False)
            return
        plural = "" if len(bookmarks) == 1 else "s"
        self.notify(f"{len(bookmarks)} bookmark{plural} written to {written}", markup=False)

    def action_bookmark_copy(self) -> None:
        """The saved passage with its citation, to paste elsewhere."""
        from reader.bookmarks.citation import cite_bookmark
        from reader.tui.clipboard import copy_text

        item = self._current_or_warn()
        if item is None:
            return
        bookmark = item.bookmark
        article = None if item.elsewhere else self._articles.get(bookmark.article_id)
        how = copy_text(self.app, cite_bookmark(bookmark, article))
        self.notify(f"Passage copied with its citation, {how}.", markup=False, timeout=4)

    def action_close(self) -> None:
        self.dismiss(None)
