"""Entities live in a second index: entity-only writes, hash checks, damage, scoring."""

from __future__ import annotations

from dataclasses import replace

import pytest

from reader.search import Filters, SearchRequest
from reader.search.whoosh_backend import WhooshEngine
from test_search_data import DOCS


def _bare(docs=DOCS):
    """The documents as the text phase writes them: pending, no entities."""
    return [replace(doc, entities={}, entity_state="pending") for doc in docs]


def _done(docs=DOCS):
    return [replace(doc, entity_state="done") for doc in docs]


def ids(results) -> set[str]:
    return {hit.id for hit in results.hits}


def _main_segments(index: WhooshEngine) -> list:
    return [(s.segment_id(), s.doc_count_all()) for s in index._ix._segments()]


@pytest.fixture
def index(tmp_path):
    ix = WhooshEngine.open(tmp_path / "ix")
    yield ix
    ix.close()


def test_entity_only_writes_leave_the_main_index_alone(index):
    index.add(_bare())
    assert index.search(SearchRequest("person:zuckerberg")).total == 0
    assert {state for _hash, state in index.stored().values()} == {"pending"}
    before = _main_segments(index)
    index.add_entities(_done())
    assert _main_segments(index) == before  # no article was re-added
    assert ids(index.search(SearchRequest("person:zuckerberg"))) == {"en1"}
    assert ids(index.search(SearchRequest("org:meta"))) == {"en1", "en2", "de1"}
    assert ids(index.search(SearchRequest('entity:"brent crude"'))) == {"en3"}  # MISC: entity: only
    assert index.stored()["en1"] == ("hash-en1", "done")
    assert index.doc_count() == len(DOCS)


def test_entity_filters_and_facets_come_from_the_entities_index(index):
    index.add(_bare())
    index.add_entities(_done())
    results = index.search(
        SearchRequest("", filters=Filters(entities=[("PER", "Mark Zuckerberg")]))
    )
    assert ids(results) == {"en1"}
    assert results.facets["PER"] == [("Mark Zuckerberg", 1)]
    assert ("Meta", 3) in index.search(SearchRequest("")).facets["ORG"]
    assert index.search(SearchRequest("", filters=Filters(entities=[("PER", "Nobody")]))).total == 0


def test_a_changed_article_loses_its_old_entities(index):
    index.add(_done())
    changed = replace(DOCS[2], content_hash="new", entities={}, body="Totally new text")
    index.add([changed])
    assert index.search(SearchRequest("person:zuckerberg")).total == 0
    assert index.stored()["en1"] == ("new", "pending")
    assert ("Mark Zuckerberg", 1) not in index.search(SearchRequest("")).facets["PER"]


def test_entities_of_another_version_never_count(index):
    """A process killed between the two commits: the entities belong to an older text."""
    index.add(_bare())
    index.add_entities([replace(_done()[2], content_hash="older")])
    assert index.stored()["en1"] == ("hash-en1", "pending")
    assert index.search(SearchRequest("person:zuckerberg")).total == 0
    assert ("Mark Zuckerberg", 1) not in index.search(SearchRequest("")).facets["PER"]


def test_pending_entity_writes_remove_entities(index):
    index.add(_done())
    index.add_entities([replace(DOCS[2], entities={}, entity_state="pending")])
    assert index.stored()["en1"] == ("hash-en1", "pending")
    assert index.search(SearchRequest("person:zuckerberg")).total == 0


def test_delete_removes_both_documents(index):
    index.add(_done())
    index.delete(["en1"])
    assert "en1" not in index.stored()
    assert index.search(SearchRequest("person:zuckerberg")).total == 0
    index.add(_bare(DOCS[2:3]))  # back without entities: the old ones stay gone
    assert index.search(SearchRequest("person:zuckerberg")).total == 0


def test_entity_clauses_score_a_constant_one(index):
    index.add(_done())
    alone = index.search(SearchRequest("person:zuckerberg"))
    assert [hit.id for hit in alone.hits] == ["en1"] and alone.order == "date"
    text = index.search(SearchRequest("seoul")).hits
    mixed = index.search(SearchRequest("seoul person:zuckerberg")).hits
    by_id = {hit.id: hit.score for hit in text}
    assert [hit.id for hit in mixed] == ["en1"]
    assert mixed[0].score == pytest.approx(by_id["en1"] + 1.0)


