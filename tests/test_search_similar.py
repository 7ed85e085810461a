"""More like this: the articles closest to an article or a passage."""

from __future__ import annotations

import pytest

from reader.search import Filters, SimilarRequest
from reader.search.whoosh_backend import WhooshEngine
from reader.search.whoosh_backend.similar import MAX_WORDS
from test_search_data import doc

DOCS = [
    doc("yukos-sale", "Yukos unit fetches $9bn at auction", "en",
        "Baikal Finance Group bought Yuganskneftegas, the main production unit of Yukos, at an "
        "auction in Moscow. Gazprom had been expected to win the auction. Zzyzx Holdings "
        "advised the seller.", source="bbc"),
    doc("yukos-court", "Yukos seeks court action on sale", "en",
        "Yukos will ask a US court to punish Baikal Finance Group, which bought "
        "Yuganskneftegas at the auction, and Gazprom.", source="bbc"),
    doc("yukos-putin", "Putin backs state grab for Yukos", "en",
        "Russia's president defended the purchase of Yuganskneftegas by Rosneft.", source="wire"),
    doc("football", "Chelsea win the cup", "en",
        "Chelsea beat Liverpool in the final at the Millennium Stadium in Cardiff.", source="bbc"),
    doc("ghosn-fr", "Carlos Ghosn arrêté à Tokyo", "fr",
        "Le patron de Renault et de Nissan, Carlos Ghosn, a été arrêté à Tokyo pour des "
        "malversations présumées.", source="lesoir"),
    doc("ghosn-fr-2", "Ghosn inculpé au Japon", "fr",
        "Carlos Ghosn, le patron de Nissan, a été inculpé au Japon pour dissimulation de "
        "revenus.", source="lesoir"),
    doc("ghosn-en", "Nissan names successor to Ghosn", "en",
        "Nissan has named a successor to Carlos Ghosn, who takes charge at Renault.", source="bbc"),
]  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    ix = WhooshEngine.open(tmp_path_factory.mktemp("similar-index"))
    ix.add(DOCS)
    yield ix
    ix.close()


def _text(doc_id: str) -> str:
    found = next(d for d in DOCS if d.id == doc_id)
    return f"{found.title}\n\n{found.body}"


def test_an_article_finds_its_story_and_not_itself(index):
    results = index.more_like(SimilarRequest(_text("yukos-sale"), "en", exclude_id="yukos-sale"))
    ids = [hit.id for hit in results.hits]
    assert results.error is None and "yukos-sale" not in ids
    assert ids[:2] == ["yukos-court", "yukos-putin"]  # "football" shares only "win"
    assert results.total == len(ids)
    words = results.query.split()
    assert "Yukos" in words and "Zzyzx" not in words  # only the article itself has it
    assert len(words) <= MAX_WORDS


def test_a_passage_not_in_the_index_finds_its_article_first(index):
    passage = "Gazprom had been expected to win the auction of Yuganskneftegas in Moscow."
    assert index.more_like(SimilarRequest(passage)).hits[0].id == "yukos-sale"


def test_the_language_of_the_text_chooses_its_words(index):
    passage = "Carlos Ghosn, patron de Nissan, a été arrêté à Tokyo."
    french = index.more_like(SimilarRequest(passage, "fr"))
    assert {hit.lang for hit in french.hits} == {"fr"}
    assert french.hits[0].id == "ghosn-fr"
    english = index.more_like(SimilarRequest(passage, "en"))
    assert {hit.id for hit in english.hits} == {"ghosn-en"}


def test_filters_and_paging_apply(index):
    request = SimilarRequest(_text("yukos-sale"), "en", "yukos-sale", Filters(source="wire"))
    assert [hit.id for hit in index.more_like(request).hits] == ["yukos-putin"]
    first = index.more_like(SimilarRequest(_text("yukos-sale"), "en", limit=1))
    second = index.more_like(SimilarRequest(_text("yukos-sale"), "en", limit=1, offset=1))
    assert first.hits[0].id == "yukos-sale" and second.hits[0].id == "yukos-court"


def test_hits_carry_snippets_of_the_telling_words(index):
    results = index.more_like(SimilarRequest(_text("yukos-sale"), "en", "yukos-sale"))
    marked = {text.lower() for text, matched in results.hits[0].snippet if matched}
    assert {"yukos", "gazprom"} <= marked


@pytest.mark.parametrize(("text", "error"), [("", "no text"), ("   ", "no text"),
                                             ("qwxz vbnm", "no word of the text")])  # fmt: skip
def test_a_text_with_nothing_to_search_says_so(index, text, error):
    results = index.more_like(SimilarRequest(text))
    assert results.hits == [] and results.total == 0 and error in (results.error or "")
