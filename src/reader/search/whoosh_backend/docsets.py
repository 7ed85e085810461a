"""The complete set of documents a query matches, by set algebra on its parts.

Counting and faceting need every matching document, ranking only the top
page. Whoosh's scored collection is built for the top page: it replaces a
union's matcher with one that drops the parts too weak to reach the current
top N, so a document found only by a weak part (the French branch of
``gouvernement``, a rare prefix expansion) went missing from the counts.
Reading the parts' posting lists into sets (block by block, without scoring)
and combining them is exact and several times cheaper than scoring every match.
"""

from __future__ import annotations

import numpy as np
from whoosh import query as wq
from whoosh.matching import ListMatcher, NullMatcher


class DocnumSet(wq.Query):
    """A leaf matching given main-index documents, each with a constant score of 1.

    Entity clauses are answered by the entities index (see entindex) and
    arrive here as the global docnums of the articles they match. Whoosh's
    collectors get a list matcher per segment; docsets and ranking read the
    docnums directly.
    """

    def __init__(self, docnums: np.ndarray, key: object = None) -> None:
        self.docnums = np.asarray(docnums, dtype=np.int64)  # sorted, unique, live
        self.key = key
        self.boost = 1.0

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and self.key == other.key
            and np.array_equal(self.docnums, other.docnums)
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.key, self.docnums.size))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.key!r}, {self.docnums.size} docs)"

    def is_leaf(self) -> bool:
        return True

    def estimate_size(self, ixreader) -> int:
        return int(self.docnums.size)

    def local(self, offset: int, size: int) -> np.ndarray:
        """The docnums inside one segment [offset, offset + size), made local to it."""
        lo, hi = np.searchsorted(self.docnums, (offset, offset + size))
        return self.docnums[lo:hi] - offset

    def matcher(self, searcher, context=None):
        offset = 0
        if searcher.has_parent():
            offset = searcher.get_parent()._offset_for_subsearcher(searcher) or 0
        ids = self.local(offset, searcher.doc_count_all()).tolist()
        return ListMatcher(ids) if ids else NullMatcher()


def matching_docnums(searcher, q: wq.Query) -> set[int]:
    """Global document numbers of the live documents ``q`` matches."""
    if isinstance(q, DocnumSet):
        return set(q.docnums.tolist())
    if isinstance(q, wq.Or) and not q.minmatch:
        found: set[int] = set()
        for part in q.subqueries:
            found |= matching_docnums(searcher, part)
        return found
    if isinstance(q, wq.And):
        return _intersection([matching_docnums(searcher, part) for part in q.subqueries])
    if isinstance(q, wq.AndNot):
        found = matching_docnums(searcher, q.a)
        return found - matching_docnums(searcher, q.b) if found else found
    return set(searcher.docs_for_query(q))


def _intersection(sets: list[set[int]]) -> set[int]:
    if not sets:
        return set()
    sets.sort(key=len)
    found = sets[0]
    for other in sets[1:]:
        if not found:
            break
        found = found & other
    return found
