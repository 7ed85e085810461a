"""The dialog that takes a bookmark's note (Markdown) and tags.

``BookmarkEditDialog(quote, note="", tags=[])`` dismisses with ``(note, tags)``
or None when cancelled. It serves both the new bookmark (from the main
screen) and editing one (from the bookmarks screen).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from reader.bookmarks.store import parse_tags
from reader.corpus.textnorm import strip_controls

QUOTE_PREVIEW_CHARS = 400


def quote_preview(quote: str, limit: int = QUOTE_PREVIEW_CHARS) -> Content:
    """The quote as literal text on few lines, shortened in the middle when long."""
    text = " ".join(strip_controls(quote).split())
    if len(text) > limit:
        half = limit // 2
        text = f"{text[:half].rstrip()} … {text[-half:].lstrip()}"
    return Content(f"“{text}”")


class BookmarkEditDialog(ModalScreen[tuple[str, list[str]] | None]):
    """Note and tags of a bookmark."""

    DEFAULT_CSS = """
    BookmarkEditDialog {
        align: center middle;
    }
    BookmarkEditDialog > #dialog {
        width: 90;
        max-width: 96%;
        height: auto;
        max-height: 96%;
        padding: 0 1;
        border: thick $reader-bookmark;
        background: $surface;
    }
    BookmarkEditDialog #quote {
        max-height: 6;
        color: $text-muted;
        text-style: italic;
        margin-bottom: 1;
    }
    BookmarkEditDialog #note {
        height: 8;
    }
    BookmarkEditDialog #buttons {
        height: auto;
        align-horizontal: right;
        margin-top: 1;
    }
    BookmarkEditDialog Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,f2", "save", "Save", id="reader.dialog_save", tooltip="Save"),
        Binding("escape", "cancel", "Cancel", id="reader.dialog_cancel", tooltip="Cancel"),
    ]

    def __init__(self, quote: str, note: str = "", tags: Sequence[str] = ()) -> None:
        super().__init__()
        self.quote = quote
        self.initial_note = note
        self.initial_tags = list(tags)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(Content("Bookmark"), id="title")
            yield Static(quote_preview(self.quote), id="quote")
            yield Label(Content("Note (Markdown, optional)"))
            yield TextArea(
                self.initial_note,
                id="note",
                soft_wrap=True,
                tab_behavior="focus",
                show_line_numbers=False,
            )
            yield Label(Content("Tags (separated by commas)"))
            yield Input(", ".join(self.initial_tags), id="tags", placeholder="e.g. energy, EU")
            with Horizontal(id="buttons"):
                yield Button(Content("Save (Ctrl+S / F2)"), variant="primary", id="save")
                yield Button(Content("Cancel (Esc)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        note = strip_controls(self.query_one("#note", TextArea).text).strip()
        tags = parse_tags(strip_controls(self.query_one("#tags", Input).value))
        self.dismiss((note, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)
