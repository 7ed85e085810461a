"""The performance suite: indexing, reopening, queries, interface, memory.

Usage: python bench/run.py [--corpus DIR] [--sizes 1000,10000,100000] [--repeat N]
       [--heavy-repeat N] [--work DIR] [--skip-ui] [--skip-entities] [--skip-bare]

Corpora are built under --work (default /tmp/reader-bench) from
../shared/corpus/news-dev.tar.gz, or from --corpus DIR (an extracted
news-dev folder with MANIFEST.tsv); see corpora.py for how sizes above the
6,755 real articles are filled. Each figure is the median of its runs:
``--repeat`` for the cheap ones (reopening, 1% change, interface) and
``--heavy-repeat`` for indexing from scratch (text and entity phases, each on
a fresh cache). ``reader index`` runs with ``--jobs 2`` (two spaCy processes).
While the text phase runs, ``reader search`` is run again and again until it
finds something: the first part searchable. Right after reader's text phase,
``bare_whoosh.py`` indexes the same files in one process (same machine, same
run), and its queries are timed beside reader's with snippets (the same
queries, ``query_latency.BARE_CLASSES``). ``--sizes 100000 --skip-ui
--skip-entities`` took 21 minutes on 2 cores, 11 of them bare Whoosh's indexing
(docs/performance.md); the entity phase has not been timed at that size.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora
import measure

Rows = list[tuple[str, str, str]]
#: Words of every news corpus, in both languages (not stop words, which are not indexed):
#: the first part is searchable when ``reader search`` finds one of them.
SEARCHABLE_QUERY = "government OR gouvernement OR minister OR ministre"


def _median(values: list[float]) -> float:
    return statistics.median(values)


def index_figures(size: int, corpus: Path, work: Path, heavy: int, entities: bool) -> tuple:
    """Fresh text phase and entity phase ``heavy`` times; returns rows and an indexed env."""
    text, ent, peaks, searchable = [], [], [], []
    env = {}
    for run in range(heavy):
        env = measure.scratch_env(measure.fresh(work / f"cache-{size}-{run}"))
        first, found = measure.index_while_searching(corpus, env, SEARCHABLE_QUERY)
        text.append(first.seconds)
        peaks.append(first.peak_mb)
        searchable.append(found if found is not None else float("nan"))
        if entities:
            second = measure.reader_index(corpus, env, entities=True)
            ent.append(second.seconds)
            peaks.append(second.peak_mb)
        print(
            f"  [{size}] run {run}: text {first.seconds:.1f} s"
            + (f", entities {ent[-1]:.1f} s" if entities else ""),
            file=sys.stderr,
        )
    rows: Rows = [
        ("text phase (fresh), s", f"{_median(text):.1f}", ""),
        ("text phase, articles/s", f"{size / _median(text):.0f}", ""),
        ("first part searchable (reader search), s", f"{_median(searchable):.1f}", "< 30 s"),
    ]
    if entities:
        rows += [
            ("entity phase, s", f"{_median(ent):.1f}", "< 300 s"),
            ("entity phase, articles/s", f"{size / _median(ent):.0f}", ""),
            ("total to fully indexed, s", f"{_median(text) + _median(ent):.1f}", ""),
        ]
    rows.append(("peak memory of reader index, MB", f"{max(peaks):.0f}", ""))
    return rows, env


def bare_figures(corpus: Path, work: Path, text_seconds: float, query_mean: float) -> Rows:
    """Bare Whoosh over the same files, indexed and queried in this run, beside reader's figures."""
    seconds, mean, p95 = measure.bare_whoosh(corpus, work / "bare-whoosh")
    return [
        ("bare Whoosh indexing, same files, one process, s", f"{seconds:.1f}", ""),
        ("reader text phase / bare Whoosh indexing", f"{text_seconds / seconds:.2f}", "<= 0.6"),
        ("bare Whoosh query mean / p95 (no snippets), ms", f"{mean:.1f} / {p95:.1f}", ""),
        ("reader query mean with snippets / bare Whoosh's", f"{query_mean / mean:.2f}", "<= 1.0"),
    ]


