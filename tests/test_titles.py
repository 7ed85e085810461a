"""Titles: a first line that is no title is body text, and the title is derived from it;
entities are looked for in the title line too, with offsets into the article text."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cli.clean_cmd import clean_output
from reader.corpus.batch import load_articles
from reader.corpus.blocks import is_title_line, split_blocks
from reader.corpus.models import Entity
from reader.metadata import derived_title

PROSE = (
    "The river rose by two metres overnight. Residents of the lower town were moved to the "
    "school on the hill. The mayor said the water should fall by Friday, and that the bridge "
    "would stay closed until engineers had looked at it."
)


@pytest.mark.parametrize(
    "line",
    [
        "Council approves budget after a long night",
        "Élections européennes. La gauche s'est parlé, et après ?",
        "IA : en tournée en Asie, le patron envisage une « coopération commerciale »",
        "FLOODS - RIVER RISES TWO METRES , TOWN EVACUATED .",
    ],
)
def test_headlines_are_titles(line: str) -> None:
    assert is_title_line(line)
    assert split_blocks(f"{line}\n\n{PROSE}\n")[0].kind == "title"


@pytest.mark.parametrize("line", [PROSE, "A" * 150 + " " + "b" * 60])
def test_prose_or_a_very_long_first_line_is_body(line: str) -> None:
    assert not is_title_line(line)
    blocks = split_blocks(f"{line}\n\nAnother paragraph follows here.\n")
    assert [block.kind for block in blocks] == ["paragraph", "paragraph"]


def test_the_only_line_of_a_file_is_body() -> None:
    (block,) = split_blocks("Council approves budget after a long night\n")
    assert block.kind == "paragraph"


def test_derived_title_is_the_first_sentence() -> None:
    assert derived_title(PROSE) == "The river rose by two metres overnight."


def test_a_long_first_sentence_is_cut_at_a_word_with_an_ellipsis() -> None:
    sentence = "The committee " + "met again and again " * 10 + "before it agreed."
    title = derived_title(sentence)
    assert title.endswith("…")
    assert len(title) <= 110
    assert sentence.startswith(title[:-1])
    assert title[-2] != " "


def _article(tmp_path: Path, text: str):
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    ((item), *_rest), _skipped = load_articles([path])
    return item.article


def test_a_one_line_file_is_all_body_with_a_derived_title(tmp_path: Path) -> None:
    article = _article(tmp_path, PROSE + "\n")
    assert article.title_block is None
    assert article.title == "The river rose by two metres overnight."
    assert article.clean_text == PROSE
    assert article.entity_text == PROSE
    assert clean_output(article) == PROSE + "\n"  # the derived title is not printed twice


def test_entity_text_starts_with_the_title_line_and_maps_back(tmp_path: Path) -> None:
    article = _article(tmp_path, "Floods hit Tewkesbury\n\n" + PROSE + "\n")
    assert article.entity_text.startswith("Floods hit Tewkesbury\n\n")
    assert article.clean_text == PROSE
    start = article.entity_text.index("Tewkesbury")
    found = Entity("Tewkesbury", "LOC", start, start + 10, "tewkesbury")
    moved = article.entity_from_source(found)
    assert article.text[moved.start : moved.end] == "Tewkesbury"
    later = article.entity_text.index("school")
    moved = article.entity_from_source(Entity("school", "LOC", later, later + 6, "school"))
    assert article.text[moved.start : moved.end] == "school"
