"""BookmarkStore: each change committed at once, nothing the user made is lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkStore, BookmarkStoreError, parse_tags
from reader.corpus.models import Article, Block

TEXT = (
    "Sommet de Bruxelles\n\n"
    "Les dirigeants européens se sont retrouvés jeudi à Bruxelles pour un sommet sur l'énergie.\n\n"
    "The ministers said the [@click=app.quit]talks[/] would resume on Monday."
)


def make_article(text: str = TEXT, article_id: str = "a1") -> Article:
    first = text.index("\n")
    return Article(
        id=article_id,
        path="fr/sommet.txt",
        text=text,
        title="Sommet de Bruxelles",
        lang="fr",
        blocks=[Block(0, first, text[:first], kind="title")],
    )


class Clock:
    def __init__(self) -> None:
        self.tick = 0

    def __call__(self) -> str:
        self.tick += 1
        return f"2024-03-01T10:00:{self.tick:02d}+00:00"


@pytest.fixture
def store(tmp_path: Path):
    with BookmarkStore(tmp_path / "bm.sqlite3", clock=Clock()) as opened:
        yield opened


def passage(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_default_location_follows_the_data_dir(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data" / "nested"))
    with BookmarkStore() as opened:
        assert opened.path == tmp_path / "data" / "nested" / "bookmarks.sqlite3"
        assert opened.path.exists()
        mode = opened._connection.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_add_get_update_delete(store: BookmarkStore) -> None:
    article = make_article()
    start, end = passage(article.text, "un sommet sur l'énergie")
    added = store.add(article, start, end, note="*important*", tags=["énergie", " EU ", "eu"])
    assert added.id > 0
    assert added.quote == "un sommet sur l'énergie"
    assert added.prefix.endswith("Bruxelles pour ")
    assert added.suffix.startswith(".\n\nThe ministers")
    assert added.tags == ["énergie", "EU"]
    assert store.get(added.id) == added

    updated = store.update(added.id, note="new note", tags=["a", "b"])
    assert (updated.note, updated.tags) == ("new note", ["a", "b"])
    assert updated.updated > added.updated and updated.created == added.created
    assert store.get(added.id) == updated

    assert store.delete(added.id) is True
    assert store.get(added.id) is None
    assert store.delete(added.id) is False
    with pytest.raises(BookmarkStoreError, match="no longer exists"):
        store.update(added.id, note="x")


def test_list_filters_by_text_and_tag(store: BookmarkStore) -> None:
    article = make_article()
    first = store.add(article, *passage(article.text, "dirigeants européens"), tags=["EU"])
    second = store.add(article, *passage(article.text, "would resume"), note="Monday talks")
    assert [b.id for b in store.list()] == [second.id, first.id]  # newest first
    assert [b.id for b in store.list(tag="eu")] == [first.id]
    assert [b.id for b in store.list(filter_text="EUROPEENS")] == [first.id]  # folded
    assert [b.id for b in store.list(filter_text="monday talks")] == [second.id]
    assert [b.id for b in store.list(filter_text="bruxelles")] == [second.id, first.id]
    assert store.list(filter_text="nothing like this") == []
    assert store.tags() == [("EU", 1)]


def test_survives_closing_and_reopening(tmp_path: Path) -> None:
    article = make_article()
    path = tmp_path / "bm.sqlite3"
    store = BookmarkStore(path)
    added = store.add(article, *passage(article.text, "talks[/]"), note="n", tags=["t"])
    store.close()
    with BookmarkStore(path) as reopened:
        assert reopened.get(added.id) == added
        assert reopened.messages == []


def test_committed_before_the_call_returns(tmp_path: Path) -> None:
    article = make_article()
    path = tmp_path / "bm.sqlite3"
    with BookmarkStore(path) as store:
        added = store.add(article, 0, 7)
        # A second connection sees it while the first is still open.
        other = sqlite3.connect(path)
        assert other.execute("SELECT quote FROM bookmarks WHERE id = ?", (added.id,)).fetchone()
        other.close()


def test_a_corrupt_database_is_moved_aside_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "bm.sqlite3"
    path.write_bytes(b"this is not a database, but it is the user's file" * 100)
    with BookmarkStore(path) as store:
        assert store.list() == []
        assert len(store.messages) == 1 and "moved to" in store.messages[0]
    aside = list(tmp_path.glob("bm.sqlite3.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes().startswith(b"this is not a database")


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bm.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    with pytest.raises(BookmarkStoreError, match="newer reader"):
        BookmarkStore(path)
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_failed_write_raises_a_clear_error(tmp_path: Path) -> None:
    store = BookmarkStore(tmp_path / "bm.sqlite3")
    store._connection.execute("PRAGMA query_only = ON")
    with pytest.raises(BookmarkStoreError, match="could not save the bookmark"):
        store.add(make_article(), 0, 5)
    store.close()


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BookmarkStoreError, match="cannot create"):
        BookmarkStore(blocker / "sub" / "bm.sqlite3")


def test_invalid_passage_is_rejected(store: BookmarkStore) -> None:
    with pytest.raises(ValueError):
        store.add(make_article(), 10, 10)


def test_resolve_against_an_edited_and_a_missing_article(store: BookmarkStore) -> None:
    article = make_article()
    added = store.add(article, *passage(article.text, "would resume on Monday"))
    edited = make_article(text=TEXT.replace("Sommet de Bruxelles\n\n", "Sommet (mis à jour)\n\n"))
    anchor = store.resolve(added, edited)
    assert edited.text[anchor.start : anchor.end] == "would resume on Monday"
    assert not anchor.orphaned
    assert store.resolve(added, None).orphaned
    gone = make_article(text=TEXT.replace(" would resume on Monday", ""))
    assert store.resolve(added, gone).orphaned


def test_parse_tags() -> None:
    assert parse_tags(" a, b c ,, A,  ") == ["a", "b c"]
