"""Time one worker's segment write with whoosh's posting pool and with ``TermPool``.

Usage: python bench/segment_write.py prepare CORPUS COUNT DOCS_FILE
       python bench/segment_write.py time DOCS_FILE VARIANT
       python bench/segment_write.py pairs DOCS_FILE N [VARIANT_A VARIANT_B]

``prepare`` reads, counts and cleans the first COUNT files of CORPUS (sorted by
name) as the text phase would and pickles their index documents. ``time``
writes them as one segment in a fresh scratch index, in this process, with
the text phase's writer (``terms``) or whoosh's pool spilling sorted runs
past ``WRITER_LIMIT_MB`` (``whoosh``, what ``write_segment`` did before), and
prints the seconds; the variants ``terms/nogc`` and ``whoosh/nogc`` turn the
cyclic garbage collector off while writing. ``pairs`` runs two
variants (default: terms and whoosh) in fresh processes N times, alternating
which goes first, and prints each pair and the median ratio A / B.
"""

from __future__ import annotations

import gc
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def prepare(corpus: Path, count: int, out: Path) -> None:
    from reader.cleaning import LineStats
    from reader.corpus import pipeline
    from reader.indexing import textwork

    files = sorted(corpus.glob("*.txt"))[:count]
    tasks = [textwork.ReadTask(path, path.name, None, None, None) for path in files]
    parsed = [
        item for item in map(textwork.read_one, tasks) if isinstance(item, pipeline.ParsedFile)
    ]
    stats = LineStats()
    for item in parsed:
        stats.add_document(item.id, pipeline.block_texts(item), item.line_hashes, item.source)
    docs = [textwork.finish_one(item, stats)[1] for item in parsed]
    out.write_bytes(pickle.dumps(docs))
    print(f"{len(docs)} documents in {out}")


def time_write(docs_file: Path, variant: str) -> float:
    """Seconds to write the documents as one segment, as a worker does."""
    from reader.search.whoosh_backend import segments, writing

    pool, _slash, option = variant.partition("/")
    docs = pickle.loads(docs_file.read_bytes())
    if pool == "whoosh":

        def whoosh_pool_writer(ix):
            return writing.open_writer(ix, _lk=False, limitmb=writing.WRITER_LIMIT_MB)

        segments.open_segment_writer = whoosh_pool_writer  # type: ignore[attr-defined]
        writing.open_segment_writer = whoosh_pool_writer
    with tempfile.TemporaryDirectory() as folder:
        if option == "nogc":
            gc.disable()
        started = time.perf_counter()
        written = segments.write_segment(Path(folder), docs)
        seconds = time.perf_counter() - started
        gc.enable()
        assert written is not None and len(written.versions) == len(docs)
    return seconds


def pairs(docs_file: Path, count: int, first: str, second: str) -> None:
    ratios = []
    for run in range(count):
        order = [first, second] if run % 2 == 0 else [second, first]
        seconds = {}
        for variant in order:
            args = [sys.executable, __file__, "time", str(docs_file), variant]
            done = subprocess.run(args, check=True, capture_output=True)
            seconds[variant] = float(done.stdout)
        ratios.append(seconds[first] / seconds[second])
        print(f"pair {run + 1}: {first} {seconds[first]:.1f} s, {second} {seconds[second]:.1f} s")
    print(f"median {first} / {second}: {statistics.median(ratios):.2f}")


def main() -> int:
    command, *rest = sys.argv[1:]
    if command == "prepare":
        prepare(Path(rest[0]), int(rest[1]), Path(rest[2]))
    elif command == "time":
        print(f"{time_write(Path(rest[0]), rest[1]):.3f}")
    elif command == "pairs":
        first, second = rest[2:4] if len(rest) >= 4 else ("terms", "whoosh")
        pairs(Path(rest[0]), int(rest[1]), first, second)
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main())
