"""Counts, facets and optimize() on indexes big enough for whoosh's top-N shortcuts."""

from __future__ import annotations

from collections import Counter

import pytest

from reader.search import SearchRequest
from reader.search.whoosh_backend import WhooshEngine
from test_search_data import doc

FILLER = " ".join(f"filler{i}" for i in range(60))


def _docs():
    strong = [
        doc(f"s{i}", f"alpha {i}", "en", "alpha " * (2 + i), entities={"PER": ["Ann Lee"]})
        for i in range(40)
    ]
    weak = [
        doc(f"w{i}", f"note {i}", "en", f"beta {FILLER}", entities={"PER": [f"Person {i % 3}"]})
        for i in range(40)
    ]
    french = [doc(f"f{i}", f"avis {i}", "fr", f"gamma {FILLER}") for i in range(30)]
    mixed = [d for pair in zip(strong, weak, strict=True) for d in pair]  # weak after strong
    return mixed[:30] + french + mixed[30:]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    ix = WhooshEngine.open(tmp_path_factory.mktemp("perf-index"))
    docs = _docs()
    for start in range(0, len(docs), 20):  # several segments
        ix.add(docs[start : start + 20])
    yield ix
    ix.close()


def test_total_counts_documents_found_only_by_a_weak_part(index):
    # Whoosh's scored collection drops union parts that cannot reach the top
    # page; a document matching only such a part must still be counted.
    results = index.search(SearchRequest("alpha OR beta", limit=1))
    assert results.total == 80
    assert results.hits[0].id.startswith("s")


def test_total_of_a_word_found_in_two_language_branches(index):
    assert index.search(SearchRequest("alpha OR gamma", limit=1)).total == 70
    assert index.search(SearchRequest("beta OR gamma", limit=5)).total == 70


def test_filtered_total_and_page_agree_with_the_unfiltered_search(index):
    from reader.search import Filters

    results = index.search(
        SearchRequest("alpha OR beta OR gamma", limit=200, filters=Filters(lang="en"))
    )
    assert results.total == 80 == len(results.hits)
    assert {hit.lang for hit in results.hits} == {"en"}


def test_facets_count_every_match_highest_first(index):
    results = index.search(SearchRequest("alpha OR beta", limit=1))
    per = dict(results.facets["PER"])
    expected = Counter({"Ann Lee": 40})
    expected.update({f"Person {k}": n for k, n in Counter(i % 3 for i in range(40)).items()})
    assert per == dict(expected)
    counts = [count for _name, count in results.facets["PER"]]
    assert counts == sorted(counts, reverse=True)
    assert dict(results.facets["lang"]) == {"en": 80}


def test_facet_ties_keep_the_order_documents_are_met(index):
    results = index.search(SearchRequest("beta", limit=1))
    assert [name for name, _ in results.facets["PER"]] == ["Person 0", "Person 1", "Person 2"]


def test_optimize_merges_into_one_segment_and_keeps_every_document(tmp_path):
    ix = WhooshEngine.open(tmp_path / "ix")
    docs = _docs()
    for start in range(0, len(docs), 20):
        ix.add(docs[start : start + 20])
    ix.delete(["s0", "w0"])
    before = {
        q: ix.search(SearchRequest(q, limit=200)).total for q in ("alpha", "beta", "gamma", "")
    }
    assert ix.optimize() is True
    assert len(list(ix._ix._segments())) == 1
    after = {
        q: ix.search(SearchRequest(q, limit=200)).total for q in ("alpha", "beta", "gamma", "")
    }
    assert after == before == {"alpha": 39, "beta": 39, "gamma": 30, "": 108}
    assert ix.optimize() is False  # already one segment without deletions
    ix.close()
    reopened = WhooshEngine.open(tmp_path / "ix")
    assert reopened.rebuilt is None
    assert reopened.doc_count() == 108
    assert reopened.search(SearchRequest("alph*", limit=5)).total == 39
    reopened.close()
