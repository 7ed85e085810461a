"""Search engine behaviour on a small hand-made index (tests/test_search_data.py)."""

from __future__ import annotations

import pytest

from reader.search import Filters, SearchRequest, SearchResults
from reader.search.whoosh_backend import WhooshEngine
from test_search_data import DOCS


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    ix = WhooshEngine.open(tmp_path_factory.mktemp("search-index"))
    ix.add(DOCS[:3])
    ix.add(DOCS[3:])
    yield ix
    ix.close()


def ids(results: SearchResults) -> set[str]:
    return {hit.id for hit in results.hits}


def found(index: WhooshEngine, query: str, **kwargs) -> set[str]:
    results = index.search(SearchRequest(query, **kwargs))
    assert results.error is None, results.error
    assert results.total == len(results.hits) or kwargs.get("limit")
    return ids(results)


def test_fresh_index_is_created_and_counts_documents(index):
    assert index.rebuilt is None
    assert index.doc_count() == len(DOCS)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("desinformation", {"fr1"}),  # unaccented query, accented French text
        ("désinformations", {"fr1"}),  # plural, accented
        ("régulateur", {"fr1", "fr2"}),  # singular finds plural "régulateurs"
        ("regulateurs", {"fr1", "fr2"}),  # plural, unaccented, finds singular
        ("regulee", {"fr2"}),  # folded before stemming: "régulée" == "regulee"
        ("seoul", {"fr2", "en1"}),  # "Séoul" in French, "Seoul" in English
        ("meetings", {"en1", "en2"}),  # English plural finds singular
        ("meeting", {"en1", "en2"}),
        ("run", {"en1", "en2"}),  # "running" -> "run" (no broken Porter "runn")
        ("cafe", {"en3"}),  # accent folding in English
        ("naive", {"en3"}),
        ("Naïve", {"en3"}),
        ("regulierer", {"de1"}),  # other languages: folded, not stemmed
    ],
)
def test_stemming_and_accent_folding_in_both_directions(index, query, expected):
    assert found(index, query) == expected


def test_words_are_anded_by_default(index):
    assert found(index, "oil prices") == {"en3"}
    assert found(index, "oil seoul") == set()


def test_phrases_match_adjacent_words_only(index):
    assert found(index, '"meetings were running"') == {"en1"}
    assert found(index, '"running meetings"') == set()
    assert found(index, '"régulateurs européens"') == {"fr1"}


def test_boolean_operators(index):
    assert found(index, "oil OR zuckerberg") == {"en1", "en3"}
    assert found(index, "seoul AND zuckerberg") == {"en1"}
    assert found(index, "seoul NOT zuckerberg") == {"fr2"}
    assert found(index, "(oil OR zuckerberg) AND seoul") == {"en1"}


def test_minus_excludes_in_every_language(index):
    assert found(index, "seoul -zuckerberg") == {"fr2"}
    # "Séoul" (French) and "Seoul" (English) are both excluded
    assert found(index, "-seoul") == {"fr1", "en2", "en3", "de1"}
    assert found(index, "NOT meta") == {"fr1", "fr2", "en1", "en2", "en3"}  # de1's text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("title:seoul", {"en1"}),
        ("title:régulateur", {"fr1", "fr2"}),
        ("person:zuckerberg", {"en1"}),
        ('person:"mark zuckerberg"', {"en1"}),
        ("person:alvarez", {"en3"}),
        ("org:meta", {"en1", "en2", "de1"}),
        ("org:commission", {"fr1"}),
        ("place:seoul", {"en1", "fr2"}),
        ("place:bruxelles", {"fr1"}),
        ("entity:opec", {"en3"}),
        ("entity:breton", {"fr1"}),
        ("entity:brent", {"en3"}),  # any label, MISC included
        ("lang:fr", {"fr1", "fr2"}),
        ("lang:DE", {"de1"}),
        ("source:lemonde", {"fr1", "fr2"}),
        ("source:BBC", {"en2", "en3"}),
        ("author:dupont", {"fr1"}),
        ('author:"jane smith"', {"en3"}),
        ("agency:reuters", {"en1"}),
        ("agency:afp", {"fr1"}),
        ("date:2024", {"fr1", "en2"}),
        ("date:2024-03", {"fr1"}),
        ("date:2023-11-05", set()),  # the article is "2023-11": its day is unknown
        ("date:2022-05-10", {"en3"}),
        ("per:zuckerberg", {"en1"}),  # alias
    ],
)
def test_field_queries_are_case_and_accent_insensitive(index, query, expected):
    assert found(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("date:[2023-01 to 2024-02]", {"en1"}),
        ("date:[2022 TO 2023]", {"en1", "en3"}),
        ("date:2023-01..2024-03", {"en1", "fr1"}),
        ("date:2024..", {"fr1", "en2"}),
        ("date:..2022-12", {"en3"}),
    ],
)
def test_date_ranges(index, query, expected):
    assert found(index, query) == expected


