"""Split an article's text into blocks.

Scraped plain text comes in two layouts: paragraphs separated by blank lines,
and one paragraph per line with no blank line at all. In both, a line is the
unit the scraper wrote, and consecutive lines are often unrelated page pieces
(a caption then a credit, a rating then a comment form), so every non-empty
line is a block of its own. The exception is hard-wrapped prose, where a line
that stops mid-sentence continues on the next: those lines are joined.

Markdown files are parsed with markdown-it-py: headings, paragraphs, list
items, quotes and code blocks become blocks.

The first block is the title line (kind ``"title"``), unless it is no title:
the file's only line (scraped dumps often hold a whole article on one line),
a line too long for a headline, or several sentences of prose. It is then
body text like the rest, and the article's title is derived from it (see
``metadata.title.derived_title``). Every block's ``text`` equals
``text[start:end]``, and the text outside blocks is only whitespace.
"""

from __future__ import annotations

import re

from reader.corpus.models import Block

_SENTENCE_END = re.compile(r"[.!?:;…»\"”’)\]]\s*$")
_CONTINUATION_START = re.compile(r"^[a-zà-ÿ]")
_MARKDOWN_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")
_WRAP_MIN = 40
_WRAP_MAX = 100


#: A first line longer than this is no headline (news headlines stay well under 200).
TITLE_MAX_CHARS = 200
#: A first line with this many sentences or more, and longer than ``PROSE_MIN_CHARS``, is prose.
PROSE_MIN_SENTENCES = 3
PROSE_MIN_CHARS = 120
#: The end of a sentence followed by the start of another.
_SENTENCE_BREAK = re.compile(r"[.!?…][»\"”’)]?\s+(?=[«\"“(]?[A-ZÀ-Þ0-9])")


def split_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Blocks of ``text``; the first non-empty one becomes the title when it is one."""
    blocks = _markdown_blocks(text) if markdown else _plain_blocks(text)
    if len(blocks) > 1 and is_title_line(blocks[0].text):
        blocks[0].kind = "title"
    return blocks


def is_title_line(line: str) -> bool:
    """Whether a first line (not the file's only one) can be a headline.

    Headlines may hold two short sentences ("Élections européennes. La gauche
    s'est parlé, et après ?"); a paragraph of prose holds more, and is longer.
    """
    stripped = line.strip()
    if len(stripped) > TITLE_MAX_CHARS:
        return False
    breaks = len(_SENTENCE_BREAK.findall(stripped))
    return breaks + 1 < PROSE_MIN_SENTENCES or len(stripped) <= PROSE_MIN_CHARS


def _line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line number) of each non-empty line, whitespace trimmed."""
    spans = []
    offset = 0
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped), number))
        offset += len(line) + 1
    return spans


def _continues(text: str, current: tuple[int, int, int], following: tuple[int, int, int]) -> bool:
    """True when ``current`` is a hard-wrapped line that goes on in ``following``."""
    start, end, number = current
    if following[2] != number + 1 or end - start < _WRAP_MIN:
        return False
    line = text[start:end]
    nxt = text[following[0] : following[1]]
    return not _SENTENCE_END.search(line) and bool(_CONTINUATION_START.match(nxt))


def _looks_hard_wrapped(spans: list[tuple[int, int, int]]) -> bool:
    """Hard-wrapped prose has no long lines: scraped one-line paragraphs do."""
    lengths = [end - start for start, end, _ in spans if end - start >= _WRAP_MIN]
    if len(lengths) < 3:
        return False
    short = sum(1 for length in lengths if length <= _WRAP_MAX)
    return short >= 0.9 * len(lengths)


def _plain_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    spans = _line_spans(text)
    wrapped = _looks_hard_wrapped(spans)
    index = 0
    while index < len(spans):
        start, end, number = spans[index]
        # The title line is never joined with what follows.
        while (
            wrapped
            and blocks
            and index + 1 < len(spans)
            and _continues(text, spans[index], spans[index + 1])
        ):
            index += 1
            end = spans[index][1]
        blocks.append(Block(start=start, end=end, text=text[start:end], line=number))
        index += 1
    return blocks


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for match in re.finditer("\n", text):
        offsets.append(match.end())
    offsets.append(len(text) + 1)
    return offsets


_MD_KINDS = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "list_item_open": "list",
    "blockquote_open": "quote",
    "fence": "code",
    "code_block": "code",
    "html_block": "paragraph",
}


def _markdown_blocks(text: str) -> list[Block]:
    """Top-level Markdown blocks; list items and quotes are one block each."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    offsets = _line_offsets(text)
    blocks: list[Block] = []
    covered_until = -1
    for token in tokens:
        kind = _MD_KINDS.get(token.type)
        if kind is None or token.map is None:
            continue
        first, last = token.map
        if first < covered_until:
            continue  # a paragraph inside a list item or quote already taken
        covered_until = last
        start = offsets[first]
        end = min(offsets[last] - 1, len(text))
        chunk = text[start:end]
        lead = _MARKDOWN_LEAD.match(chunk) if kind != "code" else None
        start += lead.end() if lead else len(chunk) - len(chunk.lstrip())
        end = start + len(text[start:end].rstrip())
        if end > start:
            blocks.append(
                Block(start=start, end=end, text=text[start:end], kind=kind, line=first + 1)
            )
    return blocks
