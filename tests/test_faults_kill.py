"""``kill -9`` of indexing at many points: the next run recovers, the index agrees with the
store, and work resumes where it stopped."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.indexing.library import Library

DRIVER = Path(__file__).with_name("faults_driver.py")
ARTICLES = 30
TEXT = "Article {n} Dupont\n\n" + "\n\n".join(
    "Le ministre Martin a annoncé mardi une réforme du budget, selon Reuters. " * 3
    for _ in range(3)
)
#: (point, n-th call): text batches, entity batches, and inside whoosh's commit.
FAULT_POINTS = [
    ("store.put", 1),
    ("store.put", 9),
    ("store.commit", 1),
    ("store.commit", 4),
    ("index.add", 1),
    ("index.add", 5),
    ("whoosh.segment", 2),
    ("whoosh.toc", 3),
    ("search.manifest", 2),
    ("store.set_entities", 3),
    ("store.commit", 10),  # an entity batch
    ("index.add_entities", 2),  # an entity batch written to the (entities) index
    ("whoosh.toc", 12),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for number in range(ARTICLES):
        (root / f"a{number:02}.txt").write_text(TEXT.format(n=number), "utf-8")
    return root


def _drive(corpus: Path, index_dir: Path, point: str = "none", nth: int = 0, first_wave: int = 0):
    env = {**os.environ, "READER_FAULTS_FIRST_WAVE": str(first_wave or "")}
    return subprocess.run(
        [sys.executable, str(DRIVER), str(corpus), str(index_dir), point, str(nth)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


def _committed(index_dir: Path) -> tuple[int, int]:
    """(articles, articles with entities) committed in the store, read as a bystander."""
    path = index_dir / "articles.sqlite3"
    if not path.exists():
        return 0, 0
    with sqlite3.connect(path) as db:
        try:
            rows = db.execute("SELECT entity_state, COUNT(*) FROM articles GROUP BY 1").fetchall()
        except sqlite3.OperationalError:  # killed before the schema was committed
            return 0, 0
    counts = dict(rows)
    return sum(counts.values()), counts.get("done", 0)


def assert_consistent(corpus: Path, index_dir: Path, *, entities_done: bool = True) -> None:
    with Library([corpus], index_dir=index_dir) as library:
        store_ids = set(library.store.ids())
        assert len(store_ids) == ARTICLES
        assert library.engine.doc_count() == ARTICLES  # no duplicate documents
        hashes = library.store.content_hashes()
        state = "done" if entities_done else "pending"
        expected = {article_id: (hashes[article_id], state) for article_id in store_ids}
        assert library.engine.stored() == expected
        assert library.search("ministre", limit=1).total == ARTICLES
        if entities_done:
            assert library.pending_entities() == 0
            assert library.search("person:martin", limit=1).total == ARTICLES


@pytest.mark.parametrize(("point", "nth"), FAULT_POINTS)
def test_killed_run_recovers_and_resumes(corpus: Path, tmp_path: Path, point: str, nth: int):
    index_dir = tmp_path / "index"
    killed = _drive(corpus, index_dir, point, nth)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    stored, with_entities = _committed(index_dir)

    resumed = _drive(corpus, index_dir)
    assert resumed.returncode == 0, resumed.stderr  # no stale lock, no traceback
    done = json.loads(resumed.stdout)
    assert done["added"] == ARTICLES - stored  # committed articles are not parsed again
    assert done["entities"] == ARTICLES - with_entities
    assert_consistent(corpus, index_dir)


#: With a first wave of 8 of the 30 articles (batches of 4): store commits 3-4 write the
#: first wave, 6-11 the rest, 13-14 settle the first wave again.
WAVE_FAULT_POINTS = [("store.put", 5), ("store.commit", 8), ("store.commit", 13), ("index.add", 7)]


@pytest.mark.parametrize(("point", "nth"), WAVE_FAULT_POINTS)
def test_killed_run_in_waves_recovers_and_leaves_no_provisional_article(
    corpus: Path, tmp_path: Path, point: str, nth: int
):
    from reader.indexing.sync import PROVISIONAL_KEY

    index_dir = tmp_path / "index"
    killed = _drive(corpus, index_dir, point, nth, first_wave=8)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    stored, _with_entities = _committed(index_dir)
    resumed = _drive(corpus, index_dir, first_wave=8)
    assert resumed.returncode == 0, resumed.stderr
    assert json.loads(resumed.stdout)["added"] == ARTICLES - stored
    assert_consistent(corpus, index_dir)
    with Library([corpus], index_dir=index_dir) as library:
        assert library.store.get_state(PROVISIONAL_KEY) == "[]"


def test_cli_killed_at_random_moments(corpus: Path, tmp_path: Path):
    """The real ``reader index`` killed after random delays, three times, then run to the end."""
    index_dir = tmp_path / "index"
    command = [sys.executable, "-m", "reader", "index", "--no-entities"]
    command += ["--index-dir", str(index_dir), str(corpus)]
    rng = random.Random(7)
    for _ in range(3):
        (corpus / f"new{rng.randrange(10**6)}.txt").write_text(TEXT.format(n="x"), "utf-8")
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.2, 1.0))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)
        for extra in corpus.glob("new*.txt"):
            extra.unlink()
    final = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert final.returncode == 0 and final.stderr == ""
    assert_consistent(corpus, index_dir, entities_done=False)


def test_stale_lock_file_does_not_block(corpus: Path, tmp_path: Path):
    index_dir = tmp_path / "index"
    # TOC writes: creating the main index, creating the entities index, the first commit
    assert _drive(corpus, index_dir, "whoosh.toc", 3).returncode == -signal.SIGKILL
    lock_file = index_dir / "whoosh" / "MAIN_WRITELOCK"
    assert lock_file.exists(), "whoosh leaves its lock file behind when killed"
    assert _drive(corpus, index_dir).returncode == 0
    assert_consistent(corpus, index_dir)
