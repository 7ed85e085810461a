"""The text phase's reading, parsing and cleaning, in worker processes.

On two cores the text phase of a large corpus was one busy process: reading
and parsing every file, cleaning each article, then writing the search
index. Here two spawned workers read and parse the files while the parent
waits for the corpus statistics, then clean the articles a chunk ahead of the
parent, which meanwhile writes the store and the index. Results come back in
input order, so the outcome is the same as in one process. Used only for
large runs (see ``MIN_FILES``); ``spawn`` because the interface runs the text
phase from a thread, and forking a multi-threaded process is unsafe. The
workers also analyse each article's index document (search.prepared), the
largest share of the parent's work that needs nothing from the index.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from reader import ingest, pipeline
from reader.procs import spawn_pool, submit_ahead

if TYPE_CHECKING:
    from reader.cleaning import LineStats
    from reader.models import Article
    from reader.search import IndexDoc

    Finished = tuple[Article, IndexDoc]

#: Below this many files to read, one process is faster than starting workers.
MIN_FILES = 1000
WORKERS = 2
#: Files per reading task, articles per cleaning task.
READ_CHUNK = 200
CLEAN_CHUNK = 250
#: Cleaning tasks queued ahead of the parent: more than one index batch (sync.BATCH),
#: so the workers keep going while the parent commits a batch.
CLEAN_AHEAD = 12


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


def finish_one(item: pipeline.ParsedFile, stats: LineStats, *, prepare: bool) -> Finished:
    """The cleaned article and its index document (analysed ahead when ``prepare``)."""
    from reader.sync import index_doc

    article = pipeline.finish(item, stats)
    doc = index_doc(article, "pending", item.content_hash)
    if prepare:
        from reader.search.prepared import prepare as prepare_doc

        doc = prepare_doc(doc)
    return article, doc


def _finish_chunk(stats_path: str, items: list[pipeline.ParsedFile]) -> list[Finished]:
    """Clean ``items`` with the statistics pickled at ``stats_path``."""
    stats = _stats_at(stats_path)
    return [finish_one(item, stats, prepare=True) for item in items]


@lru_cache(maxsize=1)
def _stats_at(path: str) -> LineStats:
    """The statistics of one run, read once per worker."""
    return pickle.loads(Path(path).read_bytes())


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class InProcess:
    """The same work as ``TextWorkers``, done here (small runs)."""

    def read(self, tasks: list[ReadTask]) -> Iterator[ReadResult]:
        return map(read_one, tasks)

    def finish(self, stats: LineStats, items: list[pipeline.ParsedFile]) -> Iterator[Finished]:
        return (finish_one(item, stats, prepare=False) for item in items)


@contextmanager
def work_for(files: int) -> Iterator[InProcess | TextWorkers]:
    """Worker processes when there are ``MIN_FILES`` files or more to read, else this process."""
    if files < MIN_FILES:
        yield InProcess()
        return
    with TextWorkers() as workers:
        yield workers


class TextWorkers:
    """Worker processes for reading and cleaning; use as a context manager."""

    def __init__(self, workers: int = WORKERS) -> None:
        self._executor = spawn_pool(workers)
        self.workers = workers

    def __enter__(self) -> TextWorkers:
        return self

    def __exit__(self, *exc_info) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def read(self, tasks: list[ReadTask]) -> Iterator[ReadResult]:
        """The result of each task, in order (every worker busy)."""
        futures = [
            self._executor.submit(_read_chunk, chunk) for chunk in _chunks(tasks, READ_CHUNK)
        ]
        for future in futures:
            yield from future.result()

    def finish(self, stats: LineStats, items: list[pipeline.ParsedFile]) -> Iterator[Finished]:
        """(article, index document) in order, at most ``CLEAN_AHEAD`` chunks ahead."""
        with tempfile.TemporaryDirectory(prefix="reader-stats-") as folder:
            stats_path = str(Path(folder) / "line-stats.pickle")
            Path(stats_path).write_bytes(pickle.dumps(stats, pickle.HIGHEST_PROTOCOL))
            finish = partial(_finish_chunk, stats_path)
            tasks = ((None, chunk) for chunk in _chunks(items, CLEAN_CHUNK))
            for _none, finished in submit_ahead(self._executor, finish, tasks, CLEAN_AHEAD):
                yield from finished
