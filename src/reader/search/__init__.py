"""Full-text search over articles (whoosh behind a small engine-neutral API).

Importing this package does not import whoosh: that happens when an index is
opened, so the rest of the program starts fast and the engine can be swapped.
"""

from .index import SearchIndex
from .model import Filters, Hit, IndexDoc, IndexRebuilt, SearchResults

__all__ = ["Filters", "Hit", "IndexDoc", "IndexRebuilt", "SearchIndex", "SearchResults"]