def test_prefix_matches_unstemmed_words(index):
    # régulateurs, régulée, regulators, Regulierer: surface words, any language
    assert found(index, "régul*") == {"fr1", "fr2", "en2", "de1"}
    assert found(index, "meet*") == {"en1", "en2"}
    assert found(index, "runn*") == {"en1", "en2"}  # a stem ("run") would not start so
    assert found(index, "person:zuck*") == {"en1"}


def test_fuzzy_matches_close_words(index):
    assert found(index, "zuckerbrg~") == {"en1"}
    assert found(index, "desinformaton~") == {"fr1"}
    assert found(index, "disinformaton~1") == {"en2"}


def test_did_you_mean_offers_a_correction_with_hits(index):
    results = index.search(SearchRequest("desinformatoin"))
    assert results.total == 0
    assert results.suggestion == "désinformation"  # as the articles write it
    assert index.search(SearchRequest(results.suggestion)).total == 1
    assert index.search(SearchRequest("zuckerberg")).suggestion is None  # has hits: no suggestion
    assert (
        index.search(SearchRequest("qqqqqqqqq")).suggestion is None
    )  # nothing close: no suggestion


def test_did_you_mean_keeps_the_rest_of_the_query(index):
    results = index.search(SearchRequest("seoul zuckerbreg"))
    assert results.suggestion == "seoul zuckerberg"


def test_snippets_mark_the_matching_words(index):
    (hit,) = index.search(SearchRequest("désinformation")).hits
    marked = [text for text, is_match in hit.snippet if is_match]
    assert marked == ["désinformation"]
    assert "".join(text for text, _ in hit.snippet) in DOCS[0].body
    (hit,) = [h for h in index.search(SearchRequest("meetings running")).hits if h.id == "en1"]
    assert {t.lower() for t, m in hit.snippet if m} >= {"meetings", "running"}


def test_snippet_of_a_metadata_only_match_is_the_opening(index):
    (hit,) = index.search(SearchRequest("agency:afp")).hits
    assert hit.snippet and not any(is_match for _, is_match in hit.snippet)
    assert DOCS[0].body.startswith(hit.snippet[0][0])


def test_hits_carry_the_stored_metadata(index):
    (hit,) = index.search(SearchRequest("zuckerberg")).hits
    assert (hit.id, hit.path, hit.title, hit.date) == (
        "en1",
        "/corpus/en1.txt",
        "Meeting in Seoul",
        "2023-11",
    )
    assert (hit.lang, hit.source, hit.agency, hit.author) == ("en", "reuters", "Reuters", None)
    assert hit.score > 0


def test_facets_count_the_whole_result_set_not_the_page(index):
    results = index.search(SearchRequest("", limit=1))
    assert len(results.hits) == 1 and results.total == len(DOCS)
    facets = dict(results.facets)
    assert dict(facets["ORG"])["Meta"] == 3
    assert dict(facets["lang"]) == {"fr": 2, "en": 3, "de": 1}
    assert dict(facets["source"]) == {"lemonde": 2, "reuters": 1, "bbc": 2, "spiegel": 1}
    assert dict(facets["LOC"])["Seoul"] == 1 and dict(facets["LOC"])["Séoul"] == 1
    assert set(results.facets) == {"PER", "ORG", "LOC", "speaker", "lang", "source"}


