"""Interface latency: launch to first paint, and keystroke to results.

Usage (from the checkout, venv active)::

    python bench/tui_latency.py paint              # real terminal (tmux), indexed seeds
    python bench/tui_latency.py keys CORPUS [--with-entities]   # headless, indexed corpus

``paint`` starts ``reader`` in a detached tmux session and polls the screen
until the header is drawn: Python start-up, imports and the first frame, as
a user sees them. It runs once first to index the seeds into a scratch cache.

``keys`` types queries into the search box of a headless app (the corpus must
be indexed already in READER_CACHE_DIR, e.g. ``reader index --no-entities``)
and measures, for the last keystroke of each query, the time until that
query's results are on screen (this includes the 150 ms debounce), plus the
longest a single keystroke took to be handled while typing (stutter).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QUERIES = ("ministre", "président", "climat", "guerre ukraine", "economy", "élections")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def first_paint(runs: int = 5) -> list[float]:
    """Seconds from launching ``reader`` (seeds) to the header on screen, per run."""
    scratch = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    env = " ".join(
        f"{name}={scratch / name.lower()}"
        for name in ("READER_CACHE_DIR", "READER_DATA_DIR", "READER_CONFIG_DIR")
    )
    command = f"cd {Path.cwd()} && {env} {sys.executable} -m reader; sleep 30"
    timings: list[float] = []
    for run in range(runs + 1):  # run 0 indexes the seeds
        session = f"reader-bench-{os.getpid()}-{run}"
        started = time.perf_counter()
        _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
        while "5 articles" not in _tmux("capture-pane", "-p", "-t", session):
            painted = "reader ·" in _tmux("capture-pane", "-p", "-t", session)
            if painted and run > 0 and len(timings) < run:
                timings.append(time.perf_counter() - started)
            if time.perf_counter() - started > 60:
                break
            time.sleep(0.005)
        _tmux("kill-session", "-t", session)
    shutil.rmtree(scratch, ignore_errors=True)
    return timings


async def keystrokes(corpus: Path, entities: bool) -> tuple[list[float], list[float]]:
    """(keystroke-to-results seconds per query, longest keystroke handling per query).

    With ``entities`` False the entity phase is not started, as after a full
    ``reader index``; with it, spaCy runs in its worker during the typing.
    """
    from reader.config import Config
    from reader.tui.app import create_app
    from reader.tui.screens.main import MainScreen
    from reader.tui.widgets.search_pane import SearchPane

    app = create_app([corpus], config=Config())
    shown: dict[str, float] = {}
    original = MainScreen._show_results

    def recording(screen, seq, results):
        original(screen, seq, results)
        if seq == screen.search_seq:
            shown[results.query] = time.perf_counter()

    MainScreen._show_results = recording
    original_entities = MainScreen.run_entities
    if not entities:
        MainScreen.run_entities = lambda screen: None
    latencies, stutters = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        pane = app.screen.query_one(SearchPane)
        for query in QUERIES:
            pane.input.value = ""
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
            longest = 0.0
            for character in query:
                before = time.perf_counter()
                await pilot.press(character)
                longest = max(longest, time.perf_counter() - before)
            typed = before  # when the last key was sent
            while query not in shown and time.perf_counter() - typed < 10:
                await pilot.pause(0.002)
            latencies.append(shown.get(query, float("nan")) - typed)
            stutters.append(longest)
    MainScreen._show_results = original
    MainScreen.run_entities = original_entities
    return latencies, stutters


def _summary(values: list[float]) -> str:
    ms = sorted(value * 1000 for value in values)
    return f"median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms (n={len(ms)})"


def main(argv: list[str]) -> int:
    if argv[:1] == ["paint"]:
        print("launch to first paint (seeds, tmux 120x40):", _summary(first_paint()))
        return 0
    if argv[:1] == ["keys"] and len(argv) in (2, 3):
        with_entities = argv[2:] == ["--with-entities"]
        latencies, stutters = asyncio.run(keystrokes(Path(argv[1]), with_entities))
        for query, latency in zip(QUERIES, latencies, strict=True):
            print(f"  {query!r}: {latency * 1000:.0f} ms")
        print("keystroke to results (incl. 150 ms debounce):", _summary(latencies))
        print("longest keystroke handling while typing:", _summary(stutters))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
