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

The parent, which is the interface on a first launch, holds no article
text: a worker keeps the files it parsed in the run's scratch folder and
returns a ``ParsedRef`` of each (what the statistics count, its language);
the worker that cleans them loads them from there, and writes the store
rows of a large batch there too, for the parent to read a few at a time.
Holding the parsed files and rows of a run of 100,000 files took the parent
to 5 GB.
"""

from __future__ import annotations

import pickle
import uuid
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

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
#: Store rows per pickle in a worker's rows file: what the parent holds at once.
ROWS_PER_PICKLE = 500

Item = TypeVar("Item", bound="pipeline.ReadFile")


@dataclass(slots=True, frozen=True)
class ReadTask:
    """One file to read: what the parent knows about it."""

    path: Path
    relpath: str
    known_hash: str | None  # content hash stored for this path, if any
    site: str | None
    manifest_lang: str | None


@dataclass(slots=True)
class ParsedRef:
    """A file a worker parsed and keeps in the scratch folder (``index`` in the list
    pickled in ``file``), with what the parent needs of it (``pipeline.ReadFile``)."""

    file: str
    index: int
    id: str
    relpath: str
    source: str | None
    lang: str
    content_hash: str
    short: bool
    chars: int
    counted_hashes: array

    @classmethod
    def of(cls, parsed: pipeline.ParsedFile, file: str, index: int) -> ParsedRef:
        return cls(
            file,
            index,
            parsed.id,
            parsed.relpath,
            parsed.source,
            parsed.lang,
            parsed.content_hash,
            parsed.short,
            parsed.chars,
            parsed.counted_hashes,
        )


#: What reading one file gives: a reason it was skipped, "same" (bytes
#: unchanged since stored), or the parsed file (kept by a worker: its ``ParsedRef``).
ReadResult = ingest.Skipped | str | pipeline.ParsedFile | ParsedRef
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


def _read_chunk(scratch: str, tasks: list[ReadTask]) -> list[ReadResult]:
    """In a worker: read ``tasks``, keeping the parsed files in one file in ``scratch``."""
    results = [read_one(task) for task in tasks]
    parsed = [result for result in results if isinstance(result, pipeline.ParsedFile)]
    if not parsed:
        return results
    file = Path(scratch) / f"parsed-{uuid.uuid4().hex}.pickle"
    file.write_bytes(pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL))
    numbers = iter(range(len(parsed)))
    return [
        ParsedRef.of(result, str(file), next(numbers))
        if isinstance(result, pipeline.ParsedFile)
        else result
        for result in results
    ]


#: A kept file as a worker is asked to clean it: (file, index, language lent by the parent).
KeptFile = tuple[str, int, str]


def _load(kept: list[KeptFile]) -> list[pipeline.ParsedFile]:
    """In a worker: the parsed files of ``kept``, with the languages the parent gave them."""
    files: dict[str, list[pipeline.ParsedFile]] = {}
    items = []
    for file, index, lang in kept:
        if file not in files:
            files[file] = pickle.loads(Path(file).read_bytes())
        item = files[file][index]
        item.lang = lang
        items.append(item)
    return items


@dataclass(slots=True)
class FinishedChunk:
    """Cleaned articles in input order: store rows, and either index documents or a batch.

    The rows are here, or in ``rows_file`` (a worker's large batch, read back
    ``ROWS_PER_PICKLE`` at a time by ``rows``).
    """

    count: int
    docs: list[IndexDoc]  # to add to the index (in-process work), or none when
    batch: WrittenBatch | None  # a worker wrote them as this batch already
    rows_here: list[ArticleRow] = field(default_factory=list)
    rows_file: str | None = None

    def rows(self) -> Iterator[ArticleRow]:
        """The rows in order (a rows file is removed once read)."""
        if self.rows_file is None:
            yield from self.rows_here
            return
        with open(self.rows_file, "rb") as handle:
            while True:
                try:
                    part = pickle.load(handle)
                except EOFError:
                    break
                yield from part
        Path(self.rows_file).unlink(missing_ok=True)


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
    return FinishedChunk(len(rows), docs, None, rows)


def _batch_chunk(writer: BatchWriter, stats_file: str, kept: list[KeptFile]) -> FinishedChunk:
    """In a worker: clean the kept files and write their index documents as one batch,
    and their store rows to a file beside the statistics."""
    chunk = _finish_chunk(_stats_at(stats_file), _load(kept))
    batch = writer.write(chunk.docs)
    return FinishedChunk(chunk.count, [], batch, rows_file=_keep_rows(stats_file, chunk.rows_here))


def _keep_rows(stats_file: str, rows: list[ArticleRow]) -> str:
    """Write ``rows`` beside the statistics, ``ROWS_PER_PICKLE`` a pickle, for
    ``FinishedChunk.rows`` to read back; returns the file's path."""
    rows_file = Path(stats_file).with_name(f"rows-{uuid.uuid4().hex}.pickle")
    with rows_file.open("wb") as handle:
        for part in _chunks(rows, ROWS_PER_PICKLE):
            pickle.dump(part, handle, pickle.HIGHEST_PROTOCOL)
    return str(rows_file)


def _clean_chunk(stats_file: str, kept: list[KeptFile]) -> FinishedChunk:
    """In a worker: clean the kept files; their index documents go back to the parent."""
    return _finish_chunk(_stats_at(stats_file), _load(kept))


@lru_cache(maxsize=1)
def _stats_at(path: str) -> LineStats:
    """The statistics of one run, read once per worker."""
    return pickle.loads(Path(path).read_bytes())


