"""The main screen's searches: a query (or "more like this") run in a worker, page by page.

Each search gets a sequence number; results of an older one are dropped even
if its worker was not cancelled in time. The first page replaces the list,
later pages (asked for as the user scrolls near the end) are added to it, in
a worker group of their own so that typing never waits for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.worker import get_current_worker

from reader.tui.screens.main_reading import ReadingActions
from reader.tui.theme_styles import hit_style
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.results_list import ResultsList
from reader.tui.widgets.search_pane import SearchPane

if TYPE_CHECKING:
    from reader.search import Filters, SearchResults, SortOrder

#: Hits asked for at once; scrolling near the end of the list asks for the next page.
PAGE_SIZE = 50


@dataclass(frozen=True)
class LikeSource:
    """A text to find the articles like: an open article, or a passage selected in it."""

    text: str
    lang: str
    exclude_id: str  # the article it comes from
    label: str  # what the status line calls it


@dataclass(frozen=True)
class PageRequest:
    """How a page of results is asked for: a query, or a text to find articles like."""

    query: str
    filters: Filters | None
    sort: SortOrder
    like: LikeSource | None = None


class SearchActions(ReadingActions):
    """The base of ``MainScreen`` that runs searches (needs ``ready`` and ``search_seq``)."""

    ready: bool
    search_seq: int
    like: LikeSource | None

    def start_search(self) -> None:
        if not self.ready:
            return
        self.search_seq += 1
        self.run_search(self.search_seq, self._request(), 0)

    def _request(self) -> PageRequest:
        """The query, filters and order of the results (no query: newest first)."""
        sort: SortOrder = self.result_order if self.query_text.strip() else "date"
        return PageRequest(self.query_text, self.filters, sort, self.like)

    def highlight_query(self) -> str:
        """What to light up in an opened article: the query, or the telling words of a
        "more like this" list."""
        if self.like is not None and self.last_results is not None:
            return self.last_results.query
        return self.query_text

    @work(thread=True, exclusive=True, group="search", name="search")
    def run_search(self, seq: int, request: PageRequest, offset: int) -> None:
        self._fetch_page(seq, request, offset)

    @work(thread=True, exclusive=True, group="more", name="more")
    def run_more(self, seq: int, request: PageRequest, offset: int) -> None:
        """The next page, in a group of its own: it never cancels the search being typed."""
        self._fetch_page(seq, request, offset)

    def _fetch_page(self, seq: int, request: PageRequest, offset: int) -> None:
        """In a worker: a page of results (``offset`` 0: a new search) for search ``seq``."""
        worker = get_current_worker()
        if worker.is_cancelled or seq != self.search_seq:
            return
        results = self._page(request, offset)
        if not worker.is_cancelled and seq == self.search_seq:
            show = self._show_results if offset == 0 else self._show_more
            self.app.call_from_thread(show, seq, results)

    def _page(self, request: PageRequest, offset: int) -> SearchResults:
        like = request.like
        if like is None:
            return self.library.search(
                request.query,
                filters=request.filters,
                sort=request.sort,
                limit=PAGE_SIZE,
                offset=offset,
                dates=offset == 0,
            )
        return self.library.more_like(
            like.text,
            lang=like.lang,
            exclude_id=like.exclude_id,
            filters=request.filters,
            limit=PAGE_SIZE,
            offset=offset,
        )

    def _show_results(self, seq: int, results: SearchResults) -> None:
        if seq != self.search_seq:
            return
        style = hit_style(self.app.theme_variables)
        about = f"like {self.like.label}" if self.like is not None else None
        self.query_one(SearchPane).show_results(results, style, about=about)
        self.last_results = results

    def _show_more(self, seq: int, results: SearchResults) -> None:
        if seq == self.search_seq:
            self.query_one(SearchPane).show_more(results, hit_style(self.app.theme_variables))

    @on(ResultsList.MoreWanted)
    def _more_wanted(self, event: ResultsList.MoreWanted) -> None:
        if self.ready and self.last_results is not None:
            self.run_more(self.search_seq, self._request(), event.offset)

    def action_toggle_sort(self) -> None:
        """Results of a query by relevance, or newest first."""
        if not self.query_text.strip() or self.like is not None:
            self.notify("These results have one order only.", timeout=3)
            return
        self.result_order = "date" if self.result_order == "rank" else "rank"
        self.start_search()

    def action_more_like(self) -> None:
        """The articles most like the open one, or like the passage selected in it."""
        view = self.query_one(ArticleView)
        article = view.article
        if article is None:
            return
        selected = view.body.selected_indexes()
        passage = view.document.range_to_text(*selected) if selected is not None else None
        if passage is not None:
            start, end = passage
            text, label = article.text[start:end], "the selected passage"
        else:
            text, label = f"{article.title}\n\n{article.clean_text}", f"«{article.title}»"
        self.like = LikeSource(text, article.lang, article.id, label)
        self.start_search()
        self.query_one(SearchPane).results.focus()
