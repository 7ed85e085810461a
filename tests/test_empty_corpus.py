"""An empty folder says what was looked for, where: in the text phase's report and the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.corpus.ingest import ARTICLE_SUFFIXES, discover, no_articles_message
from reader.indexing.library import Library

LOOKED_FOR = (
    "looked for .txt, .md and .markdown files"
    " (hidden files and folders are skipped, links to folders not followed)"
)


def nothing_to_read(folder: Path) -> Path:
    """A folder with files of every kind ``discover`` passes over, and no article."""
    (folder / ".hidden").mkdir(parents=True)
    (folder / ".hidden" / "inside-a-hidden-folder.txt").write_text("An article\n\nText.\n")
    (folder / ".hidden-file.txt").write_text("An article\n\nText.\n")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notes.docx").write_bytes(b"PK")
    (folder / "empty-subfolder").mkdir()
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.txt").write_text("An article\n\nText.\n")
    if os.name == "posix":
        (folder / "link-to-a-folder").symlink_to(elsewhere, target_is_directory=True)
    return folder


def test_the_message_says_what_discover_really_skips(tmp_path: Path) -> None:
    folder = nothing_to_read(tmp_path / "corpus")
    assert list(discover([folder])) == []
    assert no_articles_message([folder], 0) == f"no articles in {folder}: {LOOKED_FOR}"


def test_the_message_names_what_discover_really_takes(tmp_path: Path) -> None:
    for suffix in ARTICLE_SUFFIXES:
        (tmp_path / f"article{suffix}").write_text("Title\n\nText.\n")
        (tmp_path / f"upper{suffix.upper()}").write_text("Title\n\nText.\n")
        assert suffix in LOOKED_FOR
    assert len(list(discover([tmp_path]))) == 2 * len(ARTICLE_SUFFIXES)


def test_the_message_names_every_path_absolute_and_counts_unreadable_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    message = no_articles_message([Path("a"), Path("b\x1b[2J")], 0)
    assert message.startswith(f"no articles in {tmp_path / 'a'}, {tmp_path / 'b'}\\x1b[2J: ")
    assert no_articles_message([tmp_path], 1) == (
        f"no readable articles in {tmp_path}: 1 file was found but none could be read"
    )
    assert no_articles_message([tmp_path], 1200).endswith(
        ": 1,200 files were found but none could be read"
    )


def test_the_text_phase_reports_what_it_found(tmp_path: Path) -> None:
    folder = nothing_to_read(tmp_path / "corpus")
    with Library([folder], index_dir=tmp_path / "index") as library:
        report = library.sync()
        assert report.found == 0
        assert library.empty_message(report) == f"no articles in {folder}: {LOOKED_FOR}"
        (folder / "blank.txt").write_text("  \n")
        report = library.sync()
        assert report.found == 1 and len(report.skipped) == 1
        assert library.empty_message(report) == (
            f"no readable articles in {folder}: 1 file was found but none could be read"
        )
        (folder / "article.md").write_text("Title\n\nThe council met on Monday.\n")
        report = library.sync()
        assert report.found == 2 and report.added == 1
        assert library.empty_message(report) is None


def test_reader_index_and_search_fail_on_an_empty_folder(tmp_path: Path, capsys) -> None:
    folder = nothing_to_read(tmp_path / "corpus")
    index_dir = str(tmp_path / "index")
    assert main(["index", str(folder), "--index-dir", index_dir]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"reader: no articles in {folder}: {LOOKED_FOR}\n"
    assert main(["search", "budget", "--corpus", str(folder), "--index-dir", index_dir]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"reader: no articles in {folder}: {LOOKED_FOR}\n"
