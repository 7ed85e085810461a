"""A yes/no question as a modal screen; dismisses with True (confirmed) or False."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that cannot be undone. Cancel has the focus, so a
    stray Enter never confirms."""

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > #dialog {
        width: 64;
        max-width: 90%;
        height: auto;
        padding: 1 2;
        border: thick $error;
        background: $surface;
    }
    ConfirmDialog #question {
        margin-bottom: 1;
    }
    ConfirmDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    ConfirmDialog Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="reader.confirm_yes"),
        Binding("n,escape", "answer(False)", "No", id="reader.confirm_no"),
    ]

    def __init__(
        self, question: str | Content, *, confirm: str = "Delete", cancel: str = "Cancel"
    ) -> None:
        super().__init__()
        # A plain str is shown literally: it may quote untrusted text.
        self.question = question if isinstance(question, Content) else Content(question)
        self.confirm_label = confirm
        self.cancel_label = cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.question, id="question")
            with Horizontal(id="buttons"):
                yield Button(Content(f"{self.confirm_label} (y)"), variant="error", id="confirm")
                yield Button(Content(f"{self.cancel_label} (n)"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
