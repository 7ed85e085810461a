"""A passage with its citation: title, source, readable date and file, parts left out cleanly."""

from __future__ import annotations

import pytest

from bookmark_samples import sample_bookmark
from reader.bookmarks.citation import (
    article_citation,
    citation_line,
    cite_bookmark,
    cite_selection,
    paragraph_at,
    quotation,
)
from reader.corpus.models import Article, Block, Metadata

TITLE = "Le conseil vote le budget"
BODY = "Le conseil municipal a voté\nle budget jeudi soir."
TEXT = f"{TITLE}\n\n{BODY}\n\nFin."


def article(**changes) -> Article:
    body_start = TEXT.index(BODY)
    values = dict(
        id="a1",
        path="lemonde/budget.txt",
        text=TEXT,
        title=TITLE,
        lang="fr",
        blocks=[
            Block(0, len(TITLE), TITLE, kind="title"),
            Block(body_start, body_start + len(BODY), BODY),
            Block(TEXT.index("Fin."), len(TEXT), "Fin."),
        ],
        meta=Metadata(date="2024-03-18"),
        source="lemonde",
    )
    values.update(changes)
    return Article(**values)


def test_a_selection_with_its_citation() -> None:
    start = TEXT.index("a voté")
    end = TEXT.index(" jeudi")
    assert cite_selection(article(), start, end) == (
        "“a voté le budget”\n— Le conseil vote le budget, lemonde, 18 Mar 2024 (lemonde/budget.txt)"
    )


@pytest.mark.parametrize(
    ("parts", "line"),
    [
        (("T", "src", "2024-03", "f.txt"), "T, src, Mar 2024 (f.txt)"),
        (("T", None, "--03-18", "f.txt"), "T, 18 Mar (year unknown) (f.txt)"),
        (("", "src", None, "f.txt"), "src (f.txt)"),
        (("T", None, None, None), "T"),
        ((None, None, None, "dir/f.txt"), "dir/f.txt"),
        ((None, None, "2024", None), "2024"),
        ((None, None, None, None), ""),
        ((" A\n title ", "  ", "", "a b.txt"), "A title (a b.txt)"),
    ],
)
def test_missing_parts_are_left_out_cleanly(parts, line: str) -> None:
    assert citation_line(*parts) == line


def test_control_characters_are_stripped_and_blanks_folded() -> None:
    hostile = article(
        title="Title\x1b]2;PWNED\x07 here",
        source="src\x1b[31m",
        path="a\x00b.txt",
        text="x\x1b[2J  quoted\n\n\tpassage  y",
        blocks=[],
    )
    cited = cite_selection(hostile, 1, len(hostile.text) - 1)
    assert cited == "“quoted passage”\n— Title here, src, 18 Mar 2024 (ab.txt)"


def test_a_quotation_without_any_citation_is_only_the_passage() -> None:
    assert quotation("  the words\n", "") == "“the words”"
    bare = article(title="", source=None, meta=Metadata(), path="")
    assert article_citation(bare) == ""
    assert cite_selection(bare, 0, 2) == "“Le”"


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (3, 2), (0, len(TEXT) + 1)])
def test_a_range_outside_the_text_is_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="not inside"):
        cite_selection(article(), start, end)


def test_a_blank_selection_is_refused() -> None:
    blank = TEXT.index("\n\n")
    with pytest.raises(ValueError, match="blank"):
        cite_selection(article(), blank, blank + 2)


SAVED = sample_bookmark(
    article_id="a1",
    article_title="Old title",
    path="lemonde/budget.txt",
    quote="le budget\njeudi soir",
)


def test_a_bookmark_with_and_without_its_article() -> None:
    assert cite_bookmark(SAVED) == "“le budget jeudi soir”\n— Old title (lemonde/budget.txt)"
    assert cite_bookmark(SAVED, article()) == (
        "“le budget jeudi soir”\n"
        "— Le conseil vote le budget, lemonde, 18 Mar 2024 (lemonde/budget.txt)"
    )
    # Another article's metadata is never borrowed.
    assert cite_bookmark(SAVED, article(id="other")).endswith("— Old title (lemonde/budget.txt)")


def test_paragraph_at_an_offset() -> None:
    body = (TEXT.index(BODY), TEXT.index(BODY) + len(BODY))
    assert paragraph_at(article(), TEXT.index("voté")) == body
    assert paragraph_at(article(), len(TITLE) + 1) == body  # between blocks: the next one
    assert paragraph_at(article(), 0) == (0, len(TITLE))
    assert paragraph_at(article(), len(TEXT)) is None
    assert paragraph_at(article(blocks=[]), 0) is None
