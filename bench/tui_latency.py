"""Interface latency: launch to first paint, and keystroke to results.

Usage (from the checkout, venv active)::

    python bench/tui_latency.py paint [CORPUS] [--json]  # real terminal (tmux)
    python bench/tui_latency.py keys CORPUS [--with-entities] [--json]  # headless
    python bench/tui_latency.py first-launch CORPUS [--json]  # headless, fresh cache

``paint`` starts ``reader`` in a detached tmux session and polls the screen
until the header is drawn: Python start-up, imports and the first frame, as
a user sees them. It runs once first to index the seeds into a scratch cache.

``keys`` types queries into the search box of a headless app (the corpus must
be indexed already in READER_CACHE_DIR, e.g. ``reader index --no-entities``)
and measures, for the last keystroke of each query, the time until that
query's results are on screen (this includes the debounce), plus the
longest a single keystroke took to be handled while typing (stutter).

``first-launch`` opens a corpus never indexed (point READER_CACHE_DIR at an
empty folder) in a headless app, as a first ``reader CORPUS`` does: it
prints when the first part became searchable and when the text phase ended,
then lets the entity phase run ``ENTITY_SECONDS`` and types the queries
once while it runs. The interface process's peak memory (``ru_maxrss``:
the process itself, not its workers) covers all of it, and the resident
memory is sampled every ``SAMPLE_SECONDS`` to say where the peak was.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

QUERIES = ("ministre", "président", "climat", "guerre ukraine", "economy", "élections")
#: Each query is typed this many times (p95 needs more than six samples).
ROUNDS = 4
#: How long ``first-launch`` lets the entity phase run after the text phase.
ENTITY_SECONDS = 90
SAMPLE_SECONDS = 0.5


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def _env_prefix(scratch: Path | None) -> str:
    names = ("READER_CACHE_DIR", "READER_DATA_DIR", "READER_CONFIG_DIR")
    if scratch is not None:
        return " ".join(f"{name}={scratch / name.lower()}" for name in names)
    return " ".join(f"{name}={os.environ[name]}" for name in names if name in os.environ)


def first_paint(runs: int = 5, corpus: Path | None = None) -> list[float]:
    """Seconds from launching ``reader`` to the header on screen, per run.

    Without ``corpus``: the seeds, indexed first into a scratch cache (run 0).
    With ``corpus``: that corpus, indexed already in the READER_* folders of
    this process's environment.
    """
    scratch = Path(tempfile.mkdtemp(prefix="reader-bench-")) if corpus is None else None
    target = "" if corpus is None else str(corpus)
    launch = f"{_env_prefix(scratch)} {sys.executable} -m reader {target}"
    command = f"cd {Path.cwd()} && {launch}; sleep 30"
    timings: list[float] = []
    start = 0 if corpus is None else 1  # run 0 indexes the seeds and is not counted
    for run in range(start, runs + 1):
        session = f"reader-bench-{os.getpid()}-{run}"
        started = time.perf_counter()
        _tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
        painted_at = None
        while time.perf_counter() - started < 60:
            screen = _tmux("capture-pane", "-p", "-t", session)
            if painted_at is None and "reader ·" in screen:
                painted_at = time.perf_counter() - started
            if painted_at is not None and (corpus is not None or "5 articles" in screen):
                break
            time.sleep(0.005)
        _tmux("kill-session", "-t", session)
        if run > 0 and painted_at is not None:
            timings.append(painted_at)
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)
    return timings


async def keystrokes(corpus: Path, entities: bool) -> tuple[list[float], list[float]]:
    """(keystroke-to-results seconds per query, longest keystroke handling per query).

    With ``entities`` False the entity phase is not started, as after a full
    ``reader index``; with it (the corpus's entities still pending), spaCy's
    workers run during the typing: the waits below skip the entity worker.
    """
    from reader.tui.app import create_app
    from reader.tui.screens.main import MainScreen
    from reader.tui.widgets.search_pane import SearchPane
    from reader.userdata.config import Config

    app = create_app([corpus], config=Config())
    original_entities = MainScreen.run_entities
    if not entities:
        MainScreen.run_entities = lambda screen: None
    latencies, stutters = [], []
    with _results_shown() as shown:
        async with app.run_test(size=(120, 40)) as pilot:
            await _foreground_done(app)
            await pilot.pause()
            pane = app.screen.query_one(SearchPane)
            for query in QUERIES * ROUNDS:
                latency, longest = await _type_query(app, pilot, pane, query, shown)
                latencies.append(latency)
                stutters.append(longest)
            app.workers.cancel_group(app.screen, "entities")  # do not wait for the whole phase
    MainScreen.run_entities = original_entities
    return latencies, stutters


@contextmanager
def _results_shown() -> Iterator[dict[str, float]]:
    """When each query's results were last put on screen (query -> perf_counter)."""
    from reader.tui.screens.main import MainScreen

    shown: dict[str, float] = {}
    original = MainScreen._show_results

    def recording(screen, seq, results):
        original(screen, seq, results)
        if seq == screen.search_seq:
            shown[results.query] = time.perf_counter()

    MainScreen._show_results = recording
    try:
        yield shown
    finally:
        MainScreen._show_results = original


async def _type_query(app, pilot, pane, query: str, shown: dict[str, float]) -> tuple[float, float]:
    """Type ``query`` into an emptied search box: (seconds from its last key to its
    results on screen, the longest a key took to be handled)."""
    shown.pop(query, None)
    pane.input.value = ""
    await pilot.pause(0.3)
    await _foreground_done(app)
    longest = 0.0
    for character in query:
        before = time.perf_counter()
        await pilot.press(character)
        longest = max(longest, time.perf_counter() - before)
    typed = before  # when the last key was sent
    while query not in shown and time.perf_counter() - typed < 10:
        await pilot.pause(0.002)
    return shown.get(query, float("nan")) - typed, longest


async def first_launch(corpus: Path) -> dict:
    """Seconds to searchable and to the end of the text phase, keystroke latencies during
    the entity phase, and resident memory samples (see the module's doc)."""
    from reader.tui.app import create_app
    from reader.tui.widgets.search_pane import SearchPane
    from reader.userdata.config import Config

    samples: list[tuple[float, str, int]] = []  # (seconds, phase, resident MB)
    phase = ["opening"]
    started = time.perf_counter()

    async def sample() -> None:
        while True:
            samples.append((time.perf_counter() - started, phase[0], _resident_mb()))
            await asyncio.sleep(SAMPLE_SECONDS)

    sampler = asyncio.create_task(sample())
    app = create_app([corpus], config=Config())
    figures: dict = {}
    async with app.run_test(size=(120, 40)) as pilot:
        while not getattr(app.screen, "ready", False):
            await asyncio.sleep(0.05)
        figures["searchable_s"] = time.perf_counter() - started
        phase[0] = "text phase, searchable"
        text_phase = [worker for worker in app.workers if worker.group == "sync"]
        if text_phase:  # (an empty list would wait for every worker)
            await app.workers.wait_for_complete(text_phase)
        figures["text_phase_s"] = time.perf_counter() - started
        phase[0] = "entity phase"
        await asyncio.sleep(ENTITY_SECONDS)
        pane = app.screen.query_one(SearchPane)
        with _results_shown() as shown:
            typed = [await _type_query(app, pilot, pane, query, shown) for query in QUERIES]
        figures["keys_s"] = [latency for latency, _longest in typed]
        app.workers.cancel_group(app.screen, "entities")
    sampler.cancel()
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["samples"] = samples
    return figures


def _resident_mb() -> int:
    with open(f"/proc/{os.getpid()}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return 0


async def _foreground_done(app) -> None:
    """Wait for the text phase and searches, not for the entity phase."""
    while not getattr(app.screen, "ready", False):
        await asyncio.sleep(0.05)
    foreground = [worker for worker in app.workers if worker.group != "entities"]
    if foreground:  # an empty list would mean every worker
        await app.workers.wait_for_complete(foreground)


def _summary(values: list[float]) -> str:
    ms = sorted(value * 1000 for value in values)
    return f"median {statistics.median(ms):.0f} ms, max {ms[-1]:.0f} ms (n={len(ms)})"


def main(argv: list[str]) -> int:
    from reader.system.allocator import share_freed_memory_between_threads

    share_freed_memory_between_threads()  # as ``reader`` does before its interface starts
    as_json = "--json" in argv
    argv = [arg for arg in argv if arg != "--json"]
    if argv[:1] == ["paint"] and len(argv) in (1, 2):
        corpus = Path(argv[1]) if len(argv) == 2 else None
        timings = first_paint(corpus=corpus)
        if as_json:
            print(json.dumps({"paint_s": timings}))
        else:
            print(f"launch to first paint ({corpus or 'seeds'}, tmux 120x40):", _summary(timings))
        return 0
    if argv[:1] == ["keys"] and len(argv) in (2, 3):
        with_entities = argv[2:] == ["--with-entities"]
        latencies, stutters = asyncio.run(keystrokes(Path(argv[1]), with_entities))
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if as_json:
            print(json.dumps({"keys_s": latencies, "stutter_s": stutters, "peak_mb": peak_mb}))
            return 0
        for query, latency in zip(QUERIES * ROUNDS, latencies, strict=True):
            print(f"  {query!r}: {latency * 1000:.0f} ms")
        print("keystroke to results (incl. debounce):", _summary(latencies))
        print("longest keystroke handling while typing:", _summary(stutters))
        print(f"peak memory of the interface process: {peak_mb:.0f} MB")
        return 0
    if argv[:1] == ["first-launch"] and len(argv) == 2:
        figures = asyncio.run(first_launch(Path(argv[1])))
        if as_json:
            print(json.dumps(figures))
            return 0
        print(
            f"first part searchable after {figures['searchable_s']:.1f} s,"
            f" text phase ended after {figures['text_phase_s']:.1f} s"
        )
        print("keystroke to results during the entity phase:", _summary(figures["keys_s"]))
        by_phase: dict[str, int] = {}
        for _seconds, phase, resident in figures["samples"]:
            by_phase[phase] = max(by_phase.get(phase, 0), resident)
        for phase, resident in by_phase.items():
            print(f"  largest resident memory sampled, {phase}: {resident} MB")
        print(f"peak memory of the interface process: {figures['peak_mb']:.0f} MB")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
