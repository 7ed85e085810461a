"""A person's quotations across an indexed corpus, newest first.

The index finds the articles that quote the person (``said:``, a phrase of
the name's words); the store gives each one's quotations, of which those
whose speaker (name or entity key) the name matches in the same way are
kept. So "Sung" finds what "Sung Tae-yoon" said, as ``said:sung`` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.corpus.models import Article, Quote

if TYPE_CHECKING:
    from reader.indexing.library import Library

#: Articles asked of the index at a time.
PAGE = 100


@dataclass(frozen=True, slots=True)
class QuoteSource:
    """The article a quotation comes from, as a list of quotations shows it."""

    id: str
    path: str
    title: str
    date: str | None
    lang: str

    @classmethod
    def of(cls, article: Article) -> QuoteSource:
        return cls(article.id, article.path, article.title, article.meta.date, article.lang)


def speaker_query(name: str) -> str | None:
    """The query of the articles quoting ``name``: one phrase, so its words are taken
    literally (no operators or wildcards); None when it has no word."""
    if not re.search(r"\w", name):
        return None
    return 'said:"{}"'.format(name.replace('"', " "))


def quotes_by(library: Library, name: str, limit: int) -> list[tuple[QuoteSource, Quote]]:
    """Up to ``limit`` quotations whose speaker ``name`` matches, newest article first,
    each article's in the order of its text."""
    query = speaker_query(name)
    found: list[tuple[QuoteSource, Quote]] = []
    offset = 0
    while query is not None and len(found) < limit:
        results = library.search(query, sort="date", limit=PAGE, offset=offset)
        ids = [hit.id for hit in results.hits]
        articles = {article.id: article for article in library.store.iter_articles(ids)}
        for article_id in ids:
            article = articles.get(article_id)
            if article is not None:
                found.extend(_spoken_by(library, name, article))
        offset += len(ids)
        if not ids or offset >= results.total:
            break
    return found[:limit]


def _spoken_by(library: Library, name: str, article: Article) -> list[tuple[QuoteSource, Quote]]:
    source = QuoteSource.of(article)
    return [
        (source, quote)
        for quote in article.quotes or []
        if any(
            library.engine.name_matches(name, said)
            for said in (quote.speaker, quote.speaker_key)
            if said
        )
    ]
