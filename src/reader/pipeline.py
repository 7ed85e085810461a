"""From a decoded file to a cleaned ``Article``.

Parsing is split in two steps because boilerplate classification needs the
whole corpus: the first step (``parse``) splits blocks and finds the title and
language of one file; once every file's blocks are counted in ``LineStats``,
the second (``finish``) classifies blocks and reads metadata.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from reader.blocks import split_blocks
from reader.ingest import SourceFile
from reader.lang import detect_language
from reader.metadata import extract_metadata, split_title_prefix
from reader.models import Article, Block

if TYPE_CHECKING:  # cleaning (numpy) loads only when a file is cleaned, not on every reopening
    from reader.cleaning import LineStats

_NUMBERED_STEM = re.compile(r"^(?P<prefix>.*?[A-Za-z].*?)[-_]\d+$")


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


def article_id(relpath: str) -> str:
    """Stable id: from the path inside the corpus folder, so it survives moves of the folder."""
    return hashlib.sha1(relpath.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def relative_path(path: Path, root: Path) -> str:
    """The path inside the corpus folder, as text that SQLite and JSON can store.

    Bytes of a file name that are not UTF-8 are shown as ``\\xff`` escapes
    (the same name always gives the same text, so ids stay stable). A path
    already under ``root`` is taken as it stands: resolving each of 10,000
    files costs more than half a second on every reopening.
    """
    text, prefix = str(path), str(root).rstrip(os.sep) + os.sep
    if os.sep == "/" and text.startswith(prefix):  # the common case, without pathlib
        return _storable(text[len(prefix) :])
    try:
        relpath = PurePosixPath(path.relative_to(root)).as_posix()
    except ValueError:
        resolved = path.resolve()
        try:
            relpath = PurePosixPath(resolved.relative_to(root)).as_posix()
        except ValueError:
            relpath = resolved.as_posix()
    return _storable(relpath)


def _storable(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def guess_source(relpath: str, root_name: str) -> str:
    """The site or collection an article came from, when a manifest does not say.

    A subfolder names it (``lemonde/…``); else a numbered file name's stem
    (``fr-be-dh-0516.txt`` → ``fr-be-dh``); else the corpus folder's name.
    """
    parts = PurePosixPath(relpath).parts
    if len(parts) > 1:
        return parts[0]
    match = _NUMBERED_STEM.match(PurePosixPath(relpath).stem)
    return match.group("prefix") if match else root_name


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
        parsed.text, blocks, lang=parsed.lang, stats=stats, line_hashes=parsed.line_hashes
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
    if not blocks or blocks[0].kind != "title":
        return "", None, {}
    prefix, title, told = split_title_prefix(blocks[0].text)
    return title.strip(), prefix, told
