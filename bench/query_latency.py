"""Query latency by class through ``Library.search``, as the interface calls it.

Usage: python bench/query_latency.py CORPUS [--repeat N]   (corpus indexed already)

Prints one JSON line: {class: {"p50": ms, "p95": ms, "cpu_p50": ms, "cpu_p95": ms,
"hits": n}, "reopen_ms": ms, "text_queries": {"mean": ms, "p95": ms}}; "text_queries"
are the classes ``bare_whoosh.py query`` runs too (``BARE_CLASSES``), all together.
The cpu figures are this thread's CPU time per query: on a shared machine they
move less than wall time with other jobs.
"hits" is the smallest total among the class's queries.
``reopen_ms`` is opening the library and running the text phase on the
unchanged corpus, inside this process (what the interface does at start).
Two classes are built from the corpus itself at run time (no article text is
kept in the repository): "passage", the opening ``PASSAGE_WORDS`` words of a
few articles searched as a pasted paragraph, and "more like this", the
articles closest to a few whole articles.
Each query runs once to warm caches (as in a running interface), then
``repeat`` times; snippets are built for every hit shown (limit 50).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import percentile

QUERY_CLASSES = {
    "rare word": ["bankruptcy", "glacier", "vaccin", "referendum", "olympique"],
    "common word": ["government", "year", "gouvernement", "people", "monde"],
    "two-word AND": ["oil prices", "election campaign", "premier ministre", "film award"],
    "phrase": ['"prime minister"', '"chief executive"', '"union européenne"'],
    "field filter": ["lang:fr", "source:bbc", "lang:en music", "person:macron"],
    "fuzzy": ["governmnt~", "electon~", "ministre~", "footbal~"],
    "prefix": ["minist*", "econom*"],
}
#: The classes that a bare index can answer too (bare_whoosh.py times them there).
BARE_CLASSES = [name for name in QUERY_CLASSES if name != "field filter"]
#: What the interface asks for (reader.tui.screens.main.RESULTS_LIMIT).
RESULTS_LIMIT = 50
#: Articles the passage and more-like-this classes are taken from, and a passage's length.
SAMPLE_ARTICLES = 4
PASSAGE_WORDS = 150


def sample_articles(library) -> list:
    """A few articles spread over the corpus, in a fixed order (the same every run)."""
    ids = sorted(library.store.ids())
    step = max(1, len(ids) // SAMPLE_ARTICLES)
    found = (library.article(article_id) for article_id in ids[::step][:SAMPLE_ARTICLES])
    return [article for article in found if article is not None]


def _timed(run, repeat: int, times: list[float] | None = None) -> dict:
    """p50/p95 of wall and thread CPU time of ``run(item)`` over the items, ``repeat`` times
    (the wall times are appended to ``times`` too)."""
    times = [] if times is None else times
    first = len(times)
    cpu: list[float] = []
    for _ in range(repeat):
        for item in run.items:
            started, started_cpu = time.perf_counter(), time.thread_time()
            run(item)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
    mine = times[first:]
    return {
        "p50": statistics.median(mine),
        "p95": percentile(mine, 95),
        "cpu_p50": statistics.median(cpu),
        "cpu_p95": percentile(cpu, 95),
    }


class _Class:
    """One class of queries: ``items`` and how to answer one."""

    def __init__(self, items: list, answer) -> None:
        self.items = items
        self.answer = answer

    def __call__(self, item):
        return self.answer(item)


def measure(corpus: Path, repeat: int) -> dict:
    from reader.indexing.library import Library

    started = time.perf_counter()
    library = Library([corpus]).open()
    library.sync()
    figures: dict = {"reopen_ms": (time.perf_counter() - started) * 1000}

    def search(query: str):
        return library.search(query, sort="rank", limit=RESULTS_LIMIT)

    classes = {name: _Class(queries, search) for name, queries in QUERY_CLASSES.items()}
    articles = sample_articles(library)
    passages = [" ".join(a.clean_text.split()[:PASSAGE_WORDS]) for a in articles]
    classes["passage"] = _Class(passages, search)
    classes["more like this"] = _Class(
        articles, lambda article: library.more_like_article(article, limit=RESULTS_LIMIT)
    )
    text: list[float] = []  # the queries bare_whoosh.py times too
    for name, run in classes.items():
        hits = [run(item).total for item in run.items]  # also warms caches, as in the app
        shared = text if name in BARE_CLASSES else None
        figures[name] = {**_timed(run, repeat, shared), "hits": min(hits)}
    library.close()
    figures["text_queries"] = {"mean": statistics.mean(text), "p95": percentile(text, 95)}
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    print(json.dumps(measure(args.corpus, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
