"""SearchIndex: the one object the rest of the program talks to.

All whoosh work happens behind it. Two locks: one serialises writers, the
other guards the shared searcher (not safe to use from two threads at once).
A search therefore never waits for a batch being analysed and written, only
for the moment the new segments are swapped in.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Filters, IndexDoc, SearchResults
from .query import parse_query

if TYPE_CHECKING:
    from .vocab import Vocabulary

log = logging.getLogger(__name__)

WRITER_LIMIT_MB = 128
WRITER_TIMEOUT_S = 10.0


class SearchIndex:
    """A full-text index of articles in ``index_dir`` (created, checked, rebuilt as needed)."""

    def __init__(self, index_dir: Path, ix, rebuilt: str | None) -> None:
        self.index_dir = index_dir
        self.rebuilt = rebuilt
        self._ix = ix
        self._write_lock = threading.Lock()
        self._read_lock = threading.RLock()
        self._searcher = None
        self._facets = None
        self._lengths = None
        self._vocab: Vocabulary | None = None

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, index_dir: Path) -> SearchIndex:
        """Open the index, creating it if missing and rebuilding it (empty) if unusable."""
        from .storage import IndexDamaged, wipe

        index_dir = Path(index_dir)
        index_dir.mkdir(parents=True, exist_ok=True)
        try:
            ix, why = _open_checked(index_dir)
        except IndexDamaged as exc:
            why = f"{exc}; rebuilt"
            log.warning("search index in %s: %s", index_dir, why)
            wipe(index_dir)
            ix = _create(index_dir)
        return cls(index_dir, ix, why)

    def close(self) -> None:
        with self._write_lock, self._read_lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._ix.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Add or replace documents by id, in one commit."""
        from .analysis import lang_group
        from .schema import doc_fields

        with self._write_lock:
            vocab = self._vocabulary()
            texts: dict[str, list[str]] = {}
            writer = self._writer()
            try:
                for doc in docs:
                    writer.update_document(**doc_fields(doc))
                    texts.setdefault(lang_group(doc.lang), []).extend((doc.title, doc.body))
                new_words = {g: vocab.new_words(g, batch) for g, batch in texts.items()}
            except BaseException:
                writer.cancel()
                raise
            with self._read_lock:
                for group, words in new_words.items():
                    vocab.append(group, words)
            self._commit(writer)

    def delete(self, ids: Iterable[str]) -> None:
        with self._write_lock:
            writer = self._writer()
            try:
                for doc_id in ids:
                    writer.delete_by_term("id", doc_id)
            except BaseException:
                writer.cancel()
                raise
            self._commit(writer)

    def optimize(self) -> bool:
        """Merge the whole index into one segment (call when a bulk load has finished).

        A query builds matchers and reads postings once per segment, so one
        segment answers faster than the several that batched commits leave.
        Holds the writer lock (and whoosh's lock) for the whole merge; readers
        keep searching the old segments meanwhile. Returns whether it merged
        (False when the index already was one segment without deletions).
        Slow: whoosh rewrites every posting in Python (about 50 s at 10,000
        articles on a 2-core machine). TimeoutError if another process keeps
        the index locked.
        """
        from whoosh.writing import OPTIMIZE

        with self._write_lock:
            writer = self._writer()
            segments = writer.segments
            if len(segments) == 0 or (len(segments) == 1 and not segments[0].has_deletions()):
                writer.cancel()
                return False
            self._commit(writer, mergetype=OPTIMIZE)
            return True

    def _writer(self):
        """A whoosh writer; TimeoutError if another live process keeps the index locked.

        Whoosh's lock is an flock, released by the OS when its holder dies, so
        a lock file left by a killed process never blocks us.
        """
        from whoosh.index import LockError

        from .writing import open_writer

        try:
            return open_writer(
                self._ix, limitmb=WRITER_LIMIT_MB, timeout=WRITER_TIMEOUT_S, delay=0.05
            )
        except LockError as exc:
            raise TimeoutError(
                f"search index {self.index_dir} is locked by another process"
            ) from exc

    def _commit(self, writer, mergetype=None) -> None:
        from .schema import SCHEMA_VERSION
        from .storage import write_manifest
        from .writing import tiered_merge

        writer.commit(mergetype=mergetype or tiered_merge)
        write_manifest(self.index_dir, SCHEMA_VERSION)
        with self._read_lock:
            if self._searcher is not None:  # reopened on next use (refresh() fails on empty)
                self._searcher.close()
                self._searcher = None
            self._facets = None

    # ------------------------------------------------------------ reading

    def _current(self):
        """The shared searcher and its facet and length caches (opened on first use)."""
        from .facets import FacetCache
        from .ranking import LengthCache

        if self._searcher is None:
            self._searcher = self._ix.searcher()
        if self._facets is None or self._facets.searcher is not self._searcher:
            self._facets = FacetCache(self._searcher)
            self._lengths = LengthCache(self._searcher)
        return self._searcher, self._facets, self._lengths

    def _vocabulary(self) -> Vocabulary:
        from .vocab import Vocabulary

        with self._read_lock:
            if self._vocab is None:
                self._vocab = Vocabulary(self.index_dir)
            return self._vocab

    def stored(self) -> dict[str, tuple[str, str]]:
        """id -> (content_hash, entity_state) of every indexed document."""
        with self._read_lock:
            reader = self._current()[0].reader()
            found: dict[str, tuple[str, str]] = {}
            if not reader.has_column("meta"):
                return found
            column = reader.column_reader("meta")
            for docnum in reader.all_doc_ids():
                parts = column[docnum].decode("utf-8").rsplit("\t", 2)
                if len(parts) == 3:
                    found[parts[0]] = (parts[1], parts[2])
            return found

    def doc_count(self) -> int:
        with self._read_lock:
            return self._current()[0].doc_count()

    def search(
        self,
        query: str,
        *,
        filters: Filters | None = None,
        sort: str = "rank",
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Run a query; never raises for any query string (problems go in ``error``)."""
        from .searching import run_search

        started = time.perf_counter()
        with self._read_lock:
            searcher, facets, lengths = self._current()
            try:
                results = run_search(
                    searcher,
                    facets,
                    lengths,
                    self._vocabulary(),
                    query,
                    filters,
                    sort,
                    limit,
                    offset,
                )
            except Exception as exc:  # the promise is: an answer, never a traceback
                log.exception("search failed for %r", query)
                results = SearchResults(query, [], 0, {}, error=f"search failed: {exc}")
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results

    def highlight_ranges(self, query: str, text: str, lang: str) -> list[tuple[int, int]]:
        """Character ranges of ``text`` that the query's words match (index analysis)."""
        from .analysis import lang_group
        from .highlight import QueryMatcher

        return QueryMatcher(parse_query(query).root).ranges(text, lang_group(lang))


def _create(index_dir: Path):
    from whoosh import index

    from .schema import SCHEMA_VERSION, build_schema
    from .storage import INDEX_NAME, write_manifest

    ix = index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)
    write_manifest(index_dir, SCHEMA_VERSION)
    return ix


