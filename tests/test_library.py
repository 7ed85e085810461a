"""The corpus pipeline: text phase, incremental re-indexing, rebuilds, entity phase."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.corpus.paths import corpus_root
from reader.corpus.pipeline import article_id
from reader.indexing.library import Library


def _library(corpus: Path, tmp_path: Path) -> Library:
    return Library([corpus], index_dir=tmp_path / "index").open()


def _ids(library: Library, query: str) -> list[str]:
    return [hit.path for hit in library.search(query, limit=50).hits]


def test_text_phase_indexes_the_seeds(seeds_copy: Path, tmp_path: Path):
    with _library(seeds_copy, tmp_path) as library:
        report = library.sync()
        assert (report.found, report.added, report.changed, report.removed) == (5, 5, 0, 0)
        assert library.stats() == {"articles": 5, "pending_entities": 5}
        assert library.empty_message(report) is None
        assert _ids(library, "Zuckerberg")
        assert library.search("").total == 5


def test_reopening_unchanged_corpus_reads_nothing(seeds_copy: Path, tmp_path: Path):
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
    with _library(seeds_copy, tmp_path) as library:
        report = library.sync()
        assert (report.added, report.changed, report.removed, report.unchanged) == (0, 0, 0, 5)


def test_the_manifest_is_read_only_when_a_file_is_to_be_read(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from reader.indexing import sync

    name = "001_4ffac713153011ae.txt"
    (seeds_copy / "MANIFEST.tsv").write_text(f"file\tsource\tlang\n{name}\twire\ten\n", "utf-8")
    reads: list[Path] = []
    real = sync.read_manifest
    monkeypatch.setattr(sync, "read_manifest", lambda root: reads.append(root) or real(root))
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
        assert len(reads) == 1
        article = library.article(article_id(name))
        assert article is not None and article.source == "wire"
    with _library(seeds_copy, tmp_path) as library:
        report = library.sync()  # every file's size and time compared, none read
        assert report.unchanged == 5 and len(reads) == 1


def test_added_changed_and_deleted_files(seeds_copy: Path, tmp_path: Path):
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
    (seeds_copy / "new.txt").write_text(
        "Éruption à La Réunion\n\nLe volcan Piton de la Fournaise est entré en éruption"
        " dimanche matin, a annoncé l'observatoire volcanologique, qui surveille le site.\n\n"
        "Les autorités ont fermé l'accès à l'enclos et demandent aux randonneurs de ne pas"
        " s'approcher des coulées de lave, visibles depuis la route des laves.\n",
        encoding="utf-8",
    )
    changed = seeds_copy / "001_4ffac713153011ae.txt"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("In a recent meeting", "In a recent kangaroo meeting"))
    (seeds_copy / "002_fe9b5bcc2976f0d8.txt").unlink()
    with _library(seeds_copy, tmp_path) as library:
        report = library.sync()
        assert (report.added, report.changed, report.removed, report.unchanged) == (1, 1, 1, 3)
        assert _ids(library, "volcan") == ["new.txt"]
        assert _ids(library, "kangaroos") == ["001_4ffac713153011ae.txt"]
        assert library.article(article_id("002_fe9b5bcc2976f0d8.txt")) is None
        assert library.search("").total == 5


def test_touched_but_identical_file_is_not_reparsed(seeds_copy: Path, tmp_path: Path):
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
    path = seeds_copy / "003_95beb55b3faa9a87.txt"
    path.write_bytes(path.read_bytes())
    with _library(seeds_copy, tmp_path) as library:
        report = library.sync()
        assert (report.added, report.changed, report.unchanged) == (0, 0, 5)


def test_article_ids_survive_a_move_of_the_corpus(seeds_copy: Path, tmp_path: Path):
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
        before = sorted(library.store.ids())
    moved = tmp_path / "elsewhere" / "corpus"
    shutil.move(seeds_copy, moved)
    with Library([moved], index_dir=tmp_path / "index2").open() as library:
        library.sync()
        assert sorted(library.store.ids()) == before


def test_broken_index_is_rebuilt_from_the_store(seeds_copy: Path, tmp_path: Path):
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
    whoosh_dir = tmp_path / "index" / "whoosh"
    for path in whoosh_dir.iterdir():
        if path.is_file():
            path.write_bytes(b"garbage")
    with _library(seeds_copy, tmp_path) as library:
        report = library.sync()
        assert any("rebuilt" in message for message in report.messages)
        assert library.search("").total == 5


def test_corrupt_store_is_rebuilt(seeds_copy: Path, tmp_path: Path):
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
    (tmp_path / "index" / "articles.sqlite3").write_bytes(b"not a database" * 100)
    with _library(seeds_copy, tmp_path) as library:
        report = library.sync()
        assert any("rebuilt" in message for message in report.messages)
        assert report.added == 5
        assert library.search("").total == 5


def test_bad_files_are_skipped_and_the_rest_indexed(seeds_copy: Path, tmp_path: Path):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "image.txt").write_bytes(b"\x89PNG\x00\x00" * 50)
    with _library(seeds_copy, tmp_path) as library:
        report = library.sync()
        assert report.added == 5
        assert sorted(item.path.name for item in report.skipped) == ["empty.txt", "image.txt"]
        assert all(item.message().startswith("skipped ") for item in report.skipped)


def test_corpus_root_of_files_is_their_common_folder(tmp_path: Path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    first, second = tmp_path / "a" / "x.txt", tmp_path / "a" / "b" / "y.txt"
    first.write_text("x")
    second.write_text("y")
    assert corpus_root([first, second]) == (tmp_path / "a").resolve()
    assert corpus_root([tmp_path / "a"]) == (tmp_path / "a").resolve()


@pytest.fixture(scope="module")
def indexed_seeds(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("entities")
    corpus = base / "corpus"
    shutil.copytree(Path(__file__).resolve().parents[1] / "seeds", corpus)
    library = Library([corpus], index_dir=base / "index").open()
    library.sync()
    library.index_entities()
    yield library
    library.close()


@pytest.mark.slow
def test_entity_phase_fills_entities_and_facets(indexed_seeds: Library):
    assert indexed_seeds.pending_entities() == 0
    hits = indexed_seeds.search("person:zuckerberg", limit=10).hits
    assert {hit.path for hit in hits} >= {"000_b88bfa2582803da5.txt", "003_95beb55b3faa9a87.txt"}
    article = indexed_seeds.article(article_id("000_b88bfa2582803da5.txt"))
    assert article is not None and article.entities
    for entity in article.entities:
        assert article.text[entity.start : entity.end] == entity.text


@pytest.mark.slow
def test_related_articles_cover_the_same_meeting(indexed_seeds: Library):
    meeting = ["000_b88bfa2582803da5.txt", "001_4ffac713153011ae.txt", "003_95beb55b3faa9a87.txt"]
    for name in meeting:
        related = {other for other, _title, _shared in indexed_seeds.related(article_id(name), 3)}
        expected = {article_id(other) for other in meeting if other != name}
        assert expected <= related, name


@pytest.mark.slow
def test_entity_phase_resumes_after_interruption(seeds_copy: Path, tmp_path: Path):
    calls = {"n": 0}

    def stop_after_first_batch() -> bool:  # asked after each task's results are recorded
        calls["n"] += 1
        return True

    with _library(seeds_copy, tmp_path) as library:
        library.sync()
        import reader.indexing.library as library_module

        original = library_module.ENTITY_BATCH, library_module.ENTITY_TASK
        library_module.ENTITY_BATCH = library_module.ENTITY_TASK = 2
        try:
            done = library.index_entities(cancelled=stop_after_first_batch)
        finally:
            library_module.ENTITY_BATCH, library_module.ENTITY_TASK = original
        assert done == 2 and calls["n"] == 1
        assert library.pending_entities() == 3
    with _library(seeds_copy, tmp_path) as library:
        assert library.index_entities() == 3
        assert library.pending_entities() == 0


@pytest.mark.slow
def test_a_lost_entities_index_is_refilled_without_reindexing_the_text(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from reader.search.whoosh_backend import WhooshEngine
    from reader.search.whoosh_backend.entindex import ENTITY_DIR

    with _library(seeds_copy, tmp_path) as library:
        library.sync()
        library.index_entities()
        expected = library.engine.stored()
        name = next(
            e.text for a in library.store.iter_articles() for e in a.entities if e.label == "PER"
        )
    shutil.rmtree(tmp_path / "index" / "whoosh" / ENTITY_DIR)
    whole_adds: list[int] = []
    real_add = WhooshEngine.add
    monkeypatch.setattr(
        WhooshEngine, "add", lambda self, docs: whole_adds.append(1) or real_add(self, docs)
    )
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
        assert library.engine.stored() == expected
        assert library.search(f'person:"{name}"', limit=5).hits
    assert whole_adds == []


def test_a_quick_reopening_trusts_unchanged_folders_and_sees_added_or_removed_files(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from reader.corpus import ingest

    index_dir = tmp_path / "index"
    with Library([seeds_copy], index_dir=index_dir) as library:
        assert not library.sync().quick  # the first run reads everything
    walked = []
    real = ingest.discover_paths
    monkeypatch.setattr(ingest, "discover_paths", lambda *a: walked.append(1) or real(*a))
    with Library([seeds_copy], index_dir=index_dir) as library:
        report = library.sync(quick=True)
        assert report.quick and report.unchanged == 5 and not walked  # no file looked at
        assert library.search("zuckerberg").total == 4
    (seeds_copy / "new.txt").write_text("New article\n\nZuckerberg again.\n", "utf-8")
    with Library([seeds_copy], index_dir=index_dir) as library:
        report = library.sync(quick=True)
        assert not report.quick and report.added == 1 and walked  # a folder changed
    (seeds_copy / "new.txt").unlink()
    with Library([seeds_copy], index_dir=index_dir) as library:
        assert library.sync(quick=True).removed == 1


def test_a_quick_reopening_of_other_paths_of_the_same_folder_checks_every_file(
    seeds_copy: Path, tmp_path: Path
):
    index_dir = tmp_path / "index"
    with Library([seeds_copy], index_dir=index_dir) as library:
        library.sync()
    one = sorted(seeds_copy.glob("*.txt"))[:2]
    with Library(one, index_dir=index_dir) as library:
        report = library.sync(quick=True)
        assert not report.quick and report.removed == 3


@pytest.mark.slow
def test_the_entity_phase_stores_each_seeds_quotations_with_their_speakers(
    indexed_seeds: Library,
):
    from reader.corpus.pipeline import article_id
    from seed_annotations import seed_articles

    for name, annotation in seed_articles().items():
        article = indexed_seeds.article(article_id(name))
        assert article is not None and article.quotes is not None
        found = [(" ".join(q.text.split()), q.speaker, q.partial) for q in article.quotes]
        assert len(found) == len(annotation["quotes"]), name
        for wanted in annotation["quotes"]:
            assert any(
                text.startswith(wanted["starts"])
                and speaker == wanted["speaker"]
                and partial == wanted["partial"]
                for text, speaker, partial in found
            ), (name, wanted, found)
        for quote in article.quotes:  # offsets into the article's text
            assert article.text[quote.start : quote.end] == quote.text


def test_an_unchanged_corpus_reopens_without_comparing_every_document(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Index and store that agreed at the last sync and were not written since are not
    compared again; any write to either (even one no sync made) brings the comparison back."""
    from reader.search.whoosh_backend import WhooshEngine

    with _library(seeds_copy, tmp_path) as library:
        library.sync()  # writes, then compares, finds them agreeing, records it
        ids = sorted(library.store.ids())
    compared: list[int] = []
    real_stored = WhooshEngine.stored
    monkeypatch.setattr(
        WhooshEngine, "stored", lambda self: compared.append(1) or real_stored(self)
    )
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
        assert compared == []
        library.engine.delete([ids[0]])  # the index loses a document behind sync's back
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
        assert compared == [1]
        assert library.search("", limit=10).total == len(ids)
        library.store.delete([ids[1]])  # the store loses one (a crash between commits)
        library.store.commit()
    with _library(seeds_copy, tmp_path) as library:
        library.sync()
        assert compared == [1, 1]  # compared again: the store changed since they agreed
        assert library.search("", limit=10).total == len(ids)
