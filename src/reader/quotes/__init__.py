"""Direct quotations of articles: where they are, who speaks, how they are attributed.

``find_quotes`` reads a text with its entities; ``article_quotes`` reads an
article's clean text and gives offsets into ``Article.text``. Everything is
rules over the text and the entities (no parser), so it costs little next to
the entity model.
"""

from reader.quotes.extract import article_quotes, find_quotes
from reader.quotes.models import Quote

__all__ = ["Quote", "article_quotes", "find_quotes"]
