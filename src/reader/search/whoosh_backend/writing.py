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

import logging
import math
from functools import lru_cache
from operator import itemgetter

log = logging.getLogger(__name__)

#: Memory a writer may fill before whoosh spills postings to disk.
WRITER_LIMIT_MB = 128

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

    kept: list = []
    merge: list = []
    tiers: dict[int, list] = {}
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


#: A term's postings in a segment are stored inside its dictionary entry when
#: there are fewer than this many, instead of as a compressed block of their
#: own: most terms of a text-phase segment occur in a few documents, and their
#: block writes (pickle, zlib, offsets) were about an eighth of writing a
#: segment. Reading them needs no block either.
INLINE_LIMIT = 16


@lru_cache(maxsize=1)
def inlining_codec():
    """Whoosh's codec, with short posting lists inlined (``INLINE_LIMIT``)."""
    from whoosh.codec import whoosh3

    # whoosh-reloaded 2.7.5's postings writer calls ``set_inline``, which its term
    # info names ``set_inlined`` (why inlining is off by default there); and for
    # postings without values (an ID field) it inlines no values at all, which
    # its readers then give as "" where a merge needs None, as blocks give.
    whoosh3.W3TermInfo.set_inline = _set_inline
    return whoosh3.W3Codec(inlinelimit=INLINE_LIMIT)


def _set_inline(terminfo, ids, weights, values) -> None:
    terminfo.set_inlined(ids, weights, values if values else (None,) * len(ids))


def open_writer(ix, **options):
    """A whoosh segment writer that looks document lengths up once per (document, field)
    and inlines short posting lists (``inlining_codec``).

    A subclass rather than a patched instance: an instance attribute pointing
    back at the writer would form a cycle and keep its files open after a
    failed commit until the garbage collector ran.
    """
    from whoosh.writing import SegmentWriter

    class LengthMemoWriter(SegmentWriter):
        merged_readers = False  # whether add_reader put other segments' postings in the pool

        def __init__(self, ix, **kwargs) -> None:
            try:
                super().__init__(ix, **kwargs)
            except BaseException:  # e.g. a full disk: whoosh would keep its lock and files
                _abandon(self)
                raise

        def per_document_reader(self):
            return _MemoLengths(super().per_document_reader())

        def add_reader(self, reader) -> None:
            self.merged_readers = True
            super().add_reader(reader)

        def _flush_segment(self) -> None:
            """Whoosh's, with the postings sorted by ``postings_in_order`` when only
            ``add_document`` filled the pool, or written term by term from a ``TermPool``."""
            self.perdocwriter.close()
            lengths = self.per_document_reader() if self.codec.length_stats else None
            pool = self.pool
            if isinstance(pool, TermPool):
                pool.write(self.fieldwriter, self.schema, lengths)
            else:
                postings = pool.iter_postings() if self.merged_readers else postings_in_order(pool)
                self.fieldwriter.add_postings(self.schema, lengths, postings)
            self.fieldwriter.close()
            if lengths is not None:
                lengths.close()

        def commit(self, mergetype=None, optimize=None, merge=None):
            """Whoosh's commit, with the segments in ``incoming`` added to the index as they are."""
            incoming = getattr(self, "incoming", ())
            if not incoming:
                return super().commit(mergetype, optimize, merge)
            self._check_state()
            final = self._merge_segments(mergetype, optimize, merge)
            if self._added:
                final.append(self._finalize_segment())
            else:
                self._close_segment()
            self._commit_toc(final + list(incoming))
            self._finish()

    options.setdefault("codec", inlining_codec())
    return LengthMemoWriter(ix, **options)


