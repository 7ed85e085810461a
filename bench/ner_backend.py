"""Matrix products for spaCy's NER: thinc's default BLIS against numpy (OpenBLAS).

Usage: python bench/ner_backend.py [--corpus DIR] [--articles N] [--work DIR]

Prints, on one thread: the GFLOP/s of the NER tok2vec's largest product
(tokens x 288 by 288 x 288) through each backend, then the CPU milliseconds per
article of the whole entity extraction over N real French and English articles
of news-dev with the models built on each backend, and whether the entities
are identical. ``reader.entities.models.load_ner_pipeline`` builds them on
numpy because of what this prints on the project's machine.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads: one core, as a worker

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora
import measure


def gemm_rates(tokens: int = 24_000, width: int = 288, rounds: int = 10) -> dict[str, float]:
    import numpy
    from thinc.api import NumpyOps

    rng = numpy.random.default_rng(0)
    x = rng.random((tokens, width), dtype=numpy.float32)
    w = rng.random((width, width), dtype=numpy.float32)
    rates = {}
    for name, ops in (("blis", NumpyOps(use_blis=True)), ("numpy", NumpyOps(use_blis=False))):
        ops.gemm(x, w, trans2=True)
        start = time.perf_counter()
        for _ in range(rounds):
            ops.gemm(x, w, trans2=True)
        seconds = (time.perf_counter() - start) / rounds
        rates[name] = 2 * tokens * width * width / seconds / 1e9
    return rates


def sample_articles(corpus: Path, count: int) -> list[tuple[str, str]]:
    rows = [row for row in corpora._manifest(corpus) if row["lang"] in ("fr", "en")]
    chosen = random.Random(corpora.SEED).sample(rows, min(count, len(rows)))
    return [(row["lang"], (corpus / row["file"]).read_text(encoding="utf-8")) for row in chosen]


def extraction(items: list[tuple[str, str]], use_blis: bool) -> tuple[float, list]:
    """CPU ms per article and the entities, with the models built on one backend."""
    from reader.entities.extract import EntityExtractor

    extractor = EntityExtractor(use_blis=use_blis)
    extractor.extract("fr", "Emmanuel Macron à Paris.")  # load the models outside the timing
    extractor.extract("en", "Joe Biden in London.")
    start = time.process_time()
    entities = [
        [(e.text, e.label, e.start, e.end) for e in found]
        for found in extractor.extract_many(items)
    ]
    return (time.process_time() - start) / len(items) * 1000, entities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="an extracted news-dev folder")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-bench"))
    args = parser.parse_args()
    print(measure.machine())
    for name, rate in gemm_rates().items():
        print(f"gemm {name}: {rate:.0f} GFLOP/s")
    items = sample_articles(corpora.real_corpus(args.work, args.corpus), args.articles)
    results = {}
    for use_blis in (True, False):
        milliseconds, entities = extraction(items, use_blis)
        results[use_blis] = entities
        print(f"extraction, {'blis' if use_blis else 'numpy'}: {milliseconds:.1f} ms CPU/article")
    same = results[True] == results[False]
    print(f"entities identical on {len(items)} articles: {same}")


if __name__ == "__main__":
    main()
