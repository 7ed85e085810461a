"""Run both indexing phases in a child process, killing it with SIGKILL at a chosen point.

``python faults_driver.py CORPUS INDEX_DIR POINT N`` kills the process on the
N-th call of POINT (see ``POINTS``); POINT ``none`` runs to the end and prints
what was done as JSON. Small batches make every phase span several commits.
Entities come from a stand-in extractor (capitalised words), so no spaCy
model is loaded: what is tested is the bookkeeping, not the model.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
from pathlib import Path

from reader.corpus.models import Entity
from reader.indexing import library as library_module
from reader.indexing import sync, textwork

#: Set to a number of files: the text phase writes that many as a first wave.
FIRST_WAVE_ENV = "READER_FAULTS_FIRST_WAVE"


class WordExtractor:
    """Capitalised words as PER entities: fast and deterministic."""

    def extract_many(self, items, *, batch_size: int = 32):
        for _lang, text in items:
            yield [
                Entity(match.group(), "PER", match.start(), match.end(), match.group().lower())
                for match in re.finditer(r"\b[A-Z][a-z]{3,}\b", text)
            ]


def _points() -> dict[str, tuple[object, str]]:
    import whoosh.index
    import whoosh.writing

    from reader.indexing.store import Store
    from reader.search.whoosh_backend import WhooshEngine, storage

    return {
        "store.commit": (Store, "commit"),
        "store.put": (Store, "put"),
        "store.set_entities": (Store, "set_entities"),
        "index.add": (WhooshEngine, "add"),
        "index.add_entities": (WhooshEngine, "add_entities"),
        "whoosh.segment": (whoosh.writing.SegmentWriter, "_commit_toc"),
        "whoosh.toc": (whoosh.index.TOC, "write"),
        "search.manifest": (storage, "write_manifest"),
    }


def arm(point: str, nth: int) -> None:
    owner, name = _points()[point]
    original = getattr(owner, name)
    calls = 0

    def wrapped(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return original(*args, **kwargs)

    setattr(owner, name, wrapped)


def search_and_bookmark(corpus: str, index_dir: str, rounds: int) -> int:
    """The other process: opens the corpus, searches and bookmarks while indexing goes on."""
    from reader.bookmarks import BookmarkStore

    totals, saved = [], []
    with library_module.Library([Path(corpus)], index_dir=Path(index_dir)) as library:
        library.sync()
        with BookmarkStore() as bookmarks:
            for _ in range(rounds):
                results = library.search("ministre", limit=100)
                totals.append(results.total)
                ids = [hit.id for hit in results.hits]
                if len(set(ids)) != len(ids):
                    totals.append(-1)  # a duplicate hit
                article = library.article(ids[0]) if ids else None
                if article is not None:
                    saved.append(bookmarks.add(article, 0, 10, note="concurrent").id)
    print(json.dumps({"totals": totals, "saved": saved}))
    return 0


def main(corpus: str, index_dir: str, point: str, nth: str) -> int:
    textwork.BATCH = 4
    first_wave = os.environ.get(FIRST_WAVE_ENV)
    if first_wave:  # the text phase in two waves (see sync), whatever the corpus's size
        sync.WAVES_FROM, sync.FIRST_WAVE = 1, int(first_wave)
    library_module.ENTITY_BATCH = library_module.ENTITY_TASK = 4
    if point == "searcher":
        return search_and_bookmark(corpus, index_dir, int(nth))
    if point != "none":
        arm(point, int(nth))
    with library_module.Library([Path(corpus)], index_dir=Path(index_dir)) as library:
        report = library.sync()
        done = library.index_entities(extractor=WordExtractor())
    print(json.dumps({"added": report.added, "unchanged": report.unchanged, "entities": done}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