class TermPool:
    """A posting pool that keeps each term's postings together, in memory.

    At 100,000 articles a worker's segment holds about 16,000 articles and
    millions of postings: whoosh's pool spilled them to disk in sorted runs
    past its memory limit and merged the runs back one posting at a time in
    Python. Gathered by term, nothing is sorted but the distinct terms, and
    the field writer is fed term by term (``bench/segment_write.py``: one
    segment of 8,000 articles, 3 alternating pairs, 24.2-31.1 s against
    42.9-48.6 s, median ratio 0.55). Only for segments written whole by
    ``add_document`` (bounded by the text phase's ``segment_chunks``): a
    merge of large segments would hold all their postings in memory.
    """

    def __init__(self) -> None:
        self.terms: dict[tuple[str, bytes], list[tuple]] = {}

    def add(self, item: tuple) -> None:
        """Take whoosh's (field, term bytes, docnum, weight, value bytes), docnums ascending."""
        key = item[0], item[1]
        postings = self.terms.get(key)
        if postings is None:
            self.terms[key] = [item]
        else:
            postings.append(item)

    def write(self, fieldwriter, schema, lengths) -> None:
        """Feed every posting to whoosh's field writer, as its ``add_postings`` would."""
        field_length = lengths.doc_field_length if lengths is not None else lambda _d, _f: 0
        current = None
        for key in sorted(self.terms):
            fieldname, btext = key
            if fieldname != current:
                if current is not None:
                    fieldwriter.finish_field()
                fieldwriter.start_field(fieldname, schema[fieldname])
                current = fieldname
            fieldwriter.start_term(btext)
            add = fieldwriter.add
            for _field, _text, docnum, weight, value in self.terms[key]:
                length = field_length(docnum, fieldname)
                add(docnum, weight, b"" if value is None else value, length)
            fieldwriter.finish_term()
        if current is not None:
            fieldwriter.finish_field()

    def iter_postings(self):
        """The postings in (field, term, docnum) order (for whoosh's own code)."""
        for key in sorted(self.terms):
            yield from self.terms[key]

    def cleanup(self) -> None:
        self.terms = {}


def open_segment_writer(ix):
    """``open_writer`` for a segment written whole, its postings kept by term (``TermPool``)."""
    writer = open_writer(ix, _lk=False)
    writer.pool = TermPool()
    return writer


def postings_in_order(pool) -> list | object:
    """A whoosh posting pool's postings in the order its field writer needs:
    (field, term, document number).

    Whoosh sorts the pool's (field, term, docnum, weight, value) tuples whole,
    comparing field names that are nearly all equal first: 0.6 s of the 2.1 s
    a 1,700-article segment took to flush. When only ``add_document`` filled
    the pool, its postings are already in document order, so two stable sorts
    on the term and then the field give the same order in a third of the time.
    A pool spilled to disk is left to whoosh's merge of its sorted runs.
    """
    if pool.runs:
        return pool.iter_postings()
    postings = pool.current
    postings.sort(key=itemgetter(1))
    postings.sort(key=itemgetter(0))
    return postings


def _abandon(writer) -> None:
    """Close what a writer that failed to start had opened, and release its lock."""
    release_files(writer)
    parts = writer.__dict__
    temp = parts.get("_tempstorage")
    if temp is not None:
        _quietly(temp.destroy)
    lock = parts.get("writelock")
    if lock is not None and getattr(lock, "fd", None) is not None:
        _quietly(lock.release)


def release_files(writer) -> None:
    """Close the files of a writer whose commit or cancel failed (a full disk).

    Whoosh closes a segment's files one after the other and gives up at the
    first error, leaving the rest open until the garbage collector finds
    them (a full disk then cannot even be unmounted). This walks the
    writer's per-document and field writers down to their file objects.
    """
    import gc
    import io

    parts = writer.__dict__
    stack = [(parts.get(name), 0) for name in ("perdocwriter", "fieldwriter", "pool")]
    seen: set[int] = set()
    while stack:
        obj, depth = stack.pop()
        if obj is None or id(obj) in seen or isinstance(obj, (type, str, bytes, int, float)):
            continue
        seen.add(id(obj))
        if isinstance(obj, io.IOBase):
            _quietly(obj.close)
        elif depth < MAX_FILE_DEPTH:
            stack.extend((child, depth + 1) for child in gc.get_referents(obj))


#: How deep ``release_files`` looks (writer -> dict -> wrapper -> dict -> file ...).
MAX_FILE_DEPTH = 10


def _quietly(action) -> None:
    try:
        action()
    except Exception:  # cleaning up after a failure; the first error is what matters
        log.debug("cleanup after a failed writer start failed", exc_info=True)


def cancel_quietly(*writers) -> None:
    for writer in writers:
        if writer.is_closed:
            continue
        try:
            writer.cancel()
        except Exception:  # a writer whose commit failed half-way may not cancel cleanly
            log.debug("cancelling a writer failed", exc_info=True)
            release_files(writer)
            try:
                writer._finish()  # at least release whoosh's lock and temporary files
            except Exception:
                log.debug("releasing a writer failed", exc_info=True)
