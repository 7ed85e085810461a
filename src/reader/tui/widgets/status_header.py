"""The header: corpus name, article count and the progress of background work."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from reader.tui.text import safe_line

PHASE_NAMES = {"text": "indexing", "entities": "entities", "search": "searching"}
#: What the text phase's steps are called in the header.
STEP_NAMES = {"indexing": "indexed"}


class StatusHeader(Static):
    """One line; progress of each phase shows until the phase reports it is done."""

    def __init__(self, corpus: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.corpus = corpus
        self.articles: int | None = None
        self.progress: dict[str, str] = {}

    def on_mount(self) -> None:
        self._redraw()

    def set_count(self, articles: int) -> None:
        self.articles = articles
        self._redraw()

    def set_progress(self, phase: str, done: int, total: int, label: str | None = None) -> None:
        """Show ``label`` (default: the phase's name) with done/total for ``phase``."""
        name = STEP_NAMES.get(label or "", label) or PHASE_NAMES.get(phase, phase)
        percent = f" ({100 * done // total}%)" if total else ""
        # "indexed 3,000 of 100,000 (3%)": the article count beside it is what is searchable
        self.progress[phase] = f"{name} {done:,} of {total:,}{percent}"
        self._redraw()

    def set_phase_message(self, phase: str, message: str) -> None:
        self.progress[phase] = message
        self._redraw()

    def clear_progress(self, phase: str) -> None:
        self.progress.pop(phase, None)
        self._redraw()

    def _redraw(self) -> None:
        pieces = [Content("reader").stylize("bold"), safe_line(self.corpus, 40)]
        if self.articles is not None:
            noun = "article" if self.articles == 1 else "articles"
            pieces.append(Content(f"{self.articles:,} {noun}"))
        pieces += [Content(text).stylize("italic") for text in self.progress.values()]
        self.update(Content(" · ").join(pieces))
