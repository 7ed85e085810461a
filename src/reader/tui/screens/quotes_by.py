"""A person's quotations across the corpus, newest article first.

``QuotesByScreen(name, found)`` lists what ``Library.quotes_by`` found: each
row the article's date and title, then the quotation with its cue. It
dismisses with the chosen ``QuoteJump`` (the main screen opens the article
and selects the quotation there) or None. Titles and quotations are untrusted
and shown as ``Content``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, OptionList
from textual.widgets.option_list import Option

from reader.corpus.models import Quote
from reader.indexing.quoted import QuoteSource
from reader.tui.text import display_date, one_line, safe_line

#: Characters of a quotation shown in its row (the article shows it whole).
QUOTE_CHARS = 280


@dataclass(frozen=True)
class QuoteJump:
    """Where a chosen quotation is: its article and its span in the article's text."""

    article_id: str
    start: int
    end: int


class QuotesByScreen(ModalScreen[QuoteJump | None]):
    """Pick one of a person's quotations to read it in its article."""

    DEFAULT_CSS = """
    QuotesByScreen {
        align: center middle;
    }
    QuotesByScreen > #quotes-dialog {
        width: 100;
        max-width: 95%;
        height: 90%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    QuotesByScreen #quotes-caption {
        width: 100%;
        padding: 0 0 1 0;
        text-style: bold;
    }
    QuotesByScreen #quotes-found {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Back", id="reader.quotes_by_close"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, name: str, found: list[tuple[QuoteSource, Quote]]) -> None:
        super().__init__()
        self.speaker = name
        self.found = found

    def compose(self) -> ComposeResult:
        with Vertical(id="quotes-dialog"):
            yield Label(self._caption(), id="quotes-caption")
            yield OptionList(*self._options(), id="quotes-found")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _caption(self) -> Content:
        count = len(self.found)
        plural = "quotation" if count == 1 else "quotations"
        return Content.assemble(
            f"{count} {plural} of ",
            safe_line(self.speaker, 60).stylize("italic"),
            ", newest article first. Enter reads one in its article.",
        )

    def _options(self) -> list[Option]:
        return [
            Option(quote_row(source, quote), id=str(index))
            for index, (source, quote) in enumerate(self.found)
        ]

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        source, quote = self.found[int(event.option.id or 0)]
        self.dismiss(QuoteJump(source.id, quote.start, quote.end))


def quote_row(source: QuoteSource, quote: Quote) -> Content:
    """Two lines and a gap: date and title, then «quotation» with its cue as written."""
    date = display_date(source.date) or "undated"
    heading = Content.assemble(
        (date, "dim"), "  ", safe_line(source.title or source.path, 80).stylize("bold")
    )
    words = Content.assemble("«", Content(one_line(quote.text, QUOTE_CHARS)), "»")
    details = [quote.cue and f"  {one_line(quote.cue, 30)}", quote.partial and "  fragment"]
    tail = Content("".join(part for part in details if part)).stylize("dim")
    return Content.assemble(heading, "\n  ", words, tail, "\n")
