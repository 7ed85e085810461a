"""The reader application: thin. It sets up themes, keys and stores, then shows MainScreen.

Nothing heavy is imported here (no whoosh, no spaCy): the first paint never
waits for the index or a model; MainScreen's workers open them afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from reader.tui.commands import ReaderCommands
from reader.tui.keymap import apply_user_keymap, binding
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.themes import variable_defaults
from reader.userdata.config import DEFAULT_DEBOUNCE_MS

if TYPE_CHECKING:
    from reader.bookmarks.store import BookmarkStore
    from reader.indexing.library import Library
    from reader.userdata.config import Config
    from reader.userdata.history import QueryHistory

#: Used for the reader-* theme variables when a theme does not define them.
FALLBACK_VARIABLES = {
    "reader-hit": "#8a6d00",
    "reader-hit-current": "#b35900",
    "reader-boilerplate": "#808080",
    "reader-reason": "#c08040",
    "reader-damage": "#d04040",
    "reader-person": "#4ea1ff",
    "reader-org": "#c678dd",
    "reader-place": "#3fb950",
    "reader-bookmark": "#2f5f8f",
}


class ReaderApp(App[int]):
    """Owns the library, the query history and (lazily) the bookmark store."""

    #: The command palette (ctrl+p) offers every reader action of the screen.
    COMMANDS = App.COMMANDS | {ReaderCommands}
    CSS_PATH = Path(__file__).with_name("reader.tcss")  # absolute: subclasses live elsewhere
    TITLE = "reader"
    BINDINGS: ClassVar[list[BindingType]] = [
        binding("reader.help", description="Help"),
        binding("reader.quit"),
        binding("reader.change_theme"),
    ]

    def __init__(
        self,
        library: Library,
        *,
        history: QueryHistory | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.history = history
        self.config = config
        self._bookmark_store: BookmarkStore | None = None
        self.startup_problems: list[str] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """Values of the reader-* variables for themes that lack them (Textual's own)."""
        return {**FALLBACK_VARIABLES, **variable_defaults(self.current_theme)}

    def get_key_display(self, binding: Binding) -> str:
        """Quit shows every key that quits where the focus is: ``q ^q`` in the article
        or the lists, ``^q`` in a text field (which takes the q)."""
        display = super().get_key_display
        if binding.action != "quit":
            return display(binding)
        active = self.screen.active_bindings
        keys = [key for key, bound in active.items() if bound.binding.action == "quit"]
        shown = [display(replace(binding, key=key)) for key in keys]
        return " ".join(sorted(shown, key=len)) or display(binding)

    def on_mount(self) -> None:
        self._setup_themes_and_keys()
        debounce_ms = self.config.debounce_ms if self.config is not None else DEFAULT_DEBOUNCE_MS
        self.push_screen(MainScreen(self.library, self.history, debounce=debounce_ms / 1000))
        for problem in self.startup_problems:
            self.notify(problem, severity="warning", markup=False, timeout=8)

    def _setup_themes_and_keys(self) -> None:
        if self.config is None:
            return
        from reader.tui.themes import setup_themes

        self.startup_problems += setup_themes(self, self.config)
        self.startup_problems += apply_user_keymap(self, self.config)

    @property
    def bookmark_store(self) -> BookmarkStore:
        """The bookmarks database, opened on first use (on the interface thread)."""
        if self._bookmark_store is None:
            from reader.bookmarks.store import BookmarkStore

            self._bookmark_store = BookmarkStore()
        return self._bookmark_store

    async def action_quit(self) -> None:
        """Quit, keeping where the user was (query, article, reading position)."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen) and screen.resumed:
                screen.save_session()
        await super().action_quit()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def on_unmount(self) -> None:
        self.workers.cancel_all()
        if self._bookmark_store is not None:
            self._bookmark_store.close()


def create_app(
    paths: Sequence[Path], index_dir: Path | None = None, *, config: Config | None = None
) -> ReaderApp:
    """Build the app for a corpus (used by the CLI and the tests); opens nothing yet."""
    from reader.indexing.library import Library
    from reader.userdata.config import load_config
    from reader.userdata.history import QueryHistory

    problems: list[str] = []
    if config is None:
        config, problems = load_config()
    history = QueryHistory.load(limit=config.history_size)
    app = ReaderApp(Library(list(paths), index_dir=index_dir), history=history, config=config)
    app.startup_problems += problems
    if history.problem:
        app.startup_problems.append(history.problem)
    return app


def run_app(paths: Sequence[Path], index_dir: Path | None = None) -> int:
    """Run the interface until the user quits; returns the exit code."""
    app = create_app(paths, index_dir)
    try:
        app.run()
    finally:
        app.library.close()
    return app.return_code or 0
