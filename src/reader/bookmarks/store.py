"""SQLite storage of bookmarks: one file in the user data folder, WAL, each change committed.

Bookmarks are the user's own work, so nothing here deletes data on its
own: a database that cannot be read is moved aside with a timestamp (and
``BookmarkStore.messages`` says where), and a database written by a newer
reader is refused rather than downgraded.
"""

from __future__ import annotations

import builtins
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from reader.bookmarks.anchor import reanchor, selector
from reader.bookmarks.models import Anchor, Bookmark
from reader.corpus.models import Article
from reader.corpus.textnorm import fold

SCHEMA_VERSION = 2
#: The statements that bring a database from the version before to each version.
_MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE IF NOT EXISTS bookmarks (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL,
            article_title TEXT NOT NULL,
            path TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            quote TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            note TEXT NOT NULL,
            tags TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL
        )""",
        "CREATE INDEX IF NOT EXISTS bookmarks_article ON bookmarks(article_id)",
    ),
    # The corpus of each bookmark; those made before are of unknown corpus ("").
    2: ("ALTER TABLE bookmarks ADD COLUMN corpus TEXT NOT NULL DEFAULT ''",),
}
_COLUMNS = (
    "id, article_id, article_title, path, start, end, quote, prefix, suffix,"
    " note, tags, created, updated, corpus"
)


class BookmarkStoreError(Exception):
    """A bookmark could not be read or saved; the message is meant for the user."""


_FOLDER_HINT = "; free some space, or set READER_DATA_DIR to a writable folder"
_FOLDER_PROBLEMS = ("disk is full", "readonly", "unable to open", "disk i/o", "permission")


def _hint(error: BaseException) -> str:
    """What to do when the data folder is the problem (nothing when it is not)."""
    text = str(error).lower()
    if isinstance(error, OSError) or any(problem in text for problem in _FOLDER_PROBLEMS):
        return _FOLDER_HINT
    return ""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def clean_tags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Trimmed, non-empty, without duplicates (first spelling kept), in the given order."""
    seen: set[str] = set()
    result: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split())
        if tag and fold(tag) not in seen:
            seen.add(fold(tag))
            result.append(tag)
    return result


def parse_tags(text: str) -> list[str]:
    """Tags typed as ``a, b, c`` (commas separate; spaces inside a tag are kept)."""
    return clean_tags(text.split(","))


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring the database to ``SCHEMA_VERSION`` in place, in one transaction.

    The version is read again once the write lock is held: another process
    may have migrated the file meanwhile. A failure rolls everything back, so
    a database is always wholly at one version (an old one keeps its bookmarks).
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[target]:
                connection.execute(statement)
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


