"""Whole index segments written by the text phase's worker processes.

A profile of the text phase at 10,000 articles put most of the parent's time
in whoosh: adding documents to its posting pool and writing the segment at
each commit, all in the one process that holds the index lock, while the
analysed documents it wrote were pickled across from the workers (about
230 MB). Whoosh segments are independent files, so a worker can write a
complete segment of the articles it cleaned, in a scratch index of its own
beside the real one; the parent then only deletes the older versions of
those articles and adds the segment to the index's table of contents
(``WhooshEngine.add_batch``). The workers write under a scratch folder that
the text phase owns, beside the index folder on the same file system, so
adding a segment is a rename, and whoosh's cleanup of unlisted files in the
index folder never sees a segment still being written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..model import IndexDoc
from .analysis import lang_group
from .vocab import WordCollector


@dataclass(slots=True)
class WrittenSegment:
    """A segment written outside the index, and what the parent needs to add it."""

    segment: Any  # whoosh's segment object (picklable)
    folder: Path  # where its files are
    versions: list[tuple[str, str]]  # (id, content hash) by document number
    #: Folded surface words (and their spellings) per language group, see vocab.WordCollector.
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    def files(self) -> list[Path]:
        prefix = f"{self.segment.segment_id()}."
        return [path for path in self.folder.iterdir() if path.name.startswith(prefix)]


@lru_cache(maxsize=4)
def _scratch_index(folder: str):
    """An empty index with the real schema in ``folder``, created once per process."""
    from whoosh import index

    from .schema import build_schema
    from .storage import INDEX_NAME

    Path(folder).mkdir(parents=True, exist_ok=True)
    return index.create_in(folder, build_schema(), indexname=INDEX_NAME)


def worker_folder(scratch: Path) -> Path:
    """This process's own folder under ``scratch`` (two workers never share a scratch index)."""
    return scratch / f"w{os.getpid()}"


def write_segment(folder: Path, docs: Iterable[IndexDoc]) -> WrittenSegment | None:
    """Write ``docs`` as one new segment in ``folder``; None when there are none.

    The documents are numbered in the segment in the order given.
    """
    from .schema import doc_fields
    from .writing import cancel_quietly, open_segment_writer

    writer = open_segment_writer(_scratch_index(str(folder)))
    versions: list[tuple[str, str]] = []
    words = WordCollector()
    try:
        for doc in docs:
            writer.add_document(**doc_fields(doc))
            versions.append((doc.id, doc.content_hash))
            words.add(lang_group(doc.lang), doc.title, doc.body)
        if not versions:
            writer.cancel()
            return None
        segment = writer._finalize_segment()  # what whoosh's own multiprocess writer does
        writer._finish()
    except BaseException:
        cancel_quietly(writer)
        raise
    return WrittenSegment(segment, folder, versions, words.folded())


@dataclass(frozen=True, slots=True)
class SegmentWriter:
    """The engine's ``BatchWriter``: each worker process writes whole segments in a folder
    of its own under ``scratch``."""

    scratch: Path

    def write(self, docs: Iterable[IndexDoc]) -> WrittenSegment | None:
        return write_segment(worker_folder(self.scratch), docs)
