"""Cost of quotation extraction per article, next to the entity model's, on news-dev.

python bench/quotes/speed.py [--corpus DIR] [--every N] [--repeat R]

Takes every N-th article of the extracted news-dev folder (MANIFEST order),
cleans them as one corpus, runs the entity extractor once (timed: the
entity phase's main cost), then the quotation rules R times over the same
clean texts and entities (median), and prints milliseconds per article for
each and their ratio: what finding quotations in the entity phase would add.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import corpora


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="an extracted news-dev folder")
    parser.add_argument("--every", type=int, default=5, metavar="N")
    parser.add_argument("--repeat", type=int, default=5, metavar="R")
    args = parser.parse_args()

    from reader.corpus.batch import load_articles
    from reader.entities import EntityExtractor
    from reader.quotes import article_quotes

    folder = corpora.real_corpus(Path("/tmp/reader-bench"), args.corpus)
    with (folder / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        names = [row["file"] for row in csv.DictReader(handle, delimiter="\t")]
    paths = [folder / name for name in names[:: args.every]]
    loaded, _ = load_articles(paths)
    articles = [item.article for item in loaded]
    items = [(article.lang, article.clean_text) for article in articles]

    extractor = EntityExtractor()
    list(extractor.extract_many(items[:20]))  # models loaded before timing
    started = time.perf_counter()
    entities = list(extractor.extract_many(items))
    entity_seconds = time.perf_counter() - started

    rounds, found = [], 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        found = sum(len(article_quotes(a, e)) for a, e in zip(articles, entities, strict=True))
        rounds.append(time.perf_counter() - started)
    quote_seconds = statistics.median(rounds)

    count = len(articles)
    print(f"{count} articles, {found} quotations ({found / count:.1f} per article)")
    print(f"entities:   {entity_seconds / count * 1000:.2f} ms/article")
    print(
        f"quotations: {quote_seconds / count * 1000:.2f} ms/article"
        f" (min {min(rounds) / count * 1000:.2f}, max {max(rounds) / count * 1000:.2f})"
    )
    print(f"quotations / entities: {quote_seconds / entity_seconds:.1%}")


if __name__ == "__main__":
    main()
