"""The numpy ranking scores and orders every match exactly as whoosh's BM25F would."""

from __future__ import annotations

import pytest
from whoosh import collectors

from reader.search.query import parse_query
from reader.search.whoosh_backend import WhooshEngine
from reader.search.whoosh_backend.build import QueryBuilder
from reader.search.whoosh_backend.docsets import matching_docnums
from reader.search.whoosh_backend.ranking import rank_all, top_n
from reader.search.whoosh_backend.searching import whoosh_query
from reader.search.whoosh_backend.vocab import Expander
from test_search_data import DOCS, doc


def _more_docs():
    words = ["oil", "prices", "market", "election", "minister", "economy", "bank"]
    extra = []
    for i in range(60):
        picked = [words[(i * k) % len(words)] for k in range(1, 2 + i % 5)]
        body = " ".join(picked * (1 + i % 3)) + " filler text " * (i % 7)
        lang = "fr" if i % 4 == 0 else "en"
        extra.append(doc(f"x{i}", f"{picked[0]} report {i}", lang, body, source=f"s{i % 3}"))
    return extra


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    ix = WhooshEngine.open(tmp_path_factory.mktemp("ranking-index"))
    docs = DOCS + _more_docs()
    for start, end in ((0, 45), (45, 60), (60, len(docs))):  # segments of several sizes
        ix.add(docs[start:end])
    ix.delete(["x3", "x10", "en2"])  # deleted documents must not rank
    yield ix
    ix.close()


def _whoosh_top(searcher, q, limit):
    """Whoosh's own exhaustive ranking: (score, docnum), best first, lowest docnum on ties."""
    collector = collectors.TopCollector(limit=limit, usequality=False)
    collector.replace = 0  # no shortcut may drop a match
    searcher.search_with_collector(q, collector)
    ranked = sorted((-score, -negdoc) for score, negdoc in collector.items)
    return [(round(-score, 9), docnum) for score, docnum in ranked], collector.total


@pytest.mark.parametrize(
    "text",
    [
        "oil",
        "filler",  # in blocks in the largest segment, inlined in the others
        "oil prices",
        "oil OR election",
        '"oil prices"',
        "econ*",
        "electon~",
        "title:report",
        "lang:fr",
        "source:s1 minister",
        "(oil OR gas) (prices OR market)",
        "régulateurs",
    ],
)
def test_numpy_ranking_equals_whoosh(index, text):
    searcher, _facets, lengths, _view = index._current()
    builder = QueryBuilder(Expander(searcher.reader(), index._vocabulary()))
    q = whoosh_query(parse_query(text), builder)
    expected, total = _whoosh_top(searcher, q, 25)
    ids, scores = rank_all(searcher, lengths, q)
    assert ids.size == total > 0
    assert [(round(score, 9), docnum) for score, docnum in top_n(ids, scores, 25)] == expected


def test_posting_lists_are_ranked_from_blocks_and_inlined(index):
    """Both layouts of posting lists are in the index the tests above rank (writing.py)."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching import ListMatcher
    from whoosh.matching.wrappers import FilterMatcher

    searcher, _facets, _lengths, _view = index._current()
    layouts = set()
    for reader, _offset in searcher.reader().leaf_readers():
        for term in ("oil", "filler", "text"):
            if (("body_en", term)) in reader:
                matcher = reader.postings("body_en", term)
                leaf = matcher.child if isinstance(matcher, FilterMatcher) else matcher
                layouts.add(type(leaf))
    assert {W3LeafMatcher, ListMatcher} <= layouts


def test_negation_ranks_only_documents_without_the_word(index):
    # whoosh's own exhaustive collector lets two "bank" articles through here
    searcher, _facets, lengths, _view = index._current()
    builder = QueryBuilder(Expander(searcher.reader(), index._vocabulary()))
    q = whoosh_query(parse_query("market -bank"), builder)
    ids, _scores = rank_all(searcher, lengths, q)
    assert set(ids.tolist()) == matching_docnums(searcher, q)
    bodies = [searcher.stored_fields(docnum)["body"] for docnum in ids.tolist()]
    assert bodies and all("market" in b and "bank" not in b for b in bodies)


def test_top_n_orders_by_score_then_lowest_docnum():
    import numpy as np

    ids = np.array([7, 3, 9, 1, 5], dtype=np.int64)
    scores = np.array([1.0, 2.0, 2.0, 0.5, 1.0])
    assert top_n(ids, scores, 3) == [(2.0, 3), (2.0, 9), (1.0, 5)]
    assert top_n(ids[:0], scores[:0], 3) == []
