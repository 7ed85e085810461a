"""The list of search hits: title, date · language · source, and a highlighted snippet."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.keymap import bindings
from reader.tui.text import display_date, highlighted, safe_line

if TYPE_CHECKING:
    from reader.search import Hit

SUGGESTION_ID = "suggestion"
#: About two lines of the search pane.
SNIPPET_CHARS = 64


def hit_prompt(hit: Hit, hit_style: str) -> Content:
    """Three lines for one hit, built only from literal Content."""
    title = safe_line(hit.title or "(untitled)", 200).stylize("bold")
    details = [v for v in (display_date(hit.date), hit.lang, hit.source) if v]
    meta = safe_line(" · ".join(details) or "no date").stylize("dim")
    lines = [title, meta]
    snippet = highlighted(hit.snippet, hit_style, limit=SNIPPET_CHARS)
    if snippet.plain.strip():
        lines.append(snippet)
    return Content("\n").join(lines)


#: Moving to within this many hits of the end of those shown asks for the next page.
MORE_AHEAD = 8


class ResultsList(OptionList):
    """Posts ``ArticleChosen`` (Enter or click on a hit) or ``SuggestionChosen``, and
    ``MoreWanted`` when the highlight or the scrolling nears the end of the hits shown
    while the results hold more (the screen then adds the next page)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("reader.down", "reader.up")

    class ArticleChosen(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class SuggestionChosen(Message):
        def __init__(self, suggestion: str) -> None:
            super().__init__()
            self.suggestion = suggestion

    class MoreWanted(Message):
        """The user nears the end of the hits shown; ``offset`` is how many there are."""

        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suggestion: str | None = None
        self.total = 0  # hits the query has in all
        self.received = 0  # hits the engine gave so far (the next page starts there)
        self._shown_ids: set[str] = set()
        self._asked_at: int | None = None  # the offset a page was last asked for

    def show_hits(
        self, hits: list[Hit], suggestion: str | None, hit_style: str, total: int
    ) -> None:
        """Replace the list with the first page of a query's hits."""
        self.suggestion = suggestion
        self.total = total
        self.received = 0
        self._shown_ids = set()
        self._asked_at = None
        options: list[Option | None] = []
        if suggestion and not hits:
            prompt = Content.assemble("Did you mean: ", safe_line(suggestion).stylize("bold"), "?")
            options.append(Option(prompt, id=SUGGESTION_ID))
        options += self._hit_options(hits, hit_style)
        self.set_options(options)
        if options:
            self.highlighted = 0

    def add_hits(self, hits: list[Hit], hit_style: str) -> None:
        """Append the next page, keeping the highlight and the scroll position."""
        options = self._hit_options(hits, hit_style)
        if options and self.option_count:
            options.insert(0, None)
        self.add_options(options)
        self._asked_at = None
        self._want_more()

    def _hit_options(self, hits: list[Hit], hit_style: str) -> list[Option | None]:
        options: list[Option | None] = []
        self.received += len(hits)
        for hit in hits:
            if hit.id in self._shown_ids:  # one line per article, whatever the index returns
                continue
            self._shown_ids.add(hit.id)
            if options:
                options.append(None)
            options.append(Option(hit_prompt(hit, hit_style), id=f"article:{hit.id}"))
        return options

    # paging ------------------------------------------------------------------
    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._want_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._want_more()

    def _want_more(self) -> None:
        """Ask once per page for the next one when the user nears the end of the list."""
        if self.received >= self.total or self._asked_at == self.received:
            return
        near_end = (
            self.highlighted is not None and self.highlighted >= self.option_count - MORE_AHEAD
        )
        if near_end or self.scroll_y >= self.max_scroll_y - self.size.height:
            self._asked_at = self.received
            self.post_message(self.MoreWanted(self.received))

    def choose_highlighted(self) -> None:
        """Act on the highlighted option as Enter in the list would (nothing when empty).

        Run from this list's own message loop: a message made while another widget
        (the search pane) handles one counts that widget as its sender, and Textual
        stops its bubbling there, short of the screen.
        """
        self.call_later(self._choose_highlighted)

    def _choose_highlighted(self) -> None:
        if self.highlighted is not None:
            self._choose(self.get_option_at_index(self.highlighted).id or "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id or "")

    def _choose(self, option_id: str) -> None:
        if option_id == SUGGESTION_ID and self.suggestion:
            self.post_message(self.SuggestionChosen(self.suggestion))
        elif option_id.startswith("article:"):
            self.post_message(self.ArticleChosen(option_id.removeprefix("article:")))
