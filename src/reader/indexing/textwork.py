"""The text phase's reading, cleaning and index writing, in worker processes.

On two cores the text phase of a large corpus was one busy process. Here two
spawned workers read and parse the files while the parent waits for the
corpus statistics; then each worker cleans a share of the articles and
hands their index documents to the engine's ``BatchWriter`` (for Whoosh, a
whole index segment of its own), returning the store rows (JSON encoded
there) and the written batch. The parent writes the rows to the store and
adds each batch to the engine in input order, so the outcome is the same as
in one process, where the same cleaning gives index documents that the
parent adds itself. Used only for
large runs (see ``MIN_FILES``); ``spawn`` because the interface runs the
text phase from a thread, and forking a multi-threaded process is unsafe.
"""

from __future__ import annotations

import pickle
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from reader.corpus import ingest, pipeline
from reader.indexing.procs import spawn_pool, submit_ahead, terminate_pool
from reader.indexing.scratch import scratch_folder

if TYPE_CHECKING:
    from reader.cleaning import LineStats
    from reader.indexing.store import ArticleRow
    from reader.search.engine import BatchWriter, SearchEngine, WrittenBatch
    from reader.search.model import IndexDoc

#: Below this many files to read, one process is faster than starting workers.
MIN_FILES = 1000
WORKERS = 2
#: Files per reading task.
READ_CHUNK = 200
#: Articles per store and index commit in this process.
BATCH = 2000
#: A run's articles are written as this many batches (see ``segment_chunks``):
#: few enough that whoosh's tiered merge (its backend's writing) leaves their segments alone,
#: enough to keep both workers busy until the end. Fewer for small runs, so
#: that a segment has about ``MIN_SEGMENT`` articles or more.
SEGMENTS = 6
MIN_SEGMENT = 250
#: Cleaning and indexing an article costs about as much as this many characters
#: of its text on top of them (timed per segment at 10,000 articles: about
#: 1.2 ms an article and 0.6 s a million characters).
ARTICLE_COST_CHARS = 2000
#: Segments being written or waiting for the parent at once.
SEGMENTS_AHEAD = 4
STATS_FILE = "line-stats.pickle"


@dataclass(slots=True, frozen=True)
class ReadTask:
    """One file to read: what the parent knows about it."""

    path: Path
    relpath: str
    known_hash: str | None  # content hash stored for this path, if any
    site: str | None
    manifest_lang: str | None


#: What reading one file gives: a reason it was skipped, "same" (bytes
#: unchanged since stored), or the parsed file.
ReadResult = ingest.Skipped | str | pipeline.ParsedFile
UNCHANGED = "same"


def read_one(task: ReadTask) -> ReadResult:
    source = ingest.read_article_file(task.path)
    if isinstance(source, ingest.Skipped):
        return source
    if task.known_hash is not None and task.known_hash == source.content_hash:
        return UNCHANGED
    parsed = pipeline.parse(source, task.relpath, task.site)
    if parsed.lang == "unknown" and task.manifest_lang:
        parsed.lang = task.manifest_lang
    return parsed


def _read_chunk(tasks: list[ReadTask]) -> list[ReadResult]:
    return [read_one(task) for task in tasks]


@dataclass(slots=True)
class FinishedChunk:
    """Cleaned articles in input order: store rows, and either index documents or a batch."""

    rows: list[ArticleRow]
    docs: list[IndexDoc]  # to add to the index (in-process work), or none when
    batch: WrittenBatch | None  # a worker wrote them as this batch already


def finish_one(item: pipeline.ParsedFile, stats: LineStats) -> tuple[ArticleRow, IndexDoc]:
    """The cleaned article's store row and its index document."""
    from reader.indexing.docs import index_doc
    from reader.indexing.store import ArticleRow

    article = pipeline.finish(item, stats)
    return ArticleRow.of(article), index_doc(article, "pending", item.content_hash)


def _finish_chunk(stats: LineStats, items: list[pipeline.ParsedFile]) -> FinishedChunk:
    rows, docs = [], []
    for item in items:
        row, doc = finish_one(item, stats)
        rows.append(row)
        docs.append(doc)
    return FinishedChunk(rows, docs, None)


def _batch_chunk(
    writer: BatchWriter, stats_file: str, items: list[pipeline.ParsedFile]
) -> FinishedChunk:
    """In a worker: clean ``items`` and write their index documents as one batch."""
    chunk = _finish_chunk(_stats_at(stats_file), items)
    return FinishedChunk(chunk.rows, [], writer.write(chunk.docs))


def _clean_chunk(stats_file: str, items: list[pipeline.ParsedFile]) -> FinishedChunk:
    """In a worker: clean ``items``; their index documents go back to the parent."""
    return _finish_chunk(_stats_at(stats_file), items)


@lru_cache(maxsize=1)
def _stats_at(path: str) -> LineStats:
    """The statistics of one run, read once per worker."""
    return pickle.loads(Path(path).read_bytes())


