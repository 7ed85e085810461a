"""Pilot tests on the real core: the indexed seed corpus (text and entity phases)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_articles import run_async
from sample_articles import settle_workers as settle

from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.entity_sidebar import EntitySidebar
from reader.tui.widgets.search_pane import SearchPane


async def _search_the_seeds(app, pilot) -> None:
    """Once indexed, the five seeds are listed, and typing a name finds its articles."""
    await settle(app, pilot)
    pane = app.screen.query_one(SearchPane)
    assert str(app.screen.query_one("#search-status").render()) == "5 articles, newest first"
    pane.input.focus()
    await pilot.press(*"Zuckerberg")
    await settle(app, pilot)
    assert pane.results.option_count >= 1


@run_async
async def test_seeds_search_open_and_related(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _search_the_seeds(app, pilot)
        assert "5 articles" in str(app.screen.query_one("#status-header").render())
        await pilot.press("enter")
        await settle(app, pilot)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and "Zuckerberg" in view.article.title
        assert view.hits, "the query's hits are highlighted"
        for start, end in view.hits:
            assert view.article.text[start:end].lower() == "zuckerberg"
        await pilot.press("n")
        assert "hit 1/" in str(app.screen.query_one("#article-status").render())


@run_async
async def test_seeds_meeting_articles_are_related(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        ids = _ids_by_file_prefix(app)
        sidebar = app.screen.query_one(EntitySidebar)
        assert str(sidebar.get_option_at_index(1).prompt) == "(open an article)"
        app.screen.open_article(ids["000"])
        options = _sidebar_options(app)
        related = {option.removeprefix("related:") for option in options if "related:" in option}
        assert {ids["001"], ids["003"]} <= related
        assert any(option.startswith("entity:") for option in options)


def _sidebar_options(app) -> list[str]:
    sidebar = app.screen.query_one(EntitySidebar)
    return [sidebar.get_option_at_index(i).id or "" for i in range(sidebar.option_count)]


def _app_on_a_fresh_copy(tmp_path: Path):
    """The app on a new, unindexed copy of the seeds (so both phases run)."""
    import shutil

    from conftest import SEEDS
    from reader.tui.app import create_app
    from reader.userdata.config import Config

    corpus = tmp_path / "fresh"
    shutil.copytree(SEEDS, corpus)
    return create_app([corpus], tmp_path / "index", config=Config(debounce_ms=0))


def _ids_by_file_prefix(app) -> dict[str, str]:
    results = app.library.search("", sort="date", limit=10)
    return {Path(hit.path).name[:3]: hit.id for hit in results.hits}


@pytest.mark.slow
@run_async
async def test_a_new_corpus_is_indexed_by_worker_processes(tmp_path: Path, monkeypatch) -> None:
    """The interface's text phase with worker-written segments (as for 1,000 new files or more)."""
    from reader.indexing import textwork

    monkeypatch.setattr(textwork, "MIN_FILES", 1)
    monkeypatch.setattr(textwork, "MIN_SEGMENT", 2)
    written: list[int] = []
    real_write = textwork.TextWorkers.finish

    def finish_and_count(self, stats, items, *more):
        for chunk in real_write(self, stats, items, *more):
            written.append(chunk.count if chunk.batch is not None else 0)
            yield chunk

    monkeypatch.setattr(textwork.TextWorkers, "finish", finish_and_count)
    app = _app_on_a_fresh_copy(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _search_the_seeds(app, pilot)
        assert sum(written) == 5 and len(written) > 1  # segments written by the workers


@pytest.mark.slow
@run_async
async def test_the_interface_extracts_entities_in_worker_processes(
    tmp_path: Path, monkeypatch
) -> None:
    """Even five pending articles go to a spaCy worker: the models stay out of the interface."""
    from reader.indexing import entity_pool as pool

    started: list[int] = []
    real_init = pool.ExtractorPool.__init__

    def init_and_count(self, workers: int) -> None:
        started.append(workers)
        real_init(self, workers)

    monkeypatch.setattr(pool.ExtractorPool, "__init__", init_and_count)
    app = _app_on_a_fresh_copy(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        ids = _ids_by_file_prefix(app)
        assert started == [1]  # one task of articles: one worker
        assert app.library.stats()["pending_entities"] == 0
        names = [entity.text for entity in app.library.article(ids["000"]).entities]
        assert any("Zuckerberg" in name for name in names)
        app.screen.open_article(ids["000"])
        options = _sidebar_options(app)
        assert any(option.startswith("entity:") for option in options)


@run_async
async def test_slash_in_the_empty_search_box_is_not_typed(make_app) -> None:
    """The footer and placeholder say "/ Search": pressed there, it must not start the query."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.screen.query_one(SearchPane)
        pane.input.focus()
        await pilot.press("slash", *"n", "slash", "a")
        assert pane.input.value == "n/a"  # a slash inside a query is kept
        pane.input.value = ""
        await pilot.press("slash", "slash", *"meta")
        assert pane.input.value == "meta"


@run_async
async def test_slash_is_typed_when_another_key_focuses_the_search(make_app) -> None:
    from reader.userdata.config import Config

    app = make_app(config=Config(keys={"reader.focus_search": "f12"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert app.startup_problems == []  # the key was remapped
        pane = app.screen.query_one(SearchPane)
        pane.input.focus()
        await pilot.press("slash", *"x")
        assert pane.input.value == "/x"


@run_async
async def test_an_index_folder_that_cannot_be_written_is_reported_not_a_crash(tmp_path: Path):
    from conftest import SEEDS
    from reader.tui.app import create_app
    from reader.userdata.config import Config

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app = create_app([SEEDS], blocker / "index", config=Config(debounce_ms=0))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert "cannot open the index" in str(app.screen.query_one("#status-header").render())
        messages = [notification.message for notification in app._notifications]
        assert any(str(blocker / "index") in message for message in messages)
        await pilot.press(*"zuckerberg")  # typing with no index searches nothing and breaks nothing
        await pilot.press("ctrl+q")
    assert app.return_code in (0, None)