def test_entity_clauses_alone_list_newest_first(index):
    index.add(_done())
    for query in ("org:meta", "place:seoul OR person:alvarez", "org:meta -person:zuckerberg"):
        found = index.search(SearchRequest(query, limit=50))
        assert found.order == "date"
        assert [h.id for h in found.hits] == [
            h.id for h in index.search(SearchRequest(query, sort="date")).hits
        ]
    dates = [hit.date or "" for hit in index.search(SearchRequest("org:meta", limit=50)).hits]
    assert dates == sorted(dates, reverse=True) and len(dates) == 3
    assert (
        index.search(SearchRequest("org:meta seoul")).order == "rank"
    )  # a scored word: best first


def test_entity_clauses_work_in_date_order_across_segments(index):
    for doc in _done():  # one segment per document
        index.add([doc])
    index.add_entities(_done())
    for query in ("org:meta", "org:meta -lang:fr", "place:seoul OR person:alvarez", "met*"):
        by_rank = index.search(SearchRequest(query, limit=50))
        by_date = index.search(SearchRequest(query, sort="date", limit=50))
        assert ids(by_date) == ids(by_rank) and by_date.total == by_rank.total
    assert ids(index.search(SearchRequest("org:meta", sort="date"))) == {"en1", "en2", "de1"}


@pytest.mark.parametrize("damage", ["garbage toc", "deleted segments", "folder removed"])
def test_a_damaged_entities_index_is_rebuilt_and_shows_pending(tmp_path, damage):
    folder = tmp_path / "ix"
    with WhooshEngine.open(folder) as ix:
        ix.add(_done())
    entities = folder / "entities"
    if damage == "garbage toc":
        for toc in entities.glob("*.toc"):
            toc.write_bytes(b"\x00garbage" * 20)
    elif damage == "deleted segments":
        for seg in entities.glob("*.seg"):
            seg.unlink()
    else:
        for path in entities.iterdir():
            path.unlink()
        entities.rmdir()
    with WhooshEngine.open(folder) as ix:
        if damage != "folder removed":
            assert ix.rebuilt and "entity index" in ix.rebuilt
        assert ix.doc_count() == len(DOCS)
        assert {state for _hash, state in ix.stored().values()} == {"pending"}
        assert ix.search(SearchRequest("person:zuckerberg")).total == 0
        assert ix.search(SearchRequest("seoul")).total == 2
        ix.add_entities(_done())  # what sync's refill does, from the store
        assert ids(ix.search(SearchRequest("person:zuckerberg"))) == {"en1"}
    with WhooshEngine.open(folder) as again:
        assert again.rebuilt is None
        assert again.stored()["en1"] == ("hash-en1", "done")


def test_a_rebuilt_main_index_drops_the_entities_too(tmp_path):
    folder = tmp_path / "ix"
    with WhooshEngine.open(folder) as ix:
        ix.add(_done())
    for seg in folder.glob("*.seg"):
        seg.unlink()
    with WhooshEngine.open(folder) as ix:
        assert ix.rebuilt and ix.doc_count() == 0
        ix.add(_bare(DOCS[2:3]))
        assert ix.stored() == {"en1": ("hash-en1", "pending")}
        assert ix.search(SearchRequest("person:zuckerberg")).total == 0


def test_an_entity_commit_prepares_the_next_search_only_where_searches_run(index):
    """The entity phase commits every 200 articles; the interface's next keystroke must not
    pay for seeing the entities index anew (``reader index``, which never searches, skips it)."""
    index.add(_bare())
    index.add_entities(_done()[:2])
    assert index._view is None  # nothing searched yet: nothing prepared
    assert index.search(SearchRequest("")).total == len(DOCS)
    index.add_entities(_done())
    view = index._view
    assert view is not None and view.searcher is index._entity_searcher  # seen anew already
    assert ids(index.search(SearchRequest("org:meta"))) == {"en1", "en2", "de1"}
    assert index._view is view  # the search used it as it was
