"""Persistent search history (``locations.history_file()``), most recent first.

The file is JSON: ``{"version": 1, "queries": ["newest", ...]}``. Queries are
deduplicated (re-running one moves it to the front), blank ones ignored, and
the list is bounded. Each change is written atomically. A file that cannot be
parsed is renamed aside (``history.json.corrupt``) and the history starts
empty, so a bad file never blocks the search box and is never silently lost.

``HistoryCursor`` gives shell-like up/down recall in the search input::

    cursor = history.cursor()
    text = cursor.older(current_text)   # Up: None when there is nothing older
    text = cursor.newer()               # Down: back to the draft at the end
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from reader.userdata import locations
from reader.userdata.config import DEFAULT_HISTORY_SIZE, write_atomically
from reader.userdata.files import load_json, set_aside

FORMAT_VERSION = 1
FRESH = "history starts empty"


class QueryHistory:
    """Past queries, newest first, saved after every change."""

    def __init__(self, path: Path | None = None, limit: int = DEFAULT_HISTORY_SIZE) -> None:
        self.path = path or locations.history_file()
        self.limit = max(0, limit)
        self._entries: list[str] = []
        self.problem: str | None = None
        """The last load or save problem, as one line; None when all went well."""

    @classmethod
    def load(cls, path: Path | None = None, limit: int = DEFAULT_HISTORY_SIZE) -> QueryHistory:
        """Read the history file; a missing file gives an empty history."""
        history = cls(path, limit)
        history._entries = history._read()[: history.limit]
        return history

    @property
    def entries(self) -> list[str]:
        """A copy of the queries, most recent first."""
        return list(self._entries)

    def add(self, query: str) -> None:
        """Put ``query`` first (removing an older copy) and save."""
        query = query.strip()
        if not query or self.limit == 0:
            return
        if self._entries and self._entries[0] == query:
            return
        self._entries = [query, *(entry for entry in self._entries if entry != query)]
        del self._entries[self.limit :]
        self._save()

    def clear(self) -> None:
        self._entries = []
        self._save()

    def cursor(self) -> HistoryCursor:
        return HistoryCursor(self.entries)

    def _read(self) -> list[str]:
        data, self.problem = load_json(self.path, FRESH)
        if data is None:
            return []
        queries = data.get("queries") if isinstance(data, dict) else None
        if not isinstance(queries, list) or not all(isinstance(q, str) for q in queries):
            self.problem = set_aside(self.path, "no list of queries in it", FRESH)
            return []
        return _unique(query.strip() for query in queries)

    def _save(self) -> None:
        data = {"version": FORMAT_VERSION, "queries": self._entries}
        try:
            write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        except OSError as error:
            self.problem = f"{self.path}: history not saved ({error.strerror or error})"
        else:
            self.problem = None


class HistoryCursor:
    """Walks a snapshot of the history with Up (older) and Down (newer).

    The text being typed when the walk starts is kept as the draft and comes
    back after the newest entry, as in a shell.
    """

    def __init__(self, entries: list[str]) -> None:
        self._entries = list(entries)
        self._index = -1  # -1: the draft, 0: the newest entry
        self._draft = ""

    @property
    def at_draft(self) -> bool:
        return self._index == -1

    def older(self, current: str = "") -> str | None:
        """The next older query, or None at the oldest (the input stays as it is)."""
        if self._index + 1 >= len(self._entries):
            return None
        if self._index == -1:
            self._draft = current
        self._index += 1
        # Skip an entry equal to what is shown, so one press always changes the text.
        if self._entries[self._index] == current and self._index + 1 < len(self._entries):
            self._index += 1
        return self._entries[self._index]

    def newer(self) -> str | None:
        """The next newer query, the draft after the newest, None when already at the draft."""
        if self._index == -1:
            return None
        self._index -= 1
        return self._draft if self._index == -1 else self._entries[self._index]

    def reset(self, entries: list[str] | None = None) -> None:
        """Back to the draft (after a search was run or the text was edited)."""
        if entries is not None:
            self._entries = list(entries)
        self._index = -1
        self._draft = ""


def _unique(queries: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for query in queries:
        if query and query not in seen:
            seen.add(query)
            result.append(query)
    return result