def segment_chunks(
    items: list[pipeline.ParsedFile], segments: int = SEGMENTS
) -> Iterator[list[pipeline.ParsedFile]]:
    """``items`` in order, cut into about ``segments`` runs of equal cost.

    The cost of cleaning and indexing an article grows with its length (see
    ``ARTICLE_COST_CHARS``), and neighbouring files are often alike (one
    site's long features together), so equal counts left one worker idle for
    seconds at the end. Equal text lengths still did (the last two segments
    of 10,000 articles ended 1-2 s apart: short articles cost more than their
    length says). Runs of falling size, to end on a small pair, were slower:
    a large segment costs more than its share (whoosh holds all its postings
    in memory).
    """
    count = min(segments, max(1, len(items) // MIN_SEGMENT))
    share = sum(len(item.text) + ARTICLE_COST_CHARS for item in items) / count
    chunk: list[pipeline.ParsedFile] = []
    cost = 0
    done = 0  # chunks yielded
    for item in items:
        chunk.append(item)
        cost += len(item.text) + ARTICLE_COST_CHARS
        if done < count - 1 and cost >= share * (done + 1):
            yield chunk
            chunk = []
            done += 1
    if chunk:
        yield chunk


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class InProcess:
    """The same work as ``TextWorkers``, done here (small runs)."""

    def read(self, tasks: list[ReadTask]) -> Iterator[ReadResult]:
        return map(read_one, tasks)

    def finish(
        self,
        stats: LineStats,
        items: list[pipeline.ParsedFile],
        cancelled: Callable[[], bool] = lambda: False,
        segments: int = SEGMENTS,
    ) -> Iterator[FinishedChunk]:
        for chunk in _chunks(items, BATCH):
            if cancelled():
                return
            yield _finish_chunk(stats, chunk)

    clean = finish


@contextmanager
def work_for(
    files: int, engine: SearchEngine, index_dir: Path
) -> Iterator[InProcess | TextWorkers]:
    """Worker processes when there are ``MIN_FILES`` files or more to read, else this process.

    The workers write their batches through ``engine`` in a scratch folder inside ``index_dir``.
    """
    if files < MIN_FILES:
        yield InProcess()
        return
    with TextWorkers(engine, index_dir) as workers:
        yield workers


class TextWorkers:
    """Worker processes for reading, cleaning and writing batches; use as a context manager."""

    def __init__(self, engine: SearchEngine, index_dir: Path, workers: int = WORKERS) -> None:
        self._engine = engine
        self._index_dir = index_dir
        self._executor = spawn_pool(workers)

    def __enter__(self) -> TextWorkers:
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if exc_type is None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        else:  # cancelled or failed: what the workers hold is not wanted
            terminate_pool(self._executor)

    def read(self, tasks: list[ReadTask]) -> Iterator[ReadResult]:
        """The result of each task, in order (every worker busy)."""
        futures = [
            self._executor.submit(_read_chunk, chunk) for chunk in _chunks(tasks, READ_CHUNK)
        ]
        for future in futures:
            yield from future.result()

    def finish(
        self,
        stats: LineStats,
        items: list[pipeline.ParsedFile],
        cancelled: Callable[[], bool] = lambda: False,
        segments: int = SEGMENTS,
    ) -> Iterator[FinishedChunk]:
        """The cleaned articles in order, cut into about ``segments`` chunks each written as
        one batch by a worker; fewer when ``cancelled()`` turns true."""
        chunks = list(segment_chunks(items, segments))
        return self._in_workers(stats, chunks, cancelled, batches=True)

    def clean(
        self,
        stats: LineStats,
        items: list[pipeline.ParsedFile],
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Iterator[FinishedChunk]:
        """The cleaned articles in order with their index documents, no batch written
        (articles most of which the index holds already, as ``InProcess.finish`` gives them)."""
        return self._in_workers(stats, list(_chunks(items, READ_CHUNK)), cancelled, batches=False)

    def _in_workers(
        self,
        stats: LineStats,
        chunks: list[list[pipeline.ParsedFile]],
        cancelled: Callable[[], bool],
        *,
        batches: bool,
    ) -> Iterator[FinishedChunk]:
        finished = 0
        with scratch_folder(self._index_dir) as scratch:
            try:
                # A name of its own: a worker keeps the last statistics it read by their path.
                stats_file = scratch / f"{uuid.uuid4().hex}-{STATS_FILE}"
                stats_file.write_bytes(pickle.dumps(stats, pickle.HIGHEST_PROTOCOL))
                if batches:
                    writer = self._engine.batch_writer(scratch)
                    work = partial(_batch_chunk, writer, str(stats_file))
                else:
                    work = partial(_clean_chunk, str(stats_file))
                tasks = [(None, chunk) for chunk in chunks]
                stream = submit_ahead(self._executor, work, tasks, SEGMENTS_AHEAD, cancelled)
                for _none, chunk in stream:
                    yield chunk
                    finished += 1
            finally:
                if finished < len(chunks):  # stop the workers before their folder goes
                    terminate_pool(self._executor)
