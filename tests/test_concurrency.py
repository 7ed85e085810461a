"""Two ``reader`` processes on one corpus: one indexing while the other searches and
bookmarks, or both indexing at once (the interface and ``reader index``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.bookmarks import BookmarkStore
from test_faults_kill import ARTICLES, DRIVER, TEXT, assert_consistent
from test_faults_kill import corpus as corpus  # the fixture


def _start(corpus: Path, index_dir: Path, point: str, nth: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(corpus), str(index_dir), point, str(nth)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return json.loads(out)


def test_indexing_while_another_process_searches_and_bookmarks(corpus: Path, tmp_path: Path):
    index_dir = tmp_path / "index"
    indexer = _start(corpus, index_dir, "none", 0)
    searcher = _start(corpus, index_dir, "searcher", 40)
    _finish(indexer)
    seen = _finish(searcher)
    assert seen["totals"] and -1 not in seen["totals"]  # never a duplicate hit
    assert max(seen["totals"]) <= ARTICLES
    with BookmarkStore() as bookmarks:
        kept = {bookmark.id for bookmark in bookmarks.list()}
    assert set(seen["saved"]) <= kept and len(seen["saved"]) == 40
    assert_consistent(corpus, index_dir)


@pytest.mark.parametrize("round_", range(2))
def test_two_processes_indexing_at_once(corpus: Path, tmp_path: Path, round_: int):
    index_dir = tmp_path / "index"
    if round_:
        (corpus / "a00.txt").write_text(TEXT.format(n="changed") + "\n\nUne suite.", "utf-8")
    first = _start(corpus, index_dir, "none", 0)
    second = _start(corpus, index_dir, "none", 0)
    _finish(first)
    _finish(second)
    assert_consistent(corpus, index_dir)
