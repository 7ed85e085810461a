"""``reader bookmarks list`` and ``reader bookmarks export``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.bookmarks import BookmarkStore
from reader.cli.main import main
from reader.corpus.models import Article

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
TEXT = "Title\n\nThe council approved the *budget* on Monday after a long debate."


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("READER_DATA_DIR", str(folder))
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_CACHE_DIR", str(tmp_path / "cache"))
    article = Article(id="a1", path="x/a.txt", text=TEXT, title="Council", lang="en", blocks=[])
    with BookmarkStore() as store:
        start = TEXT.index("The council")
        store.add(article, start, start + 40, note="first *note*", tags=["budget"])
        store.add(
            article,
            TEXT.index("long"),
            TEXT.index("long") + 11,
            tags=["debate"],
            corpus="/corpora/city-news",
        )
    return folder


def test_list(data_dir: Path, capsys) -> None:
    assert main(["bookmarks", "list"]) == 0
    out = capsys.readouterr().out
    assert "Council" in out and "The council approved" in out and "note: first *note*" in out
    assert "corpus: city-news (/corpora/city-news)" in out
    assert "corpus: unknown" in out
    with BookmarkStore() as store:
        made = store.get(1)
    assert made is not None
    day, month, year = made.created[8:10], made.created[5:7], made.created[:4]
    assert f"#1  {int(day)} {MONTHS[int(month) - 1]} {year}  Council  [budget]" in out
    assert main(["bookmarks", "list", "--tag", "debate", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [b["quote"] for b in data["bookmarks"]] == ["long debate"]


def test_export_markdown_to_stdout(data_dir: Path, capsys) -> None:
    assert main(["bookmarks", "export"]) == 0
    tokens = MarkdownIt("commonmark").parse(capsys.readouterr().out)
    assert sum(t.type == "blockquote_open" for t in tokens) == 2


def test_export_json_to_a_file(data_dir: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "out" / "marks.json"
    assert main(["bookmarks", "export", "-o", str(target), "--filter", "approved"]) == 0
    assert "1 bookmark written to" in capsys.readouterr().err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["bookmarks"][0]["tags"] == ["budget"]
    assert main(["bookmarks", "export", "--format", "md", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("# Bookmarks")


def test_export_to_an_unwritable_place_fails_clearly(data_dir: Path, tmp_path: Path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["bookmarks", "export", "-o", str(blocker / "sub" / "m.md")]) == 1
    assert "could not write" in capsys.readouterr().err


def test_usage_errors(data_dir: Path) -> None:
    assert main(["bookmarks"]) == 2
    assert main(["bookmarks", "export", "--format", "pdf"]) == 2