def _open_checked(index_dir: Path):
    """Open an existing index after checking it, or create a new one.

    Returns (index, message or None); raises IndexDamaged when it must be rebuilt.
    """
    from whoosh import index

    from .schema import SCHEMA_VERSION
    from .storage import (
        INDEX_NAME,
        IndexDamaged,
        deep_check,
        manifest_problem,
        read_manifest,
        write_manifest,
    )
    from .vocab import VOCAB_PREFIX

    manifest = read_manifest(index_dir)
    try:
        exists = index.exists_in(str(index_dir), indexname=INDEX_NAME)
    except Exception as exc:  # a garbage table of contents raises here
        raise IndexDamaged(f"index was unreadable ({type(exc).__name__})") from exc
    if not exists:
        if manifest is not None and manifest.get("files"):
            raise IndexDamaged("index files were missing")
        return _create(index_dir), None
    version = manifest.get("schema_version") if manifest is not None else None
    if version != SCHEMA_VERSION:
        newer = isinstance(version, int) and version > SCHEMA_VERSION
        raise IndexDamaged(f"index was from {'a newer' if newer else 'an older'} schema version")
    ix = None
    try:
        ix = index.open_dir(str(index_dir), indexname=INDEX_NAME)
        problem = manifest_problem(index_dir, manifest)
        if problem is not None and VOCAB_PREFIX in problem and "missing" in problem:
            raise IndexDamaged(problem)  # prefix, fuzzy and did-you-mean need it
        if problem is not None:
            log.info("search index: %s; checking it in depth", problem)
            deep_check(ix)
            write_manifest(index_dir, SCHEMA_VERSION)
        with ix.searcher() as searcher:
            searcher.doc_count()
    except Exception as exc:
        if ix is not None:
            _close_quietly(ix)
        if isinstance(exc, IndexDamaged):
            raise
        raise IndexDamaged(f"index was unreadable ({type(exc).__name__})") from exc
    return ix, None


def _close_quietly(ix) -> None:
    try:
        ix.close()
    except Exception:  # closing a damaged index may fail too; it is wiped next
        log.debug("closing damaged index failed", exc_info=True)
