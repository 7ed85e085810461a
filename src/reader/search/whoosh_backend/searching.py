"""One search, start to finish: parse, build, rank, count, facet, snippet, suggest."""

from __future__ import annotations

import numpy as np
from whoosh import collectors
from whoosh import query as wq

from ...corpus.lang import detect_language
from ..model import Filters, SearchResults
from ..query import ParsedQuery, parse_query
from .analysis import LANGS
from .build import QueryBuilder
from .docsets import DocnumSet, matching_docnums
from .entindex import EntityView
from .facets import FacetCache
from .highlight import QueryMatcher
from .ranking import LengthCache, rank_all, top_n
from .results import corrected_query, filter_query, make_hit
from .vocab import Expander, Vocabulary

SUGGEST_BELOW = 3
MAX_LIMIT = 1000
STOP_WORDS_ONLY = "the query has only very common words; nothing to search for"


def searched_groups(parsed: ParsedQuery, text: str, present: tuple[str, ...]) -> tuple[str, ...]:
    """The language groups to search: those with articles, and for a passage only its
    own language's when that is clear."""
    groups = present or LANGS
    if parsed.passage:
        lang = detect_language(text)
        if lang in groups:
            return (lang,)
    return groups


def whoosh_query(
    parsed: ParsedQuery, builder: QueryBuilder, text: str = "", present: tuple[str, ...] = LANGS
) -> wq.Query:
    """The whoosh query of a parsed query: ``Every`` for a blank query, a query
    matching nothing when nothing is left to search (``parsed.errors`` says why).
    ``present`` are the language groups that have articles."""
    if parsed.root is None:
        return wq.Every() if parsed.blank else wq.NullQuery
    built = builder.build_all(parsed.root, searched_groups(parsed, text, present))
    parsed.errors.extend(builder.problems())
    if built is None:
        if not parsed.errors:
            parsed.errors.append(STOP_WORDS_ONLY)
        return wq.NullQuery
    return built


def _entity_clauses_only(q: wq.Query) -> bool:
    """Whether every leaf is an entity clause: each hit would score the same constant."""
    leaves = [q] if q.is_leaf() else list(q.leaves())
    return bool(leaves) and all(isinstance(leaf, DocnumSet) for leaf in leaves)


def collect(
    searcher,
    lengths: LengthCache,
    q,
    filt,
    by_date: bool,
    limit: int,
    exclude: int | None = None,
):
    """(top (score, docnum) pairs, all matching docnums), without document ``exclude``.

    Ranked queries score every match at once (see ranking). Date order, and
    a searcher not weighted by BM25F, use whoosh's collector restricted to
    the exact matching set (see docsets), free to skip whatever cannot reach
    the top.
    """
    ranked = None if by_date else rank_all(searcher, lengths, q)
    if ranked is not None:
        ids, scores = ranked
        if filt is not None and ids.size:
            allowed = matching_docnums(searcher, filt)
            keep = np.fromiter((i in allowed for i in ids.tolist()), dtype=bool, count=ids.size)
            ids, scores = ids[keep], scores[keep]
        if exclude is not None:
            keep = ids != exclude
            ids, scores = ids[keep], scores[keep]
        return top_n(ids, scores, limit), set(ids.tolist())
    docnums = _matching_docnums(searcher, q, filt)
    if exclude is not None:
        docnums.discard(exclude)
    if not docnums:
        return [], docnums
    if by_date:
        inner = collectors.SortingCollector("date_sort", limit=limit, reverse=True)
    else:
        inner = collectors.TopCollector(limit=limit)
    outer = collectors.FilterCollector(inner, allow=docnums)
    searcher.search_with_collector(q, outer)
    return outer.results().top_n, docnums


def page_hits(searcher, top, offset: int, limit: int, by_date: bool, matcher: QueryMatcher):
    """The hits of one page of ``top``, with snippets."""
    return [
        make_hit(searcher.stored_fields(docnum), 0.0 if by_date else score, matcher)
        for score, docnum in top[offset : offset + limit]
    ]


def _matching_docnums(searcher, q: wq.Query, filt: wq.Query | None) -> set[int]:
    docs = matching_docnums(searcher, q)
    if filt is not None and docs:
        docs &= matching_docnums(searcher, filt)
    return docs


def _count(
    searcher, builder: QueryBuilder, text: str, filt: wq.Query | None, present: tuple[str, ...]
) -> int:
    q = whoosh_query(parse_query(text), builder, text, present)
    return len(_matching_docnums(searcher, q, filt))


def run_search(
    searcher,
    facets: FacetCache,
    lengths: LengthCache,
    entities: EntityView,
    vocab: Vocabulary,
    text: str,
    filters: Filters | None,
    sort: str,
    limit: int,
    offset: int,
    dates: bool = False,
) -> SearchResults:
    expander = Expander(searcher.reader(), vocab)
    builder = QueryBuilder(expander, entities)
    parsed = parse_query(text or "")
    present = lengths.present_groups(LANGS)
    q = whoosh_query(parsed, builder, text or "", present)
    filt = filter_query(filters, entities) if filters is not None else None
    limit = max(0, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))

    by_date = sort == "date" or parsed.root is None or _entity_clauses_only(q)
    top, docnums = collect(searcher, lengths, q, filt, by_date, max(offset + limit, 1))
    marked = parsed.root
    if parsed.passage:
        from .similar import marked_words

        groups = searched_groups(parsed, text, present)
        marked = marked_words(searcher.reader(), lengths, text, groups)
    hits = page_hits(searcher, top, offset, limit, by_date, QueryMatcher(marked))
    suggestion = None
    if len(docnums) < SUGGEST_BELOW and parsed.root is not None and not parsed.passage:
        fixed = corrected_query(expander, text, parsed.root)
        if fixed and _count(searcher, builder, fixed, filt, present) > len(docnums):
            suggestion = fixed
    return SearchResults(
        query=text,
        hits=hits,
        total=len(docnums),
        facets=facets.counts(docnums),
        dates=facets.date_counts(docnums) if dates else {},
        suggestion=suggestion,
        error=parsed.error,
        order="date" if by_date else "rank",
        passage=parsed.passage,
    )
