"""Folders that cannot be written, full disks, and damaged index files.

A full disk is a small tmpfs when this process may mount one (root on Linux);
else those tests skip, and a monkeypatched write raising ENOSPC stands in.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkStore, BookmarkStoreError
from reader.cli.main import main
from reader.indexing.library import Library, LibraryError
from reader.indexing.store import Store

TEXT = "Titre {n}\n\n" + "Le ministre a annoncé mardi une réforme du budget, selon Reuters. " * 6


def _corpus(root: Path, count: int = 12) -> Path:
    root.mkdir(parents=True)
    for number in range(count):
        (root / f"a{number:02}.txt").write_text(TEXT.format(n=number), "utf-8")
    return root


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 200 KB tmpfs, unmounted afterwards; skips where mounting is not allowed."""
    mount = shutil.which("mount")
    target = tmp_path / "small-disk"
    target.mkdir()
    if mount is None:
        pytest.skip("no mount command")
    result = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(target)],
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode().strip()}")
    yield target
    subprocess.run(["umount", str(target)], check=True)


def _only_line(capsys) -> str:
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# folders -------------------------------------------------------------------


def test_cache_folder_not_writable(tmp_path: Path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("READER_CACHE_DIR", str(blocker / "cache"))
    corpus = _corpus(tmp_path / "corpus")
    assert main(["index", "--no-entities", str(corpus)]) == 1
    line = _only_line(capsys)
    assert str(blocker / "cache") in line and "READER_CACHE_DIR" in line


def test_read_only_corpus_is_never_written(tmp_path: Path):
    corpus = _corpus(tmp_path / "corpus")
    before = sorted((path.name, path.stat().st_mtime_ns) for path in corpus.iterdir())
    corpus.chmod(0o555)
    try:
        with Library([corpus], index_dir=tmp_path / "index") as library:
            assert library.sync().added == 12
    finally:
        corpus.chmod(0o755)
    assert sorted((path.name, path.stat().st_mtime_ns) for path in corpus.iterdir()) == before


def test_data_folder_not_writable(tmp_path: Path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker / "data"))
    assert main(["bookmarks", "list"]) == 1
    line = _only_line(capsys)
    assert str(blocker) in line and "READER_DATA_DIR" in line


# full disks ----------------------------------------------------------------


def test_index_on_a_full_disk(tmp_path: Path, small_disk: Path, capsys):
    corpus = _corpus(tmp_path / "corpus", count=40)
    code = main(["index", "--no-entities", "--index-dir", str(small_disk / "i"), str(corpus)])
    assert code == 1
    line = _only_line(capsys)
    assert str(small_disk / "i") in line and "READER_CACHE_DIR" in line


def test_store_write_failing_with_enospc(tmp_path: Path, monkeypatch, capsys):
    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Store, "put", full)
    corpus = _corpus(tmp_path / "corpus")
    assert main(["index", "--no-entities", "--index-dir", str(tmp_path / "i"), str(corpus)]) == 1
    assert "disk is full" in _only_line(capsys)


def test_index_write_failing_with_enospc(tmp_path: Path, monkeypatch):
    from reader.search.whoosh_backend import WhooshEngine

    def full(self, docs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(WhooshEngine, "add", full)
    library = Library([_corpus(tmp_path / "corpus")], index_dir=tmp_path / "i")
    with library, pytest.raises(LibraryError, match=r"No space left on device.*READER_CACHE_DIR"):
        library.sync()


def test_bookmarks_on_a_full_disk_are_never_half_written(small_disk: Path):
    with Library([_corpus(small_disk.parent / "corpus")], index_dir=small_disk.parent / "i") as lib:
        lib.sync()
        article = next(lib.store.iter_articles())
    path = small_disk / "bookmarks.sqlite3"
    confirmed = []
    with BookmarkStore(path) as store, pytest.raises(BookmarkStoreError, match=r"disk is full"):
        for number in range(10_000):
            bookmark = store.add(article, 0, 20, note=f"{number} " + "x" * 2000)
            confirmed.append((bookmark.id, bookmark.note))
    assert confirmed
    with BookmarkStore(path) as store:
        assert store.messages == []
        kept = {bookmark.id: bookmark.note for bookmark in store.list()}
    assert dict(confirmed) == kept  # every confirmed one, none half written


# damaged index files -------------------------------------------------------


def _damage_segment(whoosh: Path) -> None:
    segment = max(whoosh.glob("*.seg"), key=lambda path: path.stat().st_size)
    segment.write_bytes(segment.read_bytes()[: segment.stat().st_size // 2])


def _delete_segment(whoosh: Path) -> None:
    next(whoosh.glob("*.seg")).unlink()


def _garbage_toc(whoosh: Path) -> None:
    next(whoosh.glob("*.toc")).write_bytes(b"\x00garbage" * 10)


def _older_schema(whoosh: Path) -> None:
    manifest = whoosh / "reader-search.json"
    manifest.write_text(manifest.read_text().replace('"schema_version": ', '"schema_version": -'))


def _corrupt_store(index_dir: Path) -> None:
    (index_dir / "articles.sqlite3").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        Path(f"{index_dir / 'articles.sqlite3'}{suffix}").unlink(missing_ok=True)


@pytest.mark.parametrize(
    "damage",
    [_damage_segment, _delete_segment, _garbage_toc, _older_schema, _corrupt_store],
    ids=["truncated segment", "deleted segment", "garbage toc", "older schema", "store"],
)
def test_damaged_index_is_rebuilt_with_a_message(tmp_path: Path, damage):
    corpus = _corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    with Library([corpus], index_dir=index_dir) as library:
        library.sync()
    damage(index_dir if damage is _corrupt_store else index_dir / "whoosh")
    where = ["--corpus", str(corpus), "--index-dir", str(index_dir)]
    result = subprocess.run(
        [sys.executable, "-m", "reader", "search", "ministre", "--json", *where],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "rebuilt" in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.count("; rebuilt") == 1  # one line for one event
    assert '"total": 12' in result.stdout
    with Library([corpus], index_dir=index_dir) as library:
        assert library.messages == []  # healthy again
        assert library.engine.doc_count() == library.store.count() == 12
