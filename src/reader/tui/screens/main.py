"""The main screen: composes the panes, routes their messages, runs the workers.

Background work, in order: the text phase (``Library.sync``) in a thread
worker, then the entity phase (``Library.index_entities`` with
``ENTITY_WORKERS`` spaCy processes at a lower priority than the interface, so
typing stays responsive while they fill the cores; resumable, so quitting
early loses nothing), and searches (one thread worker per query, exclusive in the
"search" group). Every worker checks ``is_cancelled`` before touching the
interface, and search results carry a sequence number: results of an older
query are dropped even if its worker was not cancelled in time.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from reader.indexing.library import Library, LibraryError
from reader.indexing.procs import ENTITY_WORKERS
from reader.tui.keymap import binding
from reader.tui.screens.main_actions import NARROW_WIDTH
from reader.tui.screens.main_search import SearchActions
from reader.tui.text import one_line
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_sidebar import EntitySidebar
from reader.tui.widgets.results_list import ResultsList
from reader.tui.widgets.search_pane import DEBOUNCE_SECONDS, Chip, SearchPane
from reader.tui.widgets.status_header import StatusHeader
from reader.tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from textual.timer import Timer

    from reader.corpus.models import Quote
    from reader.indexing.quoted import QuoteSource
    from reader.indexing.sync import SyncReport
    from reader.search import SortOrder
    from reader.tui.screens.quotes_by import QuoteJump
    from reader.userdata.history import QueryHistory


#: While the text phase lands segments, results are refreshed at most this often.
RESEARCH_SECONDS = 2.0

#: Quotations of one person listed at most (newest articles first).
QUOTES_LISTED = 300


class MainScreen(SearchActions):
    """Search pane, article pane and entity sidebar under a status header."""

    # The article's keys live here, not on the article pane: they work from the lists and
    # the sidebar too (a letter no key takes there starts a search instead).
    # Quit comes early (the app binds it too): the footer keeps it at 80 columns.
    BINDINGS: ClassVar[list[BindingType]] = [
        binding("reader.quit"),
        binding("reader.next_hit", description="Next hit"),
        binding("reader.prev_hit", description="Prev hit"),
        binding("reader.toggle_boilerplate", description="Boilerplate"),
        binding("reader.focus_search"),
        binding("reader.toggle_sidebar", description="Entities"),
        binding("reader.filters", description="Filters"),
        binding("reader.bookmark", description="Bookmark"),
        binding("reader.bookmarks", description="Bookmarks"),
        binding("reader.export_bookmarks", description="Export"),
        binding("reader.toggle_sort", description="Sort"),
        binding("reader.copy_quote", description="Copy quote"),
        binding("reader.open_pager", description="Pager"),
        binding("reader.open_editor", description="Editor"),
        binding("reader.more_like", description="Like this"),
        Binding("escape", "leave_input", "Leave the search input", show=False),
    ]

    def __init__(
        self,
        library: Library,
        history: QueryHistory | None = None,
        *,
        debounce: float = DEBOUNCE_SECONDS,
    ) -> None:
        super().__init__()
        self.library = library
        self.history = history
        self.debounce = debounce
        self.ready = False
        self.query_text = ""
        self.search_seq = 0
        self.filters = None
        self.positions = {}
        self.sidebar_wanted = True
        self.last_results = None
        self.resumed = False  # the last session of this corpus was brought back
        self.like = None  # what a "more like this" list is of, while one is shown
        self.result_order: SortOrder = "rank"  # of a query's results (no query: newest first)
        self.landed_at = 0.0  # when results were last refreshed as the text phase went on
        self.late_research: Timer | None = None  # a refresh due once RESEARCH_SECONDS are up

    def compose(self) -> ComposeResult:
        yield StatusHeader(self.library.name, id="status-header")
        with Horizontal(id="panes"):
            yield SearchPane(self.history, self.debounce, id="search-pane")
            yield ArticleView(id="article-pane")
            with Vertical(id="entity-sidebar"):
                yield EntitySidebar(id="entity-list")
                yield Timeline(id="entity-timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(SearchPane).input.focus()
        self.query_one(EntitySidebar).show(None, None, [])
        self.app.theme_changed_signal.subscribe(self, self._recolour)
        self.run_sync(quick=True)

    def _recolour(self, _theme) -> None:
        """Hits and entity colours come from theme variables: redraw them."""
        view = self.query_one(ArticleView)
        if view.article is not None:
            self._fill_sidebar(view.article)
        if self.last_results is not None:
            self._show_results(self.search_seq, self.last_results)

    def on_resize(self) -> None:
        self._apply_sidebar()

    def on_key(self, event: events.Key) -> None:
        """A character typed where no key takes it (the article, the lists) starts a new
        search: it goes to the search box, as find-as-you-type does in a browser."""
        if not event.is_printable or event.character is None:
            return
        if isinstance(self.focused, Input) or event.key in self.active_bindings:
            return
        event.stop()
        event.prevent_default()
        self.query_one(SearchPane).start_typing(event.character)

    # text phase --------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="sync", name="sync")
    def run_sync(self, quick: bool = False) -> None:
        """The text phase. ``quick`` at start: an unchanged corpus (by its folders' times)
        is searchable at once, and the whole check follows in the background."""
        worker = get_current_worker()
        header = self.query_one(StatusHeader)

        def progress(phase: str, done: int, total: int) -> None:
            if worker.is_cancelled:
                return
            self.app.call_from_thread(header.set_progress, "text", done, total, phase)
            if phase == "indexing" and done > 0:  # a segment has landed: it is searchable
                searchable = self.library.stats()["articles"]  # here: never waits in the UI
                self.app.call_from_thread(self._segment_landed, searchable)

        message = "opening index…" if not self.ready else "checking for changed files…"
        self.app.call_from_thread(header.set_phase_message, "text", message)
        try:
            self.library.open()
            cancelled = lambda: worker.is_cancelled  # noqa: E731
            report = self.library.sync(progress, cancelled, quick=quick)
            stats = self.library.stats()
        except (LibraryError, TimeoutError) as error:  # unwritable folder, full disk, lock held
            if not worker.is_cancelled:
                self.app.call_from_thread(self._open_failed, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._synced, report, stats)

    def _segment_landed(self, searchable: int) -> None:
        """Part of the corpus became searchable while the text phase goes on: search it now,
        and again as more lands, at most every ``RESEARCH_SECONDS`` (the last landing is
        searched too, once that time is up: the next may be a minute away)."""
        self.query_one(StatusHeader).set_count(searchable)
        if not self.ready:
            self.ready = True
            self._research_landed()
            return
        wait = RESEARCH_SECONDS - (time.monotonic() - self.landed_at)
        if wait > 0:
            if self.late_research is None:
                self.late_research = self.set_timer(wait, self._research_landed)
            return
        self._research_landed()

    def _research_landed(self) -> None:
        """Search what has landed, unless the user walks the results (that would move
        them): then look again later."""
        self.late_research = None
        if self.query_one(SearchPane).results.has_focus:
            self.late_research = self.set_timer(RESEARCH_SECONDS, self._research_landed)
            return
        self.landed_at = time.monotonic()
        self.start_search()

    def _open_failed(self, message: str) -> None:
        self.query_one(StatusHeader).set_phase_message("text", "cannot open the index")
        self.notify(
            message, title="Cannot open the index", severity="error", timeout=60, markup=False
        )

    def _synced(self, report: SyncReport, stats: dict[str, int]) -> None:
        header = self.query_one(StatusHeader)
        header.clear_progress("text")
        header.set_count(stats["articles"])
        self.ready = True
        if self.late_research is not None:  # searched below, with everything
            self.late_research.stop()
            self.late_research = None
        problems = [*report.messages, *(skipped.message() for skipped in report.skipped)]
        if problems:
            shown = "\n".join(problems[:5])
            more = f"\n…and {len(problems) - 5} more" if len(problems) > 5 else ""
            self.notify(shown + more, title="Indexing", severity="warning", markup=False)
        empty = self.library.empty_message(report)
        if empty:  # say what was looked for, and where
            self.query_one(SearchPane).set_status(empty)
            self.notify(empty, title="No articles", severity="warning", markup=False, timeout=15)
            return
        if not self.resumed:
            self.resumed = True
            self.resume_session()
        self.start_search()
        if report.quick:  # searchable now; every file's time is looked at meanwhile
            self.run_sync(quick=False)
        elif stats.get("pending_entities"):
            self.run_entities()

    # entity phase ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="entities", name="entities")
    def run_entities(self) -> None:
        worker = get_current_worker()
        header = self.query_one(StatusHeader)

        def progress(phase: str, done: int, total: int) -> None:
            if not worker.is_cancelled:
                self.app.call_from_thread(header.set_progress, "entities", done, total)

        self.app.call_from_thread(header.set_phase_message, "entities", "entities: loading model…")
        try:
            cancelled = lambda: worker.is_cancelled  # noqa: E731
            # in worker processes: spaCy in this process would hold the GIL the
            # interface needs and load hundreds of MB of models into it
            self.library.index_entities(
                progress, n_process=ENTITY_WORKERS, isolated=True, cancelled=cancelled
            )
        except Exception as error:  # missing model, broken install: reading still works
            if not worker.is_cancelled:
                self.app.call_from_thread(self._entities_failed, str(error))
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._entities_done)

    def _entities_failed(self, message: str) -> None:
        self.query_one(StatusHeader).set_phase_message("entities", "entities unavailable")
        self.notify(message, title="Entity extraction failed", severity="error", markup=False)

    def _entities_done(self) -> None:
        self.query_one(StatusHeader).clear_progress("entities")
        view = self.query_one(ArticleView)
        fresh = self.library.article(view.article.id) if view.article is not None else None
        if fresh is not None:
            view.update_entities(fresh.entities, fresh.quotes)
            self._fill_sidebar(fresh)
        self.start_search()

    # search ------------------------------------------------------------------------
    @on(SearchPane.QueryChanged)
    def _query_changed(self, event: SearchPane.QueryChanged) -> None:
        self.query_text = event.query
        self.like = None  # typing ends a "more like this" list
        self.start_search()

    @on(ResultsList.SuggestionChosen)
    def _suggestion(self, event: ResultsList.SuggestionChosen) -> None:
        self.query_one(SearchPane).set_query(event.suggestion)

    @on(SearchPane.FilterRemoved)
    def _filter_removed(self, event: SearchPane.FilterRemoved) -> None:
        self.remove_filter(event.chip)

    # choosing articles ------------------------------------------------------------
    @on(ResultsList.ArticleChosen)
    def _article_chosen(self, event: ResultsList.ArticleChosen) -> None:
        self.query_one(SearchPane).remember(self.query_text)
        if self.open_article(event.article_id):
            self.save_session()
        self.query_one(ArticleView).body.focus()

    @on(EntitySidebar.RelatedChosen)
    def _related_chosen(self, event: EntitySidebar.RelatedChosen) -> None:
        self.open_article(event.article_id)

    @on(EntitySidebar.QuoteChosen)
    def _quote_chosen(self, event: EntitySidebar.QuoteChosen) -> None:
        view = self.query_one(ArticleView)
        view.select_passage(event.quote.start, event.quote.end)

    @on(EntitySidebar.StrippedBlockChosen)
    def _stripped_chosen(self, event: EntitySidebar.StrippedBlockChosen) -> None:
        self.query_one(ArticleView).show_stripped(event.start)

    @on(EntitySidebar.EntityHighlighted)
    def _entity_highlighted(self, event: EntitySidebar.EntityHighlighted) -> None:
        self.query_one(ArticleView).highlight_entity(event.key)

    @on(EntitySidebar.EntityFocused)
    def _entity_focused(self, event: EntitySidebar.EntityFocused) -> None:
        timeline = self.query_one("#entity-timeline", Timeline)
        if event.label is None or not self.ready:
            timeline.show({})
            return
        self.run_entity_dates(event.label, event.name)

    @work(thread=True, exclusive=True, group="entity-dates", name="entity-dates")
    def run_entity_dates(self, label: str, name: str) -> None:
        """When the articles naming an entity are dated (its timeline in the sidebar)."""
        from reader.search import Filters

        worker = get_current_worker()
        entity = Filters(entities=[(label, name)])
        results = self.library.search("", filters=entity, limit=1, dates=True)
        if not worker.is_cancelled:
            title = f"{name}, in the corpus"
            timeline = self.query_one("#entity-timeline", Timeline)
            self.app.call_from_thread(timeline.show, results.dates, title)

    @on(EntitySidebar.QuotesWanted)
    def _quotes_wanted(self, event: EntitySidebar.QuotesWanted) -> None:
        if self.ready:
            self.run_quotes_by(event.name)

    @work(thread=True, exclusive=True, group="quotes-by", name="quotes-by")
    def run_quotes_by(self, name: str) -> None:
        """A person's quotations across the corpus (``Q`` in the sidebar), in a list."""
        worker = get_current_worker()
        found = self.library.quotes_by(name, limit=QUOTES_LISTED)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_quotes_by, name, found)

    def _show_quotes_by(self, name: str, found: list[tuple[QuoteSource, Quote]]) -> None:
        from reader.tui.screens.quotes_by import QuotesByScreen  # loads on first use

        if not found:
            pending = self.library.pending_entities()
            later = f" yet ({pending:,} articles still to read for entities)" if pending else ""
            self.notify(
                f"No quotation attributed to {one_line(name, 60)} in this corpus{later}.",
                markup=False,
                timeout=5,
            )
            return
        self.app.push_screen(QuotesByScreen(name, found), self._jump_to_quote)

    def _jump_to_quote(self, jump: QuoteJump | None) -> None:
        if jump is not None and self.open_article(jump.article_id):
            self.query_one(ArticleView).select_passage(jump.start, jump.end)
            self.save_session()

    @on(EntitySidebar.EntityChosen)
    def _entity_chosen(self, event: EntitySidebar.EntityChosen) -> None:
        self.add_filter(Chip(event.label, event.name))


__all__ = ["NARROW_WIDTH", "MainScreen"]
