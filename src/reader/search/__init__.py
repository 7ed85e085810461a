"""Full-text search over articles, behind one engine-neutral interface (``engine``).

Importing this package does not import the engine (Whoosh): that happens when
an index is opened, so the rest of the program starts fast.
"""

from __future__ import annotations

from pathlib import Path

from .engine import SearchEngine, SearchEngineError, SearchRequest, SimilarRequest, SortOrder
from .model import Filters, Hit, IndexDoc, IndexQuote, IndexRebuilt, SearchResults


def open_engine(index_dir: Path) -> SearchEngine:
    """The search engine of the corpus whose index folder is ``index_dir``."""
    from .whoosh_backend import open_in

    return open_in(index_dir)


__all__ = [
    "Filters",
    "Hit",
    "IndexDoc",
    "IndexQuote",
    "IndexRebuilt",
    "SearchEngine",
    "SearchEngineError",
    "SearchRequest",
    "SearchResults",
    "SimilarRequest",
    "SortOrder",
    "open_engine",
]
