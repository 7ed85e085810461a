"""The query language parser, and fuzzing of the whole search path with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search import SearchRequest, SearchResults
from reader.search.dates import date_bound, date_period, date_sort_key
from reader.search.query import And, DateRange, Not, Or, Phrase, Word, parse_query
from reader.search.whoosh_backend import WhooshEngine
from test_search_data import DOCS


def test_words_default_to_and_and_or_binds_looser():
    root = parse_query("a b OR c").root
    assert root == Or((And((Word("a"), Word("b"))), Word("c")))


def test_operators_are_upper_case_only():
    assert parse_query("war and peace").root == And((Word("war"), Word("and"), Word("peace")))


def test_negation_forms():
    expected = And((Word("a"), Not(Word("b"))))
    assert parse_query("a -b").root == expected
    assert parse_query("a NOT b").root == expected
    assert parse_query("a AND NOT b").root == expected
    assert parse_query("-(a b)").root == Not(And((Word("a"), Word("b"))))
    assert parse_query("e-mail").root == Word("e-mail")  # a hyphen inside a word is not NOT


def test_fields_phrases_prefix_fuzzy():
    assert parse_query('person:"mark zuckerberg"').root == Phrase("mark zuckerberg", "person")
    assert parse_query("Place:Seoul").root == Word("Seoul", "place")
    assert parse_query("minist*").root == Word("minist", prefix=True)
    assert parse_query("governmnt~").root == Word("governmnt", fuzzy=1)
    assert parse_query("governmnt~2").root == Word("governmnt", fuzzy=2)
    assert parse_query('"a: b"').root == Phrase("a: b")


@pytest.mark.parametrize(
    ("query", "low", "high"),
    [
        ("date:2024", 20240000, 20249999),
        ("date:2024-03", 20240300, 20240399),
        ("date:2024-03-01", 20240301, 20240301),
        ("date:[2024-01 to 2024-03]", 20240100, 20240399),
        ("date:[2024-01 TO 2024-03]", 20240100, 20240399),
        ("date:2024-01..2024-03", 20240100, 20240399),
        ("date:2024..", 20240000, None),
        ("date:..2024", None, 20249999),
    ],
)
def test_date_syntax(query, low, high):
    parsed = parse_query(query)
    assert parsed.error is None
    assert parsed.root == DateRange(low, high)


def test_dates_as_keys_and_periods():
    assert date_sort_key("2024-03-01") > date_sort_key("2024-03") > date_sort_key("2024")
    assert date_sort_key("--03-18") == date_sort_key(None) == date_sort_key("garbage") == 0
    assert date_period("2024") == (20240000, 20249999)
    assert date_period("2024-03") == (20240300, 20240399)
    assert date_period("--03-18") is None
    assert date_bound("2024-13", upper=False) is None
    assert date_bound("2024-02-40", upper=True) is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"open', "unbalanced quote"),
        ("(a b", "unbalanced parenthesis"),
        ("a b)", "unbalanced parenthesis"),
        ("date:[2024", "unbalanced bracket"),
        ("NOT", "NOT at position 1 has nothing after it"),
        ("AND AND", "AND at position 1 has nothing to join"),
        ("oil AND", "AND at position 5 has nothing after it"),
        ("OR oil", "OR at position 1 has nothing before it"),
        ("oil OR OR gas", "OR at position 5 has nothing after it"),
        ("oil -", None),
        ("*", "matches nothing"),
        ("a -", None),  # a lone trailing minus is just punctuation
        ("foo:bar", "unknown field 'foo'"),
        ("*", "matches nothing"),
        ("e*", "at least 2 letters"),
        ("person:", "nothing after person:"),
        ("date:yesterday", "bad date"),
    ],
)
def test_malformed_queries_are_explained(query, message):
    parsed = parse_query(query)
    if message is None:
        assert parsed.error is None
    else:
        assert parsed.error and message in parsed.error


def test_unknown_field_is_searched_as_words_and_urls_are_not_fields():
    assert parse_query("foo:bar").root == Word("foo:bar")
    assert parse_query("https://example.org/x").error is None


def test_repeated_words_and_once_but_or_as_often_as_given():
    assert parse_query("oil oil oil").root == Word("oil")
    assert parse_query("oil OR oil").root == Or((Word("oil"), Word("oil")))


@pytest.mark.parametrize("query", ["AND AND", "OR", "NOT", "-", "AND OR NOT", "( AND )", "*"])
def test_a_query_of_stray_operators_is_not_blank(query):
    parsed = parse_query(query)
    assert parsed.root is None and not parsed.blank and parsed.error


def test_only_a_blank_query_is_blank():
    assert parse_query("").blank and parse_query("  \t").blank
    assert not parse_query("oil").blank


LONG = "The minister said on Tuesday that the oil price would fall, the agency reported."


def test_a_long_run_of_plain_words_is_a_passage():
    parsed = parse_query(LONG + ' "Prices" - again (Reuters): oil source:x oil*')
    assert parsed.passage and parsed.error is None
    assert isinstance(parsed.root, Or)
    words = [leaf.text.lower() for leaf in parsed.root.children]  # type: ignore[union-attr]
    assert words.count("oil") == 3 and words.count("the") == 3 and "prices" in words
    assert "reuters" in words and "source" in words


@pytest.mark.parametrize(
    "query", ["oil prices", f"{LONG} AND gas", f"{LONG} OR gas", f"NOT {LONG}", "a b c d e f g h"]
)
def test_short_queries_and_queries_with_operators_are_not_passages(query):
    assert not parse_query(query).passage


def test_a_number_grouped_by_spaces_is_one_term():
    assert parse_query("27 595 euros").root == And((Word("27 595"), Word("euros")))
    assert parse_query("27\u00a0595").root == Word("27\u00a0595")
    assert parse_query("2019 300").root == And((Word("2019"), Word("300")))


def test_deep_nesting_is_bounded():
    parsed = parse_query("(" * 500 + "a" + ")" * 500)
    assert parsed.error and "nested" in parsed.error


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    ix = WhooshEngine.open(tmp_path_factory.mktemp("fuzz-index"))
    ix.add(DOCS)
    yield ix
    ix.close()


QUERY_PIECES = st.sampled_from(
    ["seoul", "régul*", "zuckerbrg~", '"', "(", ")", "[", "]", ":", "*", "~", "-", "+", "AND",
     "OR", "NOT", "date:", "date:[2024 to", "2024-03", "..", "person:", "title:", "foo:", "é",
     "\x1b[31m", "\\", "'", "to", "lang:fr", "source:\"le", "~2", "0", " "]
)  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=40),
    st.lists(QUERY_PIECES, max_size=12).map("".join),
    st.lists(QUERY_PIECES, max_size=12).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUERIES)
def test_parser_never_raises(query):
    parsed = parse_query(query)
    assert parsed.error is None or isinstance(parsed.error, str)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(query=QUERIES, sort=st.sampled_from(["rank", "date"]))
def test_search_answers_any_input(index, query, sort):
    results = index.search(SearchRequest(query, sort=sort, limit=3))
    assert isinstance(results, SearchResults)
    assert not (results.error or "").startswith("search failed"), results.error
    assert 0 <= len(results.hits) <= 3 and results.total >= len(results.hits)
    for hit in results.hits:
        assert all(isinstance(text, str) for text, _ in hit.snippet)
    for start, end in index.highlight_ranges(query, DOCS[0].body, "fr"):
        assert 0 <= start < end <= len(DOCS[0].body)
