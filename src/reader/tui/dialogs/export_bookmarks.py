"""Where to export the bookmarks: a path, prefilled with a new file in the data folder.

Dismisses with the chosen ``Path`` or None. The format follows the file's
extension (``.json`` for JSON, anything else Markdown).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label


class ExportDialog(ModalScreen[Path | None]):
    """Ask for the export file."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
    }
    ExportDialog > #dialog {
        width: 90;
        max-width: 96%;
        height: auto;
        padding: 0 1;
        border: thick $reader-bookmark;
        background: $surface;
    }
    ExportDialog #hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="reader.dialog_cancel", tooltip="Cancel"),
    ]

    def __init__(self, default: Path, count: int) -> None:
        super().__init__()
        self.default = default
        self.count = count

    def compose(self) -> ComposeResult:
        plural = "" if self.count == 1 else "s"
        with Vertical(id="dialog"):
            yield Label(Content(f"Export {self.count} bookmark{plural} to"))
            yield Input(str(self.default), id="path")
            yield Label(
                Content("Enter to export (.json for JSON, otherwise Markdown), Esc to cancel"),
                id="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if not value:
            self.notify("Type a file name.", severity="warning")
            return
        self.dismiss(Path(value).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)
