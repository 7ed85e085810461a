"""BM25F ranking of every match at once, with numpy, as whoosh would score it.

Whoosh scores matches one at a time through a tree of Python matcher
objects: at 10,000 articles that loop was most of a query's time (a common
word matches thousands of documents in six fields). Here each term's posting
list is read block by block into arrays, scored with whoosh's own BM25F
formula and statistics (idf and average length from the whole index, the
document's stored, byte-quantised field length), and the query tree is
combined with array operations: a union adds the scores of its parts, an
intersection adds them over the common documents, AND NOT keeps the left
side's scores, an entity clause (see docsets.DocnumSet) adds a constant 1
to each of its documents. Parts this module does not score itself (phrases, ranges,
anything unusual) are scored by whoosh's matcher for that part alone.

Scores equal whoosh's up to the order of floating-point additions, so only
documents whose scores tie to the last bit may swap places. Ties rank the
lower document number first, as whoosh does.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq

from .docsets import DocnumSet

Scored = tuple[np.ndarray, np.ndarray]  # (sorted unique docnums, float64 scores)


class LengthCache:
    """Per-document field lengths of each segment, for one searcher generation."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self._lengths: dict[tuple[int, str], np.ndarray] = {}
        self._live: dict[int, np.ndarray | None] = {}

    def lengths(self, position: int, reader, fieldname: str) -> np.ndarray:
        key = (position, fieldname)
        found = self._lengths.get(key)
        if found is None:
            found = self._lengths[key] = _read_lengths(reader, fieldname)
        return found

    def live(self, position: int, reader) -> np.ndarray | None:
        """Which documents of the segment are not deleted (None when none is)."""
        if position not in self._live:
            deleted = reader.deleted_docs_set
            mask = None
            if deleted:
                mask = np.ones(reader.doc_count_all(), dtype=bool)
                mask[np.fromiter(deleted, dtype=np.int64, count=len(deleted))] = False
            self._live[position] = mask
        return self._live[position]


def _length_table() -> np.ndarray:
    from whoosh.util.numeric import byte_to_length

    return np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)


def _read_lengths(reader, fieldname: str) -> np.ndarray:
    """Field length of every document of one segment (1 where none is stored)."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

    size = reader.doc_count_all()
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        return np.ones(size, dtype=np.float64)
    codes = _column_bytes(column, size)
    lengths = _length_table()[codes]
    lengths[codes == 0] = 1.0
    return lengths


def _column_bytes(column, size: int) -> np.ndarray:
    """A one-byte-per-document numeric column, read in one piece when possible."""
    if getattr(column, "_typecode", None) == "B" and column._fixedlen == 1:
        count = min(column._count, size)
        raw = column._dbfile.get(column._basepos, count) if count else b""
        codes = np.full(size, column._default, dtype=np.uint8)
        codes[:count] = np.frombuffer(raw, dtype=np.uint8)
        return codes
    return np.fromiter(column, dtype=np.uint8, count=size)


def _empty() -> Scored:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)


class _SegmentRanker:
    """Scores a query tree on one segment (document numbers local to it)."""

    def __init__(self, top, sub, position: int, offset: int, cache: LengthCache, context) -> None:
        self.top = top
        self.sub = sub
        self.reader = sub.reader()
        self.position = position
        self.offset = offset
        self.cache = cache
        self.context = context
        self.weighting = top.weighting

    def score(self, q: wq.Query) -> Scored:
        if q.boost != 1.0:
            return self._by_whoosh(q)
        if isinstance(q, wq.Or) and not q.minmatch and not q.scale:
            return _sum_union([self.score(part) for part in q.subqueries])
        if isinstance(q, wq.And):
            return _sum_intersection([self.score(part) for part in q.subqueries])
        if isinstance(q, wq.AndNot):
            ids, scores = self.score(q.a)
            if ids.size:
                keep = ~np.isin(ids, self.score(q.b)[0], assume_unique=True)
                ids, scores = ids[keep], scores[keep]
            return ids, scores
        if type(q) is wq.Term:
            return self._term(q.fieldname, q.text)
        if isinstance(q, DocnumSet):  # an entity clause: a constant 1 per match
            ids = q.local(self.offset, self.reader.doc_count_all())
            return ids, np.ones(ids.size, dtype=np.float64)
        if isinstance(q, type(wq.NullQuery)):
            return _empty()
        return self._by_whoosh(q)

    def _term(self, fieldname: str, text) -> Scored:
        from whoosh.codec.whoosh3 import W3LeafMatcher
        from whoosh.matching import ListMatcher
        from whoosh.matching.wrappers import FilterMatcher
        from whoosh.reading import TermNotFound

        try:
            matcher = self.reader.postings(fieldname, text)
        except TermNotFound:
            return _empty()
        leaf = matcher.child if isinstance(matcher, FilterMatcher) else matcher
        if isinstance(leaf, W3LeafMatcher):
            ids, weights = _read_postings(leaf)
        elif type(leaf) is ListMatcher and leaf._weights is not None:  # inlined (writing.py)
            ids = np.asarray(leaf._ids, dtype=np.int64)
            weights = np.asarray(leaf._weights, dtype=np.float64)
        else:
            return self._by_whoosh(wq.Term(fieldname, text))
        live = self.cache.live(self.position, self.reader)
        if live is not None:
            keep = live[ids]
            ids, weights = ids[keep], weights[keep]
        return ids, self._bm25(fieldname, text, ids, weights)

    def _bm25(self, fieldname: str, text, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """whoosh.scoring.BM25F, term by term, in the same order of operations."""
        if not self.reader.schema[fieldname].scorable:
            return weights  # whoosh's WeightScorer
        weighting = self.weighting
        b = weighting._field_B.get(fieldname, weighting.B)
        k1 = weighting.K1
        idf = self.top.idf(fieldname, text)
        avgfl = self.top.avg_field_length(fieldname) or 1
        fl = self.cache.lengths(self.position, self.reader, fieldname)[ids]
        return idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * fl / avgfl)))

    def _by_whoosh(self, q: wq.Query) -> Scored:
        """Whoosh's own matcher for parts scored here only through it (phrases, ranges)."""
        matcher = q.matcher(self.sub, self.context)
        ids: list[int] = []
        scores: list[float] = []
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
        if not ids:
            return _empty()
        found = np.array(ids, dtype=np.int64)
        return _sum_union([(found, np.array(scores, dtype=np.float64))])


