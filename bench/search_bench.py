"""Measure indexing time and query latency of reader.search on the news-dev corpus.

Usage: python bench/search_bench.py [CORPUS_DIR] [--index-dir DIR] [--batch N] [--repeat N]
       [--target-docs N] [--queries-only] [--optimize]

Each article's body is the file text minus its title line (no entities, no
dates). Queries run with snippets, facets and counts, as the UI asks for them.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import query_latency

from reader.search import IndexDoc, SearchRequest
from reader.search.whoosh_backend import WhooshEngine

DEFAULT_CORPUS = Path("/tmp/news/news-dev")
#: The suite's query classes; the field filter queries here need no entities (none are indexed).
QUERY_CLASSES = {
    **query_latency.QUERY_CLASSES,
    "field filter": ["lang:fr", "source:bbc", "lang:en music", "source:bbc film"],
}


def load_docs(corpus: Path) -> list[IndexDoc]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    docs = []
    for row in rows:
        text = (corpus / row["file"]).read_text(encoding="utf-8", errors="replace")
        title, _, body = text.partition("\n")
        docs.append(
            IndexDoc(
                id=row["file"],
                path=str(corpus / row["file"]),
                title=title.strip(),
                lang=row["lang"],
                body=body.strip(),
                date=None,
                agency=None,
                author=None,
                source=row["source"],
                entities={},
                content_hash=str(hash(text)),
            )
        )
    return docs


def scale_to(docs: list[IndexDoc], target: int) -> list[IndexDoc]:
    """Pad the corpus to ``target`` docs with renamed copies (for a 10k-article estimate)."""
    scaled = list(docs)
    copy = 0
    while len(scaled) < target:
        copy += 1
        for doc in docs[: target - len(scaled)]:
            scaled.append(replace(doc, id=f"copy{copy}/{doc.id}", title=f"{doc.title} ({copy})"))
    return scaled


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def bench_queries(index: WhooshEngine, repeat: int) -> None:
    print(f"{'class':<14} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  hits (first query)")
    for name, queries in QUERY_CLASSES.items():
        for query in queries:  # warm caches once, as a running app would be
            index.search(SearchRequest(query))
        times = []
        for _ in range(repeat):
            for query in queries:
                started = time.perf_counter()
                index.search(SearchRequest(query))
                times.append((time.perf_counter() - started) * 1000)
        first = index.search(SearchRequest(queries[0]))
        print(
            f"{name:<14} {statistics.median(times):8.1f} {percentile(times, 95):8.1f} "
            f"{max(times):8.1f}  {first.total}"
        )


def time_optimize(index: WhooshEngine) -> None:
    segments = len(list(index._ix._segments()))
    started = time.perf_counter()
    merged = index.optimize()
    print(
        f"optimize: {segments} segments -> 1 in {time.perf_counter() - started:.1f} s ({merged=})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--index-dir", type=Path)
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--target-docs", type=int, help="pad with renamed copies up to N docs")
    parser.add_argument(
        "--queries-only", action="store_true", help="query an existing --index-dir as it is"
    )
    parser.add_argument(
        "--optimize", action="store_true", help="merge into one segment (timed) before querying"
    )
    args = parser.parse_args()

    index_dir = args.index_dir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    index = WhooshEngine.open(index_dir)
    if args.queries_only:
        print(f"{index.doc_count()} docs in {index_dir}")
        if args.optimize:
            time_optimize(index)
        bench_queries(index, args.repeat)
        return
    docs = load_docs(args.corpus)
    if args.target_docs:
        docs = scale_to(docs, args.target_docs)
    started = time.perf_counter()
    for i in range(0, len(docs), args.batch):
        index.add(docs[i : i + args.batch])
    elapsed = time.perf_counter() - started
    print(f"indexed {index.doc_count()} docs in {elapsed:.1f} s ({len(docs) / elapsed:.0f} docs/s)")
    size = sum(p.stat().st_size for p in index_dir.iterdir()) / 1e6
    print(f"index size {size:.1f} MB in {index_dir}")

    started = time.perf_counter()
    reopened = WhooshEngine.open(index_dir)
    print(f"reopen {1000 * (time.perf_counter() - started):.0f} ms (rebuilt: {reopened.rebuilt})")
    reopened.close()
    if args.optimize:
        time_optimize(index)
    bench_queries(index, args.repeat)
    index.close()


if __name__ == "__main__":
    main()
