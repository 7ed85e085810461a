"""Safe builders for showing untrusted text (articles, titles, file names, queries).

Every piece of text that came from a file or from the user reaches the screen
through these functions: control characters and escape sequences are removed
(``strip_controls``) and the result is wrapped in ``Content``, which Textual
never parses as markup. A title such as ``[@click=app.quit]x[/]`` therefore
shows literally and runs nothing (TEXTUAL_NOTES.md, "Untrusted text").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from textual.content import Content, Span
from textual.style import Style

from reader.corpus.textnorm import BIDI_CONTROLS, CONTROL_CHARS, strip_controls

_LINE_BREAKS = re.compile(r"\s*\n\s*")


def safe(text: str | None) -> Content:
    """Untrusted text as literal Content, controls stripped, newlines kept."""
    return Content(strip_controls(text or ""))


def one_line(text: str | None, limit: int | None = None) -> str:
    """Untrusted text as a single line (controls stripped, line breaks folded)."""
    line = _LINE_BREAKS.sub(" ", strip_controls(text or "")).strip()
    if limit is not None and len(line) > limit:
        line = line[: max(limit - 1, 0)].rstrip() + "…"
    return line


def safe_line(text: str | None, limit: int | None = None, style: str | Style = "") -> Content:
    """Untrusted text as one literal line of Content, optionally styled."""
    content = Content(one_line(text, limit))
    return content.stylize(style) if style else content


def same_length_clean(text: str) -> str:
    """Replace control characters by U+FFFD without changing the length.

    The article pane maps displayed positions to ``Article.text`` offsets one
    to one, so it cannot delete characters; the core already removed controls
    at ingest and this is the second line of defence.
    """
    text = CONTROL_CHARS.sub("\ufffd", text)
    return BIDI_CONTROLS.sub("\ufffd", text)


def highlighted(
    pieces: Iterable[tuple[str, bool]], hit_style: str | Style, limit: int | None = None
) -> Content:
    """A snippet given as (text, matched) pieces, matched words styled, cut at ``limit``."""
    text_parts: list[str] = []
    spans: list[Span] = []
    length = 0
    for piece, matched in pieces:
        piece = _LINE_BREAKS.sub(" ", strip_controls(piece))
        cut = limit is not None and length + len(piece) > limit
        if limit is not None and cut:
            piece = piece[: max(limit - length, 0)].rstrip() + "…"
        if matched and piece:
            spans.append(Span(length, length + len(piece), hit_style))
        text_parts.append(piece)
        length += len(piece)
        if cut:
            break
    return Content("".join(text_parts), spans=spans)


def join(*parts: Content | str, separator: str = "") -> Content:
    """Join our own literal strings and safe Content pieces (no markup parsing)."""
    pieces = [part if isinstance(part, Content) else Content(part) for part in parts]
    return Content(separator).join(pieces)


def display_date(iso: str | None) -> str | None:
    """A stored date for people (``18 Mar 2024``, ``18 Mar (year unknown)``), as the CLI
    shows it too."""
    # Imported when first needed: the metadata package costs ~20 ms of start-up.
    from reader.metadata.dates import human_date

    return human_date(iso)
