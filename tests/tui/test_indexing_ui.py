"""The interface while the text phase runs: searchable as soon as a first part of the
corpus has landed, with the header saying how much, and results that grow."""

from __future__ import annotations

import threading

import pytest
from sample_articles import MemoryLibrary, run_async, sample_article

from reader.tui.app import ReaderApp
from reader.tui.screens import main
from reader.tui.widgets.results_list import ResultsList
from reader.tui.widgets.status_header import StatusHeader
from reader.userdata.config import Config


class LandingLibrary(MemoryLibrary):
    """Its text phase lands articles one at a time; each waits for the test's go-ahead."""

    def __init__(self, count: int) -> None:
        self.pending = [sample_article(f"a{index}") for index in range(count)]
        super().__init__([])
        self.go = threading.Semaphore(0)
        self.landed = threading.Event()

    def sync(self, progress=None, cancelled=lambda: False, *, quick=False):
        from reader.indexing.sync import SyncReport

        total = len(self.pending)
        progress("indexing", 0, total)
        for done, article in enumerate(self.pending, 1):
            while not self.go.acquire(timeout=0.05):
                if cancelled():  # the app is closing (a failed test too)
                    return SyncReport(cancelled=True)
            self.articles[article.id] = article
            progress("indexing", done, total)
            self.landed.set()
        return SyncReport(added=total)


async def _land_one(app, pilot, library: LandingLibrary) -> None:
    library.landed.clear()
    library.go.release()
    for _ in range(200):  # the event loop must run: the text phase reports through it
        await pilot.pause(0.01)
        if library.landed.is_set():
            break
    for worker in [worker for worker in app.workers if worker.group == "search"]:
        await worker.wait()  # (wait_for_complete of no worker waits for every worker)
    await pilot.pause()


def _header(app) -> str:
    return str(app.screen.query_one(StatusHeader).render())


@run_async
async def test_the_first_landed_articles_are_searchable_before_the_text_phase_ends() -> None:
    library = LandingLibrary(3)
    app = ReaderApp(library, config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.ready
        assert "indexed 0 of 3 (0%)" in _header(app)
        await _land_one(app, pilot, library)
        assert app.screen.ready
        header = _header(app)
        assert "1 article ·" in header and "indexed 1 of 3 (33%)" in header
        results = app.screen.query_one(ResultsList)
        assert results.total == 1
        app.screen.landed_at = 0.0  # as if the refresh interval had passed
        await _land_one(app, pilot, library)
        assert results.total == 2 and "indexed 2 of 3 (66%)" in _header(app)
        await _land_one(app, pilot, library)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert results.total == 3 and "indexed" not in _header(app)


async def _until(pilot, condition, seconds: float = 3.0) -> bool:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()


@run_async
async def test_the_last_landing_is_searched_once_the_refresh_interval_is_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two segments land in quick succession, then nothing for a long while: the second
    is searched without waiting for a third (it used to wait a minute at 100,000)."""
    monkeypatch.setattr(main, "RESEARCH_SECONDS", 0.3)
    library = LandingLibrary(3)
    app = ReaderApp(library, config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await _land_one(app, pilot, library)
        await _land_one(app, pilot, library)
        results = app.screen.query_one(ResultsList)
        assert results.total == 1 and "2 articles" in _header(app)  # too soon to search again
        assert await _until(pilot, lambda: results.total == 2)


@run_async
async def test_results_the_user_is_walking_are_refreshed_once_they_leave_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(main, "RESEARCH_SECONDS", 0.2)
    library = LandingLibrary(3)
    app = ReaderApp(library, config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await _land_one(app, pilot, library)
        results = app.screen.query_one(ResultsList)
        results.focus()
        app.screen.landed_at = 0.0
        await _land_one(app, pilot, library)
        await pilot.pause(0.5)
        assert results.total == 1 and "2 articles" in _header(app)  # not under their feet
        await pilot.press("slash")  # back to the search box
        assert await _until(pilot, lambda: results.total == 2)
        results.focus()
        library.go.release()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert results.total == 3  # the end of the text phase shows everything
