"""What the main screen does with the article being read: copy a passage with its
citation, hand the file to the user's pager or editor, and keep the session (query,
article, reading position) that a restart brings back.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from textual.app import SuspendNotSupported

from reader.tui.screens.main_actions import MainActions
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.search_pane import SearchPane

#: Actions that need an open article.
ARTICLE_ACTIONS = frozenset(
    {
        "next_hit",
        "prev_hit",
        "toggle_boilerplate",
        "copy_quote",
        "open_pager",
        "open_editor",
        "more_like",
    }
)


class ReadingActions(MainActions):
    """The base of ``MainScreen`` for the open article; needs ``run_sync`` from it."""

    def run_sync(self) -> object:
        """Bring the index in line with the files again (``MainScreen``'s worker)."""
        raise NotImplementedError

    # the article's own keys ---------------------------------------------------
    def action_next_hit(self) -> None:
        self.query_one(ArticleView).action_next_hit()

    def action_prev_hit(self) -> None:
        self.query_one(ArticleView).action_prev_hit()

    def action_toggle_boilerplate(self) -> None:
        self.query_one(ArticleView).action_toggle_boilerplate()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The article's keys are shown dimmed until an article is open."""
        if action not in ARTICLE_ACTIONS:
            return True
        views = self.query(ArticleView)  # none yet while the screen is being composed
        return True if views and views.first().article is not None else None

    # copying -------------------------------------------------------------------
    def action_copy_quote(self) -> None:
        """The selection, or the paragraph under the cursor, with the article's citation."""
        from reader.bookmarks.citation import cite_quote, cite_selection
        from reader.tui.clipboard import copy_text

        view = self.query_one(ArticleView)
        said = self.sidebar_quote()
        selected = view.selected_range()
        if view.article is None or selected is None:
            self.notify("Open an article and select a passage first.", severity="warning")
            return
        try:
            if said is not None:
                text = cite_quote(view.article, said)
            else:
                text = cite_selection(view.article, *selected)
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        how = copy_text(self.app, text)
        self.notify(f"Quote copied with its citation, {how}.", markup=False, timeout=4)

    # other programs ------------------------------------------------------------
    def action_open_pager(self) -> None:
        from reader.system.launch import pager_command

        self._open_externally(pager_command, may_change=False)

    def action_open_editor(self) -> None:
        from reader.system.launch import editor_command

        self._open_externally(editor_command, may_change=True)

    def _open_externally(self, command_for: Callable[[Path], list[str]], may_change: bool) -> None:
        """Give the terminal to another program on the article's file; after an editor,
        index the corpus again so that an edited file is read anew."""
        from reader.system.launch import LaunchError

        view = self.query_one(ArticleView)
        if view.article is None:
            self.notify("Open an article first.", severity="warning")
            return
        try:
            command = command_for(Path(self.library.root) / view.article.path)
        except LaunchError as error:
            self.notify(str(error), severity="error", markup=False, timeout=10)
            return
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify("This terminal cannot be handed to another program.", severity="error")
            return
        except OSError as error:
            self.notify(f"{command[0]}: {error.strerror or error}", severity="error", markup=False)
            return
        if may_change:
            self.run_sync()

    # the session ---------------------------------------------------------------
    def save_session(self) -> None:
        """Keep the query, the open article and the place in it, for the next start."""
        from reader.userdata.session import Session, save_session

        view = self.query_one(ArticleView)
        self._remember_position()
        article_id = view.article.id if view.article is not None else None
        position = self.positions.get(article_id, 0) if article_id else 0
        session = Session(self.query_text, article_id, position, self.result_order)
        problem = save_session(str(self.library.root), session)
        if problem:
            self.notify(problem, severity="warning", markup=False)

    def resume_session(self) -> None:
        """Bring back the last query, article and reading position of this corpus."""
        from reader.userdata.session import load_session

        problems: list[str] = []
        session = load_session(str(self.library.root), problems)
        for problem in problems:
            self.notify(problem, severity="warning", markup=False)
        if session is None:
            return
        self.result_order = session.sort
        if session.query:
            self.query_one(SearchPane).set_query(session.query)
            self.query_text = session.query
        if session.article_id and self.library.article(session.article_id) is not None:
            self.positions[session.article_id] = session.position
            self.open_article(session.article_id)
