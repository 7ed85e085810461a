"""Bookmarks on the real seed corpus survive re-indexing and edits of the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkStore
from reader.indexing.library import Library

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    for variable in ("READER_DATA_DIR", "READER_CONFIG_DIR", "READER_CACHE_DIR"):
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def open_library(corpus: Path, index_dir: Path) -> Library:
    library = Library([corpus], index_dir=index_dir).open()
    library.sync()
    return library


def longest_paragraph(library: Library):
    hits = library.search("", sort="date", limit=20).hits
    article = library.article(hits[0].id)
    assert article is not None
    block = max(article.body_blocks, key=lambda b: (b.kept, b.end - b.start))
    return article, block


def test_bookmark_survives_reopening_and_reindexing(corpus: Path, tmp_path: Path) -> None:
    library = open_library(corpus, tmp_path / "index-1")
    article, block = longest_paragraph(library)
    start, end = block.start + 5, block.end - 5
    with BookmarkStore() as store:
        added = store.add(article, start, end, note="seed note", tags=["seed"])
    library.close()

    shutil.rmtree(tmp_path / "index-1")
    library = open_library(corpus, tmp_path / "index-2")  # a full re-index, new folder
    with BookmarkStore() as store:
        (again,) = store.list()
        assert again == added
        anchor = store.resolve(again, library.article(again.article_id))
    assert (anchor.start, anchor.end, anchor.orphaned) == (start, end, False)
    library.close()


def test_bookmark_follows_its_passage_after_the_file_is_edited(
    corpus: Path, tmp_path: Path
) -> None:
    library = open_library(corpus, tmp_path / "index")
    article, block = longest_paragraph(library)
    with BookmarkStore() as store:
        added = store.add(article, block.start, block.end)
    path = corpus / article.path
    text = path.read_text(encoding="utf-8")
    insertion = "Une ligne ajoutée en tête du fichier.\n\n"
    path.write_text(insertion + text, encoding="utf-8")
    library.sync()
    edited = library.article(article.id)
    assert edited is not None and edited.text != article.text
    with BookmarkStore() as store:
        anchor = store.resolve(added, edited)
    assert not anchor.orphaned
    assert edited.text[anchor.start : anchor.end] == added.quote

    path.write_text(text.replace(added.quote, ""), encoding="utf-8")
    library.sync()
    with BookmarkStore() as store:
        (kept,) = store.list()
        assert store.resolve(kept, library.article(article.id)).orphaned
        assert kept.quote == added.quote
    library.close()
