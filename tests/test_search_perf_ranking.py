"""The numpy ranking scores every match with BM25F over title and body, as written
out plainly here from the stored articles, and plain terms as whoosh would."""

from __future__ import annotations

import math

import pytest
from whoosh import collectors

from reader.search.query import parse_query
from reader.search.whoosh_backend import WhooshEngine
from reader.search.whoosh_backend import bm25f as params
from reader.search.whoosh_backend.analysis import analyzer_for, lang_group
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


def _quantised(length: int) -> float:
    """A field length as whoosh stores it (one byte)."""
    from whoosh.util.numeric import byte_to_length, length_to_byte

    return float(byte_to_length(length_to_byte(length))) if length else 0.0


class ReferenceBM25F:
    """BM25F of bm25f.py's docstring, computed article by article from the stored text."""

    def __init__(self, searcher) -> None:
        self.articles = {}  # docnum -> (group, {field: term positions}, {field: length})
        for docnum, fields in searcher.reader().iter_docs():
            group = lang_group(fields.get("lang"))
            analyzer = analyzer_for(group)
            positions, lengths = {}, {}
            for field in ("title", "body"):
                terms = [t.text for t in analyzer(fields.get(field) or "")]
                positions[field] = terms
                lengths[field] = _quantised(len(terms))
            self.articles[docnum] = (group, positions, lengths)

    def _frequency(self, terms: list[str], words: tuple[str, ...]) -> int:
        size = len(words)
        return sum(tuple(terms[i : i + size]) == words for i in range(len(terms) - size + 1))

    def word(self, group: str, words: tuple[str, ...], fields=("title", "body")) -> dict:
        members = {d: a for d, a in self.articles.items() if a[0] == group}
        count = len(members)
        means = {f: sum(a[2][f] for a in members.values()) / count for f in ("title", "body")}
        found = {}
        for docnum, (_group, positions, lengths) in members.items():
            combined = 0.0
            for field in fields:
                tf = self._frequency(positions[field], words)
                b = params.TITLE_B if field == "title" else params.BODY_B
                weight = params.TITLE_WEIGHT if field == "title" else 1.0
                combined += weight * tf / (1 - b + b * lengths[field] / means[field])
            if combined:
                found[docnum] = combined
        idf = math.log(count / (len(found) + 1)) + 1
        k1 = params.K1
        return {d: idf * c * (k1 + 1) / (c + k1) for d, c in found.items()}


def _sum(scores: list[dict], *, every: bool) -> dict:
    keys = set.intersection(*map(set, scores)) if every else set().union(*scores)
    return {d: sum(s.get(d, 0.0) for s in scores) for d in keys}


def _ranked(scores: dict) -> list[tuple[float, int]]:
    return sorted((round(s, 9), d) for d, s in scores.items())


def _scores(index, text: str) -> list[tuple[float, int]]:
    searcher, _facets, lengths, _view = index._current()
    builder = QueryBuilder(Expander(searcher.reader(), index._vocabulary()))
    ids, scores = rank_all(searcher, lengths, whoosh_query(parse_query(text), builder, text))
    return sorted((round(s, 9), d) for d, s in zip(ids.tolist(), scores.tolist(), strict=True))


def test_words_phrases_and_unions_score_as_written_out(index):
    searcher, *_ = index._current()
    ref = ReferenceBM25F(searcher)
    oil, prices = ref.word("en", ("oil",)), ref.word("en", ("price",))
    fr_oil, fr_prices = ref.word("fr", ("oil",)), ref.word("fr", ("pric",))
    assert _scores(index, "oil") == _ranked({**oil, **fr_oil})
    assert _scores(index, "filler") == _ranked({**ref.word("en", ("filler",)),
                                                **ref.word("fr", ("fill",))})  # fmt: skip
    both = {**_sum([oil, prices], every=True), **_sum([fr_oil, fr_prices], every=True)}
    assert _scores(index, "oil prices") == _ranked(both)
    either = {**_sum([oil, prices], every=False), **_sum([fr_oil, fr_prices], every=False)}
    assert _scores(index, "oil OR prices") == _ranked(either)
    twice = {d: 2 * s for d, s in {**oil, **fr_oil}.items()}
    assert _scores(index, "oil OR oil") == _ranked(twice)  # a repeated word counts twice
    phrase = {**ref.word("en", ("oil", "price")), **ref.word("fr", ("oil", "pric"))}
    assert phrase and _scores(index, '"oil prices"') == _ranked(phrase)
    titles = {**ref.word("en", ("report",), ("title",)), **ref.word("fr", ("report",), ("title",))}
    assert _scores(index, "title:report") == _ranked(titles)
    assert _scores(index, "régulateurs") == _ranked(ref.word("fr", ("regul",)))


def test_title_match_outranks_body_match(index):
    searcher, *_ = index._current()
    assert _scores(index, "seoul")[-1][1] == searcher.document_number(id="en1")  # title


def _whoosh_top(searcher, q, limit):
    """Whoosh's own exhaustive ranking: (score, docnum), best first, lowest docnum on ties."""
    collector = collectors.TopCollector(limit=limit, usequality=False)
    collector.replace = 0  # no shortcut may drop a match
    searcher.search_with_collector(q, collector)
    ranked = sorted((-score, -negdoc) for score, negdoc in collector.items)
    return [(round(-score, 9), docnum) for score, docnum in ranked], collector.total


