"""Clean the news-dev corpus: time per article, share of blocks stripped, a sample of them.

python bench/boilerplate/newsdev.py [--sample N]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evaluate import line_blocks

from reader.cleaning import LineStats, classify_blocks

NEWS = Path("/tmp/news/news-dev")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=25)
    args = ap.parse_args()
    with (NEWS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    docs = []
    for row in rows:
        text = (NEWS / row["file"]).read_text(encoding="utf-8")
        docs.append((row["file"], row["source"], row["lang"], text, line_blocks(text)))
    start = time.perf_counter()
    stats = LineStats()
    for name, _, _, _, blocks in docs:
        stats.add_document(name, [b.text for b in blocks])
    indexed = time.perf_counter()
    for _, _, lang, text, blocks in docs:
        classify_blocks(text, blocks, lang=lang, stats=stats)
    done = time.perf_counter()
    body = [(name, src, b) for name, src, _, _, blocks in docs for b in blocks if b.kind != "title"]
    stripped = [(name, src, b) for name, src, b in body if not b.kept]
    chars = sum(len(b.text) for _, _, b in body)
    stripped_chars = sum(len(b.text) for _, _, b in stripped)
    print(
        f"{len(docs)} articles: stats {indexed - start:.2f}s, classify {done - indexed:.2f}s, "
        f"{(done - indexed) / len(docs) * 1000:.3f} ms/article"
    )
    print(
        f"stripped {len(stripped)}/{len(body)} blocks ({len(stripped) / len(body):.2%}), "
        f"{stripped_chars / chars:.2%} of body characters"
    )
    print("by reason", Counter(b.reason for _, _, b in stripped).most_common())
    print("by source", Counter(src for _, src, _ in stripped).most_common())
    spans = sum(len(b.spans) for _, _, b in body)
    print("in-line spans", spans)
    random.seed(0)
    for name, _, b in random.sample(stripped, min(args.sample, len(stripped))):
        print(f"  {b.reason:12} {name}:{b.line} {b.text[:110]!r}")


if __name__ == "__main__":
    main()
