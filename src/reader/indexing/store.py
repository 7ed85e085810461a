"""The article store: parsed articles, their entities and the indexing state.

SQLite in WAL mode beside the Whoosh index. It is the source of truth for
incremental indexing (which files changed), for the entity phase (which
articles still wait for entities, so an interrupted run resumes) and for
showing an article (blocks, reasons, damage, entities) without re-parsing.
Every batch is one transaction: a killed process leaves the last committed
state, never half an article.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.corpus.models import Article, Block, Damage, Entity, Metadata, Quote, StrippedSpan

if TYPE_CHECKING:
    from reader.entities.vote import Votes

#: 2: sources count apart in cleaning, title entities, entity_votes, quotations.
STORE_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    relpath TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    lang TEXT NOT NULL,
    data TEXT NOT NULL,
    entities TEXT,
    entity_state TEXT NOT NULL DEFAULT 'pending'
);
CREATE INDEX IF NOT EXISTS articles_pending ON articles(entity_state);
CREATE TABLE IF NOT EXISTS entity_counts (
    article_id TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    name TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (article_id, key)
);
CREATE INDEX IF NOT EXISTS entity_counts_key ON entity_counts(key);
CREATE TABLE IF NOT EXISTS entity_votes (
    article_id TEXT NOT NULL,
    key TEXT NOT NULL,
    label TEXT NOT NULL,
    weight REAL NOT NULL,
    decided INTEGER NOT NULL,
    PRIMARY KEY (article_id, key, label)
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO state(key, value) VALUES ('article_changes', '0');
CREATE TRIGGER IF NOT EXISTS article_added AFTER INSERT ON articles BEGIN
    UPDATE state SET value = CAST(value AS INTEGER) + 1 WHERE key = 'article_changes';
END;
CREATE TRIGGER IF NOT EXISTS article_changed AFTER UPDATE OF content_hash, entity_state
ON articles BEGIN
    UPDATE state SET value = CAST(value AS INTEGER) + 1 WHERE key = 'article_changes';
END;
CREATE TRIGGER IF NOT EXISTS article_removed AFTER DELETE ON articles BEGIN
    UPDATE state SET value = CAST(value AS INTEGER) + 1 WHERE key = 'article_changes';
END;
"""


#: In an upsert: the stored article is exactly the one being written.
_SAME_ARTICLE = "articles.content_hash = excluded.content_hash AND articles.data = excluded.data"


class StoreError(Exception):
    """The store cannot be used (corrupt, or from another version)."""


class StoreUnavailable(StoreError):
    """The store file is fine but cannot be opened now (locked, or the folder not writable).

    Never a reason to delete it: another process may be using it.
    """


@cache
def _field_names(cls: Any) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(item: Any) -> dict:
    """A flat dataclass as a dict (``asdict``'s recursive copy was two thirds of storing one)."""
    kind: Any = type(item)
    return {name: getattr(item, name) for name in _field_names(kind)}


def _block_dict(block: Block) -> dict:
    data = _plain(block)
    data["spans"] = [_plain(span) for span in block.spans]
    return data


def article_to_json(article: Article) -> str:
    data = {
        "id": article.id,
        "path": article.path,
        "text": article.text,
        "title": article.title,
        "lang": article.lang,
        "source": article.source,
        "meta": _plain(article.meta),
        "blocks": [_block_dict(block) for block in article.blocks],
        "damage": [_plain(damage) for damage in article.damage],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True, frozen=True)
class ArticleRow:
    """An article as the store writes it.

    Built where the article is cleaned (a text-phase worker), so that the
    JSON encoding is done there and one string crosses to the parent
    instead of the article's many small objects.
    """

    id: str
    path: str
    title: str
    date: str | None
    lang: str
    data: str

    @classmethod
    def of(cls, article: Article) -> ArticleRow:
        return cls(
            article.id,
            article.path,
            article.title,
            article.meta.date,
            article.lang,
            article_to_json(article),
        )


def article_from_json(raw: str, entities_raw: str | None) -> Article:
    data = json.loads(raw)
    blocks = []
    for item in data["blocks"]:
        spans = [StrippedSpan(**span) for span in item.pop("spans")]
        blocks.append(Block(**item, spans=spans))
    entities = quotes = None
    if entities_raw is not None:  # {"entities": [[text, label, start, end, key]...], "quotes": []}
        found = json.loads(entities_raw)
        entities = [Entity(*row) for row in found["entities"]]
        quotes = [Quote.from_json(item) for item in found["quotes"]]
    return Article(
        id=data["id"],
        path=data["path"],
        text=data["text"],
        title=data["title"],
        lang=data["lang"],
        blocks=blocks,
        meta=Metadata(**data["meta"]),
        damage=[Damage(**item) for item in data["damage"]],
        entities=entities,
        quotes=quotes,
        source=data.get("source"),
    )