def change_figures(corpus: Path, env: dict, repeat: int, entities: bool) -> Rows:
    """Reopen unchanged (whole processes), then 1% changed (text phase and with entities)."""
    reopen, searches, text_only, full = [], [], [], []
    for _ in range(repeat):
        reopen.append(measure.reader_index(corpus, env, entities=False).seconds)
        searches.append(measure.reader_search(corpus, env, SEARCHABLE_QUERY).seconds)
    for round_number in range(repeat):
        originals = corpora.touch_fraction(corpus, 0.01, round_number)
        changed = len(originals)
        try:
            text_only.append(measure.reader_index(corpus, env, entities=False).seconds)
            if entities:
                full.append(measure.reader_index(corpus, env, entities=True).seconds)
        finally:
            corpora.restore(originals)
            measure.reader_index(corpus, env, entities=entities)  # back in step, unmeasured
    rows = [
        ("reopen unchanged (reader index process), s", f"{_median(reopen):.2f}", "< 1.5 s"),
        ("reopen unchanged (reader search process), s", f"{_median(searches):.2f}", "< 1.5 s"),
        (f"1% changed ({changed} files), text phase, s", f"{_median(text_only):.2f}", "< 10 s"),
    ]
    if entities:
        rows.append(("1% changed, then their entities, s", f"{_median(full):.2f}", ""))
    return rows


def query_figures(corpus: Path, env: dict, repeat: int) -> tuple[Rows, float]:
    """Rows of query latency by class, and the mean of the queries bare Whoosh runs too."""
    runs = [
        measure.in_process("query_latency.py", str(corpus), "--repeat", "5", env=env)
        for _ in range(repeat)
    ]
    rows: Rows = [
        (
            "reopen unchanged (in process: open + sync), ms",
            f"{_median([r['reopen_ms'] for r in runs]):.0f}",
            "< 1000 ms",
        ),
    ]
    for name in runs[0]:
        if name in ("reopen_ms", "text_queries"):
            continue
        p50 = _median([r[name]["p50"] for r in runs])
        p95 = _median([r[name]["p95"] for r in runs])
        rows.append((f"query {name}: p50 / p95 ms", f"{p50:.1f} / {p95:.1f}", "p95 < 50 ms"))
    mean = _median([r["text_queries"]["mean"] for r in runs])
    p95 = _median([r["text_queries"]["p95"] for r in runs])
    rows.append(("text queries (as bare Whoosh's): mean / p95 ms", f"{mean:.1f} / {p95:.1f}", ""))
    return rows, mean


def ui_figures(corpus: Path, env: dict) -> Rows:
    paint = measure.in_process("tui_latency.py", "paint", str(corpus), "--json", env=env)
    keys = measure.in_process("tui_latency.py", "keys", str(corpus), "--json", env=env)
    ms = [value * 1000 for value in keys["keys_s"]]
    stutter = [value * 1000 for value in keys["stutter_s"]]
    return [
        ("first paint (tmux), s", f"{_median(paint['paint_s']):.2f}", "< 0.6 s"),
        (
            f"keystroke to results p50 / p95 (n={len(ms)}), ms",
            f"{_median(ms):.0f} / {measure.percentile(ms, 95):.0f}",
            "p95 < 100 ms",
        ),
        ("longest keystroke handling p95, ms", f"{measure.percentile(stutter, 95):.0f}", ""),
        ("peak memory of the interface, MB", f"{keys['peak_mb']:.0f}", "< 400 MB"),
    ]


def print_table(sections: dict[int, Rows], synthetic: dict[int, int], started: str) -> None:
    print(f"\nreader performance suite, {started}; {measure.machine()}")
    print(f"load average at the end: {measure.load()}")
    for size, rows in sections.items():
        note = f" ({synthetic[size]} synthetic)" if synthetic[size] else ""
        print(f"\n| {size:,} articles{note} | median | budget |\n|---|---:|---|")
        for name, value, budget in rows:
            print(f"| {name} | {value} | {budget} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, help="extracted news-dev folder")
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--heavy-repeat", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reader-bench"))
    parser.add_argument("--skip-ui", action="store_true")
    parser.add_argument("--skip-entities", action="store_true")
    parser.add_argument("--skip-bare", action="store_true", help="no bare Whoosh figures")
    args = parser.parse_args()

    started = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    print(f"load average at the start: {measure.load()}", file=sys.stderr)
    source = corpora.real_corpus(args.work, args.corpus)
    sections: dict[int, Rows] = {}
    synthetic: dict[int, int] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        corpus, synthetic[size] = corpora.build(size, args.work, source)
        rows, env = index_figures(
            size, corpus, args.work, args.heavy_repeat, not args.skip_entities
        )
        queries, query_mean = query_figures(corpus, env, args.repeat)
        if not args.skip_bare:  # right after reader's text phase, on the same machine
            text_seconds = float(rows[0][1])
            rows += bare_figures(corpus, args.work, text_seconds, query_mean)
        rows += queries
        if not args.skip_ui:
            rows += ui_figures(corpus, env)
        rows += change_figures(corpus, env, args.repeat, not args.skip_entities)
        sections[size] = rows
    print_table(sections, synthetic, started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
