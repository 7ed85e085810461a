"""Segments written outside the index (text-phase workers) and added by the parent."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

import pytest

from reader.indexing.scratch import SCRATCH_PREFIX, scratch_folder
from reader.search import SearchRequest
from reader.search.whoosh_backend import WhooshEngine
from reader.search.whoosh_backend.segments import worker_folder, write_segment
from test_search_data import DOCS


def _pending(docs=DOCS):
    return [replace(doc, entities={}, entity_state="pending") for doc in docs]


def _nothing_stale(versions):
    return set(), []


def _ids(results) -> set[str]:
    return {hit.id for hit in results.hits}


@pytest.fixture
def index(tmp_path):
    ix = WhooshEngine.open(tmp_path / "ix")
    yield ix
    ix.close()


def test_a_written_segment_searches_like_documents_added_one_by_one(index, tmp_path):
    added = WhooshEngine.open(tmp_path / "added")
    added.add(_pending())
    with scratch_folder(index.index_dir) as scratch:
        written = write_segment(worker_folder(scratch), _pending())
        assert [doc_id for doc_id, _hash in written.versions] == [d.id for d in DOCS]
        index.add_batch(written, _nothing_stale)
    for query in ("régulateurs", "meta", '"crude oil"', "regulat*", "regulater~1", "lang:fr"):
        got, expected = (
            index.search(SearchRequest(query, limit=50)),
            added.search(SearchRequest(query, limit=50)),
        )
        assert [(h.id, round(h.score, 6)) for h in got.hits] == [
            (h.id, round(h.score, 6)) for h in expected.hits
        ], query
        assert got.total == expected.total
    assert index.stored() == added.stored()
    added.close()
    assert not list(index.index_dir.glob(f"{SCRATCH_PREFIX}*"))  # scratch removed


def test_a_segment_replaces_older_versions_and_leaves_no_scratch_files(index):
    index.add(_pending())
    newer = [replace(DOCS[0], body="Une version corrigée", content_hash="v2")]
    with scratch_folder(index.index_dir) as scratch:
        index.add_batch(write_segment(worker_folder(scratch), newer), _nothing_stale)
    assert index.doc_count() == len(DOCS)
    assert _ids(index.search(SearchRequest("corrigée"))) == {DOCS[0].id}
    assert DOCS[0].id not in _ids(index.search(SearchRequest("régulateurs européens")))
    assert index.stored()[DOCS[0].id] == ("v2", "pending")


def test_stale_documents_of_a_segment_are_replaced_by_the_current_ones(index):
    current = replace(DOCS[1], body="Texte actuel du magasin", content_hash="store")
    asked = []

    def check(versions):
        asked.append(versions)
        return {DOCS[1].id}, [current]

    with scratch_folder(index.index_dir) as scratch:
        index.add_batch(write_segment(worker_folder(scratch), _pending(DOCS[:3])), check)
    assert asked == [[(d.id, d.content_hash) for d in DOCS[:3]]]
    assert index.doc_count() == 3
    assert _ids(index.search(SearchRequest("magasin"))) == {DOCS[1].id}
    assert index.stored()[DOCS[1].id] == ("store", "pending")


def test_no_documents_write_no_segment(index):
    with scratch_folder(index.index_dir) as scratch:
        assert write_segment(worker_folder(scratch), []) is None


def test_scratch_folders_of_dead_processes_are_removed(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    abandoned = tmp_path / f"{SCRATCH_PREFIX}{dead.stdout.strip()}-abc"
    (abandoned / "w1").mkdir(parents=True)
    (abandoned / "w1" / "MAIN_x.seg").write_bytes(b"left behind")
    alive = tmp_path / f"{SCRATCH_PREFIX}{os.getppid()}-def"  # another live process's run
    alive.mkdir()
    with scratch_folder(tmp_path) as scratch:
        assert scratch.is_dir() and scratch.name.startswith(f"{SCRATCH_PREFIX}{os.getpid()}-")
    assert not abandoned.exists() and alive.exists() and not scratch.exists()


def test_word_collector_folds_raw_words_and_keeps_folded_ones():
    from reader.search.whoosh_backend.vocab import WordCollector

    collector = WordCollector()
    collector.add("fr", "L'Élysée a régulé", "Été", "27 595 ete")
    collector.update({"fr": {"deja": "déjà", "ete": ""}, "en": {"run": ""}})
    assert collector.folded() == {  # folded word -> spelling when it differs
        "fr": {"l": "", "elysee": "élysée", "a": "", "regule": "régulé", "ete": "été",
               "deja": "déjà"},
        "en": {"run": ""},
    }  # fmt: skip
