"""Cheaper whoosh commits: a tiered merge policy and memoised field lengths.

A profile of the text phase at 10,000 articles (20 batches of 500) put
whoosh's commits at over half of the whole run. Two causes:

- whoosh's default policy (MERGE_SMALL) re-merged the growing index into
  the new segment again and again, so most postings were rewritten many
  times. ``tiered_merge`` merges only segments of the same size class, once
  there are ``TIER_WIDTH`` of them (so a posting is rewritten about
  log_8(N / batch) times), and drops or compacts segments whose documents
  were mostly replaced (the entity phase re-adds every article).
- writing a segment's postings asked the per-document length column for the
  length of the posting's document once per posting (millions of calls into
  a pure-Python column reader); ``open_writer``'s writer answers repeats from a dict.
"""

from __future__ import annotations

import math

#: Segments of one size class merged together once there are this many.
TIER_WIDTH = 8
#: A segment with fewer live documents than this share is merged (compacted);
#: one with none left is dropped for free (the entity phase replaces articles
#: in about the order the text phase added them, so its segments empty out).
MIN_LIVE_SHARE = 0.1


def _tier(live_docs: int) -> int:
    return int(math.log(max(live_docs, 1), TIER_WIDTH))


def tiered_merge(writer, segments: list) -> list:
    """Whoosh merge policy: returns the segments kept as they are.

    Segments with no live document are dropped; mostly-deleted ones and full
    size classes are merged into the writer's new segment.
    """
    from whoosh.reading import SegmentReader

    kept, merge, tiers = [], [], {}
    for segment in segments:
        live, total = segment.doc_count(), segment.doc_count_all()
        if live == 0:
            continue
        if total and live / total < MIN_LIVE_SHARE:
            merge.append(segment)
        else:
            tiers.setdefault(_tier(live), []).append(segment)
    for members in tiers.values():
        (merge if len(members) >= TIER_WIDTH else kept).extend(members)
    for segment in merge:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        try:
            writer.add_reader(reader)
        finally:
            reader.close()
    return kept


class _MemoLengths:
    """A per-document reader whose ``doc_field_length`` answers repeats from a dict."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._lengths: dict[tuple[int, str], int | None] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0):
        key = (docnum, fieldname)
        try:
            return self._lengths[key]
        except KeyError:
            value = self._lengths[key] = self._reader.doc_field_length(docnum, fieldname, default)
            return value

    def __getattr__(self, name: str):
        return getattr(self._reader, name)


def open_writer(ix, **options):
    """A whoosh segment writer that looks document lengths up once per (document, field).

    A subclass rather than a patched instance: an instance attribute pointing
    back at the writer would form a cycle and keep its files open after a
    failed commit until the garbage collector ran.
    """
    from whoosh.writing import SegmentWriter

    class LengthMemoWriter(SegmentWriter):
        def per_document_reader(self):
            return _MemoLengths(super().per_document_reader())

    return LengthMemoWriter(ix, **options)
