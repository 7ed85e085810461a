"""From a decoded file to a cleaned ``Article``.

Parsing is split in two steps because boilerplate classification needs the
whole corpus: the first step (``parse``) splits blocks and finds the title and
language of one file; once every file's blocks are counted in ``LineStats``,
the second (``finish``) classifies blocks and reads metadata.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reader.corpus.blocks import split_blocks
from reader.corpus.ingest import SourceFile
from reader.corpus.lang import detect_language, too_little_to_tell
from reader.corpus.models import Article, Block
from reader.metadata import derived_title, extract_metadata, split_title_prefix

if TYPE_CHECKING:  # cleaning (numpy) loads only when a file is cleaned, not on every reopening
    from reader.cleaning import LineStats


@dataclass(slots=True)
class ParsedFile:
    """A file split into blocks, before the corpus-wide cleaning step."""

    id: str
    relpath: str
    text: str
    blocks: list[Block]
    lang: str
    source: str | None
    content_hash: str
    #: ``line_hash`` of each of ``block_texts``: computed where the file is read (a
    #: worker), for the corpus statistics and the cleaning step alike.
    line_hashes: list[int]

    def __reduce__(self):
        """Pickled as one tuple of fields, as ``Block`` is (see there)."""
        fields = (self.id, self.relpath, self.text, self.blocks, self.lang, self.source)
        return ParsedFile, (*fields, self.content_hash, self.line_hashes)

    @property
    def short(self) -> bool:
        """Too little text to tell its language (its source may lend one)."""
        return too_little_to_tell(self.text)

    @property
    def chars(self) -> int:
        return len(self.text)

    @property
    def counted_hashes(self) -> array:
        """What ``LineStats`` keeps of this file (``cleaning.stats.counted_hashes`` of its
        body blocks), for ``LineStats.add_counted``."""
        from reader.cleaning.stats import counted_hashes

        return counted_hashes(block_texts(self), self.line_hashes, self.source)


class ReadFile(Protocol):
    """What the text phase's parent needs of a file it had read: a ``ParsedFile``, or the
    summary of one that a worker keeps (``indexing.textwork.ParsedRef``)."""

    lang: str

    @property
    def id(self) -> str: ...
    @property
    def relpath(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def content_hash(self) -> str: ...
    @property
    def short(self) -> bool: ...
    @property
    def chars(self) -> int: ...
    @property
    def counted_hashes(self) -> array: ...


def article_id(relpath: str) -> str:
    """Stable id: from the path inside the corpus folder, so it survives moves of the folder."""
    return hashlib.sha1(relpath.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def parse(source: SourceFile, relpath: str, site: str | None) -> ParsedFile:
    from reader.cleaning.stats import line_hash

    blocks = split_blocks(source.text, markdown=source.is_markdown)
    return ParsedFile(
        id=article_id(relpath),
        relpath=relpath,
        text=source.text,
        blocks=blocks,
        lang=detect_language(source.text),
        source=site,
        content_hash=source.content_hash,
        line_hashes=[line_hash(text) for text in body_texts(blocks)],
    )


#: A source whose files are this share of one language lends it to its too-short files.
SOURCE_LANGUAGE_SHARE = 0.9
SOURCE_LANGUAGE_MIN_FILES = 3


#: Per source, how many of its files (among those counted) are of each language.
LanguageCounts = dict[str | None, Counter[str]]


def source_languages(items: Sequence[ReadFile]) -> LanguageCounts:
    """How many of ``items`` each source has in each language, as detected (before lending)."""
    by_source: LanguageCounts = defaultdict(Counter)
    for item in items:
        by_source[item.source][item.lang] += 1
    return by_source


def add_source_languages(counts: LanguageCounts, more: LanguageCounts) -> None:
    for source, languages in more.items():
        counts.setdefault(source, Counter()).update(languages)


def lend_source_languages(items: Sequence[ReadFile], counts: LanguageCounts | None = None) -> None:
    """Give files too short to tell their language the language of their source, when the
    files of the source whose language is told are nearly all of one.

    The files of a source are counted among ``items``, or in ``counts`` when
    given (``source_languages`` of every file of a run read in several waves,
    so that each wave lends as one whole run would). Earnings tables and
    results lists of a wire in English have almost no function words; without
    a language they got no entities.
    """
    by_source = source_languages(items) if counts is None else counts
    for item in items:
        if item.lang != "unknown":
            continue
        languages = by_source.get(item.source, Counter())
        told = languages["fr"] + languages["en"]
        lang = "fr" if languages["fr"] >= languages["en"] else "en"
        if (
            told >= SOURCE_LANGUAGE_MIN_FILES
            and languages[lang] >= SOURCE_LANGUAGE_SHARE * told
            and item.short
        ):
            item.lang = lang


def block_texts(parsed: ParsedFile) -> list[str]:
    return body_texts(parsed.blocks)


def body_texts(blocks: list[Block]) -> list[str]:
    """The texts of the blocks that the corpus statistics count: all but the title."""
    return [block.text for block in blocks if block.kind != "title"]


def finish(parsed: ParsedFile, stats: LineStats | None) -> Article:
    """Classify the blocks, read title and metadata, and build the article."""
    from reader.cleaning import classify_blocks, find_damage

    blocks = parsed.blocks
    classify_blocks(
        parsed.text,
        blocks,
        lang=parsed.lang,
        stats=stats,
        line_hashes=parsed.line_hashes,
        source=parsed.source,
    )
    title, prefix, told = _title(blocks)
    meta = extract_metadata(parsed.text, blocks, parsed.lang)
    if prefix:
        meta.title_prefix = prefix
    meta.date = meta.date or told.get("date")
    meta.update = meta.update or told.get("update")
    return Article(
        id=parsed.id,
        path=parsed.relpath,
        text=parsed.text,
        title=title,
        lang=parsed.lang,
        blocks=blocks,
        meta=meta,
        damage=find_damage(parsed.text, blocks, parsed.lang),
        source=parsed.source,
    )


def _title(blocks: list[Block]) -> tuple[str, str | None, dict]:
    """The title line without its metadata prefix, or a title derived from the first
    body block when the file has no title line."""
    if not blocks:
        return "", None, {}
    if blocks[0].kind != "title":
        return derived_title(blocks[0].text), None, {}
    prefix, title, told = split_title_prefix(blocks[0].text)
    return title.strip(), prefix, told
