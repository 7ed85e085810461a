"""FastPositions gives exactly whoosh's postings for the stemmed fields."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from whoosh.formats import Positions

from reader.search.whoosh_backend.analysis import analyzer_for, folding_analyzer
from reader.search.whoosh_backend.fastformat import FastPositions

WORDS = st.sampled_from(
    [
        "le",
        "la",
        "les",
        "de",
        "du",
        "des",
        "été",
        "Été",
        "réformes",
        "régulée",
        "regulee",
        "U.S.",
        "l'État",
        "ministre",
        "ministres",
        "the",
        "of",
        "and",
        "running",
        "runs",
        "ran",
        "it",
        "US",
        "a",
        "I",
        "y",
        "42",
        "x1",
        "naïve",
        "NAÏVE",
        "co-opération",
        "—",
        ",",
        ".",
        "!",
    ]
)
TEXTS = st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=200)


def _postings(fmt, text: str, analyzer) -> list:
    return sorted(fmt.word_values(text, analyzer, mode="index"))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, group=st.sampled_from(["en", "fr"]), boost=st.sampled_from([1.0, 2.0]))
def test_same_terms_positions_weights_and_values_as_whoosh(text: str, group: str, boost: float):
    analyzer = analyzer_for(group)
    expected = _postings(Positions(field_boost=boost), text, analyzer)
    assert _postings(FastPositions(field_boost=boost), text, analyzer) == expected


def test_other_analyzers_go_through_whoosh():
    text = "Les Réformes du Ministre, les réformes"
    analyzer = folding_analyzer()
    assert _postings(FastPositions(), text, analyzer) == _postings(Positions(), text, analyzer)


def test_leading_stop_words_shift_the_first_position():
    postings = dict(
        (w, v) for w, _f, _wt, v in FastPositions().word_values("the of cats", analyzer_for("en"))
    )
    assert Positions().decode_positions(postings["cat"]) == [2]


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=30))
@example("İstanbul Straße ﬁnancière Œuvre U.S. l'État ÉTÉ naïve 42")
def test_fold_word_folds_as_the_surface_analyzer(text: str):
    from reader.search.whoosh_backend.analysis import WORD_RE, fold_word, surface_analyzer

    for word in [text, *WORD_RE.findall(text)]:
        assert fold_word(word) == "".join(t.text for t in surface_analyzer()(word))
