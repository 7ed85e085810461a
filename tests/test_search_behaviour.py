"""Queries that behave as a reader expects: ligatures, written numbers, fuzzy
transpositions, stray operators, empty expansions, did-you-mean, pasted passages."""

from __future__ import annotations

import pytest

from reader.search import SearchRequest
from reader.search.whoosh_backend import WhooshEngine
from reader.search.whoosh_backend.searching import STOP_WORDS_ONLY
from test_search_data import doc

NBSP, THIN = "\u00a0", "\u2009"

DOCS = [
    doc("oeuvre-lig", "Une œuvre majeure", "fr",
        f"Le cœur de l'œuvre a attiré 27{NBSP}595 spectateurs, une hausse de 3,5 % sur un an, "
        "pour une recette de 628,6 millions. Les régulateurs parlent de désinformation."),
    doc("oeuvre-plain", "Une oeuvre mineure", "fr",
        "Cette oeuvre n'a attiré que 1 250 spectateurs. La désinformation circule."),
    doc("figures-en", "Results of the year", "en",
        "Revenue was £628.6m, up 3.5% from a year earlier, and 27,595 people visited. "
        "Mark Zuckerberg said governments should regulate platforms."),
    doc("figures-thin", "Thin spaces", "en", f"The fund holds 1{THIN}234{THIN}567 shares."),
    doc("strasse", "Die Straße", "de", "Die Straße ist lang, die Strasse auch."),
    doc("gone", "Gouvernance", "fr", "La gouvernance des plateformes."),
]  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    ix = WhooshEngine.open(tmp_path_factory.mktemp("behaviour-index"))
    ix.add(DOCS)
    ix.delete(["gone"])  # its words stay in the vocabulary, but find nothing
    yield ix
    ix.close()


def search(index: WhooshEngine, query: str):
    return index.search(SearchRequest(query, limit=50))


def ids(index: WhooshEngine, query: str) -> set[str]:
    results = search(index, query)
    assert results.error is None, results.error
    return {hit.id for hit in results.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("œuvre", {"oeuvre-lig", "oeuvre-plain"}),
        ("oeuvre", {"oeuvre-lig", "oeuvre-plain"}),
        ("Œuvre", {"oeuvre-lig", "oeuvre-plain"}),
        ("coeur", {"oeuvre-lig"}),
        ("Straße", {"strasse"}),
        ("strasse", {"strasse"}),
    ],
)
def test_ligatures_and_sharp_s_fold(index, query, expected):
    assert ids(index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("628.6", {"oeuvre-lig", "figures-en"}),  # "£628.6m" and "628,6"
        ("628,6", {"oeuvre-lig", "figures-en"}),
        ("27 595", {"oeuvre-lig", "figures-en"}),  # no-break space and "27,595"
        (f"27{NBSP}595", {"oeuvre-lig", "figures-en"}),
        ("27595", {"oeuvre-lig", "figures-en"}),
        ("27,595", {"figures-en"}),  # in French, 27,595 is a decimal: another number
        ("3,5 %", {"oeuvre-lig", "figures-en"}),
        ("3.5%", {"oeuvre-lig", "figures-en"}),
        ("1,234,567", {"figures-thin"}),  # thin spaces
        ("1 250", {"oeuvre-plain"}),
        ("628.6m", {"oeuvre-lig", "figures-en"}),  # a unit glued after it is a word of its own
    ],
)
def test_numbers_are_found_as_written_in_either_convention(index, query, expected):
    assert ids(index, query) == expected


def test_written_numbers_are_highlighted_whole(index):
    text = f"une recette de 27{NBSP}595 euros"
    ranges = index.highlight_ranges("27,595", text, "en")
    assert [text[start:end] for start, end in ranges] == [f"27{NBSP}595"]


def test_fuzzy_terms_allow_a_transposition(index):
    assert ids(index, "Zuckerbreg~") == {"figures-en"}
    assert ids(index, "Zukcerbreg~2") == {"figures-en"}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("brexit~", "no word of the articles is within one edit of 'brexit'"),
        ("brexxit~2", "no word of the articles is within 2 edits of 'brexxit'"),
        ("qqq*", "no word of the articles starts with 'qqq'"),
        ("AND AND", "AND at position 1 has nothing to join"),
        ("OR", "OR at position 1 has nothing to join"),
        ("NOT", "NOT at position 1 has nothing after it"),
        ("revenue AND", None),
    ],
)
def test_every_kind_of_empty_query_says_why(index, query, message):
    results = search(index, query)
    if message is None:
        assert results.total == 1 and "AND at position 9" in (results.error or "")
    else:
        assert results.total == 0 and results.hits == []
        assert message in (results.error or ""), results.error
        assert STOP_WORDS_ONLY not in (results.error or "")


