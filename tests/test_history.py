"""Persistent query history and the up/down recall cursor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.userdata.history import HistoryCursor, QueryHistory


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("READER_DATA_DIR", str(folder))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    return folder


def test_missing_file_is_an_empty_history(data_dir: Path) -> None:
    history = QueryHistory.load()
    assert history.entries == []
    assert history.problem is None
    assert history.path == data_dir / "history.json"


def test_add_keeps_most_recent_first_deduplicated_and_persists() -> None:
    history = QueryHistory.load()
    for query in ["alpha", "beta", " alpha ", "gamma", "", "   "]:
        history.add(query)
    assert history.entries == ["gamma", "alpha", "beta"]
    assert QueryHistory.load().entries == ["gamma", "alpha", "beta"]


def test_history_is_bounded() -> None:
    history = QueryHistory.load(limit=3)
    for number in range(10):
        history.add(f"q{number}")
    assert history.entries == ["q9", "q8", "q7"]
    assert QueryHistory.load(limit=2).entries == ["q9", "q8"]


def test_entries_is_a_copy() -> None:
    history = QueryHistory.load()
    history.add("a")
    history.entries.append("b")
    assert history.entries == ["a"]


@pytest.mark.parametrize(
    "content", [b"{not json", b'{"queries": "x"}', b"[1, 2]", b'{"queries": [1]}', b"\xff\xfe"]
)
def test_corrupt_file_is_set_aside_and_history_starts_empty(data_dir: Path, content: bytes) -> None:
    data_dir.mkdir(parents=True)
    path = data_dir / "history.json"
    path.write_bytes(content)
    history = QueryHistory.load()
    assert history.entries == []
    assert history.problem is not None and "history.json.corrupt" in history.problem
    assert (data_dir / "history.json.corrupt").read_bytes() == content
    history.add("fresh")
    assert QueryHistory.load().entries == ["fresh"]


def test_second_corrupt_file_does_not_overwrite_the_first(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "history.json").write_text("first", encoding="utf-8")
    QueryHistory.load()
    (data_dir / "history.json").write_text("second", encoding="utf-8")
    QueryHistory.load()
    assert (data_dir / "history.json.corrupt").read_text(encoding="utf-8") == "first"
    assert (data_dir / "history.json.corrupt.1").read_text(encoding="utf-8") == "second"


def test_file_format_is_versioned_json(data_dir: Path) -> None:
    history = QueryHistory.load()
    history.add("élysée")
    data = json.loads((data_dir / "history.json").read_text(encoding="utf-8"))
    assert data == {"version": 1, "queries": ["élysée"]}


def test_unwritable_location_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    history = QueryHistory(blocker / "history.json")
    history.add("q")
    assert history.entries == ["q"]
    assert history.problem is not None


def test_cursor_walks_older_then_back_to_the_draft() -> None:
    cursor = HistoryCursor(["newest", "middle", "oldest"])
    assert cursor.newer() is None
    assert cursor.older("draft") == "newest"
    assert cursor.older("newest") == "middle"
    assert cursor.older("middle") == "oldest"
    assert cursor.older("oldest") is None
    assert cursor.newer() == "middle"
    assert cursor.newer() == "newest"
    assert cursor.newer() == "draft"
    assert cursor.at_draft
    assert cursor.newer() is None


def test_cursor_skips_an_entry_equal_to_the_shown_text() -> None:
    cursor = HistoryCursor(["same", "older"])
    assert cursor.older("same") == "older"


def test_cursor_on_empty_history_does_nothing() -> None:
    cursor = QueryHistory.load().cursor()
    assert cursor.older("x") is None
    assert cursor.newer() is None


def test_cursor_reset_takes_new_entries() -> None:
    cursor = HistoryCursor(["a"])
    cursor.older("")
    cursor.reset(["b", "a"])
    assert cursor.at_draft
    assert cursor.older("") == "b"
