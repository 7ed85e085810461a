"""The list of search hits: title, date · language · source, and a highlighted snippet."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.keymap import bindings
from reader.tui.text import display_date, highlighted, safe_line

SUGGESTION_ID = "suggestion"
#: About two lines of the search pane.
SNIPPET_CHARS = 64


def hit_prompt(hit, hit_style: str) -> Content:
    """Three lines for one hit, built only from literal Content."""
    title = safe_line(hit.title or "(untitled)", 200).stylize("bold")
    details = [v for v in (display_date(hit.date), hit.lang, hit.source) if v]
    meta = safe_line(" · ".join(details) or "no date").stylize("dim")
    lines = [title, meta]
    snippet = highlighted(hit.snippet, hit_style, limit=SNIPPET_CHARS)
    if snippet.plain.strip():
        lines.append(snippet)
    return Content("\n").join(lines)


class ResultsList(OptionList):
    """Posts ``ArticleChosen`` (Enter or click on a hit) or ``SuggestionChosen``."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("reader.down", "reader.up")

    class ArticleChosen(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class SuggestionChosen(Message):
        def __init__(self, suggestion: str) -> None:
            super().__init__()
            self.suggestion = suggestion

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.suggestion: str | None = None

    def show_hits(self, hits: list, suggestion: str | None, hit_style: str) -> None:
        self.suggestion = suggestion
        options: list[Option | None] = []
        if suggestion and not hits:
            prompt = Content.assemble("Did you mean: ", safe_line(suggestion).stylize("bold"), "?")
            options.append(Option(prompt, id=SUGGESTION_ID))
        seen: set[str] = set()
        for hit in hits:
            if hit.id in seen:  # one line per article, whatever the index returns
                continue
            seen.add(hit.id)
            options.append(Option(hit_prompt(hit, hit_style), id=f"article:{hit.id}"))
            options.append(None)
        if options and options[-1] is None:
            options.pop()
        self.set_options(options)
        if options:
            self.highlighted = 0

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
