"""Hits, filters and did-you-mean, computed from an open whoosh searcher."""

from __future__ import annotations

import re

from whoosh import query as wq

from ..model import Hit
from ..query import Node as QueryNode
from ..query import Word, positive_leaves
from .analysis import WORD_RE, fold_word, lang_group
from .highlight import SNIPPET_SCAN_CHARS, QueryMatcher, make_snippet

SUGGEST_MAX_DIST = 2
MAX_CORRECTIONS = 3


def make_hit(fields: dict, score: float, matcher: QueryMatcher) -> Hit:
    body = fields.get("body") or ""
    group = lang_group(fields.get("lang"))
    ranges = matcher.ranges(body, group, limit=SNIPPET_SCAN_CHARS)
    return Hit(
        id=fields.get("id", ""),
        path=fields.get("path", ""),
        title=fields.get("title", ""),
        date=fields.get("date"),
        lang=fields.get("lang", ""),
        source=fields.get("source"),
        agency=fields.get("agency"),
        author=fields.get("author"),
        score=float(score or 0.0),
        snippet=make_snippet(body, ranges),
    )


def corrected_query(expander, text: str, root: QueryNode | None) -> str | None:
    """The query text with unknown plain words replaced by close indexed words."""
    replacements: dict[str, str] = {}
    for leaf in positive_leaves(root):
        if not isinstance(leaf, Word) or leaf.field or leaf.prefix or leaf.fuzzy:
            continue
        for match in WORD_RE.finditer(leaf.text):
            folded = fold_word(match.group())
            if len(folded) < 3 or expander.known(folded):
                continue
            if len(replacements) >= MAX_CORRECTIONS:
                return None  # too many unknown words to guess well (and cheaply)
            fix = expander.correction(folded, SUGGEST_MAX_DIST)
            if fix:
                replacements[match.group()] = fix
    if not replacements:
        return None
    corrected = text
    for wrong, right in replacements.items():
        whole_word = re.compile(rf"(?<!\w){re.escape(wrong)}(?!\w)")
        corrected = whole_word.sub(lambda _m, fix=right: fix, corrected, count=1)  # type: ignore[misc]
    return corrected if corrected != text else None


def filter_query(filters, entities=None) -> wq.Query | None:
    """Whoosh query for the facet/UI filters, or None when nothing is restricted.

    Entity filters are looked up in the entities index through ``entities``
    (an entindex.EntityView); without one they match nothing.
    """
    from ..dates import date_range
    from .build import date_query
    from .entindex import ENTITY_KEY_FIELD

    parts: list[wq.Query] = []
    for label, name in filters.entities or []:
        key = wq.Term(ENTITY_KEY_FIELD, f"{label}\t{name}")
        parts.append(entities.leaf(key) if entities is not None else wq.NullQuery)
    if filters.lang:
        parts.append(wq.Term("lang", filters.lang.lower()))
    if filters.source:
        parts.append(wq.Term("source", filters.source))
    if filters.date_from or filters.date_to:
        bounds = date_range(filters.date_from, filters.date_to)
        if bounds is None:
            parts.append(wq.NullQuery)
        else:
            parts.append(date_query(*bounds))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)
