"""Property tests: for any bytes or text, reading and cleaning never raise and every offset is
valid; for any string, searching answers; bookmarks find their passage after edits elsewhere
and are orphaned when it is gone."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.bookmarks.anchor import reanchor, selector
from reader.cleaning import LineStats
from reader.corpus import ingest, pipeline
from reader.corpus.textnorm import normalise
from reader.indexing.library import Library

SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
#: Article-like text: words, punctuation, markup, controls, odd Unicode, many line breaks.
PIECES = st.sampled_from(
    [
        "Le ministre",
        " a dit",
        ".",
        "\n",
        "\n\n",
        "\r\n",
        "  ",
        "\t",
        "# ",
        "- ",
        "> ",
        "```",
        "<b>",
        "Lire aussi : ",
        "(AFP)",
        "© Reuters",
        "Par Jean Dupont",
        "PARIS, 3 mars 2024 -",
        "UPDATE 1-",
        "\x1b]0;x\x07",
        "\x1b[2J",
        "\u202e",
        "\u200b",
        "\ufeff",
        "é",
        "e\u0301",
        "Ω",
        "日本",
        "🙂",
        "\x00",
        "\x85",
        "\u2028",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=80).map("".join),
)


MARKDOWN_SYNTAX = set("#>-*+`~=_|")


def _blank(gap: str, markdown: bool) -> bool:
    """Between blocks: blank space, or in Markdown the syntax that makes blocks."""
    rest = set(gap.strip())
    return not rest or (markdown and rest <= MARKDOWN_SYNTAX | set(" \t\n"))


def _article(text: str, markdown: bool):
    source = ingest.SourceFile(
        Path("x.md" if markdown else "x.txt"), normalise(text), "h", markdown
    )
    parsed = pipeline.parse(source, "x.txt", "site")
    stats = LineStats()
    stats.add_document(parsed.id, pipeline.block_texts(parsed))
    return pipeline.finish(parsed, stats)


@SETTINGS
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_are_called_binary(data: bytes):
    text = ingest.decode(data)
    assert text is None or isinstance(text, str)
    if text is not None:
        normalise(text).encode("utf-8")  # storable: no lone surrogates


@SETTINGS
@given(TEXTS, st.booleans())
def test_cleaning_never_raises_and_blocks_give_back_the_text(text: str, markdown: bool):
    article = _article(text, markdown)
    full = article.text
    cursor = 0
    rebuilt = []
    for block in sorted(article.blocks, key=lambda b: b.start):
        assert cursor <= block.start <= block.end <= len(full)
        assert block.text == full[block.start : block.end]
        assert _blank(full[cursor : block.start], markdown)  # nothing lost between blocks
        rebuilt.append(full[cursor : block.end])
        cursor = block.end
        assert block.kept or block.reason
        for span in block.spans:
            assert block.start <= span.start <= span.end <= block.end
    rebuilt.append(full[cursor:])
    assert "".join(rebuilt) == full
    assert _blank(full[cursor:], markdown)
    for damage in article.damage:
        assert 0 <= damage.start <= damage.end <= len(full)
    clean = article.clean_text
    for start in range(0, len(clean), 7):
        end = min(start + 5, len(clean))
        if clean[start:end].strip() and "\n\n" not in clean[start:end]:
            text_start, text_end = article.clean_range_to_text(start, end)
            assert full[text_start:text_end] == clean[start:end]


@pytest.fixture(scope="module")
def seeds_library(tmp_path_factory: pytest.TempPathFactory):
    from conftest import SEEDS

    with Library([SEEDS], index_dir=tmp_path_factory.mktemp("index")) as library:
        library.sync()
        yield library


@SETTINGS
@given(
    st.one_of(
        st.text(max_size=60),
        st.lists(
            st.sampled_from(
                [
                    '"',
                    "(",
                    ")",
                    ":",
                    "*",
                    "~",
                    "-",
                    "AND",
                    "OR",
                    "NOT",
                    "date:",
                    "person:",
                    "..",
                    "2024",
                    "meta",
                    " ",
                    "\\",
                    "^",
                    "[",
                    "]",
                    "{",
                    "}",
                    "title:",
                    "lang:fr",
                    "é",
                ]
            ),
            max_size=12,
        ).map("".join),
    )
)
def test_any_query_gets_an_answer(seeds_library: Library, query: str):
    results = seeds_library.search(query, limit=5)
    assert results.total >= len(results.hits)
    article = seeds_library.article(results.hits[0].id) if results.hits else None
    if article is not None:
        for start, end in seeds_library.highlight_ranges(query, article):
            assert 0 <= start <= end <= len(article.text)


def _words(rng: random.Random, count: int) -> list[str]:
    return [f"w{rng.randrange(10**6)}" for _ in range(count)]


@SETTINGS
@given(st.integers(0, 10**6), st.integers(0, 6))
def test_bookmark_found_after_edits_elsewhere(seed: int, edits: int):
    rng = random.Random(seed)
    words = [f"mot{index}" for index in range(300)]
    first, length = rng.randrange(40, 240), rng.randrange(2, 12)
    text = " ".join(words)
    start = len(" ".join(words[:first])) + 1
    end = start + len(" ".join(words[first : first + length]))
    quote, prefix, suffix = selector(text, start, end)
    for _ in range(edits):  # insert or delete words away from the passage and its context
        position = rng.choice(
            [rng.randrange(0, first - 30), rng.randrange(first + length + 30, len(words))]
        )
        if rng.random() < 0.5:
            words.insert(position, " ".join(_words(rng, rng.randrange(1, 20))))
            if position < first:
                first += 1
        else:
            del words[position]
            if position < first:
                first -= 1
    edited = " ".join(words)
    anchor = reanchor(edited, start, end, quote, prefix, suffix)
    assert not anchor.orphaned
    assert edited[anchor.start : anchor.end] == quote


@SETTINGS
@given(st.integers(0, 10**6))
def test_bookmark_orphaned_when_its_passage_is_gone(seed: int):
    rng = random.Random(seed)
    words = _words(rng, 300)
    first, length = rng.randrange(40, 240), rng.randrange(2, 12)
    text = " ".join(words)
    start = len(" ".join(words[:first])) + 1
    end = start + len(" ".join(words[first : first + length]))
    quote, prefix, suffix = selector(text, start, end)
    edited = " ".join(words[:first] + _words(rng, rng.randrange(0, 4)) + words[first + length :])
    anchor = reanchor(edited, start, end, quote, prefix, suffix)
    assert anchor.orphaned
