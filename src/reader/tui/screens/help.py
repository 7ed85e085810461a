"""The help screen (``?`` or F1): every key of the interface, with the user's remapping."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.keymap import help_rows

#: Keys that come with the widgets themselves (not remappable).
WIDGET_KEYS = (
    (
        "Search input",
        (
            ("↑ / ↓", "older / newer query from the history"),
            ("Enter", "run the query and go to the results"),
            ("Esc", "leave the input (then single-letter keys work)"),
        ),
    ),
    (
        "Selecting in the article",
        (
            ("Shift+arrows", "select text"),
            ("Shift+Home/End", "select to the start / end of the line"),
            ("F5 / F6 / F7", "select the word / line / everything"),
            ("mouse drag", "select with the mouse"),
            ("Ctrl+C", "copy the selection"),
        ),
    ),
    (
        "Moving around",
        (
            ("Tab / Shift+Tab", "next / previous pane"),
            ("Ctrl+P", "command palette: every action"),
        ),
    ),
)


def help_content(sections) -> Content:
    lines: list[Content] = []
    for title, entries in sections:
        lines.append(Content(title).stylize("bold underline"))
        for keys, description in entries:
            lines.append(Content.assemble((f"  {keys:<16}", "bold"), description))
        lines.append(Content(""))
    lines.append(Content("Esc, q, ? or F1 closes this screen.").stylize("dim"))
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """Lists the keys in effect; closes with Esc, q, ? or F1."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        reader_keys = [(keys, description) for keys, description, _ in help_rows(self.app, "main")]
        sections = [("Keys", reader_keys), *WIDGET_KEYS]
        with VerticalScroll(id="help-body"):
            yield Static(help_content(sections), id="help-text")

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
