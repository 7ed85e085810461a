"""Right types and one entry per entity: context, filters, in-article merges, recasing and the
corpus-wide vote. Model-free: mentions are written by hand, as a model would tag them.
All texts are written for these tests."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.corpus.models import Entity
from reader.entities.context import decided_label, weigh
from reader.entities.filters import drop_lone_openers, drop_non_names
from reader.entities.merge import harmonise, merge_acronyms, merge_articles, merge_company_forms
from reader.entities.normalise import entity_key
from reader.entities.recase import recase, shouting_lines
from reader.entities.vote import article_votes, settle_types, winning_labels
from reader.indexing.library import Library


def at(text: str, surface: str, label: str, occurrence: int = 0, **extra) -> Entity:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Entity(surface, label, start, start + len(surface), entity_key(surface, label), **extra)


def labels(mentions: list[Entity]) -> set[tuple[str, str]]:
    return {(m.text, m.label) for m in mentions}


# --- context decides ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "model", "decided"),
    [
        ("He met Mr Brightwell yesterday.", "Brightwell", "LOC", "PER"),
        ("Elle a reçu Mme Duvernois lundi.", "Duvernois", "ORG", "PER"),
        ("le président Lormeau a parlé", "Lormeau", "LOC", "PER"),
        ("King Hadrath opened it.", "King Hadrath", "LOC", "PER"),
        ("The Northfield Party won.", "Northfield Party", "LOC", "ORG"),
        ("Shares of Calder Inc fell.", "Calder Inc", "PER", "ORG"),
        ("le Ministère de la Culture a dit", "Ministère de la Culture", "PER", "ORG"),
        ("Il habite à Lormont depuis.", "Lormont", "PER", "LOC"),
        ("She grew up in Ashcombe.", "Ashcombe", "PER", "LOC"),
    ],
)
def test_context_decides_the_type(text: str, surface: str, model: str, decided: str) -> None:
    assert decided_label(text, at(text, surface, model), frozenset()) == decided


def test_context_leaves_parties_after_a_title_and_surnames_after_a_preposition() -> None:
    text = "le député LR a parlé. Emmanuel Ravel a écrit à Ravel."
    assert decided_label(text, at(text, "LR", "ORG"), frozenset()) is None
    surname = at(text, "Ravel", "LOC", 1)
    assert decided_label(text, surname, frozenset({"ravel"})) is None


def test_a_lone_word_opening_a_sentence_counts_half() -> None:
    text = "Harwood said so. Then Harwood left."
    assert weigh(text, at(text, "Harwood", "PER"), frozenset()).weight == 0.5
    assert weigh(text, at(text, "Harwood", "PER", 1), frozenset()).weight == 1.0


# --- what names nothing -------------------------------------------------------------------


def test_demonyms_functions_posts_domains_and_days_go() -> None:
    text = (
        "Les Norvégiens votent. Le gouvernement norvégien hésite. La Norvège attend. "
        "Le ministre de l'Intérieur parle. Un MEP écrit sur exemple.info. Vendredi, rien."
    )
    mentions = [
        at(text, "Norvégiens", "LOC"),
        at(text, "Norvège", "LOC"),
        at(text, "ministre de l'Intérieur", "ORG"),
        at(text, "MEP", "ORG"),
        at(text, "exemple.info", "PER"),
        at(text, "Vendredi", "LOC"),
    ]
    assert labels(drop_non_names(text, mentions)) == {("Norvège", "LOC")}


def test_a_place_ending_like_a_demonym_stays() -> None:
    text = "Le port de Calais est fermé."
    assert labels(drop_non_names(text, [at(text, "Calais", "LOC")])) == {("Calais", "LOC")}


def test_a_lone_opener_goes_unless_repeated_decided_or_a_country() -> None:
    text = "Deepfakes spread fast. Norway acts. Harwood said it. Then Harwood left."
    mentions = [
        at(text, "Deepfakes", "LOC"),
        at(text, "Norway", "LOC"),
        at(text, "Harwood", "PER"),
        at(text, "Harwood", "PER", 1),
    ]
    kept = drop_lone_openers(text, mentions)
    assert [m.text for m in kept] == ["Norway", "Harwood", "Harwood"]
    text = "Calder Electronics grew. Calder leads the market."
    supported = [at(text, "Calder Electronics", "ORG"), at(text, "Calder", "ORG", 1)]
    assert drop_lone_openers(text, supported) == supported


# --- one entry per entity -----------------------------------------------------------------


def test_an_acronym_joins_its_expansion() -> None:
    text = "The Northfield Independence Party (NIP) won. NIP leaders smiled."
    mentions = [
        at(text, "Northfield Independence Party", "ORG"),
        at(text, "NIP", "ORG"),
        at(text, "NIP", "PER", 1),
    ]
    merged = merge_acronyms(text, mentions)
    assert {m.key for m in merged} == {"northfield independence party"}
    assert {m.label for m in merged} == {"ORG"}


def test_a_sentence_opening_article_is_cut_when_the_bare_name_is_known() -> None:
    text = "La Norvège vote. Le Havre attend. Le Figaro écrit sur la Norvège."
    mentions = [
        at(text, "La Norvège", "LOC"),
        at(text, "Le Havre", "LOC"),
        at(text, "Le Figaro", "ORG"),
    ]
    merged = merge_articles(mentions)
    assert [(m.text, text[m.start : m.end]) for m in merged] == [
        ("Norvège", "Norvège"),
        ("Le Havre", "Le Havre"),
        ("Le Figaro", "Le Figaro"),
    ]


def test_a_capitalised_article_inside_a_sentence_belongs_to_the_name() -> None:
    text = "Ils ont roulé jusqu'au circuit, puis vers Le Havre et la mer."
    (found,) = harmonise(text, [at(text, "Havre", "LOC")])
    assert (found.text, text[found.start : found.end]) == ("Le Havre", "Le Havre")


def test_one_label_per_name_in_an_article_with_context_winning() -> None:
    text = "Ashcombe grew. The town of Ashcombe. Ashcombe voted. They live in Ashcombe."
    mentions = [
        at(text, "Ashcombe", "PER"),
        at(text, "Ashcombe", "PER", 1),
        at(text, "Ashcombe", "PER", 2),
        at(text, "Ashcombe", "PER", 3),
    ]
    assert {m.label for m in harmonise(text, mentions)} == {"LOC"}


# --- recasing -------------------------------------------------------------------------------


def test_lines_in_capitals_take_the_article_s_own_spelling() -> None:
    text = (
        "RUGBY - NORTHFIELD BEAT ASHCOMBE IN LATE RALLY .\n\n"
        "HARBOURTON 1996-08-30\n\n"
        "Northfield beat Ashcombe 21-18 on Saturday. NATO was not involved."
    )
    recased = recase(text)
    assert len(recased) == len(text)
    first, second, _rest = recased.split("\n\n")
    assert first == "Rugby - Northfield beat Ashcombe in late rally ."
    assert second == "Harbourton 1996-08-30"
    assert recased.endswith("NATO was not involved.")


def test_a_dateline_place_in_capitals_is_recased() -> None:
    text = "HARBOURTON, 3 March (Wire) - The port reopened."
    assert recase(text).startswith("Harbourton, 3 March")
    assert shouting_lines("An ordinary line with NATO in it.") == []


# --- the corpus-wide vote ------------------------------------------------------------------


def _article(label: str, **extra) -> list[Entity]:
    text = "Talbridge said. Talbridge left."
    return [at(text, "Talbridge", label, **extra), at(text, "Talbridge", label, 1, **extra)]


def test_the_corpus_gives_a_name_one_type() -> None:
    articles = [_article("LOC"), _article("PER"), _article("PER"), _article("PER")]
    settled = settle_types(articles)
    assert {m.label for entities in settled for m in entities} == {"PER"}


def test_an_article_whose_context_decided_keeps_its_type() -> None:
    decided = [replace(m, strong=True) for m in _article("LOC")]
    settled = settle_types([decided, _article("PER"), _article("PER")])
    assert [m.label for m in settled[0]] == ["LOC", "LOC"]
    assert {m.label for m in settled[1]} == {"PER"}


def test_one_article_repeating_a_name_does_not_outvote_several() -> None:
    text = " ".join(["Talbridge spoke."] * 20)
    loud = [at(text, "Talbridge", "ORG", n) for n in range(20)]
    votes = [article_votes(loud)[0], *(article_votes(_article("PER"))[0] for _ in range(3))]
    total: dict[str, dict[str, float]] = {}
    for vote in votes:
        for key, counts in vote.items():
            for label, weight in counts.items():
                total.setdefault(key, {})[label] = total.get(key, {}).get(label, 0.0) + weight
    assert winning_labels(total) == {"talbridge": "PER"}


class _StubExtractor:
    """'Talbridge' as LOC in the first file, PER in the others; LOC decided in the 'kept' one."""

    def extract_many(self, items, *, batch_size: int = 32):
        for _lang, text in items:
            label = "LOC" if "first" in text or "kept" in text else "PER"
            strong = "kept" in text
            yield [
                at(text, "Talbridge", label, n, strong=strong)
                for n in range(text.count("Talbridge"))
            ]


def test_the_library_settles_types_across_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bodies = {
        "a.txt": "The first report\n\nTalbridge said it was the first time.",
        "b.txt": "Second report\n\nTalbridge said it again on Monday.",
        "c.txt": "Third report\n\nTalbridge said it once more on Tuesday.",
        "d.txt": "Fourth report\n\nTalbridge was kept waiting in the rain.",
        "e.txt": "Fifth report\n\nTalbridge said nothing on Wednesday.",
        "f.txt": "Sixth report\n\nTalbridge said little on Thursday.",
    }
    for name, body in bodies.items():
        (corpus / name).write_text(body + "\n", encoding="utf-8")
    with Library([corpus], index_dir=tmp_path / "index").open() as library:
        library.sync()
        library.index_entities(extractor=_StubExtractor())
        types = {
            Path(article.path).name: {e.label for e in article.entities or []}
            for article in library.store.iter_articles()
        }
        assert types == {name: {"LOC" if name == "d.txt" else "PER"} for name in bodies}
        people = {Path(hit.path).name for hit in library.search("person:Talbridge").hits}
        places = {Path(hit.path).name for hit in library.search("place:Talbridge").hits}
        assert (people, places) == (set(bodies) - {"d.txt"}, {"d.txt"})


def test_a_title_case_headline_takes_the_article_s_spelling_of_its_common_words() -> None:
    text = (
        "Northfield and Calder Agree New Partnership Deal\n\n"
        "Northfield and Calder agreed on a new partnership on Monday. The deal runs for years."
    )
    first = recase(text).split("\n\n")[0]
    assert first == "Northfield and Calder agree new partnership deal"
    paragraph = "A Long Paragraph That Has Several Sentences. It Goes On."
    assert recase(paragraph) == paragraph


def test_a_company_without_its_legal_form_joins_the_full_name() -> None:
    text = "Calder Foods Corp said profit rose. Calder Foods expects more."
    mentions = [at(text, "Calder Foods Corp", "ORG"), at(text, "Calder Foods", "PER")]
    merged = merge_company_forms(mentions)
    assert {(m.key, m.label) for m in merged} == {("calder foods corp", "ORG")}


def test_a_short_file_takes_the_language_of_its_source(tmp_path: Path) -> None:
    from reader.corpus.batch import load_articles

    prose = "The council said on Monday that it would meet again in the spring, and that it was"
    for n in range(3):
        (tmp_path / f"wire-{n}.txt").write_text(f"Story {n}\n\n{prose} ready.\n", "utf-8")
    table = "CALDER FOODS CORP 4TH QTR NET\n\nShr 2.01 dlrs vs 1.93 dlrs\n\nNet 65.0 mln\n"
    (tmp_path / "wire-9.txt").write_text(table, "utf-8")
    loaded, _skipped = load_articles([tmp_path])
    assert {item.relpath: item.article.lang for item in loaded}["wire-9.txt"] == "en"
    alone, _skipped = load_articles([tmp_path / "wire-9.txt"])
    assert alone[0].article.lang == "unknown"
