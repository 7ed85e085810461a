"""A bare Whoosh index of the same text, to hold reader's figures against.

Usage: python bench/bare_whoosh.py index CORPUS INDEX_DIR
       python bench/bare_whoosh.py query INDEX_DIR [--repeat N]

``index``: every article file (title line and body, as read) goes into one
TEXT field per language (``content_en``, ``content_fr``, with whoosh's own
``LanguageAnalyzer``: Snowball stemming and stop words; the MANIFEST's
language, English when it names none), through one writer in one process,
committed once: Whoosh as a program would use it with no work of its own.
``query``: the suite's text queries (``query_latency.QUERY_CLASSES`` without
the field filters, which a bare index cannot answer), their words ANDed as
reader does, over both fields, 50 hits, no snippets, timed in process after
one warm-up; prints the mean and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

FIELDS = {"en": "content_en", "fr": "content_fr"}


def _languages(corpus: Path) -> dict[str, str]:
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.exists():
        return {}
    with manifest.open(encoding="utf-8") as handle:
        return {row["file"]: row["lang"] for row in csv.DictReader(handle, delimiter="\t")}


def build(corpus: Path, index_dir: Path) -> tuple[int, float]:
    """Index every .txt file of ``corpus``; (documents, seconds)."""
    from whoosh import index
    from whoosh.analysis import LanguageAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    started = time.perf_counter()
    schema = Schema(
        path=ID(stored=True, unique=True),
        **{name: TEXT(analyzer=LanguageAnalyzer(lang)) for lang, name in FIELDS.items()},
    )
    index_dir.mkdir(parents=True, exist_ok=True)
    writer = index.create_in(str(index_dir), schema).writer(limitmb=256)
    languages = _languages(corpus)
    count = 0
    for path in sorted(corpus.glob("*.txt")):
        lang = languages.get(path.name, "en")
        text = path.read_text(encoding="utf-8", errors="replace")
        writer.add_document(path=path.name, **{FIELDS.get(lang, FIELDS["en"]): text})
        count += 1
    writer.commit()
    return count, time.perf_counter() - started


def text_queries() -> list[str]:
    """The suite's queries that a bare index can answer too (no field filters)."""
    from query_latency import BARE_CLASSES, QUERY_CLASSES

    return [query for name in BARE_CLASSES for query in QUERY_CLASSES[name]]


def query_times(index_dir: Path, repeat: int) -> list[float]:
    """Milliseconds of each query (``repeat`` rounds of the suite's queries)."""
    from whoosh import index, scoring
    from whoosh.qparser import MultifieldParser

    ix = index.open_dir(str(index_dir))
    parser = MultifieldParser(list(FIELDS.values()), ix.schema)
    texts = text_queries()
    times: list[float] = []
    with ix.searcher(weighting=scoring.BM25F()) as searcher:
        for text in texts:  # warm-up
            searcher.search(parser.parse(text), limit=50)
        for _ in range(repeat):
            for text in texts:
                started = time.perf_counter()
                searcher.search(parser.parse(text), limit=50)
                times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    indexing = commands.add_parser("index")
    indexing.add_argument("corpus", type=Path)
    indexing.add_argument("index_dir", type=Path)
    querying = commands.add_parser("query")
    querying.add_argument("index_dir", type=Path)
    querying.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.command == "index":
        count, seconds = build(args.corpus, args.index_dir)
        print(f"bare whoosh: {count} documents indexed in {seconds:.1f} s")
    else:
        times = query_times(args.index_dir, args.repeat)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"bare whoosh: mean {statistics.mean(times):.1f} ms, p95 {p95:.1f} ms a query")


if __name__ == "__main__":
    main()