@pytest.mark.parametrize("text", ["source:s1", "lang:fr", "date:2024"])
def test_fields_outside_the_text_rank_as_whoosh_ranks_them(index, text):
    searcher, _facets, lengths, _view = index._current()
    builder = QueryBuilder(Expander(searcher.reader(), index._vocabulary()))
    q = whoosh_query(parse_query(text), builder, text)
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


def _segments_with_one_deleted(tmp_path, docs):
    """(sub-searcher, segment reader) of an index of ``docs`` less the article "d7"."""
    with WhooshEngine.open(tmp_path) as ix:
        ix.add(docs)
        ix.delete(["d7"])
        searcher, *_ = ix._current()
        for sub, _offset in searcher.leaf_searchers():
            yield sub, sub.reader()


def test_long_posting_lists_are_read_as_whoosh_reads_them(tmp_path):
    """Several blocks (128 postings each), weights that differ, a deleted document."""
    from whoosh.matching.wrappers import FilterMatcher

    from reader.search.whoosh_backend.bm25f import field_postings

    docs = [
        doc(f"d{i}", "t", "en", "oil " * (1 + i % 4) + "gas" * (i % 3 == 0)) for i in range(400)
    ]
    for sub, reader in _segments_with_one_deleted(tmp_path, docs):
        for term in ("oil", "gas"):
            ids, weights = field_postings(sub, reader, "body_en", (term,))
            matcher = reader.postings("body_en", term)
            leaf = matcher.child if isinstance(matcher, FilterMatcher) else matcher
            expected = []  # every posting, the deleted document's too
            while leaf.is_active():
                expected.append((leaf.id(), leaf.weight()))
                leaf.next()
            assert len(expected) > 128
            assert len({w for _, w in expected}) == (4 if term == "oil" else 1)
            assert list(zip(ids.tolist(), weights.tolist(), strict=True)) == expected


def test_phrases_are_found_as_whoosh_finds_them(tmp_path):
    """Phrase counts read from the posting blocks (and inlined lists) are whoosh's phrase
    matcher's, over several blocks, repeated words, stop words and a deleted document."""
    from reader.search.whoosh_backend.bm25f import _whoosh_phrase_postings, field_postings

    bodies = [
        "oil price rises",
        "the price of oil rises",
        "oil price oil price and oil prices",
        "rising oil price, oil, price",
        "news news news of old wind",
        "news of the oil price",
    ]
    docs = [doc(f"d{i}", "t", "en", bodies[i % len(bodies)] * (1 + i % 2)) for i in range(400)]
    docs.append(doc("rare", "t", "en", "a unique zephyr wind blows"))  # inlined postings
    phrases = [("oil", "price"), ("price", "oil"), ("news", "news"), ("oil", "price", "oil")]
    phrases += [("price", "rise"), ("uniqu", "zephyr"), ("zephyr", "oil")]
    for sub, reader in _segments_with_one_deleted(tmp_path, docs):
        for words in phrases:
            ids, counts = field_postings(sub, reader, "body_en", words)
            live = [not reader.is_deleted(docnum) for docnum in ids.tolist()]
            found = list(zip(ids[live].tolist(), counts[live].tolist(), strict=True))
            whoosh_ids, whoosh_counts = _whoosh_phrase_postings(sub, "body_en", words)
            expected = list(zip(whoosh_ids.tolist(), whoosh_counts.tolist(), strict=True))
            assert found == expected, words
            if words in (("oil", "price"), ("news", "news"), ("uniqu", "zephyr")):
                assert found  # what is compared is not nothing


def test_negation_ranks_only_documents_without_the_word(index):
    # whoosh's own exhaustive collector lets two "bank" articles through here
    searcher, _facets, lengths, _view = index._current()
    builder = QueryBuilder(Expander(searcher.reader(), index._vocabulary()))
    q = whoosh_query(parse_query("market -bank"), builder, "market -bank")
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


def test_cached_postings_still_leave_out_deleted_articles(tmp_path):
    from reader.search import SearchRequest

    with WhooshEngine.open(tmp_path) as ix:
        ix.add([doc(f"d{i}", "t", "en", "oil and gas " * (1 + i % 3)) for i in range(200)])
        first = ix.search(SearchRequest("oil", limit=300))
        assert ix._postings is not None and ix._postings.size > 0
        ix.delete(["d3", "d150"])  # the segment stays, so its cached lists are used again
        again = ix.search(SearchRequest("oil", limit=300))
        assert {h.id for h in first.hits} - {h.id for h in again.hits} == {"d3", "d150"}
        assert [h.score for h in again.hits] != [h.score for h in first.hits][: again.total]


def test_postings_cache_keeps_the_most_recently_used_within_its_bound():
    import numpy as np

    from reader.search.whoosh_backend.bm25f import PostingsCache

    cache = PostingsCache(max_bytes=4 * 800)  # room for 4 lists of 100 postings (8 bytes each)
    for name in "abcd":
        cache.put(("s", "body_en", name), np.arange(100), np.ones(100))
    assert cache.get(("s", "body_en", "a")) is not None  # now the most recent
    cache.put(("s", "body_en", "e"), np.arange(100), np.ones(100))
    assert cache.get(("s", "body_en", "b")) is None and cache.size <= cache.max_bytes
    ids, weights = cache.get(("s", "body_en", "a"))  # type: ignore[misc]
    assert ids.dtype == np.int64 and ids.tolist() == list(range(100)) and weights.sum() == 100
    cache.put(("s", "body_en", "huge"), np.arange(1000), np.ones(1000))  # over a quarter
    assert cache.get(("s", "body_en", "huge")) is None
