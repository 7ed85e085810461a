"""Quotations in the index: ``said:``, ``quote:``, the speaker facet and filter."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from reader.search import Filters, IndexQuote, SearchRequest
from reader.search.query import Phrase, Word, parse_query
from reader.search.whoosh_backend import WhooshEngine
from reader.search.whoosh_backend.analysis import analyzer_for
from reader.search.whoosh_backend.entindex import ENTITY_DIR
from reader.search.whoosh_backend.fastformat import PASSAGE_GAP, FastPositions
from test_search_data import DOCS

BY_ID = {doc.id: doc for doc in DOCS}
QUOTES = {
    "fr1": [
        IndexQuote(
            "Nous avons eu de bonnes discussions sur l'écosystème numérique",
            "Thierry Breton",
            "thierry breton",
        ),
        IndexQuote("la désinformation recule", "le communiqué", None),
    ],
    "en1": [
        IndexQuote("We had productive talks about the digital", "Mark Zuckerberg", None),
        IndexQuote("ecosystem matters to everyone", "Mark Zuckerberg", "mark zuckerberg"),
    ],
    "en2": [
        IndexQuote(
            "Regulators were running out of time", "the presidential office", "Sung Tae-yoon"
        )
    ],
}


def _quoted(ids=QUOTES):
    """Every document done, those in ``ids`` with their quotations."""
    return [replace(doc, entity_state="done", quotes=list(ids.get(doc.id, []))) for doc in DOCS]


def ids(results) -> set[str]:
    return {hit.id for hit in results.hits}


def found(index: WhooshEngine, query: str, **request) -> set[str]:
    results = index.search(SearchRequest(query, limit=50, **request))
    assert results.error is None, results.error
    return ids(results)


@pytest.fixture
def index(tmp_path):
    ix = WhooshEngine.open(tmp_path / "ix")
    ix.add(_quoted())
    yield ix
    ix.close()


def test_the_query_language_has_said_and_quote_fields():
    assert parse_query("said:zuckerberg").root == Word("zuckerberg", "said")
    assert parse_query('quote:"digital ecosystem"').root == Phrase("digital ecosystem", "quote")
    assert parse_query("speaker:sung").root == Word("sung", "said")
    assert parse_query("quotes:ecosystem").root == Word("ecosystem", "quote")


def test_said_finds_a_speaker_by_full_name_surname_or_entity_key_folded(index):
    assert found(index, "said:zuckerberg") == {"en1"}
    assert found(index, 'said:"Mark Zuckerberg"') == {"en1"}
    assert found(index, "said:BRETON") == {"fr1"}
    assert found(index, "said:communique") == {"fr1"}  # the words the article uses
    assert found(index, "said:sung") == {"en2"}  # an entity key the name lacks
    assert found(index, "said:zuck*") == {"en1"}
    assert found(index, 'said:"Zuckerberg Mark"') == set()
    assert found(index, "said:meta") == set()  # an entity, not a speaker
    assert found(index, "person:zuckerberg") == {"en1"}  # entity fields unchanged


def test_quote_searches_inside_quotations_only_analysed_like_the_body(index):
    assert found(index, "quote:talk") == {"en1"}  # stemmed: "talks"
    assert found(index, 'quote:"productive talks"') == {"en1"}
    assert found(index, 'quote:"écosystème numérique"') == {"fr1"}
    assert found(index, 'quote:"ecosysteme numerique"') == {"fr1"}  # accents folded
    assert found(index, 'quote:"running out"') == {"en2"}
    assert found(index, "moderation") == {"en1"}  # outside en1's quotations
    assert found(index, "quote:moderation") == set()
    assert found(index, "quote:seoul") == set()


def test_a_phrase_never_runs_from_one_quotation_into_the_next(index):
    # en1's first quotation ends with "digital", its second starts with "ecosystem"
    assert found(index, "quote:digital quote:ecosystem") == {"en1"}
    assert found(index, 'quote:"digital ecosystem"') == set()


def test_quotation_fields_combine_with_words_filters_and_operators(index):
    assert found(index, "said:zuckerberg OR said:breton") == {"en1", "fr1"}
    assert found(index, "(said:zuckerberg OR said:breton) lang:fr") == {"fr1"}
    assert found(index, "said:zuckerberg date:2023") == {"en1"}
    assert found(index, "said:zuckerberg date:2024") == set()
    assert found(index, "seoul -said:zuckerberg") == {"fr2"}
    assert found(index, "quote:talks meetings") == {"en1"}
    assert found(index, "quote:talks", filters=Filters(lang="fr")) == set()


def test_a_query_of_said_clauses_lists_newest_first(index):
    results = index.search(SearchRequest("said:zuckerberg OR said:breton OR said:sung"))
    assert results.order == "date"
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, key=lambda date: date or "", reverse=True)


def test_the_speaker_facet_counts_speakers_and_filters_by_them(index):
    facets = index.search(SearchRequest("")).facets["speaker"]
    assert dict(facets) == {
        "Thierry Breton": 1,
        "le communiqué": 1,
        "Mark Zuckerberg": 1,  # twice quoted, one article
        "the presidential office": 1,
    }
    assert index.search(SearchRequest("said:zuckerberg")).facets["speaker"] == [
        ("Mark Zuckerberg", 1)
    ]
    speaker = Filters(entities=[("speaker", "Mark Zuckerberg")])
    assert found(index, "", filters=speaker) == {"en1"}


def test_said_and_quote_words_are_lit_up_in_snippets(index):
    assert index.highlight_ranges("said:zuckerberg", "Mark Zuckerberg said so.", "en") == [(5, 15)]
    assert index.highlight_ranges("quote:talk", "Their talks ended.", "en") == [(6, 11)]


def test_quotations_come_and_go_with_the_entities(tmp_path):
    with WhooshEngine.open(tmp_path / "ix") as index:
        index.add([replace(doc, entities={}) for doc in DOCS])  # pending, as the text phase
        assert found(index, "said:zuckerberg") == set()
        index.add_entities(_quoted())
        assert found(index, "said:zuckerberg") == {"en1"}
        changed = replace(BY_ID["en1"], content_hash="new", entities={})
        index.add([changed])  # a new version, entities pending again
        assert found(index, "said:zuckerberg") == set()
        assert found(index, "quote:talks") == set()


def test_an_entities_index_of_an_older_version_is_rebuilt_alone(tmp_path):
    folder = tmp_path / "ix"
    with WhooshEngine.open(folder) as index:
        index.add(_quoted())
    manifest_path = folder / ENTITY_DIR / "reader-search.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["schema_version"] = 9  # before quotations
    manifest_path.write_text(json.dumps(manifest))
    with WhooshEngine.open(folder) as index:
        assert index.rebuilt is not None and "entity index" in index.rebuilt
        assert index.doc_count() == len(DOCS)  # the text stays indexed
        assert {state for _hash, state in index.stored().values()} == {"pending"}
        assert found(index, "said:zuckerberg") == set()
        index.add_entities(_quoted())  # what sync's refill does from the store
        assert found(index, "said:zuckerberg") == {"en1"}
    with WhooshEngine.open(folder) as index:
        assert index.rebuilt is None


def test_name_matches_as_said_matches(index):
    assert index.name_matches("zuckerberg", "Mark Zuckerberg")
    assert index.name_matches("Sung Tae-yoon", "sung tae yoon")
    assert index.name_matches("SUNG", "Sung Tae-yoon")
    assert index.name_matches("régulateurs", "Les Régulateurs")
    assert not index.name_matches("Mark Berg", "Mark Zuckerberg")
    assert not index.name_matches("zuck", "Mark Zuckerberg")
    assert not index.name_matches("", "Mark Zuckerberg")


def test_quotations_are_indexed_as_passages_apart():
    fmt = FastPositions()
    analyzer = analyzer_for("en")
    both = {
        word: fmt.decode_positions(value)
        for word, _n, _wt, value in fmt.word_values(["talks end", "talks began"], analyzer)
    }
    assert both == {"talk": [0, 2 + PASSAGE_GAP], "end": [1], "began": [3 + PASSAGE_GAP]}
