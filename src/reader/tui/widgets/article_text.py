"""The article body: a read-only ``TextArea`` with our own range highlights.

Why a ``TextArea`` and not a ``Static`` of ``Content`` spans (TEXTUAL_NOTES.md
measured both): a bookmark starts from a *keyboard* selection, and a
read-only ``TextArea`` gives one for free (shift+arrows, shift+home/end, F5
word, F6 line, F7 all, mouse drag), with a cursor that marks "the paragraph
under the cursor" and remembers the reading position; its selection comes
back as document indexes, which ``ArticleDocument`` maps exactly to
``Article.text``. A ``Static`` would need a hand-written cursor and
selection model. It is also the faster of the two to re-highlight (about
75 ms against 120 ms on a 50,000-character article).

The price is two private internals, kept in this one class: ``_highlights``
(per line, columns counted in UTF-8 bytes) filled by our own
``_build_highlight_map``, and ``_set_theme`` to re-apply our
``TextAreaTheme`` when the app theme changes. ``textual`` is pinned, and the
Pilot and snapshot tests fail if an upgrade changes either.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from textual.document._document import Document
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

from reader.tui.theme_styles import layer_styles

THEME_NAME = "reader"

#: Highlight names, in the order they are painted (later ones win).
LAYERS = (
    "reason",
    "boilerplate",
    "damage",
    "entity-PER",
    "entity-ORG",
    "entity-LOC",
    "hit",
    "hit-current",
    "passage",
)


class ArticleText(TextArea):
    """Read-only, soft-wrapped article body with named range highlights."""

    def __init__(self, **kwargs) -> None:
        super().__init__(
            "",
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            **kwargs,
        )
        self._ranges: dict[str, list[tuple[int, int]]] = {}
        self.cursor_blink = False  # a steady cursor: calmer to read, deterministic snapshots

    def on_mount(self) -> None:
        self._apply_reader_theme()
        # The signal fires after refresh_css, when app.theme_variables are the new theme's.
        self.app.theme_changed_signal.subscribe(self, self._apply_reader_theme)

    def _apply_reader_theme(self, *_: object) -> None:
        styles = layer_styles(self.app.theme_variables)
        self.register_theme(TextAreaTheme(name=THEME_NAME, syntax_styles=styles))
        if self.theme == THEME_NAME:
            self._set_theme(THEME_NAME)
        else:
            self.theme = THEME_NAME
        self._line_cache.clear()
        self.refresh()

    def load_document(self, text: str) -> None:
        """Show new text with no highlights and the cursor at the top."""
        self._ranges = {}
        self.load_text(text)

    def set_ranges(self, name: str, ranges: Iterable[tuple[int, int]]) -> None:
        """Highlight document index ranges under ``name`` (one of ``LAYERS``)."""
        self._ranges[name] = [(start, end) for start, end in ranges if end > start]
        self._build_highlight_map()
        self.refresh()

    def clear_ranges(self) -> None:
        self._ranges.clear()
        self._build_highlight_map()
        self.refresh()

    def _build_highlight_map(self) -> None:
        """Fill TextArea's per-line highlight map from our ranges (replaces tree-sitter)."""
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        ranges = getattr(self, "_ranges", {})
        for name in LAYERS:
            for start, end in ranges.get(name, ()):
                self._add_range(name, start, end)

    @property
    def text_document(self) -> Document:
        """The document as what it is (a plain ``Document``: no syntax tree, no wrapping map)."""
        return cast(Document, self.document)

    def _add_range(self, name: str, start: int, end: int) -> None:
        document = self.text_document
        limit = len(document.text)
        start_row, start_col = document.get_location_from_index(min(start, limit))
        end_row, end_col = document.get_location_from_index(min(end, limit))
        for row in range(start_row, end_row + 1):
            line = document.get_line(row)
            first = start_col if row == start_row else 0
            last = end_col if row == end_row else len(line)
            if last <= first:
                continue
            byte_first = len(line[:first].encode("utf-8"))
            byte_last = len(line[:last].encode("utf-8"))
            self._highlights[row].append((byte_first, byte_last, name))

    def index_at_cursor(self) -> int:
        return self.text_document.get_index_from_location(self.cursor_location)

    def selected_indexes(self) -> tuple[int, int] | None:
        """The selection as sorted document indexes, or None when nothing is selected."""
        start, end = self.selection
        if start == end:
            return None
        first = self.text_document.get_index_from_location(start)
        second = self.text_document.get_index_from_location(end)
        return (min(first, second), max(first, second))

    def move_to_index(self, index: int, *, select_to: int | None = None) -> None:
        """Put the cursor at a document index (selecting up to ``select_to``) and centre it."""
        document = self.text_document
        location = document.get_location_from_index(min(index, len(document.text)))
        self.move_cursor(location)
        if select_to is not None:
            end = document.get_location_from_index(min(select_to, len(document.text)))
            self.move_cursor(end, select=True)
        self.scroll_cursor_visible(center=True, animate=False)
