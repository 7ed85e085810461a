"""The Markdown and JSON exports, read back with markdown-it-py and json."""

from __future__ import annotations

import json

from markdown_it import MarkdownIt

from bookmark_samples import sample_bookmark as bookmark
from reader.bookmarks import Anchor, Bookmark, export_json, export_markdown


def parse(markdown: str):
    return MarkdownIt("commonmark").parse(markdown)


def blockquote_texts(tokens) -> list[str]:
    """The inline text inside each top-level block quote (softbreaks as newlines)."""
    texts: list[str] = []
    depth = 0
    current: list[str] = []
    for token in tokens:
        if token.type == "blockquote_open":
            depth += 1
            if depth == 1:
                current = []
        elif token.type == "blockquote_close":
            depth -= 1
            if depth == 0:
                texts.append("\n".join(current))
        elif token.type == "inline" and depth:
            current.append(inline_text(token))
    return texts


def inline_text(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append("\n")
    return "".join(parts)


def headings(tokens) -> list[tuple[str, str]]:
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((token.tag, inline_text(tokens[index + 1])))
    return found


def test_structure_of_the_markdown_export() -> None:
    items = [
        bookmark(note="Why it matters: **prices**.\n\nSee [the report](https://example.org)."),
        bookmark(id=2, article_title="Second", quote="Line one\nline two", tags=[]),
    ]
    tokens = parse(export_markdown(items))
    assert headings(tokens) == [
        ("h1", "Bookmarks"),
        ("h2", "Sommet de Bruxelles"),
        ("h2", "Second"),
    ]
    assert blockquote_texts(tokens) == [
        "Les dirigeants se sont retrouvés jeudi.",
        "Line one\nline two",
    ]
    # The note is Markdown as written: bold and a link survive as such.
    types = [child.type for t in tokens if t.type == "inline" for child in t.children or []]
    assert "strong_open" in types and "link_open" in types
    texts = [inline_text(t) for t in tokens if t.type == "inline"]
    assert "Why it matters: prices." in texts
    assert "File: fr/sommet.txt" in texts
    assert "Date: 2024-03-01T10:00:00+00:00" in texts
    assert "Tags: EU, énergie" in texts
    assert sum(1 for t in tokens if t.type == "hr") == 1


def test_markdown_syntax_in_a_quote_stays_a_quote() -> None:
    hostile = (
        "# not a heading\n"
        "    indented code?\n"
        "* not a list [link](http://x) <b>html</b> `code` _em_ \\ & &amp;\n"
        "> nested?\n"
        "```\n"
        "1. not ordered"
    )
    tokens = parse(export_markdown([bookmark(quote=hostile, article_title="# [x](y) *t*")]))
    opened = [i for i, t in enumerate(tokens) if t.type == "blockquote_open"]
    closed = [i for i, t in enumerate(tokens) if t.type == "blockquote_close"]
    assert len(opened) == len(closed) == 1
    inside = tokens[opened[0] + 1 : closed[0]]
    assert {t.type for t in inside} <= {"paragraph_open", "paragraph_close", "inline"}
    children = {child.type for t in inside for child in t.children or []}
    assert children <= {"text", "softbreak"}
    expected = "\n".join(line.strip() for line in hostile.split("\n"))
    assert blockquote_texts(tokens) == [expected]
    assert headings(tokens)[1] == ("h2", "# [x](y) *t*")


def test_an_open_fence_in_a_note_cannot_swallow_the_next_bookmark() -> None:
    items = [bookmark(note="```python\nprint('unfinished')"), bookmark(id=2, article_title="Next")]
    tokens = parse(export_markdown(items))
    assert ("h2", "Next") in headings(tokens)
    assert len(blockquote_texts(tokens)) == 2


def test_orphaned_status_and_control_characters() -> None:
    item = bookmark(quote="a\x1b]2;PWNED\x07b", note="n\x1b[2J")
    markdown = export_markdown([item], {1: Anchor(0, 0, orphaned=True)})
    assert "\x1b" not in markdown and "\x07" not in markdown
    assert "orphaned" in markdown
    assert blockquote_texts(parse(markdown)) == ["ab"]


def test_empty_export() -> None:
    assert "No bookmarks" in export_markdown([])
    assert json.loads(export_json([])) == {"version": 1, "bookmarks": []}


def test_json_export_round_trips_every_field() -> None:
    items = [bookmark(note="x", corpus="/corpora/news"), bookmark(id=2, quote="[b]")]
    data = json.loads(export_json(items, {2: Anchor(0, 0, orphaned=True)}))
    assert data["version"] == 1
    assert Bookmark(**data["bookmarks"][0]) == items[0]
    assert data["bookmarks"][0]["corpus"] == "/corpora/news"
    assert data["bookmarks"][1]["corpus"] == ""
    assert data["bookmarks"][1]["orphaned"] is True
    assert data["bookmarks"][1]["quote"] == "[b]"
