"""Query latency by class through ``Library.search``, as the interface calls it.

Usage: python bench/query_latency.py CORPUS [--repeat N]   (corpus indexed already)

Prints one JSON line: {class: {"p50": ms, "p95": ms, "cpu_p50": ms, "cpu_p95": ms,
"hits": n}, "reopen_ms": ms}. The cpu figures are this thread's CPU time per
query: on a shared machine they move less than wall time with other jobs.
"hits" is the smallest total among the class's queries.
``reopen_ms`` is opening the library and running the text phase on the
unchanged corpus, inside this process (what the interface does at start).
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
#: What the interface asks for (reader.tui.screens.main.RESULTS_LIMIT).
RESULTS_LIMIT = 50


def measure(corpus: Path, repeat: int) -> dict:
    from reader.indexing.library import Library

    started = time.perf_counter()
    library = Library([corpus]).open()
    library.sync()
    figures: dict = {"reopen_ms": (time.perf_counter() - started) * 1000}
    for name, queries in QUERY_CLASSES.items():
        hits = [library.search(q, sort="rank", limit=RESULTS_LIMIT).total for q in queries]
        times, cpu = [], []
        for _ in range(repeat):
            for query in queries:
                started, started_cpu = time.perf_counter(), time.thread_time()
                library.search(query, sort="rank", limit=RESULTS_LIMIT)
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.thread_time() - started_cpu) * 1000)
        figures[name] = {
            "p50": statistics.median(times),
            "p95": percentile(times, 95),
            "cpu_p50": statistics.median(cpu),
            "cpu_p95": percentile(cpu, 95),
            "hits": min(hits),
        }
    library.close()
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
