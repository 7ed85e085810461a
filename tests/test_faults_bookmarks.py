"""``kill -9`` while bookmarks are being saved: the database opens, and every bookmark whose
save was confirmed (``add`` returned) is there, whole."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from reader.bookmarks import BookmarkStore
from reader.indexing.library import Library

CHILD = """
import sys
from pathlib import Path
from reader.bookmarks import BookmarkStore
from reader.indexing.library import Library

with Library([Path(sys.argv[1])], index_dir=Path(sys.argv[2])) as library:
    article = next(library.store.iter_articles())
store = BookmarkStore(Path(sys.argv[3]))
number = 0
while True:
    number += 1
    note = f"note {number} " + "n" * (number % 7) * 300
    bookmark = store.add(article, 0, 30, note=note, tags=[f"t{number % 3}"])
    print(bookmark.id, number, flush=True)
"""


def test_kill_while_saving_bookmarks(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Titre\n\n" + "Le ministre a parlé mardi. " * 20, "utf-8")
    index_dir = tmp_path / "index"
    with Library([corpus], index_dir=index_dir) as library:
        library.sync()
    database = tmp_path / "data" / "bookmarks.sqlite3"
    confirmed: dict[int, int] = {}
    rng = random.Random(11)
    for _round in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(corpus), str(index_dir), str(database)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        for _ in range(rng.randrange(3, 60)):
            bookmark_id, number = child.stdout.readline().split()
            confirmed[int(bookmark_id)] = int(number)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        with sqlite3.connect(database) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with BookmarkStore(database) as store:
            assert store.messages == []
            kept = {bookmark.id: bookmark for bookmark in store.list()}
        for bookmark_id, number in confirmed.items():
            bookmark = kept[bookmark_id]
            assert bookmark.note == f"note {number} " + "n" * (number % 7) * 300
            assert bookmark.tags == [f"t{number % 3}"]
