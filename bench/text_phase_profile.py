"""Where the text phase's time goes, stage by stage (wall clock, ``time.perf_counter``).

Usage: python bench/text_phase_profile.py CORPUS [--index-dir DIR]

Runs one fresh text phase of CORPUS into a new index folder and prints, for
the parent process, the seconds spent in each stage (scanning, waiting for
the workers' reading, the corpus statistics, store writes, adding segments,
the final check), and for the workers, the seconds of reading and parsing,
cleaning, and writing segments, summed over tasks. cProfile inflates pure
Python code several times over; these are plain timers around the stages.
Also prints the peak resident memory of the parent and of the largest worker.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TIMES: dict[str, float] = defaultdict(float)
COUNTS: dict[str, int] = defaultdict(int)


def _timed(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[name] += time.perf_counter() - started
            COUNTS[name] += 1

    return wrapper


def _timed_generator(name: str, function):
    """Time spent inside a generator's own steps (not in its consumer)."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        iterator = iter(function(*args, **kwargs))
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                TIMES[name] += time.perf_counter() - started
                return
            TIMES[name] += time.perf_counter() - started
            COUNTS[name] += 1
            yield item

    return wrapper


# In the workers (pickled by name, so they run there as they are written here).
def worker_read_chunk(scratch, tasks):
    from reader.indexing import textwork

    started = time.perf_counter()
    results = textwork._read_chunk(scratch, tasks)
    return results, time.perf_counter() - started


def worker_batch_chunk(writer, stats_file, kept):
    from reader.indexing import textwork

    started = time.perf_counter()
    chunk = textwork._finish_chunk(textwork._stats_at(stats_file), textwork._load(kept))
    cleaned = time.perf_counter()
    batch = writer.write(chunk.docs)
    written = time.perf_counter()
    rows_file = textwork._keep_rows(stats_file, chunk.rows_here)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  worker {os.getpid()}: {len(kept)} articles, cleaning {cleaned - started:.1f} s,"
        f" segment {written - cleaned:.1f} s, peak {peak:.0f} MB",
        file=sys.stderr,
        flush=True,
    )
    return textwork.FinishedChunk(chunk.count, [], batch, rows_file=rows_file)


def _patch() -> None:
    from reader.indexing import sync, textwork

    original_read = textwork.TextWorkers.read

    def read(self, tasks):
        futures = [
            self._executor.submit(worker_read_chunk, str(self._scratch), chunk)
            for chunk in textwork._chunks(tasks, textwork.READ_CHUNK)
        ]
        for future in futures:
            results, seconds = future.result()
            TIMES["workers: reading and parsing (summed)"] += seconds
            yield from results

    textwork.TextWorkers.read = read  # type: ignore[method-assign]
    del original_read
    textwork._batch_chunk = worker_batch_chunk  # type: ignore[assignment]
    for name in ("_scan", "_update_stats", "_refill_index"):
        setattr(sync.TextSync, name, _timed(f"parent: {name}", getattr(sync.TextSync, name)))
    sync.TextSync._read = _timed("parent: _read (incl. waiting)", sync.TextSync._read)
    sync.TextSync._write = _timed("parent: _write (incl. waiting)", sync.TextSync._write)
    textwork.TextWorkers.finish = _timed_generator(
        "parent: waiting for segments", textwork.TextWorkers.finish
    )
    textwork.InProcess.finish = _timed_generator(
        "parent: cleaning in process", textwork.InProcess.finish
    )


def _patch_library(library) -> None:
    store, engine = library.store, library.engine
    for name in ("put", "commit", "file_table", "ids", "content_hashes"):
        setattr(store, name, _timed(f"store.{name}", getattr(store, name)))
    for name in ("add_batch", "add", "stored", "delete"):
        setattr(engine, name, _timed(f"engine.{name}", getattr(engine, name)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--index-dir", type=Path)
    args = parser.parse_args()
    from reader.indexing.library import Library

    _patch()
    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="text-phase-"))
    marks: dict[str, list[float]] = {}
    started = time.perf_counter()

    def progress(phase: str, done: int, total: int) -> None:
        now = time.perf_counter() - started
        if phase == "indexing" and done > 0:
            marks.setdefault("first stored", [now])
        marks.setdefault(phase, [now, now])[1] = now

    with Library([args.corpus], index_dir=index_dir) as library:
        _patch_library(library)
        report = library.sync(progress)
    total = time.perf_counter() - started
    print(f"text phase of {args.corpus}: {report.added} added, {total:.1f} s in all")
    for phase, span in marks.items():
        print(f"  progress {phase!r}: from {span[0]:.1f} s to {span[-1]:.1f} s")
    for name, seconds in sorted(TIMES.items(), key=lambda item: -item[1]):
        print(f"  {name}: {seconds:.1f} s ({COUNTS[name] or ''})")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak memory: parent {own:.0f} MB, largest worker {children:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
