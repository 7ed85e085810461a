"""What the main screen does when asked: open articles, filters, sidebar, bookmarks.

Split from ``main.py`` (which composes the screen and runs the workers) to
keep each module to one job. These methods run on the interface thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.screen import Screen
from textual.widgets import Input

from reader.tui.dialogs.filters import FilterChoice, FilterDialog
from reader.tui.theme_styles import entity_colours
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_sidebar import EntityRow, EntitySidebar
from reader.tui.widgets.search_pane import Chip, SearchPane

if TYPE_CHECKING:
    from reader.bookmarks import Bookmark
    from reader.corpus.models import Article, Quote
    from reader.indexing.library import Library
    from reader.search import Filters, SearchResults, SortOrder
    from reader.tui.app import ReaderApp

NARROW_WIDTH = 100
ENTITY_LABELS = ("PER", "ORG", "LOC")
#: Chip kinds that set one field of ``reader.search.Filters``.
SCALAR_FILTERS = {"lang": "lang", "source": "source", "from": "date_from", "to": "date_to"}


class MainActions(Screen[None]):
    """The base of ``MainScreen``, which sets these attributes and runs the searches."""

    library: Library
    filters: Filters | None
    positions: dict[str, int]
    query_text: str
    sidebar_wanted: bool
    last_results: SearchResults | None
    result_order: SortOrder

    @property
    def reader_app(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def start_search(self) -> None:
        """Run the current query again with the current filters (``MainScreen``'s worker)."""
        raise NotImplementedError

    def highlight_query(self) -> str:
        """The words to light up in an opened article (``MainScreen`` decides)."""
        return self.query_text

    # articles ----------------------------------------------------------------------
    def open_article(self, article_id: str) -> bool:
        view = self.query_one(ArticleView)
        self._remember_position()
        article = self.library.article(article_id)
        if article is None:
            self.notify("That article is no longer in the index.", severity="warning")
            return False
        words = self.highlight_query()
        hits = self.library.highlight_ranges(words, article) if words.strip() else []
        view.show_article(article, hits, self.positions.get(article.id))
        self._fill_sidebar(article)
        return True

    def _remember_position(self) -> None:
        view = self.query_one(ArticleView)
        if view.article is not None:
            position = view.reading_position()
            if position is not None:
                self.positions[view.article.id] = position

    def _fill_sidebar(self, article: Article) -> None:
        from reader.entities import group_entities

        sidebar = self.query_one(EntitySidebar)
        related = self.library.related(article.id)
        if article.entities is None:
            sidebar.show(article, None, related, self._entity_colours())
            return
        groups = group_entities(article.entities)
        corpus = self.library.entity_article_counts([group.key for group in groups])
        rows = [
            EntityRow(g.key, g.label, g.name, g.count, corpus.get(g.key))
            for g in groups
            if g.label in ENTITY_LABELS
        ]
        sidebar.show(article, rows, related, self._entity_colours())

    def _entity_colours(self) -> dict[str, str]:
        return entity_colours(self.app.theme_variables)

    # filters -----------------------------------------------------------------------
    def _chips(self) -> list[Chip]:
        if self.filters is None:
            return []
        chips = [Chip(label, name) for label, name in self.filters.entities]
        for kind, field in SCALAR_FILTERS.items():
            value = getattr(self.filters, field)
            if value:
                chips.append(Chip(kind, value))
        return chips

    def add_filter(self, chip: Chip) -> None:
        from reader.search import Filters

        filters = self.filters or Filters()
        if chip.kind in SCALAR_FILTERS:
            setattr(filters, SCALAR_FILTERS[chip.kind], chip.value)
        elif (chip.kind, chip.value) not in filters.entities:
            filters.entities.append((chip.kind, chip.value))
        self._set_filters(filters)

    def remove_filter(self, chip: Chip) -> None:
        filters = self.filters
        if filters is None:
            return
        if chip.kind in SCALAR_FILTERS:
            setattr(filters, SCALAR_FILTERS[chip.kind], None)
        else:
            gone = (chip.kind, chip.value)
            filters.entities = [pair for pair in filters.entities if pair != gone]
        self._set_filters(filters)

    def action_filters(self) -> None:
        """Ask for language, source and dates, offering the current results' facets."""
        from reader.search import Filters

        filters = self.filters or Filters()
        current = FilterChoice(filters.lang, filters.source, filters.date_from, filters.date_to)
        facets = self.last_results.facets if self.last_results is not None else {}

        def chosen(choice: FilterChoice | None) -> None:
            if choice is None:
                return
            updated = self.filters or Filters()
            for field in SCALAR_FILTERS.values():
                setattr(updated, field, getattr(choice, field))
            self._set_filters(updated)

        self.app.push_screen(FilterDialog(facets, current), chosen)

    def _set_filters(self, filters: Filters) -> None:
        self.filters = filters
        chips = self._chips()
        if not chips:
            self.filters = None
        self.query_one(SearchPane).set_chips(chips)
        self.start_search()

    # layout ------------------------------------------------------------------------
    def action_toggle_sidebar(self) -> None:
        column = self.query_one("#entity-sidebar")
        self.sidebar_wanted = not column.display
        column.display = self.sidebar_wanted
        if self.sidebar_wanted:
            self.query_one(EntitySidebar).focus()

    def _apply_sidebar(self) -> None:
        """Fold the sidebar away when narrow; it comes back with the toggle key."""
        sidebar = self.query_one("#entity-sidebar")
        narrow = self.size.width < NARROW_WIDTH
        if narrow and sidebar.display and not sidebar.has_focus_within:
            sidebar.display = False
        elif not narrow:
            sidebar.display = self.sidebar_wanted
        self.set_class(narrow, "-narrow")

    def action_focus_search(self) -> None:
        self.query_one(SearchPane).input.focus()

    def action_leave_input(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one(SearchPane).results.focus()

    # bookmarks ---------------------------------------------------------------------
    def sidebar_quote(self) -> Quote | None:
        """The quotation under the sidebar's highlight, when the sidebar has the focus."""
        sidebar = self.query_one(EntitySidebar)
        return sidebar.highlighted_quote() if sidebar.has_focus else None

    def action_bookmark(self) -> None:
        """Bookmark the selection (or paragraph), or the quotation chosen in the sidebar
        with who said it as the first line of its note."""
        view = self.query_one(ArticleView)
        said = self.sidebar_quote()
        selected = (said.start, said.end) if said is not None else view.selected_range()
        if view.article is None or selected is None:
            self.notify("Open an article and select a passage first.", severity="warning")
            return
        from reader.bookmarks.citation import speaker_note
        from reader.tui.dialogs.bookmark_edit import BookmarkEditDialog  # loads on first use

        article, (start, end) = view.article, selected
        quote = article.text[start:end]
        note, tags = (speaker_note(said), ["quote"]) if said is not None else ("", [])

        def save(answer: tuple[str, list[str]] | None) -> None:
            if answer is not None:
                note, tags = answer
                corpus = str(self.library.root)
                self.reader_app.bookmark_store.add(article, start, end, note, tags, corpus=corpus)
                self.notify("Bookmarked.", timeout=2)

        self.app.push_screen(BookmarkEditDialog(quote, note=note, tags=tags), save)

    def action_bookmarks(self) -> None:
        from reader.tui.screens.bookmarks import BookmarksScreen  # loads on first use

        store = self.reader_app.bookmark_store
        self.app.push_screen(BookmarksScreen(store, self.library), self.jump_to)

    def jump_to(self, bookmark: Bookmark | None) -> None:
        """Open a bookmark's article and highlight its passage (re-anchored)."""
        if bookmark is None or not self.open_article(bookmark.article_id):
            return
        view = self.query_one(ArticleView)
        anchor = self.reader_app.bookmark_store.resolve(bookmark, view.article)
        if anchor.orphaned:
            self.notify("The passage was not found in the article any more.", severity="warning")
            return
        view.show_passage(anchor.start, anchor.end)
        view.body.focus()

    def action_export_bookmarks(self) -> None:
        """Write every bookmark as Markdown into the user data folder."""
        from reader.bookmarks.export import default_export_path, render, write_export

        store = self.reader_app.bookmark_store
        bookmarks = store.list()
        anchors = {b.id: store.resolve(b, self.library.article(b.article_id)) for b in bookmarks}
        try:
            path = write_export(default_export_path("md"), render(bookmarks, "md", anchors))
        except OSError as error:
            self.notify(f"Export failed: {error}", severity="error", markup=False)
            return
        self.notify(f"{len(bookmarks)} bookmarks written to {path}", markup=False)