class Store:
    """Articles of one corpus, in ``path`` (an SQLite file).

    One connection is shared by the interface's worker threads; a lock keeps
    their statements from interleaving on it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        except sqlite3.Error as error:
            raise StoreUnavailable(str(error)) from error
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            version = self.get_state("store_version")
            if version is None:
                self.set_state("store_version", str(STORE_VERSION))
                self._db.commit()
            elif version != str(STORE_VERSION):
                raise StoreError(f"store version {version}, expected {STORE_VERSION}")
        except sqlite3.OperationalError as error:
            self._db.close()
            raise StoreUnavailable(str(error)) from error
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise StoreError(str(error)) from error

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _run(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()

    def _one(self, sql: str, parameters: tuple = ()) -> tuple | None:
        rows = self._run(sql, parameters)
        return rows[0] if rows else None

    def _count(self, sql: str, parameters: tuple = ()) -> int:
        """The one number a ``SELECT COUNT(*)`` gives."""
        return int(self._run(sql, parameters)[0][0])

    def _run_many(self, sql: str, rows: list[tuple]) -> None:
        with self._lock:
            self._db.executemany(sql, rows)

    # state -----------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        row = self._one("SELECT value FROM state WHERE key = ?", (key,))
        return row[0] if row else None

    def set_state(self, key: str, value: str) -> None:
        self._run("INSERT OR REPLACE INTO state(key, value) VALUES (?, ?)", (key, value))

    def change_count(self) -> int:
        """How many times an article was added, removed, or changed in its content or its
        entity state, ever (kept by triggers, so no writer can forget it)."""
        return int(self.get_state("article_changes") or 0)

    def commit(self) -> None:
        with self._lock:
            self._db.commit()

    # files -----------------------------------------------------------------
    def file_table(self) -> dict[str, tuple[str, str, int, int]]:
        """relpath -> (id, content_hash, size, mtime_ns)."""
        rows = self._run("SELECT relpath, id, content_hash, size, mtime_ns FROM articles")
        return {relpath: (id_, digest, size, mtime) for relpath, id_, digest, size, mtime in rows}

    def touch(self, article_id: str, size: int, mtime_ns: int) -> None:
        self._run(
            "UPDATE articles SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, article_id)
        )

    def put(
        self, article: Article | ArticleRow, content_hash: str, size: int, mtime_ns: int
    ) -> None:
        """Insert or replace an article; its entities are reset to pending unless it is unchanged.

        Two processes may parse the same new file: the second must not undo
        the entities the first has found meanwhile for the very same article.
        The upsert takes the write lock first, so the entity counts are
        cleared under it too.
        """
        row = article if isinstance(article, ArticleRow) else ArticleRow.of(article)
        self._run(
            "INSERT INTO articles"
            "(id, relpath, content_hash, size, mtime_ns, title, date, lang, data, entities,"
            " entity_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'pending')"
            " ON CONFLICT(id) DO UPDATE SET"
            " relpath = excluded.relpath, size = excluded.size, mtime_ns = excluded.mtime_ns,"
            " title = excluded.title, date = excluded.date, lang = excluded.lang,"
            f" entities = CASE WHEN {_SAME_ARTICLE} THEN articles.entities END,"
            f" entity_state = CASE WHEN {_SAME_ARTICLE} THEN articles.entity_state"
            "  ELSE 'pending' END,"
            " content_hash = excluded.content_hash, data = excluded.data",
            (
                row.id,
                row.path,
                content_hash,
                size,
                mtime_ns,
                row.title,
                row.date,
                row.lang,
                row.data,
            ),
        )
        for table in ("entity_counts", "entity_votes"):
            self._run(
                f"DELETE FROM {table} WHERE article_id = ?"
                " AND (SELECT entity_state FROM articles WHERE id = ?) = 'pending'",
                (row.id, row.id),
            )

    def delete(self, ids: Iterable[str]) -> None:
        for article_id in ids:
            self._run("DELETE FROM articles WHERE id = ?", (article_id,))
            self._run("DELETE FROM entity_counts WHERE article_id = ?", (article_id,))
            self._run("DELETE FROM entity_votes WHERE article_id = ?", (article_id,))

    # reading ---------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        row = self._one("SELECT data, entities FROM articles WHERE id = ?", (article_id,))
        return article_from_json(row[0], row[1]) if row else None

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is None:
            rows = self._run("SELECT data, entities FROM articles ORDER BY relpath")
            for data, entities in rows:
                yield article_from_json(data, entities)
            return
        for article_id in ids:
            article = self.get(article_id)
            if article is not None:
                yield article

    def ids(self) -> list[str]:
        return [row[0] for row in self._run("SELECT id FROM articles ORDER BY relpath")]

    def content_hashes(self, ids: list[str] | None = None) -> dict[str, str]:
        """id -> content hash, of every article or of ``ids`` only."""
        if ids is None:
            return dict(self._run("SELECT id, content_hash FROM articles"))
        return {row[0]: row[1] for row in self._rows_of(ids, "content_hash")}

    def versions(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """id -> (content hash, entity state) of ``ids``."""
        rows = self._rows_of(ids, "content_hash, entity_state")
        return {row[0]: (row[1], row[2]) for row in rows}

    def _rows_of(self, ids: list[str], columns: str) -> list[tuple]:
        rows: list[tuple] = []
        for start in range(0, len(ids), 500):
            chunk = tuple(ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            rows += self._run(f"SELECT id, {columns} FROM articles WHERE id IN ({marks})", chunk)
        return rows

    def count(self) -> int:
        return self._count("SELECT COUNT(*) FROM articles")

    # entities --------------------------------------------------------------
    def pending_entity_count(self) -> int:
        return self._count("SELECT COUNT(*) FROM articles WHERE entity_state = 'pending'")

    def pending_entity_ids(self) -> list[str]:
        rows = self._run("SELECT id FROM articles WHERE entity_state = 'pending' ORDER BY relpath")
        return [row[0] for row in rows]

    def set_entities(
        self, article_id: str, entities: list[Entity], groups: list, quotes: list[Quote]
    ) -> None:
        """Store an article's mentions, per-entity counts and quotations; mark it done."""
        rows = [[e.text, e.label, e.start, e.end, e.key] for e in entities]
        found = {"entities": rows, "quotes": [quote.to_json() for quote in quotes]}
        self._run(
            "UPDATE articles SET entities = ?, entity_state = 'done' WHERE id = ?",
            (json.dumps(found, ensure_ascii=False), article_id),
        )
        self._run("DELETE FROM entity_counts WHERE article_id = ?", (article_id,))
        self._run_many(
            "INSERT OR REPLACE INTO entity_counts(article_id, key, label, name, count)"
            " VALUES (?, ?, ?, ?, ?)",
            [(article_id, g.key, g.label, g.name, g.count) for g in groups],
        )

    def set_entity_votes(self, article_id: str, votes: Votes, decided: dict[str, str]) -> None:
        """An article's weighted type votes per entity key, and the types its context decided."""
        self._run("DELETE FROM entity_votes WHERE article_id = ?", (article_id,))
        self._run_many(
            "INSERT INTO entity_votes(article_id, key, label, weight, decided)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (article_id, key, label, weight, int(decided.get(key) == label))
                for key, counts in votes.items()
                for label, weight in counts.items()
            ],
        )

    def vote_totals(self) -> Votes:
        """The corpus's votes: key -> label -> summed weight."""
        totals: Votes = {}
        rows = self._run("SELECT key, label, SUM(weight) FROM entity_votes GROUP BY key, label")
        for key, label, weight in rows:
            totals.setdefault(key, {})[label] = float(weight)
        return totals

    def entity_labels(self) -> Iterator[tuple[str, str, str, bool]]:
        """(article id, key, label, decided by its context) of every entity of every article."""
        decided = set(self._run("SELECT article_id, key FROM entity_votes WHERE decided = 1"))
        for article_id, key, label in self._run("SELECT article_id, key, label FROM entity_counts"):
            yield article_id, key, label, (article_id, key) in decided

    def decided_labels(self, article_id: str) -> dict[str, str]:
        """key -> the type the article's own context decided."""
        rows = self._run(
            "SELECT key, label FROM entity_votes WHERE article_id = ? AND decided = 1",
            (article_id,),
        )
        return dict(rows)

    def entity_article_counts(self, keys: Iterable[str]) -> dict[str, int]:
        """How many articles of the corpus name each entity key."""
        counts: dict[str, int] = {}
        for key in keys:
            counts[key] = self._count("SELECT COUNT(*) FROM entity_counts WHERE key = ?", (key,))
        return counts

    def related(self, article_id: str, limit: int = 5) -> list[tuple[str, str, int]]:
        """Articles sharing the most entities with this one: (id, title, shared)."""
        rows = self._run(
            "SELECT other.article_id, articles.title, COUNT(*) AS shared"
            " FROM entity_counts AS mine"
            " JOIN entity_counts AS other ON other.key = mine.key"
            "  AND other.article_id != mine.article_id"
            " JOIN articles ON articles.id = other.article_id"
            " WHERE mine.article_id = ?"
            " GROUP BY other.article_id ORDER BY shared DESC, articles.relpath LIMIT ?",
            (article_id, limit),
        )
        return [(row[0], row[1], row[2]) for row in rows]
