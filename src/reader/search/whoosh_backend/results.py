"""Hits, filters and did-you-mean, computed from an open whoosh searcher."""

from __future__ import annotations

import re

from whoosh import query as wq

from ...corpus.lang import detect_language
from ..model import Hit
from ..query import Node as QueryNode
from ..query import Word, positive_leaves
from .analysis import LANGS, WORD_RE, fold_word, lang_group
from .highlight import SNIPPET_SCAN_CHARS, QueryMatcher, make_snippet

SUGGEST_MAX_DIST = 2
MAX_CORRECTIONS = 3
#: Letters French words have and English ones hardly ever do.
_FRENCH_LETTERS = re.compile("[àâæçéèêëîïôœùûüÿ]", re.IGNORECASE)


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


def query_groups(text: str, words: list[str], expander) -> tuple[str, ...]:
    """The language groups a query seems written in: by its stop words, its
    letters, else the groups whose articles hold its known words (all if none)."""
    lang = detect_language(text)
    if lang in LANGS:
        return (lang,)
    if _FRENCH_LETTERS.search(text):
        return ("fr",)
    folded = [fold_word(word) for word in words]
    found = tuple(g for g in LANGS if any(expander.known(word, (g,)) for word in folded))
    return found or LANGS


def corrected_query(expander, text: str, root: QueryNode | None) -> str | None:
    """The query text with unknown plain words replaced by close words of the
    articles in the query's language, as they spell them."""
    words = [
        match.group()
        for leaf in positive_leaves(root)
        if isinstance(leaf, Word) and not (leaf.field or leaf.prefix or leaf.fuzzy)
        for match in WORD_RE.finditer(leaf.text)
        if not match.group()[:1].isdigit()
    ]
    unknown = [w for w in words if len(fold_word(w)) >= 3 and not expander.known(fold_word(w))]
    if not unknown or len(set(unknown)) > MAX_CORRECTIONS:
        return None  # nothing to correct, or too many unknown words to guess well (and cheaply)
    groups = query_groups(text, words, expander)
    replacements: dict[str, str] = {}
    for word in unknown:
        fix = expander.correction(fold_word(word), SUGGEST_MAX_DIST, groups)
        if fix:
            replacements[word] = fix
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
