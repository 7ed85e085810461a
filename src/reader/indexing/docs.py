"""The search engine's view of an article."""

from __future__ import annotations

from reader.corpus.models import Article
from reader.search.engine import EntityState
from reader.search.model import IndexDoc, IndexQuote


def index_doc(article: Article, entity_state: EntityState, content_hash: str) -> IndexDoc:
    """The document the engine indexes for ``article`` at this content hash."""
    entities: dict[str, list[str]] = {"PER": [], "ORG": [], "LOC": []}
    for entity in article.entities or []:
        names = entities.setdefault(entity.label, [])
        if entity.text not in names:
            names.append(entity.text)
    return IndexDoc(
        id=article.id,
        path=article.path,
        title=article.title,
        lang=article.lang,
        body=article.clean_text,
        date=article.meta.date,
        agency=article.meta.agency,
        author=article.meta.author,
        source=article.source,
        entities=entities,
        content_hash=content_hash,
        entity_state=entity_state,
        quotes=[
            IndexQuote(quote.text, quote.speaker, quote.speaker_key)
            for quote in article.quotes or []
        ],
    )
