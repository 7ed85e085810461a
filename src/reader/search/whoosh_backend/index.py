"""WhooshEngine: a corpus's Whoosh index behind the ``SearchEngine`` interface.

All whoosh work happens behind it. Two locks: one serialises writers, the
other guards the shared searcher (not safe to use from two threads at once).
A search therefore never waits for a batch being analysed and written, only
for the moment the new segments are swapped in.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..engine import CurrentCheck, SearchRequest, SimilarRequest, WrittenBatch
from ..model import IndexDoc, SearchResults
from ..query import parse_query
from .segments import SegmentWriter, WrittenSegment
from .writing import WRITER_LIMIT_MB, cancel_quietly

if TYPE_CHECKING:
    from .bm25f import PostingsCache
    from .entindex import EntityView
    from .facets import FacetCache
    from .ranking import LengthCache
    from .vocab import Vocabulary, WordCollector

log = logging.getLogger(__name__)

WRITER_TIMEOUT_S = 10.0


class WhooshEngine:
    """A full-text index of articles in ``index_dir`` (created, checked, rebuilt as needed).

    Two whoosh indexes: the main one (text, dates, sources) in ``index_dir``
    and the entities index (see entindex) in its ``entities`` folder, so the
    entity phase writes small entity documents instead of re-adding articles.
    Writers lock the main index before the entities index, in every process.
    """

    def __init__(self, index_dir: Path, ix, entity_ix, rebuilt: str | None) -> None:
        from .entindex import ENTITY_DIR

        self.index_dir = index_dir
        self.entity_dir = index_dir / ENTITY_DIR
        self.rebuilt = rebuilt
        self._ix = ix
        self._entity_ix = entity_ix
        self._write_lock = threading.Lock()
        self._entity_write_lock = threading.Lock()
        self._read_lock = threading.RLock()
        self._searcher: Any = None  # whoosh's Searcher
        self._entity_searcher: Any = None
        self._view: EntityView | None = None
        self._facets: FacetCache | None = None
        self._lengths: LengthCache | None = None
        self._postings: PostingsCache | None = None  # outlives searchers (see bm25f)
        self._vocab: Vocabulary | None = None
        self._searched = False  # a search ran in this process (see ``_commit``)

    # ------------------------------------------------------------ opening

    @classmethod
    def open(cls, index_dir: Path) -> WhooshEngine:
        """Open both indexes, creating them if missing and rebuilding (empty) what is unusable.

        A rebuilt main index takes the entities index with it; a rebuilt
        entities index alone leaves every article pending until the store's
        entities are written back (sync's refill).
        """
        from .entindex import ENTITY_DIR
        from .storage import IndexDamaged, wipe
        from .viewfile import install

        install()  # segment files read in place, not copied into memory

        index_dir = Path(index_dir)
        entity_dir = index_dir / ENTITY_DIR
        entity_dir.mkdir(parents=True, exist_ok=True)
        try:
            ix, why = _open_checked(index_dir, entities=False)
        except IndexDamaged as exc:
            why = f"{exc}; rebuilt"  # reported through ``rebuilt`` (once, by whoever opened it)
            log.info("search index in %s: %s", index_dir, why)
            wipe(index_dir)
            wipe(entity_dir)
            ix = _create(index_dir, entities=False)
        try:
            entity_ix, _ = _open_checked(entity_dir, entities=True)
        except IndexDamaged as exc:
            log.info("entity index in %s: %s; rebuilt", entity_dir, exc)
            why = why or f"entity index: {exc}; rebuilt"
            wipe(entity_dir)
            entity_ix = _create(entity_dir, entities=True)
        return cls(index_dir, ix, entity_ix, why)

    def close(self) -> None:
        with self._write_lock, self._entity_write_lock, self._read_lock:
            self._drop_searchers(main=True)
            self._ix.close()
            self._entity_ix.close()

    def __enter__(self) -> WhooshEngine:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Add or replace documents by id, with their entities ("done") or none ("pending").

        One commit per index: the entities index's first, so a process killed
        between the two leaves a main document whose entities do not match
        its content hash, which ``stored()`` reports as pending.
        """
        self._add(docs)

    def batch_writer(self, scratch: Path) -> SegmentWriter:
        """Workers write whole segments under ``scratch`` (see segments)."""
        return SegmentWriter(scratch)

    def add_batch(self, batch: WrittenBatch, current: CurrentCheck) -> None:
        """Add a segment written by a worker (``SegmentWriter``), replacing older versions.

        Its documents are "pending" (no entities). ``current`` is called under
        the index lock with the segment's (id, content hash) pairs; the ids it
        returns are no longer current (another process replaced them
        meanwhile): they are deleted from the segment and the documents it
        gives in their place are written instead.
        """
        if not isinstance(batch, WrittenSegment):
            raise TypeError(f"not a batch of this engine: {type(batch).__name__}")
        self._add((), batch, current)

    def _add(
        self,
        docs: Iterable[IndexDoc],
        written: WrittenSegment | None = None,
        current: CurrentCheck | None = None,
    ) -> None:
        from .analysis import lang_group
        from .schema import doc_fields
        from .vocab import WordCollector

        with self._write_lock, self._entity_write_lock:
            vocab = self._vocabulary()
            words = WordCollector()
            writer, entity_writer = self._writers()
            try:
                with _EntityWrites(entity_writer) as entities:
                    if written is not None and current is not None:
                        docs = _take_segment(writer, entities, written, current, words)
                    for doc in docs:
                        writer.update_document(**doc_fields(doc))
                        entities.write(doc)
                        words.add(lang_group(doc.lang), doc.title, doc.body)
                new_words = {g: vocab.new_words(g, w) for g, w in words.folded().items()}
                with self._read_lock:
                    for group, fresh in new_words.items():
                        vocab.append(group, fresh)
                self._finish_entities(entity_writer, entities.changed)
                if written is not None:
                    for path in written.files():
                        os.replace(path, self.index_dir / path.name)
            except BaseException:
                cancel_quietly(writer, entity_writer)
                raise
            self._commit(writer)

    def add_entities(self, docs: Iterable[IndexDoc]) -> None:
        """Write only the entity documents of ``docs`` (the entity phase), in one commit.

        A "done" document's entities replace the id's entity document; a
        "pending" one removes it. The main index is not touched: its
        documents must already hold the same content hash for the entities to count.
        """
        with self._entity_write_lock:
            writer = self._writer(entities=True)
            try:
                with _EntityWrites(writer) as entities:
                    for doc in docs:
                        entities.write(doc)
                self._finish_entities(writer, entities.changed)
            except BaseException:
                cancel_quietly(writer)
                raise

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self._write_lock, self._entity_write_lock:
            writer, entity_writer = self._writers()
            try:
                with _EntityWrites(entity_writer) as entities:
                    for doc_id in ids:
                        writer.delete_by_term("id", doc_id)
                        entities.delete(doc_id)
                self._finish_entities(entity_writer, entities.changed)
            except BaseException:
                cancel_quietly(writer, entity_writer)
                raise
            self._commit(writer)

    def optimize(self) -> bool:
        """Merge each index into one segment (call when a bulk load has finished).

        A query builds matchers and reads postings once per segment, so one
        segment answers faster than the several that batched commits leave.
        Holds the writer locks (and whoosh's) for the whole merge; readers
        keep searching the old segments meanwhile. Returns whether the main
        index merged (False when it already was one segment without deletions).
        Slow: whoosh rewrites every posting in Python (about 50 s at 10,000
        articles on a 2-core machine). TimeoutError if another process keeps
        the index locked.
        """
        from whoosh.writing import OPTIMIZE

        with self._write_lock, self._entity_write_lock:
            writer = self._writer()
            merged = _worth_merging(writer)
            if merged:
                self._commit(writer, mergetype=OPTIMIZE)
            else:
                writer.cancel()
            entity_writer = self._writer(entities=True)
            if _worth_merging(entity_writer):
                self._commit(entity_writer, mergetype=OPTIMIZE, entities=True)
            else:
                entity_writer.cancel()
            return merged

    def _writer(self, *, entities: bool = False):
        """A whoosh writer of the main (or entities) index; TimeoutError if another
        live process keeps that index locked.

        Whoosh's lock is an flock, released by the OS when its holder dies, so
        a lock file left by a killed process never blocks us.
        """
        from whoosh.index import LockError

        from .writing import open_writer

        ix, folder = (self._entity_ix, self.entity_dir) if entities else (self._ix, self.index_dir)
        try:
            return open_writer(ix, limitmb=WRITER_LIMIT_MB, timeout=WRITER_TIMEOUT_S, delay=0.05)
        except LockError as exc:
            raise TimeoutError(f"search index {folder} is locked by another process") from exc

    def _writers(self) -> tuple:
        """Writers of the main index and of the entities index, locked in that order."""
        writer = self._writer()
        try:
            return writer, self._writer(entities=True)
        except BaseException:
            writer.cancel()
            raise

    def _finish_entities(self, writer, changed: bool) -> None:
        if changed:
            self._commit(writer, entities=True)
        else:
            writer.cancel()

    def _commit(self, writer, mergetype=None, *, entities: bool = False) -> None:
        """Commit ``writer`` (of the entities index when ``entities``) and drop stale searchers."""
        from .storage import write_manifest
        from .writing import tiered_merge

        try:
            writer.commit(mergetype=mergetype or tiered_merge)
        except BaseException:  # a full disk: release whoosh's lock and open files
            cancel_quietly(writer)
            raise
        folder = self.entity_dir if entities else self.index_dir
        write_manifest(folder, _version_of(entities=entities))
        with self._read_lock:
            self._drop_searchers(main=not entities)
            if entities and self._searched:
                # Seen anew here, in the entity phase's thread, not by the next search: at
                # 100,000 articles the view took 0.2-0.4 s, paid every 200 articles by the
                # first keystroke after the commit. (Not for a process that never searches.)
                self._current()

    def _drop_searchers(self, *, main: bool) -> None:
        """Close the entities searcher (and the main one): reopened on next use.

        (whoosh's refresh() fails on an empty index.)
        """
        searchers = [self._entity_searcher] + ([self._searcher] if main else [])
        for searcher in searchers:
            if searcher is not None:
                searcher.close()
        self._entity_searcher = None
        if main:
            self._searcher = None
        self._view = None
        self._facets = None

    # ------------------------------------------------------------ reading

    def _current(self) -> tuple[Any, FacetCache, LengthCache, EntityView]:
        """The shared searcher and its facet and length caches (opened on first use).

        Also brings ``self._view`` (the entities index seen from this main
        searcher) up to date.
        """
        from .entindex import EntityView
        from .facets import FacetCache
        from .ranking import LengthCache

        if self._searcher is None:
            self._searcher = self._ix.searcher()
        if self._entity_searcher is None:
            self._entity_searcher = self._entity_ix.searcher()
        view = self._view
        if view is None or view.main_searcher is not self._searcher:
            view = self._view = EntityView(self._searcher, self._entity_searcher)
        if self._facets is None or self._facets.entities is not view:
            self._facets = FacetCache(self._searcher, view)
        if self._postings is None:
            from .bm25f import PostingsCache

            self._postings = PostingsCache()
        if self._lengths is None or self._lengths.searcher is not self._searcher:
            self._lengths = LengthCache(self._searcher, self._postings)
        return self._searcher, self._facets, self._lengths, view

    def _vocabulary(self) -> Vocabulary:
        from .vocab import Vocabulary

        with self._read_lock:
            if self._vocab is None:
                self._vocab = Vocabulary(self.index_dir)
            return self._vocab

    def stored(self) -> dict[str, tuple[str, str]]:
        """id -> (content_hash, entity_state) of every indexed document.

        The state is "done" only when the entities index holds entities for
        the document's current content hash.
        """
        with self._read_lock:
            return self._current()[3].stored()

    def doc_count(self) -> int:
        with self._read_lock:
            return self._current()[0].doc_count()

    def version(self) -> str:
        """Both indexes' generations and segments (segment ids are random: a rebuilt index
        never repeats an old token)."""

        def of(ix) -> str:
            toc = ix._read_toc()
            return f"{toc.generation}:" + ",".join(sorted(s.segment_id() for s in toc.segments))

        with self._read_lock:
            return f"{of(self._ix)}|{of(self._entity_ix)}"

    def search(self, request: SearchRequest) -> SearchResults:
        """Run a query; never raises for any query string (problems go in ``error``)."""
        from .searching import run_search

        started = time.perf_counter()
        with self._read_lock:
            self._searched = True
            searcher, facets, lengths, view = self._current()
            try:
                results = run_search(
                    searcher,
                    facets,
                    lengths,
                    view,
                    self._vocabulary(),
                    request.query,
                    request.filters,
                    request.sort,
                    request.limit,
                    request.offset,
                    request.dates,
                )
            except Exception as exc:  # the promise is: an answer, never a traceback
                log.exception("search failed for %r", request.query)
                results = SearchResults(request.query, [], 0, {}, error=f"search failed: {exc}")
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results

    def more_like(self, request: SimilarRequest) -> SearchResults:
        """The articles closest to a text, by its most telling words (see similar)."""
        from .similar import run_similar

        started = time.perf_counter()
        with self._read_lock:
            searcher, facets, lengths, view = self._current()
            try:
                results = run_similar(searcher, facets, lengths, view, request)
            except Exception as exc:  # the promise is: an answer, never a traceback
                log.exception("more like this failed")
                results = SearchResults("", [], 0, {}, error=f"search failed: {exc}")
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results

    def highlight_ranges(self, query: str, text: str, lang: str) -> list[tuple[int, int]]:
        """Character ranges of ``text`` that the query's words match (index analysis);
        of a passage, its most telling words only, as in the snippets."""
        from .analysis import lang_group
        from .highlight import QueryMatcher

        parsed = parse_query(query)
        marked = parsed.root
        if parsed.passage:
            from .analysis import LANGS
            from .searching import searched_groups
            from .similar import marked_words

            with self._read_lock:
                searcher, _facets, lengths, _view = self._current()
                groups = searched_groups(parsed, query, lengths.present_groups(LANGS))
                marked = marked_words(searcher.reader(), lengths, query, groups)
        return QueryMatcher(marked).ranges(text, lang_group(lang))

    def name_matches(self, name: str, text: str) -> bool:
        """Whether ``name``'s folded words stand in a row in ``text``'s (see build.names_match)."""
        from .build import names_match

        return names_match(name, text)


class _EntityWrites:
    """Entity documents written through one writer, with one searcher for its deletions."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer
        self.searcher: Any = None
        self.changed = False

    def __enter__(self) -> _EntityWrites:
        self.searcher = self.writer.searcher()
        return self

    def __exit__(self, *exc_info) -> None:
        self.searcher.close()

    def delete(self, doc_id: str) -> None:
        if self.writer.delete_by_term("id", doc_id, searcher=self.searcher):
            self.changed = True

    def write(self, doc: IndexDoc) -> None:
        """The document's entities (and quotations) when "done" or given; none (an older
        version's removed) else."""
        from .entindex import entity_fields

        self.delete(doc.id)
        if doc.entity_state == "done" or doc.quotes or any(doc.entities.values()):
            self.writer.add_document(**entity_fields(doc))
            self.changed = True


def _take_segment(
    writer,
    entities: _EntityWrites,
    written: WrittenSegment,
    current: CurrentCheck,
    words: WordCollector,
) -> Iterable[IndexDoc]:
    """Queue ``written`` for the writer's commit; returns the documents to write in place of its
    stale ones. Older versions of its documents (and their entities) are deleted.
    """
    stale, replacements = current(written.versions)
    for docnum, (doc_id, _content_hash) in enumerate(written.versions):
        writer.delete_by_term("id", doc_id)
        entities.delete(doc_id)
        if doc_id in stale:
            written.segment.delete_document(docnum)
    words.update(written.words)
    writer.incoming = [written.segment]
    return replacements


def _worth_merging(writer) -> bool:
    segments = writer.segments
    return len(segments) > 1 or (len(segments) == 1 and segments[0].has_deletions())


def _version_of(*, entities: bool) -> int:
    """The schema version of the main (or entities) index: each is rebuilt on its own."""
    from .entindex import ENTITY_SCHEMA_VERSION
    from .schema import SCHEMA_VERSION

    return ENTITY_SCHEMA_VERSION if entities else SCHEMA_VERSION


def _create(index_dir: Path, *, entities: bool):
    from whoosh import index

    from .entindex import entity_schema
    from .schema import build_schema
    from .storage import INDEX_NAME, write_manifest

    schema = entity_schema() if entities else build_schema()
    ix = index.create_in(str(index_dir), schema, indexname=INDEX_NAME)
    write_manifest(index_dir, _version_of(entities=entities))
    return ix


def _open_checked(index_dir: Path, *, entities: bool):
    """Open an existing index (the entities index when ``entities``) after checking it,
    or create a new one.

    Returns (index, message or None); raises IndexDamaged when it must be rebuilt.
    """
    from whoosh import index

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
        return _create(index_dir, entities=entities), None
    if manifest is None:  # written right after creation: a process killed in between
        raise IndexDamaged("index was left unfinished (no manifest)")
    wanted = _version_of(entities=entities)
    version = manifest.get("schema_version")
    if version != wanted:
        newer = isinstance(version, int) and version > wanted
        raise IndexDamaged(f"index was from {'a newer' if newer else 'an older'} schema version")
    ix = None
    try:
        ix = index.open_dir(str(index_dir), indexname=INDEX_NAME)
        problem = manifest_problem(index_dir, manifest)
        needs_vocab = not entities  # prefix, fuzzy and did-you-mean need the main one's
        if problem is not None and needs_vocab and VOCAB_PREFIX in problem and "missing" in problem:
            raise IndexDamaged(problem)
        if problem is not None:
            log.info("search index: %s; checking it in depth", problem)
            deep_check(ix)
            write_manifest(index_dir, wanted)
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