def test_stop_words_alone_say_so_in_a_corpus_of_one_language(tmp_path):
    with WhooshEngine.open(tmp_path) as english:
        english.add([d for d in DOCS if d.lang == "en"])
        results = english.search(SearchRequest("the of"))
        assert results.total == 0 and results.error == STOP_WORDS_ONLY


def test_an_unmatched_fuzzy_word_empties_an_and_but_not_an_or(index):
    assert search(index, "brexit~ revenue").total == 0
    results = search(index, "brexit~ OR revenue")
    assert {h.id for h in results.hits} == {"figures-en"}
    assert "within one edit of 'brexit'" in (results.error or "")


def test_only_a_blank_query_lists_everything(index):
    assert search(index, "").total == len(DOCS) - 1
    assert search(index, "AND AND").total == 0


def test_did_you_mean_spells_the_word_as_the_articles_do(index):
    results = search(index, "désinformaton")
    assert results.total == 0 and results.suggestion == "désinformation"
    assert search(index, "desinformaton").suggestion == "désinformation"


def test_did_you_mean_stays_in_the_query_language(index):
    # the French "régulateur" is close to "regulate" of the English article only
    assert search(index, "régulateurx").suggestion == "régulateurs"
    assert search(index, "régulateur").total == 1
    assert search(index, "régulatrice").suggestion is None  # "regulate" is English
    assert search(index, "regulat").suggestion == "regulate"  # no language cue: any


def test_did_you_mean_offers_only_words_that_find_something(index):
    assert search(index, "gouvernanse").suggestion is None  # only in a deleted article


PASSAGE = (
    "Revenue was 628.6m pounds, up 3.5 percent from a year earlier, and 27,595 people "
    "visited the exhibition. Mark Zuckerberg said that governments should regulate "
    "platforms, according to people who attended the meeting."
)


def test_a_pasted_paragraph_is_searched_whole_and_finds_its_article(index):
    results = search(index, PASSAGE)
    assert results.error is None
    assert results.hits and results.hits[0].id == "figures-en"


def test_a_passage_marks_only_its_most_telling_words(index, monkeypatch):
    from reader.search.whoosh_backend import similar

    monkeypatch.setattr(similar, "MARKED_WORDS", 4)
    article = next(d for d in DOCS if d.id == "figures-en")
    results = search(index, f"{article.title} {article.body} Zuckerberg Zuckerberg")
    marked = {text.lower() for hit in results.hits for text, matched in hit.snippet if matched}
    assert results.passage and "zuckerberg" in marked and len(marked) <= 4


def test_an_article_opened_from_a_passage_marks_the_same_words(index, monkeypatch):
    from reader.search.whoosh_backend import similar

    monkeypatch.setattr(similar, "MARKED_WORDS", 2)
    article = next(d for d in DOCS if d.id == "figures-en")
    ranges = index.highlight_ranges(PASSAGE, article.body, "en")
    marked = {article.body[start:end].lower() for start, end in ranges}
    hit = next(h for h in search(index, PASSAGE).hits if h.id == "figures-en")
    assert len(marked) == 2 and marked == {text.lower() for text, on in hit.snippet if on}


def test_a_very_long_passage_is_not_cut(index):
    filler = " ".join(f"word{i}" for i in range(400))
    results = search(index, f"{filler} Zuckerberg regulate platforms {filler}")
    assert results.error is None and results.hits[0].id == "figures-en"


def test_a_long_boolean_query_keeps_every_term(index):
    words = [f"absent{i}" for i in range(60)] + ["Zuckerberg"]
    results = search(index, " OR ".join(words))
    assert results.error is None and {h.id for h in results.hits} == {"figures-en"}


def test_only_words_that_may_match_are_candidates_for_highlighting():
    """Letters that fold to two ("ß" -> "ss", "œ" -> "oe") must not make every S or O one."""
    from reader.search.query import parse_query
    from reader.search.whoosh_backend.highlight import QueryMatcher

    candidates = QueryMatcher(parse_query("bankruptcy").root).candidates("en")
    assert candidates is not None
    assert candidates.search("Session Sales Office Fiscal SS OE") is None
    assert candidates.search("la Bankruptcy, Cœur") is not None
