"""The text shown in the article pane, and its exact map back to ``Article.text``.

The pane shows the kept body blocks (in-line boilerplate cut), separated by
blank lines; with boilerplate shown, the stripped blocks and spans appear in
place behind a ``⟨reason⟩`` label. Every displayed character either comes
from ``Article.text`` (a *segment*, mapped one to one) or was added by us
(separators, labels; mapped to nothing). Newlines inside a block are shown
as spaces, which keeps the one-to-one map, so a selection in the pane turns
into ``Article.text`` offsets exactly. No Textual here: plain data, easy to test.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from reader.corpus.models import Article, Block
from reader.tui.text import same_length_clean

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Segment:
    """``length`` characters shown at ``display`` that are ``Article.text[text:text+length]``."""

    display: int
    text: int
    length: int


@dataclass(frozen=True, slots=True)
class Styled:
    """A displayed range with a style name (``boilerplate``, ``reason``...)."""

    start: int
    end: int
    name: str


@dataclass(frozen=True, slots=True)
class ShownBlock:
    """Where a block appears in the displayed text."""

    display_start: int
    display_end: int
    block: Block


@dataclass
class ArticleDocument:
    """Displayed text plus the maps between displayed and ``Article.text`` offsets."""

    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    styles: list[Styled] = field(default_factory=list)
    blocks: list[ShownBlock] = field(default_factory=list)

    # building ---------------------------------------------------------------
    def _append_source(self, article_text: str, start: int, end: int) -> None:
        if end <= start:
            return
        piece = same_length_clean(article_text[start:end].replace("\n", " "))
        self.segments.append(Segment(len(self.text), start, end - start))
        self.text += piece

    def _append_synthetic(self, text: str, style: str | None = None) -> None:
        if style:
            self.styles.append(Styled(len(self.text), len(self.text) + len(text), style))
        self.text += text

    def _append_stripped(self, article_text: str, start: int, end: int, reason: str) -> None:
        self._append_synthetic(f"⟨{reason}⟩ ", "reason")
        first = len(self.text)
        self._append_source(article_text, start, end)
        self.styles.append(Styled(first, len(self.text), "boilerplate"))

    # mapping -----------------------------------------------------------------
    def _segment_at_or_after(self, display: int) -> int:
        """Index of the segment holding ``display``, or of the first one after it."""
        index = bisect_right([s.display for s in self.segments], display) - 1
        if index >= 0 and display < self.segments[index].display + self.segments[index].length:
            return index
        return index + 1

    def to_text(self, display: int) -> int | None:
        """The ``Article.text`` offset of a displayed character (None for our own text)."""
        index = self._segment_at_or_after(display)
        if index >= len(self.segments):
            return None
        segment = self.segments[index]
        if segment.display <= display < segment.display + segment.length:
            return segment.text + display - segment.display
        return None

    def range_to_text(self, start: int, end: int) -> tuple[int, int] | None:
        """A displayed range as an ``Article.text`` range, trimmed to source characters."""
        if end <= start:
            return None
        first = self._segment_at_or_after(start)
        last = self._segment_at_or_after(end - 1)
        if last >= len(self.segments) or not self._covers(last, end - 1):
            last -= 1
        if first >= len(self.segments) or last < first:
            return None
        head, tail = self.segments[first], self.segments[last]
        text_start = head.text + max(start - head.display, 0)
        text_end = tail.text + min(end - tail.display, tail.length)
        return (text_start, text_end) if text_end > text_start else None

    def _covers(self, index: int, display: int) -> bool:
        segment = self.segments[index]
        return segment.display <= display < segment.display + segment.length

    def to_display(self, start: int, end: int) -> list[tuple[int, int]]:
        """Where an ``Article.text`` range is shown (possibly several pieces, or none)."""
        shown: list[tuple[int, int]] = []
        for segment in self.segments:
            low = max(start, segment.text)
            high = min(end, segment.text + segment.length)
            if low < high:
                offset = segment.display - segment.text
                shown.append((low + offset, high + offset))
        return shown

    def display_of(self, text_offset: int) -> int | None:
        """The displayed position of an ``Article.text`` offset, or of the next shown one."""
        best: int | None = None
        for segment in self.segments:
            if segment.text <= text_offset < segment.text + segment.length:
                return segment.display + text_offset - segment.text
            if segment.text > text_offset and (best is None or segment.display < best):
                best = segment.display
        return best

    def block_at(self, display: int) -> ShownBlock | None:
        """The block shown at (or just before) a displayed position."""
        found: ShownBlock | None = None
        for shown in self.blocks:
            if shown.display_start <= display:
                found = shown
            else:
                break
        return found


def build_document(article: Article, *, show_boilerplate: bool) -> ArticleDocument:
    """Lay out the article body for display."""
    document = ArticleDocument()
    for block in sorted(article.body_blocks, key=lambda b: b.start):
        if not _is_shown(block, show_boilerplate):
            continue
        if document.text:
            document._append_synthetic(BLOCK_SEPARATOR)
        start = len(document.text)
        _append_block(document, article.text, block, show_boilerplate)
        document.blocks.append(ShownBlock(start, len(document.text), block))
    return document


def _is_shown(block: Block, show_boilerplate: bool) -> bool:
    if block.end <= block.start:
        return False
    if show_boilerplate:
        return True
    return block.kept and bool(block.kept_pieces())


def _append_block(
    document: ArticleDocument, article_text: str, block: Block, show_boilerplate: bool
) -> None:
    if not block.kept:
        document._append_stripped(article_text, block.start, block.end, block.reason or "?")
        return
    cursor = block.start
    for span in sorted(block.spans, key=lambda s: s.start):
        if span.start > cursor:
            document._append_source(article_text, cursor, span.start)
        if show_boilerplate and span.end > max(span.start, cursor):
            if document.text and not document.text.endswith((" ", "\n")):
                document._append_synthetic(" ")
            document._append_stripped(article_text, max(span.start, cursor), span.end, span.reason)
            document._append_synthetic(" ")
        cursor = max(cursor, span.end)
    document._append_source(article_text, cursor, block.end)
