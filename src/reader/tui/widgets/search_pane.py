"""The search pane: query input, filter chips, status line and the results list.

Typing searches at once (leading edge) when no search is running: the pane
posts ``QueryChanged`` and the screen runs the search in a worker, handing
the results back with ``show_results``. Keys typed while a search runs are
coalesced: when its results come back, the newest text is sent (or after
``debounce`` seconds at most, should results never come). So one search at a
time runs, the last keystroke waits for at most one search before its own,
and a 150 ms trailing debounce no longer sits between a key and its results.
Up and Down in the input walk the query history (``reader.userdata.history``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Input, Static

from reader.tui.text import safe_line
from reader.tui.widgets.results_list import ResultsList
from reader.tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from reader.search import SearchResults
    from reader.userdata.history import QueryHistory


def results_status(results: SearchResults, about: str | None = None) -> str:
    """``1,234 articles match, best first``: how many, and in which order; ``about`` says
    what a list that no typed query made is of (``like «title»``)."""
    noun = "article" if results.total == 1 else "articles"
    order = "newest first" if results.order == "date" else "best first"
    if about is not None:
        return f"{results.total:,} {noun} {about}, {order}"
    if not results.query.strip():
        return f"{results.total:,} {noun}, {order}"
    if results.passage:
        verb = "shares words" if results.total == 1 else "share words"
        return f"{results.total:,} {noun} {verb} with the passage, {order}"
    verb = "matches" if results.total == 1 else "match"
    return f"{results.total:,} {noun} {verb}, {order}"


#: The longest typed text waits for a running search before it is sent anyway
#: (``debounce_ms`` in the config file's ``[search]`` table).
DEBOUNCE_SECONDS = 0.15


@dataclass(frozen=True)
class Chip:
    """An active filter: ``kind`` is PER/ORG/LOC, ``lang``, ``source``, ``from`` or ``to``."""

    kind: str
    value: str

    @property
    def label(self) -> Content:
        return Content.assemble(f"{self.kind}: ", safe_line(self.value, 24), " ✕")


class HistoryInput(Input):
    """The query input; Up and Down ask the pane for older and newer queries."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history_older", "Older query", show=False),
        Binding("down", "history_newer", "Newer query", show=False),
    ]

    class Recall(Message):
        def __init__(self, older: bool) -> None:
            super().__init__()
            self.older = older

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "/" and not self.value and self._slash_focuses_search():
            # "/" is the key that focuses the search (footer, placeholder): pressed here,
            # it must not start the query with a slash.
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def _slash_focuses_search(self) -> bool:
        active = self.screen.active_bindings.get("slash")
        return active is not None and active.binding.action.endswith("focus_search")

    def action_history_older(self) -> None:
        self.post_message(self.Recall(older=True))

    def action_history_newer(self) -> None:
        self.post_message(self.Recall(older=False))


class SearchPane(Vertical):
    """Search as you type; shows hits, hit count, suggestion, errors and filters."""

    class QueryChanged(Message):
        """The query text changed (sent at once, or when the running search ends)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class FilterRemoved(Message):
        def __init__(self, chip: Chip) -> None:
            super().__init__()
            self.chip = chip

    def __init__(
        self,
        history: QueryHistory | None = None,
        debounce: float = DEBOUNCE_SECONDS,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.history = history
        self.debounce = debounce
        self._cursor = history.cursor() if history is not None else None
        self._timer: Timer | None = None
        self._searching = False  # a query this pane sent has no results yet
        self._open_when_shown = False  # Enter was pressed before the results of its text came
        self._recalling = False
        self.chips: list[Chip] = []

    def compose(self) -> ComposeResult:
        yield HistoryInput(placeholder="Search…  (/ to focus)", id="search-input")
        yield Horizontal(id="search-chips")
        yield Static(Content("Indexing…"), id="search-status")
        yield Timeline(id="search-timeline")
        yield ResultsList(id="search-results")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def results(self) -> ResultsList:
        return self.query_one(ResultsList)

    # typing -----------------------------------------------------------------
    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._cursor is not None and not self._recalling:
            self._cursor.reset()
        self._recalling = False
        if not self._searching or self.debounce <= 0:
            self._send()
        elif self._timer is None:  # coalesce: the newest text goes when results arrive
            self._timer = self.set_timer(self.debounce, self._send)

    def _send(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._searching = True
        self.post_message(self.QueryChanged(self.input.value))

    def _results_arrived(self) -> None:
        self._searching = False
        if self._timer is not None:  # keys were typed meanwhile
            self._send()
        elif self._open_when_shown:
            self._open_when_shown = False
            self.results.choose_highlighted()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter opens the highlighted result of the text typed (the first one unless the
        user moved), as soon as that text's results are shown."""
        event.stop()
        self.remember(event.value)
        if self._searching or self._timer is not None:
            self._open_when_shown = True
        else:
            self.results.choose_highlighted()

    def remember(self, query: str) -> None:
        """Add a query that was actually used to the persistent history."""
        if self.history is None or not query.strip():
            return
        self.history.add(query)
        if self._cursor is not None:
            self._cursor.reset(self.history.entries)

    @on(HistoryInput.Recall)
    def _recall(self, event: HistoryInput.Recall) -> None:
        event.stop()
        if self._cursor is None:
            return
        text = self._cursor.older(self.input.value) if event.older else self._cursor.newer()
        if text is not None:
            self._recalling = True
            self.input.value = text
            self.input.cursor_position = len(text)

    def start_typing(self, character: str) -> None:
        """A new query that starts with ``character``, typed while another pane had the
        focus; the next keys go on with it (the box does not select its text this time)."""
        box = self.input
        box.select_on_focus = False
        box.value = character
        box.cursor_position = len(character)
        box.focus()
        self.call_after_refresh(setattr, box, "select_on_focus", True)

    def set_query(self, query: str) -> None:
        """Replace the query text (e.g. with a did-you-mean suggestion)."""
        self.input.value = query
        self.input.cursor_position = len(query)

    # showing ------------------------------------------------------------------
    def set_status(self, message: Content | str) -> None:
        content = message if isinstance(message, Content) else Content(message)
        self.query_one("#search-status", Static).update(content)

    def show_results(
        self, results: SearchResults, hit_style: str, about: str | None = None
    ) -> None:
        """Show a ``reader.search.SearchResults`` (then send text typed meanwhile)."""
        try:
            self._show(results, hit_style, about)
        finally:
            self._results_arrived()

    def _show(self, results: SearchResults, hit_style: str, about: str | None) -> None:
        if results.error:
            self.set_status(Content.assemble(("Query error: ", "bold"), safe_line(results.error)))
            self.results.show_hits([], None, hit_style, total=0)
            self.query_one(Timeline).show({})
            return
        self.set_status(Content(results_status(results, about)))
        self.query_one(Timeline).show(results.dates)
        self.results.show_hits(results.hits, results.suggestion, hit_style, total=results.total)

    def show_more(self, results: SearchResults, hit_style: str) -> None:
        """Add the next page of the results shown (scrolling reached their end)."""
        if not results.error:
            self.results.add_hits(results.hits, hit_style)

    def set_chips(self, chips: list[Chip]) -> None:
        self.chips = list(chips)
        row = self.query_one("#search-chips", Horizontal)
        row.remove_children()
        row.mount_all(
            Button(chip.label, classes="chip", compact=True, name=str(index))
            for index, chip in enumerate(self.chips)
        )
        row.display = bool(self.chips)

    @on(Button.Pressed, ".chip")
    def _chip_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        index = int(event.button.name or 0)
        if index < len(self.chips):
            self.post_message(self.FilterRemoved(self.chips[index]))
