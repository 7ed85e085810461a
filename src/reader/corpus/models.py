"""Plain data shared by every part of reader's core.

Every character offset in these classes points into ``Article.text``: the
file's text as reader decodes it (NFC, ``\\n`` newlines, control characters
removed). The clean text is derived from it, and ``Article.clean_to_text``
maps clean offsets back, so search hits, entities, stripped blocks and
bookmarks all share one coordinate system.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field
from functools import cached_property
from typing import Any

#: Why a block or span is not article text (taxonomy of seeds-annotations.json).
REASONS: dict[str, str] = {
    "duplicate": "repeats another block of the same article",
    "caption": "photo caption or photo credit",
    "related-link": "link to another article",
    "site-chrome": "navigation, widget titles and separators of the web page",
    "comments": "comment form and comment widget text",
    "meta-widget": "reading time, rating, 'modified on' and similar widgets",
    "byline": "author line or author biography",
    "update-note": "agency update marker or note about what an update added",
    "attribution": "agency attribution or reporting credits",
}

#: Block kinds produced by the splitter.
BLOCK_KINDS = ("title", "paragraph", "heading", "list", "quote", "code")


@dataclass(frozen=True, slots=True)
class StrippedSpan:
    """A piece of boilerplate inside a block that is otherwise kept."""

    start: int
    end: int
    reason: str


@dataclass(slots=True)
class Block:
    """One block of an article: a paragraph, heading, list item, quote or the title."""

    start: int
    end: int
    text: str
    kind: str = "paragraph"
    line: int = 1
    kept: bool = True
    reason: str | None = None
    spans: list[StrippedSpan] = field(default_factory=list)

    def __reduce__(self):
        """Pickled as one tuple of fields: the text phase sends every block of a corpus
        between processes twice, and a slotted dataclass's own state methods took twice as long."""
        fields = (self.start, self.end, self.text, self.kind, self.line, self.kept, self.reason)
        return Block, (*fields, self.spans)

    def kept_pieces(self) -> list[tuple[int, int]]:
        """The (start, end) ranges of this block that remain once in-line spans are cut."""
        if not self.kept:
            return []
        pieces: list[tuple[int, int]] = []
        cursor = self.start
        for span in sorted(self.spans, key=lambda s: s.start):
            if span.start > cursor:
                pieces.append((cursor, span.start))
            cursor = max(cursor, span.end)
        if cursor < self.end:
            pieces.append((cursor, self.end))
        return pieces


@dataclass(frozen=True, slots=True)
class Damage:
    """A sentence where the scraper dropped link text and left a hole."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Metadata:
    """What the page leftovers tell about an article. Unknown values stay None.

    ``date`` is ISO 8601 and may be partial (``2024``, ``2024-03``); it is never
    a file time. ``title_prefix`` is the metadata prefix removed from the first
    line (``MISE À JOUR 2 – ``), kept verbatim.
    """

    date: str | None = None
    agency: str | None = None
    author: str | None = None
    dateline: str | None = None
    update: str | None = None
    title_prefix: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity mention. ``key`` groups mentions of one entity."""

    text: str
    label: str  # PER, ORG or LOC
    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class Quote:
    """One direct quotation of an article.

    ``start``/``end`` delimit the quoted words (inside the marks) in
    ``Article.text``; for a quotation over several paragraphs they run from
    the first word to the last. ``speaker`` is the fullest name the article
    gives (or the words it uses, ``le communiqué``), None when nobody can be
    told; ``speaker_key`` is the speaker's entity key when the speaker is a
    tagged entity. ``cue`` is the attribution as written (``said``, ``a-t-il
    noté``, ``selon``, ``:``), None when the speaker comes from the context.
    ``partial`` marks a fragment of a few words inside the writer's sentence.
    """

    start: int
    end: int
    text: str
    speaker: str | None
    speaker_key: str | None
    cue: str | None
    partial: bool

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            speaker=data.get("speaker"),
            speaker_key=data.get("speaker_key"),
            cue=data.get("cue"),
            partial=bool(data["partial"]),
        )


@dataclass
class Article:
    """A parsed, cleaned article."""

    id: str
    path: str
    text: str
    title: str
    lang: str
    blocks: list[Block]
    meta: Metadata = field(default_factory=Metadata)
    damage: list[Damage] = field(default_factory=list)
    entities: list[Entity] | None = None  # None until the entity phase has run
    quotes: list[Quote] | None = None  # found with the entities
    source: str | None = None

    @property
    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != "title"]

    @property
    def stripped_blocks(self) -> list[Block]:
        return [b for b in self.blocks if not b.kept]

    @cached_property
    def _clean(self) -> tuple[str, list[int], list[int]]:
        parts: list[str] = []
        clean_starts: list[int] = []
        text_starts: list[int] = []
        length = 0
        for block in self.body_blocks:
            pieces = block.kept_pieces()
            if not pieces:
                continue
            if parts:
                parts.append("\n\n")
                length += 2
            for start, end in pieces:
                clean_starts.append(length)
                text_starts.append(start)
                parts.append(self.text[start:end])
                length += end - start
        return "".join(parts), clean_starts, text_starts

    @property
    def clean_text(self) -> str:
        """Kept body blocks, in-line boilerplate cut, joined by blank lines."""
        return self._clean[0]

    def clean_to_text(self, offset: int) -> int:
        """Map an offset into ``clean_text`` to the same character in ``text``."""
        _, clean_starts, text_starts = self._clean
        if not clean_starts:
            return 0
        index = max(bisect_right(clean_starts, offset) - 1, 0)
        return text_starts[index] + (offset - clean_starts[index])

    def clean_range_to_text(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty range of ``clean_text`` to ``text``."""
        return self.clean_to_text(start), self.clean_to_text(max(end - 1, start)) + 1

    def entity_from_clean(self, entity: Entity) -> Entity:
        """An entity found in ``clean_text``, moved to ``text`` offsets."""
        start, end = self.clean_range_to_text(entity.start, entity.end)
        return Entity(text=entity.text, label=entity.label, start=start, end=end, key=entity.key)
