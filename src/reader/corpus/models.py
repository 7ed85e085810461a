"""Plain data shared by every part of reader's core.

Every character offset in these classes points into ``Article.text``: the
file's text as reader decodes it (NFC, ``\\n`` newlines, control characters
removed). The clean text is derived from it, and ``Article.clean_to_text``
maps clean offsets back, so search hits, entities, stripped blocks and
bookmarks all share one coordinate system.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import asdict, dataclass, field, replace
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
    """A named entity mention. ``key`` groups mentions of one entity.

    ``weight`` and ``strong`` say what the mention tells about its entity's
    type, for the votes that give each entity one type: the weight of its
    label (0 for a mention found only by repeating another), and whether
    evidence beside it decides the type ("Mr", "Party", "à").
    """

    text: str
    label: str  # PER, ORG or LOC
    start: int
    end: int
    key: str
    weight: float = field(default=1.0, compare=False)
    strong: bool = field(default=False, compare=False)


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
    def title_block(self) -> Block | None:
        """The title line, or None when the file has none (``title`` is then derived)."""
        if self.blocks and self.blocks[0].kind == "title":
            return self.blocks[0]
        return None

    @property
    def body_blocks(self) -> list[Block]:
        return [b for b in self.blocks if b.kind != "title"]

    @property
    def stripped_blocks(self) -> list[Block]:
        return [b for b in self.blocks if not b.kept]

    @cached_property
    def _clean(self) -> _Joined:
        return _Joined.of(self.text, self.body_blocks)

    @cached_property
    def _entity_source(self) -> _Joined:
        title = self.title_block
        return _Joined.of(self.text, [title, *self.body_blocks]) if title else self._clean

    @property
    def clean_text(self) -> str:
        """Kept body blocks, in-line boilerplate cut, joined by blank lines."""
        return self._clean.text

    def clean_to_text(self, offset: int) -> int:
        """Map an offset into ``clean_text`` to the same character in ``text``."""
        return self._clean.to_text(offset)

    def clean_range_to_text(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty range of ``clean_text`` to ``text``."""
        return self._clean.range_to_text(start, end)

    @property
    def entity_text(self) -> str:
        """What entities are looked for in: the title line, then ``clean_text``."""
        return self._entity_source.text

    @property
    def entity_body_start(self) -> int:
        """Where ``clean_text`` starts in ``entity_text`` (after the title line)."""
        return len(self.entity_text) - len(self.clean_text)

    def quote_from_source(self, quote: Quote) -> Quote:
        """A quotation found in ``entity_text``, moved to ``text`` offsets."""
        start, end = self._entity_source.range_to_text(quote.start, quote.end)
        return replace(quote, start=start, end=end, text=self.text[start:end])

    def entity_from_source(self, entity: Entity) -> Entity:
        """An entity found in ``entity_text``, moved to ``text`` offsets."""
        start, end = self._entity_source.range_to_text(entity.start, entity.end)
        return replace(entity, start=start, end=end)


@dataclass(frozen=True, slots=True)
class _Joined:
    """The kept pieces of some blocks joined by blank lines, and the map back to ``text``."""

    text: str
    starts: list[int]  # where each piece starts in ``text`` (this one)
    text_starts: list[int]  # and in the article's text

    @classmethod
    def of(cls, article_text: str, blocks: list[Block]) -> _Joined:
        parts: list[str] = []
        starts: list[int] = []
        text_starts: list[int] = []
        length = 0
        for block in blocks:
            pieces = block.kept_pieces()
            if not pieces:
                continue
            if parts:
                parts.append("\n\n")
                length += 2
            for start, end in pieces:
                starts.append(length)
                text_starts.append(start)
                parts.append(article_text[start:end])
                length += end - start
        return cls("".join(parts), starts, text_starts)

    def to_text(self, offset: int) -> int:
        if not self.starts:
            return 0
        index = max(bisect_right(self.starts, offset) - 1, 0)
        return self.text_starts[index] + (offset - self.starts[index])

    def range_to_text(self, start: int, end: int) -> tuple[int, int]:
        return self.to_text(start), self.to_text(max(end - 1, start)) + 1
