"""The dialog that restricts the search by language, source and date.

``FilterDialog(facets, current)`` lists the languages and sources of the
current results with their counts (the search's facets) and takes a date
range. It dismisses with a ``FilterChoice`` or None when cancelled; the main
screen turns the choice into removable chips above the results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.tui.text import one_line, safe_line

#: A full or partial ISO date: 2024, 2024-03 or 2024-03-01.
PARTIAL_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
ANY = "\x00any"


@dataclass(frozen=True)
class FilterChoice:
    """Language, source and date range chosen in the dialog (None: no restriction)."""

    lang: str | None = None
    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None


def _options(values: list[tuple[str, int]], chosen: str | None) -> list[Option]:
    options = [Option(Content("any"), id=ANY)]
    names = [name for name, _count in values]
    if chosen and chosen not in names:
        values = [(chosen, 0), *values]
    for name, count in values:
        label = Content.assemble(safe_line(name, 40), (f"  {count}", "dim"))
        options.append(Option(label, id=name))
    return options


class FilterDialog(ModalScreen[FilterChoice | None]):
    """Language, source and date restrictions for the search."""

    DEFAULT_CSS = """
    FilterDialog {
        align: center middle;
    }
    FilterDialog > #dialog {
        width: 72;
        max-width: 96%;
        height: auto;
        max-height: 96%;
        padding: 0 1;
        border: thick $primary;
        background: $surface;
    }
    FilterDialog #lists {
        height: auto;
    }
    FilterDialog #lists > Vertical {
        width: 1fr;
        height: auto;
    }
    FilterDialog OptionList {
        height: auto;
        max-height: 10;
    }
    FilterDialog #dates {
        height: auto;
    }
    FilterDialog #dates Input {
        width: 1fr;
    }
    FilterDialog #problem {
        color: $error;
        height: auto;
    }
    FilterDialog #buttons {
        height: auto;
        align-horizontal: right;
    }
    FilterDialog Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,f2", "apply", "Apply", id="reader.dialog_save", tooltip="Apply"),
        Binding("escape", "cancel", "Cancel", id="reader.dialog_cancel", tooltip="Cancel"),
    ]

    def __init__(self, facets: dict[str, list[tuple[str, int]]], current: FilterChoice) -> None:
        super().__init__()
        self.facets = facets
        self.current = current
        self.choice = {"lang": current.lang, "source": current.source}

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Filter the search")
            with Horizontal(id="lists"):
                for kind, title in (("lang", "Language"), ("source", "Source")):
                    with Vertical():
                        yield Label(title)
                        chosen = self.choice[kind]
                        yield OptionList(*_options(self.facets.get(kind, []), chosen), id=kind)
            yield Label("Dates (2024, 2024-03 or 2024-03-01)")
            with Horizontal(id="dates"):
                yield Input(self.current.date_from or "", placeholder="from", id="date-from")
                yield Input(self.current.date_to or "", placeholder="to", id="date-to")
            yield Label("", id="problem")
            with Horizontal(id="buttons"):
                yield Button("Apply (Ctrl+S / F2)", variant="primary", id="apply")
                yield Button("Cancel (Esc)", id="cancel")

    def on_mount(self) -> None:
        for kind in ("lang", "source"):
            options = self.query_one(f"#{kind}", OptionList)
            chosen = self.choice[kind]
            index = options.get_option_index(chosen) if chosen else 0
            options.highlighted = index
        self.query_one("#lang", OptionList).focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        kind = event.option_list.id or ""
        option_id = event.option.id
        self.choice[kind] = None if option_id == ANY else option_id

    @on(Button.Pressed, "#apply")
    def action_apply(self) -> None:
        dates = [self.query_one(f"#date-{end}", Input).value.strip() for end in ("from", "to")]
        bad = [value for value in dates if value and not PARTIAL_DATE.match(value)]
        if bad:
            shown = one_line(bad[0], 20)
            message = f"not a date: {shown}; write 2024, 2024-03 or 2024-03-01"
            self.query_one("#problem", Label).update(Content(message))
            return
        date_from, date_to = (value or None for value in dates)
        self.dismiss(FilterChoice(self.choice["lang"], self.choice["source"], date_from, date_to))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