def test_filters_restrict_results_and_facets(index):
    meta = Filters(entities=[("ORG", "Meta")])
    assert ids(index.search(SearchRequest("", filters=meta))) == {"en1", "en2", "de1"}
    assert ids(index.search(SearchRequest("", filters=Filters(lang="fr")))) == {"fr1", "fr2"}
    assert ids(index.search(SearchRequest("", filters=Filters([("MISC", "Brent crude")])))) == {
        "en3"
    }
    assert ids(index.search(SearchRequest("seoul", filters=Filters(source="reuters")))) == {"en1"}
    dated = Filters(date_from="2023", date_to="2024-02")
    assert ids(index.search(SearchRequest("", filters=dated))) == {"en1"}
    both = Filters(entities=[("ORG", "Meta"), ("LOC", "Paris")])
    results = index.search(SearchRequest("", filters=both))
    assert ids(results) == {"en2"}
    assert dict(results.facets["lang"]) == {"en": 1}


def test_empty_query_lists_everything_newest_first_unknown_dates_last(index):
    order = [hit.id for hit in index.search(SearchRequest("")).hits]
    assert order[:4] == ["fr1", "en2", "en1", "en3"]
    assert set(order[4:]) == {"fr2", "de1"}


def test_sort_by_date_orders_matches_newest_first(index):
    results = index.search(SearchRequest("meta OR seoul OR oil OR election", sort="date"))
    order = [hit.id for hit in results.hits]
    assert order[:4] == ["fr1", "en2", "en1", "en3"]  # fr1: "élections"
    assert set(order[4:]) == {"fr2", "de1"}  # dates unknown


def test_rank_puts_title_matches_first(index):
    results = index.search(SearchRequest("seoul"))
    assert results.hits[0].id == "en1"  # in the (boosted) title


def test_limit_and_offset_page_through_results(index):
    everything = [h.id for h in index.search(SearchRequest("", limit=100)).hits]
    pages = [
        h.id
        for o in range(0, 6, 2)
        for h in index.search(SearchRequest("", limit=2, offset=o)).hits
    ]
    assert pages == everything
    assert index.search(SearchRequest("", limit=2, offset=4)).total == len(DOCS)


def test_stop_words_are_dropped_per_language(index):
    assert found(index, "the oil") == {"en3"}  # "the" is an English stop word
    assert found(index, "le régulateur") == {"fr1", "fr2"}
    assert found(index, "the") == set()


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "(seoul",
        "seoul)",
        "NOT",
        "seoul NOT",
        "foo:bar",
        "*",
        "person:",
        "date:[2024",
        "date:notadate",
        "AND OR",
        "((((((((((seoul",
        "~",
        "-",
        '""',
        'title:""',
        ":",
        "a:b:c",
    ],
)
def test_malformed_queries_get_an_answer(index, query):
    results = index.search(SearchRequest(query))
    assert isinstance(results, SearchResults)
    assert results.total >= len(results.hits)


def test_malformed_query_explains_and_still_searches(index):
    results = index.search(SearchRequest("seoul foo:zuckerberg"))
    assert results.error and "foo" in results.error
    results = index.search(SearchRequest('"seoul'))
    assert results.error and "quote" in results.error
    assert ids(results) == {"en1", "fr2"}


def test_stored_lists_hashes_and_entity_states(index):
    stored = index.stored()
    assert stored["fr1"] == ("hash-fr1", "pending")
    assert set(stored) == {d.id for d in DOCS}


def test_highlight_ranges_point_at_the_matching_words(index):
    text = "Les régulateurs ont parlé. Le Régulateur a tranché; la régulation reste."
    ranges = index.highlight_ranges("regulateur", text, "fr")
    words = [text[s:e] for s, e in ranges]
    assert words == ["régulateurs", "Régulateur", "régulation"]  # all stem to "regul"
    english = "Two meetings, one meeting, and a meet-up were running."
    words = [english[s:e] for s, e in index.highlight_ranges('"meetings" run', english, "en")]
    assert words == ["meetings", "meeting", "meet", "running"]


def test_highlight_ranges_skip_negated_words_and_handle_names(index):
    text = "Mark Zuckerberg met officials in Seoul."
    words = [text[s:e] for s, e in index.highlight_ranges("person:zuckerberg -seoul", text, "en")]
    assert words == ["Zuckerberg"]
    assert index.highlight_ranges("", text, "en") == []
    assert index.highlight_ranges('"unbalanced (', text, "en") == []
