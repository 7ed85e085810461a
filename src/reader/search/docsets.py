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

from whoosh import query as wq


def matching_docnums(searcher, q: wq.Query) -> set[int]:
    """Global document numbers of the live documents ``q`` matches."""
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
