"""Splitting articles into blocks: both plain layouts, hard-wrapped prose and Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.corpus.blocks import split_blocks

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _assert_tiles(text: str, blocks, markup: str = "") -> None:
    """Blocks are exact slices, in order, and only whitespace (or Markdown markers) lie between."""
    cursor = 0
    for block in blocks:
        assert block.text == text[block.start : block.end]
        assert not text[cursor : block.start].strip(" \n" + markup)
        cursor = block.end
    assert not text[cursor:].strip()


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_blocks_are_lines(path: Path):
    text = path.read_text(encoding="utf-8")
    blocks = split_blocks(text)
    _assert_tiles(text, blocks)
    lines = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    assert [block.line for block in blocks] == lines
    assert blocks[0].kind == "title"
    assert all(block.kind == "paragraph" for block in blocks[1:])


def test_hard_wrapped_paragraphs_are_joined():
    paragraph = (
        "The committee met on Tuesday to discuss the budget for the coming\n"
        "year, and agreed that the spending on roads should rise by a fifth\n"
        "while the spending on parks would stay the same as last year.\n"
    )
    text = "A title\n\n" + paragraph + "\n" + paragraph
    blocks = split_blocks(text)
    _assert_tiles(text, blocks)
    assert [block.line for block in blocks] == [1, 3, 7]
    assert blocks[1].text == paragraph.strip()


def test_markdown_blocks():
    text = (
        "# Le titre\n\nUn paragraphe\nsur deux lignes.\n\n## Une section\n\n"
        "- premier point\n- second point\n\n> Une citation\n"
    )
    blocks = split_blocks(text, markdown=True)
    _assert_tiles(text, blocks, markup="#->")
    assert [(b.kind, b.text) for b in blocks] == [
        ("title", "Le titre"),
        ("paragraph", "Un paragraphe\nsur deux lignes."),
        ("heading", "Une section"),
        ("list", "premier point"),
        ("list", "second point"),
        ("quote", "Une citation"),
    ]


def test_empty_text_has_no_blocks():
    assert split_blocks("\n \n") == []
