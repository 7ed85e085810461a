"""The Markdown export keeps every field verbatim: rendered back, it reads the same text.

Each field of a bookmark is rendered with markdown-it-py (CommonMark, plus
GitHub's tables and strikethrough) and the text of the rendered heading, list
items and block quote must equal the field as stored (controls stripped, blanks
folded where the export folds them), with no link, emphasis, code or HTML made
out of it.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from bookmark_samples import sample_bookmark as bookmark
from reader.bookmarks import Bookmark, export_markdown
from reader.bookmarks.corpora import corpus_label
from reader.bookmarks.export import one_line
from reader.bookmarks.markdown_text import escape_inline
from reader.corpus.textnorm import strip_controls

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PLAIN_INLINE = {"text", "softbreak"}

#: Pieces Markdown gives a meaning to somewhere, and neighbours that change that meaning.
MARKDOWN_PIECES = (
    *"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
    *(" ", " ", "\t", "\n", "\n", "\xa0", "\u2028", "1", "a", "é", "“", "”", "…", "€"),
    *("amp;", "#x41;", "http://x.org", "www.x.org", "---", "***", "1. ", "# ", "> "),
)
hostile = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_PIECES), st.characters(codec="utf-8")), max_size=30
).map("".join)


def inline_text(token) -> str:
    assert {child.type for child in token.children or []} <= PLAIN_INLINE, token.children
    return "".join("\n" if c.type == "softbreak" else c.content for c in token.children or [])


def rendered_fields(markdown: str) -> dict[str, object]:
    """The text of the one bookmark's heading, list items and block quote paragraphs."""
    tokens = RENDERER.parse(markdown)
    blocks = [t.type for t in tokens if t.level == 0 and t.nesting == 1]
    assert blocks == ["heading_open", "heading_open", "bullet_list_open", "blockquote_open"]
    headings = [tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert [h.tag for h in tokens if h.type == "heading_open"] == ["h1", "h2"]
    fields: dict[str, object] = {"heading": inline_text(headings[1])}
    list_open = next(i for i, t in enumerate(tokens) if t.type == "bullet_list_open")
    list_close = next(i for i, t in enumerate(tokens) if t.type == "bullet_list_close")
    items = [inline_text(t) for t in tokens[list_open:list_close] if t.type == "inline"]
    fields["items"] = items
    quote_open = next(i for i, t in enumerate(tokens) if t.type == "blockquote_open")
    quote_close = max(i for i, t in enumerate(tokens) if t.type == "blockquote_close")
    inside = tokens[quote_open + 1 : quote_close]
    assert {t.type for t in inside} <= {"paragraph_open", "paragraph_close", "inline"}, inside
    fields["quote"] = [inline_text(t) for t in inside if t.type == "inline"]
    return fields


def quote_paragraphs(quote: str) -> list[str]:
    """The paragraphs of a quote as the export writes them: lines stripped, blank lines
    separating paragraphs."""
    paragraphs: list[list[str]] = [[]]
    for line in strip_controls(quote).split("\n"):
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return ["\n".join(lines) for lines in paragraphs if lines]


def check_verbatim(item: Bookmark) -> None:
    fields = rendered_fields(export_markdown([item]))
    title = one_line(item.article_title) or one_line(item.path) or item.article_id
    assert fields["heading"] == title
    expected_items = [
        f"File: {one_line(item.path)}",
        f"Corpus: {one_line(corpus_label(item.corpus))}",
        f"Date: {one_line(item.created)}",
    ]
    if item.tags:
        expected_items.append(f"Tags: {', '.join(one_line(tag) for tag in item.tags)}")
    assert fields["items"] == [item.rstrip() for item in expected_items]  # "File: " is "File:"
    assert fields["quote"] == quote_paragraphs(item.quote)


def test_ordinary_punctuation_is_written_as_it_is() -> None:
    item = bookmark(
        article_title="Saudi Arabia's oil (and gas): 2024's plan - 50% more?",
        path="reuters-17929.txt",
        quote='He told al-Riyadh newspaper, "Saudi…." (AT&T, C:\\data; 3 < 4, e-mail @x!)',
        tags=["oil & gas", "O'Neil"],
        corpus="/corpora/reuters-21578",
    )
    markdown = export_markdown([item])
    assert "## Saudi Arabia's oil (and gas): 2024's plan - 50% more?\n" in markdown
    assert "- File: reuters-17929.txt\n" in markdown
    assert "- Corpus: reuters-21578 (/corpora/reuters-21578)\n" in markdown
    assert "- Date: 2024-03-01T10:00:00+00:00\n" in markdown
    assert "- Tags: oil & gas, O'Neil\n" in markdown
    assert '> He told al-Riyadh newspaper, "Saudi…." (AT&T, C:\\data; 3 < 4, e-mail @x!)' in (
        markdown
    )
    check_verbatim(item)


HOSTILE_QUOTES = [
    "# heading\n## heading ##\n#no heading",
    "> nested\n- item\n+ item\n* item\n1. one\n2) two\n2024. year",
    "***\n---\n___\n* * *\n- - -",
    "Setext\n===\nunderline\n--\nand\n-",
    "```python\ncode\n```\n~~~\nfence\n~~~ info",
    "*em* _em_ **strong** __strong__ ~~struck~~ ~one~ a*b*c snake_case_name",
    "[link](http://x.org) ![image](i.png) [ref] [^1] <http://x.org> <b>bold</b> <!-- c -->",
    "`code` ``double`` a\\*b ends with \\",
    "&amp; &#65; &#x41; &copy; AT&T &nope",
    "a | b\n--|--\n| c | d |",
    "[ref]: http://x.org\n\n[ref]",
    "line  \ntwo spaces then break\\\nbackslash break",
    "    indented code\n\ttab indented",
    "<div>\nhtml block\n</div>",
    "Term\n: definition\n$math$ ^sup^ ==mark==",
    "«guillemets» „Anführung“ — em dash … ellipsis ‘single’",
]


def test_hostile_quotes_titles_paths_and_tags_render_verbatim() -> None:
    for text in HOSTILE_QUOTES:
        check_verbatim(bookmark(quote=text))
        line = one_line(text)
        check_verbatim(bookmark(article_title=line, path=line, tags=[line, "*x*"], corpus=line))


def test_a_title_ending_in_hashes_keeps_them() -> None:
    for title in ("C #", "#", "Issue ##", "###", "# #"):
        check_verbatim(bookmark(article_title=title))


@settings(max_examples=300, deadline=None)
@given(
    title=hostile,
    path=hostile,
    quote=hostile,
    tags=st.lists(hostile, max_size=3),
    corpus=hostile,
)
@example(title="*", path="_", quote="a\n|-\n-", tags=["*", "a*"], corpus="")
@example(title="x", path="x", quote="a|b\n-|-", tags=[], corpus="")
@example(title="x ##", path="&amp;", quote="x\n=", tags=["~~a~~"], corpus="/a/[b](c)")
def test_any_field_renders_back_to_its_text(
    title: str, path: str, quote: str, tags: list[str], corpus: str
) -> None:
    check_verbatim(bookmark(article_title=title, path=path, quote=quote, tags=tags, corpus=corpus))


ORDINARY = st.text(st.sampled_from("abcXYZ019 éç.,;:!?'\"()/-%$@“”…—"), max_size=50)


@given(ORDINARY)
def test_text_without_markdown_syntax_is_left_alone(text: str) -> None:
    assert escape_inline(text) == text
