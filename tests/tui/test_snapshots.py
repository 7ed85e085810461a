"""SVG snapshots of the main screens on the indexed seeds, at 120x40 and 80x24.

Deterministic: every worker has finished before the picture is taken, the
header names the corpus folder (not a path), and no clock time is shown.
Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` after
reviewing the change.
"""

from __future__ import annotations

import pytest

WIDE, NARROW = (120, 40), (80, 24)


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open_query(pilot, query: str) -> None:
    await _settle(pilot)
    await pilot.press(*query)
    await _settle(pilot)
    await pilot.press("enter")
    await _settle(pilot)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_start_screen(snap_compare, make_app, size) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_article_with_hits(snap_compare, make_app, size) -> None:
    async def run_before(pilot) -> None:
        await _open_query(pilot, "Zuckerberg")
        await pilot.press("n")

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_article_with_boilerplate(snap_compare, make_app, size) -> None:
    async def run_before(pilot) -> None:
        await _open_query(pilot, "Zuckerberg")
        await pilot.press("b")

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def test_sidebar_over_the_article_at_80_columns(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await _open_query(pilot, "Zuckerberg")
        await pilot.press("e")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=NARROW, run_before=run_before)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_bookmarks_screen(snap_compare, make_app, size) -> None:
    from reader.bookmarks.store import BookmarkStore

    async def run_before(pilot) -> None:
        await _open_query(pilot, "Zuckerberg")
        await pilot.press("m")
        await _settle(pilot)
        await pilot.press(*"to quote", "tab", *"ai, seoul", "ctrl+s")
        await _settle(pilot)
        await pilot.press("B")
        await _settle(pilot)

    app = make_app()
    app._bookmark_store = BookmarkStore(clock=lambda: "2026-12-05T21:00:00+00:00")  # a fixed date
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_help_screen(snap_compare, make_app) -> None:
    async def run_before(pilot) -> None:
        await _settle(pilot)
        await pilot.press("f1")

    assert snap_compare(make_app(), terminal_size=WIDE, run_before=run_before)


@pytest.mark.parametrize("size", [WIDE, NARROW], ids=["120x40", "80x24"])
def test_quotes_of_a_person(snap_compare, make_app, size) -> None:
    async def run_before(pilot) -> None:
        from reader.tui.widgets.entity_sidebar import EntitySidebar

        await _open_query(pilot, "Zuckerberg")
        sidebar = pilot.app.screen.query_one(EntitySidebar)
        sidebar.focus()
        ids = [sidebar.get_option_at_index(i).id or "" for i in range(sidebar.option_count)]
        sidebar.highlighted = next(i for i, key in enumerate(ids) if "zuckerberg" in key)
        await pilot.press("Q")
        await _settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
