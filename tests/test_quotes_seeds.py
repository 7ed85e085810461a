"""The seeds' hand-annotated quotations: every one found with its speaker, nothing else (spaCy)."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from reader.cli import main
from reader.corpus.batch import load_articles
from reader.quotes import Quote, article_quotes
from seed_annotations import seed_articles

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
pytestmark = pytest.mark.slow


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).split())


@cache
def _found() -> dict[str, tuple[str, list[Quote]]]:
    from reader.entities import EntityExtractor

    loaded, _ = load_articles(sorted(SEEDS.glob("*.txt")))
    extractor = EntityExtractor()
    items = [(item.article.lang, item.article.clean_text) for item in loaded]
    return {
        item.path.name: (item.article.text, article_quotes(item.article, entities))
        for item, entities in zip(loaded, extractor.extract_many(items), strict=True)
    }


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@pytest.mark.parametrize("name", sorted(seed_articles()))
def test_every_annotated_quotation_is_found_with_its_speaker(name: str):
    text, found = _found()[name]
    for gold in seed_articles()[name]["quotes"]:
        matches = [
            q
            for q in found
            if _line(text, q.start) == gold["line"]
            and _fold(q.text).startswith(_fold(gold["starts"]))
        ]
        assert matches, f"{name}:{gold['line']} {gold['starts']!r} not found"
        quote = matches[0]
        assert quote.speaker is not None and _fold(quote.speaker) == _fold(gold["speaker"]), gold
        assert quote.partial == gold["partial"], gold


@pytest.mark.parametrize("name", sorted(seed_articles()))
def test_nothing_but_the_annotated_quotations(name: str):
    """Titles' quote marks, scare quotes and names give nothing."""
    text, found = _found()[name]
    gold = seed_articles()[name]["quotes"]
    assert len(found) == len(gold), [q.text[:40] for q in found]
    assert all(_line(text, q.start) > 1 for q in found)


def test_quotes_json_shape_and_offsets(capsys):
    path = SEEDS / "000_b88bfa2582803da5.txt"
    assert main(["quotes", "--json", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) == {"path", "lang", "quotes"} and record["lang"] == "fr"
    text = _found()[path.name][0]
    assert record["quotes"]
    for quote in record["quotes"]:
        assert set(quote) == {"start", "end", "text", "speaker", "cue", "partial"}
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_quotes_readable_lines(capsys):
    assert main(["quotes", str(SEEDS / "003_95beb55b3faa9a87.txt")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "==> 003_95beb55b3faa9a87.txt (en) <=="
    assert "  Sung Tae-yoon: «excellent platform» (told) [fragment]" in lines
