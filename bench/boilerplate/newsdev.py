"""Clean the news-dev corpus as ``reader clean`` does: blocks stripped per source, and which.

    python bench/boilerplate/newsdev.py [--corpus /tmp/news-dev] [--show bbc] [--sample N]

The BBC articles of news-dev have no page leftovers: every block stripped
there is a loss. ``--show SOURCE`` lists every stripped block of that source.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter, defaultdict
from pathlib import Path

from reader.corpus.batch import load_articles


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/news-dev"))
    ap.add_argument("--show", default="bbc", help="list every stripped block of this source")
    ap.add_argument("--sample", type=int, default=25, help="stripped blocks of other sources")
    args = ap.parse_args()
    start = time.perf_counter()
    loaded, _skipped = load_articles([args.corpus])
    seconds = time.perf_counter() - start
    print(f"{len(loaded)} articles read and cleaned in {seconds:.1f}s")
    by_source: dict[str, list] = defaultdict(list)
    title_only: Counter[str] = Counter()
    files: Counter[str] = Counter()
    for item in loaded:
        article = item.article
        source = article.source or "?"
        files[source] += 1
        body = article.body_blocks
        if body and not any(block.kept for block in body):
            title_only[source] += 1
        by_source[source] += [(item.relpath, block) for block in body if not block.kept]
    for source in sorted(files):
        stripped = by_source[source]
        reasons = Counter(block.reason for _path, block in stripped)
        print(
            f"{source:16} {files[source]:5} files {len(stripped):5} stripped blocks "
            f"{title_only[source]:3} title-only  {dict(reasons.most_common())}"
        )
    for relpath, block in by_source.get(args.show, []):
        print(f"  {block.reason:12} {relpath}:{block.line} {block.text[:100]!r}")
    others = [row for source, rows in by_source.items() if source != args.show for row in rows]
    random.seed(0)
    for relpath, block in random.sample(others, min(args.sample, len(others))):
        print(f"  {block.reason:12} {relpath}:{block.line} {block.text[:100]!r}")


if __name__ == "__main__":
    main()
