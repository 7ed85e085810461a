"""Documents analysed ahead (in the text phase's workers) index exactly as plain ones."""

from __future__ import annotations

import pickle
from pathlib import Path

from reader.search import SearchIndex
from reader.search.prepared import PreparedText, prepare
from reader.search.vocab import vocab_path
from test_search_data import DOCS


def _postings(index: SearchIndex) -> dict:
    """Every (field, term) -> [(document id, weight, encoded value)] of the main index."""
    found: dict = {}
    searcher = index._ix.searcher()
    try:
        reader = searcher.reader()
        ids = {n: fields["id"] for n, fields in enumerate(reader.all_stored_fields())}
        for fieldname, term in reader.all_terms():
            if fieldname.startswith(("title_", "body_")):
                matcher = reader.postings(fieldname, term)
                rows = []
                while matcher.is_active():
                    rows.append((ids[matcher.id()], matcher.weight(), matcher.value()))
                    matcher.next()
                found[fieldname, term] = rows
    finally:
        searcher.close()
    return found


def _built(tmp_path: Path, name: str, docs) -> tuple[dict, dict, list]:
    index = SearchIndex.open(tmp_path / name)
    try:
        index.add(docs)
        stored = [dict(fields) for fields in index._ix.searcher().reader().all_stored_fields()]
        words = {
            group: sorted(vocab_path(tmp_path / name, group).read_text().split())
            for group in ("en", "fr")
        }
        return _postings(index), words, stored
    finally:
        index.close()


def test_prepared_documents_give_the_same_postings_vocabulary_and_stored_fields(tmp_path: Path):
    prepared = [pickle.loads(pickle.dumps(prepare(doc))) for doc in DOCS]  # as from a worker
    assert any(isinstance(doc.body, PreparedText) for doc in prepared)
    plain = _built(tmp_path, "plain", DOCS)
    ahead = _built(tmp_path, "ahead", prepared)
    assert ahead[0] == plain[0] and plain[0]
    assert ahead[1] == plain[1]
    assert ahead[2] == plain[2]
    assert all(type(fields["body"]) is str for fields in ahead[2])
