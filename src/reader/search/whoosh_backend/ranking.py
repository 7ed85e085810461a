"""Ranking of every match at once, with numpy.

Whoosh scores matches one at a time through a tree of Python matcher
objects: at 10,000 articles that loop was most of a query's time (a common
word matches thousands of documents in six fields). Here each word's
posting lists are read block by block into arrays and scored with BM25F
over title and body together (see bm25f), and the query tree is combined
with array operations: a union adds the scores of its parts (a word a
passage repeats counts as often), an intersection adds them over the
common documents, AND NOT keeps the left side's scores, an entity clause
(see docsets.DocnumSet) adds a constant 1 to each of its documents. Parts
this module does not score itself (name fields, ranges, anything unusual)
are scored by whoosh's matcher for that part alone.

Document frequencies are counted over every segment before any score is
computed, so a word's idf does not depend on how the index is split. Ties
rank the lower document number first, as whoosh does.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq

from .bm25f import LengthCache, Scored, TermPostings, bm25f, empty
from .docsets import DocnumSet
from .textterm import TextTerm

__all__ = ["LengthCache", "rank_all", "top_n"]


class _SegmentRanker:
    """Scores a query tree on one segment (document numbers local to it)."""

    def __init__(
        self,
        top,
        sub,
        position: int,
        offset: int,
        cache: LengthCache,
        postings: dict[TextTerm, TermPostings],
        frequencies: dict[TextTerm, int],
    ) -> None:
        self.top = top
        self.sub = sub
        self.reader = sub.reader()
        self.position = position
        self.offset = offset
        self.cache = cache
        self.postings = postings
        self.frequencies = frequencies
        self.context = top.context()

    def score(self, q: wq.Query) -> Scored:
        if isinstance(q, TextTerm):
            return self._text_term(q)
        if q.boost != 1.0:
            return self._by_whoosh(q)
        if isinstance(q, wq.Or) and not q.minmatch and not q.scale:
            parts = [self.score(part) for part in q.subqueries]
            return _sum_union(parts, self.reader.doc_count_all())
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
            return empty()
        return self._by_whoosh(q)

    def _text_term(self, term: TextTerm) -> Scored:
        postings = self.postings[term]
        if not postings.ids.size:
            return empty()
        stats = self.cache.group_stats(term.group)

        def lengths(fieldname: str) -> np.ndarray:
            return self.cache.lengths(self.position, self.reader, fieldname)

        return postings.ids, bm25f(term, postings, self.frequencies[term], stats, lengths)

    def _term(self, fieldname: str, text) -> Scored:
        """A name or facet field's term, scored as whoosh's BM25F scores it."""
        from .bm25f import field_postings

        ids, weights = field_postings(self.sub, self.reader, fieldname, (text,))
        live = self.cache.live(self.position, self.reader)
        if live is not None and ids.size:
            keep = live[ids]
            ids, weights = ids[keep], weights[keep]
        if not self.reader.schema[fieldname].scorable:
            return ids, weights  # whoosh's WeightScorer
        weighting = self.top.weighting
        b = weighting._field_B.get(fieldname, weighting.B)
        k1 = weighting.K1
        idf = self.top.idf(fieldname, text)
        avgfl = self.top.avg_field_length(fieldname) or 1
        lengths = self.cache.lengths(self.position, self.reader, fieldname)
        fl = np.maximum(lengths[ids], 1.0)
        return ids, idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * fl / avgfl)))

    def _by_whoosh(self, q: wq.Query) -> Scored:
        """Whoosh's own matcher for parts scored here only through it (ranges, boosts)."""
        matcher = q.matcher(self.sub, self.context)
        ids: list[int] = []
        scores: list[float] = []
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
        if not ids:
            return empty()
        found = np.array(ids, dtype=np.int64)
        return _sum_union(
            [(found, np.array(scores, dtype=np.float64))], self.reader.doc_count_all()
        )


def _sum_union(parts: list[Scored], size: int) -> Scored:
    """Every document of the parts (of a segment of ``size``), with its scores added."""
    parts = [p for p in parts if p[0].size]
    if not parts:
        return empty()
    if len(parts) == 1:
        ids, scores = parts[0]
        if ids.size < 2 or bool(np.all(ids[1:] > ids[:-1])):
            return parts[0]
    ids = np.concatenate([p[0] for p in parts])
    scores = np.concatenate([p[1] for p in parts])
    if ids.size * 8 > size:  # many postings (a passage): adding into every slot beats sorting
        found = np.flatnonzero(np.bincount(ids, minlength=size))
        return found, np.bincount(ids, weights=scores, minlength=size)[found]
    unique, inverse = np.unique(ids, return_inverse=True)
    return unique, np.bincount(inverse, weights=scores, minlength=unique.size)


def _sum_intersection(parts: list[Scored]) -> Scored:
    if not parts:
        return empty()
    ids, scores = parts[0]
    for other_ids, other_scores in parts[1:]:
        ids, mine, theirs = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
        scores = scores[mine] + other_scores[theirs]
    return ids, scores


def _text_terms(q: wq.Query) -> list[TextTerm]:
    leaves = [q] if q.is_leaf() else list(q.leaves())
    return list(dict.fromkeys(leaf for leaf in leaves if isinstance(leaf, TextTerm)))


def rank_all(searcher, cache: LengthCache, q: wq.Query) -> Scored | None:
    """Global docnums and scores of every live match, or None if not BM25F."""
    from whoosh.scoring import BM25F

    if type(searcher.weighting) is not BM25F:
        return None
    segments = list(enumerate(searcher.leaf_searchers()))
    terms = _text_terms(q)
    postings: list[dict[TextTerm, TermPostings]] = []
    frequencies = dict.fromkeys(terms, 0)
    for position, (sub, _offset) in segments:
        reader = sub.reader()
        live = cache.live(position, reader)
        found = {term: TermPostings.read(term, sub, reader, live, cache.postings) for term in terms}
        for term, term_postings in found.items():
            frequencies[term] += int(term_postings.ids.size)
        postings.append(found)
    found_ids, found_scores = [], []
    for position, (sub, offset) in segments:
        ranker = _SegmentRanker(
            searcher, sub, position, offset, cache, postings[position], frequencies
        )
        ids, scores = ranker.score(q)
        found_ids.append(ids + offset)
        found_scores.append(scores)
    if not found_ids:
        return empty()
    return np.concatenate(found_ids), np.concatenate(found_scores)


def top_n(ids: np.ndarray, scores: np.ndarray, limit: int) -> list[tuple[float, int]]:
    """(score, docnum) of the ``limit`` best, highest score first, then lowest docnum."""
    if ids.size > 4 * limit:
        cutoff = np.partition(scores, ids.size - limit)[ids.size - limit]
        keep = scores >= cutoff
        ids, scores = ids[keep], scores[keep]
    order = np.lexsort((ids, -scores))[:limit]
    return list(zip(scores[order].tolist(), ids[order].tolist(), strict=True))