def segment_chunks(items: Sequence[Item], segments: int = SEGMENTS) -> Iterator[list[Item]]:
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
    share = sum(item.chars + ARTICLE_COST_CHARS for item in items) / count
    chunk: list[Item] = []
    cost = 0
    done = 0  # chunks yielded
    for item in items:
        chunk.append(item)
        cost += item.chars + ARTICLE_COST_CHARS
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
    """The same work as ``TextWorkers``, done here (small runs): the files read are
    ``ParsedFile``s, which it is given back to clean."""

    def read(self, tasks: list[ReadTask]) -> Iterator[ReadResult]:
        return map(read_one, tasks)

    def finish(
        self,
        stats: LineStats,
        items: Sequence[pipeline.ReadFile],
        cancelled: Callable[[], bool] = lambda: False,
        segments: int = SEGMENTS,
    ) -> Iterator[FinishedChunk]:
        parsed = cast("list[pipeline.ParsedFile]", items)  # what ``read`` gave
        for chunk in _chunks(parsed, BATCH):
            if cancelled():
                return
            yield _finish_chunk(stats, chunk)

    clean = finish


@contextmanager
def work_for(
    files: int, engine: SearchEngine, index_dir: Path
) -> Iterator[InProcess | TextWorkers]:
    """Worker processes when there are ``MIN_FILES`` files or more to read, else this process.

    The workers keep what they read, and write their batches through ``engine``, in a
    scratch folder inside ``index_dir``.
    """
    if files < MIN_FILES:
        yield InProcess()
        return
    with TextWorkers(engine, index_dir) as workers:
        yield workers


class TextWorkers:
    """Worker processes for reading, cleaning and writing batches; use as a context manager.

    The files they read are ``ParsedRef``s of files kept in the scratch folder,
    which they are given back to clean.
    """

    def __init__(self, engine: SearchEngine, index_dir: Path, workers: int = WORKERS) -> None:
        self._engine = engine
        self._index_dir = index_dir
        self._workers = workers
        self._stack = ExitStack()

    def __enter__(self) -> TextWorkers:
        self._scratch = self._stack.enter_context(scratch_folder(self._index_dir))
        self._executor = spawn_pool(self._workers)
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        try:
            if exc_type is None:
                self._executor.shutdown(wait=True, cancel_futures=True)
            else:  # cancelled or failed: what the workers hold is not wanted
                terminate_pool(self._executor)
        finally:  # the workers are gone before their folder is
            self._stack.close()

    def read(self, tasks: list[ReadTask]) -> Iterator[ReadResult]:
        """The result of each task, in order (every worker busy)."""
        work = partial(_read_chunk, str(self._scratch))
        futures = [self._executor.submit(work, chunk) for chunk in _chunks(tasks, READ_CHUNK)]
        for future in futures:
            yield from future.result()

    def finish(
        self,
        stats: LineStats,
        items: Sequence[pipeline.ReadFile],
        cancelled: Callable[[], bool] = lambda: False,
        segments: int = SEGMENTS,
    ) -> Iterator[FinishedChunk]:
        """The cleaned articles in order, cut into about ``segments`` chunks each written as
        one batch by a worker; fewer when ``cancelled()`` turns true."""
        chunks = list(segment_chunks(self._refs(items), segments))
        return self._in_workers(stats, chunks, cancelled, batches=True)

    def clean(
        self,
        stats: LineStats,
        items: Sequence[pipeline.ReadFile],
        cancelled: Callable[[], bool] = lambda: False,
    ) -> Iterator[FinishedChunk]:
        """The cleaned articles in order with their index documents, no batch written
        (articles most of which the index holds already, as ``InProcess.finish`` gives them)."""
        chunks = list(_chunks(self._refs(items), READ_CHUNK))
        return self._in_workers(stats, chunks, cancelled, batches=False)

    @staticmethod
    def _refs(items: Sequence[pipeline.ReadFile]) -> list[ParsedRef]:
        return cast("list[ParsedRef]", items)  # what ``read`` gave

    def _in_workers(
        self,
        stats: LineStats,
        chunks: list[list[ParsedRef]],
        cancelled: Callable[[], bool],
        *,
        batches: bool,
    ) -> Iterator[FinishedChunk]:
        finished = 0
        stats_file = self._scratch / f"{uuid.uuid4().hex}-{STATS_FILE}"
        try:
            # A name of its own: a worker keeps the last statistics it read by their path.
            stats_file.write_bytes(pickle.dumps(stats, pickle.HIGHEST_PROTOCOL))
            if batches:
                writer = self._engine.batch_writer(self._scratch)
                work = partial(_batch_chunk, writer, str(stats_file))
            else:
                work = partial(_clean_chunk, str(stats_file))
            tasks = [
                (done, [(ref.file, ref.index, ref.lang) for ref in chunk])
                for chunk, done in zip(chunks, _files_done(chunks), strict=True)
            ]
            stream = submit_ahead(self._executor, work, tasks, SEGMENTS_AHEAD, cancelled)
            for done, chunk in stream:
                yield chunk
                finished += 1
                for file in done:  # the parent has stored what came of them
                    Path(file).unlink(missing_ok=True)
        finally:
            if finished < len(chunks):  # stop the workers: what they do is not wanted
                terminate_pool(self._executor)
            stats_file.unlink(missing_ok=True)


def _files_done(chunks: list[list[ParsedRef]]) -> list[list[str]]:
    """For each chunk, the kept files that no later chunk needs."""
    last = {ref.file: number for number, chunk in enumerate(chunks) for ref in chunk}
    done: list[list[str]] = [[] for _chunk in chunks]
    for file, number in last.items():
        done[number].append(file)
    return done
