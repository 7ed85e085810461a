"""StemmingAnalyzer gives exactly the terms and positions of the whoosh filter chain."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search.whoosh_backend.analysis import StemmingAnalyzer, reference_stemming_analyzer

WORDS = ["Les", "régulées", "the", "U.S.", "présidents", "running", "a", "d'Ukraine", "été",
         "ete", "1,5", "x", "Œuvre", "ﬁnance", "Straße", "to", "it", "l'État", "27,595",
         "628.6m", "1.500", "27\u00a0595", "0.0", "2004"]  # fmt: skip
OPTIONS = [
    {"positions": True},
    {"positions": True, "chars": True, "removestops": False},
    {"positions": True, "chars": True, "start_pos": 3, "start_char": 7},
    {"positions": True, "tokenize": False},
    {"keeporiginal": True},
]


def _terms(analyzer, text: str, options: dict) -> list[tuple]:
    return [
        (t.text, t.stopped, getattr(t, "pos", None), getattr(t, "startchar", None),
         getattr(t, "endchar", None), getattr(t, "original", None))
        for t in analyzer(text, **options)
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr"])
@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=25),
    separators=st.sampled_from([" ", " , ", "\n", "-"]),
    option=st.sampled_from(OPTIONS),
)
def test_same_terms_as_whoosh_chain(lang, words, separators, option):
    text = separators.join(words)
    expected = _terms(reference_stemming_analyzer(lang), text, option)
    assert _terms(StemmingAnalyzer(lang), text, option) == expected


def test_pickles_by_language_only():
    analyzer = pickle.loads(pickle.dumps(StemmingAnalyzer("fr")))
    assert analyzer == StemmingAnalyzer("fr")
    assert [t.text for t in analyzer("Les présidentielles régulées")] == [
        t.text for t in reference_stemming_analyzer("fr")("Les présidentielles régulées")
    ]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_snowball_stems_agree_with_whooshs_port_on_the_seeds(lang):
    """Indexes were built with whoosh's pure-Python Snowball port until schema 8:
    PyStemmer runs the same algorithms, apart from a word-initial "y" in French."""
    import re

    from whoosh.lang import stemmer_for_language
    from whoosh.support.charset import accent_map

    from conftest import SEEDS
    from reader.search.whoosh_backend.analysis import snowball_stemmer

    text = " ".join(path.read_text("utf-8") for path in sorted(SEEDS.glob("*.txt")))
    words = {word.lower().translate(accent_map) for word in re.findall(r"\w+", text)}
    ours, whooshs = snowball_stemmer(lang), stemmer_for_language(lang)
    differ = {word for word in words if ours(word) != whooshs(word)}
    assert len(words) > 1000
    assert {word for word in differ if not word.startswith("y")} == set()
    assert snowball_stemmer("en")("running") == "run"
    assert snowball_stemmer("fr")("regulees") == "regule"
