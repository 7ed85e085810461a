"""Commits merge segments by size class, drop replaced ones, and keep every document."""

from __future__ import annotations

from dataclasses import replace

from reader.search import SearchRequest
from reader.search.whoosh_backend import WhooshEngine
from reader.search.whoosh_backend.writing import TIER_WIDTH
from test_search_data import DOCS


def _segments(index: WhooshEngine) -> list:
    return list(index._ix._segments())


def _many_docs(count: int) -> list:
    return [replace(DOCS[n % len(DOCS)], id=f"doc{n}") for n in range(count)]


def test_one_doc_commits_merge_into_few_segments_and_lose_nothing(tmp_path):
    index = WhooshEngine.open(tmp_path / "ix")
    docs = _many_docs(3 * TIER_WIDTH)
    for doc in docs:
        index.add([doc])
    assert index.doc_count() == len(docs)
    assert len(_segments(index)) <= 2 * (TIER_WIDTH - 1)  # two size classes, not 24 segments
    baseline = WhooshEngine.open(tmp_path / "one-commit")
    baseline.add(docs)
    for query in ("macron", "ministre", '"prime minister"', "lang:fr"):
        assert (
            index.search(SearchRequest(query)).total == baseline.search(SearchRequest(query)).total
        )
    index.close()
    baseline.close()


def test_replacing_every_document_leaves_no_dead_segment(tmp_path):
    index = WhooshEngine.open(tmp_path / "ix")
    docs = _many_docs(2 * TIER_WIDTH)
    index.add(docs)
    for doc in docs:  # as the entity phase does, one batch at a time
        index.add([replace(doc, entity_state="done")])
    assert index.doc_count() == len(docs)
    segments = _segments(index)
    assert all(segment.doc_count() > 0 for segment in segments)
    assert sum(segment.doc_count_all() for segment in segments) < 2 * len(docs)
    assert {state for _hash, state in index.stored().values()} == {"done"}
    index.close()


def test_postings_in_order_is_whooshs_sort_of_documents_added(tmp_path):
    from whoosh import index as whoosh_index

    from reader.search.whoosh_backend.schema import build_schema, doc_fields
    from reader.search.whoosh_backend.writing import open_writer, postings_in_order

    ix = whoosh_index.create_in(tmp_path, build_schema())
    writer = open_writer(ix)
    for doc in _many_docs(40):
        writer.add_document(**doc_fields(doc))
    whooshs = sorted(writer.pool.current)
    assert len(whooshs) > 1000
    assert postings_in_order(writer.pool) == whooshs
    writer.cancel()


def test_a_writer_that_merges_segments_leaves_the_sort_to_whoosh(tmp_path, monkeypatch):
    """Postings merged from other segments come term by term, not in document order."""
    from whoosh import index as whoosh_index
    from whoosh.writing import OPTIMIZE

    import reader.search.whoosh_backend.writing as writing
    from reader.search.whoosh_backend.schema import build_schema, doc_fields

    ix = whoosh_index.create_in(tmp_path, build_schema())
    first = writing.open_writer(ix)
    for doc in _many_docs(5):
        first.add_document(**doc_fields(doc))
    first.commit()
    monkeypatch.setattr(writing, "postings_in_order", lambda pool: 1 / 0)
    second = writing.open_writer(ix)
    second.add_document(**doc_fields(replace(DOCS[0], id="extra")))
    second.commit(mergetype=OPTIMIZE)  # merges the first segment in with add_reader
    assert ix.doc_count() == 6
    with ix.searcher() as searcher:
        assert len(list(searcher.documents())) == 6


def _postings_and_lengths(ix) -> tuple[list, list]:
    """Every (field, term, docnum, weight, value) and every document's field lengths."""
    with ix.reader() as reader:
        postings = [
            (field, term, docnum, weight, value)
            for field, term in reader.all_terms()
            for docnum, weight, value in _matched(reader.postings(field, term))
        ]
        names = [name for name in ix.schema.names() if ix.schema[name].scorable]
        lengths = [
            [reader.doc_field_length(docnum, name) for name in names]
            for docnum in range(reader.doc_count_all())
        ]
    return postings, lengths


def _matched(matcher):
    while matcher.is_active():
        yield matcher.id(), matcher.weight(), matcher.value()
        matcher.next()


def test_a_segment_from_the_term_pool_holds_what_whooshs_pool_writes(tmp_path):
    from whoosh import index as whoosh_index

    from reader.search.whoosh_backend.schema import build_schema, doc_fields
    from reader.search.whoosh_backend.writing import TermPool, open_segment_writer, open_writer

    docs = _many_docs(60)
    written = []
    for name, opener in (("whoosh", open_writer), ("terms", open_segment_writer)):
        folder = tmp_path / name
        folder.mkdir()
        ix = whoosh_index.create_in(folder, build_schema())
        writer = opener(ix)
        for doc in docs:
            writer.add_document(**doc_fields(doc))
        assert isinstance(writer.pool, TermPool) == (name == "terms")
        writer.commit()
        written.append(_postings_and_lengths(ix))
    assert len(written[0][0]) > 1000
    assert written[1] == written[0]
