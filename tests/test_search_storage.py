"""Index storage: creation, schema versions, damage, stale locks, incremental state."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from reader.search import SearchRequest
from reader.search.whoosh_backend import WhooshEngine
from test_search_data import DOCS

MANIFEST = "reader-search.json"


def build(index_dir: Path, docs=DOCS) -> None:
    with WhooshEngine.open(index_dir) as ix:
        ix.add(docs)


def segment_files(index_dir: Path) -> list[Path]:
    return sorted(index_dir.glob("*.seg"))


def assert_rebuilt_empty(index_dir: Path, reason: str) -> None:
    ix = WhooshEngine.open(index_dir)
    try:
        assert ix.rebuilt is not None and reason in ix.rebuilt and "rebuilt" in ix.rebuilt
        assert "\n" not in ix.rebuilt
        assert ix.doc_count() == 0
        ix.add(DOCS[:2])  # usable again
        assert ix.doc_count() == 2
    finally:
        ix.close()
    with WhooshEngine.open(index_dir) as again:
        assert again.rebuilt is None and again.doc_count() == 2


def test_reopening_keeps_documents_without_rebuilding(tmp_path):
    build(tmp_path)
    with WhooshEngine.open(tmp_path) as ix:
        assert ix.rebuilt is None
        assert ix.doc_count() == len(DOCS)
        assert ix.search(SearchRequest("seoul")).total == 2


def test_missing_folder_is_created(tmp_path):
    with WhooshEngine.open(tmp_path / "a" / "b") as ix:
        assert ix.doc_count() == 0 and ix.rebuilt is None


def test_schema_version_mismatch_rebuilds(tmp_path):
    build(tmp_path)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["schema_version"] -= 1
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    assert_rebuilt_empty(tmp_path, "older schema version")


def test_missing_manifest_is_an_unfinished_index_not_an_older_one(tmp_path):
    build(tmp_path)
    (tmp_path / MANIFEST).unlink()  # as when killed between creating the index and its manifest
    assert_rebuilt_empty(tmp_path, "index was left unfinished (no manifest)")


def test_truncated_segment_rebuilds(tmp_path):
    build(tmp_path)
    seg = segment_files(tmp_path)[0]
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])
    assert_rebuilt_empty(tmp_path, "index")


def test_deleted_segment_rebuilds(tmp_path):
    build(tmp_path)
    for seg in segment_files(tmp_path):
        seg.unlink()
    assert_rebuilt_empty(tmp_path, "index")


def test_garbage_table_of_contents_rebuilds(tmp_path):
    build(tmp_path)
    (toc,) = tmp_path.glob("*.toc")
    toc.write_bytes(b"\x00garbage" * 20)
    assert_rebuilt_empty(tmp_path, "unreadable")


def test_garbage_of_the_same_size_never_raises(tmp_path):
    build(tmp_path)
    seg = segment_files(tmp_path)[0]
    data = bytearray(seg.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = b"\xff" * 64
    seg.write_bytes(bytes(data))
    with WhooshEngine.open(tmp_path) as ix:  # sizes agree: may open as if healthy
        for query in ("seoul", "", "régul*", "zuckerbrg~", "person:zuckerberg"):
            results = ix.search(SearchRequest(query))
            assert results.total >= 0


def test_index_files_deleted_behind_our_back_rebuild(tmp_path):
    build(tmp_path)
    for path in tmp_path.iterdir():
        if path.is_file() and path.name != MANIFEST:  # the entities index is a folder
            path.unlink()
    assert_rebuilt_empty(tmp_path, "missing")


def test_missing_word_list_rebuilds(tmp_path):
    build(tmp_path)
    for path in tmp_path.glob("reader-vocab-*"):
        path.unlink()
    assert_rebuilt_empty(tmp_path, "missing")


def test_prefix_and_fuzzy_survive_a_reopen(tmp_path):
    build(tmp_path)
    with WhooshEngine.open(tmp_path) as ix:
        assert {h.id for h in ix.search(SearchRequest("runn*")).hits} == {"en1", "en2"}
        assert {h.id for h in ix.search(SearchRequest("zuckerbrg~")).hits} == {"en1"}
        assert ix.search(SearchRequest("desinformatoin")).suggestion == "désinformation"


def test_wiping_leaves_other_files_alone(tmp_path):
    build(tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / MANIFEST).write_text("{not json")
    with WhooshEngine.open(tmp_path) as ix:
        assert ix.rebuilt
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_lock_left_by_a_killed_writer_does_not_block(tmp_path):
    build(tmp_path, DOCS[:1])
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from reader.search.whoosh_backend import WhooshEngine
        ix = WhooshEngine.open(Path({str(tmp_path)!r}))
        writer = ix._writer()  # holds whoosh's write lock
        print("locked", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "locked" in done.stdout and done.returncode != 0
    assert list(tmp_path.glob("*LOCK*"))  # the lock file is still there
    with WhooshEngine.open(tmp_path) as ix:
        ix.add(DOCS[1:3])
        assert ix.doc_count() == 3


def test_stored_reports_hash_and_state_and_updates_replace(tmp_path):
    with WhooshEngine.open(tmp_path) as ix:
        ix.add(DOCS)
        assert ix.stored()["en1"] == ("hash-en1", "pending")
        changed = replace(DOCS[2], content_hash="new", entity_state="done", body="Totally new text")
        ix.add([changed])
        assert ix.doc_count() == len(DOCS)  # replaced, not duplicated
        assert ix.stored()["en1"] == ("new", "done")
        assert ix.search(SearchRequest("zuckerberg")).total == 0  # the old body is gone
        assert ix.search(SearchRequest("totally")).total == 1
        ix.delete(["en1", "fr2", "not-there"])
        stored = ix.stored()
        assert "en1" not in stored and "fr2" not in stored
        assert ix.doc_count() == len(DOCS) - 2
        assert ix.search(SearchRequest("seoul")).total == 0
        assert ix.search(SearchRequest("totally")).total == 0


def test_empty_batches_commit_cleanly(tmp_path):
    with WhooshEngine.open(tmp_path) as ix:
        ix.add([])
        ix.delete([])
        assert ix.doc_count() == 0
    with WhooshEngine.open(tmp_path) as ix:
        assert ix.rebuilt is None


def test_importing_the_package_does_not_import_whoosh():
    code = "import sys, reader.search; print('whoosh' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("batches", [1, 3])
def test_many_small_commits_give_the_same_results(tmp_path, batches):
    with WhooshEngine.open(tmp_path) as ix:
        size = -(-len(DOCS) // batches)
        for start in range(0, len(DOCS), size):
            ix.add(DOCS[start : start + size])
        assert ix.doc_count() == len(DOCS)
        assert {h.id for h in ix.search(SearchRequest("seoul")).hits} == {"en1", "fr2"}


def test_searching_while_another_thread_writes(tmp_path):
    with WhooshEngine.open(tmp_path) as ix:
        ix.add(DOCS[:2])
        failures: list[BaseException] = []

        def write_batches() -> None:
            try:
                for batch in range(4):
                    ix.add([replace(d, id=f"{d.id}-{batch}") for d in DOCS])
            except BaseException as exc:  # reported below
                failures.append(exc)

        thread = threading.Thread(target=write_batches)
        thread.start()
        searches = 0
        while thread.is_alive() or searches == 0:
            results = ix.search(SearchRequest("seoul OR régulateur", limit=5))
            assert results.error is None and results.total >= 1
            searches += 1
        thread.join()
        assert not failures
        assert ix.doc_count() == 2 + 4 * len(DOCS)
        assert ix.search(SearchRequest("zuckerberg")).total == 4


def test_a_live_writer_elsewhere_gives_a_clear_timeout(tmp_path, monkeypatch):
    import reader.search.whoosh_backend.index as index_module

    monkeypatch.setattr(index_module, "WRITER_TIMEOUT_S", 0.2)
    with WhooshEngine.open(tmp_path) as first, WhooshEngine.open(tmp_path) as second:
        holder = first._writer()
        try:
            with pytest.raises(TimeoutError, match="locked"):
                second.add(DOCS[:1])
        finally:
            holder.cancel()
        second.add(DOCS[:1])
        assert second.doc_count() == 1


def test_another_whoosh_release_is_refused_with_a_way_out():
    from reader.search import SearchEngineError
    from reader.search.whoosh_backend import WHOOSH_VERSION, check_whoosh

    check_whoosh(WHOOSH_VERSION)  # the release the patches were written for
    for found in ("2.7.4", "2.8.0", "none"):
        with pytest.raises(SearchEngineError) as caught:
            check_whoosh(found)
        message = str(caught.value)
        assert f"found {found}" in message and f"whoosh-reloaded=={WHOOSH_VERSION}" in message


def test_a_library_on_another_whoosh_release_gives_one_clear_error(tmp_path, monkeypatch):
    from reader.indexing.library import Library, LibraryError
    from reader.search import whoosh_backend

    monkeypatch.setattr(whoosh_backend.metadata, "version", lambda name: "2.7.4")
    (tmp_path / "corpus").mkdir()
    with pytest.raises(LibraryError, match=r"needs whoosh-reloaded 2\.7\.5 exactly"):
        Library([tmp_path / "corpus"], index_dir=tmp_path / "index").open()