def _read_postings(leaf) -> tuple[np.ndarray, np.ndarray]:
    """(docnums, weights as float64) of a whole posting list, block by block."""
    id_blocks, weight_blocks = [], []
    while not leaf._atend and leaf.is_active():
        leaf._read_ids()
        leaf._read_weights()
        id_blocks.append(np.asarray(leaf._ids, dtype=np.int64))
        weight_blocks.append(np.asarray(leaf._weights, dtype=np.float32))
        leaf._next_block()
    if not id_blocks:
        return _empty()
    return np.concatenate(id_blocks), np.concatenate(weight_blocks).astype(np.float64)


def _sum_union(parts: list[Scored]) -> Scored:
    parts = [p for p in parts if p[0].size]
    if not parts:
        return _empty()
    if len(parts) == 1:
        ids, scores = parts[0]
        if ids.size < 2 or bool(np.all(ids[1:] > ids[:-1])):
            return parts[0]
    ids = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    unique, inverse = np.unique(ids, return_inverse=True)
    return unique, np.bincount(inverse, weights=scores, minlength=unique.size)


def _sum_intersection(parts: list[Scored]) -> Scored:
    if not parts:
        return _empty()
    ids, scores = parts[0]
    for other_ids, other_scores in parts[1:]:
        ids, mine, theirs = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
        scores = scores[mine] + other_scores[theirs]
    return ids, scores


def rank_all(searcher, cache: LengthCache, q: wq.Query) -> Scored | None:
    """Global docnums and scores of every live match, or None if not BM25F."""
    from whoosh.scoring import BM25F

    if type(searcher.weighting) is not BM25F:
        return None
    context = searcher.context()
    found_ids, found_scores = [], []
    for position, (sub, offset) in enumerate(searcher.leaf_searchers()):
        ranker = _SegmentRanker(searcher, sub, position, offset, cache, context)
        ids, scores = ranker.score(q)
        found_ids.append(ids + offset)
        found_scores.append(scores)
    if not found_ids:
        return _empty()
    return np.concatenate(found_ids), np.concatenate(found_scores)


def top_n(ids: np.ndarray, scores: np.ndarray, limit: int) -> list[tuple[float, int]]:
    """(score, docnum) of the ``limit`` best, highest score first, then lowest docnum."""
    if ids.size > 4 * limit:
        cutoff = np.partition(scores, ids.size - limit)[ids.size - limit]
        keep = scores >= cutoff
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))[:limit]
    return list(zip(scores[order].tolist(), ids[order].tolist(), strict=True))
