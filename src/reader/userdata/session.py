"""Where the user left off in each corpus, so that a restart resumes there.

Per corpus (keyed by its root folder, ``str(Library.root)``): the last query,
the open article's id, the reading position in it (an offset into
``Article.text``; the interface clamps it to the text it finds) and the order
of the results. One JSON file, ``locations.session_file()``::

    {"version": 1, "corpora": [{"corpus": "/home/me/news", "query": "budget",
      "article_id": "3c4018b47ec1ff69", "position": 1200, "sort": "rank"}, ...]}

most recent first and bounded to ``MAX_CORPORA``. Each save is atomic. A file
that cannot be read, is not JSON or is not a session file is set aside
(``session.json.corrupt``) and reader starts afresh, saying so in one line;
an entry with a value of the wrong kind is dropped alone.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, cast

from reader.userdata import locations
from reader.userdata.config import write_atomically
from reader.userdata.files import load_json, set_aside

FORMAT_VERSION = 1
MAX_CORPORA = 50
SORT_ORDERS = ("rank", "date")
FRESH = "the session starts afresh"


@dataclass(frozen=True, slots=True)
class Session:
    """The state of the interface worth resuming in one corpus."""

    query: str = ""
    article_id: str | None = None
    position: int = 0
    sort: Literal["rank", "date"] = "rank"


def load_session(
    corpus: str, problems: list[str] | None = None, *, path: Path | None = None
) -> Session | None:
    """The session last saved for ``corpus``; None when there is none.

    A problem with the file (set aside, reader starts afresh) is appended to
    ``problems`` as one line.
    """
    entries, problem = _read(path or locations.session_file())
    if problem and problems is not None:
        problems.append(problem)
    for entry in entries:
        if entry.get("corpus") == corpus:
            return _session(entry)
    return None


def save_session(
    corpus: str, session: Session, *, path: Path | None = None, limit: int = MAX_CORPORA
) -> str | None:
    """Record ``session`` as the most recent, keeping the ``limit`` most recent corpora.

    Returns a one-line problem (the old file was unusable and set aside, or
    the new one could not be written), or None.
    """
    path = path or locations.session_file()
    entries, problem = _read(path)
    kept = [entry for entry in entries if entry.get("corpus") != corpus]
    kept = [{"corpus": corpus, **asdict(session)}, *kept][: max(1, limit)]
    data = {"version": FORMAT_VERSION, "corpora": kept}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        write_atomically(path, text)
    except OSError as error:
        return f"{path}: session not saved ({error.strerror or error})"
    return problem


def _read(path: Path) -> tuple[list[dict[str, Any]], str | None]:
    """The file's valid entries, most recent first, and a problem line."""
    data, problem = load_json(path, FRESH)
    if data is None:
        return [], problem
    ours = isinstance(data, dict) and data.get("version") == FORMAT_VERSION
    entries = data.get("corpora") if ours else None
    if not isinstance(entries, list):
        return [], set_aside(path, "not a session file of this reader", FRESH)
    return [entry for entry in entries if _session(entry) is not None], None


def _session(entry: Any) -> Session | None:
    """The session an entry holds; None when a value is missing or of the wrong kind."""
    if not isinstance(entry, dict) or not isinstance(entry.get("corpus"), str):
        return None
    query, article_id = entry.get("query", ""), entry.get("article_id")
    position, sort = entry.get("position", 0), entry.get("sort", "rank")
    if not isinstance(query, str) or not (article_id is None or isinstance(article_id, str)):
        return None
    if isinstance(position, bool) or not isinstance(position, int) or position < 0:
        return None
    if sort not in SORT_ORDERS:
        return None
    return Session(query, article_id, position, cast(Literal["rank", "date"], sort))
