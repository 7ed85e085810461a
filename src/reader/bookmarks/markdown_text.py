"""Untrusted text as Markdown that renders back to exactly that text.

A quote must stay verbatim in the export, so only what a Markdown renderer
would misread in its position gets a backslash: ``reuters-17929.txt`` and
``al-Riyadh, "Saudi…."`` are left as they are, while ``*``, ``_`` and ``~``
get one only where they could open or close emphasis or strikethrough, and
``#``, ``>``, ``-``, ``+``, ``1.``, ``===`` or ``~~~`` only at the start of
a line, where they would make a heading, a quote, a list, an underline or a
fence. Backticks, ``[`` (links, images, footnotes), ``<`` before anything
but a space (HTML, autolinks), ``&`` starting an entity, and a ``\\`` that
would escape what follows it are escaped wherever they stand. CommonMark
is the reference; GitHub's tables and strikethrough are covered too.

Every function takes one line (no ``\\n``) that the caller has stripped of
leading and trailing blanks, and that stands between white space (or the
ends of a line) in the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
#: White space as CommonMark defines it (the line's ends count as white space too).
_COMMONMARK_SPACE = frozenset("\t\n\x0b\x0c\r \xa0\u1680\u202f\u205f\u3000") | frozenset(
    chr(code) for code in range(0x2000, 0x200B)
)
_ALWAYS = frozenset("`[")
_ENTITY = re.compile(r"&(?:#[xX]?[0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});")
_DELIMITER_RUN = re.compile(r"\*+|_+|~+")

# Line starts: (pattern, index of the character to escape in the match).
_BLOCK_STARTS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"#{1,6}(?=[ \t]|$)"), 0),  # ATX heading
    (re.compile(r">"), 0),  # block quote
    (re.compile(r"[-+*](?=[ \t]|$)"), 0),  # bullet list item
    (re.compile(r"[0-9]{1,9}[.)](?=[ \t]|$)"), -1),  # ordered list item: escape the . or )
    (re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$"), 0),  # thematic break
    (re.compile(r"(?:=+|-+)[ \t]*$"), 0),  # setext heading underline
    (re.compile(r"~{3,}"), 0),  # fenced code (backticks are always escaped)
)
_CLOSING_HASHES = re.compile(r"(?:^|[ \t])(#+)[ \t]*$")


def escape_inline(text: str, *, pipes: bool = False) -> str:
    """``text`` as inline Markdown (a list item's words, a line of a paragraph).

    ``pipes`` escapes ``|`` too: wanted in a block of several lines, where two
    lines could form a GitHub table.
    """
    return _escaped(text, _inline_positions(text, pipes))


def escape_paragraph_line(text: str, *, pipes: bool = False) -> str:
    """``text`` as one line of a paragraph, which may be its first: line-start markers
    are escaped as well as inline syntax."""
    positions = _inline_positions(text, pipes)
    for pattern, index in _BLOCK_STARTS:
        match = pattern.match(text)
        if match:
            positions.add(match.start() if index == 0 else match.end() + index)
    return _escaped(text, positions)


def escape_heading(text: str) -> str:
    """``text`` as the content of an ATX heading (``## text``): inline syntax escaped, and
    a trailing run of ``#``, which would be taken for the heading's closing sequence."""
    positions = _inline_positions(text, pipes=False)
    closing = _CLOSING_HASHES.search(text)
    if closing:
        positions.add(closing.start(1))
    return _escaped(text, positions)


def _escaped(text: str, positions: set[int]) -> str:
    if not positions:
        return text
    return "".join(f"\\{char}" if index in positions else char for index, char in enumerate(text))


def _inline_positions(text: str, pipes: bool) -> set[int]:
    """Indexes of the characters of ``text`` that need a backslash wherever the line stands."""
    positions: set[int] = set()
    for index, char in enumerate(text):
        following = text[index + 1] if index + 1 < len(text) else ""
        if (
            char in _ALWAYS
            or (char == "\\" and (not following or following in _ASCII_PUNCTUATION))
            or (char == "<" and following.strip() != "")
            or (char == "&" and _ENTITY.match(text, index))
            or (char == "|" and pipes)
        ):
            positions.add(index)
    for run in _DELIMITER_RUN.finditer(text):
        before = text[run.start() - 1] if run.start() > 0 else ""
        after = text[run.end()] if run.end() < len(text) else ""
        if _may_delimit(run.group()[0], before, after):
            positions.update(range(run.start(), run.end()))
    return positions


def _may_delimit(char: str, before: str, after: str) -> bool:
    """Whether a run of ``char`` between ``before`` and ``after`` (``""``: a line's end) can
    open or close emphasis (``*``, ``_``) or strikethrough (``~``).

    The flanking rules of CommonMark, applied under each reading of white space
    (CommonMark's or Unicode's) and of punctuation (with or without symbols) that
    renderers differ on: a run is left alone only when no reading lets it delimit.
    """
    for is_space, is_punctuation in _READINGS:
        space_before, space_after = is_space(before), is_space(after)
        punct_before = not space_before and is_punctuation(before)
        punct_after = not space_after and is_punctuation(after)
        left = not space_after and (not punct_after or space_before or punct_before)
        right = not space_before and (not punct_before or space_after or punct_after)
        if char == "_":
            opens = left and (not right or punct_before)
            closes = right and (not left or punct_after)
        else:
            opens, closes = left, right
        if opens or closes:
            return True
    return False


def _commonmark_space(char: str) -> bool:
    return char == "" or char in _COMMONMARK_SPACE


def _unicode_space(char: str) -> bool:
    return char == "" or char.isspace()


def _punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char).startswith("P")


def _punctuation_or_symbol(char: str) -> bool:
    return _punctuation(char) or unicodedata.category(char).startswith("S")


_READINGS: tuple[tuple[Callable[[str], bool], Callable[[str], bool]], ...] = (
    (_commonmark_space, _punctuation),
    (_commonmark_space, _punctuation_or_symbol),
    (_unicode_space, _punctuation),
    (_unicode_space, _punctuation_or_symbol),
)
