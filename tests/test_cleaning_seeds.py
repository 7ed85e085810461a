"""The five hand-annotated seed articles: every annotated line stripped with its reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.cleaning import LineStats, classify_blocks, find_damage
from reader.corpus.blocks import split_blocks
from reader.corpus.models import Block
from seed_annotations import seed_articles

ROOT = Path(__file__).resolve().parents[1]


def line_blocks(text: str) -> list[Block]:
    """The splitter's blocks: one per non-empty line, the first being the title."""
    return split_blocks(text)


def _annotations() -> dict:
    return seed_articles()


def _seed_names() -> list[str]:
    return sorted(seed_articles())


def _classified(name: str, with_stats: bool) -> tuple[str, list[Block], dict]:
    annotation = _annotations()[name]
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    blocks = line_blocks(text)
    stats = None
    if with_stats:
        stats = LineStats()
        for other in _seed_names():
            other_text = (ROOT / "seeds" / other).read_text(encoding="utf-8")
            stats.add_document(other, [b.text for b in line_blocks(other_text)])
    classify_blocks(text, blocks, lang=annotation["language"], stats=stats)
    return text, blocks, annotation


@pytest.mark.parametrize("with_stats", [False, True])
@pytest.mark.parametrize("name", _seed_names())
def test_every_line_gets_its_annotated_reason(name: str, with_stats: bool) -> None:
    _, blocks, annotation = _classified(name, with_stats)
    expected = {int(line): reason for line, reason in annotation["boilerplate"].items()}
    got = {b.line: b.reason for b in blocks if not b.kept}
    wrong = {line: (got.get(line), expected.get(line)) for line in expected.keys() | got.keys()}
    wrong = {line: pair for line, pair in wrong.items() if pair[0] != pair[1]}
    assert not wrong, f"(got, expected) per line: {wrong}"


@pytest.mark.parametrize("name", _seed_names())
def test_title_and_headings_are_kept(name: str) -> None:
    _, blocks, annotation = _classified(name, with_stats=True)
    assert blocks[0].kind == "title" and blocks[0].kept
    by_line = {b.line: b for b in blocks}
    for line in annotation.get("headings", []):
        assert by_line[line].kept, f"heading on line {line} was stripped"


@pytest.mark.parametrize("name", _seed_names())
def test_in_line_spans_match_annotations(name: str) -> None:
    text, blocks, annotation = _classified(name, with_stats=True)
    got = [(b.line, text[s.start : s.end], s.reason) for b in blocks for s in b.spans]
    expected = [tuple(span) for span in annotation.get("spans", [])]
    assert got == expected


def test_reporting_credit_span_leaves_the_paragraph_kept() -> None:
    text, blocks, _ = _classified("004_3c4018b47ec1ff69.txt", with_stats=False)
    block = next(b for b in blocks if b.line == 24)
    assert block.kept
    kept = "".join(text[s:e] for s, e in block.kept_pieces())
    assert kept.startswith("Parmi les autres nouvelles offres")
    assert "Reportage" not in kept


def test_damage_annotations_are_found() -> None:
    name = "002_fe9b5bcc2976f0d8.txt"
    text, blocks, annotation = _classified(name, with_stats=True)
    damage = find_damage(text, blocks, annotation["language"])
    line_starts = {b.line: b.start for b in blocks}
    for line, snippet in annotation["damage"]:
        position = text.index(snippet, line_starts[line])
        assert any(d.start <= position < d.end for d in damage), snippet
    for item in damage:
        assert text[item.start : item.end] == item.text


@pytest.mark.parametrize("name", _seed_names())
def test_damage_is_only_reported_where_annotated(name: str) -> None:
    text, blocks, annotation = _classified(name, with_stats=True)
    annotated_lines = {line for line, _ in annotation.get("damage", [])}
    line_of = {b.start: b.line for b in blocks}
    for item in find_damage(text, blocks, annotation["language"]):
        block_start = max(start for start in line_of if start <= item.start)
        assert line_of[block_start] in annotated_lines, item.text


@pytest.mark.parametrize("name", _seed_names())
def test_reasons_hold_with_the_real_splitter(name: str) -> None:
    from reader.corpus.blocks import split_blocks

    annotation = _annotations()[name]
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    blocks = split_blocks(text)
    classify_blocks(text, blocks, lang=annotation["language"])
    expected = {int(line): reason for line, reason in annotation["boilerplate"].items()}
    assert {b.line: b.reason for b in blocks if not b.kept} == expected
