"""A corpus opened for reading: the one object the CLI and the interface talk to.

Indexing is two-phase. ``sync`` (the text phase) brings the store and the
search index in line with the files: only added, changed and removed files
are processed, and search works as soon as it returns. ``index_entities``
(the entity phase) then runs spaCy over the articles still pending, in
batches that are committed one by one, so an interrupted run resumes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.corpus.models import Article
from reader.corpus.paths import corpus_root, relative_path
from reader.indexing.docs import index_doc
from reader.indexing.locks import OPEN_LOCK, TEXT_LOCK, exclusive, held_elsewhere
from reader.indexing.store import Store, StoreError, StoreUnavailable
from reader.search.engine import (
    EntityState,
    SearchEngine,
    SearchRequest,
    SimilarRequest,
    SortOrder,
)
from reader.search.model import Filters, IndexDoc, SearchResults
from reader.userdata.locations import CACHE_ENV, INDEX_ENV, index_dir_for

if TYPE_CHECKING:
    from reader.corpus.models import Quote
    from reader.indexing.quoted import QuoteSource
    from reader.indexing.sync import Progress, SyncReport

TEXT_BATCH = 500
ENTITY_BATCH = 200  # articles per store and index commit in the entity phase
ENTITY_TASK = 50  # articles per extraction task (one worker's share at a time)


def _entity_workers(pending: int, n_process: int, isolated: bool) -> int:
    """Worker processes for the entity phase; 0 means in this process."""
    tasks = -(-pending // ENTITY_TASK)  # ceiling
    if isolated and tasks:
        return max(1, min(n_process, tasks))
    return n_process if n_process > 1 and tasks > 1 else 0


class LibraryError(Exception):
    """The index folder cannot be used; the message names it and says what to do."""


class Library:
    """One corpus: its files, its store and its search index."""

    def __init__(self, paths: Sequence[Path], *, index_dir: Path | None = None) -> None:
        self.paths = [Path(path) for path in paths]
        self.root = corpus_root(self.paths)
        self.name = self.root.name or str(self.root)
        self.index_dir = index_dir_for(self.root, index_dir)
        self.messages: list[str] = []
        self._store: Store | None = None
        self._engine: SearchEngine | None = None
        # Interface workers may touch the library first from several threads.
        self._open_lock = threading.Lock()

    # opening ---------------------------------------------------------------
    def open(self) -> Library:
        """Open (or create, or rebuild when broken) the store and the index."""
        with self._open_lock:
            if self._store is None:
                self._open_unlocked()
        return self

    def _open_unlocked(self) -> None:
        from reader.search import SearchEngineError, open_engine

        with self._disk_errors():
            self.index_dir.mkdir(parents=True, exist_ok=True)
            # Two processes opening one corpus at once would otherwise both create the
            # index, or one would take the other's half-created store for a broken one.
            with exclusive(self.index_dir / OPEN_LOCK):
                store = self._open_store()
                try:
                    engine = open_engine(self.index_dir)
                except SearchEngineError as error:
                    store.close()
                    raise LibraryError(str(error)) from error
                except BaseException:
                    store.close()
                    raise
        if engine.rebuilt:
            self.messages.append(engine.rebuilt)
        self._engine = engine
        self._store = store

    @contextmanager
    def _disk_errors(self) -> Iterator[None]:
        """Turn a folder that cannot be written (or a full disk) into a clear LibraryError."""
        try:
            yield
        except (OSError, sqlite3.OperationalError, StoreUnavailable) as error:
            if isinstance(error, TimeoutError):
                raise
            reason = getattr(error, "strerror", None) or str(error)
            raise LibraryError(
                f"cannot write the index in {self.index_dir} ({reason}); set {CACHE_ENV}"
                f" (or {INDEX_ENV}, or --index-dir) to a writable folder with free space"
            ) from error

    def _open_store(self) -> Store:
        path = self.index_dir / "articles.sqlite3"
        try:
            return Store(path)
        except StoreUnavailable:
            raise
        except StoreError as error:
            self.messages.append(f"article store was unusable ({error}); rebuilt")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            return Store(path)

    @property
    def store(self) -> Store:
        if self._store is None:
            self.open()
        assert self._store is not None
        return self._store

    @property
    def engine(self) -> SearchEngine:
        """The corpus's search engine (opened with the store)."""
        if self._engine is None:
            self.open()
        assert self._engine is not None
        return self._engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
        if self._store is not None:
            self._store.close()
        self._engine = None
        self._store = None

    def __enter__(self) -> Library:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # text phase ------------------------------------------------------------
    def sync(
        self,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        *,
        quick: bool = False,
    ) -> SyncReport:
        """Bring store and index in line with the files (the text phase).

        When ``cancelled()`` turns true the phase stops soon after (its worker
        processes are killed); the articles stored by then stay, and the next
        run takes up the rest. With ``quick``, a corpus whose folders have not
        changed since the last whole run is taken as it stands (a file edited in
        place is not seen then: the report says so with ``quick``), and so is a
        corpus that another process is indexing now: the report says so with
        ``busy`` (see ``index_progress`` for how far it is).
        """
        from reader.indexing.sync import SyncReport, TextSync  # loads when the phase runs

        # An index or store rebuilt when opened (self.messages says so) needs the whole run.
        if quick and not self.messages:
            if self.unchanged_on_disk():
                return SyncReport(unchanged=self.store.count(), quick=True)
            if held_elsewhere(self.index_dir / TEXT_LOCK):
                return SyncReport(unchanged=self.store.count(), quick=True, busy=True)
        started = time.perf_counter()
        with self._disk_errors():
            report = TextSync(self, progress, cancelled).run()
        report.messages[:0] = self.messages
        self.messages = []
        report.seconds = time.perf_counter() - started
        return report

    def unchanged_on_disk(self) -> bool:
        """Whether no file was added, removed or renamed since the last whole text phase
        (the times of its folders, one system call each; see ``ingest.changed_since``)."""
        from reader.corpus.ingest import changed_since
        from reader.indexing.sync import FOLDER_TIMES_KEY, PROVISIONAL_KEY

        with self._disk_errors():
            raw = self.store.get_state(FOLDER_TIMES_KEY)
            provisional = self.store.get_state(PROVISIONAL_KEY)
        if not raw or provisional not in (None, "[]"):  # articles left to clean again
            return False
        recorded = json.loads(raw)
        paths = [str(path.resolve()) for path in self.paths]
        if recorded.get("paths") != paths:
            return False
        return not changed_since(recorded.get("times", {}))

    def empty_message(self, report: SyncReport) -> str | None:
        """After ``sync``: one line saying why the corpus has no article (nothing found
        where it looked, or nothing readable); None when it has articles or the
        run was cancelled before it was done."""
        from reader.corpus.ingest import no_articles_message

        if report.cancelled or report.busy or self.store.count() > 0:
            return None
        return no_articles_message(self.paths, report.found)

    def index_progress(self) -> tuple[int, int]:
        """(articles searchable now, article files of the corpus as the last text phase
        to start counted them): while a text phase runs, here or in another process,
        how far it is; the second is 0 before any text phase has started."""
        from reader.indexing.sync import RUN_FILES_KEY

        with self._disk_errors():
            files = int(self.store.get_state(RUN_FILES_KEY) or 0)
        return self.engine.doc_count(), files

    # entity phase ----------------------------------------------------------
    def pending_entities(self) -> int:
        return self.store.pending_entity_count()

    def index_entities(
        self,
        progress: Progress | None = None,
        *,
        n_process: int = 1,
        isolated: bool = False,
        cancelled: Callable[[], bool] = lambda: False,
        extractor=None,
    ) -> int:
        """Extract entities of pending articles; returns how many were done.

        With ``n_process`` above 1 (and more than one task of articles) the
        models run in that many worker processes while this one writes the
        store and the index; ``isolated`` runs them in workers even for a few
        articles (the interface: spaCy's models and GIL stay out of its
        process). Results are committed every ``ENTITY_BATCH`` articles, so an
        interrupted run resumes. A finished run then settles each entity's type
        across the corpus (``settle_entity_types``).
        """
        pending = self.store.pending_entity_ids()
        done = 0
        unsaved: list[str] = []
        workers = _entity_workers(len(pending), n_process, isolated)
        with self._entity_stream(pending, workers, extractor, cancelled) as results:
            for batch, found in results:
                self._record_entities(batch, found)
                unsaved.extend(article.id for article in batch)
                done += len(batch)
                if len(unsaved) >= ENTITY_BATCH:
                    self._save_entities(unsaved)
                    unsaved = []
                if progress:
                    progress("entities", done, len(pending))
                if cancelled():
                    break
        if unsaved:
            self._save_entities(unsaved)
        if done and done == len(pending):  # not when cancelled: the next run settles
            self.settle_entity_types()
        return done

    @contextmanager
    def _entity_stream(
        self, pending: list[str], workers: int, extractor, cancelled: Callable[[], bool]
    ) -> Iterator[Iterator[tuple[list[Article], list]]]:
        """``(articles, entities of each)`` task by task, from ``workers`` processes or
        (with none) in this process. Workers are killed, not awaited, when the
        phase is cancelled or fails."""
        tasks = (
            (batch, [(a.lang, a.entity_text, a.entity_body_start) for a in batch])
            for batch in self._article_batches(pending, ENTITY_TASK)
        )
        if extractor is None and workers:
            from reader.indexing.entity_pool import ExtractorPool

            with ExtractorPool(workers) as pool:
                yield pool.extract_ordered(tasks, cancelled)
                if cancelled():
                    pool.terminate()
            return
        from reader.indexing.entity_pool import find_all

        if extractor is None:
            from reader.entities import EntityExtractor

            extractor = EntityExtractor()
        yield ((batch, find_all(extractor, items)) for batch, items in tasks)

    def _article_batches(self, ids: list[str], size: int) -> Iterator[list[Article]]:
        for start in range(0, len(ids), size):
            yield list(self.store.iter_articles(ids[start : start + size]))

    def _record_entities(self, batch: list[Article], found: list) -> None:
        from reader.entities import group_entities
        from reader.entities.vote import article_votes

        with self._disk_errors():
            for article, (entities, quotes) in zip(batch, found, strict=True):
                article.entities = [article.entity_from_source(entity) for entity in entities]
                article.quotes = [article.quote_from_source(quote) for quote in quotes]
                groups = group_entities(article.entities)
                self.store.set_entities(article.id, article.entities, groups, article.quotes)
                self.store.set_entity_votes(article.id, *article_votes(article.entities))

    def settle_entity_types(self) -> int:
        """Give every entity of the corpus one type, by the weighted vote of all its
        mentions (``entities.vote``), except where an article's context decided it.

        Only the articles whose stored types differ from the vote are written
        again (store and entity documents); returns how many.
        """
        from reader.entities import group_entities
        from reader.entities.vote import relabel, winning_labels

        with self._disk_errors():
            labels = winning_labels(self.store.vote_totals())
            changed = sorted(
                {
                    article_id
                    for article_id, key, label, decided in self.store.entity_labels()
                    if not decided and labels.get(key, label) != label
                }
            )
            for start in range(0, len(changed), ENTITY_BATCH):
                ids = changed[start : start + ENTITY_BATCH]
                for article in self.store.iter_articles(ids):
                    if article.entities is None:
                        continue
                    decided = self.store.decided_labels(article.id)
                    entities = relabel(article.entities, labels, decided)
                    groups = group_entities(entities)
                    self.store.set_entities(article.id, entities, groups, article.quotes or [])
                self._save_entities(ids)
        return len(changed)

    def _save_entities(self, ids: list[str]) -> None:
        """Commit the store, then give the index the articles' new entities.

        Only the entity documents are written (the articles' text is indexed
        already); an article whose text in the index is an older version
        shows as pending in ``index.stored()`` and sync's refill repairs it.
        """
        with self._disk_errors():
            self.store.commit()
            self.engine.add_entities(self.current_index_docs(ids))

    def current_index_docs(self, ids: list[str]) -> Iterator[IndexDoc]:
        """Index documents read from the store as the index writer consumes them.

        The writer holds the index's lock (across processes) while it reads,
        so what it writes is the store's latest state, never an older one that
        another process has since replaced.
        """
        hashes = self.store.content_hashes(ids)
        for article in self.store.iter_articles(ids):
            state: EntityState = "pending" if article.entities is None else "done"
            yield index_doc(article, state, hashes.get(article.id, ""))

    # reading ---------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    def search(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        sort: SortOrder = "rank",
        limit: int = 20,
        offset: int = 0,
        dates: bool = False,
    ) -> SearchResults:
        """Answer ``query``; never raises for any query string (problems go in ``error``).
        ``dates`` counts the matches per date too (the interface's timeline)."""
        return self.engine.search(SearchRequest(query, filters, sort, limit, offset, dates))

    def article_at(self, path: Path) -> Article | None:
        """The corpus's article read from the file ``path``, if it is one."""
        from reader.corpus.pipeline import article_id

        return self.store.get(article_id(relative_path(Path(path), self.root)))

    def more_like(
        self,
        text: str,
        *,
        lang: str | None = None,
        exclude_id: str | None = None,
        filters: Filters | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """The articles closest to ``text`` (a passage), by its most telling words.

        ``lang`` is the text's language (detected when None); ``exclude_id``
        an article not to return, such as the one the passage is from.
        """
        request = SimilarRequest(text, lang, exclude_id, filters, limit, offset)
        return self.engine.more_like(request)

    def more_like_article(
        self, article: Article, *, filters: Filters | None = None, limit: int = 20, offset: int = 0
    ) -> SearchResults:
        """The other articles closest to ``article``."""
        text = f"{article.title}\n\n{article.clean_text}"
        request = SimilarRequest(text, article.lang, article.id, filters, limit, offset)
        return self.engine.more_like(request)

    def highlight_ranges(self, query: str, article: Article) -> list[tuple[int, int]]:
        """Where ``query`` matches the article's clean text, as offsets into ``article.text``."""
        ranges = self.engine.highlight_ranges(query, article.clean_text, article.lang)
        return [article.clean_range_to_text(start, end) for start, end in ranges]

    def quotes_by(self, name: str, limit: int = 100) -> list[tuple[QuoteSource, Quote]]:
        """Up to ``limit`` quotations of the person (or body) ``name`` across the corpus,
        newest article first, each article's in text order.

        ``name`` is a speaker's name, part of it (a surname) or an entity key,
        matched as ``said:"name"`` matches (case and accents folded, its
        words in a row in the speaker's name or key). Only articles whose
        entities are done have quotations.
        """
        from reader.indexing.quoted import quotes_by

        return quotes_by(self, name, limit)

    def entity_article_counts(self, keys: Sequence[str]) -> dict[str, int]:
        return self.store.entity_article_counts(keys)

    def related(self, article_id: str, limit: int = 5) -> list[tuple[str, str, int]]:
        return self.store.related(article_id, limit)

    def stats(self) -> dict[str, int]:
        return {"articles": self.store.count(), "pending_entities": self.pending_entities()}
