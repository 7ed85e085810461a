"""A large text phase is searchable early: a first wave is stored and indexed before the rest
is read, and settled at the end, so that the outcome is the one of a single wave."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.indexing import sync, textwork
from reader.indexing.library import Library
from reader.indexing.locks import TEXT_LOCK, exclusive
from reader.indexing.store import article_to_json

#: Files of one source (their folder) that all end on the same line: a template line,
#: page furniture once enough of them are counted (``MIN_SITE_REPEATS``), not before.
FILES = 9
FOOTER = "Valley News Network"
TEXT = (
    "Council {n} votes on the bridge\n\n"
    "The town council met on Monday {n} to vote on the new bridge over the river, "
    "after months of debate among residents and engineers about its cost.\n\n"
    "Residents of district {n} said the crossing would shorten their trip to the market "
    "and the school, and asked that the works start before the winter.\n\n" + FOOTER + "\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "valleynews"
    folder.mkdir(parents=True)
    for number in range(FILES):
        (folder / f"story{number}.txt").write_text(TEXT.format(n=number), "utf-8")
    return folder.parent


def _whole(corpus: Path, index_dir: Path) -> tuple[dict[str, str], list[str]]:
    with Library([corpus], index_dir=index_dir).open() as library:
        library.sync()
        return _outcome(library)


def _outcome(library: Library) -> tuple[dict[str, str], list[str]]:
    articles = {a.id: article_to_json(a) for a in library.store.iter_articles()}
    hits = [hit.path for hit in library.search("valley OR bridge", limit=50).hits]
    return articles, hits


@pytest.fixture
def waves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Waves for a small corpus: a first wave of 2 files, in worker processes."""
    monkeypatch.setattr(sync, "WAVES_FROM", 1)
    monkeypatch.setattr(sync, "FIRST_WAVE", 2)
    monkeypatch.setattr(textwork, "MIN_FILES", 1)
    monkeypatch.setattr(textwork, "READ_CHUNK", 2)
    monkeypatch.setattr(textwork, "MIN_SEGMENT", 1)
    monkeypatch.setattr(sync, "READ_REPORT_EVERY", 1)


def test_the_first_wave_is_searchable_before_the_rest_is_read_and_ends_as_one_run(
    corpus: Path, tmp_path: Path, waves: None
):
    whole = _whole(corpus, tmp_path / "whole")
    index_dir = tmp_path / "waves"
    seen: list[tuple[str, int, int]] = []
    early: dict[str, object] = {}

    def progress(phase: str, done: int, total: int) -> None:
        seen.append((phase, done, total))
        if phase == "indexing" and done > 0 and not early:
            with Library([corpus], index_dir=index_dir).open() as other:  # as another process
                early["searchable"] = other.engine.doc_count()
                early["articles"] = {a.id: article_to_json(a) for a in other.store.iter_articles()}

    with Library([corpus], index_dir=index_dir).open() as library:
        report = library.sync(progress)
        assert library.store.get_state(sync.PROVISIONAL_KEY) == "[]"
        assert _outcome(library) == whole
    assert (report.added, report.changed, report.unchanged) == (FILES, 0, 0)
    first_stored = next(i for i, item in enumerate(seen) if item[0] == "indexing" and item[1])
    rest_read = [i for i, item in enumerate(seen) if item[0] == "reading" and item[2] == FILES - 2]
    assert early["searchable"] == seen[first_stored][1] > 0
    assert rest_read and min(rest_read) > first_stored  # searchable before the rest was read
    assert ("settling", 2, 2) in seen
    # The first wave was cleaned without enough of the source to know its template line,
    # and cleaned again at the end: what was provisional changed.
    provisional = early["articles"]
    assert isinstance(provisional, dict)
    assert any(whole[0][i] != data for i, data in provisional.items())


def test_the_first_wave_is_one_segment_per_worker_and_the_rest_is_cut_finer(
    corpus: Path, tmp_path: Path, waves: None, monkeypatch: pytest.MonkeyPatch
):
    """Every segment stays in the index for queries to visit until merged: the first wave,
    written with the statistics known so far, is cut only as much as the workers need."""
    monkeypatch.setattr(sync, "FIRST_WAVE", 6)
    cut = textwork.segment_chunks
    sizes: list[list[int]] = []

    def recorded(items: list, segments: int = textwork.SEGMENTS):
        chunks = list(cut(items, segments))
        sizes.append([len(chunk) for chunk in chunks])
        return iter(chunks)

    monkeypatch.setattr(textwork, "segment_chunks", recorded)
    with Library([corpus], index_dir=tmp_path / "index").open() as library:
        library.sync()
        assert library.engine.doc_count() == FILES
    first_wave, rest = sizes[0], sizes[1]
    assert len(first_wave) == textwork.WORKERS < textwork.SEGMENTS and sum(first_wave) == 6
    assert rest == [1, 1, 1]  # the 3 others, one a segment (MIN_SEGMENT is 1 here)


def test_a_run_stopped_after_the_first_wave_leaves_it_to_the_next(
    corpus: Path, tmp_path: Path, waves: None
):
    whole = _whole(corpus, tmp_path / "whole")
    index_dir = tmp_path / "cut"
    seen: list[tuple[str, int]] = []

    def cancelled() -> bool:
        return any(phase == "indexing" and done for phase, done in seen)

    with Library([corpus], index_dir=index_dir).open() as library:
        report = library.sync(lambda phase, done, total: seen.append((phase, done)), cancelled)
        assert report.cancelled
        stored = set(library.store.ids())
        assert 0 < len(stored) <= 2
        assert set(json.loads(library.store.get_state(sync.PROVISIONAL_KEY) or "[]")) == stored
        assert not library.unchanged_on_disk()  # a quick reopening would keep them as they are
    with Library([corpus], index_dir=index_dir).open() as library:
        finished = library.sync()
        assert (finished.added, finished.changed) == (FILES - len(stored), len(stored))
        assert library.store.get_state(sync.PROVISIONAL_KEY) == "[]"
        assert _outcome(library) == whole


def test_a_quick_reopening_answers_from_what_another_process_has_indexed(
    corpus: Path, tmp_path: Path
):
    index_dir = tmp_path / "index"
    with Library([corpus], index_dir=index_dir).open() as library:
        library.sync()
    (corpus / "valleynews" / "late.txt").write_text(TEXT.format(n="late"), "utf-8")
    with exclusive(index_dir / TEXT_LOCK):  # another text phase is running
        with Library([corpus], index_dir=index_dir).open() as library:
            report = library.sync(quick=True)
            assert report.busy and report.quick and report.added == 0
            assert library.index_progress() == (FILES, FILES)
        command = [sys.executable, "-m", "reader", "search", "--index-dir", str(index_dir)]
        answer = subprocess.run(
            [*command, "--corpus", str(corpus), "bridge"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert answer.returncode == 0
    assert f"{FILES} hits for 'bridge'" in answer.stdout
    warning = (
        "reader: results may be incomplete: another process is indexing this corpus"
        f" ({FILES} of {FILES} articles indexed so far)"
    )
    assert warning in answer.stderr.splitlines()
    with Library([corpus], index_dir=index_dir).open() as library:  # the lock is free again
        report = library.sync(quick=True)
        assert not report.busy and report.added == 1
