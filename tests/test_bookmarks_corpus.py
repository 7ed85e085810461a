"""Bookmarks know their corpus: stored, migrated in place into old databases, grouped."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.bookmarks import Bookmark, BookmarkStore, BookmarkStoreError
from reader.bookmarks import store as store_module
from reader.bookmarks.corpora import corpus_name, group_by_corpus, is_from_other_corpus
from reader.corpus.models import Article

TEXT = "Title\n\nThe council approved the budget on Monday after a long debate."

#: The bookmarks table as reader wrote it before bookmarks knew their corpus (schema 1).
VERSION_1 = """
CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id TEXT NOT NULL, article_title TEXT NOT NULL, path TEXT NOT NULL,
    start INTEGER NOT NULL, end INTEGER NOT NULL, quote TEXT NOT NULL,
    prefix TEXT NOT NULL, suffix TEXT NOT NULL, note TEXT NOT NULL, tags TEXT NOT NULL,
    created TEXT NOT NULL, updated TEXT NOT NULL
);
CREATE INDEX bookmarks_article ON bookmarks(article_id);
INSERT INTO bookmarks VALUES (7, 'a1', 'Council', 'x/a.txt', 7, 18, 'The council', 'Title\n\n',
    ' approved', 'my *note*', '["budget"]', '2024-03-01T10:00:00+00:00',
    '2024-03-02T10:00:00+00:00');
PRAGMA user_version = 1;
"""


def article() -> Article:
    return Article(id="a1", path="x/a.txt", text=TEXT, title="Council", lang="en", blocks=[])


def version_1_database(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.executescript(VERSION_1)
    connection.close()
    return path


def user_version(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA user_version").fetchone()[0]
    finally:
        connection.close()


def test_add_keeps_the_corpus(tmp_path: Path) -> None:
    path = tmp_path / "bm.sqlite3"
    with BookmarkStore(path) as store:
        made = store.add(article(), 7, 18, corpus="/home/me/news")
        unknown = store.add(article(), 19, 27)
    with BookmarkStore(path) as store:
        assert store.get(made.id) == made and made.corpus == "/home/me/news"
        assert store.get(unknown.id) == unknown and unknown.corpus == ""


def test_an_old_database_is_migrated_in_place_and_keeps_every_bookmark(tmp_path: Path) -> None:
    path = version_1_database(tmp_path / "bm.sqlite3")
    with BookmarkStore(path) as store:
        assert store.messages == []
        (old,) = store.list()
        assert old == Bookmark(
            id=7,
            article_id="a1",
            article_title="Council",
            path="x/a.txt",
            start=7,
            end=18,
            quote="The council",
            prefix="Title\n\n",
            suffix=" approved",
            note="my *note*",
            tags=["budget"],
            created="2024-03-01T10:00:00+00:00",
            updated="2024-03-02T10:00:00+00:00",
            corpus="",
        )
        new = store.add(article(), 19, 27, corpus="/corpora/news")
    assert user_version(path) == store_module.SCHEMA_VERSION == 2
    with BookmarkStore(path) as store:  # a migrated file opens without a second migration
        assert [b.id for b in store.list()] == [new.id, 7]
        assert store.get(new.id) == new


def test_a_failed_migration_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    path = version_1_database(tmp_path / "bm.sqlite3")
    broken = {**store_module._MIGRATIONS, 2: (*store_module._MIGRATIONS[2], "SELECT nothing")}
    monkeypatch.setattr(store_module, "_MIGRATIONS", broken)
    with pytest.raises(BookmarkStoreError, match="cannot open"):
        BookmarkStore(path)
    assert user_version(path) == 1
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(bookmarks)")]
    connection.close()
    assert "corpus" not in columns  # the column added before the failure was rolled back
    monkeypatch.undo()
    with BookmarkStore(path) as store:
        assert [b.quote for b in store.list()] == ["The council"]


def test_a_new_database_is_created_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "bm.sqlite3"
    with BookmarkStore(path):
        pass
    assert user_version(path) == store_module.SCHEMA_VERSION


def mark(number: int, corpus: str) -> Bookmark:
    return Bookmark(number, "a", "T", "p.txt", 0, 1, "q", corpus=corpus)


def test_group_by_corpus_puts_the_open_corpus_first_then_by_name_then_unknown() -> None:
    marks = [
        mark(1, ""),
        mark(2, "/data/zeta"),
        mark(3, "/home/me/seeds"),
        mark(4, "/data/Alpha"),
        mark(5, "/home/me/seeds"),
        mark(6, "/other/alpha"),
        mark(7, ""),
    ]
    groups = group_by_corpus(marks, "/home/me/seeds")
    assert [(corpus, [b.id for b in items]) for corpus, items in groups] == [
        ("/home/me/seeds", [3, 5]),
        ("/data/Alpha", [4]),
        ("/other/alpha", [6]),
        ("/data/zeta", [2]),
        ("", [1, 7]),
    ]


def test_group_by_corpus_without_bookmarks_of_the_open_corpus() -> None:
    groups = group_by_corpus([mark(1, "/data/b"), mark(2, "")], "/home/me/seeds")
    assert [corpus for corpus, _items in groups] == ["/data/b", ""]
    assert group_by_corpus([], "/home/me/seeds") == []


def test_corpus_name_and_other_corpus() -> None:
    assert corpus_name("/home/me/seeds") == "seeds"
    assert corpus_name("/") == "/"
    assert corpus_name("") == ""
    assert is_from_other_corpus(mark(1, "/data/b"), "/home/me/seeds")
    assert not is_from_other_corpus(mark(1, "/home/me/seeds"), "/home/me/seeds")
    assert not is_from_other_corpus(mark(1, ""), "/home/me/seeds")  # unknown may be this one
