"""The text phase in worker processes stores and indexes what it does in one process."""

from __future__ import annotations

import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest

from reader.indexing import textwork
from reader.indexing.library import Library
from reader.indexing.store import article_to_json
from reader.search.whoosh_backend import WhooshEngine


def _synced(corpus: Path, index_dir: Path) -> tuple[dict[str, str], list[str], object]:
    with Library([corpus], index_dir=index_dir).open() as library:
        report = library.sync()
        articles = {a.id: article_to_json(a) for a in library.store.iter_articles()}
        hits = [hit.path for hit in library.search("ministre OR minister", limit=50).hits]
    return articles, hits, report


def test_workers_give_the_same_articles_and_index(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    (seeds_copy / "empty.txt").write_bytes(b"")  # a skipped file keeps its place in order
    alone = _synced(seeds_copy, tmp_path / "one")
    monkeypatch.setattr(textwork, "MIN_FILES", 1)
    monkeypatch.setattr(textwork, "READ_CHUNK", 2)
    monkeypatch.setattr(textwork, "MIN_SEGMENT", 2)
    pids: set[int] = set()
    read: list[type] = []
    real_read = textwork.TextWorkers.read

    def read_and_note_workers(self, tasks):
        for result in real_read(self, tasks):
            read.append(type(result))
            yield result
        pids.update(self._executor._processes)

    monkeypatch.setattr(textwork.TextWorkers, "read", read_and_note_workers)
    segments: list[int] = []
    real_add_batch = WhooshEngine.add_batch

    def add_and_count(self, written, current):
        segments.append(len(written.versions))
        real_add_batch(self, written, current)

    monkeypatch.setattr(WhooshEngine, "add_batch", add_and_count)
    spawned = _synced(seeds_copy, tmp_path / "two")
    assert pids  # the files were read in worker processes
    assert read.count(textwork.ParsedRef) == 5  # which kept the parsed files, not this one
    assert not list((tmp_path / "two").glob(".incoming-*"))  # and nothing is left of them
    assert len(segments) == 2 and sum(segments) == 5  # and the workers wrote the segments
    assert spawned[0] == alone[0] and len(alone[0]) == 5
    assert spawned[1] == alone[1]
    assert [s.path.name for s in spawned[2].skipped] == [s.path.name for s in alone[2].skipped]
    assert (spawned[2].added, spawned[2].changed) == (alone[2].added, alone[2].changed) == (5, 0)


def test_segments_are_runs_of_about_equal_cost(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(textwork, "MIN_SEGMENT", 3)
    monkeypatch.setattr(textwork, "ARTICLE_COST_CHARS", 50)
    items = [SimpleNamespace(chars=length) for length in [10] * 30 + [100] * 12]
    chunks = list(textwork.segment_chunks(items))
    assert [item for chunk in chunks for item in chunk] == items  # all, in order
    assert len(chunks) == textwork.SEGMENTS
    costs = [sum(item.chars + 50 for item in chunk) for chunk in chunks]
    assert max(costs) - min(costs) <= 150  # within one article of each other
    assert len(chunks[0]) > len(chunks[-1])  # short articles: more of them in a run
    assert [len(c) for c in textwork.segment_chunks(items[:7])] == [4, 3]  # 7 // 3 segments
    assert list(textwork.segment_chunks([])) == []


def test_parsed_files_and_blocks_pickle_every_field():
    """``__reduce__`` of the text phase's messages lists each field: none is lost or swapped."""
    import dataclasses
    import pickle

    from reader.corpus.models import Block, StrippedSpan
    from reader.corpus.pipeline import ParsedFile

    block = Block(3, 9, "body", "quote", 2, False, "caption", [StrippedSpan(4, 5, "byline")])
    parsed = ParsedFile("id", "a/b.txt", "text", [block], "fr", "site", "hash", [7])
    for value in (block, parsed):
        assert len(value.__reduce__()[1]) == len(dataclasses.fields(value))
        assert pickle.loads(pickle.dumps(value)) == value
    assert len({getattr(block, f.name).__repr__() for f in dataclasses.fields(block)}) == 8


def test_line_hashes_from_reading_count_and_clean_as_block_texts_do(seeds_copy: Path):
    """Hashes computed where a file is read give the statistics and the blocks that
    hashing the block texts again gives."""
    from reader.cleaning import LineStats
    from reader.corpus import ingest, pipeline

    (seeds_copy / "blank.md").write_text("# Title\n\n \u00a0\n\nBody text.\n\n\u0301\n", "utf-8")
    parsed = [
        pipeline.parse(ingest.read_article_file(path), path.name, "site")
        for path in sorted(seeds_copy.iterdir())
    ]
    by_texts, by_hashes, by_counted = LineStats(), LineStats(), LineStats()
    for item in parsed:
        by_texts.add_document(item.id, pipeline.block_texts(item), source=item.source)
        by_hashes.add_document(item.id, pipeline.block_texts(item), item.line_hashes, item.source)
        by_counted.add_counted(item.id, item.counted_hashes)  # as a worker's ParsedRef has it
    assert by_hashes.to_json() == by_texts.to_json() == by_counted.to_json()
    assert by_texts.n_docs == len(parsed) and by_texts.hash_frequency(
        parsed[0].line_hashes[0], "site"
    )
    for item in parsed:
        with_hashes = pipeline.finish(item, by_hashes)
        item.line_hashes = None  # hashed again by the cleaning step
        assert pipeline.finish(item, by_texts) == with_hashes


@pytest.mark.parametrize("stop_in", ["reading", "indexing"])
def test_a_cancelled_text_phase_keeps_what_it_stored_and_the_next_run_ends_it(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop_in: str
):
    """Quitting the interface during the text phase: the workers stop at once, the
    articles stored so far stay consistent, and the next run indexes the rest."""
    import json

    from reader.indexing.sync import STATS_KEY

    whole = _synced(seeds_copy, tmp_path / "whole")
    monkeypatch.setattr(textwork, "MIN_FILES", 1)
    monkeypatch.setattr(textwork, "READ_CHUNK", 1)
    monkeypatch.setattr(textwork, "MIN_SEGMENT", 1)  # five segments of one article
    monkeypatch.setattr("reader.indexing.sync.READ_REPORT_EVERY", 1)
    seen: list[tuple[str, int]] = []

    def progress(phase: str, done: int, total: int) -> None:
        seen.append((phase, done))

    def cancelled() -> bool:
        return (stop_in, 2) in seen  # once two files are read, or two articles stored

    index_dir = tmp_path / "cut"
    with Library([seeds_copy], index_dir=index_dir).open() as library:
        report = library.sync(progress, cancelled)
        stored = len(library.store.ids())
        assert report.cancelled
        assert stored == (0 if stop_in == "reading" else 2)
        assert library.engine.doc_count() == stored
        stats = json.loads(library.store.get_state(STATS_KEY) or '{"docs": {}}')
        assert len(stats["docs"]) == stored  # counted lines: exactly the stored articles
    assert not list(index_dir.glob(".incoming-*"))  # no worker folder left behind
    finished = _synced(seeds_copy, index_dir)
    assert finished[2].added == 5 - stored and not finished[2].cancelled
    assert finished[:2] == whole[:2]  # same articles and search as one uninterrupted run


def test_articles_stored_by_a_killed_run_are_counted_by_the_next(seeds_copy: Path, tmp_path: Path):
    """A run killed after storing articles and before saving the line statistics:
    the next run that changes anything counts them, as one whole run would have."""
    import json

    from reader.indexing.sync import STATS_KEY

    index_dir = tmp_path / "index"
    with Library([seeds_copy], index_dir=index_dir).open() as library:
        library.sync()
        whole = json.loads(library.store.get_state(STATS_KEY))
        never_saved = {"version": whole["version"], "docs": {}}
        library.store.set_state(STATS_KEY, json.dumps(never_saved))
        library.store.commit()
    (seeds_copy / "new.txt").write_text("A title\n\nA new article.\n", "utf-8")
    with Library([seeds_copy], index_dir=index_dir).open() as library:
        assert library.sync().added == 1
        counted = json.loads(library.store.get_state(STATS_KEY))["docs"]
        assert set(counted) == set(library.store.ids())
        assert {i: counted[i] for i in whole["docs"]} == whole["docs"]


def test_rows_of_a_batch_are_read_back_from_their_file_in_parts(tmp_path: Path):
    rows = [SimpleNamespace(id=str(number)) for number in range(7)]
    file = tmp_path / "rows.pickle"
    with file.open("wb") as handle:
        for part in textwork._chunks(rows, 3):
            pickle.dump(part, handle)
    chunk = textwork.FinishedChunk(7, [], None, rows_file=str(file))
    assert [row.id for row in chunk.rows()] == [str(number) for number in range(7)]
    assert not file.exists()  # read once, then gone