class BookmarkStore:
    """The bookmarks database. Not shared between threads: use it from one thread."""

    def __init__(self, path: Path | None = None, *, clock: Callable[[], str] = utc_now) -> None:
        if path is None:
            from reader.userdata.locations import bookmarks_db

            path = bookmarks_db()
        self.path = Path(path)
        self.clock = clock
        #: Notices for the user (for instance: a corrupt database was moved aside).
        self.messages: list[str] = []
        self._connection = self._open()

    # opening ---------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise BookmarkStoreError(
                f"cannot create {self.path.parent}: {error}{_hint(error)}"
            ) from error
        try:
            return self._connect()
        except sqlite3.DatabaseError as error:
            if not self.path.exists() or isinstance(error, sqlite3.OperationalError):
                raise BookmarkStoreError(
                    f"cannot open {self.path}: {error}{_hint(error)}"
                ) from error
            moved = self._move_aside()
            self.messages.append(
                f"The bookmarks database {self.path} could not be read ({error});"
                f" it was moved to {moved} and a new one was started."
            )
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise BookmarkStoreError(
                    f"{self.path} was written by a newer reader (schema {version});"
                    " upgrade reader to use it"
                )
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {check}")
            if version < SCHEMA_VERSION:  # no write when there is nothing to create
                _migrate(connection)
        except BaseException:
            connection.close()
            raise
        return connection

    def _move_aside(self) -> Path:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(f"{self.path}{suffix}")
            if source.exists():
                source.replace(Path(f"{target}{suffix}"))
        return target

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _writing(self, what: str) -> Iterator[sqlite3.Connection]:
        try:
            with self._connection:
                yield self._connection
        except sqlite3.Error as error:
            raise BookmarkStoreError(
                f"could not {what} in {self.path}: {error}{_hint(error)}"
            ) from error

    # changes -----------------------------------------------------------------
    def add(
        self,
        article: Article,
        start: int,
        end: int,
        note: str = "",
        tags: list[str] | tuple[str, ...] = (),
        *,
        corpus: str = "",
    ) -> Bookmark:
        """Bookmark ``article.text[start:end]``; committed before it returns.

        ``corpus`` is the root folder of the article's corpus, ``str(library.root)``.
        """
        quote, prefix, suffix = selector(article.text, start, end)
        now = self.clock()
        bookmark = Bookmark(
            id=0,
            article_id=article.id,
            article_title=article.title,
            path=article.path,
            start=start,
            end=end,
            quote=quote,
            prefix=prefix,
            suffix=suffix,
            note=note,
            tags=clean_tags(list(tags)),
            created=now,
            updated=now,
            corpus=corpus,
        )
        values = _row(bookmark)[1:]
        with self._writing("save the bookmark") as connection:
            cursor = connection.execute(
                f"INSERT INTO bookmarks ({_COLUMNS.removeprefix('id, ')})"
                f" VALUES ({', '.join('?' * len(values))})",
                values,
            )
        bookmark.id = int(cursor.lastrowid or 0)
        return bookmark

    def update(
        self, bookmark_id: int, *, note: str | None = None, tags: list[str] | None = None
    ) -> Bookmark:
        """Change the note and/or tags of a bookmark; committed before it returns."""
        bookmark = self.get(bookmark_id)
        if bookmark is None:
            raise BookmarkStoreError(f"bookmark {bookmark_id} no longer exists")
        if note is not None:
            bookmark.note = note
        if tags is not None:
            bookmark.tags = clean_tags(tags)
        bookmark.updated = self.clock()
        with self._writing("save the bookmark") as connection:
            connection.execute(
                "UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ?",
                (bookmark.note, _tags_json(bookmark.tags), bookmark.updated, bookmark_id),
            )
        return bookmark

    def delete(self, bookmark_id: int) -> bool:
        """Delete a bookmark; False when there was none with this id."""
        with self._writing("delete the bookmark") as connection:
            cursor = connection.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,))
        return cursor.rowcount > 0

    # reading -----------------------------------------------------------------
    def get(self, bookmark_id: int) -> Bookmark | None:
        row = self._query(f"SELECT {_COLUMNS} FROM bookmarks WHERE id = ?", (bookmark_id,))
        return _bookmark(row[0]) if row else None

    def list(self, filter_text: str | None = None, tag: str | None = None) -> list[Bookmark]:
        """Bookmarks, newest first; ``filter_text`` matches (folded) quote, note, title,
        path and tags; ``tag`` keeps those carrying that tag."""
        rows = self._query(f"SELECT {_COLUMNS} FROM bookmarks ORDER BY created DESC, id DESC")
        bookmarks = [_bookmark(row) for row in rows]
        if tag:
            wanted = fold(tag.strip())
            bookmarks = [b for b in bookmarks if wanted in {fold(t) for t in b.tags}]
        if filter_text and filter_text.strip():
            words = fold(filter_text).split()
            bookmarks = [b for b in bookmarks if all(w in _haystack(b) for w in words)]
        return bookmarks

    def for_article(self, article_id: str) -> builtins.list[Bookmark]:
        rows = self._query(
            f"SELECT {_COLUMNS} FROM bookmarks WHERE article_id = ? ORDER BY start",
            (article_id,),
        )
        return [_bookmark(row) for row in rows]

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag with the number of bookmarks carrying it, most used first."""
        counts: dict[str, int] = {}
        for bookmark in self.list():
            for tag in bookmark.tags:
                counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], fold(item[0])))

    def _query(self, sql: str, parameters: tuple = ()) -> builtins.list[tuple]:
        try:
            return self._connection.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise BookmarkStoreError(f"could not read {self.path}: {error}") from error

    # anchoring ---------------------------------------------------------------
    @staticmethod
    def resolve(bookmark: Bookmark, article: Article | None) -> Anchor:
        """Where the bookmark's passage is in ``article`` now (orphaned when not found)."""
        if article is None:
            return Anchor(bookmark.start, bookmark.end, orphaned=True, exact=False)
        return reanchor(
            article.text,
            bookmark.start,
            bookmark.end,
            bookmark.quote,
            bookmark.prefix,
            bookmark.suffix,
        )


def _haystack(bookmark: Bookmark) -> str:
    parts = [bookmark.quote, bookmark.note, bookmark.article_title, bookmark.path, *bookmark.tags]
    return fold("\n".join(parts))


def _row(bookmark: Bookmark) -> tuple:
    return (
        bookmark.id,
        bookmark.article_id,
        bookmark.article_title,
        bookmark.path,
        bookmark.start,
        bookmark.end,
        bookmark.quote,
        bookmark.prefix,
        bookmark.suffix,
        bookmark.note,
        _tags_json(bookmark.tags),
        bookmark.created,
        bookmark.updated,
        bookmark.corpus,
    )


def _bookmark(row: tuple) -> Bookmark:
    try:
        tags = json.loads(row[10])
    except ValueError:
        tags = []
    if not isinstance(tags, list):
        tags = []
    bookmark_id, article_id, title, path, start, end, quote, prefix, suffix, note = row[:10]
    return Bookmark(
        id=bookmark_id,
        article_id=article_id,
        article_title=title,
        path=path,
        start=start,
        end=end,
        quote=quote,
        prefix=prefix,
        suffix=suffix,
        note=note,
        tags=[str(tag) for tag in tags],
        created=row[11],
        updated=row[12],
        corpus=row[13],
    )


def _tags_json(tags: list[str]) -> str:
    return json.dumps(tags, ensure_ascii=False)
